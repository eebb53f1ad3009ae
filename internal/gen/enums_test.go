package gen

import (
	"go/parser"
	"go/token"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-alianza/alianza/internal/spec"
)

// miniSpec declares an enum each way the overrides file can point at one:
// a component schema reached through $ref, an enum inline on a property (of
// an array's items), and one on an operation's parameter.
const miniSpec = `
openapi: 3.0.3
info: {version: "1"}
paths:
  /things/{id}:
    get:
      operationId: getThing
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
        - name: idType
          in: query
          description: What <b>id</b> holds.
          schema: {type: string, enum: [Id, UserName]}
components:
  schemas:
    Colour:
      type: string
      description: A colour.
      enum: [RED, DARK_BLUE, "", GRN]
    Thing:
      type: object
      properties:
        colour: {$ref: '#/components/schemas/Colour'}
        sizes:
          type: array
          description: <p>Sizes &amp; more.</p>
          items: {type: string, enum: [SMALL, LARGE]}
`

const miniOverrides = `
enums:
  - type: Colour
    source: Thing.colour
    reason: The schema Colour, through a $ref.
    note: Colour values appear in Thing.colour.
    names:
      "": {name: None, reason: the empty value}
      GRN: {name: Green, reason: GRN is green}
    aliases:
      DARK BLUE: {value: DARK_BLUE, reason: a spaced variant}
    extra:
      - {value: PINK, name: Pink, reason: sent by the platform}
  - type: Size
    source: Thing.sizes
    reason: Inline on an array's items.
    omit:
      - {value: LARGE, reason: not offered}
  - type: ThingIDType
    source: getThing(idType)
    reason: Inline on a parameter.
`

func mustSpec(t *testing.T, doc string) *Spec {
	t.Helper()
	s, err := LoadSpec([]byte(doc))
	require.NoError(t, err)
	return s
}

func mustOverrides(t *testing.T, doc string) *Overrides {
	t.Helper()
	ov, err := ParseOverrides([]byte(doc))
	require.NoError(t, err)
	return ov
}

func TestBuildEnumsAppliesOverrides(t *testing.T) {
	enums, err := BuildEnums(mustSpec(t, miniSpec), mustOverrides(t, miniOverrides))
	require.NoError(t, err)
	require.Len(t, enums, 3)

	c := enums[0]
	assert.Equal(t, []EnumValue{
		{Name: "Red", Value: "RED"}, {Name: "DarkBlue", Value: "DARK_BLUE"},
		{Name: "None", Value: ""}, {Name: "Green", Value: "GRN"},
		{Name: "Pink", Value: "PINK", Extra: true},
	}, c.Values, "spec order, names overridden, extras last")
	assert.Equal(t, []EnumAlias{{From: "DARK BLUE", To: EnumValue{Name: "DarkBlue", Value: "DARK_BLUE"}}}, c.Aliases)
	assert.Equal(t, "Colour values appear in Thing.colour.\n\nAlianza's OpenAPI description: A colour.", c.Doc,
		"the note, then the schema's description through the $ref")

	assert.Equal(t, []string{"SMALL"}, enums[1].Strings(), "omitted value left out")
	assert.Equal(t, "Size values appear in Thing.sizes.\n\nAlianza's OpenAPI description: Sizes & more.", enums[1].Doc, "HTML stripped")
	assert.Equal(t, []string{"Id", "UserName"}, enums[2].Strings())
	assert.Equal(t, []EnumValue{{Name: "ID", Value: "Id"}, {Name: "UserName", Value: "UserName"}}, enums[2].Values)
}

func TestBuildEnumsRefusesWhatWouldLoseAValue(t *testing.T) {
	s := mustSpec(t, miniSpec)
	for name, tc := range map[string]struct{ overrides, want string }{
		"no such schema":          {"enums: [{type: X, source: Nope.colour, reason: r}]", "schema Nope not found"},
		"no such property":        {"enums: [{type: X, source: Thing.nope, reason: r}]", "property nope not found"},
		"no such operation":       {"enums: [{type: X, source: nope(idType), reason: r}]", "operation nope not found"},
		"no such parameter":       {"enums: [{type: X, source: getThing(nope), reason: r}]", "has no parameter nope"},
		"no enum":                 {"enums: [{type: X, source: getThing(id), reason: r}]", "no enum there"},
		"value without a name":    {"enums: [{type: X, source: Colour, reason: r}]", `value "" has no Go name`},
		"two constants, one name": {`enums: [{type: X, source: Colour, reason: r, names: {"": {name: Red, reason: r}}}]`, "two values are named XRed"},
		"stale name":              {`enums: [{type: X, source: Thing.sizes, reason: r, names: {HUGE: {name: Huge, reason: r}}}]`, `names["HUGE"]: the spec has no such value`},
		"extra the spec has":      {`enums: [{type: X, source: Thing.sizes, reason: r, extra: [{value: SMALL, name: Small, reason: r}]}]`, "the spec has it now"},
		"alias to nothing":        {`enums: [{type: X, source: Thing.sizes, reason: r, aliases: {S: {value: TINY, reason: r}}}]`, `"TINY" is not a value`},
		"alias is a value":        {`enums: [{type: X, source: Thing.sizes, reason: r, aliases: {SMALL: {value: LARGE, reason: r}}}]`, "is itself a value"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := BuildEnums(s, mustOverrides(t, tc.overrides))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestParseOverridesChecksEntries(t *testing.T) {
	for name, tc := range map[string]struct{ doc, want string }{
		"unknown key":          {"enums: [{type: X, source: S, reason: r, colour: red}]", "field colour not found"},
		"no reason":            {"enums: [{type: X, source: S}]", "no reason"},
		"two-line reason":      {"enums: [{type: X, source: S, reason: \"a\\nb\"}]", "more than one line"},
		"unexported type":      {"enums: [{type: x, source: S, reason: r}]", "not an exported Go name"},
		"type twice":           {"enums: [{type: X, source: S, reason: r}, {type: X, source: T, reason: r}]", "listed twice"},
		"no source":            {"enums: [{type: X, reason: r}]", "no source"},
		"name without reason":  {`enums: [{type: X, source: S, reason: r, names: {A: {name: B}}}]`, `names["A"]: no reason`},
		"bad name":             {`enums: [{type: X, source: S, reason: r, names: {A: {name: "b-c", reason: r}}}]`, "cannot follow a type name"},
		"alias without reason": {`enums: [{type: X, source: S, reason: r, aliases: {A: {value: B}}}]`, `aliases["A"]: no reason`},
		"extra without name":   {`enums: [{type: X, source: S, reason: r, extra: [{value: A, reason: r}]}]`, "cannot follow a type name"},
		"omit without reason":  {`enums: [{type: X, source: S, reason: r, omit: [{value: A}]}]`, "no reason"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := ParseOverrides([]byte(tc.doc))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestRenderEnums(t *testing.T) {
	enums, err := BuildEnums(mustSpec(t, miniSpec), mustOverrides(t, miniOverrides))
	require.NoError(t, err)
	src, err := RenderEnums("things", enums)
	require.NoError(t, err)
	_, err = parser.ParseFile(token.NewFileSet(), "x.go", src, parser.ParseComments)
	require.NoError(t, err)
	out := string(src)
	assert.True(t, strings.HasPrefix(out, Header), "the generated-code header comes first")
	for _, want := range []string{
		"// Colour values appear in Thing.colour.\n//\n// Alianza's OpenAPI description: A colour.\ntype Colour string\n",
		"\tColourNone     Colour = \"\"\n",
		"\tColourPink     Colour = \"PINK\"\n",
		"func ColourValues() []Colour { return slices.Clone(colourValues) }\n",
		"func (v Colour) Valid() bool { return slices.Contains(colourValues, v) }\n",
		"\tif a, ok := colourAlias(string(b)); ok {\n",
		"\tcase \"DARK BLUE\":\n\t\treturn ColourDarkBlue, true\n",
		"var sizeValues = []Size{SizeSmall}\n",
		"func (v *Size) UnmarshalText(b []byte) error {\n\t*v = knownOr(sizeValues, b)\n\treturn nil\n}\n",
	} {
		assert.Contains(t, out, want)
	}
	assert.NotContains(t, out, "sizeAlias", "no alias function without aliases")
}

var embedded = sync.OnceValues(func() (*Spec, error) { return LoadSpec(spec.OpenAPI()) })

// The checked-in overrides file applies to the embedded spec, its reasons
// state facts without citing unshipped documents, and enums_gen.go is what
// the generator writes now.
func TestOverridesFileAndGeneratedFile(t *testing.T) {
	s, err := embedded()
	require.NoError(t, err)
	ov, err := DefaultOverrides()
	require.NoError(t, err)
	for _, e := range ov.Enums {
		for _, text := range append(reasons(e), e.Note) {
			for _, banned := range []string{"seed", "spec-scope", "reliability plan", "STYLE.md"} {
				assert.NotContains(t, strings.ToLower(text), strings.ToLower(banned), e.Type)
			}
		}
	}
	enums, err := BuildEnums(s, ov)
	require.NoError(t, err)
	src, err := RenderEnums("alianza", enums)
	require.NoError(t, err)
	onDisk, err := os.ReadFile("../../enums_gen.go")
	require.NoError(t, err)
	assert.Equal(t, string(src), string(onDisk), "enums_gen.go is stale: run go generate ./...")
}

func reasons(e EnumOverride) []string {
	out := []string{e.Reason}
	for _, n := range e.Names {
		out = append(out, n.Reason)
	}
	for _, a := range e.Aliases {
		out = append(out, a.Reason)
	}
	for _, x := range e.Extra {
		out = append(out, x.Reason)
	}
	for _, o := range e.Omit {
		out = append(out, o.Reason)
	}
	return out
}
