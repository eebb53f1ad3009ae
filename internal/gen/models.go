package gen

import (
	"fmt"
	"go/ast"
	"go/parser"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// GoModels reads the struct types of the non-test Go files in dir and
// returns, for each, the JSON names encoding/json uses for its fields:
// the json tag's name, else the exported field's name; a field tagged "-"
// is left out and an untagged embedded struct of the same package
// contributes its own fields. The sources are parsed, not compiled, so the
// generator runs even when the package does not build.
func GoModels(dir string) (map[string][]string, error) {
	files, err := parseSources(dir, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	structs := map[string]*ast.StructType{}
	for _, file := range files {
		ast.Inspect(file, func(n ast.Node) bool {
			if ts, ok := n.(*ast.TypeSpec); ok {
				if st, ok := ts.Type.(*ast.StructType); ok {
					structs[ts.Name.Name] = st
				}
			}
			return true
		})
	}
	out := make(map[string][]string, len(structs))
	for name, st := range structs {
		set := map[string]bool{}
		jsonFields(st, structs, set, map[string]bool{name: true})
		out[name] = slices.Sorted(maps.Keys(set))
	}
	return out, nil
}

func jsonFields(st *ast.StructType, structs map[string]*ast.StructType, set, visiting map[string]bool) {
	for _, f := range st.Fields.List {
		tag := ""
		if f.Tag != nil {
			if raw, err := strconv.Unquote(f.Tag.Value); err == nil {
				tag = reflect.StructTag(raw).Get("json")
			}
		}
		name, _, _ := strings.Cut(tag, ",")
		if name == "-" && !strings.Contains(tag, ",") {
			continue
		}
		if len(f.Names) == 0 { // embedded
			typ := f.Type
			if star, ok := typ.(*ast.StarExpr); ok {
				typ = star.X
			}
			id, _ := typ.(*ast.Ident)
			if name == "" && id != nil && structs[id.Name] != nil && !visiting[id.Name] {
				visiting[id.Name] = true
				jsonFields(structs[id.Name], structs, set, visiting)
				delete(visiting, id.Name)
				continue
			}
			if name == "" && id != nil && ast.IsExported(id.Name) {
				set[id.Name] = true
			} else if name != "" {
				set[name] = true
			}
			continue
		}
		for _, n := range f.Names {
			switch {
			case !n.IsExported():
			case name != "":
				set[name] = true
			default:
				set[n.Name] = true
			}
		}
	}
}

// ModelDrift is how one Go model differs from its schema in a spec version.
type ModelDrift struct {
	Type, Schema string
	Problem      string   // the model or the schema is missing
	Missing      []string // schema properties the model lacks
	Unknown      []string // model JSON fields the schema lacks
}

func (m ModelDrift) changed() bool {
	return m.Problem != "" || len(m.Missing)+len(m.Unknown) > 0
}

// CheckModels compares each model of the overrides file with its schema in
// target (a component schema, or Schema.property for an object declared
// inline, the item for an array): the schema's properties (its own and its allOf members', through
// $refs) against the model's JSON fields from models (see GoModels). The
// fields the entry lists as extra or omitted are not reported.
func CheckModels(target *Spec, ov *Overrides, models map[string][]string) []ModelDrift {
	out := make([]ModelDrift, 0, len(ov.Models))
	for _, o := range ov.Models {
		md := ModelDrift{Type: o.Type, Schema: o.Schema}
		fields, ok := models[o.Type]
		node, err := target.Lookup(o.Schema)
		sch := node.Schema
		if it := asMap(sch["items"]); it != nil { // Schema.list: the list's item
			sch = target.Resolve(it)
		}
		switch {
		case !ok:
			md.Problem = fmt.Sprintf("no Go struct type %s", o.Type)
		case err != nil:
			md.Problem = err.Error()
		case sch == nil:
			md.Problem = "unresolvable $ref"
		default:
			props := target.Fields(sch)
			noted := func(list []FieldNote, f string) bool {
				return slices.ContainsFunc(list, func(n FieldNote) bool { return n.Field == f })
			}
			for _, p := range slices.Sorted(maps.Keys(props)) {
				if !slices.Contains(fields, p) && !noted(o.Omit, p) {
					md.Missing = append(md.Missing, p)
				}
			}
			for _, f := range fields {
				if _, ok := props[f]; !ok && !noted(o.Extra, f) {
					md.Unknown = append(md.Unknown, f)
				}
			}
		}
		out = append(out, md)
	}
	return out
}
