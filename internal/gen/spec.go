// Package gen reads Alianza's OpenAPI description and the overrides file and
// produces the SDK's generated Go sources and the drift report. It is
// internal: only the module's own generator command and tests use it.
package gen

import (
	"fmt"
	"maps"
	"net/http"
	"reflect"
	"slices"
	"sort"
	"strings"
	"unsafe"

	"go.yaml.in/yaml/v3"
)

// Spec is an OpenAPI document held as a generic tree, so any version of
// Alianza's document loads: nothing is required beyond being a YAML or
// JSON mapping.
type Spec struct {
	root  map[string]any
	data  []byte
	order map[unsafe.Pointer][]string // mapping -> its keys in document order; see keyOrder
}

// LoadSpec parses an OpenAPI document (YAML or JSON).
func LoadSpec(data []byte) (*Spec, error) {
	var root map[string]any
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("gen: parse spec: %w", err)
	}
	if root == nil {
		return nil, fmt.Errorf("gen: parse spec: the document is empty")
	}
	return &Spec{root: asMap(normalize(root)), data: data}, nil
}

// keys returns a mapping's keys in the order the document writes them
// (sorted when the order is unknown), so generated structs list their
// fields as the spec does.
func (s *Spec) keys(m map[string]any) []string {
	if s.order == nil {
		s.order = map[unsafe.Pointer][]string{}
		var doc yaml.Node
		if err := yaml.Unmarshal(s.data, &doc); err == nil {
			s.walkOrder(&doc, s.root, 0)
		}
	}
	if len(m) == 0 {
		return nil
	}
	if ks, ok := s.order[reflect.ValueOf(m).UnsafePointer()]; ok && len(ks) == len(m) {
		return ks
	}
	return slices.Sorted(maps.Keys(m))
}

// walkOrder records the key order of every mapping of v, the decoded form
// of n.
func (s *Spec) walkOrder(n *yaml.Node, v any, depth int) {
	if n == nil || depth > 256 {
		return
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) > 0 {
			s.walkOrder(n.Content[0], v, depth+1)
		}
	case yaml.AliasNode:
		s.walkOrder(n.Alias, v, depth+1)
	case yaml.MappingNode:
		m := asMap(v)
		if m == nil {
			return
		}
		ks := make([]string, 0, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i].Value
			ks = append(ks, k)
			s.walkOrder(n.Content[i+1], m[k], depth+1)
		}
		s.order[reflect.ValueOf(m).UnsafePointer()] = ks
	case yaml.SequenceNode:
		list := asSlice(v)
		for i, c := range n.Content {
			if i < len(list) {
				s.walkOrder(c, list[i], depth+1)
			}
		}
	}
}

// normalize turns every mapping into map[string]any: YAML decodes a mapping
// with a non-string key (an unquoted 200 response code) as map[any]any.
func normalize(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, e := range t {
			t[k] = normalize(e)
		}
		return t
	case map[any]any:
		m := make(map[string]any, len(t))
		for k, e := range t {
			m[fmt.Sprint(k)] = normalize(e)
		}
		return m
	case []any:
		for i, e := range t {
			t[i] = normalize(e)
		}
		return t
	}
	return v
}

// Version is the document's info.version, or "" when it has none.
func (s *Spec) Version() string {
	return str(mapAt(s.root, "info")["version"])
}

// Schemas returns components.schemas (nil when the document has none).
func (s *Spec) Schemas() map[string]any { return mapAt(mapAt(s.root, "components"), "schemas") }

// Schema returns the named component schema, or nil.
func (s *Spec) Schema(name string) map[string]any { return asMap(s.Schemas()[name]) }

// Resolve follows a local $ref ("#/components/schemas/X", or any other
// "#/a/b" pointer) until it reaches a node without one. A ref that cannot be
// resolved gives nil.
func (s *Spec) Resolve(n map[string]any) map[string]any {
	for range 16 {
		ref, ok := n["$ref"].(string)
		if !ok {
			return n
		}
		n = s.pointer(ref)
		if n == nil {
			return nil
		}
	}
	return nil
}

func (s *Spec) pointer(ref string) map[string]any {
	p, ok := strings.CutPrefix(ref, "#/")
	if !ok {
		return nil
	}
	var cur any = s.root
	for _, tok := range strings.Split(p, "/") {
		tok = strings.NewReplacer("~1", "/", "~0", "~").Replace(tok)
		cur = asMap(cur)[tok]
	}
	return asMap(cur)
}

// Operation is one method on one path of the document.
type Operation struct {
	Method     string // upper case, e.g. GET
	Path       string
	ID         string // operationId, may be empty
	Deprecated bool
	node       map[string]any
}

// Key is "METHOD /path", the form of the SDK's //alianza:operation directives.
func (o Operation) Key() string { return o.Method + " " + o.Path }

var methods = []string{http.MethodGet, http.MethodPut, http.MethodPost, http.MethodDelete,
	http.MethodOptions, http.MethodHead, http.MethodPatch, http.MethodTrace}

// Operations lists the document's operations sorted by path, then method.
func (s *Spec) Operations() []Operation {
	var ops []Operation
	for path, item := range mapAt(s.root, "paths") {
		im := asMap(item)
		for _, m := range methods {
			op := asMap(im[strings.ToLower(m)])
			if op == nil {
				continue
			}
			dep, _ := op["deprecated"].(bool)
			ops = append(ops, Operation{Method: m, Path: path, ID: str(op["operationId"]), Deprecated: dep, node: op})
		}
	}
	sort.Slice(ops, func(i, j int) bool {
		if ops[i].Path != ops[j].Path {
			return ops[i].Path < ops[j].Path
		}
		return ops[i].Method < ops[j].Method
	})
	return ops
}

// Node is a schema found at a source location, with the description that
// applies there (the property's or parameter's own, else the schema's).
type Node struct {
	Schema      map[string]any
	Description string
}

// Lookup finds the schema a source names. Sources take three forms:
//
//	Schema                  a component schema
//	Schema.prop[.prop...]   a property, through $refs, arrays and allOf
//	operationId(param)      a parameter of an operation
func (s *Spec) Lookup(source string) (Node, error) {
	if op, param, ok := strings.Cut(source, "("); ok {
		param = strings.TrimSuffix(param, ")")
		return s.lookupParam(op, param)
	}
	parts := strings.Split(source, ".")
	n := s.Schema(parts[0])
	if n == nil {
		return Node{}, fmt.Errorf("schema %s not found", parts[0])
	}
	desc := str(n["description"])
	for _, prop := range parts[1:] {
		p := s.property(n, prop)
		if p == nil {
			return Node{}, fmt.Errorf("%s: property %s not found", source, prop)
		}
		desc = str(p["description"])
		n = s.Resolve(p)
		if n == nil {
			return Node{}, fmt.Errorf("%s: unresolvable $ref", source)
		}
		if desc == "" {
			desc = str(n["description"])
		}
	}
	return Node{Schema: n, Description: desc}, nil
}

// property finds a property of an object schema, looking through array
// items and allOf members. A document whose allOf or items lead back to the
// schema itself is cut off at maxDepth.
func (s *Spec) property(n map[string]any, name string) map[string]any {
	return s.propertyAt(n, name, 0)
}

// maxDepth bounds every walk of nested schemas, so a schema that contains
// itself (through allOf or items) ends.
const maxDepth = 32

func (s *Spec) propertyAt(n map[string]any, name string, depth int) map[string]any {
	n = s.Resolve(n)
	if n == nil || depth > maxDepth {
		return nil
	}
	if p := asMap(mapAt(n, "properties")[name]); p != nil {
		return p
	}
	if it := asMap(n["items"]); it != nil {
		if p := s.propertyAt(it, name, depth+1); p != nil {
			return p
		}
	}
	for _, m := range asSlice(n["allOf"]) {
		if p := s.propertyAt(asMap(m), name, depth+1); p != nil {
			return p
		}
	}
	return nil
}

func (s *Spec) lookupParam(opID, name string) (Node, error) {
	for _, op := range s.Operations() {
		if op.ID != opID {
			continue
		}
		for _, p := range asSlice(op.node["parameters"]) {
			pm := s.Resolve(asMap(p))
			if str(pm["name"]) != name {
				continue
			}
			sch := s.Resolve(asMap(pm["schema"]))
			desc := str(pm["description"])
			if desc == "" {
				desc = str(sch["description"])
			}
			return Node{Schema: sch, Description: desc}, nil
		}
		return Node{}, fmt.Errorf("operation %s has no parameter %s", opID, name)
	}
	return Node{}, fmt.Errorf("operation %s not found", opID)
}

// EnumValues returns the enum a schema declares, looking through $refs,
// array items and allOf members; ok is false when there is none. Non-string
// values are written as YAML would print them.
func (s *Spec) EnumValues(n map[string]any) (values []string, ok bool) {
	return s.enumValuesAt(n, 0)
}

func (s *Spec) enumValuesAt(n map[string]any, depth int) (values []string, ok bool) {
	n = s.Resolve(n)
	if n == nil || depth > maxDepth {
		return nil, false
	}
	if e, isList := n["enum"].([]any); isList {
		values = make([]string, 0, len(e))
		for _, v := range e {
			if v == nil {
				continue // a null member says the field may be null
			}
			values = append(values, fmt.Sprint(v))
		}
		return values, true
	}
	if it := asMap(n["items"]); it != nil {
		return s.enumValuesAt(it, depth+1)
	}
	for _, m := range asSlice(n["allOf"]) {
		if v, ok := s.enumValuesAt(asMap(m), depth+1); ok {
			return v, true
		}
	}
	return nil, false
}

func asMap(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

func asSlice(v any) []any {
	s, _ := v.([]any)
	return s
}

func mapAt(m map[string]any, key string) map[string]any { return asMap(m[key]) }

func str(v any) string {
	if v == nil {
		return ""
	}
	if s, ok := v.(string); ok {
		return s
	}
	return fmt.Sprint(v)
}
