package alianza

import (
	"bytes"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRedactCredentialPairsExamples(t *testing.T) {
	for in, want := range map[string]string{
		`sipPassword=LEAKME123&x=1`:                `sipPassword=REDACTED&x=1`,
		`username=u&password=p%40ss`:               `username=u&password=REDACTED`,
		"authToken: abc123\nnext line":             "authToken: REDACTED\nnext line",
		`bad pin = 1234, try again`:                `bad pin = REDACTED, try again`,
		`{"messages":["invalid token: tk-9 (x)"]}`: `{"messages":["invalid token: REDACTED (x)"]}`,
		`{"m":"password=a\"b"}`:                    `{"m":"password=REDACTED\"b"}`,
		`{"password":"quoted JSON member"}`:        `{"password":"quoted JSON member"}`, // redactSecretFields' job
		`{"m":"password=x y"}`:                     `{"m":"password=REDACTED y"}`,
		`spin=1 tokens=kept password= x`:           `spin=REDACTED tokens=kept password= REDACTED`,
		`https://host:8443/path?a=b`:               `https://host:8443/path?a=b`,
		`Token=`:                                   `Token=`,
	} {
		assert.Equal(t, want, string(redactCredentialPairs([]byte(in))), in)
	}
}

// A JSON body stays JSON: a pair inside a string never takes its closing
// quote or an escape.
func FuzzRedactCredentialPairsKeepsJSON(f *testing.F) {
	for _, s := range []string{`{"m":"password=x"}`, `{"m":"token: a\"b","n":"pin=\\"}`, `["secret=1&pin=2"]`, `{"a":"pwdhash:\u00e9"}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		in, err := json.Marshal(s)
		if err != nil {
			return
		}
		out := redactCredentialPairs(in)
		var back string
		require.NoError(t, json.Unmarshal(out, &back), "%s -> %s", in, out)
	})
}

// An error body that is not JSON keeps a credential-named pair's value out
// of the error, though the client never sent it.
func TestTextErrorBodyRedactsCredentialPairs(t *testing.T) {
	c, mt := newMockClient(t)
	mt.RegisterResponder(http.MethodGet, testBaseURL+"/v2/partition/"+testPartition+"/account/A1/siptrunk_2/T1",
		httpmock.NewStringResponder(400, "sipPassword=LEAKME123&x=1"))
	_, err := c.SipTrunks.Get(t.Context(), "A1", "T1")
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.NotContains(t, err.Error(), "LEAKME123")
	assert.False(t, bytes.Contains(apiErr.Body, []byte("LEAKME123")))
	assert.Contains(t, err.Error(), "sipPassword=REDACTED&x=1")
}
