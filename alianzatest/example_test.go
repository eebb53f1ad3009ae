package alianzatest_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
)

// A test starts the fake with alianzatest.NewServer(t); outside a test,
// Start and Close do the same.
func Example() {
	srv, err := alianzatest.Start(alianzatest.WithDemoData())
	if err != nil {
		panic(err)
	}
	defer srv.Close()

	client, err := srv.NewClient()
	if err != nil {
		panic(err)
	}
	token, err := client.Login(context.Background())
	if err != nil {
		panic(err)
	}
	fmt.Println(token.PartitionID == srv.PartitionID(), len(srv.Violations()))
	// Output: true 0
}

// ApplyThenDropNext stores the account and never answers: the SDK reports
// an unknown outcome, and a read shows the create was applied.
func ExampleServer_ApplyThenDropNext() {
	srv, err := alianzatest.Start()
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	method, route, _ := srv.RouteOf("createAccount")
	if err := srv.ApplyThenDropNext(method, route, 1); err != nil {
		panic(err)
	}
	// In process, without a socket; srv.NewClient() alone goes over HTTP.
	client, err := srv.NewClient(alianza.WithHTTPClient(&http.Client{Transport: srv.Transport()}))
	if err != nil {
		panic(err)
	}
	ctx := context.Background()
	_, err = client.Accounts.Create(ctx, &alianza.CreateAccountRequest{
		AccountNumber: "HOME-1", AccountName: "Jane Doe", AccountType: alianza.AccountTypeSimple,
		BillingCycleDay: 1, TimeZone: alianza.TimeZoneUSEastern, DialingBehaviorType: alianza.DialingBehaviorTypeTenDigit,
	})
	fmt.Println(errors.Is(err, alianza.ErrOutcomeUnknown))
	acct, err := client.Accounts.GetByNumber(ctx, "HOME-1")
	fmt.Println(acct.AccountName, err)
	// Output:
	// true
	// Jane Doe <nil>
}

// SetFaultRate answers a tenth of the account reads 503, the same tenth for
// the same seed.
func ExampleServer_SetFaultRate() {
	srv, err := alianzatest.Start()
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	err = srv.SetFaultRate(alianzatest.FaultRate{
		Seed: 42, Fail: 0.1, Header: http.Header{"Retry-After": {"1"}},
		Operations: []string{"retrieveAccount", "getAccounts"},
	})
	fmt.Println(err)
	// Output: <nil>
}
