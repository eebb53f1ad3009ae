package alianza_test

import (
	"context"
	"fmt"
	"log"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
)

// DeviceInventory loads the partition's stock of devices from a file in one
// asynchronous job (and exports or deletes it the same way).
func ExampleDeviceInventoryService_Import() {
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

	// Ask for an upload URL, PUT the inventory CSV there, then import it.
	upload, err := client.Jobs.NewUpload(ctx)
	if err != nil {
		log.Fatal(err)
	}
	job, err := client.DeviceInventory.Import(ctx, &alianza.CreateJobUploadKeyRequest{Key: alianza.Ptr(upload.Key)})
	if err != nil {
		log.Fatal(err)
	}
	// Jobs.Wait follows the job until it is DONE or FAILED.
	fmt.Println(job.Status)
	// Output: PENDING
}
