package crm

import (
	"context"
	"net/http"
	"sync"
	"testing"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const deleteNumber = "DELETE /v2/partition/{partitionId}/account/{accountId}/telephonenumber/{tn}"

// accountWithNumbers creates an account holding n numbers from inventory,
// added in one activation.
func accountWithNumbers(t *testing.T, api *alianza.Client, accountNumber string, n int) (*alianza.Account, []string) {
	t.Helper()
	ctx := context.Background()
	a, err := api.Accounts.Create(ctx, &alianza.CreateAccountRequest{
		AccountNumber: accountNumber, AccountName: "Big Office", BillingCycleDay: 1, AccountType: alianza.AccountTypeAdvanced,
		TimeZone: alianza.TimeZoneUSMountain, DialingBehaviorType: alianza.DialingBehaviorTypeTenDigit, ExtensionLength: alianza.Ptr(4),
	})
	require.NoError(t, err)
	found, err := api.TelephoneNumbers.Search(ctx, &alianza.SearchTelephoneNumbersOptions{Type: alianza.TNSearchTypeLatLong, Lat: 40.33, Long: -111.72, MaxResults: n})
	require.NoError(t, err)
	require.Len(t, found, n)
	var tns []string
	for _, f := range found {
		tns = append(tns, f.PhoneNumber)
	}
	_, err = api.TelephoneNumbers.AddToAccount(ctx, a.ID, alianza.NewAddTelephoneNumbersRequest(alianza.CustomerServiceRecord{
		CustomerType: alianza.CustomerTypeBusiness, BusinessName: "Big Office", StreetNumber: "333", StreetName: "520",
		City: "Lindon", State: "UT", PostalCode: "84042", Country: "USA",
	}, tns...))
	require.NoError(t, err)
	return a, tns
}

func TestTeardownFiftyNumbers(t *testing.T) {
	srv := alianzatest.NewServer(t)
	counter := &inFlight{next: http.DefaultTransport}
	api, err := srv.NewClient(alianza.WithHTTPClient(&http.Client{Transport: counter}))
	require.NoError(t, err)
	c, err := New(api)
	require.NoError(t, err)
	a, tns := accountWithNumbers(t, api, "BIG-1", 50)
	require.NoError(t, srv.Delay(http.MethodDelete, "/v2/partition/{partitionId}/account/{accountId}/telephonenumber/{tn}", 5e6))
	counter.max.Store(0)

	var (
		mu       sync.Mutex
		overlap  bool
		busy     bool
		progress []TeardownProgress
	)
	res, err := c.Teardown(context.Background(), ByAccountNumber("BIG-1"), &TeardownOptions{
		Concurrency: 5,
		Progress: func(p TeardownProgress) {
			mu.Lock()
			overlap = overlap || busy
			busy = true
			mu.Unlock()
			progress = append(progress, p)
			mu.Lock()
			busy = false
			mu.Unlock()
		},
	})
	require.NoError(t, err)

	assert.True(t, res.AccountDeleted)
	assert.Equal(t, a.ID, res.AccountID)
	require.Len(t, res.Numbers, 50)
	for _, s := range res.Numbers {
		assert.True(t, s.OK(), s.Name)
	}
	assert.ElementsMatch(t, tns, stepIDs(res.Numbers))
	assert.Equal(t, 50, srv.Calls(deleteNumber))
	assert.Equal(t, 1, srv.Calls("DELETE /v2/partition/{partitionId}/account/{accountId}"))

	assert.False(t, overlap, "progress calls never overlap")
	require.Len(t, progress, 51)
	for i, p := range progress {
		assert.Equal(t, i+1, p.Done)
		assert.Equal(t, 51, p.Total)
	}
	assert.Equal(t, "delete account BIG-1", progress[50].Step.Name, "the account goes last")
	assert.LessOrEqual(t, counter.max.Load(), int32(5))
	assert.Greater(t, counter.max.Load(), int32(1), "the deletes did run concurrently")

	_, err = c.Panel(context.Background(), ByAccountNumber("BIG-1"))
	assert.ErrorIs(t, err, ErrNotEnabled)
	inv, err := api.TelephoneNumbers.GetInventory(context.Background(), tns[0])
	require.NoError(t, err)
	assert.True(t, inv.IsInInventory)
}

func TestTeardownStopsBeforeTheAccountWhenANumberFails(t *testing.T) {
	srv, c := newTest(t, nil)
	_, tns := accountWithNumbers(t, c.API(), "BIG-2", 4)
	require.NoError(t, srv.FailNext(http.MethodDelete, "/v2/partition/{partitionId}/account/{accountId}/telephonenumber/{tn}", 1, http.StatusForbidden, nil))

	res, err := c.Teardown(context.Background(), ByAccountNumber("BIG-2"), nil)
	require.ErrorIs(t, err, ErrIncomplete)
	assert.ErrorIs(t, err, alianza.ErrForbidden)
	assert.Contains(t, err.Error(), "not attempted: 1 number(s) are still on the account")
	assert.False(t, res.AccountDeleted)
	assert.Empty(t, res.Account.Name, "the account delete was not attempted")
	failed := 0
	for _, s := range res.Numbers {
		if !s.OK() {
			failed++
		}
	}
	assert.Equal(t, 1, failed)
	assert.Zero(t, srv.Calls("DELETE /v2/partition/{partitionId}/account/{accountId}"))

	// Running it again finishes the job.
	res, err = c.Teardown(context.Background(), ByAccountNumber("BIG-2"), nil)
	require.NoError(t, err)
	assert.Len(t, res.Numbers, 1)
	assert.True(t, res.AccountDeleted)
	assert.Equal(t, len(tns)+1, srv.Calls(deleteNumber))
}

func TestTeardownNotEnabled(t *testing.T) {
	_, c := newTest(t, nil)
	_, err := c.Teardown(context.Background(), ByAccountNumber("NO-SUCH-1"), nil)
	assert.ErrorIs(t, err, ErrNotEnabled)
	_, err = c.Teardown(context.Background(), ByAccountNumber("NO-SUCH-1"), &TeardownOptions{Concurrency: -1})
	assert.ErrorContains(t, err, "concurrency")
}

func stepIDs(steps []Step) []string {
	var out []string
	for _, s := range steps {
		out = append(out, s.ID)
	}
	return out
}
