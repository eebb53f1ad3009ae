package alianzatest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"sort"
	"strings"

	"github.com/go-alianza/alianza/internal/credential"
)

// redacted replaces a secret in GET /_fake/requests and in a printed
// Request.
const redacted = "[REDACTED]"

// isSecretField reports whether a field's name says it holds a secret,
// by the rule the client redacts its error bodies with.
func isSecretField(name string) bool { return credential.IsName(name) }

// minKnownSecret is the shortest known secret replaced wherever it
// appears: a shorter one would blank ordinary text.
const minKnownSecret = 6

// redactor redacts logged bodies and queries: the values of secret fields,
// then every known secret (the fake's API password, the tokens it issued,
// the SIP passwords it stores, the secret values seen in the log) wherever
// it appears.
type redactor struct {
	known []string // longest first
}

// newRedactor returns a redactor that also replaces the secrets in known
// and the values of secret fields found in reqs.
func newRedactor(known []string, reqs ...Request) *redactor {
	set := map[string]bool{}
	add := func(v string) {
		if len(v) >= minKnownSecret && v != redacted {
			set[v] = true
		}
	}
	for _, k := range known {
		add(k)
	}
	for _, r := range reqs {
		harvestQuery(r.Query, add)
		for _, b := range []string{r.Body, r.Response} {
			harvestBody(b, add)
		}
	}
	rd := &redactor{}
	for v := range set {
		rd.known = append(rd.known, v)
	}
	sort.Slice(rd.known, func(i, j int) bool {
		if len(rd.known[i]) != len(rd.known[j]) {
			return len(rd.known[i]) > len(rd.known[j])
		}
		return rd.known[i] < rd.known[j]
	})
	return rd
}

// knownSecretsLocked lists the secrets the fake holds: its API password,
// every token it issued and not forgot, every SIP password it stores.
// s.mu must be held.
func (s *Server) knownSecretsLocked() []string {
	out := []string{s.cfg.password}
	for token := range s.sessions {
		out = append(out, token)
	}
	for _, t := range []*table{s.st.trunks, s.st.devices} {
		for _, o := range t.rows {
			out = append(out, str(o, "sipPassword"))
		}
	}
	for _, o := range s.st.lineCreds {
		out = append(out, str(o, "sipPassword"))
	}
	return out
}

// redactedRequests returns the request log with its secrets redacted.
func (s *Server) redactedRequests() []Request {
	s.mu.Lock()
	known := s.knownSecretsLocked()
	reqs := append([]Request(nil), s.log...)
	s.mu.Unlock()
	rd := newRedactor(known, reqs...)
	for i := range reqs {
		reqs[i] = rd.request(reqs[i])
	}
	return reqs
}

// request returns r with its query, body and response redacted.
func (rd *redactor) request(r Request) Request {
	r.Path = rd.replaceKnown(r.Path)
	r.Query = rd.query(r.Query)
	r.Body = rd.body(r.Body)
	r.Response = rd.body(r.Response)
	return r
}

// body redacts a request or response body:
//   - JSON: every value of a secret field is "[REDACTED]", whatever its
//     type (a boolean such as mustChangePassword and null are kept); the
//     body is re-encoded, object keys sorted;
//   - a body that looks like JSON (it starts with { or [) but does not
//     parse is replaced by a note giving its length: no text pass can be
//     trusted to find every secret in it;
//   - any other body is redacted as a URL-encoded form (the values of
//     secret-named keys), which leaves plain text as it is.
//
// Every known secret is then replaced wherever it appears.
func (rd *redactor) body(body string) string {
	trimmed := strings.TrimSpace(body)
	if trimmed == "" {
		return body
	}
	if v, ok := parseJSON(body); ok {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(redactValue(v)); err == nil {
			return rd.replaceKnown(strings.TrimSuffix(buf.String(), "\n"))
		}
	}
	if looksJSON(trimmed) {
		return unparsedNote(len(body))
	}
	return rd.replaceKnown(redactForm(body))
}

// unparsedNote replaces a body that looks like JSON but does not parse.
func unparsedNote(n int) string {
	return fmt.Sprintf("[REDACTED: %d bytes that look like JSON but do not parse]", n)
}

// looksJSON reports whether a trimmed body starts like a JSON object or
// array.
func looksJSON(trimmed string) bool {
	return strings.HasPrefix(trimmed, "{") || strings.HasPrefix(trimmed, "[")
}

// parseJSON decodes body when it is exactly one JSON value.
func parseJSON(body string) (any, bool) {
	dec := json.NewDecoder(strings.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil || dec.More() {
		return nil, false
	}
	return v, true
}

// query redacts a raw query string as a form, then the known secrets.
func (rd *redactor) query(raw string) string {
	return rd.replaceKnown(redactForm(raw))
}

// replaceKnown replaces every known secret in s, as is, JSON-escaped and
// URL-escaped.
func (rd *redactor) replaceKnown(s string) string {
	for _, k := range rd.known {
		forms := []string{k, url.QueryEscape(k), url.PathEscape(k)}
		if b, err := json.Marshal(k); err == nil {
			forms = append(forms, string(b[1:len(b)-1]))
		}
		for _, f := range forms {
			if f != "" {
				s = strings.ReplaceAll(s, f, redacted)
			}
		}
	}
	return s
}

// redactValue redacts the value of every secret field: a string, a number,
// an array or an object; a boolean such as mustChangePassword and null
// are kept.
func redactValue(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if isSecretField(k) && !isFlagOrNull(e) {
				x[k] = redacted
				continue
			}
			x[k] = redactValue(e)
		}
	case []any:
		for i, e := range x {
			x[i] = redactValue(e)
		}
	}
	return v
}

func isFlagOrNull(v any) bool {
	switch v.(type) {
	case nil, bool:
		return true
	}
	return false
}

// redactForm redacts the values of secret keys in a URL-encoded form or
// query, keeping the rest as sent. Text with no "key=value" part is kept.
func redactForm(raw string) string {
	parts := strings.Split(raw, "&")
	for i, p := range parts {
		k, _, hasValue := strings.Cut(p, "=")
		if name, err := url.QueryUnescape(k); err == nil {
			k = name
		}
		if hasValue && isSecretField(strings.TrimSpace(k)) {
			parts[i] = url.QueryEscape(k) + "=" + url.QueryEscape(redacted)
		}
	}
	return strings.Join(parts, "&")
}

// harvestQuery passes the values of secret keys in a form or query to add.
func harvestQuery(raw string, add func(string)) {
	for _, p := range strings.Split(raw, "&") {
		k, v, ok := strings.Cut(p, "=")
		if !ok {
			continue
		}
		if name, err := url.QueryUnescape(k); err == nil {
			k = name
		}
		if !isSecretField(strings.TrimSpace(k)) {
			continue
		}
		add(v)
		if val, err := url.QueryUnescape(v); err == nil {
			add(val)
		}
	}
}

// harvestBody passes the secrets of a body to add: every string and number
// under a secret field of a JSON body, or the secret values of a form.
func harvestBody(body string, add func(string)) {
	if strings.TrimSpace(body) == "" {
		return
	}
	v, ok := parseJSON(body)
	if !ok {
		harvestQuery(body, add)
		return
	}
	var walk func(v any, secret bool)
	walk = func(v any, secret bool) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				walk(e, secret || isSecretField(k))
			}
		case []any:
			for _, e := range x {
				walk(e, secret)
			}
		case string:
			if secret {
				add(x)
			}
		case json.Number:
			if secret {
				add(x.String())
			}
		}
	}
	walk(v, false)
}
