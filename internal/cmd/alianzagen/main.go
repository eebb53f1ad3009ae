// Command alianzagen writes the SDK's generated sources from Alianza's
// embedded OpenAPI description and internal/gen/overrides.yaml, or, with
// -drift, reports how a version of the description (-spec, default the
// embedded one) differs from the one the SDK was built from (-base, default
// the embedded one). The root package runs it through go generate.
package main

import (
	"cmp"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/go-alianza/alianza/internal/gen"
	"github.com/go-alianza/alianza/internal/spec"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "alianzagen:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("alianzagen", flag.ContinueOnError)
	dir := fs.String("dir", ".", "the root package's directory: where generated files go and //alianza:operation directives are read")
	drift := fs.Bool("drift", false, "print the drift report instead of generating")
	other := fs.String("spec", "", "with -drift: the spec version to compare with the base (default: the embedded one)")
	from := fs.String("base", "", "with -drift: the spec version the SDK was built from (default: the embedded one); after copying a new spec over the embedded one, pass the previous file here")
	if err := fs.Parse(args); err != nil {
		return err
	}
	ov, err := gen.DefaultOverrides()
	if err != nil {
		return err
	}
	if *drift {
		// The embedded spec (about 1 MB of YAML) is parsed only when -spec
		// or -base is left out, and then once for both sides.
		var target, base *gen.Spec
		name, baseName := "the embedded spec", ""
		if *other != "" {
			if target, err = loadFile(*other); err != nil {
				return err
			}
			name = *other
		}
		if *from != "" {
			if base, err = loadFile(*from); err != nil {
				return err
			}
			baseName = *from
		}
		if target == nil || base == nil {
			embedded, err := gen.LoadSpec(spec.OpenAPI())
			if err != nil {
				return err
			}
			target, base = cmp.Or(target, embedded), cmp.Or(base, embedded)
		}
		claimed, err := gen.ClaimedOperations(*dir)
		if err != nil {
			return err
		}
		models, err := gen.GoModels(*dir)
		if err != nil {
			return err
		}
		d := gen.ComputeDrift(base, target, ov, claimed)
		d.BaseName = baseName
		d.Models = gen.CheckModels(target, ov, models)
		d.Write(stdout, name)
		return nil
	}
	base, err := gen.LoadSpec(spec.OpenAPI())
	if err != nil {
		return err
	}
	enums, err := gen.BuildEnums(base, ov)
	if err != nil {
		return err
	}
	src, err := gen.RenderEnums("alianza", enums)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(*dir, "enums_gen.go"), src, 0o644); err != nil {
		return err
	}
	// The methods' types come from Types, so the models are rendered after
	// the plan has asked for every one of them.
	types, err := gen.NewTypes(base, ov, *dir)
	if err != nil {
		return err
	}
	hw, err := gen.ReadHandWritten(*dir)
	if err != nil {
		return err
	}
	types.UseOperations(gen.UnclaimedOperations(base, hw.ClaimedList()))
	plan, err := gen.PlanOperations(base, ov, hw, types)
	if err != nil {
		return err
	}
	models, err := gen.RenderModels("alianza", types)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(*dir, "models_gen.go"), models, 0o644); err != nil {
		return err
	}
	tests, err := gen.RenderModelsTest("alianza", types)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(*dir, gen.TestFile), tests, 0o644); err != nil {
		return err
	}
	if err := writeOperations(plan, types, *dir); err != nil {
		return err
	}
	ids, err := gen.RenderOperationIDs("alianza", base)
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(*dir, "operationids_gen.go"), ids, 0o644)
}

// writeOperations writes operations_gen.go and services_gen.go (a method
// for every live operation no hand-written method claims) and the test
// table that calls each of them.
func writeOperations(plan *gen.Plan, types *gen.Types, dir string) error {
	ops, err := gen.RenderOperations("alianza", plan)
	if err != nil {
		return err
	}
	svcs, err := gen.RenderServices("alianza", plan)
	if err != nil {
		return err
	}
	calls, err := gen.RenderCallsTest("alianza", plan, types.Placeholder)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, gen.CallsTestFile), calls, 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "operations_gen.go"), ops, 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "services_gen.go"), svcs, 0o644)
}

func loadFile(path string) (*gen.Spec, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	s, err := gen.LoadSpec(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}
