package main

import (
	"context"
	"errors"
	"io/fs"
	"net"
	"net/url"
	"os"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/crm"
)

// Exit codes. Scripts can rely on them: they are part of the console's
// interface and are listed in --help and in the package documentation.
const (
	exitOK         = 0
	exitError      = 1  // anything not covered below: a local file that cannot be read or written, a bug
	exitUsage      = 2  // unknown command or flag, a required flag missing, wrong number of arguments
	exitValidation = 3  // input refused: by the console or SDK before any request, by the platform (400, 409), or a port by the carrier or before submitting
	exitNotFound   = 4  // a user, device, trunk, number ... that does not exist (404)
	exitAuth       = 5  // no credentials, login refused, 401, 403
	exitServer     = 6  // 5xx, 429, timeouts, connection failures, unreadable answers
	exitNotEnabled = 7  // the account does not exist: the CRM's "Customer not enabled in Alianza"
	exitIncomplete = 8  // part of the work was done, part failed: the output says which
	exitAborted    = 9  // a confirmation was declined, or was needed and stdin is not a terminal
	exitUnknown    = 10 // a write may have been applied but no answer came: look before running it again
	exitInterrupt  = 130
)

const exitCodesHelp = `Exit codes:
  0  success
  1  unexpected error, or a local file that cannot be read or written
  2  usage: unknown command or flag, a required flag missing, wrong arguments
  3  validation: input refused before any request, or by Alianza (400, 409);
     a port refused before submitting, or that the carrier rejected or
     cancelled
  4  not found: the user, device, trunk or number does not exist
  5  authentication: no credentials, login refused, 401 or 403
  6  server or transport: 5xx, 429, timeout, connection failure
  7  not enabled: no Alianza account matches ("Customer not enabled in Alianza")
  8  incomplete: some steps succeeded and some failed (the output lists them)
  9  aborted: confirmation declined, or needed without a terminal (use --yes)
  10 outcome unknown: a write was sent and no answer came (the connection
     broke, it timed out or was interrupted); it may have been applied, so
     look (get, list) before running it again
  130 interrupted
`

// usageError is a mistake in the command line itself.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// errAborted is a destructive command the operator did not confirm.
var errAborted = errors.New("aborted")

// sentinels are the errors the exit code is decided by, tested in this
// order: crm.ErrNotEnabled wraps the platform's 404 and an incomplete
// workflow wraps each failure's error, so the more specific meaning comes
// first. Within one exit code the more specific sentinel comes first too:
// a refused login matches alianza.ErrAuthentication and ErrUnauthorized,
// and Alianza's "already exists" 400 matches alianza.ErrConflict and
// ErrBadRequest. An abort is the console's own decision, not a Go error a
// script could match: its name is "", so the JSON error has no sentinel
// (its class, "aborted", says it).
var sentinels = []struct {
	err  error
	name string
	code int
}{
	{errAborted, "", exitAborted},
	{crm.ErrNotEnabled, "crm.ErrNotEnabled", exitNotEnabled},
	{crm.ErrIncomplete, "crm.ErrIncomplete", exitIncomplete},
	// Before context.Canceled and ErrServer: an interrupted or gateway-lost
	// write matches those too, and what the operator must know is that it
	// may have been applied.
	{alianza.ErrOutcomeUnknown, "alianza.ErrOutcomeUnknown", exitUnknown},
	{context.Canceled, "context.Canceled", exitInterrupt},
	{crm.ErrPortFailed, "crm.ErrPortFailed", exitValidation},
	{crm.ErrPortRefused, "crm.ErrPortRefused", exitValidation},
	{alianza.ErrValidation, "alianza.ErrValidation", exitValidation},
	{alianza.ErrConflict, "alianza.ErrConflict", exitValidation},
	{alianza.ErrBadRequest, "alianza.ErrBadRequest", exitValidation},
	{alianza.ErrInsecureURL, "alianza.ErrInsecureURL", exitValidation},
	{alianza.ErrNotFound, "alianza.ErrNotFound", exitNotFound},
	{alianza.ErrAuthentication, "alianza.ErrAuthentication", exitAuth},
	{alianza.ErrUnauthorized, "alianza.ErrUnauthorized", exitAuth},
	{alianza.ErrForbidden, "alianza.ErrForbidden", exitAuth},
	{alianza.ErrNoCredential, "alianza.ErrNoCredential", exitAuth},
	{alianza.ErrNoPartition, "alianza.ErrNoPartition", exitAuth},
	{alianza.ErrServer, "alianza.ErrServer", exitServer},
	{alianza.ErrJobFailed, "alianza.ErrJobFailed", exitServer},
	{alianza.ErrNoJob, "alianza.ErrNoJob", exitServer},
	{alianza.ErrRateLimited, "alianza.ErrRateLimited", exitServer},
	{alianza.ErrDecode, "alianza.ErrDecode", exitServer},
	{alianza.ErrEmptyBody, "alianza.ErrEmptyBody", exitServer},
	{alianza.ErrContentType, "alianza.ErrContentType", exitServer},
	{alianza.ErrTooLarge, "alianza.ErrTooLarge", exitServer},
	{alianza.ErrRedirect, "alianza.ErrRedirect", exitServer},
	{context.DeadlineExceeded, "context.DeadlineExceeded", exitServer},
}

// exitClasses name the exit codes in --json error objects.
var exitClasses = map[int]string{
	exitOK:         "ok",
	exitError:      "error",
	exitUsage:      "usage",
	exitValidation: "validation",
	exitNotFound:   "not_found",
	exitAuth:       "auth",
	exitServer:     "server",
	exitNotEnabled: "not_enabled",
	exitIncomplete: "incomplete",
	exitAborted:    "aborted",
	exitUnknown:    "outcome_unknown",
	exitInterrupt:  "interrupted",
}

// classify returns err's exit code and the sentinel that decided it ("" when
// none did: a usage mistake, an abort, a transport or file error, a bug).
func classify(err error) (code int, sentinel string) {
	var ue usageError
	switch {
	case err == nil:
		return exitOK, ""
	case errors.As(err, &ue):
		return exitUsage, ""
	}
	for _, s := range sentinels {
		if errors.Is(err, s.err) {
			return s.code, s.name
		}
	}
	if isNetworkError(err) {
		return exitServer, ""
	}
	return exitError, ""
}

// isNetworkError reports whether err comes from the network: a request
// (*url.Error), a connection (*net.OpError), a name lookup, or another
// net.Error. A local file's error is not one, though its syscall.Errno
// has the Timeout and Temporary methods of a net.Error: a *fs.PathError,
// *os.LinkError or *os.SyscallError outside a network error is a file
// that cannot be read or written (exit 1).
func isNetworkError(err error) bool {
	var (
		urlErr  *url.Error
		opErr   *net.OpError
		dnsErr  *net.DNSError
		pathErr *fs.PathError
		linkErr *os.LinkError
		sysErr  *os.SyscallError
		netErr  net.Error
	)
	switch {
	case errors.As(err, &urlErr), errors.As(err, &opErr), errors.As(err, &dnsErr):
		return true
	case errors.As(err, &pathErr), errors.As(err, &linkErr), errors.As(err, &sysErr):
		return false
	}
	return errors.As(err, &netErr)
}

// exitCode maps an error to the console's exit code.
func exitCode(err error) int {
	code, _ := classify(err)
	return code
}

// jsonError is how an error prints on stderr with --json.
type jsonError struct {
	Error    string `json:"error"`
	Class    string `json:"class"`              // exitClasses: usage, validation, not_found ...
	Sentinel string `json:"sentinel,omitempty"` // e.g. alianza.ErrNotFound, crm.ErrNotEnabled
	ExitCode int    `json:"exitCode"`
}

func newJSONError(err error) jsonError {
	code, sentinel := classify(err)
	return jsonError{Error: err.Error(), Class: exitClasses[code], Sentinel: sentinel, ExitCode: code}
}
