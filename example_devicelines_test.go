package alianza_test

import (
	"context"
	"fmt"
	"log"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
)

// The device line of Alianza's guide to creating accounts via the API: line
// 1 of a Cisco SPA112 for a user. The SIP credentials come from the device's
// provisioning data, and the password never prints.
func ExampleDeviceLinesService_Create() {
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
	users, err := client.Users.List(ctx, acct.ID, nil)
	if err != nil {
		log.Fatal(err)
	}

	dev, err := client.DeviceLines.Create(ctx, acct.ID, &alianza.CreateDeviceRequest{
		DeviceTypeID:    "SPA112",
		DeviceName:      "Fax line",
		UserID:          users[0].ID,
		LineNumber:      1,
		FaxEnabled:      true,
		MACAddress:      alianza.Ptr("12:34:56:ab:ca:bc"), // sent as 123456ABCABC
		SIPUsername:     alianza.Ptr("smith-fax-line-1"),
		SIPPassword:     "s3cret-SIP-pass",
		EmergencyNumber: alianza.Ptr(users[0].CallerIDConfig.CallerIDNumber),
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(dev.DeviceName, dev.MACAddress)

	data, err := client.DeviceLines.ProvisioningData(ctx, acct.ID, dev.ID)
	if err != nil {
		log.Fatal(err)
	}
	line, _ := data.Line(1)
	fmt.Println(line.SIPUsername, line.SIPPassword)

	// Every line of the account (filterType=ACCOUNT), the demo desk phone
	// included.
	lines, err := client.DeviceLines.ListByAccount(ctx, acct.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(lines), "device lines")
	// Output:
	// Fax line 123456ABCABC
	// smith-fax-line-1 REDACTED
	// 2 device lines
}
