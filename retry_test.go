package alianza

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fastRetries keeps retry waits in the millisecond range.
var fastRetries = WithRetryPolicy(RetryPolicy{MaxRetries: 2, BaseDelay: time.Millisecond, MaxDelay: 2 * time.Millisecond, Budget: -1})

// sendMethod sends method to .../account/A1 with a body for PUT, POST and
// PATCH, discarding the response body.
func sendMethod(ctx context.Context, c *Client, method string) error {
	r := &request{method: method, path: testAccountPath, args: []string{"A1"}}
	switch method {
	case http.MethodPut, http.MethodPost, http.MethodPatch:
		r.body = map[string]string{"name": "x"}
	}
	return c.do(ctx, r)
}

func TestRetryMatrix(t *testing.T) {
	methods := []string{http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete, http.MethodPost, http.MethodPatch, http.MethodOptions}
	retried := map[string]bool{http.MethodGet: true, http.MethodHead: true, http.MethodPut: true, http.MethodDelete: true}
	for _, status := range []int{500, 502, 503, 504, 429, 400, 403, 404, 409, 422, 501} {
		for _, method := range methods {
			t.Run(fmt.Sprintf("%s %d", method, status), func(t *testing.T) {
				c, mt := newMockClient(t, fastRetries)
				mt.RegisterResponder(method, testAccountURL("A1"), httpmock.NewStringResponder(status, `{"messages":["x"]}`))
				err := sendMethod(context.Background(), c, method)
				var apiErr *APIError
				require.ErrorAs(t, err, &apiErr)
				want := 1
				if retried[method] && retryableStatus(status) {
					want = 3
				}
				assert.Equal(t, want, mt.GetCallCountInfo()[method+" "+testAccountURL("A1")], "attempts")
				assert.Equal(t, want, apiErr.Attempts)
				assert.Equal(t, status, apiErr.StatusCode, "the last status is kept")
				assert.Equal(t, status >= 500, errors.Is(err, ErrServer))
			})
		}
	}
}

func TestRetryGET503ThenSuccess(t *testing.T) {
	c, mt := newMockClient(t, fastRetries)
	var n atomic.Int64
	mt.RegisterResponder(http.MethodGet, testAccountURL("A1"), func(*http.Request) (*http.Response, error) {
		if n.Add(1) == 1 {
			return httpmock.NewStringResponse(503, "<html>busy</html>"), nil
		}
		return httpmock.NewStringResponse(200, `{"id":"A1"}`), nil
	})
	out, err := getAccount(context.Background(), c, "A1")
	require.NoError(t, err)
	assert.Equal(t, "A1", out["id"])
	assert.Equal(t, int64(2), n.Load())
}

func TestPOSTOn503SentOnce(t *testing.T) {
	c, mt := newMockClient(t, fastRetries)
	for _, body := range []string{`{"messages":["busy"]}`, "<html><body><h1>502 Bad Gateway</h1></body></html>", ""} {
		mt.RegisterResponder(http.MethodPost, testAccountURL("A1"), httpmock.NewStringResponder(503, body))
		mt.ZeroCallCounters()
		err := sendMethod(context.Background(), c, http.MethodPost)
		var apiErr *APIError
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, 1, apiErr.Attempts)
		assert.Equal(t, 1, mt.GetCallCountInfo()["POST "+testAccountURL("A1")], "a POST on 503 is sent exactly once")
	}
}

func TestRetryAfter(t *testing.T) {
	for _, tc := range []struct {
		header  string
		min     time.Duration
		max     time.Duration
		comment string
	}{
		{"2", 2 * time.Second, 2 * time.Second, "honoured"},
		{"3600", DefaultRetryMax, DefaultRetryMax, "capped at MaxDelay, never an hour"},
		{time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC).Format(http.TimeFormat), DefaultRetryMax, DefaultRetryMax, "far HTTP-date capped"},
		{"soon", 0, DefaultRetryBase, "garbage: normal backoff"},
	} {
		t.Run(tc.header, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				c, mt := newMockClient(t)
				var n atomic.Int64
				mt.RegisterResponder(http.MethodGet, testAccountURL("A1"), func(*http.Request) (*http.Response, error) {
					if n.Add(1) == 1 {
						r := httpmock.NewStringResponse(503, `{"messages":["busy"]}`)
						r.Header.Set("Retry-After", tc.header)
						return r, nil
					}
					return httpmock.NewStringResponse(200, `{}`), nil
				})
				_, err := c.Login(context.Background())
				require.NoError(t, err)
				start := time.Now()
				_, err = getAccount(context.Background(), c, "A1")
				require.NoError(t, err)
				waited := time.Since(start)
				assert.GreaterOrEqual(t, waited, tc.min, tc.comment)
				assert.LessOrEqual(t, waited, tc.max, tc.comment)
				figure(t, fmt.Sprintf("case19.wait[%q]", tc.header), waited)
			})
		})
	}
}

// In a synctest bubble: the cancel comes at 10 ms of bubble time, so the
// call's duration is exact whatever the load.
func TestCancelStopsBackoffAtOnce(t *testing.T) {
	synctest.Test(t, testCancelStopsBackoffAtOnce)
}

func testCancelStopsBackoffAtOnce(t *testing.T) {
	c, mt := newMockClient(t, WithRetryPolicy(RetryPolicy{MaxRetries: 2, BaseDelay: time.Second, MaxDelay: 10 * time.Second}))
	r := httpmock.NewStringResponse(503, `{"messages":["busy"]}`)
	r.Header.Set("Retry-After", "10")
	mt.RegisterResponder(http.MethodGet, testAccountURL("A1"), httpmock.ResponderFromResponse(r))
	_, err := c.Login(context.Background())
	require.NoError(t, err)

	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(10*time.Millisecond, cancel)
	start := time.Now()
	_, err = getAccount(ctx, c, "A1")
	elapsed := time.Since(start)
	assert.Equal(t, 10*time.Millisecond, elapsed, "a cancelled context stops the 10 s backoff at once")
	assert.ErrorIs(t, err, context.Canceled)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr, "the last response is still reachable")
	assert.Equal(t, 503, apiErr.StatusCode)
	assert.Contains(t, err.Error(), "GET /v2/partition/PART1/account/A1")
	assert.Equal(t, 1, mt.GetCallCountInfo()["GET "+testAccountURL("A1")], "no request after cancel")
	figure(t, "case21b.latencyAfterCancel", elapsed-10*time.Millisecond)
	figure(t, "case21b.requestsAfterCancel", mt.GetCallCountInfo()["GET "+testAccountURL("A1")]-1)

	// Cancelled before the call: nothing is sent.
	mt.ZeroCallCounters()
	_, err = getAccount(ctx, c, "A1")
	assert.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, 0, mt.GetTotalCallCount())
	figure(t, "case21a.requests", mt.GetTotalCallCount())
}

func TestNoBackoffPastDeadline(t *testing.T) {
	synctest.Test(t, testNoBackoffPastDeadline)
}

func testNoBackoffPastDeadline(t *testing.T) {
	c, mt := newMockClient(t)
	r := httpmock.NewStringResponse(503, `{"messages":["busy"]}`)
	r.Header.Set("Retry-After", "2")
	mt.RegisterResponder(http.MethodGet, testAccountURL("A1"), httpmock.ResponderFromResponse(r))
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := getAccount(ctx, c, "A1")
	assert.Zero(t, time.Since(start), "a wait that cannot finish is not started (bubble time)")
	require.NoError(t, ctx.Err())
	assert.NotErrorIs(t, err, context.DeadlineExceeded, "the deadline has not fired: the 503 is the answer")
	assert.ErrorIs(t, err, ErrServer)
	assert.Contains(t, err.Error(), "backoff would end after the context's deadline")
	assert.Equal(t, 1, mt.GetCallCountInfo()["GET "+testAccountURL("A1")])
}

func TestRetriesDisabled(t *testing.T) {
	for name, opts := range map[string][]Option{
		"WithoutRetries":                {WithoutRetries()},
		"WithoutRetries after a policy": {WithRetryPolicy(RetryPolicy{MaxRetries: 5}), WithoutRetries()},
	} {
		t.Run(name, func(t *testing.T) {
			c, mt := newMockClient(t, opts...)
			mt.RegisterResponder(http.MethodGet, testAccountURL("A1"), httpmock.NewStringResponder(503, ""))
			_, err := getAccount(context.Background(), c, "A1")
			require.ErrorIs(t, err, ErrServer)
			assert.Equal(t, 1, mt.GetCallCountInfo()["GET "+testAccountURL("A1")])
		})
	}
	c, mt := newMockClient(t, WithRetryPolicy(RetryPolicy{MaxRetries: 5, BaseDelay: time.Millisecond}))
	mt.RegisterResponder(http.MethodGet, testAccountURL("A1"), httpmock.NewStringResponder(502, ""))
	_, err := getAccount(context.Background(), c, "A1")
	require.ErrorIs(t, err, ErrServer)
	assert.Equal(t, 6, mt.GetCallCountInfo()["GET "+testAccountURL("A1")], "configurable")
}

// A policy that sets only some fields keeps the defaults of the others,
// MaxRetries included: it does not turn retries off by omission.
func TestPartialRetryPolicyKeepsRetrying(t *testing.T) {
	c, mt := newMockClient(t, WithRetryPolicy(RetryPolicy{BaseDelay: time.Millisecond, MaxDelay: 2 * time.Millisecond}))
	assert.Equal(t, RetryPolicy{MaxRetries: DefaultMaxRetries, BaseDelay: time.Millisecond, MaxDelay: 2 * time.Millisecond, Budget: DefaultRetryBudget}, c.cfg.retry)
	mt.RegisterResponder(http.MethodGet, testAccountURL("A1"), httpmock.NewStringResponder(503, ""))
	_, err := getAccount(context.Background(), c, "A1")
	require.ErrorIs(t, err, ErrServer)
	assert.Equal(t, 1+DefaultMaxRetries, mt.GetCallCountInfo()["GET "+testAccountURL("A1")])
}

func TestRetryTransportErrors(t *testing.T) {
	reset := errors.New("connection reset by peer")
	dial := &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}
	for _, tc := range []struct {
		method   string
		err      error
		attempts int
		unknown  bool
	}{
		{http.MethodGet, reset, 3, false},
		{http.MethodPut, reset, 3, false},
		{http.MethodDelete, reset, 3, false},
		{http.MethodPost, reset, 1, true},
		{http.MethodPatch, reset, 1, true},
		{http.MethodPost, dial, 3, false}, // nothing was sent: even a POST is retried
	} {
		t.Run(tc.method+" "+tc.err.Error(), func(t *testing.T) {
			c, mt := newMockClient(t, fastRetries)
			mt.RegisterResponder(tc.method, testAccountURL("A1")+"?q=secret-ish", httpmock.NewErrorResponder(tc.err))
			r := &request{method: tc.method, path: testAccountPath, args: []string{"A1"}, query: struct {
				Q string `url:"q"`
			}{"secret-ish"}}
			err := c.do(context.Background(), r)
			require.Error(t, err)
			assert.ErrorIs(t, err, tc.err, "the transport error is wrapped")
			assert.Equal(t, tc.unknown, errors.Is(err, ErrOutcomeUnknown))
			assert.NotContains(t, err.Error(), "secret-ish", "no query in errors")
			assert.Equal(t, tc.attempts, mt.GetCallCountInfo()[tc.method+" "+testAccountURL("A1")+"?q=secret-ish"])
			if !tc.unknown {
				var te *TransportError
				require.ErrorAs(t, err, &te)
				assert.Equal(t, tc.attempts, te.Attempts)
			}
		})
	}
}

// newLoopbackClient returns a client for srv with a pre-issued token, so no
// login is involved.
func newLoopbackClient(t *testing.T, srv *httptest.Server, opts ...Option) *Client {
	t.Helper()
	base := []Option{WithBaseURL(srv.URL), WithAuthToken(testToken), WithPartition(testPartition), fastRetries}
	c, err := NewClient(append(base, opts...)...)
	require.NoError(t, err)
	t.Cleanup(c.CloseIdleConnections)
	return c
}

func TestPOSTRetriedOnlyWhenNothingSent(t *testing.T) {
	var posts atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		posts.Add(1)
		_, _ = io.WriteString(w, `{}`)
	}))
	defer srv.Close()
	var dials atomic.Int64
	tr := &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		if dials.Add(1) == 1 {
			return nil, &net.OpError{Op: "dial", Net: network, Err: errors.New("connection refused")}
		}
		var d net.Dialer
		return d.DialContext(ctx, network, addr)
	}}
	c := newLoopbackClient(t, srv, WithHTTPClient(&http.Client{Transport: tr}))
	require.NoError(t, sendMethod(context.Background(), c, http.MethodPost))
	assert.Equal(t, int64(2), dials.Load())
	assert.Equal(t, int64(1), posts.Load())
	figure(t, "case16.dials", dials.Load())
	figure(t, "case16.posts", posts.Load())
}

func TestResetAfterWrite(t *testing.T) {
	var got atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got.Add(1)
		_, _ = io.ReadAll(r.Body)
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			_ = conn.(*net.TCPConn).SetLinger(0)
			_ = conn.Close()
		}
	}))
	defer srv.Close()
	c := newLoopbackClient(t, srv)

	err := sendMethod(context.Background(), c, http.MethodPost)
	require.ErrorIs(t, err, ErrOutcomeUnknown, "a POST that was written may have been applied")
	assert.Equal(t, int64(1), got.Load())

	got.Store(0)
	err = sendMethod(context.Background(), c, http.MethodPut)
	var te *TransportError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, 3, te.Attempts)
	assert.Equal(t, int64(3), got.Load())
	assert.NotErrorIs(t, err, ErrOutcomeUnknown)
}

// A per-attempt timeout (WithTimeout) is a transport failure like a reset:
// idempotent calls try again while the caller's context lives.
func TestPerAttemptTimeoutRetried(t *testing.T) {
	var n atomic.Int64
	gaveUp := make(chan struct{}, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.ReadAll(r.Body) // the server notices a disconnect only once the body is read
		if n.Add(1) == 1 {
			select { // hang until the client gives up
			case <-r.Context().Done():
				gaveUp <- struct{}{}
			case <-time.After(time.Minute): // a guard against a hang only
			}
			return
		}
		_, _ = io.WriteString(w, `{"id":"A1"}`)
	}))
	defer srv.Close()
	c := newLoopbackClient(t, srv, WithTimeout(30*time.Millisecond))
	start := time.Now()
	out, err := getAccount(context.Background(), c, "A1")
	require.NoError(t, err)
	assert.Equal(t, "A1", out["id"])
	assert.Equal(t, int64(2), n.Load())
	// The server sees the first connection close on its own schedule,
	// possibly after the second attempt's answer.
	within(t, gaveUp, "the server seeing the first attempt given up")
	assert.GreaterOrEqual(t, time.Since(start), 30*time.Millisecond, "not before the attempt timeout")

	n.Store(0)
	err = sendMethod(context.Background(), c, http.MethodPost)
	require.ErrorIs(t, err, ErrOutcomeUnknown)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Equal(t, int64(1), n.Load())
}

func TestUntrustedCertificateNotRetriedNorUnknown(t *testing.T) {
	var got atomic.Int64
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { got.Add(1) }))
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshake is expected
	srv.StartTLS()
	defer srv.Close()
	c, err := NewClient(WithBaseURL(srv.URL), WithCredentials(testUsername, testPassword), WithPartition(testPartition), fastRetries)
	require.NoError(t, err)
	_, err = c.Login(context.Background())
	require.Error(t, err)
	assert.NotErrorIs(t, err, ErrOutcomeUnknown, "a failed handshake sent nothing")
	assert.Contains(t, err.Error(), "certificate")
	var te *TransportError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, 1, te.Attempts)
	assert.Equal(t, int64(0), got.Load(), "no login body reached the server")
	scanForSecrets(t, "tls error", formatAll(err))

	// The same server, trusted through WithHTTPClient, works.
	c2, err := NewClient(WithBaseURL(srv.URL), WithAuthToken(testToken), WithPartition(testPartition), WithHTTPClient(srv.Client()))
	require.NoError(t, err)
	require.NoError(t, c2.do(context.Background(), &request{method: http.MethodGet, path: "/v2/x"}))
}

func TestRedirectsRefused(t *testing.T) {
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("the token followed a redirect to another host: %v", r.Header.Get("X-Auth-Token"))
	}))
	defer other.Close()
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		to := other.URL + r.URL.Path
		if strings.HasSuffix(r.URL.Path, "/same") {
			to = "/v2/x/same"
		}
		http.Redirect(w, r, to, http.StatusFound)
	}))
	defer srv.Close()
	c := newLoopbackClient(t, srv)
	err := c.do(context.Background(), &request{method: http.MethodGet, path: "/v2/x"})
	require.ErrorIs(t, err, ErrRedirect)
	assert.Equal(t, int64(1), n.Load(), "not retried")
	n.Store(0)
	err = c.do(context.Background(), &request{method: http.MethodGet, path: "/v2/x/same"})
	require.ErrorIs(t, err, ErrRedirect, "a same-host loop stops at 10")
	assert.Equal(t, int64(10), n.Load(), "as Go's own limit: the 11th request is not sent")
}

func TestBackoffFullJitterCapped(t *testing.T) {
	c, _ := newMockClient(t, WithRetryPolicy(RetryPolicy{MaxRetries: 10, BaseDelay: 100 * time.Millisecond, MaxDelay: time.Second}))
	for attempt := 1; attempt <= 10; attempt++ {
		ceiling := min(100*time.Millisecond<<(attempt-1), time.Second)
		for range 200 {
			d := backoff(&c.cfg.retry, attempt, 0)
			require.GreaterOrEqual(t, d, time.Duration(0))
			require.LessOrEqual(t, d, ceiling, "attempt %d", attempt)
		}
	}
	assert.Equal(t, time.Second, backoff(&c.cfg.retry, 1, time.Hour), "Retry-After capped")
	assert.Equal(t, 300*time.Millisecond, backoff(&c.cfg.retry, 1, 300*time.Millisecond))
	assert.LessOrEqual(t, backoff(&c.cfg.retry, 80, 0), time.Second, "no overflow on large attempts")
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for in, want := range map[string]time.Duration{
		"":         0,
		"0":        0,
		"-5":       0,
		"2":        2 * time.Second,
		"99999999": 24 * time.Hour,
		"soon":     0,
		now.Add(90 * time.Second).Format(http.TimeFormat): 90 * time.Second,
		now.Add(-time.Hour).Format(http.TimeFormat):       0,
	} {
		assert.Equal(t, want, parseRetryAfter(in, now), "%q", in)
	}
}

func TestRetryBudget(t *testing.T) {
	c, mt := newMockClient(t, WithRetryPolicy(RetryPolicy{MaxRetries: 2, BaseDelay: time.Millisecond, Budget: 3}))
	var fail atomic.Bool
	fail.Store(true)
	mt.RegisterResponder(http.MethodGet, testAccountURL("A1"), func(*http.Request) (*http.Response, error) {
		if fail.Load() {
			return httpmock.NewStringResponse(503, ""), nil
		}
		return httpmock.NewStringResponse(200, "{}"), nil
	})
	count := func() int { return mt.GetCallCountInfo()["GET "+testAccountURL("A1")] }
	_, _ = getAccount(context.Background(), c, "A1")
	assert.Equal(t, 3, count(), "2 retries spend 2 of 3")
	_, _ = getAccount(context.Background(), c, "A1")
	assert.Equal(t, 5, count(), "1 retry left")
	_, _ = getAccount(context.Background(), c, "A1")
	assert.Equal(t, 6, count(), "budget spent: no retry")
	fail.Store(false)
	_, err := getAccount(context.Background(), c, "A1")
	require.NoError(t, err)
	fail.Store(true)
	_, _ = getAccount(context.Background(), c, "A1")
	assert.Equal(t, 9, count(), "a success refills one retry")

	unlimited := newRetryBudget(-1)
	for range 100 {
		require.True(t, unlimited.take())
	}
}

// A POST whose attempt timed out (WithTimeout) while dialling was never
// written: it is a transport failure, retried like a refused dial, never
// ErrOutcomeUnknown.
func TestPOSTAttemptTimeoutInDialRetried(t *testing.T) {
	var dials atomic.Int64
	hang := hangingDial(t)
	tr := &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
		dials.Add(1)
		return hang(ctx)
	}}
	c, err := NewClient(WithBaseURL("http://127.0.0.1:1"), WithAuthToken(testToken), WithPartition(testPartition),
		WithHTTPClient(&http.Client{Transport: tr}), WithTimeout(50*time.Millisecond), fastRetries)
	require.NoError(t, err)
	for _, method := range []string{http.MethodPost, http.MethodPatch} {
		err = sendMethod(context.Background(), c, method)
		assert.NotErrorIs(t, err, ErrOutcomeUnknown, "%s: nothing was written", method)
		var te *TransportError
		require.ErrorAs(t, err, &te, method)
		assert.Equal(t, 3, te.Attempts, "%s: retried as a request that sent nothing", method)
	}
	assert.GreaterOrEqual(t, dials.Load(), int64(1))
}

// A POST whose attempt timed out waiting for a free connection under the
// WithMaxConns cap was never written either.
func TestPOSTAttemptTimeoutWaitingForConnRetried(t *testing.T) {
	holding := make(chan struct{})
	release := make(chan struct{})
	var posts atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/hold" {
			close(holding)
			<-release
			return
		}
		posts.Add(1)
		_, _ = io.WriteString(w, `{}`)
	}))
	defer srv.Close()
	c := newLoopbackClient(t, srv, WithMaxConns(1), WithTimeout(50*time.Millisecond))
	// The one connection is held by a request without a timeout, sent
	// through the client's own transport.
	hc := c.HTTPClient()
	hc.Timeout = 0
	held := make(chan error, 1)
	go func() {
		resp, err := hc.Get(srv.URL + "/hold")
		if err == nil {
			drainClose(resp.Body)
		}
		held <- err
	}()
	within(t, holding, "the connection held")
	err := sendMethod(context.Background(), c, http.MethodPost)
	close(release)
	require.NoError(t, within(t, held, "the held request's end"))
	assert.NotErrorIs(t, err, ErrOutcomeUnknown, "never written")
	var te *TransportError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, 3, te.Attempts, "retried as a request that sent nothing")
	assert.Zero(t, posts.Load())
}

// A retry whose backoff would end after the caller's deadline is not
// started, and the call returns the last attempt's error while the
// context is still live: not context.DeadlineExceeded, which would hide a
// reset behind a deadline that never fired.
func TestNoBackoffPastDeadlineKeepsTransportError(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		reset := errors.New("connection reset by peer")
		c, mt := newMockClient(t, WithRetryPolicy(RetryPolicy{MaxRetries: 10, BaseDelay: 5 * time.Second, MaxDelay: 5 * time.Second, Budget: -1}))
		_, err := c.Login(context.Background())
		require.NoError(t, err)
		mt.RegisterResponder(http.MethodGet, testAccountURL("A1"), httpmock.NewErrorResponder(reset))
		ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
		defer cancel()
		_, err = getAccount(ctx, c, "A1")
		require.NoError(t, ctx.Err(), "returned before the deadline fired")
		assert.NotErrorIs(t, err, context.DeadlineExceeded, "the deadline did not fire")
		assert.ErrorIs(t, err, reset, "the last attempt's error")
		var te *TransportError
		require.ErrorAs(t, err, &te)
		assert.Equal(t, mt.GetCallCountInfo()["GET "+testAccountURL("A1")], te.Attempts)
	})
}

// A retry that is never sent (its wait refused by the deadline, or the
// context ended during it) gives its budget token back.
func TestRetryBudgetRefundedWhenRetryNotSent(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, mt := newMockClient(t, WithRetryPolicy(RetryPolicy{MaxRetries: 2, BaseDelay: time.Millisecond, MaxDelay: 5 * time.Second, Budget: 3}))
		r := httpmock.NewStringResponse(503, `{"messages":["busy"]}`)
		r.Header.Set("Retry-After", "2")
		mt.RegisterResponder(http.MethodGet, testAccountURL("A1"), httpmock.ResponderFromResponse(r))
		count := func() int { return mt.GetCallCountInfo()["GET "+testAccountURL("A1")] }
		for range 3 {
			ctx, cancel := context.WithTimeout(context.Background(), time.Second)
			_, err := getAccount(ctx, c, "A1")
			cancel()
			require.ErrorIs(t, err, ErrServer)
		}
		assert.Equal(t, 3, count(), "no retry fits in 1 s")
		assert.Equal(t, int64(3), c.budget.tokens.Load(), "refused waits spend nothing")

		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() {
			_, err := getAccount(ctx, c, "A1")
			done <- err
		}()
		synctest.Wait() // the call waits out its 2 s backoff
		cancel()
		require.ErrorIs(t, <-done, context.Canceled)
		assert.Equal(t, int64(3), c.budget.tokens.Load(), "a wait the context ended spends nothing")

		_, err := getAccount(context.Background(), c, "A1")
		require.ErrorIs(t, err, ErrServer)
		assert.Equal(t, 4+3, count(), "the budget is whole: 2 retries")
		assert.Equal(t, int64(1), c.budget.tokens.Load())
	})
}
