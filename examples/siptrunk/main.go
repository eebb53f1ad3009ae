// Command siptrunk creates a SIP-trunk account: a trunk with credentials,
// an E911 callback number and failover forwarding, a number routed to it,
// then prints what a PBX installer needs and the trunk's registration
// status.
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

func main() { exampleenv.Main("siptrunk", run) }

func run(ctx context.Context, w io.Writer, getenv func(string) string) error {
	env, err := exampleenv.Connect(getenv)
	if err != nil {
		return err
	}
	defer env.Close()
	number := exampleenv.AccountNumber(getenv, "WIDGETS-2001")
	fmt.Fprintf(w, "Provisioning SIP-trunk account %s on %s\n\n", number, env.Where)

	spec := &crm.AccountSpec{
		AccountNumber: number, AccountName: "Widgets PBX", Type: alianza.AccountTypeAdvanced,
		BillingCycleDay: 1, TimeZone: alianza.TimeZoneUSCentral, DialingBehavior: alianza.DialingBehaviorTypeTenDigit,
		ExtensionLength: 4,
		Numbers: []crm.NumberSpec{{
			Key: "main", Address: "123 S Jefferson St, Houston, TX", PostalCode: "77002",
			CustomerType: alianza.CustomerTypeBusiness, BusinessName: "Widgets Inc", ToTrunk: true,
		}},
		Trunk: &crm.TrunkSpec{
			Name: "PBX-1", SIPUsername: "widgets-" + strings.ToLower(number), SIPPassword: "pbx-trunk-password",
			ConcurrentCalls: 8, CallbackNumber: "main", PrimaryNumber: "main",
			Forwarding: &alianza.UpdateSipTrunkForwardRulesRequest{
				// When the PBX is down, calls go to voicemail; when all 8
				// channels are busy, callers hear busy.
				ForwardOnFailure:          []alianza.ForwardReference{{ReferenceType: alianza.ForwardReferenceTypeVoicemail}},
				ForwardOnCapacityExceeded: []alianza.ForwardReference{{ReferenceType: alianza.ForwardReferenceTypeBusy}},
			},
		},
	}
	res, err := env.CRM.Provision(ctx, spec, &crm.ProvisionOptions{Rollback: true})
	if res != nil {
		fmt.Fprintln(w, "Steps:")
		exampleenv.PrintSteps(w, res.Steps)
		exampleenv.PrintSteps(w, res.Rollback)
	}
	if err != nil {
		return err
	}

	acct, trunkID := res.Account.ID, res.Trunk.ID
	trunk, err := env.API.SipTrunks.Get(ctx, acct, trunkID)
	if err != nil {
		return err
	}
	fwd, err := env.API.SipTrunks.GetForwarding(ctx, acct, trunkID)
	if err != nil {
		return err
	}
	reg, err := env.API.SipTrunks.GetRegistrationStatus(ctx, acct, trunkID)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nSIP trunk %s\n", trunk.TrunkName)
	fmt.Fprintf(w, "  Proxy server:      %s\n", trunk.SIPProxyServer)
	fmt.Fprintf(w, "  SIP username:      %s\n", trunk.SIPUsername)
	fmt.Fprintf(w, "  SIP password:      %s (the PBX needs trunk.SIPPassword.Reveal())\n", trunk.SIPPassword)
	fmt.Fprintf(w, "  Concurrent calls:  %d\n", trunk.ConcurrentCalls)
	fmt.Fprintf(w, "  E911 callback:     %s\n", trunk.CallbackNumber)
	fmt.Fprintf(w, "  Numbers routed:    %s\n", strings.Join(trunk.TelephoneNumbers, ", "))
	fmt.Fprintf(w, "  On failure:        %s\n", refs(fwd.ForwardOnFailure))
	fmt.Fprintf(w, "  Over capacity:     %s\n", refs(fwd.ForwardOnCapacityExceeded))
	state := "not registered: calls take the failure route until the PBX registers"
	if reg.Registered {
		state = "registered"
	}
	fmt.Fprintf(w, "  Registration:      %s\n", state)
	return nil
}

func refs(rs []alianza.ForwardReference) string {
	if len(rs) == 0 {
		return "-"
	}
	var out []string
	for _, r := range rs {
		s := string(r.ReferenceType)
		if r.ReferenceID != "" {
			s += " " + r.ReferenceID
		}
		out = append(out, s)
	}
	return strings.Join(out, ", then ")
}
