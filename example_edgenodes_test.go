package alianza_test

import (
	"context"
	"fmt"
	"log"

	"github.com/go-alianza/alianza/alianzatest"
)

// EdgeNodes manages the partition's edge nodes, the on-premises proxies
// devices register through, and which device uses which node.
func ExampleEdgeNodesService_ListAll() {
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

	// ListAll asks for the next page only when the loop gets there.
	for node, err := range client.EdgeNodes.ListAll(ctx, nil) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(node.DisplayName, node.AuthToken)
	}
	// Output: company12 REDACTED
}
