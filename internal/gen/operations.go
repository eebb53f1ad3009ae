package gen

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"net/http"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// TypeNamer gives Go types to the spec's schemas for the generated
// methods: Types does it for the generator; tests may use a simpler one.
type TypeNamer interface {
	// Expr is the Go type expression of a schema node; hint names an
	// inline object or enum.
	Expr(n map[string]any, hint string) string
	// Body is the Go type of a JSON request body of method.
	Body(n map[string]any, method, hint string) string
}

// HandWritten is what the hand-written sources of the root package hold
// that the generated methods must respect.
type HandWritten struct {
	// Services maps a service type ("UsersService") to its method names.
	Services map[string]map[string]bool
	// Claimed holds the operations ("METHOD /path") hand-written methods
	// claim with //alianza:operation directives.
	Claimed map[string]bool
	// Fields holds the names of Client's fields.
	Fields map[string]bool
	// Validators holds the types with a validate(*validator) method.
	Validators map[string]bool
}

// ReadHandWritten parses the non-test Go files of dir other than the
// generated ones (*_gen.go): the service types declared as `type XService
// service`, their methods, Client's fields and the claimed operations.
// The files are parsed, not compiled, so generation runs on a package that
// does not build (two branches each adding a method of the same name).
func ReadHandWritten(dir string) (*HandWritten, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	hw := &HandWritten{Services: map[string]map[string]bool{}, Claimed: map[string]bool{}, Fields: map[string]bool{}, Validators: map[string]bool{}}
	fset := token.NewFileSet()
	var files []*ast.File
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") || strings.HasSuffix(name, "_gen.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	for _, f := range files {
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.TYPE {
				continue
			}
			for _, sp := range gd.Specs {
				ts := sp.(*ast.TypeSpec)
				if id, ok := ts.Type.(*ast.Ident); ok && id.Name == "service" {
					hw.Services[ts.Name.Name] = map[string]bool{}
				}
				if st, ok := ts.Type.(*ast.StructType); ok && ts.Name.Name == "Client" {
					for _, fl := range st.Fields.List {
						for _, n := range fl.Names {
							hw.Fields[n.Name] = true
						}
					}
				}
			}
		}
	}
	for _, f := range files {
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok {
				continue
			}
			recv, name, _ := strings.Cut(funcName(fn), ".")
			if m := hw.Services[recv]; m != nil && name != "" {
				m[name] = true
			}
			if name == "validate" {
				hw.Validators[recv] = true
			}
			if fn.Doc == nil {
				continue
			}
			for _, c := range fn.Doc.List {
				if op, ok := strings.CutPrefix(c.Text, "//alianza:operation "); ok {
					hw.Claimed[strings.Join(strings.Fields(op), " ")] = true
				}
			}
		}
	}
	return hw, nil
}

// Validates reports whether name is a generated request type: RenderModels
// gives each one a validate method holding the schema's rules.
func (t *Types) Validates(name string) bool {
	d := t.decls[name]
	return d != nil && d.Kind == KindRequest
}

// Placeholder is a Go expression of a generated request type's pointer
// that its validate method accepts: each required field set to a value its
// rules allow, every optional one left nil. It is "" for a type Types did
// not generate, or when a required field's rule (a pattern) has no
// placeholder.
func (t *Types) Placeholder(name string) string {
	d := t.decls[name]
	if d == nil || d.Kind != KindRequest {
		return ""
	}
	type want struct {
		goType     string
		enum       bool
		patterns   []string
		minLen     int
		minN, maxN string
		present    bool
	}
	fields := map[string]*want{}
	var order []string
	for _, r := range d.Rules {
		if r.Pointer {
			continue // nil: not checked
		}
		w := fields[r.Field]
		if w == nil {
			w = &want{goType: r.GoType}
			fields[r.Field] = w
			order = append(order, r.Field)
		}
		switch r.Kind {
		case "enum":
			w.enum = true
		case "pattern":
			w.patterns = append(w.patterns, r.Pattern)
		case "length":
			if n, err := strconv.Atoi(r.Min); err == nil && n > w.minLen {
				w.minLen = n
			}
		case "range":
			w.minN, w.maxN = r.Min, r.Max
		case "present":
			w.present = true
		}
	}
	var sets []string
	for _, f := range order {
		w := fields[f]
		var val string
		switch {
		case w.present:
			val = w.goType + "{}"
		case w.enum:
			val = w.goType + "Values()[0]"
		case w.minN == "" && w.maxN == "":
			text, ok := placeholderText(max(w.minLen, 1), w.patterns)
			if !ok {
				return ""
			}
			val = strconv.Quote(text)
			if w.goType != "string" {
				val = w.goType + "(" + val + ")"
			}
		case w.minN != "":
			val = w.minN
		case w.maxN != "":
			val = w.maxN
		default:
			continue
		}
		sets = append(sets, f+": "+val)
	}
	return "&" + name + "{" + strings.Join(sets, ", ") + "}"
}

// placeholderText is a string of n or more characters that every pattern
// matches, tried from a few candidates; ok is false when none fits.
func placeholderText(n int, patterns []string) (string, bool) {
	for _, c := range []string{"x", "1", "a1", "x@example.com"} {
		text := strings.Repeat(c, max(1, (n+len(c)-1)/len(c)))
		fits := true
		for _, p := range patterns {
			re, err := regexp.Compile(p)
			if err != nil || !re.MatchString(text) {
				fits = false
				break
			}
		}
		if fits {
			return text, true
		}
	}
	return "", false
}

// ClaimedList returns the claimed operations, sorted.
func (hw *HandWritten) ClaimedList() []string { return sortedKeys(hw.Claimed) }

// Param is a path argument, query parameter or form field of a method.
type Param struct {
	Name     string // the spec's name
	Go       string // Go name: an unexported argument or an exported field
	Type     string // Go type
	Required bool
	Filled   bool   // a required query parameter the method fills when empty: always sent
	Enum     bool   // Type is an enum (or a slice of one): its values are checked
	First    string // Enum: the enum's first value, for placeholders
	Doc      string
}

// AnswerKind says what a method returns besides its error.
type AnswerKind int

// The kinds of answers.
const (
	AnswerNone   AnswerKind = iota // only an error
	AnswerJSON                     // a decoded JSON value
	AnswerStream                   // the body, copied to an io.Writer
)

// BodyKind says what a method sends as its request body.
type BodyKind int

// The kinds of bodies.
const (
	BodyNone      BodyKind = iota
	BodyJSON               // a typed value sent as JSON
	BodyMultipart          // an io.Reader sent as a multipart/form-data file
)

// Paging describes an operation whose answer is one page of a longer list.
type Paging struct {
	Index, Size string // query parameters: the page's start (offset or page number) and length
	ByPage      bool   // Index counts pages (pageNum), not records (firstResultIndex)
	Items       string // Go field of the answer holding the page's records
	Total       string // Go field holding the total count, or ""
	ItemType    string // Go type of one record
}

// Method is one generated method: an operation no hand-written method
// claims.
type Method struct {
	Op       Operation
	Service  string // Go service name, e.g. VoicemailBoxes (type VoicemailBoxesService)
	Name     string
	Summary  string // one line, HTML removed
	DocText  string // the overrides' first sentence after the name, "" when none
	Args     []Param
	Query    []Param
	Options  string // the options type, "" without query parameters
	Body     BodyKind
	BodyType string // BodyJSON: the Go type of the body
	BodyReq  bool   // the spec requires the body
	BodyRule bool   // BodyType has a validate method: its rules are checked before sending
	// BodySchema is the component schema of a body the overrides give an
	// operation the spec describes without one; "" otherwise.
	BodySchema string
	File       string // BodyMultipart: the form field holding the file
	Fields     []Param
	Answer     AnswerKind
	Type       string // AnswerJSON: the Go type decoded
	Accept     string // AnswerStream: the Accept header
	Code       string // the status code of the success answer the spec describes
	// BareAnswer says the spec's success answer is a string it does not
	// describe, which the method drops (deletes).
	BareAnswer bool
	Paging     *Paging
	// Fill lists the body's required fields the method sets itself: from
	// a path argument of the same name, or from the client's partition.
	Fill []Fill
	// FillQuery is the Go field of a required partitionId query parameter
	// the method fills with the client's partition when empty, or "".
	FillQuery string
}

// Fill is one request-body field a generated method sets.
type Fill struct {
	Field string // Go field of the body
	JSON  string
	Arg   string // the path argument's Go name; "" for the client's partition
}

// Pointer reports whether the answer is returned as *Type (a named type)
// rather than by value (slices, maps, scalars).
func (m *Method) Pointer() bool { return m.Answer == AnswerJSON && namedType(m.Type) }

// BodyPointer reports whether the JSON body is taken as *BodyType.
func (m *Method) BodyPointer() bool { return m.Body == BodyJSON && namedType(m.BodyType) }

func namedType(t string) bool {
	switch t {
	case "string", "Secret", "bool", "int", "int64", "float64", "any", "json.RawMessage", "time.Time":
		return false
	}
	return !strings.HasPrefix(t, "[]") && !strings.HasPrefix(t, "map[") && !strings.HasPrefix(t, "*")
}

// Service is a service type the generated methods hang on.
type Service struct {
	Name    string // VoicemailBoxes: the Client field; the type is VoicemailBoxesService
	Doc     string
	Hand    bool // declared by hand: the generator adds methods only
	Methods []*Method
}

// Plan is every generated method, by service.
type Plan struct {
	Services []*Service // sorted by name
	Methods  []*Method  // sorted by service, then name
}

// PlanOperations names and types a method for every live operation of s
// that hw does not claim. It fails on a tag with no service entry in the
// overrides, a method name used twice in a service (hand-written or
// generated), an overrides entry naming an operation that is not
// generated, and a service with no field on Client; the plan then comes
// with the error, for a report of every name.
func PlanOperations(s *Spec, ov *Overrides, hw *HandWritten, tn TypeNamer) (*Plan, error) {
	byTag := map[string]ServiceOverride{}
	for _, so := range ov.Services {
		byTag[so.Tag] = so
	}
	names := map[string]OperationOverride{}
	for _, o := range ov.Operations {
		names[o.ID] = o
	}
	services := map[string]*Service{}
	var errs []string
	used := map[string]bool{}
	bodies := map[string]BodyOverride{}
	for _, b := range ov.Bodies {
		bodies[b.ID] = b
	}
	usedBody := map[string]bool{}
	for _, op := range s.Operations() {
		if op.Deprecated || hw.Claimed[op.Key()] {
			continue
		}
		tag := ""
		if tags := asSlice(op.node["tags"]); len(tags) > 0 {
			tag = str(tags[0])
		}
		so, ok := byTag[tag]
		if !ok {
			errs = append(errs, fmt.Sprintf("%s (%s): tag %q has no entry in the overrides' services", op.Key(), op.ID, tag))
			continue
		}
		svc := services[so.Name]
		if svc == nil {
			_, hand := hw.Services[so.Name+"Service"]
			svc = &Service{Name: so.Name, Doc: so.Doc, Hand: hand}
			services[so.Name] = svc
		}
		m := &Method{Op: op, Service: so.Name, Summary: summary(op)}
		m.Name = MethodName(op, so, isList(s, op))
		if o, ok := names[op.ID]; ok {
			if o.Name != "" {
				m.Name = o.Name
			}
			m.DocText = o.Doc
			used[op.ID] = true
		}
		if err := planMethod(s, tn, m); err != nil {
			errs = append(errs, fmt.Sprintf("%s (%s): %v", op.Key(), op.ID, err))
			continue
		}
		if bo, ok := bodies[op.ID]; ok {
			usedBody[op.ID] = true
			switch {
			case m.Body != BodyNone:
				errs = append(errs, fmt.Sprintf("overrides: bodies %s: the spec gives the operation a body already", op.ID))
			case s.Schema(bo.Schema) == nil:
				errs = append(errs, fmt.Sprintf("overrides: bodies %s: no component schema %s", op.ID, bo.Schema))
			default:
				hint := TypeName(op.ID)
				m.Body, m.BodyReq, m.BodySchema = BodyJSON, true, bo.Schema
				m.BodyType = tn.Body(map[string]any{"$ref": schemaRefPrefix + bo.Schema}, op.Method, hint)
			}
		}
		if m.BodyPointer() {
			vt, ok := tn.(interface{ Validates(string) bool })
			m.BodyRule = hw.Validators[m.BodyType] || ok && vt.Validates(m.BodyType)
			planFill(tn, m)
		}
		for i, q := range m.Query {
			if q.Name == "partitionId" && q.Required && q.Type == "string" {
				m.FillQuery = q.Go
				doc := q.Doc
				if doc != "" && !strings.HasSuffix(doc, ".") {
					doc += "."
				}
				m.Query[i].Doc = strings.TrimSpace(doc + " Left empty, the client's partition is sent.")
				m.Query[i].Required = false
				m.Query[i].Filled = true
			}
		}
		svc.Methods = append(svc.Methods, m)
	}
	live := map[string]bool{}
	for _, op := range s.Operations() {
		live[op.ID] = !op.Deprecated
	}
	for _, o := range ov.Operations {
		// An entry for an operation a hand-written method took over is
		// left alone; one for an operation the spec lacks is stale.
		if !used[o.ID] && !live[o.ID] {
			errs = append(errs, fmt.Sprintf("overrides: operations %s: no live operation of the spec has this operationId", o.ID))
		}
	}
	for _, b := range ov.Bodies {
		if !usedBody[b.ID] {
			errs = append(errs, fmt.Sprintf("overrides: bodies %s: no generated method has this operationId", b.ID))
		}
	}
	dropFilledRules(tn, services)
	plan := &Plan{}
	for _, name := range sortedKeys(services) {
		svc := services[name]
		if !hw.Fields[svc.Name] {
			errs = append(errs, fmt.Sprintf("service %s: Client has no field %s (add `%s *%sService` to Client in client.go)", svc.Name, svc.Name, svc.Name, svc.Name))
		}
		errs = append(errs, clashes(svc, hw.Services[svc.Name+"Service"])...)
		sort.Slice(svc.Methods, func(i, j int) bool { return svc.Methods[i].Name < svc.Methods[j].Name })
		plan.Services = append(plan.Services, svc)
		plan.Methods = append(plan.Methods, svc.Methods...)
	}
	if len(errs) > 0 {
		return plan, fmt.Errorf("gen: operations:\n\t%s", strings.Join(errs, "\n\t"))
	}
	return plan, nil
}

// planFill finds the required string fields of m's request body that
// repeat a path argument (accountId in the body of a PUT to
// .../account/{accountId}) or name the partition: the method sets them, so
// the caller need not, and notes it on the field.
func planFill(tn TypeNamer, m *Method) {
	rf, ok := tn.(interface {
		RequestFields(string) []Field
		NoteField(name, field, note string)
	})
	if !ok {
		return
	}
	for _, f := range rf.RequestFields(m.BodyType) {
		if !f.Required || f.Pointer || f.Type != "string" || m.Op.Method == http.MethodPatch {
			continue
		}
		fill := Fill{Field: f.Name, JSON: f.JSON}
		switch i := slices.IndexFunc(m.Args, func(a Param) bool { return a.Name == f.JSON }); {
		case i >= 0:
			fill.Arg = m.Args[i].Go
			rf.NoteField(m.BodyType, f.Name, fmt.Sprintf("%sService.%s sets it from its %s argument.", m.Service, m.Name, fill.Arg))
		case f.JSON == "partitionId":
			rf.NoteField(m.BodyType, f.Name, fmt.Sprintf("Left empty, %sService.%s sets it to the client's partition.", m.Service, m.Name))
		default:
			continue
		}
		m.Fill = append(m.Fill, fill)
	}
}

// dropFilledRules drops the required rule of a request field that every
// method sending the request type fills: its Validate then does not ask
// the caller for it.
func dropFilledRules(tn TypeNamer, services map[string]*Service) {
	f, ok := tn.(interface{ Filled(name, field string) })
	if !ok {
		return
	}
	uses := map[string]int{}
	fills := map[[2]string]int{}
	for _, svc := range services {
		for _, m := range svc.Methods {
			if m.Body != BodyJSON {
				continue
			}
			uses[m.BodyType]++
			for _, fl := range m.Fill {
				fills[[2]string{m.BodyType, fl.Field}]++
			}
		}
	}
	for k, n := range fills {
		if n == uses[k[0]] {
			f.Filled(k[0], k[1])
		}
	}
}

// clashes names every method name of svc used twice, or used by a
// hand-written method of the service type; iterators count.
func clashes(svc *Service, hand map[string]bool) []string {
	var errs []string
	seen := map[string]*Method{}
	check := func(name string, m *Method) {
		if !token.IsExported(name) {
			errs = append(errs, fmt.Sprintf("%sService.%s (%s): not an exported Go name", svc.Name, name, m.Op.ID))
			return
		}
		if hand[name] {
			errs = append(errs, fmt.Sprintf("%sService.%s: %s would reuse the name of a hand-written method (name it in the overrides' operations)", svc.Name, name, m.Op.ID))
		}
		if prev := seen[name]; prev != nil {
			errs = append(errs, fmt.Sprintf("%sService.%s: both %s and %s get this name (name one in the overrides' operations)", svc.Name, name, prev.Op.ID, m.Op.ID))
		}
		seen[name] = m
	}
	for _, m := range svc.Methods {
		check(m.Name, m)
		if m.Paging != nil {
			check(m.Name+"All", m)
		}
	}
	return errs
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func summary(op Operation) string {
	s := StripHTML(str(op.node["summary"]))
	if s == "" {
		s = StripHTML(str(op.node["description"]))
	}
	if i := strings.Index(s, ". "); i > 0 {
		s = s[:i+1]
	}
	return s
}

// isList reports whether a GET answers a list: a JSON array, or an
// envelope of records (a paged search).
func isList(s *Spec, op Operation) bool {
	ct, n, _ := answerNode(s, op)
	n = s.Resolve(n)
	if ct != "application/json" {
		return false
	}
	if n == nil {
		return false
	}
	if str(n["type"]) == "array" {
		return true
	}
	_, _, ok := envelope(s, n)
	return ok
}

// envelope finds the array property of a page envelope (results,
// entities) and its total count property (totalRecords), if any.
func envelope(s *Spec, n map[string]any) (items, total string, ok bool) {
	props := mapAt(s.Resolve(n), "properties")
	for _, name := range []string{"results", "entities"} {
		if p := s.Resolve(asMap(props[name])); p != nil && str(p["type"]) == "array" {
			// Only totalRecords is known to count the whole list: the
			// spec does not say whether a page envelope's count does.
			if props["totalRecords"] != nil {
				return name, "totalRecords", true
			}
			return name, "", true
		}
	}
	return "", "", false
}

// answerNode returns the content type and schema of an operation's
// success answer (200 first, then other 2xx codes), and the status code;
// the schema is nil when the answer has no body.
func answerNode(s *Spec, op Operation) (string, map[string]any, string) {
	resp := mapAt(op.node, "responses")
	codes := sortedKeys(resp)
	for _, code := range codes {
		if !strings.HasPrefix(code, "2") {
			continue
		}
		r := s.Resolve(asMap(resp[code]))
		content := mapAt(r, "content")
		if len(content) == 0 {
			continue
		}
		for _, ct := range []string{"application/json", "*/*"} {
			if c := mapAt(content, ct); c != nil {
				return ct, asMap(c["schema"]), code
			}
		}
		for _, ct := range sortedKeys(content) {
			return ct, asMap(mapAt(content, ct)["schema"]), code
		}
	}
	return "", nil, ""
}

// planMethod fills in a method's arguments, options, body and answer.
func planMethod(s *Spec, tn TypeNamer, m *Method) error {
	op := m.Op
	// The hints are those Types.UseOperations gives, so that an inline
	// schema gets one Go type however it is reached.
	hint := TypeName(op.ID)
	if hint == "" {
		hint = TypeName(op.Method + " " + op.Path)
	}
	taken := map[string]bool{"ctx": true, "s": true, "opts": true, "req": true, "w": true, "v": true, "file": true, "filename": true, "fields": true, "err": true, "out": true}
	params := slices.Clone(asSlice(op.node["parameters"]))
	pe, _ := tn.(interface {
		ParamEnum(n map[string]any, name, source string) (string, string)
	})
	paramEnum := func(in, name string) (string, string) {
		if pe == nil {
			return "", ""
		}
		for _, p := range params {
			pm := s.Resolve(asMap(p))
			if str(pm["in"]) == in && str(pm["name"]) == name {
				return pe.ParamEnum(asMap(pm["schema"]), FieldGoName(name), op.ID+"."+name)
			}
		}
		return "", ""
	}
	for _, name := range placeholderNames(op.Path) {
		p := Param{Name: name, Go: ArgName(name), Type: "string", Required: true}
		if taken[p.Go] || token.IsKeyword(p.Go) {
			p.Go += "Arg"
		}
		if et, first := paramEnum("path", name); et != "" && !strings.HasPrefix(et, "[]") {
			p.Type, p.Enum, p.First = et, true, first
		}
		taken[p.Go] = true
		m.Args = append(m.Args, p)
	}
	for _, p := range params {
		pm := s.Resolve(asMap(p))
		if str(pm["in"]) != "query" {
			continue
		}
		req, _ := pm["required"].(bool)
		sch := s.Resolve(asMap(pm["schema"]))
		q := Param{Name: str(pm["name"]), Go: FieldGoName(str(pm["name"])), Type: queryType(s, sch, req), Required: req, Doc: StripHTML(str(pm["description"]))}
		if et, first := paramEnum("query", q.Name); et != "" {
			q.Type, q.Enum, q.First = et, true, first
		}
		m.Query = append(m.Query, q)
	}
	sort.SliceStable(m.Query, func(i, j int) bool { return m.Query[i].Name < m.Query[j].Name })
	for i := 1; i < len(m.Query); i++ {
		if m.Query[i].Go == m.Query[i-1].Go {
			return fmt.Errorf("query parameters %s and %s share the Go name %s", m.Query[i-1].Name, m.Query[i].Name, m.Query[i].Go)
		}
	}
	if len(m.Query) > 0 {
		m.Options = m.Service + m.Name + "Options"
	}
	if rb := s.Resolve(asMap(op.node["requestBody"])); rb != nil {
		content := mapAt(rb, "content")
		m.BodyReq, _ = rb["required"].(bool)
		switch {
		case content["application/json"] != nil:
			m.Body = BodyJSON
			m.BodyType = tn.Body(asMap(mapAt(content, "application/json")["schema"]), op.Method, hint)
		case content["multipart/form-data"] != nil:
			m.Body = BodyMultipart
			sch := s.Resolve(asMap(mapAt(content, "multipart/form-data")["schema"]))
			props := mapAt(sch, "properties")
			for _, name := range sortedKeys(props) {
				p := s.Resolve(asMap(props[name]))
				if str(p["format"]) == "binary" {
					if m.File == "" {
						m.File = name
					}
					continue
				}
				m.Fields = append(m.Fields, Param{Name: name, Go: FieldGoName(name), Type: "string", Doc: StripHTML(str(p["description"]))})
			}
			if m.File == "" {
				m.File = "file"
			}
		default:
			return fmt.Errorf("request body of type %v: only JSON and multipart/form-data are generated", sortedKeys(content))
		}
	}
	ct, sch, code := answerNode(s, op)
	m.Code = code
	switch {
	case ct == "":
		m.Answer = AnswerNone
	case ct == "application/json" || ct == "*/*" || ct == "text/plain" && isScalar(s, sch):
		m.Answer = AnswerJSON
		m.Type = tn.Expr(sch, hint+"Response")
	default:
		m.Answer = AnswerStream
		m.Accept = strings.Join(sortedKeys(mapAt(answerContent(s, op), "")), ", ")
		if m.Accept == "" {
			m.Accept = ct
		}
	}
	if op.Method == http.MethodHead {
		m.Answer = AnswerNone
	}
	if m.Answer == AnswerJSON && m.Type == "string" && isSecretProp(op.ID) {
		// A generated password or token comes back as a Secret, which
		// prints redacted.
		m.Type = "Secret"
	}
	if op.Method == http.MethodDelete && m.Answer == AnswerJSON && m.Type == "string" && str(s.Resolve(sch)["description"]) == "" {
		// The spec's answer to a delete is a bare string it does not
		// describe: nothing a caller can use, so only the error is returned.
		m.Answer, m.Type, m.BareAnswer = AnswerNone, "", true
	}
	m.Paging = paging(s, tn, m, sch)
	return nil
}

// answerContent returns {"": content} of the chosen success answer, so the
// Accept header of a streamed answer lists every type it may come in.
func answerContent(s *Spec, op Operation) map[string]any {
	resp := mapAt(op.node, "responses")
	for _, code := range sortedKeys(resp) {
		if c := mapAt(s.Resolve(asMap(resp[code])), "content"); strings.HasPrefix(code, "2") && len(c) > 0 {
			return map[string]any{"": c}
		}
	}
	return nil
}

func isScalar(s *Spec, n map[string]any) bool {
	switch str(s.Resolve(n)["type"]) {
	case "boolean", "integer", "number":
		return true
	}
	return false
}

// paging recognises a page of a longer list: firstResultIndex and
// maxResult (or pageNum and pageSize) query parameters and an answer
// holding the records in an array property.
func paging(s *Spec, tn TypeNamer, m *Method, sch map[string]any) *Paging {
	if m.Answer != AnswerJSON || !m.Pointer() {
		return nil
	}
	has := func(name string) bool {
		for _, q := range m.Query {
			if q.Name == name && strings.HasPrefix(q.Type, "int") {
				return true
			}
		}
		return false
	}
	var p Paging
	switch {
	case has("firstResultIndex") && has("maxResult"):
		p.Index, p.Size = "FirstResultIndex", "MaxResult"
	case has("pageNum") && has("pageSize"):
		p.Index, p.Size, p.ByPage = "PageNum", "PageSize", true
	default:
		return nil
	}
	items, total, ok := envelope(s, sch)
	if !ok {
		return nil
	}
	p.Items, p.Total = FieldGoName(items), ""
	if total != "" {
		p.Total = FieldGoName(total)
	}
	props := mapAt(s.Resolve(sch), "properties")
	it := s.Resolve(asMap(props[items]))
	if _, ref := asMap(it["items"])["$ref"]; !ref {
		return nil // an inline record type is named where the envelope is
	}
	itemsType := tn.Expr(it, "")
	p.ItemType = strings.TrimPrefix(itemsType, "[]")
	if p.ItemType == itemsType {
		return nil
	}
	return &p
}

// queryType is the Go type of a query parameter: booleans are pointers so
// an explicit false is sent; dates are strings as the spec writes them.
func queryType(s *Spec, n map[string]any, required bool) string {
	switch str(n["type"]) {
	case "integer":
		if str(n["format"]) == "int64" {
			return "int64"
		}
		return "int"
	case "number":
		return "float64"
	case "boolean":
		if required {
			return "bool"
		}
		return "*bool"
	case "array":
		return "[]" + queryType(s, s.Resolve(asMap(n["items"])), true)
	}
	return "string"
}

var placeholderRE = regexp.MustCompile(`\{([^}]+)\}`)

// placeholderNames lists a path's placeholders other than {partitionId},
// which the client fills.
func placeholderNames(path string) []string {
	var out []string
	for _, m := range placeholderRE.FindAllStringSubmatch(path, -1) {
		if m[1] != "partitionId" {
			out = append(out, m[1])
		}
	}
	return out
}

// opInitialisms extend initialisms for the names of methods, arguments
// and fields.
var opInitialisms = map[string]bool{"CSV": true, "SSO": true, "URL": true, "URI": true, "CID": true,
	"DI": true, "VM": true, "JWT": true, "PIN": true, "NPA": true, "NXX": true, "JSON": true, "XML": true,
	"CDR": true, "ENM": true, "LOA": true, "E911": true, "MS": true}

// words splits a spec name (a path segment, parameter or tag) into words:
// at non-alphanumerics and case changes, and lower-case compounds
// ("voicemailbox") by the dictionary.
func words(s string) []string {
	var out []string
	for _, w := range splitWords(s) {
		if strings.ToLower(w) == w && len(w) > 3 {
			out = append(out, splitCompound(w)...)
			continue
		}
		out = append(out, w)
	}
	return out
}

func title(w string) string {
	up := strings.ToUpper(w)
	if initialisms[up] || opInitialisms[up] {
		return up
	}
	switch strings.ToLower(w) {
	case "tns":
		return "TNs"
	case "vfax":
		return "VFax"
	case "ids":
		return "IDs"
	}
	return strings.ToUpper(w[:1]) + strings.ToLower(w[1:])
}

// FieldGoName is the exported Go name of a query parameter or form field:
// "firstResultIndex" gives FirstResultIndex, "redirect_uri" RedirectURI.
func FieldGoName(name string) string {
	var b strings.Builder
	for _, w := range words(name) {
		b.WriteString(title(w))
	}
	return b.String()
}

// ArgName is the Go argument for a path placeholder: "accountId" gives
// accountID, "macAddress" macAddress.
func ArgName(name string) string {
	ws := words(name)
	if len(ws) == 0 {
		return "arg"
	}
	var b strings.Builder
	b.WriteString(strings.ToLower(ws[0]))
	for _, w := range ws[1:] {
		b.WriteString(title(w))
	}
	return b.String()
}

// dictionary holds the words lower-case path segments are made of
// ("voicemailbox", "accounthistorysearch"), longest match first.
var dictionary = strings.Fields(`
	account accessed action actions activation admin address assignment availability box bulk business
	call callback calling caller card carriers center certificate change changes check city code
	collection compliance config configuration constraints contact content cooldown correction credentials
	data default definition destination device devices dial email emergency encryption end enforced events
	export exemptions expanded external failover fax fmfm frequently from generate graph group groups hold
	history hunt id import inbound input inventory is key language line lines linkage local location lookup
	mapping media message metadata multiple music notification number numbers off original output park
	partition password permissions pickup paging pin plan port prefixes prevalidate product properties
	provisioning push rate recently recover reorder report reserve reset retail route search secondary
	security send settings sidecar side single sip status summary supported swap system telephone template
	test time tn tns trunk type types unlock update usage usages user users validate vfax view voicemail
	welcome zip zipcode zones management net check repurpose registration teams ms out specialty vm cancel trigger
	distance unit term mac
`)

// splitCompound splits a lower-case word into dictionary words, fewest
// words first; a word that cannot be split is kept whole.
func splitCompound(w string) []string {
	n := len(w)
	best := make([][]string, n+1)
	ok := make([]bool, n+1)
	ok[0] = true
	for i := 1; i <= n; i++ {
		for _, d := range dictionary {
			j := i - len(d)
			if j < 0 || !ok[j] || w[j:i] != d {
				continue
			}
			if !ok[i] || len(best[j])+1 < len(best[i]) {
				best[i] = append(slices.Clone(best[j]), d)
				ok[i] = true
			}
		}
	}
	if !ok[n] {
		return []string{w}
	}
	return best[n]
}

// actionVerbs are the first words of path segments that name an action,
// not a resource: the method is named after them.
var actionVerbs = map[string]bool{"validate": true, "prevalidate": true, "search": true, "import": true,
	"export": true, "swap": true, "reset": true, "unlock": true, "cancel": true, "resubmit": true,
	"refresh": true, "accept": true, "recover": true, "trigger": true, "execute": true, "send": true,
	"generate": true, "set": true, "check": true, "repurpose": true, "change": true, "enable": true}

// markers are path segments that carry no meaning for a method name.
var markers = map[string]bool{"v2": true, "rpc": true, "actions": true, "views": true, "ref": true, "type": true}

var versionSuffix = regexp.MustCompile(`_\d+$`)

// MethodName derives a method's Go name from its HTTP method and path,
// within its service: the verb (Get, List, Create, Update, Patch, Delete,
// or the action a last segment names, such as reset-pin), then the
// resource nouns after the service's own. {partitionId} and a leading
// account/{accountId} are dropped, as are segments naming the service
// itself (the entry's segments, or its name) and markers (rpc, actions,
// views); a version suffix (_2) is ignored. list says that a GET answers
// a list.
func MethodName(op Operation, so ServiceOverride, list bool) string {
	own := map[string]bool{}
	for _, seg := range so.Segments {
		own[norm(seg)] = true
	}
	lname := strings.ToLower(so.Name)
	own[lname] = true
	own[singularOf(lname)] = true

	segs := strings.Split(strings.Trim(op.Path, "/"), "/")
	type lit struct {
		ws    []string
		param bool // followed by a placeholder
	}
	var lits []lit
	endsParam := false
	dropped := func(seg string) bool {
		seg = versionSuffix.ReplaceAllString(seg, "")
		return markers[seg] || own[norm(seg)]
	}
	for i := 0; i < len(segs); i++ {
		seg := segs[i]
		next := ""
		for j := i + 1; j < len(segs); j++ {
			if !dropped(segs[j]) || strings.HasPrefix(segs[j], "{") {
				next = segs[j]
				break
			}
		}
		switch {
		case strings.HasPrefix(seg, "{"):
			endsParam = true
			continue
		case seg == "partition" && next == "{partitionId}", seg == "account" && next == "{accountId}" && len(lits) == 0:
			i++
			continue
		}
		endsParam = false
		if dropped(seg) {
			continue
		}
		seg = versionSuffix.ReplaceAllString(seg, "")
		lits = append(lits, lit{ws: words(seg), param: strings.HasPrefix(next, "{")})
	}
	verb := ""
	if len(lits) > 0 && !endsParam {
		last := lits[len(lits)-1]
		if actionVerbs[strings.ToLower(last.ws[0])] {
			// The action's object stays last: ResetVoicemailBoxPin.
			verb = title(last.ws[0])
			lits[len(lits)-1].ws = last.ws[1:]
		}
	}
	if verb == "" {
		switch op.Method {
		case http.MethodGet:
			verb = "Get"
			if list && !endsParam {
				verb = "List"
			}
		case http.MethodPost:
			verb = "Create"
		case http.MethodPut:
			verb = "Update"
		case http.MethodPatch:
			verb = "Patch"
		case http.MethodDelete:
			verb = "Delete"
		default:
			verb = title(strings.ToLower(op.Method))
		}
	}
	var b strings.Builder
	b.WriteString(verb)
	for i, l := range lits {
		ws := slices.Clone(l.ws)
		if len(ws) == 0 {
			continue
		}
		lastLit := i == len(lits)-1
		switch {
		case l.param, lastLit && verb == "Create":
			ws[len(ws)-1] = singularOf(ws[len(ws)-1])
		case lastLit && verb == "List":
			ws[len(ws)-1] = pluralOf(ws[len(ws)-1])
		}
		for _, w := range ws {
			b.WriteString(title(w))
		}
	}
	return b.String()
}

// norm is a path segment as a service's own segments are compared:
// lower case, without separators or a version suffix.
func norm(seg string) string {
	seg = versionSuffix.ReplaceAllString(seg, "")
	return strings.NewReplacer("-", "", "_", "").Replace(strings.ToLower(seg))
}

func singularOf(w string) string {
	lw := strings.ToLower(w)
	switch {
	case strings.HasSuffix(lw, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(lw, "sses"), strings.HasSuffix(lw, "xes"), strings.HasSuffix(lw, "ches"):
		return w[:len(w)-2]
	case strings.HasSuffix(lw, "s") && !strings.HasSuffix(lw, "ss") && !strings.HasSuffix(lw, "us") && !strings.HasSuffix(lw, "is") && len(w) > 3:
		return w[:len(w)-1]
	}
	return w
}

func pluralOf(w string) string {
	lw := strings.ToLower(w)
	switch {
	case strings.HasSuffix(lw, "s"), strings.HasSuffix(lw, "ed"), lw == "media", lw == "data", strings.HasSuffix(lw, "csv"):
		return w
	case strings.HasSuffix(lw, "y") && len(w) > 1 && !strings.ContainsAny(lw[len(lw)-2:len(lw)-1], "aeiou"):
		return w[:len(w)-1] + "ies"
	case strings.HasSuffix(lw, "x"), strings.HasSuffix(lw, "ch"), strings.HasSuffix(lw, "sh"):
		return w + "es"
	}
	return w + "s"
}
