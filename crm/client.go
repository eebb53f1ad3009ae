package crm

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/go-alianza/alianza"
)

// DefaultConcurrency bounds the requests one call of this package has in
// flight at a time (panel look-ups, number deletes). It is low on purpose:
// the platform is shared with every other integration of the partition.
const DefaultConcurrency = 4

// Client runs the CRM workflows against one Alianza client. It holds no
// state between calls and is safe for concurrent use.
type Client struct {
	api         *alianza.Client
	concurrency int
	mapper      StatusMapper
	linkField   alianza.AccountIDType
}

// Option configures a Client.
type Option func(*Client) error

// WithConcurrency bounds how many requests one call sends at a time. n must
// be at least 1.
func WithConcurrency(n int) Option {
	return func(c *Client) error {
		if n < 1 {
			return fmt.Errorf("crm: concurrency must be at least 1, got %d", n)
		}
		c.concurrency = n
		return nil
	}
}

// WithStatusMapper replaces DefaultStatusMapper, for CRMs whose customer
// statuses are not "current" and the like.
func WithStatusMapper(m StatusMapper) Option {
	return func(c *Client) error {
		if m == nil {
			return errors.New("crm: status mapper is nil")
		}
		c.mapper = m
		return nil
	}
}

// WithLinkField sets which Alianza field a Link without a Field matches:
// the CRM's "Account_Number_Field" setting. The default is the account
// number.
func WithLinkField(f alianza.AccountIDType) Option {
	return func(c *Client) error {
		if !f.Valid() {
			return fmt.Errorf("crm: unknown link field %q", f)
		}
		c.linkField = f
		return nil
	}
}

// New returns a Client that works through api.
func New(api *alianza.Client, opts ...Option) (*Client, error) {
	if api == nil {
		return nil, errors.New("crm: alianza client is nil")
	}
	c := &Client{api: api, concurrency: DefaultConcurrency, mapper: DefaultStatusMapper, linkField: alianza.AccountIDTypeAccountNumber}
	for _, o := range opts {
		if err := o(c); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// API returns the Alianza client c works through.
func (c *Client) API() *alianza.Client { return c.api }

// Link is how the CRM finds its customer's Alianza account: a value and the
// field it matches. An empty Field means the client's link field (the
// account number unless WithLinkField says otherwise).
//
// A Link may also carry the account itself, fetched once (Client.Resolve,
// Link.WithAccount): every workflow given such a link uses that account
// instead of looking it up again, so a panel, a status sync and both
// SIP-line syncs of one customer cost one account read between them.
// Such a link is a snapshot of the account as it was read: resolve again
// for each sync run, and do not keep a resolved link across runs.
//
// Because of the carried account, a resolved link and the same link
// unresolved are not == (compare Field and Value instead).
type Link struct {
	Field alianza.AccountIDType
	Value string

	acct *alianza.Account
}

// ByAccountNumber links by account number.
func ByAccountNumber(n string) Link { return Link{Field: alianza.AccountIDTypeAccountNumber, Value: n} }

// ByPhoneNumber links by a telephone number on the account (11 digits).
func ByPhoneNumber(tn string) Link { return Link{Field: alianza.AccountIDTypePhoneNumber, Value: tn} }

// ByMAC links by the MAC address of one of the account's devices.
func ByMAC(mac string) Link { return Link{Field: alianza.AccountIDTypeMACAddress, Value: mac} }

// ByID links by Alianza's account id.
func ByID(id string) Link { return Link{Field: alianza.AccountIDTypeID, Value: id} }

// ForAccount links to an account already fetched: by its id, carrying it.
// A nil a gives a link by id with no value and no account, which every
// workflow refuses with an error matching alianza.ErrValidation before
// any request.
func ForAccount(a *alianza.Account) Link {
	if a == nil {
		return ByID("")
	}
	return ByID(a.ID).WithAccount(a)
}

// WithAccount returns l carrying a, an account the caller already fetched
// for l. Workflows then use a as it is, without a request to look it up:
// its status, for one, is what it was when it was read. A nil a gives l
// without an account.
func (l Link) WithAccount(a *alianza.Account) Link {
	l.acct = a
	return l
}

// Account returns the account l carries, or nil.
func (l Link) Account() *alianza.Account { return l.acct }

// Resolve looks the linked account up once and returns l carrying it
// (see WithAccount). A link that already carries its account is returned
// as it is, without a request. A link that matches no account gives
// ErrNotEnabled.
//
// The resolved link is a snapshot: workflows given it use the account as
// it was read here (SyncStatus compares with its status then). Resolve
// again for each sync run.
func (c *Client) Resolve(ctx context.Context, l Link) (Link, error) {
	a, err := c.account(ctx, l)
	if err != nil {
		return l, err
	}
	return l.WithAccount(a), nil
}

// String names the link for messages, e.g. `account number "DEMO-1001"`.
func (l Link) String() string {
	name := map[alianza.AccountIDType]string{
		alianza.AccountIDTypeAccountNumber: "account number",
		alianza.AccountIDTypePhoneNumber:   "phone number",
		alianza.AccountIDTypeMACAddress:    "MAC address",
		alianza.AccountIDTypeID:            "account id",
	}[l.Field]
	if name == "" {
		name = string(l.Field)
	}
	return fmt.Sprintf("%s %q", name, l.Value)
}

// account finds the linked account, or returns the one the link carries.
// A link that matches nothing gives ErrNotEnabled (with the platform's 404
// still reachable by errors.Is).
func (c *Client) account(ctx context.Context, l Link) (*alianza.Account, error) {
	if l.acct != nil {
		return l.acct, nil
	}
	if l.Field == "" {
		l.Field = c.linkField
	}
	if strings.TrimSpace(l.Value) == "" {
		return nil, &alianza.ValidationError{Errors: []*alianza.FieldError{{Field: "link", Rule: "is required (the CRM's " + l.String() + ")"}}}
	}
	a, err := c.api.Accounts.GetBy(ctx, l.Field, l.Value)
	if errors.Is(err, alianza.ErrNotFound) {
		return nil, fmt.Errorf("%w: no account with %s: %w", ErrNotEnabled, l, err)
	}
	if err != nil {
		return nil, fmt.Errorf("crm: looking up the account with %s: %w", l, err)
	}
	return a, nil
}
