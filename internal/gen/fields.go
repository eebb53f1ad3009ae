package gen

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
)

const schemaRefPrefix = "#/components/schemas/"

// UsedSchemas returns, sorted, the component schemas reachable from the
// request and response bodies of the operations in claimed ("METHOD /path"):
// through $ref, items, allOf, oneOf, anyOf, properties and
// additionalProperties, to any depth. An operation the document lacks adds
// nothing; a $ref that resolves nowhere is skipped.
func (s *Spec) UsedSchemas(claimed []string) []string {
	ops := opIndex(s.Operations())
	seen := map[string]bool{}
	for _, c := range claimed {
		op, ok := ops[c]
		if !ok {
			continue
		}
		s.collectRefs(op.node["requestBody"], seen, 0)
		s.collectRefs(op.node["responses"], seen, 0)
	}
	return slices.Sorted(maps.Keys(seen))
}

// collectRefs walks any node of the document and records the component
// schemas its $refs name. Examples are data, not schemas, so they are not
// walked. depth bounds a document whose non-schema $refs form a loop.
func (s *Spec) collectRefs(n any, seen map[string]bool, depth int) {
	if depth > 64 {
		return
	}
	switch t := n.(type) {
	case map[string]any:
		if ref, ok := t["$ref"].(string); ok {
			if name, isSchema := strings.CutPrefix(ref, schemaRefPrefix); isSchema {
				if seen[name] || s.Schema(name) == nil {
					return
				}
				seen[name] = true
				s.collectRefs(s.Schema(name), seen, 0)
				return
			}
			s.collectRefs(s.pointer(ref), seen, depth+1)
			return
		}
		for k, v := range t {
			if k == "example" || k == "examples" {
				continue
			}
			s.collectRefs(v, seen, depth+1)
		}
	case []any:
		for _, v := range t {
			s.collectRefs(v, seen, depth+1)
		}
	}
}

// Fields returns the properties of a schema, its own and those of its allOf
// members (through $refs), each with its type as the spec states it (see
// TypeOf). The first declaration of a name wins.
func (s *Spec) Fields(n map[string]any) map[string]string {
	out := map[string]string{}
	s.fields(n, out, map[string]bool{})
	return out
}

func (s *Spec) fields(n map[string]any, out map[string]string, visiting map[string]bool) {
	if ref, ok := n["$ref"].(string); ok {
		if visiting[ref] {
			return
		}
		visiting[ref] = true
		if r := s.pointer(ref); r != nil {
			s.fields(r, out, visiting)
		}
		return
	}
	for name, p := range mapAt(n, "properties") {
		if _, dup := out[name]; !dup {
			out[name] = s.TypeOf(asMap(p))
		}
	}
	for _, m := range asSlice(n["allOf"]) {
		s.fields(asMap(m), out, visiting)
	}
}

// TypeOf writes a property's type as the spec states it, without resolving
// it: "string", "string(date-time)", "enum string", "$ref Account",
// "array of $ref User", "object", "oneOf", or "any" when the node states
// nothing. A property that is an allOf of a single member (the spec's way of
// describing a $ref) is that member's type.
func (s *Spec) TypeOf(n map[string]any) string {
	if n == nil {
		return "any"
	}
	if ref, ok := n["$ref"].(string); ok {
		return "$ref " + strings.TrimPrefix(ref, schemaRefPrefix)
	}
	if all := asSlice(n["allOf"]); len(all) == 1 && n["properties"] == nil {
		return s.TypeOf(asMap(all[0]))
	}
	var typ string
	switch t := n["type"].(type) {
	case string:
		typ = t
	case []any: // OpenAPI 3.1: type: [string, "null"]
		parts := make([]string, 0, len(t))
		for _, e := range t {
			parts = append(parts, str(e))
		}
		typ = strings.Join(parts, "|")
	}
	if f := str(n["format"]); f != "" {
		typ += "(" + f + ")"
	}
	switch {
	case typ == "array":
		return "array of " + s.TypeOf(asMap(n["items"]))
	case n["enum"] != nil:
		return strings.TrimSpace("enum " + typ)
	case typ != "":
		return typ
	case n["properties"] != nil || n["allOf"] != nil:
		return "object"
	case n["oneOf"] != nil:
		return "oneOf"
	case n["anyOf"] != nil:
		return "anyOf"
	}
	return "any"
}

// SchemaDrift is one schema's difference between the base and the target.
type SchemaDrift struct {
	Schema  string
	Problem string   // the target has no such schema; the lists are then empty
	Added   []string // "name type": in the target, not in the base
	Removed []string // "name type": in the base, not in the target
	Retyped []string // "name: base type -> target type"
}

func (sd SchemaDrift) changed() bool {
	return sd.Problem != "" || len(sd.Added)+len(sd.Removed)+len(sd.Retyped) > 0
}

// fieldDrift compares the fields of each named schema in base with the
// schema of the same name in target.
func fieldDrift(base, target *Spec, names []string) []SchemaDrift {
	out := make([]SchemaDrift, 0, len(names))
	for _, name := range names {
		sd := SchemaDrift{Schema: name}
		ts := target.Schema(name)
		if ts == nil {
			sd.Problem = "no such schema"
			out = append(out, sd)
			continue
		}
		bf, tf := base.Fields(base.Schema(name)), target.Fields(ts)
		for _, f := range slices.Sorted(maps.Keys(tf)) {
			bt, ok := bf[f]
			switch {
			case !ok:
				sd.Added = append(sd.Added, f+" "+tf[f])
			case bt != tf[f]:
				sd.Retyped = append(sd.Retyped, fmt.Sprintf("%s: %s -> %s", f, bt, tf[f]))
			}
		}
		for _, f := range slices.Sorted(maps.Keys(bf)) {
			if _, ok := tf[f]; !ok {
				sd.Removed = append(sd.Removed, f+" "+bf[f])
			}
		}
		out = append(out, sd)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Schema < out[j].Schema })
	return out
}
