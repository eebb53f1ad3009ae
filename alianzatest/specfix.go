package alianzatest

import (
	"net/url"

	"github.com/getkin/kin-openapi/openapi3"
)

// readOnlyFields are properties the official spec lists as required in
// schemas that serve both as request and response body, although the
// platform assigns them (or takes them from the path). They are marked
// readOnly in memory: kin-openapi then does not require them in requests
// but still checks them in responses.
var readOnlyFields = map[string][]string{
	"Account":      {"id", "partitionId", "status", "regulatoryType", "inboundRatePlanProductId"},
	"DeviceX":      {"id", "accountId", "partitionId"},
	"BusinessLine": {"accountId", "partitionId"},
}

// conditionallyRequired are properties the spec lists as required although
// its own description makes them conditional. They are lifted from requests
// the same way as readOnlyFields (responses must still carry them); the
// handlers enforce the real condition.
//
// Account.extensionLength: "Length of extension, not required for accounts
// with a SIMPLE accountType." A SIMPLE ("Home Phone") account has no
// extensions, and the SDK refuses the field for it, so a literal check would
// reject every correct SIMPLE create. createAccount requires it for ADVANCED.
var conditionallyRequired = map[string][]string{
	"Account": {"extensionLength"},
}

// patternFixes replaces the spec's over-escaped regular expressions (YAML
// single quotes keep both backslashes) with what they obviously mean: taken
// literally, `\\d+x*` rejects every extension pattern the guides show
// ("21XX") and `[A-Za-z0-9\\-_.]+` rejects "-".
var patternFixes = map[string]string{
	`\\d+x*`:            `^\d+[xX]*$`,
	`[A-Za-z0-9\\-_.]+`: `^[A-Za-z0-9._-]+$`,
}

// fixSpec adjusts the parsed spec for serving on loopback. Each change is a
// documented defect or trap of the official file, not a loosening of it.
func fixSpec(doc *openapi3.T) {
	// The servers are absolute https://api*.alianza.com URLs. The fake
	// matches paths itself, so the base is irrelevant: serve at "/".
	doc.Servers = openapi3.Servers{{URL: "/"}}

	schemas := doc.Components.Schemas
	for _, m := range []map[string][]string{readOnlyFields, conditionallyRequired} {
		for name, fields := range m {
			if ref := schemas[name]; ref != nil && ref.Value != nil {
				markReadOnly(ref.Value, fields)
			}
		}
	}

	// BrandError is `type: string, format: int32`, which no value satisfies
	// under strict format checking. Its values are strings: drop the format.
	if ref := schemas["BrandError"]; ref != nil && ref.Value != nil {
		ref.Value.Format = ""
	}

	// RingFailoverAction and RingTimeoutConfiguration are anyOf their own
	// subtypes, which are allOf the base again: an endless cycle for a
	// validator. Give the subtypes a copy of the base without the anyOf, so
	// a body is checked against the subtype its @type names.
	for _, base := range []string{"RingFailoverAction", "RingTimeoutConfiguration"} {
		breakCycle(schemas, base)
	}

	fixMediaTypes(doc)

	seen := map[*openapi3.Schema]bool{}
	for _, ref := range schemas {
		fixPatterns(ref, seen)
	}
}

// markReadOnly replaces each named property with a readOnly copy, so other
// schemas sharing the property's $ref are not affected.
func markReadOnly(s *openapi3.Schema, fields []string) {
	for _, f := range fields {
		p := s.Properties[f]
		if p == nil || p.Value == nil {
			continue
		}
		cp := *p.Value
		cp.ReadOnly = true
		s.Properties[f] = &openapi3.SchemaRef{Value: &cp}
	}
}

func breakCycle(schemas openapi3.Schemas, base string) {
	ref := schemas[base]
	if ref == nil || ref.Value == nil {
		return
	}
	plain := *ref.Value
	plain.AnyOf = nil
	plain.Discriminator = nil
	plainRef := &openapi3.SchemaRef{Value: &plain}
	for _, sub := range ref.Value.AnyOf {
		if sub.Value == nil {
			continue
		}
		for i, part := range sub.Value.AllOf {
			if part.Value == ref.Value {
				sub.Value.AllOf[i] = plainRef
			}
		}
	}
	// With the cycle gone, let the discriminator pick the subtype: keep the
	// anyOf on the base but map each @type to its schema explicitly.
	if d := ref.Value.Discriminator; d != nil && len(d.Mapping) == 0 {
		d.Mapping = map[string]openapi3.MappingRef{}
		for _, sub := range ref.Value.AnyOf {
			name := refName(sub.Ref)
			d.Mapping[name] = openapi3.MappingRef{Ref: sub.Ref}
		}
	}
}

func refName(ref string) string {
	u, err := url.Parse(ref)
	if err != nil {
		return ref
	}
	f := u.Fragment
	for i := len(f) - 1; i >= 0; i-- {
		if f[i] == '/' {
			return f[i+1:]
		}
	}
	return f
}

func fixPatterns(ref *openapi3.SchemaRef, seen map[*openapi3.Schema]bool) {
	if ref == nil || ref.Value == nil || seen[ref.Value] {
		return
	}
	s := ref.Value
	seen[s] = true
	if fix, ok := patternFixes[s.Pattern]; ok {
		s.Pattern = fix
	}
	for _, p := range s.Properties {
		fixPatterns(p, seen)
	}
	fixPatterns(s.Items, seen)
	for _, l := range [][]*openapi3.SchemaRef{s.AllOf, s.AnyOf, s.OneOf} {
		for _, x := range l {
			fixPatterns(x, seen)
		}
	}
	if s.AdditionalProperties.Schema != nil {
		fixPatterns(s.AdditionalProperties.Schema, seen)
	}
}
