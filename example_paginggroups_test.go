package alianza_test

import (
	"context"
	"fmt"
	"log"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
)

// Paging groups let one extension broadcast an announcement to the phones of
// several user groups at once.
func ExamplePagingGroupsService_Create() {
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

	group, err := client.PagingGroups.Create(ctx, acct.ID, &alianza.CreatePagingGroupRequest{
		Type:      alianza.Ptr(alianza.PagingGroupTypeStandard),
		Name:      alianza.Ptr("Warehouse"),
		Extension: alianza.Ptr("3001"),
	})
	if err != nil {
		log.Fatal(err)
	}
	got, err := client.PagingGroups.Get(ctx, acct.ID, group.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("paging group type:", got.Type)
	fmt.Println("belongs to the account:", got.AccountID == acct.ID)
	// Output:
	// paging group type: STANDARD
	// belongs to the account: true
}
