package alianza_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"runtime"
	"slices"
	"sync"
	"testing"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestContract runs every service method of the SDK against the fake, which
// checks each request the SDK sends and each answer it gets against the
// official OpenAPI spec (NewServer fails the test on any violation). It then
// proves the coverage mechanically: every //alianza:operation directive of
// the package's hand-written methods and every MUST and SHOULD operation of
// testdata/operations-scope.txt must have been called at least once.
func TestContract(t *testing.T) {
	srv := alianzatest.NewServer(t)
	client, err := srv.NewClient()
	require.NoError(t, err)

	runProvisioningFlow(t, client, newFlowEnv(srv))
	probes := runPortingFlow(t, client, srv)

	// The generated methods are driven by TestContractGeneratedMethods;
	// the flow covers the hand-written ones.
	directives := packageDirectives(t)
	generated, _, _ := alianza.GeneratedCalls()
	directives = slices.DeleteFunc(directives, func(d directive) bool { return slices.Contains(generated, d.Func) })
	require.NotEmpty(t, directives)
	assert.Empty(t, unexercised(srv, directives), "hand-written directives the contract flow never exercised")

	scope := scopeOperations(t)
	var missed []string
	for _, s := range scope {
		method, route, ok := srv.RouteOf(s.OperationID)
		if !assert.True(t, ok, "scope operation %s is not in the spec", s.OperationID) {
			continue
		}
		assert.Equal(t, s.Method, method, "%s: the scope file's method", s.OperationID)
		if srv.Calls(method+" "+route) == 0 {
			missed = append(missed, s.OperationID+" ("+method+" "+route+")")
		}
	}
	assert.Empty(t, missed, "MUST/SHOULD operations the contract flow never called")

	// Every answer was a success but the ones the flows ask for on purpose:
	// the deleted account is gone, and the porting flow's probes. A 501 would mean the fake does not serve
	// an operation, a 4xx that the SDK sent something the fake refused.
	reqs := srv.Requests()
	var failed []string
	for _, r := range reqs {
		if r.Status < 200 || r.Status > 299 {
			failed = append(failed, fmt.Sprintf("%s %s -> %d %s", r.Method, r.Path, r.Status, r.Response))
		}
	}
	require.Len(t, failed, 1+probes, "unexpected failures: %v", failed)
	assert.Contains(t, failed[0], "-> 404")

	assert.Empty(t, srv.Violations(), "spec violations in either direction")
	t.Logf("%d requests, %d directives and %d scope operations exercised, %d violations",
		len(reqs), len(directives), len(scope), len(srv.Violations()))
}

// unexercised lists the directives the server never received a call of.
func unexercised(srv *alianzatest.Server, directives []directive) []string {
	var out []string
	for _, d := range directives {
		if srv.Calls(d.Op) == 0 {
			out = append(out, d.Func+": "+d.Op)
		}
	}
	return out
}

// TestContractCoverageCheckFails shows the coverage check can fail: after a
// login alone, every directive but the login's is reported.
func TestContractCoverageCheckFails(t *testing.T) {
	srv := alianzatest.NewServer(t)
	client, err := srv.NewClient()
	require.NoError(t, err)
	_, err = client.Login(t.Context())
	require.NoError(t, err)

	directives := packageDirectives(t)
	missing := unexercised(srv, directives)
	assert.Len(t, missing, len(directives)-1)
	assert.NotContains(t, missing, "Client.Login: POST /v2/authorize")
	assert.Contains(t, missing, "AccountsService.Create: POST /v2/partition/{partitionId}/account")
}

// directive is one //alianza:operation line and the function carrying it.
type directive = alianza.OperationDirective

// packageDirectives returns the directives of the root package's sources,
// read by the package's own test parser (alianza.Directives).
func packageDirectives(t *testing.T) []directive {
	t.Helper()
	list, err := alianza.Directives()
	require.NoError(t, err)
	return list
}

// scopeOperations returns the lines of testdata/operations-scope.txt.
func scopeOperations(t *testing.T) []alianza.ScopeOperation {
	t.Helper()
	scope, err := alianza.ScopeOperations()
	require.NoError(t, err)
	require.NotEmpty(t, scope)
	return scope
}

// recordingTB stands in for the test given to the fake, so that the
// violations a deliberately wrong request causes are recorded instead of
// failing this test.
type recordingTB struct {
	testing.TB
	mu     sync.Mutex
	errors []string
}

func (r *recordingTB) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

func (r *recordingTB) Error(args ...any) { r.Errorf("%s", fmt.Sprint(args...)) }

func (r *recordingTB) recorded() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.errors)
}

// TestContractCatchesWrongRequests shows the contract test can fail: a
// request with a wrongly typed field and one to a path the spec does not
// have are both reported, and would fail the test that sent them.
func TestContractCatchesWrongRequests(t *testing.T) {
	tb := &recordingTB{TB: t}
	srv := alianzatest.NewServer(tb)

	send := func(method, path string, body any, token string) *http.Response {
		t.Helper()
		var buf bytes.Buffer
		if body != nil {
			require.NoError(t, json.NewEncoder(&buf).Encode(body))
		}
		req, err := http.NewRequestWithContext(t.Context(), method, srv.URL()+path, &buf)
		require.NoError(t, err)
		req.Header.Set("Content-Type", "application/json")
		if token != "" {
			req.Header.Set("X-AUTH-TOKEN", token)
		}
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		t.Cleanup(func() { _ = resp.Body.Close() })
		return resp
	}

	resp := send(http.MethodPost, "/v2/authorize", map[string]string{"username": srv.Username(), "password": srv.Password()}, "")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	var login struct {
		AuthToken string `json:"authToken"`
	}
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&login))
	require.Empty(t, srv.Violations(), "a correct login is no violation")

	// billingCycleDay is an integer in the spec; a CRM that sends it as
	// a string must be caught.
	p := "/v2/partition/" + srv.PartitionID()
	send(http.MethodPost, p+"/account", map[string]any{
		"accountNumber": "SP-123", "accountName": "Customer Name", "billingCycleDay": "1",
		"accountType": "SIMPLE", "timeZone": "US/Mountain", "dialingBehaviorType": "TEN_DIGIT",
	}, login.AuthToken)
	// The SIP trunking guide's trunk path, which the spec does not have.
	resp = send(http.MethodGet, p+"/account/A1/siptrunk", nil, login.AuthToken)
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)

	vs := srv.Violations()
	require.Len(t, vs, 2, "%v", vs)
	assert.Equal(t, "request", vs[0].Side)
	assert.Equal(t, "/v2/partition/{partitionId}/account", vs[0].Route)
	assert.Contains(t, vs[0].Message, "billingCycleDay")
	assert.Equal(t, "request", vs[1].Side)
	assert.Empty(t, vs[1].Route, "the path matches no template of the spec")
	assert.Contains(t, vs[1].Message, "no such path in the spec")

	// Given the real test, each violation would have failed it.
	errs := tb.recorded()
	require.Len(t, errs, 2)
	assert.Contains(t, errs[0], "violates the OpenAPI spec")
	assert.Contains(t, errs[1], "/account/A1/siptrunk")
}

// abortingTB runs a flow that is meant to fail: a failed require stops the
// flow's goroutine as it would stop a test, and cleanups are kept to run
// when the caller decides.
type abortingTB struct {
	testing.TB
	mu       sync.Mutex
	errors   []string
	cleanups []func()
}

func (a *abortingTB) Errorf(format string, args ...any) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.errors = append(a.errors, fmt.Sprintf(format, args...))
}

func (a *abortingTB) FailNow() { runtime.Goexit() }

func (a *abortingTB) Fatalf(format string, args ...any) {
	a.Errorf(format, args...)
	a.FailNow()
}

func (a *abortingTB) Cleanup(f func()) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.cleanups = append(a.cleanups, f)
}

// TestFlowCleansUpAfterFailure: when a step fails half-way (here the device
// line create, after the numbers were added), the flow's cleanup removes
// what it created, numbers before the account, as the integration test
// needs on a shared partition.
func TestFlowCleansUpAfterFailure(t *testing.T) {
	srv := alianzatest.NewServer(t)
	method, route, ok := srv.RouteOf("createDevice")
	require.True(t, ok)
	require.NoError(t, srv.FailNext(method, route, 1, http.StatusInternalServerError, nil))
	client, err := srv.NewClient()
	require.NoError(t, err)

	tb := &abortingTB{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		runProvisioningFlow(tb, client, newFlowEnv(srv))
	}()
	<-done
	require.NotEmpty(t, tb.errors, "the injected failure stops the flow")
	assert.Contains(t, tb.errors[0], "500")
	before := len(tb.errors)
	for _, f := range slices.Backward(tb.cleanups) {
		f()
	}
	assert.Len(t, tb.errors, before, "every cleanup step succeeded: %v", tb.errors)

	var deletes []string
	for _, r := range srv.Requests() {
		if r.Method == http.MethodDelete {
			deletes = append(deletes, r.Route)
		}
	}
	numberDelete := "/v2/partition/{partitionId}/account/{accountId}/telephonenumber/{tn}"
	accountDelete := "/v2/partition/{partitionId}/account/{accountId}"
	require.Equal(t, 2, srv.Calls(http.MethodDelete+" "+numberDelete), "both numbers deleted")
	require.Equal(t, 2, srv.Calls(http.MethodDelete+" "+accountDelete), "both accounts deleted")
	firstAccount := slices.Index(deletes, accountDelete)
	assert.NotContains(t, deletes[firstAccount:], numberDelete, "numbers go before the account: %v", deletes)

	accounts, err := client.Accounts.List(t.Context())
	require.NoError(t, err)
	assert.Empty(t, accounts, "nothing is left on the partition")
}
