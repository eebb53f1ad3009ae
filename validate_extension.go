package alianza

// IsExtensionPattern reports whether s is a SIP trunk extension pattern:
// one or more digits followed by any number of 'X' placeholders, as in
// "2100", "21XX" or "211x". The spec's items.pattern '\\d+x*' is
// over-escaped and, taken literally, rejects all of these (see
// docs/quirks.md), so it is not used.
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
