package alianza

// RELIABILITY.md cases 12 to 22, on real sockets unless a synctest bubble
// makes time exact. The retry matrix by status and method,
// Retry-After (case 19), cancellation during the backoff (21a, 21b) and the
// refused dial (16) are proven in retry_test.go.

import (
	"context"
	"fmt"
	"io"
	"math"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"testing/synctest"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCase12GETTransientDelay(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, mt := newMockClient(t) // the default policy: base 200 ms, full jitter
		var n atomic.Int64
		var first, second time.Time
		mt.RegisterResponder(http.MethodGet, testAccountURL("A1"), func(*http.Request) (*http.Response, error) {
			if n.Add(1) == 1 {
				first = time.Now()
				return httpmock.NewStringResponse(503, ""), nil
			}
			second = time.Now()
			return httpmock.NewStringResponse(200, `{}`), nil
		})
		_, err := getAccount(context.Background(), c, "A1")
		require.NoError(t, err)
		delay := second.Sub(first)
		assert.Equal(t, int64(2), n.Load())
		assert.LessOrEqual(t, delay, DefaultRetryBase, "full jitter: in [0, base]")
		figure(t, "case12.attempts", n.Load())
		figure(t, "case12.delay", delay)
	})
}

func TestCase13PutDeleteRetriedWithinBudget(t *testing.T) {
	faults := map[string]http.HandlerFunc{
		"502": status(502, `{"messages":["bad gateway"]}`, "application/json"),
		"503": status(503, "", ""),
		"504": status(504, "<html>timeout</html>", "text/html"),
		"RST": commitThenRST(nil),
	}
	for _, name := range []string{"502", "503", "504", "RST"} {
		for _, method := range []string{http.MethodPut, http.MethodDelete} {
			t.Run(name+" "+method, func(t *testing.T) {
				f := newFakeAlianza(t)
				rt := route(method, "/v2/partition/x/account/x")
				f.on(rt, faults[name])
				c := f.client()
				err := sendMethod(context.Background(), c, method)
				require.Error(t, err)
				assert.Equal(t, 3, f.count(rt))
				if method == http.MethodPut {
					h := f.hashesOf(rt)
					assert.Equal(t, h[0], h[1])
					assert.Equal(t, h[0], h[2], "the same body on every attempt")
				}
				if name == "RST" {
					var te *TransportError
					require.ErrorAs(t, err, &te)
					assert.Equal(t, 3, te.Attempts)
					assert.ErrorIs(t, err, syscall.ECONNRESET)
				} else {
					var apiErr *APIError
					require.ErrorAs(t, err, &apiErr)
					assert.Equal(t, 3, apiErr.Attempts)
					assert.Equal(t, name, fmt.Sprint(apiErr.StatusCode), "the last status is kept")
					assert.ErrorIs(t, err, ErrServer)
				}
				figure(t, "case13.attempts["+name+" "+method+"]", f.count(rt))
			})
		}
	}
}

func TestCase14POSTNeverRetriedOnStatus(t *testing.T) {
	page := "<html><body><h1>502 Bad Gateway</h1>" + fmt.Sprintf("%05000d", 0) + "</body></html>"
	for name, h := range map[string]http.HandlerFunc{
		"500": status(500, "", ""), "502": status(502, "", ""), "503": status(503, "", ""),
		"504": status(504, "", ""), "502html": status(502, page, "text/html"),
	} {
		t.Run(name, func(t *testing.T) {
			f := newFakeAlianza(t)
			f.on(fakeCreate, h)
			c := f.client()
			err := c.do(context.Background(), &request{method: http.MethodPost, path: "/v2/partition/{partitionId}/account", body: map[string]string{"accountNumber": "AC-1"}})
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, 1, apiErr.Attempts)
			assert.Equal(t, 1, f.count(fakeCreate))
			figure(t, "case14.posts["+name+"]", f.count(fakeCreate))
		})
	}
}

func TestCase15POSTOutcomeUnknown(t *testing.T) {
	create := func(c *Client) error {
		return c.do(context.Background(), &request{method: http.MethodPost, path: "/v2/partition/{partitionId}/account", body: map[string]string{"accountNumber": "AC-1"}})
	}
	t.Run("commit then RST", func(t *testing.T) {
		f := newFakeAlianza(t)
		var created atomic.Int64
		f.on(fakeCreate, commitThenRST(func() { created.Add(1) }))
		err := create(f.client())
		require.ErrorIs(t, err, ErrOutcomeUnknown)
		assert.ErrorIs(t, err, syscall.ECONNRESET, "wraps the transport error")
		assert.Contains(t, err.Error(), "outcome unknown")
		assert.Equal(t, 1, f.count(fakeCreate))
		assert.Equal(t, int64(1), created.Load())
		figure(t, "case15a.posts", f.count(fakeCreate))
		figure(t, "case15a.creates", created.Load())
	})
	t.Run("commit then sleep past the attempt timeout", func(t *testing.T) {
		f := newFakeAlianza(t)
		var created atomic.Int64
		f.on(fakeCreate, func(w http.ResponseWriter, r *http.Request) {
			created.Add(1)
			<-r.Context().Done()
		})
		c := f.client(WithTimeout(100 * time.Millisecond))
		_, err := c.Login(context.Background())
		require.NoError(t, err)
		err = create(c)
		require.ErrorIs(t, err, ErrOutcomeUnknown)
		assert.ErrorIs(t, err, context.DeadlineExceeded, "wraps the timeout")
		assert.Equal(t, 1, f.count(fakeCreate))
		figure(t, "case15b.posts", f.count(fakeCreate))
		figure(t, "case15b.creates", created.Load())
	})
}

func TestCase18NonRetryable(t *testing.T) {
	for _, code := range []int{400, 403, 404, 409, 422, 501} {
		f := newFakeAlianza(t)
		f.on(fakeAccount, status(code, `{"messages":["no"]}`, "application/json"))
		_, err := f.client().Accounts.Get(context.Background(), "A1")
		var apiErr *APIError
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, 1, f.count(fakeAccount), "%d", code)
		figure(t, fmt.Sprintf("case18.attempts[%d]", code), f.count(fakeAccount))
	}
	f := newFakeAlianza(t)
	_, err := f.client().Accounts.Get(context.Background(), "..")
	require.ErrorIs(t, err, ErrValidation)
	sent := f.count(fakeLogin) + f.count(fakeAccount)
	assert.Zero(t, sent)
	figure(t, "case18.attempts[ErrValidation]", sent)

	// An untrusted certificate: the login fails in the handshake, once.
	tf := newFakeAlianzaTLS(t, false)
	_, err = tf.client().Accounts.Get(context.Background(), "A1")
	var te *TransportError
	require.ErrorAs(t, err, &te)
	assert.Contains(t, err.Error(), "certificate")
	assert.Equal(t, 1, te.Attempts)
	assert.Equal(t, int64(1), tf.conns.Load(), "one handshake, not retried")
	assert.Zero(t, tf.count(fakeLogin), "no login body reached the server")
	figure(t, "case18.attempts[x509]", te.Attempts)
	figure(t, "case18.connections[x509]", tf.conns.Load())

	// A redirect, here to another host, is refused and not retried.
	rf := newFakeAlianza(t)
	rf.on(fakeAccount, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://127.0.0.1:1"+r.URL.Path, http.StatusFound)
	})
	_, err = rf.client().Accounts.Get(context.Background(), "A1")
	require.ErrorIs(t, err, ErrRedirect)
	assert.Equal(t, 1, rf.count(fakeAccount))
	figure(t, "case18.attempts[redirect]", rf.count(fakeAccount))
}

// Case 20 in a synctest bubble: the clock is the bubble's, so the
// deadline and the elapsed time are exact whatever the load.
func TestCase20RetriesStopAtDeadline(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		// More retries than the deadline allows, so the deadline, not the
		// retry count, ends the call.
		c, mt := newMockClient(t, WithRetryPolicy(RetryPolicy{MaxRetries: 10, BaseDelay: 200 * time.Millisecond, MaxDelay: time.Second}))
		var attempts atomic.Int64
		mt.RegisterResponder(http.MethodGet, testAccountURL("A1"), func(*http.Request) (*http.Response, error) {
			attempts.Add(1)
			resp := httpmock.NewStringResponse(503, `{"messages":["busy"]}`)
			resp.Header.Set("Content-Type", "application/json")
			return resp, nil
		})
		_, err := c.Login(context.Background())
		require.NoError(t, err)
		const deadline = 300 * time.Millisecond
		ctx, cancel := context.WithTimeout(context.Background(), deadline)
		defer cancel()
		start := time.Now()
		_, err = c.Accounts.Get(ctx, "A1")
		elapsed := time.Since(start)
		// The deadline has not fired when the call returns, so the error is
		// the last 503, not context.DeadlineExceeded.
		assert.NotErrorIs(t, err, context.DeadlineExceeded)
		var apiErr *APIError
		require.ErrorAs(t, err, &apiErr, "the last 503 is still there")
		assert.Equal(t, 503, apiErr.StatusCode)
		// No backoff that would end past the deadline is started: the call
		// returns when the next wait cannot fit, before the ctx fires.
		assert.Less(t, elapsed, deadline)
		assert.NoError(t, ctx.Err(), "returned before the deadline fired")
		assert.GreaterOrEqual(t, attempts.Load(), int64(2))
		figure(t, "case20.elapsed", elapsed.Round(time.Millisecond))
		figure(t, "case20.attempts", attempts.Load())
	})
}

func TestCase21CancelWhileWaitingForLogin(t *testing.T) {
	leakCheck(t)
	f := newFakeAlianza(t)
	var c *Client
	calls := make(chan *loginCall, 1)
	release := make(chan struct{})
	f.on(fakeLogin, func(w http.ResponseWriter, r *http.Request) {
		calls <- loginCallOf(c)
		<-release // held until the caller has given up
		f.login(w, r)
	})
	c = f.client()
	ctx, cancel := context.WithCancel(context.Background())
	result := make(chan error, 1)
	go func() {
		_, err := c.Accounts.Get(ctx, "A1")
		result <- err
	}()
	call := within(t, calls, "the login")
	require.NotNil(t, call)
	cancelled := time.Now()
	cancel()
	err := within(t, result, "the caller's return")
	latency := time.Since(cancelled)
	require.ErrorIs(t, err, context.Canceled)
	select {
	case <-call.done:
		t.Fatal("the login ended before it was released: the caller did not return on its own cancel")
	default:
	}
	close(release)
	within(t, call.done, "the shared login's end")
	require.NoError(t, call.err, "the shared login finishes on its own")
	assert.Equal(t, 0, f.count(fakeAccount), "no request after cancel")
	figure(t, "case21c.latencyAfterCancel", latency.Round(time.Microsecond))
	figure(t, "case21c.requestsAfterCancel", f.count(fakeAccount))
}

// readSignal closes reading when the first byte of a response body has
// been read by the client: from then on the call is mid-body.
type readSignal struct {
	rt      http.RoundTripper
	once    sync.Once
	reading chan struct{}
}

func (s *readSignal) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := s.rt.RoundTrip(r)
	if err == nil && r.Method == http.MethodGet {
		resp.Body = &signalBody{ReadCloser: resp.Body, s: s}
	}
	return resp, err
}

type signalBody struct {
	io.ReadCloser
	s *readSignal
}

func (b *signalBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if n > 0 {
		b.s.once.Do(func() { close(b.s.reading) })
	}
	return n, err
}

func TestCase21CancelMidBody(t *testing.T) {
	leakCheck(t)
	f := newFakeAlianza(t)
	gone := make(chan struct{}, 1)
	const size = 1 << 20
	f.on(fakeAccount, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.Itoa(size))
		w.WriteHeader(200)
		_, _ = io.WriteString(w, `{"id":"`)
		w.(http.Flusher).Flush()
		<-r.Context().Done() // the rest never comes
		gone <- struct{}{}
	})
	tr := defaultTransport(DefaultMaxConns).(*http.Transport)
	t.Cleanup(tr.CloseIdleConnections)
	sig := &readSignal{rt: tr, reading: make(chan struct{})}
	c := f.client(WithHTTPClient(&http.Client{Transport: sig}))
	_, err := c.Login(context.Background())
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	result := make(chan error, 1)
	go func() {
		_, err := c.Accounts.Get(ctx, "A1")
		result <- err
	}()
	within(t, sig.reading, "the first body bytes")
	cancelled := time.Now()
	cancel()
	err = within(t, result, "the caller's return")
	latency := time.Since(cancelled)
	require.ErrorIs(t, err, context.Canceled)
	within(t, gone, "the server seeing the disconnect")
	assert.Equal(t, 1, f.count(fakeAccount), "no request after cancel")
	figure(t, "case21d.latencyAfterCancel", latency.Round(time.Microsecond))
	figure(t, "case21d.requestsAfterCancel", f.count(fakeAccount)-1)
}

func TestCase22RetryStormBound(t *testing.T) {
	f := newFakeAlianza(t)
	var fail atomic.Bool
	fail.Store(true)
	f.on(fakeAccount, func(w http.ResponseWriter, r *http.Request) {
		if !fail.Load() {
			writeJSON(w, 200, `{"id":"A1"}`)
			return
		}
		writeJSON(w, 503, `{"messages":["down"]}`)
	})
	const base = 100 * time.Millisecond
	c := f.client(WithRetryPolicy(RetryPolicy{MaxRetries: 2, BaseDelay: base, MaxDelay: time.Second, Budget: 20}))
	_, err := c.Login(context.Background())
	require.NoError(t, err)
	errs := burst(100, func() error {
		return c.do(context.Background(), &request{method: http.MethodGet, path: testAccountPath, args: []string{"A1"}, out: new(map[string]any)})
	})
	for _, err := range errs {
		require.ErrorIs(t, err, ErrServer)
	}
	total := f.count(fakeAccount)
	assert.LessOrEqual(t, total, 100+20, "attempts ≤ calls + budget (unbounded: 300)")
	figure(t, "case22.attempts", total)
	figure(t, "case22.amplification", fmt.Sprintf("%.2f", float64(total)/100))

	// Full jitter: the first retry's wait is drawn from [0, base], so a
	// storm's retries do not arrive together. Measured on the waits the
	// client draws, not on arrival times, which the scheduler of a loaded
	// machine bunches or spreads regardless of the wait.
	lo, hi := time.Duration(math.MaxInt64), time.Duration(0)
	for range 200 {
		d := backoff(&c.cfg.retry, 1, 0)
		lo, hi = min(lo, d), max(hi, d)
	}
	assert.GreaterOrEqual(t, lo, time.Duration(0))
	assert.LessOrEqual(t, hi, base)
	assert.GreaterOrEqual(t, hi-lo, base/2, "first retries spread by full jitter, not all at once")
	figure(t, "case22.jitterSpread", (hi - lo).Round(time.Millisecond))

	// Recovery: successes refill the budget, and retries resume.
	fail.Store(false)
	for range 20 {
		_, err := c.Accounts.Get(context.Background(), "A1")
		require.NoError(t, err)
	}
	fail.Store(true)
	before := f.count(fakeAccount)
	_, err = c.Accounts.Get(context.Background(), "A1")
	require.ErrorIs(t, err, ErrServer)
	assert.Equal(t, 3, f.count(fakeAccount)-before, "retries resume after the refill")
	figure(t, "case22.attemptsAfterRefill", f.count(fakeAccount)-before)
}
