package alianza_test

import (
	"context"
	"fmt"
	"log"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
)

// Service activations track a number's carrier work (activation, port,
// disconnect), so a CRM can show where an order stands.
func ExampleServiceActivationsService_GetEvent() {
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
	numbers, err := client.TelephoneNumbers.List(ctx, acct.ID, nil)
	if err != nil {
		log.Fatal(err)
	}

	event, err := client.ServiceActivations.GetEvent(ctx, acct.ID, numbers[0].PhoneNumber,
		alianza.ServiceActivationTypeActivation)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("reference:", event.ReferenceType)
	fmt.Println("status:", event.ActivationStatusType)
	// Output:
	// reference: TELEPHONE
	// status: PENDING
}
