package crm

import (
	"context"
	"log/slog"
	"sort"
	"sync"

	"github.com/go-alianza/alianza"
)

// Panel is what the CRM's Alianza status section shows for a customer
// ("Status Section" on the customer details page).
type Panel struct {
	AccountID       string
	AccountNumber   string
	AccountName     string
	Status          alianza.AccountStatus
	PlatformType    alianza.PlatformType
	AccountType     alianza.AccountType
	BillingCycleDay int
	// ProductPlans are the user product plans the account offers: the
	// nearest the API has to the CRM panel's "Product Plans", which
	// Alianza's CRM guide names without saying where they come from.
	ProductPlans []alianza.AvailableUserProductPlan
	// CallingPlans are every plan on the account (its own, its users' and
	// trunks'), each with its start date, plan minutes and seconds remaining.
	CallingPlans []alianza.CallingPlan
	SIPLines     []SIPLine
	// Failures lists the sections, or parts of them, that could not be
	// read; the rest of the panel is still right.
	Failures []Failure
}

// LogValue masks the SIP passwords.
func (p Panel) LogValue() slog.Value { return alianza.RedactedLogValue(p) }

// Panel reads the linked account's status panel. The product plans,
// calling plans and SIP lines are read concurrently, within the client's
// concurrency bound.
//
// An account that does not exist gives ErrNotEnabled. When some sections
// fail the panel is returned with its Failures and an error matching
// ErrIncomplete, so a caller shows what it has and says what is missing.
func (c *Client) Panel(ctx context.Context, link Link) (*Panel, error) {
	a, err := c.account(ctx, link)
	if err != nil {
		return nil, err
	}
	p := &Panel{
		AccountID: a.ID, AccountNumber: a.AccountNumber, AccountName: a.AccountName, Status: a.Status,
		PlatformType: a.PlatformType, AccountType: a.AccountType, BillingCycleDay: a.BillingCycleDay,
	}
	g := newGate(c.concurrency)
	var (
		mu sync.Mutex
		wg sync.WaitGroup
	)
	fail := func(f ...Failure) {
		mu.Lock()
		p.Failures = append(p.Failures, f...)
		mu.Unlock()
	}
	wg.Add(3)
	go func() {
		defer wg.Done()
		err := g.call(ctx, func() (err error) {
			p.ProductPlans, err = c.api.Accounts.UserProductPlans(ctx, a.ID)
			return err
		})
		if err != nil {
			fail(Failure{What: "product plans", Err: err})
		}
	}()
	go func() {
		defer wg.Done()
		err := g.call(ctx, func() (err error) {
			p.CallingPlans, err = c.api.CallingPlans.List(ctx, a.ID, nil)
			return err
		})
		if err != nil {
			fail(Failure{What: "calling plans", Err: err})
		}
	}()
	go func() {
		defer wg.Done()
		lines, failures := c.readSIPLines(ctx, g, a.ID)
		p.SIPLines = lines
		fail(failures...)
	}()
	wg.Wait()
	sort.SliceStable(p.Failures, func(i, j int) bool { return p.Failures[i].What < p.Failures[j].What })
	return p, incomplete("panel", p.Failures)
}
