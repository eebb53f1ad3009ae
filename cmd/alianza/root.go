package main

import (
	"runtime/debug"

	"github.com/spf13/cobra"
)

const rootLong = `alianza is the Alianza API Console: the operator's commands of a CRM's
Alianza integration and the common provisioning tasks, from a shell.

Credentials come from the environment, or from the flags of the same name:
  ALIANZA_BASE_URL   default https://api.alianza.com (beta: https://api.b2.alianza.com)
  ALIANZA_USERNAME   the API user, as in the Alianza Admin GUI
  ALIANZA_PASSWORD   its password (prefer the variable: flags show in ps)
A plain http:// base URL is refused unless it is loopback or --insecure-http
is given (the password and token then cross the network in clear text).
--fake runs every command against an in-process fake platform seeded with a
demo account, DEMO-1001, for trying the console without credentials (it
refuses --base-url, --username and --password, which it would ignore). Its
ports move one step every 2s (a port completes in about 6s), and each
command starts a fresh fake: nothing one command does is there for the next.

Accounts are named by their account number (the CRM's link field) unless
--by says otherwise. An account that does not exist is "not enabled in
Alianza" (exit 7). Alianza ids may start with '-': put such an id after
"--", with every flag before "--" (what follows it is only arguments), as in:
  alianza --json trunk get DEMO-1001 -- -Xq3...

Output is aligned tables for people, or JSON with --json. With --json an
error is a JSON object on stderr too: {"error", "class", "sentinel",
"exitCode"}, where sentinel, when there is one, is the most specific Go
error matched (alianza.ErrConflict for a duplicate, not ErrBadRequest;
none for a usage mistake or an abort). Secrets (SIP passwords) print as REDACTED unless
--show-secrets is given. --version prints the console's version.

Destructive commands (account delete, account teardown, sip-lines sync
--mode full, trunk/user/device delete, port cancel) show what they will do and ask for
confirmation; --yes skips the question and --dry-run only shows. Without a
terminal on stdin they refuse unless --yes is given.

` + exitCodesHelp

func (a *app) rootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:           "alianza",
		Short:         "Alianza API Console",
		Long:          rootLong,
		SilenceErrors: true,
		SilenceUsage:  true,
		Args:          cobra.ArbitraryArgs,
		Version:       moduleVersion(),
		// Checks of the global flags, before any command runs.
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			if a.timeout < 0 {
				return usage("--timeout %s: must be 0 (the SDK's default) or more", a.timeout)
			}
			if a.fake {
				// The fake has its own URL and credentials: these flags
				// would be ignored, and an operator who gives them
				// probably meant the real platform.
				for _, name := range []string{"base-url", "username", "password"} {
					if cmd.Flags().Changed(name) {
						return usage("--fake and --%s: the fake has its own URL and credentials; drop one of them", name)
					}
				}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usage("unknown command %q", args[0])
			}
			return usage("a command is required")
		},
	}
	root.CompletionOptions.DisableDefaultCmd = true
	root.SetVersionTemplate("alianza {{.Version}}\n")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	f := root.PersistentFlags()
	f.StringVar(&a.baseURL, "base-url", "", "Alianza base URL (env ALIANZA_BASE_URL)")
	f.StringVar(&a.username, "username", "", "API username (env ALIANZA_USERNAME)")
	f.StringVar(&a.password, "password", "", "API password (env ALIANZA_PASSWORD; the variable is safer)")
	f.StringVar(&a.partition, "partition", "", "act in this sub-partition instead of the login's partition")
	f.StringVar(&a.by, "by", "number", "what ACCOUNT arguments are: number (account number), id, phone or mac")
	f.BoolVar(&a.fake, "fake", false, "run against an in-process fake platform with the demo account "+"DEMO-1001 (a fresh one per command; ports move one step every "+fakePortStep.String()+")")
	f.BoolVar(&a.jsonOut, "json", false, "print JSON instead of tables")
	f.BoolVar(&a.showSecrets, "show-secrets", false, "print SIP passwords instead of REDACTED")
	f.BoolVar(&a.insecureHTTP, "insecure-http", false, "allow a plain http:// base URL to a host that is not loopback (credentials in clear text: only behind a trusted proxy)")
	f.DurationVar(&a.timeout, "timeout", 0, "timeout of one request, 0 or more (0: the SDK's default, 60s)")
	// Declared here so that cobra does not add a -v shorthand.
	root.Flags().Bool("version", false, "print the console's version and exit")

	root.AddCommand(
		a.loginCmd(),
		a.accountCmd(),
		a.sipLinesCmd(),
		a.numberCmd(),
		a.trunkCmd(),
		a.userCmd(),
		a.deviceCmd(),
		a.cdrCmd(),
		a.billingCmd(),

		a.reportCmd(),
		a.portCmd(),
	)
	return root
}

// moduleVersion is the console's module version from the build
// information: a tag such as v0.1.0 when installed with go install, or
// "(devel)" when built from a checkout.
func moduleVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return versionOf(nil)
	}
	return versionOf(info)
}

func versionOf(info *debug.BuildInfo) string {
	if info == nil || info.Main.Version == "" {
		return "(devel)"
	}
	return info.Main.Version
}
