package alianza

import (
	"errors"
	"fmt"
	"unicode/utf8"
)

// Field validators used by several services: path arguments checked with the
// body, MAC addresses, SIP credentials.

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
// checkID does, but collects the failure with the body's: a method checks
// its path arguments first, so every problem comes back in one
// *ValidationError before anything is sent, the login that may look up the
// partition included (the core checks placeholders after that lookup, and
// stops at the first).
func (v *validator) pathID(field, s string) {
	if msg := badSegment(s); msg != "" {
		v.add(field, msg)
	}
}

// sipUsername checks a non-empty SIP username: 8 to 36 characters of
// [A-Za-z0-9._-]. The spec's pattern '[A-Za-z0-9\\-_.]+' is over-escaped
// (see docs/quirks.md): taken literally it rejects '-', so the intended
// class is checked instead.
func (v *validator) sipUsername(field, s string) {
	if s == "" {
		return
	}
	v.length(field, s, 8, 36)
	for i := 0; i < len(s); i++ {
		if !isSIPUsernameByte(s[i]) {
			v.add(field, fmt.Sprintf("must contain only letters, digits, '.', '_' and '-', got %q at offset %d", s[i], i))
			return
		}
	}
}

func isSIPUsernameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-'
}

// sipPassword checks a non-empty SIP password against the spec's minLength 6.
// The rule echoes neither the value nor its length.
func (v *validator) sipPassword(field string, s Secret) {
	if s == "" {
		return
	}
	if utf8.RuneCountInString(string(s)) < 6 {
		v.add(field, "must be at least 6 characters")
	}
}

// validateBody records a missing request body as a problem of the field
// "body", or else the body's own problems. P is the request's pointer type:
// a typed nil is caught, which a plain interface parameter would miss.
func validateBody[T any, P interface {
	*T
	validate(*validator)
}](v *validator, req P) {
	if req == nil {
		v.add("body", "is required")
		return
	}
	req.validate(v)
}

// validateRequest is what every exported Validate method returns: the
// problems the service method would report for req itself (path arguments
// aside), as a *ValidationError, or nil.
func validateRequest[T any, P interface {
	*T
	validate(*validator)
}](req P) error {
	var v validator
	validateBody(&v, req)
	return v.err()
}

// isUUID reports whether s is a UUID in its canonical text form: 32 hex
// digits in groups of 8-4-4-4-12, either case.
func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
				return false
			}
		}
	}
	return true
}
