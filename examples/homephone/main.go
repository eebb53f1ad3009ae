// Command homephone creates a Home Phone account (SIMPLE: one user, one
// number, one ATA, no extensions) for a residential customer whose CRM
// billing day is the 31st, then prints its status panel.
//
// It runs against an in-process fake unless ALIANZA_BASE_URL,
// ALIANZA_USERNAME and ALIANZA_PASSWORD are set; ALIANZA_EXAMPLE_ACCOUNT
// sets the account number.
package main

import (
	"context"
	"fmt"
	"io"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/crm"
	"github.com/go-alianza/alianza/examples/internal/exampleenv"
)

func main() { exampleenv.Main("homephone", run) }

func run(ctx context.Context, w io.Writer, getenv func(string) string) error {
	env, err := exampleenv.Connect(getenv)
	if err != nil {
		return err
	}
	defer env.Close()
	number := exampleenv.AccountNumber(getenv, "HOME-3001")
	fmt.Fprintf(w, "Provisioning Home Phone account %s on %s\n\n", number, env.Where)

	spec := &crm.AccountSpec{
		AccountNumber: number, AccountName: "Carol Jones", Type: alianza.AccountTypeSimple,
		BillingCycleDay: 31, TimeZone: alianza.TimeZoneUSCentral, DialingBehavior: alianza.DialingBehaviorTypeTenDigit,
		Users: []crm.UserSpec{{Key: "carol", Username: "carol." + number, FirstName: "Carol", LastName: "Jones"}},
		Numbers: []crm.NumberSpec{{
			Key: "home", Address: "123 S Jefferson St, Houston, TX", PostalCode: "77002",
			CustomerType: alianza.CustomerTypeResidential, FirstName: "Carol", LastName: "Jones",
			User: "carol", CallerID: true,
		}},
		// No SIP credentials given: the platform generates them, and the
		// panel shows where the ATA gets them from.
		Devices: []crm.DeviceSpec{{User: "carol", Name: "Kitchen ATA", DeviceTypeID: "SPA112", MAC: "AA-BB-CC-30-01-01"}},
	}
	res, err := env.CRM.Provision(ctx, spec, &crm.ProvisionOptions{Rollback: true})
	if res != nil {
		fmt.Fprintln(w, "Steps:")
		exampleenv.PrintSteps(w, res.Steps)
		exampleenv.PrintSteps(w, res.Rollback)
		for _, n := range res.Notes {
			fmt.Fprintln(w, "  note:", n)
		}
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "\nStatus panel:")
	p, err := env.CRM.Panel(ctx, crm.ByPhoneNumber(res.Numbers["home"]))
	if p != nil {
		if werr := p.WriteText(w); werr != nil {
			return werr
		}
	}
	return err
}
