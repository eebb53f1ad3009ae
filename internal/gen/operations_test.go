package gen

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMethodNameFromMethodAndPath(t *testing.T) {
	vm := ServiceOverride{Name: "VoicemailBoxes"}
	bl := ServiceOverride{Name: "BusinessLines"}
	msgs := ServiceOverride{Name: "VoicemailMessages", Segments: []string{"voicemailbox", "voicemailmessage"}}
	const acct = "/v2/partition/{partitionId}/account/{accountId}"
	for _, c := range []struct {
		so     ServiceOverride
		method string
		path   string
		list   bool
		want   string
	}{
		{vm, "GET", acct + "/voicemailbox", true, "List"},
		{vm, "POST", acct + "/voicemailbox", false, "Create"},
		{vm, "GET", acct + "/voicemailbox/{voicemailBoxId}", false, "Get"},
		{vm, "PUT", acct + "/voicemailbox/{voicemailBoxId}", false, "Update"},
		{vm, "PATCH", acct + "/voicemailbox/{voicemailBoxId}", false, "Patch"},
		{vm, "DELETE", acct + "/voicemailbox/{voicemailBoxId}", false, "Delete"},
		{vm, "PUT", acct + "/voicemailbox/{voicemailBoxId}/unlock", false, "Unlock"},
		{vm, "GET", acct + "/voicemailbox/{voicemailBoxId}/greetings/{greetingType}/media", false, "GetGreetingMedia"},
		{bl, "GET", acct + "/business-line/voicemail-box/{voicemailBoxId}/message", true, "ListVoicemailBoxMessages"},
		{bl, "POST", acct + "/business-line/voicemail-box/{voicemailBoxId}/rpc/reset-pin", false, "ResetVoicemailBoxPIN"},
		{bl, "GET", acct + "/business-line/views/expanded", true, "ListExpanded"},
		{msgs, "GET", acct + "/voicemailbox/{voicemailBoxId}/voicemailmessage", true, "List"},
		{msgs, "GET", acct + "/voicemailbox/{voicemailBoxId}/voicemailmessage/{messageId}/content_2", false, "GetContent"},
		{ServiceOverride{Name: "Users"}, "PUT", acct + "/user/{userId}/resetpassword", false, "ResetPassword"},
		{ServiceOverride{Name: "Users"}, "POST", acct + "/accountuser", false, "CreateAccountUser"},
		{ServiceOverride{Name: "Users"}, "GET", acct + "/accountuser", true, "ListAccountUsers"},
		{ServiceOverride{Name: "Reports"}, "GET", "/v2/partition/{partitionId}/report/sip/csv_2", false, "GetSIPCSV"},
		{ServiceOverride{Name: "ReferenceData", Segments: []string{"ref"}}, "GET", "/v2/ref/timezones", false, "GetTimeZones"},
	} {
		got := MethodName(Operation{Method: c.method, Path: c.path}, c.so, c.list)
		assert.Equal(t, c.want, got, "%s.%s %s", c.so.Name, c.method, c.path)
	}
}

func TestWordsAndGoNames(t *testing.T) {
	assert.Equal(t, []string{"voicemail", "box"}, splitCompound("voicemailbox"))
	assert.Equal(t, []string{"account", "history", "search"}, splitCompound("accounthistorysearch"))
	assert.Equal(t, []string{"zzqx"}, splitCompound("zzqx"), "a word the dictionary cannot split stays whole")
	assert.Equal(t, "accountID", ArgName("accountId"))
	assert.Equal(t, "macAddress", ArgName("macAddress"))
	assert.Equal(t, "tn", ArgName("tn"))
	assert.Equal(t, "FirstResultIndex", FieldGoName("firstResultIndex"))
	assert.Equal(t, "RedirectURI", FieldGoName("redirect_uri"))
	assert.Equal(t, "NPANXX", FieldGoName("npa-nxx"))
	assert.Equal(t, "Box", singularOf("Boxes"))
	assert.Equal(t, "Entry", singularOf("Entries"))
	assert.Equal(t, "Boxes", pluralOf("Box"))
	assert.Equal(t, "Status", pluralOf("Status"))
	assert.Equal(t, "Expanded", pluralOf("Expanded"))
}

// miniOps is a spec with one tag on a new service, one on a hand-written
// service, a deprecated operation and a paged search.
const miniOps = `
paths:
  /v2/partition/{partitionId}/account/{accountId}/widget:
    get:
      operationId: listWidgets
      tags: [Widget]
      summary: Retrieve the <b>widgets</b> of an account
      responses:
        "200":
          content:
            application/json:
              schema: {type: array, items: {$ref: "#/components/schemas/Widget"}}
    post:
      operationId: createWidget
      tags: [Widget]
      summary: Create a widget
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Widget"}
      responses:
        "201":
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Widget"}
  /v2/partition/{partitionId}/account/{accountId}/widget/{widgetId}:
    get:
      operationId: getWidget
      tags: [Widget]
      responses:
        "200":
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Widget"}
    delete:
      operationId: deleteWidget
      tags: [Widget]
      deprecated: true
      responses: {"204": {description: gone}}
  /v2/partition/{partitionId}/account/{accountId}/widget/{widgetId}/sound:
    put:
      operationId: uploadSound
      tags: [Widget]
      requestBody:
        content:
          multipart/form-data:
            schema: {properties: {file: {type: string, format: binary}, label: {type: string}}}
      responses: {"204": {description: done}}
    get:
      operationId: getSound
      tags: [Widget]
      responses:
        "200":
          content:
            audio/mpeg: {schema: {type: string, format: binary}}
  /v2/partition/{partitionId}/gadget/search:
    get:
      operationId: searchGadgets
      tags: [Gadget]
      parameters:
        - {name: firstResultIndex, in: query, schema: {type: integer}}
        - {name: maxResult, in: query, schema: {type: integer}}
        - {name: q, in: query, required: true, schema: {type: string}}
      responses:
        "200":
          content:
            application/json:
              schema:
                properties:
                  totalRecords: {type: integer, format: int64}
                  results: {type: array, items: {$ref: "#/components/schemas/Widget"}}
components:
  schemas:
    Widget: {properties: {id: {type: string}}}
`

func miniPlan(t *testing.T, ovYAML string, hw *HandWritten) (*Plan, error) {
	t.Helper()
	s, err := LoadSpec([]byte(miniOps))
	require.NoError(t, err)
	ov, err := ParseOverrides([]byte(ovYAML))
	require.NoError(t, err)
	if hw == nil {
		hw = &HandWritten{Services: map[string]map[string]bool{}, Claimed: map[string]bool{}, Fields: map[string]bool{"Widgets": true, "Gadgets": true}}
	}
	return PlanOperations(s, ov, hw, plainTypes{s})
}

const miniServices = `
services:
  - {tag: Widget, name: Widgets, doc: "WidgetsService manages widgets."}
  - {tag: Gadget, name: Gadgets, doc: "GadgetsService finds gadgets.", segments: [gadget]}
`

func TestPlanOperations(t *testing.T) {
	plan, err := miniPlan(t, miniServices+`
operations:
  - {id: uploadSound, name: UploadSound, reason: "The operation uploads."}
`, nil)
	require.NoError(t, err)
	byName := map[string]*Method{}
	for _, m := range plan.Methods {
		byName[m.Service+"."+m.Name] = m
	}
	require.Len(t, byName, 6, "the deprecated deleteWidget gets no method")
	assert.NotContains(t, byName, "Widgets.Delete")

	list := byName["Widgets.List"]
	require.NotNil(t, list)
	assert.Equal(t, "List retrieves the widgets of an account.", list.Doc())
	assert.Equal(t, []Param{{Name: "accountId", Go: "accountID", Type: "string", Required: true}}, list.Args)
	assert.Equal(t, "[]Obj", list.Type)

	create := byName["Widgets.Create"]
	assert.Equal(t, BodyJSON, create.Body)
	assert.True(t, create.BodyReq)
	assert.True(t, create.emptyOK(), "a 201 may come without a body")

	up := byName["Widgets.UploadSound"]
	assert.Equal(t, BodyMultipart, up.Body)
	assert.Equal(t, "file", up.File)
	assert.Equal(t, []Param{{Name: "label", Go: "Label", Type: "string"}}, up.Fields)

	sound := byName["Widgets.GetSound"]
	assert.Equal(t, AnswerStream, sound.Answer)
	assert.Equal(t, "audio/mpeg", sound.Accept)

	search := byName["Gadgets.Search"]
	require.NotNil(t, search, "gadget is the service's own segment: the action names the method")
	assert.Equal(t, "GadgetsSearchOptions", search.Options)
	require.NotNil(t, search.Paging)
	assert.Equal(t, Paging{Index: "FirstResultIndex", Size: "MaxResult", Items: "Results", Total: "TotalRecords", ItemType: "Obj"}, *search.Paging)

	src, err := RenderOperations("p", plan)
	require.NoError(t, err)
	for _, want := range []string{
		"//alianza:operation GET /v2/partition/{partitionId}/gadget/search\n",
		"// operationId searchGadgets.\n",
		"func (s *GadgetsService) SearchAll(ctx context.Context, opts *GadgetsSearchOptions, callOpts ...CallOption) iter.Seq2[Obj, error] {",
		"\tv.required(\"q\", o.Q)\n",
		"func (s *WidgetsService) UploadSound(ctx context.Context, accountID, widgetID string, filename string, file io.Reader, fields map[string]string, callOpts ...CallOption) error {",
		"func (s *WidgetsService) GetSound(ctx context.Context, accountID, widgetID string, w io.Writer, callOpts ...CallOption) error {",
		"emptyOK: true",
	} {
		assert.Contains(t, string(src), want)
	}
	svcs, err := RenderServices("p", plan)
	require.NoError(t, err)
	assert.Contains(t, string(svcs), "// WidgetsService manages widgets.\ntype WidgetsService service\n")
	assert.Contains(t, string(svcs), "\tc.Gadgets = (*GadgetsService)(&c.common)\n")
	calls, err := RenderCallsTest("p", plan, nil)
	require.NoError(t, err)
	for _, want := range []string{
		"call: func(ctx context.Context, c *Client, e callEnv) error {\n\t\treq := &Obj{}\n\t\te.Body(req)\n\t\t_, err := c.Widgets.Create(ctx, e.Arg(0), req)\n",
		`{fn: "WidgetsService.Get", op: "GET /v2/partition/{partitionId}/account/{accountId}/widget/{widgetId}", args: []string{"a1", "a2"}, answer: "{}"`,
		"_, err := c.Widgets.Get(ctx, e.Arg(0), e.Arg(1))",
		`return c.Widgets.UploadSound(ctx, e.Arg(0), e.Arg(1), "f.bin", strings.NewReader("file"), e.Fields())`,
	} {
		assert.Contains(t, string(calls), want)
	}
	assert.Contains(t, string(calls), "opts := &GadgetsSearchOptions{Q: \"x\"}\n\t\te.Query(opts)\n\t\t_, err := c.Gadgets.Search(ctx, opts)")
}

func TestPlanOperationsFailsNamingTheProblem(t *testing.T) {
	_, err := miniPlan(t, `services: [{tag: Widget, name: Widgets, doc: "WidgetsService manages widgets."}]`, nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `GET /v2/partition/{partitionId}/gadget/search (searchGadgets): tag "Gadget" has no entry in the overrides' services`)

	// Two operations given one name, and a name a hand-written method has.
	hw := &HandWritten{
		Services: map[string]map[string]bool{"WidgetsService": {"Get": true}},
		Claimed:  map[string]bool{},
		Fields:   map[string]bool{"Widgets": true, "Gadgets": true},
	}
	_, err = miniPlan(t, miniServices+`
operations:
  - {id: getSound, name: List, reason: "A clash on purpose."}
`, hw)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "WidgetsService.List: both listWidgets and getSound get this name")
	assert.Contains(t, err.Error(), "WidgetsService.Get: getWidget would reuse the name of a hand-written method")

	// A claimed operation is left to its hand-written method.
	hw.Services = map[string]map[string]bool{"WidgetsService": {"Get": true}}
	hw.Claimed = map[string]bool{"GET /v2/partition/{partitionId}/account/{accountId}/widget/{widgetId}": true}
	plan, err := miniPlan(t, miniServices, hw)
	require.NoError(t, err)
	assert.True(t, plan.Services[1].Hand, "WidgetsService is declared by hand")
	svcs, err := RenderServices("p", plan)
	require.NoError(t, err)
	assert.NotContains(t, string(svcs), "type WidgetsService service")

	// A service without a Client field, and an entry for an unknown operation.
	hw = &HandWritten{Services: map[string]map[string]bool{}, Claimed: map[string]bool{}, Fields: map[string]bool{"Widgets": true}}
	_, err = miniPlan(t, miniServices+`
operations:
  - {id: noSuchOperation, name: Nothing, reason: "Stale."}
`, hw)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "service Gadgets: Client has no field Gadgets")
	assert.Contains(t, err.Error(), "operations noSuchOperation: no live operation of the spec has this operationId")
}

func TestParseOverridesChecksServicesAndOperations(t *testing.T) {
	for yml, want := range map[string]string{
		`services: [{tag: A, name: As, doc: "x"}, {tag: A, name: Bs, doc: "y"}]`:       "tag listed twice",
		`services: [{tag: A, name: as, doc: "x"}]`:                                     "not an exported Go name",
		`services: [{tag: A, name: As}]`:                                               "doc must be one line",
		`operations: [{id: op, name: Get}]`:                                            "no reason",
		`operations: [{id: op, name: get, reason: "r"}]`:                               "not an exported Go name",
		`operations: [{id: op, name: A, reason: "r"}, {id: op, name: B, reason: "r"}]`: "operation listed twice",
	} {
		_, err := ParseOverrides([]byte(yml))
		require.Error(t, err, yml)
		assert.Contains(t, err.Error(), want, yml)
	}
}

// TestReadHandWrittenSkipsGeneratedFiles: the methods, directives and
// service types of *_gen.go files are not hand-written, so regenerating
// over them gives the same plan.
func TestReadHandWrittenSkipsGeneratedFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(src), 0o600))
	}
	write("a.go", `package p
type Client struct { A *AService; common service }
type service struct{}
type AService service
// Get gets.
//
//alianza:operation GET /v2/a
func (s *AService) Get() {}
`)
	write("b_gen.go", `package p
type BService service
//alianza:operation GET /v2/b
func (s *AService) List() {}
`)
	write("c_test.go", "package p\n//alianza:operation GET /v2/c\nfunc (s *AService) T() {}\n")
	hw, err := ReadHandWritten(dir)
	require.NoError(t, err)
	assert.Equal(t, map[string]map[string]bool{"AService": {"Get": true}}, hw.Services)
	assert.Equal(t, []string{"GET /v2/a"}, hw.ClaimedList())
	assert.True(t, hw.Fields["A"])
	assert.False(t, strings.Contains(strings.Join(hw.ClaimedList(), " "), "/v2/b"))
}
