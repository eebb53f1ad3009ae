package alianza_test

import (
	"context"
	"fmt"
	"log"

	"github.com/go-alianza/alianza"
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

	// ListAll asks for the next page only when the loop gets there, and
	// stops at a page shorter than PageSize.
	nodes, defaults := 0, 0
	for node, err := range client.EdgeNodes.ListAll(ctx, &alianza.EdgeNodesListOptions{PageSize: 100}) {
		if err != nil {
			log.Fatal(err)
		}
		nodes++
		if node.Default {
			defaults++
		}
	}
	fmt.Println("edge nodes:", nodes, "default:", defaults)
	// Output: edge nodes: 1 default: 1
}
