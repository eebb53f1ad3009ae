package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/crm"
)

// link turns an ACCOUNT argument into the CRM's link, as --by says.
func (a *app) link(value string) (crm.Link, error) {
	switch a.by {
	case "number", "":
		return crm.ByAccountNumber(value), nil
	case "id":
		return crm.ByID(value), nil
	case "phone":
		return crm.ByPhoneNumber(value), nil
	case "mac":
		return crm.ByMAC(value), nil
	}
	return crm.Link{}, usage("--by %q: want number, id, phone or mac", a.by)
}

// account finds the account an ACCOUNT argument names. One that does not
// exist is "not enabled in Alianza", as the CRM says it (seed 000), for
// every command: scripts test one exit code, 7, to ask "is this customer
// on Alianza?".
func (a *app) account(ctx context.Context, value string) (*alianza.Account, error) {
	l, err := a.link(value)
	if err != nil {
		return nil, err
	}
	api, err := a.client()
	if err != nil {
		return nil, err
	}
	acct, err := api.Accounts.GetBy(ctx, l.Field, l.Value)
	if errors.Is(err, alianza.ErrNotFound) {
		return nil, fmt.Errorf("%w: no account with %s: %w", crm.ErrNotEnabled, l, err)
	}
	if err != nil {
		return nil, fmt.Errorf("looking up the account with %s: %w", l, err)
	}
	return acct, nil
}

// accountAPI resolves an ACCOUNT argument to its id, with the client, for
// the commands on an account's users, devices and trunks.
func (a *app) accountAPI(ctx context.Context, name string) (*alianza.Client, string, error) {
	acct, err := a.account(ctx, name)
	if err != nil {
		return nil, "", err
	}
	api, err := a.client()
	return api, acct.ID, err
}

// crmLink resolves an ACCOUNT argument to its CRM link, with the CRM
// client the workflow commands run through.
func (a *app) crmLink(value string) (*crm.Client, crm.Link, error) {
	l, err := a.link(value)
	if err != nil {
		return nil, crm.Link{}, err
	}
	c, err := a.crm()
	return c, l, err
}

// accountListCmd builds "list ACCOUNT": the account's resources as a table
// of header's columns, one row per item, or as JSON with --json.
func accountListCmd[T any](a *app, short string,
	list func(ctx context.Context, api *alianza.Client, acctID string) ([]T, error),
	header []string, row func(T) []any,
) *cobra.Command {
	return &cobra.Command{
		Use:   "list ACCOUNT",
		Short: short,
		Args:  exactArgs("ACCOUNT"),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			api, acctID, err := a.accountAPI(ctx, args[0])
			if err != nil {
				return err
			}
			items, err := list(ctx, api, acctID)
			if err != nil {
				return err
			}
			return a.emit(items, func(w io.Writer) error {
				t := newTable(w, header...)
				for _, it := range items {
					t.row(row(it)...)
				}
				return t.flush()
			})
		},
	}
}

// accountGetCmd builds "get ACCOUNT <idName>": one resource of the account,
// shown by write, or as JSON with --json.
func accountGetCmd[T any](a *app, idName, short string,
	get func(ctx context.Context, api *alianza.Client, acctID, id string) (*T, error),
	write func(io.Writer, *T) error,
) *cobra.Command {
	return &cobra.Command{
		Use:   "get ACCOUNT " + idName,
		Short: short,
		Args:  exactArgs("ACCOUNT", idName),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			api, acctID, err := a.accountAPI(ctx, args[0])
			if err != nil {
				return err
			}
			v, err := get(ctx, api, acctID, args[1])
			if err != nil {
				return err
			}
			return a.emit(v, func(w io.Writer) error { return write(w, v) })
		},
	}
}
