package alianzatest

import (
	"bytes"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRequestPrintsRedacted logs in and creates a SIP trunk, then prints
// the logged requests every way a test might: the fields keep the real
// bytes, fmt and slog show them redacted.
func TestRequestPrintsRedacted(t *testing.T) {
	srv := NewServer(t)
	a := newAPI(t, srv)
	token := a.login()["authToken"].(string)
	r := a.do(http.MethodPost, a.p()+"/account", exampleAccount("P-1"))
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	acctID := r.obj(t)["id"].(string)
	const trunkSecret = "trunk-print-secret"
	trunk := exampleTrunk(acctID, srv.PartitionID())
	trunk["sipPassword"] = trunkSecret
	require.Equal(t, http.StatusOK, a.do(http.MethodPost, a.acct(acctID)+"/siptrunk_2", trunk).status)

	reqs := srv.Requests()
	require.Len(t, reqs, 3)
	login, create := reqs[0], reqs[2]
	assert.Contains(t, login.Body, srv.Password(), "the field keeps the bytes sent")
	assert.Contains(t, login.Response, token)
	assert.Contains(t, create.Body, trunkSecret)

	secrets := []string{srv.Password(), token, trunkSecret}
	var printed []string
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d", "%10v", "%-v"} {
		for _, x := range []any{login, create, &login, reqs, struct{ R Request }{create}} {
			printed = append(printed, fmt.Sprintf(verb, x))
		}
	}
	printed = append(printed, login.String(), create.GoString(), fmt.Sprint(create), fmt.Sprintln(login))
	var logs bytes.Buffer
	for _, h := range []slog.Handler{slog.NewJSONHandler(&logs, nil), slog.NewTextHandler(&logs, nil)} {
		slog.New(h).Info("request", "login", login, "create", create)
	}
	printed = append(printed, logs.String())
	for _, p := range printed {
		for _, secret := range secrets {
			assert.NotContains(t, p, secret, p)
		}
	}

	assert.Equal(t, `{POST /v2/authorize /v2/authorize  200 {"password":"[REDACTED]","username":"`+srv.Username()+`"} `,
		strings.SplitAfter(fmt.Sprintf("%v", login), "} ")[0])
	assert.Contains(t, fmt.Sprintf("%+v", login), `Body:{"password":"[REDACTED]","username":`)
	assert.Contains(t, fmt.Sprintf("%#v", create), `alianzatest.Request{Method:"POST", Path:"/v2/partition/`)
	assert.Contains(t, fmt.Sprintf("%#v", create), `\"sipPassword\":\"[REDACTED]\"`)
	assert.Contains(t, logs.String(), `"body":"{\"password\":\"[REDACTED]\"`)
	assert.Contains(t, logs.String(), `create.status=200`)
}
