package main

import (
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

// newTickingWorld is a world whose fake clock moves forward by the tick
// (which the test may change) each time it is read, so jobs and ports move
// on while the console polls, without real waiting.
func newTickingWorld(t *testing.T, tick time.Duration) (*world, *atomic.Int64) {
	t.Helper()
	var step, now atomic.Int64
	step.Store(int64(tick))
	clock := func() time.Time { return fakeNow.Add(time.Duration(now.Add(step.Load()))) }
	srv := alianzatest.NewServer(t, alianzatest.WithDemoData(), alianzatest.WithClock(clock))
	api, err := srv.NewClient()
	require.NoError(t, err)
	return &world{t: t, srv: srv, api: api, dir: t.TempDir()}, &step
}

func TestReportCommands(t *testing.T) {
	w, _ := newTickingWorld(t, 100*time.Millisecond)

	r := w.run("", "report", "list")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "user-summary")
	assert.Contains(t, r.stdout, "end-user-changes")

	r = w.run("", "--json", "report", "run", "user-summary")
	require.Equal(t, exitOK, r.code, r.stderr)
	var sum summaryView
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &sum))
	assert.Equal(t, int64(1), sum.TotalCount, "the demo account's user")

	// Without --wait: the job, started.
	r = w.run("", "--json", "report", "run", "users", "--month", "2025-03")
	require.Equal(t, exitOK, r.code, r.stderr)
	var jv jobView
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &jv))
	assert.NotEmpty(t, jv.JobID)
	assert.Equal(t, alianza.JobStatusPending, jv.Status)

	// With --wait: the CSV to a file.
	out := filepath.Join(w.dir, "accounts.csv")
	r = w.run("", "--json", "report", "run", "accounts", "--wait", "--poll", "1ms", "--poll-max", "1ms", "-o", out)
	require.Equal(t, exitOK, r.code, r.stderr)
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &jv))
	assert.Equal(t, alianza.JobStatusDone, jv.Status)
	b, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Equal(t, int64(len(b)), jv.Bytes)
	assert.True(t, strings.HasPrefix(string(b), "accountId,accountNumber,accountName,status\n"))
	assert.Contains(t, string(b), alianzatest.DemoAccountNumber)

	// A failed job: exit 6, its errors shown, no file left behind.
	w.srv.FailNextJob(alianzatest.JobFailure{Line: 2, Column: "email", Input: "x@", Message: "bad email"})
	failed := filepath.Join(w.dir, "failed.csv")
	r = w.run("", "report", "run", "accounts", "--wait", "--poll", "1ms", "--poll-max", "1ms", "-o", failed)
	assert.Equal(t, exitServer, r.code)
	assert.Contains(t, r.stderr, `line 2, column email: bad email (input "x@")`)
	assert.NoFileExists(t, failed)

	// Usage mistakes.
	for _, args := range [][]string{
		{"report", "run", "nope"},
		{"report", "run", "accounts", "-o", out},
		{"report", "run", "users", "--month", "March"},
		{"report", "run", "end-user-changes"},
		{"report", "run", "accounts", "--month", "2025-03"},
		{"--json", "report", "run", "accounts", "--wait"},
		{"report", "run", "user-summary", "--wait"},
	} {
		r := w.run("", args...)
		assert.Equal(t, exitUsage, r.code, "%v: %s", args, r.stderr)
	}

	// A period flag the report does not take is refused, named, with what
	// the report takes, before any job starts.
	jobs := len(w.srv.Requests())
	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{"users", "--from", "2026-11-01", "--to", "2026-11-30"}, "report users takes --month YYYY-MM (default this month), not --from or --to"},
		{[]string{"msteams", "--to", "2026-11-30"}, "report msteams takes an optional --month YYYY-MM, not --to"},
		{[]string{"end-user-changes", "--from", "2026-11-01", "--to", "2026-11-30", "--month", "2026-10"}, "report end-user-changes takes --from and --to (YYYY-MM-DD), not --month"},
		{[]string{"accounts", "--from", "2026-11-01"}, "report accounts takes no --month, --from or --to: drop --from"},
		{[]string{"user-summary", "--month", "2026-10"}, "report user-summary takes no --month, --from or --to: drop --month"},
	} {
		r := w.run("", append([]string{"report", "run"}, tc.args...)...)
		assert.Equal(t, exitUsage, r.code, "%v: %s", tc.args, r.stderr)
		assert.Contains(t, r.stderr, tc.msg, tc.args)
	}
	assert.Len(t, w.srv.Requests(), jobs, "nothing sent")
}

func TestPortCommands(t *testing.T) {
	w, tick := newTickingWorld(t, 0)
	acct, _, _, _ := w.demo()
	ctx := context.Background()

	r := w.run("", "--json", "port", "prevalidate", "8015551212", "18017690800")
	require.Equal(t, exitOK, r.code, r.stderr)
	var rows []prevalidateRow
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &rows))
	require.Len(t, rows, 2)
	assert.True(t, rows[0].Portable)
	assert.NotEmpty(t, rows[0].EarliestCRD)
	assert.False(t, rows[1].Portable, "a number of the partition's own inventory")
	assert.Contains(t, rows[1].Reason, "inventory")

	submit := func(tn string) string {
		act, err := w.api.Ports.Submit(ctx, acct.ID, &alianza.SubmitPortRequest{
			Numbers: []string{tn}, CustomerServiceRecord: alianza.CustomerServiceRecord{FirstName: "John", LastName: "Smith"},
			Port: alianza.PortRequest{BillingTelephoneNumber: tn, CrdDate: fakeNow.AddDate(0, 0, 7), PortingWireType: alianza.PortingWireTypeWireline,
				WirelessPIN: "54321"},
		})
		require.NoError(t, err)
		return act.Port.ID
	}
	id := submit("18015551212")

	r = w.run("", "port", "get", alianzatest.DemoAccountNumber, id)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "PORT_PENDING")
	assert.NotContains(t, r.stdout, "54321")

	r = w.run("", "port", "trigger", alianzatest.DemoAccountNumber, id)
	assert.Equal(t, exitValidation, r.code, "no trigger before the FOC date")

	r = w.run("", "--json", "port", "status", "--account", alianzatest.DemoAccountNumber)
	require.Equal(t, exitOK, r.code, r.stderr)
	var st []portStatusRow
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &st))
	require.Len(t, st, 1)
	assert.Equal(t, id, st[0].PortID)
	assert.False(t, st[0].Status.Final())

	w.srv.Advance(2 * alianzatest.PortStepDuration)
	r = w.run("", "port", "trigger", alianzatest.DemoAccountNumber, id)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "triggered")

	// Cancel asks first: refused without a terminal, done with --yes.
	id2 := submit("18015551213")
	r = w.run("", "port", "cancel", alianzatest.DemoAccountNumber, id2)
	assert.Equal(t, exitAborted, r.code)
	r = w.run("", "port", "cancel", "--dry-run", alianzatest.DemoAccountNumber, id2)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "planned")
	r = w.runTTY("y\n", "port", "cancel", alianzatest.DemoAccountNumber, id2)
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "done")
	r = w.run("", "port", "cancel", "--yes", alianzatest.DemoAccountNumber, id2)
	assert.Equal(t, exitValidation, r.code, "a cancelled port cannot be cancelled again")

	// A port that has ended is refused before the question, in a dry run
	// too, and no cancel is sent: id2 was cancelled, id completed.
	cancels := func() int {
		n := 0
		for _, req := range w.srv.Requests() {
			if req.Method == http.MethodDelete && strings.HasSuffix(req.Path, "/cancelport") {
				n++
			}
		}
		return n
	}
	before := cancels()
	ended := []runResult{
		w.runTTY("y\n", "port", "cancel", alianzatest.DemoAccountNumber, id2),
		w.runTTY("y\n", "port", "cancel", alianzatest.DemoAccountNumber, id),
		w.run("", "--json", "port", "cancel", "--dry-run", alianzatest.DemoAccountNumber, id2),
	}
	for _, r := range ended {
		assert.Equal(t, exitValidation, r.code, r.stderr)
		assert.NotContains(t, r.stderr, "[y/N]", "no question")
		assert.Empty(t, r.stdout)
	}
	assert.Contains(t, ended[0].stderr, "was already cancelled (status CANCEL_PORT_COMPLETE)")
	assert.Contains(t, ended[1].stderr, "was already completed (status ACTIVE)")
	assert.Equal(t, before, cancels(), "no cancel sent for an ended port")

	// --wait follows a third port to its end while the fake's clock runs.
	submit("18015551214")
	tick.Store(int64(10 * time.Minute))
	r = w.run("", "--json", "port", "status", "--number", "8015551214", "--wait", "--poll", "1ms")
	require.Equal(t, exitOK, r.code, r.stderr)
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &st))
	require.Len(t, st, 1)
	assert.Equal(t, alianza.ActivationStatusCompleted, st[0].Status)

	r = w.run("", "port", "status", "--poll", "0s")
	assert.Equal(t, exitUsage, r.code)
}
