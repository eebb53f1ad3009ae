package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/go-alianza/alianza/internal/gen"
	"github.com/go-alianza/alianza/internal/spec"
)

const root = "../../.." // the root package, where go generate runs the command

// TestGenerateWritesTheCheckedInFiles runs the generator on a copy of the
// root package's non-generated sources (it reads their directives and
// identifiers) and compares what it writes with the checked-in files.
func TestGenerateWritesTheCheckedInFiles(t *testing.T) {
	dir := t.TempDir()
	srcs, err := filepath.Glob(filepath.Join(root, "*.go"))
	require.NoError(t, err)
	for _, src := range srcs {
		if strings.HasSuffix(src, "_test.go") {
			continue
		}
		b, err := os.ReadFile(src)
		require.NoError(t, err)
		if bytes.HasPrefix(b, []byte(gen.Header)) {
			continue // an output of the generator
		}
		require.NoError(t, os.WriteFile(filepath.Join(dir, filepath.Base(src)), b, 0o600))
	}
	require.NoError(t, run([]string{"-dir", dir}, new(bytes.Buffer)))
	for _, name := range []string{"enums_gen.go", "models_gen.go", "models_gen_test.go"} {
		got, err := os.ReadFile(filepath.Join(dir, name))
		require.NoError(t, err)
		want, err := os.ReadFile(filepath.Join(root, name))
		require.NoError(t, err)
		assert.Equal(t, string(want), string(got), "%s is stale: run go generate ./...", name)
	}
}

// trimmedSpec writes a copy of the embedded spec that keeps only the
// account paths, drops retrieveAccount, adds a value to
// Account.accountType and makes Account.accountNumber an integer.
func trimmedSpec(t *testing.T) string {
	t.Helper()
	var doc map[string]any
	require.NoError(t, yaml.Unmarshal(spec.OpenAPI(), &doc))
	paths := doc["paths"].(map[string]any)
	for p := range paths {
		if !strings.HasPrefix(p, "/v2/partition/{partitionId}/account") {
			delete(paths, p)
		}
	}
	delete(paths["/v2/partition/{partitionId}/account/{accountId}"].(map[string]any), "get")
	schemas := doc["components"].(map[string]any)["schemas"].(map[string]any)
	accountType := schemas["Account"].(map[string]any)["properties"].(map[string]any)["accountType"].(map[string]any)
	accountType["enum"] = append(accountType["enum"].([]any), "ENTERPRISE")
	schemas["Account"].(map[string]any)["properties"].(map[string]any)["accountNumber"] = map[string]any{"type": "integer"}
	out, err := yaml.Marshal(doc)
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "trimmed.yml")
	require.NoError(t, os.WriteFile(path, out, 0o600))
	return path
}

func TestDriftOnATrimmedSpec(t *testing.T) {
	path := trimmedSpec(t)
	var out bytes.Buffer
	require.NoError(t, run([]string{"-drift", "-spec", path, "-dir", root}, &out))
	report := out.String()
	for _, want := range []string{
		"drift of " + path,
		"    GET /v2/partition/{partitionId}/account/{accountId} retrieveAccount\n",
		"SDK operations (//alianza:operation): 421;",
		"  missing from " + path + ": ",
		`  AccountType (Account.accountType): +"ENTERPRISE"` + "\n",
		"  AccountIDType (retrieveAccount(accountIdType)): operation retrieveAccount not found\n",
		"  TNSearchType (tnSearch(type)): operation tnSearch not found\n",
		"schemas, 1 with drift\n  Account:\n    retyped  accountNumber: string -> integer\n",
		" models, 0 behind or ahead\n",
	} {
		assert.Contains(t, report, want)
	}
	assert.Contains(t, report, "  added: 0\n")
	assert.NotContains(t, report, "AccountStatus (", "Account.status is unchanged")
}

// After the new spec is copied over the embedded one, -base names the
// previous file: the report runs from it to the embedded spec.
func TestDriftFromAPreviousSpec(t *testing.T) {
	path := trimmedSpec(t)
	var out bytes.Buffer
	require.NoError(t, run([]string{"-drift", "-base", path, "-dir", root}, &out))
	report := out.String()
	for _, want := range []string{
		`drift of the embedded spec (version "2") against ` + path + ` (version "2")`,
		" (421 live) in the embedded spec, ",
		" live) in " + path + "\n",
		"    GET /v2/partition/{partitionId}/account/{accountId} retrieveAccount\n",
		"  removed: 0\n",
		"  Account:\n    retyped  accountNumber: integer -> string\n",
		"Go models against the embedded spec: 35 models, 0 behind or ahead\n",
	} {
		assert.Contains(t, report, want)
	}
}

func TestDriftOfTheEmbeddedSpec(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run([]string{"-drift", "-dir", root}, &out))
	for _, want := range []string{
		"  added: 0\n  removed: 0\n  newly deprecated: 0\n",
		"SDK operations (//alianza:operation): 421; live operations without a method: 0\n",
		"  missing from the embedded spec: 0\n  deprecated in the embedded spec: 0\n",
		"enums: 62, 0 with drift\n",
		"fields of the schemas the SDK's operations use: 251 schemas, 0 with drift\n",
		"  schemas the SDK's operations reach only in the embedded spec: 0\n",
		"Go models against the embedded spec: 35 models, 0 behind or ahead\n",
	} {
		assert.Contains(t, out.String(), want)
	}
}

func TestRunErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yml")
	require.NoError(t, os.WriteFile(bad, []byte("openapi: [unclosed"), 0o600))
	for name, args := range map[string][]string{
		"unknown flag":      {"-nope"},
		"missing spec file": {"-drift", "-spec", filepath.Join(dir, "none.yml")},
		"not YAML":          {"-drift", "-spec", bad},
		"base not YAML":     {"-drift", "-base", bad},
		"no such dir":       {"-dir", filepath.Join(dir, "none")},
	} {
		t.Run(name, func(t *testing.T) {
			assert.Error(t, run(args, new(bytes.Buffer)))
		})
	}
}
