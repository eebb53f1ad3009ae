package gen

// plainTypes is a TypeNamer for tests: JSON objects are maps.
type plainTypes struct{ s *Spec }

func (p plainTypes) Expr(n map[string]any, hint string) string {
	n = p.s.Resolve(n)
	switch str(n["type"]) {
	case "array":
		return "[]" + p.Expr(asMap(n["items"]), hint)
	case "string":
		return "string"
	case "integer":
		return "int64"
	case "number":
		return "float64"
	case "boolean":
		return "bool"
	}
	if n != nil && n["properties"] != nil {
		return "Obj"
	}
	return "map[string]any"
}

func (p plainTypes) Body(n map[string]any, method, hint string) string { return p.Expr(n, hint) }
