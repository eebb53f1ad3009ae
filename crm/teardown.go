package crm

import (
	"context"
	"fmt"
	"sort"
	"sync"

	"github.com/go-alianza/alianza"
)

// TeardownOptions tune Teardown. The zero value uses the client's
// concurrency and reports no progress.
type TeardownOptions struct {
	// Concurrency bounds the number deletes in flight; 0 means the
	// client's.
	Concurrency int
	// Progress, when set, is called after each step (each number delete,
	// then the account delete) with the count done so far. Calls never
	// overlap, so a progress bar needs no locking.
	Progress func(TeardownProgress)
}

// TeardownProgress is one finished step of a teardown.
type TeardownProgress struct {
	Step  Step
	Done  int // steps finished, this one included
	Total int // number deletes plus the account delete
}

// TeardownResult is what Teardown did.
type TeardownResult struct {
	AccountID      string
	AccountNumber  string
	Numbers        []Step // one per number on the account, sorted by number
	AccountDeleted bool
	// Account is the account delete step; it is not attempted (zero) when
	// a number delete failed, because the platform refuses to delete an
	// account that still has numbers.
	Account Step
}

// Teardown deletes the linked account: every telephone number on it first
// (the platform refuses to delete an account with numbers), a few
// at a time, then the account. Each step is reported. When a number delete
// fails the account is kept and the error matches ErrIncomplete; running
// Teardown again picks up where it stopped.
func (c *Client) Teardown(ctx context.Context, link Link, opts *TeardownOptions) (*TeardownResult, error) {
	if opts == nil {
		opts = &TeardownOptions{}
	}
	limit := opts.Concurrency
	if limit == 0 {
		limit = c.concurrency
	}
	if limit < 1 {
		return nil, fmt.Errorf("crm: teardown concurrency must be at least 1, got %d", limit)
	}
	a, err := c.account(ctx, link)
	if err != nil {
		return nil, err
	}
	res := &TeardownResult{AccountID: a.ID, AccountNumber: a.AccountNumber}
	tns, err := c.api.TelephoneNumbers.List(ctx, a.ID, &alianza.ListAccountTelephoneNumbersOptions{LimitedData: true})
	if err != nil {
		return res, fmt.Errorf("crm: listing the numbers of account %s: %w", a.AccountNumber, err)
	}
	var (
		mu   sync.Mutex
		done int
	)
	total := len(tns) + 1
	report := func(st Step) {
		// Called with mu held, so Progress calls never overlap.
		done++
		if opts.Progress != nil {
			opts.Progress(TeardownProgress{Step: st, Done: done, Total: total})
		}
	}
	res.Numbers = make([]Step, len(tns))
	parallel(ctx, limit, len(tns), func(ctx context.Context, i int) {
		tn := tns[i].PhoneNumber
		st := Step{Name: "delete number " + tn, ID: tn}
		if st.Err = ctx.Err(); st.Err == nil {
			st.Err = c.api.TelephoneNumbers.Delete(ctx, a.ID, tn)
		}
		mu.Lock()
		defer mu.Unlock()
		res.Numbers[i] = st
		report(st)
	})
	sort.Slice(res.Numbers, func(i, j int) bool { return res.Numbers[i].ID < res.Numbers[j].ID })
	var failures []Failure
	for _, st := range res.Numbers {
		if st.Err != nil {
			failures = append(failures, Failure{What: st.Name, Err: st.Err})
		}
	}
	if len(failures) > 0 {
		failures = append(failures, Failure{What: "delete account " + a.AccountNumber, Err: fmt.Errorf("not attempted: %d number(s) are still on the account", len(failures))})
		return res, incomplete("teardown", failures)
	}
	res.Account = Step{Name: "delete account " + a.AccountNumber, ID: a.ID, Err: c.api.Accounts.Delete(ctx, a.ID)}
	report(res.Account)
	if res.Account.Err != nil {
		return res, fmt.Errorf("crm: deleting account %s: %w", a.AccountNumber, res.Account.Err)
	}
	res.AccountDeleted = true
	return res, nil
}
