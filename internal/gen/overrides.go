package gen

import (
	"bytes"
	_ "embed"
	"fmt"
	"go/token"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

//go:embed overrides.yaml
var overridesYAML []byte

// Overrides is the overrides file: the one place that records where the
// SDK departs from the spec or names what the spec leaves unnamed. Every
// entry carries a one-line reason.
type Overrides struct {
	Enums  []EnumOverride  `yaml:"enums"`
	Models []ModelOverride `yaml:"models"`
	// SchemaNames gives Go names to generated types where the mechanical
	// name (TypeName) clashes or reads badly.
	SchemaNames []SchemaName `yaml:"schemaNames"`
	// Services maps each spec tag of a generated operation to the Go
	// service that holds its methods.
	Services []ServiceOverride `yaml:"services"`
	// Operations names the generated methods whose mechanical names
	// (MethodName) do not read well or clash.
	Operations []OperationOverride `yaml:"operations"`
	// Patterns lists spec patterns the generated validation does not
	// enforce.
	Patterns []PatternNote `yaml:"patterns"`
	// ServerAssigned lists properties the platform fills, left out of the
	// generated request bodies of the given methods.
	ServerAssigned []ServerAssigned `yaml:"serverAssigned"`
	// Generate lists component schemas whose models are generated although
	// no generated method uses them: the hand-written methods' models that
	// moved onto generated code.
	Generate []GenerateModel `yaml:"generate"`
	// Bodies gives a JSON request body to operations the spec describes
	// without one although the platform needs it.
	Bodies []BodyOverride `yaml:"bodies"`
}

// BodyOverride is the JSON request body, a component schema, of an
// operation whose spec entry has no requestBody.
type BodyOverride struct {
	ID     string `yaml:"id"` // the operationId
	Schema string `yaml:"schema"`
	Reason string `yaml:"reason"`
}

// ServiceOverride puts the operations of a spec tag on a Go service.
type ServiceOverride struct {
	Tag  string `yaml:"tag"`
	Name string `yaml:"name"` // the Client field; the type is <Name>Service
	Doc  string `yaml:"doc"`  // one line: the type's doc comment
	// Segments are the path segments that name the service's own resource
	// (besides its name, singular or plural): method names leave them out.
	Segments []string `yaml:"segments"`
}

// OperationOverride names the generated method of an operation.
type OperationOverride struct {
	ID   string `yaml:"id"` // the operationId
	Name string `yaml:"name"`
	// Doc, when set, is the doc comment's first sentence after the method's
	// name ("activates several accounts"): for a summary that is not one.
	Doc    string `yaml:"doc"`
	Reason string `yaml:"reason"`
}

// GenerateModel is a component schema whose model is always generated.
type GenerateModel struct {
	Schema string          `yaml:"schema"`
	Doc    string          `yaml:"doc"` // leads the type's doc comment
	Reason string          `yaml:"reason"`
	Fields []GenerateField `yaml:"fields"` // per-field names and notes
}

// GenerateField names or annotates one field of a generated model: the
// Go name where FieldName's differs from the name the SDK has always
// used, and a note that leads the field's doc comment (what the
// hand-written model said about the field).
type GenerateField struct {
	Field  string `yaml:"field"` // the JSON property name
	Name   string `yaml:"name"`  // the Go field name, "" for FieldName's
	Note   string `yaml:"note"`  // leads the field's doc comment
	Reason string `yaml:"reason"`
}

// PatternNote is a spec pattern, written exactly as the spec writes it,
// that the generated validation leaves out.
type PatternNote struct {
	Pattern string `yaml:"pattern"`
	Reason  string `yaml:"reason"`
}

// ServerAssigned is a property the platform assigns: a request body of one
// of Methods does not carry it.
type ServerAssigned struct {
	Field   string   `yaml:"field"`
	Methods []string `yaml:"methods"`
	Reason  string   `yaml:"reason"`
}

// SchemaName names one generated type. Source is a component schema, an
// inline location ("Schema.property", as Types reports it in a clash), or
// "METHOD Schema" for a request body.
type SchemaName struct {
	Source string `yaml:"source"`
	Name   string `yaml:"name"`
	Hand   bool   `yaml:"hand"` // Name is a hand-written type: use it, generate nothing
	Reason string `yaml:"reason"`
}

// ModelOverride ties a Go response model of package alianza (or the
// unexported type a model is encoded through) to the spec schema whose
// properties it carries, and lists where the two knowingly differ.
type ModelOverride struct {
	Type   string      `yaml:"type"`
	Schema string      `yaml:"schema"`
	Extra  []FieldNote `yaml:"extra"` // JSON fields the model has that the schema lacks
	Omit   []FieldNote `yaml:"omit"`  // schema properties the model leaves out
}

// FieldNote is one JSON field name with the reason it is listed.
type FieldNote struct {
	Field  string `yaml:"field"`
	Reason string `yaml:"reason"`
}

// EnumOverride makes one Go enum type from the enum at Source (see
// Spec.Lookup for the forms a source takes).
type EnumOverride struct {
	Type    string           `yaml:"type"`
	Source  string           `yaml:"source"`
	Reason  string           `yaml:"reason"`
	Note    string           `yaml:"note"`    // leads the type's doc comment
	Names   map[string]Named `yaml:"names"`   // spec value -> Go name where GoName's differs
	Aliases map[string]Alias `yaml:"aliases"` // variant read on decode -> spec value
	Extra   []Extra          `yaml:"extra"`   // values the SDK keeps that the spec lacks
	Omit    []Omit           `yaml:"omit"`    // spec values the SDK leaves out
}

// Named gives a value's Go name.
type Named struct {
	Name   string `yaml:"name"`
	Reason string `yaml:"reason"`
}

// Alias is a variant of a value that decoding accepts as the value.
type Alias struct {
	Value  string `yaml:"value"`
	Reason string `yaml:"reason"`
}

// Extra is a value the SDK defines that the spec's enum lacks.
type Extra struct {
	Value  string `yaml:"value"`
	Name   string `yaml:"name"`
	Reason string `yaml:"reason"`
}

// Omit is a spec value the SDK does not define.
type Omit struct {
	Value  string `yaml:"value"`
	Reason string `yaml:"reason"`
}

// DefaultOverrides returns the checked-in overrides file.
func DefaultOverrides() (*Overrides, error) { return ParseOverrides(overridesYAML) }

// ParseOverrides decodes an overrides file strictly (an unknown key is an
// error) and checks every entry: a Go type name, a source and a one-line
// reason on each entry.
func ParseOverrides(data []byte) (*Overrides, error) {
	var ov Overrides
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&ov); err != nil {
		return nil, fmt.Errorf("gen: overrides: %w", err)
	}
	if err := ov.check(); err != nil {
		return nil, fmt.Errorf("gen: overrides: %w", err)
	}
	return &ov, nil
}

var (
	goIdent    = regexp.MustCompile(`^[A-Z][A-Za-z0-9]*$`)
	nameSuffix = regexp.MustCompile(`^[A-Z0-9][A-Za-z0-9]*$`) // follows a type name
)

func checkReason(where, reason string) error {
	switch {
	case strings.TrimSpace(reason) == "":
		return fmt.Errorf("%s: no reason", where)
	case strings.Contains(strings.TrimSpace(reason), "\n"):
		return fmt.Errorf("%s: the reason is more than one line", where)
	}
	return nil
}

// checkType checks an entry's Go type name: valid, and not listed before
// in seen.
func checkType(where, typ string, valid func(string) bool, want string, seen map[string]bool) error {
	if !valid(typ) {
		return fmt.Errorf("%s: type %q is not %s", where, typ, want)
	}
	if seen[typ] {
		return fmt.Errorf("%s: type listed twice", where)
	}
	seen[typ] = true
	return nil
}

func (ov *Overrides) check() error {
	seen := map[string]bool{}
	for i, e := range ov.Enums {
		where := fmt.Sprintf("enums[%d] %s", i, e.Type)
		if err := checkType(where, e.Type, goIdent.MatchString, "an exported Go name", seen); err != nil {
			return err
		}
		if err := e.check(where); err != nil {
			return err
		}
	}
	models := map[string]bool{}
	for i, m := range ov.Models {
		where := fmt.Sprintf("models[%d] %s", i, m.Type)
		if err := checkType(where, m.Type, token.IsIdentifier, "a Go name", models); err != nil {
			return err
		}
		if m.Schema == "" {
			return fmt.Errorf("%s: no schema", where)
		}
		for _, n := range append(slices.Clone(m.Extra), m.Omit...) {
			if n.Field == "" {
				return fmt.Errorf("%s: a field note without a field", where)
			}
			if err := checkReason(fmt.Sprintf("%s: %s", where, n.Field), n.Reason); err != nil {
				return err
			}
		}
	}
	tags := map[string]bool{}
	for i, so := range ov.Services {
		where := fmt.Sprintf("services[%d] %s", i, so.Tag)
		switch {
		case so.Tag == "":
			return fmt.Errorf("%s: no tag", where)
		case tags[so.Tag]:
			return fmt.Errorf("%s: tag listed twice", where)
		case !goIdent.MatchString(so.Name):
			return fmt.Errorf("%s: name %q is not an exported Go name", where, so.Name)
		case strings.TrimSpace(so.Doc) == "" || strings.Contains(strings.TrimSpace(so.Doc), "\n"):
			return fmt.Errorf("%s: doc must be one line", where)
		}
		tags[so.Tag] = true
	}
	ids := map[string]bool{}
	for i, o := range ov.Operations {
		where := fmt.Sprintf("operations[%d] %s", i, o.ID)
		switch {
		case o.ID == "":
			return fmt.Errorf("%s: no id", where)
		case ids[o.ID]:
			return fmt.Errorf("%s: operation listed twice", where)
		case !goIdent.MatchString(o.Name):
			return fmt.Errorf("%s: name %q is not an exported Go name", where, o.Name)
		}
		ids[o.ID] = true
		if err := checkReason(where, o.Reason); err != nil {
			return err
		}
	}
	for i, p := range ov.Patterns {
		if err := checkReason(fmt.Sprintf("patterns[%d] %s", i, p.Pattern), p.Reason); err != nil {
			return err
		}
	}
	for i, sa := range ov.ServerAssigned {
		where := fmt.Sprintf("serverAssigned[%d] %s", i, sa.Field)
		if sa.Field == "" || len(sa.Methods) == 0 {
			return fmt.Errorf("%s: a field and its methods are required", where)
		}
		if err := checkReason(where, sa.Reason); err != nil {
			return err
		}
	}
	for i, g := range ov.Generate {
		where := fmt.Sprintf("generate[%d] %s", i, g.Schema)
		if g.Schema == "" {
			return fmt.Errorf("%s: no schema", where)
		}
		if err := checkReason(where, g.Reason); err != nil {
			return err
		}
		if slices.ContainsFunc(ov.Models, func(m ModelOverride) bool { return m.Schema == g.Schema }) {
			return fmt.Errorf("%s: the models table ties the schema to a hand-written model", where)
		}
		seen := map[string]bool{}
		for _, f := range g.Fields {
			fw := fmt.Sprintf("%s: field %s", where, f.Field)
			switch {
			case f.Field == "":
				return fmt.Errorf("%s: a field entry without field", where)
			case seen[f.Field]:
				return fmt.Errorf("%s: listed twice", fw)
			case f.Name == "" && strings.TrimSpace(f.Note) == "":
				return fmt.Errorf("%s: neither name nor note", fw)
			case f.Name != "" && !token.IsExported(f.Name):
				return fmt.Errorf("%s: name %q is not an exported Go name", fw, f.Name)
			}
			seen[f.Field] = true
			if f.Name != "" {
				if err := checkReason(fw, f.Reason); err != nil {
					return err
				}
			}
		}
	}
	names := map[string]bool{}
	for i, n := range ov.SchemaNames {
		where := fmt.Sprintf("schemaNames[%d] %s", i, n.Source)
		if n.Source == "" {
			return fmt.Errorf("%s: no source", where)
		}
		if err := checkType(where, n.Name, goIdent.MatchString, "an exported Go name", names); err != nil {
			return err
		}
		if err := checkReason(where, n.Reason); err != nil {
			return err
		}
	}
	return nil
}

// check checks an enums entry's source, reason, names, aliases, extra
// values and omitted values.
func (e EnumOverride) check(where string) error {
	if e.Source == "" {
		return fmt.Errorf("%s: no source", where)
	}
	if err := checkReason(where, e.Reason); err != nil {
		return err
	}
	for v, n := range e.Names {
		if !nameSuffix.MatchString(n.Name) {
			return fmt.Errorf("%s: names[%q]: %q cannot follow a type name", where, v, n.Name)
		}
		if err := checkReason(fmt.Sprintf("%s: names[%q]", where, v), n.Reason); err != nil {
			return err
		}
	}
	for v, a := range e.Aliases {
		if err := checkReason(fmt.Sprintf("%s: aliases[%q]", where, v), a.Reason); err != nil {
			return err
		}
		if a.Value == v {
			return fmt.Errorf("%s: aliases[%q] maps to itself", where, v)
		}
	}
	for _, x := range e.Extra {
		if !nameSuffix.MatchString(x.Name) {
			return fmt.Errorf("%s: extra %q: name %q cannot follow a type name", where, x.Value, x.Name)
		}
		if err := checkReason(fmt.Sprintf("%s: extra %q", where, x.Value), x.Reason); err != nil {
			return err
		}
	}
	for _, o := range e.Omit {
		if err := checkReason(fmt.Sprintf("%s: omit %q", where, o.Value), o.Reason); err != nil {
			return err
		}
	}
	return nil
}
