package alianza_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

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

// BenchmarkGetAccountHooksInterleaved measures the same three clients as
// BenchmarkGetAccountHooks, but call by call: each iteration sends one
// GetAccount through each client, in an order that rotates, and times each
// call alone. A slow moment of the machine (another process, a GC cycle)
// then falls on all three alike instead of on whichever sub-benchmark ran
// through it, so the ratios resolve a cost of about 1% that separate
// sub-benchmarks, several percent apart from run to run, cannot. It
// reports each client's mean time per call and the two ratios
// scripts/bench.sh checks (hook=nop/hook=none and hook=otel/hook=none); the
// clock reads cost the three clients alike.
//
// transport=loopback is GetAccount as the GetAccount benchmark sends it,
// over a loopback connection to the bench server; transport=memory serves
// it in memory, a call five times shorter, so the same hook cost is a
// ratio five times larger: a stricter bound than any network gives.
func BenchmarkGetAccountHooksInterleaved(b *testing.B) {
	otelHook, err := alianzaotel.NewHook(alianzaotel.WithTracerProvider(tracenoop.NewTracerProvider()),
		alianzaotel.WithMeterProvider(metricnoop.NewMeterProvider()))
	if err != nil {
		b.Fatal(err)
	}
	hooks := [3][]alianza.Option{nil, {alianza.WithHook(alianza.NopHook{})}, {alianza.WithHook(otelHook)}}
	for _, transport := range []string{"loopback", "memory"} {
		b.Run("transport="+transport, func(b *testing.B) {
			var clients [3]*alianza.Client
			for i, opts := range hooks {
				// A server each: a bench server accepts only its last
				// login's token, and one shared by three clients would
				// answer 401s.
				s := newBenchServer(b, false)
				if transport == "memory" {
					opts = append(opts, alianza.WithHTTPClient(&http.Client{Transport: inMemory{s.Config.Handler}}))
				}
				clients[i] = sdkClient(b, s, opts...)
			}
			interleave(b, clients)
		})
	}
}

// interleave sends GetAccount through the three clients in turn, as
// BenchmarkGetAccountHooksInterleaved says, and reports the time per call
// of each and the ratios to the first.
func interleave(b *testing.B, clients [3]*alianza.Client) {
	ctx := context.Background()
	var spent [3]time.Duration
	var a *alianza.Account
	var err error
	calls := 0
	for b.Loop() {
		for k := range 3 {
			i := (calls + k) % 3
			start := time.Now()
			a, err = clients[i].Accounts.Get(ctx, benchAccount)
			spent[i] += time.Since(start)
			if err != nil {
				b.Fatal(err)
			}
		}
		calls++
	}
	checkAccount(b, a)
	perCall := func(i int) float64 { return float64(spent[i].Nanoseconds()) / float64(calls) }
	b.ReportMetric(perCall(0), "none-ns/call")
	b.ReportMetric(perCall(1), "nop-ns/call")
	b.ReportMetric(perCall(2), "otel-ns/call")
	b.ReportMetric(perCall(1)/perCall(0), "nop/none")
	b.ReportMetric(perCall(2)/perCall(0), "otel/none")
}

// inMemory is a transport that serves each request with a handler, in
// memory.
type inMemory struct{ h http.Handler }

func (t inMemory) RoundTrip(r *http.Request) (*http.Response, error) {
	rec := httptest.NewRecorder()
	t.h.ServeHTTP(rec, r)
	return rec.Result(), nil
}
