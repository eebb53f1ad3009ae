package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/go-alianza/alianza/crm"
)

func (a *app) sipLinesCmd() *cobra.Command {
	return group("sip-lines", "SIP lines: list Alianza's, sync them into the CRM's table",
		a.sipLinesListCmd(), a.sipLinesSyncCmd())
}

func (a *app) sipLinesListCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "list ACCOUNT",
		Short: "List the account's SIP lines as Alianza provisions them",
		Args:  exactArgs("ACCOUNT"),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, l, err := a.crmLink(args[0])
			if err != nil {
				return err
			}
			ls, err := c.SIPLines(cmd.Context(), l)
			if ls == nil && err != nil {
				return err
			}
			v := linesView(ls)
			if perr := a.emit(v, func(w io.Writer) error { return a.writeLines(w, "", v) }); perr != nil {
				return perr
			}
			return err
		},
	}
}

const syncLong = `Synchronize SIP lines from Alianza into the CRM's "Alianza Voice" table
(the CRM console's "Account: Synchronize SIP Lines").

The CRM's side is a JSON file (--crm-lines): an array of objects with the
fields lineNumber, sipUsername, sipPassword, displayName, emergencyNumber and
macAddress. Lines match by sipUsername; other fields of a row (a CRM's port
or dial number) are kept. An empty table is the file "[]" (a file holding
null is refused, exit 3: it is more likely a broken export). The result is
written back to the file, or to --out, with mode 0600: it holds the SIP
passwords in clear, as the CRM table does.

Modes:
  add-only  add new lines and apply changes; delete nothing
  full      also delete the CRM's lines that Alianza no longer has

Full mode shows the plan and asks before changing anything (--yes skips the
question, --dry-run only shows). When some of Alianza's lines cannot be read,
nothing is deleted and the command exits 8.`

func (a *app) sipLinesSyncCmd() *cobra.Command {
	var (
		g             guard
		mode, in, out string
	)
	cmd := &cobra.Command{
		Use:   "sync ACCOUNT --mode full|add-only --crm-lines FILE",
		Short: "Synchronize SIP lines from Alianza into the CRM's table (a JSON file)",
		Long:  syncLong,
		Args:  exactArgs("ACCOUNT"),
		RunE: func(cmd *cobra.Command, args []string) error {
			m := crm.SyncMode(mode)
			if !m.Valid() {
				return usage("--mode %q: want full or add-only", mode)
			}
			if in == "" {
				return usage("--crm-lines FILE is required (a JSON array of SIP lines; \"[]\" for none)")
			}
			c, l, err := a.crmLink(args[0])
			if err != nil {
				return err
			}
			return a.syncLines(cmd.Context(), c, l, args[0], m, newFileStore(in, out), &g)
		},
	}
	g.flags(cmd)
	cmd.Flags().StringVar(&mode, "mode", "", "full or add-only (required)")
	cmd.Flags().StringVar(&in, "crm-lines", "", "the CRM's SIP lines, a JSON file (required)")
	cmd.Flags().StringVar(&out, "out", "", "write the result here instead of back to --crm-lines")
	return cmd
}

func (a *app) syncLines(ctx context.Context, c *crm.Client, l crm.Link, name string, m crm.SyncMode, store *fileStore, g *guard) error {
	if g.dryRun {
		res, err := c.SyncSIPLines(ctx, l, m, store, &crm.SyncOptions{DryRun: true})
		if res == nil {
			return err
		}
		return a.firstErr(a.emitSync(name, store, res), err)
	}
	var (
		target crm.LineStore = store
		total  int
	)
	if m == crm.SyncModeFull && !g.yes {
		// Look first, ask, then apply: deleting rows from the CRM is what
		// the operator confirms.
		pre, err := c.SyncSIPLines(ctx, l, m, store, &crm.SyncOptions{DryRun: true})
		if pre == nil {
			return err
		}
		if pre.Plan.Empty() {
			// Nothing to confirm: applying the plan would change nothing,
			// so the look is the sync's result.
			pre.DryRun = false
			if store.out != store.in {
				if serr := store.save(); serr != nil {
					return serr
				}
			}
			return a.firstErr(a.emitSync(name, store, pre), err)
		}
		_ = a.writeSync(a.stderr, "Plan: sync", newSyncView(name, store, pre))
		q := fmt.Sprintf("Apply these %d change(s) to %s", changes(pre.Plan), store.out)
		if err := a.confirm(g, q); err != nil {
			return err
		}
		total = changes(pre.Plan)
		target = &confirmedStore{fileStore: store, deletes: usernames(pre.Plan.Delete)}
	}
	bar := a.progress("sync " + name)
	res, err := c.SyncSIPLines(ctx, l, m, &countingStore{LineStore: target, tick: func(done int) { bar.set(done, total) }}, nil)
	bar.finish()
	if res == nil {
		return err
	}
	if store.out != store.in && res.Plan.Empty() {
		// Nothing changed, but the caller expects the result in --out.
		if serr := store.save(); serr != nil {
			return serr
		}
	}
	return a.firstErr(a.emitSync(name, store, res), err)
}

// firstErr returns the output's error, else the workflow's.
func (a *app) firstErr(outErr, err error) error {
	if outErr != nil {
		return outErr
	}
	return err
}

func changes(p crm.SyncPlan) int { return len(p.Add) + len(p.Update) + len(p.Delete) }

func usernames(ls []crm.SIPLine) map[string]bool {
	m := map[string]bool{}
	for _, l := range ls {
		m[l.SIPUsername] = true
	}
	return m
}

// confirmedStore refuses a delete the operator was not shown. Alianza is
// read again after the confirmation, and a line that vanished in between
// would otherwise be deleted from the CRM unasked.
type confirmedStore struct {
	*fileStore
	deletes map[string]bool
}

func (s *confirmedStore) Delete(ctx context.Context, l crm.SIPLine) error {
	if !s.deletes[l.SIPUsername] {
		return fmt.Errorf("delete of %q was not in the confirmed plan; run the sync again to review it", l.SIPUsername)
	}
	return s.fileStore.Delete(ctx, l)
}

// countingStore reports each applied change to a progress bar.
type countingStore struct {
	crm.LineStore
	done int
	tick func(int)
}

func (s *countingStore) step(err error) error {
	s.done++
	s.tick(s.done)
	return err
}

func (s *countingStore) Add(ctx context.Context, l crm.SIPLine) error {
	return s.step(s.LineStore.Add(ctx, l))
}

func (s *countingStore) Update(ctx context.Context, l crm.SIPLine) error {
	return s.step(s.LineStore.Update(ctx, l))
}

func (s *countingStore) Delete(ctx context.Context, l crm.SIPLine) error {
	return s.step(s.LineStore.Delete(ctx, l))
}

// syncView is a sync's plan and outcome with JSON names.
type syncView struct {
	Account        string       `json:"account"`
	AccountID      string       `json:"accountId"`
	Mode           crm.SyncMode `json:"mode"`
	DryRun         bool         `json:"dryRun"`
	File           string       `json:"file"`
	Changes        []changeView `json:"changes"`
	Unchanged      int          `json:"unchanged"`
	Kept           []lineView   `json:"kept,omitempty"`
	RemoteComplete bool         `json:"remoteComplete"`
	RemoteFailures []string     `json:"remoteFailures,omitempty"`
}

type changeView struct {
	Op     crm.LineOp `json:"op"`
	Line   lineView   `json:"line"`
	Fields []string   `json:"fields,omitempty"`
	// Result is "planned" (dry run), "applied" or "failed: <why>".
	Result string `json:"result"`
}

func newSyncView(name string, store *fileStore, res *crm.SyncResult) syncView {
	v := syncView{Account: name, AccountID: res.AccountID, Mode: res.Plan.Mode, DryRun: res.DryRun, File: store.out,
		Changes: []changeView{}, Unchanged: res.Plan.Unchanged, Kept: linesView(res.Plan.Kept), RemoteComplete: res.RemoteComplete}
	if len(v.Kept) == 0 {
		v.Kept = nil
	}
	failed := map[string]error{}
	for _, f := range res.Failed {
		failed[string(f.Op)+" "+f.Line.SIPUsername] = f.Err
	}
	result := func(op crm.LineOp, l crm.SIPLine) string {
		if res.DryRun {
			return "planned"
		}
		if err := failed[string(op)+" "+l.SIPUsername]; err != nil {
			return "failed: " + err.Error()
		}
		return "applied"
	}
	for _, l := range res.Plan.Add {
		v.Changes = append(v.Changes, changeView{crm.LineOpAdd, toLineView(l), nil, result(crm.LineOpAdd, l)})
	}
	for _, u := range res.Plan.Update {
		v.Changes = append(v.Changes, changeView{crm.LineOpUpdate, toLineView(u.New), u.Fields, result(crm.LineOpUpdate, u.New)})
	}
	for _, l := range res.Plan.Delete {
		v.Changes = append(v.Changes, changeView{crm.LineOpDelete, toLineView(l), nil, result(crm.LineOpDelete, l)})
	}
	for _, f := range res.RemoteFailures {
		v.RemoteFailures = append(v.RemoteFailures, f.Error())
	}
	return v
}

func (a *app) emitSync(name string, store *fileStore, res *crm.SyncResult) error {
	v := newSyncView(name, store, res)
	title := "Sync"
	if v.DryRun {
		title = "Dry run: sync"
	}
	return a.emit(v, func(w io.Writer) error { return a.writeSync(w, title, v) })
}

// writeSync shows a sync's plan or outcome under a title such as "Sync".
func (a *app) writeSync(w io.Writer, title string, v syncView) error {
	counts := map[crm.LineOp]int{}
	for _, c := range v.Changes {
		counts[c.Op]++
	}
	fmt.Fprintf(w, "%s of account %s into %s (mode %s): %d to add, %d to update, %d to delete, %d unchanged\n",
		title, v.Account, v.File, v.Mode, counts[crm.LineOpAdd], counts[crm.LineOpUpdate], counts[crm.LineOpDelete], v.Unchanged)
	if len(v.Changes) > 0 {
		t := newTable(w, "  OP", "LINE", "SIP USERNAME", "SIP PASSWORD", "DISPLAY NAME", "EMERGENCY NUMBER", "MAC ADDRESS", "CHANGED", "RESULT")
		for _, c := range v.Changes {
			l := c.Line
			t.row("  "+string(c.Op), l.LineNumber, l.SIPUsername, a.secret(l.SIPPassword), l.DisplayName, l.EmergencyNumber, l.MACAddress,
				strings.Join(c.Fields, ","), c.Result)
		}
		if err := t.flush(); err != nil {
			return err
		}
	}
	for _, k := range v.Kept {
		fmt.Fprintf(w, "  kept %s: Alianza's lines were not all read, so nothing is deleted\n", k.SIPUsername)
	}
	for _, f := range v.RemoteFailures {
		fmt.Fprintf(w, "  could not read: %s\n", f)
	}
	return nil
}
