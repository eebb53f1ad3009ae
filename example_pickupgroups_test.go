package alianza_test

import (
	"context"
	"fmt"
	"log"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
)

// Pickup groups let a user answer a call ringing on a colleague's phone in
// the same group.
func ExamplePickupGroupsService_Create() {
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

	group, err := client.PickupGroups.Create(ctx, acct.ID, &alianza.CreatePickupGroupRequest{
		Name: alianza.Ptr("Front desk"),
	})
	if err != nil {
		log.Fatal(err)
	}
	got, err := client.PickupGroups.Get(ctx, acct.ID, group.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("found:", got.ID == group.ID)
	if err := client.PickupGroups.Delete(ctx, acct.ID, group.ID); err != nil {
		log.Fatal(err)
	}
	fmt.Println("deleted")
	// Output:
	// found: true
	// deleted
}
