package alianza

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"
)

// Hook observes what the client sends: each call (one API operation, with
// all its attempts), each HTTP attempt of a call, and each login. Tracing
// and metrics packages implement it (package alianzaotel does, for
// OpenTelemetry); set one with WithHook.
//
// What a hook sees is chosen to be safe to export and cheap to aggregate:
// the operation's operationId, its method and its path template (never the
// filled path, so no account id or telephone number reaches a hook),
// attempt numbers, status codes, durations, error classes, retry decisions
// and waits. No token, password, header or body is ever passed.
//
// The client calls a hook synchronously on the calling goroutine, holding
// no lock of its own: a slow hook delays only the call it observes, by its
// own time, and other goroutines' calls go on. A hook that panics does not
// break the call: the panic is recovered, logged at warning level through
// WithLogger's logger, and the call continues as if that hook method had
// returned at once (a context it was to return is the one it was given).
// Hook methods may be called concurrently for different calls.
type Hook interface {
	// CallStart is called once per call, before its first attempt. The
	// context it returns carries on to the call's attempts and hooks (a
	// tracer's span); returning ctx itself is fine.
	CallStart(ctx context.Context, call CallInfo) context.Context
	// AttemptStart is called before each attempt is sent. The context it
	// returns is the attempt's request context: it must be ctx or derived
	// from it.
	AttemptStart(ctx context.Context, attempt AttemptInfo) context.Context
	// AttemptEnd is called when an attempt has its answer or failed, with
	// what the client does next.
	AttemptEnd(ctx context.Context, attempt AttemptInfo, result AttemptResult)
	// CallEnd is called once per call with its outcome.
	CallEnd(ctx context.Context, call CallInfo, result CallResult)
	// Login is called after each login the client sends (POST
	// /v2/authorize), the first one and every renewal.
	Login(ctx context.Context, login LoginInfo)
}

// NopHook implements Hook with methods that do nothing: embed it to
// implement only the methods you need.
type NopHook struct{}

// CallStart implements Hook.
func (NopHook) CallStart(ctx context.Context, _ CallInfo) context.Context { return ctx }

// AttemptStart implements Hook.
func (NopHook) AttemptStart(ctx context.Context, _ AttemptInfo) context.Context { return ctx }

// AttemptEnd implements Hook.
func (NopHook) AttemptEnd(context.Context, AttemptInfo, AttemptResult) {}

// CallEnd implements Hook.
func (NopHook) CallEnd(context.Context, CallInfo, CallResult) {}

// Login implements Hook.
func (NopHook) Login(context.Context, LoginInfo) {}

// CallInfo names the operation a call sends.
type CallInfo struct {
	// OperationID is the spec's operationId, e.g. "retrieveAccount"; ""
	// for a path the spec does not list (a Client.Do to a path template of
	// another spec version, or a SIP trunk path with a segment changed by
	// WithSipTrunkPathSegment).
	OperationID string
	Method      string // e.g. GET
	// PathTemplate is the operation's path as the spec writes it, with
	// its placeholders unfilled: "/v2/partition/{partitionId}/account/{accountId}".
	PathTemplate string
	// ServerAddress is the host (and port, when the base URL names one)
	// the client sends to.
	ServerAddress string
}

// AttemptInfo is one attempt of a call.
type AttemptInfo struct {
	CallInfo
	// Attempt counts the call's attempts from 1. A replay after a 401
	// is an attempt too.
	Attempt int
	// Replay is set on the attempt that resends the call with a new token
	// after the platform refused the previous one (401).
	Replay bool
}

// Next is what the client does after an attempt.
type Next string

// The decisions after an attempt.
const (
	NextDone   Next = "done"   // the call ends with this attempt's result
	NextRetry  Next = "retry"  // sent again after Wait
	NextReplay Next = "replay" // sent again at once with a new token (after a 401)
)

// AttemptResult is how an attempt ended.
type AttemptResult struct {
	StatusCode int // the answer's status; 0 when there was none
	// Duration runs from sending the attempt to its end: its answer read
	// and decoded, or its failure.
	Duration time.Duration
	// ErrorClass is ErrorClass of the attempt's error ("" for a 2xx).
	ErrorClass string
	Next       Next
	// Wait is the backoff before the retry, when Next is NextRetry.
	Wait time.Duration
}

// CallResult is how a call ended.
type CallResult struct {
	StatusCode int           // the last answer's status; 0 when there was none
	Duration   time.Duration // from CallStart to the end, backoffs and logins included
	Attempts   int           // attempts sent, replays included
	ErrorClass string        // ErrorClass of the call's error; "" for success
}

// LoginInfo is one login.
type LoginInfo struct {
	ServerAddress string
	Duration      time.Duration
	ErrorClass    string // "" when the login succeeded
}

// ErrorClass names the class of err for metrics and traces: a short,
// fixed word per sentinel error of this package ("not_found",
// "outcome_unknown", "rate_limited", ...), "canceled" or "timeout" for a
// context that ended, "transport" for a connection that failed, "other"
// for anything else, and "" for nil. The set is small and never contains
// data from the request.
func ErrorClass(err error) string {
	if err == nil {
		return ""
	}
	// Outcome unknown first: such an error may also match a context error
	// or a status sentinel, and it is what matters most to a dashboard.
	for _, c := range errorClasses {
		if errors.Is(err, c.err) {
			return c.name
		}
	}
	var te *TransportError
	if errors.As(err, &te) {
		return "transport"
	}
	return "other"
}

var errorClasses = []struct {
	err  error
	name string
}{
	{ErrOutcomeUnknown, "outcome_unknown"},
	{context.Canceled, "canceled"},
	{context.DeadlineExceeded, "timeout"},
	{ErrValidation, "validation"},
	{ErrAuthentication, "authentication"},
	{ErrBadRequest, "bad_request"},
	{ErrUnauthorized, "unauthorized"},
	{ErrForbidden, "forbidden"},
	{ErrNotFound, "not_found"},
	{ErrConflict, "conflict"},
	{ErrRateLimited, "rate_limited"},
	{ErrServer, "server"},
	{ErrTooLarge, "too_large"},
	{ErrEmptyBody, "empty_body"},
	{ErrContentType, "content_type"},
	{ErrDecode, "decode"},
	{ErrRedirect, "redirect"},
	{ErrNoPartition, "no_partition"},
}

// WithHook adds h to the hooks the client calls (see Hook). Hooks are
// called in the order they were added.
func WithHook(h Hook) Option {
	return func(c *config) error {
		if h == nil {
			return errOption
		}
		c.hooks = append(c.hooks, h)
		return nil
	}
}

// observer is one call's view of the client's hooks: nil when there are
// none, so a client without hooks pays one nil check per event.
type observer struct {
	c       *Client
	info    CallInfo
	start   time.Duration // since c.epoch
	endedAt time.Duration // since c.epoch, when the final attempt ended; 0 before
}

// now is the time since the client's epoch: one monotonic clock read.
func (o *observer) now() time.Duration { return time.Since(o.c.epoch) }

// observe starts observing a call of r in o, or returns nil when the
// client has no hooks. It returns the context the call goes on with. o is
// the call's own (a field of its state), so hooks cost no allocation of
// their own.
func (c *Client) observe(ctx context.Context, r *request, o *observer) (context.Context, *observer) {
	if len(c.cfg.hooks) == 0 {
		return ctx, nil
	}
	*o = observer{c: c, info: CallInfo{
		OperationID:   operationID(r.method, r.path),
		Method:        r.method,
		PathTemplate:  r.path,
		ServerAddress: c.cfg.serverAddress,
	}}
	o.start = o.now()
	for _, h := range c.cfg.hooks {
		ctx = o.callStartOne(ctx, h)
	}
	return ctx, o
}

// operationID is the spec's operationId of method and path template, or "".
func operationID(method, path string) string {
	ids, ok := operationIDs[path]
	if !ok {
		return ""
	}
	switch method {
	case http.MethodGet:
		return ids.get
	case http.MethodPut:
		return ids.put
	case http.MethodPost:
		return ids.post
	case http.MethodDelete:
		return ids.delete
	case http.MethodPatch:
		return ids.patch
	case http.MethodHead:
		return ids.head
	case http.MethodOptions:
		return ids.options
	case http.MethodTrace:
		return ids.trace
	}
	return ""
}

// operationIDsOfPath holds a path template's operationIds by method; ""
// where the spec has no live operation.
type operationIDsOfPath struct{ get, put, post, delete, patch, head, options, trace string }

// hookClock is when an attempt starts, for its duration in AttemptResult:
// sentAt, the client's clock read as the attempt is sent, unless WithClock
// replaced that clock (a test's clock must not make durations up); one
// clock read per attempt fewer.
func (c *Client) hookClock(sentAt time.Time) time.Time {
	if c.cfg.clockSet {
		return time.Now()
	}
	return sentAt
}

// attemptStart tells the hooks attempt n is about to be sent.
func (o *observer) attemptStart(ctx context.Context, n int, replay bool) (context.Context, AttemptInfo) {
	a := AttemptInfo{CallInfo: o.info, Attempt: n, Replay: replay}
	for _, h := range o.c.cfg.hooks {
		ctx = o.attemptStartOne(ctx, h, &a)
	}
	return ctx, a
}

func (o *observer) attemptEnd(ctx context.Context, a AttemptInfo, res AttemptResult) {
	for _, h := range o.c.cfg.hooks {
		o.attemptEndOne(ctx, h, &a, &res)
	}
}

func (o *observer) callEnd(ctx context.Context, attempts, status int, err error) {
	end := o.endedAt
	if end == 0 { // the call ended without a final attempt (a failed login, a cancelled wait)
		end = o.now()
	}
	res := CallResult{StatusCode: status, Duration: end - o.start, Attempts: attempts, ErrorClass: ErrorClass(err)}
	for _, h := range o.c.cfg.hooks {
		o.callEndOne(ctx, h, &res)
	}
}

// loginDone tells the hooks a login ended.
func (c *Client) loginDone(ctx context.Context, d time.Duration, err error) {
	if len(c.cfg.hooks) == 0 {
		return
	}
	info := LoginInfo{ServerAddress: c.cfg.serverAddress, Duration: d, ErrorClass: ErrorClass(err)}
	for _, h := range c.cfg.hooks {
		c.loginOne(ctx, h, &info)
	}
}

// Each hook method is called from a function of its own that defers
// recoverHook: a hook cannot break a call. A function per method, not
// one taking a closure, because hooks run on every call and the closures
// cost a measurable part of a no-op hook's overhead.

func (o *observer) callStartOne(ctx context.Context, h Hook) (out context.Context) {
	out = ctx
	defer o.c.recoverHook(ctx, "CallStart")
	if next := h.CallStart(ctx, o.info); next != nil {
		out = next
	}
	return out
}

func (o *observer) attemptStartOne(ctx context.Context, h Hook, a *AttemptInfo) (out context.Context) {
	out = ctx
	defer o.c.recoverHook(ctx, "AttemptStart")
	if next := h.AttemptStart(ctx, *a); next != nil {
		out = next
	}
	return out
}

func (o *observer) attemptEndOne(ctx context.Context, h Hook, a *AttemptInfo, res *AttemptResult) {
	defer o.c.recoverHook(ctx, "AttemptEnd")
	h.AttemptEnd(ctx, *a, *res)
}

func (o *observer) callEndOne(ctx context.Context, h Hook, res *CallResult) {
	defer o.c.recoverHook(ctx, "CallEnd")
	h.CallEnd(ctx, o.info, *res)
}

func (c *Client) loginOne(ctx context.Context, h Hook, info *LoginInfo) {
	defer c.recoverHook(ctx, "Login")
	h.Login(ctx, *info)
}

// recoverHook, deferred around a hook method, recovers its panic (a
// panicking CallStart or AttemptStart then leaves the context as it was)
// and logs it. The panic's value is not logged (a hook may panic with
// anything); its type is.
func (c *Client) recoverHook(ctx context.Context, method string) {
	if p := recover(); p != nil && c.cfg.logger != nil {
		c.cfg.logger.WarnContext(ctx, "alianza: hook panicked; event dropped", "hook_method", method, "panic_type", fmt.Sprintf("%T", p))
	}
}
