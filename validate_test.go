package alianza

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestIsTelephoneNumber(t *testing.T) {
	for _, s := range []string{"18015551212", "10000000000", "19999999999"} {
		assert.True(t, IsTelephoneNumber(s), s)
	}
	for _, s := range []string{
		"", "1801555121", "180155512123", "28015551212", "1801555121a",
		"+18015551212", "1-801-555-1212", "1 801 555 1212",
		"１８０１５５５１２１２", // full-width digits: the unicode.IsDigit trap
		"1801555121\x00",
	} {
		assert.False(t, IsTelephoneNumber(s), "%q", s)
	}
}

func TestNormalizeMAC(t *testing.T) {
	for in, want := range map[string]string{
		"0004F2ABCDEF":      "0004F2ABCDEF",
		"0004f2abcdef":      "0004F2ABCDEF",
		"00:04:f2:ab:cd:ef": "0004F2ABCDEF",
		"00-04-F2-AB-CD-EF": "0004F2ABCDEF",
	} {
		got, err := NormalizeMAC(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	for _, in := range []string{
		"", "0004F2ABCDE", "0004F2ABCDEF0", "0004F2ABCDEG", "00:04:F2:AB:CD:EF:", "00:04-F2:AB:CD:EF",
		":0004F2ABCDEF", "0004F2:ABCDEF", "00:04:F2:AB:CDEF", "0:04:F2:AB:CD:EF0", "０004F2ABCDEF",
	} {
		_, err := NormalizeMAC(in)
		require.Error(t, err, "%q", in)
		assert.ErrorIs(t, err, ErrValidation)
		var fe *FieldError
		require.ErrorAs(t, err, &fe)
		assert.Equal(t, "macAddress", fe.Field)
	}
}

func TestCheckID(t *testing.T) {
	for _, id := range []string{"A1", "a/b", "a b", "..x", "%2e%2e", "a?x=1", "ü"} {
		assert.NoError(t, checkID("accountId", id), "%q", id)
	}
	for id, rule := range map[string]string{
		"": "empty", "  ": "empty", ".": "dot", "..": "dot", " .. ": "dot",
		"a\x00b": "control", "a\nb": "control", "a\x7fb": "control",
	} {
		err := checkID("accountId", id)
		require.Error(t, err, "%q", id)
		assert.ErrorIs(t, err, ErrValidation)
		assert.Contains(t, err.Error(), "accountId")
		assert.Contains(t, err.Error(), rule)
	}
}

func TestValidatorCollectsAll(t *testing.T) {
	var v validator
	require.NoError(t, v.err(), "no problem, no error")
	v.required("accountNumber", " ")
	v.length("name", "ab", 3, 25)
	v.length("empty", "", 3, 25) // empty is required's job
	v.tn("tn", "8015551212")
	v.enum("status", "NOPE", AccountStatus("NOPE").Valid())
	v.check(false, "billingCycleDay", "must be between 1 and 28")
	err := v.err()
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrValidation)

	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	require.Len(t, ve.Errors, 5)
	assert.Nil(t, ve.Field("empty"))
	assert.Equal(t, "must be 3 to 25 characters, got 2", ve.Field("name").Rule)
	assert.Contains(t, err.Error(), "5 problems")
	for _, f := range []string{"accountNumber", "name", "tn", "status", "billingCycleDay"} {
		assert.Contains(t, err.Error(), f)
	}
	// errors.As reaches each field error through Unwrap() []error.
	var fe *FieldError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, "accountNumber", fe.Field)
	assert.Len(t, ve.Unwrap(), 5)

	var one validator
	one.add("x", "is wrong")
	assert.Equal(t, "alianza: invalid x: is wrong", one.err().Error())
	assert.True(t, errors.Is(one.err(), ErrValidation))
	assert.Equal(t, "must be 1 to 2 characters, got 3", func() string {
		var v validator
		v.length("f", "üüü", 1, 2) // runes, not bytes
		return v.errs[0].Rule
	}())
	assert.False(t, strings.Contains(one.err().Error(), "problems"))
}
