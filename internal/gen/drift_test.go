package gen

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/go-alianza/alianza/internal/spec"
)

const (
	getAccount  = "GET /v2/partition/{partitionId}/account/{accountId}"
	listAccount = "GET /v2/partition/{partitionId}/account"
)

// changedSpec writes a copy of the embedded spec to a temporary file with
// one claimed operation removed, another deprecated, one added, a value
// added to Account.status, DELETED removed from it, and the schema behind
// ScheduleType gone, and returns the file's path.
func changedSpec(t *testing.T) string {
	t.Helper()
	var doc map[string]any
	require.NoError(t, yaml.Unmarshal(spec.OpenAPI(), &doc))
	paths := asMap(doc["paths"])
	item := asMap(paths["/v2/partition/{partitionId}/account/{accountId}"])
	require.NotNil(t, item["get"])
	delete(item, "get")
	asMap(asMap(paths["/v2/partition/{partitionId}/account"])["get"])["deprecated"] = true
	paths["/v2/partition/{partitionId}/newthing"] = map[string]any{
		"get": map[string]any{"operationId": "listNewThings", "responses": map[string]any{"200": map[string]any{"description": "ok"}}},
	}
	schemas := asMap(asMap(doc["components"])["schemas"])
	status := asMap(asMap(asMap(schemas["Account"])["properties"])["status"])
	status["enum"] = []any{"ACTIVE", "DISABLED", "DELETE_PENDING", "SUSPENDED", "PENDING", "ARCHIVED"}
	delete(schemas, "ScheduleX")
	asMap(doc["info"])["version"] = "3"

	out, err := yaml.Marshal(doc)
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "alianza-openapi.yml")
	require.NoError(t, os.WriteFile(path, out, 0o600))
	return path
}

func TestDriftOnAChangedSpec(t *testing.T) {
	f := loadFixture(t)
	base, ov, claimed := f.base, f.ov, f.claimed
	data, err := os.ReadFile(changedSpec(t))
	require.NoError(t, err)
	target, err := LoadSpec(data)
	require.NoError(t, err)
	require.Len(t, claimed, 421, "the root package's //alianza:operation directives: every live operation")

	d := ComputeDrift(base, target, ov, claimed)
	assert.Equal(t, "2", d.BaseVersion)
	assert.Equal(t, "3", d.TargetVersion)
	assert.Equal(t, d.BaseOps, d.TargetOps, "one removed, one added")
	assert.Equal(t, d.BaseLive-1, d.TargetLive, "one removed, one deprecated, one added")
	require.Len(t, d.Added, 1)
	assert.Equal(t, "GET /v2/partition/{partitionId}/newthing", d.Added[0].Key())
	require.Len(t, d.Removed, 1)
	assert.Equal(t, getAccount, d.Removed[0].Key())
	assert.Equal(t, "retrieveAccount", d.Removed[0].ID)
	require.Len(t, d.Deprecated, 1)
	assert.Equal(t, listAccount, d.Deprecated[0].Key())
	assert.Equal(t, []string{getAccount}, d.ClaimedMissing)
	assert.Equal(t, []string{listAccount}, d.ClaimedDeprecated)

	byType := map[string]EnumDrift{}
	for _, e := range d.Enums {
		byType[e.Type] = e
	}
	assert.Equal(t, []string{"ARCHIVED"}, byType["AccountStatus"].Added)
	assert.Equal(t, []string{"DELETED"}, byType["AccountStatus"].Removed)
	assert.Contains(t, byType["ScheduleType"].Problem, "schema ScheduleX not found")
	assert.Contains(t, byType["AccountIDType"].Problem, "operation retrieveAccount not found", "its source was the removed operation's parameter")
	assert.Empty(t, byType["TimeZone"].Added)
	assert.Empty(t, byType["TimeZone"].Removed)

	var out bytes.Buffer
	d.Write(&out, "new.yml")
	for _, want := range []string{
		`drift of new.yml (version "3") against the embedded spec (version "2")`,
		"  added: 1\n    GET /v2/partition/{partitionId}/newthing listNewThings\n",
		"  removed: 1\n    " + getAccount + " retrieveAccount\n",
		"  newly deprecated: 1\n    " + listAccount,
		"  missing from new.yml: 1\n    " + getAccount + "\n",
		"  deprecated in new.yml: 1\n    " + listAccount + "\n",
		"enums: 62, 3 with drift\n",
		"  AccountIDType (retrieveAccount(accountIdType)): operation retrieveAccount not found\n",
		`  AccountStatus (Account.status): +"ARCHIVED" -"DELETED"` + "\n",
		"  ScheduleType (ScheduleX.type): schema ScheduleX not found\n",
	} {
		assert.Contains(t, out.String(), want)
	}
}

// Any document loads and compares, however little of an OpenAPI
// description it holds.
func TestDriftOnABareDocument(t *testing.T) {
	f := loadFixture(t)
	base, ov, models := f.base, f.ov, f.models
	for _, doc := range []string{
		"openapi: 3.0.3\n",
		"openapi: 3.1.0\npaths: {}\ncomponents: {schemas: {Account: {type: object}}}\n",
		"paths: {/x: {get: {}, parameters: []}, /y: 7}\ncomponents: {schemas: {Account: {properties: {status: {$ref: '#/nowhere'}}}}}\n",
		`{"openapi": "3.0.0", "info": {"version": 4}}`,
		"components: {schemas: {Account: {properties: 7, allOf: x, items: [1]}, User: [], EndUserV2X: {allOf: [{$ref: '#/components/schemas/EndUserV2X'}]}}}\n",
		"paths: {'/v2/partition/{partitionId}/account/{accountId}': {get: {responses: {'200': {content: {x: {schema: {$ref: '#/paths'}}}}}}}}\n",
	} {
		target, err := LoadSpec([]byte(doc))
		require.NoError(t, err, doc)
		d := ComputeDrift(base, target, ov, []string{getAccount})
		d.Models = CheckModels(target, ov, models)
		require.NotEmpty(t, d.Schemas, doc)
		for _, sd := range d.Schemas {
			assert.True(t, sd.changed(), "%s in %q", sd.Schema, doc)
		}
		for _, m := range d.Models {
			assert.True(t, m.changed(), "%s in %q", m.Type, doc)
		}
		if !strings.Contains(doc, "{accountId}") {
			assert.Equal(t, d.BaseOps, len(d.Removed), doc)
			assert.Equal(t, []string{getAccount}, d.ClaimedMissing, doc)
		}
		for _, e := range d.Enums {
			assert.NotEmpty(t, e.Problem, "%s in %q", e.Type, doc)
		}
		var out bytes.Buffer
		d.Write(&out, "bare.yml")
		assert.Contains(t, out.String(), "enums: 62, 62 with drift", doc)
	}
	_, err := LoadSpec([]byte("- a list, not a document"))
	assert.Error(t, err, "a document that is not a mapping is refused with an error")
}

func TestDriftOfTheEmbeddedSpecIsEmpty(t *testing.T) {
	f := loadFixture(t)
	claimed := f.claimed
	d := ComputeDrift(f.base, f.base, f.ov, claimed)
	assert.Empty(t, d.Added)
	assert.Empty(t, d.Removed)
	assert.Empty(t, d.Deprecated)
	assert.Empty(t, d.ClaimedMissing, "every SDK operation is in the spec")
	assert.Empty(t, d.ClaimedDeprecated, "no SDK operation is deprecated")
	assert.Equal(t, d.BaseLive-len(claimed), d.Unclaimed)
	for _, e := range d.Enums {
		assert.Empty(t, e.Problem, e.Type)
		assert.Empty(t, e.Added, e.Type)
		assert.Empty(t, e.Removed, e.Type)
	}
}
