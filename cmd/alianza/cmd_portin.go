package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/crm"
)

// fakePortStep is how long a port stays in each step under --fake, so a
// port completes in seconds (on the platform it takes days).
const fakePortStep = 2 * time.Second

// fakePortPoll is port in's polling under --fake unless --poll or
// --poll-max are given.
const fakePortPoll = time.Second

// portInView is what port in reports.
type portInView struct {
	PortID        string                   `json:"portId,omitempty"`
	AccountNumber string                   `json:"accountNumber"`
	AccountID     string                   `json:"accountId"`
	Numbers       []string                 `json:"numbers"`
	Status        alianza.ActivationStatus `json:"status,omitempty"`
	Resumed       bool                     `json:"resumed"`
	Waited        bool                     `json:"waited"`
	Routed        []string                 `json:"routed"`
	Steps         []stepView               `json:"steps"`
}

const portInLong = `Port numbers in from another carrier and route them once they arrive, as
one workflow: prevalidate the numbers with the carrier, submit the port,
follow it (PENDING, IN_PROGRESS, FOC_RECEIVED, COMPLETED), then route each
number as the file asks. Each step is printed on stderr as it happens (with
--json only when stderr is a terminal); the summary (port, status, routed
numbers, steps) goes to stdout.

It is safe to run again with the same file: a port already submitted for
the first number is picked up where it stands instead of being submitted
twice, and numbers already routed are left alone.

--wait (the default) follows the port until it ends, polling after --poll,
doubling up to --poll-max; a port takes days, so interrupting it (exit 130)
is fine: the port stays submitted, and the same command resumes it. The
numbers are routed only by a run that sees the port complete.
--wait=false submits the port, prints its id and current status and returns;
follow it with 'port status --number N --wait'. Under --fake ports move one
step every 2s and poll every 1s, but each command starts a fresh fake: a
port submitted without --wait is gone when the command returns.

FILE (or - for stdin) is one JSON object; field names are Alianza's, and a
field the console does not know is refused:

  {
    "numbers": ["8015551212", "8015551213"],   required, 10 or 11 digits
    "billingTelephoneNumber": "8015551212",    default: the first number
    "customerServiceRecord": {                 required: as the losing carrier has it
      "customerType": "BUSINESS", "businessName": "Acme Dental",
      "streetNumber": "333", "preDirectional": "S", "streetName": "520",
      "postDirectional": "W", "city": "Lindon", "state": "UT",
      "postalCode": "84042", "country": "USA"
    },
    "e911Address": {...},                      flat, as the record; default: its address
    "crdDate": "2025-03-19",                   requested date, one the carrier offers
                                               (default: the earliest it offers)
    "portingWireType": "Wireline",             Wireline (default) or Wireless
    "portingAuthorizedName": "Jane Smith",     who authorised the port (a business)
    "wirelessAccountNumber": "123456789",      the account number at the losing carrier
    "wirelessPin": "4321",                     its PIN; a wireless port needs both
    "routing": {                               optional, one target:
      "userId": "...", or "username": "...",   a user of the account,
      "callerId": true,                        also as its caller ID
      "sipTrunkId": "...",                     or a SIP trunk
      "businessLineId": "..."                  or a business line
    }
  }

The file is checked before any request: an unknown field, a missing number
or record, a bad date or wire type is refused (exit 3). The PIN is never
printed. A port the carrier rejects or cancels ends with its reason (exit
3): correct the port with Alianza, then run the same command to follow it.
A submission whose answer was lost exits 10: look ('port status --number
N') before running it again; run again, it finds a port that was
submitted. Numbers not routed after the port completed exit 8.`

func (a *app) portInCmd() *cobra.Command {
	var (
		specFile      string
		wait          bool
		poll, pollMax time.Duration
	)
	cmd := &cobra.Command{
		Use:   "in ACCOUNT --spec FILE",
		Short: "Submit a port-in from a JSON file, follow it to the end and route its numbers",
		Long:  portInLong,
		Args:  exactArgs("ACCOUNT"),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			if specFile == "" {
				return usage("--spec FILE is required (- reads stdin)")
			}
			if a.fake {
				if !cmd.Flags().Changed("poll") {
					poll = fakePortPoll
				}
				if !cmd.Flags().Changed("poll-max") {
					pollMax = fakePortPoll
				}
			}
			if poll <= 0 || pollMax <= 0 {
				return usage("--poll %s and --poll-max %s: must be more than 0", poll, pollMax)
			}
			spec, username, err := readPortInFile(specFile, a.stdin)
			if err != nil {
				return err
			}
			acct, err := a.account(ctx, args[0])
			if err != nil {
				return err
			}
			spec.AccountID = acct.ID
			if username != "" {
				if spec.UserID, err = a.userByName(ctx, acct.ID, username); err != nil {
					return err
				}
			}
			c, err := a.crm()
			if err != nil {
				return err
			}
			showSteps := a.stderrTTY || !a.jsonOut
			res, err := c.PortIn(ctx, spec, &crm.PortInOptions{
				PollInterval: poll, MaxPollInterval: pollMax, SubmitOnly: !wait,
				Progress: func(s crm.Step) {
					if showSteps {
						fmt.Fprintf(a.stderr, "%s  %s: %s\n", time.Now().Format("2006-01-02 15:04:05"), s.Name, result(s.Err))
					}
				},
			})
			if res == nil {
				return err
			}
			v := portInView{PortID: res.PortID, AccountNumber: acct.AccountNumber, AccountID: acct.ID, Numbers: spec.Numbers,
				Status: res.Status, Resumed: res.Resumed, Waited: wait, Routed: res.Routed, Steps: []stepView{}}
			if v.Routed == nil {
				v.Routed = []string{}
			}
			for _, s := range res.Steps {
				v.Steps = append(v.Steps, stepView{Step: s.Name, ID: s.ID, Result: result(s.Err)})
			}
			err = portInError(err, res)
			if perr := a.emit(v, func(w io.Writer) error { return writePortIn(w, v) }); perr != nil {
				return errors.Join(err, perr)
			}
			a.portInAdvice(err, v)
			return err
		},
	}
	f := cmd.Flags()
	f.StringVar(&specFile, "spec", "", "the port: a JSON file, or - for stdin (see above)")
	f.BoolVar(&wait, "wait", true, "follow the port until it ends and route its numbers (--wait=false: submit and return)")
	f.DurationVar(&poll, "poll", crm.DefaultPortPollInterval, "first wait between polls of the port, doubling up to --poll-max (--fake: 1s)")
	f.DurationVar(&pollMax, "poll-max", crm.DefaultPortPollMaxInterval, "longest wait between polls of the port (--fake: 1s)")
	return cmd
}

// portInError turns a routing failure after the port completed into an
// incomplete run (exit 8): the port is done, some numbers are not routed.
func portInError(err error, res *crm.PortInResult) error {
	completed := res.Status == alianza.ActivationStatusCompleted || res.Status == alianza.ActivationStatusCorrectedCompleted
	if err == nil || !completed || errors.Is(err, context.Canceled) {
		return err
	}
	var failures []crm.Failure
	for _, s := range res.Steps {
		if s.Err != nil {
			failures = append(failures, crm.Failure{What: s.Name, Err: s.Err})
		}
	}
	if len(failures) == 0 {
		return err
	}
	return &crm.IncompleteError{Op: "port in", Failures: failures}
}

// portInAdvice tells the operator, on stderr, what to do after a run that
// did not finish the port.
func (a *app) portInAdvice(err error, v portInView) {
	if a.jsonOut {
		return
	}
	follow := fmt.Sprintf("alianza port status --account %s --number %s --wait", v.AccountNumber, v.Numbers[0])
	var pf *crm.PortFailedError
	switch {
	case errors.As(err, &pf) && pf.Status == alianza.ActivationStatusRejected:
		a.note("The carrier rejected port %s. Correct it with Alianza (the customer record must match the losing carrier's), then run the same command to follow it.", pf.PortID)
	case errors.As(err, &pf):
		a.note("Port %s ended %s: its numbers left the account. Submit a new port to bring them over.", pf.PortID, pf.Status)
	case errors.Is(err, alianza.ErrOutcomeUnknown):
		a.note("Look with '%s' (without --wait) first: run again, port in finds a port that was submitted and follows it instead of submitting another.",
			strings.TrimSuffix(follow, " --wait"))
	case errors.Is(err, context.Canceled) && v.PortID != "":
		a.note("Port %s stays submitted. Run the same command to resume it, or follow it with '%s'.", v.PortID, follow)
	case err == nil && !v.Waited && !v.Status.Final():
		msg := "Follow it with '" + follow + "', or run the same command with --wait to route the numbers once it completes."
		if a.fake {
			msg += " (Under --fake the port is gone once this command returns: use --wait.)"
		}
		a.note("%s", msg)
	}
}

func writePortIn(w io.Writer, v portInView) error {
	if err := kv(w, "Port", v.PortID, "Account", v.AccountNumber+" ("+v.AccountID+")", "Numbers", strings.Join(v.Numbers, ", "),
		"Status", v.Status, "Resumed", yesNo(v.Resumed), "Routed", strings.Join(v.Routed, ", ")); err != nil {
		return err
	}
	fmt.Fprintf(w, "%d step(s):\n", len(v.Steps))
	t := newTable(w, "  STEP", "ID", "RESULT")
	for _, s := range v.Steps {
		t.row("  "+s.Step, s.ID, s.Result)
	}
	return t.flush()
}

// userByName finds the id of the account's user with this username.
func (a *app) userByName(ctx context.Context, accountID, username string) (string, error) {
	api, err := a.client()
	if err != nil {
		return "", err
	}
	users, err := api.Users.List(ctx, accountID, &alianza.ListUsersOptions{LimitedData: true})
	if err != nil {
		return "", fmt.Errorf("looking up routing user %s: %w", username, err)
	}
	for _, u := range users {
		if strings.EqualFold(u.Username, username) {
			return u.ID, nil
		}
	}
	return "", fmt.Errorf("routing: no user %s on the account: %w", username, alianza.ErrNotFound)
}
