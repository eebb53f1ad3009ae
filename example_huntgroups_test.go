package alianza_test

import (
	"context"
	"fmt"
	"log"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
)

// HuntGroups rings a set of business lines for one incoming call, all at
// once or in turn.
func ExampleHuntGroupsService_Create() {
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
	var members []alianza.LinearMember
	for i, name := range []string{"Support 1", "Support 2"} {
		line, err := client.BusinessLines.Create(ctx, acct.ID, &alianza.CreateBusinessLineRequest{Name: name})
		if err != nil {
			log.Fatal(err)
		}
		members = append(members, alianza.LinearMember{BusinessLineID: line.ID, SequenceOrder: i + 1})
	}

	_, err = client.HuntGroups.Create(ctx, acct.ID, &alianza.CreateHuntGroupRequest{
		Name: "Support", PartitionID: acct.PartitionID, AccountID: acct.ID,
		HuntingConfiguration: alianza.HuntingConfiguration{
			Type:               alianza.HuntingConfigurationTypeSequentialHuntingConfiguration,
			RingTimeoutSeconds: 20,
			Members:            members,
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	groups, err := client.HuntGroups.List(ctx, acct.ID)
	if err != nil {
		log.Fatal(err)
	}
	for _, g := range groups {
		fmt.Println(g.Name, g.HuntingConfiguration.Type, len(g.HuntingConfiguration.Members))
	}
	// Output: Support SequentialHuntingConfiguration 2
}
