package gen

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"maps"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// Types gives Go types to the spec's schemas and records which ones
// generated code uses. It is not safe for concurrent use: the generator
// calls it from one goroutine.
type Types struct {
	spec *Spec
	ov   *Overrides

	hand     map[string]string // component schema -> hand-written Go type
	declared map[string]bool   // top-level identifiers of the hand-written package
	enumSets map[string]string // sorted enum values joined by \x00 -> enum type (enums_gen.go)
	renamed  map[string]string // component schema or inline source -> Go name (overrides schemaNames)

	renameUsed map[string]bool // the renamed entries generation applied

	handSecret map[string]bool   // hand-written types that hold a Secret, directly or nested
	genEnums   map[string]string // property name and values -> generated enum type
	enumTypes  map[string]bool   // the enum types of enums_gen.go

	handStructs map[string][]Field // hand-written struct -> its JSON fields (Name, JSON, Type)
	handMethods map[string]bool    // "Type.Method" of hand-written methods

	decls  map[string]*Decl  // generated Go name -> declaration
	byKey  map[string]string // declaration key (schema:X, inline source, request) -> Go name
	owners map[string]string // generated Go name -> key that claimed it
	errs   []error
}

// DeclKind says what a generated declaration is.
type DeclKind int

// The kinds of generated declarations.
const (
	KindStruct  DeclKind = iota // a response model
	KindEnum                    // a typed string enum
	KindRequest                 // a request body type
)

// Decl is one generated type.
type Decl struct {
	Name   string
	Kind   DeclKind
	Source string // the component schema or inline location it comes from
	Doc    string // plain text
	Lead   string // leads the doc comment in place of the mechanical first sentence
	Fields []Field
	Enum   Enum   // KindEnum
	Method string // KindRequest: POST, PUT or PATCH
	Model  string // KindRequest: the Go model of the same schema, for a converter ("" when none)
	Rules  []Rule // KindRequest: what Validate checks

	node   map[string]any
	schema string // KindRequest: the component schema of the body, "" for an inline one
	done   bool
}

// Field is one field of a generated struct.
type Field struct {
	Name     string // Go name
	JSON     string // JSON name
	Type     string // Go type expression
	Doc      string // plain text, "" when the spec describes nothing
	Omit     string // "omitempty" or "omitzero"
	Required bool
	Secret   bool
	Pointer  bool // a request's optional field, or a model's recursive one
}

// Rule is one check of a request field, written by RenderModels into the
// request's validate method.
type Rule struct {
	Field   string // Go field
	JSON    string // JSON name, as errors report it
	Kind    string // required, length, range, enum, pattern
	Min     string // length or range lower bound, "" when none
	Max     string // upper bound, "" when none
	Pattern string
	Pointer bool
	GoType  string // the field's type without the pointer
}

// NewTypes prepares the types of s. pkgDir is the root package: its
// non-test sources are parsed (not compiled) so that generated names never
// collide with a hand-written identifier, and the hand-written models of the
// overrides' models table are used instead of generating them.
func NewTypes(s *Spec, ov *Overrides, pkgDir string) (*Types, error) {
	t := &Types{
		spec: s, ov: ov,
		hand: map[string]string{}, declared: map[string]bool{}, enumSets: map[string]string{}, handSecret: map[string]bool{}, renameUsed: map[string]bool{}, genEnums: map[string]string{}, enumTypes: map[string]bool{},
		renamed: map[string]string{},
		decls:   map[string]*Decl{}, byKey: map[string]string{}, owners: map[string]string{},
	}
	for _, m := range ov.Models {
		if !strings.Contains(m.Schema, ".") && ast.IsExported(m.Type) {
			if _, dup := t.hand[m.Schema]; !dup {
				t.hand[m.Schema] = m.Type
			}
		}
	}
	for _, n := range ov.SchemaNames {
		if n.Hand {
			t.hand[n.Source] = n.Name
			continue
		}
		t.renamed[n.Source] = n.Name
	}
	if pkgDir != "" {
		ids, err := packageIdents(pkgDir)
		if err != nil {
			return nil, err
		}
		t.declared = ids
		for _, n := range ov.SchemaNames {
			if n.Hand && !ids[n.Name] {
				return nil, fmt.Errorf("gen: overrides: schemaNames %s: %s is not declared in package alianza", n.Source, n.Name)
			}
		}
		holders, err := secretHolderTypes(pkgDir)
		if err != nil {
			return nil, err
		}
		t.handSecret = holders
		if t.handStructs, t.handMethods, err = handStructs(pkgDir); err != nil {
			return nil, err
		}
	}
	enums, err := BuildEnums(s, ov)
	if err != nil {
		return nil, err
	}
	for _, e := range enums {
		t.enumTypes[e.Type] = true
		k := enumSetKey(e.Strings())
		if _, dup := t.enumSets[k]; !dup {
			t.enumSets[k] = e.Type
		}
	}
	for _, g := range ov.Generate {
		if s.Schema(g.Schema) == nil {
			return nil, fmt.Errorf("gen: overrides: generate %s: no such schema", g.Schema)
		}
		t.Name(g.Schema)
		d := t.decls[t.byKey["schema:"+g.Schema]]
		if d == nil {
			continue // the naming failure is in Err
		}
		if g.Doc != "" {
			d.Lead = strings.TrimSpace(g.Doc)
		}
		if err := applyFieldOverrides(d, g); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// applyFieldOverrides gives the fields of a generated model the names and
// notes of its generate entry.
func applyFieldOverrides(d *Decl, g GenerateModel) error {
	for _, fo := range g.Fields {
		i := slices.IndexFunc(d.Fields, func(f Field) bool { return f.JSON == fo.Field })
		if i < 0 {
			return fmt.Errorf("gen: overrides: generate %s: no field %s", g.Schema, fo.Field)
		}
		if fo.Name != "" {
			if slices.ContainsFunc(d.Fields, func(f Field) bool { return f.Name == fo.Name && f.JSON != fo.Field }) {
				return fmt.Errorf("gen: overrides: generate %s: field %s: %s names another field", g.Schema, fo.Field, fo.Name)
			}
			d.Fields[i].Name = fo.Name
		}
		if note := strings.TrimSpace(fo.Note); note != "" {
			d.Fields[i].Doc = strings.TrimSpace(note + "\n\n" + d.Fields[i].Doc)
		}
	}
	return nil
}

// modelsFile is the file RenderModels writes; its identifiers are not
// hand-written.
const modelsFile = "models_gen.go"

// packageIdents returns the top-level identifiers declared by the non-test
// Go files of dir, except the models file this generator writes.
func packageIdents(dir string) (map[string]bool, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	fset := token.NewFileSet()
	out := map[string]bool{}
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") || filepath.Base(name) == modelsFile {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil {
					out[d.Name.Name] = true
				}
			case *ast.GenDecl:
				for _, sp := range d.Specs {
					switch sp := sp.(type) {
					case *ast.TypeSpec:
						out[sp.Name.Name] = true
					case *ast.ValueSpec:
						for _, n := range sp.Names {
							out[n.Name] = true
						}
					}
				}
			}
		}
	}
	return out, nil
}

// secretHolderTypes returns the hand-written types of dir that hold a
// Secret, directly or through another such type.
func secretHolderTypes(dir string) (map[string]bool, error) {
	files, err := parseSources(dir, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	types := map[string]ast.Expr{}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			if ts, ok := n.(*ast.TypeSpec); ok {
				types[ts.Name.Name] = ts.Type
			}
			return true
		})
	}
	holds := map[string]bool{"Secret": true}
	for changed := true; changed; {
		changed = false
		for name, typ := range types {
			if holds[name] {
				continue
			}
			ast.Inspect(typ, func(n ast.Node) bool {
				if id, ok := n.(*ast.Ident); ok && holds[id.Name] && !holds[name] {
					holds[name], changed = true, true
				}
				return true
			})
		}
	}
	return holds, nil
}

// handStructs reads the hand-written struct types of dir (not the models
// file) with their JSON fields, and the hand-written methods.
func handStructs(dir string) (map[string][]Field, map[string]bool, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, nil, err
	}
	fset := token.NewFileSet()
	structs, methods := map[string][]Field{}, map[string]bool{}
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") || filepath.Base(name) == modelsFile {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, nil, err
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv != nil && len(d.Recv.List) == 1 {
					recv := types.ExprString(d.Recv.List[0].Type)
					methods[strings.TrimPrefix(recv, "*")+"."+d.Name.Name] = true
				}
			case *ast.GenDecl:
				for _, sp := range d.Specs {
					ts, ok := sp.(*ast.TypeSpec)
					if !ok {
						continue
					}
					st, ok := ts.Type.(*ast.StructType)
					if !ok {
						continue
					}
					var fields []Field
					for _, fl := range st.Fields.List {
						if len(fl.Names) != 1 || fl.Tag == nil || !fl.Names[0].IsExported() {
							continue
						}
						raw, _ := strconv.Unquote(fl.Tag.Value)
						j, _, _ := strings.Cut(reflect.StructTag(raw).Get("json"), ",")
						if j == "" || j == "-" {
							continue
						}
						fields = append(fields, Field{Name: fl.Names[0].Name, JSON: j, Type: types.ExprString(fl.Type)})
					}
					structs[ts.Name.Name] = fields
				}
			}
		}
	}
	return structs, methods, nil
}

func enumSetKey(values []string) string {
	v := slices.Clone(values)
	sort.Strings(v)
	return strings.Join(v, "\x00")
}

// Err returns every naming problem met so far (clashes, unnamed values),
// joined; nil when there is none. RenderModels returns it too.
func (t *Types) Err() error {
	if len(t.errs) == 0 {
		return nil
	}
	msgs := make([]string, 0, len(t.errs))
	for _, e := range t.errs {
		msgs = append(msgs, e.Error())
	}
	slices.Sort(msgs)
	msgs = slices.Compact(msgs)
	return fmt.Errorf("gen: types:\n\t%s", strings.Join(msgs, "\n\t"))
}

func (t *Types) fail(format string, args ...any) {
	t.errs = append(t.errs, fmt.Errorf(format, args...))
}

// TypeName turns a schema name into a Go type name: the spec's X and DTO
// suffixes are dropped (CallHandlingX gives CallHandling, EndUserV2X
// EndUserV2), words are capitalised and initialisms written in capitals
// (SipCredentialsView gives SIPCredentialsView, SCHEDULE_RULE_COMPONENT
// ScheduleRuleComponent).
func TypeName(schema string) string {
	s := schema
	for _, suf := range []string{"DTO", "Dto"} {
		if b, ok := strings.CutSuffix(s, suf); ok && b != "" {
			s = b
		}
	}
	if len(s) > 2 && s[len(s)-1] == 'X' {
		prev := rune(s[len(s)-2])
		if unicode.IsLower(prev) || unicode.IsDigit(prev) || strings.ToUpper(s) == s {
			s = s[:len(s)-1] // CallHandlingX, EndUserV2X, IVRX
		}
	}
	return GoName(splitDigitUpper(s))
}

// joinName names a type declared inside parent for its field: the two
// names joined, without repeating the words the field's name starts with
// that end the parent's (AccountHistory and AccountHistoryType give
// AccountHistoryType, not AccountHistoryAccountHistoryType).
func joinName(parent, field string) string {
	pw, fw := splitWords(parent), splitWords(field)
	for k := min(len(pw), len(fw)-1); k > 0; k-- {
		if slices.Equal(pw[len(pw)-k:], fw[:k]) {
			return parent + strings.Join(fw[k:], "")
		}
	}
	return parent + field
}

// requestName names the request type of a body: prefix (Create, Update,
// Patch) and base without the Request, Dto and verb words the spec's
// schema name already carries ("SsoConfigCreateRequest" for a POST gives
// CreateSSOConfigRequest).
func requestName(prefix, base string) string {
	for {
		b := base
		for _, suf := range []string{"Request", "Dto", "DTO", "Create", "Update", "Patch"} {
			if c, ok := strings.CutSuffix(base, suf); ok && c != "" {
				base = c
			}
		}
		if c, ok := strings.CutPrefix(base, prefix); ok && c != "" && unicode.IsUpper(rune(c[0])) {
			base = c
		}
		if b == base {
			break
		}
	}
	return prefix + base + "Request"
}

var digitUpper = regexp.MustCompile(`([0-9])([A-Z][a-z])`)

// splitDigitUpper puts a word break between a digit and a capitalised word
// ("CdrT38Info" reads as Cdr T38 Info).
func splitDigitUpper(s string) string { return digitUpper.ReplaceAllString(s, "${1}_$2") }

// FieldName turns a JSON property name into a Go field name ("accountId"
// gives AccountID, "@type" Type, "sipPassword" SIPPassword).
func FieldName(prop string) string {
	n := GoName(splitDigitUpper(prop))
	if n == "" {
		return "Field"
	}
	if unicode.IsDigit(rune(n[0])) {
		n = "N" + n
	}
	return n
}

// Name returns the Go type of a component schema: the hand-written model
// the overrides' models table ties to it, else a generated type, which is
// recorded as used. A schema that is not an object or an enum (an array, a
// plain string) gives the Go expression of its body.
func (t *Types) Name(schema string) string {
	if h, ok := t.hand[schema]; ok {
		return h
	}
	n := t.spec.Schema(schema)
	if n == nil {
		t.fail("schema %s: not in the spec", schema)
		return "json.RawMessage"
	}
	key := "schema:" + schema
	if name, ok := t.byKey[key]; ok {
		return name
	}
	name := t.rename(schema)
	if name == "" {
		name = TypeName(schema)
	}
	switch {
	case isEnumNode(n):
		return t.enumType(key, name, schema, n, StripHTML(str(n["description"])))
	case isObjectNode(t.spec, n):
		return t.structType(key, name, schema, n)
	}
	// An alias-like schema: its body's type, named after it where it has one.
	t.byKey[key] = "" // cut a loop through itself
	e := t.Expr(withoutRef(n), name)
	t.byKey[key] = e
	return e
}

// withoutRef returns n, or an empty node when n is nil.
func withoutRef(n map[string]any) map[string]any {
	if n == nil {
		return map[string]any{}
	}
	return n
}

func isEnumNode(n map[string]any) bool {
	_, ok := n["enum"].([]any)
	t := str(n["type"])
	return ok && (t == "string" || t == "")
}

// isObjectNode reports whether n is a struct: declared properties, an
// allOf of more than a single reference, or a discriminated base.
func isObjectNode(s *Spec, n map[string]any) bool {
	if n["properties"] != nil || n["discriminator"] != nil {
		return true
	}
	if all := asSlice(n["allOf"]); len(all) > 1 {
		return true
	}
	return false
}

// claim reserves name for key; a hand-written identifier or another
// generated type of that name is a clash, reported with the overrides
// entry that would resolve it.
func (t *Types) claim(key, name, source string) bool {
	if t.declared[name] {
		t.fail("%s: the generated name %s is already declared by hand in package alianza: name it under schemaNames in overrides.yaml (source: %s), or tie the schema to the hand-written type under models", source, name, source)
		return false
	}
	if other, ok := t.owners[name]; ok && other != key {
		t.fail("%s: the generated name %s is also the name of %s: name one of them under schemaNames in overrides.yaml", source, name, strings.TrimPrefix(other, "schema:"))
		return false
	}
	t.owners[name] = key
	t.byKey[key] = name
	return true
}

// Expr returns the Go type expression of any schema node: a $ref gives
// Name's answer; an allOf of one member that member's type; primitives
// their Go types (date-time time.Time, int64 integers int64, other integers
// int, numbers float64); arrays slices and additionalProperties maps; an
// inline object or enum a generated type named from hint; oneOf and anyOf,
// which Go cannot express, json.RawMessage.
func (t *Types) Expr(n map[string]any, hint string) string {
	return t.expr(n, hint, hint)
}

func (t *Types) expr(n map[string]any, hint, source string) string {
	if n == nil {
		return "json.RawMessage"
	}
	if ref, ok := n["$ref"].(string); ok {
		if name, isSchema := strings.CutPrefix(ref, schemaRefPrefix); isSchema {
			return t.Name(name)
		}
		return t.expr(t.spec.Resolve(n), hint, source)
	}
	if all := asSlice(n["allOf"]); len(all) == 1 && n["properties"] == nil {
		return t.expr(asMap(all[0]), hint, source)
	}
	typ := primaryType(n)
	switch {
	case isEnumNode(n) && len(asSlice(n["enum"])) > 0:
		if name := t.rename(source); name != "" {
			hint = name
		}
		return t.enumType("inline:"+source, hint, source, n, StripHTML(str(n["description"])))
	case typ == "array":
		return "[]" + t.expr(asMap(n["items"]), singular(hint), source+"[]")
	case isObjectNode(t.spec, n):
		if name := t.rename(source); name != "" {
			hint = name
		}
		return t.structType("inline:"+source, hint, source, n)
	case n["oneOf"] != nil || n["anyOf"] != nil:
		// Go has no union: the JSON is kept raw, and each variant that is a
		// component schema gets its type, to decode the raw JSON into.
		for _, key := range []string{"oneOf", "anyOf"} {
			for _, m := range asSlice(n[key]) {
				if ref, ok := asMap(m)["$ref"].(string); ok {
					if name, isSchema := strings.CutPrefix(ref, schemaRefPrefix); isSchema {
						t.Name(name)
					}
				}
			}
		}
		return "json.RawMessage"
	}
	switch typ {
	case "string":
		switch str(n["format"]) {
		case "date-time":
			return "time.Time"
		case "byte":
			return "[]byte"
		}
		return "string"
	case "integer":
		if str(n["format"]) == "int64" {
			return "int64"
		}
		return "int"
	case "number":
		return "float64"
	case "boolean":
		return "bool"
	case "object":
		if ap, ok := n["additionalProperties"].(map[string]any); ok && len(ap) > 0 {
			return "map[string]" + t.expr(ap, hint+"Value", source+"{}")
		}
		return "map[string]any"
	}
	return "json.RawMessage"
}

// primaryType is the node's type, the non-null one of an OpenAPI 3.1 list.
func primaryType(n map[string]any) string {
	switch v := n["type"].(type) {
	case string:
		return v
	case []any:
		for _, e := range v {
			if s := str(e); s != "null" {
				return s
			}
		}
	}
	return ""
}

// singular names an array's element from the array's name.
func singular(s string) string {
	switch {
	case strings.HasSuffix(s, "ies") && len(s) > 4:
		return s[:len(s)-3] + "y"
	case strings.HasSuffix(s, "sses"), strings.HasSuffix(s, "xes"), strings.HasSuffix(s, "ches"), strings.HasSuffix(s, "shes"):
		return s[:len(s)-2]
	case strings.HasSuffix(s, "ss"), strings.HasSuffix(s, "us"), strings.HasSuffix(s, "is"):
		return s + "Item"
	case strings.HasSuffix(s, "s") && len(s) > 1:
		return s[:len(s)-1]
	}
	return s + "Item"
}

// enumType returns the Go type of an enum: an existing enum type with the
// same values, else a generated one named name.
func (t *Types) enumType(key, name, source string, n map[string]any, doc string) string {
	if got, ok := t.byKey[key]; ok {
		return got
	}
	values, _ := t.spec.EnumValues(n)
	if existing, ok := t.enumSets[enumSetKey(values)]; ok {
		t.byKey[key] = existing
		return existing
	}
	// Two inline enums of the same property name and values are one type.
	propKey := lastSegment(source) + "\x01" + enumSetKey(values)
	if existing, ok := t.genEnums[propKey]; ok {
		t.byKey[key] = existing
		return existing
	}
	if !t.claim(key, name, source) {
		return "string"
	}
	e := Enum{Type: name, Source: source}
	lead := name + " values appear in " + strings.TrimPrefix(source, "inline:") + "."
	if doc != "" {
		doc = lead + "\n\n" + doc
	} else {
		doc = lead
	}
	e.Doc = doc
	seen := map[string]bool{}
	for _, v := range values {
		vn := GoName(v)
		if vn == "" {
			vn = "None"
		}
		if seen[vn] {
			vn += "Alt" // the spec spells one value two ways (SIP_TRUNK, SipTrunk)
		}
		if seen[vn] {
			t.fail("%s: two values of %s are named %s%s", source, name, name, vn)
			continue
		}
		seen[vn] = true
		e.Values = append(e.Values, EnumValue{Name: vn, Value: v})
	}
	t.genEnums[propKey] = name
	t.decls[name] = &Decl{Name: name, Kind: KindEnum, Source: source, Doc: doc, Enum: e}
	return name
}

// structType returns the name of the generated struct for an object node
// and builds its fields (once).
func (t *Types) structType(key, name, source string, n map[string]any) string {
	if got, ok := t.byKey[key]; ok {
		return got
	}
	if !t.claim(key, name, source) {
		return "json.RawMessage"
	}
	d := &Decl{Name: name, Kind: KindStruct, Source: source, Doc: StripHTML(str(n["description"])), node: n}
	t.decls[name] = d
	d.Fields = t.fields(name, source, n, KindStruct, "")
	d.done = true
	return name
}

// prop is one property of an object schema, merged through allOf.
type prop struct {
	name     string
	node     map[string]any
	required bool
}

// properties lists an object's properties: its own, its allOf members'
// (through $refs), and, for a discriminated base, every variant's, so that
// one struct decodes any variant. The first declaration of a name wins;
// the order is the declaration order of a sorted walk.
func (t *Types) properties(n map[string]any) []prop {
	var out []prop
	idx := map[string]int{}
	req := map[string]bool{}
	var walk func(n map[string]any, visiting map[string]bool, variants bool)
	walk = func(n map[string]any, visiting map[string]bool, variants bool) {
		if ref, ok := n["$ref"].(string); ok {
			if visiting[ref] {
				return
			}
			visiting[ref] = true
			if r := t.spec.pointer(ref); r != nil {
				walk(r, visiting, variants)
			}
			return
		}
		for _, r := range asSlice(n["required"]) {
			req[str(r)] = true
		}
		for _, m := range asSlice(n["allOf"]) {
			walk(asMap(m), visiting, variants)
		}
		props := mapAt(n, "properties")
		for _, k := range t.spec.keys(props) {
			if _, dup := idx[k]; dup {
				continue
			}
			idx[k] = len(out)
			out = append(out, prop{name: k, node: asMap(props[k])})
		}
		if variants && n["discriminator"] != nil {
			for _, key := range []string{"anyOf", "oneOf"} {
				for _, m := range asSlice(n[key]) {
					walk(asMap(m), visiting, false)
				}
			}
		}
	}
	walk(n, map[string]bool{}, true)
	own := map[string]bool{}
	for _, r := range asSlice(n["required"]) {
		own[str(r)] = true
	}
	for i := range out {
		out[i].required = req[out[i].name]
	}
	return out
}

// secretName matches the JSON names of fields that hold a credential: a
// PIN (a voicemail or wireless PIN), password (a SIP password), secret (an
// SSO client or API secret), token, API key or private key.
var secretName = regexp.MustCompile(`(?i)(password|passwd|secret|token|pin|passcode|apikey|privatekey)$`)

// isSecretProp reports whether a string property holds a credential.
func isSecretProp(name string) bool { return secretName.MatchString(name) }

// fields builds the fields of the struct name from the object node n.
// kind picks the model or request rules; method is the request's.
//
// Types declared inline in a property are named from hintBase and the
// property: a request's are named after its model, so a model and its
// request share them.
func (t *Types) fields(hintBase, source string, n map[string]any, kind DeclKind, method string) []Field {
	var out []Field
	used := map[string]bool{}
	for _, p := range t.properties(n) {
		if kind == KindRequest && (readOnly(t.spec, p.node) || t.serverAssigned(p.name, method)) {
			continue
		}
		fn := FieldName(p.name)
		if strings.HasPrefix(p.name, "@") && hasProp(t.properties(n), strings.TrimPrefix(p.name, "@")) {
			fn = "At" + fn
		}
		for used[fn] {
			fn += "_"
		}
		used[fn] = true
		typ := t.expr(p.node, joinName(hintBase, fn), source+"."+p.name)
		f := Field{Name: fn, JSON: p.name, Type: typ, Doc: describe(t.spec, p.node), Required: p.required}
		if typ == "json.RawMessage" {
			f.Doc = strings.TrimSpace(f.Doc + "\n\n" + t.rawReason(p.node))
		}
		if typ == "string" && isSecretProp(p.name) {
			f.Type, f.Secret = "Secret", true
		}
		switch kind {
		case KindStruct:
			f.Omit = "omitempty"
			if t.isStructType(f.Type) {
				f.Omit = "omitzero"
			}
		case KindRequest:
			f.Omit = "omitempty"
			if method == "PATCH" || !p.required {
				if !strings.HasPrefix(f.Type, "[]") && !strings.HasPrefix(f.Type, "map[") && f.Type != "json.RawMessage" {
					f.Pointer = true
				}
			} else {
				f.Omit = "" // a required field is always sent
			}
		}
		out = append(out, f)
	}
	return out
}

func hasProp(ps []prop, name string) bool {
	return slices.ContainsFunc(ps, func(p prop) bool { return p.name == name })
}

// readOnly reports whether the spec marks a property as server-assigned.
func readOnly(s *Spec, n map[string]any) bool {
	if b, _ := n["readOnly"].(bool); b {
		return true
	}
	if r := s.Resolve(n); r != nil {
		if b, _ := r["readOnly"].(bool); b {
			return true
		}
	}
	return false
}

// describe is a property's description, else the description of the schema
// it refers to, as plain text.
func describe(s *Spec, n map[string]any) string {
	if d := StripHTML(str(n["description"])); d != "" {
		return d
	}
	if all := asSlice(n["allOf"]); len(all) == 1 {
		if d := StripHTML(str(asMap(all[0])["description"])); d != "" {
			return d
		}
	}
	return ""
}

// isStructType reports whether a Go type expression names a struct:
// time.Time, a generated struct, or a hand-written model.
func (t *Types) isStructType(typ string) bool {
	if typ == "time.Time" {
		return true
	}
	if d, ok := t.decls[typ]; ok {
		return d.Kind != KindEnum
	}
	return slices.Contains(slices.Collect(maps.Values(t.hand)), typ)
}

// Body returns the Go type of a JSON request body of method (POST, PUT or
// PATCH). An object body gets a request type, Create…Request for POST,
// Update…Request for PUT and Patch…Request for PATCH, named after the
// schema (or hint, for an inline object or when the schema's name is
// taken): required fields are values, optional ones pointers (every field
// of a PATCH), and server-assigned (readOnly) fields are left out. Any other
// body gets Expr's type.
func (t *Types) Body(n map[string]any, method, hint string) string {
	method = strings.ToUpper(method)
	r := t.spec.Resolve(n)
	if r == nil {
		return "json.RawMessage"
	}
	if all := asSlice(r["allOf"]); len(all) == 1 && r["properties"] == nil {
		return t.Body(asMap(all[0]), method, hint)
	}
	if !isObjectNode(t.spec, r) || r["discriminator"] != nil {
		return t.Expr(n, hint)
	}
	prefix := map[string]string{"POST": "Create", "PUT": "Update", "PATCH": "Patch"}[method]
	if prefix == "" {
		return t.Expr(n, hint)
	}
	schema, base, source := "", hint, hint
	if ref, ok := n["$ref"].(string); ok {
		if s, isSchema := strings.CutPrefix(ref, schemaRefPrefix); isSchema {
			schema = s
			base = t.rename(s)
			if base == "" {
				base = TypeName(s)
			}
			source = s
		}
	}
	key := "request:" + method + ":" + source
	if got, ok := t.byKey[key]; ok {
		return got
	}
	name := t.rename(method + " " + source)
	if name == "" {
		name = requestName(prefix, base)
		if schema != "" && (t.declared[name] || t.owners[name] != "") {
			name = requestName(prefix, hint) // the schema's name is taken
			if t.declared[name] || t.owners[name] != "" {
				name = hint + "Request"
			}
		}
	}
	if !t.claim(key, name, method+" "+source) {
		return "json.RawMessage"
	}
	d := &Decl{Name: name, Kind: KindRequest, Source: source, Method: method, node: r}
	d.Doc = fmt.Sprintf("%s is the body of a %s of %s.", name, method, source)
	if desc := StripHTML(str(r["description"])); desc != "" {
		d.Doc += "\n\n" + desc
	}
	t.decls[name] = d
	d.schema = schema
	hintBase := base
	if schema == "" {
		hintBase = name
	}
	d.Fields = t.fields(hintBase, source, r, KindRequest, method)
	props := t.properties(r)
	for _, f := range d.Fields {
		i := slices.IndexFunc(props, func(p prop) bool { return p.name == f.JSON })
		d.Rules = append(d.Rules, t.rules(f, props[i].node, method)...)
	}
	d.done = true
	return name
}

// RequestFields returns the fields of a generated request type, nil for
// any other type.
func (t *Types) RequestFields(name string) []Field {
	d := t.decls[name]
	if d == nil || d.Kind != KindRequest {
		return nil
	}
	return d.Fields
}

// NoteField adds a sentence to the doc comment of field (Go name) of the
// generated type name, once.
func (t *Types) NoteField(name, field, note string) {
	d := t.decls[name]
	if d == nil {
		return
	}
	for i := range d.Fields {
		f := &d.Fields[i]
		if f.Name != field || strings.Contains(f.Doc, note) {
			continue
		}
		if f.Doc != "" && !strings.HasSuffix(f.Doc, ".") {
			f.Doc += "."
		}
		f.Doc = strings.TrimSpace(f.Doc + " " + note)
	}
}

// Filled drops the required rule of field (Go name) of the generated
// request type name: every method sending the type sets the field itself.
func (t *Types) Filled(name, field string) {
	d := t.decls[name]
	if d == nil || d.Kind != KindRequest {
		return
	}
	d.Rules = slices.DeleteFunc(d.Rules, func(r Rule) bool { return r.Field == field && r.Kind == "required" })
}

// ParamEnum is the Go enum type of a path or query parameter whose schema
// (or, for an array, whose items) declares an enum: an existing enum type
// with the same values, else one generated under name, whose doc says the
// values appear in source ("operationId.parameter"). It is "" for any other
// parameter, and first is the enum's first value.
func (t *Types) ParamEnum(n map[string]any, name, source string) (typ, first string) {
	r := t.spec.Resolve(n)
	if r == nil {
		return "", ""
	}
	prefix := ""
	if primaryType(r) == "array" {
		prefix, n = "[]", asMap(r["items"])
		if r = t.spec.Resolve(n); r == nil {
			return "", ""
		}
	}
	values, _ := t.spec.EnumValues(r)
	if !isEnumNode(r) || len(values) == 0 {
		return "", ""
	}
	if ref, ok := n["$ref"].(string); ok {
		typ = t.expr(n, name, strings.TrimPrefix(ref, schemaRefPrefix))
	} else {
		typ = t.expr(n, name, source)
	}
	if !t.isEnum(typ) {
		return "", ""
	}
	return prefix + typ, values[0]
}

// Imports returns the packages models_gen.go needs, sorted: those of the
// field types (time, encoding/json), slices for enums, fmt and log/slog for
// the redacting methods of types that hold a Secret, regexp and
// unicode/utf8 for validation.
func (t *Types) Imports() []string {
	set := map[string]bool{}
	for _, d := range t.decls {
		if d.Kind == KindEnum {
			set["slices"] = true
		}
		for _, f := range d.Fields {
			switch {
			case strings.Contains(f.Type, "time.Time"):
				set["time"] = true
			case strings.Contains(f.Type, "json.RawMessage"):
				set["encoding/json"] = true
			}
		}
		for _, r := range d.Rules {
			switch {
			case r.Kind == "length" && (r.Min == "" || r.Max == ""):
				set["unicode/utf8"] = true
			case r.Kind == "pattern":
				set["regexp"] = true
			}
		}
	}
	if len(t.secretHolders()) > 0 {
		set["fmt"], set["log/slog"] = true, true
	}
	return slices.Sorted(maps.Keys(set))
}

// Decls returns the generated declarations, sorted by name.
func (t *Types) Decls() []*Decl {
	out := slices.Collect(maps.Values(t.decls))
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// UseOperations gives Go types to the JSON request and response bodies of
// the operations keyed ("METHOD /path") in keys, as a method generator
// would: a request body through Body, each 2xx answer through Expr, named
// from the operationId.
func (t *Types) UseOperations(keys []string) {
	ops := opIndex(t.spec.Operations())
	for _, k := range keys {
		op, ok := ops[k]
		if !ok {
			continue
		}
		hint := TypeName(op.ID)
		if hint == "" {
			hint = TypeName(op.Method + " " + op.Path)
		}
		if sch := jsonSchema(t.spec.Resolve(asMap(op.node["requestBody"]))); sch != nil {
			t.Body(sch, op.Method, hint)
		}
		responses := mapAt(op.node, "responses")
		for _, code := range slices.Sorted(maps.Keys(responses)) {
			if !strings.HasPrefix(code, "2") {
				continue
			}
			if sch := jsonSchema(t.spec.Resolve(asMap(responses[code]))); sch != nil {
				t.Expr(sch, hint+"Response")
			}
		}
	}
}

// jsonSchema returns the schema of a request body's or response's JSON
// content (application/json or any +json type), or nil.
func jsonSchema(n map[string]any) map[string]any {
	content := mapAt(n, "content")
	for _, ct := range slices.Sorted(maps.Keys(content)) {
		if ct == "application/json" || strings.HasSuffix(ct, "+json") || ct == "*/*" {
			return mapAt(asMap(content[ct]), "schema")
		}
	}
	return nil
}

// UnclaimedOperations returns the keys ("METHOD /path") of the live
// operations of s that no //alianza:operation directive in claimed names:
// the operations the generator writes methods for.
func UnclaimedOperations(s *Spec, claimed []string) []string {
	var out []string
	for _, op := range s.Operations() {
		if !op.Deprecated && !slices.Contains(claimed, op.Key()) {
			out = append(out, op.Key())
		}
	}
	return out
}

// lastSegment is the property name at the end of an inline source.
func lastSegment(source string) string {
	source = strings.TrimRight(source, "[]{}")
	if i := strings.LastIndexByte(source, '.'); i >= 0 {
		return source[i+1:]
	}
	return source
}

// serverAssigned reports whether the overrides leave property name out of
// request bodies of method.
func (t *Types) serverAssigned(name, method string) bool {
	for _, sa := range t.ov.ServerAssigned {
		if sa.Field == name && slices.Contains(sa.Methods, method) {
			return true
		}
	}
	return false
}

// rules are the checks the schema states for one request field: required
// (POST and PUT, strings and enums, whose zero value is "not set"),
// minLength and maxLength, minimum and maximum, the enum's values, and the
// pattern, unless the overrides' patterns section says not to enforce it.
func (t *Types) rules(f Field, node map[string]any, method string) []Rule {
	n := t.spec.Resolve(node)
	for range maxDepth {
		all := asSlice(n["allOf"])
		if len(all) != 1 || n["properties"] != nil {
			break
		}
		n = t.spec.Resolve(asMap(all[0]))
	}
	if n == nil {
		return nil
	}
	base := Rule{Field: f.Name, JSON: f.JSON, Pointer: f.Pointer, GoType: f.Type}
	with := func(kind, lo, hi string) Rule {
		r := base
		r.Kind, r.Min, r.Max = kind, lo, hi
		return r
	}
	stringy := f.Type == "string" || f.Type == "Secret" || t.isEnum(f.Type)
	var out []Rule
	if f.Required && method != "PATCH" && !f.Pointer && stringy {
		out = append(out, with("required", "", ""))
	}
	if f.Required && method != "PATCH" && !f.Pointer && strings.HasPrefix(f.Type, "[]") {
		// A nil slice would be sent as null: a required list must be
		// set, if only to an empty one.
		out = append(out, with("present", "", ""))
	}
	if stringy {
		lo, hi := str(n["minLength"]), str(n["maxLength"])
		if lo == "0" {
			lo = ""
		}
		if lo != "" || hi != "" {
			out = append(out, with("length", lo, hi))
		}
		if pat := str(n["pattern"]); pat != "" && !t.patternSkipped(pat) && f.Type != "Secret" {
			if _, err := regexp.Compile("^(?:" + pat + ")$"); err != nil {
				t.fail("%s: pattern %q does not compile in Go (%v): list it under patterns in overrides.yaml", f.JSON, pat, err)
			} else {
				r := with("pattern", "", "")
				r.Pattern = pat
				out = append(out, r)
			}
		}
	}
	switch f.Type {
	case "int", "int64", "float64":
		lo, hi := str(n["minimum"]), str(n["maximum"])
		if lo != "" || hi != "" {
			out = append(out, with("range", lo, hi))
		}
	}
	if t.isEnum(f.Type) {
		out = append(out, with("enum", "", ""))
	}
	if elem, ok := strings.CutPrefix(f.Type, "[]"); ok && t.isEnum(elem) {
		r := with("enums", "", "")
		r.GoType = elem
		out = append(out, r)
	}
	return out
}

// isEnum reports whether a Go type is an enum: generated, or of enums_gen.go.
func (t *Types) isEnum(typ string) bool {
	if d := t.decls[typ]; d != nil {
		return d.Kind == KindEnum
	}
	return t.enumTypes[typ]
}

func (t *Types) patternSkipped(pat string) bool {
	return slices.ContainsFunc(t.ov.Patterns, func(p PatternNote) bool { return p.Pattern == pat })
}

// rawReason says why a field is json.RawMessage.
func (t *Types) rawReason(n map[string]any) string {
	r := t.spec.Resolve(n)
	variants := []string{}
	for _, key := range []string{"oneOf", "anyOf"} {
		for _, m := range asSlice(r[key]) {
			if ref, ok := asMap(m)["$ref"].(string); ok {
				variants = append(variants, t.Name(strings.TrimPrefix(ref, schemaRefPrefix)))
			}
		}
	}
	switch {
	case len(variants) > 0:
		return "It is raw JSON: the spec allows one of several shapes (" + strings.Join(variants, ", ") + "), which Go cannot express as one type; decode it into the one the answer holds."
	case r["oneOf"] != nil || r["anyOf"] != nil:
		return "It is raw JSON: the spec allows one of several shapes, which Go cannot express as one type."
	}
	return "It is raw JSON: the spec does not say what it holds."
}

// rename returns the schemaNames entry's name for source ("" when there is
// none) and records that the entry was applied.
func (t *Types) rename(source string) string {
	name, ok := t.renamed[source]
	if ok {
		t.renameUsed[source] = true
	}
	return name
}

// unusedRenames returns the schemaNames entries (not hand ones) that no
// generated type applied: stale entries, or sources misspelled.
func (t *Types) unusedRenames() []string {
	var out []string
	for src := range t.renamed {
		if !t.renameUsed[src] {
			out = append(out, src)
		}
	}
	slices.Sort(out)
	return out
}
