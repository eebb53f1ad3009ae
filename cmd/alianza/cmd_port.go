package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/go-alianza/alianza"
)

func (a *app) portCmd() *cobra.Command {
	return group("port", "Port-in requests: prevalidate numbers, submit (in), follow, get, trigger or cancel a port",
		a.portPrevalidateCmd(), a.portInCmd(), a.portGetCmd(), a.portCancelCmd(), a.portTriggerCmd(), a.portStatusCmd())
}

type prevalidateRow struct {
	Number       string   `json:"number"`
	Portable     bool     `json:"portable"`
	Carrier      string   `json:"carrier,omitempty"`
	Wireless     bool     `json:"wireless"`
	EarliestCRD  string   `json:"earliestCRD,omitempty"`
	LatestCRD    string   `json:"latestCRD,omitempty"`
	Dates        []string `json:"availableDates,omitempty"`
	RecordsFound int      `json:"recordsFound"`
	Reason       string   `json:"reason,omitempty"`
}

func (a *app) portPrevalidateCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "prevalidate NUMBER...",
		Short: "Ask the carrier whether numbers can port in, and on which dates",
		Long: `Ask the carrier, one number at a time, whether each number can port in: the
customer request dates (CRD) it accepts, whether the number is wireless (the
port then needs the wireless account number and PIN) and how many customer
records it found. NUMBER is 10 or 11 digits.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usage("%s: want at least one NUMBER", cmd.CommandPath())
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			numbers := make([]string, len(args))
			for i, n := range args {
				tn, err := telephoneNumber("NUMBER", n)
				if err != nil {
					return err
				}
				numbers[i] = tn
			}
			api, err := a.client()
			if err != nil {
				return err
			}
			rows := make([]prevalidateRow, 0, len(args))
			for _, n := range numbers {
				av, err := api.Prevalidation.Port(cmd.Context(), &alianza.PortPrevalidationRequest{Numbers: []string{n}})
				if err != nil {
					return fmt.Errorf("prevalidating %s: %w", n, err)
				}
				reason := av.Exception
				if reason == "" {
					reason = av.ThirdPartyResultMessage
				}
				rows = append(rows, prevalidateRow{
					Number: n, Portable: av.ServiceAvailable, Carrier: string(av.CarrierType), Wireless: av.WirelessPort,
					EarliestCRD: av.EarliestCRD, LatestCRD: av.LatestCRD, Dates: av.AvailabilityList,
					RecordsFound: len(av.ResultCSRs), Reason: reason,
				})
			}
			return a.emit(rows, func(w io.Writer) error {
				t := newTable(w, "NUMBER", "PORTABLE", "CARRIER", "WIRELESS", "EARLIEST CRD", "LATEST CRD", "RECORDS", "REASON")
				for _, r := range rows {
					t.row(r.Number, yesNo(r.Portable), r.Carrier, yesNo(r.Wireless), r.EarliestCRD, r.LatestCRD, r.RecordsFound, r.Reason)
				}
				return t.flush()
			})
		},
	}
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

type portView struct {
	PortID        string                `json:"portId"`
	AccountID     string                `json:"accountId"`
	Status        alianza.CarrierStatus `json:"status,omitempty"`
	Numbers       []string              `json:"numbers,omitempty"`
	BillingNumber string                `json:"billingTelephoneNumber,omitempty"`
	WireType      string                `json:"portingWireType,omitempty"`
	AuthorizedBy  string                `json:"portingAuthorizedName,omitempty"`
	CRD           time.Time             `json:"crdDate,omitzero"`
	FOC           time.Time             `json:"focDate,omitzero"`
	Created       time.Time             `json:"createdDate,omitzero"`
	Completed     time.Time             `json:"completedDate,omitzero"`
	CancelType    string                `json:"cancelType,omitempty"`
}

func newPortView(p *alianza.Port) portView {
	return portView{
		PortID: p.ID, AccountID: p.AccountID, Status: p.Status, Numbers: p.TelephoneNumbers,
		BillingNumber: p.BillingTelephoneNumber, WireType: string(p.PortingWireType), AuthorizedBy: p.PortingAuthorizedName,
		CRD: p.CrdDate, FOC: p.FocDate, Created: p.CreatedDate, Completed: p.CompletedDate, CancelType: string(p.CancelType),
	}
}

// portArgs resolves ACCOUNT PORT_ID.
func (a *app) portArgs(ctx context.Context, args []string) (*alianza.Client, *alianza.Account, string, error) {
	acct, err := a.account(ctx, args[0])
	if err != nil {
		return nil, nil, "", err
	}
	api, err := a.client()
	if err != nil {
		return nil, nil, "", err
	}
	return api, acct, args[1], nil
}

func (a *app) portGetCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "get ACCOUNT PORT_ID",
		Short: "Show a port request (never its wireless PIN)",
		Args:  exactArgs("ACCOUNT", "PORT_ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			api, acct, id, err := a.portArgs(cmd.Context(), args)
			if err != nil {
				return err
			}
			p, err := api.Ports.Get(cmd.Context(), acct.ID, id)
			if err != nil {
				return err
			}
			v := newPortView(p)
			return a.emit(v, func(w io.Writer) error {
				return kv(w, "Port", v.PortID, "Account", acct.AccountNumber+" ("+v.AccountID+")", "Status", v.Status,
					"Numbers", strings.Join(v.Numbers, ", "), "Billing number", v.BillingNumber, "Wire type", v.WireType,
					"Authorized by", v.AuthorizedBy, "CRD", fmtTime(v.CRD), "FOC", fmtTime(v.FOC), "Created", fmtTime(v.Created),
					"Completed", fmtTime(v.Completed), "Cancel type", v.CancelType)
			})
		},
	}
}

func (a *app) portCancelCmd() *cobra.Command {
	var g guard
	cmd := &cobra.Command{
		Use:   "cancel ACCOUNT PORT_ID",
		Short: "Cancel a port in progress (asks first; its numbers leave the account)",
		Long: `Cancel a port that is still in progress. The port and its numbers are shown
first and the console asks for confirmation (--yes skips it, --dry-run only
shows). A port that completed or was already cancelled is refused (exit 3)
before the question; a rejected port can still be cancelled.`,
		Args: exactArgs("ACCOUNT", "PORT_ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			api, acct, id, err := a.portArgs(ctx, args)
			if err != nil {
				return err
			}
			p, err := api.Ports.Get(ctx, acct.ID, id)
			if err != nil {
				return err
			}
			if how := portEnded(p); how != "" {
				// Alianza answers 400 to the cancel: say why before asking.
				return fmt.Errorf("%w: port %s of account %s was already %s (status %s): there is nothing to cancel",
					alianza.ErrValidation, id, acct.AccountNumber, how, p.Status)
			}
			v := deleteView{Account: args[0], AccountNumber: acct.AccountNumber, AccountID: acct.ID, DryRun: g.dryRun,
				Steps: []stepView{{Step: fmt.Sprintf("cancel port %s (%s, %s)", id, strings.Join(p.TelephoneNumbers, ", "), p.Status), ID: id, Result: "planned"}}}
			if g.dryRun {
				return a.emit(v, func(w io.Writer) error { return writeSteps(w, "Dry run: cancel port", v) })
			}
			if err := a.confirm(&g, fmt.Sprintf("Cancel port %s of account %s (numbers %s)", id, acct.AccountNumber, strings.Join(p.TelephoneNumbers, ", "))); err != nil {
				return err
			}
			err = api.Ports.Cancel(ctx, acct.ID, id)
			v.Steps[0].Result = result(err)
			if perr := a.emit(v, func(w io.Writer) error { return writeSteps(w, "Cancel port", v) }); perr != nil {
				return perr
			}
			return err
		},
	}
	g.flags(cmd)
	return cmd
}

// portEnded says how a port ended, "cancelled" or "completed", or "" while
// it can still be cancelled. A rejected port has not ended: it can be
// corrected and resubmitted, or cancelled to give its numbers up.
func portEnded(p *alianza.Port) string {
	switch {
	case p.Status == alianza.CarrierStatusCancelPortComplete, p.CancelType != "",
		alianza.ActivationStatus(p.Status) == alianza.ActivationStatusCancelled,
		alianza.ActivationStatus(p.Status) == alianza.ActivationStatusCarrierCancelled:
		return "cancelled"
	case !p.CompletedDate.IsZero(),
		alianza.ActivationStatus(p.Status) == alianza.ActivationStatusCompleted,
		alianza.ActivationStatus(p.Status) == alianza.ActivationStatusCorrectedCompleted:
		return "completed"
	}
	return ""
}

func (a *app) portTriggerCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "trigger ACCOUNT PORT_ID",
		Short: "Trigger a port on its FOC date, before the carrier's automatic time",
		Long: `Ask the carrier to move the numbers now. It works on the FOC date only, until
the carrier's automatic trigger time; before the FOC date it is refused (exit 3).`,
		Args: exactArgs("ACCOUNT", "PORT_ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			api, acct, id, err := a.portArgs(cmd.Context(), args)
			if err != nil {
				return err
			}
			if err := api.Ports.Trigger(cmd.Context(), acct.ID, id); err != nil {
				return err
			}
			v := map[string]string{"portId": id, "accountId": acct.ID, "result": "triggered"}
			return a.emit(v, func(w io.Writer) error {
				_, err := fmt.Fprintf(w, "Port %s triggered\n", id)
				return err
			})
		},
	}
}

type portStatusRow struct {
	PortID    string                   `json:"portId"`
	AccountID string                   `json:"accountId"`
	Number    string                   `json:"mainTelephoneNumber,omitempty"`
	Numbers   []string                 `json:"telephoneNumbers,omitempty"`
	Status    alianza.ActivationStatus `json:"status"`
	FOC       time.Time                `json:"focDate,omitzero"`
	CRD       time.Time                `json:"crdDate,omitzero"`
	Updated   time.Time                `json:"lastUpdatedDate,omitzero"`
	Message   string                   `json:"message,omitempty"`
}

func (a *app) portStatusCmd() *cobra.Command {
	var (
		account, number string
		wait            bool
		poll            time.Duration
	)
	cmd := &cobra.Command{
		Use:   "status",
		Short: "List port requests and where each stands; --wait follows them to the end",
		Long: `List the partition's port requests (service activation events of type
PORT_REQUEST) with their status: PENDING, IN_PROGRESS, FOC_RECEIVED (the
carrier set the firm order commitment date), then COMPLETED, or REJECTED or
CANCELLED. --account and --number narrow the list. With --wait the console
polls every --poll until every listed port has ended (progress on stderr
when stderr is a terminal);
interrupt it at any time (exit 130). Under --fake each command starts a
fresh fake, which holds no port: run the fake server (alianza-fake
-port-step 2s) and point the console at it to follow one.`,
		Args: exactArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if poll <= 0 {
				return usage("--poll %s: must be more than 0", poll)
			}
			tn := ""
			if number != "" {
				var err error
				if tn, err = telephoneNumber("--number", number); err != nil {
					return err
				}
			}
			api, err := a.client()
			if err != nil {
				return err
			}
			opts := &alianza.StatusSearchOptions{EventTypes: []alianza.ServiceActivationType{alianza.ServiceActivationTypePortRequest}}
			if account != "" {
				acct, err := a.account(ctx, account)
				if err != nil {
					return err
				}
				opts.AccountID = acct.ID
			}
			opts.TelephoneNumber = tn
			bar := a.progress("ports")
			var rows []portStatusRow
			for {
				rows, err = portStatus(ctx, api, opts)
				if err != nil {
					bar.finish()
					return err
				}
				final := 0
				for _, r := range rows {
					if r.Status.Final() {
						final++
					}
				}
				bar.set(final, len(rows))
				if !wait || final == len(rows) {
					break
				}
				t := time.NewTimer(poll)
				select {
				case <-ctx.Done():
					t.Stop()
					bar.finish()
					return ctx.Err()
				case <-t.C:
				}
			}
			bar.finish()
			return a.emit(rows, func(w io.Writer) error {
				t := newTable(w, "PORT", "NUMBER", "STATUS", "FOC", "CRD", "UPDATED", "MESSAGE")
				for _, r := range rows {
					t.row(r.PortID, r.Number, r.Status, fmtTime(r.FOC), fmtTime(r.CRD), fmtTime(r.Updated), r.Message)
				}
				return t.flush()
			})
		},
	}
	f := cmd.Flags()
	f.StringVar(&account, "account", "", "only the ports of this account (as --by says)")
	f.StringVar(&number, "number", "", "only the port of this telephone number")
	f.BoolVar(&wait, "wait", false, "poll until every listed port has ended")
	f.DurationVar(&poll, "poll", time.Minute, "time between polls with --wait")
	return cmd
}

func portStatus(ctx context.Context, api *alianza.Client, opts *alianza.StatusSearchOptions) ([]portStatusRow, error) {
	var rows []portStatusRow
	for e, err := range api.Ports.StatusSearch(ctx, opts) {
		if err != nil {
			return nil, err
		}
		msg := ""
		for i := len(e.Logs) - 1; i >= 0 && msg == ""; i-- {
			msg = e.Logs[i].Message
		}
		rows = append(rows, portStatusRow{
			PortID: e.ReferenceID, AccountID: e.AccountID, Number: e.MainTelephoneNumber, Numbers: e.SubTelephoneNumbers,
			Status: e.ActivationStatusType, FOC: e.FocDate, CRD: e.CrdDate, Updated: e.LastUpdatedDate, Message: msg,
		})
	}
	return rows, nil
}
