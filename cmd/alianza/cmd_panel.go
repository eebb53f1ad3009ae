package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/crm"
)

// panelView is the status panel (the CRM integration's "Status Section") with JSON
// names. Its SIP passwords are scrubbed by emit unless --show-secrets.
type panelView struct {
	AccountNumber   string                `json:"accountNumber"`
	AccountName     string                `json:"accountName"`
	AccountID       string                `json:"accountId"`
	Status          alianza.AccountStatus `json:"status"`
	PlatformType    alianza.PlatformType  `json:"platformType"`
	AccountType     alianza.AccountType   `json:"accountType"`
	BillingCycleDay int                   `json:"billingCycleDay"`
	ProductPlans    []string              `json:"productPlans"`
	CallingPlans    []callingPlanView     `json:"callingPlans"`
	SIPLines        []lineView            `json:"sipLines"`
	Failures        []string              `json:"failures,omitempty"`
}

type callingPlanView struct {
	StartDate        string `json:"startDate,omitempty"`
	PlanMinutes      int    `json:"planMinutes"`
	SecondsRemaining int64  `json:"secondsRemaining"`
	For              string `json:"for,omitempty"`
	ProductID        string `json:"callingPlanProductId,omitempty"`
}

func newPanelView(p *crm.Panel) panelView {
	v := panelView{
		AccountNumber: p.AccountNumber, AccountName: p.AccountName, AccountID: p.AccountID, Status: p.Status,
		PlatformType: p.PlatformType, AccountType: p.AccountType, BillingCycleDay: p.BillingCycleDay,
		ProductPlans: []string{}, CallingPlans: []callingPlanView{}, SIPLines: linesView(p.SIPLines),
	}
	for _, pp := range p.ProductPlans {
		v.ProductPlans = append(v.ProductPlans, string(pp.ID))
	}
	for _, cp := range p.CallingPlans {
		c := callingPlanView{PlanMinutes: cp.PlanMinutes, SecondsRemaining: cp.SecondsRemaining, For: string(cp.ReferenceType), ProductID: cp.CallingPlanProductID}
		if !cp.StartDate.IsZero() {
			c.StartDate = cp.StartDate.Format("2006-01-02")
		}
		v.CallingPlans = append(v.CallingPlans, c)
	}
	for _, f := range p.Failures {
		v.Failures = append(v.Failures, f.Error())
	}
	return v
}

func (a *app) accountStatusCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "status ACCOUNT",
		Short: "Show the account's status panel: settings, plans, SIP lines",
		Long: `Show the account's status panel, as the CRM's customer page does:
account number, name, status, platform type, product plans, billing cycle
day, calling plans and SIP lines. SIP passwords are REDACTED unless
--show-secrets. An account that does not exist prints "Customer not enabled
in Alianza" and exits 7; a panel with parts that could not be read is shown
with what is missing and exits 8.`,
		Args: exactArgs("ACCOUNT"),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, l, err := a.crmLink(args[0])
			if err != nil {
				return err
			}
			p, err := c.Panel(cmd.Context(), l)
			if errors.Is(err, crm.ErrNotEnabled) {
				if !a.jsonOut {
					fmt.Fprintln(a.stdout, "Customer not enabled in Alianza")
				}
				return err
			}
			if p == nil {
				return err
			}
			v := newPanelView(p)
			if perr := a.emit(v, func(w io.Writer) error { return a.writePanel(w, v) }); perr != nil {
				return perr
			}
			return err
		},
	}
}

// writePanel lays the panel out as the CRM's status section does. It is the
// console's own rather than crm.Panel.WriteText, which always redacts:
// --show-secrets must be able to show the SIP passwords.
func (a *app) writePanel(w io.Writer, v panelView) error {
	plans := strings.Join(v.ProductPlans, ", ")
	err := kv(w, "Account Number", v.AccountNumber, "Account Name", v.AccountName, "Account Status", v.Status,
		"Platform Type", v.PlatformType, "Product Plans", plans, "Billing Cycle Day", v.BillingCycleDay)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nCalling Plans (%d)\n", len(v.CallingPlans))
	if len(v.CallingPlans) > 0 {
		t := newTable(w, "  START DATE", "PLAN MINUTES", "SECONDS REMAINING", "FOR")
		for _, c := range v.CallingPlans {
			t.row("  "+dash(c.StartDate), c.PlanMinutes, c.SecondsRemaining, c.For)
		}
		if err := t.flush(); err != nil {
			return err
		}
	}
	fmt.Fprintf(w, "\nSIP Lines (%d)\n", len(v.SIPLines))
	if len(v.SIPLines) > 0 {
		if err := a.writeLines(w, "  ", v.SIPLines); err != nil {
			return err
		}
	}
	if len(v.Failures) > 0 {
		fmt.Fprintf(w, "\nIncomplete: %d part(s) could not be read\n", len(v.Failures))
		for _, f := range v.Failures {
			fmt.Fprintf(w, "  - %s\n", f)
		}
	}
	return nil
}
