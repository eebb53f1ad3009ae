package alianza

import "errors"

// normMAC checks a non-empty MAC address and returns it normalised (12
// upper-case hex digits), reporting a failure under field.
func (v *validator) normMAC(field, s string) string {
	if s == "" {
		return ""
	}
	n, err := NormalizeMAC(s)
	if err != nil {
		rule := "must be 12 hex digits"
		var fe *FieldError
		if errors.As(err, &fe) {
			rule = fe.Rule
		}
		v.add(field, rule)
		return s
	}
	return n
}
