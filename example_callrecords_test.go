package alianza_test

import (
	"context"
	"fmt"
	"log"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
)

// A month of an account's call records, page by page, totalled as a
// billing run would: the records rated outside the calling plan carry a
// cost.
func ExampleCallRecordsService_All() {
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

	opts := &alianza.CallRecordSearchOptions{StartDate: "2026-09-01", EndDate: "2026-09-30", MaxResult: 500}
	calls, billed, rated := 0, int64(0), 0
	for r, err := range client.CallRecords.All(ctx, acct.ID, opts) {
		if err != nil {
			log.Fatal(err)
		}
		calls++
		billed += r.BillCallLengthSeconds
		if !r.InPlan {
			rated++
		}
	}
	fmt.Println("calls:", calls)
	fmt.Println("billed minutes > 0:", billed > 0)
	fmt.Println("some rated outside the plan:", rated > 0)
	// Output:
	// calls: 2700
	// billed minutes > 0: true
	// some rated outside the plan: true
}
