package alianza_test

import (
	"context"
	"fmt"
	"log"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
)

// Virtual fax lines receive faxes on a number and deliver them by email.
func ExampleVirtualFaxService_Create() {
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

	line, err := client.VirtualFax.Create(ctx, acct.ID, &alianza.CreateVirtualFaxLineRequest{
		Name:           alianza.Ptr("Billing fax"),
		EmailAddresses: []string{"billing@example.com"},
		LanguageTag:    alianza.Ptr("en-US"),
	})
	if err != nil {
		log.Fatal(err)
	}
	got, err := client.VirtualFax.Get(ctx, acct.ID, line.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("found:", got.ID == line.ID)
	fmt.Println("in the account:", got.AccountID == acct.ID)
	// Output:
	// found: true
	// in the account: true
}
