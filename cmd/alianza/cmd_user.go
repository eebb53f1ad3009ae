package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/go-alianza/alianza"
)

func (a *app) userCmd() *cobra.Command {
	return group("user", "Users of an account: list, get, create, delete",
		a.userListCmd(), a.userGetCmd(), a.userCreateCmd(), a.userDeleteCmd())
}

func writeUser(w io.Writer, u *alianza.User) error {
	return kv(w, "Username", u.Username, "ID", u.ID, "Name", strings.TrimSpace(u.FirstName+" "+u.LastName),
		"Email", u.EmailAddress, "Extension", u.Extension, "Product Plan", u.UserProductPlan, "Time Zone", u.TimeZone,
		"Devices", len(u.Devices))
}

func (a *app) userListCmd() *cobra.Command {
	return accountListCmd(a, "List the account's users",
		func(ctx context.Context, api *alianza.Client, acctID string) ([]alianza.User, error) {
			// LimitedData: without it the platform stops at 1000 users.
			return api.Users.List(ctx, acctID, &alianza.ListUsersOptions{LimitedData: true})
		},
		[]string{"USERNAME", "NAME", "EXTENSION", "PLAN", "ID"},
		func(u alianza.User) []any {
			return []any{u.Username, strings.TrimSpace(u.FirstName + " " + u.LastName), u.Extension, u.UserProductPlan, u.ID}
		})
}

func (a *app) userGetCmd() *cobra.Command {
	return accountGetCmd(a, "USER-ID", "Show a user",
		func(ctx context.Context, api *alianza.Client, acctID, id string) (*alianza.User, error) {
			return api.Users.Get(ctx, acctID, id)
		}, writeUser)
}

func (a *app) userCreateCmd() *cobra.Command {
	var (
		username, first, last, email, ext, plan, tz string
	)
	cmd := &cobra.Command{
		Use:   "create ACCOUNT --username NAME",
		Short: "Create a user",
		Long: `Create a user. Usernames are unique on the whole platform. A user of an
ADVANCED account gets a product plan (--plan, default STANDARD) and may have
an --extension: optional; when given, it has the account's extension length,
starts with 2 to 8 and is unique on the account. SIMPLE accounts have no
extensions and need no plan.`,
		Args: exactArgs("ACCOUNT"),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			if err := requiredFlags(cmd, "username"); err != nil {
				return err
			}
			acct, err := a.account(ctx, args[0])
			if err != nil {
				return err
			}
			req := &alianza.CreateUserRequest{TimeZone: alianza.TimeZone(tz), Username: alianza.Ptr(username)}
			if tz == "" {
				req.TimeZone = acct.TimeZone
			}
			for _, f := range []struct {
				v string
				p **string
			}{{first, &req.FirstName}, {last, &req.LastName}, {email, &req.EmailAddress}, {ext, &req.Extension}} {
				if f.v != "" {
					*f.p = alianza.Ptr(f.v)
				}
			}
			if acct.AccountType == alianza.AccountTypeAdvanced {
				if plan == "" {
					plan = string(alianza.UserProductPlanStandard)
				}
				req.UserProductPlan = alianza.Ptr(alianza.UserProductPlan(strings.ToUpper(plan)))
			} else if plan != "" {
				req.UserProductPlan = alianza.Ptr(alianza.UserProductPlan(strings.ToUpper(plan)))
			}
			api, err := a.client()
			if err != nil {
				return err
			}
			u, err := api.Users.Create(ctx, acct.ID, req)
			if err != nil {
				return err
			}
			return a.emit(u, func(w io.Writer) error { return writeUser(w, u) })
		},
	}
	f := cmd.Flags()
	f.StringVar(&username, "username", "", "username, unique on the platform (required)")
	f.StringVar(&first, "first-name", "", "first name")
	f.StringVar(&last, "last-name", "", "last name")
	f.StringVar(&email, "email", "", "email address")
	f.StringVar(&ext, "extension", "", "extension, optional (ADVANCED accounts; the account's extension length, 3 to 6 digits)")
	f.StringVar(&plan, "plan", "", "product plan: STANDARD, ADVANCED or PROFESSIONAL (ADVANCED accounts; default STANDARD)")
	f.StringVar(&tz, "timezone", "", "time zone (default the account's)")
	return cmd
}

func (a *app) userDeleteCmd() *cobra.Command {
	return a.accountResourceDeleteCmd("USER-ID", "Delete a user",
		func(ctx context.Context, api *alianza.Client, acctID, id string) (string, func() error, error) {
			u, err := api.Users.Get(ctx, acctID, id)
			if err != nil {
				return "", nil, err
			}
			return fmt.Sprintf("user %s (%s)", u.Username, u.ID), func() error { return api.Users.Delete(ctx, acctID, u.ID) }, nil
		})
}
