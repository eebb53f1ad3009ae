package crm

import (
	"bytes"
	"fmt"
	"log/slog"
	"testing"

	"github.com/go-alianza/alianza"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func line(n int, user, name string) SIPLine {
	return SIPLine{LineNumber: n, SIPUsername: user, SIPPassword: alianza.Secret("sip-pw-" + user), DisplayName: name, EmergencyNumber: "18015550100", MACAddress: "0004F2ABCDEF"}
}

func TestPlanSIPLineSync(t *testing.T) {
	a, b, c := line(1, "alice001", "Alice"), line(2, "bob00002", "Bob"), line(3, "carol003", "Carol")
	bRenamed := b
	bRenamed.DisplayName = "Robert"
	bRenamed.SIPPassword = "sip-new-pw"

	type want struct {
		add, del, kept []string
		update         map[string][]string
		unchanged      int
	}
	cases := []struct {
		name     string
		mode     SyncMode
		local    []SIPLine
		remote   []SIPLine
		complete bool
		want     want
	}{
		{"new line, full", SyncModeFull, []SIPLine{a}, []SIPLine{a, b}, true, want{add: []string{"bob00002"}, unchanged: 1}},
		{"new line, add-only", SyncModeAddOnly, []SIPLine{a}, []SIPLine{a, b}, true, want{add: []string{"bob00002"}, unchanged: 1}},
		{"changed line, full", SyncModeFull, []SIPLine{a, b}, []SIPLine{a, bRenamed}, true, want{update: map[string][]string{"bob00002": {"sipPassword", "displayName"}}, unchanged: 1}},
		{"changed line, add-only", SyncModeAddOnly, []SIPLine{a, b}, []SIPLine{a, bRenamed}, true, want{update: map[string][]string{"bob00002": {"sipPassword", "displayName"}}, unchanged: 1}},
		{"removed line, full deletes", SyncModeFull, []SIPLine{a, c}, []SIPLine{a}, true, want{del: []string{"carol003"}, unchanged: 1}},
		{"removed line, add-only keeps", SyncModeAddOnly, []SIPLine{a, c}, []SIPLine{a}, true, want{unchanged: 1}},
		{"identical", SyncModeFull, []SIPLine{a, b, c}, []SIPLine{c, b, a}, true, want{unchanged: 3}},
		{"remote read failure, full deletes nothing", SyncModeFull, []SIPLine{a, b, c}, []SIPLine{a}, false, want{kept: []string{"bob00002", "carol003"}, unchanged: 1}},
		{"remote read failure, add-only still adds", SyncModeAddOnly, []SIPLine{a}, []SIPLine{b}, false, want{add: []string{"bob00002"}}},
		{"empty alianza side, full, complete", SyncModeFull, []SIPLine{a}, nil, true, want{del: []string{"alice001"}}},
		{"empty alianza side, full, incomplete", SyncModeFull, []SIPLine{a}, nil, false, want{kept: []string{"alice001"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			plan, err := PlanSIPLineSync(tc.mode, tc.local, tc.remote, tc.complete)
			require.NoError(t, err)
			assert.Equal(t, tc.mode, plan.Mode)
			assert.Equal(t, tc.want.add, usernames(plan.Add), "add")
			assert.Equal(t, tc.want.del, usernames(plan.Delete), "delete")
			assert.Equal(t, tc.want.kept, usernames(plan.Kept), "kept")
			assert.Equal(t, tc.want.unchanged, plan.Unchanged, "unchanged")
			got := map[string][]string{}
			for _, u := range plan.Update {
				got[u.New.SIPUsername] = u.Fields
				assert.Equal(t, u.Old.SIPUsername, u.New.SIPUsername)
			}
			if tc.want.update == nil {
				assert.Empty(t, got, "update")
			} else {
				assert.Equal(t, tc.want.update, got, "update")
			}
			if tc.mode == SyncModeAddOnly || !tc.complete {
				assert.Empty(t, plan.Delete, "this mode must never delete")
			}
			assert.Equal(t, len(plan.Add)+len(plan.Update)+len(plan.Delete) == 0, plan.Empty())
		})
	}
}

func TestPlanSIPLineSyncRejectsAmbiguity(t *testing.T) {
	a := line(1, "alice001", "Alice")
	_, err := PlanSIPLineSync(SyncModeFull, []SIPLine{a, a}, nil, true)
	assert.ErrorContains(t, err, "appears twice on the CRM side")
	_, err = PlanSIPLineSync(SyncModeFull, nil, []SIPLine{{LineNumber: 4}}, true)
	assert.ErrorContains(t, err, "no SIP username")
	_, err = PlanSIPLineSync("mirror", nil, nil, true)
	assert.ErrorContains(t, err, "unknown sync mode")
}

func TestPlanSIPLineSyncOrderIsStable(t *testing.T) {
	remote := []SIPLine{line(3, "c0000003", "C"), line(1, "z0000001", "Z"), line(1, "a0000001", "A")}
	plan, err := PlanSIPLineSync(SyncModeFull, nil, remote, true)
	require.NoError(t, err)
	assert.Equal(t, []string{"a0000001", "z0000001", "c0000003"}, usernames(plan.Add))
}

func TestSIPLineNeverPrintsPassword(t *testing.T) {
	l := line(1, "alice001", "Alice")
	plan, err := PlanSIPLineSync(SyncModeFull, nil, []SIPLine{l}, true)
	require.NoError(t, err)
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "%v %+v %#v %+v %s", l, l, plan, plan, l.SIPPassword)
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("line", "line", l, "plan", plan)
	slog.New(slog.NewTextHandler(&buf, nil)).Info("line", "line", l)
	assert.NotContains(t, buf.String(), "sip-pw-alice001")
	assert.Contains(t, buf.String(), "alice001")
}

func TestDefaultStatusMapper(t *testing.T) {
	for in, want := range map[string]string{"current": "ACTIVE", " Current ": "ACTIVE", "CURRENT": "ACTIVE", "suspended": "DISABLED", "": "DISABLED", "ex-customer": "DISABLED"} {
		assert.Equal(t, want, string(DefaultStatusMapper(in)), "%q", in)
	}
}

func usernames(lines []SIPLine) []string {
	var out []string
	for _, l := range lines {
		out = append(out, l.SIPUsername)
	}
	return out
}
