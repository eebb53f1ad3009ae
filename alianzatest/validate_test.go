package alianzatest

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// recordingTB stands in for a test's *testing.T to see what NewServer
// reports.
type recordingTB struct {
	testing.TB
	errs []string
}

func (r *recordingTB) Helper() {}

func (r *recordingTB) Errorf(format string, args ...any) {
	r.errs = append(r.errs, format)
	if len(args) > 0 {
		if s, ok := args[0].(string); ok {
			r.errs[len(r.errs)-1] = s
		}
	}
}

// startQuiet starts a fake whose violations only get recorded, for tests
// that send wrong requests on purpose.
func startQuiet(t *testing.T, opts ...Option) (*Server, *api, string) {
	t.Helper()
	srv, err := Start(opts...)
	require.NoError(t, err)
	t.Cleanup(srv.Close)
	a := newAPI(t, srv)
	a.login()
	r := a.do(http.MethodPost, a.p()+"/account", exampleAccount("SP-123"))
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	return srv, a, r.obj(t)["id"].(string)
}

func requireViolation(t *testing.T, srv *Server, side, contains string) {
	t.Helper()
	for _, v := range srv.Violations() {
		if v.Side == side && strings.Contains(v.Message, contains) {
			return
		}
	}
	t.Fatalf("no %s violation mentioning %q in %v", side, contains, srv.Violations())
}

func TestViolationWrongFieldType(t *testing.T) {
	srv, a, _ := startQuiet(t)
	body := exampleAccount("SP-124")
	body["extensionLength"] = "four"
	a.do(http.MethodPost, a.p()+"/account", body)
	requireViolation(t, srv, "request", "extensionLength")
}

func TestViolationUnknownPath(t *testing.T) {
	srv, a, acctID := startQuiet(t)
	// Seed 002's trunk path, which the spec does not have.
	r := a.do(http.MethodGet, a.acct(acctID)+"/siptrunk", nil)
	assert.Equal(t, http.StatusNotFound, r.status)
	requireViolation(t, srv, "request", "no such path")
	v := srv.Violations()[0]
	assert.Equal(t, "", v.Route)
}

func TestViolationUnknownPatchKey(t *testing.T) {
	srv, a, acctID := startQuiet(t)
	r := a.do(http.MethodPatch, a.acct(acctID), map[string]any{"status": "DISABLED", "acountName": "typo"})
	assert.Equal(t, http.StatusOK, r.status)
	requireViolation(t, srv, "request", `unknown field "acountName"`)
}

func TestViolationPatchValueType(t *testing.T) {
	srv, a, acctID := startQuiet(t)
	a.do(http.MethodPatch, a.acct(acctID), map[string]any{"billingCycleDay": "first"})
	requireViolation(t, srv, "request", `PATCH field "billingCycleDay"`)
}

func TestViolationSeedDeviceIDField(t *testing.T) {
	srv, a, acctID := startQuiet(t)
	u := a.do(http.MethodPost, a.acct(acctID)+"/user", exampleUser()).obj(t)
	body := exampleDevice(acctID, srv.PartitionID(), u["id"].(string))
	delete(body, "deviceTypeId")
	body["deviceId"] = "SPA112" // seed 003's field name
	r := a.do(http.MethodPost, a.acct(acctID)+"/deviceline", body)
	assert.Equal(t, http.StatusBadRequest, r.status)
	requireViolation(t, srv, "request", `unknown field "deviceId"`)
	requireViolation(t, srv, "request", "deviceTypeId")
}

func TestViolationBadEnumQuery(t *testing.T) {
	srv, a, acctID := startQuiet(t)
	r := a.do(http.MethodGet, a.acct(acctID)+"?accountIdType=Nickname", nil)
	assert.Equal(t, http.StatusBadRequest, r.status)
	assert.Contains(t, string(r.body), `"code"`, "retrieveAccount's 400 is an ApiSingleException")
	requireViolation(t, srv, "request", "accountIdType")
}

func TestViolationFailsTheTest(t *testing.T) {
	rec := &recordingTB{TB: t}
	srv := NewServer(rec)
	a := newAPI(t, srv)
	a.login()
	a.do(http.MethodPost, a.p()+"/account", map[string]any{"accountNumber": 12})
	require.NotEmpty(t, rec.errs)
	assert.Contains(t, rec.errs[0], "request violates the OpenAPI spec")
	assert.NotEmpty(t, srv.Violations())
}

// TestSeedExtensionPatterns checks the spec's over-escaped extensionPatterns
// regex is replaced: 002's "21XX" is valid, "21-X" is not.
func TestSeedExtensionPatterns(t *testing.T) {
	srv, a, acctID := startQuiet(t)
	body := exampleTrunk(acctID, srv.PartitionID())
	body["extensionPatterns"] = []any{"21XX", "211X", "2100"}
	r := a.do(http.MethodPost, a.acct(acctID)+"/siptrunk_2", body)
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	assert.Empty(t, srv.Violations())

	body["trunkName"], body["sipUsername"] = "OTHER", "OTHER_USERNAME"
	body["extensionPatterns"] = []any{"21-X"}
	a.do(http.MethodPost, a.acct(acctID)+"/siptrunk_2", body)
	requireViolation(t, srv, "request", "extensionPatterns")
}

func TestSpecLoadTime(t *testing.T) {
	d, err := SpecLoadTime()
	require.NoError(t, err)
	t.Logf("spec parsed and fixed in %v", d)
	assert.Positive(t, d)
}

// TestInvalidRequestIsRejectedAndNotStored: a request the spec forbids (an
// unknown enum value, a wrong type) is answered 400 with a
// PublicApiException, as the platform does, and changes nothing.
func TestInvalidRequestIsRejectedAndNotStored(t *testing.T) {
	srv, a, acctID := startQuiet(t)
	body := exampleAccount("SP-300")
	body["extensionLength"] = "four"
	r := a.do(http.MethodPost, a.p()+"/account", body)
	require.Equal(t, http.StatusBadRequest, r.status)
	m := r.obj(t)
	assert.EqualValues(t, 400, m["status"])
	require.NotEmpty(t, m["messages"])
	assert.Contains(t, m["messages"].([]any)[0], "extensionLength")
	assert.False(t, a.accountExists("SP-300"), "a rejected create stores nothing")

	r = a.do(http.MethodPatch, a.acct(acctID), map[string]any{"status": "BANANA"})
	require.Equal(t, http.StatusBadRequest, r.status)
	assert.Contains(t, string(r.body), "status")
	got := a.do(http.MethodGet, a.acct(acctID), nil).obj(t)
	assert.Equal(t, "ACTIVE", got["status"], "a rejected PATCH changes nothing")

	// Authentication comes first: without a token the answer is 401.
	a.token = ""
	assert.Equal(t, http.StatusUnauthorized, a.do(http.MethodPatch, a.acct(acctID), map[string]any{"status": "BANANA"}).status)

	// An unknown key is a violation the platform ignores: served.
	a.login()
	r = a.do(http.MethodPatch, a.acct(acctID), map[string]any{"accountName": "Renamed", "nickname": "x"})
	assert.Equal(t, http.StatusOK, r.status)
	requireViolation(t, srv, "request", `unknown field "nickname"`)
	for _, v := range srv.Violations() {
		assert.Equal(t, "request", v.Side, "the 400 answers conform to the spec: %s", v)
	}
}
