package alianzatest_test

import (
	"context"
	"fmt"

	"github.com/go-alianza/alianza/alianzatest"
)

// A test starts the fake with alianzatest.NewServer(t); outside a test,
// Start and Close do the same.
func Example() {
	srv, err := alianzatest.Start(alianzatest.WithDemoData())
	if err != nil {
		panic(err)
	}
	defer srv.Close()

	client, err := srv.NewClient()
	if err != nil {
		panic(err)
	}
	token, err := client.Login(context.Background())
	if err != nil {
		panic(err)
	}
	fmt.Println(token.PartitionID == srv.PartitionID(), len(srv.Violations()))
	// Output: true 0
}
