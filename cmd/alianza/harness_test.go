package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// fakeNow is the fake platform's clock in the golden tests, so dates in
// the output (calling plans, reservations) never change.
var fakeNow = time.Date(2025, 3, 14, 15, 9, 26, 0, time.UTC)

// world is one test's fake platform, reached the way an operator reaches
// the real one: through ALIANZA_* variables.
type world struct {
	t   *testing.T
	srv *alianzatest.Server
	api *alianza.Client // for setting up and checking state behind the console's back
	dir string
}

func newWorld(t *testing.T) *world {
	t.Helper()
	srv := alianzatest.NewServer(t, alianzatest.WithDemoData(), alianzatest.WithClock(func() time.Time { return fakeNow }))
	api, err := srv.NewClient()
	require.NoError(t, err)
	return &world{t: t, srv: srv, api: api, dir: t.TempDir()}
}

func (w *world) env(k string) string {
	switch k {
	case "ALIANZA_BASE_URL":
		return w.srv.URL()
	case "ALIANZA_USERNAME":
		return w.srv.Username()
	case "ALIANZA_PASSWORD":
		return w.srv.Password()
	}
	return ""
}

type runResult struct {
	args           []string
	code           int
	stdout, stderr string
}

// run runs the console as a script would: stdin is not a terminal.
func (w *world) run(stdin string, args ...string) runResult {
	w.t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errb, w.env)
	return runResult{args, code, out.String(), errb.String()}
}

// runTTY runs the console as if a person typed stdin at a terminal.
func (w *world) runTTY(stdin string, args ...string) runResult {
	w.t.Helper()
	var out, errb bytes.Buffer
	a := &app{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb, env: w.env, stdinTTY: true}
	code := a.run(context.Background(), args)
	return runResult{args, code, out.String(), errb.String()}
}

// demo returns the demo account and its first user, device and trunk.
func (w *world) demo() (acct *alianza.Account, user *alianza.User, dev *alianza.Device, trunk *alianza.SipTrunk) {
	w.t.Helper()
	ctx := context.Background()
	acct, err := w.api.Accounts.GetByNumber(ctx, alianzatest.DemoAccountNumber)
	require.NoError(w.t, err)
	users, err := w.api.Users.List(ctx, acct.ID, nil)
	require.NoError(w.t, err)
	devs, err := w.api.DeviceLines.ListByAccount(ctx, acct.ID)
	require.NoError(w.t, err)
	trunks, err := w.api.SipTrunks.List(ctx, acct.ID)
	require.NoError(w.t, err)
	require.Len(w.t, users, 1)
	require.Len(w.t, devs, 1)
	require.Len(w.t, trunks, 1)
	return acct, &users[0], &devs[0], &trunks[0]
}

var (
	idRE   = regexp.MustCompile(`(^|[^A-Za-z0-9_-])([A-Za-z0-9_-]{22})([^A-Za-z0-9_-]|$)`)
	uuidRE = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)
	urlRE  = regexp.MustCompile(`http://127\.0\.0\.1:\d+`)
)

// normalise replaces what changes from run to run: the fake's random ids
// (22 characters, kept 22 wide so tables stay aligned, numbered by first
// appearance), UUIDs, the fake's port and the test's temporary directory.
func normalise(s, dir string) string {
	s = strings.ReplaceAll(s, dir, "$TMP")
	s = urlRE.ReplaceAllString(s, "http://127.0.0.1:PORT")
	s = uuidRE.ReplaceAllString(s, "<uuid>")
	ids := map[string]string{}
	for {
		// Adjacent ids share a separator, so replace until none is left.
		next := idRE.ReplaceAllStringFunc(s, func(m string) string {
			sub := idRE.FindStringSubmatch(m)
			id := sub[2]
			if strings.HasPrefix(id, "<id") {
				return m
			}
			p, ok := ids[id]
			if !ok {
				p = fmt.Sprintf("<id%d>", len(ids)+1)
				p += strings.Repeat("-", 22-len(p))
				ids[id] = p
			}
			return sub[1] + p + sub[3]
		})
		if next == s {
			return s
		}
		s = next
	}
}

// golden compares the transcript of one or more runs with
// testdata/golden/<name>.golden, or rewrites it with -update.
func (w *world) golden(name string, rs ...runResult) {
	w.t.Helper()
	var b strings.Builder
	for i, r := range rs {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "$ alianza %s\n--- exit %d\n--- stdout\n%s--- stderr\n%s", shellJoin(r.args), r.code, r.stdout, r.stderr)
	}
	got := normalise(b.String(), w.dir)
	path := filepath.Join("testdata", "golden", name+".golden")
	if *update {
		require.NoError(w.t, os.WriteFile(path, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(w.t, err, "missing golden file: run go test ./cmd/alianza -update")
	assert.Equal(w.t, string(want), got, "golden file %s differs (go test ./cmd/alianza -update rewrites it)", path)
}

func TestNormalise(t *testing.T) {
	in := "a up-3YIZqc5fs7ZSnNh6h_w b\nup-3YIZqc5fs7ZSnNh6h_w,1RncZRfPo_w89oVsRPPgmw FakePartition0000000001 OPEN_DIAL_PLAN_TEN_DIGIT http://127.0.0.1:4242/x"
	got := normalise(in, "/nowhere")
	assert.Equal(t, "a <id1>----------------- b\n<id1>-----------------,<id2>----------------- FakePartition0000000001 OPEN_DIAL_PLAN_TEN_DIGIT http://127.0.0.1:PORT/x", got)
}

// shellJoin quotes the arguments that need it, so a transcript can be
// pasted into a shell.
func shellJoin(args []string) string {
	out := make([]string, len(args))
	for i, a := range args {
		if a == "" || strings.ContainsAny(a, " '\"$*?&;|<>()") {
			a = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
		out[i] = a
	}
	return strings.Join(out, " ")
}

type stringsBuilder = strings.Builder

func emptyReader() *strings.Reader { return strings.NewReader("") }
