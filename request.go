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
	"net/http/httptrace"
	"net/url"
	"reflect"
	"strings"
	"sync/atomic"
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
	// secretAnswer marks an answer that holds credentials the scrub list
	// does not know yet (the login's token): a decode error never quotes it.
	secretAnswer bool

	// sink, when set, receives the answer's elements one by one instead
	// of out receiving the whole list (see each).
	sink *listSink

	// do is what only Client.Do sets; nil for the service methods, whose
	// requests then carry one pointer for it, not its fields.
	do *doRequest
}

// doRequest is the part of a request only Client.Do uses.
type doRequest struct {
	payload func() ([]byte, string, error) // a non-JSON body: its bytes and content type, made once
	accept  string                         // the Accept header; "" for application/json
	w       io.Writer                      // a 2xx body is copied here, uncapped, instead of decoded
	// credentials are the values of the body's credential-named members
	// or form fields, plain strings no Secret marks: found once, in
	// prepare, and scrubbed like the client's own secrets.
	credentials []string
}

// target is a request made ready to send: its path and URL filled in and
// its body encoded, once for every attempt.
type target struct {
	path        string
	url         string
	body        []byte
	contentType string      // the body's Content-Type; "" for application/json
	header      http.Header // headers the caller added (WithCallHeader); nil for none
}

// maxDrain bounds how much of an unread body is drained so the connection
// can be reused; a larger rest closes the connection instead.
const maxDrain = 64 << 10

var jsonHeader = []string{"application/json"}

// do sends r with the client's token: login, 401 replay, retries, decoding.
func (c *Client) do(ctx context.Context, r *request) error {
	return c.send(ctx, r, c.auth)
}

// send sends r with the tokens of ts until an attempt gives a final answer,
// telling the client's hooks, if any, of the call and its attempts.
func (c *Client) send(ctx context.Context, r *request, ts tokenSource) error {
	s := &callState{r: r, ts: ts, attempt: 1, retry: &c.cfg.retry}
	if co := callOptionsFrom(ctx); co != nil {
		if co.err != nil {
			return co.err
		}
		s.opts = co
		if co.retry != nil {
			s.retry = co.retry
		}
		if co.timeout > 0 {
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(ctx, co.timeout)
			defer cancel()
		}
	}
	ctx, s.obs = c.observe(ctx, r, &s.observed)
	err := c.attempts(ctx, s)
	if s.obs != nil {
		s.obs.callEnd(ctx, s.sent, s.status, err)
	}
	if s.opts != nil {
		c.capture(s)
	}
	return err
}

// capture fills the call's CaptureResponse targets with the answer it
// ended on.
func (c *Client) capture(s *callState) {
	if len(s.opts.captures) == 0 {
		return
	}
	resp := Response{}
	if s.status != 0 {
		resp = Response{StatusCode: s.status, Header: c.callerHeader(s.r, s.header), RequestID: requestID(s.header), AlreadyDone: s.alreadyDone}
	}
	for _, p := range s.opts.captures {
		*p = resp
	}
}

// attempts sends s.r until an attempt gives a final answer.
func (c *Client) attempts(ctx context.Context, s *callState) error {
	r, ts := s.r, s.ts
	if err := ctx.Err(); err != nil {
		return withLast(r.method, r.path, err, nil)
	}
	t, err := c.prepare(ctx, r)
	if err != nil {
		return err
	}
	s.path = t.path
	if s.opts != nil {
		t.header = s.opts.header
	}
	trace := tracesWrite(r.method)
	for {
		s.answered(nil)
		tok, gen, err := c.ready(ctx, ts)
		if err != nil {
			return withLast(r.method, t.path, err, s.last)
		}
		s.gen = gen
		sentAt := c.cfg.now()
		actx, a := s.attemptStart(ctx, sentAt)
		resp, written, err := c.roundTrip(actx, r, &t, s.attempt, tok, trace)
		s.answered(resp)
		if err == nil && resp.StatusCode >= 200 && resp.StatusCode <= 299 {
			// Only a success slides the token's expiry.
			ts.accepted(gen, sentAt)
			c.budget.refund()
			err = c.decode(resp, r, t.path)
			be, lost := err.(*bodyReadError)
			if !lost {
				s.attemptEnd(actx, a, err, NextDone, 0)
				return err
			}
			// The connection broke inside the body: the answer was lost.
			// Part of it may already be in the caller's io.Writer.
			s.streamed = be.partial
			s.answered(nil)
			resp, err = nil, be.err
		}
		next, final := c.classify(ctx, s, resp, err, written)
		switch next {
		case replay:
			s.attemptEnd(actx, a, ErrUnauthorized, NextReplay, 0)
			continue
		case retry:
			d, ok, werr := c.planRetry(ctx, s.retry, s.attempt, s.retryAfter())
			if !ok {
				s.attemptEnd(actx, a, final, NextDone, 0)
				if werr == errPastDeadline {
					return pastDeadline(final)
				}
				return final
			}
			s.attemptEnd(actx, a, final, NextRetry, d)
			if _, werr := c.sleep(ctx, d); werr != nil {
				return withLast(r.method, t.path, werr, s.last)
			}
			s.attempt++
			continue
		}
		s.attemptEnd(actx, a, final, NextDone, 0)
		return final
	}
}

// ready waits for the rate limiter, then gets the token to send.
func (c *Client) ready(ctx context.Context, ts tokenSource) (Secret, uint64, error) {
	if err := c.limit(ctx); err != nil {
		return "", 0, err
	}
	return ts.token(ctx)
}

// limit waits for the rate limiter, if there is one: every attempt, a
// login's included, takes one of its slots.
func (c *Client) limit(ctx context.Context) error {
	if lim := c.cfg.limiter; lim != nil {
		return lim.Wait(ctx)
	}
	return nil
}

// prepare fills r's path and query and encodes its body.
func (c *Client) prepare(ctx context.Context, r *request) (target, error) {
	path, err := c.expand(ctx, r.path, r.args)
	if err != nil {
		return target{}, err
	}
	t := target{path: path, url: c.cfg.baseURL + path}
	if r.query != nil {
		q, err := encodeQuery(r.query)
		if err != nil {
			return target{}, err
		}
		if q != "" {
			t.url += "?" + q
		}
	}
	switch {
	case r.body != nil:
		t.body, err = json.Marshal(r.body)
	case r.do != nil && r.do.payload != nil:
		t.body, t.contentType, err = r.do.payload()
	}
	if err != nil {
		return target{}, fmt.Errorf("alianza: encode %s %s request: %w", r.method, path, err)
	}
	if r.do != nil && t.body != nil {
		// Client.Do's bodies are maps, raw JSON and forms as often as
		// models: look for credentials by name, not only by type.
		r.do.credentials = bodyCredentials(t.body, t.contentType)
	}
	return t, nil
}

// roundTrip sends one attempt of t with tok (none when empty: the login)
// and logs it. With trace, written reports whether any of the request may
// have reached the platform: for POST and PATCH it is how a failed attempt
// tells "never sent" from "outcome unknown", and for DELETE whether a later
// 404 may be its own doing (see tracesWrite). Without trace, written
// reports true: the request may always have been sent.
func (c *Client) roundTrip(ctx context.Context, r *request, t *target, attempt int, tok Secret, trace bool) (resp *http.Response, written func() bool, err error) {
	written = always
	if trace {
		w := new(writeTrace)
		written = w.mayHaveSent
		ctx = httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
			GetConn:      func(string) { w.traced.Store(true) },
			WroteHeaders: func() { w.wrote.Store(true) },
		})
	}
	req, err := http.NewRequestWithContext(ctx, r.method, t.url, bodyReader(t.body))
	if err != nil {
		return nil, never, fmt.Errorf("alianza: build request: %w", err)
	}
	for k, v := range t.header {
		req.Header[k] = v // the SDK's own headers below cannot be replaced: WithCallHeader refuses them
	}
	if t.body != nil {
		req.GetBody = replayBody(t.body)
		req.Header["Content-Type"] = jsonHeader
		if t.contentType != "" {
			req.Header["Content-Type"] = []string{t.contentType}
		}
	}
	req.Header["Accept"] = jsonHeader
	if r.do != nil && r.do.accept != "" {
		req.Header["Accept"] = []string{r.do.accept}
	}
	req.Header["User-Agent"] = c.userAgent
	if tok != "" {
		req.Header["X-Auth-Token"] = []string{string(tok)}
	}
	start := time.Now()
	resp, err = c.cfg.httpClient.Do(req)
	c.logAttempt(ctx, r.method, t.path, resp, err, time.Since(start), attempt)
	if err != nil {
		return nil, written, stripURL(err)
	}
	return resp, written, nil
}

// tracesWrite reports whether a call's attempts need to know if they were
// written: a POST or PATCH, which is resent only when it was not, and a
// DELETE, whose 404 after a written attempt that lost its answer is
// success. A GET, HEAD or PUT is retried either way and goes untraced.
func tracesWrite(method string) bool {
	return !isIdempotent(method) || method == http.MethodDelete
}

func never() bool  { return false }
func always() bool { return true }

// writeTrace follows one attempt through net/http's trace events. A
// transport that reports none (a mock, a wrapper that drops the context's
// trace) may still have sent the request: only a transport seen asking for
// a connection and not writing the headers is known not to have sent it.
type writeTrace struct {
	traced atomic.Bool // GetConn: the transport reports trace events
	wrote  atomic.Bool // WroteHeaders: the request went out
}

func (w *writeTrace) mayHaveSent() bool { return w.wrote.Load() || !w.traced.Load() }

// replayBody is the request's GetBody, for the transport's own resend on a
// fresh connection.
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

// withLast ends a call that stopped before it got a final answer (context
// done, rate limiter, login failed): a context error is wrapped with the
// request it ended, and the error of the last attempt, if any (an
// *APIError or a *TransportError), is wrapped too, so callers can match
// both. A login error without a last attempt already names its request and
// is returned as is.
func withLast(method, path string, err error, last error) error {
	if last != nil {
		return fmt.Errorf("alianza: %s %s: %w (last attempt: %w)", method, path, err, last)
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("alianza: %s %s: %w", method, path, err)
	}
	return err
}

// expand fills a path template. Every argument is escaped as one path
// segment and checked first: IDs come from CRMs and may hold "/", spaces or
// "..", none of which may change the route. The service methods check their
// path arguments already, with the rest of their input, so that one
// *ValidationError lists every problem; this check is the one Client.Do
// gets, and it keeps a method that forgot one from sending a bad path.
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
	if isNilPointer(q) {
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
func (c *Client) apiError(resp *http.Response, r *request, path string, attempts int) *APIError {
	defer drainClose(resp.Body)
	body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	e := newAPIError(resp.StatusCode, r.method, path, resp.Header.Get("Content-Type"), body, c.scrubList(r))
	e.Attempts = attempts
	e.RetryAfter = parseRetryAfter(resp.Header.Get("Retry-After"), c.cfg.now())
	return e
}

// scrubList is every secret value an error about r might echo: the
// password, the token, the Secret fields of r's body, and for Client.Do
// the values of the body's credential-named members.
func (c *Client) scrubList(r *request) []string {
	s := c.secrets()
	if r.do != nil {
		s = append(s, r.do.credentials...)
	}
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
		attrs = append(attrs, slog.String("error", scrubString(stripURL(err).Error(), c.secrets())))
	}
	l.LogAttrs(ctx, slog.LevelDebug, "alianza request", attrs...)
}

// stripURL drops the URL (which may carry a query) of a *url.Error,
// keeping its cause.
func stripURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}
