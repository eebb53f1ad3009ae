package alianza

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"mime"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"reflect"
	"regexp"
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
	// when the answer is streamed to an io.Writer. It may not hold control
	// characters (CR, LF, ...).
	Accept string
}

// Response is the status and headers of the answer to a Client.Do call:
// the caller's own copy. Header holds no X-Auth-Token, and any header value
// that repeats a secret the call knows (the password, the token, a
// credential of the body) has it replaced by REDACTED.
type Response struct {
	StatusCode int
	Header     http.Header
	// RequestID is the platform's id of the request, from the X-Request-Id
	// header (or X-Correlation-Id) when the answer has one: quote it to
	// Alianza's support.
	RequestID string

	// AlreadyDone reports a DELETE whose first attempt was sent and lost
	// its answer, and whose retry got a 404: the earlier attempt did the
	// work. The call succeeds with StatusCode 404 and the 404's headers,
	// and out is left untouched.
	AlreadyDone bool
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
// methods send their requests. Secret fields of v, and the values of
// members whose names say they hold a credential (password, sipPassword,
// authToken, wirelessPin, ...), are kept out of errors.
//
// v is encoded as it is: a typed request (CreateUserRequest, ...) passed
// here is not checked by its Validate method, which its typed method runs
// before sending. Prefer the typed method where there is one. A []byte is
// refused, since encoding/json would send it as a base64 string: send
// bytes that already hold JSON with RawBody("application/json", b).
func JSONBody(v any) *Body {
	return &Body{value: v, check: func(vd *validator) {
		switch v.(type) {
		case nil:
			vd.add("body", "JSONBody of nil: pass no Body instead")
		case []byte:
			vd.add("body", "JSONBody of []byte would send a base64 string: use RawBody(\"application/json\", b) for bytes that hold JSON")
		default:
			if isNilPointer(v) {
				vd.add("body", "JSONBody of nil: pass no Body instead")
			}
		}
	}}
}

// RawBody is b sent as it is, with the given Content-Type
// (application/octet-stream when empty; else a media type as
// mime.ParseMediaType reads it, without control characters). b must not
// change until the call returns. A RawBody, like a JSONBody, may serve any
// number of calls, concurrently too. A JSON or form body's members whose
// names say they hold a credential are kept out of errors.
func RawBody(contentType string, b []byte) *Body {
	if b == nil {
		b = []byte{}
	}
	return &Body{
		payload: func() ([]byte, string, error) {
			return b, orOctetStream(contentType), nil
		},
		check: func(v *validator) {
			checkContentType(v, "body.contentType", contentType)
		},
	}
}

// ReaderBody is what r yields, sent with the given Content-Type
// (application/octet-stream when empty; checked as RawBody checks it). r
// is read to its end once, before
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
			checkContentType(v, "body.contentType", contentType)
		},
	}
}

// FormFile is one file of a MultipartBody.
type FormFile struct {
	Field       string    // the form field's name: not blank, no control characters
	Filename    string    // the file name sent with it, escaped as mime/multipart escapes it
	ContentType string    // the file's type, checked as RawBody checks its; application/octet-stream when empty
	Content     io.Reader // read to its end once, before the first attempt; not closed
}

// MultipartBody is a multipart/form-data body: the fields (in the order of
// their names), then the files in the order given. Its files are read, so
// a MultipartBody with files serves one call. Field names may not be blank
// or hold control characters; the values of fields whose names say they
// hold a credential (password, sipPassword, ...) are kept out of errors.
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
				h.Set("Content-Disposition", multipart.FileContentDisposition(f.Field, f.Filename))
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
			// In name order, as they are sent, so that the error reads the
			// same every time.
			for _, name := range slices.Sorted(maps.Keys(fields)) {
				switch {
				case strings.TrimSpace(name) == "":
					v.add("fields", "a field name is blank")
				case hasCTL(name):
					v.add("fields", fmt.Sprintf("field name %q holds a control character", name))
				}
			}
			for i, f := range files {
				field := fmt.Sprintf("files[%d]", i)
				v.check(strings.TrimSpace(f.Field) != "", field+".field", "is required")
				v.check(!hasCTL(f.Field), field+".field", "must not hold control characters")
				v.check(f.Content != nil, field+".content", "is required")
				checkContentType(v, field+".contentType", f.ContentType)
			}
		},
	}
}

// checkContentType adds a problem when ct, a body's Content-Type, is
// neither empty nor a media type: net/http refuses a header value with CR
// or LF before it connects, and a bad value must not reach the platform.
func checkContentType(v *validator, field, ct string) {
	if ct == "" {
		return
	}
	if hasCTL(ct) {
		v.add(field, fmt.Sprintf("%q holds a control character", ct))
		return
	}
	if _, _, err := mime.ParseMediaType(ct); err != nil {
		v.add(field, fmt.Sprintf("%q is not a media type: %v", ct, err))
	}
}

// hasCTL reports whether s holds an ASCII control character other than a
// tab: what an HTTP header value may not hold.
func hasCTL(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\t' || c == 0x7f {
			return true
		}
	}
	return false
}

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
//   - an io.Writer other than a nil pointer (checked first, so a
//     *bytes.Buffer or an *os.File lands here): a 2xx body is copied to it as it arrives, for CSV,
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
// A HEAD answer has no body: out is left untouched, whatever it is, and
// the call returns nil on a 2xx.
//
// A DELETE whose attempt was sent and lost its answer is retried; when the
// retry gets a 404, the earlier attempt did the work: the call returns
// nil, a *Response with StatusCode 404 and AlreadyDone set, and leaves out
// untouched.
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
// on a GET or HEAD, a body's bad content type or form field name, an
// Accept or content type with control characters (net/http would refuse
// them before connecting), a JSONBody of []byte, an out that is neither
// nil, an io.Writer nor a non-nil pointer (a nil *bytes.Buffer or nil
// *os.File included).
//
// The *Response holds the status and headers of the answer the call ended
// on: it is returned on success, and with an error when that error came
// from an answer (an *APIError, a *DecodeError); it is nil when no answer
// came.
func (c *Client) Do(ctx context.Context, op Operation, out any, opts ...CallOption) (*Response, error) {
	r, err := op.request(out)
	if err != nil {
		return nil, err
	}
	if r.emptyOK {
		reflect.ValueOf(out).Elem().SetZero()
	}
	resp := new(Response)
	err = c.do(withCallOptions(ctx, append(opts[:len(opts):len(opts)], CaptureResponse(resp))), r)
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
	if hasCTL(op.Accept) {
		v.add("accept", fmt.Sprintf("%q holds a control character", op.Accept))
	}
	if op.Query != nil && !isQuery(op.Query) {
		v.add("query", fmt.Sprintf("must be a struct, a pointer to one, or url.Values, got %T", op.Query))
	}
	r := &request{method: op.Method, path: op.Path, args: op.Args, query: op.Query, do: &doRequest{accept: op.Accept}}
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
		r.body, r.do.payload = b.value, b.payload
	}
	switch o := out.(type) {
	case nil:
	case io.Writer:
		if isNilPointer(o) {
			v.add("out", fmt.Sprintf("a nil %T: pass a writer, or nil to discard the answer", out))
			break
		}
		r.do.w = o
		if r.do.accept == "" {
			r.do.accept = "*/*"
		}
	default:
		t := reflect.TypeOf(out)
		if t.Kind() != reflect.Pointer || reflect.ValueOf(out).IsNil() {
			v.add("out", fmt.Sprintf("must be nil, an io.Writer or a non-nil pointer, got %T", out))
			break
		}
		r.out = out
		// A HEAD answer has no body: out is left as it is.
		r.emptyOK = t.Elem().Kind() == reflect.Pointer && op.Method != http.MethodHead
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

// callerHeader is the caller's copy of an answer's headers: the token's
// header is dropped, and every secret the call knows is scrubbed from the
// other values, since a proxy or a debug build may echo one in a header of
// its own.
func (c *Client) callerHeader(r *request, h http.Header) http.Header {
	h = h.Clone()
	h.Del("X-Auth-Token")
	scrub := c.scrubList(r)
	for _, vals := range h {
		for i, v := range vals {
			vals[i] = scrubString(v, scrub)
		}
	}
	return h
}

// credentialName matches a JSON member or form field name that says it
// holds a credential: the names whose values error bodies redact.
var credentialName = regexp.MustCompile(`(?i)^` + credentialWords + `$`)

// bodyCredentials returns the values of a Client.Do body's members (JSON)
// or fields (multipart/form-data) whose names say they hold a credential:
// plain strings the Secret type does not mark, which an error answer may
// echo. Any other body yields none.
func bodyCredentials(body []byte, contentType string) []string {
	if mt, params, err := mime.ParseMediaType(contentType); err == nil && mt == "multipart/form-data" {
		return formCredentials(body, params["boundary"])
	}
	var v any
	d := json.NewDecoder(bytes.NewReader(body))
	d.UseNumber()
	if d.Decode(&v) != nil {
		return nil
	}
	return jsonCredentials(nil, v, "", 0)
}

// jsonCredentials appends the values under credential names in a decoded
// JSON value; key is the name v sits under.
func jsonCredentials(out []string, v any, key string, depth int) []string {
	if depth > maxSecretDepth {
		return out
	}
	switch x := v.(type) {
	case string:
		if x != "" && credentialName.MatchString(key) {
			out = append(out, x)
		}
	case json.Number:
		if credentialName.MatchString(key) {
			out = append(out, x.String())
		}
	case []any:
		for _, e := range x {
			out = jsonCredentials(out, e, key, depth+1)
		}
	case map[string]any:
		for k, e := range x {
			out = jsonCredentials(out, e, k, depth+1)
		}
	}
	return out
}

// formCredentials returns the values of the form fields (not files) of a
// multipart body whose names say they hold a credential.
func formCredentials(body []byte, boundary string) []string {
	var out []string
	mr := multipart.NewReader(bytes.NewReader(body), boundary)
	for {
		p, err := mr.NextPart()
		if err != nil {
			return out
		}
		if p.FileName() == "" && credentialName.MatchString(p.FormName()) {
			if b, err := io.ReadAll(io.LimitReader(p, 4<<10)); err == nil && len(b) > 0 {
				out = append(out, string(b))
			}
		}
	}
}
