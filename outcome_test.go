package alianza

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// hangAfterRead reads the request, tells got, then answers nothing until
// the client goes away.
func hangAfterRead(n *atomic.Int64, got chan<- struct{}) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.ReadAll(r.Body)
		n.Add(1)
		if got != nil {
			got <- struct{}{}
		}
		<-r.Context().Done()
	}
}

func TestWrittenPOSTContextEndsOutcomeUnknown(t *testing.T) {
	for _, method := range []string{http.MethodPost, http.MethodPatch} {
		t.Run(method+" deadline", func(t *testing.T) {
			var n atomic.Int64
			got := make(chan struct{}, 1)
			srv := httptest.NewServer(hangAfterRead(&n, got))
			defer srv.Close()
			c := newLoopbackClient(t, srv)
			// The deadline passes once the server holds the request, however
			// long the request took to get there.
			ctx := newSignalDeadline()
			go func() { <-got; ctx.expire() }()
			err := sendMethod(ctx, c, method)
			var oe *OutcomeUnknownError
			require.ErrorAs(t, err, &oe)
			assert.ErrorIs(t, err, ErrOutcomeUnknown)
			assert.ErrorIs(t, err, context.DeadlineExceeded, "still the caller's deadline")
			assert.Equal(t, method, oe.Method)
			assert.Equal(t, int64(1), n.Load(), "sent once, never again")
		})
		t.Run(method+" cancel", func(t *testing.T) {
			var n atomic.Int64
			got := make(chan struct{}, 1)
			srv := httptest.NewServer(hangAfterRead(&n, got))
			defer srv.Close()
			c := newLoopbackClient(t, srv)
			ctx, cancel := context.WithCancel(context.Background())
			go func() { <-got; cancel() }()
			err := sendMethod(ctx, c, method)
			require.ErrorIs(t, err, ErrOutcomeUnknown)
			assert.ErrorIs(t, err, context.Canceled)
			assert.Equal(t, int64(1), n.Load())
		})
	}
}

// signalDeadline is a context whose deadline passes when expire is called,
// not at a time: Err is context.DeadlineExceeded from then on. It has no
// Deadline, so no backoff is refused early on its account.
type signalDeadline struct {
	context.Context
	done chan struct{}
	once sync.Once
}

func newSignalDeadline() *signalDeadline {
	return &signalDeadline{Context: context.Background(), done: make(chan struct{})}
}

func (d *signalDeadline) expire()               { d.once.Do(func() { close(d.done) }) }
func (d *signalDeadline) Done() <-chan struct{} { return d.done }
func (d *signalDeadline) Err() error {
	select {
	case <-d.done:
		return context.DeadlineExceeded
	default:
		return nil
	}
}

// A context that ends while the connection is being dialled, before a byte
// is written, leaves a plain context error: the platform cannot have
// acted. The dial blocks, and the context is cancelled only once the
// transport is seen dialling.
func TestPOSTContextEndsBeforeWritePlain(t *testing.T) {
	dialing := make(chan struct{}, 1)
	hang := hangingDial(t)
	tr := &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
		select {
		case dialing <- struct{}{}:
		default:
		}
		return hang(ctx)
	}}
	c, err := NewClient(WithBaseURL("http://127.0.0.1:1"), WithAuthToken(testToken), WithPartition(testPartition),
		WithHTTPClient(&http.Client{Transport: tr}), fastRetries)
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	go func() { <-dialing; cancel() }()
	err = sendMethod(ctx, c, http.MethodPost)
	require.ErrorIs(t, err, context.Canceled)
	assert.NotErrorIs(t, err, ErrOutcomeUnknown)
}

// A context that has ended before the call is refused at once, before any
// request is built.
func TestPOSTContextEndedBeforeCallPlain(t *testing.T) {
	c, mt := newMockClient(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := sendMethod(ctx, c, http.MethodPost)
	require.ErrorIs(t, err, context.Canceled)
	assert.NotErrorIs(t, err, ErrOutcomeUnknown, "ended before the call")
	assert.Zero(t, mt.GetTotalCallCount())
}

// A transport that reports no trace events (httpmock here) may have sent a
// POST whose context then ended: the outcome is unknown, not "never sent".
func TestPOSTContextEndsInUntracedTransportOutcomeUnknown(t *testing.T) {
	c, mt := newMockClient(t, WithoutRetries())
	holding := make(chan struct{})
	var posts atomic.Int64
	mt.RegisterResponder(http.MethodPost, testBaseURL+"/v2/partition/"+testPartition+"/account/A1",
		func(r *http.Request) (*http.Response, error) {
			posts.Add(1)
			close(holding)
			<-r.Context().Done()
			return nil, r.Context().Err()
		})
	ctx, cancel := context.WithCancel(context.Background())
	go func() { <-holding; cancel() }()
	err := sendMethod(ctx, c, http.MethodPost)
	require.ErrorIs(t, err, ErrOutcomeUnknown)
	assert.ErrorIs(t, err, context.Canceled)
	assert.Equal(t, int64(1), posts.Load())
}

// dropFirst drops the connection of the first request after reading it
// (the platform acted, the answer was lost) and answers the rest with
// status.
func dropFirst(n *atomic.Int64, status int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.ReadAll(r.Body)
		if n.Add(1) == 1 {
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				_ = conn.(*net.TCPConn).SetLinger(0)
				_ = conn.Close()
			}
			return
		}
		writeJSON(w, status, `{"status":404,"messages":["Account not found"]}`)
	}
}

func TestDeleteRetryNotFoundAfterLostAnswer(t *testing.T) {
	var n atomic.Int64
	srv := httptest.NewServer(dropFirst(&n, http.StatusNotFound))
	defer srv.Close()
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c := newLoopbackClient(t, srv, WithLogger(logger))

	err := sendMethod(context.Background(), c, http.MethodDelete)
	require.NoError(t, err, "the attempt whose answer was lost deleted it")
	assert.Equal(t, int64(2), n.Load())
	assert.Contains(t, logs.String(), "earlier attempt deleted it")

	// A PUT leaves its resource in place, so a 404 on its retry is not its
	// own doing: it stays an error.
	n.Store(0)
	err = sendMethod(context.Background(), c, http.MethodPut)
	require.ErrorIs(t, err, ErrNotFound)
	assert.Equal(t, int64(2), n.Load())
}

// A 404 on a DELETE's first attempt, or on the retry after an answer (a
// 503 says the platform did not act), is the platform's own: ErrNotFound.
func TestDeleteNotFoundIsNotAlreadyDone(t *testing.T) {
	for _, tc := range []struct {
		name     string
		before   []int // statuses answered before the 404
		attempts int64
	}{
		{name: "first attempt", attempts: 1},
		{name: "after a server error", before: []int{http.StatusServiceUnavailable}, attempts: 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var n atomic.Int64
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if i := n.Add(1); int(i) <= len(tc.before) {
					writeJSON(w, tc.before[i-1], `{"messages":["busy"]}`)
					return
				}
				writeJSON(w, http.StatusNotFound, `{"status":404,"messages":["Account not found"]}`)
			}))
			defer srv.Close()
			c := newLoopbackClient(t, srv)
			err := sendMethod(context.Background(), c, http.MethodDelete)
			require.ErrorIs(t, err, ErrNotFound)
			assert.Equal(t, tc.attempts, n.Load())
		})
	}
}

// net/http follows a 301, 302 or 303 with a GET, which would report a PUT
// or DELETE as done after reading the new location; a 307 or 308 resends
// the write elsewhere. Only GET and HEAD follow redirects: to any other
// method a 3xx is the answer, never ErrOutcomeUnknown.
func TestWriteRedirectIsAnAnswer(t *testing.T) {
	for _, method := range []string{http.MethodPost, http.MethodPatch, http.MethodPut, http.MethodDelete} {
		for _, code := range []int{http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther, http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
			var writes, others atomic.Int64
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == "/elsewhere" {
					others.Add(1)
					writeJSON(w, http.StatusOK, `{}`)
					return
				}
				writes.Add(1)
				http.Redirect(w, r, "/elsewhere", code)
			}))
			c := newLoopbackClient(t, srv)
			err := sendMethod(context.Background(), c, method)
			srv.Close()
			require.ErrorIs(t, err, ErrRedirect, "%s %d", method, code)
			assert.NotErrorIs(t, err, ErrOutcomeUnknown, "%s %d: the platform answered", method, code)
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, code, apiErr.StatusCode)
			assert.Equal(t, int64(1), writes.Load(), "%s %d: an answer, not retried", method, code)
			assert.Zero(t, others.Load(), "%s %d: not followed", method, code)
		}
	}
}

// Logout is a PUT: a redirect is its answer, and the token stays.
func TestLogoutRedirectNotFollowed(t *testing.T) {
	var others atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/elsewhere" {
			others.Add(1)
			writeJSON(w, http.StatusOK, `{}`)
			return
		}
		http.Redirect(w, r, "/elsewhere", http.StatusFound)
	}))
	defer srv.Close()
	c := newLoopbackClient(t, srv)
	err := c.Logout(context.Background())
	require.ErrorIs(t, err, ErrRedirect)
	assert.Zero(t, others.Load(), "not followed")
}

// A GET still follows a redirect on the same host.
func TestGETFollowsSameHostRedirect(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/elsewhere" {
			writeJSON(w, http.StatusOK, `{"id":"A1"}`)
			return
		}
		http.Redirect(w, r, "/elsewhere", http.StatusFound)
	}))
	defer srv.Close()
	c := newLoopbackClient(t, srv)
	out, err := getAccount(context.Background(), c, "A1")
	require.NoError(t, err)
	assert.Equal(t, "A1", out["id"])
}

// A 502 or 504 to a POST or PATCH comes from a gateway that lost the
// platform's answer: the platform may have acted. The error matches
// ErrOutcomeUnknown as well as ErrServer, and is never resent. A 500 or
// 503 is the platform's own refusal.
func TestGatewayErrorToWriteOutcomeUnknown(t *testing.T) {
	for _, method := range []string{http.MethodPost, http.MethodPatch, http.MethodPut, http.MethodDelete, http.MethodGet} {
		for _, status := range []int{500, 502, 503, 504} {
			t.Run(fmt.Sprintf("%s %d", method, status), func(t *testing.T) {
				c, mt := newMockClient(t, fastRetries)
				mt.RegisterResponder(method, testAccountURL("A1"), httpmock.NewStringResponder(status, `<html>Bad gateway</html>`))
				err := sendMethod(context.Background(), c, method)
				var apiErr *APIError
				require.ErrorAs(t, err, &apiErr)
				assert.Equal(t, status, apiErr.StatusCode)
				assert.ErrorIs(t, err, ErrServer)
				write := method == http.MethodPost || method == http.MethodPatch
				gateway := status == 502 || status == 504
				assert.Equal(t, write && gateway, errors.Is(err, ErrOutcomeUnknown))
				if write {
					assert.Equal(t, 1, mt.GetCallCountInfo()[method+" "+testAccountURL("A1")], "never resent")
				}
			})
		}
	}
}

// The login changes nothing on the platform: a 502 to it is no unknown
// outcome.
func TestGatewayErrorToLoginNotOutcomeUnknown(t *testing.T) {
	c, mt := newMockClient(t, fastRetries)
	mt.RegisterResponder(http.MethodPost, testBaseURL+"/v2/authorize", httpmock.NewStringResponder(502, `bad gateway`))
	_, err := c.Login(context.Background())
	require.ErrorIs(t, err, ErrServer)
	assert.NotErrorIs(t, err, ErrOutcomeUnknown)
}

// A DELETE whose 2xx body is cut off lost its answer like a reset: the
// retry's 404 means the lost attempt deleted it.
func TestDeleteCutBodyThenNotFound(t *testing.T) {
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("Content-Length", "100")
			w.WriteHeader(http.StatusOK)
			_, _ = io.WriteString(w, `{"id":"A1"`)
			w.(http.Flusher).Flush()
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				_ = conn.Close()
			}
			return
		}
		writeJSON(w, http.StatusNotFound, `{"status":404,"messages":["Account not found"]}`)
	}))
	defer srv.Close()
	c := newLoopbackClient(t, srv)
	var out map[string]any
	err := c.do(context.Background(), &request{method: http.MethodDelete, path: testAccountPath, args: []string{"A1"}, out: &out})
	require.NoError(t, err, "the attempt whose answer was cut off deleted it")
	assert.Equal(t, int64(2), n.Load())
}

// A DELETE whose first attempt timed out before it was written (a hanging
// dial) lost no answer: a 404 on its retry is the platform's own, so it
// stays ErrNotFound.
func TestDeleteUnsentAttemptThenNotFound(t *testing.T) {
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		writeJSON(w, http.StatusNotFound, `{"status":404,"messages":["Account not found"]}`)
	}))
	defer srv.Close()
	var dials atomic.Int64
	hang := hangingDial(t)
	tr := &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		if dials.Add(1) == 1 {
			return hang(ctx) // past the attempt's timeout
		}
		var d net.Dialer
		return d.DialContext(ctx, network, addr)
	}}
	t.Cleanup(tr.CloseIdleConnections)
	c := newLoopbackClient(t, srv, WithHTTPClient(&http.Client{Transport: tr}), WithTimeout(500*time.Millisecond))
	err := sendMethod(context.Background(), c, http.MethodDelete)
	require.ErrorIs(t, err, ErrNotFound, "the first attempt sent nothing")
	assert.GreaterOrEqual(t, n.Load(), int64(1))
}

// hangingDial returns a dial that blocks until its context ends and fails
// with the context's error. net/http goes on dialling after a request is
// cancelled or its attempt times out: a dial still blocked then ends with
// the test, as a refused connection.
func hangingDial(t *testing.T) func(ctx context.Context) (net.Conn, error) {
	stop := make(chan struct{})
	t.Cleanup(func() { close(stop) })
	return func(ctx context.Context) (net.Conn, error) {
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-stop:
			return nil, errors.New("connection refused")
		}
	}
}
