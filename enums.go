package alianza

// Enumerations of Alianza's OpenAPI description are generated into
// enums_gen.go by internal/gen from the spec and internal/gen/overrides.yaml
// (go generate ./...). Each is a string type: decoding never fails on a
// value the platform adds later but keeps it as sent, and Valid tells
// whether a value is one this SDK knows. Values are compared exactly, in the
// OpenAPI spelling. Where Alianza's guides list or spell values differently,
// docs/quirks.md says so under the anchor named in the type's comment.

// knownOr returns the constant of known that b spells, or else b as a new
// value. Decoding a known enum value so allocates nothing: encoding/json
// would otherwise allocate a string for every enum field of every element
// of a list (10,000 numbers carry tens of thousands of them). A value the
// platform adds later is kept as sent.
func knownOr[T ~string](known []T, b []byte) T {
	for _, k := range known {
		if string(k) == string(b) {
			return k
		}
	}
	return T(b)
}

// CarrierStatusCancelPortExpidited is the earlier Go name of
// CarrierStatusCancelPortExpedited (the value CANCEL_PORT_EXPIDITED).
//
// Deprecated: use CarrierStatusCancelPortExpedited.
const CarrierStatusCancelPortExpidited = CarrierStatusCancelPortExpedited
