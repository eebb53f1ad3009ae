package alianza

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEveryMethodTakesCallOptions holds every exported method of every
// service (hand-written or generated) to the per-call options idiom: a
// trailing `callOpts ...CallOption` that the method applies.
func TestEveryMethodTakesCallOptions(t *testing.T) {
	fset := token.NewFileSet()
	entries, err := os.ReadDir(".")
	require.NoError(t, err)
	methods := 0
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		require.NoError(t, err)
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Recv == nil || !fn.Name.IsExported() {
				continue
			}
			star, ok := fn.Recv.List[0].Type.(*ast.StarExpr)
			if !ok {
				continue
			}
			recv, ok := star.X.(*ast.Ident)
			if !ok || !strings.HasSuffix(recv.Name, "Service") {
				continue
			}
			params := fn.Type.Params.List
			if len(params) == 0 || exprString(params[0].Type) != "context.Context" {
				continue
			}
			methods++
			where := recv.Name + "." + fn.Name.Name
			last := params[len(params)-1]
			if !assert.Equal(t, "...CallOption", exprString(last.Type), "%s: the last parameter", where) {
				continue
			}
			// The options are applied: the method hands them on.
			var used bool
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				if id, ok := n.(*ast.Ident); ok && len(last.Names) > 0 && id.Name == last.Names[0].Name {
					used = true
				}
				return !used
			})
			assert.True(t, used, "%s: never uses its call options", where)
		}
	}
	assert.Greater(t, methods, 75)
	t.Logf("service methods with call options: %d", methods)
}

// exprString writes a parameter's type as source: "context.Context", "...CallOption".
func exprString(e ast.Expr) string {
	switch x := e.(type) {
	case *ast.Ident:
		return x.Name
	case *ast.SelectorExpr:
		return exprString(x.X) + "." + x.Sel.Name
	case *ast.Ellipsis:
		return "..." + exprString(x.Elt)
	case *ast.StarExpr:
		return "*" + exprString(x.X)
	}
	return "?"
}
