package crm

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// accountNumbers returns the telephone numbers on the account.
func accountNumbers(t *testing.T, c *Client, accountID string) []string {
	t.Helper()
	tns, err := c.API().TelephoneNumbers.List(context.Background(), accountID, nil)
	require.NoError(t, err)
	var out []string
	for _, n := range tns {
		out = append(out, n.PhoneNumber)
	}
	return out
}

// itemOf returns the item of kind and key.
func itemOf(t *testing.T, res *EnsureResult, kind ItemKind, key string) EnsureItem {
	t.Helper()
	for _, it := range res.Items {
		if it.Kind == kind && it.Key == key {
			return it
		}
	}
	require.Failf(t, "no item", "%s %s in %v", kind, key, res.Items)
	return EnsureItem{}
}

// TestEnsureCallerIDNameChangeIsDrift: changing only a number's caller-ID
// name makes that number drift, not a new number: the account keeps its
// four numbers, the first run reports callerIdName, CorrectDrift patches
// the service record, and then nothing differs.
func TestEnsureCallerIDNameChangeIsDrift(t *testing.T) {
	srv, c := newTest(t, nil)
	ctx := context.Background()
	spec := ensureSpec("CNAM-1")
	first, err := c.Ensure(ctx, spec, nil)
	require.NoError(t, err)

	spec.Numbers[0].CallerIDName = "ACME DENTAL 2"
	n := len(srv.Requests())
	res, err := c.Ensure(ctx, spec, nil)
	require.NoError(t, err)
	assert.Zero(t, writes(since(srv, n)), "drift is reported, not corrected, by default")
	assert.Len(t, accountNumbers(t, c, res.Account.ID), 4, "no number added")
	assert.Equal(t, first.Numbers, res.Numbers)
	it := itemOf(t, res, ItemKindNumber, spec.Numbers[0].Key)
	assert.Equal(t, OutcomeUnchanged, it.Outcome)
	assert.Equal(t, []string{"callerIdName"}, it.Drift)
	assert.Empty(t, res.Surplus)

	n = len(srv.Requests())
	res, err = c.Ensure(ctx, spec, &EnsureOptions{CorrectDrift: true})
	require.NoError(t, err)
	assert.Equal(t, 1, writes(since(srv, n)), "one PATCH of the service record")
	it = itemOf(t, res, ItemKindNumber, spec.Numbers[0].Key)
	assert.Equal(t, OutcomeUpdated, it.Outcome)
	assert.Equal(t, []string{"callerIdName"}, it.Changed)
	got, err := c.API().TelephoneNumbers.Get(ctx, res.Account.ID, it.ID)
	require.NoError(t, err)
	assert.Equal(t, "ACME DENTAL 2", got.CustomerServiceRecord.CustomerName)

	n = len(srv.Requests())
	res, err = c.Ensure(ctx, spec, nil)
	require.NoError(t, err)
	assert.Zero(t, writes(since(srv, n)))
	assert.Equal(t, map[Outcome]int{OutcomeUnchanged: 15}, outcomes(res))
	for _, it := range res.Items {
		assert.Empty(t, it.Drift, "%s %s", it.Kind, it.Key)
	}
	assert.Equal(t, first.Numbers, res.Numbers)
	assertComplete(t, c, spec)
}

// TestEnsurePinnedNumber: a NumberSpec with Number is that number: a
// number the account lacks is reserved and added without a search, and
// one it has is adopted whatever its service record says.
func TestEnsurePinnedNumber(t *testing.T) {
	srv, c := newTest(t, nil)
	ctx := context.Background()
	api := c.API()
	spec := homeSpec("PIN-1")
	v, err := spec.validate()
	require.NoError(t, err)
	val, err := api.Addresses.Validate(ctx, v.Numbers[0].addressOptions())
	require.NoError(t, err)
	q, err := val.SearchNearby(searchCandidates)
	require.NoError(t, err)
	found, err := api.TelephoneNumbers.Search(ctx, q)
	require.NoError(t, err)
	require.Greater(t, len(found), 1)
	pin := found[len(found)-1].PhoneNumber // not the nearest: Ensure must not pick by itself
	spec.Numbers[0].Number = pin

	n := len(srv.Requests())
	res, err := c.Ensure(ctx, spec, nil)
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"home": pin}, res.Numbers)
	assert.Equal(t, []string{pin}, accountNumbers(t, c, res.Account.ID))
	for _, r := range since(srv, n) {
		assert.NotContains(t, r.Route, "/telephonenumber/search", "a pinned number is not searched for")
	}

	spec.Numbers[0].FirstName, spec.Numbers[0].CallerID = "Caroline", false
	n = len(srv.Requests())
	res, err = c.Ensure(ctx, spec, nil)
	require.NoError(t, err)
	assert.Zero(t, writes(since(srv, n)))
	assert.Equal(t, map[string]string{"home": pin}, res.Numbers)
	assert.Equal(t, []string{"firstName"}, itemOf(t, res, ItemKindNumber, "home").Drift)

	spec.Numbers[0].Number = "123"
	_, err = c.Ensure(ctx, spec, nil)
	var ve *alianza.ValidationError
	require.True(t, errors.As(err, &ve), "%v", err)
	assert.NotNil(t, ve.Field("numbers[0].number"))
}

// TestEnsureOverlappingRuns: a second run of the same spec started while
// the first is under way (from its Progress callback, right after the
// account was created) adds its own numbers, and nothing on the platform
// stops the first from adding four more. Ensure's documentation forbids
// overlapping runs; when they happen the surplus is reported, not hidden.
func TestEnsureOverlappingRuns(t *testing.T) {
	_, c := newTest(t, nil)
	ctx := context.Background()
	spec := ensureSpec("OVER-1")
	var inner *EnsureResult
	var innerErr error
	var once sync.Once
	opts := &EnsureOptions{Progress: func(it EnsureItem) {
		if it.Kind == ItemKindAccount {
			once.Do(func() { inner, innerErr = c.Ensure(ctx, spec, nil) })
		}
	}}
	outer, err := c.Ensure(ctx, spec, opts)
	require.NoError(t, err)
	require.NoError(t, innerErr)
	require.NotNil(t, inner)
	tns := accountNumbers(t, c, outer.Account.ID)
	require.Len(t, tns, 8, "each run added its four numbers")

	var innerTNs []string
	for _, tn := range inner.Numbers {
		innerTNs = append(innerTNs, tn)
	}
	assert.ElementsMatch(t, innerTNs, outer.Surplus, "the first run names the second one's numbers")
	require.NotEmpty(t, outer.Notes)
	assert.Contains(t, strings.Join(outer.Notes, "\n"), "4 number(s) like the spec's")

	again, err := c.Ensure(ctx, spec, nil)
	require.NoError(t, err)
	assert.Len(t, again.Surplus, 4, "a later run still reports them")
}

// TestProvisionRollbackReleasesAReservationAnswered503: the reserve is
// carried out and its answer lost, and both retries are answered 503. The
// number may be reserved, so the rollback releases it; before, the
// rollback claimed success with the number still reserved.
func TestProvisionRollbackReleasesAReservationAnswered503(t *testing.T) {
	srv, c := newTest(t, nil)
	method, route, ok := srv.RouteOf("reserve")
	require.True(t, ok)
	require.NoError(t, srv.ApplyThenDropNext(method, route, 1))
	require.NoError(t, srv.FailNext(method, route, 2, http.StatusServiceUnavailable, nil))
	res, err := c.Provision(context.Background(), homeSpec("RES-503"), &ProvisionOptions{Rollback: true})
	require.ErrorIs(t, err, alianza.ErrServer)
	require.Equal(t, 1, lostAnswers(srv), "the first attempt was applied")

	var reserved string
	released := false
	for _, r := range srv.Requests() {
		if r.Route != route {
			continue
		}
		tn := strings.Split(r.Path, "/")[5]
		switch {
		case r.Method == http.MethodPut && r.Fault == alianzatest.FaultKindApplyDrop:
			reserved = tn
		case r.Method == http.MethodDelete && r.Status == http.StatusNoContent && tn == reserved:
			released = true
		}
	}
	require.NotEmpty(t, reserved)
	assert.True(t, released, "the reservation of %s was released", reserved)
	assert.True(t, res.RolledBack)
	require.NotEmpty(t, res.Rollback)
	assert.Equal(t, "undo: find and delete reservation of "+reserved, res.Rollback[0].Name)
}

// TestEnsureRefusesAnAccountOfAnotherType: an account with the spec's
// number but another type is another customer's: Ensure refuses it with
// ErrConflict before any write.
func TestEnsureRefusesAnAccountOfAnotherType(t *testing.T) {
	srv, c := newTest(t, nil)
	provision(t, c, homeSpec("TYPE-1"))
	n := len(srv.Requests())
	res, err := c.Ensure(context.Background(), bccSpec("TYPE-1"), &EnsureOptions{CorrectDrift: true, Status: alianza.AccountStatusDisabled})
	require.ErrorIs(t, err, alianza.ErrConflict)
	assert.Contains(t, err.Error(), "is SIMPLE, the spec says ADVANCED")
	assert.Zero(t, writes(since(srv, n)), "nothing written")
	require.Len(t, res.Items, 1)
	assert.Equal(t, OutcomeFailed, res.Items[0].Outcome)
	assert.Nil(t, res.Account)
}

// lostCreate creates another account with the same number just before the
// account create and then loses the create's answer, as if the create had
// collided with an account made meanwhile.
type lostCreate struct {
	next   http.RoundTripper
	before func()
	once   sync.Once
}

func (l *lostCreate) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/account") {
		hit := false
		l.once.Do(func() { hit = true })
		if hit {
			l.before()
			return nil, errors.New("connection reset")
		}
	}
	return l.next.RoundTrip(r)
}

// TestEnsureLostCreateFindsAnotherAccount: the account create's answer is
// lost and the account found by number is not the one sent. It is adopted
// as an existing account (its name is drift), not reported created.
func TestEnsureLostCreateFindsAnotherAccount(t *testing.T) {
	srv, look := newTest(t, nil)
	spec := homeSpec("LOSTX-1")
	other := homeSpec("LOSTX-1")
	other.AccountName = "Somebody Else"
	v, err := other.validate()
	require.NoError(t, err)
	tr := &lostCreate{next: srv.Transport(), before: func() {
		_, err := look.API().Accounts.Create(context.Background(), v.accountRequest())
		require.NoError(t, err)
	}}
	api, err := srv.NewClient(alianza.WithHTTPClient(&http.Client{Transport: tr}))
	require.NoError(t, err)
	c, err := New(api)
	require.NoError(t, err)
	res, err := c.Ensure(context.Background(), spec, nil)
	require.NoError(t, err)
	assert.Equal(t, OutcomeUnchanged, res.Items[0].Outcome, "found, not created")
	assert.Equal(t, []string{"accountName"}, res.Items[0].Drift)
	assert.Equal(t, "Somebody Else", res.Account.AccountName)
}

// TestEnsureReportsUserTrunkAndDeviceDrift: what differs from the spec in
// an existing user, trunk or device line is reported in the item's Drift,
// and nothing is written.
func TestEnsureReportsUserTrunkAndDeviceDrift(t *testing.T) {
	srv, c := newTest(t, nil)
	ctx := context.Background()
	spec := ensureSpec("UDRIFT-1")
	spec.Devices[0].EmergencyNumber = "main"
	_, err := c.Ensure(ctx, spec, nil)
	require.NoError(t, err)

	spec.Users[0].Email, spec.Users[1].Extension = "alice@other.example", "2009"
	spec.Trunk.ConcurrentCalls, spec.Trunk.SIPPassword = 12, "another-trunk-pw"
	spec.Devices[0].DeviceTypeID, spec.Devices[0].User = "VVX500", "bob"
	spec.Devices[1].EmergencyNumber = "pbx"
	n := len(srv.Requests())
	res, err := c.Ensure(ctx, spec, nil)
	require.NoError(t, err)
	assert.Zero(t, writes(since(srv, n)))
	assert.Equal(t, []string{"email"}, itemOf(t, res, ItemKindUser, "alice").Drift)
	assert.Equal(t, []string{"extension"}, itemOf(t, res, ItemKindUser, "bob").Drift)
	assert.Equal(t, []string{"concurrentCalls"}, itemOf(t, res, ItemKindTrunk, "PBX-1").Drift, "the password is not compared")
	assert.Equal(t, []string{"deviceTypeId", "user"}, itemOf(t, res, ItemKindDevice, "Alice desk line 1").Drift)
	assert.Equal(t, []string{"emergencyNumber"}, itemOf(t, res, ItemKindDevice, "Bob desk line 1").Drift)
	for _, it := range res.Items {
		assert.Equal(t, OutcomeUnchanged, it.Outcome, "%s %s", it.Kind, it.Key)
	}
}

// TestEnsureNamesAReservedNumberWhoseAddFailed: the add of a reserved
// number is refused; the failed item names the number, so the caller can
// release its reservation.
func TestEnsureNamesAReservedNumberWhoseAddFailed(t *testing.T) {
	srv, c := newTest(t, nil)
	method, route, ok := srv.RouteOf("createOrAddTelephoneNumberToAccount")
	require.True(t, ok)
	require.NoError(t, srv.FailNext(method, route, 1, http.StatusBadRequest, nil))
	res, err := c.Ensure(context.Background(), homeSpec("ADDF-1"), nil)
	require.Error(t, err)
	last := res.Items[len(res.Items)-1]
	assert.Equal(t, ItemKindNumber, last.Kind)
	assert.Equal(t, OutcomeFailed, last.Outcome)
	require.True(t, alianza.IsTelephoneNumber(last.ID), "the item names the reserved number: %q", last.ID)
	assert.Contains(t, strings.Join(res.Notes, "\n"), last.ID+" was reserved")
}

// TestResultsNeverRevealSIPPasswords: neither result shows a SIP password
// through json.Marshal, any fmt verb or slog's JSON handler.
func TestResultsNeverRevealSIPPasswords(t *testing.T) {
	_, c := newTest(t, nil)
	ctx := context.Background()
	spec := ensureSpec("SECRET-1")
	ens, err := c.Ensure(ctx, spec, nil)
	require.NoError(t, err)
	require.NotEmpty(t, ens.Trunk.SIPPassword.Reveal(), "the trunk carries its password")
	other := ensureSpec("SECRET-2")
	other.Devices[0].MAC, other.Devices[1].MAC = "00:04:f2:00:01:01", "00:04:f2:00:01:02"
	prov, err := c.Provision(ctx, other, nil)
	require.NoError(t, err)
	for name, v := range map[string]any{"ensure": ens, "ensure value": *ens, "provision": prov, "provision value": *prov} {
		b, err := json.Marshal(v)
		require.NoError(t, err)
		out := string(b) + sprintAll(v)
		for _, pw := range []string{"trunk-secret-pw", "alice-sip-pw", "bob-sip-pw"} {
			assert.NotContains(t, out, pw, name)
		}
		assert.Contains(t, string(b), `"REDACTED"`, name)
	}
	assert.Contains(t, sprintAll(prov), "account SECRET-2")
}

// TestProvisionDeviceUndoNamesTheLine: the undo of a device line names its
// line number, as a device has several lines.
func TestProvisionDeviceUndoNamesTheLine(t *testing.T) {
	srv, c := newTest(t, nil)
	method, route, _ := srv.RouteOf("createDevice")
	opts := &ProvisionOptions{Rollback: true, Progress: func(st Step) {
		if st.Name == "create device line Alice desk line 1" && st.OK() {
			require.NoError(t, srv.FailNext(method, route, 1, http.StatusBadRequest, nil))
		}
	}}
	res, err := c.Provision(context.Background(), bccSpec("UNDO-L"), opts)
	require.Error(t, err)
	require.NotEmpty(t, res.Rollback)
	assert.Equal(t, "undo: delete device line Alice desk line 1", res.Rollback[0].Name)
	assert.True(t, res.RolledBack)
}
