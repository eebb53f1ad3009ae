// Command billing runs a month-end export the way a billing system does:
// every account's call records of last month's billing cycle, streamed to
// a CSV file, then totalled per account (calls, billed minutes, cost) as
// an invoice run would read them.
//
// It runs against an in-process fake with the demo account unless
// ALIANZA_BASE_URL, ALIANZA_USERNAME and ALIANZA_PASSWORD are set.
// ALIANZA_EXAMPLE_PERIOD (YYYY-MM) and ALIANZA_EXAMPLE_BILLING_DAY (1 to
// 31) choose another cycle; ALIANZA_EXAMPLE_OUTPUT keeps the CSV at that
// path instead of a temporary file.
package main

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/go-alianza/alianza/alianzatest"
	"github.com/go-alianza/alianza/crm"
	"github.com/go-alianza/alianza/examples/internal/exampleenv"
)

func main() { exampleenv.Main("billing", run) }

func run(ctx context.Context, w io.Writer, getenv func(string) string) error {
	env, err := exampleenv.Connect(getenv, alianzatest.WithDemoData())
	if err != nil {
		return err
	}
	defer env.Close()
	period, err := billingPeriod(getenv, time.Now().UTC())
	if err != nil {
		return err
	}

	name := getenv("ALIANZA_EXAMPLE_OUTPUT")
	var f *os.File
	if name == "" {
		f, err = os.CreateTemp("", "alianza-billing-*.csv")
		if err == nil {
			defer os.Remove(f.Name())
		}
	} else {
		f, err = os.Create(name)
	}
	if err != nil {
		return err
	}
	defer f.Close()

	fmt.Fprintf(w, "Exporting call records from %s to %s on %s\n\n", period.StartDate, period.EndDate, env.Where)
	res, err := env.CRM.ExportCallRecords(ctx, f, crm.ExportOptions{
		Period: period,
		Progress: func(p crm.ExportProgress) {
			status := fmt.Sprintf("%d record(s)", p.Records)
			if p.Err != nil {
				status = "FAILED: " + p.Err.Error()
			}
			fmt.Fprintf(w, "  [%d/%d] %s %s\n", p.AccountsDone, p.AccountsTotal, p.AccountNumber, status)
		},
	})
	if res != nil {
		fmt.Fprintf(w, "\nWrote %d record(s) of %d account(s) to the CSV (%d bytes)\n", res.Records, res.Accounts, res.Checkpoint.Bytes)
	}
	if errors.Is(err, crm.ErrIncomplete) {
		// The written accounts are complete; a rerun with
		// ExportOptions.Resume set to res.Checkpoint adds the others.
		fmt.Fprintln(w, "Incomplete:", err)
	} else if err != nil {
		return err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	return printInvoiceTotals(w, f)
}

// billingPeriod is last month's cycle on billing day 1, unless the
// environment names another.
func billingPeriod(getenv func(string) string, now time.Time) (crm.BillingPeriod, error) {
	month := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, -1, 0)
	if s := getenv("ALIANZA_EXAMPLE_PERIOD"); s != "" {
		m, err := time.Parse("2006-01", s)
		if err != nil {
			return crm.BillingPeriod{}, fmt.Errorf("ALIANZA_EXAMPLE_PERIOD %q: want YYYY-MM", s)
		}
		month = m
	}
	day := 1
	if s := getenv("ALIANZA_EXAMPLE_BILLING_DAY"); s != "" {
		d, err := strconv.Atoi(s)
		if err != nil {
			return crm.BillingPeriod{}, fmt.Errorf("ALIANZA_EXAMPLE_BILLING_DAY %q: want a day, 1 to 31", s)
		}
		day = d
	}
	return crm.MonthlyPeriod(month.Year(), month.Month(), day)
}

// invoice totals one account's records.
type invoice struct {
	calls         int
	billedSeconds int64
	rated         int
	cost          float64
	inPlanSeconds int64
}

// printInvoiceTotals reads the export back, one record at a time, and
// prints each account's totals.
func printInvoiceTotals(w io.Writer, r io.Reader) error {
	cr := csv.NewReader(r)
	header, err := cr.Read()
	if err != nil {
		return fmt.Errorf("reading the export: %w", err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	totals := map[string]*invoice{}
	for {
		row, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("reading the export: %w", err)
		}
		acct := row[col["accountNumber"]]
		inv := totals[acct]
		if inv == nil {
			inv = &invoice{}
			totals[acct] = inv
		}
		billed, _ := strconv.ParseInt(row[col["billCallLengthSeconds"]], 10, 64)
		cost, _ := strconv.ParseFloat(row[col["cost"]], 64)
		inv.calls++
		inv.billedSeconds += billed
		inv.cost += cost
		if row[col["inPlan"]] == "true" {
			inv.inPlanSeconds += billed
		} else {
			inv.rated++
		}
	}
	fmt.Fprintln(w, "\nInvoice totals:")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  ACCOUNT\tCALLS\tBILLED MIN\tIN PLAN MIN\tRATED CALLS\tCOST")
	accounts := make([]string, 0, len(totals))
	for a := range totals {
		accounts = append(accounts, a)
	}
	slices.Sort(accounts)
	for _, a := range accounts {
		inv := totals[a]
		fmt.Fprintf(tw, "  %s\t%d\t%d\t%d\t%d\t%.2f\n", a, inv.calls, inv.billedSeconds/60, inv.inPlanSeconds/60, inv.rated, inv.cost)
	}
	return tw.Flush()
}
