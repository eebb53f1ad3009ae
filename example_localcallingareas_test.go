package alianza_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"log"

	"github.com/go-alianza/alianza/alianzatest"
)

// LocalCallingAreas exports and imports, as CSV, the prefixes the partition
// treats as local calls.
func ExampleLocalCallingAreasService_GetExportCSV() {
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

	var buf bytes.Buffer
	if err := client.LocalCallingAreas.GetExportCSV(ctx, &buf); err != nil {
		log.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("prefix rows:", len(rows)-1)
	// Output: prefix rows: 1
}
