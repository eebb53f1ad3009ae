package alianza_test

import (
	"context"
	"fmt"
	"log"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
)

// A calling plan product of the partition, given to a user at once
// (Pending false) instead of at the next billing date.
func ExampleCallingPlansService_Add() {
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

	products, err := client.CallingPlans.ListProducts(ctx, nil)
	if err != nil {
		log.Fatal(err)
	}
	names := map[string]string{}
	var unlimited *alianza.CallingPlanProduct
	for i, p := range products {
		names[p.ID] = p.Name
		if p.UnlimitedDisplay {
			unlimited = &products[i]
		}
	}

	_, err = client.CallingPlans.Add(ctx, acct.ID, &alianza.ModifyCallingPlanRequest{
		ReferenceType:          alianza.CallingPlanReferenceTypeEndUser,
		ReferenceID:            users[0].ID,
		CallingPlanReferenceID: unlimited.ID,
		Pending:                alianza.Ptr(false),
	})
	if err != nil {
		log.Fatal(err)
	}
	plans, err := client.CallingPlans.List(ctx, acct.ID, &alianza.ListCallingPlansOptions{
		ReferenceType: alianza.CallingPlanReferenceTypeEndUser, ReferenceID: users[0].ID,
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, p := range plans {
		// A plan in force has no end date yet.
		fmt.Println(p.ReferenceType, names[p.CallingPlanProductID], p.EndDate.IsZero())
	}
	// Output: END_USER Unlimited true
}
