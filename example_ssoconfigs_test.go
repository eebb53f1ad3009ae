package alianza_test

import (
	"context"
	"fmt"
	"log"

	"github.com/go-alianza/alianza/alianzatest"
)

// SSO configs hold the identity provider settings that single sign-on uses,
// for the whole partition or for one account.
func ExampleSSOConfigsService_ListForPartition() {
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

	configs, err := client.SSOConfigs.ListForPartition(ctx)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("partition SSO configs:", len(configs))
	for _, c := range configs {
		fmt.Println("status:", c.Status)
	}
	// Output:
	// partition SSO configs: 2
	// status: DRAFT
	// status: DRAFT
}
