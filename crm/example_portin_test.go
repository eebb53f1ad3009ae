package crm_test

import (
	"context"
	"fmt"
	"log"
	"strings"
	"time"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
	"github.com/go-alianza/alianza/crm"
)

// Port a customer's number in and route it to a user once it arrives.
// Against the fake, each status step moves the fake's clock one port step,
// so the port completes at once; on the platform it takes days, and PortIn
// run again picks it up where it stands.
func ExampleClient_PortIn() {
	srv, err := alianzatest.Start(alianzatest.WithDemoData())
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	api, err := srv.NewClient()
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	acct, err := api.Accounts.GetByNumber(ctx, alianzatest.DemoAccountNumber)
	if err != nil {
		log.Fatal(err)
	}
	users, err := api.Users.List(ctx, acct.ID, nil)
	if err != nil {
		log.Fatal(err)
	}
	c, err := crm.New(api)
	if err != nil {
		log.Fatal(err)
	}
	res, err := c.PortIn(ctx, &crm.PortInSpec{
		AccountID: acct.ID,
		Numbers:   []string{"8015551212"},
		CustomerServiceRecord: alianza.CustomerServiceRecord{
			FirstName: "John", LastName: "Smith", CustomerType: alianza.CustomerTypeResidential,
			StreetNumber: "333", PreDirectional: "S", StreetName: "520", PostDirectional: "W",
			City: "Lindon", State: "UT", PostalCode: "84042", Country: "USA",
		},
		Port:   alianza.PortRequest{PortingWireType: alianza.PortingWireTypeWireline, PortingAuthorizedName: "John Smith"},
		UserID: users[0].ID,
	}, &crm.PortInOptions{PollInterval: time.Millisecond, Progress: func(s crm.Step) {
		if strings.HasPrefix(s.Name, "port ") {
			srv.Advance(alianzatest.PortStepDuration)
		}
	}})
	if err != nil {
		log.Fatal(err)
	}
	for _, s := range res.Steps {
		fmt.Println(strings.ReplaceAll(strings.ReplaceAll(s.Name, res.PortID, "PORT"), users[0].ID, "USER"))
	}
	// Output:
	// prevalidate 18015551212
	// submit port
	// port PORT PENDING
	// port PORT IN_PROGRESS
	// port PORT FOC_RECEIVED
	// port PORT COMPLETED
	// route 18015551212 to user USER
}
