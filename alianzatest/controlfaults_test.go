package alianzatest

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestControlFailNextSemantics: a second fail-next on an operation
// replaces the first; n below 1 and a status outside 400-599 are refused
// with nothing changed; the log keeps the body the client received.
func TestControlFailNextSemantics(t *testing.T) {
	srv := NewServer(t, WithControlEndpoints())
	a := newAPI(t, srv)
	a.login()
	list := func() resp { return a.do(http.MethodGet, a.p()+"/account", nil) }

	ctl(t, srv, http.MethodPost, "fail-next", map[string]any{"operation": "getAccounts", "n": 3, "status": 500}, http.StatusNoContent)
	ctl(t, srv, http.MethodPost, "fail-next", map[string]any{"operation": "getAccounts", "n": 1, "status": 429, "body": `slow down`}, http.StatusNoContent)
	r := list()
	assert.Equal(t, http.StatusTooManyRequests, r.status, "the second call replaced the first")
	assert.Equal(t, "slow down", string(r.body))
	assert.Equal(t, http.StatusOK, list().status, "n 1 of the second call, not 3 of the first")

	ctl(t, srv, http.MethodPost, "fail-next", map[string]any{"operation": "getAccounts"}, http.StatusNoContent)
	for _, bad := range []struct {
		name  string
		body  map[string]any
		field string
	}{
		{"fail-next", map[string]any{"operation": "getAccounts", "n": 0}, "n: 0"},
		{"fail-next", map[string]any{"operation": "getAccounts", "n": -2}, "n: -2"},
		{"drop-next", map[string]any{"operation": "getAccounts", "n": 0}, "n: 0"},
		{"apply-then-drop-next", map[string]any{"operation": "getAccounts", "n": -1}, "n: -1"},
		{"fail-next", map[string]any{"operation": "getAccounts", "status": 200}, "status: 200"},
		{"fail-next", map[string]any{"operation": "getAccounts", "status": 302}, "status: 302"},
		{"fail-next", map[string]any{"operation": "getAccounts", "status": 600}, "status: 600"},
		{"fault-rate", map[string]any{"fail": 1, "status": 204}, "status: 204"},
		{"fail-next", map[string]any{"n": 1}, "operation"},
	} {
		r := ctl(t, srv, http.MethodPost, bad.name, bad.body, http.StatusBadRequest)
		assert.Contains(t, string(r.body), bad.field, "%s %v", bad.name, bad.body)
	}
	r = list()
	require.Equal(t, http.StatusServiceUnavailable, r.status, "the refused calls left the pending fault as it was")
	assert.Equal(t, http.StatusOK, list().status)

	var logged []requestJSON
	require.NoError(t, json.Unmarshal(ctl(t, srv, http.MethodGet, "requests?operation=getAccounts", nil, http.StatusOK).body, &logged))
	require.Len(t, logged, 4)
	assert.Equal(t, requestJSON{Method: "GET", Path: a.p() + "/account", Route: "/v2/partition/{partitionId}/account",
		Status: 429, Response: "slow down", Fault: "fail"}, logged[0])
	assert.Equal(t, string(r.body), logged[2].Response, "the log shows what the client received")
	assert.JSONEq(t, `{"status":503,"messages":["Service Unavailable"]}`, logged[2].Response)
	assert.Equal(t, string(r.body), srv.Requests()[len(srv.Requests())-2].Response)
}
