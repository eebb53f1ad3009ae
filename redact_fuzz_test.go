package alianza

import (
	"bytes"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
)

// secretFieldRE is the rule redactSecretFields implements, as the regular
// expression its documentation states.
var secretFieldRE = regexp.MustCompile(`(?i)("` + credentialWords + `"\s*:\s*)"(?:[^"\\]|\\.)*"?`)

func redactByRE(b []byte) []byte {
	return secretFieldRE.ReplaceAll(b, []byte(`${1}"`+redacted+`"`))
}

// FuzzRedactSecretFields holds the one-pass redaction to the regular
// expression: the same output for every input.
func FuzzRedactSecretFields(f *testing.F) {
	for _, s := range []string{
		`{"password":"hunter2"}`, `{"sipPassword" : "a\"b","x":1}`, `{"authToken":"abc`, `{"PIN":"1234"}`,
		`{"wirelessPin":"12\\"}`, "{\"token\":\"a\\\nb\"}", `{"pwdHash":"x","secret":"y","notsecretx":"z"}`,
		"{\"to\u212Aen\":\"k\"}", "{\"pa\u017Fsword\":\"s\"}", `""password":"x"`, `{"a-token":"x"}`, "{\"token\"\f:\v\"x\"}",
		`{"token":1}`, `{"APIKEY":"a"}`, `{"token":"é\xff"}`, `"password"`, `{"password":"a"}{"Password":"b"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		want := redactByRE(bytes.Clone(b))
		got := redactSecretFields(bytes.Clone(b))
		if !bytes.Equal(want, got) {
			t.Fatalf("input %q\nregexp: %q\nscan:   %q", b, want, got)
		}
	})
}

func TestRedactSecretFieldsExamples(t *testing.T) {
	for in, want := range map[string]string{
		`{"password":"hunter2","id":"1"}`:  `{"password":"REDACTED","id":"1"}`,
		`{"sipPassword": "a\"b"}`:          `{"sipPassword": "REDACTED"}`,
		`{"authToken":"cut off`:            `{"authToken":"REDACTED"`,
		`{"pin":"1","spin":"2","x":"pin"}`: `{"pin":"REDACTED","spin":"REDACTED","x":"pin"}`,
		`{"tokens":"kept","token":7}`:      `{"tokens":"kept","token":7}`,
		`{"apiKey":"k-1","keys":"kept"}`:   `{"apiKey":"REDACTED","keys":"kept"}`,
	} {
		assert.Equal(t, want, string(redactSecretFields([]byte(in))), in)
		assert.Equal(t, want, string(redactByRE([]byte(in))), in)
	}
}
