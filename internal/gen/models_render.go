package gen

import (
	"bytes"
	"fmt"
	"go/format"
	"slices"
	"strconv"
	"strings"
)

// RenderModels writes the Go source of models_gen.go for package pkg: every
// type Types generated for the schemas it was asked about (transitively),
// with doc comments from the spec, redacting fmt and slog methods on every
// type that holds a Secret, validation for request types and converters
// from models to their update requests. It fails when naming failed (see
// Types.Err).
func RenderModels(pkg string, t *Types) ([]byte, error) {
	if err := t.Err(); err != nil {
		return nil, err
	}
	if unused := t.unusedRenames(); len(unused) > 0 {
		return nil, fmt.Errorf("gen: overrides: schemaNames entries no generated type uses (stale, or the source is misspelled): %s", strings.Join(unused, ", "))
	}
	decls := t.Decls()
	holders := t.secretHolders()
	cycles := t.valueCycles()
	patterns := patternVars(decls)

	var b bytes.Buffer
	fmt.Fprintf(&b, "%s\npackage %s\n\n", Header, pkg)
	imports := t.Imports()
	if len(imports) > 0 {
		b.WriteString("import (\n")
		for _, imp := range imports {
			fmt.Fprintf(&b, "\t%q\n", imp)
		}
		b.WriteString(")\n")
	}
	for _, d := range decls {
		switch d.Kind {
		case KindEnum:
			renderEnum(&b, d.Enum)
		default:
			renderStruct(&b, d, cycles)
		}
		if holders[d.Name] {
			renderRedaction(&b, pkg, d.Name)
		}
		if d.Kind == KindRequest {
			renderValidate(&b, d, patterns)
		}
	}
	renderPatterns(&b, patterns)
	for _, c := range t.converters() {
		renderConverter(&b, t, c, cycles)
	}
	src, err := format.Source(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("gen: format models: %w\n%s", err, b.Bytes())
	}
	return src, nil
}

// structDoc is a generated struct's doc comment text.
func structDoc(d *Decl) string {
	lead := fmt.Sprintf("%s is schema %s of Alianza's API.", d.Name, d.Source)
	if d.Kind == KindRequest {
		lead = fmt.Sprintf("%s is the body of a %s that sends schema %s. Required fields are values; the others are pointers, nil to leave them out.", d.Name, d.Method, d.Source)
		if d.Method == "PATCH" {
			lead = fmt.Sprintf("%s is the body of a PATCH that sends schema %s: every field is a pointer, nil to leave it unchanged.", d.Name, d.Source)
		}
	} else if strings.Contains(d.Source, ".") || strings.Contains(d.Source, "[]") || strings.Contains(d.Source, " ") {
		lead = fmt.Sprintf("%s is an object the spec declares inline at %s.", d.Name, d.Source)
	}
	if d.Lead != "" {
		lead = d.Lead
	}
	desc := d.Doc
	if d.Kind == KindRequest {
		desc = ""
		if d.node != nil {
			desc = StripHTML(str(d.node["description"]))
		}
	}
	if desc != "" {
		return lead + "\n\n" + desc
	}
	return lead
}

func renderStruct(b *bytes.Buffer, d *Decl, cycles map[string]bool) {
	fmt.Fprintf(b, "\n%stype %s struct {\n", Comment(structDoc(d), "", 80), d.Name)
	for _, f := range d.Fields {
		if f.Doc != "" {
			b.WriteString(Comment(f.Doc, "\t", 80))
		}
		typ := f.Type
		if f.Pointer || cycles[d.Name+"."+f.Name] {
			typ = "*" + typ
		}
		tag := f.JSON
		switch {
		case strings.HasPrefix(typ, "*"):
			tag += ",omitempty"
		case f.Omit != "":
			tag += "," + f.Omit
		}
		fmt.Fprintf(b, "\t%s %s `json:%s`\n", f.Name, typ, strconv.Quote(tag))
	}
	b.WriteString("}\n")
}

// renderRedaction writes the fmt and slog methods of a type that holds a
// Secret, as the hand-written models have them.
func renderRedaction(b *bytes.Buffer, pkg, name string) {
	fmt.Fprintf(b, "\n// Format implements fmt.Formatter: every verb prints %s with its secrets\n// redacted.\n", name)
	fmt.Fprintf(b, "func (x %s) Format(f fmt.State, verb rune) {\n\ttype plain %s\n\tformatModel(f, verb, %q, plain(x))\n}\n", name, name, pkg+"."+name)
	fmt.Fprintf(b, "\n// LogValue implements slog.LogValuer with every secret redacted.\n")
	fmt.Fprintf(b, "func (x %s) LogValue() slog.Value { return RedactedLogValue(x) }\n", name)
}

// secretHolders returns the generated struct types that hold a Secret,
// directly or through another type (generated or hand-written).
func (t *Types) secretHolders() map[string]bool {
	holds := map[string]bool{}
	for changed := true; changed; {
		changed = false
		for _, d := range t.decls {
			if d.Kind == KindEnum || holds[d.Name] {
				continue
			}
			for _, f := range d.Fields {
				for _, id := range typeIdents(f.Type) {
					if id == "Secret" || holds[id] || (t.handSecret[id] && t.decls[id] == nil) {
						holds[d.Name], changed = true, true
					}
				}
			}
		}
	}
	return holds
}

// typeIdents lists the identifiers of a Go type expression.
func typeIdents(typ string) []string {
	return strings.FieldsFunc(typ, func(r rune) bool {
		return !(r == '_' || r == '.' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9')
	})
}

// valueCycles returns the fields ("Type.Field") that must be pointers
// because the struct would otherwise contain itself by value.
func (t *Types) valueCycles() map[string]bool {
	out := map[string]bool{}
	for _, d := range t.decls {
		if d.Kind == KindEnum {
			continue
		}
		for _, f := range d.Fields {
			if f.Pointer || t.decls[f.Type] == nil || t.decls[f.Type].Kind == KindEnum {
				continue
			}
			if t.reaches(f.Type, d.Name, map[string]bool{}) {
				out[d.Name+"."+f.Name] = true
			}
		}
	}
	// Every field found closes a cycle; making all of them pointers is
	// more than needed but always compiles and is stable.
	return out
}

// reaches reports whether struct from contains struct to by value.
func (t *Types) reaches(from, to string, seen map[string]bool) bool {
	if from == to {
		return true
	}
	if seen[from] {
		return false
	}
	seen[from] = true
	d := t.decls[from]
	if d == nil || d.Kind == KindEnum {
		return false
	}
	for _, f := range d.Fields {
		if f.Pointer || t.decls[f.Type] == nil {
			continue
		}
		if t.reaches(f.Type, to, seen) {
			return true
		}
	}
	return false
}

// TestFile is the test file RenderModelsTest writes next to the models.
const TestFile = "models_gen_test.go"

// RenderModelsTest writes models_gen_test.go: the generated types' entries
// in the tables the package's hand-written tests walk (secretHolders, the
// enums' Values functions, converterCases), so that every generated type
// is held to the same checks as a hand-written one.
func RenderModelsTest(pkg string, t *Types) ([]byte, error) {
	decls := t.Decls()
	holders := t.secretHolders()
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s\npackage %s\n\nimport \"maps\"\n\n", Header, pkg)
	b.WriteString("// init adds the generated types to the tables the package's tests walk.\nfunc init() {\n")
	b.WriteString("\tmaps.Copy(secretHolders, map[string]any{\n")
	for _, d := range decls {
		if holders[d.Name] {
			fmt.Fprintf(&b, "\t\t%q: &%s{},\n", d.Name, d.Name)
		}
	}
	b.WriteString("\t})\n\tenumValueFuncs = append(enumValueFuncs,\n")
	for _, d := range decls {
		if d.Kind == KindEnum {
			fmt.Fprintf(&b, "\t\t%sValues,\n", d.Name)
		}
	}
	b.WriteString("\t)\n")
	if conv := t.converters(); len(conv) > 0 {
		b.WriteString("\tconverterCases = append(converterCases,\n")
		for _, c := range conv {
			fmt.Fprintf(&b, "\t\tconverterCase{\n\t\t\tname: %q,\n", c.Model+".UpdateRequest")
			fmt.Fprintf(&b, "\t\t\tmodel: func() any { return &%s{} },\n", c.Model)
			fmt.Fprintf(&b, "\t\t\tconvert: func(m any) any { return m.(*%s).UpdateRequest() },\n", c.Model)
			if len(c.RequestOnly) > 0 {
				fmt.Fprintf(&b, "\t\t\trequestOnly: []string{%s},\n", quoteAll(c.RequestOnly))
			}
			if len(c.NotCopied) > 0 {
				b.WriteString("\t\t\tnotCopied: map[string]string{\n")
				for _, nc := range c.NotCopied {
					fmt.Fprintf(&b, "\t\t\t\t%q: %q,\n", nc[0], nc[1])
				}
				b.WriteString("\t\t\t},\n")
			}
			b.WriteString("\t\t},\n")
		}
		b.WriteString("\t)\n")
	}
	b.WriteString("}\n")
	b.WriteString("\n// generatedModels is every generated struct type, for the tests that walk\n// them (TestGeneratedModelsRoundTrip).\nvar generatedModels = map[string]any{\n")
	for _, d := range decls {
		if d.Kind != KindEnum {
			fmt.Fprintf(&b, "\t%q: &%s{},\n", d.Name, d.Name)
		}
	}
	b.WriteString("}\n")
	src, err := format.Source(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("gen: format models test: %w\n%s", err, b.Bytes())
	}
	return src, nil
}

func quoteAll(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}

// Converter is a generated model -> update request converter.
type Converter struct {
	Model, Request string
	Copied         []ConvField // the fields both have, by JSON name
	RequestOnly    []string    // JSON names of request fields the model lacks
	NotCopied      [][2]string // JSON name and reason of fields whose types differ
}

// ConvField is one copied field.
type ConvField struct {
	Model, Request Field
}

// converters pairs each generated PUT request of a component schema with
// the model of the same schema, generated or hand-written (when the
// hand-written one has no UpdateRequest method yet): the model gets
// UpdateRequest. A hand-written model's field whose type differs from the
// request's is not copied, and the test table says why.
func (t *Types) converters() []Converter {
	var out []Converter
	for _, d := range t.Decls() {
		if d.Kind != KindRequest || d.Method != "PUT" || d.schema == "" {
			continue
		}
		model := t.byKey["schema:"+d.schema]
		var fields []Field
		hand := false
		if md := t.decls[model]; md != nil && md.Kind == KindStruct {
			fields = md.Fields
		} else if h := t.hand[d.schema]; h != "" && t.handStructs[h] != nil && !t.handMethods[h+".UpdateRequest"] {
			model, fields, hand = h, t.handStructs[h], true
		} else {
			continue
		}
		c := Converter{Model: model, Request: d.Name}
		for _, rf := range d.Fields {
			i := slices.IndexFunc(fields, func(f Field) bool { return f.JSON == rf.JSON })
			switch {
			case i < 0:
				c.RequestOnly = append(c.RequestOnly, rf.JSON)
			case hand && fields[i].Type == "*"+rf.Type:
				mf := fields[i]
				mf.Type, mf.Pointer = rf.Type, true
				c.Copied = append(c.Copied, ConvField{Model: mf, Request: rf})
			case hand && fields[i].Type != rf.Type:
				c.NotCopied = append(c.NotCopied, [2]string{rf.JSON, fmt.Sprintf("the hand-written %s holds it as %s, the request as %s", model, fields[i].Type, rf.Type)})
			default:
				c.Copied = append(c.Copied, ConvField{Model: fields[i], Request: rf})
			}
		}
		out = append(out, c)
	}
	return out
}

// renderConverter writes the model's UpdateRequest: every field the model
// and its update request share is copied (deeply, so the request shares
// nothing with the model); a zero optional value is left nil, except a
// bool, whose false is a value.
func renderConverter(b *bytes.Buffer, t *Types, c Converter, cycles map[string]bool) {
	fmt.Fprintf(b, "\n// UpdateRequest returns the full-replace body holding every writable field\n// of m, so that a read-modify-write keeps what the caller did not change.\n")
	fmt.Fprintf(b, "func (m *%s) UpdateRequest() *%s {\n\treturn &%s{\n", c.Model, c.Request, c.Request)
	for _, f := range c.Copied {
		src := "m." + f.Model.Name
		modelPtr := f.Model.Pointer || cycles[c.Model+"."+f.Model.Name]
		reqPtr := f.Request.Pointer || cycles[c.Request+"."+f.Request.Name]
		var expr string
		switch {
		case modelPtr && reqPtr:
			expr = "deepCopy(" + src + ")"
		case modelPtr:
			expr = "deref(deepCopy(" + src + "))"
		case !reqPtr && t.isScalar(f.Model.Type):
			expr = src
		case !reqPtr:
			expr = "deepCopy(" + src + ")"
		case f.Model.Type == "bool":
			expr = "Ptr(" + src + ")"
		case t.isScalar(f.Model.Type) || f.Model.Type == "time.Time":
			expr = "ptrUnlessZero(" + src + ")"
		default:
			expr = "copyUnlessZero(" + src + ")"
		}
		fmt.Fprintf(b, "\t\t%s: %s,\n", f.Request.Name, expr)
	}
	b.WriteString("\t}\n}\n")
}

// isScalar reports whether a Go type is copied by assignment: a string,
// number, bool, Secret or enum.
func (t *Types) isScalar(typ string) bool {
	switch typ {
	case "string", "int", "int64", "float64", "bool", "Secret":
		return true
	}
	if d := t.decls[typ]; d != nil {
		return d.Kind == KindEnum
	}
	return t.enumTypes[typ]
}

// patternVars names the package variable of each enforced pattern, in
// sorted order: specPattern1, specPattern2...
func patternVars(decls []*Decl) map[string]string {
	var pats []string
	for _, d := range decls {
		for _, r := range d.Rules {
			if r.Kind == "pattern" {
				pats = append(pats, r.Pattern)
			}
		}
	}
	slices.Sort(pats)
	pats = slices.Compact(pats)
	out := make(map[string]string, len(pats))
	for i, p := range pats {
		out[p] = fmt.Sprintf("specPattern%d", i+1)
	}
	return out
}

func renderPatterns(b *bytes.Buffer, patterns map[string]string) {
	if len(patterns) == 0 {
		return
	}
	b.WriteString("\n// The spec's patterns that generated Validate methods enforce, each as a\n// whole-value match.\nvar (\n")
	pats := slices.Sorted(func(yield func(string) bool) {
		for p := range patterns {
			if !yield(p) {
				return
			}
		}
	})
	for _, p := range pats {
		fmt.Fprintf(b, "\t%s = regexp.MustCompile(%s)\n", patterns[p], strconv.Quote("^(?:"+p+")$"))
	}
	b.WriteString(")\n")
}

// renderValidate writes a request's validate and Validate methods.
func renderValidate(b *bytes.Buffer, d *Decl, patterns map[string]string) {
	fmt.Fprintf(b, "\n// Validate reports, as a *ValidationError, every problem of r that the\n// spec's rules for schema %s find; nil when there is none.\n", d.Source)
	fmt.Fprintf(b, "func (r *%s) Validate() error { return validateRequest(r) }\n\n", d.Name)
	if len(d.Rules) == 0 {
		fmt.Fprintf(b, "func (r *%s) validate(*validator) {}\n", d.Name)
		return
	}
	fmt.Fprintf(b, "func (r *%s) validate(v *validator) {\n", d.Name)
	for _, r := range d.Rules {
		val := "r." + r.Field
		if r.Pointer {
			val = "*r." + r.Field
			fmt.Fprintf(b, "\tif r.%s != nil {\n", r.Field)
		}
		q := strconv.Quote(r.JSON)
		sval := val // as a string
		if r.GoType != "string" {
			sval = "string(" + val + ")"
		}
		switch r.Kind {
		case "required":
			fmt.Fprintf(b, "\tv.required(%s, %s)\n", q, sval)
		case "length":
			switch {
			case r.Min != "" && r.Max != "":
				fmt.Fprintf(b, "\tv.length(%s, %s, %s, %s)\n", q, sval, r.Min, r.Max)
			case r.Min != "":
				fmt.Fprintf(b, "\tv.check(%s == \"\" || utf8.RuneCountInString(%s) >= %s, %s, %s)\n", val, sval, r.Min, q, strconv.Quote("must be at least "+r.Min+" characters"))
			default:
				fmt.Fprintf(b, "\tv.check(utf8.RuneCountInString(%s) <= %s, %s, %s)\n", sval, r.Max, q, strconv.Quote("must be at most "+r.Max+" characters"))
			}
		case "range":
			conds, words := []string{}, ""
			if r.Min != "" {
				conds = append(conds, fmt.Sprintf("%s >= %s", val, r.Min))
			}
			if r.Max != "" {
				conds = append(conds, fmt.Sprintf("%s <= %s", val, r.Max))
			}
			switch {
			case r.Min != "" && r.Max != "":
				words = "must be between " + r.Min + " and " + r.Max
			case r.Min != "":
				words = "must be at least " + r.Min
			default:
				words = "must be at most " + r.Max
			}
			fmt.Fprintf(b, "\tv.check(%s, %s, %s)\n", strings.Join(conds, " && "), q, strconv.Quote(words))
		case "enum":
			fmt.Fprintf(b, "\tv.enum(%s, %s, r.%s.Valid())\n", q, sval, r.Field)
		case "enums":
			fmt.Fprintf(b, "\tfor _, e := range r.%s {\n\t\tv.enum(%s, string(e), e.Valid())\n\t}\n", r.Field, q)
		case "pattern":
			fmt.Fprintf(b, "\tv.check(%s == \"\" || %s.MatchString(%s), %s, %s)\n", val, patterns[r.Pattern], sval, q, strconv.Quote("must match "+r.Pattern))
		}
		if r.Pointer {
			b.WriteString("\t}\n")
		}
	}
	b.WriteString("}\n")
}
