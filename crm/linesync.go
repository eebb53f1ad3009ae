package crm

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/go-alianza/alianza"
)

// LineStore is the CRM's side of a SIP-line sync: the customer's rows of
// the CRM's "Alianza Voice" table. Lines are keyed by SIP username.
// SyncSIPLines calls its methods one at a time, in plan order.
type LineStore interface {
	// Lines returns the customer's lines as the CRM holds them now.
	Lines(ctx context.Context) ([]SIPLine, error)
	Add(ctx context.Context, l SIPLine) error
	// Update replaces the line with l's SIP username.
	Update(ctx context.Context, l SIPLine) error
	Delete(ctx context.Context, l SIPLine) error
}

// SyncOptions tune SyncSIPLines. The zero value applies the plan.
type SyncOptions struct {
	// DryRun computes and returns the plan without calling Add, Update or
	// Delete.
	DryRun bool
	// Remote, when set, is Alianza's side as ReadSIPLines returned it: the
	// sync plans against it instead of reading the lines again, so one
	// read serves an AddOnly and then a Full sync. It must be a read of the
	// linked account, else the sync fails before it changes anything.
	Remote *RemoteLines
}

// LineOp is one change to the CRM.
type LineOp string

// The changes a sync applies.
const (
	LineOpAdd    LineOp = "add"
	LineOpUpdate LineOp = "update"
	LineOpDelete LineOp = "delete"
)

// LineAction is one change applied to the CRM, or attempted.
type LineAction struct {
	Op     LineOp
	Line   SIPLine
	Fields []string // for updates: what differed
	Err    error    // nil when it was applied
}

// LogValue masks the SIP password.
func (a LineAction) LogValue() slog.Value { return alianza.RedactedLogValue(a) }

// SyncResult is what a SIP-line sync planned and did.
type SyncResult struct {
	AccountID string
	Plan      SyncPlan
	// RemoteComplete is false when some of Alianza's lines could not be
	// read (see RemoteFailures); Full mode then deletes nothing.
	RemoteComplete bool
	RemoteFailures []Failure
	DryRun         bool
	Applied        []LineAction // in the order applied
	Failed         []LineAction // each with its Err
}

// LogValue masks the SIP passwords.
func (r SyncResult) LogValue() slog.Value { return alianza.RedactedLogValue(r) }

// SyncSIPLines brings the CRM's SIP lines in line with Alianza's: it reads
// Alianza's lines (or takes opts.Remote) and the store's,
// plans with PlanSIPLineSync, and applies adds, then updates, then deletes.
//
// A failed change does not stop the others. When any change failed, or
// Alianza's side could not be read completely, the result comes with an
// error matching ErrIncomplete. In Full mode nothing is deleted unless
// Alianza's side was read completely: a line missing from an incomplete
// read is not a line Alianza no longer has.
func (c *Client) SyncSIPLines(ctx context.Context, link Link, mode SyncMode, store LineStore, opts *SyncOptions) (*SyncResult, error) {
	if !mode.Valid() {
		return nil, fmt.Errorf("crm: unknown sync mode %q (want %q or %q)", mode, SyncModeFull, SyncModeAddOnly)
	}
	if store == nil {
		return nil, fmt.Errorf("crm: line store is nil")
	}
	if opts == nil {
		opts = &SyncOptions{}
	}
	a, err := c.account(ctx, link)
	if err != nil {
		return nil, err
	}
	var remote []SIPLine
	var remoteFailures []Failure
	if r := opts.Remote; r != nil {
		if r.AccountID != a.ID {
			return nil, fmt.Errorf("crm: the SIP lines given are those of account %s, not of account %s (%s)", r.AccountID, a.AccountNumber, link)
		}
		remote, remoteFailures = r.Lines, r.Failures
	} else {
		remote, remoteFailures = c.readSIPLines(ctx, newGate(c.concurrency), a.ID)
	}
	local, err := store.Lines(ctx)
	if err != nil {
		return nil, fmt.Errorf("crm: reading the CRM's SIP lines: %w", err)
	}
	plan, err := PlanSIPLineSync(mode, local, remote, len(remoteFailures) == 0)
	if err != nil {
		return nil, err
	}
	res := &SyncResult{AccountID: a.ID, Plan: plan, RemoteComplete: len(remoteFailures) == 0, RemoteFailures: remoteFailures, DryRun: opts.DryRun}
	if !opts.DryRun {
		apply := func(act LineAction, f func(context.Context, SIPLine) error) {
			if act.Err = ctx.Err(); act.Err == nil {
				act.Err = f(ctx, act.Line)
			}
			if act.Err != nil {
				res.Failed = append(res.Failed, act)
				return
			}
			res.Applied = append(res.Applied, act)
		}
		for _, l := range plan.Add {
			apply(LineAction{Op: LineOpAdd, Line: l}, store.Add)
		}
		for _, u := range plan.Update {
			apply(LineAction{Op: LineOpUpdate, Line: u.New, Fields: u.Fields}, store.Update)
		}
		for _, l := range plan.Delete {
			apply(LineAction{Op: LineOpDelete, Line: l}, store.Delete)
		}
	}
	failures := append([]Failure(nil), remoteFailures...)
	for _, f := range res.Failed {
		failures = append(failures, Failure{What: fmt.Sprintf("crm %s of %s", f.Op, f.Line.SIPUsername), Err: f.Err})
	}
	return res, incomplete("sip-line sync", failures)
}
