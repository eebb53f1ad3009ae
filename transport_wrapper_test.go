package alianza

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// roundTripFunc is an http.RoundTripper that has no CloseIdleConnections.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// visitLog records which wrapper saw which request, in order.
type visitLog struct {
	mu     sync.Mutex
	visits []string
}

func (l *visitLog) add(s string) { l.mu.Lock(); defer l.mu.Unlock(); l.visits = append(l.visits, s) }

func (l *visitLog) all() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.visits...)
}

// tagging returns a wrapper that logs name and the request's path before
// passing the request on, and counts how often it was itself called.
func tagging(log *visitLog, name string, built *atomic.Int32) func(http.RoundTripper) http.RoundTripper {
	return func(next http.RoundTripper) http.RoundTripper {
		built.Add(1)
		return roundTripFunc(func(r *http.Request) (*http.Response, error) {
			log.add(name + " " + r.Method + " " + r.URL.Path)
			return next.RoundTrip(r)
		})
	}
}

// Several wrappers: each wraps the ones before it, so the last one given
// sees the request first. Each is called once, at NewClient, and the login
// goes through them as the calls do.
func TestWithTransportWrapperOrderAndLogin(t *testing.T) {
	log := &visitLog{}
	var built atomic.Int32
	c, mt := newMockClient(t,
		WithTransportWrapper(tagging(log, "first", &built)),
		WithTransportWrapper(tagging(log, "second", &built)),
		WithTransportWrapper(tagging(log, "third", &built)))
	assert.Equal(t, int32(3), built.Load(), "each wrapper is called once, by NewClient")
	mt.RegisterResponder(http.MethodGet, testAccountURL("A1"), httpmock.NewStringResponder(200, `{"id":"A1"}`))
	mt.RegisterResponder(http.MethodGet, testAccountURL("A2"), httpmock.NewStringResponder(200, `{"id":"A2"}`))

	_, err := getAccount(context.Background(), c, "A1")
	require.NoError(t, err)
	_, err = getAccount(context.Background(), c, "A2")
	require.NoError(t, err)

	assert.Equal(t, int32(3), built.Load(), "no wrapper is called again per request")
	const login, a1, a2 = "POST /prefix/v2/authorize", "GET /prefix/v2/partition/PART1/account/A1", "GET /prefix/v2/partition/PART1/account/A2"
	assert.Equal(t, []string{
		"third " + login, "second " + login, "first " + login,
		"third " + a1, "second " + a1, "first " + a1,
		"third " + a2, "second " + a2, "first " + a2,
	}, log.all())
	assert.Equal(t, 1, loginCalls(mt))
}

func TestWithTransportWrapperNil(t *testing.T) {
	_, err := NewClient(WithAuthToken(testToken), WithTransportWrapper(nil))
	var fe *FieldError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, "transportWrapper", fe.Field)
	assert.ErrorIs(t, err, ErrValidation)

	var built atomic.Int32
	keep := tagging(&visitLog{}, "keep", &built)
	drop := func(http.RoundTripper) http.RoundTripper { return nil }
	c, err := NewClient(WithAuthToken(testToken), WithTransportWrapper(keep), WithTransportWrapper(drop))
	require.ErrorAs(t, err, &fe)
	assert.Nil(t, c)
	assert.Equal(t, "transportWrapper", fe.Field)
	assert.Contains(t, err.Error(), "wrapper 2 of 2 returned a nil http.RoundTripper")
}

// WithHTTPClient's client stays the caller's: the wrapper is given its
// transport and wraps the SDK's copy.
func TestWithTransportWrapperLeavesCallersClient(t *testing.T) {
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder(http.MethodGet, testAccountURL("A1"), httpmock.NewStringResponder(200, `{"id":"A1"}`))
	mine := &http.Client{Transport: mt}
	before := *mine
	var next http.RoundTripper
	var sent atomic.Int32
	wrap := func(rt http.RoundTripper) http.RoundTripper {
		next = rt
		return roundTripFunc(func(r *http.Request) (*http.Response, error) { sent.Add(1); return rt.RoundTrip(r) })
	}
	c, err := NewClient(WithBaseURL(testBaseURL), WithAuthToken(testToken), WithPartition(testPartition),
		WithHTTPClient(mine), WithTransportWrapper(wrap))
	require.NoError(t, err)

	assert.Same(t, mt, next, "the wrapper wraps the caller's transport")
	assert.Same(t, mt, mine.Transport, "the caller's client keeps its transport")
	assert.Equal(t, before.Timeout, mine.Timeout)
	assert.Nil(t, mine.CheckRedirect)
	_, isMock := c.HTTPClient().Transport.(*httpmock.MockTransport)
	assert.False(t, isMock, "the client's copy sends through the wrapper")
	_, err = getAccount(context.Background(), c, "A1")
	require.NoError(t, err)
	assert.Equal(t, int32(1), sent.Load())
	assert.Equal(t, 1, mt.GetTotalCallCount())
}

// closeCounter is a transport that counts CloseIdleConnections.
type closeCounter struct {
	http.RoundTripper
	closed atomic.Int32
}

func (c *closeCounter) CloseIdleConnections() { c.closed.Add(1) }

// A wrapper that has no CloseIdleConnections does not cut the client's
// CloseIdleConnections off from the transport under it.
func TestWithTransportWrapperCloseIdleConnections(t *testing.T) {
	base := &closeCounter{RoundTripper: httpmock.NewMockTransport()}
	opaque := func(rt http.RoundTripper) http.RoundTripper { return roundTripFunc(rt.RoundTrip) }
	c, err := NewClient(WithAuthToken(testToken), WithHTTPClient(&http.Client{Transport: base}), WithTransportWrapper(opaque))
	require.NoError(t, err)
	c.CloseIdleConnections()
	assert.Equal(t, int32(1), base.closed.Load())
}

// WithMaxConns sizes the transport the client builds; the wrapper is given
// that transport and real requests go through both.
func TestWithTransportWrapperAndMaxConns(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, `{"id":"A1"}`)
	}))
	defer srv.Close()
	var next http.RoundTripper
	var sent atomic.Int32
	wrap := func(rt http.RoundTripper) http.RoundTripper {
		next = rt
		return roundTripFunc(func(r *http.Request) (*http.Response, error) { sent.Add(1); return rt.RoundTrip(r) })
	}
	c := newLoopbackClient(t, srv, WithMaxConns(3), WithTransportWrapper(wrap))

	tr, ok := next.(*http.Transport)
	require.True(t, ok, "the wrapper is given the client's own transport, %T", next)
	assert.Equal(t, 3, tr.MaxConnsPerHost)
	assert.Equal(t, 3, tr.MaxIdleConnsPerHost)
	assert.NotSame(t, http.DefaultTransport, tr, "a tuned clone, not the global")
	out, err := getAccount(context.Background(), c, "A1")
	require.NoError(t, err)
	assert.Equal(t, "A1", out["id"])
	assert.Equal(t, int32(1), sent.Load())
}

// Under httpmock.Activate the client's own transport is the global mock,
// and a wrapper wraps it: requests reach the mock through the wrapper,
// WithMaxConns or not. A caller's client with a nil Transport reads
// http.DefaultTransport at each request, as net/http does, so activating
// the mock after NewClient still reaches it. Not parallel:
// http.DefaultTransport is global.
func TestWithTransportWrapperUnderActivatedHTTPMock(t *testing.T) {
	withNilTransport, err := NewClient(WithBaseURL(testBaseURL), WithAuthToken(testToken), WithPartition(testPartition),
		WithHTTPClient(&http.Client{}), WithTransportWrapper(func(rt http.RoundTripper) http.RoundTripper { return rt }))
	require.NoError(t, err)

	httpmock.Activate()
	defer httpmock.DeactivateAndReset()
	httpmock.RegisterResponder(http.MethodGet, testAccountURL("A1"), httpmock.NewStringResponder(200, `{"id":"A1"}`))

	for name, opts := range map[string][]Option{"default": nil, "maxConns": {WithMaxConns(3)}} {
		t.Run(name, func(t *testing.T) {
			httpmock.ZeroCallCounters()
			var next http.RoundTripper
			var sent atomic.Int32
			wrap := func(rt http.RoundTripper) http.RoundTripper {
				next = rt
				return roundTripFunc(func(r *http.Request) (*http.Response, error) { sent.Add(1); return rt.RoundTrip(r) })
			}
			base := []Option{WithBaseURL(testBaseURL), WithAuthToken(testToken), WithPartition(testPartition), WithTransportWrapper(wrap)}
			c, err := NewClient(append(base, opts...)...)
			require.NoError(t, err)
			assert.Same(t, http.DefaultTransport, next, "the mock, as it is")
			out, err := getAccount(context.Background(), c, "A1")
			require.NoError(t, err)
			assert.Equal(t, "A1", out["id"])
			assert.Equal(t, int32(1), sent.Load())
			assert.Equal(t, 1, httpmock.GetTotalCallCount())
		})
	}

	httpmock.ZeroCallCounters()
	out, err := getAccount(context.Background(), withNilTransport, "A1")
	require.NoError(t, err, "built before Activate, sends through the mock")
	assert.Equal(t, "A1", out["id"])
	assert.Equal(t, 1, httpmock.GetTotalCallCount())
}
