package main

import (
	"context"
	"errors"
	"net"
	"net/url"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/crm"
)

// Exit codes. Scripts can rely on them: they are part of the console's
// interface and are listed in --help and in the package documentation.
const (
	exitOK         = 0
	exitError      = 1 // anything not covered below (a bug, a file that cannot be written)
	exitUsage      = 2 // unknown command or flag, wrong number of arguments
	exitValidation = 3 // input refused: by the console or SDK before any request, or by the platform (400, 409)
	exitNotFound   = 4 // a user, device, trunk, number ... that does not exist (404)
	exitAuth       = 5 // no credentials, login refused, 401, 403
	exitServer     = 6 // 5xx, 429, timeouts, connection failures, unreadable answers
	exitNotEnabled = 7 // the account does not exist: seed 000's "Customer not enabled in Alianza"
	exitIncomplete = 8 // part of the work was done, part failed: the output says which
	exitAborted    = 9 // a confirmation was declined, or was needed and stdin is not a terminal
	exitInterrupt  = 130
)

const exitCodesHelp = `Exit codes:
  0  success
  1  unexpected error
  2  usage: unknown command or flag, wrong arguments
  3  validation: input refused before any request, or by Alianza (400, 409)
  4  not found: the user, device, trunk or number does not exist
  5  authentication: no credentials, login refused, 401 or 403
  6  server or transport: 5xx, 429, timeout, connection failure
  7  not enabled: no Alianza account matches ("Customer not enabled in Alianza")
  8  incomplete: some steps succeeded and some failed (the output lists them)
  9  aborted: confirmation declined, or needed without a terminal (use --yes)
  130 interrupted
`

// usageError is a mistake in the command line itself.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// errAborted is a destructive command the operator did not confirm.
var errAborted = errors.New("aborted")

// exitCode maps an error to the console's exit code. The order matters:
// ErrNotEnabled wraps the platform's 404 and an incomplete workflow wraps
// each failure's error, so the more specific meaning is tested first.
func exitCode(err error) int {
	var ue usageError
	var ne net.Error
	var ue2 *url.Error
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ue):
		return exitUsage
	case errors.Is(err, errAborted):
		return exitAborted
	case errors.Is(err, crm.ErrNotEnabled):
		return exitNotEnabled
	case errors.Is(err, crm.ErrIncomplete):
		return exitIncomplete
	case errors.Is(err, context.Canceled):
		return exitInterrupt
	case errors.Is(err, alianza.ErrValidation), errors.Is(err, alianza.ErrBadRequest), errors.Is(err, alianza.ErrConflict),
		errors.Is(err, alianza.ErrInsecureURL):
		return exitValidation
	case errors.Is(err, alianza.ErrNotFound):
		return exitNotFound
	case errors.Is(err, alianza.ErrUnauthorized), errors.Is(err, alianza.ErrForbidden),
		errors.Is(err, alianza.ErrAuthentication), errors.Is(err, alianza.ErrNoCredential), errors.Is(err, alianza.ErrNoPartition):
		return exitAuth
	case errors.Is(err, alianza.ErrServer), errors.Is(err, alianza.ErrRateLimited), errors.Is(err, alianza.ErrOutcomeUnknown),
		errors.Is(err, alianza.ErrDecode), errors.Is(err, alianza.ErrEmptyBody), errors.Is(err, alianza.ErrContentType),
		errors.Is(err, alianza.ErrTooLarge), errors.Is(err, alianza.ErrRedirect), errors.Is(err, context.DeadlineExceeded),
		errors.As(err, &ne), errors.As(err, &ue2):
		return exitServer
	}
	return exitError
}
