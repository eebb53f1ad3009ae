package alianza

import (
	"bytes"
	"regexp"
	"strings"
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
		`{"token":1}`, `{"token":"é\xff"}`, `"password"`, `{"password":"a"}{"Password":"b"}`,
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
	} {
		assert.Equal(t, want, string(redactSecretFields([]byte(in))), in)
		assert.Equal(t, want, string(redactByRE([]byte(in))), in)
	}
}

// BenchmarkScrubErrorBody: the scrubbing of a 1 MiB error body (credential
// members redacted, the client's secrets replaced), and the whole
// *APIError built from it, the JSON decoding of its messages included.
func BenchmarkScrubErrorBody(b *testing.B) {
	var body strings.Builder
	body.WriteString(`{"status":400,"messages":["bad request for bench@example.com with password bench-password-Jq72"],"data":[`)
	for i := 0; body.Len() < maxErrorBody-200; i++ {
		if i > 0 {
			body.WriteByte(',')
		}
		body.WriteString(`{"id":"T1","sipPassword":"Xk20Pd7Rn4","authToken":"tok-123456","username":"bench@example.com","note":"nothing \"secret\" here"}`)
	}
	body.WriteString(`]}`)
	raw := []byte(body.String())
	secrets := []string{"bench-password-Jq72", "tok-123456", "Xk20Pd7Rn4"}
	b.Run("step=scrub", func(b *testing.B) {
		b.SetBytes(int64(len(raw)))
		b.ReportAllocs()
		for b.Loop() {
			out := scrubBytes(redactSecretFields(raw), secrets)
			if bytes.Contains(out, []byte("Xk20Pd7Rn4")) {
				b.Fatal("not scrubbed")
			}
		}
	})
	b.Run("step=scrub-regexp", func(b *testing.B) { // the rule as the regexp engine runs it, for scale
		b.SetBytes(int64(len(raw)))
		b.ReportAllocs()
		for b.Loop() {
			if out := scrubBytes(redactByRE(raw), secrets); bytes.Contains(out, []byte("Xk20Pd7Rn4")) {
				b.Fatal("not scrubbed")
			}
		}
	})
	b.Run("step=apierror", func(b *testing.B) {
		b.SetBytes(int64(len(raw)))
		b.ReportAllocs()
		for b.Loop() {
			e := newAPIError(400, "GET", "/x", "application/json", bytes.Clone(raw), secrets)
			if len(e.Messages) != 1 || strings.Contains(e.Messages[0], "Jq72") {
				b.Fatal(e.Messages)
			}
		}
	})
}
