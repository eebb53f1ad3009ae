package alianzatest

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"testing"

	"github.com/go-alianza/alianza"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// accountExists looks an account up by its number.
func (a *api) accountExists(number string) bool {
	a.t.Helper()
	r := a.do(http.MethodGet, a.acct(number)+"?accountIdType=AccountNumber", nil)
	return r.status == http.StatusOK
}

// postFresh sends a POST on a new connection (no silent retry by net/http).
func postFresh(t *testing.T, a *api, path string, body any) (*http.Response, error) {
	t.Helper()
	raw, err := json.Marshal(body)
	require.NoError(t, err)
	req, err := http.NewRequest(http.MethodPost, a.srv.URL()+path, bytes.NewReader(raw))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-AUTH-TOKEN", a.token)
	hc := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	res, err := hc.Do(req)
	if err == nil {
		_, _ = io.Copy(io.Discard, res.Body)
		_ = res.Body.Close()
	}
	return res, err
}

func TestApplyThenDropNextOverHTTP(t *testing.T) {
	srv, a, _ := setup(t)
	method, route, ok := srv.RouteOf("createAccount")
	require.True(t, ok)
	require.NoError(t, srv.ApplyThenDropNext(method, route, 1))

	_, err := postFresh(t, a, a.p()+"/account", exampleAccount("SP-200"))
	require.Error(t, err, "the connection is closed without an answer")
	assert.True(t, a.accountExists("SP-200"), "the create was applied before the drop")

	log := srv.Requests()
	var dropped *Request
	for i := range log {
		if log[i].Route == route && log[i].Fault == FaultKindApplyDrop {
			dropped = &log[i]
		}
	}
	require.NotNil(t, dropped)
	assert.Equal(t, 0, dropped.Status)
	assert.Contains(t, dropped.Response, `"SP-200"`, "the log keeps the answer that was never sent")

	// Only n requests: the next create is answered.
	res, err := postFresh(t, a, a.p()+"/account", exampleAccount("SP-201"))
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, res.StatusCode)
}

func TestApplyThenDropNextInProcess(t *testing.T) {
	srv := NewServer(t)
	method, route, _ := srv.RouteOf("createAccount")
	require.NoError(t, srv.ApplyThenDropNext(method, route, 1))
	c, err := srv.NewClient(alianza.WithHTTPClient(&http.Client{Transport: srv.Transport()}))
	require.NoError(t, err)
	ctx := context.Background()
	req := &alianza.CreateAccountRequest{
		AccountNumber: "HOME-1", AccountName: "Jane Doe", AccountType: alianza.AccountTypeSimple,
		BillingCycleDay: 28, TimeZone: alianza.TimeZoneUSEastern, DialingBehaviorType: alianza.DialingBehaviorTypeTenDigit,
	}
	_, err = c.Accounts.Create(ctx, req)
	require.Error(t, err)
	assert.ErrorIs(t, err, alianza.ErrOutcomeUnknown, "a POST that got no answer may have been applied")
	assert.ErrorIs(t, err, io.EOF)
	assert.Equal(t, 1, srv.Calls(method+" "+route), "a POST without an answer is not resent")

	got, err := c.Accounts.GetByNumber(ctx, "HOME-1")
	require.NoError(t, err, "the account was stored")
	assert.Equal(t, "Jane Doe", got.AccountName)
}

func TestDropNextInProcess(t *testing.T) {
	srv := NewServer(t)
	method, route, _ := srv.RouteOf("logUserIn")
	require.NoError(t, srv.DropNext(method, route, 1))
	hc := &http.Client{Transport: srv.Transport()}
	body := `{"username":"` + srv.Username() + `","password":"` + srv.Password() + `"}`
	post := func() (*http.Response, error) {
		req, err := http.NewRequest(http.MethodPost, "http://fake.invalid/v2/authorize", bytes.NewReader([]byte(body)))
		require.NoError(t, err)
		req.Header.Set("Content-Type", "application/json")
		return hc.Do(req)
	}
	_, err := post()
	require.Error(t, err)
	assert.ErrorIs(t, err, io.EOF)
	res, err := post()
	require.NoError(t, err)
	defer res.Body.Close()
	assert.Equal(t, http.StatusOK, res.StatusCode, "the host is ignored in process")
}

func TestFailNextWithHeader(t *testing.T) {
	srv, a, acctID := setup(t)
	method, route, _ := srv.RouteOf("retrieveAccount")
	require.NoError(t, srv.FailNextWithHeader(method, route, 1, http.StatusTooManyRequests, http.Header{"Retry-After": {"7"}}, nil))
	req, _ := http.NewRequest(http.MethodGet, srv.URL()+a.acct(acctID), nil)
	req.Header.Set("X-AUTH-TOKEN", a.token)
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	raw, _ := io.ReadAll(res.Body)
	_ = res.Body.Close()
	assert.Equal(t, http.StatusTooManyRequests, res.StatusCode)
	assert.Equal(t, "7", res.Header.Get("Retry-After"))
	assert.Equal(t, "application/json", res.Header.Get("Content-Type"))
	assert.JSONEq(t, `{"status":429,"messages":["Too Many Requests"]}`, string(raw))
	assert.Equal(t, FaultKindFail, srv.Requests()[len(srv.Requests())-1].Fault)
	assert.Equal(t, http.StatusOK, a.do(http.MethodGet, a.acct(acctID), nil).status, "one request only")

	// The SDK sees the Retry-After.
	require.NoError(t, srv.FailNextWithHeader(method, route, 1, http.StatusServiceUnavailable, http.Header{"Retry-After": {"0"}}, nil))
	c, err := srv.NewClient()
	require.NoError(t, err)
	before := len(srv.Requests())
	_, err = c.Accounts.Get(context.Background(), acctID)
	require.NoError(t, err, "503 with Retry-After is retried")
	var statuses []int
	for _, r := range srv.Requests()[before:] {
		if r.Route == route {
			statuses = append(statuses, r.Status)
		}
	}
	assert.Equal(t, []int{http.StatusServiceUnavailable, http.StatusOK}, statuses)

	assert.Error(t, srv.FailNextWithHeader(method, route, 1, 42, nil, nil), "not an HTTP status")
}

// fates runs n logins against a fresh fake with rate r and returns the
// fault each got.
func fates(t *testing.T, r FaultRate, n int) []FaultKind {
	t.Helper()
	srv := NewServer(t)
	require.NoError(t, srv.SetFaultRate(r))
	hc := &http.Client{Transport: srv.Transport()}
	body := `{"username":"` + srv.Username() + `","password":"` + srv.Password() + `"}`
	for i := 0; i < n; i++ {
		req, err := http.NewRequest(http.MethodPost, srv.URL()+"/v2/authorize", bytes.NewReader([]byte(body)))
		require.NoError(t, err)
		req.Header.Set("Content-Type", "application/json")
		res, err := hc.Do(req)
		if err == nil {
			_ = res.Body.Close()
		}
	}
	var out []FaultKind
	for _, r := range srv.Requests() {
		out = append(out, r.Fault)
	}
	require.Len(t, out, n)
	return out
}

func TestFaultRateIsReproducible(t *testing.T) {
	r := FaultRate{Seed: 42, Fail: 0.2, Drop: 0.1, ApplyDrop: 0.1, Header: http.Header{"Retry-After": {"1"}}}
	a, b := fates(t, r, 400), fates(t, r, 400)
	assert.Equal(t, a, b, "the same seed gives the same faults")
	count := map[FaultKind]int{}
	for _, k := range a {
		count[k]++
	}
	// 400 draws at 20/10/10 %: far from 0 and from 400 for each kind.
	assert.InDelta(t, 80, count[FaultKindFail], 40)
	assert.InDelta(t, 40, count[FaultKindDrop], 30)
	assert.InDelta(t, 40, count[FaultKindApplyDrop], 30)
	assert.InDelta(t, 240, count[FaultKindNone], 60)

	r.Seed = 43
	assert.NotEqual(t, a, fates(t, r, 400), "another seed, other faults")
}

func TestFaultRateOperations(t *testing.T) {
	srv, a, acctID := setup(t)
	require.NoError(t, srv.SetFaultRate(FaultRate{Seed: 1, Fail: 1, Status: http.StatusBadGateway, Operations: []string{"retrieveAccount"}}))
	assert.Equal(t, http.StatusBadGateway, a.do(http.MethodGet, a.acct(acctID), nil).status)
	assert.Equal(t, http.StatusOK, a.do(http.MethodGet, a.acct(acctID)+"/user", nil).status, "other operations are spared")

	require.NoError(t, srv.SetFaultRate(FaultRate{Seed: 1, Fail: 1, Operations: []string{"get /v2/partition/{partitionId}/account/{accountId}/user"}}))
	assert.Equal(t, http.StatusOK, a.do(http.MethodGet, a.acct(acctID), nil).status, "a new rate replaces the old one")
	assert.Equal(t, http.StatusServiceUnavailable, a.do(http.MethodGet, a.acct(acctID)+"/user", nil).status, "503 by default")

	// FailNext comes first and uses no draw.
	m, rt, _ := srv.RouteOf("retrieveEndUserList")
	require.NoError(t, srv.FailNext(m, rt, 1, http.StatusTeapot, "tea"))
	assert.Equal(t, http.StatusTeapot, a.do(http.MethodGet, a.acct(acctID)+"/user", nil).status)

	require.NoError(t, srv.SetFaultRate(FaultRate{}), "a zero rate removes it")
	assert.Equal(t, http.StatusOK, a.do(http.MethodGet, a.acct(acctID)+"/user", nil).status)

	require.NoError(t, srv.SetFaultRate(FaultRate{Seed: 1, Drop: 1, Operations: []string{"/v2/partition/{partitionId}/account/{accountId}"}}))
	srv.ClearFaults()
	assert.Equal(t, http.StatusOK, a.do(http.MethodGet, a.acct(acctID), nil).status, "ClearFaults removes the rate")

	for _, bad := range []FaultRate{
		{Fail: -0.1}, {Fail: 1.5}, {Fail: 0.6, Drop: 0.6}, {Fail: 0.1, Status: 7},
		{Fail: 0.1, Operations: []string{"nope"}}, {Fail: 0.1, Operations: []string{"GET /v2/nope"}},
		{Fail: 0.1, Operations: []string{"/v2/nope"}},
	} {
		assert.Error(t, srv.SetFaultRate(bad), "%+v", bad)
	}
}

func TestControlEndpointsAreOptIn(t *testing.T) {
	srv, err := Start()
	require.NoError(t, err)
	t.Cleanup(srv.Close)
	a := newAPI(t, srv)
	assert.Equal(t, http.StatusNotFound, a.do(http.MethodPost, "/_fake/clear", nil).status)
	assert.Equal(t, http.StatusNotFound, a.do(http.MethodGet, "/openapi.yml", nil).status)

	on := NewServer(t, WithControlEndpoints())
	b := newAPI(t, on)
	b.login()
	r := b.do(http.MethodPost, "/_fake/fail-next", map[string]any{"operation": "getAccounts", "headers": map[string]string{"Retry-After": "1"}})
	require.Equal(t, http.StatusNoContent, r.status, "%s", r.body)
	assert.Equal(t, http.StatusServiceUnavailable, b.do(http.MethodGet, b.p()+"/account", nil).status)
	assert.Equal(t, http.StatusOK, b.do(http.MethodGet, b.p()+"/account", nil).status)
	assert.Equal(t, http.StatusOK, b.do(http.MethodGet, "/openapi.yml", nil).status)
}
