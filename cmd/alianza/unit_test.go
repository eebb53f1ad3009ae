package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/crm"
)

func TestExitCode(t *testing.T) {
	t.Parallel()
	api := func(status int) error {
		return &alianza.APIError{StatusCode: status, Method: http.MethodGet, Path: "/x"}
	}
	for _, tc := range []struct {
		err  error
		want int
	}{
		{nil, exitOK},
		{errors.New("boom"), exitError},
		{usage("bad"), exitUsage},
		{fmt.Errorf("wrapped: %w", errAborted), exitAborted},
		{&alianza.ValidationError{Errors: []*alianza.FieldError{{Field: "tn", Rule: "bad"}}}, exitValidation},
		{api(400), exitValidation},
		{api(409), exitValidation},
		{api(404), exitNotFound},
		{api(401), exitAuth},
		{api(403), exitAuth},
		{alianza.ErrNoCredential, exitAuth},
		{api(500), exitServer},
		{api(429), exitServer},
		{context.DeadlineExceeded, exitServer},
		{context.Canceled, exitInterrupt},
		// A write whose answer was lost, even when interrupted: 10 wins.
		{&alianza.OutcomeUnknownError{Method: http.MethodPost, Path: "/x", Err: context.Canceled}, exitUnknown},
		{&alianza.OutcomeUnknownError{Method: http.MethodPost, Path: "/x", Err: io.ErrUnexpectedEOF}, exitUnknown},
		// The not-enabled error wraps the platform's 404: 7 wins.
		{fmt.Errorf("%w: %w", crm.ErrNotEnabled, api(404)), exitNotEnabled},
		// An incomplete workflow wraps its failures' errors: 8 wins.
		{&crm.IncompleteError{Op: "teardown", Failures: []crm.Failure{{What: "x", Err: api(500)}}}, exitIncomplete},
		// Local files: syscall.Errno has Timeout and Temporary, but a
		// file that cannot be opened or renamed is not the network.
		{&fs.PathError{Op: "open", Path: "/nonexistent/x.csv", Err: syscall.ENOENT}, exitError},
		{fmt.Errorf("saving: %w", &os.LinkError{Op: "rename", Old: "a", New: "b", Err: syscall.EXDEV}), exitError},
		{os.NewSyscallError("fsync", syscall.EIO), exitError},
		{&fs.PathError{Op: "write", Path: "x.csv", Err: syscall.EAGAIN}, exitError},
		// The network's errors, even when they wrap a syscall error.
		{&net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}, exitServer},
		{&url.Error{Op: "Post", URL: "https://api.alianza.com/v2/authorize", Err: &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}}, exitServer},
		{&net.DNSError{Err: "no such host", Name: "api.alianza.invalid", IsNotFound: true}, exitServer},
		{syscall.ECONNRESET, exitServer},
	} {
		assert.Equal(t, tc.want, exitCode(tc.err), "%v", tc.err)
	}
}

type nested struct {
	Name  string            `json:"name"`
	Trunk *alianza.SipTrunk `json:"trunk"`
	Lines []lineView        `json:"lines"`
}

func TestMarshalJSONScrubsSecretsKeepsOrder(t *testing.T) {
	t.Parallel()
	v := nested{Name: "x", Trunk: &alianza.SipTrunk{TrunkName: "t", SIPPassword: `p"w<d>`},
		Lines: []lineView{{SIPUsername: "u", SIPPassword: "line-secret"}}}
	b, err := marshalJSON(v, false)
	require.NoError(t, err)
	s := string(b)
	assert.NotContains(t, s, "line-secret")
	assert.NotContains(t, s, `p\"w`)
	assert.Equal(t, 2, strings.Count(s, `"REDACTED"`))
	assert.Less(t, strings.Index(s, `"name"`), strings.Index(s, `"trunk"`), "struct order is kept")

	b, err = marshalJSON(v, true)
	require.NoError(t, err)
	assert.Contains(t, string(b), "line-secret")
	assert.Contains(t, string(b), `p\"w\u003cd\u003e`, "the secret's own JSON, escaped")
}

func TestFileStore(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	in := filepath.Join(dir, "in.json")
	require.NoError(t, os.WriteFile(in, []byte(`[{"sipUsername":"a","sipPassword":"pa","lineNumber":1,"port":7},{"sipUsername":"b","lineNumber":2}]`), 0o644))
	s := newFileStore(in, filepath.Join(dir, "out.json"))
	ctx := context.Background()
	ls, err := s.Lines(ctx)
	require.NoError(t, err)
	require.Len(t, ls, 2)
	assert.Equal(t, alianza.Secret("pa"), ls[0].SIPPassword)

	require.NoError(t, s.Update(ctx, crm.SIPLine{LineNumber: 1, SIPUsername: "a", SIPPassword: "new", DisplayName: "A"}))
	require.NoError(t, s.Delete(ctx, crm.SIPLine{SIPUsername: "b"}))
	require.NoError(t, s.Add(ctx, crm.SIPLine{LineNumber: 3, SIPUsername: "c"}))
	assert.Error(t, s.Add(ctx, crm.SIPLine{SIPUsername: "c"}), "no duplicates")
	assert.Error(t, s.Update(ctx, crm.SIPLine{SIPUsername: "zz"}))
	assert.Error(t, s.Delete(ctx, crm.SIPLine{SIPUsername: "zz"}))

	got, err := os.ReadFile(filepath.Join(dir, "out.json"))
	require.NoError(t, err)
	assert.JSONEq(t, `[
	  {"lineNumber":1,"sipUsername":"a","sipPassword":"new","displayName":"A","emergencyNumber":"","macAddress":"","port":7},
	  {"lineNumber":3,"sipUsername":"c","sipPassword":"","displayName":"","emergencyNumber":"","macAddress":""}]`, string(got))
	st, err := os.Stat(filepath.Join(dir, "out.json"))
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), st.Mode().Perm())
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Len(t, entries, 2, "no temporary file left behind")
}

func TestFileStoreRejects(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for name, content := range map[string]string{
		"not an array": `{"sipUsername":"a"}`,
		"no username":  `[{"lineNumber":1}]`,
		"duplicate":    `[{"sipUsername":"a"},{"sipUsername":"a"}]`,
		"bad password": `[{"sipUsername":"a","sipPassword":42}]`,
		"bad line":     `[{"sipUsername":"a","lineNumber":"one"}]`,
	} {
		p := filepath.Join(dir, strings.ReplaceAll(name, " ", "_")+".json")
		require.NoError(t, os.WriteFile(p, []byte(content), 0o600))
		_, err := newFileStore(p, "").Lines(context.Background())
		assert.ErrorIs(t, err, alianza.ErrValidation, name)
	}
}

// A delete the operator did not see in the confirmed plan is refused.
func TestConfirmedStoreRefusesUnconfirmedDelete(t *testing.T) {
	t.Parallel()
	p := filepath.Join(t.TempDir(), "l.json")
	require.NoError(t, os.WriteFile(p, []byte(`[{"sipUsername":"a"},{"sipUsername":"b"}]`), 0o600))
	fs := newFileStore(p, "")
	_, err := fs.Lines(context.Background())
	require.NoError(t, err)
	s := &confirmedStore{fileStore: fs, deletes: map[string]bool{"a": true}}
	require.NoError(t, s.Delete(context.Background(), crm.SIPLine{SIPUsername: "a"}))
	err = s.Delete(context.Background(), crm.SIPLine{SIPUsername: "b"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "not in the confirmed plan")
	ls, err := newFileStore(p, "").Lines(context.Background())
	require.NoError(t, err)
	require.Len(t, ls, 1)
	assert.Equal(t, "b", ls[0].SIPUsername)
}

func TestProgress(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	p := &progress{w: &buf, on: true, label: "teardown"}
	p.set(1, 4)
	p.set(4, 4)
	p.finish()
	assert.Equal(t, "\rteardown [#######.......................] 1/4\rteardown [##############################] 4/4\n", buf.String())

	buf.Reset()
	p = &progress{w: &buf, on: true, label: "sync"}
	p.set(3, 0)
	assert.Equal(t, "\rsync: 3 done", buf.String(), "unknown total: a count")

	buf.Reset()
	off := &progress{w: &buf, on: false, label: "x"}
	off.set(1, 2)
	off.finish()
	assert.Empty(t, buf.String(), "nothing drawn when stderr is not a terminal")
}

// With a terminal on stderr, a teardown draws its bar there, and stdout
// keeps only the result.
func TestTeardownProgressOnTerminal(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	var out, errb bytes.Buffer
	a := &app{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, env: w.env, stderrTTY: true}
	require.Equal(t, exitOK, a.run(context.Background(), []string{"account", "teardown", "DEMO-1001", "--yes", "--concurrency", "1"}))
	assert.Contains(t, errb.String(), "\rteardown DEMO-1001 [##########....................] 1/3")
	assert.Contains(t, errb.String(), "3/3\n")
	assert.NotContains(t, out.String(), "\r")
}

func TestConfirmAnswers(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]error{"y\n": nil, "YES\n": nil, " y \n": nil, "n\n": errAborted, "\n": errAborted, "": errAborted, "maybe\n": errAborted} {
		var errb bytes.Buffer
		a := &app{stdin: strings.NewReader(in), stderr: &errb, stdinTTY: true}
		err := a.confirm(&guard{}, "Delete it")
		if want == nil {
			assert.NoError(t, err, "%q", in)
		} else {
			assert.ErrorIs(t, err, want, "%q", in)
		}
		assert.Contains(t, errb.String(), "Delete it? [y/N] ")
	}
	// --yes needs no terminal and reads nothing.
	a := &app{stdin: strings.NewReader("n\n")}
	assert.NoError(t, a.confirm(&guard{yes: true}, "Delete it"))
}

func TestIsTerminal(t *testing.T) {
	t.Parallel()
	assert.False(t, isTerminal(&bytes.Buffer{}))
	devnull, err := os.Open(os.DevNull)
	require.NoError(t, err)
	defer devnull.Close()
	assert.False(t, isTerminal(devnull), "/dev/null is a character device but not a terminal")
}

// An empty list is [] in JSON, whatever the command got back: scripts
// iterate over it.
func TestEmitEmptyListAsArray(t *testing.T) {
	var out bytes.Buffer
	a := &app{stdout: &out, jsonOut: true}
	var none []alianza.User
	require.NoError(t, a.emit(none, nil))
	assert.Equal(t, "[]\n", out.String())
}

// TestLocalFileErrorExit1: an -o FILE in a directory that does not exist
// is a local file error (exit 1), not the server or transport (exit 6).
func TestLocalFileErrorExit1(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	out := filepath.Join(w.dir, "nonexistent", "dir", "x.csv")
	r := w.run("", "billing", "export", "--from", "2025-03-01", "--to", "2025-03-01", "-o", out, "--json")
	assert.Equal(t, exitError, r.code, r.stderr)
	var e jsonError
	require.NoError(t, json.Unmarshal([]byte(r.stderr), &e))
	assert.Equal(t, "error", e.Class)
	assert.Contains(t, e.Error, "no such file or directory")
}
