// Command alianza-fake serves the alianzatest fake Alianza platform on a
// TCP address until interrupted, for trying the SDK, a CRM or the console
// without credentials:
//
//	go run ./cmd/alianza-fake -addr 127.0.0.1:8080 [-username u -password p] [-demo]
//
// It prints the base URL and the credentials to use, and logs every spec
// violation of the traffic it serves to stderr. A request the spec forbids
// is answered 400 and changes nothing, as on the platform. Besides the
// Alianza API it serves its OpenAPI document at /openapi.yml and control
// endpoints under /_fake/ for a test suite in another process or language:
// faults (fail-next, drop-next, apply-then-drop-next, delay, fault-rate,
// clear), state (expire-tokens, registered, lock-out-siptrunk,
// fail-next-job, port-fault, not-portable, wireless, reserve), the clock
// (advance, now), the request log with secrets redacted (requests, calls)
// and spec violations (violations, violations/reset); -h lists them.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/go-alianza/alianza/alianzatest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "alianza-fake:", err)
		var ue usageError
		if errors.As(err, &ue) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

// usageError is a bad command line: an unknown flag, a flag value that
// does not parse or is out of range, an extra argument (exit status 2, as
// for flag errors).
type usageError struct{ error }

const usageHead = `Usage: alianza-fake [flags]

Serves a fake Alianza provisioning platform (the alianzatest package) until
interrupted. Every request and response is checked against Alianza's
OpenAPI spec; violations are logged to stderr, and a request the spec
forbids (a wrong type, an unknown enum value) is answered 400 and changes
nothing.

Flags:
`

// usage writes the help: flags, then the control endpoints.
func usage(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprint(w, usageHead)
	out := fs.Output()
	fs.SetOutput(w)
	fs.PrintDefaults()
	fs.SetOutput(out)
	fmt.Fprintf(w, "\nEndpoints besides the Alianza API (no login needed):\n%s\n", alianzatest.ControlEndpointsHelp)
}

// run serves until ctx is done. -h prints the help to stdout and returns
// nil; a bad flag prints it to stderr and returns a usageError.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("alianza-fake", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {}
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	username := fs.String("username", alianzatest.DefaultUsername, "username the fake accepts")
	password := fs.String("password", alianzatest.DefaultPassword, "password the fake accepts")
	partition := fs.String("partition", alianzatest.DefaultPartitionID, "partition ID of the login")
	demo := fs.Bool("demo", false, "seed a demo business account (account number "+alianzatest.DemoAccountNumber+")")
	portStep := fs.Duration("port-step", alianzatest.PortStepDuration, "how long a port stays in each step (PENDING, IN_PROGRESS, FOC_RECEIVED)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage(stdout, fs)
			return nil
		}
		usage(stderr, fs)
		return usageError{err}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Errorf("unexpected arguments: %v", fs.Args())}
	}
	// Flag values Start would refuse are usage errors too (exit 2).
	switch {
	case *portStep <= 0:
		return usageError{fmt.Errorf("invalid value %q for flag -port-step: must be more than 0", portStep.String())}
	case *username == "", *password == "", *partition == "":
		return usageError{errors.New("flags -username, -password and -partition must not be empty")}
	}
	opts := []alianzatest.Option{
		alianzatest.WithAddr(*addr),
		alianzatest.WithCredentials(*username, *password),
		alianzatest.WithPartitionID(*partition),
		alianzatest.WithViolationLog(stderr),
		alianzatest.WithControlEndpoints(),
		alianzatest.WithPortStepDuration(*portStep),
	}
	if *demo {
		opts = append(opts, alianzatest.WithDemoData())
	}
	srv, err := alianzatest.Start(opts...)
	if err != nil {
		return err
	}
	defer srv.Close()
	fmt.Fprintf(stdout, "alianza-fake serving %s\n  username:  %s\n  password:  %s\n  partition: %s\n",
		srv.URL(), srv.Username(), srv.Password(), srv.PartitionID())
	if *demo {
		fmt.Fprintf(stdout, "  demo account number: %s\n", alianzatest.DemoAccountNumber)
	}
	fmt.Fprintf(stdout, "  OpenAPI document: %s%s; control endpoints: %s%s* (see -h)\n", srv.URL(), alianzatest.OpenAPIPath, srv.URL(), alianzatest.ControlPrefix)
	<-ctx.Done()
	fmt.Fprintln(stdout, "alianza-fake: stopping")
	return nil
}
