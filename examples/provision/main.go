// Command provision creates a business (BCC) account the way a CRM's
// "Account: Add" does: the account, a user, a number found near the
// office's validated address (reserved, added with its CSR and E911
// address, routed to the user as caller ID) and a desk phone, then prints
// the account as the CRM's status panel shows it, SIP passwords masked.
//
// It runs against an in-process fake unless ALIANZA_BASE_URL,
// ALIANZA_USERNAME and ALIANZA_PASSWORD are set; ALIANZA_EXAMPLE_ACCOUNT
// sets the account number.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/crm"
	"github.com/go-alianza/alianza/examples/internal/exampleenv"
)

func main() { exampleenv.Main("provision", run) }

func run(ctx context.Context, w io.Writer, getenv func(string) string) error {
	env, err := exampleenv.Connect(getenv)
	if err != nil {
		return err
	}
	defer env.Close()
	number := exampleenv.AccountNumber(getenv, "ACME-1001")
	fmt.Fprintf(w, "Provisioning business account %s on %s\n\n", number, env.Where)

	spec := &crm.AccountSpec{
		AccountNumber: number, AccountName: "Acme Dental", Type: alianza.AccountTypeAdvanced,
		BillingCycleDay: 30, TimeZone: alianza.TimeZoneUSMountain,
		DialingBehavior: alianza.DialingBehaviorTypeOpenDialPlanTenDigit, ExtensionLength: 4,
		PlatformType: alianza.PlatformTypeCPE2,
		Users: []crm.UserSpec{{
			Key: "reception", Username: "reception." + number, FirstName: "Rita", LastName: "Reception",
			Email: "reception@acme.example", Extension: "2001",
		}},
		Numbers: []crm.NumberSpec{{
			Key: "main", Address: "333 S 520 W, Lindon, UT", PostalCode: "84042",
			CustomerType: alianza.CustomerTypeBusiness, BusinessName: "Acme Dental", CallerIDName: "ACME DENTAL",
			User: "reception", CallerID: true,
		}},
		Devices: []crm.DeviceSpec{{
			User: "reception", Name: "Front desk", DeviceTypeID: "VVX400", MAC: "00:04:f2:10:20:30",
			SIPUsername: "acme-front-" + number, SIPPassword: "front-desk-sip-pw",
		}},
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
	p, err := env.CRM.Panel(ctx, crm.ByAccountNumber(number))
	if errors.Is(err, crm.ErrNotEnabled) {
		fmt.Fprintln(w, "Customer not enabled in Alianza")
		return nil
	}
	if p != nil {
		if werr := p.WriteText(w); werr != nil {
			return werr
		}
	}
	return err
}
