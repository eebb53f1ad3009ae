package alianza_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log"
	"strings"
	"time"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
)

// Run a CSV report: start its job, wait for it, stream the CSV to a
// writer. Against the fake, the progress callback moves the fake's clock
// so the job moves on at once.
func ExampleReportsService_RunReport() {
	srv, err := alianzatest.Start(alianzatest.WithDemoData())
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	client, err := srv.NewClient()
	if err != nil {
		log.Fatal(err)
	}
	var csv bytes.Buffer
	job, err := client.Reports.RunReport(context.Background(), "accounts", nil, &csv, &alianza.WaitOptions{
		Interval: time.Millisecond,
		Progress: func(j *alianza.Job) { srv.Advance(alianzatest.JobPendingFor) },
	})
	var failed *alianza.JobFailedError
	if errors.As(err, &failed) {
		for _, e := range failed.Errors {
			fmt.Println(e) // line, column, input and message of each error
		}
	}
	if err != nil {
		log.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(csv.String()), "\n")
	fmt.Println(job.Status)
	fmt.Println(lines[0])
	fmt.Println(len(lines)-1, "account(s)")
	// Output:
	// DONE
	// accountId,accountNumber,accountName,status
	// 1 account(s)
}
