package alianza_test

import (
	"context"
	"fmt"
	"log"
	"strings"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
)

// DynamicInventory finds numbers in carriers' inventories, beyond the
// partition's own, and orders them for an account.
func ExampleDynamicInventoryService_ListTNSearches() {
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

	found, err := client.DynamicInventory.ListTNSearches(ctx, acct.ID, &alianza.DynamicInventoryListTNSearchesOptions{
		NPA: "801", Qty: 2,
	})
	if err != nil {
		log.Fatal(err)
	}
	// Each carrier answers with its own numbers.
	inArea := true
	for _, carrier := range found {
		for _, tn := range carrier.TNs {
			inArea = inArea && strings.HasPrefix(tn.TN, "801")
		}
	}
	fmt.Println("all in area code 801:", inArea)
	// Output: all in area code 801: true
}
