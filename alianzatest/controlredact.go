package alianzatest

import (
	"bytes"
	"encoding/json"
	"net/url"
	"regexp"
	"strings"
)

// redacted replaces a secret in GET /_fake/requests.
const redacted = "[REDACTED]"

// secretSuffixes end the (lower-cased) names of the fields whose values
// are secrets: password, sipPassword, adminPassword, authToken,
// resetAuthToken, apiSecret, pin, wirelessPin, apiKey.
var secretSuffixes = []string{"password", "token", "secret", "pin", "apikey"}

func isSecretField(name string) bool {
	name = strings.ToLower(name)
	for _, s := range secretSuffixes {
		if strings.HasSuffix(name, s) {
			return true
		}
	}
	return false
}

// redactBody returns body with the value of every secret field replaced by
// "[REDACTED]". A JSON body is re-encoded (object keys sorted); any other
// body, such as malformed JSON, has its "field": value pairs redacted as
// text.
func redactBody(body string) string {
	if strings.TrimSpace(body) == "" {
		return body
	}
	dec := json.NewDecoder(strings.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil || dec.More() {
		return redactText(body)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(redactValue(v)); err != nil {
		return redactText(body)
	}
	return strings.TrimSuffix(buf.String(), "\n")
}

// redactValue redacts the strings and numbers of secret fields; a boolean
// such as mustChangePassword is kept.
func redactValue(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			switch e.(type) {
			case string, json.Number:
				if isSecretField(k) {
					x[k] = redacted
					continue
				}
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

// textSecret matches "field": "value" or "field": 1234 in text that is not
// valid JSON; the field name is checked by isSecretField.
var textSecret = regexp.MustCompile(`"([A-Za-z_]+)"(\s*:\s*)("(?:[^"\\]|\\.)*"?|[0-9.eE+-]+)`)

func redactText(body string) string {
	return textSecret.ReplaceAllStringFunc(body, func(m string) string {
		sub := textSecret.FindStringSubmatch(m)
		if !isSecretField(sub[1]) {
			return m
		}
		return `"` + sub[1] + `"` + sub[2] + `"` + redacted + `"`
	})
}

// redactQuery redacts the values of secret query parameters, keeping
// the query as sent otherwise.
func redactQuery(raw string) string {
	parts := strings.Split(raw, "&")
	for i, p := range parts {
		k, _, hasValue := strings.Cut(p, "=")
		if name, err := url.QueryUnescape(k); err == nil {
			k = name
		}
		if hasValue && isSecretField(k) {
			parts[i] = url.QueryEscape(k) + "=" + url.QueryEscape(redacted)
		}
	}
	return strings.Join(parts, "&")
}
