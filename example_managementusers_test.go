package alianza_test

import (
	"context"
	"fmt"
	"log"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
)

// Management users are the partition's own staff logins (support, billing),
// as opposed to the end users of an account.
func ExampleManagementUsersService_Search() {
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

	staff, err := client.ManagementUsers.List(ctx)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("management users:", len(staff))

	// A search pages through the matches, sorted by one column.
	found, err := client.ManagementUsers.Search(ctx, &alianza.ManagementUsersSearchOptions{
		SearchString: "billing", SortColumn: "lastName", MaxResult: 25,
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("matching \"billing\":", found.TotalRecords)
	for _, u := range found.Results {
		fmt.Println("language:", u.LanguageTag)
	}
	// Output:
	// management users: 1
	// matching "billing": 1
	// language: en-US
	// language: en-US
}
