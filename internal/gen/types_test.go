package gen

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-alianza/alianza/internal/spec"
)

func TestTypeName(t *testing.T) {
	for schema, want := range map[string]string{
		"CallHandlingX":              "CallHandling",
		"EndUserV2X":                 "EndUserV2",
		"TelephoneNumberAccountV2X":  "TelephoneNumberAccountV2",
		"JobStatusDTO":               "JobStatus",
		"ValidateSipUsernameDto":     "ValidateSIPUsername",
		"IVRX":                       "IVR",
		"LOAX":                       "LOA",
		"CdrT38Info":                 "CDRT38Info",
		"SCHEDULE_RULE_COMPONENT":    "ScheduleRuleComponent",
		"SsoConfigResponse":          "SSOConfigResponse",
		"SipCredentialsView":         "SIPCredentialsView",
		"SAMLRequestProtocolBinding": "SAMLRequestProtocolBinding",
		"Fax":                        "Fax",
		"X":                          "X",
		"Box":                        "Box",
		"TnData":                     "TNData",
	} {
		assert.Equal(t, want, TypeName(schema), schema)
	}
}

func TestFieldName(t *testing.T) {
	for prop, want := range map[string]string{
		"accountId":        "AccountID",
		"@type":            "Type",
		"userIds":          "UserIDs",
		"sipPassword":      "SIPPassword",
		"jobOutputUrl":     "JobOutputURL",
		"wirelessPin":      "WirelessPIN",
		"macAddress":       "MACAddress",
		"911Address":       "N911Address",
		"e911Address":      "E911Address",
		"rateTypeFor411":   "RateTypeFor411",
		"ssoClientSecret":  "SSOClientSecret",
		"cdrExportEnabled": "CDRExportEnabled",
		// As the hand-written models name them.
		"b2bPartnerId": "B2BPartnerID",
		"smbDevice":    "SMBDevice",
		"pbxTnDigits":  "PBXTNDigits",
		"sendLoa":      "SendLOA",
		"canAcceptSMS": "CanAcceptSMS",
	} {
		assert.Equal(t, want, FieldName(prop), prop)
	}
}

func TestJoinNameDropsRepeatedWords(t *testing.T) {
	assert.Equal(t, "AccountHistoryType", joinName("AccountHistory", "AccountHistoryType"))
	assert.Equal(t, "ForwardConfigurationType", joinName("ForwardConfiguration", "ConfigurationType"))
	assert.Equal(t, "CallDetailRecordCallType", joinName("CallDetailRecord", "CallType"))
	// A field named like its parent keeps both: the joined name must differ
	// from the parent's.
	assert.Equal(t, "RecipientStatusStatus", joinName("RecipientStatus", "Status"))
}

func TestRequestName(t *testing.T) {
	for _, c := range []struct{ prefix, base, want string }{
		{"Create", "Account", "CreateAccountRequest"},
		{"Create", "CreateBrandSettings", "CreateBrandSettingsRequest"},
		{"Create", "SsoConfigCreateRequest", "CreateSsoConfigRequest"},
		{"Update", "SpecialtyLineRequestDto", "UpdateSpecialtyLineRequest"},
		{"Update", "UpdateSubPartitionsRequest", "UpdateSubPartitionsRequest"},
		{"Patch", "CreateWidget", "PatchCreateWidgetRequest"},
	} {
		assert.Equal(t, c.want, requestName(c.prefix, c.base), c.base)
	}
}

func TestSingular(t *testing.T) {
	for plural, want := range map[string]string{
		"DeviceDataLines": "DeviceDataLine",
		"Entries":         "Entry",
		"Addresses":       "Address",
		"Boxes":           "Box",
		"Status":          "StatusItem",
		"Data":            "DataItem",
	} {
		assert.Equal(t, want, singular(plural), plural)
	}
}

func TestSecretProperties(t *testing.T) {
	for _, name := range []string{"password", "sipPassword", "adminPassword", "pin", "wirelessPin",
		"apiSecret", "clientSecret", "authToken", "apiKey", "privateKey"} {
		assert.True(t, isSecretProp(name), name)
	}
	for _, name := range []string{"mustChangePassword2", "pinLockedOut", "tokenSource", "key", "inputKey",
		"identityProviderSigningKeyName", "resetAuthTokenFlag", "spinner"} {
		assert.False(t, isSecretProp(name), name)
	}
}

// typesSpec exercises the type mapping: every primitive, arrays, maps,
// allOf (one member and merged), oneOf, inline objects and enums, a
// discriminated base, secrets and request bodies.
const typesSpec = `
openapi: 3.0.3
info: {version: "1"}
paths:
  /widgets:
    post:
      operationId: createWidget
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/WidgetX'}
      responses:
        "200":
          content:
            application/json:
              schema: {$ref: '#/components/schemas/WidgetX'}
  /widgets/{id}:
    put:
      operationId: updateWidget
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/WidgetX'}
      responses:
        "200":
          content:
            application/json:
              schema: {$ref: '#/components/schemas/WidgetX'}
    patch:
      operationId: patchWidget
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/WidgetX'}
      responses:
        "204": {description: done}
  /owners/{id}:
    put:
      operationId: updateOwner
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Owner'}
      responses:
        "204": {description: done}
components:
  schemas:
    Colour:
      type: string
      enum: [RED, BLUE]
    Base:
      type: object
      properties:
        id: {type: string, description: The widget's id.}
    WidgetX:
      description: A <b>widget</b>.
      allOf:
        - $ref: '#/components/schemas/Base'
        - type: object
          required: [name, colour, size]
          properties:
            name: {type: string, minLength: 3, maxLength: 9, description: Its name.}
            colour: {type: string, enum: [BLUE, RED]}
            shade: {type: string, enum: [LIGHT, DARK, Dark]}
            size: {type: integer, format: int32, minimum: 1, maximum: 28}
            count: {type: integer, format: int64}
            weight: {type: number}
            ok: {type: boolean}
            made: {type: string, format: date-time}
            raw: {type: string, format: byte}
            code: {type: string, pattern: '\d+'}
            ext: {type: string, pattern: '\\d+x*'}
            tags: {type: array, items: {type: string}}
            labels: {type: object, additionalProperties: {type: integer}}
            extra: {type: object}
            either:
              oneOf: [{type: string}, {type: integer}]
            owner:
              allOf: [{$ref: '#/components/schemas/Owner'}]
            parts:
              type: array
              items:
                type: object
                properties:
                  partNo: {type: string}
            sipPassword: {type: string}
            created: {type: string, format: date-time, readOnly: true}
            action: {$ref: '#/components/schemas/Action'}
    Owner:
      type: object
      properties:
        ownerId: {type: string}
        next: {$ref: '#/components/schemas/Owner'}
    Action:
      type: object
      properties:
        '@type': {type: string, enum: [Busy, Forward]}
      discriminator: {propertyName: '@type'}
      anyOf:
        - $ref: '#/components/schemas/ForwardAction'
    ForwardAction:
      allOf:
        - $ref: '#/components/schemas/Action'
        - type: object
          properties:
            toNumber: {type: string}
`

const typesOverrides = `
enums:
  - {type: Colour, source: Colour, reason: test}
serverAssigned:
  - {field: id, methods: [POST], reason: test}
patterns:
  - {pattern: '\\d+x*', reason: test}
`

// newTestTypes builds Types over typesSpec with pkg as the hand-written
// package's source (one file), or no package when pkg is "".
func newTestTypes(t *testing.T, ovYAML, pkg string) (*Types, error) {
	t.Helper()
	s, err := LoadSpec([]byte(typesSpec))
	require.NoError(t, err)
	ov, err := ParseOverrides([]byte(ovYAML))
	require.NoError(t, err)
	dir := ""
	if pkg != "" {
		dir = t.TempDir()
		require.NoError(t, os.WriteFile(filepath.Join(dir, "hand.go"), []byte(pkg), 0o600))
	}
	return NewTypes(s, ov, dir)
}

func fieldsOf(d *Decl) map[string]Field {
	out := map[string]Field{}
	for _, f := range d.Fields {
		out[f.JSON] = f
	}
	return out
}

func TestTypesMapping(t *testing.T) {
	ty, err := newTestTypes(t, typesOverrides, "")
	require.NoError(t, err)
	assert.Equal(t, "Widget", ty.Name("WidgetX"))
	require.NoError(t, ty.Err())
	d := ty.decls["Widget"]
	require.NotNil(t, d)
	assert.Equal(t, "A widget.", d.Doc)
	got := map[string]string{}
	for _, f := range d.Fields {
		got[f.JSON] = f.Type
	}
	assert.Equal(t, map[string]string{
		"id": "string", "name": "string", "colour": "Colour", "shade": "WidgetShade",
		"size": "int", "count": "int64", "weight": "float64", "ok": "bool", "made": "time.Time",
		"raw": "[]byte", "code": "string", "ext": "string", "tags": "[]string", "labels": "map[string]int",
		"extra": "map[string]any", "either": "json.RawMessage", "owner": "Owner", "parts": "[]WidgetPart",
		"sipPassword": "Secret", "created": "time.Time", "action": "Action",
	}, got)
	f := fieldsOf(d)
	assert.Equal(t, "omitzero", f["made"].Omit)
	assert.Equal(t, "omitzero", f["owner"].Omit)
	assert.Equal(t, "omitempty", f["name"].Omit)
	assert.Equal(t, "Its name.", f["name"].Doc)
	assert.Equal(t, "The widget's id.", f["id"].Doc)
	assert.Equal(t, "It is raw JSON: the spec allows one of several shapes, which Go cannot express as one type.", f["either"].Doc)
	assert.Equal(t, "It is raw JSON: the spec does not say what it holds.", rawOf(ty, map[string]any{}))

	// Fields follow the spec's order: the allOf base's first, then the
	// member's as written.
	assert.Equal(t, []string{"id", "name", "colour", "shade", "size"}, jsonNames(d)[:5])

	// A discriminated base decodes every variant: its struct has the
	// variants' fields too.
	assert.Equal(t, []string{"@type", "toNumber"}, jsonNames(ty.decls["Action"]))
	assert.Equal(t, []string{"encoding/json", "fmt", "log/slog", "slices", "time"}, ty.Imports())
}

// spaces matches the runs of blanks gofmt aligns with.
var spaces = regexp.MustCompile(`[ \t]+`)

func TestOneOfIsRawWithVariantTypes(t *testing.T) {
	ty, err := newTestTypes(t, typesOverrides, "")
	require.NoError(t, err)
	n := map[string]any{"oneOf": []any{map[string]any{"$ref": "#/components/schemas/Owner"}, map[string]any{"type": "string"}}}
	assert.Equal(t, "json.RawMessage", ty.Expr(n, "GetThingResponse"))
	assert.NotNil(t, ty.decls["Owner"], "a variant gets its type, to decode the raw JSON into")
	assert.Contains(t, ty.rawReason(n), "(Owner)")
}

func jsonNames(d *Decl) []string {
	var out []string
	for _, f := range d.Fields {
		out = append(out, f.JSON)
	}
	return out
}

func TestInlineEnums(t *testing.T) {
	ty, err := newTestTypes(t, typesOverrides, "")
	require.NoError(t, err)
	ty.Name("WidgetX")
	// The inline colour enum has Colour's values (in another order): the
	// existing type is reused and nothing is generated.
	assert.Nil(t, ty.decls["WidgetColour"])
	e := ty.decls["WidgetShade"]
	require.NotNil(t, e)
	assert.Equal(t, KindEnum, e.Kind)
	// DARK and Dark both read as Dark: the second spelling is DarkAlt.
	assert.Equal(t, []EnumValue{{Name: "Light", Value: "LIGHT"}, {Name: "Dark", Value: "DARK"}, {Name: "DarkAlt", Value: "Dark"}}, e.Enum.Values)
	// Another inline enum of the same property name and values is the same
	// type.
	assert.Equal(t, "WidgetShade", ty.Expr(map[string]any{"type": "string", "enum": []any{"Dark", "LIGHT", "DARK"}}, "Other.shade"))
	src, err := RenderModels("p", ty)
	require.NoError(t, err)
	for _, want := range []string{"WidgetShadeDarkAlt WidgetShade = \"Dark\"", "func (v WidgetShade) Valid() bool",
		"func WidgetShadeValues() []WidgetShade", "func (v *WidgetShade) UnmarshalText(b []byte) error"} {
		assert.Contains(t, string(src), want)
	}
}

func TestTypesNameClashes(t *testing.T) {
	// A hand-written Widget: the generated name of WidgetX clashes.
	_, err := func() (string, error) {
		ty, err := newTestTypes(t, typesOverrides, "package p\n\ntype Widget struct{}\n")
		require.NoError(t, err)
		ty.Name("WidgetX")
		_, err = RenderModels("p", ty)
		return "", err
	}()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "WidgetX: the generated name Widget is already declared by hand")
	assert.Contains(t, err.Error(), "schemaNames")

	// schemaNames resolves it.
	ty, err := newTestTypes(t, typesOverrides+"schemaNames:\n  - {source: WidgetX, name: Gadget, reason: test}\n", "package p\n\ntype Widget struct{}\n")
	require.NoError(t, err)
	assert.Equal(t, "Gadget", ty.Name("WidgetX"))
	require.NoError(t, ty.Err())

	// Two generated types of one name clash as well.
	ty, err = newTestTypes(t, typesOverrides, "")
	require.NoError(t, err)
	ty.Name("WidgetX")
	ty.Expr(map[string]any{"type": "object", "properties": map[string]any{"a": map[string]any{"type": "string"}}}, "Widget")
	require.Error(t, ty.Err())
	assert.Contains(t, ty.Err().Error(), "the generated name Widget is also the name of WidgetX")

	// An entry no generated type applies is stale (or misspelled): it fails.
	ty, err = newTestTypes(t, typesOverrides+"schemaNames:\n  - {source: WidgetZ, name: Gizmo, reason: test}\n", "")
	require.NoError(t, err)
	ty.Name("WidgetX")
	_, err = RenderModels("p", ty)
	require.ErrorContains(t, err, "schemaNames entries no generated type uses (stale, or the source is misspelled): WidgetZ")

	// A hand entry names a type the package must declare.
	_, err = newTestTypes(t, typesOverrides+"schemaNames:\n  - {source: Action, name: Act, hand: true, reason: test}\n", "package p\n")
	require.ErrorContains(t, err, "Act is not declared")
}

func TestTypesUseHandWrittenModels(t *testing.T) {
	ty, err := newTestTypes(t, typesOverrides+"models:\n  - {type: Proprietor, schema: Owner}\n", "package p\n\ntype Proprietor struct{}\n")
	require.NoError(t, err)
	assert.Equal(t, "Proprietor", ty.Name("Owner"))
	ty.Name("WidgetX")
	assert.Nil(t, ty.decls["Owner"])
	assert.Equal(t, "Proprietor", fieldsOf(ty.decls["Widget"])["owner"].Type)
}

func TestTypesBody(t *testing.T) {
	ty, err := newTestTypes(t, typesOverrides, "")
	require.NoError(t, err)
	ty.UseOperations([]string{"POST /widgets", "PUT /widgets/{id}", "PATCH /widgets/{id}"})
	require.NoError(t, ty.Err())

	create := ty.decls["CreateWidgetRequest"]
	require.NotNil(t, create)
	f := fieldsOf(create)
	assert.NotContains(t, f, "id", "the platform assigns id on POST (overrides serverAssigned)")
	assert.NotContains(t, f, "created", "readOnly")
	assert.False(t, f["name"].Pointer, "required")
	assert.Empty(t, f["name"].Omit, "a required field is always sent")
	assert.True(t, f["count"].Pointer, "optional")
	assert.False(t, f["tags"].Pointer, "a nil slice is already absent")
	assert.Equal(t, "Secret", f["sipPassword"].Type)

	update := ty.decls["UpdateWidgetRequest"]
	require.NotNil(t, update)
	assert.Contains(t, fieldsOf(update), "id", "a PUT carries the id")
	patch := ty.decls["PatchWidgetRequest"]
	require.NotNil(t, patch)
	for _, pf := range patch.Fields {
		if !strings.HasPrefix(pf.Type, "[]") && !strings.HasPrefix(pf.Type, "map[") && pf.Type != "json.RawMessage" {
			assert.True(t, pf.Pointer, "PATCH: %s", pf.JSON)
		}
	}

	rules := map[string][]string{}
	for _, r := range create.Rules {
		rules[r.JSON] = append(rules[r.JSON], strings.TrimSpace(strings.Join([]string{r.Kind, r.Min, r.Max, r.Pattern}, " ")))
	}
	assert.Equal(t, map[string][]string{
		"name":   {"required", "length 3 9"},
		"colour": {"required", "enum"},
		"shade":  {"enum"},
		"size":   {"range 1 28"},
		"code":   {`pattern   \d+`},
		// ext's pattern is listed under patterns: not enforced.
	}, rules)
	for _, r := range patch.Rules {
		assert.NotEqual(t, "required", r.Kind, "PATCH sends what changes")
	}

	src, err := RenderModels("p", ty)
	require.NoError(t, err)
	s := spaces.ReplaceAllString(string(src), " ")
	for _, want := range []string{
		"func (r *CreateWidgetRequest) Validate() error { return validateRequest(r) }",
		`v.required("name", r.Name)`,
		`v.length("name", r.Name, 3, 9)`,
		`v.enum("colour", string(r.Colour), r.Colour.Valid())`,
		`v.check(*r.Size >= 1 && *r.Size <= 28, "size", "must be between 1 and 28")`,
		"specPattern1 = regexp.MustCompile(\"^(?:\\\\d+)$\")",
		// The model and its update request pair up: a converter.
		"func (m *Widget) UpdateRequest() *UpdateWidgetRequest {",
		"Name: m.Name,",
		"Count: ptrUnlessZero(m.Count),",
		"Ok: Ptr(m.Ok),",
		"Owner: copyUnlessZero(m.Owner),",
		"Tags: deepCopy(m.Tags),",
		// Types that hold a Secret redact it under fmt and slog.
		"func (x Widget) Format(f fmt.State, verb rune) {",
		"func (x CreateWidgetRequest) LogValue() slog.Value { return RedactedLogValue(x) }",
		// Owner holds itself: the field is a pointer.
		"Next *Owner `json:\"next,omitempty\"`",
	} {
		assert.Contains(t, s, want)
	}
	assert.NotContains(t, s, "func (x Owner) Format", "Owner holds no secret")

	test, err := RenderModelsTest("p", ty)
	require.NoError(t, err)
	ts := spaces.ReplaceAllString(string(test), " ")
	for _, want := range []string{`"Widget": &Widget{}`, "WidgetShadeValues,", `name: "Widget.UpdateRequest"`} {
		assert.Contains(t, ts, want)
	}
}

// TestGeneratedFieldsHaveDocs parses the checked-in models_gen.go and
// checks that every exported field of a generated struct whose property
// the spec describes carries a doc comment, and that every generated type
// has one.
func TestGeneratedFieldsHaveDocs(t *testing.T) {
	s, err := LoadSpec(spec.OpenAPI())
	require.NoError(t, err)
	ov, err := DefaultOverrides()
	require.NoError(t, err)
	// The operations hand-written methods claim: generated methods carry
	// directives too, so only the sources not written by the generator count.
	hand := handWrittenSources(t, "../..")
	ty, err := NewTypes(s, ov, hand)
	require.NoError(t, err)
	claimed, err := ClaimedOperations(hand)
	require.NoError(t, err)
	ty.UseOperations(UnclaimedOperations(s, claimed))
	require.NoError(t, ty.Err())

	file, err := parser.ParseFile(token.NewFileSet(), "../../"+modelsFile, nil, parser.ParseComments)
	require.NoError(t, err)
	structs := map[string]*ast.StructType{}
	docs := map[string]bool{}
	for _, d := range file.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.TYPE {
			continue
		}
		for _, sp := range gd.Specs {
			ts := sp.(*ast.TypeSpec)
			docs[ts.Name.Name] = gd.Doc != nil && strings.HasPrefix(gd.Doc.Text(), ts.Name.Name+" ")
			if st, ok := ts.Type.(*ast.StructType); ok {
				structs[ts.Name.Name] = st
			}
		}
	}
	described := 0
	for _, d := range ty.Decls() {
		assert.True(t, docs[d.Name], "%s has no doc comment starting with its name", d.Name)
		if d.Kind == KindEnum {
			continue
		}
		st := structs[d.Name]
		require.NotNil(t, st, "%s is not a struct in %s", d.Name, modelsFile)
		byJSON := map[string]*ast.Field{}
		for _, fld := range st.Fields.List {
			if fld.Tag == nil || len(fld.Names) == 0 || !fld.Names[0].IsExported() {
				continue
			}
			tag, _ := strconv.Unquote(fld.Tag.Value)
			name, _, _ := strings.Cut(reflect.StructTag(tag).Get("json"), ",")
			byJSON[name] = fld
		}
		props := ty.properties(d.node)
		for _, f := range d.Fields {
			fld := byJSON[f.JSON]
			require.NotNil(t, fld, "%s: no field for %s in %s", d.Name, f.JSON, modelsFile)
			i := slices.IndexFunc(props, func(p prop) bool { return p.name == f.JSON })
			require.GreaterOrEqual(t, i, 0, "%s.%s", d.Name, f.JSON)
			if describe(s, props[i].node) == "" {
				continue
			}
			described++
			assert.NotNil(t, fld.Doc, "%s.%s: the spec describes %s but the field has no doc comment", d.Name, fld.Names[0].Name, f.JSON)
		}
	}
	assert.Greater(t, described, 300)
}

func rawOf(ty *Types, n map[string]any) string { return ty.rawReason(n) }

func TestGenerateEntryMovesAModelOntoGeneratedCode(t *testing.T) {
	ty, err := newTestTypes(t, typesOverrides+"generate:\n  - {schema: Owner, doc: Owner owns widgets., reason: test}\n", "")
	require.NoError(t, err)
	// Generated though no operation or other type asked for it.
	d := ty.decls["Owner"]
	require.NotNil(t, d)
	src, err := RenderModels("p", ty)
	require.NoError(t, err)
	assert.Contains(t, string(src), "// Owner owns widgets.\ntype Owner struct {")

	_, err = ParseOverrides([]byte("models:\n  - {type: Owner, schema: Owner}\ngenerate:\n  - {schema: Owner, reason: test}\n"))
	require.ErrorContains(t, err, "the models table ties the schema to a hand-written model")
	_, err = newTestTypes(t, typesOverrides+"generate:\n  - {schema: Nope, reason: test}\n", "")
	require.ErrorContains(t, err, "generate Nope: no such schema")
}

func TestConverterForAHandWrittenModel(t *testing.T) {
	hand := "package p\n\ntype Proprietor struct {\n\tOwnerID string `json:\"ownerId,omitempty\"`\n\tNext *Proprietor `json:\"next,omitempty\"`\n}\n"
	ty, err := newTestTypes(t, typesOverrides+"models:\n  - {type: Proprietor, schema: Owner}\n", hand)
	require.NoError(t, err)
	ty.UseOperations([]string{"PUT /owners/{id}"})
	conv := ty.converters()
	require.Len(t, conv, 1)
	c := conv[0]
	assert.Equal(t, "Proprietor", c.Model)
	assert.Equal(t, "UpdateOwnerRequest", c.Request)
	require.Len(t, c.Copied, 2)
	assert.Equal(t, "ownerId", c.Copied[0].Request.JSON)
	// next is *Proprietor in the model and a pointer in the request: copied.
	assert.Equal(t, "next", c.Copied[1].Request.JSON)
	assert.True(t, c.Copied[1].Model.Pointer)
	assert.Empty(t, c.NotCopied)

	// A field of another type is not copied, and the test table says why.
	other := strings.Replace(hand, "OwnerID string", "OwnerID int", 1)
	ty2, err := newTestTypes(t, typesOverrides+"models:\n  - {type: Proprietor, schema: Owner}\n", other)
	require.NoError(t, err)
	ty2.UseOperations([]string{"PUT /owners/{id}"})
	assert.Equal(t, [][2]string{{"ownerId", "the hand-written Proprietor holds it as int, the request as string"}}, ty2.converters()[0].NotCopied)
	src, err := RenderModelsTest("p", ty2)
	require.NoError(t, err)
	assert.Contains(t, string(src), `"ownerId": "the hand-written Proprietor holds it as int, the request as string",`)

	// A hand-written model that has its own UpdateRequest gets none.
	ty, err = newTestTypes(t, typesOverrides+"models:\n  - {type: Proprietor, schema: Owner}\n", hand+"\nfunc (p *Proprietor) UpdateRequest() any { return nil }\n")
	require.NoError(t, err)
	ty.UseOperations([]string{"PUT /owners/{id}"})
	assert.Empty(t, ty.converters())
}

// handWrittenSources copies the non-test Go files of dir that the generator
// did not write into a new directory and returns it.
func handWrittenSources(t *testing.T, dir string) string {
	t.Helper()
	out := t.TempDir()
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	require.NoError(t, err)
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		b, err := os.ReadFile(name)
		require.NoError(t, err)
		if strings.HasPrefix(string(b), Header) {
			continue
		}
		require.NoError(t, os.WriteFile(filepath.Join(out, filepath.Base(name)), b, 0o600))
	}
	return out
}

func TestGenerateEntryNamesAndNotesFields(t *testing.T) {
	ty, err := newTestTypes(t, typesOverrides+`generate:
  - schema: Owner
    reason: test
    fields:
      - {field: ownerId, name: OwnerKey, reason: "the name the SDK has always used"}
      - {field: next, note: "Next is the owner after this one."}
`, "")
	require.NoError(t, err)
	src, err := RenderModels("p", ty)
	require.NoError(t, err)
	assert.Contains(t, string(src), "OwnerKey string `json:\"ownerId,omitempty\"`")
	assert.Contains(t, string(src), "\t// Next is the owner after this one.\n\tNext *Owner")

	for yml, want := range map[string]string{
		"generate:\n  - {schema: Owner, reason: test, fields: [{field: name, name: X}]}\n":            "field name: no reason",
		"generate:\n  - {schema: Owner, reason: test, fields: [{field: name}]}\n":                     "neither name nor note",
		"generate:\n  - {schema: Owner, reason: test, fields: [{field: name, name: x, reason: r}]}\n": "is not an exported Go name",
	} {
		_, err = ParseOverrides([]byte(yml))
		require.ErrorContains(t, err, want, yml)
	}
	_, err = newTestTypes(t, typesOverrides+"generate:\n  - {schema: Owner, reason: test, fields: [{field: nope, note: n}]}\n", "")
	require.ErrorContains(t, err, "generate Owner: no field nope")
	_, err = newTestTypes(t, typesOverrides+"generate:\n  - {schema: Owner, reason: test, fields: [{field: ownerId, name: Next, reason: r}]}\n", "")
	require.ErrorContains(t, err, "Next names another field")
}
