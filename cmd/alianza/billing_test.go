package main

import (
	"encoding/csv"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
	"github.com/go-alianza/alianza/crm"
)

func TestCDRSearch(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	w.golden("cdr_search",
		w.run("", "cdr", "search", "DEMO-1001", "--from", "2025-03-01", "--to", "2025-03-14", "--limit", "5"),
		w.run("", "cdr", "search", "DEMO-1001", "--from", "2025-03-01", "--to", "2025-03-01", "--csv", "--limit", "3"),
		w.run("", "cdr", "search", "DEMO-1001", "--from", "2025-03-01", "--to", "2025-03-01", "--type", "inbound", "--json", "--limit", "1"),
		w.run("", "cdr", "search", "DEMO-1001", "--from", "2025-03-14", "--to", "2025-03-01"),
		w.run("", "cdr", "search", "DEMO-1001", "--from", "2025-03-01"),
		w.run("", "cdr", "search", "DEMO-1001", "--from", "2025-03-01", "--to", "2025-03-01", "--csv", "--json"),
		w.run("", "cdr", "search", "NOPE-1", "--from", "2025-03-01", "--to", "2025-03-01"),
	)
}

// TestFakeCDRSearchThisMonth is the first acceptance command: the
// console's own fake, this month so far, as JSON.
func TestFakeCDRSearchThisMonth(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	now := time.Now().UTC()
	first := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
	r := w.run("", "--fake", "cdr", "search", alianzatest.DemoAccountNumber,
		"--from", first.Format(alianza.DateLayout), "--to", now.Format(alianza.DateLayout), "--json")
	require.Equal(t, exitOK, r.code, r.stderr)
	var records []alianza.CallRecord
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &records))
	// The fake serves no record after its now: today's are there up to
	// this moment.
	assert.GreaterOrEqual(t, len(records), (now.Day()-1)*alianzatest.DemoCallsPerDay, "every record of the days before today")
	assert.LessOrEqual(t, len(records), now.Day()*alianzatest.DemoCallsPerDay, "no record after now")
	for _, rec := range records {
		assert.Equal(t, alianzatest.DemoAccountNumber, rec.AccountNumber)
	}
}

// TestFakeBillingExportLastMonth exports the console's own fake's last
// month, whole (the fake serves no record after its now).
func TestFakeBillingExportLastMonth(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	now := time.Now().UTC()
	last := time.Date(now.Year(), now.Month()-1, 1, 0, 0, 0, 0, time.UTC)
	out := filepath.Join(w.dir, "out.csv")
	r := w.run("", "--fake", "billing", "export", "--period", last.Format("2006-01"), "-o", out)
	require.Equal(t, exitOK, r.code, r.stderr)
	rows := readCSV(t, out)
	require.Equal(t, crm.CallRecordCSVHeader, rows[0])
	days := time.Date(last.Year(), last.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day()
	assert.Len(t, rows, 1+days*alianzatest.DemoCallsPerDay, "a header and one line per record")
	assert.Contains(t, r.stdout, "Records:")
	assert.NoFileExists(t, out+".checkpoint", "a complete export leaves no checkpoint")
}

func readCSV(t *testing.T, name string) [][]string {
	t.Helper()
	f, err := os.Open(name)
	require.NoError(t, err)
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	return rows
}

func TestBillingExportFailsThenResumes(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	out := filepath.Join(w.dir, "january.jsonl")
	method, route, ok := w.srv.RouteOf("cdrSearch")
	require.True(t, ok)
	require.NoError(t, w.srv.FailNext(method, route, 1, http.StatusBadRequest, nil))
	// The world's clock reads 2025-03-14: January's cycle is over.
	failed := w.run("", "billing", "export", "--period", "2025-01", "--billing-day", "31", "-o", out, "--format", "jsonl")
	assert.Equal(t, exitIncomplete, failed.code, failed.stderr)
	assert.FileExists(t, out+".checkpoint")
	assert.NoFileExists(t, out, "an incomplete export does not create FILE")
	b, err := os.ReadFile(out + ".partial")
	require.NoError(t, err)
	assert.Empty(t, b, "the failed account wrote nothing")

	resumed := w.run("", "billing", "export", "--period", "2025-01", "--billing-day", "31", "-o", out, "--format", "jsonl", "--resume", "--json")
	require.Equal(t, exitOK, resumed.code, resumed.stderr)
	var v exportView
	require.NoError(t, json.Unmarshal([]byte(resumed.stdout), &v))
	assert.Equal(t, "2025-01-28", v.StartDate, "billing day 31 bills on the 28th")
	assert.Equal(t, "2025-02-27", v.EndDate)
	assert.EqualValues(t, 31*alianzatest.DemoCallsPerDay, v.Records)
	assert.True(t, v.Resumed)
	b, err = os.ReadFile(out)
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	assert.Len(t, lines, 31*alianzatest.DemoCallsPerDay)
	var rec alianza.CallRecord
	require.NoError(t, json.Unmarshal([]byte(lines[0]), &rec))
	assert.Equal(t, alianzatest.DemoAccountNumber, rec.AccountNumber)
	assert.NoFileExists(t, out+".checkpoint")
	assert.NoFileExists(t, out+".partial", "renamed over FILE")

	w.golden("billing_export_failed", failed)
}

func TestBillingExportUsage(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	out := filepath.Join(w.dir, "x.csv")
	w.golden("billing_export_usage",
		w.run("", "billing", "export", "--period", "2025-03"),
		w.run("", "billing", "export", "-o", out),
		w.run("", "billing", "export", "--period", "March", "-o", out),
		w.run("", "billing", "export", "--period", "2025-03", "--from", "2025-03-01", "-o", out),
		w.run("", "billing", "export", "--period", "2025-03", "--billing-day", "32", "-o", out),
		w.run("", "billing", "export", "--period", "2025-03", "--format", "xml", "-o", out),
		w.run("", "billing", "export", "--period", "2025-03", "--resume", "-o", out),
		w.run("", "billing", "export", "--from", "2025-03-01", "--to", "2025-03-01", "-o", out),
	)
	rows := readCSV(t, out)
	assert.Len(t, rows, 1+alianzatest.DemoCallsPerDay, "explicit dates: one day")
}

// TestBillingExportProgressBar: on a terminal, the export draws the
// accounts done as a bar on stderr.
func TestBillingExportProgressBar(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	var out, errb strings.Builder
	a := &app{stdin: emptyReader(), stdout: &out, stderr: &errb, env: w.env, stderrTTY: true}
	code := a.run(t.Context(), []string{"billing", "export", "--from", "2025-03-01", "--to", "2025-03-02", "-o", filepath.Join(w.dir, "bar.csv")})
	require.Equal(t, exitOK, code, errb.String())
	assert.Contains(t, errb.String(), "\rexport [##############################] 1/1\n")
	assert.Contains(t, out.String(), "Records:   180")
}

// TestBillingExportKeepsExistingFile: a run that fails, early or part way,
// leaves an existing FILE as it was; only a complete export replaces it,
// and a resumed CSV export appends to the records (and the header) the
// failed run wrote.
func TestBillingExportKeepsExistingFile(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	out := filepath.Join(w.dir, "keep.csv")
	const old = "last month's export\n"
	require.NoError(t, os.WriteFile(out, []byte(old), 0o644))
	unchanged := func(r runResult) {
		t.Helper()
		b, err := os.ReadFile(out)
		require.NoError(t, err)
		assert.Equal(t, old, string(b), "%v left FILE as it was", r.args)
	}
	for _, tc := range []struct {
		code int
		args []string
	}{
		{exitUsage, []string{"--format", "xml"}},
		{exitUsage, []string{"--concurrency", "-1"}},
		{exitValidation, []string{"--billing-day", "32"}},
		{exitAuth, []string{"--password", "not-the-password"}},
	} {
		r := w.run("", append([]string{"billing", "export", "--period", "2025-03", "-o", out}, tc.args...)...)
		assert.Equal(t, tc.code, r.code, r.stderr)
		unchanged(r)
		assert.NoFileExists(t, out+".partial", "%v: nothing written", tc.args)
		assert.NoFileExists(t, out+".checkpoint", "%v: nothing written", tc.args)
	}
	newFile := filepath.Join(w.dir, "new.csv")
	r := w.run("", "billing", "export", "--period", "2025-03", "--concurrency", "-1", "-o", newFile)
	assert.Equal(t, exitUsage, r.code, r.stderr)
	assert.NoFileExists(t, newFile, "a refused run creates no file")

	method, route, ok := w.srv.RouteOf("cdrSearch")
	require.True(t, ok)
	require.NoError(t, w.srv.FailNext(method, route, 1, http.StatusBadRequest, nil))
	failed := w.run("", "billing", "export", "--from", "2025-03-01", "--to", "2025-03-01", "-o", out, "--json")
	require.Equal(t, exitIncomplete, failed.code, failed.stderr)
	unchanged(failed)
	var v exportView
	require.NoError(t, json.Unmarshal([]byte(failed.stdout), &v))
	assert.Equal(t, out+".partial", v.Partial)
	assert.Equal(t, out+".checkpoint", v.Checkpoint)
	assert.Equal(t, [][]string{crm.CallRecordCSVHeader}, readCSV(t, out+".partial"), "the header, written before the failed account")

	resumed := w.run("", "billing", "export", "--from", "2025-03-01", "--to", "2025-03-01", "-o", out, "--resume")
	require.Equal(t, exitOK, resumed.code, resumed.stderr)
	rows := readCSV(t, out)
	require.Len(t, rows, 1+alianzatest.DemoCallsPerDay, "one header and the day's records")
	assert.Equal(t, crm.CallRecordCSVHeader, rows[0])
	assert.NoFileExists(t, out+".partial")
	assert.NoFileExists(t, out+".checkpoint")
}

// TestBillingExportResumeWithoutPartial: --resume needs the records the
// earlier run wrote, not only its checkpoint.
func TestBillingExportResumeWithoutPartial(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	out := filepath.Join(w.dir, "x.csv")
	method, route, ok := w.srv.RouteOf("cdrSearch")
	require.True(t, ok)
	require.NoError(t, w.srv.FailNext(method, route, 1, http.StatusBadRequest, nil))
	failed := w.run("", "billing", "export", "--from", "2025-03-01", "--to", "2025-03-01", "-o", out)
	require.Equal(t, exitIncomplete, failed.code, failed.stderr)
	require.NoError(t, os.Remove(out+".partial"))
	r := w.run("", "billing", "export", "--from", "2025-03-01", "--to", "2025-03-01", "-o", out, "--resume")
	assert.Equal(t, exitUsage, r.code, r.stderr)
	assert.Contains(t, r.stderr, out+".partial")
	assert.NoFileExists(t, out)
}
