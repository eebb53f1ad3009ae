package crm

import (
	"fmt"
	"log/slog"
	"sort"

	"github.com/go-alianza/alianza"
)

// SIPLine is one SIP account as the CRM's "Alianza Voice" table holds it
// and as Alianza provisions it (lineNumber, sipUsername, sipPassword,
// displayName, emergencyNumber, macAddress). On Alianza's side these come
// from the device provisioning data: a device line does not return its
// SIP password.
type SIPLine struct {
	LineNumber      int
	SIPUsername     string // the key: unique across the whole platform
	SIPPassword     alianza.Secret
	DisplayName     string
	EmergencyNumber string
	MACAddress      string
}

// LogValue masks the SIP password for slog's JSON handler, which would
// otherwise marshal it in clear.
func (l SIPLine) LogValue() slog.Value { return alianza.RedactedLogValue(l) }

// diff lists the fields in which l and o differ, by the CRM's names.
func (l SIPLine) diff(o SIPLine) []string {
	var f []string
	if l.LineNumber != o.LineNumber {
		f = append(f, "lineNumber")
	}
	if l.SIPPassword != o.SIPPassword {
		f = append(f, "sipPassword")
	}
	if l.DisplayName != o.DisplayName {
		f = append(f, "displayName")
	}
	if l.EmergencyNumber != o.EmergencyNumber {
		f = append(f, "emergencyNumber")
	}
	if l.MACAddress != o.MACAddress {
		f = append(f, "macAddress")
	}
	return f
}

// SyncMode is how far a SIP-line sync may go.
type SyncMode string

const (
	// SyncModeFull makes the CRM match Alianza exactly: new lines are added,
	// changed ones updated, lines Alianza no longer has are deleted.
	SyncModeFull SyncMode = "full"
	// SyncModeAddOnly adds and updates, and never deletes.
	SyncModeAddOnly SyncMode = "add-only"
)

// Valid reports whether m is a known mode.
func (m SyncMode) Valid() bool { return m == SyncModeFull || m == SyncModeAddOnly }

// LineChange is a line present on both sides with different values.
type LineChange struct {
	Old    SIPLine  // the CRM's line
	New    SIPLine  // Alianza's line
	Fields []string // what differs, e.g. ["displayName", "sipPassword"]
}

// SyncPlan is what a SIP-line sync will do to the CRM. Lines are sorted by
// line number, then SIP username, so a plan reads the same every time.
type SyncPlan struct {
	Mode      SyncMode
	Add       []SIPLine    // on Alianza, not in the CRM
	Update    []LineChange // on both, different
	Delete    []SIPLine    // in the CRM, not on Alianza (Full mode only)
	Unchanged int          // on both, identical
	// Kept lists CRM lines that Full mode would have deleted but did not,
	// because Alianza's side was not read completely.
	Kept []SIPLine
}

// LogValue masks the SIP passwords of every line in the plan.
func (p SyncPlan) LogValue() slog.Value { return alianza.RedactedLogValue(p) }

// LogValue masks the SIP passwords of both lines.
func (c LineChange) LogValue() slog.Value { return alianza.RedactedLogValue(c) }

// Empty reports whether the plan changes nothing.
func (p SyncPlan) Empty() bool { return len(p.Add) == 0 && len(p.Update) == 0 && len(p.Delete) == 0 }

// PlanSIPLineSync compares the CRM's lines with Alianza's and says what to
// add, update and delete in the CRM. Lines match by SIP username.
//
// remoteComplete must be false when Alianza's lines could not all be read
// (a failed provisioning-data call, a capped list): then nothing is deleted,
// whatever the mode, and the lines that would have been are listed in Kept.
// Duplicate or empty SIP usernames on either side are an error: the plan
// would be ambiguous.
func PlanSIPLineSync(mode SyncMode, local, remote []SIPLine, remoteComplete bool) (SyncPlan, error) {
	if !mode.Valid() {
		return SyncPlan{}, fmt.Errorf("crm: unknown sync mode %q (want %q or %q)", mode, SyncModeFull, SyncModeAddOnly)
	}
	localBy, err := indexLines("CRM", local)
	if err != nil {
		return SyncPlan{}, err
	}
	remoteBy, err := indexLines("Alianza", remote)
	if err != nil {
		return SyncPlan{}, err
	}
	plan := SyncPlan{Mode: mode}
	for _, r := range remote {
		l, ok := localBy[r.SIPUsername]
		switch {
		case !ok:
			plan.Add = append(plan.Add, r)
		case len(l.diff(r)) > 0:
			plan.Update = append(plan.Update, LineChange{Old: l, New: r, Fields: l.diff(r)})
		default:
			plan.Unchanged++
		}
	}
	for _, l := range local {
		if _, ok := remoteBy[l.SIPUsername]; ok {
			continue
		}
		switch {
		case mode != SyncModeFull:
		case !remoteComplete:
			plan.Kept = append(plan.Kept, l)
		default:
			plan.Delete = append(plan.Delete, l)
		}
	}
	sortLines(plan.Add)
	sortLines(plan.Delete)
	sortLines(plan.Kept)
	sort.SliceStable(plan.Update, func(i, j int) bool { return lineLess(plan.Update[i].New, plan.Update[j].New) })
	return plan, nil
}

func indexLines(side string, lines []SIPLine) (map[string]SIPLine, error) {
	by := make(map[string]SIPLine, len(lines))
	for _, l := range lines {
		if l.SIPUsername == "" {
			return nil, fmt.Errorf("crm: a %s line (line %d) has no SIP username", side, l.LineNumber)
		}
		if _, dup := by[l.SIPUsername]; dup {
			return nil, fmt.Errorf("crm: SIP username %q appears twice on the %s side", l.SIPUsername, side)
		}
		by[l.SIPUsername] = l
	}
	return by, nil
}

func lineLess(a, b SIPLine) bool {
	if a.LineNumber != b.LineNumber {
		return a.LineNumber < b.LineNumber
	}
	return a.SIPUsername < b.SIPUsername
}

func sortLines(s []SIPLine) { sort.SliceStable(s, func(i, j int) bool { return lineLess(s[i], s[j]) }) }
