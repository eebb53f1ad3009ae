package alianza_test

import (
	"context"
	"fmt"
	"log"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
)

// The business line of Alianza's guide to creating accounts via the API:
// create it, then set its call handling. Alianza's OpenAPI description
// requires the busy and unregistered failover actions and the ring timeout,
// which DefaultCallHandling fills in as the guide's example does: ring
// without a time limit, voicemail when busy or unregistered.
func ExampleBusinessLinesService_UpdateCallHandling() {
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

	line, err := client.BusinessLines.Create(ctx, acct.ID, &alianza.CreateBusinessLineRequest{
		Name:            "West Lobby",
		CallerIDVisible: alianza.Ptr(true),
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(line.Name)

	ch := alianza.DefaultCallHandling()
	ch.RingTimeoutConfiguration = alianza.RingLimited(30, alianza.FailoverForwardTo("18015551212"))
	ch.BusyFailoverAction = alianza.FailoverToBusy()
	if _, err := client.BusinessLines.UpdateCallHandling(ctx, acct.ID, line.ID, ch); err != nil {
		log.Fatal(err)
	}
	got, err := client.BusinessLines.GetCallHandling(ctx, acct.ID, line.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(got.ActiveCallHandling, got.BusyFailoverAction.Type, got.RingTimeoutConfiguration.Type)
	// Output:
	// West Lobby
	// RING_LINE BusyRingFailoverAction LimitedRingTimeoutConfiguration
}
