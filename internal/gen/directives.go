package gen

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"sort"
	"strings"
)

// Directive is one //alianza:operation directive: a line of a function's
// doc comment naming the spec operation ("METHOD /path") the function calls.
type Directive struct {
	Func string // "AccountsService.Get", or "Get" for a plain function
	Op   string // "GET /v2/partition/{partitionId}/account/{accountId}"
	Doc  string // the function's doc comment
}

// Directives returns the //alianza:operation directives of the doc comments
// of the non-test Go files in dir, in file and source order.
func Directives(dir string) ([]Directive, error) {
	files, err := parseSources(dir, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	var out []Directive
	for _, file := range files {
		for _, d := range file.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Doc == nil {
				continue
			}
			for _, c := range fn.Doc.List {
				if op, ok := strings.CutPrefix(c.Text, "//alianza:operation "); ok {
					out = append(out, Directive{Func: funcName(fn), Op: strings.Join(strings.Fields(op), " "), Doc: fn.Doc.Text()})
				}
			}
		}
	}
	return out, nil
}

// parseSources parses the non-test Go files of dir, in file name order.
func parseSources(dir string, mode parser.Mode) ([]*ast.File, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	fset := token.NewFileSet()
	var files []*ast.File
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, name, nil, mode)
		if err != nil {
			return nil, err
		}
		files = append(files, file)
	}
	return files, nil
}

// funcName is "Recv.Name" for a method, "Name" for a function.
func funcName(fn *ast.FuncDecl) string {
	if fn.Recv == nil || len(fn.Recv.List) != 1 {
		return fn.Name.Name
	}
	rt := fn.Recv.List[0].Type
	if st, ok := rt.(*ast.StarExpr); ok {
		rt = st.X
	}
	if id, ok := rt.(*ast.Ident); ok {
		return id.Name + "." + fn.Name.Name
	}
	return fn.Name.Name
}

// ClaimedOperations returns the operations ("METHOD /path") named by the
// //alianza:operation directives of the non-test Go files in dir (see
// Directives): the operations the SDK has methods for, sorted, each once.
func ClaimedOperations(dir string) ([]string, error) {
	list, err := Directives(dir)
	if err != nil {
		return nil, err
	}
	ops := make([]string, 0, len(list))
	for _, d := range list {
		ops = append(ops, d.Op)
	}
	sort.Strings(ops)
	return slices.Compact(ops), nil
}
