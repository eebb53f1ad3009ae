package alianza_test

import (
	"context"
	"fmt"
	"log"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
)

// CallerIDMappings sets the caller ID shown for calls a SIP trunk sends
// from a given From number or pattern.
func ExampleCallerIDMappingsService_UpdateMapping() {
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

	// Calls from any 801-555 number show the main line's number.
	if _, err := client.CallerIDMappings.CreateFromNumber(ctx, acct.ID, &alianza.CreateFromTelephoneNumberRequest{FromWildcard: "801555*"}); err != nil {
		log.Fatal(err)
	}
	if _, err := client.CallerIDMappings.CreateCallerID(ctx, acct.ID, &alianza.CreateCustomCallerIDNumberRequest{CustomCallerIDNumber: "18015550100"}); err != nil {
		log.Fatal(err)
	}
	m, err := client.CallerIDMappings.UpdateMapping(ctx, acct.ID, &alianza.UpdateCIDMappingRequest{
		FromWildcard: "801555*", CustomCallerIDNumber: alianza.Ptr("18015550100"),
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(m.AccountID == acct.ID)
	// Output: true
}
