// Command otel traces an account read and a retried call with
// OpenTelemetry, printing the spans to stdout: a span per call, a child
// per attempt, and a span for the login, with the path templates and
// operationIds a dashboard groups by and no ids or credentials. Each
// request carries a W3C traceparent naming its attempt's span; the example
// prints it as the request leaves.
//
// It runs against an in-process fake unless ALIANZA_BASE_URL,
// ALIANZA_USERNAME and ALIANZA_PASSWORD are set; ALIANZA_EXAMPLE_ACCOUNT
// names the account to read (default DEMO-1001, the account the fake is seeded with).
package main

import (
	"context"
	"fmt"
	"io"
	"net/http"

	"go.opentelemetry.io/otel/exporters/stdout/stdouttrace"
	"go.opentelemetry.io/otel/propagation"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzaotel"
	"github.com/go-alianza/alianza/alianzatest"
	"github.com/go-alianza/alianza/examples/internal/exampleenv"
)

func main() { exampleenv.Main("otel", run) }

func run(ctx context.Context, w io.Writer, getenv func(string) string) error {
	exporter, err := stdouttrace.New(stdouttrace.WithWriter(w), stdouttrace.WithPrettyPrint())
	if err != nil {
		return err
	}
	// A syncer exports each span as it ends: simple for a demo; a service
	// uses a batcher.
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(exporter))
	defer func() { _ = tp.Shutdown(context.WithoutCancel(ctx)) }()
	hook, err := alianzaotel.NewHook(alianzaotel.WithTracerProvider(tp), alianzaotel.WithPropagator(propagation.TraceContext{}))
	if err != nil {
		return err
	}
	// The last wrapper given is the outermost: hook.Transport adds the
	// traceparent, then the printer under it shows what is sent.
	opts := []alianza.Option{alianza.WithHook(hook),
		alianza.WithTransportWrapper(printTraceparent(w)), alianza.WithTransportWrapper(hook.Transport)}
	env, err := exampleenv.ConnectWith(getenv, opts, alianzatest.WithDemoData())
	if err != nil {
		return err
	}
	defer env.Close()
	number := exampleenv.AccountNumber(getenv, "DEMO-1001")
	fmt.Fprintf(w, "Reading account %s on %s, traced\n\n", number, env.Where)

	if env.Fake != nil {
		// The fake answers the next read with a 503 once: the trace shows
		// the call, its failed attempt, the retry and the login.
		if err := env.Fake.FailNext("GET", "/v2/partition/{partitionId}/account/{accountId}", 1, 503, nil); err != nil {
			return err
		}
	}
	acct, err := env.API.Accounts.GetByNumber(ctx, number)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nAccount %s: %s (%s)\n", acct.AccountNumber, acct.AccountName, acct.Status)
	return nil
}

// printTraceparent wraps a transport to print each request's method and
// traceparent header (never its path, which holds ids, or its other
// headers, which hold the token).
func printTraceparent(w io.Writer) func(http.RoundTripper) http.RoundTripper {
	return func(next http.RoundTripper) http.RoundTripper {
		return roundTripFunc(func(r *http.Request) (*http.Response, error) {
			fmt.Fprintf(w, "%s sent with traceparent %s\n", r.Method, r.Header.Get("Traceparent"))
			return next.RoundTrip(r)
		})
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
