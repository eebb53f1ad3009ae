package alianza_test

import (
	"context"
	"fmt"
	"log"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
)

// Rate centers are the local calling areas numbers belong to; a sales tool
// checks one before promising a customer a local number.
func ExampleRateCentersService_Get() {
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

	rc, err := client.RateCenters.Get(ctx, "8015551234")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("service available:", rc.ServiceAvailable)
	fmt.Println("carrier:", rc.InboundCarrierType)

	// The supported rate center nearest to the customer's site.
	near, err := client.RateCenters.GetClosest(ctx, &alianza.RateCentersGetClosestOptions{
		Latitude: 40.332486, Longitude: -111.728156, DistanceUnit: alianza.DistanceUnitMiles,
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("miles away:", near.Distance)
	// Output:
	// service available: false
	// carrier: LEVEL_3
	// miles away: 1.5
}
