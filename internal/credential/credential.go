// Package credential names the fields that hold a credential, for the
// client's redaction of error bodies and the fake's redaction of its
// request log: one rule for both.
package credential

import "strings"

// Words end the names of fields whose values are credentials: password,
// sipPassword, adminPassword, authToken, resetAuthToken, apiSecret,
// pwdHash, pin, wirelessPin, apiKey.
var Words = [...]string{"password", "token", "secret", "pwdhash", "pin", "apikey"}

// IsName reports whether name ends, case-insensitively, in one of Words.
func IsName(name string) bool {
	name = strings.ToLower(name)
	for _, w := range Words {
		if strings.HasSuffix(name, w) {
			return true
		}
	}
	return false
}
