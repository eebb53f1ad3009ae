package alianza_test

import (
	"context"
	"fmt"
	"log"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
)

// Specialty lines are lines with no user behind them (elevator, alarm panel,
// door phone), each on one port of an adapter.
func ExampleSpecialtyLinesService_Create() {
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
	numbers, err := client.TelephoneNumbers.List(ctx, acct.ID, nil)
	if err != nil {
		log.Fatal(err)
	}
	plans, err := client.CallingPlans.ListProducts(ctx, nil)
	if err != nil {
		log.Fatal(err)
	}

	line, err := client.SpecialtyLines.Create(ctx, acct.ID, &alianza.CreateSpecialtyLineRequest{
		Name:               "Elevator C",
		CallerID:           numbers[0].PhoneNumber,
		E911CallbackNumber: numbers[0].PhoneNumber,
		CallingPlanIDs:     []string{plans[0].ID},
		PortNumber:         alianza.Ptr(1),
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("on port:", line.PortNumber)
	fmt.Println("in the account:", line.AccountID == acct.ID)
	// Output:
	// on port: 1
	// in the account: true
}
