package alianza

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"reflect"
)

// redacted is what every printable form of a Secret shows.
const redacted = "REDACTED"

// Secret holds a password, SIP password or auth token.
//
// It prints as REDACTED through String, GoString, every fmt verb and slog,
// so a secret cannot leak through an error message, a log line or a %v of a
// struct that embeds it. JSON carries the real value, because the platform
// needs it on the wire; call Reveal to read it on purpose.
//
// One slog path is JSON: slog's JSON handler marshals a slice, a map or a
// struct of your own as JSON, without asking the models inside for their
// LogValue, so a []SipTrunk or a map of Secrets logged as one attribute
// carries the real values. Log such a value through RedactedLogValue (or
// each model as its own attribute).
//
// Keep Secret fields exported: fmt cannot call the methods of an unexported
// field and would print its raw value.
//
// One fmt path skips every method: a verb that does not fit a pointer (%s,
// %q, %d on a *T nested in a struct) makes fmt print the pointed-to struct
// with String and Format switched off. The SDK's own types that hold a
// Secret implement fmt.Formatter, which fmt consults before it looks at the
// pointer, so they are safe with any verb. A struct of your own that holds a
// Secret is not: give it a Format method (or log it with %v, or through
// slog with RedactedLogValue). Secret stays a string type, so that
// Secret("x") literals and comparisons with "" keep working; a type that
// hid its value behind a pointer would close the gap but break both (see
// RELIABILITY.md, "Secrets and fmt").
type Secret string

// Reveal returns the secret's real value.
func (s Secret) Reveal() string { return string(s) }

// IsZero reports whether the secret is empty.
func (s Secret) IsZero() bool { return s == "" }

// String implements fmt.Stringer and returns REDACTED (or "" when empty, so
// that an unset secret is visibly unset).
func (s Secret) String() string {
	if s == "" {
		return ""
	}
	return redacted
}

// GoString implements fmt.GoStringer for %#v.
func (s Secret) GoString() string { return fmt.Sprintf("%q", s.String()) }

// Format implements fmt.Formatter so that %x, %q and friends redact too.
func (s Secret) Format(f fmt.State, verb rune) {
	switch verb {
	case 'v':
		if f.Flag('#') {
			_, _ = f.Write([]byte(s.GoString()))
			return
		}
		_, _ = f.Write([]byte(s.String()))
	case 'q':
		_, _ = fmt.Fprintf(f, "%q", s.String())
	default:
		_, _ = f.Write([]byte(s.String()))
	}
}

// LogValue implements slog.LogValuer.
func (s Secret) LogValue() slog.Value { return slog.StringValue(s.String()) }

// MarshalJSON sends the real value: the platform needs it.
func (s Secret) MarshalJSON() ([]byte, error) { return json.Marshal(string(s)) }

// UnmarshalJSON reads the real value.
func (s *Secret) UnmarshalJSON(b []byte) error {
	var v string
	if err := json.Unmarshal(b, &v); err != nil {
		return fmt.Errorf("secret: %w", errSecretNotString)
	}
	*s = Secret(v)
	return nil
}

// errSecretNotString hides the offending bytes, which may be the secret.
var errSecretNotString = fmt.Errorf("value is not a JSON string")

// RedactedLogValue returns v as slog should show it: its JSON form with
// every Secret reachable from v replaced by REDACTED, as generic maps and
// slices. Models that hold a Secret, directly or nested, implement LogValue
// with it, because slog's JSON handler marshals nested structs through their
// real JSON encoding. Use it for your own structs that embed SDK models,
// and for slices and maps of models (a List's answer), which slog's JSON
// handler marshals without consulting the models' LogValue:
//
//	logger.Info("provisioned", "trunk", alianza.RedactedLogValue(myRecord))
//	logger.Info("trunks", "trunks", alianza.RedactedLogValue(trunks))
func RedactedLogValue(v any) slog.Value {
	secrets := appendSecrets(nil, reflect.ValueOf(v), 0)
	raw, err := json.Marshal(v)
	if err != nil {
		return slog.StringValue(fmt.Sprintf("<%T: unloggable>", v))
	}
	var out any
	if err := json.Unmarshal(raw, &out); err != nil {
		return slog.StringValue(fmt.Sprintf("<%T: unloggable>", v))
	}
	// Scrub the decoded strings, not the JSON bytes: json.Marshal escapes
	// <, >, &, " and \, so a secret holding one of them would not match in
	// its encoded form.
	return slog.AnyValue(scrubAny(out, secrets))
}

// scrubAny replaces every secret in the strings (values and keys) of a
// generic JSON value.
func scrubAny(v any, secrets []string) any {
	switch x := v.(type) {
	case string:
		return scrubString(x, secrets)
	case []any:
		for i := range x {
			x[i] = scrubAny(x[i], secrets)
		}
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[scrubString(k, secrets)] = scrubAny(e, secrets)
		}
		return out
	}
	return v
}

// MarshalRedactedJSON returns v's JSON encoding with every Secret reachable
// from v written as "REDACTED": for showing models to people (a console, a
// support ticket) without their passwords. Unlike RedactedLogValue it keeps
// the fields in struct order; unlike json.Marshal it does not escape <, >
// and & in plain strings. A string field that repeats a secret's value is
// redacted too.
func MarshalRedactedJSON(v any) ([]byte, error) {
	b, err := marshalUnescaped(v)
	if err != nil {
		return nil, err
	}
	red := []byte(`"` + redacted + `"`)
	for _, s := range appendSecrets(nil, reflect.ValueOf(v), 0) {
		// A Secret marshals through json.Marshal, which escapes <, > and &;
		// a plain string field holding the same value does not: replace
		// both spellings. Each is a whole JSON string, quotes included, so
		// only values equal to the secret change.
		escaped, _ := json.Marshal(s)
		plain, _ := marshalUnescaped(s)
		b = bytes.ReplaceAll(b, escaped, red)
		b = bytes.ReplaceAll(b, plain, red)
	}
	return b, nil
}

// marshalUnescaped is json.Marshal without HTML escaping.
func marshalUnescaped(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

var secretType = reflect.TypeFor[Secret]()

// maxSecretDepth stops the walk in a cyclic value; models nest far less.
const maxSecretDepth = 32

// appendSecrets appends every non-empty Secret reachable from v: the values
// to scrub from errors and to redact from logs and shown JSON. It visits
// every element of every slice and map, so nothing past some count leaks.
func appendSecrets(out []string, v reflect.Value, depth int) []string {
	if depth > maxSecretDepth || !v.IsValid() {
		return out
	}
	if v.Type() == secretType {
		if s := v.String(); s != "" {
			out = append(out, s)
		}
		return out
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			out = appendSecrets(out, v.Elem(), depth+1)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			out = appendSecrets(out, v.Field(i), depth+1)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			out = appendSecrets(out, v.Index(i), depth+1)
		}
	case reflect.Map:
		it := v.MapRange()
		for it.Next() {
			out = appendSecrets(out, it.Value(), depth+1)
		}
	}
	return out
}
