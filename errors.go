package alianza

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/go-alianza/alianza/internal/credential"
)

// Sentinel errors. Match them with errors.Is; an *APIError matches the one of
// its status code.
var (
	ErrBadRequest   = errors.New("alianza: bad request")  // 400 and 422: the platform refused the input
	ErrUnauthorized = errors.New("alianza: unauthorized") // 401
	ErrForbidden    = errors.New("alianza: forbidden")    // 403
	ErrNotFound     = errors.New("alianza: not found")    // 404

	// ErrConflict is a request that collides with what the platform already
	// holds: a 409, or a 400 or 422 one of whose messages says "already
	// exists", "already in use" or "in use on another" (case-insensitive).
	// Alianza answers duplicate creates with a 400 of that kind
	// ("accountNumber 1001 already exists in this partition", "username
	// alice is already in use", "macAddress ... is in use on another
	// account"), so a create that found its object, or a value it must keep
	// unique, already there matches ErrConflict, and still ErrBadRequest
	// for a 400 or 422.
	ErrConflict = errors.New("alianza: conflict")

	ErrRateLimited  = errors.New("alianza: rate limited")      // 429
	ErrServer       = errors.New("alianza: server error")      // 5xx
	ErrValidation   = errors.New("alianza: invalid request")   // caught before any I/O
	ErrInsecureURL  = errors.New("alianza: insecure base URL") // http:// to a non-loopback host
	ErrDecode       = errors.New("alianza: cannot decode response")
	ErrEmptyBody    = errors.New("alianza: empty response body")
	ErrContentType  = errors.New("alianza: unexpected content type")
	ErrTooLarge     = errors.New("alianza: response body too large")
	ErrRedirect     = errors.New("alianza: redirect refused") // a redirect off the host or off https, or any 3xx to a method other than GET and HEAD
	ErrNoPartition  = errors.New("alianza: no partition: set WithPartition or log in with credentials")
	ErrNoCredential = errors.New("alianza: no credentials or auth token configured")

	// ErrAuthentication is returned when POST /v2/authorize refuses the
	// credentials. It also matches ErrUnauthorized.
	ErrAuthentication = errors.New("alianza: authentication failed")

	// ErrOutcomeUnknown is returned when a POST or PATCH was written but no
	// answer arrived (the connection failed, the attempt timed out, or the
	// caller's context ended): the platform may or may not have acted on it.
	// An *APIError with a 502 or 504 to a POST or PATCH matches it too (and
	// still ErrServer): a gateway lost the platform's answer, so the platform
	// may have acted. A 500 or 503 does not: the platform refused. It is
	// never resent automatically; look before you retry.
	ErrOutcomeUnknown = errors.New("alianza: outcome unknown, request may have been applied")
)

// maxErrorBody caps how much of an error response is read.
const maxErrorBody = 1 << 20

// maxMessage caps how much text of a non-JSON error body is kept as message.
const maxMessage = 512

// APIError is a non-2xx response from the platform.
//
// Alianza answers errors with a PublicApiException {status, messages, data};
// a few operations use ApiSingleException {code, message} or plain text.
// All of them decode into this one type.
type APIError struct {
	StatusCode  int             // HTTP status code
	Method      string          // HTTP method of the request
	Path        string          // URL path, without query
	Messages    []string        // PublicApiException.messages, or the text of a non-JSON body
	Data        json.RawMessage // PublicApiException.data, as sent
	Code        int             // ApiSingleException.code, when present
	Body        []byte          // the raw body, read through a 1 MiB limit, with known secrets scrubbed and credential-named fields' values redacted
	ContentType string          // the response's Content-Type
	RetryAfter  time.Duration   // parsed Retry-After header, zero if absent
	Attempts    int             // how many times the request was sent

	lostUpstream bool // a gateway's 502 or 504 to a POST or PATCH: the platform may have acted
}

// Error implements error. It names the method, path, status and messages,
// and stays short (at most about 1 KiB) whatever the body.
func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString("alianza: ")
	b.WriteString(e.Method)
	b.WriteByte(' ')
	b.WriteString(e.Path)
	b.WriteString(": ")
	b.WriteString(strconv.Itoa(e.StatusCode))
	if t := http.StatusText(e.StatusCode); t != "" {
		b.WriteByte(' ')
		b.WriteString(t)
	}
	if len(e.Messages) > 0 {
		b.WriteString(": ")
		b.WriteString(truncate(strings.Join(e.Messages, "; "), maxMessage))
	}
	if e.Attempts > 1 {
		fmt.Fprintf(&b, " (after %d attempts)", e.Attempts)
	}
	if e.lostUpstream {
		b.WriteString(" (outcome unknown: a gateway answered, the request may have been applied)")
	}
	return b.String()
}

// Is maps the status code to the sentinel errors. A 502 or 504 the client
// got for a POST or PATCH also matches ErrOutcomeUnknown.
func (e *APIError) Is(target error) bool {
	switch target {
	case ErrBadRequest:
		return e.StatusCode == http.StatusBadRequest || e.StatusCode == http.StatusUnprocessableEntity
	case ErrUnauthorized:
		return e.StatusCode == http.StatusUnauthorized
	case ErrForbidden:
		return e.StatusCode == http.StatusForbidden
	case ErrNotFound:
		return e.StatusCode == http.StatusNotFound
	case ErrConflict:
		return e.StatusCode == http.StatusConflict || e.alreadyExists()
	case ErrRateLimited:
		return e.StatusCode == http.StatusTooManyRequests
	case ErrServer:
		return e.StatusCode >= 500 && e.StatusCode <= 599
	case ErrRedirect:
		return e.StatusCode >= 300 && e.StatusCode <= 399
	case ErrOutcomeUnknown:
		return e.lostUpstream
	}
	return false
}

// conflictPhrases are the message fragments, matched case-insensitively,
// with which Alianza refuses a duplicate.
var conflictPhrases = [...]string{"already exists", "already in use", "in use on another"}

// alreadyExists reports a refusal (400, 409 or 422) whose message says the
// object, or a value the platform keeps unique, is already there: how
// Alianza answers duplicate creates, with a 400.
func (e *APIError) alreadyExists() bool {
	switch e.StatusCode {
	case http.StatusBadRequest, http.StatusConflict, http.StatusUnprocessableEntity:
	default:
		return false
	}
	for _, m := range e.Messages {
		m = strings.ToLower(m)
		for _, phrase := range conflictPhrases {
			if strings.Contains(m, phrase) {
				return true
			}
		}
	}
	return false
}

// errorEnvelope reads every error shape the spec uses: PublicApiException,
// ApiSingleException, and the rarer ones (BrandErrorResponse,
// ValidationErrorResponse, BulkOperationErrorResponse).
type errorEnvelope struct {
	Status      int             `json:"status"`
	Messages    []string        `json:"messages"`
	Data        json.RawMessage `json:"data"`
	Code        json.RawMessage `json:"code"` // a number in ApiSingleException, a string in BrandErrorResponse
	Message     string          `json:"message"`
	Description string          `json:"description"`
	Errors      []any           `json:"errors"`
}

// newAPIError builds an *APIError from a status, content type and body,
// scrubbing the given secrets from everything it keeps.
func newAPIError(status int, method, path, contentType string, body []byte, scrub []string) *APIError {
	e := &APIError{
		StatusCode:  status,
		Method:      method,
		Path:        path,
		ContentType: contentType,
		Body:        scrubBytes(redactCredentialPairs(redactSecretFields(body)), scrub),
	}
	body = e.Body
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return e
	}
	e.Messages = decodeMessages(e, contentType, trimmed)
	// Scrub again after decoding: a JSON escape (\u0070w...) or collapsed
	// whitespace can rebuild a secret that the raw bytes did not show.
	for i, m := range e.Messages {
		e.Messages[i] = scrubString(m, scrub)
	}
	return e
}

// decodeMessages fills e.Code and e.Data from a JSON envelope and returns
// the messages of any envelope, or the readable text of a non-JSON body.
func decodeMessages(e *APIError, contentType string, trimmed []byte) []string {
	if isJSONContent(contentType) || (contentType == "" && (trimmed[0] == '{' || trimmed[0] == '[')) {
		var env errorEnvelope
		if err := unmarshal(trimmed, &env); err == nil {
			e.fromEnvelope(&env)
			if len(e.Messages) > 0 || len(e.Data) > 0 {
				return e.Messages
			}
		}
		var msg string
		if unmarshal(trimmed, &msg) == nil && msg != "" {
			return []string{truncate(msg, maxMessage)}
		}
	}
	if text := plainText(contentType, trimmed); text != "" {
		return []string{text}
	}
	return nil
}

func (e *APIError) fromEnvelope(env *errorEnvelope) {
	for _, m := range env.Messages {
		if m != "" {
			e.Messages = append(e.Messages, truncate(m, maxMessage))
		}
	}
	if len(env.Data) > 0 && string(env.Data) != "null" {
		e.Data = env.Data
	}
	if c, err := strconv.Atoi(string(env.Code)); err == nil {
		e.Code = c
	}
	for _, m := range []string{env.Message, env.Description} {
		if m != "" {
			e.Messages = append(e.Messages, truncate(m, maxMessage))
		}
	}
	for _, item := range env.Errors {
		switch v := item.(type) {
		case string:
			e.Messages = append(e.Messages, truncate(v, maxMessage))
		case map[string]any:
			for _, k := range []string{"message", "error", "description"} {
				if s, ok := v[k].(string); ok && s != "" {
					e.Messages = append(e.Messages, truncate(s, maxMessage))
					break
				}
			}
		}
		if len(e.Messages) >= 20 {
			break
		}
	}
}

// plainText turns a text or HTML body into one short readable line.
func plainText(contentType string, body []byte) string {
	mt, _, _ := mime.ParseMediaType(contentType)
	s := string(body)
	if mt == "text/html" || strings.HasPrefix(strings.TrimSpace(s), "<") {
		s = stripTags(s)
	}
	s = strings.Join(strings.Fields(s), " ")
	return truncate(s, maxMessage)
}

// stripTags removes markup, keeping the text of a proxy's error page. Script
// and style content is dropped.
func stripTags(s string) string {
	var b strings.Builder
	depth := 0
	lower := asciiLower(s) // same length as s, unlike strings.ToLower
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '<':
			for _, skip := range []string{"<script", "<style"} {
				if strings.HasPrefix(lower[i:], skip) {
					end := strings.Index(lower[i:], "</"+skip[1:])
					if end < 0 {
						return b.String()
					}
					i += end
				}
			}
			depth++
		case c == '>' && depth > 0:
			depth--
			b.WriteByte(' ')
		case depth == 0:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// asciiLower lower-cases only ASCII letters, so byte offsets stay valid.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// truncate shortens s to at most n bytes on a rune boundary and makes it
// valid UTF-8.
func truncate(s string, n int) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// credentialWords end the names of JSON members and form fields that hold
// a credential (password, sipPassword, authToken, pwdHash, wirelessPin,
// ...): error bodies redact their values, and Client.Do scrubs the values
// its bodies send under them.
var credentialWords = `[a-z0-9_]*(?:` + strings.Join(credential.Words[:], "|") + `)`

// redactSecretFields replaces the values of credential-named JSON members
// with REDACTED. Error bodies and snippets may hold secrets the client
// never sent, such as the SIP password in a SIP trunk it only read.
//
// A member's value is redacted when the member is: a quoted name made only of
// letters, digits and '_' that ends, case-insensitively, in one of
// credentialWords' words, its closing quote, optional whitespace, a colon,
// optional whitespace, and a string value, up to its closing quote or, when
// the body is cut off inside it, to the end. It is the case-insensitive
// regular expression `("` + credentialWords + `"\s*:\s*)"(?:[^"\\]|\\.)*"?`
// replaced by `${1}"REDACTED"`, done in one linear pass without the
// regexp engine, which is slow on the 1 MiB error bodies this may see
// (BENCHMARKS.md). FuzzRedactSecretFields holds the two to the same output.
func redactSecretFields(b []byte) []byte {
	var out []byte // nil until the first member is redacted
	last := 0
	// Every member has a colon, and colons are a few times sparser than
	// quotes: each is looked at once, backwards for a credential name
	// (which cannot start before the end of the previous redaction), then
	// forwards for a string value.
	for i := 0; i < len(b); {
		c := bytes.IndexByte(b[i:], ':')
		if c < 0 {
			break
		}
		colon := i + c
		i = colon + 1
		if !credentialBefore(b, colon, last) {
			continue
		}
		val := skipRE2Space(b, colon+1)
		if val >= len(b) || b[val] != '"' {
			continue
		}
		end := stringEnd(b, val)
		if out == nil {
			out = make([]byte, 0, len(b))
		}
		out = append(out, b[last:val]...)
		out = append(out, `"`+redacted+`"`...)
		last, i = end, end
	}
	if out == nil {
		return b
	}
	return append(out, b[last:]...)
}

// credentialBefore reports whether the colon at b[colon] follows a
// credential name in quotes, optional whitespace between, whose opening
// quote is at floor or after.
func credentialBefore(b []byte, colon, floor int) bool {
	k := colon - 1
	for k >= floor && isRE2Space(b[k]) {
		k--
	}
	// Every credential word ends in one of a few letters: most names are
	// refused on their last byte.
	if k-1 < floor || b[k] != '"' || !credentialLast[b[k-1]] {
		return false
	}
	closing := k
	for k--; k >= floor; {
		switch c := b[k]; {
		case c == '"':
			return credentialTail(b[k+1 : closing])
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '_':
			k--
		case c == 0xAA && k-2 >= floor && b[k-2] == 0xE2 && b[k-1] == 0x84: // U+212A KELVIN SIGN folds to k
			k -= 3
		case c == 0xBF && k-1 >= floor && b[k-1] == 0xC5: // U+017F LATIN SMALL LETTER LONG S folds to s
			k -= 2
		default:
			return false
		}
	}
	return false
}

// stringEnd is the end of the string value whose opening quote is at
// b[val]: after its closing quote, or where the text is cut off, or before
// an escape the pattern's `\\.` cannot take (a backslash at the end, or
// before a newline).
func stringEnd(b []byte, val int) int {
	j := val + 1
	for ; j < len(b); j++ {
		switch b[j] {
		case '"':
			return j + 1
		case '\\':
			if j+1 >= len(b) || b[j+1] == '\n' {
				return j
			}
			j++
		}
	}
	return j
}

// credentialLast marks the bytes a credential word ends in, either case.
var credentialLast = func() (last [256]bool) {
	for _, w := range credential.Words {
		c := w[len(w)-1]
		last[c], last[c-'a'+'A'] = true, true
	}
	return last
}()

// credentialTail reports whether a member name (of the characters
// credentialBefore accepts) ends in one of credential.Words, folding case.
func credentialTail(name []byte) bool {
word:
	for _, w := range credential.Words {
		p := len(name)
		for k := len(w) - 1; k >= 0; k-- {
			if p == 0 {
				continue word
			}
			c := name[p-1]
			switch {
			case c == 0xAA && p >= 3 && name[p-3] == 0xE2 && name[p-2] == 0x84:
				c, p = 'k', p-3
			case c == 0xBF && p >= 2 && name[p-2] == 0xC5:
				c, p = 's', p-2
			default:
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				p--
			}
			if c != w[k] {
				continue word
			}
		}
		return true
	}
	return false
}

// skipRE2Space skips the characters of the regexp class \s: tab, newline,
// form feed, carriage return and space.
func skipRE2Space(b []byte, i int) int {
	for i < len(b) && isRE2Space(b[i]) {
		i++
	}
	return i
}

func isRE2Space(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// scrubBytes replaces every occurrence of each secret with REDACTED.
func scrubBytes(b []byte, secrets []string) []byte {
	for _, s := range secrets {
		if len(s) >= 4 && bytes.Contains(b, []byte(s)) {
			b = bytes.ReplaceAll(b, []byte(s), []byte(redacted))
		}
	}
	return b
}

// scrubString replaces every occurrence of each secret with REDACTED.
func scrubString(s string, secrets []string) string {
	for _, v := range secrets {
		if len(v) >= 4 && strings.Contains(s, v) {
			s = strings.ReplaceAll(s, v, redacted)
		}
	}
	return s
}

func isJSONContent(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return false
	}
	return mt == "application/json" || strings.HasSuffix(mt, "+json") || mt == "text/json"
}

// DecodeError is returned when a 2xx body cannot be decoded into the
// expected model. It matches ErrDecode, or ErrEmptyBody for an empty or null
// body, or ErrContentType for an HTML or XML body.
type DecodeError struct {
	StatusCode  int
	Method      string
	Path        string
	ContentType string
	Snippet     string // at most 256 bytes of the body, secrets scrubbed
	kind        error
	Err         error // the decoder's error, if any
}

func (e *DecodeError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s %s (status %d", e.kind.Error(), e.Method, e.Path, e.StatusCode)
	if e.ContentType != "" {
		fmt.Fprintf(&b, ", %s", e.ContentType)
	}
	b.WriteByte(')')
	if e.Err != nil {
		fmt.Fprintf(&b, ": %v", e.Err)
	}
	if e.Snippet != "" {
		fmt.Fprintf(&b, ": body %q", e.Snippet)
	}
	return b.String()
}

// Is matches the error's kind: ErrDecode, ErrEmptyBody, ErrContentType or
// ErrTooLarge.
func (e *DecodeError) Is(target error) bool { return target == e.kind }

// Unwrap returns the decoder's error.
func (e *DecodeError) Unwrap() error { return e.Err }

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

// OutcomeUnknownError is a POST or PATCH that was written but got no
// answer: the connection failed, the attempt timed out, or the caller's
// context ended. It matches ErrOutcomeUnknown and what it wraps (a
// context's error matches context.Canceled or context.DeadlineExceeded as
// well). The platform may have acted on it, so look (list, get by account
// number) before sending it again.
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

// bodyReadError is a 2xx body cut off by the connection, as opposed to a
// complete body that is not valid JSON. partial reports that some of it
// was already copied to Client.Do's io.Writer.
type bodyReadError struct {
	err     error
	partial bool
}

func (e *bodyReadError) Error() string { return e.err.Error() }
func (e *bodyReadError) Unwrap() error { return e.err }

// authError is a login the platform refused: any 4xx but 429 from
// POST /v2/authorize (a 429 asks to slow down and says nothing of the
// credentials). It matches ErrAuthentication and ErrUnauthorized.
type authError struct{ err error }

func (e *authError) Error() string { return "alianza: login refused: " + e.err.Error() }
func (e *authError) Unwrap() error { return e.err }
func (e *authError) Is(target error) bool {
	return target == ErrAuthentication || target == ErrUnauthorized
}

// FieldError is one client-side validation failure: which field, which rule.
// It matches ErrValidation.
type FieldError struct {
	Field string // the JSON name of the field, e.g. "billingCycleDay"
	Rule  string // the rule it breaks, e.g. "must be between 1 and 28"
}

func (e *FieldError) Error() string { return "alianza: invalid " + e.Field + ": " + e.Rule }

// Is makes errors.Is(err, ErrValidation) true.
func (e *FieldError) Is(target error) bool { return target == ErrValidation }

// ValidationError gathers every FieldError of one request, so a caller fixes
// them all at once. It matches ErrValidation, and errors.As finds each
// *FieldError through Unwrap.
type ValidationError struct {
	Errors []*FieldError
}

func (e *ValidationError) Error() string {
	if len(e.Errors) == 1 {
		return e.Errors[0].Error()
	}
	parts := make([]string, len(e.Errors))
	for i, fe := range e.Errors {
		parts[i] = fe.Field + ": " + fe.Rule
	}
	return fmt.Sprintf("alianza: invalid request (%d problems): %s", len(e.Errors), strings.Join(parts, "; "))
}

// Is makes errors.Is(err, ErrValidation) true.
func (e *ValidationError) Is(target error) bool { return target == ErrValidation }

// Unwrap returns the field errors.
func (e *ValidationError) Unwrap() []error {
	errs := make([]error, len(e.Errors))
	for i, fe := range e.Errors {
		errs[i] = fe
	}
	return errs
}

// Field reports the first error for the named field, or nil.
func (e *ValidationError) Field(name string) *FieldError {
	for _, fe := range e.Errors {
		if fe.Field == name {
			return fe
		}
	}
	return nil
}

// loginTimeoutError is a login that did not finish within its own timeout
// (WithLoginTimeout).
type loginTimeoutError struct{ d time.Duration }

func (e loginTimeoutError) Error() string { return "login did not finish within " + e.d.String() }

// Timeout reports true, as net.Error's Timeout does.
func (e loginTimeoutError) Timeout() bool { return true }
