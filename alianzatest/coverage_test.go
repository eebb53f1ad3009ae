package alianzatest

import (
	"bufio"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEveryScopedOperationIsServed checks each MUST/SHOULD operation of
// testdata/operations-scope.txt is in the spec and has a handler.
func TestEveryScopedOperationIsServed(t *testing.T) {
	f, err := os.Open("../testdata/operations-scope.txt")
	require.NoError(t, err)
	defer f.Close()
	sp, err := loadSpec()
	require.NoError(t, err)
	n := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) != 3 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		n++
		method, id := fields[1], fields[2]
		r := sp.byID[id]
		if assert.NotNil(t, r, id) {
			assert.Equal(t, method, r.method, id)
		}
		assert.NotNil(t, handlers[id], "no handler for %s", id)
	}
	assert.Equal(t, 75, n)
	assert.GreaterOrEqual(t, len(handlers), 75)
}

// TestUnimplementedOperation: a valid request to a deprecated operation is
// answered 501 and is not a violation.
func TestUnimplementedOperation(t *testing.T) {
	srv, a, acctID := setup(t)
	r := a.do(http.MethodGet, a.acct(acctID)+"/devices", nil)
	assert.Equal(t, http.StatusNotImplemented, r.status)
	assert.Contains(t, string(r.body), "listDevicesDeprecated")
	assert.Empty(t, srv.Violations())
}

// TestResponseValidation checks the fake's own answers are checked: an
// Account without its required fields is reported.
func TestResponseValidation(t *testing.T) {
	srv, a, acctID := setup(t)
	sp, err := loadSpec()
	require.NoError(t, err)
	req, err := http.NewRequest(http.MethodGet, srv.URL()+a.acct(acctID), nil)
	require.NoError(t, err)
	rt, params, _ := sp.match(http.MethodGet, req.URL.EscapedPath())
	require.NotNil(t, rt)
	in := sp.reqInput(req, rt, params, nil)
	h := http.Header{"Content-Type": {"application/json"}}
	msgs := sp.checkResponse(req.Context(), in, 200, h, []byte(`{"id":"x","accountName":"n"}`))
	assert.NotEmpty(t, msgs)
	assert.Contains(t, strings.Join(msgs, "\n"), "accountNumber")
	msgs = sp.checkResponse(req.Context(), in, 418, h, []byte(`{}`))
	assert.NotEmpty(t, msgs, "an undocumented status is a violation")
}
