package alianza

import "fmt"

// Validation helpers shared by the SIP trunk and business line services,
// which take the same SIP credentials.

// pathID records a bad path argument together with the body's problems, so
// a caller sees them all and nothing is sent (not even the login that
// resolving the partition may need).
func (v *validator) pathID(field, id string) {
	if msg := badSegment(id); msg != "" {
		v.add(field, msg)
	}
}

// sipUsername checks a non-empty SIP username: 8 to 36 characters of
// [A-Za-z0-9._-]. The spec's pattern '[A-Za-z0-9\\-_.]+' is over-escaped
// (spec-scope top finding 9, section 4 row 14): taken literally it rejects
// '-', so the intended class is checked instead.
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
// The rule never echoes the value.
func (v *validator) sipPassword(field string, s Secret) {
	if s == "" {
		return
	}
	if n := len([]rune(string(s))); n < 6 {
		v.add(field, fmt.Sprintf("must be at least 6 characters, got %d", n))
	}
}

// IsExtensionPattern reports whether s is a SIP trunk extension pattern:
// one or more digits followed by any number of 'X' placeholders, as in
// "2100", "21XX" or "211x". The spec's items.pattern '\\d+x*' is
// over-escaped and, taken literally, rejects all of these (spec-scope top
// finding 9, section 4 row 13), so it is not used.
func IsExtensionPattern(s string) bool {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 {
		return false
	}
	for ; i < len(s); i++ {
		if s[i] != 'x' && s[i] != 'X' {
			return false
		}
	}
	return true
}
