package crm

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// WriteText writes the panel for a person to read, as the CRM's status
// section lays it out. SIP passwords print as REDACTED: a terminal or a
// log is not where they belong (the Panel itself holds the real ones).
func (p *Panel) WriteText(w io.Writer) error {
	bw := bufio.NewWriter(w)
	tw := tabwriter.NewWriter(bw, 0, 0, 2, ' ', 0)
	row := func(cells ...any) {
		for i, c := range cells {
			if i > 0 {
				fmt.Fprint(tw, "\t")
			}
			fmt.Fprint(tw, c)
		}
		fmt.Fprint(tw, "\n")
	}
	plans := make([]string, 0, len(p.ProductPlans))
	for _, pp := range p.ProductPlans {
		plans = append(plans, string(pp.ID))
	}
	row("Account Number:", p.AccountNumber)
	row("Account Name:", p.AccountName)
	row("Account Status:", p.Status)
	row("Platform Type:", p.PlatformType)
	row("Product Plans:", orNone(strings.Join(plans, ", ")))
	row("Billing Cycle Day:", p.BillingCycleDay)
	if err := tw.Flush(); err != nil {
		return err
	}

	fmt.Fprintf(bw, "\nCalling Plans (%d)\n", len(p.CallingPlans))
	if len(p.CallingPlans) > 0 {
		row("  Start Date", "Plan Minutes", "Seconds Remaining", "For")
		for _, cp := range p.CallingPlans {
			start := "-"
			if !cp.StartDate.IsZero() {
				start = cp.StartDate.Format("2006-01-02")
			}
			row("  "+start, cp.PlanMinutes, cp.SecondsRemaining, cp.ReferenceType)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}

	fmt.Fprintf(bw, "\nSIP Lines (%d)\n", len(p.SIPLines))
	if len(p.SIPLines) > 0 {
		row("  Line", "SIP Username", "SIP Password", "Display Name", "Emergency Number", "MAC Address")
		for _, l := range p.SIPLines {
			row(fmt.Sprintf("  %d", l.LineNumber), l.SIPUsername, orNone(l.SIPPassword.String()), orNone(l.DisplayName), orNone(l.EmergencyNumber), orNone(l.MACAddress))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}

	if len(p.Failures) > 0 {
		fmt.Fprintf(bw, "\nIncomplete: %d part(s) could not be read\n", len(p.Failures))
		for _, f := range p.Failures {
			fmt.Fprintf(bw, "  - %s\n", f.Error())
		}
	}
	return bw.Flush()
}

func orNone(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
