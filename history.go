package alianza

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"net/url"

	"github.com/google/go-querystring/query"
)

// AccountHistoryOptions filter an account history search. The zero value
// (or nil) returns the first page of everything.
type AccountHistoryOptions struct {
	// Types keeps only records of these areas; empty keeps all.
	Types []AccountHistoryType `url:"accountHistoryType,omitempty"`
	// StartDate and EndDate (yyyy-MM-dd, optional) bound the records, both
	// days included.
	StartDate string `url:"startDate,omitempty"`
	EndDate   string `url:"endDate,omitempty"`
	// FirstResultIndex is the 0-based index of the page's first record;
	// MaxResult the page size (the platform's default is 20).
	FirstResultIndex int `url:"firstResultIndex,omitempty"`
	MaxResult        int `url:"maxResult,omitempty"`
}

func (o *AccountHistoryOptions) validate(v *validator) {
	if o == nil {
		return
	}
	for _, t := range o.Types {
		v.enum("accountHistoryType", string(t), t.Valid())
	}
	optionalDates(v, o.StartDate, o.EndDate)
	v.check(o.FirstResultIndex >= 0, "firstResultIndex", "must not be negative")
	v.check(o.MaxResult >= 0, "maxResult", "must not be negative")
}

// Validate reports, as a *ValidationError, what a history search would
// refuse in o.
func (o *AccountHistoryOptions) Validate() error {
	var v validator
	o.validate(&v)
	return v.err()
}

func (o *AccountHistoryOptions) values() (url.Values, error) {
	if o == nil {
		return url.Values{}, nil
	}
	q, err := query.Values(o)
	if err != nil {
		return nil, fmt.Errorf("alianza: encode query: %w", err)
	}
	return q, nil
}

// HistoryPage returns one page of the account's history.
//
// operationId accountHistoryByAccountIdSearch.
//
//alianza:operation GET /v2/partition/{partitionId}/account/{accountId}/accounthistorysearch
func (s *AccountsService) HistoryPage(ctx context.Context, accountID string, opts *AccountHistoryOptions, callOpts ...CallOption) (*AccountHistoryPage, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("accountId", accountID)
	opts.validate(&v)
	if err := v.err(); err != nil {
		return nil, err
	}
	q, err := opts.values()
	if err != nil {
		return nil, err
	}
	return call[AccountHistoryPage](ctx, s.client, &request{
		method: http.MethodGet,
		path:   "/v2/partition/{partitionId}/account/{accountId}/accounthistorysearch",
		args:   []string{accountID},
		query:  q,
	})
}

// HistoryPageByNumber returns one page of the history of the account with
// the given account number (Account.AccountNumber), for a CRM that keys
// accounts by its own number.
//
// operationId accountHistoryByAccountNumberSearch.
//
//alianza:operation GET /v2/partition/{partitionId}/account/accounthistorysearch
func (s *AccountsService) HistoryPageByNumber(ctx context.Context, accountNumber string, opts *AccountHistoryOptions, callOpts ...CallOption) (*AccountHistoryPage, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.required("accountNumber", accountNumber)
	opts.validate(&v)
	if err := v.err(); err != nil {
		return nil, err
	}
	q, err := opts.values()
	if err != nil {
		return nil, err
	}
	q.Set("accountNumber", accountNumber)
	return call[AccountHistoryPage](ctx, s.client, &request{
		method: http.MethodGet,
		path:   "/v2/partition/{partitionId}/account/accounthistorysearch",
		query:  q,
	})
}

// History yields every history record of the account matching opts, page
// after page from opts.FirstResultIndex, and stops when the caller stops.
// Each page starts where the records read so far end, so a page size the
// platform lowers skips nothing. An error ends it, yielded once.
func (s *AccountsService) History(ctx context.Context, accountID string, opts *AccountHistoryOptions, callOpts ...CallOption) iter.Seq2[AccountHistory, error] {
	ctx = withCallOptions(ctx, callOpts)
	return historyPages(opts, func(o *AccountHistoryOptions) (*AccountHistoryPage, error) {
		return s.HistoryPage(ctx, accountID, o)
	})
}

// HistoryByNumber is History for an account found by its account number.
func (s *AccountsService) HistoryByNumber(ctx context.Context, accountNumber string, opts *AccountHistoryOptions, callOpts ...CallOption) iter.Seq2[AccountHistory, error] {
	ctx = withCallOptions(ctx, callOpts)
	return historyPages(opts, func(o *AccountHistoryOptions) (*AccountHistoryPage, error) {
		return s.HistoryPageByNumber(ctx, accountNumber, o)
	})
}

// historyPages pages through a history search with page, from
// opts.FirstResultIndex; opts is not changed.
func historyPages(opts *AccountHistoryOptions, page func(*AccountHistoryOptions) (*AccountHistoryPage, error)) iter.Seq2[AccountHistory, error] {
	o := AccountHistoryOptions{}
	if opts != nil {
		o = *opts
	}
	return pages(o.FirstResultIndex, func(first int) ([]AccountHistory, int64, error) {
		po := o
		po.FirstResultIndex = first
		p, err := page(&po)
		if err != nil {
			return nil, 0, err
		}
		return p.Results, p.TotalRecords, nil
	})
}
