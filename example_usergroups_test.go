package alianza_test

import (
	"context"
	"fmt"
	"log"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
)

// User groups gather an account's users (a department, a site) so settings
// and paging or pickup groups can refer to them together.
func ExampleUserGroupsService_GetSettings() {
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

	group, err := client.UserGroups.GetSettings(ctx, &alianza.UserGroupsGetSettingsOptions{
		PartitionID: acct.PartitionID, AccountID: acct.ID,
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(group.GroupName+":", group.GroupDescription)
	// Output:
	// Group Name: Group Description
}
