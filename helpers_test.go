package alianza

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/go-alianza/alianza/internal/gen"
	"github.com/go-alianza/alianza/internal/spec"
	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/require"
)

// Test values. The secrets are unique so a leak scan can find them.
const (
	testBaseURL   = "https://api.test.invalid/prefix" // a non-empty prefix catches absolute-path bugs
	testPartition = "PART1"
	testUsername  = "api@example.com"
	testPassword  = "pw-Zq81vXk3Lm"
	testToken     = "tok-Rv55Hj2Wq9"
	testSIPSecret = "sip-Xk20Pd7Rn4"
)

// newMockClient returns a client over its own httpmock transport, with a
// login responder that issues testToken, acting in testPartition. Any
// request without a responder fails the test.
func newMockClient(t *testing.T, opts ...Option) (*Client, *httpmock.MockTransport) {
	t.Helper()
	login := map[string]any{"authToken": testToken, "partitionId": testPartition, "username": testUsername}
	return mockClientWithLogin(t, login, append([]Option{WithPartition(testPartition)}, opts...)...)
}

// mockClientWithLogin is newMockClient with the login's answer given and
// no partition chosen.
func mockClientWithLogin(t *testing.T, login map[string]any, opts ...Option) (*Client, *httpmock.MockTransport) {
	t.Helper()
	mt := httpmock.NewMockTransport()
	mt.RegisterNoResponder(func(r *http.Request) (*http.Response, error) {
		t.Errorf("unexpected request %s %s", r.Method, r.URL.String())
		return httpmock.NewStringResponse(599, "no responder"), nil
	})
	mt.RegisterResponder(http.MethodPost, testBaseURL+"/v2/authorize", httpmock.NewJsonResponderOrPanic(200, login))
	base := []Option{WithBaseURL(testBaseURL), WithCredentials(testUsername, testPassword), WithHTTPClient(&http.Client{Transport: mt})}
	c, err := NewClient(append(base, opts...)...)
	require.NoError(t, err)
	return c, mt
}

// capture records what the responder of one operation received.
type capture struct {
	mu     sync.Mutex
	calls  int
	bodies [][]byte
	query  url.Values
	header http.Header
}

// Calls returns how many requests reached the operation.
func (c *capture) Calls() int { c.mu.Lock(); defer c.mu.Unlock(); return c.calls }

// Body returns the body of the last request.
func (c *capture) Body() []byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.bodies) == 0 {
		return nil
	}
	return c.bodies[len(c.bodies)-1]
}

// BodyMap decodes the last body as a JSON object.
func (c *capture) BodyMap(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal(c.Body(), &m), "body: %s", c.Body())
	return m
}

// Query returns the query of the last request.
func (c *capture) Query() url.Values { c.mu.Lock(); defer c.mu.Unlock(); return c.query }

// mockOp registers a responder for the operation that method (e.g.
// "AccountsService.Get") declares in its //alianza:operation directive,
// with args filling the path's placeholders after {partitionId}. It answers
// status with body (a string or []byte is sent as is, anything else as
// JSON). When the test ends it asserts the operation was called: so each
// method's test proves that what it sends equals its directive.
func mockOp(t *testing.T, mt *httpmock.MockTransport, method string, args []string, status int, body any) *capture {
	t.Helper()
	op, ok := directives(t)[method]
	require.True(t, ok, "no //alianza:operation directive on %s", method)
	verb, tmpl, _ := strings.Cut(op, " ")
	u := testBaseURL + expandTest(t, tmpl, args)
	var raw []byte
	switch b := body.(type) {
	case nil:
	case string:
		raw = []byte(b)
	case []byte:
		raw = b
	default:
		var err error
		raw, err = json.Marshal(b)
		require.NoError(t, err)
	}
	c := &capture{}
	mt.RegisterResponder(verb, u, func(r *http.Request) (*http.Response, error) {
		var got []byte
		if r.Body != nil {
			got, _ = io.ReadAll(r.Body)
		}
		c.mu.Lock()
		c.calls++
		c.bodies = append(c.bodies, got)
		c.query = r.URL.Query()
		c.header = r.Header.Clone()
		c.mu.Unlock()
		resp := httpmock.NewBytesResponse(status, raw)
		if len(raw) > 0 {
			resp.Header.Set("Content-Type", "application/json")
		}
		return resp, nil
	})
	t.Cleanup(func() {
		if !t.Failed() && c.Calls() == 0 {
			t.Errorf("%s: no request reached %s %s", method, verb, u)
		}
	})
	return c
}

// expandTest fills a template the way the client must: partition first,
// then args, each escaped as one segment.
func expandTest(t *testing.T, tmpl string, args []string) string {
	t.Helper()
	var b strings.Builder
	i := 0
	for {
		open := strings.IndexByte(tmpl, '{')
		if open < 0 {
			b.WriteString(tmpl)
			break
		}
		end := strings.IndexByte(tmpl, '}')
		name := tmpl[open+1 : end]
		b.WriteString(tmpl[:open])
		if name == "partitionId" {
			b.WriteString(testPartition)
		} else {
			require.Less(t, i, len(args), "template %s needs more args", tmpl)
			b.WriteString(url.PathEscape(args[i]))
			i++
		}
		tmpl = tmpl[end+1:]
	}
	require.Equal(t, len(args), i, "template %s takes %d args", tmpl, i)
	return b.String()
}

// OperationDirective is one //alianza:operation directive and the function
// that carries it, as internal/gen parses them for the generator's drift
// report. It and ScopeOperation are exported from this _test.go file (so
// from the test binary only, not the package) for the external contract
// tests: both test packages read the directives and the scope file through
// the one parser.
type OperationDirective = gen.Directive

// ScopeOperation is one line of testdata/operations-scope.txt: an operation
// of the spec the SDK must have a method for.
type ScopeOperation struct {
	Priority    string // MUST or SHOULD
	Method      string // GET, POST, ...
	OperationID string // the spec's operationId
}

var (
	directivesOnce sync.Once
	directiveList  []OperationDirective
	directiveErr   error

	scopeOnce sync.Once
	scopeList []ScopeOperation
	scopeErr  error
)

var (
	specOnce sync.Once
	specDoc  *gen.Spec
	specErr  error
)

// embeddedSpec returns the embedded OpenAPI description (about 1 MB of
// YAML), parsed once per test binary. Callers must not modify it.
func embeddedSpec(t testing.TB) *gen.Spec {
	t.Helper()
	specOnce.Do(func() { specDoc, specErr = gen.LoadSpec(spec.OpenAPI()) })
	require.NoError(t, specErr)
	return specDoc
}

// Directives returns every directive of the package's non-test sources in
// source order, parsed once per test binary.
func Directives() ([]OperationDirective, error) {
	directivesOnce.Do(func() { directiveList, directiveErr = gen.Directives(".") })
	return slices.Clone(directiveList), directiveErr
}

// ScopeOperations returns testdata/operations-scope.txt, parsed once per
// test binary. A malformed or repeated line is an error.
func ScopeOperations() ([]ScopeOperation, error) {
	scopeOnce.Do(func() { scopeList, scopeErr = parseScope(filepath.Join("testdata", "operations-scope.txt")) })
	return slices.Clone(scopeList), scopeErr
}

func parseScope(path string) ([]ScopeOperation, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []ScopeOperation
	seen := map[string]bool{}
	for i, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		if len(f) != 3 || (f[0] != "MUST" && f[0] != "SHOULD") {
			return nil, fmt.Errorf("%s:%d: want \"MUST|SHOULD METHOD operationId\", got %q", path, i+1, line)
		}
		if seen[f[2]] {
			return nil, fmt.Errorf("%s:%d: %s listed twice", path, i+1, f[2])
		}
		seen[f[2]] = true
		out = append(out, ScopeOperation{Priority: f[0], Method: f[1], OperationID: f[2]})
	}
	return out, nil
}

// directives maps "Receiver.Method" (or "Func") to "METHOD /path" for every
// //alianza:operation directive in the package's non-test sources.
func directives(t *testing.T) map[string]string {
	t.Helper()
	list, err := Directives()
	require.NoError(t, err)
	m := make(map[string]string, len(list))
	for _, d := range list {
		m[d.Func] = d.Op
	}
	return m
}

// fixture reads testdata/name.
func fixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return b
}

// decodeStrict decodes data into v with unknown fields disallowed, so a
// model that drifts from the spec fails.
func decodeStrict(t *testing.T, data []byte, v any) {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(v))
}
