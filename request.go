package alianza

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/google/go-querystring/query"
)

// request is one API operation as a service method describes it.
type request struct {
	method string
	// path is the operation's path template from the spec, e.g.
	// "/v2/partition/{partitionId}/account/{accountId}". {partitionId} is
	// filled from the client; the other placeholders from args, in order.
	path    string
	args    []string
	query   any  // a struct with `url` tags (go-querystring) or url.Values; nil for none
	body    any  // sent as JSON; nil for none
	out     any  // decoded from JSON; nil to discard the body
	emptyOK bool // a 2xx with an empty body is success even though out is set
	noAuth  bool // the login itself
	// token, when set, is sent as is: no login first, no replay after a
	// 401, no sliding of the cached token's expiry (logout).
	token Secret
}

// maxDrain bounds how much of an unread body is drained so the connection
// can be reused; a larger rest closes the connection instead.
const maxDrain = 64 << 10

// do sends r, with login, 401 replay, retries and decoding.
func (c *Client) do(ctx context.Context, r *request) error {
	if err := ctx.Err(); err != nil {
		return withLast(r.method, r.path, err, nil)
	}
	path, err := c.expand(ctx, r.path, r.args)
	if err != nil {
		return err
	}
	rawURL := c.cfg.baseURL + path
	if r.query != nil {
		q, err := encodeQuery(r.query)
		if err != nil {
			return err
		}
		if q != "" {
			rawURL += "?" + q
		}
	}
	var body []byte
	if r.body != nil {
		if body, err = json.Marshal(r.body); err != nil {
			return fmt.Errorf("alianza: encode %s %s request: %w", r.method, path, err)
		}
	}

	pol := c.cfg.retry
	idempotent := isIdempotent(r.method)
	replayed := false // the one replay after a 401 and a fresh login
	var lastAPI *APIError
	for attempt := 1; ; attempt++ {
		if lim := c.cfg.limiter; lim != nil {
			if err := lim.Wait(ctx); err != nil {
				return withLast(r.method, path, err, lastAPI)
			}
		}
		var tok Secret
		var gen uint64
		switch {
		case r.noAuth:
		case r.token != "":
			tok = r.token
		default:
			if tok, gen, err = c.auth.get(ctx); err != nil {
				return withLast(r.method, path, err, lastAPI)
			}
		}
		req, err := http.NewRequestWithContext(ctx, r.method, rawURL, bodyReader(body))
		if err != nil {
			return fmt.Errorf("alianza: build request: %w", err)
		}
		if body != nil {
			req.GetBody = replayBody(body)
			req.Header["Content-Type"] = jsonHeader
		}
		req.Header["Accept"] = jsonHeader
		req.Header["User-Agent"] = c.userAgent
		if !r.noAuth {
			req.Header["X-Auth-Token"] = []string{string(tok)}
		}

		sentAt := c.cfg.now()
		start := time.Now()
		resp, err := c.cfg.httpClient.Do(req)
		c.logAttempt(ctx, r.method, path, resp, err, time.Since(start), attempt)

		if err != nil {
			if retry, ferr := c.failedAttempt(ctx, r, path, attempt, c.transportError(err), lastAPI); !retry {
				return ferr
			}
			continue
		}

		if resp.StatusCode == http.StatusUnauthorized && !r.noAuth {
			if !replayed && !c.auth.static() && r.token == "" {
				// A 401 means the platform did not act on the request, so
				// even a POST is safe to send again, once, with a new token.
				drainClose(resp.Body)
				replayed = true
				c.auth.invalidate(gen)
				attempt--
				continue
			}
			return c.apiError(resp, r, path, attempt+btoi(replayed), nil)
		}
		if resp.StatusCode >= 200 && resp.StatusCode <= 299 {
			if !r.noAuth && r.token == "" {
				// Only a success slides the expiry (reliability plan 3.1).
				c.auth.used(gen, sentAt)
			}
			c.budget.refund()
			err := c.decode(resp, r, path)
			var be *bodyReadError
			if errors.As(err, &be) {
				// The connection broke inside a 2xx body (a truncated
				// Content-Length, a reset, the attempt's timeout): handled
				// like a transport failure after the request was written.
				retry, ferr := c.failedAttempt(ctx, r, path, attempt, be.err, lastAPI)
				if !retry {
					return ferr
				}
				continue
			}
			return err
		}

		apiErr := c.apiError(resp, r, path, attempt, nil)
		if idempotent && retryableStatus(resp.StatusCode) && attempt <= pol.MaxRetries {
			lastAPI = apiErr
			if c.budget.take() {
				if werr := c.wait(ctx, c.backoff(attempt, apiErr.RetryAfter)); werr != nil {
					return withLast(r.method, path, werr, apiErr)
				}
				continue
			}
		}
		return apiErr
	}
}

var jsonHeader = []string{"application/json"}

// failedAttempt decides what follows an attempt that got no complete
// response: retry (after the backoff, which it waits) or the final error.
// A refused dial or a failed certificate check sent nothing, so the
// platform cannot have acted on the request and even a POST may go again.
// Otherwise only idempotent methods are retried; a POST or PATCH that was
// written is reported as ErrOutcomeUnknown and never resent. The login is
// the exception: it changes nothing on the platform, so its failure is a
// plain TransportError, shared with every waiter and not retried.
func (c *Client) failedAttempt(ctx context.Context, r *request, path string, attempt int, err error, lastAPI *APIError) (retry bool, final error) {
	if ctx.Err() != nil {
		return false, withLast(r.method, path, ctx.Err(), lastAPI)
	}
	sent := !isDialError(err) && !isCertError(err)
	idempotent := isIdempotent(r.method)
	if !sent || idempotent {
		if retryableTransport(err) && attempt <= c.cfg.retry.MaxRetries && c.budget.take() {
			if werr := c.wait(ctx, c.backoff(attempt, 0)); werr != nil {
				return false, withLast(r.method, path, werr, lastAPI)
			}
			return true, nil
		}
	}
	if sent && !idempotent && !r.noAuth {
		return false, &OutcomeUnknownError{Method: r.method, Path: path, Err: err}
	}
	return false, &TransportError{Method: r.method, Path: path, Attempts: attempt, Err: err}
}

// bodyReadError is a 2xx body cut off by the connection, as opposed to a
// complete body that is not valid JSON.
type bodyReadError struct{ err error }

func (e *bodyReadError) Error() string { return e.err.Error() }
func (e *bodyReadError) Unwrap() error { return e.err }

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// replayBody is the request's GetBody. It lives outside do so that a
// bodiless GET does not move do's body variable to the heap.
func replayBody(body []byte) func() (io.ReadCloser, error) {
	return func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
}

func bodyReader(b []byte) io.Reader {
	if b == nil {
		return nil
	}
	return bytes.NewReader(b)
}

func isIdempotent(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete:
		return true
	}
	return false
}

// withLast ends a call that stopped before it got a final response (context
// done, rate limiter, login failed): a context error is wrapped with the
// request it ended, and the last API error seen, if any, is wrapped too, so
// callers can match both. A login error without a last response already
// names its request and is returned as is.
func withLast(method, path string, err error, last *APIError) error {
	if last != nil {
		return fmt.Errorf("alianza: %s %s: %w (last response: %w)", method, path, err, last)
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("alianza: %s %s: %w", method, path, err)
	}
	return err
}

// expand fills a path template. Every argument is escaped as one path
// segment and checked first: IDs come from CRMs and may hold "/", spaces or
// "..", none of which may change the route.
func (c *Client) expand(ctx context.Context, tmpl string, args []string) (string, error) {
	var b strings.Builder
	b.Grow(len(tmpl) + 32)
	next := 0
	for {
		open := strings.IndexByte(tmpl, '{')
		if open < 0 {
			b.WriteString(tmpl)
			break
		}
		closing := strings.IndexByte(tmpl[open:], '}')
		if closing < 0 {
			return "", fmt.Errorf("alianza: bad path template %q", tmpl)
		}
		name := tmpl[open+1 : open+closing]
		b.WriteString(tmpl[:open])
		tmpl = tmpl[open+closing+1:]
		var val string
		if name == "partitionId" {
			p, err := c.PartitionID(ctx)
			if err != nil {
				return "", err
			}
			val = p
		} else {
			if next >= len(args) {
				return "", fmt.Errorf("alianza: path template wants %s", name)
			}
			val = args[next]
			next++
		}
		if err := checkID(name, val); err != nil {
			return "", err
		}
		b.WriteString(url.PathEscape(val))
	}
	if next != len(args) {
		return "", fmt.Errorf("alianza: path template has %d placeholders for %d arguments", next, len(args))
	}
	return b.String(), nil
}

// encodeQuery encodes url.Values or a go-querystring struct.
func encodeQuery(q any) (string, error) {
	if v, ok := q.(url.Values); ok {
		return v.Encode(), nil
	}
	if rv := reflect.ValueOf(q); rv.Kind() == reflect.Pointer && rv.IsNil() {
		return "", nil
	}
	v, err := query.Values(q)
	if err != nil {
		return "", fmt.Errorf("alianza: encode query: %w", err)
	}
	return v.Encode(), nil
}

// apiError reads an error body through the 1 MiB limit and builds the
// *APIError, scrubbing every secret the client knows of.
func (c *Client) apiError(resp *http.Response, r *request, path string, attempts int, _ error) *APIError {
	defer drainClose(resp.Body)
	body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	e := newAPIError(resp.StatusCode, r.method, path, resp.Header.Get("Content-Type"), body, c.scrubList(r))
	e.Attempts = attempts
	e.RetryAfter = parseRetryAfter(resp.Header.Get("Retry-After"), c.cfg.now())
	return e
}

// scrubList is every secret value an error about r might echo: the
// password, the token, and the Secret fields of r's body.
func (c *Client) scrubList(r *request) []string {
	s := c.auth.secrets()
	if r.body != nil {
		s = appendSecrets(s, reflect.ValueOf(r.body), 0)
	}
	return s
}

// drainClose reads what is left of a body, up to maxDrain, so the
// connection goes back to the pool, then closes it.
func drainClose(b io.ReadCloser) {
	_, _ = io.CopyN(io.Discard, b, maxDrain)
	_ = b.Close()
}

// logAttempt logs one attempt at debug level: never headers or bodies.
func (c *Client) logAttempt(ctx context.Context, method, path string, resp *http.Response, err error, d time.Duration, attempt int) {
	l := c.cfg.logger
	if l == nil || !l.Enabled(ctx, slog.LevelDebug) {
		return
	}
	status := 0
	if resp != nil {
		status = resp.StatusCode
	}
	attrs := []slog.Attr{
		slog.String("method", method),
		slog.String("path", path),
		slog.Int("status", status),
		slog.Duration("duration", d),
		slog.Int("attempt", attempt),
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", scrubString(c.transportError(err).Error(), c.auth.secrets())))
	}
	l.LogAttrs(ctx, slog.LevelDebug, "alianza request", attrs...)
}

// TransportError is a request that got no HTTP response: a refused
// connection, a reset, a timeout, a TLS failure. The URL's query is dropped.
type TransportError struct {
	Method   string
	Path     string
	Attempts int
	Err      error
}

func (e *TransportError) Error() string {
	s := "alianza: " + e.Method + " " + e.Path + ": " + e.Err.Error()
	if e.Attempts > 1 {
		s += " (after " + strconv.Itoa(e.Attempts) + " attempts)"
	}
	return s
}

func (e *TransportError) Unwrap() error { return e.Err }

// OutcomeUnknownError is a POST or PATCH whose connection failed after the
// request was written. It matches ErrOutcomeUnknown; the platform may have
// acted on it, so look (list, get by account number) before sending again.
type OutcomeUnknownError struct {
	Method string
	Path   string
	Err    error
}

func (e *OutcomeUnknownError) Error() string {
	return "alianza: " + e.Method + " " + e.Path + ": outcome unknown, the request may have been applied: " + e.Err.Error()
}

func (e *OutcomeUnknownError) Unwrap() error        { return e.Err }
func (e *OutcomeUnknownError) Is(target error) bool { return target == ErrOutcomeUnknown }

// transportError strips the URL (which may carry a query) from a
// *url.Error, keeping its cause.
func (c *Client) transportError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}
