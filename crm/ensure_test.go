package crm

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"testing"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ensureSpec is an ADVANCED account with everything Ensure makes: users,
// numbers routed to a user and to the trunk, the trunk with forwarding,
// and device lines.
func ensureSpec(accountNumber string) *AccountSpec {
	s := bccSpec(accountNumber)
	tr := trunkSpec(accountNumber)
	s.Trunk = tr.Trunk
	tr.Numbers[0].Key = "pbx"
	s.Numbers = append(s.Numbers, tr.Numbers...)
	s.Trunk.CallbackNumber, s.Trunk.PrimaryNumber = "pbx", "pbx"
	return s
}

// assertComplete checks the fake holds spec's account exactly once, with
// as many users, numbers, trunks and device lines as spec, no more.
func assertComplete(t *testing.T, c *Client, spec *AccountSpec) {
	t.Helper()
	ctx := context.Background()
	api := c.API()
	accounts, err := api.Accounts.List(ctx)
	require.NoError(t, err)
	var ids []string
	for _, a := range accounts {
		if a.AccountNumber == spec.AccountNumber {
			ids = append(ids, a.ID)
		}
	}
	require.Len(t, ids, 1, "exactly one account %s", spec.AccountNumber)
	users, err := api.Users.List(ctx, ids[0], nil)
	require.NoError(t, err)
	assert.Len(t, users, len(spec.Users), "users")
	tns, err := api.TelephoneNumbers.List(ctx, ids[0], nil)
	require.NoError(t, err)
	assert.Len(t, tns, len(spec.Numbers), "numbers")
	for _, n := range tns {
		assert.NotEmpty(t, n.ReferenceType, "%s is routed", n.PhoneNumber)
	}
	devices, err := api.DeviceLines.ListByAccount(ctx, ids[0])
	require.NoError(t, err)
	assert.Len(t, devices, len(spec.Devices), "device lines")
	trunks, err := api.SipTrunks.List(ctx, ids[0])
	require.NoError(t, err)
	if spec.Trunk != nil {
		require.Len(t, trunks, 1, "sip trunks")
		fwd, err := api.SipTrunks.GetForwarding(ctx, ids[0], trunks[0].ID)
		require.NoError(t, err)
		assert.Empty(t, forwardingDrift(spec.Trunk.Forwarding, fwd))
	} else {
		assert.Empty(t, trunks)
	}
}

// since returns the requests the fake received after the first n.
func since(srv *alianzatest.Server, n int) []alianzatest.Request { return srv.Requests()[n:] }

// outcomes lists "kind key outcome" for each item.
func outcomes(res *EnsureResult) map[Outcome]int {
	out := map[Outcome]int{}
	for _, it := range res.Items {
		out[it.Outcome]++
	}
	return out
}

func TestEnsureCreatesThenWritesNothing(t *testing.T) {
	srv, c := newTest(t, nil)
	ctx := context.Background()
	spec := ensureSpec("ENS-1")
	res, err := c.Ensure(ctx, spec, nil)
	require.NoError(t, err)
	// account, 2 users, 4 numbers, trunk, forwarding, 2 devices; 4 routings
	assert.Equal(t, map[Outcome]int{OutcomeCreated: 11, OutcomeUpdated: 4}, outcomes(res), "%v", res.Items)
	assert.Equal(t, ItemKindAccount, res.Items[0].Kind)
	assert.Equal(t, res.Account.ID, res.Items[0].ID)
	assertComplete(t, c, spec)
	first := res

	n := len(srv.Requests())
	res, err = c.Ensure(ctx, spec, nil)
	require.NoError(t, err)
	log := since(srv, n)
	assert.Zero(t, writes(log), "no write the second time")
	assert.Equal(t, map[Outcome]int{OutcomeUnchanged: 15}, outcomes(res))
	assert.Equal(t, first.Numbers, res.Numbers, "each key finds the number it was given")
	assert.Equal(t, first.Trunk.ID, res.Trunk.ID)
	require.Len(t, res.Devices, 2)
	assert.Equal(t, first.Devices[1].ID, res.Devices[1].ID)

	// One read of each kind of resource: account, users, numbers, trunks,
	// forwarding, device lines.
	reads := map[alianzatest.Route]int{}
	for _, r := range log {
		reads[r.Route]++
	}
	for route, k := range reads {
		assert.Equal(t, 1, k, "%s read %d times", route, k)
	}
	assert.Len(t, reads, 6)
}

func TestEnsureAdoptsAProvisionedAccount(t *testing.T) {
	for _, spec := range []*AccountSpec{bccSpec("ENS-B"), homeSpec("ENS-H"), trunkSpec("ENS-T")} {
		t.Run(spec.AccountNumber, func(t *testing.T) {
			srv, c := newTest(t, nil)
			ctx := context.Background()
			p := provision(t, c, spec)
			n := len(srv.Requests())
			res, err := c.Ensure(ctx, spec, nil)
			require.NoError(t, err)
			assert.Zero(t, writes(since(srv, n)))
			assert.Zero(t, res.Count(OutcomeCreated)+res.Count(OutcomeUpdated))
			assert.Equal(t, p.Numbers, res.Numbers)
			assert.Equal(t, p.Account.ID, res.Account.ID)
		})
	}
}

// TestEnsureAfterLostAnswer is the at-least-once case: the first run's
// create is carried out and its answer lost; two more runs of the same
// spec end with the account complete, nothing twice, and the third run
// writes nothing.
func TestEnsureAfterLostAnswer(t *testing.T) {
	for i, op := range []string{"createAccount", "createEndUser", "reserve", "createOrAddTelephoneNumberToAccount", "createSipTrunk", "createDevice", "accountPatch"} {
		t.Run(op, func(t *testing.T) {
			srv, c := newTest(t, nil)
			ctx := context.Background()
			spec := ensureSpec(fmt.Sprintf("LOST-%d", i))
			opts := &EnsureOptions{Status: alianza.AccountStatusDisabled}
			loseAnswers(t, srv, op, 1)
			res, err := c.Ensure(ctx, spec, opts)
			require.Equal(t, 1, lostAnswers(srv), "the fault fired")
			if err != nil {
				assert.ErrorIs(t, err, alianza.ErrOutcomeUnknown)
				last := res.Items[len(res.Items)-1]
				assert.Equal(t, OutcomeFailed, last.Outcome)
				assert.ErrorIs(t, last.Err, alianza.ErrOutcomeUnknown)
			}
			_, err = c.Ensure(ctx, spec, opts)
			require.NoError(t, err)
			n := len(srv.Requests())
			res, err = c.Ensure(ctx, spec, opts)
			require.NoError(t, err)
			assert.Zero(t, writes(since(srv, n)), "third run")
			assert.Equal(t, alianza.AccountStatusDisabled, res.Account.Status)
			assertComplete(t, c, spec)
		})
	}
}

// TestEnsureAfterKilledRun cancels the first run after k requests, as a
// killed job would stop; the next run completes the account.
func TestEnsureAfterKilledRun(t *testing.T) {
	for _, k := range []int{2, 5, 9, 14, 20, 26} {
		t.Run("", func(t *testing.T) {
			srv, c := newTest(t, nil)
			spec := ensureSpec("KILL-1")
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			api, err := srv.NewClient(alianza.WithHTTPClient(&http.Client{Transport: &cancelAfter{next: srv.Transport(), n: k, cancel: cancel}}))
			require.NoError(t, err)
			killed, err := New(api)
			require.NoError(t, err)
			_, err = killed.Ensure(ctx, spec, nil)
			require.ErrorIs(t, err, context.Canceled, "killed after %d requests", k)

			_, err = c.Ensure(context.Background(), spec, nil)
			require.NoError(t, err)
			n := len(srv.Requests())
			_, err = c.Ensure(context.Background(), spec, nil)
			require.NoError(t, err)
			assert.Zero(t, writes(since(srv, n)))
			assertComplete(t, c, spec)
		})
	}
}

func TestEnsureAfterAFailure(t *testing.T) {
	srv, c := newTest(t, nil)
	ctx := context.Background()
	spec := ensureSpec("FAIL-1")
	method, route, _ := srv.RouteOf("createDevice")
	require.NoError(t, srv.FailNext(method, route, 1, http.StatusServiceUnavailable, nil))
	res, err := c.Ensure(ctx, spec, nil)
	require.ErrorIs(t, err, alianza.ErrServer)
	assert.Contains(t, err.Error(), "device-line Alice desk line 1")
	assert.Equal(t, OutcomeFailed, res.Items[len(res.Items)-1].Outcome)

	res, err = c.Ensure(ctx, spec, nil)
	require.NoError(t, err)
	assert.Equal(t, 2, res.Count(OutcomeCreated), "the two device lines: %v", res.Items)
	assertComplete(t, c, spec)
}

func TestEnsureDrift(t *testing.T) {
	srv, c := newTest(t, nil)
	ctx := context.Background()
	spec := homeSpec("DRIFT-1")
	res := provision(t, c, spec)
	_, err := c.API().Accounts.Patch(ctx, res.Account.ID, &alianza.PatchAccountRequest{AccountName: alianza.Ptr("Carol J."), BillingCycleDay: alianza.Ptr(3)})
	require.NoError(t, err)

	n := len(srv.Requests())
	er, err := c.Ensure(ctx, spec, nil)
	require.NoError(t, err)
	assert.Zero(t, writes(since(srv, n)), "drift is reported, not corrected, by default")
	assert.Equal(t, OutcomeUnchanged, er.Items[0].Outcome)
	assert.Equal(t, []string{"accountName", "billingCycleDay"}, er.Items[0].Drift)

	n = len(srv.Requests())
	er, err = c.Ensure(ctx, spec, &EnsureOptions{Status: alianza.AccountStatusDisabled})
	require.NoError(t, err)
	assert.Equal(t, 1, writes(since(srv, n)), "the status is set whenever it differs")
	assert.Equal(t, OutcomeUpdated, er.Items[0].Outcome)
	assert.Equal(t, []string{"status"}, er.Items[0].Changed)
	assert.Equal(t, []string{"accountName", "billingCycleDay"}, er.Items[0].Drift)

	n = len(srv.Requests())
	er, err = c.Ensure(ctx, spec, &EnsureOptions{CorrectDrift: true, Status: alianza.AccountStatusDisabled})
	require.NoError(t, err)
	assert.Equal(t, 1, writes(since(srv, n)), "one PATCH")
	assert.Equal(t, OutcomeUpdated, er.Items[0].Outcome)
	assert.Equal(t, []string{"accountName", "billingCycleDay"}, er.Items[0].Changed)
	assert.Empty(t, er.Items[0].Drift)
	a, err := c.API().Accounts.GetByNumber(ctx, "DRIFT-1")
	require.NoError(t, err)
	assert.Equal(t, "Carol Jones", a.AccountName)
	assert.Equal(t, 28, a.BillingCycleDay)
	assert.Equal(t, alianza.AccountStatusDisabled, a.Status)
	assert.Zero(t, er.Count(OutcomeCreated))
}

func TestEnsureChecksTheSpecFirst(t *testing.T) {
	srv, c := newTest(t, nil)
	spec := bccSpec("ENS-V")
	spec.Users[1].Username = ""
	spec.BillingCycleDay = 0
	_, err := c.Ensure(context.Background(), spec, &EnsureOptions{Status: alianza.AccountStatusDeletePending})
	var ve *alianza.ValidationError
	require.True(t, errors.As(err, &ve), "%v", err)
	for _, f := range []string{"users[1].username", "billingCycleDay", "status"} {
		assert.NotNil(t, ve.Field(f), "expected an error on %s in %v", f, err)
	}
	assert.Empty(t, srv.Requests())

	// A user with neither key nor username gets one error on the field, not two.
	spec = bccSpec("ENS-V")
	spec.Users[1].Key, spec.Users[1].Username = "", ""
	_, err = c.Ensure(context.Background(), spec, nil)
	require.True(t, errors.As(err, &ve), "%v", err)
	n := 0
	for _, fe := range ve.Errors {
		if fe.Field == "users[1].username" {
			n++
		}
	}
	assert.Equal(t, 1, n, "%v", err)
	assert.Empty(t, srv.Requests())
}

func TestEnsureResultNeverPrintsSecrets(t *testing.T) {
	_, c := newTest(t, nil)
	res, err := c.Ensure(context.Background(), trunkSpec("ENS-S"), nil)
	require.NoError(t, err)
	out := sprintAll(res) + sprintAll(*res)
	assert.NotContains(t, out, "trunk-secret-pw")
	assert.Contains(t, out, "account ENS-S")
}

// TestEnsureUnderFaults runs Ensure until it succeeds while three in ten
// writes fail, are dropped before the fake acts, or are carried out and
// then dropped; whatever the order, the account ends complete, nothing is
// duplicated, and one more run writes nothing.
func TestEnsureUnderFaults(t *testing.T) {
	writeOps := []string{"createAccount", "accountPatch", "createEndUser", "reserve", "createOrAddTelephoneNumberToAccount",
		"createSipTrunk", "updateSipTrunkForwardBehavior", "destination", "createDevice"}
	for seed := uint64(1); seed <= 8; seed++ {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			srv := alianzatest.NewServer(t)
			api, err := srv.NewClient(alianza.WithoutRetries())
			require.NoError(t, err)
			c, err := New(api)
			require.NoError(t, err)
			require.NoError(t, srv.SetFaultRate(alianzatest.FaultRate{Seed: seed, Fail: 0.1, Drop: 0.05, ApplyDrop: 0.15, Operations: writeOps}))
			ctx := context.Background()
			spec := ensureSpec("SOAK-1")
			opts := &EnsureOptions{Status: alianza.AccountStatusDisabled}
			runs, faults := 0, 0
			for ; runs < 60; runs++ {
				if _, err = c.Ensure(ctx, spec, opts); err == nil {
					break
				}
				faults++
			}
			require.NoError(t, err, "after %d runs", runs)
			injected := 0
			for _, r := range srv.Requests() {
				if r.Fault != alianzatest.FaultKindNone {
					injected++
				}
			}
			require.NotZero(t, injected, "the fault rate fired")
			t.Logf("seed %d: %d faults, %d failed runs before a complete one", seed, injected, faults)
			srv.ClearFaults()
			n := len(srv.Requests())
			res, err := c.Ensure(ctx, spec, opts)
			require.NoError(t, err)
			assert.Zero(t, writes(since(srv, n)))
			assert.Equal(t, alianza.AccountStatusDisabled, res.Account.Status)
			assertComplete(t, c, spec)
		})
	}
}
