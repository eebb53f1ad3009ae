package alianza_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/go-alianza/alianza"
)

// BenchmarkScrubErrorBody: the scrubbing of a 1 MiB error body (credential
// members redacted, the client's secrets replaced), and the whole
// *APIError built from it, the JSON decoding of its messages included.
func BenchmarkScrubErrorBody(b *testing.B) {
	var body strings.Builder
	body.WriteString(`{"status":400,"messages":["bad request for bench@example.com with password bench-password-Jq72"],"data":[`)
	for i := 0; body.Len() < 1<<20-200; i++ {
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
		cpu := startCPU()
		for b.Loop() {
			out := alianza.ScrubErrorBodyForBench(raw, secrets)
			if bytes.Contains(out, []byte("Xk20Pd7Rn4")) {
				b.Fatal("not scrubbed")
			}
		}
		cpu.report(b)
	})
	b.Run("step=scrub-regexp", func(b *testing.B) { // the rule as the regexp engine runs it, for scale
		b.SetBytes(int64(len(raw)))
		b.ReportAllocs()
		cpu := startCPU()
		for b.Loop() {
			if out := alianza.ScrubErrorBodyByRegexpForBench(raw, secrets); bytes.Contains(out, []byte("Xk20Pd7Rn4")) {
				b.Fatal("not scrubbed")
			}
		}
		cpu.report(b)
	})
	b.Run("step=apierror", func(b *testing.B) {
		b.SetBytes(int64(len(raw)))
		b.ReportAllocs()
		cpu := startCPU()
		for b.Loop() {
			e := alianza.APIErrorForBench(bytes.Clone(raw), secrets)
			if len(e.Messages) != 1 || strings.Contains(e.Messages[0], "Jq72") {
				b.Fatal(e.Messages)
			}
		}
		cpu.report(b)
	})
}
