package alianza_test

import (
	"context"
	"fmt"
	"log"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
)

// IVRs builds an account's auto-attendant menus from components (incoming
// call, menu, directory, ...) and the connections between them.
func ExampleIVRsService_Create() {
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

	// Callers go straight to a dial-by-name directory.
	ivr, err := client.IVRs.Create(ctx, acct.ID, &alianza.CreateIVRRequest{
		Name: "Main menu",
		IVRComponents: []alianza.IVRComponent{
			{ID: "start", Name: "Incoming call", Type: alianza.IVRComponentTypeIncoming},
			{ID: "dir", Name: "Directory", Type: alianza.IVRComponentTypeDirectory, DirectoryDialType: alianza.IVRComponentDirectoryDialTypeName},
		},
		IVRComponentMappings: []alianza.IVRComponentMapping{{FromIVRComponentID: "start", ToIVRComponentID: "dir"}},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(ivr.AccountID == acct.ID, ivr.PartitionID == acct.PartitionID)
	// Output: true true
}
