package crm

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/go-alianza/alianza"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSyncSIPLines(t *testing.T) {
	srv, c := newTest(t, nil, WithConcurrency(1))
	ctx := context.Background()
	provision(t, c, bccSpec("SYNC-1"))
	link := ByAccountNumber("SYNC-1")
	remote, err := c.SIPLines(ctx, link)
	require.NoError(t, err)
	require.Len(t, remote, 2)
	alice, bob := remote[0], remote[1]
	require.Equal(t, "sip-alice-SYNC-1", alice.SIPUsername)
	require.Equal(t, "alice-sip-pw", alice.SIPPassword.Reveal())
	require.Equal(t, "0004F2000001", alice.MACAddress)
	require.Equal(t, "Alice Archer", alice.DisplayName)
	aliceOld := alice
	aliceOld.DisplayName, aliceOld.SIPPassword = "Alice (old)", "old-password"
	stale := SIPLine{LineNumber: 2, SIPUsername: "sip-gone-0001", SIPPassword: "x-password", MACAddress: "0004F2000009"}

	type want struct {
		calls    []string // the store's calls, in order
		lines    []string // the store's lines afterwards
		kept     []string
		complete bool
	}
	cases := []struct {
		name      string
		mode      SyncMode
		local     []SIPLine
		failReads int // provisioning-data reads that fail
		want      want
	}{
		{"new lines, full", SyncModeFull, nil, 0, want{
			calls: []string{"add sip-alice-SYNC-1", "add sip-bob-SYNC-1"}, lines: []string{"sip-alice-SYNC-1", "sip-bob-SYNC-1"}, complete: true}},
		{"new lines, add-only", SyncModeAddOnly, []SIPLine{bob}, 0, want{
			calls: []string{"add sip-alice-SYNC-1"}, lines: []string{"sip-alice-SYNC-1", "sip-bob-SYNC-1"}, complete: true}},
		{"changed line, full", SyncModeFull, []SIPLine{aliceOld, bob}, 0, want{
			calls: []string{"update sip-alice-SYNC-1"}, lines: []string{"sip-alice-SYNC-1", "sip-bob-SYNC-1"}, complete: true}},
		{"changed line, add-only", SyncModeAddOnly, []SIPLine{aliceOld, bob}, 0, want{
			calls: []string{"update sip-alice-SYNC-1"}, lines: []string{"sip-alice-SYNC-1", "sip-bob-SYNC-1"}, complete: true}},
		{"removed line, full deletes it", SyncModeFull, []SIPLine{alice, bob, stale}, 0, want{
			calls: []string{"delete sip-gone-0001"}, lines: []string{"sip-alice-SYNC-1", "sip-bob-SYNC-1"}, complete: true}},
		{"removed line, add-only keeps it", SyncModeAddOnly, []SIPLine{alice, bob, stale}, 0, want{
			lines: []string{"sip-alice-SYNC-1", "sip-bob-SYNC-1", "sip-gone-0001"}, complete: true}},
		{"identical", SyncModeFull, []SIPLine{bob, alice}, 0, want{
			lines: []string{"sip-alice-SYNC-1", "sip-bob-SYNC-1"}, complete: true}},
		{"remote read failure, full deletes nothing", SyncModeFull, []SIPLine{alice, bob, stale}, 1, want{
			lines: []string{"sip-alice-SYNC-1", "sip-bob-SYNC-1", "sip-gone-0001"}, kept: []string{"sip-alice-SYNC-1", "sip-gone-0001"}}},
		{"remote read failure, add-only adds what it read", SyncModeAddOnly, nil, 1, want{
			calls: []string{"add sip-bob-SYNC-1"}, lines: []string{"sip-bob-SYNC-1"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv.ClearFaults()
			if tc.failReads > 0 {
				// With concurrency 1 the devices are read in list order:
				// Alice's desk phone first.
				require.NoError(t, srv.FailNext(http.MethodGet, provisioningDataRoute, tc.failReads, http.StatusForbidden, nil))
			}
			store := newMemStore(tc.local...)
			res, err := c.SyncSIPLines(ctx, link, tc.mode, store, nil)
			require.NotNil(t, res)
			assert.Equal(t, tc.want.complete, res.RemoteComplete)
			if tc.want.complete {
				require.NoError(t, err)
			} else {
				require.ErrorIs(t, err, ErrIncomplete)
				assert.ErrorIs(t, err, alianza.ErrForbidden)
				assert.Len(t, res.RemoteFailures, tc.failReads)
			}
			assert.Equal(t, tc.want.calls, store.calls, "store calls")
			assert.Equal(t, tc.want.lines, store.usernames(), "store afterwards")
			assert.Equal(t, tc.want.kept, usernames(res.Plan.Kept), "kept")
			assert.Len(t, res.Applied, len(tc.want.calls))
			assert.Empty(t, res.Failed)
			if tc.mode == SyncModeAddOnly || !tc.want.complete {
				assert.NotContains(t, store.calls, "delete sip-gone-0001")
			}
			if len(tc.want.calls) > 0 && tc.want.calls[0] == "update sip-alice-SYNC-1" {
				assert.Equal(t, []string{"sipPassword", "displayName"}, res.Applied[0].Fields)
				assert.Equal(t, alice, store.lines["sip-alice-SYNC-1"], "the CRM now holds Alianza's values")
			}
		})
	}
}

func TestSyncSIPLinesDryRun(t *testing.T) {
	_, c := newTest(t, nil)
	provision(t, c, bccSpec("DRY-1"))
	stale := SIPLine{LineNumber: 2, SIPUsername: "sip-gone-0001"}
	store := newMemStore(stale)
	res, err := c.SyncSIPLines(context.Background(), ByAccountNumber("DRY-1"), SyncModeFull, store, &SyncOptions{DryRun: true})
	require.NoError(t, err)
	assert.True(t, res.DryRun)
	assert.Equal(t, []string{"sip-alice-DRY-1", "sip-bob-DRY-1"}, usernames(res.Plan.Add))
	assert.Equal(t, []string{"sip-gone-0001"}, usernames(res.Plan.Delete))
	assert.Empty(t, store.calls, "a dry run touches nothing")
	assert.Empty(t, res.Applied)
}

func TestSyncSIPLinesReportsStoreFailures(t *testing.T) {
	_, c := newTest(t, nil)
	provision(t, c, bccSpec("FAIL-1"))
	store := newMemStore(SIPLine{LineNumber: 3, SIPUsername: "sip-gone-0001"})
	boom := errors.New("crm table locked")
	store.fail["sip-alice-FAIL-1"] = boom
	res, err := c.SyncSIPLines(context.Background(), ByAccountNumber("FAIL-1"), SyncModeFull, store, nil)
	require.ErrorIs(t, err, ErrIncomplete)
	assert.ErrorIs(t, err, boom)
	assert.Contains(t, err.Error(), "crm add of sip-alice-FAIL-1")
	require.Len(t, res.Failed, 1)
	assert.Equal(t, LineOpAdd, res.Failed[0].Op)
	assert.Equal(t, "sip-alice-FAIL-1", res.Failed[0].Line.SIPUsername)
	var applied []string
	for _, a := range res.Applied {
		applied = append(applied, string(a.Op)+" "+a.Line.SIPUsername)
	}
	assert.Equal(t, []string{"add sip-bob-FAIL-1", "delete sip-gone-0001"}, applied, "one failure does not stop the rest")
	assert.NotContains(t, err.Error(), "alice-sip-pw")
}

func TestSyncSIPLinesRejectsBadInput(t *testing.T) {
	srv, c := newTest(t, nil)
	ctx := context.Background()
	_, err := c.SyncSIPLines(ctx, ByAccountNumber("X-1"), "mirror", newMemStore(), nil)
	assert.ErrorContains(t, err, "unknown sync mode")
	_, err = c.SyncSIPLines(ctx, ByAccountNumber("X-1"), SyncModeFull, nil, nil)
	assert.ErrorContains(t, err, "store is nil")
	assert.Empty(t, srv.Requests())
	_, err = c.SyncSIPLines(ctx, ByAccountNumber("NO-SUCH-1"), SyncModeFull, newMemStore(), nil)
	assert.ErrorIs(t, err, ErrNotEnabled)
}
