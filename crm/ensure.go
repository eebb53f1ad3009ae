package crm

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/go-alianza/alianza"
)

// Ensure is the idempotent form of Provision: it makes the account spec
// describes exist, creating only what is missing. It adopts an account
// that already has spec's account number (and refuses one of another
// account type, see below), finds its users by username, its trunk by
// name, its device lines by MAC address and line number (else SIP
// username, else name), and its numbers as described below, and creates
// the rest: users, numbers, the trunk and its forwarding, the numbers'
// routing, device lines. The result lists each item as created, updated or
// unchanged, and what differs from the spec (EnsureItem.Drift).
//
// Numbers have no key on the platform other than themselves. A
// NumberSpec with Number set is that number: it is adopted when it is on
// the account and reserved and added when it is not. Any other NumberSpec
// takes, in this order: the trunk's callback or primary number when the
// spec names it so; a number routed where the spec routes it (its user,
// or the trunk), the one with the spec's service record first; an
// unrouted number with the spec's service record; a number with the
// spec's service record routed elsewhere; an unrouted number. Service
// record differences are drift, never a reason to add a number, so
// changing a caller-ID name in the spec does not add one. Callers that
// keep EnsureResult.Numbers get exact identity by setting
// NumberSpec.Number from it.
//
// Running Ensure again with the same spec sends no write. Running it again
// after any failure, a create whose answer was lost or a context cancelled
// half-way included, completes the account without duplicating anything,
// so a job runner that delivers at least once may call it freely. A
// create whose answer is lost is looked up at once and adopted when it
// was made. Ensure stops at the first item that fails; the error names it
// and wraps its cause (alianza.ErrConflict when another account holds a
// username, say). Nothing is ever deleted.
//
// Runs for one account must not overlap. Nothing on the platform stops
// two runs that both find a number missing from adding one each, so a job
// runner must run Ensure for one account number at a time (a lock or a
// queue per account number). When a run added numbers it reads the
// account's numbers once more, and numbers that look like the spec's but
// that no spec item took are listed in EnsureResult.Surplus and Notes.
//
// An existing account whose type differs from the spec's is another
// customer's: Ensure refuses it before any write, with an error matching
// alianza.ErrConflict. Its name and billing day are drift.
//
// Every user needs a Username, the key Ensure finds it by. The spec is
// checked as Provision checks it, before any request. A no-change run reads
// each kind of resource once: the account, its users, numbers, trunks and
// the trunk's forwarding, and device lines.
func (c *Client) Ensure(ctx context.Context, spec *AccountSpec, opts *EnsureOptions) (*EnsureResult, error) {
	if spec == nil {
		return nil, errors.New("crm: account spec is nil")
	}
	if opts == nil {
		opts = &EnsureOptions{}
	}
	v, err := spec.validate()
	var errs []*alianza.FieldError
	if ve := (*alianza.ValidationError)(nil); errors.As(err, &ve) {
		errs = ve.Errors
	} else if err != nil {
		return nil, err
	}
	for i, u := range spec.Users {
		field := fmt.Sprintf("users[%d].username", i)
		// A user with neither key nor username is reported by the spec check already.
		if u.Username == "" && !slices.ContainsFunc(errs, func(fe *alianza.FieldError) bool { return fe.Field == field }) {
			errs = append(errs, &alianza.FieldError{Field: field, Rule: "is required: Ensure finds the user by it"})
		}
	}
	if opts.Status != "" && opts.Status != alianza.AccountStatusActive && opts.Status != alianza.AccountStatusDisabled {
		errs = append(errs, &alianza.FieldError{Field: "status", Rule: fmt.Sprintf("must be ACTIVE or DISABLED, got %q", opts.Status)})
	}
	if len(errs) > 0 {
		return nil, &alianza.ValidationError{Errors: errs}
	}
	p := newProvisioner(c, v, &ProvisionOptions{})
	e := &ensurer{provisioner: p, opts: opts, res: &EnsureResult{}}
	err = e.run(ctx)
	// What was found or made is kept once, by the provisioner's steps.
	e.res.Users, e.res.Numbers, e.res.Trunk, e.res.Devices = p.res.Users, p.res.Numbers, p.res.Trunk, p.res.Devices
	e.res.Notes = append(e.res.Notes, p.res.Notes...)
	return e.res, err
}

type ensurer struct {
	*provisioner
	opts *EnsureOptions
	res  *EnsureResult
	// What the account held before this run, by spec key.
	had map[string]*alianza.AccountTelephoneNumber
	// added is set once this run added a number.
	added bool
}

// item records an item; a failed one ends the run with an error naming it.
func (e *ensurer) item(it EnsureItem) error {
	if it.Err != nil {
		it.Outcome = OutcomeFailed
	}
	e.res.Items = append(e.res.Items, it)
	if e.opts.Progress != nil {
		e.opts.Progress(it)
	}
	if it.Err != nil {
		return fmt.Errorf("crm: ensuring account %s: %s %s: %w", e.spec.AccountNumber, it.Kind, it.Key, it.Err)
	}
	return nil
}

// created settles a create: it turns a provisioner step's failure into its
// cause, and looks the resource up (adopt) when the answer was lost or the
// create collided with one already there. A lost answer whose resource is
// found was OutcomeCreated; a collision whose resource is found on the account
// was made by someone else meanwhile and is adopted OutcomeUnchanged.
func created(err error, adopt func() (bool, error)) (Outcome, error) {
	err = cause(err)
	lost, collided := outcomeUnknown(err), errors.Is(err, alianza.ErrConflict)
	if err == nil || !lost && !collided {
		return OutcomeCreated, err
	}
	found, lerr := adopt()
	switch {
	case lerr != nil:
		return OutcomeFailed, fmt.Errorf("%w (looking it up: %w)", err, lerr)
	case !found:
		return OutcomeFailed, err
	case lost:
		return OutcomeCreated, nil
	}
	return OutcomeUnchanged, nil
}

// cause is a provisioner step's error without the step's name: the item
// that reports it names itself.
func cause(err error) error {
	var se *stepError
	if errors.As(err, &se) {
		return se.err
	}
	return err
}

func (e *ensurer) run(ctx context.Context) error {
	api, s := e.c.api, e.spec
	a, err := e.c.findAccount(ctx, s.AccountNumber)
	if err != nil {
		return e.item(EnsureItem{Kind: ItemKindAccount, Key: s.AccountNumber, Err: err})
	}
	fresh := a == nil
	if fresh {
		if fresh, err = e.ensureNewAccount(ctx); err != nil {
			return err
		}
	} else if err := e.ensureAccount(ctx, a, OutcomeUnchanged); err != nil {
		return err
	}
	a = e.res.Account
	e.provisioner.res.Account = a

	var (
		users   []alianza.User
		numbers []alianza.AccountTelephoneNumber
		trunks  []alianza.SipTrunk
		devices []alianza.Device
	)
	if !fresh {
		read := func(kind ItemKind, f func() error) error {
			if err := f(); err != nil {
				return e.item(EnsureItem{Kind: kind, Key: "list", Err: err})
			}
			return nil
		}
		if len(s.Users) > 0 {
			if err := read(ItemKindUser, func() (err error) { users, err = api.Users.List(ctx, a.ID, nil); return err }); err != nil {
				return err
			}
		}
		if len(s.Numbers) > 0 {
			if err := read(ItemKindNumber, func() (err error) { numbers, err = api.TelephoneNumbers.List(ctx, a.ID, nil); return err }); err != nil {
				return err
			}
		}
		if s.Trunk != nil {
			if err := read(ItemKindTrunk, func() (err error) { trunks, err = api.SipTrunks.List(ctx, a.ID); return err }); err != nil {
				return err
			}
		}
		if len(s.Devices) > 0 {
			if err := read(ItemKindDevice, func() (err error) { devices, err = api.DeviceLines.ListByAccount(ctx, a.ID); return err }); err != nil {
				return err
			}
		}
	}

	for _, u := range s.Users {
		if err := e.ensureUser(ctx, a.ID, u, users); err != nil {
			return err
		}
	}
	var trunk *alianza.SipTrunk
	if s.Trunk != nil {
		trunk = trunkNamed(trunks, s.Trunk.Name)
	}
	e.had = e.matchNumbers(numbers, trunk)
	for _, n := range s.Numbers {
		if err := e.ensureNumber(ctx, a.ID, n); err != nil {
			return err
		}
	}
	if s.Trunk != nil {
		if err := e.ensureTrunk(ctx, a.ID, trunk); err != nil {
			return err
		}
	}
	for _, n := range s.Numbers {
		if err := e.ensureRouting(ctx, a.ID, n); err != nil {
			return err
		}
	}
	for _, d := range s.Devices {
		if err := e.ensureDevice(ctx, a.ID, d, devices); err != nil {
			return err
		}
	}
	if e.added {
		// Another run may have added numbers meanwhile: read them again.
		if numbers, err = api.TelephoneNumbers.List(ctx, a.ID, nil); err != nil {
			return e.item(EnsureItem{Kind: ItemKindNumber, Key: "list", Err: err})
		}
	}
	e.surplus(numbers)
	return nil
}

// ensureNewAccount creates the account. It reports fresh when the create
// answered: the account is known to be empty. After a lost answer or a
// collision the account found by its number is adopted as an existing one.
func (e *ensurer) ensureNewAccount(ctx context.Context) (fresh bool, err error) {
	s := e.spec
	var found *alianza.Account
	outcome, err := created(e.createAccount(ctx), func() (bool, error) {
		a, err := e.c.findAccount(ctx, s.AccountNumber)
		found = a
		return a != nil, err
	})
	if err != nil {
		return false, e.item(EnsureItem{Kind: ItemKindAccount, Key: s.AccountNumber, Err: err})
	}
	if found != nil {
		if outcome == OutcomeCreated && !s.sentAccount(found) {
			// Not the account that was sent: it was there before.
			outcome = OutcomeUnchanged
		}
		return false, e.ensureAccount(ctx, found, outcome)
	}
	a := e.provisioner.res.Account
	it := EnsureItem{Kind: ItemKindAccount, Key: s.AccountNumber, ID: a.ID, Outcome: OutcomeCreated}
	if e.opts.Status != "" && a.Status != e.opts.Status {
		var updated *alianza.Account
		if updated, it.Err = e.c.api.Accounts.SetStatus(ctx, a.ID, e.opts.Status); it.Err == nil {
			a = updated
		}
	}
	e.res.Account = a
	return true, e.item(it)
}

// ensureAccount adopts an existing account, sets its status and corrects
// its drift when asked to. outcome is the item's outcome when nothing is
// changed.
func (e *ensurer) ensureAccount(ctx context.Context, a *alianza.Account, outcome Outcome) error {
	s := e.spec
	it := EnsureItem{Kind: ItemKindAccount, Key: s.AccountNumber, ID: a.ID, Outcome: outcome}
	if a.AccountType != s.Type {
		it.Err = fmt.Errorf("%w: account %s is %s, the spec says %s: it is another customer's account, left alone (an account's type cannot be changed)",
			alianza.ErrConflict, s.AccountNumber, a.AccountType, s.Type)
		return e.item(it)
	}
	e.res.Account = a
	var patch alianza.PatchAccountRequest
	var change []string
	differs := func(field string, d bool, set func()) {
		switch {
		case !d:
		case e.opts.CorrectDrift || field == "status":
			change = append(change, field)
			set()
		default:
			it.Drift = append(it.Drift, field)
		}
	}
	differs("accountName", a.AccountName != s.AccountName, func() { patch.AccountName = alianza.Ptr(s.AccountName) })
	differs("billingCycleDay", a.BillingCycleDay != s.BillingCycleDay, func() { patch.BillingCycleDay = alianza.Ptr(s.BillingCycleDay) })
	differs("status", e.opts.Status != "" && a.Status != e.opts.Status, func() { patch.Status = alianza.Ptr(e.opts.Status) })
	if len(change) > 0 {
		updated, err := e.c.api.Accounts.Patch(ctx, a.ID, &patch)
		if err != nil {
			it.Err = err
		} else {
			e.res.Account, it.Changed = updated, change
			if it.Outcome == OutcomeUnchanged {
				it.Outcome = OutcomeUpdated
			}
		}
	}
	return e.item(it)
}

func (e *ensurer) ensureUser(ctx context.Context, accountID string, u UserSpec, users []alianza.User) error {
	it := EnsureItem{Kind: ItemKindUser, Key: u.key(), Outcome: OutcomeUnchanged}
	if x := userNamed(users, u); x != nil {
		e.provisioner.res.Users[u.key()] = x
		it.Drift = userDrift(u, x)
	} else {
		it.Outcome, it.Err = created(e.createUser(ctx, accountID, u), func() (bool, error) {
			x, err := e.c.findUser(ctx, accountID, u)
			if x != nil {
				e.provisioner.res.Users[u.key()] = x
			}
			return x != nil, err
		})
	}
	if x := e.provisioner.res.Users[u.key()]; x != nil {
		it.ID = x.ID
	}
	return e.item(it)
}

func (e *ensurer) ensureNumber(ctx context.Context, accountID string, n NumberSpec) error {
	it := EnsureItem{Kind: ItemKindNumber, Key: n.Key, Outcome: OutcomeUnchanged}
	if x := e.had[n.Key]; x != nil {
		e.provisioner.res.Numbers[n.Key] = x.PhoneNumber
		it.ID = x.PhoneNumber
		e.correctRecord(ctx, accountID, n, x, &it)
	} else {
		e.addMissingNumber(ctx, accountID, n, &it)
	}
	return e.item(it)
}

// correctRecord compares the service record of x, the number adopted for
// n, with the spec, and patches what CorrectDrift corrects.
func (e *ensurer) correctRecord(ctx context.Context, accountID string, n NumberSpec, x *alianza.AccountTelephoneNumber, it *EnsureItem) {
	var fix []string
	for _, f := range csrDrift(n, x.CustomerServiceRecord) {
		if e.opts.CorrectDrift && f != "postalCode" {
			fix = append(fix, f)
		} else {
			it.Drift = append(it.Drift, f)
		}
	}
	if len(fix) == 0 {
		return
	}
	csr := n.customerRecord(x.CustomerServiceRecord)
	patch := &alianza.PatchTelephoneNumberRequest{CustomerServiceRecord: &csr, OrderVersion: ptrIf(x.OrderVersion)}
	if _, it.Err = e.c.api.TelephoneNumbers.Patch(ctx, accountID, x.PhoneNumber, patch); it.Err == nil {
		it.Outcome, it.Changed = OutcomeUpdated, fix
	}
}

// addMissingNumber adds a number for n, adopting it after a lost answer,
// and names a reservation a failure leaves behind.
func (e *ensurer) addMissingNumber(ctx context.Context, accountID string, n NumberSpec, it *EnsureItem) {
	err := e.addNumber(ctx, accountID, n)
	if err == nil || e.reserved != "" {
		e.added = true
	}
	it.Outcome, it.Err = created(err, func() (bool, error) {
		if e.reserved == "" {
			return false, nil
		}
		_, err := e.c.api.TelephoneNumbers.Get(ctx, accountID, e.reserved)
		if errors.Is(err, alianza.ErrNotFound) {
			return false, nil
		}
		if err == nil {
			e.provisioner.res.Numbers[n.Key] = e.reserved
		}
		return err == nil, err
	})
	it.ID = e.provisioner.res.Numbers[n.Key]
	switch {
	case it.Err == nil:
	case e.reserved != "":
		// Reserved for this account but not added: name it, so it can
		// be released (or the next run adds it).
		it.ID = e.reserved
		e.res.Notes = append(e.res.Notes, fmt.Sprintf("%s was reserved for number %s and not added: release its reservation if Ensure is not run again", e.reserved, n.Key))
	case e.maybeReserved != "":
		it.ID = e.maybeReserved
		e.res.Notes = append(e.res.Notes, fmt.Sprintf("%s may have been reserved for number %s (the reserve's answer was lost): release its reservation if Ensure is not run again", e.maybeReserved, n.Key))
	}
}

func (e *ensurer) ensureTrunk(ctx context.Context, accountID string, trunk *alianza.SipTrunk) error {
	t := e.spec.Trunk
	it := EnsureItem{Kind: ItemKindTrunk, Key: t.Name, Outcome: OutcomeUnchanged}
	if trunk != nil {
		e.provisioner.res.Trunk = trunk
		it.Drift = e.trunkDrift(t, trunk)
	} else {
		it.Outcome, it.Err = created(e.createTrunk(ctx, accountID, t), func() (bool, error) {
			x, err := e.c.findTrunk(ctx, accountID, t.Name)
			if x != nil {
				e.provisioner.res.Trunk = x
			}
			return x != nil, err
		})
	}
	if x := e.provisioner.res.Trunk; x != nil {
		it.ID = x.ID
	}
	if err := e.item(it); err != nil || t.Forwarding == nil {
		return err
	}

	fit := EnsureItem{Kind: ItemKindForwarding, Key: t.Name, ID: e.provisioner.res.Trunk.ID, Outcome: OutcomeCreated}
	if trunk != nil {
		fit.Outcome = OutcomeUnchanged
		got, err := e.c.api.SipTrunks.GetForwarding(ctx, accountID, trunk.ID)
		if err != nil {
			fit.Err = err
			return e.item(fit)
		}
		if fit.Changed = forwardingDrift(t.Forwarding, got); len(fit.Changed) == 0 {
			return e.item(fit)
		}
		fit.Outcome = OutcomeUpdated
	}
	fit.Err = cause(e.setForwarding(ctx, accountID, t))
	return e.item(fit)
}

func (e *ensurer) ensureRouting(ctx context.Context, accountID string, n NumberSpec) error {
	if n.User == "" && !n.ToTrunk {
		return nil
	}
	tn := e.provisioner.res.Numbers[n.Key]
	it := EnsureItem{Kind: ItemKindRouting, Key: n.Key, ID: tn, Outcome: OutcomeUnchanged}
	if x := e.had[n.Key]; x == nil || !e.routed(n, x) {
		it.Outcome, it.Changed = OutcomeUpdated, []string{"destination"}
		it.Err = cause(e.route(ctx, accountID, n))
	}
	return e.item(it)
}

func (e *ensurer) ensureDevice(ctx context.Context, accountID string, d DeviceSpec, devices []alianza.Device) error {
	key := fmt.Sprintf("%s line %d", d.Name, d.LineNumber)
	it := EnsureItem{Kind: ItemKindDevice, Key: key, Outcome: OutcomeUnchanged}
	userID := e.provisioner.res.Users[d.User].ID
	if x := deviceFor(devices, d, userID); x != nil {
		e.provisioner.res.Devices = append(e.provisioner.res.Devices, x)
		it.Drift = e.deviceDrift(d, x, userID)
	} else {
		it.Outcome, it.Err = created(e.createDevice(ctx, accountID, d), func() (bool, error) {
			x, err := e.c.findDevice(ctx, accountID, d, userID)
			if x != nil {
				e.provisioner.res.Devices = append(e.provisioner.res.Devices, x)
			}
			return x != nil, err
		})
	}
	if it.Err == nil {
		it.ID = e.provisioner.res.Devices[len(e.provisioner.res.Devices)-1].ID
	}
	return e.item(it)
}
