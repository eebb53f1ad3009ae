package alianzatest

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFailNext(t *testing.T) {
	srv, a, acctID := setup(t)
	method, route, ok := srv.RouteOf("retrieveAccount")
	require.True(t, ok)
	require.NoError(t, srv.FailNext(method, route, 2, http.StatusServiceUnavailable, map[string]any{"status": 503, "messages": []string{"maintenance"}}))

	for i := 0; i < 2; i++ {
		r := a.do(http.MethodGet, a.acct(acctID), nil)
		require.Equal(t, http.StatusServiceUnavailable, r.status)
		assert.JSONEq(t, `{"status":503,"messages":["maintenance"]}`, string(r.body))
	}
	assert.Equal(t, http.StatusOK, a.do(http.MethodGet, a.acct(acctID), nil).status)
	assert.Equal(t, 3, srv.Calls("GET "+route))
	assert.Equal(t, 3, srv.Calls(route), "a bare template counts every method")

	// Plain-text bodies are sent as text/plain; nil gives a PublicApiException.
	require.NoError(t, srv.FailNext(method, route, 1, 500, "boom"))
	assert.Equal(t, "boom", string(a.do(http.MethodGet, a.acct(acctID), nil).body))
	require.NoError(t, srv.FailNext(method, route, 1, 429, nil))
	assert.JSONEq(t, `{"status":429,"messages":["Too Many Requests"]}`, string(a.do(http.MethodGet, a.acct(acctID), nil).body))

	assert.Error(t, srv.FailNext("GET", "/v2/nope", 1, 500, nil), "an unknown route is an error, not a silent no-op")
}

func TestDelay(t *testing.T) {
	srv, a, acctID := setup(t)
	method, route, _ := srv.RouteOf("retrieveAccount")
	require.NoError(t, srv.Delay(method, route, 150*time.Millisecond))
	start := time.Now()
	require.Equal(t, http.StatusOK, a.do(http.MethodGet, a.acct(acctID), nil).status)
	assert.GreaterOrEqual(t, time.Since(start), 150*time.Millisecond)

	// A client that gives up first sees its own timeout.
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL()+a.acct(acctID), nil)
	req.Header.Set("X-AUTH-TOKEN", a.token)
	_, err := http.DefaultClient.Do(req)
	assert.ErrorIs(t, err, context.DeadlineExceeded)

	// Removing a delay: a 10-minute delay, removed, does not hold the
	// next call past a 30-second deadline.
	require.NoError(t, srv.Delay(method, route, 10*time.Minute))
	require.NoError(t, srv.Delay(method, route, 0))
	ctx, cancel = context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	req, _ = http.NewRequestWithContext(ctx, http.MethodGet, srv.URL()+a.acct(acctID), nil)
	req.Header.Set("X-AUTH-TOKEN", a.token)
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	_ = res.Body.Close()
	assert.Equal(t, http.StatusOK, res.StatusCode)
}

func TestDropNext(t *testing.T) {
	srv, a, acctID := setup(t)
	method, route, _ := srv.RouteOf("getAccounts")
	require.NoError(t, srv.DropNext(method, route, 1))
	req, _ := http.NewRequest(http.MethodGet, srv.URL()+a.p()+"/account", nil)
	req.Header.Set("X-AUTH-TOKEN", a.token)
	// A fresh connection: on a reused keep-alive connection net/http
	// silently retries an idempotent request that got no answer.
	hc := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	_, err := hc.Do(req)
	require.Error(t, err, "the connection is closed without an answer")
	assert.Equal(t, http.StatusOK, a.do(http.MethodGet, a.p()+"/account", nil).status)

	log := srv.Requests()
	var dropped int
	for _, r := range log {
		if r.Route == route && r.Status == 0 {
			dropped++
		}
	}
	assert.Equal(t, 1, dropped)
	_ = acctID
}

func TestRequestLog(t *testing.T) {
	srv, a, acctID := setup(t)
	a.do(http.MethodPatch, a.acct(acctID), map[string]any{"status": "DISABLED"})
	log := srv.Requests()
	last := log[len(log)-1]
	assert.Equal(t, http.MethodPatch, last.Method)
	assert.Equal(t, "/v2/partition/{partitionId}/account/{accountId}", last.Route)
	assert.Equal(t, a.acct(acctID), last.Path)
	assert.Equal(t, http.StatusOK, last.Status)
	assert.JSONEq(t, `{"status":"DISABLED"}`, last.Body)
	assert.Contains(t, last.Response, `"DISABLED"`)
	assert.Equal(t, 1, srv.Calls("POST /v2/authorize"))
}

func TestDemoData(t *testing.T) {
	srv := NewServer(t, WithDemoData())
	assert.Empty(t, srv.Requests(), "seeding is not in the request log")
	a := newAPI(t, srv)
	a.login()
	r := a.do(http.MethodGet, a.acct(DemoAccountNumber)+"?accountIdType=AccountNumber", nil)
	require.Equal(t, http.StatusOK, r.status)
	id := r.obj(t)["id"].(string)
	assert.Len(t, a.do(http.MethodGet, a.acct(id)+"/user", nil).list(t), 1)
	tns := a.do(http.MethodGet, a.acct(id)+"/telephonenumber", nil).list(t)
	require.Len(t, tns, 2)
	for _, n := range tns {
		assert.NotEmpty(t, n["referenceType"])
	}
	devs := a.do(http.MethodGet, a.acct(id)+"/deviceline?filterType=ACCOUNT&filter="+id, nil).list(t)
	require.Len(t, devs, 1)
	data := a.do(http.MethodGet, a.p()+"/deviceprovisioning/account/"+id+"/device/"+devs[0]["id"].(string), nil).obj(t)
	assert.Equal(t, "demo-sip-password", data["lines"].([]any)[0].(map[string]any)["sipPassword"])
	assert.Len(t, a.do(http.MethodGet, a.acct(id)+"/siptrunk_2", nil).list(t), 1)
}

// TestConcurrentClients runs many clients at once (meant for -race).
func TestConcurrentClients(t *testing.T) {
	srv, a, acctID := setup(t)
	done := make(chan struct{})
	for i := 0; i < 8; i++ {
		go func(i int) {
			defer func() { done <- struct{}{} }()
			c := newAPI(t, srv)
			c.token = a.token
			for j := 0; j < 10; j++ {
				c.do(http.MethodGet, c.acct(acctID), nil)
				c.do(http.MethodGet, c.p()+"/telephonenumber/search?type=LAT_LONG&lat=40.3&long=-111.7", nil)
			}
			_ = srv.Requests()
			_ = srv.Violations()
		}(i)
	}
	for i := 0; i < 8; i++ {
		<-done
	}
	assert.Equal(t, 80, srv.Calls("GET /v2/partition/{partitionId}/account/{accountId}"))
}
