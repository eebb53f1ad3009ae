package alianza

import (
	"bufio"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

// specPath is the official OpenAPI description, shared with the fake.
var specPath = filepath.Join("internal", "spec", "alianza-openapi.yml")

// specOperation is what the directive test needs of one spec operation.
type specOperation struct {
	OperationID string `yaml:"operationId"`
	Deprecated  bool   `yaml:"deprecated"`
}

// loadSpecOperations maps "METHOD /path" to the spec's operation.
func loadSpecOperations(t *testing.T) map[string]specOperation {
	t.Helper()
	raw, err := os.ReadFile(specPath)
	require.NoError(t, err)
	var doc struct {
		Paths map[string]map[string]yaml.Node `yaml:"paths"`
	}
	require.NoError(t, yaml.Unmarshal(raw, &doc))
	ops := make(map[string]specOperation)
	for path, item := range doc.Paths {
		for method, node := range item {
			switch method {
			case "get", "put", "post", "delete", "patch", "head", "options":
			default:
				continue // parameters, summary, ...
			}
			var op specOperation
			require.NoError(t, node.Decode(&op), "%s %s", method, path)
			ops[strings.ToUpper(method)+" "+path] = op
		}
	}
	require.Greater(t, len(ops), 400, "the spec has 471 operations")
	return ops
}

// loadScope reads testdata/operations-scope.txt: priority, method, operationId.
func loadScope(t *testing.T) map[string]string {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "operations-scope.txt"))
	require.NoError(t, err)
	defer f.Close()
	scope := make(map[string]string)
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Fields(line)
		require.Len(t, fields, 3, "line %q", line)
		scope[fields[2]] = fields[0] + " " + fields[1]
	}
	require.NoError(t, sc.Err())
	return scope
}

// TestOperationDirectives ties every service method to the official spec:
// each //alianza:operation directive must name a real, non-deprecated
// operation, no operation may be claimed twice, the method's doc names the
// operationId, and every MUST and SHOULD operation of spec-scope section 1
// has a method.
func TestOperationDirectives(t *testing.T) {
	spec := loadSpecOperations(t)
	scope := loadScope(t)
	list, err := parseDirectiveList(".")
	require.NoError(t, err)
	require.NotEmpty(t, list)

	claimed := make(map[string]string) // operationId -> func
	for _, d := range list {
		op, ok := spec[d.Op]
		if !assert.True(t, ok, "%s: directive %q is not an operation of the spec", d.Func, d.Op) {
			continue
		}
		assert.False(t, op.Deprecated, "%s: %s (%s) is deprecated in the spec", d.Func, d.Op, op.OperationID)
		if prev, dup := claimed[op.OperationID]; dup {
			t.Errorf("operation %s (%s) is claimed by both %s and %s", op.OperationID, d.Op, prev, d.Func)
		}
		claimed[op.OperationID] = d.Func
		assert.Contains(t, d.Doc, "operationId "+op.OperationID, "%s: doc must name the operationId", d.Func)
	}

	var missing []string
	for id, prio := range scope {
		if _, ok := claimed[id]; !ok {
			missing = append(missing, prio+" "+id)
		}
	}
	sort.Strings(missing)
	assert.Empty(t, missing, "MUST/SHOULD operations without a service method")
	t.Logf("%d directives, %d of %d scope operations covered", len(list), len(scope)-len(missing), len(scope))
}

// TestOperationDirectivesCatchMistakes proves the check above can fail: a
// made-up path and a deprecated operation are both reported.
func TestOperationDirectivesCatchMistakes(t *testing.T) {
	spec := loadSpecOperations(t)
	_, ok := spec["GET /v2/partition/{partitionId}/account/{accountId}/siptrunk"]
	assert.False(t, ok, "seed 002's siptrunk path is not in the spec")
	dep, ok := spec["GET /v2/partition/{partitionId}/account/{accountId}/devices"]
	require.True(t, ok)
	assert.True(t, dep.Deprecated, "listDevicesDeprecated is deprecated")
}
