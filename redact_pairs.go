package alianza

import "bytes"

// redactCredentialPairs replaces the values of credential-named fields
// written as text rather than as JSON members: form pairs
// ("sipPassword=x&a=1") and "name: value" in a plain-text message. Error
// bodies are not always JSON, and a secret the client never sent (one it
// only read) is not on its scrub list.
//
// A field is a name of letters, digits and '_' that ends, case-insensitively,
// in one of credential.Words, then '=' or ':' with optional spaces
// or tabs around (a JSON member's name is followed by its closing quote, so
// members are left to redactSecretFields). Its value runs to the next '&', ',', ';', quote,
// backslash, bracket, whitespace or the end, so a pair inside a JSON string
// never takes the string's closing quote or an escape with it: the body
// stays JSON. A quoted value is left alone for that reason. One linear pass.
func redactCredentialPairs(b []byte) []byte {
	var out []byte // nil until the first value is redacted
	last := 0
	// The next '=' and ':' at i or after, each found by IndexByte (which
	// is vectorised, unlike IndexAny) and looked for again only once
	// passed; -1 when there is none.
	eq, colon := -2, -2
	for i := 0; i < len(b); {
		eq, colon = nextByte(b, i, '=', eq), nextByte(b, i, ':', colon)
		sep := eq
		if sep < 0 || colon >= 0 && colon < sep {
			sep = colon
		}
		if sep < 0 {
			break
		}
		i = sep + 1
		if !credentialNameBefore(b, sep, last) {
			continue
		}
		v := sep + 1
		for v < len(b) && (b[v] == ' ' || b[v] == '\t') {
			v++
		}
		end := v
		for end < len(b) && !pairValueEnd[b[end]] {
			end++
		}
		if end == v {
			continue
		}
		if out == nil {
			out = make([]byte, 0, len(b))
		}
		out = append(out, b[last:v]...)
		out = append(out, redacted...)
		last, i = end, end
	}
	if out == nil {
		return b
	}
	return append(out, b[last:]...)
}

// credentialNameBefore reports whether the separator at b[sep] follows an
// unquoted credential name (optional spaces or tabs between) that starts
// at floor or after.
func credentialNameBefore(b []byte, sep, floor int) bool {
	k := sep - 1
	for k >= floor && (b[k] == ' ' || b[k] == '\t') {
		k--
	}
	end := k + 1
	for k >= floor && isNameByte(b[k]) {
		k--
	}
	start := k + 1
	// A JSON member's name never gets here: its closing quote stands
	// between the name and the colon.
	return start < end && credentialTail(b[start:end])
}

func isNameByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
}

// pairValueEnd marks the bytes that end an unquoted value.
var pairValueEnd = [256]bool{
	'&': true, ',': true, ';': true, '"': true, '\'': true, '\\': true, ' ': true, '\t': true, '\r': true, '\n': true,
	'<': true, '>': true, '(': true, ')': true, '[': true, ']': true, '{': true, '}': true,
}

// nextByte is the index of the first c in b at from or after, given prev,
// the previous answer (-2 before the first, -1 for none): prev is reused
// while it is still ahead.
func nextByte(b []byte, from int, c byte, prev int) int {
	if prev == -1 || prev >= from {
		return prev
	}
	if k := bytes.IndexByte(b[from:], c); k >= 0 {
		return from + k
	}
	return -1
}
