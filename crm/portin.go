package crm

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/go-alianza/alianza"
)

// PortInSpec describes bringing a customer's existing numbers over to an
// account and routing them once they arrive.
type PortInSpec struct {
	AccountID string
	// Numbers are the numbers to port (10 or 11 digits), with one billing
	// number (Port.BillingTelephoneNumber; empty means the first number).
	Numbers []string
	// CustomerServiceRecord must match the losing carrier's record of the
	// customer, or the port is rejected.
	CustomerServiceRecord alianza.CustomerServiceRecord
	// E911Address defaults to the CSR's address.
	E911Address *alianza.E911Address
	// Port is the port data. A zero CrdDate takes the earliest customer
	// request date prevalidation offers; a date prevalidation does not
	// offer is refused before submitting.
	Port alianza.PortRequest

	// Routing once the port completes, as provisioning routes: to an end
	// user (optionally as its caller ID), else to a SIP trunk, else to a
	// business line. None leaves the numbers unrouted.
	UserID         string
	CallerID       bool
	SipTrunkID     string
	BusinessLineID string
}

// LogValue masks the wireless PIN.
func (s PortInSpec) LogValue() slog.Value { return alianza.RedactedLogValue(s) }

// String summarises the spec without the wireless PIN.
func (s PortInSpec) String() string {
	return fmt.Sprintf("port-in of %s to account %s", strings.Join(s.Numbers, ", "), s.AccountID)
}

// Format prints String for every verb, so no fmt path reaches the PIN.
func (s PortInSpec) Format(f fmt.State, _ rune) { fmt.Fprint(f, s.String()) }

// Default polling of PortIn. A port takes days (the carrier answers with
// a FOC date, the numbers move on it), so PortIn polls once a minute at
// first, doubling to once every 30 minutes.
const (
	DefaultPortPollInterval    = time.Minute
	DefaultPortPollMaxInterval = 30 * time.Minute
)

// PortInOptions tune PortIn.
type PortInOptions struct {
	// PollInterval and MaxPollInterval bound the waits between status
	// polls (0: the defaults).
	PollInterval, MaxPollInterval time.Duration
	// Progress, when set, is called after each step from the calling
	// goroutine: prevalidation, submission, every status the port reaches,
	// each routing.
	Progress func(Step)
	// SubmitOnly returns once the port is submitted (or an earlier run's
	// is found) and its status read once, without following it; the
	// numbers are routed only if that status is already COMPLETED.
	SubmitOnly bool
}

// PortInResult is what PortIn did.
type PortInResult struct {
	PortID string
	// Status is the last status the port was seen in (COMPLETED when
	// PortIn returns nil).
	Status alianza.ActivationStatus
	// Availability is prevalidation's answer; nil when the port was
	// already submitted by an earlier run.
	Availability *alianza.PortAvailability
	// Resumed is true when an earlier run had submitted the port and this
	// one picked it up.
	Resumed bool
	// Routed lists the numbers routed (or found routed) as the spec asks.
	Routed []string
	// Steps lists every step attempted, in order, failed ones included.
	Steps []Step
}

// ErrPortFailed is matched by the *PortFailedError of a port that ended
// without completing.
var ErrPortFailed = errors.New("crm: port did not complete")

// ErrPortRefused is matched by the error of a port-in that PortIn refuses
// before submitting it because the carrier or the account cannot take it:
// numbers prevalidation says are not portable, a customer request date the
// carrier does not offer, or a number already on the account that did not
// come by a port. The error wraps it with the details; nothing was
// submitted.
var ErrPortRefused = errors.New("crm: port refused")

// PortFailedError is a port that ended REJECTED or cancelled, with the
// carrier's last message.
type PortFailedError struct {
	PortID string
	Status alianza.ActivationStatus
	Reason string
}

func (e *PortFailedError) Error() string {
	msg := fmt.Sprintf("crm: port %s ended %s", e.PortID, e.Status)
	if e.Reason != "" {
		msg += ": " + e.Reason
	}
	return msg
}

// Is matches ErrPortFailed.
func (e *PortFailedError) Is(target error) bool { return target == ErrPortFailed }

// PortIn ports spec.Numbers in and routes them: it prevalidates them with
// the carrier, submits the port (PortsService.Submit), follows it through
// the service activation events until it completes or fails, then routes
// each number as the spec asks, reporting every step (PortInResult.Steps
// and opts.Progress).
//
// It is safe to run again with the same spec: numbers already on the
// account with a port are not submitted again, the port is picked up where
// it stands, and numbers already routed as asked are left as they are. So
// a run that ends with ctx (the port takes days) is resumed by the next.
//
// A port that is rejected or cancelled ends PortIn with a
// *PortFailedError (errors.Is ErrPortFailed); correct a rejected port with
// PortsService.Update or Patch and run PortIn again to follow it. A port
// the carrier or the account cannot take (numbers not portable, a customer
// request date the carrier does not offer, a number already on the account
// that was not ported) is refused before submitting, with an error that
// matches ErrPortRefused.
func (c *Client) PortIn(ctx context.Context, spec *PortInSpec, opts *PortInOptions) (*PortInResult, error) {
	if spec == nil {
		return nil, errors.New("crm: port-in spec is nil")
	}
	if opts == nil {
		opts = &PortInOptions{}
	}
	p := &portIn{c: c, spec: *spec, opts: opts, res: &PortInResult{}}
	p.spec.Numbers = normNumbers(spec.Numbers)
	if err := p.validate(); err != nil {
		return nil, err
	}
	err := p.run(ctx)
	return p.res, err
}

type portIn struct {
	c    *Client
	spec PortInSpec
	opts *PortInOptions
	res  *PortInResult
}

func normNumbers(in []string) []string {
	out := make([]string, len(in))
	for i, n := range in {
		n = strings.TrimSpace(n)
		if len(n) == 10 {
			n = "1" + n
		}
		out[i] = n
	}
	return out
}

// validate checks the spec as Submit would, before any request.
func (p *portIn) validate() error {
	var ck checker
	if p.spec.AccountID == "" {
		ck.add("accountId", "is required")
	}
	req := p.submitRequest(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC))
	ck.merge("", req.Validate(), nil)
	if p.opts.PollInterval < 0 || p.opts.MaxPollInterval < 0 {
		ck.add("pollInterval", "must not be negative")
	}
	return ck.err()
}

func (p *portIn) submitRequest(crd time.Time) *alianza.SubmitPortRequest {
	port := p.spec.Port
	if port.BillingTelephoneNumber == "" && len(p.spec.Numbers) > 0 {
		port.BillingTelephoneNumber = p.spec.Numbers[0]
	}
	if port.CrdDate.IsZero() {
		port.CrdDate = crd
	}
	return &alianza.SubmitPortRequest{
		Numbers: p.spec.Numbers, CustomerServiceRecord: p.spec.CustomerServiceRecord,
		E911Address: p.spec.E911Address, Port: port,
	}
}

func (p *portIn) step(name, id string, err error) error {
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

func (p *portIn) run(ctx context.Context) error {
	api := p.c.api
	acct := p.spec.AccountID
	// An earlier run may have submitted the port: its numbers are on the
	// account, with the port's ID.
	existing, err := p.existingPort(ctx)
	if err != nil {
		return p.step("look for an earlier port of "+strings.Join(p.spec.Numbers, ", "), "", err)
	}
	if existing != "" {
		p.res.PortID, p.res.Resumed = existing, true
		if err := p.step("resume port "+existing, existing, nil); err != nil {
			return err
		}
	} else {
		avail, err := api.Prevalidation.Port(ctx, &alianza.PortPrevalidationRequest{
			Numbers: p.spec.Numbers, BillingTelephoneNumber: p.spec.Port.BillingTelephoneNumber,
			CustomerServiceRecord: &p.spec.CustomerServiceRecord,
		})
		if err == nil {
			p.res.Availability = avail
			err = checkAvailability(avail, p.spec.Port.CrdDate)
		}
		crd := ""
		if avail != nil {
			crd = avail.EarliestCRD
		}
		if err := p.step("prevalidate "+strings.Join(p.spec.Numbers, ", "), crd, err); err != nil {
			return err
		}
		act, err := api.Ports.Submit(ctx, acct, p.submitRequest(avail.EarliestDate()))
		id := ""
		if err == nil {
			id = act.Port.ID
		}
		if err := p.step("submit port", id, err); err != nil {
			return err
		}
		p.res.PortID = id
	}
	if err := p.track(ctx); err != nil {
		return err
	}
	if !p.res.Status.Final() {
		return nil // SubmitOnly
	}
	return p.route(ctx)
}

// existingPort returns the ID of the port that brought the spec's first
// number to the account, "" when it is not on the account.
func (p *portIn) existingPort(ctx context.Context) (string, error) {
	n, err := p.c.api.TelephoneNumbers.Get(ctx, p.spec.AccountID, p.spec.Numbers[0])
	if errors.Is(err, alianza.ErrNotFound) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	if n.PortID == "" {
		return "", fmt.Errorf("%w: %s is on the account but was not ported", ErrPortRefused, n.PhoneNumber)
	}
	return n.PortID, nil
}

// checkAvailability refuses a port the carrier will not take.
func checkAvailability(a *alianza.PortAvailability, crd time.Time) error {
	if !a.ServiceAvailable {
		why := a.Exception
		if why == "" {
			why = a.ThirdPartyResultMessage
		}
		return fmt.Errorf("%w: the carrier cannot port these numbers: %s", ErrPortRefused, why)
	}
	if !crd.IsZero() && len(a.AvailabilityList) > 0 {
		day := crd.UTC().Format("2006-01-02")
		for _, d := range a.AvailabilityList {
			if d == day {
				return nil
			}
		}
		return fmt.Errorf("%w: the customer request date %s is not one the carrier offers (%s to %s)", ErrPortRefused, day, a.EarliestCRD, a.LatestCRD)
	}
	return nil
}

// track polls the port's service activation event until it is final.
func (p *portIn) track(ctx context.Context) error {
	next, ceiling := DefaultPortPollInterval, DefaultPortPollMaxInterval
	if p.opts.PollInterval > 0 {
		next = p.opts.PollInterval
	}
	if p.opts.MaxPollInterval > 0 {
		ceiling = p.opts.MaxPollInterval
	}
	ceiling = max(ceiling, next)
	var last alianza.ActivationStatus
	for {
		ev, err := p.event(ctx)
		if err != nil {
			return p.step("read the status of port "+p.res.PortID, p.res.PortID, err)
		}
		st := ev.ActivationStatusType
		p.res.Status = st
		if st != last {
			last = st
			var failed error
			if st.Final() && st != alianza.ActivationStatusCompleted && st != alianza.ActivationStatusCorrectedCompleted {
				failed = &PortFailedError{PortID: p.res.PortID, Status: st, Reason: lastMessage(ev)}
			}
			if err := p.step("port "+p.res.PortID+" "+string(st), p.res.PortID, failed); err != nil {
				return failed
			}
		}
		if st.Final() || p.opts.SubmitOnly {
			return nil
		}
		t := time.NewTimer(next)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
		next = min(next*2, ceiling)
	}
}

func lastMessage(ev *alianza.ServiceActivationEvent) string {
	for i := len(ev.Logs) - 1; i >= 0; i-- {
		if m := ev.Logs[i].Message; m != "" {
			return m
		}
	}
	return ""
}

// event finds the port's service activation event.
func (p *portIn) event(ctx context.Context) (*alianza.ServiceActivationEvent, error) {
	opts := &alianza.StatusSearchOptions{
		AccountID: p.spec.AccountID, TelephoneNumber: p.spec.Numbers[0],
		EventTypes: []alianza.ServiceActivationType{alianza.ServiceActivationTypePortRequest},
	}
	for ev, err := range p.c.api.Ports.StatusSearch(ctx, opts) {
		if err != nil {
			return nil, err
		}
		if ev.ReferenceID == p.res.PortID || ev.ID == p.res.PortID {
			return &ev, nil
		}
	}
	return nil, fmt.Errorf("no service activation event for port %s: %w", p.res.PortID, alianza.ErrNotFound)
}

// route points each number where the spec asks, skipping those already
// there.
func (p *portIn) route(ctx context.Context) error {
	s := p.spec
	var refType alianza.TNReferenceType
	var refID, target string
	switch {
	case s.UserID != "":
		refType, refID, target = alianza.TNReferenceTypeEndUser, s.UserID, "user "+s.UserID
	case s.SipTrunkID != "":
		refType, refID, target = alianza.TNReferenceTypeSIPTrunk, s.SipTrunkID, "sip trunk "+s.SipTrunkID
	case s.BusinessLineID != "":
		refType, refID, target = alianza.TNReferenceTypeBusinessLine, s.BusinessLineID, "business line "+s.BusinessLineID
	default:
		return nil
	}
	api := p.c.api
	var errs []error
	for _, tn := range s.Numbers {
		name := "route " + tn + " to " + target
		if refType == alianza.TNReferenceTypeEndUser && s.CallerID {
			name += " as caller ID"
		}
		n, err := api.TelephoneNumbers.Get(ctx, s.AccountID, tn)
		if err == nil && n.ReferenceType == refType && n.ReferenceID == refID && !s.CallerID {
			p.res.Routed = append(p.res.Routed, tn)
			_ = p.step(name+" (already routed)", tn, nil)
			continue
		}
		if err == nil {
			switch refType {
			case alianza.TNReferenceTypeEndUser:
				_, err = api.TelephoneNumbers.RouteToUser(ctx, s.AccountID, tn, refID, s.CallerID)
			case alianza.TNReferenceTypeSIPTrunk:
				_, err = api.TelephoneNumbers.RouteToSipTrunk(ctx, s.AccountID, tn, refID)
			default:
				_, err = api.TelephoneNumbers.RouteToBusinessLine(ctx, s.AccountID, tn, refID)
			}
		}
		if err == nil {
			p.res.Routed = append(p.res.Routed, tn)
		}
		if serr := p.step(name, tn, err); serr != nil {
			errs = append(errs, serr)
		}
	}
	return errors.Join(errs...)
}
