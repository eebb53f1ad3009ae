package main

import (
	"context"
	"fmt"
	"io"
	"slices"

	"github.com/spf13/cobra"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/crm"
)

// stepView is one step of a destructive workflow. Result is "planned"
// (dry run), "done", "failed: <why>" or "not attempted".
type stepView struct {
	Step   string `json:"step"`
	ID     string `json:"id,omitempty"`
	Result string `json:"result"`
}

type deleteView struct {
	Account       string     `json:"account"`
	AccountNumber string     `json:"accountNumber"`
	AccountID     string     `json:"accountId"`
	DryRun        bool       `json:"dryRun"`
	Steps         []stepView `json:"steps"`
	Deleted       bool       `json:"deleted"`
}

// writeSteps shows the steps under a title such as "Dry run: teardown".
func writeSteps(w io.Writer, title string, v deleteView) error {
	fmt.Fprintf(w, "%s of account %s (%s): %d step(s)\n", title, v.AccountNumber, v.AccountID, len(v.Steps))
	t := newTable(w, "  STEP", "RESULT")
	for _, s := range v.Steps {
		t.row("  "+s.Step, s.Result)
	}
	if err := t.flush(); err != nil {
		return err
	}
	if v.Deleted {
		_, err := fmt.Fprintf(w, "Account %s deleted\n", v.AccountNumber)
		return err
	}
	return nil
}

// accountNumbers lists the numbers on an account, sorted.
func (a *app) accountNumbers(ctx context.Context, acct *alianza.Account) ([]string, error) {
	api, err := a.client()
	if err != nil {
		return nil, err
	}
	tns, err := api.TelephoneNumbers.List(ctx, acct.ID, &alianza.ListAccountTelephoneNumbersOptions{LimitedData: true})
	if err != nil {
		return nil, fmt.Errorf("listing the numbers of account %s: %w", acct.AccountNumber, err)
	}
	out := make([]string, 0, len(tns))
	for _, n := range tns {
		out = append(out, n.PhoneNumber)
	}
	slices.Sort(out)
	return out, nil
}

func (a *app) accountDeleteCmd() *cobra.Command {
	var g guard
	cmd := &cobra.Command{
		Use:   "delete ACCOUNT",
		Short: `Delete an account that has no numbers (the console's "Account: Delete")`,
		Long: `Delete an account (the CRM console's "Account: Delete"). Alianza
refuses to delete an account that still has telephone numbers: this command
then stops before sending anything and points to "account teardown", which
deletes the numbers first.`,
		Args: exactArgs("ACCOUNT"),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			acct, err := a.account(ctx, args[0])
			if err != nil {
				return err
			}
			tns, err := a.accountNumbers(ctx, acct)
			if err != nil {
				return err
			}
			if len(tns) > 0 {
				return fmt.Errorf("%w: account %s still has %d telephone number(s) and Alianza refuses to delete it; use 'alianza account teardown %s' to delete the numbers, then the account",
					alianza.ErrValidation, acct.AccountNumber, len(tns), args[0])
			}
			v := deleteView{Account: args[0], AccountNumber: acct.AccountNumber, AccountID: acct.ID, DryRun: g.dryRun,
				Steps: []stepView{{Step: "delete account " + acct.AccountNumber, ID: acct.ID, Result: "planned"}}}
			if g.dryRun {
				return a.emit(v, func(w io.Writer) error { return writeSteps(w, "Dry run: delete", v) })
			}
			if err := a.confirm(&g, fmt.Sprintf("Delete account %s (%s, %s)", acct.AccountNumber, acct.AccountName, acct.ID)); err != nil {
				return err
			}
			api, err := a.client()
			if err != nil {
				return err
			}
			err = api.Accounts.Delete(ctx, acct.ID)
			v.Steps[0].Result, v.Deleted = result(err), err == nil
			if perr := a.emit(v, func(w io.Writer) error { return writeSteps(w, "Delete", v) }); perr != nil {
				return perr
			}
			return err
		},
	}
	g.flags(cmd)
	return cmd
}

func result(err error) string {
	if err != nil {
		return "failed: " + err.Error()
	}
	return "done"
}

func (a *app) accountTeardownCmd() *cobra.Command {
	var (
		g           guard
		concurrency int
	)
	cmd := &cobra.Command{
		Use:   "teardown ACCOUNT",
		Short: "Delete every telephone number of the account, then the account",
		Long: `Delete every telephone number of the account, a few at a time, then the
account: the platform refuses to delete an account that has numbers. Each step
is reported. When a number cannot be deleted the account is kept and the
command exits 8; running it again picks up where it stopped.`,
		Args: exactArgs("ACCOUNT"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkConcurrency(concurrency); err != nil {
				return err
			}
			ctx := cmd.Context()
			acct, err := a.account(ctx, args[0])
			if err != nil {
				return err
			}
			tns, err := a.accountNumbers(ctx, acct)
			if err != nil {
				return err
			}
			plan := deleteView{Account: args[0], AccountNumber: acct.AccountNumber, AccountID: acct.ID, DryRun: true}
			for _, tn := range tns {
				plan.Steps = append(plan.Steps, stepView{Step: "delete number " + tn, ID: tn, Result: "planned"})
			}
			plan.Steps = append(plan.Steps, stepView{Step: "delete account " + acct.AccountNumber, ID: acct.ID, Result: "planned"})
			if g.dryRun {
				return a.emit(plan, func(w io.Writer) error { return writeSteps(w, "Dry run: teardown", plan) })
			}
			if !g.yes {
				_ = writeSteps(a.stderr, "Plan: teardown", plan)
			}
			q := fmt.Sprintf("Delete %d number(s) and account %s (%s)", len(tns), acct.AccountNumber, acct.AccountName)
			if err := a.confirm(&g, q); err != nil {
				return err
			}
			c, err := a.crm()
			if err != nil {
				return err
			}
			bar := a.progress("teardown " + acct.AccountNumber)
			// Linked by the id found above, so the teardown deletes the
			// account that was shown and confirmed.
			res, err := c.Teardown(ctx, crm.ByID(acct.ID), &crm.TeardownOptions{Concurrency: concurrency,
				Progress: func(p crm.TeardownProgress) { bar.set(p.Done, p.Total) }})
			bar.finish()
			if res == nil {
				return err
			}
			v := teardownView(args[0], acct, res)
			if perr := a.emit(v, func(w io.Writer) error { return writeSteps(w, "Teardown", v) }); perr != nil {
				return perr
			}
			return err
		},
	}
	g.flags(cmd)
	cmd.Flags().IntVar(&concurrency, "concurrency", 0, concurrencyHelp("number deletes in flight at once"))
	return cmd
}

func teardownView(name string, acct *alianza.Account, res *crm.TeardownResult) deleteView {
	v := deleteView{Account: name, AccountNumber: acct.AccountNumber, AccountID: acct.ID, Deleted: res.AccountDeleted}
	for _, st := range res.Numbers {
		v.Steps = append(v.Steps, stepView{Step: st.Name, ID: st.ID, Result: result(st.Err)})
	}
	// A zero account step means crm.Teardown did not try it: a number
	// is still on the account, which the platform would refuse.
	acctStep := stepView{Step: "delete account " + acct.AccountNumber, ID: acct.ID, Result: "not attempted"}
	if res.Account.Name != "" {
		acctStep.Result = result(res.Account.Err)
	}
	v.Steps = append(v.Steps, acctStep)
	return v
}

// concurrencyHelp is the help of a --concurrency flag, whose 0 means the
// CRM client's default.
func concurrencyHelp(what string) string {
	return fmt.Sprintf("%s, 1 or more (0: %d)", what, crm.DefaultConcurrency)
}

// checkConcurrency refuses a negative --concurrency, before anything is
// looked up, shown or asked.
func checkConcurrency(n int) error {
	if n < 0 {
		return usage("--concurrency %d: want 1 or more (0: %d)", n, crm.DefaultConcurrency)
	}
	return nil
}
