package main

import (
	"bytes"
	"encoding/json"
	"reflect"

	"github.com/go-alianza/alianza"
)

const redacted = "REDACTED"

var secretType = reflect.TypeFor[alianza.Secret]()

// collectSecrets returns every non-empty alianza.Secret reachable from v.
// alianza.Secret marshals its real value (the platform needs it), so the
// console scrubs them out of its own JSON output instead.
func collectSecrets(v reflect.Value, out []string, depth int) []string {
	if depth > 32 || !v.IsValid() {
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
			out = collectSecrets(v.Elem(), out, depth+1)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				out = collectSecrets(v.Field(i), out, depth+1)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			out = collectSecrets(v.Index(i), out, depth+1)
		}
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			out = collectSecrets(iter.Value(), out, depth+1)
		}
	}
	return out
}

// marshalJSON encodes v indented. Unless show is true, each secret's JSON
// string is replaced by "REDACTED", keeping the fields' order (a round trip
// through a map would sort them).
func marshalJSON(v any, show bool) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	b := buf.Bytes()
	if show {
		return b, nil
	}
	red, _ := json.Marshal(redacted)
	for _, s := range collectSecrets(reflect.ValueOf(v), nil, 0) {
		// alianza.Secret's MarshalJSON escapes <, > and & as \u003c ...,
		// a plain string field would not: scrub both spellings.
		escaped, err := json.Marshal(s)
		if err != nil {
			return nil, err
		}
		plain, err := marshalNoEscape(s)
		if err != nil {
			return nil, err
		}
		b = bytes.ReplaceAll(b, escaped, red)
		b = bytes.ReplaceAll(b, plain, red)
	}
	return b, nil
}

func marshalNoEscape(s string) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}
