package alianzatest

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-alianza/alianza"
)

// ctl sends a control request over HTTP and requires the status.
func ctl(t *testing.T, srv *Server, method, name string, body any, status int) resp {
	t.Helper()
	r := newAPI(t, srv).do(method, ControlPrefix+name, body)
	require.Equal(t, status, r.status, "%s %s %v: %s", method, name, body, r.body)
	return r
}

// controlled starts a fake with the control endpoints, demo data and a
// fixed clock, and returns it with an SDK client and the demo account.
func controlled(t *testing.T) (*Server, *alianza.Client, *alianza.Account) {
	t.Helper()
	now := time.Date(2025, 3, 14, 15, 9, 26, 0, time.UTC)
	srv := NewServer(t, WithControlEndpoints(), WithDemoData(), WithClock(func() time.Time { return now }))
	c, err := srv.NewClient()
	require.NoError(t, err)
	acct, err := c.Accounts.GetByNumber(context.Background(), DemoAccountNumber)
	require.NoError(t, err)
	return srv, c, acct
}

// calls reads GET /_fake/calls for an operation.
func calls(t *testing.T, srv *Server, op string) int {
	t.Helper()
	var out struct{ Calls int }
	require.NoError(t, json.Unmarshal(ctl(t, srv, http.MethodGet, "calls?operation="+url.QueryEscape(op), nil, http.StatusOK).body, &out))
	return out.Calls
}

// now reads GET /_fake/now.
func now(t *testing.T, srv *Server) time.Time {
	t.Helper()
	var out struct{ Now string }
	require.NoError(t, json.Unmarshal(ctl(t, srv, http.MethodGet, "now", nil, http.StatusOK).body, &out))
	at, err := time.Parse(time.RFC3339Nano, out.Now)
	require.NoError(t, err, out.Now)
	return at
}

const loginOp = "POST /v2/authorize"

func TestControlExpireTokens(t *testing.T) {
	srv, c, acct := controlled(t)
	ctx := context.Background()
	require.Equal(t, 1, calls(t, srv, loginOp))
	_, err := c.Accounts.Get(ctx, acct.ID)
	require.NoError(t, err)
	require.Equal(t, 1, calls(t, srv, loginOp), "the token still works")

	ctl(t, srv, http.MethodPost, "expire-tokens", nil, http.StatusNoContent)
	_, err = c.Accounts.Get(ctx, acct.ID)
	require.NoError(t, err, "the client logs in again")
	assert.Equal(t, 2, calls(t, srv, loginOp))
}

// submitPort submits a wireline port of tn through the SDK and returns a
// function reading its activation status.
func submitPort(t *testing.T, srv *Server, c *alianza.Client, accountID, tn string) func() alianza.ActivationStatus {
	t.Helper()
	ctx := context.Background()
	_, err := c.Ports.Submit(ctx, accountID, &alianza.SubmitPortRequest{
		Numbers:               []string{tn},
		CustomerServiceRecord: alianza.CustomerServiceRecord{FirstName: "John", LastName: "Smith"},
		Port: alianza.PortRequest{BillingTelephoneNumber: tn, CrdDate: srv.Now().AddDate(0, 0, 7),
			PortingWireType: alianza.PortingWireTypeWireline},
	})
	require.NoError(t, err)
	return func() alianza.ActivationStatus {
		t.Helper()
		var got []alianza.ActivationStatus
		for e, err := range c.Ports.StatusSearch(ctx, &alianza.StatusSearchOptions{AccountID: accountID}) {
			require.NoError(t, err)
			got = append(got, e.ActivationStatusType)
		}
		require.Len(t, got, 1)
		return got[0]
	}
}

func TestControlAdvanceMovesPortAndClock(t *testing.T) {
	srv, c, acct := controlled(t)
	start := now(t, srv)
	assert.Equal(t, srv.Now(), start)
	status := submitPort(t, srv, c, acct.ID, "18015551212")
	assert.Equal(t, alianza.ActivationStatusPending, status())

	ctl(t, srv, http.MethodPost, "advance", map[string]any{"by": "59m59s"}, http.StatusNoContent)
	assert.Equal(t, alianza.ActivationStatusPending, status(), "a second before the step")
	ctl(t, srv, http.MethodPost, "advance", map[string]any{"by": "1s"}, http.StatusNoContent)
	assert.Equal(t, alianza.ActivationStatusInProgress, status())
	assert.Equal(t, start.Add(PortStepDuration), now(t, srv))
}

func TestControlPortFault(t *testing.T) {
	srv, c, acct := controlled(t)
	ctl(t, srv, http.MethodPost, "port-fault", map[string]any{"at": "IN_PROGRESS", "outcome": "REJECTED", "reason": "name mismatch"}, http.StatusNoContent)
	status := submitPort(t, srv, c, acct.ID, "18015551212")
	ctl(t, srv, http.MethodPost, "advance", map[string]any{"by": "1h"}, http.StatusNoContent)
	assert.Equal(t, alianza.ActivationStatusInProgress, status())
	ctl(t, srv, http.MethodPost, "advance", map[string]any{"by": "1h"}, http.StatusNoContent)
	assert.Equal(t, alianza.ActivationStatusRejected, status())
}

func TestControlFailNextJob(t *testing.T) {
	srv, c, _ := controlled(t)
	ctx := context.Background()
	ctl(t, srv, http.MethodPost, "fail-next-job", map[string]any{"failures": []any{
		map[string]any{"line": 3, "column": "email", "input": "x", "message": "not an email address"},
	}}, http.StatusNoContent)
	wait := func() error {
		job, err := c.Reports.StartAccountsCSV(ctx)
		require.NoError(t, err)
		ctl(t, srv, http.MethodPost, "advance", map[string]any{"by": (JobPendingFor + JobRunFor).String()}, http.StatusNoContent)
		_, err = c.Jobs.Wait(ctx, job.ID, &alianza.WaitOptions{Interval: time.Millisecond})
		return err
	}
	var failed *alianza.JobFailedError
	require.ErrorAs(t, wait(), &failed)
	assert.Equal(t, []alianza.JobError{{Message: "not an email address", LineNumber: 3, Column: "email", Input: "x"}}, failed.Errors)
	require.NoError(t, wait(), "only the next job fails")

	// line and column as a number or a string.
	ctl(t, srv, http.MethodPost, "fail-next-job", map[string]any{"failures": []any{
		map[string]any{"line": "4", "column": 2, "message": "a"},
		map[string]any{"line": 5, "column": "B", "message": "b"},
	}}, http.StatusNoContent)
	require.ErrorAs(t, wait(), &failed)
	assert.Equal(t, []alianza.JobError{{Message: "a", LineNumber: 4, Column: "2"}, {Message: "b", LineNumber: 5, Column: "B"}}, failed.Errors)

	ctl(t, srv, http.MethodPost, "fail-next-job", map[string]any{"failures": []any{}}, http.StatusNoContent)
	require.ErrorAs(t, wait(), &failed, "an empty list: one generic error")
	assert.Len(t, failed.Errors, 1)
}

// prevalidate asks through the SDK whether tn can be ported.
func prevalidate(t *testing.T, c *alianza.Client, tn string) *alianza.PortAvailability {
	t.Helper()
	avail, err := c.Prevalidation.Port(context.Background(), &alianza.PortPrevalidationRequest{
		Numbers: []string{tn}, CustomerServiceRecord: &alianza.CustomerServiceRecord{FirstName: "John", LastName: "Smith"},
	})
	require.NoError(t, err)
	return avail
}

func TestControlNotPortableAndWireless(t *testing.T) {
	srv, c, _ := controlled(t)
	require.True(t, prevalidate(t, c, "18015551212").ServiceAvailable)
	require.False(t, prevalidate(t, c, "18015551313").WirelessPort)

	ctl(t, srv, http.MethodPost, "not-portable", map[string]any{"numbers": []string{"8015551212"}}, http.StatusNoContent)
	ctl(t, srv, http.MethodPost, "wireless", map[string]any{"numbers": []string{"18015551313"}}, http.StatusNoContent)
	assert.False(t, prevalidate(t, c, "18015551212").ServiceAvailable, "a 10-digit number is the 11-digit one")
	assert.True(t, prevalidate(t, c, "18015551313").WirelessPort)
	assert.True(t, prevalidate(t, c, "18015551414").ServiceAvailable, "other numbers unchanged")
}

// demoLines returns the demo account's SIP trunk and device line.
func demoLines(t *testing.T, c *alianza.Client, accountID string) (trunk alianza.SipTrunk, device alianza.Device) {
	t.Helper()
	ctx := context.Background()
	trunks, err := c.SipTrunks.List(ctx, accountID)
	require.NoError(t, err)
	require.Len(t, trunks, 1)
	devices, err := c.DeviceLines.ListByAccount(ctx, accountID)
	require.NoError(t, err)
	require.NotEmpty(t, devices)
	return trunks[0], devices[0]
}

func TestControlRegisteredAndLockOut(t *testing.T) {
	srv, c, acct := controlled(t)
	ctx := context.Background()
	trunk, device := demoLines(t, c, acct.ID)

	ctl(t, srv, http.MethodPost, "registered", map[string]any{"deviceId": device.ID, "registered": true}, http.StatusNoContent)
	st, err := c.DeviceLines.RegistrationStatus(ctx, acct.ID, device.ID)
	require.NoError(t, err)
	assert.True(t, st.Registered)

	ctl(t, srv, http.MethodPost, "registered", map[string]any{"sipTrunkId": trunk.ID, "registered": true}, http.StatusNoContent)
	ctl(t, srv, http.MethodPost, "lock-out-siptrunk", map[string]any{"sipTrunkId": trunk.ID}, http.StatusNoContent)
	st, err = c.SipTrunks.GetRegistrationStatus(ctx, acct.ID, trunk.ID)
	require.NoError(t, err)
	assert.Equal(t, alianza.RegistrationStatus{Registered: true, LockedOut: true}, *st)
	got, err := c.SipTrunks.Get(ctx, acct.ID, trunk.ID)
	require.NoError(t, err)
	assert.True(t, got.LockedOut)

	ctl(t, srv, http.MethodPost, "registered", map[string]any{"sipTrunkId": trunk.ID, "registered": false}, http.StatusNoContent)
	st, err = c.SipTrunks.GetRegistrationStatus(ctx, acct.ID, trunk.ID)
	require.NoError(t, err)
	assert.False(t, st.Registered)

	// Unknown ids, and an id of another kind, are 404 and change nothing.
	for _, body := range []map[string]any{
		{"sipTrunkId": "NoSuchTrunk", "registered": true},
		{"deviceId": trunk.ID, "registered": true},
		{"businessLineId": device.ID, "registered": true},
	} {
		r := ctl(t, srv, http.MethodPost, "registered", body, http.StatusNotFound)
		assert.Contains(t, string(r.body), `"error"`)
	}
	ctl(t, srv, http.MethodPost, "lock-out-siptrunk", map[string]any{"sipTrunkId": "NoSuchTrunk"}, http.StatusNotFound)
	ctl(t, srv, http.MethodPost, "lock-out-siptrunk", map[string]any{"sipTrunkId": device.ID}, http.StatusNotFound)
	st, err = c.SipTrunks.GetRegistrationStatus(ctx, acct.ID, trunk.ID)
	require.NoError(t, err)
	assert.False(t, st.Registered)
}

func TestControlReserve(t *testing.T) {
	srv, c, acct := controlled(t)
	a := newAPI(t, srv)
	a.login()
	tns := a.searchNear(2)

	ctl(t, srv, http.MethodPost, "reserve", map[string]any{"number": tns[0], "accountId": acct.ID}, http.StatusNoContent)
	_, err := c.TelephoneNumbers.Reserve(context.Background(), tns[0])
	require.ErrorIs(t, err, alianza.ErrBadRequest, "reserved on another account")
	assert.Contains(t, err.Error(), "already reserved")
	_, err = c.TelephoneNumbers.Reserve(context.Background(), tns[1])
	require.NoError(t, err, "other numbers unchanged")

	ctl(t, srv, http.MethodPost, "reserve", map[string]any{"number": "18005550000", "accountId": acct.ID}, http.StatusNotFound)
	ctl(t, srv, http.MethodPost, "reserve", map[string]any{"number": tns[1], "accountId": "NoSuchAccount"}, http.StatusNotFound)
}

func TestControlViolations(t *testing.T) {
	// Start, not NewServer: the violation is provoked on purpose.
	srv, err := Start(WithControlEndpoints())
	require.NoError(t, err)
	t.Cleanup(srv.Close)
	assert.JSONEq(t, `[]`, string(ctl(t, srv, http.MethodGet, "violations", nil, http.StatusOK).body))

	a := newAPI(t, srv)
	a.login()
	acct := exampleAccount("V-1")
	acct["accountType"] = "BANANA"
	require.Equal(t, http.StatusBadRequest, a.do(http.MethodPost, a.p()+"/account", acct).status)

	var got []map[string]string
	require.NoError(t, json.Unmarshal(ctl(t, srv, http.MethodGet, "violations", nil, http.StatusOK).body, &got))
	require.NotEmpty(t, got)
	assert.Equal(t, "POST", got[0]["method"])
	assert.Equal(t, "/v2/partition/{partitionId}/account", got[0]["route"])
	assert.Equal(t, a.p()+"/account", got[0]["path"])
	assert.Equal(t, "request", got[0]["side"])
	assert.Contains(t, got[0]["message"], "accountType")
	assert.Len(t, got, len(srv.Violations()))

	ctl(t, srv, http.MethodPost, "violations/reset", nil, http.StatusNoContent)
	assert.JSONEq(t, `[]`, string(ctl(t, srv, http.MethodGet, "violations", nil, http.StatusOK).body))
	assert.Empty(t, srv.Violations())
}

func TestControlMethodNotAllowed(t *testing.T) {
	srv := NewServer(t, WithControlEndpoints())
	require.Len(t, controlEndpoints, 20)
	for name, e := range controlEndpoints {
		other := http.MethodGet
		if e.method == http.MethodGet {
			other = http.MethodPost
		}
		r, err := http.NewRequest(other, srv.URL()+ControlPrefix+name, nil)
		require.NoError(t, err)
		res, err := http.DefaultClient.Do(r)
		require.NoError(t, err)
		_ = res.Body.Close()
		assert.Equal(t, http.StatusMethodNotAllowed, res.StatusCode, "%s %s", other, name)
		assert.Equal(t, e.method, res.Header.Get("Allow"), name)
	}
	ctl(t, srv, http.MethodGet, "nope", nil, http.StatusNotFound)
	ctl(t, srv, http.MethodPost, "violations/nope", nil, http.StatusNotFound)
}
