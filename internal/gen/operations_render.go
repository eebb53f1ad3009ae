package gen

import (
	"bytes"
	"fmt"
	"go/format"
	"slices"
	"strconv"
	"strings"
)

// RenderOperations writes operations_gen.go: one method per planned
// operation, its options type, and an iterator for each paged one.
func RenderOperations(pkg string, plan *Plan) ([]byte, error) {
	var body bytes.Buffer
	imports := map[string]bool{"context": true, "net/http": true}
	for _, m := range plan.Methods {
		renderOptions(&body, m)
		renderMethod(&body, m, imports)
		if m.Paging != nil {
			imports["iter"], imports["reflect"], imports["fmt"] = true, true, true
			renderIterator(&body, m)
		}
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s\npackage %s\n\nimport (\n", Header, pkg)
	keys := sortedKeys(imports)
	for _, k := range keys {
		fmt.Fprintf(&b, "\t%q\n", k)
	}
	b.WriteString(")\n")
	b.Write(body.Bytes())
	return formatSource("operations", b.Bytes())
}

// RenderServices writes services_gen.go: the service types the plan
// declares (those not declared by hand) and initGeneratedServices, which
// sets every Client field of a service the plan uses.
func RenderServices(pkg string, plan *Plan) ([]byte, error) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s\npackage %s\n", Header, pkg)
	for _, svc := range plan.Services {
		if svc.Hand {
			continue
		}
		fmt.Fprintf(&b, "\n%stype %sService service\n", Comment(svc.Doc, "", 80), svc.Name)
	}
	b.WriteString("\n// initGeneratedServices sets the Client fields of the services whose types\n// are generated.\nfunc (c *Client) initGeneratedServices() {\n")
	for _, svc := range plan.Services {
		if !svc.Hand {
			fmt.Fprintf(&b, "\tc.%s = (*%sService)(&c.common)\n", svc.Name, svc.Name)
		}
	}
	b.WriteString("}\n")
	return formatSource("services", b.Bytes())
}

func formatSource(what string, src []byte) ([]byte, error) {
	out, err := format.Source(src)
	if err != nil {
		return nil, fmt.Errorf("gen: format %s: %w\n%s", what, err, src)
	}
	return out, nil
}

// usesPackage records the imports a Go type expression needs.
func usesPackage(typ string, imports map[string]bool) {
	if strings.Contains(typ, "json.") {
		imports["encoding/json"] = true
	}
	if strings.Contains(typ, "time.") {
		imports["time"] = true
	}
}

// Doc is the method's doc comment text: what it does, the operationId
// and the directive's line is added by the renderer.
func (m *Method) Doc() string {
	s := m.Summary
	if m.DocText != "" {
		s = m.Name + " " + strings.TrimSuffix(m.DocText, ".")
	} else if s == "" {
		return fmt.Sprintf("%s calls %s %s.", m.Name, m.Op.Method, m.Op.Path)
	} else if first, rest, _ := strings.Cut(s, " "); true {
		if verb, ok := thirdPerson(first); ok {
			s = m.Name + " " + verb
			if rest != "" {
				s += " " + rest
			}
		} else {
			// A noun phrase ("Language List"): what a read answers, or
			// what another method acts on.
			np := strings.TrimSuffix(s, ".")
			if len(first) > 1 && strings.ToLower(first[1:]) == first[1:] {
				np = strings.ToLower(first[:1]) + np[1:]
			}
			if m.Op.Method == "GET" {
				s = m.Name + " returns the " + np
			} else {
				s = fmt.Sprintf("%s sends %s %s: %s", m.Name, m.Op.Method, m.Op.Path, np)
			}
		}
	}
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}

// summaryVerbs are the first words of the spec's summaries that are verbs.
var summaryVerbs = map[string]bool{"accept": true, "add": true, "activate": true, "cancel": true,
	"change": true, "check": true, "configure": true, "create": true, "delete": true, "download": true,
	"enable": true, "execute": true, "export": true, "finish": true, "generate": true, "get": true,
	"import": true, "link": true, "list": true, "lookup": true, "patch": true,
	"prevalidate": true, "recover": true, "refresh": true, "remove": true, "repurpose": true, "reset": true,
	"resubmit": true, "retrieve": true, "return": true, "revise": true, "search": true, "send": true,
	"set": true, "start": true, "swap": true, "trigger": true, "unlink": true, "unlock": true,
	"update": true, "upload": true, "validate": true, "bulk": false, "fetch": true, "find": true,
	"provide": true, "initiate": true, "provision": true, "obtain": true, "determine": true, "clear": true, "save": true, "read": true, "replace": true, "mark": true, "modify": true, "query": true,
	"release": true, "reserve": true, "edit": true, "apply": true, "assign": true, "pre-validate": true, "complete": true}

// thirdPerson turns a summary's leading verb ("Retrieve") into the form a
// doc comment starting with the method's name needs ("retrieves").
func thirdPerson(w string) (string, bool) {
	lw := strings.ToLower(w)
	if strings.HasSuffix(lw, "s") && (summaryVerbs[lw[:len(lw)-1]] || summaryVerbs[strings.TrimSuffix(lw, "es")]) {
		return lw, true // already "retrieves"
	}
	if !summaryVerbs[lw] {
		return "", false
	}
	switch {
	case strings.HasSuffix(lw, "s"), strings.HasSuffix(lw, "sh"), strings.HasSuffix(lw, "ch"), strings.HasSuffix(lw, "x"):
		return lw + "es", true
	case strings.HasSuffix(lw, "y") && !strings.ContainsAny(lw[len(lw)-2:len(lw)-1], "aeiou"):
		return lw[:len(lw)-1] + "ies", true
	}
	return lw + "s", true
}

func renderOptions(b *bytes.Buffer, m *Method) {
	if m.Options == "" {
		return
	}
	fmt.Fprintf(b, "\n// %s holds the query parameters of %sService.%s.\n", m.Options, m.Service, m.Name)
	fmt.Fprintf(b, "type %s struct {\n", m.Options)
	for _, q := range m.Query {
		doc := q.Doc
		if q.Required {
			if doc != "" && !strings.HasSuffix(doc, ".") {
				doc += "."
			}
			doc = strings.TrimSpace(doc + " Required.")
		}
		if doc != "" {
			b.WriteString(Comment(doc, "\t", 80))
		}
		// A required parameter is always sent (a required bool's false
		// included); the others are left out when zero.
		tag := q.Name + ",omitempty"
		if q.Required || q.Filled {
			tag = q.Name
		}
		fmt.Fprintf(b, "\t%s %s `url:\"%s\"`\n", q.Go, q.Type, tag)
	}
	b.WriteString("}\n")
	var req []Param
	for _, q := range m.Query {
		if q.Required || q.Enum {
			req = append(req, q)
		}
	}
	if len(req) == 0 {
		return
	}
	fmt.Fprintf(b, "\nfunc (o *%s) validate(v *validator) {\n\tif o == nil {\n\t\to = &%s{}\n\t}\n", m.Options, m.Options)
	for _, q := range req {
		switch {
		case q.Enum && strings.HasPrefix(q.Type, "[]"):
			if q.Required {
				fmt.Fprintf(b, "\tv.check(len(o.%s) > 0, %q, \"is required\")\n", q.Go, q.Name)
			}
			fmt.Fprintf(b, "\tfor _, e := range o.%s {\n\t\tv.enum(%q, string(e), e.Valid())\n\t}\n", q.Go, q.Name)
		case q.Enum:
			if q.Required {
				fmt.Fprintf(b, "\tv.required(%q, string(o.%s))\n", q.Name, q.Go)
			}
			fmt.Fprintf(b, "\tv.enum(%q, string(o.%s), o.%s.Valid())\n", q.Name, q.Go, q.Go)
		case q.Type == "string":
			fmt.Fprintf(b, "\tv.required(%q, o.%s)\n", q.Name, q.Go)
		case strings.HasPrefix(q.Type, "[]"):
			fmt.Fprintf(b, "\tv.check(len(o.%s) > 0, %q, \"is required\")\n", q.Go, q.Name)
		case q.Type == "bool":
			// a required boolean is always sent: false is a value
		default:
			fmt.Fprintf(b, "\tv.check(o.%s != 0, %q, \"is required\")\n", q.Go, q.Name)
		}
	}
	b.WriteString("}\n")
	fmt.Fprintf(b, "\n// Validate reports, as a *ValidationError, every required parameter\n// missing from o, or value outside its enum, that %sService.%s would refuse\n// before sending; nil when there is none.\n", m.Service, m.Name)
	fmt.Fprintf(b, "func (o *%s) Validate() error {\n\tvar v validator\n\to.validate(&v)\n\treturn v.err()\n}\n", m.Options)
}

// checksQuery reports whether the options have a validate method: a
// required parameter or an enum's values to check.
func (m *Method) checksQuery() bool {
	return m.hasRequiredQuery() || slices.ContainsFunc(m.Query, func(q Param) bool { return q.Enum })
}

func (m *Method) hasRequiredQuery() bool {
	return slices.ContainsFunc(m.Query, func(q Param) bool { return q.Required && q.Type != "bool" })
}

// params is the method's parameter list after ctx, and the arguments that
// pass the same values on (for the iterator).
func (m *Method) params() (decl, pass []string) {
	for i := 0; i < len(m.Args); {
		j := i
		var names []string
		for ; j < len(m.Args) && m.Args[j].Type == m.Args[i].Type; j++ {
			names = append(names, m.Args[j].Go)
		}
		decl = append(decl, strings.Join(names, ", ")+" "+m.Args[i].Type)
		pass = append(pass, names...)
		i = j
	}
	if m.Body == BodyJSON {
		if m.BodyPointer() {
			decl = append(decl, "req *"+m.BodyType)
		} else {
			decl = append(decl, "req "+m.BodyType)
		}
		pass = append(pass, "req")
	}
	if m.Body == BodyMultipart {
		decl = append(decl, "filename string", "file io.Reader")
		pass = append(pass, "filename", "file")
		if len(m.Fields) > 0 {
			decl = append(decl, "fields map[string]string")
			pass = append(pass, "fields")
		}
	}
	if m.Options != "" {
		decl = append(decl, "opts *"+m.Options)
		pass = append(pass, "opts")
	}
	if m.Answer == AnswerStream {
		decl = append(decl, "w io.Writer")
		pass = append(pass, "w")
	}
	return decl, pass
}

func (m *Method) results() (string, string) {
	if m.Answer != AnswerJSON {
		return "error", ""
	}
	if m.Pointer() {
		return "(*" + m.Type + ", error)", "nil"
	}
	return "(" + m.Type + ", error)", zeroOf(m.Type)
}

func zeroOf(t string) string {
	switch t {
	case "string", "Secret":
		return `""`
	case "bool":
		return "false"
	case "int", "int64", "float64":
		return "0"
	case "time.Time":
		return "time.Time{}"
	}
	return "nil"
}

var httpConst = map[string]string{"GET": "http.MethodGet", "POST": "http.MethodPost", "PUT": "http.MethodPut",
	"PATCH": "http.MethodPatch", "DELETE": "http.MethodDelete", "HEAD": "http.MethodHead"}

func renderMethod(b *bytes.Buffer, m *Method, imports map[string]bool) {
	usesPackage(m.Type, imports)
	usesPackage(m.BodyType, imports)
	if m.Body == BodyMultipart || m.Answer == AnswerStream {
		imports["io"] = true
	}
	doc := m.Doc()
	var notes []string
	if m.Options != "" && !m.hasRequiredQuery() {
		notes = append(notes, "opts may be nil.")
	}
	if m.Body == BodyJSON && !m.BodyReq {
		notes = append(notes, "req may be nil.")
	}
	if m.BodySchema != "" {
		notes = append(notes, fmt.Sprintf("The spec describes no request body for this operation; req is sent as schema %s.", m.BodySchema))
	}
	if m.BareAnswer {
		notes = append(notes, "The platform answers with a string the spec does not describe; it is discarded.")
	}
	if n := m.fillNote(); n != "" {
		notes = append(notes, n)
	}
	if m.Body == BodyMultipart {
		n := fmt.Sprintf("file is sent as the form file %q named filename.", m.File)
		if len(m.Fields) > 0 {
			var fs []string
			for _, f := range m.Fields {
				fs = append(fs, f.Name)
			}
			n += " fields are the form's other fields: " + strings.Join(fs, ", ") + "."
		}
		notes = append(notes, n)
	}
	if m.Answer == AnswerStream {
		notes = append(notes, fmt.Sprintf("The answer (%s) is copied to w as it arrives.", m.Accept))
	}
	if len(notes) > 0 {
		doc += " " + strings.Join(notes, " ")
	}
	fmt.Fprintf(b, "\n%s//\n// operationId %s.\n//\n//alianza:operation %s\n", Comment(doc, "", 80), m.Op.ID, m.Op.Key())
	decl, _ := m.params()
	res, zero := m.results()
	fmt.Fprintf(b, "func (s *%sService) %s(%s) %s {\n", m.Service, m.Name, signature(decl), res)
	b.WriteString("\tctx = withCallOptions(ctx, callOpts)\n")
	ret := func(expr string) string {
		if m.Answer == AnswerJSON {
			return zero + ", " + expr
		}
		return expr
	}
	m.renderFill(b, ret)
	validates := len(m.Args) > 0 || m.checksQuery() || m.Body == BodyMultipart || m.Answer == AnswerStream || m.BodyRule ||
		m.Body == BodyJSON && m.BodyReq && (m.BodyPointer() || strings.HasPrefix(m.BodyType, "[]") || strings.HasPrefix(m.BodyType, "map["))
	if validates {
		b.WriteString("\tvar v validator\n")
		for _, a := range m.Args {
			if a.Enum {
				fmt.Fprintf(b, "\tv.pathID(%q, string(%s))\n\tv.enum(%q, string(%s), %s.Valid())\n", a.Name, a.Go, a.Name, a.Go, a.Go)
				continue
			}
			fmt.Fprintf(b, "\tv.pathID(%q, %s)\n", a.Name, a.Go)
		}
		if m.checksQuery() {
			b.WriteString("\topts.validate(&v)\n")
		}
		switch {
		case m.BodyRule && m.BodyReq:
			b.WriteString("\tvalidateBody(&v, req)\n")
		case m.BodyRule:
			b.WriteString("\tif req != nil {\n\t\treq.validate(&v)\n\t}\n")
		case m.Body == BodyJSON && m.BodyReq && (m.BodyPointer() || strings.HasPrefix(m.BodyType, "[]") || strings.HasPrefix(m.BodyType, "map[")):
			b.WriteString("\tv.check(req != nil, \"body\", \"is required\")\n")
		}
		if m.Answer == AnswerStream {
			b.WriteString("\tv.check(w != nil && !isNilPointer(w), \"w\", \"is required\")\n")
		}
	}
	var dr []string
	if m.Body == BodyMultipart {
		fields := "nil"
		if len(m.Fields) > 0 {
			fields = "fields"
		}
		fmt.Fprintf(b, "\tpayload := uploadPayload(&v, %q, filename, file, %s)\n", m.File, fields)
		dr = append(dr, "payload: payload")
	}
	if m.Answer == AnswerStream {
		dr = append(dr, "w: w", "accept: "+strconv.Quote(m.Accept))
	}
	if validates {
		fmt.Fprintf(b, "\tif err := v.err(); err != nil {\n\t\treturn %s\n\t}\n", ret("err"))
	}
	m.renderFillQuery(b, ret)
	var fields []string
	fields = append(fields, "method: "+httpConst[m.Op.Method], "path: "+strconv.Quote(m.Op.Path))
	if len(m.Args) > 0 {
		var names []string
		for _, a := range m.Args {
			if a.Type != "string" {
				names = append(names, "string("+a.Go+")")
				continue
			}
			names = append(names, a.Go)
		}
		fields = append(fields, "args: []string{"+strings.Join(names, ", ")+"}")
	}
	if m.Options != "" {
		fields = append(fields, "query: opts")
	}
	if m.Body == BodyJSON {
		if m.BodyPointer() && !m.BodyReq {
			fields = append(fields, "body: jsonOrNil(req)")
		} else {
			fields = append(fields, "body: req")
		}
	}
	if m.Answer == AnswerJSON && m.Pointer() && m.emptyOK() {
		fields = append(fields, "emptyOK: true")
	}
	if len(dr) > 0 {
		fields = append(fields, "do: &doRequest{"+strings.Join(dr, ", ")+"}")
	}
	lit := "&request{\n\t\t" + strings.Join(fields, ",\n\t\t") + ",\n\t}"
	switch {
	case m.Answer != AnswerJSON:
		fmt.Fprintf(b, "\treturn s.client.do(ctx, %s)\n}\n", lit)
	case m.Pointer():
		fmt.Fprintf(b, "\treturn call[%s](ctx, s.client, %s)\n}\n", m.Type, lit)
	default:
		fmt.Fprintf(b, "\treturn callValue[%s](ctx, s.client, %s)\n}\n", m.Type, lit)
	}
}

// fillNote is the doc sentence naming what the method fills itself.
func (m *Method) fillNote() string {
	var sets []string
	for _, f := range m.Fill {
		if f.Arg != "" {
			sets = append(sets, fmt.Sprintf("req.%s from %s", f.Field, f.Arg))
		}
	}
	for _, f := range m.Fill {
		if f.Arg == "" {
			sets = append(sets, fmt.Sprintf("req.%s, when empty, to the client's partition", f.Field))
		}
	}
	if m.FillQuery != "" {
		sets = append(sets, fmt.Sprintf("opts.%s, when empty, to the client's partition", m.FillQuery))
	}
	if len(sets) == 0 {
		return ""
	}
	what := "req"
	switch {
	case m.FillQuery != "" && len(m.Fill) > 0:
		what = "req and opts are"
	case m.FillQuery != "":
		what = "opts is"
	default:
		what = "req is"
	}
	return fmt.Sprintf("It sets %s on a copy (%s not changed).", strings.Join(sets, " and "), what)
}

// renderFill writes the code that sets the body fields and query parameter
// the method fills, on copies of req and opts.
func (m *Method) renderFill(b *bytes.Buffer, ret func(string) string) {
	if len(m.Fill) > 0 {
		b.WriteString("\tif req != nil {\n\t\tbody := *req\n\t\treq = &body\n")
		for _, f := range m.Fill {
			if f.Arg != "" {
				fmt.Fprintf(b, "\t\treq.%s = %s\n", f.Field, f.Arg)
			}
		}
		for _, f := range m.Fill {
			if f.Arg == "" {
				fmt.Fprintf(b, "\t\tif req.%s == \"\" {\n\t\t\tpartitionID, err := s.client.PartitionID(ctx)\n\t\t\tif err != nil {\n\t\t\t\treturn %s\n\t\t\t}\n\t\t\treq.%s = partitionID\n\t\t}\n", f.Field, ret("err"), f.Field)
			}
		}
		b.WriteString("\t}\n")
	}
}

// renderFillQuery writes the code that sets a partitionId query parameter
// left empty, on a copy of opts, once the arguments are checked.
func (m *Method) renderFillQuery(b *bytes.Buffer, ret func(string) string) {
	if m.FillQuery != "" {
		fmt.Fprintf(b, "\tif opts == nil || opts.%s == \"\" {\n\t\tvar o %s\n\t\tif opts != nil {\n\t\t\to = *opts\n\t\t}\n", m.FillQuery, m.Options)
		fmt.Fprintf(b, "\t\tpartitionID, err := s.client.PartitionID(ctx)\n\t\tif err != nil {\n\t\t\treturn %s\n\t\t}\n\t\to.%s = partitionID\n\t\topts = &o\n\t}\n", ret("err"), m.FillQuery)
	}
}

// emptyOK reports whether a 2xx may come without a body: the spec's
// success answer is not a 200 (a 201 or 202 often has none).
func (m *Method) emptyOK() bool { return m.Code != "200" }

func renderIterator(b *bytes.Buffer, m *Method) {
	p := m.Paging
	decl, pass := m.params()
	it := p.ItemType
	fmt.Fprintf(b, "\n// %sAll iterates over every record %s finds, asking for the next page only\n", m.Name, m.Name)
	unit := "the number of records received"
	if p.ByPage {
		unit = "one page"
	}
	total := ""
	if p.Total != "" {
		total = fmt.Sprintf(", when the answer's %s have all come", p.Total)
	}
	b.WriteString(Comment(fmt.Sprintf("when the loop wants more: it starts at opts.%s and moves on by %s, with opts.%s records per page (the platform's default when 0). It stops when a page is empty or short%s, when the loop breaks, or at the first error, which it yields. A page that repeats the one before (a platform ignoring the position) ends it with an error matching ErrInconsistentPages rather than looping. opts may be nil; it is not changed. Call options apply to each page's request (WithCallTimeout bounds each page); bound the whole walk with ctx's deadline.", p.Index, unit, p.Size, total), "", 80))
	fmt.Fprintf(b, "func (s *%sService) %sAll(%s) iter.Seq2[%s, error] {\n", m.Service, m.Name, signature(decl), it)
	fmt.Fprintf(b, "\treturn func(yield func(%s, error) bool) {\n", it)
	fmt.Fprintf(b, "\t\tvar o %s\n\t\tif opts != nil {\n\t\t\to = *opts\n\t\t}\n\t\tvar prev []%s\n", m.Options, it)
	if p.Total != "" {
		b.WriteString("\t\tseen := 0\n")
	}
	b.WriteString("\t\tfor {\n")
	pass[len(pass)-1] = "&o"
	fmt.Fprintf(b, "\t\t\tpage, err := s.%s(%s)\n", m.Name, strings.Join(append(append([]string{"ctx"}, pass...), "callOpts..."), ", "))
	fmt.Fprintf(b, "\t\t\tif err != nil {\n\t\t\t\tvar zero %s\n\t\t\t\tyield(zero, err)\n\t\t\t\treturn\n\t\t\t}\n", it)
	fmt.Fprintf(b, "\t\t\tn := len(page.%s)\n", p.Items)
	fmt.Fprintf(b, "\t\t\tif n > 0 && reflect.DeepEqual(page.%s, prev) {\n\t\t\t\tvar zero %s\n\t\t\t\tyield(zero, fmt.Errorf(\"%%w: the page at %s %%v repeats the one before\", ErrInconsistentPages, o.%s))\n\t\t\t\treturn\n\t\t\t}\n\t\t\tprev = page.%s\n", p.Items, it, p.Index, p.Index, p.Items)
	fmt.Fprintf(b, "\t\t\tfor _, r := range page.%s {\n\t\t\t\tif !yield(r, nil) {\n\t\t\t\t\treturn\n\t\t\t\t}\n\t\t\t}\n", p.Items)
	if p.Total != "" {
		b.WriteString("\t\t\tseen += n\n")
	}
	cond := fmt.Sprintf("n == 0 || o.%s > 0 && n < int(o.%s)", p.Size, p.Size)
	if p.Total != "" {
		cond += fmt.Sprintf(" || page.%s > 0 && seen >= int(page.%s)", p.Total, p.Total)
	}
	fmt.Fprintf(b, "\t\t\tif %s {\n\t\t\t\treturn\n\t\t\t}\n", cond)
	if p.ByPage {
		fmt.Fprintf(b, "\t\t\to.%s++\n", p.Index)
	} else {
		fmt.Fprintf(b, "\t\t\to.%s += %s(n)\n", p.Index, indexType(m, p.Index))
	}
	b.WriteString("\t\t}\n\t}\n}\n")
}

func indexType(m *Method, field string) string {
	for _, q := range m.Query {
		if q.Go == field {
			return q.Type
		}
	}
	return "int"
}

// CallsTestFile is the test table RenderCallsTest writes.
const CallsTestFile = "calls_gen_test.go"

// RenderCallsTest writes calls_gen_test.go: for every generated method, a
// call that takes its values from an environment (e callEnv): path
// arguments e.Arg(0), e.Arg(1), ...; a JSON body made by e.Body from a
// starting value its rules accept (from body, or else an empty one); the
// options filled by e.Query from a starting value with every required
// query parameter set; multipart form fields from e.Fields. The table
// holds placeholder path arguments ("a1", "a2", ...), which a placeholder
// environment gives while leaving the starting values, with the operation
// the call must reach and an answer of its kind, so one test drives every
// generated method. body may be nil.
func RenderCallsTest(pkg string, plan *Plan, body func(typ string) string) ([]byte, error) {
	imports := map[string]bool{"context": true}
	var out bytes.Buffer
	out.WriteString("\n// generatedCalls calls every generated method once.\nvar generatedCalls = []generatedCall{\n")
	for _, m := range plan.Methods {
		var stmts, args, vals []string
		for i, a := range m.Args {
			if a.Enum {
				// The table lists the enum's first value; the call converts
				// whatever the environment gives to the enum type.
				vals = append(vals, strconv.Quote(a.First))
				args = append(args, fmt.Sprintf("%s(e.Arg(%d))", a.Type, i))
				continue
			}
			vals = append(vals, strconv.Quote(fmt.Sprintf("a%d", i+1)))
			args = append(args, fmt.Sprintf("e.Arg(%d)", i))
		}
		if m.Body == BodyJSON {
			lit := ""
			if body != nil && m.BodyPointer() {
				lit = body(m.BodyType)
			}
			if lit == "" {
				lit = placeholderValue(m.BodyType, m.BodyPointer(), imports)
			}
			ref := "&req"
			if m.BodyPointer() {
				ref = "req"
			}
			stmts = append(stmts, "req := "+lit, "e.Body("+ref+")")
			args = append(args, "req")
		}
		if m.Body == BodyMultipart {
			imports["strings"] = true
			args = append(args, `"f.bin"`, `strings.NewReader("file")`)
			if len(m.Fields) > 0 {
				args = append(args, "e.Fields()")
			}
		}
		if m.Options != "" {
			var set []string
			for _, q := range m.Query {
				switch {
				case q.Required && q.Enum && strings.HasPrefix(q.Type, "[]"):
					set = append(set, q.Go+": "+q.Type+"{"+strconv.Quote(q.First)+"}")
				case q.Required && q.Enum:
					set = append(set, q.Go+": "+strconv.Quote(q.First))
				case q.Required && q.Type != "bool":
					set = append(set, q.Go+": "+placeholderValue(q.Type, false, imports))
				}
			}
			stmts = append(stmts, "opts := &"+m.Options+"{"+strings.Join(set, ", ")+"}", "e.Query(opts)")
			args = append(args, "opts")
		}
		if m.Answer == AnswerStream {
			imports["io"] = true
			args = append(args, "io.Discard")
		}
		callExpr := fmt.Sprintf("c.%s.%s(%s)", m.Service, m.Name, strings.Join(append([]string{"ctx"}, args...), ", "))
		if m.Answer == AnswerJSON {
			stmts = append(stmts, "_, err := "+callExpr, "return err")
		} else {
			stmts = append(stmts, "return "+callExpr)
		}
		argList := "nil"
		if len(vals) > 0 {
			argList = "[]string{" + strings.Join(vals, ", ") + "}"
		}
		fmt.Fprintf(&out, "\t{fn: %q, op: %q, args: %s, answer: %s, call: func(ctx context.Context, c *Client, e callEnv) error {\n\t\t%s\n\t}},\n",
			m.Service+"Service."+m.Name, m.Op.Key(), argList, strconv.Quote(m.placeholderAnswer()), strings.Join(stmts, "\n\t\t"))
	}
	out.WriteString("}\n")
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s\npackage %s\n\nimport (\n", Header, pkg)
	for _, k := range sortedKeys(imports) {
		fmt.Fprintf(&b, "\t%q\n", k)
	}
	b.WriteString(")\n")
	b.Write(out.Bytes())
	return formatSource("calls test", b.Bytes())
}

// placeholderAnswer is a 200 body the method accepts: JSON of its answer's
// kind, a few bytes for a streamed answer, nothing for none.
func (m *Method) placeholderAnswer() string {
	switch m.Answer {
	case AnswerStream:
		return "streamed"
	case AnswerNone:
		return ""
	}
	switch {
	case strings.HasPrefix(m.Type, "[]"):
		return "[]"
	case m.Type == "string", m.Type == "Secret":
		return `"s"`
	case m.Type == "bool":
		return "true"
	case m.Type == "int", m.Type == "int64", m.Type == "float64":
		return "1"
	}
	return "{}"
}

// placeholderValue is a Go expression of type typ (or *typ with ptr) that
// is not its zero value where that matters: a required parameter's.
func placeholderValue(typ string, ptr bool, imports map[string]bool) string {
	usesPackage(typ, imports)
	switch {
	case ptr:
		return "&" + typ + "{}"
	case typ == "string":
		return `"x"`
	case typ == "int", typ == "int64", typ == "float64":
		return "1"
	case typ == "bool":
		return "true"
	case typ == "*bool":
		return "Ptr(true)"
	case typ == "json.RawMessage":
		return `json.RawMessage("{}")`
	case typ == "any":
		return "struct{}{}"
	case typ == "time.Time":
		return "time.Unix(0, 0)"
	case strings.HasPrefix(typ, "[]string"):
		return `[]string{"x"}`
	case strings.HasPrefix(typ, "[]int"):
		return typ + "{1}"
	}
	return typ + "{}"
}

// signature is a generated method's parameter list: ctx first, then decl,
// then the per-call options every method takes.
func signature(decl []string) string {
	return strings.Join(append(append([]string{"ctx context.Context"}, decl...), "callOpts ...CallOption"), ", ")
}
