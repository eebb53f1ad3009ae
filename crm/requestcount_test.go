package crm

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
	"github.com/stretchr/testify/require"
)

// seedSyncAccounts creates n ADVANCED accounts SYNCnnnn with one user and
// 1 to 4 SIP lines each (account i has i%4+1), two lines per phone, and
// returns each account's CRM store holding exactly Alianza's lines, so a
// sync has nothing to change.
func seedSyncAccounts(t *testing.T, c *Client, n int) ([]string, map[string]*memStore) {
	t.Helper()
	ctx := context.Background()
	api := c.API()
	numbers := make([]string, n)
	stores := map[string]*memStore{}
	for i := range n {
		num := fmt.Sprintf("SYNC%04d", i)
		numbers[i] = num
		a, err := api.Accounts.Create(ctx, &alianza.CreateAccountRequest{
			AccountNumber: num, AccountName: "Sync " + num, AccountType: alianza.AccountTypeAdvanced, BillingCycleDay: 1,
			TimeZone: alianza.TimeZoneUSCentral, DialingBehaviorType: alianza.DialingBehaviorTypeTenDigit, ExtensionLength: alianza.Ptr(4),
		})
		require.NoError(t, err)
		u, err := api.Users.Create(ctx, a.ID, &alianza.CreateUserRequest{
			TimeZone: alianza.TimeZoneUSCentral, Username: alianza.Ptr("user." + num), FirstName: alianza.Ptr("Sam"), LastName: alianza.Ptr("Sync"),
		})
		require.NoError(t, err)
		for line := 1; line <= i%4+1; line++ {
			mac := fmt.Sprintf("0004F2%04X%02X", i, (line-1)/2)
			_, err := api.DeviceLines.Create(ctx, a.ID, &alianza.CreateDeviceRequest{
				DeviceTypeID: "VVX400", DeviceName: fmt.Sprintf("Phone %d", (line-1)/2+1), UserID: u.ID, LineNumber: (line-1)%2 + 1,
				MACAddress: alianza.Ptr(mac), SIPUsername: alianza.Ptr(fmt.Sprintf("sip-%s-%d", num, line)),
			})
			require.NoError(t, err)
		}
		lines, err := c.SIPLines(ctx, ByAccountNumber(num))
		require.NoError(t, err)
		require.Len(t, lines, i%4+1)
		stores[num] = newMemStore(lines...)
	}
	return numbers, stores
}

// syncCounts counts the requests, and the writes among them, that flow
// sends for every account.
func syncCounts(t *testing.T, srv *alianzatest.Server, numbers []string, flow func(num string)) (requests, writes int) {
	t.Helper()
	before := len(srv.Requests())
	for _, num := range numbers {
		flow(num)
	}
	for _, r := range srv.Requests()[before:] {
		requests++
		if r.Method != http.MethodGet {
			writes++
		}
	}
	return requests, writes
}

// TestSyncRequestsHalved re-runs a CRM's status and SIP-line syncs
// (AddOnly, then Full) over 200 unchanged accounts with 1 to 4 lines: each
// call looking the account up and reading the lines itself, then with the
// account resolved once and one read of the lines serving both syncs.
func TestSyncRequestsHalved(t *testing.T) {
	srv, c := newTest(t, nil)
	ctx := context.Background()
	numbers, stores := seedSyncAccounts(t, c, 200)

	separate, writes := syncCounts(t, srv, numbers, func(num string) {
		link := ByAccountNumber(num)
		_, err := c.SyncStatus(ctx, link, "current")
		require.NoError(t, err)
		for _, mode := range []SyncMode{SyncModeAddOnly, SyncModeFull} {
			res, err := c.SyncSIPLines(ctx, link, mode, stores[num], nil)
			require.NoError(t, err)
			require.True(t, res.Plan.Empty())
		}
	})
	require.Zero(t, writes)

	shared, writes := syncCounts(t, srv, numbers, func(num string) {
		link, err := c.Resolve(ctx, ByAccountNumber(num))
		require.NoError(t, err)
		res, err := c.SyncStatus(ctx, link, "current")
		require.NoError(t, err)
		require.False(t, res.Wrote)
		remote, err := c.ReadSIPLines(ctx, link)
		require.NoError(t, err)
		require.True(t, remote.Complete())
		for _, mode := range []SyncMode{SyncModeAddOnly, SyncModeFull} {
			res, err := c.SyncSIPLines(ctx, link, mode, stores[num], &SyncOptions{Remote: remote})
			require.NoError(t, err)
			require.True(t, res.Plan.Empty())
		}
	})
	require.Zero(t, writes)
	t.Logf("200 accounts: %d requests with a look-up and a read per call, %d with one of each", separate, shared)
	// Account i has i%4+1 lines on ceil(lines/2) phones: 1.5 phones on
	// average. Separately: 3 look-ups + 2 x (1 list + 1.5 reads) = 8 per
	// account; shared: 1 look-up + 1 list + 1.5 reads = 3.5.
	require.Equal(t, 1600, separate)
	require.Equal(t, 700, shared)
	require.LessOrEqual(t, shared, separate/2)
}

func TestSyncRemoteOfAnotherAccountIsRefused(t *testing.T) {
	srv, c := newTest(t, nil)
	ctx := context.Background()
	numbers, stores := seedSyncAccounts(t, c, 2)
	remote, err := c.ReadSIPLines(ctx, ByAccountNumber(numbers[1]))
	require.NoError(t, err)
	before := len(srv.Requests())
	link, err := c.Resolve(ctx, ByAccountNumber(numbers[0]))
	require.NoError(t, err)
	_, err = c.SyncSIPLines(ctx, link, SyncModeFull, stores[numbers[0]], &SyncOptions{Remote: remote})
	require.ErrorContains(t, err, "not of account "+numbers[0])
	require.Empty(t, stores[numbers[0]].calls, "the CRM's lines are untouched")
	require.Len(t, srv.Requests()[before:], 1, "only Resolve's look-up")
}

func TestLinkWithAccountSkipsTheLookUp(t *testing.T) {
	srv, c := newTest(t, []alianzatest.Option{alianzatest.WithDemoData()})
	ctx := context.Background()
	link, err := c.Resolve(ctx, ByAccountNumber(alianzatest.DemoAccountNumber))
	require.NoError(t, err)
	require.NotNil(t, link.Account())
	again, err := c.Resolve(ctx, link)
	require.NoError(t, err)
	require.Same(t, link.Account(), again.Account())
	lookups := srv.Calls("GET /v2/partition/{partitionId}/account/{accountId}")
	require.Equal(t, 1, lookups)

	p, err := c.Panel(ctx, link)
	require.NoError(t, err)
	require.Equal(t, alianzatest.DemoAccountNumber, p.AccountNumber)
	_, err = c.SyncStatus(ctx, link, "current")
	require.NoError(t, err)
	_, err = c.SIPLines(ctx, ForAccount(link.Account()))
	require.NoError(t, err)
	require.Equal(t, lookups, srv.Calls("GET /v2/partition/{partitionId}/account/{accountId}"), "no further look-up")
}
