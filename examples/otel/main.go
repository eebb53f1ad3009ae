// Command otel traces an account read and a retried call with
// OpenTelemetry, printing the spans to stdout: a span per call, a child
// per attempt, and a span for the login, with the path templates and
// operationIds a dashboard groups by and no ids or credentials.
//
// It runs against an in-process fake unless ALIANZA_BASE_URL,
// ALIANZA_USERNAME and ALIANZA_PASSWORD are set; ALIANZA_EXAMPLE_ACCOUNT
// names the account to read (default DEMO-1001, the account the fake is seeded with).
package main

import (
	"context"
	"fmt"
	"io"

	"go.opentelemetry.io/otel/exporters/stdout/stdouttrace"
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
	hook, err := alianzaotel.NewHook(alianzaotel.WithTracerProvider(tp))
	if err != nil {
		return err
	}
	env, err := exampleenv.ConnectWith(getenv, []alianza.Option{alianza.WithHook(hook)}, alianzatest.WithDemoData())
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
