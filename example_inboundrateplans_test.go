package alianza_test

import (
	"context"
	"fmt"
	"log"

	"github.com/go-alianza/alianza/alianzatest"
)

// InboundRatePlans reads the partition's inbound rate plans, which price
// and allow incoming calls by category.
func ExampleInboundRatePlansService_List() {
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

	plans, err := client.InboundRatePlans.List(ctx)
	if err != nil {
		log.Fatal(err)
	}
	live := 0
	for _, p := range plans {
		if !p.Archived {
			live++
		}
	}
	fmt.Println("rate plans:", len(plans), "not archived:", live)
	// Output: rate plans: 1 not archived: 0
}
