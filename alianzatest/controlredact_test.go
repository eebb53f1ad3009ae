package alianzatest

import (
	"encoding/json"
	"net/http"
	"net/url"
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

	assert.Equal(t, `{"username":"u","password":"[REDACTED]"`, got[3].Body, "malformed JSON is redacted as text")
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
	for in, want := range map[string]string{
		``:           ``,
		`not json`:   `not json`,
		`{"a":1.50}`: `{"a":1.50}`,
		`{"sipCredentials":{"sipUsername":"u","sipPassword":"p"},"lines":[{"pin":1234,"wirelessPin":"9"}],"pinLockedOut":true}`: `{"lines":[{"pin":"[REDACTED]","wirelessPin":"[REDACTED]"}],"pinLockedOut":true,"sipCredentials":{"sipPassword":"[REDACTED]","sipUsername":"u"}}`,
		`{"apiSecret":"s","apiKey":"k","resetAuthToken":"t","adminPassword":null,"note":"<&>"}`:                                 `{"adminPassword":null,"apiKey":"[REDACTED]","apiSecret":"[REDACTED]","note":"<&>","resetAuthToken":"[REDACTED]"}`,
		`{"password": "a\"b", "pin": 12, "user":"x"`:                                                                            `{"password": "[REDACTED]", "pin": "[REDACTED]", "user":"x"`,
		`{"password":"unterminated`: `{"password":"[REDACTED]"`,
	} {
		assert.Equal(t, want, redactBody(in), in)
	}
	assert.Equal(t, "a=1&password=%5BREDACTED%5D&b", redactQuery("a=1&password=x&b"))
	assert.Equal(t, "q=%zz&sipPassword=%5BREDACTED%5D", redactQuery("q=%zz&sip%50assword=x"))
	assert.Equal(t, "", redactQuery(""))
}
