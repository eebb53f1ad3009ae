package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/crm"
)

func (a *app) accountCmd() *cobra.Command {
	return group("account", "Accounts: list, add, get, status panel, status, delete, teardown",
		a.accountListCmd(), a.accountAddCmd(), a.accountGetCmd(), a.accountStatusCmd(),
		a.accountSetStatusCmd(), a.accountDeleteCmd(), a.accountTeardownCmd())
}

// accountRow is one line of account list.
type accountRow struct {
	AccountNumber string                `json:"accountNumber"`
	AccountName   string                `json:"accountName"`
	Status        alianza.AccountStatus `json:"status"`
	AccountType   alianza.AccountType   `json:"accountType"`
	PlatformType  alianza.PlatformType  `json:"platformType,omitempty"`
	ID            string                `json:"id"`
}

func (a *app) accountListCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "List the partition's accounts",
		Args:  exactArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			api, err := a.client()
			if err != nil {
				return err
			}
			accts, err := api.Accounts.List(cmd.Context())
			if err != nil {
				return err
			}
			rows := make([]accountRow, 0, len(accts))
			for _, ac := range accts {
				rows = append(rows, accountRow{ac.AccountNumber, ac.AccountName, ac.Status, ac.AccountType, ac.PlatformType, ac.ID})
			}
			slices.SortFunc(rows, func(x, y accountRow) int { return strings.Compare(x.AccountNumber, y.AccountNumber) })
			return a.emit(rows, func(w io.Writer) error {
				t := newTable(w, "NUMBER", "NAME", "STATUS", "TYPE", "PLATFORM", "ID")
				for _, r := range rows {
					t.row(r.AccountNumber, r.AccountName, r.Status, r.AccountType, r.PlatformType, r.ID)
				}
				return t.flush()
			})
		},
	}
}

func (a *app) accountAddCmd() *cobra.Command {
	var (
		number, name, typ, tz, dialing, platform string
		billingDay, extLen                       int
	)
	cmd := &cobra.Command{
		Use:   "add",
		Short: `Create an account (the CRM console's "Account: Add")`,
		Long: `Create an account (the CRM console's "Account: Add").

SIMPLE accounts (Home Phone) have one number, one user and one device and no
extensions. ADVANCED accounts have many, and need --extension-length (3-6).
--billing-day takes a CRM's billing day, 1-31; Alianza allows 1-28, so 29,
30 and 31 are created as 28, the last day Alianza allows, and a note says so.`,
		Args: exactArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := requiredFlags(cmd, "number", "name"); err != nil {
				return err
			}
			if billingDay < 1 || billingDay > 31 {
				return usage("--billing-day %d: want a day of the month, 1-31 (29-31 are created as 28)", billingDay)
			}
			req := &alianza.CreateAccountRequest{
				AccountNumber: number, AccountName: name, AccountType: alianza.AccountType(strings.ToUpper(typ)),
				BillingCycleDay: billingDay, TimeZone: alianza.TimeZone(tz), DialingBehaviorType: alianza.DialingBehaviorType(strings.ToUpper(dialing)),
			}
			if billingDay >= 29 && billingDay <= 31 {
				req.BillingCycleDay = 28
				a.note("note: billing cycle day %d is created as 28, the last day Alianza allows", billingDay)
			}
			if extLen != 0 {
				req.ExtensionLength = alianza.Ptr(extLen)
			}
			if platform != "" {
				req.PlatformType = alianza.Ptr(alianza.PlatformType(strings.ToUpper(platform)))
			}
			api, err := a.client()
			if err != nil {
				return err
			}
			acct, err := api.Accounts.Create(cmd.Context(), req)
			if err != nil {
				return err
			}
			return a.emit(acct, func(w io.Writer) error { return writeAccount(w, acct) })
		},
	}
	f := cmd.Flags()
	f.StringVar(&number, "number", "", "account number: the CRM's link value (required)")
	f.StringVar(&name, "name", "", "account name, usually the customer's name (required)")
	f.StringVar(&typ, "type", "SIMPLE", "SIMPLE or ADVANCED")
	f.IntVar(&billingDay, "billing-day", 1, "billing cycle day, 1-31 (29-31 are created as 28, the last day Alianza allows)")
	f.StringVar(&tz, "timezone", "US/Mountain", "time zone, e.g. US/Eastern")
	f.StringVar(&dialing, "dialing", "TEN_DIGIT", "dialing behaviour: SEVEN_DIGIT, TEN_DIGIT, OPEN_DIAL_PLAN, DIAL_NINE_SEVEN_DIGIT, DIAL_NINE_TEN_DIGIT (ADVANCED)")
	f.IntVar(&extLen, "extension-length", 0, "extension length, 3-6 (ADVANCED only)")
	f.StringVar(&platform, "platform", "", "platform type, e.g. CPE2")
	return cmd
}

func (a *app) accountGetCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "get ACCOUNT",
		Short: "Show an account",
		Args:  exactArgs("ACCOUNT"),
		RunE: func(cmd *cobra.Command, args []string) error {
			acct, err := a.account(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			return a.emit(acct, func(w io.Writer) error { return writeAccount(w, acct) })
		},
	}
}

func writeAccount(w io.Writer, ac *alianza.Account) error {
	ext := ""
	if ac.ExtensionLength > 0 {
		ext = fmt.Sprint(ac.ExtensionLength)
	}
	return kv(w, "Account Number", ac.AccountNumber, "Account Name", ac.AccountName, "ID", ac.ID,
		"Status", ac.Status, "Account Type", ac.AccountType, "Platform Type", ac.PlatformType,
		"Billing Cycle Day", ac.BillingCycleDay, "Time Zone", ac.TimeZone, "Dialing Behavior", ac.DialingBehaviorType,
		"Extension Length", ext)
}

// statusView is crm.StatusResult with JSON names.
type statusView struct {
	AccountID     string                `json:"accountId"`
	AccountNumber string                `json:"accountNumber"`
	Requested     string                `json:"requested"`
	Before        alianza.AccountStatus `json:"before"`
	After         alianza.AccountStatus `json:"after"`
	Wrote         bool                  `json:"wrote"`
}

func (a *app) accountSetStatusCmd() *cobra.Command {
	var fromCRM bool
	cmd := &cobra.Command{
		Use:   "set-status ACCOUNT STATUS",
		Short: "Set the account status to ACTIVE or DISABLED (only when it differs)",
		Long: `Set the account status to ACTIVE or DISABLED. Nothing is written when the
account already has it. With --crm, STATUS is the CRM customer's status and
the CRM console's rule applies: "current" is ACTIVE, anything else DISABLED.`,
		Args: exactArgs("ACCOUNT", "STATUS"),
		RunE: func(cmd *cobra.Command, args []string) error {
			l, err := a.link(args[0])
			if err != nil {
				return err
			}
			mapper := crm.DefaultStatusMapper
			if !fromCRM {
				switch alianza.AccountStatus(strings.ToUpper(strings.TrimSpace(args[1]))) {
				case alianza.AccountStatusActive, alianza.AccountStatusDisabled:
				default:
					return usage("STATUS %q: want ACTIVE or DISABLED (or, with --crm, the CRM customer's status)", args[1])
				}
				mapper = func(s string) alianza.AccountStatus {
					return alianza.AccountStatus(strings.ToUpper(strings.TrimSpace(s)))
				}
			}
			c, err := a.crm(crm.WithStatusMapper(mapper))
			if err != nil {
				return err
			}
			res, err := c.SyncStatus(cmd.Context(), l, args[1])
			if err != nil {
				return err
			}
			v := statusView{res.AccountID, res.AccountNumber, res.CRMStatus, res.Before, res.Want, res.Wrote}
			return a.emit(v, func(w io.Writer) error {
				if res.Wrote {
					_, err := fmt.Fprintf(w, "Account %s: %s -> %s\n", res.AccountNumber, res.Before, res.Want)
					return err
				}
				_, err := fmt.Fprintf(w, "Account %s is already %s: nothing written\n", res.AccountNumber, res.Want)
				return err
			})
		},
	}
	cmd.Flags().BoolVar(&fromCRM, "crm", false, `STATUS is the CRM customer's status ("current" is ACTIVE)`)
	return cmd
}
