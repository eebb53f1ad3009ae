package main

import (
	"bytes"
	"encoding/json"

	"github.com/go-alianza/alianza"
)

// marshalJSON encodes v indented, with plain strings unescaped. Unless show
// is true, every alianza.Secret (which marshals its real value, because the
// platform needs it) is written as "REDACTED", fields keeping their order.
func marshalJSON(v any, show bool) ([]byte, error) {
	var out bytes.Buffer
	if show {
		enc := json.NewEncoder(&out)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		err := enc.Encode(v)
		return out.Bytes(), err
	}
	b, err := alianza.MarshalRedactedJSON(v)
	if err != nil {
		return nil, err
	}
	if err := json.Indent(&out, b, "", "  "); err != nil {
		return nil, err
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}
