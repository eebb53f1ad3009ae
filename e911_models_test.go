package alianza

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every field of E911Address is reachable by its exact JSON name on the
// fast path, and lands in that field: a field added to the struct without
// a case in plainField fails here.
func TestE911PlainFieldsMatchTags(t *testing.T) {
	typ := reflect.TypeFor[E911Address]()
	for i := range typ.NumField() {
		f := typ.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		require.NotEmpty(t, name, f.Name)
		got, ok := decodePlainE911([]byte(`{"`+name+`":"v"}`), E911Address{})
		require.True(t, ok, "%s (%s) is not on the fast path", f.Name, name)
		var want E911Address
		reflect.ValueOf(&want).Elem().Field(i).SetString("v")
		assert.Equal(t, want, got, f.Name)
	}
}

// What the platform and the spec send takes the fast path, and decodes as
// encoding/json decodes it.
func TestE911PlainFastPathTaken(t *testing.T) {
	docs := map[string][]byte{
		"bench fixture": fixture(t, "bench/telephonenumber.json"),
		"spec":          fixture(t, "telephonenumber/account-number-spec.json"),
		"language":      fixture(t, "telephonenumber/account-number-e911-language-pn.json"),
	}
	for name, doc := range docs {
		var raw struct {
			E911Address json.RawMessage `json:"e911Address"`
		}
		require.NoError(t, json.Unmarshal(doc, &raw), name)
		require.NotEmpty(t, raw.E911Address, name)
		got, ok := decodePlainE911(raw.E911Address, E911Address{})
		require.True(t, ok, "%s: the flat form must take the fast path", name)
		var want E911Address
		require.NoError(t, json.Unmarshal(raw.E911Address, (*e911Flat)(&want)), name)
		assert.Equal(t, want, got, name)
		assert.NotEmpty(t, got.Latitude+got.City+got.Language, name)
	}
}

// The fast path allocates only the strings it keeps: no decoder state,
// no key conversion.
func TestE911PlainAllocations(t *testing.T) {
	b := []byte(`{"firstName":"John","lastName":"Smith","city":"Lindon","state":null,"latitude":"40.332492"}`)
	var e E911Address
	allocs := testing.AllocsPerRun(100, func() {
		e = E911Address{}
		require.NoError(t, e.UnmarshalJSON(b))
	})
	assert.LessOrEqual(t, allocs, 4.0)
	assert.Equal(t, E911Address{FirstName: "John", LastName: "Smith", City: "Lindon", Latitude: "40.332492"}, e)
}

// Inputs the fast path must leave to encoding/json, and what they decode to.
func TestE911PlainFallbacks(t *testing.T) {
	cases := []struct {
		in   string
		want E911Address
		err  bool
	}{
		{`{"address":{"city":"Lindon"},"latitude":"1"}`, E911Address{City: "Lindon", Latitude: "1"}, false},
		{`{"City":"Orem"}`, E911Address{City: "Orem"}, false},           // case-insensitive match
		{`{"city":"Or\u00e9m"}`, E911Address{City: "Orém"}, false},      // escape
		{`{"city":"a\"b"}`, E911Address{City: `a"b`}, false},            // escaped quote
		{"{\"city\":\"\xff\"}", E911Address{City: "\ufffd"}, false},     // invalid UTF-8 replaced
		{`{"city":"Orem","other":1}`, E911Address{City: "Orem"}, false}, // unknown key ignored
		{`{"city":"A","city":"B"}`, E911Address{City: "B"}, false},      // last wins (fast path)
		{`{"city":null}`, E911Address{}, false},                         // null leaves it (fast path)
		{` { } `, E911Address{}, false},                                 // empty (fast path)
		{`{"latitude":40.3}`, E911Address{}, true},                      // not a string
		{`{"city":"A"`, E911Address{}, true},                            // truncated
		{`{"city":"A"}x`, E911Address{}, true},                          // trailing data
		{`{"city":"A",}`, E911Address{}, true},                          // trailing comma
		{`{"city":nul}`, E911Address{}, true},                           // bad literal
		{`{"city":nullx}`, E911Address{}, true},                         // bad literal
		{`["city"]`, E911Address{}, true},                               // not an object
	}
	for _, tc := range cases {
		var e E911Address
		err := e.UnmarshalJSON([]byte(tc.in))
		if tc.err {
			assert.Error(t, err, tc.in)
			continue
		}
		require.NoError(t, err, tc.in)
		assert.Equal(t, tc.want, e, tc.in)
	}
}

// FuzzE911AddressDecode: whatever the fast path accepts, encoding/json
// accepts too and decodes to the same value, from an empty and from a
// filled address.
func FuzzE911AddressDecode(f *testing.F) {
	for _, s := range []string{
		`{"firstName":"John","lastName":"Smith","latitude":"40.332492","longitude":"-111.728167"}`,
		`{"address":{"city":"Lindon"},"latitude":"40.3"}`,
		`{"city":null,"state":"UT","city":"Orem"}`,
		` {  "unit" : "5" , "language":"fr-CA" } `,
		`{"City":"x"}`, `{"city":"\u00e9"}`, `{}`, `null`, `{"latitude":1}`,
	} {
		f.Add([]byte(s))
	}
	filled := E911Address{ID: "i", City: "Lindon", Latitude: "1", CustomerType: CustomerTypeBusiness}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, start := range []E911Address{{}, filled} {
			got, ok := decodePlainE911(b, start)
			if !ok {
				continue
			}
			want := start
			if err := json.Unmarshal(b, (*e911Flat)(&want)); err != nil {
				t.Fatalf("fast path accepted %q, encoding/json refuses it: %v", b, err)
			}
			if got != want {
				t.Fatalf("%q: fast path %+v, encoding/json %+v", b, got, want)
			}
		}
	})
}
