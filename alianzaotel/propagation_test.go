package alianzaotel_test

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/otel/baggage"
	"go.opentelemetry.io/otel/propagation"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"
	"go.opentelemetry.io/otel/trace/noop"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzaotel"
)

// headerLog keeps the headers of each request a responder received.
type headerLog struct {
	mu      sync.Mutex
	headers []http.Header
}

func (l *headerLog) add(r *http.Request) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.headers = append(l.headers, r.Header.Clone())
}

func (l *headerLog) all() []http.Header {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]http.Header(nil), l.headers...)
}

// propagatingClient is a client whose transport is wrapped by h.Transport
// over an httpmock transport. The login's headers go to logins, the
// account read's to reads; the read fails with a 503 on its first
// attempt when retryOnce is set.
func propagatingClient(t *testing.T, h *alianzaotel.Hook, retryOnce bool) (c *alianza.Client, logins, reads *headerLog) {
	t.Helper()
	logins, reads = &headerLog{}, &headerLog{}
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder(http.MethodPost, baseURL+"/v2/authorize", func(r *http.Request) (*http.Response, error) {
		logins.add(r)
		return httpmock.NewStringResponse(200, `{"authToken":"`+token+`","partitionId":"P1","username":"`+username+`"}`), nil
	})
	var mu sync.Mutex
	n := 0
	mt.RegisterResponder(http.MethodGet, baseURL+"/v2/partition/P1/account/"+accountID, func(r *http.Request) (*http.Response, error) {
		reads.add(r)
		mu.Lock()
		defer mu.Unlock()
		if n++; n == 1 && retryOnce {
			return httpmock.NewStringResponse(503, `{"status":503}`), nil
		}
		return httpmock.NewStringResponse(200, `{"id":"`+accountID+`"}`), nil
	})
	c, err := alianza.NewClient(alianza.WithBaseURL(baseURL), alianza.WithCredentials(username, password),
		alianza.WithHTTPClient(&http.Client{Transport: mt}), alianza.WithHook(h), alianza.WithTransportWrapper(h.Transport),
		alianza.WithRetryPolicy(alianza.RetryPolicy{MaxRetries: 2, BaseDelay: time.Millisecond, MaxDelay: 2 * time.Millisecond}))
	require.NoError(t, err)
	return c, logins, reads
}

// sent is the span context a request's headers carry.
func sent(h http.Header) trace.SpanContext {
	ctx := propagation.TraceContext{}.Extract(context.Background(), propagation.HeaderCarrier(h))
	return trace.SpanContextFromContext(ctx)
}

// Each attempt's request names its attempt's span; the login's names the
// call that needed it. Only traceparent is added to the SDK's headers.
func TestTraceparentNamesAttemptSpan(t *testing.T) {
	spans := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(spans))
	h, err := alianzaotel.NewHook(alianzaotel.WithTracerProvider(tp), alianzaotel.WithPropagator(propagation.TraceContext{}))
	require.NoError(t, err)
	c, logins, reads := propagatingClient(t, h, true)

	_, err = c.Accounts.Get(context.Background(), accountID)
	require.NoError(t, err)

	var call sdktrace.ReadOnlySpan
	var attempts []sdktrace.ReadOnlySpan
	for _, s := range spans.Ended() {
		switch {
		case s.Name() == "POST /v2/authorize":
		case !s.Parent().IsValid():
			call = s
		default:
			attempts = append(attempts, s)
		}
	}
	require.NotNil(t, call)
	require.Len(t, attempts, 2, "a failed attempt and its retry")

	got := reads.all()
	require.Len(t, got, 2)
	for i, hdr := range got {
		sc := sent(hdr)
		require.True(t, sc.IsValid(), "attempt %d carries a traceparent: %v", i+1, hdr)
		assert.Equal(t, attempts[i].SpanContext().SpanID(), sc.SpanID(), "attempt %d names its own span", i+1)
		assert.Equal(t, call.SpanContext().TraceID(), sc.TraceID())
		assert.True(t, sc.IsSampled())
		assert.Equal(t, token, hdr.Get("X-Auth-Token"), "the SDK's headers are kept")
		assert.ElementsMatch(t, []string{"Accept", "User-Agent", "X-Auth-Token", "Traceparent"}, keys(hdr),
			"no tracestate (none in the context) and no baggage")
	}
	assert.NotEqual(t, got[0].Get("Traceparent"), got[1].Get("Traceparent"), "a retry is a new span")

	login := logins.all()
	require.Len(t, login, 1)
	assert.Equal(t, call.SpanContext().SpanID(), sent(login[0]).SpanID(), "the login names the call that needed it")
	assert.NotContains(t, login[0].Get("Traceparent"), password)
}

func keys(h http.Header) []string {
	var out []string
	for k := range h {
		out = append(out, k)
	}
	return out
}

// What an unsampled call sends: the decision not to sample goes
// downstream with the caller's trace id and tracestate, so services there
// drop their part too. With a no-op tracer provider the caller's own span
// context goes as it is; with no trace at all, nothing is added.
func TestUnsampledCallPropagatesParent(t *testing.T) {
	callerTrace := trace.TraceID{0x4b, 0xf9, 0x2f, 0x35, 0x77, 0xb3, 0x4d, 0xa6, 0xa3, 0xce, 0x92, 0x9d, 0x0e, 0x0e, 0x47, 0x36}
	callerSpan := trace.SpanID{0x00, 0xf0, 0x67, 0xaa, 0x0b, 0xa9, 0x02, 0xb7}
	state, err := trace.ParseTraceState("vendor=abc")
	require.NoError(t, err)
	parent := func(flags trace.TraceFlags) context.Context {
		return trace.ContextWithRemoteSpanContext(context.Background(), trace.NewSpanContext(trace.SpanContextConfig{
			TraceID: callerTrace, SpanID: callerSpan, TraceFlags: flags, TraceState: state, Remote: true,
		}))
	}

	t.Run("parent not sampled", func(t *testing.T) {
		spans := tracetest.NewSpanRecorder()
		tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(spans)) // parent-based: follows the caller
		h, err := alianzaotel.NewHook(alianzaotel.WithTracerProvider(tp), alianzaotel.WithPropagator(propagation.TraceContext{}))
		require.NoError(t, err)
		c, _, reads := propagatingClient(t, h, true)
		_, err = c.Accounts.Get(parent(0), accountID)
		require.NoError(t, err)

		assert.Empty(t, spans.Ended(), "nothing sampled")
		got := reads.all()
		require.Len(t, got, 2)
		for _, hdr := range got {
			sc := sent(hdr)
			require.True(t, sc.IsValid(), "%v", hdr)
			assert.Equal(t, callerTrace, sc.TraceID(), "the caller's trace")
			assert.False(t, sc.IsSampled(), "the decision not to sample goes on")
			assert.NotEqual(t, callerSpan, sc.SpanID(), "the call's own (unrecorded) span")
			assert.Equal(t, "vendor=abc", hdr.Get("Tracestate"), "the caller's tracestate goes on")
		}
		assert.Equal(t, got[0].Get("Traceparent"), got[1].Get("Traceparent"), "no attempt spans: both name the call")
	})

	t.Run("no-op tracer provider", func(t *testing.T) {
		h, err := alianzaotel.NewHook(alianzaotel.WithTracerProvider(noop.NewTracerProvider()),
			alianzaotel.WithPropagator(propagation.TraceContext{}))
		require.NoError(t, err)
		c, logins, reads := propagatingClient(t, h, false)
		_, err = c.Accounts.Get(parent(trace.FlagsSampled), accountID)
		require.NoError(t, err)
		for _, hdr := range append(reads.all(), logins.all()...) {
			sc := sent(hdr)
			assert.Equal(t, callerTrace, sc.TraceID())
			assert.Equal(t, callerSpan, sc.SpanID(), "the caller's span as it is")
			assert.True(t, sc.IsSampled())
			assert.Equal(t, "vendor=abc", hdr.Get("Tracestate"))
		}
	})

	t.Run("no trace", func(t *testing.T) {
		h, err := alianzaotel.NewHook(alianzaotel.WithTracerProvider(noop.NewTracerProvider()),
			alianzaotel.WithPropagator(propagation.TraceContext{}))
		require.NoError(t, err)
		c, logins, reads := propagatingClient(t, h, false)
		_, err = c.Accounts.Get(context.Background(), accountID)
		require.NoError(t, err)
		for _, hdr := range append(reads.all(), logins.all()...) {
			assert.Empty(t, hdr.Get("Traceparent"))
			assert.Empty(t, hdr.Get("Tracestate"))
		}
	})
}

// capturing is a transport that keeps the requests it is given.
type capturing struct {
	mu   sync.Mutex
	reqs []*http.Request
}

func (c *capturing) RoundTrip(r *http.Request) (*http.Response, error) {
	c.mu.Lock()
	c.reqs = append(c.reqs, r)
	c.mu.Unlock()
	resp := httpmock.NewStringResponse(200, `{}`)
	resp.Request = r
	return resp, nil
}

func spanContext(t *testing.T, i byte) context.Context {
	t.Helper()
	return trace.ContextWithSpanContext(context.Background(), trace.NewSpanContext(trace.SpanContextConfig{
		TraceID: trace.TraceID{1, i}, SpanID: trace.SpanID{2, i}, TraceFlags: trace.FlagsSampled,
	}))
}

// The transport clones the request before adding headers and keeps its
// context; with nothing to inject it passes the request on as it is.
// Concurrent requests each carry their own context's trace.
func TestTransportClonesRequest(t *testing.T) {
	h, err := alianzaotel.NewHook(alianzaotel.WithTracerProvider(noop.NewTracerProvider()),
		alianzaotel.WithPropagator(propagation.TraceContext{}))
	require.NoError(t, err)
	next := &capturing{}
	rt := h.Transport(next)

	ctx := spanContext(t, 7)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, baseURL+"/v2/authorize/userinfo", nil)
	require.NoError(t, err)
	req.Header.Set("X-Auth-Token", token)
	resp, err := rt.RoundTrip(req)
	require.NoError(t, err)
	_ = resp.Body.Close()
	require.Len(t, next.reqs, 1)
	out := next.reqs[0]
	assert.NotSame(t, req, out, "cloned")
	assert.Empty(t, req.Header.Get("Traceparent"), "the caller's request is not modified")
	assert.Equal(t, []string{"X-Auth-Token"}, keys(req.Header))
	assert.Equal(t, "00-01070000000000000000000000000000-0207000000000000-01", out.Header.Get("Traceparent"))
	assert.Equal(t, token, out.Header.Get("X-Auth-Token"))
	assert.Same(t, ctx, out.Context(), "the context goes on")

	bare, err := http.NewRequestWithContext(context.Background(), http.MethodGet, baseURL+"/v2/authorize/userinfo", nil)
	require.NoError(t, err)
	resp, err = rt.RoundTrip(bare)
	require.NoError(t, err)
	_ = resp.Body.Close()
	require.Len(t, next.reqs, 2)
	assert.Same(t, bare, next.reqs[1], "nothing to inject: not cloned")

	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, err := http.NewRequestWithContext(spanContext(t, byte(10+i)), http.MethodGet, baseURL+"/x", nil)
			if !assert.NoError(t, err) {
				return
			}
			resp, err := rt.RoundTrip(r)
			if assert.NoError(t, err) {
				_ = resp.Body.Close()
				assert.Equal(t, trace.SpanID{2, byte(10 + i)}, sent(resp.Request.Header).SpanID())
			}
		}()
	}
	wg.Wait()
}

// Baggage reaches Alianza only when the propagator includes it, and then
// only what the caller put there.
func TestBaggageOnlyWithBaggagePropagator(t *testing.T) {
	member, err := baggage.NewMember("tenant", "acme")
	require.NoError(t, err)
	bag, err := baggage.New(member)
	require.NoError(t, err)
	ctx := baggage.ContextWithBaggage(spanContext(t, 3), bag)

	for name, tc := range map[string]struct {
		prop propagation.TextMapPropagator
		want string
	}{
		"trace context only":    {propagation.TraceContext{}, ""},
		"trace context+baggage": {propagation.NewCompositeTextMapPropagator(propagation.TraceContext{}, propagation.Baggage{}), "tenant=acme"},
	} {
		t.Run(name, func(t *testing.T) {
			h, err := alianzaotel.NewHook(alianzaotel.WithTracerProvider(noop.NewTracerProvider()), alianzaotel.WithPropagator(tc.prop))
			require.NoError(t, err)
			next := &capturing{}
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, baseURL+"/x", nil)
			require.NoError(t, err)
			resp, err := h.Transport(next).RoundTrip(req)
			require.NoError(t, err)
			_ = resp.Body.Close()
			assert.Equal(t, tc.want, next.reqs[0].Header.Get("Baggage"))
			assert.NotEmpty(t, next.reqs[0].Header.Get("Traceparent"))
		})
	}
}

// Without WithPropagator the hook uses OpenTelemetry's global propagator,
// which injects nothing until a program sets one (no test in this package
// does).
func TestDefaultPropagatorIsGlobal(t *testing.T) {
	h, err := alianzaotel.NewHook(alianzaotel.WithTracerProvider(noop.NewTracerProvider()))
	require.NoError(t, err)
	next := &capturing{}
	req, err := http.NewRequestWithContext(spanContext(t, 5), http.MethodGet, baseURL+"/x", nil)
	require.NoError(t, err)
	resp, err := h.Transport(next).RoundTrip(req)
	require.NoError(t, err)
	_ = resp.Body.Close()
	assert.Same(t, req, next.reqs[0])
	assert.Empty(t, req.Header)
}

// The transport passes CloseIdleConnections on to the transport it wraps.
func TestTransportCloseIdleConnections(t *testing.T) {
	h, err := alianzaotel.NewHook(alianzaotel.WithTracerProvider(noop.NewTracerProvider()))
	require.NoError(t, err)
	next := &closeCounter{}
	rt := h.Transport(next)
	ci, ok := rt.(interface{ CloseIdleConnections() })
	require.True(t, ok)
	ci.CloseIdleConnections()
	assert.Equal(t, 1, next.closed)
}

type closeCounter struct {
	capturing
	closed int
}

func (c *closeCounter) CloseIdleConnections() { c.closed++ }
