package crm

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/go-alianza/alianza"
)

// RollbackTimeout bounds a rollback. It runs on a context detached from the
// caller's, so that a cancelled or timed-out Provision still cleans up.
const RollbackTimeout = 2 * time.Minute

// searchCandidates is how many nearby numbers are asked for, so a number
// someone else reserves in the meantime does not fail the provisioning.
const searchCandidates = 10

// Step is one request-level step of a workflow.
type Step struct {
	Name string // e.g. "create account", "reserve 18017690800"
	ID   string // what the step created or chose, when it did
	Err  error  // nil when the step succeeded
}

// OK reports whether the step succeeded.
func (s Step) OK() bool { return s.Err == nil }

// ProvisionOptions tune Provision. The zero value leaves whatever a failed
// provisioning created in place, for a person to look at.
type ProvisionOptions struct {
	// Rollback undoes, in reverse order, what this call created when a
	// step fails: devices, the trunk, numbers (deleted, or their
	// reservations released), users, and last the account. When the
	// failed step is a create whose answer was lost (its error matches
	// alianza.ErrOutcomeUnknown), the rollback looks the resource up (the
	// account by number, a user by username, the trunk by name, a device
	// line by MAC address, a number on the account) and removes it if it
	// is there.
	// A reservation answered with anything but a clear 4xx refusal (a
	// 5xx after retries, a transport error, an ended context) may have
	// been made by an earlier attempt, so it is released too.
	Rollback bool
	// Progress, when set, is called after each step, rollback steps
	// included, from the calling goroutine.
	Progress func(Step)
}

// ProvisionResult is what Provision did.
type ProvisionResult struct {
	Account *alianza.Account
	Users   map[string]*alianza.User // by user key
	Numbers map[string]string        // number key to telephone number
	Trunk   *alianza.SipTrunk
	Devices []*alianza.Device
	// Steps lists every step attempted, in order; when provisioning
	// failed, the last one holds the error.
	Steps []Step
	// Notes lists what was adjusted to fit the platform, such as a billing
	// day of 31 provisioned as 28.
	Notes []string
	// Rollback lists the undo steps, when a rollback ran; RolledBack is
	// true only when everything this call created, or may have created,
	// is verified gone.
	Rollback   []Step
	RolledBack bool
	// MayRemain names what may exist on the platform although the result
	// does not show it: after a rollback, everything not verified gone;
	// without one, a create whose answer was lost ("account ACME-1001",
	// "user alice"). Empty when the call succeeded.
	MayRemain []string
}

// LogValue masks the SIP passwords of the trunk and devices.
func (r ProvisionResult) LogValue() slog.Value { return alianza.RedactedLogValue(r) }

// MarshalJSON encodes the result with every SIP password written as
// "REDACTED".
func (r ProvisionResult) MarshalJSON() ([]byte, error) {
	type plain ProvisionResult
	return alianza.MarshalRedactedJSON(plain(r))
}

// ProvisionError is a provisioning that failed at Step. The result
// returned with it says which steps succeeded and what exists.
//
// When Step is a create whose answer was lost, the error matches
// alianza.ErrOutcomeUnknown; MayRemain then names that resource unless a
// rollback verified it gone.
type ProvisionError struct {
	Step             string
	Err              error
	RolledBack       bool      // a rollback ran and verified everything gone
	RollbackFailures []Failure // undo steps that failed or could not verify
	MayRemain        []string  // as ProvisionResult.MayRemain
}

func (e *ProvisionError) Error() string {
	msg := fmt.Sprintf("crm: provisioning failed at %q: %v", e.Step, e.Err)
	switch {
	case e.RolledBack:
		msg += " (rolled back)"
	case len(e.MayRemain) > 0:
		msg += " (may remain: " + strings.Join(e.MayRemain, ", ") + ")"
	}
	return msg
}

// Unwrap returns the failed step's error.
func (e *ProvisionError) Unwrap() error { return e.Err }

// Provision creates a complete account from spec in one call: the account,
// its users, numbers found near their service addresses (validate, search
// LAT_LONG, reserve, add with CSR and E911 address; a number pinned by
// NumberSpec.Number is reserved without a search), the SIP trunk and its
// forwarding, the numbers' routing, and the device lines.
//
// The whole spec is checked first; a bad spec gives an error matching
// alianza.ErrValidation and no request is sent. When a step fails the
// result lists the steps that succeeded and what was created, and the error
// is a *ProvisionError; with opts.Rollback what this call created is
// removed again.
func (c *Client) Provision(ctx context.Context, spec *AccountSpec, opts *ProvisionOptions) (*ProvisionResult, error) {
	if spec == nil {
		return nil, errors.New("crm: account spec is nil")
	}
	v, err := spec.validate()
	if err != nil {
		return nil, err
	}
	if opts == nil {
		opts = &ProvisionOptions{}
	}
	p := newProvisioner(c, v, opts)
	if err := p.run(ctx); err != nil {
		var se *stepError
		if !errors.As(err, &se) {
			return p.res, err
		}
		pe := &ProvisionError{Step: se.step, Err: se.err}
		if opts.Rollback {
			pe.RollbackFailures = p.rollback(ctx)
			pe.RolledBack = len(pe.RollbackFailures) == 0
			p.res.RolledBack = pe.RolledBack
		} else {
			for _, u := range p.undo {
				if u.unknown {
					p.res.MayRemain = append(p.res.MayRemain, u.what)
				}
			}
		}
		pe.MayRemain = p.res.MayRemain
		return p.res, pe
	}
	return p.res, nil
}

func newProvisioner(c *Client, v *validated, opts *ProvisionOptions) *provisioner {
	return &provisioner{
		c: c, spec: v, opts: opts, picked: map[string]bool{}, validations: map[string]*alianza.AddressValidation{},
		res: &ProvisionResult{Users: map[string]*alianza.User{}, Numbers: map[string]string{}, Notes: v.notes},
	}
}

type stepError struct {
	step string
	err  error
}

func (e *stepError) Error() string { return e.step + ": " + e.err.Error() }
func (e *stepError) Unwrap() error { return e.err }

// undo removes one thing a provisioning created. unknown marks a create
// whose answer was lost: fn then looks the resource up first.
type undo struct {
	what    string // the resource, e.g. "user alice"
	name    string // the step, e.g. "delete user alice"
	unknown bool
	fn      func(ctx context.Context) error
}

type provisioner struct {
	c           *Client
	spec        *validated
	opts        *ProvisionOptions
	res         *ProvisionResult
	undo        []undo
	picked      map[string]bool // numbers this call reserved, so two specs do not take the same one
	validations map[string]*alianza.AddressValidation
	reserved    string // the number the last addNumber reserved
	// maybeReserved is the number the last addNumber tried to reserve
	// without learning whether it was.
	maybeReserved string
}

// step runs one request-level step and records it.
func (p *provisioner) step(name string, fn func() (id string, err error)) error {
	id, err := fn()
	st := Step{Name: name, ID: id, Err: err}
	p.res.Steps = append(p.res.Steps, st)
	if p.opts.Progress != nil {
		p.opts.Progress(st)
	}
	if err != nil {
		return &stepError{step: name, err: err}
	}
	return nil
}

// onUndo records how to delete something this call created.
func (p *provisioner) onUndo(what string, fn func(ctx context.Context) error) {
	p.undo = append(p.undo, undo{what: what, name: "delete " + what, fn: func(ctx context.Context) error { return gone(fn(ctx)) }})
}

// onUnknown records how to find and delete something this call may have
// created: find returns nil when it is not there.
func (p *provisioner) onUnknown(what string, find func(ctx context.Context) (del func(context.Context) error, err error)) {
	p.undo = append(p.undo, undo{what: what, name: "find and delete " + what, unknown: true, fn: func(ctx context.Context) error {
		del, err := find(ctx)
		if err != nil || del == nil {
			return err
		}
		return gone(del(ctx))
	}})
}

func (p *provisioner) createAccount(ctx context.Context) error {
	api, s := p.c.api, p.spec
	return p.step("create account "+s.AccountNumber, func() (string, error) {
		a, err := api.Accounts.Create(ctx, s.accountRequest())
		if outcomeUnknown(err) {
			p.onUnknown("account "+s.AccountNumber, func(ctx context.Context) (func(context.Context) error, error) {
				a, err := p.c.findAccount(ctx, s.AccountNumber)
				if err != nil || a == nil {
					return nil, err
				}
				if !s.sentAccount(a) {
					return nil, fmt.Errorf("account %s exists but differs from the one sent (name %q, %s, billing day %d): it was there before, left alone",
						s.AccountNumber, a.AccountName, a.AccountType, a.BillingCycleDay)
				}
				return func(ctx context.Context) error { return api.Accounts.Delete(ctx, a.ID) }, nil
			})
		}
		if err != nil {
			return "", err
		}
		p.res.Account = a
		p.onUndo("account "+s.AccountNumber, func(ctx context.Context) error { return api.Accounts.Delete(ctx, a.ID) })
		return a.ID, nil
	})
}

func (p *provisioner) run(ctx context.Context) error {
	s := p.spec
	if err := p.createAccount(ctx); err != nil {
		return err
	}
	acct := p.res.Account

	for _, u := range s.Users {
		if err := p.createUser(ctx, acct.ID, u); err != nil {
			return err
		}
	}
	for _, n := range s.Numbers {
		if err := p.addNumber(ctx, acct.ID, n); err != nil {
			return err
		}
	}
	if s.Trunk != nil {
		if err := p.createTrunk(ctx, acct.ID, s.Trunk); err != nil {
			return err
		}
		if err := p.setForwarding(ctx, acct.ID, s.Trunk); err != nil {
			return err
		}
	}
	for _, n := range s.Numbers {
		if err := p.route(ctx, acct.ID, n); err != nil {
			return err
		}
	}
	for _, d := range s.Devices {
		if err := p.createDevice(ctx, acct.ID, d); err != nil {
			return err
		}
	}
	return nil
}

func (p *provisioner) createUser(ctx context.Context, accountID string, u UserSpec) error {
	api := p.c.api
	return p.step("create user "+u.key(), func() (string, error) {
		user, err := api.Users.Create(ctx, accountID, p.spec.userRequest(u))
		if outcomeUnknown(err) {
			p.onUnknown("user "+u.key(), func(ctx context.Context) (func(context.Context) error, error) {
				user, err := p.c.findUser(ctx, accountID, u)
				if err != nil || user == nil {
					return nil, err
				}
				return func(ctx context.Context) error { return api.Users.Delete(ctx, accountID, user.ID) }, nil
			})
		}
		if err != nil {
			return "", err
		}
		p.res.Users[u.key()] = user
		p.onUndo("user "+u.key(), func(ctx context.Context) error { return api.Users.Delete(ctx, accountID, user.ID) })
		return user.ID, nil
	})
}

// addNumber activates a number from inventory: validate the service
// address, search near it, reserve, add with CSR and E911 address.
func (p *provisioner) addNumber(ctx context.Context, accountID string, n NumberSpec) error {
	api := p.c.api
	where := n.Address
	key := strings.Join([]string{n.Address, n.PostalCode, string(n.Country)}, "|")
	val := p.validations[key]
	if val == nil {
		err := p.step("validate address "+where, func() (string, error) {
			v, err := api.Addresses.Validate(ctx, n.addressOptions())
			if err != nil {
				return "", err
			}
			if !v.Valid {
				if len(v.RequiredFields) > 0 {
					return "", fmt.Errorf("address is not valid: it needs %s", strings.Join(v.RequiredFields, ", "))
				}
				return "", errors.New("address is not valid")
			}
			val = v
			return "", nil
		})
		if err != nil {
			return err
		}
		p.validations[key] = val
	}

	var candidates []alianza.TelephoneNumberView
	if n.Number != "" {
		// A pinned number: no search, that number or nothing.
		candidates = []alianza.TelephoneNumberView{{PhoneNumber: n.Number}}
	} else {
		err := p.step("search numbers near "+where, func() (string, error) {
			q, err := val.SearchNearby(searchCandidates)
			if err != nil {
				return "", err
			}
			found, err := api.TelephoneNumbers.Search(ctx, q)
			if err != nil {
				return "", err
			}
			for _, f := range found {
				if !p.picked[f.PhoneNumber] {
					candidates = append(candidates, f)
				}
			}
			if len(candidates) == 0 {
				return "", fmt.Errorf("no available number near %s", where)
			}
			return fmt.Sprintf("%d available", len(candidates)), nil
		})
		if err != nil {
			return err
		}
	}

	var tn string
	p.reserved, p.maybeReserved = "", ""
	err := p.step("reserve a number for "+n.Key, func() (string, error) {
		var last error
		for _, cand := range candidates {
			_, err := api.TelephoneNumbers.Reserve(ctx, cand.PhoneNumber)
			if err == nil {
				tn = cand.PhoneNumber
				return tn, nil
			}
			if !refused(err) {
				// A reserve is a PUT: unless the platform clearly refused
				// it (a 4xx, or never sent), it may have been carried out,
				// on the first attempt of several whose answers were lost
				// or 5xx. Releasing a reservation that is not there is
				// harmless, so the undo always releases.
				p.maybeReserved = cand.PhoneNumber
				p.onUnknown("reservation of "+cand.PhoneNumber, func(context.Context) (func(context.Context) error, error) {
					return func(ctx context.Context) error { return api.TelephoneNumbers.ReleaseReservation(ctx, cand.PhoneNumber) }, nil
				})
				return "", err
			}
			// Taken by someone else since the search: try the next one.
			if !errors.Is(err, alianza.ErrBadRequest) && !errors.Is(err, alianza.ErrConflict) {
				return "", err
			}
			if n.Number != "" {
				return "", fmt.Errorf("number %s cannot be reserved: %w", n.Number, err)
			}
			p.res.Notes = append(p.res.Notes, fmt.Sprintf("%s was taken before it could be reserved; trying the next nearest", cand.PhoneNumber))
			last = err
		}
		return "", fmt.Errorf("every number found near %s was taken: %w", where, last)
	})
	if err != nil {
		return err
	}
	p.picked[tn] = true
	p.reserved = tn
	p.undo = append(p.undo, undo{what: "reservation of " + tn, name: "release reservation of " + tn, fn: func(ctx context.Context) error {
		return gone(api.TelephoneNumbers.ReleaseReservation(ctx, tn))
	}})

	return p.step("add "+tn+" to account", func() (string, error) {
		csr := n.customerRecord(val.CustomerServiceRecord)
		withNames := *val
		withNames.CustomerServiceRecord = csr
		e911 := withNames.E911Address()
		req := alianza.NewAddTelephoneNumbersRequest(csr, tn)
		req.E911Address = &e911
		_, err := api.TelephoneNumbers.AddToAccount(ctx, accountID, req)
		if outcomeUnknown(err) {
			// On the account or still reserved: delete it, else release it.
			p.undo = p.undo[:len(p.undo)-1]
			p.onUnknown("number "+tn, func(context.Context) (func(context.Context) error, error) {
				return func(ctx context.Context) error {
					err := api.TelephoneNumbers.Delete(ctx, accountID, tn)
					if errors.Is(err, alianza.ErrNotFound) {
						err = api.TelephoneNumbers.ReleaseReservation(ctx, tn)
					}
					return err
				}, nil
			})
		}
		if err != nil {
			return "", err
		}
		// The add used the reservation up: undo now deletes the number.
		p.undo = p.undo[:len(p.undo)-1]
		p.onUndo("number "+tn, func(ctx context.Context) error { return api.TelephoneNumbers.Delete(ctx, accountID, tn) })
		p.res.Numbers[n.Key] = tn
		return tn, nil
	})
}

func (p *provisioner) createTrunk(ctx context.Context, accountID string, t *TrunkSpec) error {
	api := p.c.api
	return p.step("create sip trunk "+t.Name, func() (string, error) {
		trunk, err := api.SipTrunks.Create(ctx, accountID, t.trunkRequest(p.tn))
		if outcomeUnknown(err) {
			p.onUnknown("sip trunk "+t.Name, func(ctx context.Context) (func(context.Context) error, error) {
				trunk, err := p.c.findTrunk(ctx, accountID, t.Name)
				if err != nil || trunk == nil {
					return nil, err
				}
				return func(ctx context.Context) error { return api.SipTrunks.Delete(ctx, accountID, trunk.ID) }, nil
			})
		}
		if err != nil {
			return "", err
		}
		p.res.Trunk = trunk
		p.onUndo("sip trunk "+t.Name, func(ctx context.Context) error { return api.SipTrunks.Delete(ctx, accountID, trunk.ID) })
		return trunk.ID, nil
	})
}

func (p *provisioner) setForwarding(ctx context.Context, accountID string, t *TrunkSpec) error {
	if t.Forwarding == nil {
		return nil
	}
	api := p.c.api
	return p.step("set forwarding of sip trunk "+t.Name, func() (string, error) {
		return "", api.SipTrunks.UpdateForwarding(ctx, accountID, p.res.Trunk.ID, t.Forwarding)
	})
}

func (p *provisioner) route(ctx context.Context, accountID string, n NumberSpec) error {
	api, tn := p.c.api, p.res.Numbers[n.Key]
	switch {
	case n.User != "":
		name := "route " + tn + " to user " + n.User
		if n.CallerID {
			name += " as caller ID"
		}
		return p.step(name, func() (string, error) {
			_, err := api.TelephoneNumbers.RouteToUser(ctx, accountID, tn, p.res.Users[n.User].ID, n.CallerID)
			return "", err
		})
	case n.ToTrunk:
		return p.step("route "+tn+" to sip trunk "+p.spec.Trunk.Name, func() (string, error) {
			_, err := api.TelephoneNumbers.RouteToSipTrunk(ctx, accountID, tn, p.res.Trunk.ID)
			return "", err
		})
	}
	return nil
}

func (p *provisioner) createDevice(ctx context.Context, accountID string, d DeviceSpec) error {
	api := p.c.api
	line := fmt.Sprintf("device line %s line %d", d.Name, d.LineNumber)
	return p.step("create "+line, func() (string, error) {
		userID := p.res.Users[d.User].ID
		dev, err := api.DeviceLines.Create(ctx, accountID, d.deviceRequest(userID, p.tn))
		if outcomeUnknown(err) {
			p.onUnknown(line, func(ctx context.Context) (func(context.Context) error, error) {
				dev, err := p.c.findDevice(ctx, accountID, d, userID)
				if err != nil || dev == nil {
					return nil, err
				}
				return func(ctx context.Context) error { return api.DeviceLines.Delete(ctx, accountID, dev.ID) }, nil
			})
		}
		if err != nil {
			return "", err
		}
		p.res.Devices = append(p.res.Devices, dev)
		p.onUndo(line, func(ctx context.Context) error { return api.DeviceLines.Delete(ctx, accountID, dev.ID) })
		return dev.ID, nil
	})
}

// tn resolves a number reference: a key of the spec's numbers, or a
// telephone number as it is.
func (p *provisioner) tn(ref string) string {
	if tn, ok := p.res.Numbers[ref]; ok {
		return tn
	}
	return ref
}

// rollback runs the undo steps in reverse order and returns the failed
// ones, naming what they leave in p.res.MayRemain. Each is tried even when
// an earlier one failed: a leftover device should not keep the numbers
// from going back to inventory.
func (p *provisioner) rollback(ctx context.Context) []Failure {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), RollbackTimeout)
	defer cancel()
	var failures []Failure
	for i := len(p.undo) - 1; i >= 0; i-- {
		u := p.undo[i]
		st := Step{Name: "undo: " + u.name, Err: u.fn(ctx)}
		if st.Err != nil && u.unknown {
			st.Err = fmt.Errorf("%w: %s may have been created and could not be verified gone: %w", alianza.ErrOutcomeUnknown, u.what, st.Err)
		}
		p.res.Rollback = append(p.res.Rollback, st)
		if p.opts.Progress != nil {
			p.opts.Progress(st)
		}
		if st.Err != nil {
			failures = append(failures, Failure{What: u.name, Err: st.Err})
			p.res.MayRemain = append(p.res.MayRemain, u.what)
		}
	}
	return failures
}

// refused reports whether a write's error says it was not carried out: it
// was refused before it was sent (a validation error), or answered with a
// 4xx other than 408 Request Timeout.
func refused(err error) bool {
	if ae := (*alianza.APIError)(nil); errors.As(err, &ae) {
		return ae.StatusCode >= 400 && ae.StatusCode < 500 && ae.StatusCode != http.StatusRequestTimeout
	}
	return errors.Is(err, alianza.ErrValidation)
}

func ptrIf(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
