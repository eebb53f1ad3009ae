package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
)

// portStep is the fake's port step in these tests. The fake's clock moves
// a quarter of it at each read (the tick, which a test may change), so a
// port moves one step every few requests: it completes within a few polls
// at --poll 1ms, with no real waiting.
const portStep = time.Minute

func newPortWorld(t *testing.T) (*world, *atomic.Int64) {
	t.Helper()
	var tick, now atomic.Int64
	tick.Store(int64(portStep / 4))
	clock := func() time.Time { return fakeNow.Add(time.Duration(now.Add(tick.Load()))) }
	srv := alianzatest.NewServer(t, alianzatest.WithDemoData(), alianzatest.WithClock(clock),
		alianzatest.WithPortStepDuration(portStep))
	api, err := srv.NewClient()
	require.NoError(t, err)
	return &world{t: t, srv: srv, api: api, dir: t.TempDir()}, &tick
}

// testPIN is the wireless PIN of the test specs: no output may show it.
const testPIN = "7e5t9p1n3"

const submitRoute = "/v2/partition/{partitionId}/account/{accountId}/telephonenumber"

// portSpec writes a spec file for numbers, routed to the demo user by
// username, and returns its path.
func (w *world) portSpec(numbers ...string) string {
	w.t.Helper()
	spec := map[string]any{
		"numbers": numbers,
		"customerServiceRecord": map[string]any{
			"customerType": "RESIDENTIAL", "firstName": "John", "lastName": "Smith",
			"streetNumber": "333", "preDirectional": "S", "streetName": "520", "postDirectional": "W",
			"city": "Lindon", "state": "UT", "postalCode": "84042", "country": "USA",
		},
		"portingWireType": "Wireless", "wirelessAccountNumber": "123456789", "wirelessPin": testPIN,
		"routing": map[string]any{"username": "demo.user@example.com", "callerId": false},
	}
	b, err := json.Marshal(spec)
	require.NoError(w.t, err)
	path := filepath.Join(w.dir, "port.json")
	require.NoError(w.t, os.WriteFile(path, b, 0o600))
	return path
}

func assertNoPIN(t *testing.T, pin string, rs ...runResult) {
	t.Helper()
	for _, r := range rs {
		assert.NotContains(t, r.stdout, pin, "%v", r.args)
		assert.NotContains(t, r.stderr, pin, "%v", r.args)
	}
}

func TestPortInToCompleted(t *testing.T) {
	t.Parallel()
	w, _ := newPortWorld(t)
	_, user, _, _ := w.demo()
	spec := w.portSpec("8015551212", "18015551213")

	r := w.run("", "--json", "port", "in", alianzatest.DemoAccountNumber, "--spec", spec, "--poll", "1ms", "--poll-max", "1ms")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Empty(t, r.stderr, "with --json and no terminal, no step lines")
	var v portInView
	dec := json.NewDecoder(strings.NewReader(r.stdout))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&v))
	require.NotEmpty(t, v.PortID)
	assert.Equal(t, alianzatest.DemoAccountNumber, v.AccountNumber)
	assert.NotEmpty(t, v.AccountID)
	assert.Equal(t, []string{"18015551212", "18015551213"}, v.Numbers)
	assert.Equal(t, alianza.ActivationStatusCompleted, v.Status)
	assert.True(t, v.Waited)
	assert.False(t, v.Resumed)
	assert.Equal(t, []string{"18015551212", "18015551213"}, v.Routed)
	var names []string
	for _, s := range v.Steps {
		names = append(names, s.Step)
		assert.Equal(t, "done", s.Result, s.Step)
	}
	id := v.PortID
	assert.Equal(t, []string{
		"prevalidate 18015551212, 18015551213", "submit port",
		"port " + id + " PENDING", "port " + id + " IN_PROGRESS", "port " + id + " FOC_RECEIVED", "port " + id + " COMPLETED",
		"route 18015551212 to user " + user.ID, "route 18015551213 to user " + user.ID,
	}, names)
	// The JSON object's shape: the keys scripts read.
	var raw map[string]any
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &raw))
	for _, k := range []string{"portId", "accountNumber", "accountId", "numbers", "status", "resumed", "waited", "routed", "steps"} {
		assert.Contains(t, raw, k)
	}
	for _, tn := range v.Routed {
		n, err := w.api.TelephoneNumbers.Get(context.Background(), v.AccountID, tn)
		require.NoError(t, err)
		assert.Equal(t, alianza.CarrierStatusActive, n.CarrierStatus)
		assert.Equal(t, user.ID, n.ReferenceID)
	}
	// The port reached the platform with the PIN; nothing printed it.
	var body string
	for _, req := range w.srv.Requests() {
		if req.Method == http.MethodPost && string(req.Route) == submitRoute {
			body = req.Body
		}
	}
	assert.Contains(t, body, testPIN)

	// Again, as a table from stdin: the port is resumed, nothing is
	// submitted twice, each step is printed on stderr.
	b, err := os.ReadFile(spec)
	require.NoError(t, err)
	r2 := w.run(string(b), "port", "in", alianzatest.DemoAccountNumber, "--spec", "-", "--poll", "1ms")
	require.Equal(t, exitOK, r2.code, r2.stderr)
	assert.Contains(t, r2.stdout, "Resumed:  yes")
	assert.Contains(t, r2.stdout, "COMPLETED")
	assert.Contains(t, r2.stderr, "resume port "+id+": done")
	assert.Contains(t, r2.stderr, "(already routed): done")
	assert.Equal(t, 1, w.srv.Calls(submitRoute))
	assertNoPIN(t, testPIN, r, r2)
}

// The example file of the help and README runs to COMPLETED against the
// fake, and its PIN is never printed.
func TestPortInExampleSpec(t *testing.T) {
	t.Parallel()
	w, _ := newPortWorld(t)
	r := w.run("", "port", "in", alianzatest.DemoAccountNumber, "--spec", filepath.Join("testdata", "portin.json"), "--poll", "1ms")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "COMPLETED")
	assert.Contains(t, r.stdout, "Routed:   18015551212, 18015551213")
	assertNoPIN(t, "4321", r)
}

func TestPortInNoWaitThenStatus(t *testing.T) {
	t.Parallel()
	w, tick := newPortWorld(t)
	tick.Store(0) // the port stands still until status --wait
	spec := w.portSpec("8015551214")
	r := w.run("", "--json", "port", "in", alianzatest.DemoAccountNumber, "--spec", spec, "--wait=false")
	require.Equal(t, exitOK, r.code, r.stderr)
	var v portInView
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &v))
	require.NotEmpty(t, v.PortID)
	assert.False(t, v.Waited)
	assert.Equal(t, alianza.ActivationStatusPending, v.Status)
	assert.Empty(t, v.Routed)

	r = w.run("", "port", "in", alianzatest.DemoAccountNumber, "--spec", spec, "--wait=false")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stderr, "Follow it with 'alianza port status --account DEMO-1001 --number 18015551214 --wait'")

	tick.Store(int64(portStep / 4))
	r = w.run("", "--json", "port", "status", "--number", "8015551214", "--wait", "--poll", "1ms")
	require.Equal(t, exitOK, r.code, r.stderr)
	var st []portStatusRow
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &st))
	require.Len(t, st, 1)
	assert.Equal(t, v.PortID, st[0].PortID)
	assert.Equal(t, alianza.ActivationStatusCompleted, st[0].Status)
	assertNoPIN(t, testPIN, r)
}

func TestPortInRejected(t *testing.T) {
	t.Parallel()
	w, _ := newPortWorld(t)
	w.srv.InjectPortFault(alianzatest.PortFault{At: alianzatest.PortStepInProgress, Reason: "CSR mismatch: customer name"})
	spec := w.portSpec("8015551215")

	r := w.run("", "port", "in", alianzatest.DemoAccountNumber, "--spec", spec, "--poll", "1ms")
	assert.Equal(t, exitValidation, r.code, r.stderr)
	assert.Contains(t, r.stdout, "REJECTED")
	assert.Contains(t, r.stderr, "ended REJECTED: CSR mismatch: customer name")
	assert.Contains(t, r.stderr, "The carrier rejected port")
	assert.NotContains(t, r.stdout, "route ", "a rejected port routes nothing")

	// --json: the summary on stdout, the error object on stderr.
	w.srv.InjectPortFault(alianzatest.PortFault{At: alianzatest.PortStepPending, Outcome: alianzatest.PortCarrierCancelled, Reason: "customer stays"})
	rj := w.run("", "--json", "port", "in", alianzatest.DemoAccountNumber, "--spec", w.portSpec("8015551216"), "--poll", "1ms")
	assert.Equal(t, exitValidation, rj.code, rj.stderr)
	var v portInView
	require.NoError(t, json.Unmarshal([]byte(rj.stdout), &v))
	assert.Equal(t, alianza.ActivationStatusCarrierCancelled, v.Status)
	assert.Empty(t, v.Routed)
	var je jsonError
	require.NoError(t, json.Unmarshal([]byte(rj.stderr), &je))
	assert.Equal(t, "validation", je.Class)
	assert.Equal(t, "crm.ErrPortFailed", je.Sentinel)
	assert.Contains(t, je.Error, "customer stays")
	assertNoPIN(t, testPIN, r, rj)
}

// A port refused before submitting (numbers not portable, a number on the
// account that was not ported) exits 3 with crm.ErrPortRefused.
func TestPortInRefused(t *testing.T) {
	t.Parallel()
	w, _ := newPortWorld(t)
	w.srv.SetNotPortable("18015551216")
	r := w.run("", "--json", "port", "in", alianzatest.DemoAccountNumber, "--spec", w.portSpec("8015551216"), "--poll", "1ms")
	assert.Equal(t, exitValidation, r.code, r.stderr)
	var je jsonError
	require.NoError(t, json.Unmarshal([]byte(lastLine(r.stderr)), &je))
	assert.Equal(t, "validation", je.Class)
	assert.Equal(t, "crm.ErrPortRefused", je.Sentinel)
	assert.Contains(t, je.Error, "not portable")
	assert.Zero(t, w.srv.Calls("POST "+submitRoute), "nothing submitted")

	acct, _, _, _ := w.demo()
	tns, err := w.api.TelephoneNumbers.List(t.Context(), acct.ID, nil)
	require.NoError(t, err)
	require.NotEmpty(t, tns)
	r = w.run("", "port", "in", alianzatest.DemoAccountNumber, "--spec", w.portSpec(tns[0].PhoneNumber), "--poll", "1ms")
	assert.Equal(t, exitValidation, r.code, r.stderr)
	assert.Contains(t, r.stderr, "is on the account but was not ported")
	assert.Zero(t, w.srv.Calls("POST "+submitRoute), "nothing submitted")
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

// A submission whose answer is lost exits 10 with the console's "look
// before running it again"; run again, port in finds the port.
func TestPortInSubmitOutcomeUnknown(t *testing.T) {
	t.Parallel()
	w, _ := newPortWorld(t)
	require.NoError(t, w.srv.ApplyThenDropNext(http.MethodPost, submitRoute, 1))
	spec := w.portSpec("8015551217")
	r := w.run("", "port", "in", alianzatest.DemoAccountNumber, "--spec", spec, "--poll", "1ms")
	assert.Equal(t, exitUnknown, r.code, r.stderr)
	assert.Contains(t, r.stderr, "look (get, list) before running it again")
	assert.Contains(t, r.stderr, "port status --account DEMO-1001 --number 18015551217")

	r2 := w.run("", "--json", "port", "in", alianzatest.DemoAccountNumber, "--spec", spec, "--poll", "1ms")
	require.Equal(t, exitOK, r2.code, r2.stderr)
	var v portInView
	require.NoError(t, json.Unmarshal([]byte(r2.stdout), &v))
	assert.True(t, v.Resumed)
	assert.Equal(t, alianza.ActivationStatusCompleted, v.Status)
	assert.Equal(t, 1, w.srv.Calls(submitRoute), "the lost submission was applied; it is not sent twice")
	assertNoPIN(t, testPIN, r, r2)
}

// cancelOn is a stderr that cancels the run when a line it receives
// contains substr, as an operator's Ctrl-C would at that moment.
type cancelOn struct {
	bytes.Buffer
	substr string
	cancel context.CancelFunc
}

func (c *cancelOn) Write(p []byte) (int, error) {
	if bytes.Contains(p, []byte(c.substr)) {
		c.cancel()
	}
	return c.Buffer.Write(p)
}

func TestPortInInterrupted(t *testing.T) {
	t.Parallel()
	w, _ := newPortWorld(t)
	spec := w.portSpec("8015551218")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	errb := &cancelOn{substr: " PENDING: done", cancel: cancel}
	var out bytes.Buffer
	// A long poll: only the interrupt can end the wait.
	code := run(ctx, []string{"port", "in", alianzatest.DemoAccountNumber, "--spec", spec, "--poll", "1h"},
		emptyReader(), &out, errb, w.env)
	assert.Equal(t, exitInterrupt, code, errb.String())
	assert.Contains(t, out.String(), "PENDING")
	assert.Contains(t, errb.String(), "stays submitted. Run the same command to resume it")
	assert.NotContains(t, out.String()+errb.String(), testPIN)
}

// Bad spec files are refused (exit 3) before any request, even for an
// account that does not exist.
func TestPortInBadSpec(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	csr := `"customerServiceRecord": {"customerType": "RESIDENTIAL", "firstName": "John", "lastName": "Smith", "streetNumber": "333", "streetName": "520", "city": "Lindon", "state": "UT", "postalCode": "84042"}`
	for _, tc := range []struct{ name, body, want string }{
		{"unknown field", `{"numbers": ["8015551212"], ` + csr + `, "pin": "` + testPIN + `"}`, `unknown field "pin"`},
		{"unknown record field", `{"numbers": ["8015551212"], "customerServiceRecord": {"nickname": "Jo"}}`, `unknown field "nickname"`},
		{"unknown e911 field", `{"numbers": ["8015551212"], ` + csr + `, "e911Address": {"address": {}}}`, `unknown field "address"`},
		{"unknown routing field", `{"numbers": ["8015551212"], ` + csr + `, "routing": {"user": "x"}}`, `unknown field "user"`},
		{"missing numbers", `{` + csr + `}`, "numbers: is required"},
		{"empty numbers", `{"numbers": [], ` + csr + `}`, "numbers: is required"},
		{"missing record", `{"numbers": ["8015551212"]}`, "customerServiceRecord: is required"},
		{"bad number", `{"numbers": ["555"], ` + csr + `}`, `numbers[0]: "555" must be 10 digits, or 11 starting with 1`},
		{"bad billing number", `{"numbers": ["8015551212"], ` + csr + `, "billingTelephoneNumber": "28015551212"}`, `billingTelephoneNumber: "28015551212" must be 10 digits, or 11 starting with 1`},
		{"bad JSON", `{"numbers": ["8015551212",}`, "invalid character"},
		{"wrong type", `{"numbers": "8015551212"}`, "numbers"},
		{"empty", ``, "empty file"},
		{"two objects", `{"numbers": ["8015551212"], ` + csr + `} {}`, "more than one JSON value"},
		{"bad date", `{"numbers": ["8015551212"], ` + csr + `, "crdDate": "19/03/2025"}`, `crdDate: "19/03/2025" is not a date`},
		{"bad wire type", `{"numbers": ["8015551212"], ` + csr + `, "portingWireType": "Copper"}`, "portingWireType"},
		{"wireless without PIN", `{"numbers": ["8015551212"], ` + csr + `, "portingWireType": "Wireless"}`, "wirelessPin: is required"},
		{"PIN too long", `{"numbers": ["8015551212"], ` + csr + `, "wirelessPin": "1234567890123456"}`, "wirelessPin"},
		{"two targets", `{"numbers": ["8015551212"], ` + csr + `, "routing": {"userId": "u", "sipTrunkId": "t"}}`, "one target at most"},
		{"caller ID without user", `{"numbers": ["8015551212"], ` + csr + `, "routing": {"sipTrunkId": "t", "callerId": true}}`, "callerId: needs a user"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(w.dir, strings.ReplaceAll(tc.name, " ", "_")+".json")
			require.NoError(t, os.WriteFile(path, []byte(tc.body), 0o600))
			before := len(w.srv.Requests())
			r := w.run("", "port", "in", "NO-SUCH-ACCOUNT", "--spec", path)
			assert.Equal(t, exitValidation, r.code, r.stderr)
			assert.Contains(t, r.stderr, tc.want)
			assert.Empty(t, r.stdout)
			assert.Equal(t, before, len(w.srv.Requests()), "no request")
			assertNoPIN(t, testPIN, r)

			r = w.run(tc.body, "--json", "port", "in", "NO-SUCH-ACCOUNT", "--spec", "-")
			assert.Equal(t, exitValidation, r.code, r.stderr)
			var je jsonError
			require.NoError(t, json.Unmarshal([]byte(r.stderr), &je))
			assert.Equal(t, "validation", je.Class)
			assert.Contains(t, je.Error, tc.want)
		})
	}

	r := w.run("", "port", "in", "DEMO-1001", "--spec", filepath.Join(w.dir, "missing.json"))
	assert.Equal(t, exitValidation, r.code)
	assert.Contains(t, r.stderr, "no such file")
	for _, args := range [][]string{
		{"port", "in", "DEMO-1001"},
		{"port", "in", "--spec", "x.json"},
		{"port", "in", "DEMO-1001", "--spec", "x.json", "--poll", "0s"},
	} {
		r := w.run("", args...)
		assert.Equal(t, exitUsage, r.code, "%v: %s", args, r.stderr)
	}
}

// The file type keeps the SDK models' JSON names for the fields it shares
// with them.
func TestPortInFileNames(t *testing.T) {
	for _, name := range []string{"billingTelephoneNumber", "crdDate", "portingWireType", "portingAuthorizedName", "wirelessAccountNumber", "wirelessPin"} {
		b, err := json.Marshal(alianza.PortRequest{BillingTelephoneNumber: "x", PortingAuthorizedName: "x", WirelessAccountNumber: "x", WirelessPIN: "x"})
		require.NoError(t, err)
		assert.Contains(t, string(b), `"`+name+`"`)
		f, err := json.Marshal(portInFile{})
		require.NoError(t, err)
		assert.Contains(t, string(f), `"`+name+`"`)
	}
}
