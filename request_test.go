package alianza

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Each ID reaches the server as one escaped segment that decodes back to the
// ID; "", ".", ".." and control characters never leave the client.
func TestPathSegmentsEscaped(t *testing.T) {
	var mu sync.Mutex
	var seen []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.URL.EscapedPath()+"|"+r.URL.RawQuery)
		mu.Unlock()
		_, _ = io.WriteString(w, `{}`)
	}))
	defer srv.Close()
	c := newLoopbackClient(t, srv)
	for _, id := range []string{"../x", "a/b", "a?x=1", "a#f", "%2F", "%2e%2e", "a b", "..a", "ü", "a;b"} {
		mu.Lock()
		seen = nil
		mu.Unlock()
		_, err := getAccount(context.Background(), c, id)
		require.NoError(t, err, "%q", id)
		require.Len(t, seen, 1)
		path, query, _ := strings.Cut(seen[0], "|")
		assert.Empty(t, query, "%q: no query taken from an ID", id)
		segs := strings.Split(path, "/")
		require.Len(t, segs, 6, "%q gives %s", id, path)
		got, err := url.PathUnescape(segs[5])
		require.NoError(t, err)
		assert.Equal(t, id, got, "%q arrives as %s", id, path)
		figure(t, fmt.Sprintf("case36.path[%q]", id), path)
	}
	for _, id := range []string{"", ".", "..", " .. ", "a\x00b", "a\r\nb"} {
		mu.Lock()
		seen = nil
		mu.Unlock()
		_, err := getAccount(context.Background(), c, id)
		require.ErrorIs(t, err, ErrValidation, "%q", id)
		var fe *FieldError
		require.ErrorAs(t, err, &fe)
		assert.Equal(t, "accountId", fe.Field)
		assert.Empty(t, seen, "%q: rejected before I/O", id)
		figure(t, fmt.Sprintf("case36.path[%q]", id), "rejected")
	}
	err := c.do(context.Background(), &request{method: http.MethodGet, path: testAccountPath})
	assert.ErrorContains(t, err, "wants accountId")
	err = c.do(context.Background(), &request{method: http.MethodGet, path: "/v2/x", args: []string{"A"}})
	assert.ErrorContains(t, err, "0 placeholders for 1 arguments")
	err = c.do(context.Background(), &request{method: http.MethodGet, path: "/v2/{oops"})
	assert.ErrorContains(t, err, "bad path template")
}

func TestValidationErrorSendsNothing(t *testing.T) {
	c, mt := newMockClient(t)
	_, err := getAccount(context.Background(), c, "..")
	require.ErrorIs(t, err, ErrValidation)
	assert.Equal(t, 0, mt.GetTotalCallCount(), "no login either")
}

type testListOptions struct {
	Filter   string   `url:"filterType,omitempty"`
	Max      int      `url:"maxResult,omitempty"`
	Limited  bool     `url:"limitedData,omitempty"`
	Statuses []string `url:"status,omitempty"`
}

func TestQueryEncoding(t *testing.T) {
	c, mt := newMockClient(t)
	var got atomic.Value
	mt.RegisterResponder(http.MethodGet, "=~^"+testAccountURL("A1"), func(r *http.Request) (*http.Response, error) {
		got.Store(r.URL.RawQuery)
		return httpmock.NewStringResponse(200, "[]"), nil
	})
	for _, tc := range []struct {
		q    any
		want string
	}{
		{&testListOptions{Filter: "ACCOUNT", Max: 5, Limited: true, Statuses: []string{"A", "B"}}, "filterType=ACCOUNT&limitedData=true&maxResult=5&status=A&status=B"},
		{testListOptions{Filter: "a&b=c d"}, "filterType=a%26b%3Dc+d"},
		{(*testListOptions)(nil), ""},
		{&testListOptions{}, ""},
		{url.Values{"x": {"1"}}, "x=1"},
	} {
		var out []any
		err := c.do(context.Background(), &request{method: http.MethodGet, path: testAccountPath, args: []string{"A1"}, query: tc.q, out: &out})
		require.NoError(t, err)
		assert.Equal(t, tc.want, got.Load())
	}
	err := c.do(context.Background(), &request{method: http.MethodGet, path: testAccountPath, args: []string{"A1"}, query: 42})
	assert.ErrorContains(t, err, "encode query")
}

func TestAny2xxIsSuccess(t *testing.T) {
	type model struct{ ID string }
	for _, tc := range []struct {
		status  int
		body    string
		emptyOK bool
		wantNil bool
	}{
		{200, `{"ID":"a"}`, false, false},
		{201, `{"ID":"a"}`, false, false},
		{202, `{"ID":"a"}`, true, false},
		{204, ``, true, true},
		{200, `null`, true, true},
		{200, ``, true, true},
	} {
		c, mt := newMockClient(t)
		mt.RegisterResponder(http.MethodPost, testAccountURL("A1"), httpmock.NewStringResponder(tc.status, tc.body))
		var out *model
		err := c.do(context.Background(), &request{method: http.MethodPost, path: testAccountPath, args: []string{"A1"},
			body: map[string]int{"n": 1}, out: &out, emptyOK: tc.emptyOK})
		require.NoError(t, err, "%d %q", tc.status, tc.body)
		if tc.wantNil {
			assert.Nil(t, out)
		} else {
			require.NotNil(t, out)
			assert.Equal(t, "a", out.ID)
		}
	}
	// out nil discards any body; a DELETE may carry a body.
	c, mt := newMockClient(t)
	var body atomic.Value
	mt.RegisterResponder(http.MethodDelete, testAccountURL("A1"), func(r *http.Request) (*http.Response, error) {
		b, _ := io.ReadAll(r.Body)
		body.Store(string(b) + "|" + r.Header.Get("Content-Type"))
		return httpmock.NewStringResponse(200, `{"whatever": true}`), nil
	})
	require.NoError(t, c.do(context.Background(), &request{method: http.MethodDelete, path: testAccountPath, args: []string{"A1"}, body: []string{"TN1"}}))
	assert.Equal(t, `["TN1"]|application/json`, body.Load())
}

func TestHeaders(t *testing.T) {
	c, mt := newMockClient(t, WithUserAgent("crm-sync/2.1"))
	var h atomic.Value
	mt.RegisterResponder(http.MethodPut, testAccountURL("A1"), func(r *http.Request) (*http.Response, error) {
		h.Store(r.Header.Clone())
		return httpmock.NewStringResponse(204, ""), nil
	})
	require.NoError(t, sendMethod(context.Background(), c, http.MethodPut))
	hdr := h.Load().(http.Header)
	assert.Equal(t, "go-alianza/"+Version+" crm-sync/2.1", hdr.Get("User-Agent"))
	assert.Equal(t, testToken, hdr.Get("X-Auth-Token"))
	assert.Equal(t, "application/json", hdr.Get("Accept"))
	assert.Equal(t, "application/json", hdr.Get("Content-Type"))
}

// countingBody and countingTransport count response bodies opened and
// closed, so a test can prove every body is closed.
type countingTransport struct {
	rt             http.RoundTripper
	opened, closed atomic.Int64
}

type countingBody struct {
	io.ReadCloser
	t    *countingTransport
	once sync.Once
}

func (b *countingBody) Close() error {
	b.once.Do(func() { b.t.closed.Add(1) })
	return b.ReadCloser.Close()
}

func (t *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := t.rt.RoundTrip(r)
	if resp != nil {
		t.opened.Add(1)
		resp.Body = &countingBody{ReadCloser: resp.Body, t: t}
	}
	return resp, err
}

func TestBodiesClosed(t *testing.T) {
	mt := httpmock.NewMockTransport()
	ct := &countingTransport{rt: mt}
	c, _ := newMockClient(t, WithHTTPClient(&http.Client{Transport: ct}), fastRetries)
	mt.RegisterResponder(http.MethodPost, testBaseURL+"/v2/authorize",
		httpmock.NewJsonResponderOrPanic(200, map[string]any{"authToken": testToken}))
	statuses := []int{200, 204, 400, 404, 409, 500, 503}
	var n atomic.Int64
	mt.RegisterResponder(http.MethodGet, "=~^"+testBaseURL+"/v2/partition/", func(r *http.Request) (*http.Response, error) {
		s := statuses[int(n.Add(1))%len(statuses)]
		return httpmock.NewStringResponse(s, `{"messages":["`+strings.Repeat("x", 8<<10)+`"]}`), nil
	})
	mt.RegisterResponder(http.MethodHead, "=~^"+testBaseURL+"/v2/partition/", httpmock.NewStringResponder(200, ""))
	for i := range 200 {
		if i%10 == 0 {
			_ = c.do(context.Background(), &request{method: http.MethodHead, path: testAccountPath, args: []string{"A1"}, out: new(map[string]any)})
			continue
		}
		_, _ = getAccount(context.Background(), c, "A1")
	}
	assert.Greater(t, ct.opened.Load(), int64(200))
	assert.Equal(t, ct.opened.Load(), ct.closed.Load(), "every response body is closed")
}

func TestSuccessBodyLimit(t *testing.T) {
	c, mt := newMockClient(t, WithMaxBodySize(100))
	exact := `{"id":"` + strings.Repeat("x", 100-9) + `"}`
	mt.RegisterResponder(http.MethodGet, testAccountURL("A1"), httpmock.NewStringResponder(200, exact+" "))
	mt.RegisterResponder(http.MethodGet, testAccountURL("A2"), httpmock.NewStringResponder(200, exact))
	_, err := getAccount(context.Background(), c, "A1")
	require.ErrorIs(t, err, ErrTooLarge)
	out, err := getAccount(context.Background(), c, "A2")
	require.NoError(t, err, "exactly at the limit")
	assert.Len(t, out["id"], 91)
}

// A login response that cannot be decoded carries a token the client does
// not know yet: the error must not quote it.
func TestMalformedLoginResponseNotQuoted(t *testing.T) {
	for _, body := range []string{
		`{"authToken":"` + testToken + `","pwdHash":"` + testPassword + `"}garbage`,
		`{"authToken":"` + testToken,
		`{"partitionId":"P"}`,
	} {
		c, mt := newMockClient(t)
		mt.RegisterResponder(http.MethodPost, testBaseURL+"/v2/authorize", httpmock.NewStringResponder(200, body))
		_, err := c.Login(context.Background())
		require.Error(t, err)
		assert.ErrorIs(t, err, ErrDecode)
		scanForSecrets(t, "login decode error", formatAll(err))
		assert.NotContains(t, err.Error(), "tok-")
	}
}

// slogRecorder keeps every record a handler receives.
type slogRecorder struct {
	mu      sync.Mutex
	records []slog.Record
}

func (h *slogRecorder) Enabled(context.Context, slog.Level) bool { return true }
func (h *slogRecorder) Handle(_ context.Context, r slog.Record) error {
	h.mu.Lock()
	h.records = append(h.records, r.Clone())
	h.mu.Unlock()
	return nil
}
func (h *slogRecorder) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h *slogRecorder) WithGroup(string) slog.Handler      { return h }

func TestLogging(t *testing.T) {
	rec := &slogRecorder{}
	var text bytes.Buffer
	multi := slog.New(&teeHandler{rec, slog.NewTextHandler(&text, &slog.HandlerOptions{Level: slog.LevelDebug})})
	c, mt := newMockClient(t, WithLogger(multi), fastRetries)
	var n atomic.Int64
	mt.RegisterResponder(http.MethodGet, "=~^"+testAccountURL("A1"), func(*http.Request) (*http.Response, error) {
		if n.Add(1) == 1 {
			return httpmock.NewStringResponse(503, `{"messages":["echo `+testToken+`"]}`), nil
		}
		return httpmock.NewStringResponse(200, `{"secretField":"`+testSIPSecret+`"}`), nil
	})
	var out map[string]any
	err := c.do(context.Background(), &request{method: http.MethodGet, path: testAccountPath, args: []string{"A1"},
		query: url.Values{"q": {"hidden-query"}}, out: &out})
	require.NoError(t, err)
	mt.RegisterResponder(http.MethodGet, testAccountURL("A2"), httpmock.NewErrorResponder(errors.New("reset "+testPassword)))
	_, _ = getAccount(context.Background(), c, "A2")

	require.GreaterOrEqual(t, len(rec.records), 4, "login, 503, 200, transport errors")
	attrs := map[string]slog.Value{}
	rec.records[2].Attrs(func(a slog.Attr) bool { attrs[a.Key] = a.Value; return true })
	assert.Equal(t, slog.LevelDebug, rec.records[2].Level)
	assert.Equal(t, "GET", attrs["method"].String())
	assert.Equal(t, "/v2/partition/PART1/account/A1", attrs["path"].String())
	assert.Equal(t, int64(200), attrs["status"].Int64())
	assert.Equal(t, int64(2), attrs["attempt"].Int64())
	assert.Equal(t, slog.KindDuration, attrs["duration"].Kind())

	out2 := text.String()
	scanForSecrets(t, "request log", out2)
	for _, never := range []string{"hidden-query", "X-Auth-Token", "User-Agent", "secretField", "messages", testUsername} {
		assert.NotContains(t, out2, never, "headers, bodies and queries are never logged")
	}
	assert.Contains(t, out2, "reset REDACTED")

	// A client without a logger, or with a logger above debug, logs nothing.
	var quiet bytes.Buffer
	c2, mt2 := newMockClient(t, WithLogger(slog.New(slog.NewTextHandler(&quiet, nil))))
	mt2.RegisterResponder(http.MethodGet, testAccountURL("A1"), httpmock.NewStringResponder(200, `{}`))
	_, err = getAccount(context.Background(), c2, "A1")
	require.NoError(t, err)
	assert.Empty(t, quiet.String())
}

type teeHandler struct{ a, b slog.Handler }

func (h *teeHandler) Enabled(ctx context.Context, l slog.Level) bool {
	return h.a.Enabled(ctx, l) || h.b.Enabled(ctx, l)
}
func (h *teeHandler) Handle(ctx context.Context, r slog.Record) error {
	_ = h.a.Handle(ctx, r)
	return h.b.Handle(ctx, r)
}
func (h *teeHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return &teeHandler{h.a.WithAttrs(as), h.b.WithAttrs(as)}
}
func (h *teeHandler) WithGroup(n string) slog.Handler {
	return &teeHandler{h.a.WithGroup(n), h.b.WithGroup(n)}
}

func TestRequestBodyEncodeError(t *testing.T) {
	c, mt := newMockClient(t)
	err := c.do(context.Background(), &request{method: http.MethodPost, path: "/v2/x", body: map[string]any{"f": func() {}}})
	require.ErrorContains(t, err, "encode POST /v2/x request")
	var ute *json.UnsupportedTypeError
	assert.ErrorAs(t, err, &ute)
	assert.Equal(t, 0, mt.GetTotalCallCount())
}
