package alianza_test

import (
	"context"
	"fmt"
	"log"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
)

// BulkOperations creates users or numbers in bulk: upload the records as a
// collection, then start a job that applies it to an account.
func ExampleBulkOperationsService_CreateJob() {
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

	col, err := client.BulkOperations.CreateCollection(ctx, &alianza.CreateCollectionRequest{
		TransformObjectType: "CreateUserInput",
		TransformObjects: []map[string]any{
			{"firstName": "Ana", "lastName": "Reyes", "username": "ana.reyes@example.com"},
			{"firstName": "Bo", "lastName": "Chen", "username": "bo.chen@example.com"},
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	job, err := client.BulkOperations.CreateJob(ctx, &alianza.CreateBulkOperationJobRequest{
		JobTypeID: "create users", TargetAccountID: acct.ID, InputCollectionID: col.ID,
	})
	if err != nil {
		log.Fatal(err)
	}
	// Poll GetJob until the job has run.
	fmt.Println(job.JobStatus)
	// Output: CREATED
}
