// Package exampleenv is what the runnable examples share: a client for a
// real partition when credentials are in the environment, an in-process
// fake platform otherwise, and a readable listing of workflow steps.
package exampleenv

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
	"github.com/go-alianza/alianza/crm"
)

// Environment variables that point the examples at a real partition.
const (
	EnvBaseURL  = "ALIANZA_BASE_URL"
	EnvUsername = "ALIANZA_USERNAME"
	EnvPassword = "ALIANZA_PASSWORD"
	// EnvAccount overrides the account number an example creates, so runs
	// against a real partition do not collide.
	EnvAccount = "ALIANZA_EXAMPLE_ACCOUNT"
)

// Main runs an example's run function with a context that Ctrl-C
// cancels, its output on stdout and os.Getenv, and exits 1, the error on
// stderr prefixed with name, when run fails.
func Main(name string, run func(ctx context.Context, w io.Writer, getenv func(string) string) error) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Stdout, os.Getenv)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, name+":", err)
		os.Exit(1)
	}
}

// Env is where an example runs.
type Env struct {
	CRM   *crm.Client
	API   *alianza.Client
	Fake  *alianzatest.Server // nil against a real partition
	Where string              // for the first line of output
	close func()
}

// Connect returns an Env for the partition the environment names, or for
// a fresh in-process fake (configured by opts) when it names none.
// getenv is os.Getenv in main and a stub in tests.
func Connect(getenv func(string) string, opts ...alianzatest.Option) (*Env, error) {
	return ConnectWith(getenv, nil, opts...)
}

// ConnectWith is Connect with options for the client as well (a hook, a
// logger).
func ConnectWith(getenv func(string) string, clientOpts []alianza.Option, opts ...alianzatest.Option) (*Env, error) {
	base, user, pass := getenv(EnvBaseURL), getenv(EnvUsername), getenv(EnvPassword)
	var (
		api *alianza.Client
		env = &Env{close: func() {}}
		err error
	)
	switch {
	case base != "" && user != "" && pass != "":
		api, err = alianza.NewClient(append([]alianza.Option{alianza.WithBaseURL(base), alianza.WithCredentials(user, pass), alianza.WithUserAgent("go-alianza-example")}, clientOpts...)...)
		if err != nil {
			return nil, err
		}
		env.Where = "Alianza at " + base
	case base != "" || user != "" || pass != "":
		return nil, fmt.Errorf("set all of %s, %s and %s to use a real partition, or none for the in-process fake", EnvBaseURL, EnvUsername, EnvPassword)
	default:
		srv, err := alianzatest.Start(opts...)
		if err != nil {
			return nil, fmt.Errorf("starting the fake platform: %w", err)
		}
		if api, err = srv.NewClient(clientOpts...); err != nil {
			srv.Close()
			return nil, err
		}
		env.Fake, env.Where, env.close = srv, "the in-process fake Alianza (set "+EnvBaseURL+", "+EnvUsername+" and "+EnvPassword+" for a real partition)", srv.Close
	}
	env.API = api
	if env.CRM, err = crm.New(api); err != nil {
		env.close()
		return nil, err
	}
	return env, nil
}

// Close stops the fake, if there is one.
func (e *Env) Close() { e.close() }

// AccountNumber is the account number to create: EnvAccount, or def.
func AccountNumber(getenv func(string) string, def string) string {
	if n := getenv(EnvAccount); n != "" {
		return n
	}
	return def
}

// PrintSteps lists a workflow's steps, one a line, marked ok or FAILED.
func PrintSteps(w io.Writer, steps []crm.Step) {
	for _, s := range steps {
		mark := "ok    "
		if !s.OK() {
			mark = "FAILED"
		}
		line := fmt.Sprintf("  %s %s", mark, s.Name)
		if s.ID != "" {
			line += " -> " + s.ID
		}
		if s.Err != nil {
			line += ": " + s.Err.Error()
		}
		fmt.Fprintln(w, line)
	}
}
