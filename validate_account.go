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

// pathID checks a value that will fill a path placeholder, as the core's
// checkID does, but collects the failure with the body's, for methods that
// must look at the ID before the request is built.
func (v *validator) pathID(field, s string) {
	if msg := badSegment(s); msg != "" {
		v.add(field, msg)
	}
}
