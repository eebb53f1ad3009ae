package alianza_test

import (
	"context"
	"fmt"
	"log"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
)

// The user of Alianza's guide to creating accounts via the API, on an
// existing account, then a PATCH that changes one field only.
func ExampleUsersService_Create() {
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

	user, err := client.Users.Create(ctx, acct.ID, &alianza.CreateUserRequest{
		TimeZone:          alianza.TimeZoneUSMountain,
		Username:          alianza.Ptr("jsmith-4000"),
		FirstName:         alianza.Ptr("John"),
		LastName:          alianza.Ptr("Smith"),
		EmailAddress:      alianza.Ptr("john.smith@example.com"),
		UserProductPlan:   alianza.Ptr(alianza.UserProductPlanStandard),
		EndUserType:       alianza.Ptr(alianza.EndUserTypeStandard),
		Extension:         alianza.Ptr("4000"),
		AllowPortalAccess: alianza.Ptr(true),
		BlockEmail:        alianza.Ptr(true), // no welcome email yet
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(user.Username, user.Extension, user.LastName)

	user, err = client.Users.Patch(ctx, acct.ID, user.ID, &alianza.PatchUserRequest{LastName: alianza.Ptr("Smithson")})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(user.Username, user.Extension, user.LastName)

	users, err := client.Users.List(ctx, acct.ID, &alianza.ListUsersOptions{LimitedData: true})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(users), "users")
	// Output:
	// jsmith-4000 4000 Smith
	// jsmith-4000 4000 Smithson
	// 2 users
}
