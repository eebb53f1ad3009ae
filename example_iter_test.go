package alianza_test

import (
	"context"
	"fmt"
	"log"

	"github.com/go-alianza/alianza/alianzatest"
)

// Walking an account's numbers as they arrive, without holding the list:
// memory stays flat for 10 numbers or 100,000. A failure arrives once, as
// the loop's last error.
func ExampleTelephoneNumbersService_ListIter() {
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
	n := 0
	for tn, err := range client.TelephoneNumbers.ListIter(ctx, acct.ID, nil) {
		if err != nil {
			log.Fatal(err)
		}
		n++
		fmt.Println(tn.PhoneNumber, tn.CarrierStatus)
	}
	fmt.Println(n, "numbers")
	// Output:
	// 18017850805 ACTIVE
	// 18017850813 ACTIVE
	// 2 numbers
}
