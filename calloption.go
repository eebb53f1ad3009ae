package alianza

import (
	"context"
	"fmt"
	"net/http"
	"net/textproto"
	"time"
)

// CallOption changes one call of a method (or of Client.Do) without a
// second client: pass any number after the method's other arguments.
//
//	acct, err := client.Accounts.Get(ctx, id,
//		alianza.WithCallTimeout(2*time.Second),
//		alianza.WithCallNoRetries(),
//		alianza.CaptureResponse(&resp))
//
// A method that sends several requests (a create followed by a read, a
// paged list) applies the options to each of them; a timeout bounds them
// all together. An option that is not valid (a header the SDK sets itself)
// fails the call with ErrValidation before anything is sent.
type CallOption func(*callOptions)

// callOptions is what a call's CallOptions set.
type callOptions struct {
	timeout  time.Duration
	retry    *RetryPolicy // nil: the client's
	header   http.Header
	captures []*Response
	err      error // the first invalid option
}

// WithCallTimeout bounds the whole call: every attempt, the backoffs
// between them and any login it waits for. The client's WithTimeout still
// bounds each attempt. d must be positive.
func WithCallTimeout(d time.Duration) CallOption {
	return func(o *callOptions) {
		if d <= 0 {
			o.fail(&FieldError{Field: "callTimeout", Rule: "must be positive"})
			return
		}
		o.timeout = d
	}
}

// WithCallRetryPolicy replaces the client's retry policy for this call:
// how many retries, and the backoff between them, with zero fields taking
// their defaults as in WithRetryPolicy. The retry rules (which methods and
// answers are retried) stay, and so does the client's retry budget: the
// policy's Budget is ignored.
func WithCallRetryPolicy(p RetryPolicy) CallOption {
	return func(o *callOptions) {
		p, err := p.normalized()
		if err != nil {
			o.fail(err)
			return
		}
		o.retry = &p
	}
}

// WithCallNoRetries sends this call's request once: no retry after a
// failed attempt (the single replay after a 401 with a renewed token still
// happens, as it is not a retry: the platform did not act on the first).
func WithCallNoRetries() CallOption {
	return func(o *callOptions) {
		o.retry = &RetryPolicy{MaxRetries: 0}
	}
}

// reservedHeaders are the headers the SDK sets itself: a call may not
// replace them.
var reservedHeaders = map[string]bool{
	"X-Auth-Token": true, "Content-Type": true, "Content-Length": true, "Accept": true,
	"Host": true, "User-Agent": true, "Transfer-Encoding": true, "Connection": true,
}

// WithCallHeader adds a header to this call's requests (a correlation id,
// a tenant tag for a proxy). The headers the SDK sets itself (X-Auth-Token,
// Content-Type, Accept, User-Agent, Host, ...) cannot be set this way, and
// neither name nor value may hold control characters.
func WithCallHeader(name, value string) CallOption {
	return func(o *callOptions) {
		key := textproto.CanonicalMIMEHeaderKey(name)
		switch {
		case name == "" || hasCTL(name) || !validHeaderName(name):
			o.fail(&FieldError{Field: "header", Rule: fmt.Sprintf("%q is not a valid header name", name)})
		case reservedHeaders[key]:
			o.fail(&FieldError{Field: "header", Rule: key + " is set by the SDK and cannot be replaced"})
		case hasCTL(value):
			o.fail(&FieldError{Field: "header", Rule: key + ": the value holds a control character"})
		default:
			if o.header == nil {
				o.header = http.Header{}
			}
			o.header.Add(key, value)
		}
	}
}

// validHeaderName reports whether name is an HTTP token.
func validHeaderName(name string) bool {
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c <= ' ' || c >= 0x7f || c == ':' || c == '(' || c == ')' || c == ',' || c == '/' ||
			c == ';' || c == '<' || c == '=' || c == '>' || c == '?' || c == '@' || c == '[' ||
			c == '\\' || c == ']' || c == '{' || c == '}' || c == '"' {
			return false
		}
	}
	return true
}

// CaptureResponse fills *r with the status and headers of the answer the
// call ended on, success or error, and its request id when the platform
// sent one; r is left zero when no answer came. As for Client.Do, the
// headers are the caller's own copy with no X-Auth-Token and every secret
// the call knows replaced by REDACTED. For a method that sends several
// requests, r describes the last answer.
func CaptureResponse(r *Response) CallOption {
	return func(o *callOptions) {
		if r == nil {
			o.fail(&FieldError{Field: "captureResponse", Rule: "needs a non-nil *Response"})
			return
		}
		o.captures = append(o.captures, r)
	}
}

func (o *callOptions) fail(err error) {
	if o.err == nil {
		o.err = err
	}
}

type callOptionsKey struct{}

// withCallOptions is how a method hands its CallOptions to the requests it
// sends: through its context, so a method that sends several requests,
// directly or through another method, applies them to each. Options given
// to an inner method replace the outer ones. No options: ctx as it is.
func withCallOptions(ctx context.Context, opts []CallOption) context.Context {
	if len(opts) == 0 {
		return ctx
	}
	o := new(callOptions)
	for _, opt := range opts {
		if opt == nil {
			o.fail(&FieldError{Field: "callOption", Rule: "must not be nil"})
			continue
		}
		opt(o)
	}
	return context.WithValue(ctx, callOptionsKey{}, o)
}

// callOptionsFrom returns the CallOptions ctx carries, or nil.
func callOptionsFrom(ctx context.Context) *callOptions {
	o, _ := ctx.Value(callOptionsKey{}).(*callOptions)
	return o
}

// requestID returns the answer's request id: X-Request-Id, else
// X-Correlation-Id, else "".
func requestID(h http.Header) string {
	if v := h.Get("X-Request-Id"); v != "" {
		return v
	}
	return h.Get("X-Correlation-Id")
}
