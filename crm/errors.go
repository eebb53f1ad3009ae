package crm

import (
	"errors"
	"fmt"
	"strings"
)

// ErrNotEnabled means the CRM customer has no Alianza account: what the
// CRM shows as "Customer not enabled in Alianza". The panel shows it instead of an error.
var ErrNotEnabled = errors.New("crm: customer not enabled in Alianza")

// ErrIncomplete means a workflow did part of its work: some look-ups or
// steps failed while others succeeded. The result returned with it says
// which; errors.As finds the *IncompleteError.
var ErrIncomplete = errors.New("crm: incomplete")

// Failure is one part of a workflow that failed, such as the provisioning
// data of one device or the delete of one number.
type Failure struct {
	What string // e.g. "sip lines: provisioning data of device 0004F2ABCDEF"
	Err  error
}

func (f Failure) Error() string { return f.What + ": " + f.Err.Error() }

// Unwrap returns the underlying error.
func (f Failure) Unwrap() error { return f.Err }

// IncompleteError lists the failures of a workflow that otherwise went on.
// It matches ErrIncomplete, and errors.Is/As see through to each failure's
// error (alianza.ErrServer, say).
type IncompleteError struct {
	Op       string // "panel", "sip-line sync", "teardown"
	Failures []Failure
}

func (e *IncompleteError) Error() string {
	msgs := make([]string, 0, len(e.Failures))
	for _, f := range e.Failures {
		msgs = append(msgs, f.Error())
	}
	return fmt.Sprintf("crm: %s incomplete, %d failure(s): %s", e.Op, len(e.Failures), strings.Join(msgs, "; "))
}

// Is makes errors.Is(err, ErrIncomplete) true.
func (e *IncompleteError) Is(target error) bool { return target == ErrIncomplete }

// Unwrap returns the failures' errors.
func (e *IncompleteError) Unwrap() []error {
	out := make([]error, len(e.Failures))
	for i, f := range e.Failures {
		out[i] = f
	}
	return out
}

// incomplete returns nil when there are no failures.
func incomplete(op string, f []Failure) error {
	if len(f) == 0 {
		return nil
	}
	return &IncompleteError{Op: op, Failures: f}
}
