package alianza

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// secretSeeds are the unique secret values the tests plant; scanForSecrets
// fails the test when any of them shows up in s.
var secretSeeds = []string{testPassword, testToken, testSIPSecret}

func scanForSecrets(t *testing.T, what, s string) {
	t.Helper()
	for _, seed := range secretSeeds {
		assert.NotContains(t, s, seed, "%s leaks a secret", what)
	}
}

// formatAll formats v with every verb that a log line or error might use.
func formatAll(v any) string {
	return fmt.Sprintf("%v|%+v|%#v|%s|%q|%x|%X|%10v|%-10s", v, v, v, v, v, v, v, v, v)
}

func TestSecretFormatting(t *testing.T) {
	s := Secret(testPassword)
	assert.Equal(t, "REDACTED", s.String())
	assert.Equal(t, `"REDACTED"`, s.GoString())
	assert.Equal(t, testPassword, s.Reveal())
	assert.False(t, s.IsZero())
	assert.True(t, Secret("").IsZero())
	assert.Equal(t, "", Secret("").String(), "an unset secret prints as unset")

	got := formatAll(s)
	scanForSecrets(t, "Secret", got)
	assert.Equal(t, "REDACTED|REDACTED|\"REDACTED\"|REDACTED|\"REDACTED\"|REDACTED|REDACTED|REDACTED|REDACTED", got)

	// Inside structs, pointers, slices, maps, wrapped errors, errors.Join.
	type holder struct {
		Name string
		Pw   Secret
		P    *Secret
	}
	h := holder{Name: "n", Pw: s, P: &s}
	for name, v := range map[string]any{
		"struct":  h,
		"pointer": &h,
		"slice":   []Secret{s, Secret(testToken)},
		"map":     map[string]Secret{"k": Secret(testSIPSecret)},
		"error":   fmt.Errorf("wrapped: %w", fmt.Errorf("login %v", s)),
		"join":    errors.Join(fmt.Errorf("a %s", s), fmt.Errorf("b %q", Secret(testToken))),
	} {
		scanForSecrets(t, name, formatAll(v))
	}
}

func TestSecretJSON(t *testing.T) {
	b, err := json.Marshal(loginRequest{Username: "u", Password: Secret(testPassword)})
	require.NoError(t, err)
	assert.JSONEq(t, `{"username":"u","password":"`+testPassword+`"}`, string(b), "the wire carries the real value")

	var lt LoginToken
	require.NoError(t, json.Unmarshal([]byte(`{"authToken":"`+testToken+`","partitionId":"P"}`), &lt))
	assert.Equal(t, testToken, lt.AuthToken.Reveal())

	err = json.Unmarshal([]byte(`{"authToken":{"x":"`+testToken+`"}}`), &lt)
	require.Error(t, err, "a non-string secret is refused")
	scanForSecrets(t, "unmarshal error", err.Error())
}

// logBoth logs the same attributes through slog's text and JSON handlers at
// debug level and returns both outputs.
func logBoth(t *testing.T, args ...any) string {
	t.Helper()
	var buf bytes.Buffer
	opts := &slog.HandlerOptions{Level: slog.LevelDebug}
	slog.New(slog.NewTextHandler(&buf, opts)).Debug("msg", args...)
	slog.New(slog.NewJSONHandler(&buf, opts)).Debug("msg", args...)
	return buf.String()
}

func TestSecretSlog(t *testing.T) {
	lt := LoginToken{AuthToken: Secret(testToken), PwdHash: Secret(testPassword), PartitionID: "P1", Username: "u"}
	c, _ := newMockClient(t)
	apiErr := newAPIError(400, "POST", "/v2/authorize", "application/json",
		[]byte(`{"messages":["bad password `+testPassword+`"]}`), []string{testPassword})

	out := logBoth(t,
		"secret", Secret(testPassword),
		"token", lt, "tokenPtr", &lt,
		"client", c,
		"err", apiErr,
		"group", slog.GroupValue(slog.Any("pw", Secret(testSIPSecret))),
	)
	scanForSecrets(t, "slog output", out)
	assert.Contains(t, out, "P1", "non-secret fields are still logged")
	assert.Contains(t, out, "REDACTED")
}

// A password holding characters that JSON escapes (<, >, &, ", \) must be
// masked too: slog's JSON handler and RedactedLogValue see the escaped form.
func TestRedactedLogValueEscapedSecret(t *testing.T) {
	pw := `pw<&>"\Zq81`
	type record struct {
		ID       string
		Password Secret `json:"password"`
		Note     string `json:"note"`
	}
	r := record{ID: "r1", Password: Secret(pw), Note: "echo " + pw}
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("m", "rec", RedactedLogValue(r))
	slog.New(slog.NewTextHandler(&buf, nil)).Info("m", "rec", RedactedLogValue(r))
	out := buf.String()
	for _, form := range []string{pw, `pw\u003c\u0026\u003e\"\\Zq81`, `pw<&>\"\\Zq81`} {
		assert.NotContains(t, out, form)
	}
	assert.Contains(t, out, "r1")
	assert.Contains(t, out, "REDACTED")

	assert.Equal(t, "<chan int: unloggable>", RedactedLogValue(make(chan int)).String())
}

// Every secret of a long or deep value is found, not only the first ones:
// an account's 1,500 trunks logged or shown redact all 1,500 passwords.
func TestRedactionReachesEveryElement(t *testing.T) {
	trunks := make([]SipTrunk, 1500)
	for i := range trunks {
		trunks[i] = SipTrunk{TrunkName: fmt.Sprint("t", i), SIPPassword: Secret(fmt.Sprintf("pw-%04d-x", i))}
	}
	type deep struct{ A, B, C, D, E, F, G, H, I any }
	nested := deep{I: deep{I: deep{I: deep{I: &trunks[1499]}}}}

	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("m", "trunks", RedactedLogValue(trunks), "nested", RedactedLogValue(nested))
	out := buf.String()
	assert.False(t, strings.Contains(out, "pw-1000-x") || strings.Contains(out, "pw-1499-x"), "a password past the first 1,000 leaked")
	assert.Equal(t, 1501, strings.Count(out, `"REDACTED"`))

	b, err := MarshalRedactedJSON(map[string]any{"trunks": trunks, "nested": nested})
	require.NoError(t, err)
	assert.False(t, strings.Contains(string(b), "pw-1000-x") || strings.Contains(string(b), "pw-1499-x"), "a password past the first 1,000 leaked")
	assert.Equal(t, 1501, strings.Count(string(b), `"REDACTED"`))
}

// MarshalRedactedJSON keeps the struct's field order and its plain strings
// unescaped, and redacts a secret in both of its JSON spellings: the
// Secret's own (json.Marshal escapes <, > and &) and a plain string field
// that repeats it.
func TestMarshalRedactedJSON(t *testing.T) {
	pw := `p"w<d>&`
	v := struct {
		Name  string    `json:"name"`
		Trunk *SipTrunk `json:"trunk"`
		Echo  string    `json:"echo"`
		Note  string    `json:"note"`
	}{Name: "x", Trunk: &SipTrunk{TrunkName: "t", SIPPassword: Secret(pw)}, Echo: pw, Note: "a<b & c>d"}
	b, err := MarshalRedactedJSON(v)
	require.NoError(t, err)
	s := string(b)
	for _, form := range []string{`p\"w`, `p\"w\u003c`} {
		assert.NotContains(t, s, form)
	}
	assert.Equal(t, 2, strings.Count(s, `"REDACTED"`), s)
	assert.Contains(t, s, `"a<b & c>d"`, "plain strings are not HTML-escaped")
	assert.Less(t, strings.Index(s, `"name"`), strings.Index(s, `"trunk"`), "struct order is kept")
	assert.True(t, json.Valid(b))

	_, err = MarshalRedactedJSON(make(chan int))
	assert.Error(t, err)
}

// slog's JSON handler marshals a slice or a map of models as plain JSON,
// which carries a Secret's value (as the docs warn); RedactedLogValue of
// the same slice or map hides it.
func TestRedactedLogValueSliceAndMapUnderJSONHandler(t *testing.T) {
	const pw = "sip-Pw-Q8r2Lm5"
	trunks := []SipTrunk{{ID: "T1", SIPPassword: pw}}
	byID := map[string]SipTrunk{"T1": trunks[0]}

	var plain bytes.Buffer
	slog.New(slog.NewJSONHandler(&plain, nil)).Info("trunks", "trunks", trunks)
	require.Contains(t, plain.String(), pw, "the documented limit of slog's JSON handler no longer holds: update the docs")

	var buf bytes.Buffer
	lg := slog.New(slog.NewJSONHandler(&buf, nil))
	lg.Info("trunks", "trunks", RedactedLogValue(trunks))
	lg.Info("trunks", "byID", RedactedLogValue(byID))
	assert.NotContains(t, buf.String(), pw)
	assert.Equal(t, 2, strings.Count(buf.String(), `"sipPassword":"REDACTED"`), buf.String())
	assert.Contains(t, buf.String(), `"id":"T1"`)
}
