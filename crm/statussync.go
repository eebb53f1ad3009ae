package crm

import (
	"context"
	"fmt"

	"github.com/go-alianza/alianza"
)

// StatusResult is what a status sync found and did.
type StatusResult struct {
	AccountID     string
	AccountNumber string
	CRMStatus     string                // as the CRM gave it
	Before        alianza.AccountStatus // on Alianza before the sync
	Want          alianza.AccountStatus // what the mapping asks for
	Wrote         bool                  // true when one PATCH was sent
}

// SyncStatus makes the linked account's status match the CRM customer's
// status through the client's StatusMapper (by default "current" is
// ACTIVE, anything else DISABLED). It writes only when the status differs, with one
// PATCH, so running it on every CRM status change is cheap.
//
// The mapper must give ACTIVE or DISABLED, the only statuses a client may
// write; anything else is an error before any request. An account in a
// status the platform itself manages (DELETE_PENDING, say) is left alone
// and reported as an error rather than revived.
//
// A link that carries its account (Client.Resolve, ForAccount,
// Link.WithAccount) is a snapshot: SyncStatus compares with the status
// the account had when it was read, without reading it again, so that
// one read serves a panel and several syncs. Resolve the link again for
// each sync run; a link kept from an earlier run may skip a write that is
// needed (the status changed since) or send one that is not.
func (c *Client) SyncStatus(ctx context.Context, link Link, crmStatus string) (*StatusResult, error) {
	want := c.mapper(crmStatus)
	if want != alianza.AccountStatusActive && want != alianza.AccountStatusDisabled {
		return nil, &alianza.ValidationError{Errors: []*alianza.FieldError{{
			Field: "status", Rule: fmt.Sprintf("the status mapper gave %q for CRM status %q; only ACTIVE and DISABLED can be written", want, crmStatus),
		}}}
	}
	a, err := c.account(ctx, link)
	if err != nil {
		return nil, err
	}
	res := &StatusResult{AccountID: a.ID, AccountNumber: a.AccountNumber, CRMStatus: crmStatus, Before: a.Status, Want: want}
	switch a.Status {
	case want:
		return res, nil
	case alianza.AccountStatusActive, alianza.AccountStatusDisabled:
	default:
		return res, fmt.Errorf("crm: account %s is %s, a status the platform manages; not setting it to %s", a.AccountNumber, a.Status, want)
	}
	if _, err := c.api.Accounts.SetStatus(ctx, a.ID, want); err != nil {
		return res, fmt.Errorf("crm: setting account %s to %s: %w", a.AccountNumber, want, err)
	}
	res.Wrote = true
	return res, nil
}
