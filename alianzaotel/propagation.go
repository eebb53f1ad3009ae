package alianzaotel

import (
	"net/http"

	"go.opentelemetry.io/otel/propagation"
)

// WithPropagator sets what Hook.Transport writes into each request; the
// default (and what a nil p means) is otel.GetTextMapPropagator() at the
// time NewHook is called. OpenTelemetry's global propagator forwards to the
// first one otel.SetTextMapPropagator sets, so a hook made before the
// program sets it still uses it. propagation.TraceContext{} sends
// traceparent and tracestate only.
func WithPropagator(p propagation.TextMapPropagator) Option {
	return func(c *config) { c.prop = p }
}

// Transport returns an http.RoundTripper that sends each request through
// next with the trace context of the request's context injected into its
// headers by the hook's propagator. Its signature is the one
// alianza.WithTransportWrapper takes: pass h.Transport. A nil next means
// http.DefaultTransport.
//
// The client puts each attempt's context on its request, so traceparent
// names the attempt's span: a retry carries a new span id in the same
// trace. A call whose span is not recording (the sampler dropped it) has no
// attempt span, and its requests carry the call's span context with the
// sampled flag off, so services downstream drop their part too; with a
// no-op tracer provider they carry the caller's span context as it is. A
// login (POST /v2/authorize) runs in the context of the call that needed
// it and names that call's span; its own span is recorded once it ends.
//
// What is sent is only what the propagator writes from the context:
// traceparent and tracestate for W3C trace context, and the caller's own
// baggage if the propagator includes propagation.Baggage (the client puts
// none there; WithPropagator(propagation.TraceContext{}) keeps baggage from
// reaching Alianza). Headers the propagator writes replace any of the same
// name. The request is cloned before headers are added, never modified,
// and not cloned at all when the propagator writes nothing (no span in the
// context, or a no-op propagator).
func (h *Hook) Transport(next http.RoundTripper) http.RoundTripper {
	return &transport{next: next, prop: h.propagator}
}

type transport struct {
	next http.RoundTripper
	prop propagation.TextMapPropagator
}

// RoundTrip implements http.RoundTripper.
func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	next := t.next
	if next == nil {
		next = http.DefaultTransport
	}
	carrier := propagation.HeaderCarrier{}
	t.prop.Inject(req.Context(), carrier)
	if len(carrier) == 0 {
		return next.RoundTrip(req)
	}
	out := req.Clone(req.Context())
	for k, v := range carrier {
		out.Header[k] = v
	}
	return next.RoundTrip(out)
}

// CloseIdleConnections closes next's idle connections, if it can.
func (t *transport) CloseIdleConnections() {
	next := t.next
	if next == nil {
		next = http.DefaultTransport
	}
	if ci, ok := next.(interface{ CloseIdleConnections() }); ok {
		ci.CloseIdleConnections()
	}
}
