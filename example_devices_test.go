package alianza_test

import (
	"context"
	"fmt"
	"log"

	"github.com/go-alianza/alianza/alianzatest"
)

// Devices works on a physical device, named by its MAC address, across all
// of its lines: metadata, provisioning and line imports.
func ExampleDevicesService_GetMetadata() {
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
	lines, err := client.DeviceLines.ListByAccount(ctx, acct.ID)
	if err != nil {
		log.Fatal(err)
	}

	md, err := client.Devices.GetMetadata(ctx, acct.ID, lines[0].MACAddress)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(md.MACAddress, md.ProvisionerType)
	// Output: 0004f2abcdef ALIANZA
}
