package alianza_test

import (
	"context"
	"fmt"
	"log"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
)

// The number activation of Alianza's guide to creating accounts via the API:
// find a number near the validated address, reserve it, add it to the
// account with the address as CSR and 911 address, and route it to a user as
// the user's caller ID.
func ExampleTelephoneNumbersService_AddToAccount() {
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

	addr, err := client.Addresses.Validate(ctx, &alianza.ValidateAddressOptions{
		Address: "333 S 520 W, Lindon, UT", Country: alianza.CountryUSA, PostalCode: "84042",
	})
	if err != nil {
		log.Fatal(err)
	}
	search, err := addr.SearchNearby(1)
	if err != nil {
		log.Fatal(err)
	}
	found, err := client.TelephoneNumbers.Search(ctx, search)
	if err != nil {
		log.Fatal(err)
	}
	tn := found[0].PhoneNumber
	if _, err := client.TelephoneNumbers.Reserve(ctx, tn); err != nil {
		log.Fatal(err)
	}

	csr := addr.CustomerServiceRecord
	csr.CustomerType, csr.BusinessName, csr.Country = alianza.CustomerTypeBusiness, "Demo Business", "USA"
	e911 := addr.E911Address()
	e911.BusinessName = "Demo Business"
	add := alianza.NewAddTelephoneNumbersRequest(csr, tn)
	add.E911Address = &e911
	if _, err := client.TelephoneNumbers.AddToAccount(ctx, acct.ID, add); err != nil {
		log.Fatal(err)
	}

	dest, err := client.TelephoneNumbers.RouteToUser(ctx, acct.ID, tn, users[0].ID, true)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(tn, dest.ReferenceType, dest.AssignAsCallerID)

	numbers, err := client.TelephoneNumbers.List(ctx, acct.ID, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(numbers), "numbers on the account")
	// Output:
	// 18012240823 END_USER true
	// 3 numbers on the account
}
