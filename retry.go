package alianza

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"
)

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
func (c *Client) backoff(attempt int, retryAfter time.Duration) time.Duration {
	pol := c.cfg.retry
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
// deadline is not started: it fails with DeadlineExceeded at once.
func (c *Client) wait(ctx context.Context, d time.Duration) error {
	if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) < d {
		return context.DeadlineExceeded
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
