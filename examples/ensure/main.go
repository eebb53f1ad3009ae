// Command ensure makes sure a business account exists as described, the
// way a provisioning job that may run more than once should: it calls
// crm.Ensure twice with the same spec and prints what each run did. The
// first run creates the account, its user, number, routing and desk
// phone; the second finds them all and writes nothing.
//
// It runs against an in-process fake unless ALIANZA_BASE_URL,
// ALIANZA_USERNAME and ALIANZA_PASSWORD are set; ALIANZA_EXAMPLE_ACCOUNT
// sets the account number.
package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/crm"
	"github.com/go-alianza/alianza/examples/internal/exampleenv"
)

func main() { exampleenv.Main("ensure", run) }

func run(ctx context.Context, w io.Writer, getenv func(string) string) error {
	env, err := exampleenv.Connect(getenv)
	if err != nil {
		return err
	}
	defer env.Close()
	number := exampleenv.AccountNumber(getenv, "ACME-2001")
	fmt.Fprintf(w, "Ensuring business account %s on %s\n", number, env.Where)

	spec := &crm.AccountSpec{
		AccountNumber: number, AccountName: "Acme Dental", Type: alianza.AccountTypeAdvanced,
		BillingCycleDay: 15, TimeZone: alianza.TimeZoneUSMountain,
		DialingBehavior: alianza.DialingBehaviorTypeOpenDialPlanTenDigit, ExtensionLength: 4,
		Users: []crm.UserSpec{{
			Key: "reception", Username: "reception." + number, FirstName: "Rita", LastName: "Reception", Extension: "2001",
		}},
		Numbers: []crm.NumberSpec{{
			Key: "main", Address: "333 S 520 W, Lindon, UT", PostalCode: "84042",
			CustomerType: alianza.CustomerTypeBusiness, BusinessName: "Acme Dental", CallerIDName: "ACME DENTAL",
			User: "reception", CallerID: true,
		}},
		Devices: []crm.DeviceSpec{{
			User: "reception", Name: "Front desk", DeviceTypeID: "VVX400", MAC: "00:04:f2:10:20:31",
			SIPUsername: "acme-desk-" + number, SIPPassword: "front-desk-sip-pw",
		}},
	}
	for run := 1; run <= 2; run++ {
		fmt.Fprintf(w, "\nRun %d:\n", run)
		res, err := env.CRM.Ensure(ctx, spec, &crm.EnsureOptions{Status: alianza.AccountStatusActive})
		if res != nil {
			for _, it := range res.Items {
				line := fmt.Sprintf("  %-9s %-11s %-11s %s", it.Outcome, it.Kind, it.Key, it.ID)
				if len(it.Drift) > 0 {
					line += " (differs: " + strings.Join(it.Drift, ", ") + ")"
				}
				if it.Err != nil {
					line += ": " + it.Err.Error()
				}
				fmt.Fprintln(w, line)
			}
			fmt.Fprintln(w, " ", res)
			for _, n := range res.Notes {
				fmt.Fprintln(w, "  note:", n)
			}
		}
		if err != nil {
			return err
		}
		// Keep each number's identity: the next run adopts exactly the
		// number this one gave, whatever else changes in the spec.
		for i, n := range spec.Numbers {
			spec.Numbers[i].Number = res.Numbers[n.Key]
		}
	}
	return nil
}
