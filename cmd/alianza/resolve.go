package main

import (
	"context"
	"errors"
	"fmt"

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
		tn, err := telephoneNumber("ACCOUNT (--by phone)", value)
		if err != nil {
			return crm.Link{}, err
		}
		return crm.ByPhoneNumber(tn), nil
	case "mac":
		return crm.ByMAC(value), nil
	}
	return crm.Link{}, usage("--by %q: want number, id, phone or mac", a.by)
}

// account finds the account an ACCOUNT argument names. One that does not
// exist is "not enabled in Alianza", as the CRM says it, for
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
