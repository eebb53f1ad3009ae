package alianza

import (
	"bytes"
	"encoding/json"
	"unicode/utf8"
)

// Decoding E911Address: the spec's flat form, and the documents' form with
// the address nested under "address" (see docs/quirks.md).
//
// Tolerating the nested form takes a custom UnmarshalJSON, and encoding/json
// makes one expensive: it scans the object to find its end, then the
// json.Unmarshal inside scans it again to validate it and a third time to
// decode it, with a fresh decoder state each call. In a list of thousands
// of numbers that was a large share of the SDK's CPU time for the list
// (BenchmarkListTelephoneNumbers; the measurements are in BENCHMARKS.md).
//
// Weighed and not taken:
//   - No UnmarshalJSON, an exported "address" field on the type, lifted by
//     the SDK after each call: free when absent, but only the SDK's own
//     calls would lift it. A caller's json.Unmarshal of a document (a CRM
//     template of AddTelephoneNumbersRequest, say) would leave the flat
//     fields empty and send the nested form back to the platform.
//   - Dropping the tolerance: the documents' own examples would lose their
//     address without an error.
//
// So UnmarshalJSON stays, with a fast path for what the platform sends: a
// flat object whose keys are the spec's names spelled exactly and whose
// values are strings without escapes, or null, read in one pass without
// reflection or decoder state. Anything else (the nested form, escapes,
// unknown or differently cased keys, numbers, broken JSON) goes to the
// general path, which is encoding/json itself. The fast path only accepts
// input it decodes exactly as encoding/json would (FuzzE911AddressDecode
// checks that), so it changes no result, only the cost.

// UnmarshalJSON reads the flat spec form and the documents' nested form.
func (e *E911Address) UnmarshalJSON(b []byte) error {
	if v, ok := decodePlainE911(b, *e); ok {
		*e = v
		return nil
	}
	return e.unmarshalGeneral(b)
}

// e911Flat has E911Address's fields without its methods.
type e911Flat E911Address

var nestedAddressKey = []byte(`"address"`)

// unmarshalGeneral is encoding/json's reading of both forms.
func (e *E911Address) unmarshalGeneral(b []byte) error {
	// A false positive ("address" as a value) only takes the wrapper,
	// which handles both forms.
	if !bytes.Contains(b, nestedAddressKey) {
		return json.Unmarshal(b, (*e911Flat)(e))
	}
	var w struct {
		e911Flat
		Address *Address `json:"address"`
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*e = E911Address(w.e911Flat)
	if a := w.Address; a != nil {
		e.liftAddress(a)
	}
	return nil
}

// decodePlainE911 decodes b onto a copy of e when b is a flat object of
// exactly spelled keys and plain string or null values, as encoding/json
// would: a null leaves the field as it was, a repeated key keeps its last
// value. ok is false for any other input; e is then returned unchanged in
// effect, the caller discarding the copy.
func decodePlainE911(b []byte, e E911Address) (_ E911Address, ok bool) {
	i := skipJSONSpace(b, 0)
	if i >= len(b) || b[i] != '{' {
		return e, false
	}
	i = skipJSONSpace(b, i+1)
	if i < len(b) && b[i] == '}' {
		return e, skipJSONSpace(b, i+1) == len(b)
	}
	for {
		key, j, ok := plainJSONString(b, i)
		if !ok {
			return e, false
		}
		dst := e.plainField(key)
		if dst == nil {
			return e, false
		}
		i = skipJSONSpace(b, j)
		if i >= len(b) || b[i] != ':' {
			return e, false
		}
		i = skipJSONSpace(b, i+1)
		if bytes.HasPrefix(b[i:], []byte("null")) {
			i += len("null")
		} else {
			val, j, ok := plainJSONString(b, i)
			if !ok {
				return e, false
			}
			*dst = string(val)
			i = j
		}
		i = skipJSONSpace(b, i)
		if i >= len(b) {
			return e, false
		}
		switch b[i] {
		case ',':
			i = skipJSONSpace(b, i+1)
		case '}':
			return e, skipJSONSpace(b, i+1) == len(b)
		default:
			return e, false
		}
	}
}

// plainField is the field a flat key names, by its exact JSON name; nil
// for any other key. TestE911PlainFieldsMatchTags keeps it in step with
// the struct tags.
func (e *E911Address) plainField(key []byte) *string {
	switch string(key) { // no allocation: the compiler compares the bytes
	case "id":
		return &e.ID
	case "customerType":
		return (*string)(&e.CustomerType)
	case "firstName":
		return &e.FirstName
	case "middleInitial":
		return &e.MiddleInitial
	case "lastName":
		return &e.LastName
	case "businessName":
		return &e.BusinessName
	case "streetNumber":
		return &e.StreetNumber
	case "streetNumberSuffix":
		return &e.StreetNumberSuffix
	case "preDirectional":
		return (*string)(&e.PreDirectional)
	case "streetName":
		return &e.StreetName
	case "streetSuffix":
		return &e.StreetSuffix
	case "postDirectional":
		return (*string)(&e.PostDirectional)
	case "city":
		return &e.City
	case "state":
		return &e.State
	case "country":
		return &e.Country
	case "postalCode":
		return &e.PostalCode
	case "secondaryLocationDescription":
		return (*string)(&e.SecondaryLocationDescription)
	case "unit":
		return &e.Unit
	case "latitude":
		return &e.Latitude
	case "longitude":
		return &e.Longitude
	case "language":
		return &e.Language
	}
	return nil
}

// plainJSONString returns the contents of the JSON string at b[i] and the
// index after its closing quote, when the string has no escapes, no
// control characters and is valid UTF-8: then its contents are its value,
// byte for byte (encoding/json replaces invalid UTF-8, so that is left to
// it).
func plainJSONString(b []byte, i int) (_ []byte, next int, ok bool) {
	if i >= len(b) || b[i] != '"' {
		return nil, 0, false
	}
	ascii := true
	for j := i + 1; j < len(b); j++ {
		switch c := b[j]; {
		case c == '"':
			s := b[i+1 : j]
			if !ascii && !utf8.Valid(s) {
				return nil, 0, false
			}
			return s, j + 1, true
		case c == '\\' || c < 0x20:
			return nil, 0, false
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	return nil, 0, false
}

// skipJSONSpace returns the index of the first byte at or after i that is
// not JSON white space.
func skipJSONSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// liftAddress fills the fields a nested address carries, keeping any
// flat value already set.
func (e *E911Address) liftAddress(a *Address) {
	set := func(dst *string, src string) {
		if *dst == "" {
			*dst = src
		}
	}
	set(&e.ID, a.ID)
	set(&e.FirstName, a.FirstName)
	set(&e.MiddleInitial, a.MiddleInitial)
	set(&e.LastName, a.LastName)
	set(&e.BusinessName, a.BusinessName)
	set(&e.StreetNumber, a.StreetNumber)
	set(&e.StreetNumberSuffix, a.StreetNumberSuffix)
	if e.PreDirectional == "" {
		e.PreDirectional = a.PreDirectional
	}
	set(&e.StreetName, a.StreetName)
	set(&e.StreetSuffix, a.StreetSuffix)
	if e.PostDirectional == "" {
		e.PostDirectional = a.PostDirectional
	}
	set(&e.City, a.City)
	set(&e.State, a.State)
	set(&e.Country, a.Country)
	set(&e.PostalCode, a.PostalCode)
	if e.SecondaryLocationDescription == "" {
		e.SecondaryLocationDescription = a.SecondaryLocationDescription
	}
	set(&e.Unit, a.Unit)
}
