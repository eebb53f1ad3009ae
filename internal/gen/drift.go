package gen

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
)

// Drift is how a version of the spec (the target) differs from the one the
// SDK was generated from (the base), for the operations the SDK claims and
// the enums it defines.
type Drift struct {
	BaseVersion, TargetVersion string
	BaseName                   string // how Write names the base; "" is "the embedded spec"
	BaseOps, BaseLive          int
	TargetOps, TargetLive      int

	Added      []Operation // in the target, not in the base
	Removed    []Operation // in the base, not in the target
	Deprecated []Operation // deprecated in the target, live in the base

	Claimed           int      // //alianza:operation directives
	ClaimedMissing    []string // claimed, absent from the target
	ClaimedDeprecated []string // claimed, deprecated in the target
	Unclaimed         int      // live target operations without a method

	Enums []EnumDrift

	// Schemas compares the fields of every schema the claimed operations
	// reach in the base; NewSchemas are the schemas they reach only in the
	// target.
	Schemas    []SchemaDrift
	NewSchemas []string

	// Models checks the SDK's Go models against the target's schemas; it is
	// left empty by ComputeDrift and filled by CheckModels.
	Models []ModelDrift
}

// EnumDrift is one enum type's difference between the SDK's values and the
// target's enum at the same source.
type EnumDrift struct {
	Type, Source string
	Problem      string   // the target has no enum there; Added and Removed are then empty
	Added        []string // in the target, not in the SDK
	Removed      []string // in the SDK, not in the target
	Kept         []string // values the overrides file adds or omits, with reasons
}

// ComputeDrift compares target with base. It never fails: a missing
// schema, property, parameter or enum is reported, not returned.
func ComputeDrift(base, target *Spec, ov *Overrides, claimed []string) Drift {
	d := Drift{BaseVersion: base.Version(), TargetVersion: target.Version(), Claimed: len(claimed)}
	bops, tops := opIndex(base.Operations()), opIndex(target.Operations())
	for _, op := range bops {
		d.BaseOps++
		if !op.Deprecated {
			d.BaseLive++
		}
	}
	for k, op := range tops {
		d.TargetOps++
		if !op.Deprecated {
			d.TargetLive++
		}
		b, ok := bops[k]
		switch {
		case !ok:
			d.Added = append(d.Added, op)
		case op.Deprecated && !b.Deprecated:
			d.Deprecated = append(d.Deprecated, op)
		}
	}
	for k, op := range bops {
		if _, ok := tops[k]; !ok {
			d.Removed = append(d.Removed, op)
		}
	}
	for _, list := range [][]Operation{d.Added, d.Removed, d.Deprecated} {
		sortOps(list)
	}
	isClaimed := map[string]bool{}
	for _, c := range claimed {
		isClaimed[c] = true
		op, ok := tops[c]
		switch {
		case !ok:
			d.ClaimedMissing = append(d.ClaimedMissing, c)
		case op.Deprecated:
			d.ClaimedDeprecated = append(d.ClaimedDeprecated, c)
		}
	}
	for k, op := range tops {
		if !op.Deprecated && !isClaimed[k] {
			d.Unclaimed++
		}
	}
	for _, o := range ov.Enums {
		d.Enums = append(d.Enums, enumDrift(base, target, o))
	}
	used := base.UsedSchemas(claimed)
	d.Schemas = fieldDrift(base, target, used)
	for _, name := range target.UsedSchemas(claimed) {
		if _, found := slices.BinarySearch(used, name); !found {
			d.NewSchemas = append(d.NewSchemas, name)
		}
	}
	return d
}

func enumDrift(base, target *Spec, o EnumOverride) EnumDrift {
	ed := EnumDrift{Type: o.Type, Source: o.Source}
	for _, x := range o.Extra {
		ed.Kept = append(ed.Kept, fmt.Sprintf("+%q (%s)", x.Value, x.Reason))
	}
	for _, x := range o.Omit {
		ed.Kept = append(ed.Kept, fmt.Sprintf("-%q (%s)", x.Value, x.Reason))
	}
	var sdk []string
	if e, err := buildEnum(base, o); err == nil {
		sdk = e.Strings()
	}
	n, err := target.Lookup(o.Source)
	if err != nil {
		ed.Problem = err.Error()
		return ed
	}
	tv, ok := target.EnumValues(n.Schema)
	if !ok {
		ed.Problem = "no enum at " + o.Source
		return ed
	}
	for _, v := range tv {
		if !slices.Contains(sdk, v) && !slices.ContainsFunc(o.Omit, func(x Omit) bool { return x.Value == v }) {
			ed.Added = append(ed.Added, v)
		}
	}
	for _, v := range sdk {
		if !slices.Contains(tv, v) && !slices.ContainsFunc(o.Extra, func(x Extra) bool { return x.Value == v }) {
			ed.Removed = append(ed.Removed, v)
		}
	}
	return ed
}

func opIndex(ops []Operation) map[string]Operation {
	m := make(map[string]Operation, len(ops))
	for _, op := range ops {
		m[op.Key()] = op
	}
	return m
}

func sortOps(ops []Operation) {
	sort.Slice(ops, func(i, j int) bool { return ops[i].Key() < ops[j].Key() })
}

// Write prints the report; name says which document the target is, and
// BaseName which the base is.
func (d Drift) Write(w io.Writer, name string) {
	baseName := d.BaseName
	if baseName == "" {
		baseName = "the embedded spec"
	}
	fmt.Fprintf(w, "drift of %s (version %q) against %s (version %q)\n", name, d.TargetVersion, baseName, d.BaseVersion)
	fmt.Fprintf(w, "\noperations: %d (%d live) in %s, %d (%d live) in %s\n", d.TargetOps, d.TargetLive, name, d.BaseOps, d.BaseLive, baseName)
	opList(w, "added", d.Added)
	opList(w, "removed", d.Removed)
	opList(w, "newly deprecated", d.Deprecated)

	fmt.Fprintf(w, "\nSDK operations (//alianza:operation): %d; live operations without a method: %d\n", d.Claimed, d.Unclaimed)
	strList(w, "missing from "+name, d.ClaimedMissing)
	strList(w, "deprecated in "+name, d.ClaimedDeprecated)

	changed := 0
	for _, e := range d.Enums {
		if e.Problem != "" || len(e.Added)+len(e.Removed) > 0 {
			changed++
		}
	}
	fmt.Fprintf(w, "\nenums: %d, %d with drift\n", len(d.Enums), changed)
	for _, e := range d.Enums {
		switch {
		case e.Problem != "":
			fmt.Fprintf(w, "  %s (%s): %s\n", e.Type, e.Source, e.Problem)
		case len(e.Added)+len(e.Removed) > 0:
			fmt.Fprintf(w, "  %s (%s):", e.Type, e.Source)
			for _, v := range e.Added {
				fmt.Fprintf(w, " +%q", v)
			}
			for _, v := range e.Removed {
				fmt.Fprintf(w, " -%q", v)
			}
			fmt.Fprintln(w)
		}
	}
	var kept []string
	for _, e := range d.Enums {
		for _, k := range e.Kept {
			kept = append(kept, e.Type+" "+k)
		}
	}
	strList(w, "values the overrides file adds to or omits from the spec", kept)

	changed = 0
	for _, sd := range d.Schemas {
		if sd.changed() {
			changed++
		}
	}
	fmt.Fprintf(w, "\nfields of the schemas the SDK's operations use: %d schemas, %d with drift\n", len(d.Schemas), changed)
	for _, sd := range d.Schemas {
		if !sd.changed() {
			continue
		}
		if sd.Problem != "" {
			fmt.Fprintf(w, "  %s: %s in %s\n", sd.Schema, sd.Problem, name)
			continue
		}
		fmt.Fprintf(w, "  %s:\n", sd.Schema)
		for _, f := range sd.Added {
			fmt.Fprintf(w, "    added    %s\n", f)
		}
		for _, f := range sd.Removed {
			fmt.Fprintf(w, "    removed  %s\n", f)
		}
		for _, f := range sd.Retyped {
			fmt.Fprintf(w, "    retyped  %s\n", f)
		}
	}
	strList(w, "schemas the SDK's operations reach only in "+name, d.NewSchemas)

	changed = 0
	for _, m := range d.Models {
		if m.changed() {
			changed++
		}
	}
	fmt.Fprintf(w, "\nGo models against %s: %d models, %d behind or ahead\n", name, len(d.Models), changed)
	for _, m := range d.Models {
		switch {
		case m.Problem != "":
			fmt.Fprintf(w, "  %s (%s): %s\n", m.Type, m.Schema, m.Problem)
		case m.changed():
			fmt.Fprintf(w, "  %s (%s):\n", m.Type, m.Schema)
			if len(m.Missing) > 0 {
				fmt.Fprintf(w, "    spec properties the model lacks: %s\n", strings.Join(m.Missing, ", "))
			}
			if len(m.Unknown) > 0 {
				fmt.Fprintf(w, "    model fields the spec lacks: %s\n", strings.Join(m.Unknown, ", "))
			}
		}
	}
}

func opList(w io.Writer, what string, ops []Operation) {
	fmt.Fprintf(w, "  %s: %d\n", what, len(ops))
	for _, op := range ops {
		fmt.Fprintf(w, "    %s %s\n", op.Key(), op.ID)
	}
}

func strList(w io.Writer, what string, list []string) {
	fmt.Fprintf(w, "  %s: %d\n", what, len(list))
	for _, s := range list {
		fmt.Fprintf(w, "    %s\n", s)
	}
}
