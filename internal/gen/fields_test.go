package gen

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/go-alianza/alianza/internal/spec"
)

// editedSpec writes a copy of the embedded spec, changed by edit, to a
// temporary file and loads it back.
func editedSpec(t *testing.T, edit func(schemas map[string]any)) *Spec {
	t.Helper()
	var doc map[string]any
	require.NoError(t, yaml.Unmarshal(spec.OpenAPI(), &doc))
	edit(asMap(asMap(doc["components"])["schemas"]))
	out, err := yaml.Marshal(doc)
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "alianza-openapi.yml")
	require.NoError(t, os.WriteFile(path, out, 0o600))
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	s, err := LoadSpec(data)
	require.NoError(t, err)
	return s
}

func props(schemas map[string]any, name string) map[string]any {
	return asMap(asMap(schemas[name])["properties"])
}

// driftFixture is what the field and model tests compare with.
type driftFixture struct {
	base    *Spec
	ov      *Overrides
	claimed []string
	models  map[string][]string
}

func loadFixture(t *testing.T) driftFixture {
	t.Helper()
	base, err := embedded()
	require.NoError(t, err)
	ov, err := DefaultOverrides()
	require.NoError(t, err)
	claimed, err := ClaimedOperations("../..")
	require.NoError(t, err)
	models, err := GoModels("../..")
	require.NoError(t, err)
	return driftFixture{base, ov, claimed, models}
}

func schemaDrift(t *testing.T, d Drift, name string) SchemaDrift {
	t.Helper()
	for _, sd := range d.Schemas {
		if sd.Schema == name {
			return sd
		}
	}
	require.Failf(t, "schema not compared", "%s is not among the %d schemas", name, len(d.Schemas))
	return SchemaDrift{}
}

func TestUsedSchemasFollowRefsItemsAndAllOf(t *testing.T) {
	f := loadFixture(t)
	used := f.base.UsedSchemas(f.claimed)
	for _, name := range []string{
		"Account",                         // a body
		"CallScreeningSettingsX",          // Account.callScreeningSettings, a $ref
		"CallingPlanX",                    // Account.callingPlans, array items
		"ForwardRingFailoverAction",       // RingFailoverAction's anyOf member
		"RingFailoverAction",              // ForwardRingFailoverAction's allOf member
		"LimitedRingTimeoutConfiguration", // through two levels
	} {
		assert.Contains(t, used, name)
	}
	assert.NotContains(t, used, "SmsCarrier", "a schema no claimed operation reaches")
	assert.Empty(t, f.base.UsedSchemas([]string{"GET /nowhere"}))
	assert.Len(t, used, 251)
}

func TestTypeOf(t *testing.T) {
	s, err := LoadSpec([]byte(`
components:
  schemas:
    A:
      properties:
        s: {type: string}
        dt: {type: string, format: date-time}
        n: {type: integer, format: int32}
        e: {type: string, enum: [X, Y]}
        r: {$ref: '#/components/schemas/B'}
        w: {allOf: [{$ref: '#/components/schemas/B'}], description: wrapped}
        l: {type: array, items: {$ref: '#/components/schemas/B'}}
        ll: {type: array, items: {type: array, items: {type: number}}}
        o: {properties: {x: {type: string}}}
        u: {}
        t31: {type: [string, "null"]}
        bad: 7
        noitems: {type: array}
`))
	require.NoError(t, err)
	want := map[string]string{
		"s": "string", "dt": "string(date-time)", "n": "integer(int32)", "e": "enum string",
		"r": "$ref B", "w": "$ref B", "l": "array of $ref B", "ll": "array of array of number",
		"o": "object", "u": "any", "t31": "string|null", "bad": "any", "noitems": "array of any",
	}
	assert.Equal(t, want, s.Fields(s.Schema("A")))
}

// The five kinds of change the report names, each on a schema the SDK
// uses, from a copy of the embedded spec written to disk.
func TestFieldDriftOnAChangedSpec(t *testing.T) {
	f := loadFixture(t)
	target := editedSpec(t, func(schemas map[string]any) {
		account := props(schemas, "Account")
		delete(account, "domain")
		account["accountRegion"] = map[string]any{"type": "string"}
		account["accountNumber"] = map[string]any{"type": "integer"}
		account["callScreeningSettings"] = map[string]any{"$ref": "#/components/schemas/CallScreeningSettingsV2"}
		schemas["CallScreeningSettingsV2"] = map[string]any{"type": "object", "properties": map[string]any{"enabled": map[string]any{"type": "boolean"}}}
		delete(schemas, "SipTrunkForwardRules")
	})
	d := ComputeDrift(f.base, target, f.ov, f.claimed)
	// Account and SipTrunkForwardRules are generated; checked as
	// hand-written models would be, they show how a model falls behind a
	// changed schema.
	ov := *f.ov
	ov.Models = append(slices.Clone(f.ov.Models), ModelOverride{Type: "Account", Schema: "Account"}, ModelOverride{Type: "SipTrunkForwardRules", Schema: "SipTrunkForwardRules"})
	d.Models = CheckModels(target, &ov, f.models)

	acct := schemaDrift(t, d, "Account")
	assert.Empty(t, acct.Problem)
	assert.Equal(t, []string{"accountRegion string"}, acct.Added)
	assert.Equal(t, []string{"domain string"}, acct.Removed)
	assert.Equal(t, []string{
		"accountNumber: string -> integer",
		"callScreeningSettings: $ref CallScreeningSettingsX -> $ref CallScreeningSettingsV2",
	}, acct.Retyped)
	assert.Equal(t, "no such schema", schemaDrift(t, d, "SipTrunkForwardRules").Problem)
	assert.Equal(t, []string{"CallScreeningSettingsV2"}, d.NewSchemas)
	changed := 0
	for _, sd := range d.Schemas {
		if sd.changed() {
			changed++
		}
	}
	assert.Equal(t, 2, changed, "the other schemas are unchanged")

	models := map[string]ModelDrift{}
	for _, m := range d.Models {
		models[m.Type] = m
	}
	assert.Equal(t, []string{"accountRegion"}, models["Account"].Missing)
	assert.Equal(t, []string{"domain"}, models["Account"].Unknown)
	assert.Equal(t, "schema SipTrunkForwardRules not found", models["SipTrunkForwardRules"].Problem)

	var out bytes.Buffer
	d.Write(&out, "new.yml")
	for _, want := range []string{
		"fields of the schemas the SDK's operations use: 251 schemas, 2 with drift\n",
		"  Account:\n" +
			"    added    accountRegion string\n" +
			"    removed  domain string\n" +
			"    retyped  accountNumber: string -> integer\n" +
			"    retyped  callScreeningSettings: $ref CallScreeningSettingsX -> $ref CallScreeningSettingsV2\n",
		"  SipTrunkForwardRules: no such schema in new.yml\n",
		"  schemas the SDK's operations reach only in new.yml: 1\n    CallScreeningSettingsV2\n",
		"Go models against new.yml: 37 models, 2 behind or ahead\n",
		"  Account (Account):\n    spec properties the model lacks: accountRegion\n    model fields the spec lacks: domain\n",
		"  SipTrunkForwardRules (SipTrunkForwardRules): schema SipTrunkForwardRules not found\n",
	} {
		assert.Contains(t, out.String(), want)
	}
}

func TestFieldDriftOfTheEmbeddedSpecIsEmpty(t *testing.T) {
	f := loadFixture(t)
	d := ComputeDrift(f.base, f.base, f.ov, f.claimed)
	require.Len(t, d.Schemas, 251)
	for _, sd := range d.Schemas {
		assert.False(t, sd.changed(), "%+v", sd)
	}
	assert.Empty(t, d.NewSchemas)
}

// Every model of the overrides file carries exactly its schema's
// properties in the embedded spec, but for the fields it lists.
func TestGoModelsMatchTheEmbeddedSpec(t *testing.T) {
	f := loadFixture(t)
	got := CheckModels(f.base, f.ov, f.models)
	require.Len(t, got, len(f.ov.Models))
	require.GreaterOrEqual(t, len(got), 35)
	for _, m := range got {
		assert.False(t, m.changed(), "%+v", m)
	}
}

func TestGoModelsReadsJSONNames(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "m.go"), []byte("package m\n"+
		"type Base struct { ID string `json:\"id\"` }\n"+
		"type wire struct { Kind string `json:\"@type\"` }\n"+
		"type M struct {\n"+
		"\tBase\n"+
		"\t*wire\n"+
		"\tName string `json:\"name,omitempty\"`\n"+
		"\tSkip string `json:\"-\"`\n"+
		"\tDash string `json:\"-,\"`\n"+
		"\tPlain, Other int\n"+
		"\thidden string\n"+
		"\tTagged Base `json:\"base\"`\n"+
		"}\n"+
		"type Loop struct { *Loop; X int `json:\"x\"` }\n"), 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "m_test.go"), []byte("package m\ntype T struct{ A int }\n"), 0o600))
	got, err := GoModels(dir)
	require.NoError(t, err)
	assert.Equal(t, []string{"-", "@type", "Other", "Plain", "base", "id", "name"}, got["M"])
	assert.Contains(t, got["Loop"], "x", "a type embedding itself ends")
	assert.NotContains(t, got, "T", "test files are not read")

	require.NoError(t, os.WriteFile(filepath.Join(dir, "bad.go"), []byte("package m\nfunc {"), 0o600))
	_, err = GoModels(dir)
	assert.Error(t, err)
}

// A model entry names a type or a schema that is not there: reported.
func TestCheckModelsReportsMissingTypesAndSchemas(t *testing.T) {
	s, err := LoadSpec([]byte("components: {schemas: {A: {properties: {x: {type: string}}}, L: {properties: {items: {type: array, items: {$ref: '#/nowhere'}}}}}}\n"))
	require.NoError(t, err)
	ov := &Overrides{Models: []ModelOverride{
		{Type: "Gone", Schema: "A"},
		{Type: "M", Schema: "B"},
		{Type: "M", Schema: "L.items"},
		{Type: "M", Schema: "A"},
	}}
	got := CheckModels(s, ov, map[string][]string{"M": {"x", "y"}})
	assert.Equal(t, "no Go struct type Gone", got[0].Problem)
	assert.Equal(t, "schema B not found", got[1].Problem)
	assert.Equal(t, "unresolvable $ref", got[2].Problem)
	assert.Equal(t, ModelDrift{Type: "M", Schema: "A", Unknown: []string{"y"}}, got[3])
}

func TestParseOverridesChecksModels(t *testing.T) {
	for doc, want := range map[string]string{
		"models: [{type: '1x', schema: A}]":                                     "is not a Go name",
		"models: [{type: A, schema: A}, {type: A, schema: B}]":                  "listed twice",
		"models: [{type: A}]":                                                   "no schema",
		"models: [{type: A, schema: A, extra: [{field: x}]}]":                   "no reason",
		"models: [{type: A, schema: A, omit: [{reason: r}]}]":                   "without a field",
		"models: [{type: A, schema: A, omit: [{field: x, reason: \"a\\nb\"}]}]": "more than one line",
	} {
		_, err := ParseOverrides([]byte(doc))
		if assert.Error(t, err, doc) {
			assert.Contains(t, err.Error(), want, doc)
		}
	}
}
