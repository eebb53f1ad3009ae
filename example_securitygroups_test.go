package alianza_test

import (
	"context"
	"fmt"
	"log"

	"github.com/go-alianza/alianza/alianzatest"
)

// Security groups are the partition's roles: named sets of permissions given
// to the users of one user type.
func ExampleSecurityGroupsService_List() {
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

	roles, err := client.SecurityGroups.List(ctx)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("roles:", len(roles))
	for _, r := range roles {
		fmt.Printf("%s role: %d user(s), %d permission(s)\n", r.UserType, r.UserCount, len(r.Permissions))
	}
	// Output:
	// roles: 2
	// AccountUser role: 1 user(s), 1 permission(s)
	// AccountUser role: 1 user(s), 1 permission(s)
}
