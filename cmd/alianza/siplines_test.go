package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// crmLines is a CRM table that is out of date: the demo line has an old
// display name and password (and a CRM-only column), and a line Alianza no
// longer has is still there.
const crmLines = `[
  {"lineNumber": 1, "sipUsername": "demo-desk-phone-1", "sipPassword": "old-password", "displayName": "Old Name",
   "emergencyNumber": "18017850805", "macAddress": "0004F2ABCDEF", "portNumber": 5060},
  {"lineNumber": 2, "sipUsername": "gone-line-2", "sipPassword": "gone-password", "displayName": "Gone",
   "emergencyNumber": "18017850805", "macAddress": "0004F2ABCDEF"}
]`

func (w *world) linesFile(name, content string) string {
	w.t.Helper()
	p := filepath.Join(w.dir, name)
	require.NoError(w.t, os.WriteFile(p, []byte(content), 0o600))
	return p
}

func readLines(t *testing.T, path string) []map[string]any {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	var out []map[string]any
	require.NoError(t, json.Unmarshal(b, &out))
	return out
}

func TestSyncAddOnly(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	f := w.linesFile("lines.json", crmLines)
	r := w.run("", "sip-lines", "sync", "DEMO-1001", "--mode", "add-only", "--crm-lines", f)
	require.Equal(t, exitOK, r.code, r.stderr)
	w.golden("sync_add_only", r)
	got := readLines(t, f)
	require.Len(t, got, 2, "add-only deletes nothing")
	assert.Equal(t, "Demo User", got[0]["displayName"])
	assert.Equal(t, "demo-sip-password", got[0]["sipPassword"], "the CRM's table holds the real password")
	assert.EqualValues(t, 5060, got[0]["portNumber"], "the CRM's own columns are kept")
	st, err := os.Stat(f)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), st.Mode().Perm())
}

func TestSyncFull(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	f := w.linesFile("lines.json", crmLines)
	w.golden("sync_full_confirm",
		w.run("", "sip-lines", "sync", "DEMO-1001", "--mode", "full", "--crm-lines", f, "--dry-run"),
		w.run("", "sip-lines", "sync", "DEMO-1001", "--mode", "full", "--crm-lines", f, "--dry-run", "--json", "--show-secrets"),
		w.run("", "sip-lines", "sync", "DEMO-1001", "--mode", "full", "--crm-lines", f),
		w.runTTY("n\n", "sip-lines", "sync", "DEMO-1001", "--mode", "full", "--crm-lines", f),
	)
	b, err := os.ReadFile(f)
	require.NoError(t, err)
	assert.Equal(t, crmLines, string(b), "nothing is written until confirmed")

	out := filepath.Join(w.dir, "result.json")
	w.golden("sync_full_yes",
		w.runTTY("y\n", "sip-lines", "sync", "DEMO-1001", "--mode", "full", "--crm-lines", f, "--out", out),
		// In step now: nothing to do, no question.
		w.run("", "sip-lines", "sync", "DEMO-1001", "--mode", "full", "--crm-lines", out, "--json"),
	)
	got := readLines(t, out)
	require.Len(t, got, 1)
	assert.Equal(t, "demo-desk-phone-1", got[0]["sipUsername"])
	b, err = os.ReadFile(f)
	require.NoError(t, err)
	assert.Equal(t, crmLines, string(b), "--out leaves the input alone")
}

func TestSyncFullYesEmptyTable(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	f := w.linesFile("lines.json", "[]")
	r := w.run("", "sip-lines", "sync", "DEMO-1001", "--mode", "full", "--crm-lines", f, "--yes", "--json")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.NotContains(t, r.stdout, "demo-sip-password")
	assert.Len(t, readLines(t, f), 1)
}

func TestSyncBadInput(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	dup := w.linesFile("dup.json", `[{"sipUsername":"a","sipPassword":"secret-1"},{"sipUsername":"a","sipPassword":"secret-2"}]`)
	badType := w.linesFile("bad.json", `[{"sipUsername":"a","sipPassword":12345}]`)
	r := w.run("", "sip-lines", "sync", "DEMO-1001", "--mode", "add-only", "--crm-lines", badType)
	assert.NotContains(t, r.stderr, "12345", "a malformed password is not echoed")
	w.golden("sync_bad_input",
		w.run("", "sip-lines", "sync", "DEMO-1001", "--mode", "sideways", "--crm-lines", dup),
		w.run("", "sip-lines", "sync", "DEMO-1001", "--mode", "full"),
		w.run("", "sip-lines", "sync", "DEMO-1001", "--mode", "add-only", "--crm-lines", filepath.Join(w.dir, "missing.json")),
		w.run("", "sip-lines", "sync", "DEMO-1001", "--mode", "add-only", "--crm-lines", dup),
		r,
		w.run("", "sip-lines", "sync", "NOT-THERE", "--mode", "add-only", "--crm-lines", dup),
	)
}

// A --crm-lines file holding JSON null is refused (exit 3, naming the
// file) in every mode, and left as it was: null decodes to no lines, but it
// is more likely a broken export than a customer without lines.
func TestSyncNullTable(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	f := w.linesFile("null.json", " null\n")
	var rs []runResult
	for _, args := range [][]string{
		{"--mode", "full", "--yes"},
		{"--mode", "full", "--dry-run", "--json"},
		{"--mode", "add-only"},
	} {
		r := w.run("", append([]string{"sip-lines", "sync", "DEMO-1001", "--crm-lines", f}, args...)...)
		assert.Equal(t, exitValidation, r.code, r.stderr)
		assert.Contains(t, r.stderr, "null.json")
		assert.Empty(t, r.stdout)
		rs = append(rs, r)
	}
	w.golden("sync_null_table", rs...)
	b, err := os.ReadFile(f)
	require.NoError(t, err)
	assert.Equal(t, " null\n", string(b), "the file is not rewritten")
}
