package main

import (
	"encoding/json"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGlobalFlagChecks(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	w.golden("flag_checks",
		w.run("", "--timeout", "-1s", "login"),
		w.run("", "--timeout", "-1s", "login", "--json"),
		w.run("", "number", "search", "84042", "--max", "16"),
		w.run("", "number", "search", "84042", "--max", "0"),
		w.run("", "account", "add", "--number", "CRM-3001", "--name", "Jane", "--billing-day", "0"),
		w.run("", "account", "add", "--number", "CRM-3001", "--name", "Jane", "--billing-day", "32", "--json"),
		w.run("", "account", "list", "--no-such-flag", "--json"),
	)
	assert.Zero(t, len(w.srv.Requests()), "usage errors send nothing")

	r := w.run("", "number", "search", "84042", "--max", "15", "--json")
	require.Equal(t, exitOK, r.code, r.stderr)
	var rows []numberRow
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &rows))
	assert.NotEmpty(t, rows)
	assert.LessOrEqual(t, len(rows), 15)
	assert.Contains(t, w.run("", "number", "search", "--help").stdout, "1-15")
	assert.Contains(t, w.run("", "account", "add", "--help").stdout, "29-31 are created as 28")
}

func TestJSONErrors(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	for _, tc := range []struct {
		args     []string
		code     int
		class    string
		sentinel string
	}{
		{[]string{"account", "get", "CRM-404", "--json"}, exitNotEnabled, "not_enabled", "crm.ErrNotEnabled"},
		{[]string{"--json", "user", "get", "DEMO-1001", "nope"}, exitNotFound, "not_found", "alianza.ErrNotFound"},
		{[]string{"--json", "bogus"}, exitUsage, "usage", ""},
		// The most specific sentinel: a refused login also matches
		// ErrUnauthorized, a duplicate's 400 also ErrBadRequest.
		{[]string{"--json", "--password", "not-the-password", "login"}, exitAuth, "auth", "alianza.ErrAuthentication"},
		{[]string{"--json", "user", "create", "DEMO-1001", "--username", "demo.user@example.com"}, exitValidation, "validation", "alianza.ErrConflict"},
	} {
		r := w.run("", tc.args...)
		assert.Equal(t, tc.code, r.code, "%v: %s", tc.args, r.stderr)
		var got jsonError
		require.NoError(t, json.Unmarshal([]byte(r.stderr), &got), "%v: stderr is one JSON object: %s", tc.args, r.stderr)
		assert.Equal(t, tc.code, got.ExitCode, "%v", tc.args)
		assert.Equal(t, tc.class, got.Class, "%v", tc.args)
		assert.Equal(t, tc.sentinel, got.Sentinel, "%v", tc.args)
		assert.NotEmpty(t, got.Error)
		assert.Equal(t, 1, strings.Count(r.stderr, "\n"), "no usage hint after the object")
	}
	// An abort is no Go error: its class says it, and it has no sentinel.
	r := w.run("", "--json", "account", "teardown", "DEMO-1001")
	assert.Equal(t, exitAborted, r.code, r.stderr)
	lines := strings.Split(strings.TrimSpace(r.stderr), "\n")
	var got jsonError
	require.NoError(t, json.Unmarshal([]byte(lines[len(lines)-1]), &got), r.stderr)
	assert.Equal(t, "aborted", got.Class)
	assert.Empty(t, got.Sentinel)
	assert.NotContains(t, lines[len(lines)-1], `"sentinel"`)

	// Without --json the error stays text.
	r = w.run("", "account", "get", "CRM-404")
	assert.True(t, strings.HasPrefix(r.stderr, "error: "), r.stderr)
}

func TestVersion(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	r := w.run("", "--version")
	assert.Equal(t, exitOK, r.code)
	assert.Equal(t, "alianza "+moduleVersion()+"\n", r.stdout)
	assert.Empty(t, r.stderr)
	assert.Zero(t, len(w.srv.Requests()))

	assert.Equal(t, "(devel)", versionOf(nil))
	assert.Equal(t, "(devel)", versionOf(&debug.BuildInfo{}))
	assert.Equal(t, "v1.2.3", versionOf(&debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}}))
	assert.Equal(t, exitUsage, w.run("", "-v").code, "-v is not --version")
}

// TestHelpTexts: the help states facts rather than citing documents the
// repository does not ship, and says what the commands do.
func TestHelpTexts(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	for _, args := range [][]string{{"number", "add", "--help"}, {"trunk", "create", "--help"}} {
		r := w.run("", args...)
		require.Equal(t, exitOK, r.code, r.stderr)
		assert.NotContains(t, r.stdout, "guide", args)
	}
	root := w.run("", "--help").stdout
	assert.Contains(t, root, "trunk/user/device delete, port cancel)", "port cancel asks for confirmation")
	assert.Contains(t, root, "with every flag before \"--\"")
	assert.Contains(t, root, "alianza --json trunk get DEMO-1001 -- -Xq3...")
	assert.Contains(t, root, "--insecure-http")
	assert.Contains(t, w.run("", "report", "run", "--help").stdout, "its status on stderr when stderr is a terminal")
	assert.Contains(t, w.run("", "port", "status", "--help").stdout, "progress on stderr\nwhen stderr is a terminal")
}

// TestInsecureHTTP: a plain http:// base URL off loopback is refused with
// the console's flag in the message, and --insecure-http allows it.
func TestInsecureHTTP(t *testing.T) {
	t.Parallel()
	env := func(k string) string {
		return map[string]string{"ALIANZA_USERNAME": "u", "ALIANZA_PASSWORD": "p", "ALIANZA_BASE_URL": "http://alianza.example.com"}[k]
	}
	var out, errb strings.Builder
	code := run(t.Context(), []string{"--json", "login"}, strings.NewReader(""), &out, &errb, env)
	assert.Equal(t, exitValidation, code)
	var e jsonError
	require.NoError(t, json.Unmarshal([]byte(errb.String()), &e), errb.String())
	assert.Equal(t, "alianza.ErrInsecureURL", e.Sentinel)
	assert.Contains(t, e.Error, "use https, or --insecure-http")
	assert.NotContains(t, e.Error, "WithInsecureHTTP", "the SDK's option is no console flag")

	a := &app{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, env: env, insecureHTTP: true}
	api, err := a.client()
	require.NoError(t, err, "--insecure-http allows it")
	assert.NotNil(t, api)
}

// TestMissingRequiredFlags: a required flag left out is a usage mistake
// (exit 2) in every command, named in the message, and nothing is sent.
func TestMissingRequiredFlags(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	for _, tc := range []struct {
		args    []string
		missing string
	}{
		{[]string{"account", "add", "--name", "Jane Doe"}, "--number required"},
		{[]string{"account", "add"}, "--number, --name required"},
		{[]string{"number", "add", "DEMO-1001", "18015550100", "--postal-code", "84042", "--business-name", "Acme"}, "--address required"},
		{[]string{"user", "create", "DEMO-1001"}, "--username required"},
		{[]string{"trunk", "create", "DEMO-1001"}, "--name required"},
		{[]string{"device", "create", "DEMO-1001", "--type", "SPA112", "--name", "Fax"}, "--user required"},
		{[]string{"cdr", "search", "DEMO-1001", "--from", "2025-03-01"}, "--to required"},
		{[]string{"sip-lines", "sync", "DEMO-1001", "--mode", "add-only"}, "--crm-lines FILE is required"},
		{[]string{"billing", "export", "--period", "2025-03"}, "-o FILE is required"},
		{[]string{"port", "in", "DEMO-1001"}, "--spec FILE is required"},
	} {
		r := w.run("", tc.args...)
		assert.Equal(t, exitUsage, r.code, "%v: %s", tc.args, r.stderr)
		assert.Contains(t, r.stderr, tc.missing, tc.args)
	}
	assert.Zero(t, len(w.srv.Requests()), "usage errors send nothing")
}

// TestIgnoredFlagsRefused: a flag the command would ignore is a usage
// error (exit 2) naming it, and nothing is sent.
func TestIgnoredFlagsRefused(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	w.golden("ignored_flags",
		w.run("", "--fake", "--base-url", "https://x.example", "account", "list"),
		w.run("", "--fake", "--username", "someone", "account", "list", "--json"),
		w.run("", "--fake", "--password", "x", "login"),
		w.run("", "number", "search", "84042", "--lat", "40.3", "--long", "-111.7"),
		w.run("", "number", "search", "84042", "--long", "-111.7", "--json"),
		w.run("", "number", "search", "--type", "TN", "--lat", "40.3", "--long", "-111.7"),
	)
	assert.Zero(t, len(w.srv.Requests()), "usage errors send nothing")

	// --fake alone, and a search near a point without QUERY, still work.
	r := w.run("", "--fake", "account", "list", "--json")
	assert.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, "DEMO-1001")
	r = w.run("", "number", "search", "--lat", "40.3", "--long", "-111.7", "--json")
	require.Equal(t, exitOK, r.code, r.stderr)
	var rows []numberRow
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &rows))
	assert.NotEmpty(t, rows)
}
