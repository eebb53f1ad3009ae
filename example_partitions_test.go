package alianza_test

import (
	"context"
	"fmt"
	"log"

	"github.com/go-alianza/alianza/alianzatest"
)

// The partition is the reseller's own tenancy: its status, defaults and the
// carriers its numbers come from.
func ExamplePartitionsService_Get() {
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

	part, err := client.Partitions.Get(ctx)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("status:", part.Status)
	fmt.Println("days before a deleted number is reusable:", part.TNDeleteCooldownDays)

	carriers, err := client.Partitions.ListInboundCarriers(ctx)
	if err != nil {
		log.Fatal(err)
	}
	for _, c := range carriers {
		fmt.Println("inbound carrier:", c.CarrierType)
	}
	// Output:
	// status: ACTIVE
	// days before a deleted number is reusable: 1
	// inbound carrier: LEVEL_3
}
