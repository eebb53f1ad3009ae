package alianza

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"reflect"
	"slices"
	"strings"
)

// Operation is one call of any operation of Alianza's API, written as the
// spec writes it. Client.Do sends it: use it for operations that have no
// typed method yet.
type Operation struct {
	// Method is the HTTP method: GET, HEAD, POST, PUT, PATCH or DELETE.
	Method string

	// Path is the operation's path template from the spec, starting with
	// /v2/, e.g. "/v2/partition/{partitionId}/account/{accountId}/cdrsearch".
	// {partitionId} is filled from the client (WithPartition, ForPartition
	// or the login's default partition); every other placeholder takes the
	// next of Args. It holds no query: put that in Query.
	Path string

	// Args fill the placeholders other than {partitionId}, in order. Each
	// is checked (not empty, not "." or "..", no control characters) and
	// escaped as one path segment: "a/b" is sent as "a%2Fb".
	Args []string

	// Query is the query string: a struct with `url` tags
	// (github.com/google/go-querystring), a pointer to one, or url.Values.
	// Nil for none.
	Query any

	// Body is the request body, made by JSONBody, RawBody, ReaderBody or
	// MultipartBody. Nil for none; GET and HEAD take none.
	Body *Body

	// Accept is the Accept header. Empty means application/json, or */*
	// when the answer is streamed to an io.Writer.
	Accept string
}

// Response is the status and headers of the answer to a Client.Do call:
// the caller's own copy.
type Response struct {
	StatusCode int
	Header     http.Header
}

// Body is a request body for Client.Do. Make one with JSONBody, RawBody,
// ReaderBody or MultipartBody; the zero value is refused.
//
// Every body is made into bytes once, before the first attempt, and those
// bytes are sent again by the 401 replay and by retries: a body read from
// an io.Reader is held in memory for the duration of the call.
type Body struct {
	value   any                            // JSONBody's value
	payload func() ([]byte, string, error) // the other kinds: bytes and content type
	check   func(v *validator)             // problems found before anything is sent
}

// JSONBody is v sent as JSON (Content-Type application/json), as the typed
// methods send their requests. Secret fields of v are kept out of errors.
func JSONBody(v any) *Body {
	return &Body{value: v, check: func(vd *validator) {
		if v == nil || isNilPointer(v) {
			vd.add("body", "JSONBody of nil: pass no Body instead")
		}
	}}
}

// RawBody is b sent as it is, with the given Content-Type
// (application/octet-stream when empty). b must not change until the call
// returns. A RawBody, like a JSONBody, may serve any number of calls,
// concurrently too.
func RawBody(contentType string, b []byte) *Body {
	if b == nil {
		b = []byte{}
	}
	return &Body{payload: func() ([]byte, string, error) {
		return b, orOctetStream(contentType), nil
	}}
}

// ReaderBody is what r yields, sent with the given Content-Type
// (application/octet-stream when empty). r is read to its end once, before
// the first attempt, so that a retry or the 401 replay sends the same
// bytes; Do does not close it. A ReaderBody serves one call.
func ReaderBody(contentType string, r io.Reader) *Body {
	return &Body{
		payload: func() ([]byte, string, error) {
			b, err := io.ReadAll(r)
			if err != nil {
				return nil, "", fmt.Errorf("read body: %w", err)
			}
			return b, orOctetStream(contentType), nil
		},
		check: func(v *validator) {
			v.check(r != nil, "body", "ReaderBody of a nil io.Reader")
		},
	}
}

// FormFile is one file of a MultipartBody.
type FormFile struct {
	Field       string    // the form field's name
	Filename    string    // the file name sent with it
	ContentType string    // the file's type; application/octet-stream when empty
	Content     io.Reader // read to its end once, before the first attempt; not closed
}

// MultipartBody is a multipart/form-data body: the fields (in the order of
// their names), then the files in the order given. Its files are read, so
// a MultipartBody with files serves one call.
func MultipartBody(fields map[string]string, files ...FormFile) *Body {
	return &Body{
		payload: func() ([]byte, string, error) {
			var buf bytes.Buffer
			mw := multipart.NewWriter(&buf)
			names := make([]string, 0, len(fields))
			for name := range fields {
				names = append(names, name)
			}
			slices.Sort(names)
			for _, name := range names {
				if err := mw.WriteField(name, fields[name]); err != nil {
					return nil, "", err
				}
			}
			for _, f := range files {
				h := make(textproto.MIMEHeader, 2)
				h.Set("Content-Disposition", fmt.Sprintf(`form-data; name="%s"; filename="%s"`,
					quoteEscaper.Replace(f.Field), quoteEscaper.Replace(f.Filename)))
				h.Set("Content-Type", orOctetStream(f.ContentType))
				part, err := mw.CreatePart(h)
				if err != nil {
					return nil, "", err
				}
				if _, err := io.Copy(part, f.Content); err != nil {
					return nil, "", fmt.Errorf("read file %q: %w", f.Filename, err)
				}
			}
			if err := mw.Close(); err != nil {
				return nil, "", err
			}
			return buf.Bytes(), mw.FormDataContentType(), nil
		},
		check: func(v *validator) {
			for i, f := range files {
				field := fmt.Sprintf("files[%d]", i)
				v.check(strings.TrimSpace(f.Field) != "", field+".field", "is required")
				v.check(f.Content != nil, field+".content", "is required")
			}
		},
	}
}

// quoteEscaper escapes a Content-Disposition parameter as mime/multipart
// does.
var quoteEscaper = strings.NewReplacer("\\", "\\\\", `"`, "\\\"")

func orOctetStream(ct string) string {
	if ct == "" {
		return "application/octet-stream"
	}
	return ct
}

// Do calls any operation of the API: op says which and with what, out
// receives the answer. It is the door to operations that have no typed
// method yet; prefer the typed method where there is one.
//
// out is one of:
//   - nil: the answer's body is discarded.
//   - an io.Writer (checked first, so a *bytes.Buffer or an *os.File
//     lands here): a 2xx body is copied to it as it arrives, for CSV,
//     octet-stream or audio answers. The copy is not capped by
//     WithMaxBodySize and not checked for a content type; ctx still ends
//     it. If the connection breaks after part of the body was written to
//     out, the call fails and is not retried, since out holds that part.
//   - a non-nil pointer: a 2xx body is decoded into it as JSON, with the
//     typed methods' rules: WithMaxBodySize, exactly one JSON value, an
//     HTML or XML body refused (ErrContentType), and an empty or null body
//     refused (ErrEmptyBody) unless out points to a pointer: that pointer
//     is set to nil before the call, and to a new value when the answer
//     holds one.
//
// Everything else is what the typed methods do, through the same code: the
// login and the one replay after a 401, retries by method (GET, HEAD, PUT
// and DELETE are retried; a POST or PATCH is resent only when nothing of it
// was sent, and one that was written and got no answer, or got a gateway's
// 502 or 504, matches ErrOutcomeUnknown), the rate limiter, the same
// errors (*APIError and its sentinels, *DecodeError, *TransportError,
// *OutcomeUnknownError) with known secrets scrubbed, and the same debug log
// line per attempt, which never holds a header or a body. WithTimeout
// bounds each attempt, body included, streamed or not: give a long
// download a client with a longer WithTimeout.
//
// op is checked before anything is sent, and a problem is a
// *ValidationError matching ErrValidation: an unknown method, a path that
// does not start with /v2/ or holds characters a spec path does not, a
// count of Args other than the path's placeholders besides {partitionId},
// a bad argument, a Query that is neither a struct nor url.Values, a body
// on a GET or HEAD, an out that is neither nil, an io.Writer nor a
// non-nil pointer.
//
// The *Response holds the status and headers of the answer the call ended
// on: it is returned on success, and with an error when that error came
// from an answer (an *APIError, a *DecodeError); it is nil when no answer
// came.
func (c *Client) Do(ctx context.Context, op Operation, out any) (*Response, error) {
	r, err := op.request(out)
	if err != nil {
		return nil, err
	}
	if r.emptyOK {
		reflect.ValueOf(out).Elem().SetZero()
	}
	resp := new(Response)
	r.resp = resp
	err = c.do(ctx, r)
	if resp.StatusCode == 0 {
		return nil, err
	}
	return resp, err
}

// request checks op and out and turns them into the request the send path
// takes.
func (op *Operation) request(out any) (*request, error) {
	var v validator
	switch op.Method {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete:
	default:
		v.add("method", fmt.Sprintf("unknown method %q: want GET, HEAD, POST, PUT, PATCH or DELETE", op.Method))
	}
	names, rule := placeholders(op.Path)
	if rule != "" {
		v.add("path", rule)
	} else if len(names) != len(op.Args) {
		v.add("args", fmt.Sprintf("%s has %d placeholders besides {partitionId}, got %d arguments", op.Path, len(names), len(op.Args)))
	} else {
		for i, name := range names {
			v.pathID(name, op.Args[i])
		}
	}
	if op.Query != nil && !isQuery(op.Query) {
		v.add("query", fmt.Sprintf("must be a struct, a pointer to one, or url.Values, got %T", op.Query))
	}
	r := &request{method: op.Method, path: op.Path, args: op.Args, query: op.Query, accept: op.Accept}
	if b := op.Body; b != nil {
		switch {
		case op.Method == http.MethodGet || op.Method == http.MethodHead:
			v.add("body", "must be nil for "+op.Method)
		case b.value == nil && b.payload == nil && b.check == nil:
			v.add("body", "must be made by JSONBody, RawBody, ReaderBody or MultipartBody")
		}
		if b.check != nil {
			b.check(&v)
		}
		r.body, r.payload = b.value, b.payload
	}
	switch o := out.(type) {
	case nil:
	case io.Writer:
		r.w = o
		if r.accept == "" {
			r.accept = "*/*"
		}
	default:
		t := reflect.TypeOf(out)
		if t.Kind() != reflect.Pointer || reflect.ValueOf(out).IsNil() {
			v.add("out", fmt.Sprintf("must be nil, an io.Writer or a non-nil pointer, got %T", out))
			break
		}
		r.out = out
		r.emptyOK = t.Elem().Kind() == reflect.Pointer
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	return r, nil
}

// placeholders returns the names of the placeholders of a path template
// other than {partitionId}, or a rule the template breaks.
func placeholders(tmpl string) ([]string, string) {
	if !strings.HasPrefix(tmpl, "/v2/") {
		return nil, fmt.Sprintf("%q must start with /v2/", tmpl)
	}
	var names []string
	for _, seg := range strings.Split(tmpl[1:], "/") {
		switch {
		case seg == "" || seg == "." || seg == "..":
			return nil, fmt.Sprintf("%q has an empty or dot segment", tmpl)
		case strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}"):
			name := seg[1 : len(seg)-1]
			if name == "" || strings.ContainsAny(name, "{}") || !specChars(name) {
				return nil, fmt.Sprintf("%q has a bad placeholder %q", tmpl, seg)
			}
			if name != "partitionId" {
				names = append(names, name)
			}
		case !specChars(seg):
			return nil, fmt.Sprintf("%q: segment %q may hold only letters, digits, '-', '_' and '.', or be one {placeholder}", tmpl, seg)
		}
	}
	return names, ""
}

// specChars reports whether s holds only the characters of the spec's
// literal path segments.
func specChars(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}

// isQuery reports whether q is something encodeQuery takes.
func isQuery(q any) bool {
	if _, ok := q.(url.Values); ok {
		return true
	}
	t := reflect.TypeOf(q)
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t.Kind() == reflect.Struct
}

// isNilPointer reports whether v is a typed nil pointer.
func isNilPointer(v any) bool {
	rv := reflect.ValueOf(v)
	return rv.Kind() == reflect.Pointer && rv.IsNil()
}

// answered records, for Client.Do, the status and a copy of the headers of
// an attempt's answer; nil clears them (no answer, or a lost one).
func (r *request) answered(resp *http.Response) {
	if r.resp == nil {
		return
	}
	if resp == nil {
		*r.resp = Response{}
		return
	}
	h := resp.Header.Clone()
	h.Del("X-Auth-Token")
	*r.resp = Response{StatusCode: resp.StatusCode, Header: h}
}
