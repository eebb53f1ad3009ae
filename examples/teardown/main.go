// Command teardown deletes an account the only way the platform allows:
// every telephone number first, a few at a time, then the account, with a
// progress bar.
//
// With -account it tears down that account. Without, it first creates a
// throw-away account with a dozen numbers, so there is something to
// delete. It runs against an in-process fake unless ALIANZA_BASE_URL,
// ALIANZA_USERNAME and ALIANZA_PASSWORD are set.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/crm"
	"github.com/go-alianza/alianza/examples/internal/exampleenv"
)

func main() {
	account := flag.String("account", "", "account number to tear down (default: create a throw-away one first)")
	flag.Parse()
	exampleenv.Main("teardown", func(ctx context.Context, w io.Writer, getenv func(string) string) error {
		return run(ctx, w, getenv, *account)
	})
}

func run(ctx context.Context, w io.Writer, getenv func(string) string, account string) error {
	env, err := exampleenv.Connect(getenv)
	if err != nil {
		return err
	}
	defer env.Close()
	if account == "" {
		account = exampleenv.AccountNumber(getenv, "TEMP-4001")
		fmt.Fprintf(w, "Creating %s with 12 numbers on %s\n", account, env.Where)
		if err := throwAway(ctx, env.CRM, account, 12); err != nil {
			return err
		}
	}

	fmt.Fprintf(w, "Tearing down %s\n", account)
	res, err := env.CRM.Teardown(ctx, crm.ByAccountNumber(account), &crm.TeardownOptions{
		Concurrency: 4,
		Progress: func(p crm.TeardownProgress) {
			const width = 30
			filled := width * p.Done / p.Total
			mark := ""
			if !p.Step.OK() {
				mark = " FAILED: " + p.Step.Err.Error()
			}
			fmt.Fprintf(w, "  [%s%s] %2d/%d %s%s\n", strings.Repeat("#", filled), strings.Repeat(".", width-filled), p.Done, p.Total, p.Step.Name, mark)
		},
	})
	if errors.Is(err, crm.ErrNotEnabled) {
		fmt.Fprintf(w, "%s is not in Alianza: nothing to do\n", account)
		return nil
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Deleted %d number(s) and account %s\n", len(res.Numbers), res.AccountNumber)
	return nil
}

// throwAway provisions an account holding n numbers near one address.
func throwAway(ctx context.Context, c *crm.Client, account string, n int) error {
	spec := &crm.AccountSpec{
		AccountNumber: account, AccountName: "Temporary", Type: alianza.AccountTypeAdvanced, BillingCycleDay: 1,
		TimeZone: alianza.TimeZoneUSMountain, DialingBehavior: alianza.DialingBehaviorTypeTenDigit, ExtensionLength: 4,
	}
	for i := range n {
		spec.Numbers = append(spec.Numbers, crm.NumberSpec{
			Key: fmt.Sprintf("n%d", i+1), Address: "333 S 520 W, Lindon, UT", PostalCode: "84042",
			CustomerType: alianza.CustomerTypeBusiness, BusinessName: "Temporary",
		})
	}
	_, err := c.Provision(ctx, spec, &crm.ProvisionOptions{Rollback: true})
	return err
}
