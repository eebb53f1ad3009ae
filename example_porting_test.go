package alianza_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
)

// exampleCSR is the customer record the losing carrier knows the numbers by.
var exampleCSR = alianza.CustomerServiceRecord{
	FirstName: "John", LastName: "Smith", CustomerType: alianza.CustomerTypeResidential,
	StreetNumber: "333", PreDirectional: "S", StreetName: "520", PostDirectional: "W",
	City: "Lindon", State: "UT", PostalCode: "84042", Country: "USA",
}

// Before porting a customer's number in, ask the carrier whether it can
// come over and on which dates.
func ExamplePrevalidationService_Port() {
	srv, err := alianzatest.Start(alianzatest.WithDemoData())
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	client, err := srv.NewClient()
	if err != nil {
		log.Fatal(err)
	}
	avail, err := client.Prevalidation.Port(context.Background(), &alianza.PortPrevalidationRequest{
		Numbers: []string{"18015551212"}, CustomerServiceRecord: &exampleCSR,
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("can port:", avail.ServiceAvailable)
	fmt.Println("wireless:", avail.WirelessPort)
	fmt.Println("dates offered:", len(avail.AvailabilityList) > 0)
	// Output:
	// can port: true
	// wireless: false
	// dates offered: true
}

// A port request: submitted with the numbers, then followed until the
// carrier confirms the date (FOC), when the numbers can be moved at once.
func ExamplePortsService_Submit() {
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
	const tn = "18015551212"
	avail, err := client.Prevalidation.Port(ctx, &alianza.PortPrevalidationRequest{Numbers: []string{tn}, CustomerServiceRecord: &exampleCSR})
	if err != nil {
		log.Fatal(err)
	}
	act, err := client.Ports.Submit(ctx, acct.ID, &alianza.SubmitPortRequest{
		Numbers: []string{tn}, CustomerServiceRecord: exampleCSR,
		Port: alianza.PortRequest{BillingTelephoneNumber: tn, CrdDate: avail.EarliestDate(),
			PortingWireType: alianza.PortingWireTypeWireline, PortingAuthorizedName: "John Smith"},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("submitted:", act.Port.Status)

	srv.Advance(2 * alianzatest.PortStepDuration) // the fake's carrier moves on
	for event, err := range client.Ports.StatusSearch(ctx, &alianza.StatusSearchOptions{
		AccountID: acct.ID, EventTypes: []alianza.ServiceActivationType{alianza.ServiceActivationTypePortRequest},
	}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println("now:", event.ActivationStatusType)
	}
	if err := client.Ports.Trigger(ctx, acct.ID, act.Port.ID); err != nil {
		log.Fatal(err)
	}
	fmt.Println("triggered")
	// Output:
	// submitted: PORT_PENDING
	// now: FOC_RECEIVED
	// triggered
}

// A job-based export: start it, wait for it with a progress callback, then
// stream its output.
func ExampleJobsService_Wait() {
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
	job, err := client.Reports.StartReport(ctx, "accounts", nil)
	if err != nil {
		log.Fatal(err)
	}
	var seen []alianza.JobStatus
	job, err = client.Jobs.Wait(ctx, job.ID, &alianza.WaitOptions{
		Interval: time.Millisecond,
		Progress: func(j *alianza.Job) {
			seen = append(seen, j.Status)
			srv.Advance(alianzatest.JobPendingFor) // the fake's clock; a real job takes its time
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(seen)
	var out countingWriter
	if err := client.Jobs.Output(ctx, job.ID, &out); err != nil {
		log.Fatal(err)
	}
	fmt.Println("output received:", out > 0)
	// Output:
	// [PENDING IN_PROGRESS IN_PROGRESS DONE]
	// output received: true
}

// countingWriter counts the bytes written to it.
type countingWriter int

func (w *countingWriter) Write(p []byte) (int, error) {
	*w += countingWriter(len(p))
	return len(p), nil
}
