package alianzatest

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestControlRequestsRedactsSecrets(t *testing.T) {
	// Start, not NewServer: the malformed login is a violation on purpose.
	srv, err := Start(WithControlEndpoints())
	require.NoError(t, err)
	t.Cleanup(srv.Close)
	a := newAPI(t, srv)
	token := a.login()["authToken"].(string)
	require.NotEmpty(t, token)
	r := a.do(http.MethodPost, a.p()+"/account", exampleAccount("R-1"))
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	acctID := r.obj(t)["id"].(string)
	const trunkSecret = "trunk-secret-123456"
	trunk := exampleTrunk(acctID, srv.PartitionID())
	trunk["sipPassword"] = trunkSecret
	r = a.do(http.MethodPost, a.acct(acctID)+"/siptrunk_2", trunk)
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	const badJSONSecret = "leaked-in-bad-json"
	a.do(http.MethodPost, "/v2/authorize", `{"username":"u","password":"`+badJSONSecret+`"`)
	const querySecret = "query-secret"
	a.do(http.MethodGet, a.p()+"/account?authToken="+querySecret+"&max=2", nil)

	raw := ctl(t, srv, http.MethodGet, "requests", nil, http.StatusOK).body
	for _, secret := range []string{srv.Password(), token, trunkSecret, badJSONSecret, querySecret} {
		assert.NotContains(t, string(raw), secret)
	}
	var got []requestJSON
	require.NoError(t, json.Unmarshal(raw, &got))
	require.Len(t, got, 5)

	login := got[0]
	assert.Equal(t, requestJSON{Method: "POST", Path: "/v2/authorize", Route: "/v2/authorize", Status: 200,
		Body: `{"password":"[REDACTED]","username":"` + srv.Username() + `"}`, Response: login.Response}, login)
	var resp map[string]any
	require.NoError(t, json.Unmarshal([]byte(login.Response), &resp))
	assert.Equal(t, redacted, resp["authToken"])
	assert.Equal(t, false, resp["mustChangePassword"], "a boolean is no secret")

	var body map[string]any
	require.NoError(t, json.Unmarshal([]byte(got[2].Body), &body))
	assert.Equal(t, "/v2/partition/{partitionId}/account/{accountId}/siptrunk_2", got[2].Route)
	assert.Equal(t, redacted, body["sipPassword"])
	assert.Equal(t, "TRUNK_USERNAME", body["sipUsername"])
	assert.Equal(t, float64(10), body["concurrentCalls"])

	assert.Equal(t, unparsedNote(len(`{"username":"u","password":"`+badJSONSecret+`"`)), got[3].Body, "malformed JSON is not shown")
	assert.Equal(t, "authToken=%5BREDACTED%5D&max=2", got[4].Query)

	// ?operation= keeps one operation's requests.
	var logins []requestJSON
	require.NoError(t, json.Unmarshal(ctl(t, srv, http.MethodGet, "requests?operation="+url.QueryEscape(loginOp), nil, http.StatusOK).body, &logins))
	require.Len(t, logins, 2)
	assert.Equal(t, 400, logins[1].Status)
	assert.Equal(t, 2, calls(t, srv, loginOp))
	assert.Equal(t, 1, calls(t, srv, "/v2/partition/{partitionId}/account/{accountId}/siptrunk_2"))
}

func TestRedactBody(t *testing.T) {
	rd := newRedactor(nil)
	for in, want := range map[string]string{
		``:           ``,
		`not json`:   `not json`,
		`{"a":1.50}`: `{"a":1.50}`,
		`{"sipCredentials":{"sipUsername":"u","sipPassword":"p"},"lines":[{"pin":1234,"wirelessPin":"9"}],"pinLockedOut":true}`: `{"lines":[{"pin":"[REDACTED]","wirelessPin":"[REDACTED]"}],"pinLockedOut":true,"sipCredentials":{"sipPassword":"[REDACTED]","sipUsername":"u"}}`,
		`{"apiSecret":"s","apiKey":"k","resetAuthToken":"t","adminPassword":null,"note":"<&>"}`:                                 `{"adminPassword":null,"apiKey":"[REDACTED]","apiSecret":"[REDACTED]","note":"<&>","resetAuthToken":"[REDACTED]"}`,
		`{"password":["leakme-arr"]}`:                      `{"password":"[REDACTED]"}`,
		`{"password":{"v":"leakme-obj"}}`:                  `{"password":"[REDACTED]"}`,
		`username=u&password=leakme-5678`:                  `username=u&password=%5BREDACTED%5D`,
		`{"password": "a\"b", "pin": 12, "user":"x"`:       unparsedNote(42),
		`{"password":"unterminated`:                        unparsedNote(25),
		`{"username":"u","pass\u0077ord":"leakme-escbad",`: unparsedNote(48),
		`{'password':'leakme-single'}`:                     unparsedNote(28),
		`  [1, 2`:                                          unparsedNote(7),
	} {
		assert.Equal(t, want, rd.body(in), in)
	}
	assert.Equal(t, "a=1&password=%5BREDACTED%5D&b", redactForm("a=1&password=x&b"))
	assert.Equal(t, "q=%zz&sipPassword=%5BREDACTED%5D", redactForm("q=%zz&sip%50assword=x"))
	assert.Equal(t, "", redactForm(""))

	// Known secrets are replaced wherever they appear, escaped or not.
	rd = newRedactor([]string{"s3cret/\"\u00e9", "tiny"}, Request{Query: "authToken=tok-123456", Body: `{"x":{"sipPassword":["pw-abcdef"]}}`})
	assert.Equal(t, `{"note":"[REDACTED] and [REDACTED]","x":"[REDACTED] tiny"}`, rd.body(`{"note":"s3cret/\"\u00e9 and tok-123456","x":"pw-abcdef tiny"}`))
	assert.Equal(t, "q=[REDACTED]&r=[REDACTED]", rd.query("q="+url.QueryEscape("s3cret/\"\u00e9")+"&r=tok-123456"))
	assert.Equal(t, "free text [REDACTED]", rd.body("free text pw-abcdef"))
}

// TestControlRequestsRedactsOddBodies sends the login bodies that showed
// the password in clear: a form, a secret in an array or an object,
// malformed JSON with an escaped key, single-quoted pseudo-JSON; and a
// token and a SIP password under fields of other names.
func TestControlRequestsRedactsOddBodies(t *testing.T) {
	srv, err := Start(WithControlEndpoints())
	require.NoError(t, err)
	t.Cleanup(srv.Close)
	send := func(ct, body string) {
		req, err := http.NewRequest(http.MethodPost, srv.URL()+"/v2/authorize", strings.NewReader(body))
		require.NoError(t, err)
		req.Header.Set("Content-Type", ct)
		res, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		require.NoError(t, res.Body.Close())
	}
	bodies := map[string]string{
		"leakme-5678":   `username=u&password=leakme-5678`,
		"leakme-arr":    `{"password":["leakme-arr"]}`,
		"leakme-obj":    `{"password":{"v":"leakme-obj"}}`,
		"leakme-escbad": `{"username":"u","pass\u0077ord":"leakme-escbad",`,
		"leakme-single": `{'password':'leakme-single'}`,
	}
	for _, b := range bodies {
		send("application/json", b)
	}
	send("text/plain", bodies["leakme-5678"])
	a := newAPI(t, srv)
	token := a.login()["authToken"].(string)
	r := a.do(http.MethodPost, a.p()+"/account", exampleAccount("R-2"))
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	acctID := r.obj(t)["id"].(string)
	trunk := exampleTrunk(acctID, srv.PartitionID())
	trunk["sipPassword"] = "trunk-known-secret"
	require.Equal(t, http.StatusOK, a.do(http.MethodPost, a.acct(acctID)+"/siptrunk_2", trunk).status)
	// The fake's own secrets under innocent names, and in a path.
	a.do(http.MethodGet, a.p()+"/account?q="+token+"&note=trunk-known-secret", nil)
	a.do(http.MethodPost, a.p()+"/account", `{"note":"`+srv.Password()+`"}`)

	raw := string(ctl(t, srv, http.MethodGet, "requests", nil, http.StatusOK).body)
	for _, secret := range []string{"leakme-5678", "leakme-arr", "leakme-obj", "leakme-escbad", "leakme-single", token, srv.Password(), "trunk-known-secret"} {
		assert.NotContains(t, raw, secret)
	}
	var got []requestJSON
	require.NoError(t, json.Unmarshal([]byte(raw), &got))
	require.Len(t, got, 11)
	assert.Equal(t, "username=u&password=%5BREDACTED%5D", got[5].Body, "a text/plain form")
	assert.Equal(t, "q=[REDACTED]&note=[REDACTED]", got[9].Query)
	assert.Equal(t, `{"note":"[REDACTED]"}`, got[10].Body)
}
