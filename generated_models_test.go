package alianza

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestGeneratedModelsRoundTrip gives every field of each generated type a
// non-zero value, encodes it to JSON and decodes it back, refusing unknown
// fields: the result must equal the original. Two fields sharing a JSON
// name, a field the JSON leaves out, or an enum, time or nested type that
// does not survive the trip fails here.
func TestGeneratedModelsRoundTrip(t *testing.T) {
	require.NotEmpty(t, generatedModels)
	for name, zero := range generatedModels {
		t.Run(name, func(t *testing.T) {
			typ := reflect.TypeOf(zero).Elem()
			v := reflect.New(typ)
			fillAll(v.Elem(), map[reflect.Type]bool{})
			raw, err := json.Marshal(v.Interface())
			require.NoError(t, err)
			back := reflect.New(typ)
			dec := json.NewDecoder(bytes.NewReader(raw))
			dec.DisallowUnknownFields()
			require.NoError(t, dec.Decode(back.Interface()), "%s", raw)
			assert.Equal(t, v.Interface(), back.Interface(), "%s", raw)
		})
	}
}

var marshalerType = reflect.TypeFor[json.Marshaler]()

// fillAll sets every exported field reachable from v to a non-zero value
// (an enum to its first value); a struct type already being filled on the
// path (a recursive type) is left zero below itself.
func fillAll(v reflect.Value, inside map[reflect.Type]bool) {
	if vals, ok := enumValues()[v.Type()]; ok {
		v.Set(vals.Index(0))
		return
	}
	switch {
	case v.Type() == timeType:
		v.Set(reflect.ValueOf(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)))
		return
	case v.Type() == reflect.TypeFor[json.RawMessage]():
		v.SetBytes([]byte(`{"k":1}`))
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString("v")
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int64:
		v.SetInt(7)
	case reflect.Uint8:
		v.SetUint(7)
	case reflect.Float64:
		v.SetFloat(1.5)
	case reflect.Interface:
		v.Set(reflect.ValueOf("v"))
	case reflect.Pointer:
		if inside[v.Type().Elem()] {
			return
		}
		p := reflect.New(v.Type().Elem())
		fillAll(p.Elem(), inside)
		v.Set(p)
	case reflect.Slice:
		if inside[v.Type().Elem()] {
			return
		}
		s := reflect.MakeSlice(v.Type(), 1, 1)
		fillAll(s.Index(0), inside)
		v.Set(s)
	case reflect.Map:
		m := reflect.MakeMapWithSize(v.Type(), 1)
		e := reflect.New(v.Type().Elem()).Elem()
		fillAll(e, inside)
		m.SetMapIndex(reflect.ValueOf("k").Convert(v.Type().Key()), e)
		v.Set(m)
	case reflect.Struct:
		if inside[v.Type()] || reflect.PointerTo(v.Type()).Implements(marshalerType) {
			// A recursive type, or a hand-written union with its own JSON
			// form (RingFailoverAction), whose fixtures test it.
			return
		}
		inside[v.Type()] = true
		defer delete(inside, v.Type())
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fillAll(v.Field(i), inside)
			}
		}
	}
}

// TestGeneratedValidate checks that a generated request's Validate applies
// its schema's rules with the SDK's validator: every problem at once, as a
// *ValidationError matching ErrValidation, naming the JSON field.
func TestGeneratedValidate(t *testing.T) {
	ok := &CreateAccountUserRequest{Username: "ann@example.com", FirstName: "Ann", LastName: "Lee"}
	require.NoError(t, ok.Validate())

	// firstName: required and 3 to 256 characters; lastName missing.
	err := (&CreateAccountUserRequest{Username: "ann@example.com", FirstName: "An"}).Validate()
	require.ErrorIs(t, err, ErrValidation)
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	var fields []string
	for _, fe := range ve.Errors {
		fields = append(fields, fe.Field+": "+fe.Rule)
	}
	assert.Equal(t, []string{"firstName: must be 3 to 256 characters, got 2", "lastName: is required"}, fields)

	// An enum outside its values, and a pattern (locale en-US|fr-CA|es-MX).
	err = (&CreateCallGroupRequest{Type: Ptr(CallGroupType("NOPE"))}).Validate()
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "type", ve.Errors[0].Field)
	vb := &CreateBusinessLineVoicemailBoxRequest{Name: "Main", PartitionID: "p", AccountID: "a", Locale: Ptr("de-DE")}
	err = vb.Validate()
	require.ErrorAs(t, err, &ve)
	require.Len(t, ve.Errors, 1)
	assert.Equal(t, "locale", ve.Errors[0].Field)
	vb.Locale = Ptr("fr-CA")
	assert.NoError(t, vb.Validate())
}
