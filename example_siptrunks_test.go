package alianza_test

import (
	"context"
	"fmt"
	"log"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
)

// The SIP trunk of Alianza's SIP trunking guide: create it, forward its
// calls on failure to a number, and check whether the PBX has registered.
func ExampleSipTrunksService_Create() {
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

	trunk, err := client.SipTrunks.Create(ctx, acct.ID, &alianza.CreateSipTrunkRequest{
		TrunkName:         "MAIN-PBX",
		SIPUsername:       "main-pbx-trunk-01",
		SIPPassword:       "TRUNK_PASSWORD",
		ConcurrentCalls:   10,
		ExtensionPatterns: []string{"21XX"},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(trunk.TrunkName, trunk.SIPUsername, trunk.ConcurrentCalls)

	err = client.SipTrunks.UpdateForwarding(ctx, acct.ID, trunk.ID, &alianza.UpdateSipTrunkForwardRulesRequest{
		ForwardOnFailure: []alianza.ForwardReference{{ReferenceType: alianza.ForwardReferenceTypeTelephone, ReferenceID: "18015551212"}},
	})
	if err != nil {
		log.Fatal(err)
	}
	rules, err := client.SipTrunks.GetForwarding(ctx, acct.ID, trunk.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(rules.ForwardOnFailure[0].ReferenceType, rules.ForwardOnFailure[0].ReferenceID)

	reg, err := client.SipTrunks.GetRegistrationStatus(ctx, acct.ID, trunk.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("registered:", reg.Registered)
	// Output:
	// MAIN-PBX main-pbx-trunk-01 10
	// TELEPHONE 18015551212
	// registered: false
}
