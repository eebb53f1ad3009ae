package alianza_test

import (
	"context"
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
// hook=otel/hook=none.
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
			c := sdkClient(b, s, bc.opts...)
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
