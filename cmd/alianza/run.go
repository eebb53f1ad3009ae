package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
	"github.com/go-alianza/alianza/crm"
)

// app is one invocation of the console: its streams, its flags and the
// client it builds on first use. Nothing is global, so tests run many
// invocations in parallel in one process.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	env            func(string) string
	// stdinTTY and stderrTTY say whether a person is there: a prompt needs
	// a terminal on stdin, a progress bar one on stderr.
	stdinTTY, stderrTTY bool

	// Global flags.
	baseURL, username, password, partition   string
	by                                       string
	fake, jsonOut, showSecrets, insecureHTTP bool
	timeout                                  time.Duration

	api     *alianza.Client
	cleanup []func()
}

// run is the whole console: main only wires it to the process.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, env func(string) string) int {
	a := &app{stdin: stdin, stdout: stdout, stderr: stderr, env: env,
		stdinTTY: isTerminal(stdin), stderrTTY: isTerminal(stderr)}
	return a.run(ctx, args)
}

func (a *app) run(ctx context.Context, args []string) int {
	root := a.rootCmd()
	if args == nil {
		// cobra reads os.Args when given nil: never the process's here.
		args = []string{}
	}
	root.SetArgs(args)
	root.SetIn(a.stdin)
	root.SetOut(a.stdout)
	root.SetErr(a.stderr)
	err := root.ExecuteContext(ctx)
	a.close()
	if err != nil {
		// Secrets cannot reach these lines: the SDK's errors print Secret
		// values as REDACTED and scrub known secrets from bodies.
		if a.jsonOut || wantsJSON(args) {
			b, _ := json.Marshal(newJSONError(err))
			fmt.Fprintf(a.stderr, "%s\n", b)
		} else {
			fmt.Fprintln(a.stderr, "error:", err)
			switch exitCode(err) {
			case exitUsage:
				fmt.Fprintln(a.stderr, "Run 'alianza --help' for usage.")
			case exitUnknown:
				fmt.Fprintln(a.stderr, "The request was sent and may have been applied: look (get, list) before running it again.")
			}
		}
	}
	return exitCode(err)
}

// wantsJSON reports whether --json is among the flags, for an error that
// stopped the command line before it was parsed.
func wantsJSON(args []string) bool {
	for _, arg := range args {
		if arg == "--" {
			return false
		}
		if arg == "--json" || arg == "--json=true" {
			return true
		}
	}
	return false
}

// close logs out (a console run should not leave an 8-hour token behind)
// and stops the in-process fake.
func (a *app) close() {
	if a.api != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		// Best effort: the command's outcome is already decided, and an
		// unused token expires on its own.
		_ = a.api.Logout(ctx)
		cancel()
	}
	for i := len(a.cleanup) - 1; i >= 0; i-- {
		a.cleanup[i]()
	}
}

// client returns the Alianza client, built from the flags and environment
// on first use: against the in-process fake with --fake.
func (a *app) client() (*alianza.Client, error) {
	if a.api != nil {
		return a.api, nil
	}
	opts := []alianza.Option{alianza.WithUserAgent("alianza-console/" + alianza.Version)}
	if a.timeout > 0 {
		opts = append(opts, alianza.WithTimeout(a.timeout))
	}
	if a.insecureHTTP {
		opts = append(opts, alianza.WithInsecureHTTP())
	}
	var (
		api *alianza.Client
		err error
	)
	if a.fake {
		srv, serr := alianzatest.Start(alianzatest.WithDemoData(), alianzatest.WithPortStepDuration(fakePortStep))
		if serr != nil {
			return nil, fmt.Errorf("starting the fake platform: %w", serr)
		}
		a.cleanup = append(a.cleanup, srv.Close)
		api, err = srv.NewClient(opts...)
	} else {
		base := firstNonEmpty(a.baseURL, a.env("ALIANZA_BASE_URL"), alianza.ProductionURL)
		user := firstNonEmpty(a.username, a.env("ALIANZA_USERNAME"))
		pass := firstNonEmpty(a.password, a.env("ALIANZA_PASSWORD"))
		if user == "" || pass == "" {
			return nil, fmt.Errorf("%w: set ALIANZA_USERNAME and ALIANZA_PASSWORD (or --username/--password), or use --fake", alianza.ErrNoCredential)
		}
		api, err = alianza.NewClient(append([]alianza.Option{alianza.WithBaseURL(base), alianza.WithCredentials(user, pass)}, opts...)...)
		if errors.Is(err, alianza.ErrInsecureURL) {
			// The SDK's message names its option; the console's is a flag.
			return nil, fmt.Errorf("%w: %s: use https, or --insecure-http to send the password and token in clear text", alianza.ErrInsecureURL, base)
		}
	}
	if err != nil {
		return nil, err
	}
	a.api = api
	if a.partition != "" {
		// The copy shares the login, so logging out the parent ends it.
		if api, err = api.ForPartition(a.partition); err != nil {
			return nil, err
		}
	}
	return api, nil
}

// crm returns a CRM client over the Alianza client.
func (a *app) crm(opts ...crm.Option) (*crm.Client, error) {
	api, err := a.client()
	if err != nil {
		return nil, err
	}
	return crm.New(api, opts...)
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// isTerminal reports whether f is a terminal. Pipes, files, /dev/null
// (a character device, but nobody types into it) and test buffers are not.
func isTerminal(f any) bool {
	file, ok := f.(*os.File)
	return ok && file != nil && term.IsTerminal(int(file.Fd()))
}

// usage wraps cobra's argument and flag errors so they exit with exitUsage.
func usage(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

// requiredFlags refuses, as a usage mistake (exit 2), a command line
// without one of the named flags, naming every one missing.
func requiredFlags(cmd *cobra.Command, names ...string) error {
	var missing []string
	for _, n := range names {
		if f := cmd.Flags().Lookup(n); f != nil && f.Value.String() == "" {
			missing = append(missing, "--"+n)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	return usage("%s: %s required", cmd.CommandPath(), strings.Join(missing, ", "))
}

// exactArgs is cobra.ExactArgs that names the arguments and exits 2.
func exactArgs(names ...string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != len(names) {
			return usage("%s: want %d argument(s) %v, got %d", cmd.CommandPath(), len(names), names, len(args))
		}
		return nil
	}
}

// maxArgs is cobra.MaximumNArgs that exits 2.
func maxArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) > n {
			return usage("%s: want at most %d argument(s), got %d", cmd.CommandPath(), n, len(args))
		}
		return nil
	}
}

// group makes a command that only holds subcommands: called alone or with
// an unknown subcommand it is a usage error, not a silent help page.
func group(use, short string, subs ...*cobra.Command) *cobra.Command {
	c := &cobra.Command{
		Use:   use,
		Short: short,
		Args:  cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usage("%s: unknown command %q", cmd.CommandPath(), args[0])
			}
			return usage("%s: a subcommand is required", cmd.CommandPath())
		},
	}
	c.AddCommand(subs...)
	return c
}
