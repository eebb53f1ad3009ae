package alianza

// Client.Do, the door to any operation: each part of it (bodies, answers,
// status and headers, validation) and each rule it shares with the typed
// methods (401 replay, retries by method, outcome unknown, size cap,
// scrubbing), proven against httpmock or the loopback fake.

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"io"
	"log/slog"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-alianza/alianza/internal/spec"
)

// received is what one httpmock responder got.
type received struct {
	method, path, query string
	header              http.Header
	body                []byte
}

// onRequest answers method and the path under testBaseURL with status
// and body (JSON when it starts with '{'), recording each request on got.
func onRequest(mt *httpmock.MockTransport, method, path string, status int, body string, got chan<- received) {
	mt.RegisterResponder(method, testBaseURL+path, func(r *http.Request) (*http.Response, error) {
		var b []byte
		if r.Body != nil {
			b, _ = io.ReadAll(r.Body)
		}
		got <- received{method: r.Method, path: r.URL.EscapedPath(), query: r.URL.RawQuery, header: r.Header.Clone(), body: b}
		resp := httpmock.NewStringResponse(status, body)
		if strings.HasPrefix(body, "{") {
			resp.Header.Set("Content-Type", "application/json")
		}
		resp.Header.Set("X-Request-Id", "req-7")
		resp.Header.Set("X-Auth-Token", testToken) // must never reach the caller
		return resp, nil
	})
}

func TestDoJSONInAndOut(t *testing.T) {
	c, mt := newMockClient(t)
	got := make(chan received, 1)
	onRequest(mt, http.MethodPost, "/v2/partition/PART1/account/A1/voicemailbox", 201, `{"id":"VM1","mailboxNumber":"200"}`, got)

	type box struct {
		ID            string `json:"id"`
		MailboxNumber string `json:"mailboxNumber"`
		Pin           Secret `json:"pin,omitempty"`
	}
	var out box
	resp, err := c.Do(t.Context(), Operation{
		Method: http.MethodPost,
		Path:   "/v2/partition/{partitionId}/account/{accountId}/voicemailbox",
		Args:   []string{"A1"},
		Query:  url.Values{"notify": {"true"}},
		Body:   JSONBody(box{MailboxNumber: "200", Pin: "4921"}),
	}, &out)
	require.NoError(t, err)
	assert.Equal(t, box{ID: "VM1", MailboxNumber: "200"}, out)

	r := <-got
	assert.Equal(t, "notify=true", r.query)
	assert.JSONEq(t, `{"id":"","mailboxNumber":"200","pin":"4921"}`, string(r.body))
	assert.Equal(t, "application/json", r.header.Get("Content-Type"))
	assert.Equal(t, "application/json", r.header.Get("Accept"))
	assert.Equal(t, testToken, r.header.Get("X-Auth-Token"))

	require.NotNil(t, resp)
	assert.Equal(t, 201, resp.StatusCode)
	assert.Equal(t, "req-7", resp.Header.Get("X-Request-Id"))
	assert.Empty(t, resp.Header.Values("X-Auth-Token"), "the token never reaches the caller")
}

func TestDoRawBodyByteExact(t *testing.T) {
	c, mt := newMockClient(t)
	got := make(chan received, 1)
	onRequest(mt, http.MethodPut, "/v2/partition/PART1/account/A1/greeting", 204, "", got)

	raw := []byte("RIFF\x00\x01\x02\xff{not json}\r\n")
	resp, err := c.Do(t.Context(), Operation{
		Method: http.MethodPut,
		Path:   "/v2/partition/{partitionId}/account/{accountId}/greeting",
		Args:   []string{"A1"},
		Body:   RawBody("audio/wav", raw),
	}, nil)
	require.NoError(t, err)
	assert.Equal(t, 204, resp.StatusCode)
	r := <-got
	assert.Equal(t, raw, r.body)
	assert.Equal(t, "audio/wav", r.header.Get("Content-Type"))
}

func TestDoMultipart(t *testing.T) {
	c, mt := newMockClient(t)
	got := make(chan received, 1)
	onRequest(mt, http.MethodPost, "/v2/partition/PART1/account/A1/musiconhold", 200, `{"id":"M1"}`, got)

	audio := bytes.Repeat([]byte{0x49, 0x44, 0x33, 0x00}, 5000)
	var out struct{ ID string }
	_, err := c.Do(t.Context(), Operation{
		Method: http.MethodPost,
		Path:   "/v2/partition/{partitionId}/account/{accountId}/musiconhold",
		Args:   []string{"A1"},
		Body: MultipartBody(map[string]string{"name": "Hold music", "description": `a "quoted" one`},
			FormFile{Field: "file", Filename: `jazz "live".mp3`, ContentType: "audio/mpeg", Content: bytes.NewReader(audio)}),
	}, &out)
	require.NoError(t, err)
	assert.Equal(t, "M1", out.ID)

	r := <-got
	mt2, params, err := mime.ParseMediaType(r.header.Get("Content-Type"))
	require.NoError(t, err)
	assert.Equal(t, "multipart/form-data", mt2)
	form, err := multipart.NewReader(bytes.NewReader(r.body), params["boundary"]).ReadForm(1 << 20)
	require.NoError(t, err)
	assert.Equal(t, map[string][]string{"name": {"Hold music"}, "description": {`a "quoted" one`}}, form.Value)
	require.Len(t, form.File["file"], 1)
	fh := form.File["file"][0]
	assert.Equal(t, `jazz "live".mp3`, fh.Filename)
	assert.Equal(t, "audio/mpeg", fh.Header.Get("Content-Type"))
	f, err := fh.Open()
	require.NoError(t, err)
	b, _ := io.ReadAll(f)
	_ = f.Close()
	assert.Equal(t, audio, b)
}

// oneShot is an io.Reader that can be read once: a retry could not read
// it again.
type oneShot struct{ r io.Reader }

func (o *oneShot) Read(p []byte) (int, error) { return o.r.Read(p) }

// A one-shot reader is read once, before the first attempt, and the 401
// replay and the retry after a 503 send the same bytes.
func TestDoReaderBodyReplayedAndRetried(t *testing.T) {
	f := newFakeAlianza(t)
	c := f.client()
	_, err := c.Login(t.Context())
	require.NoError(t, err)
	f.expire() // the first attempt gets a 401
	const rt = "PUT /v2/partition/{}/account/{}/greeting"
	var n int
	f.on(rt, func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		n++
		first := n == 1
		f.mu.Unlock()
		if first {
			writeJSON(w, 503, `{"status":503,"messages":["busy"]}`)
			return
		}
		w.WriteHeader(204)
	})
	body := strings.Repeat("wav-bytes ", 1000)
	resp, err := c.Do(t.Context(), Operation{
		Method: http.MethodPut, Path: "/v2/partition/{partitionId}/account/{accountId}/greeting",
		Args: []string{"A1"}, Body: ReaderBody("audio/wav", &oneShot{strings.NewReader(body)}),
	}, nil)
	require.NoError(t, err)
	assert.Equal(t, 204, resp.StatusCode)
	assert.Equal(t, 2, f.count(fakeLogin), "one login, one re-login after the 401")
	hashes := f.hashesOf(rt)
	require.Len(t, hashes, 3, "401, 503, 204")
	for _, h := range hashes {
		assert.Equal(t, sha256.Sum256([]byte(body)), h)
	}
}

// csvBody is n bytes of CSV, the same for the same n.
func csvBody(n int) []byte {
	var b bytes.Buffer
	b.WriteString("callId,origNumber,termNumber,duration\n")
	for i := 0; b.Len() < n; i++ {
		b.WriteString("call-" + strconv.Itoa(i) + ",18015551212,18015550000," + strconv.Itoa(i%3600) + "\n")
	}
	return b.Bytes()[:n]
}

// A CSV of 6 MB streams to the writer byte for byte, past a 1 MiB
// WithMaxBodySize, which still caps the same answer decoded as JSON.
func TestDoStreamsLargeAnswer(t *testing.T) {
	f := newFakeAlianza(t)
	c := f.client(WithMaxBodySize(1 << 20))
	csv := csvBody(6 << 20)
	var accept string
	f.on("GET /v2/partition/{}/account/{}/cdrsearch/csv", func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		accept = r.Header.Get("Accept")
		f.mu.Unlock()
		w.Header().Set("Content-Type", "text/csv")
		w.Header().Set("Content-Disposition", `attachment; filename="cdr.csv"`)
		_, _ = w.Write(csv)
	})
	op := Operation{
		Method: http.MethodGet, Path: "/v2/partition/{partitionId}/account/{accountId}/cdrsearch/csv",
		Args: []string{"A1"}, Query: url.Values{"startDate": {"2026-11-01"}, "endDate": {"2026-11-30"}},
	}
	var buf bytes.Buffer
	resp, err := c.Do(t.Context(), op, &buf)
	require.NoError(t, err)
	assert.Equal(t, len(csv), buf.Len())
	assert.True(t, bytes.Equal(csv, buf.Bytes()), "the streamed bytes differ")
	assert.Equal(t, "text/csv", resp.Header.Get("Content-Type"))
	assert.Equal(t, `attachment; filename="cdr.csv"`, resp.Header.Get("Content-Disposition"))
	f.mu.Lock()
	assert.Equal(t, "*/*", accept, "a streamed answer asks for any type")
	f.mu.Unlock()

	op.Accept = "text/csv"
	buf.Reset()
	_, err = c.Do(t.Context(), op, &buf)
	require.NoError(t, err)
	f.mu.Lock()
	assert.Equal(t, "text/csv", accept)
	f.mu.Unlock()

	var decoded any
	_, err = c.Do(t.Context(), op, &decoded)
	require.ErrorIs(t, err, ErrTooLarge, "a decoded answer keeps the cap")
}

// A streamed answer whose connection breaks after part of it reached the
// writer is not retried; one that breaks before any byte is.
func TestDoBrokenStream(t *testing.T) {
	f := newFakeAlianza(t)
	c := f.client()
	const rt = "GET /v2/partition/{}/account/{}/cdrsearch/csv"
	op := Operation{Method: http.MethodGet, Path: "/v2/partition/{partitionId}/account/{accountId}/cdrsearch/csv", Args: []string{"A1"}}

	f.on(rt, truncateBody(5000, 1000))
	var buf bytes.Buffer
	resp, err := c.Do(t.Context(), op, &buf)
	var te *TransportError
	require.ErrorAs(t, err, &te)
	assert.Nil(t, resp, "the answer was lost")
	assert.Equal(t, 1, f.count(rt), "part of it is in the writer: not sent again")
	assert.Equal(t, 1000, buf.Len())

	f.on(rt, truncateBody(5000, 0))
	buf.Reset()
	_, err = c.Do(t.Context(), op, &buf)
	require.ErrorAs(t, err, &te)
	assert.Equal(t, 1+3, f.count(rt), "nothing reached the writer: retried twice (fastRetries)")
	assert.Zero(t, buf.Len())
}

// cancelOnWrite cancels its context at the first bytes it gets.
type cancelOnWrite struct {
	cancel context.CancelFunc
	n      int
}

func (w *cancelOnWrite) Write(p []byte) (int, error) {
	w.n += len(p)
	w.cancel()
	return len(p), nil
}

// The caller's context ends a streamed answer, and a failing writer ends
// the call without a retry.
func TestDoStreamHonoursContextAndWriter(t *testing.T) {
	f := newFakeAlianza(t)
	c := f.client()
	const rt = "GET /v2/partition/{}/account/{}/recording"
	f.on(rt, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "audio/mpeg")
		_, _ = w.Write(make([]byte, 4096))
		w.(http.Flusher).Flush()
		<-r.Context().Done() // the rest never comes
	})
	op := Operation{Method: http.MethodGet, Path: "/v2/partition/{partitionId}/account/{accountId}/recording", Args: []string{"A1"}}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	w := &cancelOnWrite{cancel: cancel}
	_, err := c.Do(ctx, op, w)
	require.ErrorIs(t, err, context.Canceled)
	assert.Positive(t, w.n)
	assert.Equal(t, 1, f.count(rt))

	f.on(rt, status(200, "some audio", "audio/mpeg"))
	_, err = c.Do(t.Context(), op, failingWriter{})
	require.ErrorIs(t, err, errDiskFull)
	assert.Contains(t, err.Error(), "GET /v2/partition/PART1/account/A1/recording")
	assert.Equal(t, 2, f.count(rt), "a failing writer is not a reason to send again")
}

var errDiskFull = errors.New("disk full")

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errDiskFull }

func TestDoRetriesByMethod(t *testing.T) {
	f := newFakeAlianza(t)
	c := f.client()
	f.on("GET /v2/partition/{}/account/{}/cdrsearch", status(503, `{"status":503,"messages":["busy"]}`, "application/json"))
	f.on("POST /v2/partition/{}/account/{}/callerid", status(503, `{"status":503,"messages":["busy"]}`, "application/json"))

	var out any
	resp, err := c.Do(t.Context(), Operation{Method: http.MethodGet, Path: "/v2/partition/{partitionId}/account/{accountId}/cdrsearch", Args: []string{"A1"}}, &out)
	require.ErrorIs(t, err, ErrServer)
	var ae *APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 3, ae.Attempts)
	assert.Equal(t, 3, f.count("GET /v2/partition/{}/account/{}/cdrsearch"), "GET: first attempt and 2 retries")
	require.NotNil(t, resp, "an *APIError comes with its answer's status")
	assert.Equal(t, 503, resp.StatusCode)

	_, err = c.Do(t.Context(), Operation{Method: http.MethodPost, Path: "/v2/partition/{partitionId}/account/{accountId}/callerid", Args: []string{"A1"}, Body: JSONBody(map[string]string{"name": "x"})}, &out)
	require.ErrorIs(t, err, ErrServer)
	assert.NotErrorIs(t, err, ErrOutcomeUnknown, "a 503 is a refusal")
	assert.Equal(t, 1, f.count("POST /v2/partition/{}/account/{}/callerid"), "POST: never resent")
}

func TestDoPostAnswerLost(t *testing.T) {
	f := newFakeAlianza(t)
	c := f.client()
	const rt = "POST /v2/partition/{}/account/{}/callerid"
	f.on(rt, commitThenRST(nil))
	resp, err := c.Do(t.Context(), Operation{
		Method: http.MethodPost, Path: "/v2/partition/{partitionId}/account/{accountId}/callerid",
		Args: []string{"A1"}, Body: RawBody("text/plain", []byte("x")),
	}, nil)
	require.ErrorIs(t, err, ErrOutcomeUnknown)
	var oe *OutcomeUnknownError
	require.ErrorAs(t, err, &oe)
	assert.Nil(t, resp)
	assert.Equal(t, 1, f.count(rt))

	// A gateway's 502 to a PATCH: the platform may have acted.
	f.on("PATCH /v2/partition/{}/account/{}/callerid", status(502, "<html>Bad Gateway</html>", "text/html"))
	resp, err = c.Do(t.Context(), Operation{
		Method: http.MethodPatch, Path: "/v2/partition/{partitionId}/account/{accountId}/callerid",
		Args: []string{"A1"}, Body: JSONBody(map[string]string{"name": "x"}),
	}, nil)
	require.ErrorIs(t, err, ErrOutcomeUnknown)
	assert.Equal(t, 502, resp.StatusCode)
	assert.Equal(t, 1, f.count("PATCH /v2/partition/{}/account/{}/callerid"))
}

// The password, the token and a Secret field of the body, echoed by an
// error answer, reach neither the error nor the log.
func TestDoScrubsSecrets(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, mt := newMockClient(t, WithLogger(logger))
	echo := `{"status":400,"messages":["user ` + testUsername + ` password ` + testPassword + ` token ` + testToken + ` sipPassword ` + testSIPSecret + ` refused"]}`
	onRequest(mt, http.MethodPost, "/v2/partition/PART1/account/A1/siptrunk_3", 400, echo, make(chan received, 1))

	type trunk struct {
		Name     string `json:"name"`
		Password Secret `json:"sipPassword"`
	}
	_, err := c.Do(t.Context(), Operation{
		Method: http.MethodPost, Path: "/v2/partition/{partitionId}/account/{accountId}/siptrunk_3",
		Args: []string{"A1"}, Body: JSONBody(&trunk{Name: "t", Password: testSIPSecret}),
	}, nil)
	require.ErrorIs(t, err, ErrBadRequest)
	var ae *APIError
	require.ErrorAs(t, err, &ae)
	for _, text := range []string{err.Error(), string(ae.Body), strings.Join(ae.Messages, " "), logs.String()} {
		for _, secret := range []string{testPassword, testToken, testSIPSecret} {
			assert.NotContains(t, text, secret)
		}
	}
	assert.Contains(t, err.Error(), "password REDACTED token REDACTED sipPassword REDACTED")
}

func TestDoPathArguments(t *testing.T) {
	f := newFakeAlianza(t)
	c := f.client()
	_, err := c.Do(t.Context(), Operation{
		Method: http.MethodGet, Path: "/v2/partition/{partitionId}/account/{accountId}/user/{userId}/voicemail",
		Args: []string{"a/b", "c d?e"},
	}, nil)
	require.NoError(t, err)
	f.mu.Lock()
	assert.Equal(t, 1, f.paths["GET /v2/partition/PART1/account/a%2Fb/user/c%20d%3Fe/voicemail"], "paths: %v", f.paths)
	f.mu.Unlock()

	for _, arg := range []string{"..", ".", "", " ", "a\nb"} {
		_, err := c.Do(t.Context(), Operation{Method: http.MethodGet, Path: "/v2/partition/{partitionId}/account/{accountId}", Args: []string{arg}}, nil)
		var fe *FieldError
		require.ErrorAs(t, err, &fe, "%q", arg)
		assert.Equal(t, "accountId", fe.Field)
	}
	assert.Equal(t, 1, f.count(fakeLogin), "refused arguments send nothing")
}

// Every problem of an Operation is found before anything is sent, not
// even a login.
func TestDoValidation(t *testing.T) {
	c, mt := newMockClient(t) // any request fails the test
	const acct = "/v2/partition/{partitionId}/account/{accountId}"
	var out struct{}
	cases := []struct {
		name  string
		op    Operation
		out   any
		field string
	}{
		{"unknown method", Operation{Method: "FETCH", Path: acct, Args: []string{"A1"}}, nil, "method"},
		{"lower-case method", Operation{Method: "get", Path: acct, Args: []string{"A1"}}, nil, "method"},
		{"not /v2/", Operation{Method: "GET", Path: "/v1/partition/{partitionId}"}, nil, "path"},
		{"relative", Operation{Method: "GET", Path: "v2/partition/{partitionId}"}, nil, "path"},
		{"full URL", Operation{Method: "GET", Path: "https://evil.example/v2/x"}, nil, "path"},
		{"query in path", Operation{Method: "GET", Path: "/v2/partition/{partitionId}/account?x=1"}, nil, "path"},
		{"dot segment", Operation{Method: "GET", Path: "/v2/partition/{partitionId}/../admin"}, nil, "path"},
		{"empty segment", Operation{Method: "GET", Path: "/v2//partition"}, nil, "path"},
		{"bad placeholder", Operation{Method: "GET", Path: "/v2/partition/{partitionId}/account/{}"}, nil, "path"},
		{"unclosed placeholder", Operation{Method: "GET", Path: "/v2/partition/{partitionId}/account/{accountId"}, nil, "path"},
		{"too few args", Operation{Method: "GET", Path: acct + "/user/{userId}", Args: []string{"A1"}}, nil, "args"},
		{"too many args", Operation{Method: "GET", Path: acct, Args: []string{"A1", "U1"}}, nil, "args"},
		{"body on GET", Operation{Method: "GET", Path: acct, Args: []string{"A1"}, Body: JSONBody(1)}, nil, "body"},
		{"zero body", Operation{Method: "POST", Path: acct, Args: []string{"A1"}, Body: &Body{}}, nil, "body"},
		{"JSON of nil", Operation{Method: "POST", Path: acct, Args: []string{"A1"}, Body: JSONBody(nil)}, nil, "body"},
		{"JSON of nil pointer", Operation{Method: "POST", Path: acct, Args: []string{"A1"}, Body: JSONBody((*Account)(nil))}, nil, "body"},
		{"nil reader", Operation{Method: "PUT", Path: acct, Args: []string{"A1"}, Body: ReaderBody("", nil)}, nil, "body"},
		{"file without field", Operation{Method: "POST", Path: acct, Args: []string{"A1"}, Body: MultipartBody(nil, FormFile{Content: strings.NewReader("x")})}, nil, "files[0].field"},
		{"file without content", Operation{Method: "POST", Path: acct, Args: []string{"A1"}, Body: MultipartBody(nil, FormFile{Field: "f"})}, nil, "files[0].content"},
		{"query string", Operation{Method: "GET", Path: acct, Args: []string{"A1"}, Query: "a=1"}, nil, "query"},
		{"out by value", Operation{Method: "GET", Path: acct, Args: []string{"A1"}}, out, "out"},
		{"out nil pointer", Operation{Method: "GET", Path: acct, Args: []string{"A1"}}, (*Account)(nil), "out"},
		{"out nil pointer to pointer", Operation{Method: "GET", Path: acct, Args: []string{"A1"}}, (**Account)(nil), "out"},
		// A nil pointer that is an io.Writer would panic, or fail, only
		// after the request was sent.
		{"out nil *bytes.Buffer", Operation{Method: "POST", Path: acct, Args: []string{"A1"}, Body: JSONBody(map[string]string{"a": "b"})}, (*bytes.Buffer)(nil), "out"},
		{"out nil *os.File", Operation{Method: "POST", Path: acct, Args: []string{"A1"}, Body: JSONBody(map[string]string{"a": "b"})}, (*os.File)(nil), "out"},
		{"out nil value-receiver writer", Operation{Method: "GET", Path: acct, Args: []string{"A1"}}, (*failingWriter)(nil), "out"},
		// Header values net/http refuses before it connects: a POST would
		// come back as outcome unknown, a GET would be tried 3 times.
		{"accept with LF", Operation{Method: "GET", Path: acct, Args: []string{"A1"}, Accept: "text/csv\n"}, nil, "accept"},
		{"accept with CRLF header", Operation{Method: "GET", Path: acct, Args: []string{"A1"}, Accept: "text/csv\r\nX-Evil: 1"}, nil, "accept"},
		{"raw content type with CRLF", Operation{Method: "POST", Path: acct, Args: []string{"A1"}, Body: RawBody("text/plain\r\nX-Evil: 1", []byte("x"))}, nil, "body.contentType"},
		{"raw content type not a media type", Operation{Method: "POST", Path: acct, Args: []string{"A1"}, Body: RawBody("text plain", []byte("x"))}, nil, "body.contentType"},
		{"reader content type with LF", Operation{Method: "PUT", Path: acct, Args: []string{"A1"}, Body: ReaderBody("audio/wav\n", strings.NewReader("x"))}, nil, "body.contentType"},
		{"file content type with CRLF", Operation{Method: "POST", Path: acct, Args: []string{"A1"}, Body: MultipartBody(nil, FormFile{Field: "f", ContentType: "audio/wav\r\nX-Evil: 1", Content: strings.NewReader("x")})}, nil, "files[0].contentType"},
		{"file field with CRLF", Operation{Method: "POST", Path: acct, Args: []string{"A1"}, Body: MultipartBody(nil, FormFile{Field: "f\r\nX-Evil: 1", Content: strings.NewReader("x")})}, nil, "files[0].field"},
		{"form field name with CRLF", Operation{Method: "POST", Path: acct, Args: []string{"A1"}, Body: MultipartBody(map[string]string{"a\r\nX-Evil: 1": "v"})}, nil, "fields"},
		{"blank form field name", Operation{Method: "POST", Path: acct, Args: []string{"A1"}, Body: MultipartBody(map[string]string{" ": "v"})}, nil, "fields"},
		{"JSON of []byte", Operation{Method: "POST", Path: acct, Args: []string{"A1"}, Body: JSONBody([]byte(`{"a":1}`))}, nil, "body"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := c.Do(t.Context(), tc.op, tc.out)
			require.ErrorIs(t, err, ErrValidation)
			assert.Nil(t, resp)
			var ve *ValidationError
			require.ErrorAs(t, err, &ve)
			assert.NotNil(t, ve.Field(tc.field), "%v", err)
		})
	}
	assert.Zero(t, mt.GetTotalCallCount(), "nothing sent, not even a login")
}

// Every path of the embedded spec is a template Do takes, with as many
// arguments as it has placeholders besides {partitionId}.
func TestDoTakesEverySpecPath(t *testing.T) {
	paths := regexp.MustCompile(`(?m)^  (/[^:\s]+):\s*$`).FindAllSubmatch(spec.OpenAPI(), -1)
	require.Greater(t, len(paths), 300)
	for _, m := range paths {
		p := string(m[1])
		names, rule := placeholders(p)
		require.Empty(t, rule, p)
		assert.Equal(t, strings.Count(p, "{")-strings.Count(p, "{partitionId}"), len(names), p)
	}
}

// An empty 2xx is refused when out points to a value, and leaves a
// pointer nil when out points to a pointer.
func TestDoEmptyAnswer(t *testing.T) {
	c, mt := newMockClient(t)
	onRequest(mt, http.MethodGet, "/v2/partition/PART1/account/A1/callerid", 200, "", make(chan received, 2))
	op := Operation{Method: http.MethodGet, Path: "/v2/partition/{partitionId}/account/{accountId}/callerid", Args: []string{"A1"}}

	var v struct{ Name string }
	resp, err := c.Do(t.Context(), op, &v)
	require.ErrorIs(t, err, ErrEmptyBody)
	require.NotNil(t, resp, "a *DecodeError comes with its answer's status")
	assert.Equal(t, 200, resp.StatusCode)

	p := &struct{ Name string }{}
	resp, err = c.Do(t.Context(), op, &p)
	require.NoError(t, err)
	assert.Nil(t, p)
	assert.Equal(t, 200, resp.StatusCode)
}

// An error answer to a streamed call is an *APIError with its sentinel,
// and nothing of it reaches the writer.
func TestDoStreamErrorAnswer(t *testing.T) {
	f := newFakeAlianza(t)
	c := f.client()
	f.on("GET /v2/partition/{}/account/{}/cdrsearch/csv", status(404, `{"status":404,"messages":["Account not found"]}`, "application/json"))
	var buf bytes.Buffer
	resp, err := c.Do(t.Context(), Operation{Method: http.MethodGet, Path: "/v2/partition/{partitionId}/account/{accountId}/cdrsearch/csv", Args: []string{"A9"}}, &buf)
	require.ErrorIs(t, err, ErrNotFound)
	assert.Contains(t, err.Error(), "Account not found")
	assert.Equal(t, 404, resp.StatusCode)
	assert.Zero(t, buf.Len())
}

// A 401 is replayed once with a new token; a second 401 is the answer.
func TestDoReplays401Once(t *testing.T) {
	f := newFakeAlianza(t)
	c := f.client()
	const rt = "GET /v2/partition/{}/account/{}/callerid"
	f.on(rt, status(401, `{"status":401,"messages":["Invalid Auth Token"]}`, "application/json"))
	var out any
	_, err := c.Do(t.Context(), Operation{Method: http.MethodGet, Path: "/v2/partition/{partitionId}/account/{accountId}/callerid", Args: []string{"A1"}}, &out)
	require.ErrorIs(t, err, ErrUnauthorized)
	assert.Equal(t, 2, f.count(rt), "the first attempt and one replay")
	assert.Equal(t, 2, f.count(fakeLogin), "the replay used a new login")
}

// A file name with CR, LF, quotes or a backslash cannot add a header to its
// part: it is escaped as mime/multipart escapes it.
func TestDoMultipartEscapesFilename(t *testing.T) {
	c, mt := newMockClient(t)
	got := make(chan received, 1)
	onRequest(mt, http.MethodPost, "/v2/partition/PART1/account/A1/greeting", 204, "", got)
	_, err := c.Do(t.Context(), Operation{
		Method: http.MethodPost, Path: "/v2/partition/{partitionId}/account/{accountId}/greeting", Args: []string{"A1"},
		Body: MultipartBody(nil, FormFile{Field: `fi"le`, Filename: "a\\b\".wav\r\nX-Evil: 1", Content: strings.NewReader("data")}),
	}, nil)
	require.NoError(t, err)
	r := <-got
	assert.NotContains(t, string(r.body), "\r\nX-Evil")
	_, params, err := mime.ParseMediaType(r.header.Get("Content-Type"))
	require.NoError(t, err)
	p, err := multipart.NewReader(bytes.NewReader(r.body), params["boundary"]).NextPart()
	require.NoError(t, err)
	assert.Empty(t, p.Header.Get("X-Evil"))
	assert.Len(t, p.Header, 2, "Content-Disposition and Content-Type only: %v", p.Header)
	assert.Equal(t, `form-data; name="fi\"le"; filename="a\\b\".wav%0D%0AX-Evil: 1"`, p.Header.Get("Content-Disposition"))
	data, err := io.ReadAll(p)
	require.NoError(t, err)
	assert.Equal(t, "data", string(data))
}

// A credential in a plain string of a Do body (raw JSON, a map, a form
// field), echoed by an error answer, is scrubbed like a Secret field.
func TestDoScrubsBodyCredentials(t *testing.T) {
	c, mt := newMockClient(t)
	echo := `{"status":400,"messages":["sipPassword ` + testSIPSecret + ` refused"]}`
	onRequest(mt, http.MethodPost, "/v2/partition/PART1/account/A1/siptrunk", 400, echo, make(chan received, 8))
	bodies := map[string]*Body{
		"raw JSON":  RawBody("application/json", []byte(`{"name":"t","sipPassword":"`+testSIPSecret+`"}`)),
		"JSON map":  JSONBody(map[string]string{"name": "t", "sipPassword": testSIPSecret}),
		"nested":    JSONBody(map[string]any{"lines": []any{map[string]any{"SIPPassword": testSIPSecret}}}),
		"form":      MultipartBody(map[string]string{"name": "t", "sipPassword": testSIPSecret}),
		"text body": RawBody("text/plain", []byte("sipPassword="+testSIPSecret)),
	}
	for name, body := range bodies {
		t.Run(name, func(t *testing.T) {
			resp, err := c.Do(t.Context(), Operation{
				Method: http.MethodPost, Path: "/v2/partition/{partitionId}/account/{accountId}/siptrunk",
				Args: []string{"A1"}, Body: body,
			}, nil)
			require.ErrorIs(t, err, ErrBadRequest)
			var ae *APIError
			require.ErrorAs(t, err, &ae)
			if name == "text body" {
				// Not JSON, not a form: no names to go by.
				assert.Contains(t, err.Error(), testSIPSecret)
				return
			}
			for _, text := range []string{err.Error(), string(ae.Body), strings.Join(ae.Messages, " ")} {
				assert.NotContains(t, text, testSIPSecret)
			}
			assert.Contains(t, err.Error(), "sipPassword REDACTED refused")
			assert.Equal(t, 400, resp.StatusCode)
		})
	}
}

// A DELETE whose first attempt lost its answer and whose retry gets a 404
// succeeds: the earlier attempt did the work, Response says so, and out is
// left untouched.
func TestDoDeleteAlreadyDone(t *testing.T) {
	c, mt := newMockClient(t, WithRetryPolicy(RetryPolicy{MaxRetries: 2, BaseDelay: time.Millisecond, MaxDelay: time.Millisecond}))
	n := 0
	mt.RegisterResponder(http.MethodDelete, testBaseURL+"/v2/partition/PART1/account/A1/voicemailbox/V1", func(*http.Request) (*http.Response, error) {
		n++
		if n == 1 {
			return nil, errors.New("connection reset by peer")
		}
		return httpmock.NewStringResponse(404, `{"status":404,"messages":["not found"]}`), nil
	})
	op := Operation{Method: http.MethodDelete, Path: "/v2/partition/{partitionId}/account/{accountId}/voicemailbox/{id}", Args: []string{"A1", "V1"}}
	out := struct{ ID string }{ID: "before"}
	resp, err := c.Do(t.Context(), op, &out)
	require.NoError(t, err)
	require.NotNil(t, resp)
	assert.Equal(t, 404, resp.StatusCode)
	assert.True(t, resp.AlreadyDone)
	assert.Equal(t, "before", out.ID, "out is left untouched")
	assert.Equal(t, 2, n)

	// A plain 404 is an error, and a plain success is not AlreadyDone.
	_, err = c.Do(t.Context(), op, nil)
	require.ErrorIs(t, err, ErrNotFound)
	onRequest(mt, http.MethodDelete, "/v2/partition/PART1/account/A1/voicemailbox/V2", 204, "", make(chan received, 1))
	resp, err = c.Do(t.Context(), Operation{Method: http.MethodDelete, Path: op.Path, Args: []string{"A1", "V2"}}, nil)
	require.NoError(t, err)
	assert.Equal(t, 204, resp.StatusCode)
	assert.False(t, resp.AlreadyDone)
}

// A header other than X-Auth-Token that echoes the token or the password
// reaches the caller scrubbed.
func TestDoScrubsResponseHeaders(t *testing.T) {
	c, mt := newMockClient(t)
	mt.RegisterResponder(http.MethodGet, testBaseURL+"/v2/partition/PART1/account/A1/cdrsearch", func(r *http.Request) (*http.Response, error) {
		resp := httpmock.NewStringResponse(200, `{}`)
		resp.Header.Set("Content-Type", "application/json")
		resp.Header.Set("X-Debug-Auth", r.Header.Get("X-Auth-Token"))
		resp.Header.Add("X-Debug-Login", "user "+testUsername+" password "+testPassword)
		resp.Header.Set("X-Request-Id", "req-9")
		return resp, nil
	})
	var out any
	resp, err := c.Do(t.Context(), Operation{Method: http.MethodGet, Path: "/v2/partition/{partitionId}/account/{accountId}/cdrsearch", Args: []string{"A1"}}, &out)
	require.NoError(t, err)
	assert.Equal(t, "REDACTED", resp.Header.Get("X-Debug-Auth"))
	assert.Equal(t, "user "+testUsername+" password REDACTED", resp.Header.Get("X-Debug-Login"))
	assert.Equal(t, "req-9", resp.Header.Get("X-Request-Id"))
}

// A HEAD answer has no body: whatever out is, it is left as it was.
func TestDoHeadLeavesOutUntouched(t *testing.T) {
	c, mt := newMockClient(t)
	onRequest(mt, http.MethodHead, "/v2/partition/PART1/account/A1", 200, "", make(chan received, 3))
	op := Operation{Method: http.MethodHead, Path: "/v2/partition/{partitionId}/account/{accountId}", Args: []string{"A1"}}

	v := struct{ Name string }{Name: "kept"}
	resp, err := c.Do(t.Context(), op, &v)
	require.NoError(t, err)
	assert.Equal(t, 200, resp.StatusCode)
	assert.Equal(t, "kept", v.Name)

	p := &struct{ Name string }{Name: "kept"}
	_, err = c.Do(t.Context(), op, &p)
	require.NoError(t, err)
	require.NotNil(t, p, "a pointer to a pointer is not cleared either")
	assert.Equal(t, "kept", p.Name)

	var buf bytes.Buffer
	buf.WriteString("kept")
	_, err = c.Do(t.Context(), op, &buf)
	require.NoError(t, err)
	assert.Equal(t, "kept", buf.String())
}

// WithTimeout bounds a streamed answer too: a body that stops coming ends
// the call once the attempt's time is up, and the part already copied to
// the writer means it is not sent again.
func TestDoStreamBoundedByTimeout(t *testing.T) {
	f := newFakeAlianza(t)
	c := f.client(WithTimeout(200 * time.Millisecond))
	const rt = "GET /v2/partition/{}/account/{}/recording"
	f.on(rt, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "audio/mpeg")
		_, _ = w.Write(make([]byte, 4096))
		w.(http.Flusher).Flush()
		<-r.Context().Done() // the rest never comes
	})
	op := Operation{Method: http.MethodGet, Path: "/v2/partition/{partitionId}/account/{accountId}/recording", Args: []string{"A1"}}
	var buf bytes.Buffer
	resp, err := c.Do(t.Context(), op, &buf)
	var te *TransportError
	require.ErrorAs(t, err, &te)
	assert.Nil(t, resp, "the answer was lost")
	assert.Equal(t, 4096, buf.Len())
	assert.Equal(t, 1, f.count(rt), "part of the answer is in the writer: not sent again")
}
