package main

import (
	"context"
	"io"

	"github.com/spf13/cobra"

	"github.com/go-alianza/alianza"
)

// The list, get and delete commands of an account's resources (devices,
// users, trunks, numbers) differ only in the call they make and how they
// show its result; these build them.

// onAccount is the RunE of a command whose first argument is ACCOUNT: it
// resolves the account, then runs do with the client, the account's id and
// the remaining arguments.
func (a *app) onAccount(do func(ctx context.Context, api *alianza.Client, acctID string, rest []string) error) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		ctx := cmd.Context()
		api, acctID, err := a.accountAPI(ctx, args[0])
		if err != nil {
			return err
		}
		return do(ctx, api, acctID, args[1:])
	}
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
		RunE: a.onAccount(func(ctx context.Context, api *alianza.Client, acctID string, _ []string) error {
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
		}),
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
		RunE: a.onAccount(func(ctx context.Context, api *alianza.Client, acctID string, rest []string) error {
			v, err := get(ctx, api, acctID, rest[0])
			if err != nil {
				return err
			}
			return a.emit(v, func(w io.Writer) error { return write(w, v) })
		}),
	}
}

// accountResourceDeleteCmd builds "delete ACCOUNT <idName>": look the
// resource up (so the plan and the prompt name it), then delete it through
// deleteOne's confirmation and --dry-run.
func (a *app) accountResourceDeleteCmd(idName, short string,
	lookup func(ctx context.Context, api *alianza.Client, acctID, id string) (what string, del func() error, err error),
) *cobra.Command {
	var g guard
	cmd := &cobra.Command{
		Use:   "delete ACCOUNT " + idName,
		Short: short,
		Args:  exactArgs("ACCOUNT", idName),
		RunE: a.onAccount(func(ctx context.Context, api *alianza.Client, acctID string, rest []string) error {
			what, del, err := lookup(ctx, api, acctID, rest[0])
			if err != nil {
				return err
			}
			return a.deleteOne(&g, what, del)
		}),
	}
	g.flags(cmd)
	return cmd
}
