package alianza

import (
	"net/mail"
	"strconv"
	"strings"
)

// Validation helpers of the user and device-line services.

// lengthPtr checks the length of a set optional field, empty included: a
// request that sets a field to "" means to send "", which the bounds forbid.
func lengthPtr(v *validator, field string, s *string, minLen, maxLen int) {
	if s == nil {
		return
	}
	if *s == "" {
		v.add(field, "must be "+strconv.Itoa(minLen)+" to "+strconv.Itoa(maxLen)+" characters, got 0")
		return
	}
	v.length(field, *s, minLen, maxLen)
}

// isEmailAddress reports whether s is a bare address (no display name, no
// angle brackets) with a dotted domain.
func isEmailAddress(s string) bool {
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	domain := s[at+1:]
	return strings.Contains(domain, ".") && !strings.HasPrefix(domain, ".") && !strings.HasSuffix(domain, ".")
}

// isExtension reports whether s is an extension as the reference values
// define it: 3 to 6 digits (the account's extensionLength), the first 2 to 8.
func isExtension(s string) bool {
	if len(s) < 3 || len(s) > 6 || s[0] < '2' || s[0] > '8' {
		return false
	}
	for i := 1; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func containsAt(s string) bool { return strings.Contains(s, "@") }

// indexed names an element of a list field: "forwardToNumberList[2]".
func indexed(field string, i int) string { return field + "[" + strconv.Itoa(i) + "]" }

func quote(s string) string { return strconv.Quote(s) }
