package alianza

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"
)

// verdict is what follows an attempt.
type verdict int

const (
	done   verdict = iota // return the final error (nil for success)
	retry                 // back off, then send again, budget allowing
	replay                // send again at once with a new token (after a 401)
)

// callState is what one call remembers across its attempts.
type callState struct {
	r          *request
	path       string
	ts         tokenSource // where the call's tokens come from
	gen        uint64      // the generation of the token last sent
	attempt    int         // attempts counted against MaxRetries; a replay is not one
	replayed   bool        // the one replay after a 401 has happened
	lostAnswer bool        // an earlier attempt was sent and its answer lost
	last       error       // the last retried attempt's error, wrapped into a final context error
	streamed   bool        // a lost answer was partly copied to the caller's io.Writer: never sent again

	// For the client's hooks: the observer (nil without hooks), the
	// attempts sent (replays included), the last answer's status, when the
	// current attempt was sent and whether it is the replay after a 401.
	obs       *observer
	observed  observer // what obs points to when the client has hooks
	sent      int
	attemptAt time.Time
	replaying bool

	// The call's options (nil for none) and the retry policy they leave
	// (the client's, unless WithCallRetryPolicy or WithCallNoRetries).
	opts  *callOptions
	retry *RetryPolicy

	// The answer the call ended on so far, for hooks and CaptureResponse:
	// its status (0 for none) and headers, and whether it is a DELETE's
	// 404 that means an earlier attempt did the work.
	status      int
	header      http.Header
	alreadyDone bool
}

// answered records the answer of the latest attempt; nil for none (no
// answer, or one whose body was lost).
func (s *callState) answered(resp *http.Response) {
	if resp == nil {
		s.status, s.header = 0, nil
		return
	}
	s.status, s.header = resp.StatusCode, resp.Header
}

// attemptStart counts an attempt about to be sent (sentAt is the client's
// clock read as it is sent) and tells the hooks. It returns the attempt's
// context: ctx, or the one the hooks derived.
func (s *callState) attemptStart(ctx context.Context, sentAt time.Time) (context.Context, AttemptInfo) {
	s.sent++
	if s.obs == nil {
		return ctx, AttemptInfo{}
	}
	s.attemptAt = s.obs.c.hookClock(sentAt)
	return s.obs.attemptStart(ctx, s.sent, s.replaying)
}

// attemptEnd tells the hooks how the attempt a ended and what follows:
// err is the attempt's error (nil for a 2xx), next the decision and wait
// the backoff before a retry.
func (s *callState) attemptEnd(ctx context.Context, a AttemptInfo, err error, next Next, wait time.Duration) {
	s.replaying = next == NextReplay
	if s.obs == nil {
		return
	}
	now := s.obs.now()
	if next == NextDone {
		// The call ends here: attempts returns at once, and CallEnd
		// takes this reading rather than the clock's again.
		s.obs.endedAt = now
	}
	s.obs.attemptEnd(ctx, a, AttemptResult{
		StatusCode: s.status,
		Duration:   now - s.attemptAt.Sub(s.obs.c.epoch),
		ErrorClass: ErrorClass(err),
		Next:       next,
		Wait:       wait,
	})
}

// classify decides what follows an attempt: the answer resp, or the
// transport error err when there is none (a broken 2xx body included).
// final is the call's error if it ends here, or if a retry or replay
// cannot happen. written reports whether a POST or PATCH reached the wire.
//
// This is the one place the retry rules live:
//   - The caller's context ended: a POST or PATCH that was written may have
//     been applied, so the error matches ErrOutcomeUnknown as well as the
//     context's error; anything else is the context's error.
//   - A refused dial sent nothing, and neither did a POST or PATCH whose
//     attempt failed before its headers were written (a dial or TLS
//     handshake that timed out, a wait for a free connection): even a POST
//     may go again. Otherwise only idempotent methods are retried, and a
//     POST or PATCH that was written is ErrOutcomeUnknown, never resent.
//   - A failed certificate check sent nothing too, so it is never
//     ErrOutcomeUnknown; but it is final: another attempt would fail alike.
//   - An answer that broke after part of it was copied to Client.Do's
//     io.Writer is not sent again: the writer already holds that part.
//   - A 401 is replayed once with a new token: the platform did not act.
//   - A 404 to a DELETE whose earlier attempt was written and got no answer
//     means that attempt deleted it: success.
//   - 429, 500, 502, 503 and 504 are retried for idempotent methods. A 502
//     or 504 to a POST or PATCH is a gateway that lost the platform's
//     answer: the *APIError also matches ErrOutcomeUnknown.
func (c *Client) classify(ctx context.Context, s *callState, resp *http.Response, err error, written func() bool) (verdict, error) {
	r := s.r
	idempotent := isIdempotent(r.method)
	if resp == nil {
		if cerr := ctx.Err(); cerr != nil {
			if !idempotent && written() {
				return done, &OutcomeUnknownError{Method: r.method, Path: s.path, Err: withCause(cerr, err)}
			}
			return done, withLast(r.method, s.path, cerr, s.last)
		}
		// A POST, PATCH or DELETE that timed out or failed before its
		// headers were written (a slow dial or TLS handshake, a wait for a
		// free connection) sent nothing either.
		sent := !sentNothing(err) && written()
		if (!sent || idempotent) && retryableTransport(err) && s.attempt <= s.retry.MaxRetries && !s.streamed {
			s.lostAnswer = s.lostAnswer || sent
			s.last = c.lostError(s, err, sent)
			return retry, s.last
		}
		return done, c.lostError(s, err, sent)
	}
	switch {
	case resp.StatusCode == http.StatusUnauthorized && !s.replayed && s.ts.rejected(s.gen):
		drainClose(resp.Body)
		s.replayed = true
		return replay, nil
	case resp.StatusCode == http.StatusNotFound && s.lostAnswer && r.method == http.MethodDelete:
		drainClose(resp.Body)
		c.logAlreadyDone(ctx, s)
		s.alreadyDone = true // the captured answer says why a 404 is success
		return done, nil
	}
	apiErr := c.apiError(resp, r, s.path, s.attempt+btoi(s.replayed))
	// A gateway's 502 or 504 to a write: the platform behind it may have
	// acted and its answer was lost.
	apiErr.lostUpstream = !idempotent && (resp.StatusCode == http.StatusBadGateway || resp.StatusCode == http.StatusGatewayTimeout)
	if idempotent && retryableStatus(resp.StatusCode) && s.attempt <= s.retry.MaxRetries {
		s.last = apiErr
		return retry, apiErr
	}
	return done, apiErr
}

// retryAfter is the wait the last retried answer asked for (Retry-After),
// or 0.
func (s *callState) retryAfter() time.Duration {
	if ae, ok := s.last.(*APIError); ok {
		return ae.RetryAfter
	}
	return 0
}

// lostError is the final error of an attempt that got no answer: the
// outcome is unknown for a POST or PATCH that was sent, else the transport
// failure.
func (c *Client) lostError(s *callState, err error, sent bool) error {
	if sent && !isIdempotent(s.r.method) {
		return &OutcomeUnknownError{Method: s.r.method, Path: s.path, Err: err}
	}
	return &TransportError{Method: s.r.method, Path: s.path, Attempts: s.attempt, Err: err}
}

// withCause is the context's error cerr, also wrapping the transport's err
// when that is a different error.
func withCause(cerr, err error) error {
	if err == nil || errors.Is(err, cerr) {
		return cerr
	}
	return fmt.Errorf("%w: %w", cerr, err)
}

// logAlreadyDone records, at debug level, a DELETE whose retry found
// nothing to delete because the attempt whose answer was lost did it.
func (c *Client) logAlreadyDone(ctx context.Context, s *callState) {
	if l := c.cfg.logger; l != nil {
		l.LogAttrs(ctx, slog.LevelDebug, "alianza request: 404 after a lost answer; the earlier attempt deleted it",
			slog.String("method", s.r.method), slog.String("path", s.path), slog.Int("attempt", s.attempt))
	}
}

// pause is the step before a retry: take a token from the retry budget,
// then wait the backoff. ok is false when the budget is spent; err is set
// when ctx ended first, or errPastDeadline when the wait would end after
// ctx's deadline. A retry that is not sent gives its token back.
func (c *Client) pause(ctx context.Context, attempt int, retryAfter time.Duration) (ok bool, err error) {
	d, ok, err := c.planRetry(ctx, &c.cfg.retry, attempt, retryAfter)
	if !ok || err != nil {
		return ok, err
	}
	return c.sleep(ctx, d)
}

// planRetry is the decision half of pause: whether the retry happens and
// after how long, without waiting, so hooks hear of it before the wait.
func (c *Client) planRetry(ctx context.Context, pol *RetryPolicy, attempt int, retryAfter time.Duration) (d time.Duration, ok bool, err error) {
	if !c.budget.take() {
		return 0, false, nil
	}
	d = backoff(pol, attempt, retryAfter)
	if deadline, has := ctx.Deadline(); has && time.Until(deadline) < d {
		c.budget.refund()
		return 0, false, errPastDeadline
	}
	return d, true, nil
}

// sleep is the waiting half of pause: it waits d, or gives the budget's
// token back and fails when ctx ends first.
func (c *Client) sleep(ctx context.Context, d time.Duration) (bool, error) {
	if err := c.wait(ctx, d); err != nil {
		c.budget.refund()
		return false, err
	}
	return true, nil
}

// errPastDeadline is a backoff that was not started because it would end
// after the context's deadline. The context has not ended: the call
// returns its last attempt's error, never a deadline error.
var errPastDeadline = errors.New("no retry: the backoff would end after the context's deadline")

// pastDeadline wraps the last attempt's error final of a call whose next
// backoff would outlast the context's deadline: callers match final as
// before, and the text says why the call stopped.
func pastDeadline(final error) error { return fmt.Errorf("%w (%w)", final, errPastDeadline) }

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// retryableStatus is the set of statuses worth another try of an idempotent
// request: rate limiting and the gateway and overload family.
func retryableStatus(code int) bool {
	switch code {
	case http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusBadGateway,
		http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// retryableTransport reports whether a transport error may clear up on a
// new attempt. Certificate problems, refused redirects and cancellations do
// not. The caller has already checked its own context, so a
// DeadlineExceeded here is the per-attempt timeout (WithTimeout), which a
// new attempt may well beat.
func retryableTransport(err error) bool {
	return !errors.Is(err, context.Canceled) && !errors.Is(err, ErrRedirect) && !isCertError(err)
}

// sentNothing reports whether an attempt failed before any byte of the
// request was written, so that the platform cannot have acted on it.
func sentNothing(err error) bool { return isDialError(err) || isCertError(err) }

// isCertError reports whether err is a failed TLS certificate check: the
// request was never written.
func isCertError(err error) bool {
	var certErr x509.UnknownAuthorityError
	var certErrPtr *x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var invalid x509.CertificateInvalidError
	var verify *tls.CertificateVerificationError
	return errors.As(err, &certErr) || errors.As(err, &certErrPtr) || errors.As(err, &hostErr) ||
		errors.As(err, &invalid) || errors.As(err, &verify)
}

// isDialError reports whether err happened before any byte of the request
// was written: the connection was never made, so even a POST can be resent.
func isDialError(err error) bool {
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return true
	}
	var dns *net.DNSError
	return errors.As(err, &dns)
}

// backoff returns the wait before retry number attempt: full jitter over a
// capped exponential, or the server's Retry-After when it gave one (capped
// too: an hour-long Retry-After must not park a caller).
func backoff(pol *RetryPolicy, attempt int, retryAfter time.Duration) time.Duration {
	if retryAfter > 0 {
		return min(retryAfter, pol.MaxDelay)
	}
	ceiling := pol.BaseDelay << (attempt - 1)
	if ceiling <= 0 || ceiling > pol.MaxDelay {
		ceiling = pol.MaxDelay
	}
	return time.Duration(rand.Int64N(int64(ceiling) + 1))
}

// wait waits d or until ctx ends. A wait that would end after ctx's
// deadline is not started: it fails with errPastDeadline at once.
func (c *Client) wait(ctx context.Context, d time.Duration) error {
	if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < d {
		return errPastDeadline
	}
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// parseRetryAfter reads Retry-After as seconds or an HTTP date; garbage
// gives zero (normal backoff).
func parseRetryAfter(v string, now time.Time) time.Duration {
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil {
		if s <= 0 {
			return 0
		}
		return time.Duration(min(s, 86400)) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d
		}
	}
	return 0
}

// retryBudget is a token bucket shared by all calls of a client: each retry
// takes a token, each success puts one back. When the platform fails
// everything, total traffic stays below calls + capacity instead of
// (1 + MaxRetries) x calls. Lock-free: a success on a full bucket is one
// atomic load.
type retryBudget struct {
	tokens   atomic.Int64
	capacity int64 // negative: unlimited
}

func newRetryBudget(capacity int) *retryBudget {
	b := &retryBudget{capacity: int64(capacity)}
	b.tokens.Store(int64(capacity))
	return b
}

func (b *retryBudget) take() bool {
	if b.capacity < 0 {
		return true
	}
	for {
		n := b.tokens.Load()
		if n <= 0 {
			return false
		}
		if b.tokens.CompareAndSwap(n, n-1) {
			return true
		}
	}
}

func (b *retryBudget) refund() {
	for {
		n := b.tokens.Load()
		if n >= b.capacity {
			return
		}
		if b.tokens.CompareAndSwap(n, n+1) {
			return
		}
	}
}
