package alianza_test

import (
	"context"
	"fmt"
	"log"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
)

// CallParkingSpots keeps an account's numbered spots where a call can be
// parked and picked up from another phone.
func ExampleCallParkingSpotsService_Create() {
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

	spot, err := client.CallParkingSpots.Create(ctx, acct.ID, &alianza.CreateCallParkingSpotRequest{
		Name:       alianza.Ptr("Lobby"),
		SpotNumber: alianza.Ptr("701"),
	})
	if err != nil {
		log.Fatal(err)
	}
	got, err := client.CallParkingSpots.Get(ctx, acct.ID, spot.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(got.ID == spot.ID, got.AccountID == acct.ID)
	// Output: true true
}
