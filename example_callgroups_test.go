package alianza_test

import (
	"context"
	"fmt"
	"log"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
)

// CallGroups gathers an account's devices or users into named groups.
func ExampleCallGroupsService_Create() {
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
	lines, err := client.DeviceLines.ListByAccount(ctx, acct.ID)
	if err != nil {
		log.Fatal(err)
	}

	group, err := client.CallGroups.Create(ctx, acct.ID, &alianza.CreateCallGroupRequest{
		Name:      alianza.Ptr("Front desk phones"),
		Type:      alianza.Ptr(alianza.CallGroupTypeDevice),
		MemberIDs: []string{lines[0].ID},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(group.Type, group.AccountID == acct.ID)
	// Output: DEVICE true
}
