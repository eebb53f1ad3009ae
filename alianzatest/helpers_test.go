package alianzatest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/require"
)

// api is a plain net/http client of a fake, logged in or not.
type api struct {
	t     *testing.T
	srv   *Server
	token string
	hc    *http.Client
}

func newAPI(t *testing.T, srv *Server) *api {
	return &api{t: t, srv: srv, hc: &http.Client{}}
}

// resp is an answer: status and raw body.
type resp struct {
	status int
	body   []byte
}

// obj decodes the body as a JSON object.
func (r resp) obj(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal(r.body, &m), "body: %s", r.body)
	return m
}

// list decodes the body as a JSON array of objects.
func (r resp) list(t *testing.T) []map[string]any {
	t.Helper()
	var l []map[string]any
	require.NoError(t, json.Unmarshal(r.body, &l), "body: %s", r.body)
	return l
}

func (a *api) do(method, path string, body any) resp {
	a.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = bytes.NewReader([]byte(b))
	default:
		raw, err := json.Marshal(b)
		require.NoError(a.t, err)
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, a.srv.URL()+path, rd)
	require.NoError(a.t, err)
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if a.token != "" {
		req.Header.Set("X-AUTH-TOKEN", a.token)
	}
	res, err := a.hc.Do(req)
	require.NoError(a.t, err)
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	require.NoError(a.t, err)
	return resp{status: res.StatusCode, body: raw}
}

// login logs in with the fake's credentials and keeps the token.
func (a *api) login() map[string]any {
	a.t.Helper()
	r := a.do(http.MethodPost, "/v2/authorize", map[string]any{"username": a.srv.Username(), "password": a.srv.Password()})
	require.Equal(a.t, http.StatusOK, r.status, "%s", r.body)
	m := r.obj(a.t)
	a.token = m["authToken"].(string)
	return m
}

// p is the partition path prefix.
func (a *api) p() string { return "/v2/partition/" + url.PathEscape(a.srv.PartitionID()) }

// acct is the path of an account.
func (a *api) acct(id string) string { return a.p() + "/account/" + url.PathEscape(id) }

func exampleTrunk(accountID, partitionID string) map[string]any {
	return map[string]any{
		"accountId": accountID, "partitionId": partitionID, "trunkName": "TRUNK-NAME",
		"callbackNumber": "18015551212", "primaryTn": "18015551212", "localServicesEnabled": true,
		"concurrentCalls": 10, "sipPassword": "TRUNK_PASSWORD", "sipUsername": "TRUNK_USERNAME",
	}
}

func exampleCallHandling() map[string]any {
	return map[string]any{
		"activeCallHandling": "RING_LINE", "callWaitingEnabled": true,
		"busyFailoverAction":         map[string]any{"@type": "VoicemailRingFailoverAction"},
		"unregisteredFailoverAction": map[string]any{"@type": "VoicemailRingFailoverAction"},
		"ringTimeoutConfiguration":   map[string]any{"@type": "UnlimitedRingTimeoutConfiguration"},
		"forwardToPhoneNumber":       "18015551212", "voicemailBoxId": " Voicemail 1",
	}
}

// setup starts a fake, logs in and creates the account guide's account.
func setup(t *testing.T, opts ...Option) (*Server, *api, string) {
	t.Helper()
	srv := NewServer(t, opts...)
	a := newAPI(t, srv)
	a.login()
	r := a.do(http.MethodPost, a.p()+"/account", exampleAccount("SP-123"))
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	return srv, a, r.obj(t)["id"].(string)
}

// searchNear returns n available numbers nearest to the account guide's address.
func (a *api) searchNear(n int) []string {
	a.t.Helper()
	r := a.do(http.MethodGet, a.p()+"/telephonenumber/search?type=LAT_LONG&lat=40.332492&long=-111.728167&maxResults="+itoa(n), nil)
	require.Equal(a.t, http.StatusOK, r.status, "%s", r.body)
	var out []string
	for _, v := range r.list(a.t) {
		out = append(out, v["phoneNumber"].(string))
	}
	require.Len(a.t, out, n)
	return out
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }
