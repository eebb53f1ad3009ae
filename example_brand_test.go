package alianza_test

import (
	"context"
	"fmt"
	"log"

	"github.com/go-alianza/alianza/alianzatest"
)

// Brand holds the partition's branding of Alianza's applications: one
// settings record per brand.
func ExampleBrandService_List() {
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

	brands, err := client.Brand.List(ctx, nil)
	if err != nil {
		log.Fatal(err)
	}
	enabled, completed := 0, 0
	for _, b := range brands {
		if b.BrandingEnabled {
			enabled++
		}
		if b.BrandingCompleted {
			completed++
		}
	}
	fmt.Printf("%d brands: %d with branding enabled, %d finished\n", len(brands), enabled, completed)
	// Output: 2 brands: 2 with branding enabled, 1 finished
}
