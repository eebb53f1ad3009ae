package alianza

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// specOperation is what the directive test needs of one spec operation.
type specOperation struct {
	OperationID string
	Deprecated  bool
}

// loadSpecOperations maps "METHOD /path" to the embedded spec's operation.
func loadSpecOperations(t *testing.T) map[string]specOperation {
	t.Helper()
	ops := make(map[string]specOperation)
	for _, op := range embeddedSpec(t).Operations() {
		ops[op.Key()] = specOperation{OperationID: op.ID, Deprecated: op.Deprecated}
	}
	require.Greater(t, len(ops), 400, "the spec has 471 operations")
	return ops
}

// checkDirectives returns every problem of the directives in list against
// the spec and the scope: a directive the spec does not have, a deprecated
// one, an operation claimed twice, a doc that does not name its
// operationId, and a scope operation no directive claims (or claims with
// another method).
func checkDirectives(spec map[string]specOperation, scope []ScopeOperation, list []OperationDirective) []string {
	var problems []string
	claimed := make(map[string]OperationDirective) // operationId -> directive
	for _, d := range list {
		op, ok := spec[d.Op]
		if !ok {
			problems = append(problems, fmt.Sprintf("%s: directive %q is not an operation of the spec", d.Func, d.Op))
			continue
		}
		if op.Deprecated {
			problems = append(problems, fmt.Sprintf("%s: %s (%s) is deprecated in the spec", d.Func, d.Op, op.OperationID))
		}
		if prev, dup := claimed[op.OperationID]; dup {
			problems = append(problems, fmt.Sprintf("operation %s (%s) is claimed by both %s and %s", op.OperationID, d.Op, prev.Func, d.Func))
		}
		claimed[op.OperationID] = d
		if !strings.Contains(d.Doc, "operationId "+op.OperationID) {
			problems = append(problems, fmt.Sprintf("%s: doc must name operationId %s", d.Func, op.OperationID))
		}
	}
	for _, s := range scope {
		d, ok := claimed[s.OperationID]
		switch {
		case !ok:
			problems = append(problems, fmt.Sprintf("%s %s %s has no service method", s.Priority, s.Method, s.OperationID))
		case !strings.HasPrefix(d.Op, s.Method+" "):
			problems = append(problems, fmt.Sprintf("%s: %s is %s in the scope file but the directive says %s", d.Func, s.OperationID, s.Method, d.Op))
		}
	}
	return problems
}

// loadDirectivesAndScope is what both directive tests start from.
func loadDirectivesAndScope(t *testing.T) ([]OperationDirective, []ScopeOperation) {
	t.Helper()
	list, err := Directives()
	require.NoError(t, err)
	require.NotEmpty(t, list)
	scope, err := ScopeOperations()
	require.NoError(t, err)
	require.NotEmpty(t, scope)
	return list, scope
}

// TestOperationDirectives ties every service method to the official spec
// (see checkDirectives): every MUST and SHOULD operation of
// testdata/operations-scope.txt has a method, each directive names a real,
// non-deprecated operation that no other method claims, and the method's
// doc names its operationId.
func TestOperationDirectives(t *testing.T) {
	spec := loadSpecOperations(t)
	list, scope := loadDirectivesAndScope(t)
	assert.Empty(t, checkDirectives(spec, scope, list))
	t.Logf("%d directives, %d scope operations", len(list), len(scope))
}

// TestOperationDirectivesCatchMistakes proves the check above can fail: it
// runs checkDirectives on the package's directives with one mistake of each
// kind added, and one scope operation's method removed, and asserts that
// exactly those five are reported.
func TestOperationDirectivesCatchMistakes(t *testing.T) {
	spec := loadSpecOperations(t)
	list, scope := loadDirectivesAndScope(t)
	require.Empty(t, checkDirectives(spec, scope, list), "the real directives are clean")

	const (
		unknown    = "GET /v2/partition/{partitionId}/account/{accountId}/siptrunk"            // the guide's path, not the spec's
		deprecated = "GET /v2/partition/{partitionId}/account/{accountId}/devices"             // listDevicesDeprecated
		later      = "GET /v2/partition/{partitionId}/account/{accountId}/siptrunk_2/validate" // validateSipTrunkIpPort, its method dropped below
	)
	require.NotContains(t, spec, unknown)
	require.True(t, spec[deprecated].Deprecated)
	require.False(t, spec[later].Deprecated)
	get := directives(t)["AccountsService.Get"]
	require.NotEmpty(t, get)

	var bad []OperationDirective
	for _, d := range list {
		// createAccount, a MUST, loses its method; validateSipTrunkIpPort's
		// is replaced by an undocumented one.
		if d.Func != "AccountsService.Create" && d.Op != later {
			bad = append(bad, d)
		}
	}
	bad = append(bad,
		OperationDirective{Func: "Mistakes.Unknown", Op: unknown, Doc: "operationId retrieveSipTrunkList."},
		OperationDirective{Func: "Mistakes.Deprecated", Op: deprecated, Doc: "operationId listDevicesDeprecated."},
		OperationDirective{Func: "Mistakes.Twice", Op: get, Doc: "operationId retrieveAccount."},
		OperationDirective{Func: "Mistakes.Undocumented", Op: later, Doc: "Validate checks an address."},
	)
	problems := checkDirectives(spec, scope, bad)
	want := []string{
		"Mistakes.Unknown: directive \"" + unknown + "\" is not an operation of the spec",
		"Mistakes.Deprecated: " + deprecated + " (listDevicesDeprecated) is deprecated in the spec",
		"operation retrieveAccount (" + get + ") is claimed by both AccountsService.Get and Mistakes.Twice",
		"Mistakes.Undocumented: doc must name operationId validateSipTrunkIpPort",
		"MUST POST createAccount has no service method",
	}
	assert.ElementsMatch(t, want, problems)
}
