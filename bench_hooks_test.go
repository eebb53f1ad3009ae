package alianza_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	metricnoop "go.opentelemetry.io/otel/metric/noop"
	tracenoop "go.opentelemetry.io/otel/trace/noop"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzaotel"
)

// BenchmarkGetAccountHooks measures what hooks cost on the GetAccount path:
// none, a hook that does nothing, and the OpenTelemetry hook with no-op
// tracer and meter providers (the cost of the hook itself, not of an
// exporter). scripts/bench.sh prints hook=nop/hook=none and
// hook=otel/hook=none. The requests go to the bench server's handler in
// memory, not over loopback: a hook costs well under a microsecond, and
// loopback's jitter between sub-benchmarks (several percent) would drown
// it; without the network the same ratio is a stricter bound.
func BenchmarkGetAccountHooks(b *testing.B) {
	s := newBenchServer(b, false)
	ctx := context.Background()
	otelHook, err := alianzaotel.NewHook(alianzaotel.WithTracerProvider(tracenoop.NewTracerProvider()),
		alianzaotel.WithMeterProvider(metricnoop.NewMeterProvider()))
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name string
		opts []alianza.Option
	}{
		{"hook=none", nil},
		{"hook=nop", []alianza.Option{alianza.WithHook(alianza.NopHook{})}},
		{"hook=otel", []alianza.Option{alianza.WithHook(otelHook)}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			opts := append([]alianza.Option{alianza.WithHTTPClient(&http.Client{Transport: inMemory{s.Config.Handler}})}, bc.opts...)
			c := sdkClient(b, s, opts...)
			var a *alianza.Account
			b.ReportAllocs()
			for b.Loop() {
				if a, err = c.Accounts.Get(ctx, benchAccount); err != nil {
					b.Fatal(err)
				}
			}
			checkAccount(b, a)
		})
	}
}

// inMemory is a transport that serves each request with a handler, in
// memory.
type inMemory struct{ h http.Handler }

func (t inMemory) RoundTrip(r *http.Request) (*http.Response, error) {
	rec := httptest.NewRecorder()
	t.h.ServeHTTP(rec, r)
	return rec.Result(), nil
}
