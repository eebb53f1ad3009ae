package alianza

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// unwrappedPath lists the spec's live operations that have no method yet.
var unwrappedPath = filepath.Join("testdata", "operations-unwrapped.txt")

// unwrappedOperation is one line of testdata/operations-unwrapped.txt.
type unwrappedOperation struct {
	Key         string // "METHOD /path"
	OperationID string
}

func (u unwrappedOperation) String() string { return u.Key + " " + u.OperationID }

// parseUnwrapped reads "METHOD path operationId" lines; '#' starts a comment
// line. A malformed line is an error.
func parseUnwrapped(data []byte) ([]unwrappedOperation, error) {
	var out []unwrappedOperation
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		if len(f) != 3 || f[0] != strings.ToUpper(f[0]) || !strings.HasPrefix(f[1], "/") {
			return nil, fmt.Errorf("line %d: want \"METHOD /path operationId\", got %q", i+1, line)
		}
		out = append(out, unwrappedOperation{Key: f[0] + " " + f[1], OperationID: f[2]})
	}
	return out, nil
}

// unwrappedProblems compares the spec's live operations that no directive
// claims with the checked-in list, and returns them ("METHOD /path
// operationId", sorted) with every disagreement: an operation new in the
// spec (live, without a method, not listed), a listed one that now has a
// method, a listed one the spec no longer has live or names otherwise, a
// line repeated or out of order.
func unwrappedProblems(spec map[string]specOperation, list []OperationDirective, listed []unwrappedOperation) (unwrapped, problems []string) {
	wrapped := make(map[string]bool, len(list))
	for _, d := range list {
		wrapped[d.Op] = true
	}
	inList := make(map[string]unwrappedOperation, len(listed))
	for i, u := range listed {
		if _, dup := inList[u.Key]; dup {
			problems = append(problems, fmt.Sprintf("%s is listed twice in %s", u.Key, unwrappedPath))
		}
		inList[u.Key] = u
		if i > 0 && listed[i-1].String() >= u.String() {
			problems = append(problems, fmt.Sprintf("%s: %q is out of order (the list is sorted)", unwrappedPath, u))
		}
	}
	for _, key := range slices.Sorted(maps.Keys(spec)) {
		op := spec[key]
		if op.Deprecated || wrapped[key] {
			continue
		}
		unwrapped = append(unwrapped, key+" "+op.OperationID)
		if _, ok := inList[key]; !ok {
			problems = append(problems, fmt.Sprintf("new in the spec, without a method: %s %s (write its method, or add the line to %s)", key, op.OperationID, unwrappedPath))
		}
	}
	for _, u := range listed {
		op, ok := spec[u.Key]
		switch {
		case wrapped[u.Key]:
			problems = append(problems, fmt.Sprintf("now wrapped: %s (remove its line from %s)", u, unwrappedPath))
		case !ok:
			problems = append(problems, fmt.Sprintf("listed but not in the spec: %s (remove its line from %s)", u, unwrappedPath))
		case op.Deprecated:
			problems = append(problems, fmt.Sprintf("listed but deprecated in the spec: %s (remove its line from %s)", u, unwrappedPath))
		case op.OperationID != u.OperationID:
			problems = append(problems, fmt.Sprintf("listed as %s, the spec names it %s: %s", u.OperationID, op.OperationID, u.Key))
		}
	}
	return unwrapped, problems
}

func loadUnwrapped(t *testing.T) []unwrappedOperation {
	t.Helper()
	data, err := os.ReadFile(unwrappedPath)
	require.NoError(t, err)
	listed, err := parseUnwrapped(data)
	require.NoError(t, err, unwrappedPath)
	return listed
}

// TestSpecCoverage names every live operation of the embedded spec that has
// neither a method (an //alianza:operation directive) nor a line in
// testdata/operations-unwrapped.txt, and every listed one that now has a
// method, so updating the spec shows what is new and the list shrinks as
// methods are added. That no directive names a deprecated operation is
// TestOperationDirectives' check.
func TestSpecCoverage(t *testing.T) {
	spec := loadSpecOperations(t)
	list, err := Directives()
	require.NoError(t, err)
	listed := loadUnwrapped(t)

	unwrapped, problems := unwrappedProblems(spec, list, listed)
	assert.Empty(t, problems)
	assert.Equal(t, len(listed), len(unwrapped), "live operations without a method: lines of %s, operations of the spec", unwrappedPath)

	live := 0
	for _, op := range spec {
		if !op.Deprecated {
			live++
		}
	}
	wrapped := live - len(unwrapped)
	assert.Equal(t, len(list), wrapped, "every directive names a distinct live operation")
	t.Logf("operations: %d/%d", wrapped, live)
}

// TestSpecCoverageCatchesChanges proves the check above can fail: a spec
// with one live operation added (and one deprecated one, which is not
// reported), a directive for a listed operation, a listed operation the
// spec dropped, and one listed under another operationId.
func TestSpecCoverageCatchesChanges(t *testing.T) {
	fromSpec := loadSpecOperations(t)
	all, err := Directives()
	require.NoError(t, err)

	// Every live operation has a method, so the list is empty: take three
	// methods away and list their operations as if they had none yet.
	var list []OperationDirective
	var listed []unwrappedOperation
	for _, d := range all {
		if len(listed) < 3 && strings.HasSuffix(d.Func, "Service.Get") && !slices.ContainsFunc(listed, func(u unwrappedOperation) bool { return u.Key == d.Op }) {
			listed = append(listed, unwrappedOperation{Key: d.Op, OperationID: fromSpec[d.Op].OperationID})
			continue
		}
		list = append(list, d)
	}
	require.Len(t, listed, 3)
	slices.SortFunc(listed, func(a, b unwrappedOperation) int { return strings.Compare(a.String(), b.String()) })
	_, problems := unwrappedProblems(fromSpec, list, listed)
	require.Empty(t, problems, "three listed operations without methods are consistent")

	spec := maps.Clone(fromSpec)
	const (
		added = "GET /v2/partition/{partitionId}/callerIdMapping"
		old   = "GET /v2/partition/{partitionId}/smsCarrier"
	)
	require.NotContains(t, spec, added)
	spec[added] = specOperation{OperationID: "listCallerIdMappings"}
	spec[added+"/old"] = specOperation{OperationID: "listOld", Deprecated: true}
	nowWrapped, dropped, renamed := listed[0], listed[1], listed[2]
	delete(spec, dropped.Key)
	spec[renamed.Key] = specOperation{OperationID: "renamedOperation"}
	list = append(list, OperationDirective{Func: "NewService.Method", Op: nowWrapped.Key})
	badList := append(slices.Clone(listed), unwrappedOperation{Key: old, OperationID: "listSmsCarriers"})
	slices.SortFunc(badList, func(a, b unwrappedOperation) int { return strings.Compare(a.String(), b.String()) })

	unwrapped, problems := unwrappedProblems(spec, list, badList)
	assert.ElementsMatch(t, []string{
		"new in the spec, without a method: " + added + " listCallerIdMappings (write its method, or add the line to " + unwrappedPath + ")",
		"now wrapped: " + nowWrapped.String() + " (remove its line from " + unwrappedPath + ")",
		"listed but not in the spec: " + dropped.String() + " (remove its line from " + unwrappedPath + ")",
		"listed but not in the spec: " + old + " listSmsCarriers (remove its line from " + unwrappedPath + ")",
		"listed as " + renamed.OperationID + ", the spec names it renamedOperation: " + renamed.Key,
	}, problems)
	assert.Len(t, unwrapped, len(listed)-2+1, "two listed ones gone (wrapped, dropped), one added")
	assert.Contains(t, unwrapped, added+" listCallerIdMappings")

	unordered := []unwrappedOperation{listed[1], listed[0], listed[0]}
	_, problems = unwrappedProblems(fromSpec, nil, unordered)
	assert.Contains(t, problems, fmt.Sprintf("%s: %q is out of order (the list is sorted)", unwrappedPath, listed[0]))
	assert.Contains(t, problems, listed[0].Key+" is listed twice in "+unwrappedPath)

	for _, bad := range []string{"GET /x", "get /x op", "GET x op", "GET /x op extra"} {
		_, err := parseUnwrapped([]byte("# comment\n\n" + bad + "\n"))
		assert.Error(t, err, bad)
	}
}
