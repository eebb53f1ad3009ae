package alianza_test

import (
	"context"
	"fmt"
	"log"

	"github.com/go-alianza/alianza/alianzatest"
)

// SSO exemptions name the users, groups or accounts that may still log in
// with a password where single sign-on is enforced.
func ExampleSSOExemptionsService_ListForAccount() {
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

	exemptions, err := client.SSOExemptions.ListForAccount(ctx, acct.ID)
	if err != nil {
		log.Fatal(err)
	}
	for _, e := range exemptions {
		fmt.Println(e.ExemptionName, e.ExemptionType, len(e.Exemptions))
	}
	// Output:
	// emergency-admins USER 2
	// contractor-group GROUP 1
}
