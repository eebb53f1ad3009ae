package alianza

// The shared equipment of RELIABILITY.md's cases: a fake platform on a real
// loopback socket with fault hooks, the figure helper, and the package-wide
// goroutine leak check. The secrets the leak scans look for are
// testPassword, testSIPSecret and testToken (helpers_test.go); the fake
// issues tokens that start with testToken, so scanForSecrets finds them.

import (
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

// TestMain fails the package when any test leaves a goroutine behind.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// figure logs one measured value of a RELIABILITY.md case in the form
// RELIABILITY case02.relogins=1. Run with -v and grep RELIABILITY. Every
// value printed is counted or timed by the test, never written in it.
func figure(t testing.TB, name string, value any) {
	t.Helper()
	t.Logf("RELIABILITY %s=%v", name, value)
}

// fakeAlianza is a minimal Alianza on a real loopback socket: login with
// token generations, accounts that can be got, replaced, deleted and
// created, counters per "METHOD route" and per "METHOD path", the SHA-256
// of every request body, a count of new TCP connections, and per-route
// fault hooks.
type fakeAlianza struct {
	t   *testing.T
	srv *httptest.Server

	mu      sync.Mutex
	counts  map[string]int
	paths   map[string]int // per "METHOD /escaped/path", ids included
	hashes  map[string][][32]byte
	faults  map[string]http.HandlerFunc
	token   string // the one valid token; "" until the first login
	gen     int
	created int // creates the handler processed

	conns       atomic.Int64 // new TCP connections accepted
	loginDelay  time.Duration
	loginStatus atomic.Int64 // when non-zero, logins fail with this status
}

// newFakeAlianza starts the fake; it is closed when the test ends.
func newFakeAlianza(t *testing.T) *fakeAlianza {
	t.Helper()
	f := unstartedFake(t)
	f.srv.Start()
	return f
}

// newFakeAlianzaTLS starts the fake on https, speaking HTTP/2 when h2 is
// set. Its clients need the fake's certificate: see tlsTransport.
func newFakeAlianzaTLS(t *testing.T, h2 bool) *fakeAlianza {
	t.Helper()
	f := unstartedFake(t)
	f.srv.EnableHTTP2 = h2
	f.srv.StartTLS()
	return f
}

func unstartedFake(t *testing.T) *fakeAlianza {
	f := &fakeAlianza{t: t, counts: map[string]int{}, paths: map[string]int{}, hashes: map[string][][32]byte{}, faults: map[string]http.HandlerFunc{}}
	f.srv = httptest.NewUnstartedServer(http.HandlerFunc(f.serve))
	f.srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			f.conns.Add(1)
		}
	}
	f.srv.Config.ErrorLog = log.New(io.Discard, "", 0) // RSTs and hijacks are the point
	t.Cleanup(f.srv.Close)
	return f
}

// tlsTransport is the SDK's own transport (defaultTransport) trusting the
// TLS fake's certificate, so tests over https keep the SDK's settings.
func (f *fakeAlianza) tlsTransport(maxConns int) *http.Transport {
	tr := defaultTransport(maxConns).(*http.Transport)
	tr.TLSClientConfig = f.srv.Client().Transport.(*http.Transport).TLSClientConfig.Clone()
	return tr
}

// connGauge counts a client's open connections from its own side: the
// server learns of a close later, so its count lags behind the client's.
type connGauge struct{ open, peak atomic.Int64 }

// wrap makes tr's dials count.
func (g *connGauge) wrap(tr *http.Transport) {
	dial := tr.DialContext
	tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := dial(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		storeMax(&g.peak, g.open.Add(1))
		return &gaugedConn{Conn: c, g: g}, nil
	}
}

// storeMax raises m to n if n is larger.
func storeMax(m *atomic.Int64, n int64) {
	for p := m.Load(); n > p && !m.CompareAndSwap(p, n); p = m.Load() {
	}
}

type gaugedConn struct {
	net.Conn
	g    *connGauge
	once sync.Once
}

func (c *gaugedConn) Close() error {
	c.once.Do(func() { c.g.open.Add(-1) })
	return c.Conn.Close()
}

// client returns a client of the fake with the test credentials, fast
// retries and any further options. Idle connections close with the test.
func (f *fakeAlianza) client(opts ...Option) *Client {
	f.t.Helper()
	base := []Option{WithBaseURL(f.srv.URL), WithCredentials(testUsername, testPassword), WithPartition(testPartition), fastRetries}
	c, err := NewClient(append(base, opts...)...)
	require.NoError(f.t, err)
	f.t.Cleanup(c.CloseIdleConnections)
	return c
}

// route turns a request path into its template: the segment after
// partition, account, siptrunk and user becomes {}.
func route(method, path string) string {
	segs := strings.Split(path, "/")
	for i := 1; i < len(segs); i++ {
		switch segs[i-1] {
		case "partition", "account", "siptrunk", "siptrunk_2", "user":
			segs[i] = "{}"
		}
	}
	return method + " " + strings.Join(segs, "/")
}

const (
	fakeLogin      = "POST /v2/authorize"
	fakeAccount    = "GET /v2/partition/{}/account/{}"
	fakePutAccount = "PUT /v2/partition/{}/account/{}"
	fakeDelAccount = "DELETE /v2/partition/{}/account/{}"
	fakeCreate     = "POST /v2/partition/{}/account"
)

// on installs a fault for one route ("GET /v2/partition/{}/account/{}").
func (f *fakeAlianza) on(route string, h http.HandlerFunc) {
	f.mu.Lock()
	f.faults[route] = h
	f.mu.Unlock()
}

// count returns how many requests reached route.
func (f *fakeAlianza) count(route string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.counts[route]
}

// maxPerPath returns the most requests that one path of route received:
// with one id per caller, the most attempts any caller made.
func (f *fakeAlianza) maxPerPath(rt string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	most := 0
	for p, n := range f.paths {
		method, path, _ := strings.Cut(p, " ")
		if route(method, path) == rt {
			most = max(most, n)
		}
	}
	return most
}

// hashesOf returns the SHA-256 of every body route received.
func (f *fakeAlianza) hashesOf(route string) [][32]byte {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([][32]byte(nil), f.hashes[route]...)
}

// creates returns how many creates the handler processed.
func (f *fakeAlianza) creates() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.created
}

// expire makes the current token invalid, as the platform does after 8
// idle hours.
func (f *fakeAlianza) expire() {
	f.mu.Lock()
	f.token = ""
	f.mu.Unlock()
}

func (f *fakeAlianza) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	rt := route(r.Method, r.URL.EscapedPath())
	f.mu.Lock()
	f.counts[rt]++
	f.paths[r.Method+" "+r.URL.EscapedPath()]++
	f.hashes[rt] = append(f.hashes[rt], sha256.Sum256(body))
	fault := f.faults[rt]
	valid := f.token != "" && r.Header.Get("X-Auth-Token") == f.token
	f.mu.Unlock()

	if rt == fakeLogin {
		if fault != nil {
			fault(w, r)
			return
		}
		f.login(w, r)
		return
	}
	if !valid {
		writeJSON(w, 401, `{"status":401,"messages":["Invalid Auth Token"]}`)
		return
	}
	if fault != nil {
		fault(w, r)
		return
	}
	switch {
	case rt == fakeCreate:
		f.mu.Lock()
		f.created++
		n := f.created
		f.mu.Unlock()
		writeJSON(w, 201, `{"id":"ACC-`+strconv.Itoa(n)+`"}`)
	case strings.HasPrefix(rt, "DELETE "):
		w.WriteHeader(204)
	default:
		writeJSON(w, 200, `{"id":"A1","accountNumber":"AC-1"}`)
	}
}

func (f *fakeAlianza) login(w http.ResponseWriter, r *http.Request) {
	if f.loginDelay > 0 {
		select {
		case <-time.After(f.loginDelay):
		case <-r.Context().Done():
			return
		}
	}
	if s := f.loginStatus.Load(); s != 0 {
		writeJSON(w, int(s), `{"status":`+strconv.Itoa(int(s))+`,"messages":["Invalid username or password"]}`)
		return
	}
	f.mu.Lock()
	f.gen++
	f.token = testToken + "-" + strconv.Itoa(f.gen)
	tok := f.token
	f.mu.Unlock()
	writeJSON(w, 200, `{"authToken":"`+tok+`","partitionId":"`+testPartition+`","username":"`+testUsername+`"}`)
}

func writeJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

// Fault hooks.

// status answers n with body and content type ct.
func status(n int, body, ct string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		if ct != "" {
			w.Header().Set("Content-Type", ct)
		}
		w.WriteHeader(n)
		_, _ = io.WriteString(w, body)
	}
}

// hangUntilClientGone blocks until the client disconnects, then reports it
// on gone (when not nil).
func hangUntilClientGone(gone chan<- struct{}) http.HandlerFunc {
	return func(_ http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
		if gone != nil {
			select {
			case gone <- struct{}{}:
			default:
			}
		}
	}
}

// trickle sends a JSON body of size bytes, n bytes every tick, until the
// client gives up; sent counts the bytes written.
func trickle(size, n int, tick time.Duration, sent *atomic.Int64) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.Itoa(size))
		w.WriteHeader(200)
		fl := w.(http.Flusher)
		body := `{"id":"` + strings.Repeat("x", size-9) + `"}`
		for i := 0; i < len(body); i += n {
			if _, err := io.WriteString(w, body[i:min(i+n, len(body))]); err != nil {
				return
			}
			fl.Flush()
			sent.Add(int64(n))
			select {
			case <-time.After(tick):
			case <-r.Context().Done():
				return
			}
		}
	}
}

// commitThenRST runs commit (the platform acting on the request), then
// resets the connection without a response.
func commitThenRST(commit func()) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		if commit != nil {
			commit()
		}
		conn, _, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		_ = conn.(*net.TCPConn).SetLinger(0)
		_ = conn.Close()
	}
}

// truncateBody promises contentLength bytes of 2xx JSON, sends the first sent
// bytes and closes the connection.
func truncateBody(contentLength, sent int) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		defer conn.Close()
		body := `{"id":"A1","accountName":"` + strings.Repeat("x", contentLength) + `"}`
		fmt.Fprintf(buf, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", contentLength, body[:sent])
		_ = buf.Flush()
	}
}

// stream sends a JSON array of about n bytes, generated as it goes, so the
// server never holds it in memory.
func stream(n int) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(200)
		const item = `{"id":"A0000000","accountNumber":"AC-00000000"},`
		_, _ = io.WriteString(w, "[")
		for written := 1; written+len(item) < n; written += len(item) {
			if _, err := io.WriteString(w, item); err != nil {
				return
			}
		}
		_, _ = io.WriteString(w, `{"id":"last"}]`)
	}
}

// leakCheck verifies, after the test's own cleanups (servers closed, idle
// connections dropped), that no goroutine the test started is left. Use it
// in serial tests only: goleak sees every goroutine of the process.
func leakCheck(t *testing.T) {
	t.Helper()
	ignore := goleak.IgnoreCurrent()
	t.Cleanup(func() {
		// Cleanups run last-in first-out: registered first, this one runs
		// after the server and the client's idle connections are closed.
		if err := goleak.Find(ignore); err != nil {
			t.Error(err)
		}
	})
}

// leaked runs goleak now and returns how many goroutines started since
// ignore was taken are still running; each one also fails the test. goleak
// retries for a while before it reports one, as a closed connection's
// goroutines take a moment to exit. Serial tests only, as leakCheck.
func leaked(t *testing.T, ignore goleak.Option) int {
	t.Helper()
	err := goleak.Find(ignore)
	if err == nil {
		return 0
	}
	t.Error(err)
	return max(1, strings.Count(err.Error(), "Goroutine "))
}

// idleTokens is the platform's token rule for acceptTokens, on clock: a
// token is refused once it has been idle for DefaultTokenIdle, counted from
// the arrival of the last request it got through (its first use stands in
// for its issue). A refused token stays refused. With it, a test's count of
// 401s measures whether the client renewed the token in time.
func idleTokens(clock *fakeClock) func(tok string) bool {
	var mu sync.Mutex
	last := map[string]time.Time{}
	return func(tok string) bool {
		mu.Lock()
		defer mu.Unlock()
		now := clock.Now()
		if prev, ok := last[tok]; ok && now.Sub(prev) >= DefaultTokenIdle {
			return false
		}
		last[tok] = now
		return true
	}
}

// loginCallOf returns the login c has in flight, nil if none.
func loginCallOf(c *Client) *loginCall {
	s := c.auth.(*session)
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.inflight
}

// within waits for ch, failing the test after a minute: a guard against a
// hang, far above any time the wait may take, not a bound on it.
func within[T any](t *testing.T, ch <-chan T, what string) T {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(time.Minute):
		t.Fatalf("hung: %s did not happen within a minute", what)
		var zero T
		return zero
	}
}
