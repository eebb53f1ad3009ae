// Package alianzaotel traces and measures an alianza.Client with
// OpenTelemetry: set the hook it returns with alianza.WithHook.
//
//	h, err := alianzaotel.NewHook(alianzaotel.WithTracerProvider(tp), alianzaotel.WithMeterProvider(mp))
//	...
//	client, err := alianza.NewClient(alianza.WithCredentials(user, pass), alianza.WithHook(h))
//
// Each call is a client span named after the operation ("GET
// /v2/partition/{partitionId}/account/{accountId}"), with a child span per
// HTTP attempt and a span per login. A call whose span is not recording (the
// sampler dropped it, or the tracer provider is a no-op) gets no attempt
// spans and leaves the caller's spans alone; its metrics are recorded all
// the same. Attributes follow OpenTelemetry's HTTP
// semantic conventions (http.request.method, http.response.status_code,
// url.template, server.address, http.request.resend_count, error.type)
// plus alianza.operation_id, the spec's operationId. Only path templates
// reach spans and metrics: never an account id, a telephone number, a
// token or a password.
//
// Metrics (instrument names and units):
//   - alianza.client.call.duration (s): histogram of whole calls, retries and
//     backoffs included.
//   - alianza.client.attempts: HTTP attempts sent, replays after a 401 included.
//   - alianza.client.retries: attempts that were followed by a retry.
//   - alianza.client.logins: logins sent, with error.type when one failed.
//   - alianza.client.outcome_unknown: writes whose outcome is unknown (the
//     request may have been applied; look before sending it again).
//
// Trace context: pass the hook's Transport method to
// alianza.WithTransportWrapper and each request carries the W3C
// traceparent and tracestate headers of its attempt's span, so whatever
// reads them on the way (a proxy, an egress gateway, a fake in tests) joins
// the same trace:
//
//	client, err := alianza.NewClient(alianza.WithCredentials(user, pass),
//		alianza.WithHook(h), alianza.WithTransportWrapper(h.Transport))
//
// Package alianza itself does not depend on OpenTelemetry.
package alianzaotel

import (
	"context"
	"maps"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/metric"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"

	"github.com/go-alianza/alianza"
)

// ScopeName is the instrumentation scope of the tracer and meter.
const ScopeName = "github.com/go-alianza/alianza/alianzaotel"

// Attribute keys beyond OpenTelemetry's HTTP conventions.
const (
	OperationIDKey = attribute.Key("alianza.operation_id")
	AttemptsKey    = attribute.Key("alianza.attempts")   // on a call span: attempts sent
	NextKey        = attribute.Key("alianza.next")       // on an attempt span: done, retry or replay
	RetryWaitKey   = attribute.Key("alianza.retry.wait") // on an attempt span: the backoff before the retry, in seconds
)

// OpenTelemetry's HTTP semantic-convention keys the hook sets.
const (
	methodKey      = attribute.Key("http.request.method")
	statusKey      = attribute.Key("http.response.status_code")
	templateKey    = attribute.Key("url.template")
	serverKey      = attribute.Key("server.address")
	resendCountKey = attribute.Key("http.request.resend_count")
	errorTypeKey   = attribute.Key("error.type")
)

// Option configures NewHook.
type Option func(*config)

type config struct {
	tp   trace.TracerProvider
	mp   metric.MeterProvider
	prop propagation.TextMapPropagator
}

// WithTracerProvider sets the tracer provider; the default is
// otel.GetTracerProvider() at the time NewHook is called.
func WithTracerProvider(tp trace.TracerProvider) Option {
	return func(c *config) { c.tp = tp }
}

// WithMeterProvider sets the meter provider; the default is
// otel.GetMeterProvider() at the time NewHook is called.
func WithMeterProvider(mp metric.MeterProvider) Option {
	return func(c *config) { c.mp = mp }
}

// Hook is an alianza.Hook recording spans and metrics. It is safe for
// concurrent use by any number of clients.
type Hook struct {
	tracer         trace.Tracer
	clientKind     []trace.SpanStartOption            // made once: a variadic option list per span would allocate
	names          atomic.Pointer[map[nameKey]string] // span names by method and template; see spanName
	namesMu        sync.Mutex                         // serialises adding a name
	callDuration   metric.Float64Histogram
	attempts       metric.Int64Counter
	retries        metric.Int64Counter
	logins         metric.Int64Counter
	outcomeUnknown metric.Int64Counter
	propagator     propagation.TextMapPropagator // what Transport injects
}

var _ alianza.Hook = (*Hook)(nil)

// NewHook returns a hook recording to the given (or global) providers.
func NewHook(opts ...Option) (*Hook, error) {
	cfg := config{}
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.tp == nil {
		cfg.tp = otel.GetTracerProvider()
	}
	if cfg.mp == nil {
		cfg.mp = otel.GetMeterProvider()
	}
	if cfg.prop == nil {
		cfg.prop = otel.GetTextMapPropagator()
	}
	h := &Hook{
		tracer:     cfg.tp.Tracer(ScopeName, trace.WithInstrumentationVersion(alianza.Version)),
		clientKind: []trace.SpanStartOption{trace.WithSpanKind(trace.SpanKindClient)},
		propagator: cfg.prop,
	}
	h.names.Store(&map[nameKey]string{})
	meter := cfg.mp.Meter(ScopeName, metric.WithInstrumentationVersion(alianza.Version))
	var err error
	if h.callDuration, err = meter.Float64Histogram("alianza.client.call.duration", metric.WithUnit("s"),
		metric.WithDescription("Duration of Alianza API calls, retries, backoffs and logins included.")); err != nil {
		return nil, err
	}
	if h.attempts, err = meter.Int64Counter("alianza.client.attempts", metric.WithUnit("{attempt}"),
		metric.WithDescription("HTTP attempts sent to the Alianza API, replays after a 401 included.")); err != nil {
		return nil, err
	}
	if h.retries, err = meter.Int64Counter("alianza.client.retries", metric.WithUnit("{retry}"),
		metric.WithDescription("Attempts to the Alianza API followed by a retry.")); err != nil {
		return nil, err
	}
	if h.logins, err = meter.Int64Counter("alianza.client.logins", metric.WithUnit("{login}"),
		metric.WithDescription("Logins sent to the Alianza API.")); err != nil {
		return nil, err
	}
	if h.outcomeUnknown, err = meter.Int64Counter("alianza.client.outcome_unknown", metric.WithUnit("{call}"),
		metric.WithDescription("Writes to the Alianza API whose outcome is unknown: look before sending them again.")); err != nil {
		return nil, err
	}
	return h, nil
}

// spanName is "METHOD /path/{template}", as the HTTP conventions name a
// client span when the template is known; each name is built once.
//
// The names sit in a map that is copied on each new name and read without
// a lock: the spec has 471 operations, so the copies stop early, and a
// plain map's lookup is cheaper than a sync.Map's, whose interface keys
// hash through their type (about 10 ns of the hook's 120 per call with
// no-op providers). Past maxNames (templates a program makes up for
// Client.Do) a name is built per span instead of kept.
func (h *Hook) spanName(c alianza.CallInfo) string {
	key := nameKey{c.Method, c.PathTemplate}
	if n, ok := (*h.names.Load())[key]; ok {
		return n
	}
	h.namesMu.Lock()
	defer h.namesMu.Unlock()
	old := *h.names.Load()
	if n, ok := old[key]; ok {
		return n
	}
	if len(old) >= maxNames {
		return c.Method + " " + c.PathTemplate
	}
	names := make(map[nameKey]string, len(old)+1)
	maps.Copy(names, old)
	n := c.Method + " " + c.PathTemplate
	names[key] = n
	h.names.Store(&names)
	return n
}

type nameKey struct{ method, template string }

// maxNames bounds the span names a Hook keeps: over twice the spec's 471
// operations.
const maxNames = 1024

func callAttrs(c alianza.CallInfo) []attribute.KeyValue {
	attrs := []attribute.KeyValue{
		methodKey.String(c.Method),
		templateKey.String(c.PathTemplate),
		serverKey.String(c.ServerAddress),
	}
	if c.OperationID != "" {
		attrs = append(attrs, OperationIDKey.String(c.OperationID))
	}
	return attrs
}

// CallStart implements alianza.Hook: it starts the call's span.
// Attributes are built only for a recording span or an enabled instrument,
// so a no-op provider costs next to nothing.
func (h *Hook) CallStart(ctx context.Context, c alianza.CallInfo) context.Context {
	ctx, span := h.tracer.Start(ctx, h.spanName(c), h.clientKind...)
	if span.IsRecording() {
		span.SetAttributes(callAttrs(c)...)
	}
	return ctx
}

// AttemptStart implements alianza.Hook: it starts the attempt's span, a
// child of the call's.
//
// A call span that is not recording (a call the sampler dropped, or a
// no-op tracer provider) gets no attempt spans: they would record nothing
// either, and skipping them keeps unsampled calls cheap.
func (h *Hook) AttemptStart(ctx context.Context, a alianza.AttemptInfo) context.Context {
	if trace.SpanFromContext(ctx).IsRecording() {
		var span trace.Span
		ctx, span = h.tracer.Start(ctx, h.spanName(a.CallInfo), h.clientKind...)
		if span.IsRecording() {
			span.SetAttributes(callAttrs(a.CallInfo)...)
			if a.Attempt > 1 {
				span.SetAttributes(resendCountKey.Int(a.Attempt - 1))
			}
		}
	}
	if h.attempts.Enabled(ctx) {
		h.attempts.Add(ctx, 1, metric.WithAttributes(callAttrs(a.CallInfo)...))
	}
	return ctx
}

// AttemptEnd implements alianza.Hook: it ends the attempt's span.
func (h *Hook) AttemptEnd(ctx context.Context, a alianza.AttemptInfo, r alianza.AttemptResult) {
	span := trace.SpanFromContext(ctx)
	if span.IsRecording() {
		if r.StatusCode != 0 {
			span.SetAttributes(statusKey.Int(r.StatusCode))
		}
		span.SetAttributes(NextKey.String(string(r.Next)))
		if r.Next == alianza.NextRetry {
			span.SetAttributes(RetryWaitKey.Float64(r.Wait.Seconds()))
		}
	}
	if r.Next == alianza.NextRetry && h.retries.Enabled(ctx) {
		h.retries.Add(ctx, 1, metric.WithAttributes(callAttrs(a.CallInfo)...))
	}
	endWithClass(span, r.ErrorClass)
}

// CallEnd implements alianza.Hook: it ends the call's span and records
// its duration.
func (h *Hook) CallEnd(ctx context.Context, c alianza.CallInfo, r alianza.CallResult) {
	span := trace.SpanFromContext(ctx)
	if span.IsRecording() {
		span.SetAttributes(AttemptsKey.Int(r.Attempts))
		if r.StatusCode != 0 {
			span.SetAttributes(statusKey.Int(r.StatusCode))
		}
	}
	if h.callDuration.Enabled(ctx) {
		attrs := callAttrs(c)
		if r.StatusCode != 0 {
			attrs = append(attrs, statusKey.Int(r.StatusCode))
		}
		if r.ErrorClass != "" {
			attrs = append(attrs, errorTypeKey.String(r.ErrorClass))
		}
		h.callDuration.Record(ctx, r.Duration.Seconds(), metric.WithAttributes(attrs...))
	}
	if r.ErrorClass == "outcome_unknown" && h.outcomeUnknown.Enabled(ctx) {
		h.outcomeUnknown.Add(ctx, 1, metric.WithAttributes(callAttrs(c)...))
	}
	endWithClass(span, r.ErrorClass)
}

// Login implements alianza.Hook: a span for the login, back-dated to its
// start, and the login counter.
func (h *Hook) Login(ctx context.Context, l alianza.LoginInfo) {
	attrs := []attribute.KeyValue{
		methodKey.String(http.MethodPost),
		templateKey.String("/v2/authorize"),
		serverKey.String(l.ServerAddress),
		OperationIDKey.String("logUserIn"),
	}
	end := time.Now()
	_, span := h.tracer.Start(ctx, "POST /v2/authorize", trace.WithSpanKind(trace.SpanKindClient),
		trace.WithTimestamp(end.Add(-l.Duration)), trace.WithAttributes(attrs...))
	if l.ErrorClass != "" {
		attrs = append(attrs, errorTypeKey.String(l.ErrorClass))
	}
	h.logins.Add(ctx, 1, metric.WithAttributes(attrs...))
	if l.ErrorClass != "" {
		span.SetAttributes(errorTypeKey.String(l.ErrorClass))
		span.SetStatus(codes.Error, l.ErrorClass)
	}
	span.End(trace.WithTimestamp(end))
}

// endWithClass ends span, marking it failed when the client classed an
// error. Following the HTTP conventions, error.type is the error's class
// (never its message, which names the filled path).
// A span that is not recording is left alone: it records nothing, and
// when the call's span is not recording the context holds that span, not an
// attempt's.
func endWithClass(span trace.Span, class string) {
	if !span.IsRecording() {
		return
	}
	if class != "" {
		span.SetAttributes(errorTypeKey.String(class))
		span.SetStatus(codes.Error, class)
	}
	span.End()
}
