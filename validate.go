package alianza

import (
	"fmt"
	"strings"
)

// validator collects field errors. The zero value is ready to use.
type validator struct {
	errs []*FieldError
}

// add records a failure.
func (v *validator) add(field, rule string) {
	v.errs = append(v.errs, &FieldError{Field: field, Rule: rule})
}

// check records rule against field when ok is false.
func (v *validator) check(ok bool, field, rule string) {
	if !ok {
		v.add(field, rule)
	}
}

// required records a failure when s is empty.
func (v *validator) required(field, s string) {
	v.check(strings.TrimSpace(s) != "", field, "is required")
}

// length checks the length in characters (runes) of a non-empty s.
func (v *validator) length(field, s string, minLen, maxLen int) {
	if s == "" {
		return
	}
	n := len([]rune(s))
	v.check(n >= minLen && n <= maxLen, field, fmt.Sprintf("must be %d to %d characters, got %d", minLen, maxLen, n))
}

// tn checks a non-empty telephone number.
func (v *validator) tn(field, s string) {
	if s != "" {
		v.check(IsTelephoneNumber(s), field, "must be 11 digits starting with 1, e.g. 18015551212")
	}
}

// enum checks a non-empty enum value.
func (v *validator) enum(field string, value string, valid bool) {
	if value != "" && !valid {
		v.add(field, fmt.Sprintf("unknown value %q", value))
	}
}

// err returns nil, or a *ValidationError holding every failure.
func (v *validator) err() error {
	if len(v.errs) == 0 {
		return nil
	}
	return &ValidationError{Errors: v.errs}
}

// IsTelephoneNumber reports whether s is an Alianza telephone number: exactly
// 11 ASCII digits starting with 1 (country code, area code, number). No
// normalisation is done: "+1 801…" and "1-801-…" are rejected, so what is
// validated is what is sent.
func IsTelephoneNumber(s string) bool {
	if len(s) != 11 || s[0] != '1' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// NormalizeMAC returns a MAC address as the platform stores it: 12 upper-case
// hex digits. It accepts lower case and the ':' and '-' separated forms
// ("aa:bb:cc:dd:ee:ff", "AA-BB-CC-DD-EE-FF"), and returns an error matching
// ErrValidation for anything else.
func NormalizeMAC(s string) (string, error) {
	var b [12]byte
	n := 0
	sep := byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9', c >= 'A' && c <= 'F':
		case c >= 'a' && c <= 'f':
			c -= 'a' - 'A'
		case (c == ':' || c == '-') && i > 0 && i%3 == 2 && (sep == 0 || sep == c):
			sep = c
			continue
		default:
			return "", &FieldError{Field: "macAddress", Rule: "must be 12 hex digits, optionally separated by ':' or '-'"}
		}
		if n == 12 {
			return "", &FieldError{Field: "macAddress", Rule: "must be 12 hex digits"}
		}
		b[n] = c
		n++
	}
	if n != 12 || (sep != 0 && len(s) != 17) {
		return "", &FieldError{Field: "macAddress", Rule: "must be 12 hex digits"}
	}
	return string(b[:]), nil
}

// checkID validates a value used as a path segment: it must be non-empty,
// must not be "." or "..", and must not contain control characters.
func checkID(field, id string) error {
	if msg := badSegment(id); msg != "" {
		return &FieldError{Field: field, Rule: msg}
	}
	return nil
}

func badSegment(s string) string {
	switch strings.TrimSpace(s) {
	case "":
		return "must not be empty"
	case ".", "..":
		return "must not be a dot segment"
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] == 0x7f {
			return "must not contain control characters"
		}
	}
	return ""
}
