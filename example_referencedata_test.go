package alianza_test

import (
	"context"
	"fmt"
	"log"

	"github.com/go-alianza/alianza/alianzatest"
)

// Reference data is Alianza's fixed lists (languages, time zones, device and
// sidecar types) that a provisioning form offers as choices.
func ExampleReferenceDataService_ListLanguages() {
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

	langs, err := client.ReferenceData.ListLanguages(ctx)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("languages:", len(langs))

	zones, err := client.ReferenceData.GetTimeZones(ctx)
	if err != nil {
		log.Fatal(err)
	}
	n := 0
	for _, group := range zones {
		n += len(group)
	}
	fmt.Println("time zones:", n)
	// Output:
	// languages: 1
	// time zones: 2
}
