package gen

import (
	"html"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// initialisms are words written in capitals in Go names (Go's own
// convention: ID, API, URL; and the platform's: SIP, TN, MAC, IVR, BLF, US,
// CDR (call detail record), CID (caller ID), SSO (single sign-on), SAML,
// SMS, LOA (letter of authorization), PIN, PBX, SMB, B2B), as the
// hand-written models write them; file formats too (CSV, JSON, XML).
var initialisms = map[string]bool{
	"API": true, "B2B": true, "BLF": true, "CDR": true, "CID": true, "CSV": true,
	"ID": true, "IP": true, "IVR": true, "JSON": true, "LOA": true, "MAC": true,
	"PBX": true, "PIN": true, "SAML": true, "SIP": true, "SMB": true, "SMS": true,
	"SSO": true, "TN": true, "URI": true, "URL": true, "US": true, "XML": true,
}

// GoName turns an enum value into the Go identifier part that follows the
// type name: words are split at every non-alphanumeric rune and at case
// changes (camelCase, and "LDFlat" as LD, Flat), each is capitalised, and
// initialisms are written in capitals. "DELETE_PENDING" gives DeletePending,
// "US/Samoa" USSamoa, "PresenceBlfUser" PresenceBLFUser. It returns "" for a
// value with no letters or digits; the overrides file names those.
func GoName(value string) string {
	var b strings.Builder
	for _, w := range splitWords(value) {
		if up := strings.ToUpper(w); initialisms[up] {
			b.WriteString(up)
			continue
		}
		if up := strings.ToUpper(w[:len(w)-1]); len(w) > 2 && w[len(w)-1] == 's' && initialisms[up] {
			b.WriteString(up + "s") // "userIds" gives UserIDs
			continue
		}
		r, size := utf8.DecodeRuneInString(w)
		b.WriteRune(unicode.ToUpper(r))
		b.WriteString(strings.ToLower(w[size:]))
	}
	return b.String()
}

func splitWords(s string) []string {
	var words []string
	rs := []rune(s)
	start := -1
	flush := func(end int) {
		if start >= 0 && end > start {
			words = append(words, string(rs[start:end]))
		}
		start = -1
	}
	for i, r := range rs {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			flush(i)
			continue
		}
		if start < 0 {
			start = i
			continue
		}
		prev := rs[i-1]
		switch {
		case unicode.IsUpper(r) && unicode.IsLower(prev):
			flush(i) // camelCase
			start = i
		case unicode.IsUpper(r) && unicode.IsUpper(prev) && i+1 < len(rs) && unicode.IsLower(rs[i+1]):
			flush(i) // "LDFlat": the last capital starts the next word
			start = i
		}
	}
	flush(len(rs))
	return words
}

// Unexported lower-cases the first rune of an exported name, the form the
// generated files give package-level variables ("AccountStatus" gives
// accountStatus).
func Unexported(name string) string {
	r, size := utf8.DecodeRuneInString(name)
	return string(unicode.ToLower(r)) + name[size:]
}

var (
	hiddenRE = regexp.MustCompile(`(?is)<span\b[^>]*\bhidden\b[^>]*>.*?</span>`)
	inlineRE = regexp.MustCompile(`(?i)</?(a|b|i|em|strong|code|span|u|tt)\b[^>]*>`)
	tagRE    = regexp.MustCompile(`<[^>]*>`)
	spaceRE  = regexp.MustCompile(`\s+`)
)

// StripHTML turns a description from the spec into plain text: hidden
// spans (links into Alianza's web documentation) are dropped with their
// text, inline tags (<b>, <a>, <code>...) are removed, other tags (a <br>
// or </p>) become a space, entities
// decoded, whitespace collapsed and the ends trimmed.
func StripHTML(s string) string {
	s = hiddenRE.ReplaceAllString(s, " ")
	s = inlineRE.ReplaceAllString(s, "")
	s = tagRE.ReplaceAllString(s, " ")
	s = html.UnescapeString(s)
	s = spaceRE.ReplaceAllString(s, " ")
	return strings.TrimSpace(s)
}

// Comment writes text as a Go comment wrapped at width columns, each line
// prefixed by indent and "// ". Blank lines in text separate paragraphs.
func Comment(text, indent string, width int) string {
	var b strings.Builder
	for i, para := range strings.Split(strings.TrimSpace(text), "\n\n") {
		if i > 0 {
			b.WriteString(indent + "//\n")
		}
		line := ""
		for _, w := range strings.Fields(para) {
			if line != "" && len(indent)+3+len(line)+1+len(w) > width {
				b.WriteString(indent + "// " + line + "\n")
				line = ""
			}
			if line == "" {
				line = w
			} else {
				line += " " + w
			}
		}
		if line != "" {
			b.WriteString(indent + "// " + line + "\n")
		}
	}
	return b.String()
}
