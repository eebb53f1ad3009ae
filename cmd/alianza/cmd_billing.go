package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/go-alianza/alianza/crm"
)

func (a *app) billingCmd() *cobra.Command {
	return group("billing", "Month-end billing export", a.billingExportCmd())
}

// exportView is what billing export reports.
type exportView struct {
	File       string          `json:"file"`
	Format     string          `json:"format"`
	StartDate  string          `json:"startDate"`
	EndDate    string          `json:"endDate"`
	Accounts   int             `json:"accounts"`
	Records    int64           `json:"records"`
	Resumed    bool            `json:"resumed"`
	Failures   []failureView   `json:"failures"`
	Checkpoint string          `json:"checkpoint,omitempty"` // the file to resume from, when the export is incomplete
	Partial    string          `json:"partial,omitempty"`    // the records written so far, when the export is incomplete
	Done       exportTotalView `json:"total"`
}

type failureView struct {
	What  string `json:"what"`
	Error string `json:"error"`
}

// exportTotalView counts the whole export, resumed runs included.
type exportTotalView struct {
	Accounts int   `json:"accounts"`
	Records  int64 `json:"records"`
}

func (a *app) billingExportCmd() *cobra.Command {
	var (
		period, from, to, file, format string
		billingDay, concurrency        int
		resume                         bool
	)
	cmd := &cobra.Command{
		Use:   "export --period YYYY-MM -o FILE",
		Short: "Write every account's call records of a billing period to a file",
		Long: `Write the call detail records of every account of the partition for one
billing period to FILE, as CSV (a header line, then one line per record) or
JSON lines (--format jsonl).

The period is the billing cycle that starts in --period's month on
--billing-day (1 to 31, default 1: the calendar month; Alianza bills on days
1 to 28, so 29, 30 and 31 bill on the 28th, as provisioning maps them), or
the days --from and --to give instead (yyyy-MM-dd, both included).

Accounts are fetched a few at a time and written whole, one after another.
A progress bar shows the accounts done on a terminal. The records go to
FILE.partial, which replaces FILE only when the export is complete: a run
that fails leaves an existing FILE as it was. FILE.checkpoint records the
accounts written; if some fail (exit 8) or the run is interrupted, run the
same command again with --resume to add only the missing accounts to
FILE.partial. The checkpoint is removed once the export is complete.`,
		Args: exactArgs(),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if file == "" {
				return usage("-o FILE is required")
			}
			p, err := billingPeriod(period, billingDay, from, to)
			if err != nil {
				return err
			}
			if format != string(crm.ExportCSV) && format != string(crm.ExportJSONLines) {
				return usage("--format %q: want %s or %s", format, crm.ExportCSV, crm.ExportJSONLines)
			}
			if err := checkConcurrency(concurrency); err != nil {
				return err
			}
			c, err := a.crm()
			if err != nil {
				return err
			}
			cpFile, partFile := file+".checkpoint", file+".partial"
			opts := crm.ExportOptions{Period: p, Format: crm.ExportFormat(format), Concurrency: concurrency}
			if resume {
				cp, err := readCheckpoint(cpFile)
				if err != nil {
					return err
				}
				if _, err := os.Stat(partFile); errors.Is(err, fs.ErrNotExist) {
					return usage("--resume: no %s, the records an earlier run wrote (start again without --resume)", partFile)
				}
				opts.Resume = cp
			}
			// The records go to FILE.partial, renamed over FILE once the
			// export is complete: a failed run leaves FILE as it was, and
			// FILE.partial is what --resume continues. The partial file is
			// only created (or truncated) when the first bytes arrive, so a
			// run that fails before then changes no file.
			out := &lazyFile{name: partFile, resume: opts.Resume}
			defer out.Close()
			bar := a.progress("export")
			var saveErr error
			opts.Progress = func(pr crm.ExportProgress) {
				bar.set(pr.AccountsDone, pr.AccountsTotal)
				if saveErr == nil {
					saveErr = writeCheckpoint(cpFile, pr.Checkpoint)
				}
			}
			res, err := c.ExportCallRecords(cmd.Context(), out, opts)
			bar.finish()
			if res == nil {
				if out.f != nil && opts.Resume == nil {
					// This run started FILE.partial afresh, so an earlier
					// checkpoint no longer matches it.
					_ = out.Close()
					_ = os.Remove(partFile)
					_ = os.Remove(cpFile)
				}
				return err
			}
			if cerr := out.Close(); cerr != nil && err == nil {
				err = cerr
			}
			if saveErr != nil && err == nil {
				err = fmt.Errorf("saving the checkpoint: %w", saveErr)
			}
			v := exportView{File: file, Format: string(res.Checkpoint.Format), StartDate: p.StartDate, EndDate: p.EndDate,
				Accounts: res.Accounts, Records: res.Records, Resumed: resume, Failures: []failureView{},
				Done: exportTotalView{Accounts: len(res.Checkpoint.Done), Records: res.Checkpoint.Records}}
			for _, f := range res.Failures {
				v.Failures = append(v.Failures, failureView{What: f.What, Error: f.Err.Error()})
			}
			if err == nil {
				err = out.finish(file)
			}
			if err == nil {
				if rerr := os.Remove(cpFile); rerr != nil && !errors.Is(rerr, fs.ErrNotExist) {
					err = rerr
				}
			} else {
				// --resume continues FILE.partial, so it must exist even
				// when every account of this run failed.
				if werr := out.keep(); werr != nil {
					return errors.Join(err, werr)
				}
				if werr := writeCheckpoint(cpFile, res.Checkpoint); werr != nil {
					return errors.Join(err, werr)
				}
				v.Checkpoint = cpFile
				v.Partial = partFile
			}
			if perr := a.emit(v, func(w io.Writer) error { return writeExport(w, v) }); perr != nil {
				return perr
			}
			return err
		},
	}
	f := cmd.Flags()
	f.StringVar(&period, "period", "", "the billing month, YYYY-MM")
	f.IntVar(&billingDay, "billing-day", 1, "the CRM billing day the cycle starts on, 1 to 31")
	f.StringVar(&from, "from", "", "first day, yyyy-MM-dd (instead of --period)")
	f.StringVar(&to, "to", "", "last day, yyyy-MM-dd (instead of --period)")
	f.StringVarP(&file, "output", "o", "", "the file to write (required)")
	f.StringVar(&format, "format", "csv", "csv or jsonl")
	f.IntVar(&concurrency, "concurrency", 0, concurrencyHelp("accounts fetched at once"))
	f.BoolVar(&resume, "resume", false, "continue an incomplete export of FILE from FILE.checkpoint")
	return cmd
}

// billingPeriod reads --period and --billing-day, or --from and --to.
func billingPeriod(period string, day int, from, to string) (crm.BillingPeriod, error) {
	switch {
	case period != "" && (from != "" || to != ""):
		return crm.BillingPeriod{}, usage("--period and --from/--to: choose one")
	case period == "" && from == "" && to == "":
		return crm.BillingPeriod{}, usage("--period YYYY-MM (or --from and --to) is required")
	case period == "":
		return crm.BillingPeriod{StartDate: from, EndDate: to}, nil
	}
	m, err := time.Parse("2006-01", period)
	if err != nil {
		return crm.BillingPeriod{}, usage("--period %q: want YYYY-MM", period)
	}
	return crm.MonthlyPeriod(m.Year(), m.Month(), day)
}

func readCheckpoint(name string) (*crm.ExportCheckpoint, error) {
	b, err := os.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, usage("--resume: no checkpoint %s (the export finished, or never started)", name)
	}
	if err != nil {
		return nil, err
	}
	var cp crm.ExportCheckpoint
	if err := json.Unmarshal(b, &cp); err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	return &cp, nil
}

// writeCheckpoint replaces the checkpoint file in one rename, so a crash
// leaves the old one or the new one, never half of either.
func writeCheckpoint(name string, cp crm.ExportCheckpoint) error {
	b, err := json.Marshal(cp)
	if err != nil {
		return err
	}
	tmp := name + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, name)
}

func writeExport(w io.Writer, v exportView) error {
	if err := kv(w, "File", v.File, "Format", v.Format, "Period", v.StartDate+" to "+v.EndDate,
		"Accounts", v.Accounts, "Records", v.Records); err != nil {
		return err
	}
	if v.Resumed {
		if err := kv(w, "Total", fmt.Sprintf("%d account(s), %d record(s) with the earlier run(s)", v.Done.Accounts, v.Done.Records)); err != nil {
			return err
		}
	}
	if len(v.Failures) > 0 {
		fmt.Fprintf(w, "%d account(s) failed:\n", len(v.Failures))
		t := newTable(w)
		for _, f := range v.Failures {
			t.row("  "+f.What, f.Error)
		}
		if err := t.flush(); err != nil {
			return err
		}
	}
	if v.Checkpoint != "" {
		_, err := fmt.Fprintf(w, "Incomplete: run the same command with --resume to add the missing accounts (checkpoint %s, records so far in %s)\n", v.Checkpoint, v.Partial)
		return err
	}
	return nil
}

// lazyFile is the export's FILE.partial, opened on the first write: afresh
// for a new export, or cut back to the checkpoint's length and appended to
// for a resumed one (dropping whatever an interrupted run wrote after the
// last account it finished).
type lazyFile struct {
	name   string
	resume *crm.ExportCheckpoint
	f      *os.File
}

func (l *lazyFile) Write(p []byte) (int, error) {
	if l.f == nil {
		if err := l.open(); err != nil {
			return 0, err
		}
	}
	return l.f.Write(p)
}

func (l *lazyFile) open() error {
	if l.resume == nil {
		f, err := os.OpenFile(l.name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
		l.f = f
		return err
	}
	f, err := os.OpenFile(l.name, os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	l.f = f
	if err := f.Truncate(l.resume.Bytes); err != nil {
		return err
	}
	_, err = f.Seek(l.resume.Bytes, io.SeekStart)
	return err
}

// Close closes the file if it was opened; it may be called more than once.
func (l *lazyFile) Close() error {
	if l.f == nil {
		return nil
	}
	err := l.f.Close()
	if errors.Is(err, fs.ErrClosed) {
		return nil
	}
	return err
}

// keep creates the file if nothing was written to it, and closes it.
func (l *lazyFile) keep() error {
	if l.f == nil {
		if err := l.open(); err != nil {
			return err
		}
	}
	return l.Close()
}

// finish puts the complete export in place: FILE.partial renamed over
// target. A run that wrote nothing still opens the file first: a new JSON
// lines export with no records is an empty file, and a resumed run whose
// accounts were all written earlier keeps the earlier run's bytes.
func (l *lazyFile) finish(target string) error {
	if l.f == nil {
		if err := l.open(); err != nil {
			return err
		}
		if err := l.f.Close(); err != nil {
			return err
		}
	}
	return os.Rename(l.name, target)
}
