package crm_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
	"github.com/go-alianza/alianza/crm"
)

// fixedClock keeps the calling plans' start dates stable in the output.
func fixedClock() time.Time { return time.Date(2025, 3, 14, 9, 0, 0, 0, time.UTC) }

func ExampleClient_Panel() {
	srv, err := alianzatest.Start(alianzatest.WithDemoData(), alianzatest.WithClock(fixedClock))
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	api, err := srv.NewClient()
	if err != nil {
		panic(err)
	}
	c, err := crm.New(api)
	if err != nil {
		panic(err)
	}
	ctx := context.Background()

	p, err := c.Panel(ctx, crm.ByAccountNumber(alianzatest.DemoAccountNumber))
	if err != nil {
		panic(err)
	}
	if err := p.WriteText(os.Stdout); err != nil {
		panic(err)
	}

	_, err = c.Panel(ctx, crm.ByAccountNumber("NOT-A-CUSTOMER"))
	if errors.Is(err, crm.ErrNotEnabled) {
		fmt.Println("\nNOT-A-CUSTOMER: Customer not enabled in Alianza")
	}
	// Output:
	// Account Number:     DEMO-1001
	// Account Name:       Demo Business
	// Account Status:     ACTIVE
	// Platform Type:      CPE2
	// Product Plans:      STANDARD, ADVANCED, PROFESSIONAL
	// Billing Cycle Day:  1
	//
	// Calling Plans (2)
	//   Start Date  Plan Minutes  Seconds Remaining  For
	//   2025-03-14  20000         1200000            END_USER
	//   2025-03-14  20000         1200000            SIP_TRUNK
	//
	// SIP Lines (1)
	//   Line  SIP Username       SIP Password  Display Name  Emergency Number  MAC Address
	//   1     demo-desk-phone-1  REDACTED      Demo User     18017850805       0004F2ABCDEF
	//
	// NOT-A-CUSTOMER: Customer not enabled in Alianza
}

func ExampleClient_Provision() {
	srv, err := alianzatest.Start(alianzatest.WithClock(fixedClock))
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	api, err := srv.NewClient()
	if err != nil {
		panic(err)
	}
	c, err := crm.New(api)
	if err != nil {
		panic(err)
	}
	ctx := context.Background()

	res, err := c.Provision(ctx, &crm.AccountSpec{
		AccountNumber: "ACME-1001", AccountName: "Acme Dental", Type: alianza.AccountTypeAdvanced,
		BillingCycleDay: 31, TimeZone: alianza.TimeZoneUSMountain,
		DialingBehavior: alianza.DialingBehaviorTypeOpenDialPlanTenDigit, ExtensionLength: 4,
		Users: []crm.UserSpec{{Key: "rita", Username: "rita.acme", FirstName: "Rita", LastName: "Reyes", Extension: "2001"}},
		Numbers: []crm.NumberSpec{{
			Key: "main", Address: "333 S 520 W, Lindon, UT", PostalCode: "84042",
			CustomerType: alianza.CustomerTypeBusiness, BusinessName: "Acme Dental", User: "rita", CallerID: true,
		}},
		Devices: []crm.DeviceSpec{{
			User: "rita", Name: "Front desk", DeviceTypeID: "VVX400", MAC: "00:04:f2:10:20:30",
			SIPUsername: "acme-front-desk", SIPPassword: "front-desk-sip-pw",
		}},
	}, &crm.ProvisionOptions{Rollback: true})
	if err != nil {
		panic(err)
	}
	for _, s := range res.Steps {
		fmt.Println("ok:", s.Name)
	}
	for _, n := range res.Notes {
		fmt.Println("note:", n)
	}
	lines, err := c.SIPLines(ctx, crm.ByAccountNumber("ACME-1001"))
	if err != nil {
		panic(err)
	}
	for _, l := range lines {
		fmt.Printf("line %d: %s / %s, %s, 911 callback %s\n", l.LineNumber, l.SIPUsername, l.SIPPassword, l.DisplayName, l.EmergencyNumber)
	}
	// Output:
	// ok: create account ACME-1001
	// ok: create user rita
	// ok: validate address 333 S 520 W, Lindon, UT
	// ok: search numbers near 333 S 520 W, Lindon, UT
	// ok: reserve a number for main
	// ok: add 18017850805 to account
	// ok: route 18017850805 to user rita as caller ID
	// ok: create device line Front desk line 1
	// note: billing cycle day 31 provisioned as 28: Alianza allows days 1 to 28
	// line 1: acme-front-desk / REDACTED, Rita Reyes, 911 callback 18017850805
}
