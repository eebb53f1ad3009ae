package alianza_test

import (
	"context"
	"fmt"
	"log"

	"github.com/go-alianza/alianza/alianzatest"
)

// Cymbus manages the Cymbus groups of a partition and its accounts, and the
// SIP credentials of Cymbus users.
func ExampleCymbusService_GetSIPCredentials() {
	srv, err := alianzatest.Start(alianzatest.WithDemoData())
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	client, err := srv.NewClient()
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	acct, err := client.Accounts.GetByNumber(ctx, alianzatest.DemoAccountNumber)
	if err != nil {
		log.Fatal(err)
	}
	users, err := client.Users.List(ctx, acct.ID, nil)
	if err != nil {
		log.Fatal(err)
	}

	creds, err := client.Cymbus.GetSIPCredentials(ctx, users[0].ID)
	if err != nil {
		log.Fatal(err)
	}
	// The password prints redacted; Reveal gives it to the provisioning code.
	fmt.Println(creds.SIPUsernameLine1 != "", creds.SIPPassword, len(creds.SIPPassword.Reveal()) > 0)
	// Output: true REDACTED true
}
