package alianza_test

import (
	"context"
	"fmt"
	"log"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
)

// SIP trunk groups bundle an account's SIP trunks and say where calls go when
// a trunk is unreachable or full.
func ExampleSipTrunkGroupsService_Create() {
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
	trunks, err := client.SipTrunks.List(ctx, acct.ID)
	if err != nil {
		log.Fatal(err)
	}

	group, err := client.SipTrunkGroups.Create(ctx, acct.ID, &alianza.CreateSIPTrunkGroupRequest{
		Name:         "Main office trunks",
		SIPTrunksIDs: []string{trunks[0].ID},
	})
	if err != nil {
		log.Fatal(err)
	}
	rules, err := client.SipTrunkGroups.GetForward(ctx, acct.ID, group.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("unconditional forward to:", rules.UnconditionalForward.ReferenceType)
	fmt.Println("rules of the account:", rules.AccountID == acct.ID)
	// Output:
	// unconditional forward to: SIP_TRUNK
	// rules of the account: true
}
