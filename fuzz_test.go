package alianza

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzNewAPIError (RELIABILITY.md case 46) feeds the error-body decoder
// arbitrary statuses, content types and bodies: it must not panic, Error()
// stays short valid UTF-8, the sentinels follow the status, and a planted
// secret never reaches Error().
func FuzzNewAPIError(f *testing.F) {
	f.Add(uint16(404), "application/json", []byte(`{"status":404,"messages":["Account not found"],"data":{"id":"A1"}}`))
	f.Add(uint16(400), "application/json", []byte(`{"code":4001,"message":"Invalid account"}`))
	f.Add(uint16(409), "text/plain", []byte("SIP trunk name already exists"))
	f.Add(uint16(502), "text/html", []byte("<html><head><style>x</style><script>y</script></head><body><h1>Bad Gateway</h1></body></html>"))
	f.Add(uint16(500), "", []byte(""))
	f.Add(uint16(401), "application/json", []byte(`{"status":401,"messages":["Expired Auth Token `+testToken+`"]}`))
	f.Add(uint16(400), "application/json", []byte(`{"messages":["pw-Zq81\u0076Xk3Lm"]}`))
	f.Add(uint16(503), "text/html", []byte("<a>\u212a\u212a\u212a\u212a\u212a<script>"))
	f.Add(uint16(422), "application/problem+json", []byte(`{"errors":[{"message":"bad"},"worse",3]}`))
	f.Fuzz(func(t *testing.T, status uint16, contentType string, body []byte) {
		code := int(status)
		e := newAPIError(code, http.MethodGet, "/v2/x", contentType, body, []string{testPassword, testToken})
		msg := e.Error()
		if len(msg) > 1024 {
			t.Fatalf("Error() is %d bytes", len(msg))
		}
		if !utf8.ValidString(msg) {
			t.Fatalf("Error() is not valid UTF-8: %q", msg)
		}
		for _, s := range []string{testPassword, testToken} {
			if strings.Contains(msg, s) || strings.Contains(strings.Join(e.Messages, "\n"), s) {
				t.Fatalf("secret leaked: %q", msg)
			}
		}
		if errors.Is(e, ErrServer) != (code >= 500 && code <= 599) {
			t.Fatalf("ErrServer mapping wrong for %d", code)
		}
		if errors.Is(e, ErrNotFound) != (code == 404) || errors.Is(e, ErrUnauthorized) != (code == 401) {
			t.Fatalf("sentinel mapping wrong for %d", code)
		}
		if len(e.Body) > len(body)+len(body)*len(redacted) {
			t.Fatalf("body grew")
		}
	})
}

// FuzzPathSegment checks that an ID either is refused with ErrValidation or
// becomes exactly one path segment that decodes back to the ID: never an
// extra segment, a dot segment, a query or a fragment.
func FuzzPathSegment(f *testing.F) {
	for _, s := range []string{"A1", "", ".", "..", "../x", "a/b", "a?x=1", "a#f", "%2F", "%2e%2e", "a b", "a\x00b", " .. ", "ü/..", ";a", "\\..\\"} {
		f.Add(s)
	}
	c, err := NewClient(WithAuthToken(testToken), WithBaseURL(testBaseURL), WithPartition(testPartition))
	if err != nil {
		f.Fatal(err)
	}
	const tmpl = "/v2/partition/{partitionId}/account/{accountId}/user"
	f.Fuzz(func(t *testing.T, id string) {
		path, err := c.expand(context.Background(), tmpl, []string{id})
		if cerr := checkID("accountId", id); cerr != nil {
			if !errors.Is(err, ErrValidation) {
				t.Fatalf("checkID refuses %q but expand gives %v", id, err)
			}
			return
		}
		if err != nil {
			t.Fatalf("expand(%q): %v", id, err)
		}
		u, err := url.Parse(c.BaseURL() + path)
		if err != nil {
			t.Fatalf("parse %q: %v", path, err)
		}
		if u.RawQuery != "" || u.Fragment != "" || u.Host != "api.test.invalid" {
			t.Fatalf("%q leaked into the URL: %s", id, u)
		}
		segs := strings.Split(u.EscapedPath(), "/")
		want := []string{"", "prefix", "v2", "partition", testPartition, "account", "?", "user"}
		if len(segs) != len(want) {
			t.Fatalf("%q gives %d segments: %s", id, len(segs), u.EscapedPath())
		}
		for i, s := range segs {
			if s == "." || s == ".." {
				t.Fatalf("%q gives a dot segment: %s", id, u.EscapedPath())
			}
			if want[i] != "?" && s != want[i] {
				t.Fatalf("%q changed segment %d: %s", id, i, u.EscapedPath())
			}
		}
		got, err := url.PathUnescape(segs[6])
		if err != nil || got != id {
			t.Fatalf("segment %q decodes to %q (%v), want %q", segs[6], got, err, id)
		}
	})
}

var (
	macRef = regexp.MustCompile(`^(?:[0-9A-Fa-f]{12}|[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}|[0-9A-Fa-f]{2}(?:-[0-9A-Fa-f]{2}){5})$`)
	tnRef  = regexp.MustCompile(`^1[0-9]{10}$`)
)

// FuzzValidators checks the telephone-number and MAC validators against
// reference regexps (RELIABILITY.md case 48): IsTelephoneNumber accepts exactly
// 1 followed by ten ASCII digits (no full-width digits, no punctuation);
// NormalizeMAC accepts exactly the 12-hex-digit, colon and dash forms,
// returns 12 upper-case hex digits, and is idempotent.
func FuzzValidators(f *testing.F) {
	for _, s := range []string{"0004F2ABCDEF", "0004f2abcdef", "00:04:F2:AB:CD:EF", "00-04-f2-ab-cd-ef", "00:04-F2:AB:CD:EF", "0004F2ABCDEG", "", "０004F2ABCDEF", "00:04:F2:AB:CD:EF:",
		"18015551212", "28015551212", "+18015551212", "1-801-555-1212", "１８０１５５５１２１２", "1801555121\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := IsTelephoneNumber(s), tnRef.MatchString(s); got != want {
			t.Fatalf("IsTelephoneNumber(%q) = %v, reference says %v", s, got, want)
		}
		got, err := NormalizeMAC(s)
		if want := macRef.MatchString(s); want != (err == nil) {
			t.Fatalf("NormalizeMAC(%q) err=%v, reference says valid=%v", s, err, want)
		}
		if err != nil {
			if !errors.Is(err, ErrValidation) {
				t.Fatalf("error %v does not match ErrValidation", err)
			}
			return
		}
		if len(got) != 12 || strings.ToUpper(got) != got || !macRef.MatchString(got) {
			t.Fatalf("NormalizeMAC(%q) = %q", s, got)
		}
		if strings.ToUpper(strings.NewReplacer(":", "", "-", "").Replace(s)) != got {
			t.Fatalf("NormalizeMAC(%q) = %q changed digits", s, got)
		}
		if again, err := NormalizeMAC(got); err != nil || again != got {
			t.Fatalf("not idempotent: %q -> %q, %v", got, again, err)
		}
	})
}

// decodeTargets are the response types FuzzDecodeModels decodes: every
// whole-answer type (wholeTargets, decode_fuzz_test.go) and a list. The
// first byte of the input picks one.
var decodeTargets = append(wholeTargets[:len(wholeTargets):len(wholeTargets)], func() any { return new([]Account) })

// FuzzDecodeModels decodes arbitrary JSON into the response models
// (RELIABILITY.md case 47). Decoding never panics; when it succeeds,
// encoding and decoding again is stable (the second encoding equals the
// first), so no field, unknown enum value included, is lost or changed by a
// round trip.
func FuzzDecodeModels(f *testing.F) {
	for _, seed := range []struct {
		fixture string
		target  any // the type the fixture is an answer of
	}{
		{"account/account-full.json", new(Account)},
		{"siptrunk/create_response_002.json", new(SipTrunk)},
		{"device/create_response_003.json", new(Device)},
		{"user/create_response_003.json", new(User)},
		{"login-token.json", new(LoginToken)},
		{"telephonenumber/inventory-view-spec.json", new(TelephoneNumberView)},
		{"device/provisioning_data.json", new(DeviceData)},
		{"account/search.json", new([]Account)},
	} {
		b, err := os.ReadFile(filepath.Join("testdata", seed.fixture))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(append([]byte{targetIndex(f, seed.target)}, b...))
	}
	f.Add([]byte("\x00{\"status\":\"SUSPENDED_NEW\",\"accountType\":\"QUANTUM\",\"x\":1}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 {
			return
		}
		newT := decodeTargets[int(data[0])%len(decodeTargets)]
		v := newT()
		if json.Unmarshal(data[1:], v) != nil {
			return
		}
		first, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("%T decoded but does not encode: %v", v, err)
		}
		w := newT()
		if err := json.Unmarshal(first, w); err != nil {
			t.Fatalf("%T: own encoding does not decode: %v\n%s", v, err, first)
		}
		second, err := json.Marshal(w)
		if err != nil || !bytes.Equal(first, second) {
			t.Fatalf("%T round trip changed:\n%s\n%s", v, first, second)
		}
		if a, ok := v.(*Account); ok {
			var raw struct{ Status *string }
			if json.Unmarshal(data[1:], &raw) == nil && raw.Status != nil && string(a.Status) != *raw.Status {
				t.Fatalf("status %q became %q", *raw.Status, a.Status)
			}
		}
	})
}

// targetIndex is the index in decodeTargets of the constructor of v's type.
func targetIndex(tb testing.TB, v any) byte {
	for i, newT := range decodeTargets {
		if reflect.TypeOf(newT()) == reflect.TypeOf(v) {
			return byte(i)
		}
	}
	tb.Fatalf("%T is not in decodeTargets", v)
	return 0
}
