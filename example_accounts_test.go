package alianza_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
)

// The account of Alianza's guide to creating accounts via the API: an
// ADVANCED account on the CPE2 platform, then disabled and enabled again as
// a CRM status sync does.
func ExampleAccountsService_Create() {
	srv, err := alianzatest.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	client, err := srv.NewClient()
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	acct, err := client.Accounts.Create(ctx, &alianza.CreateAccountRequest{
		AccountNumber:       "SP-123",
		AccountName:         "Customer Name",
		BillingCycleDay:     1,
		AccountType:         alianza.AccountTypeAdvanced,
		TimeZone:            alianza.TimeZoneUSMountain,
		DialingBehaviorType: alianza.DialingBehaviorTypeOpenDialPlanTenDigit,
		ExtensionLength:     alianza.Ptr(4),
		PlatformType:        alianza.Ptr(alianza.PlatformTypeCPE2),
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(acct.AccountNumber, acct.Status)

	if _, err := client.Accounts.SetStatus(ctx, acct.ID, alianza.AccountStatusDisabled); err != nil {
		log.Fatal(err)
	}
	status, err := client.Accounts.Status(ctx, acct.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(status)

	// A CRM links by its own account number.
	same, err := client.Accounts.GetByNumber(ctx, "SP-123")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(same.ID == acct.ID)
	// Output:
	// SP-123 ACTIVE
	// DISABLED
	// true
}

// Bad input is refused before any request, with every problem at once.
func ExampleAccountsService_Create_validation() {
	srv, err := alianzatest.Start()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	client, err := srv.NewClient()
	if err != nil {
		log.Fatal(err)
	}

	_, err = client.Accounts.Create(context.Background(), &alianza.CreateAccountRequest{
		AccountNumber: "SP", AccountName: "Customer Name", BillingCycleDay: 31,
		AccountType: alianza.AccountTypeSimple, TimeZone: alianza.TimeZoneUSMountain,
		DialingBehaviorType: alianza.DialingBehaviorTypeTenDigit,
	})
	fmt.Println(errors.Is(err, alianza.ErrValidation), len(srv.Requests()))
	var verr *alianza.ValidationError
	if errors.As(err, &verr) {
		for _, fe := range verr.Errors {
			fmt.Printf("%s: %s\n", fe.Field, fe.Rule)
		}
	}
	// Output:
	// true 0
	// accountNumber: must be 3 to 256 characters, got 2
	// billingCycleDay: must be between 1 and 28, got 31 (map CRM days 29-31)
}
