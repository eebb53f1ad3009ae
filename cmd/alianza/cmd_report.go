package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/go-alianza/alianza"
)

func (a *app) reportCmd() *cobra.Command {
	return group("report", "The partition's reports: summaries and CSV reports (run as jobs)",
		a.reportListCmd(), a.reportRunCmd())
}

type reportRow struct {
	Name   string `json:"name"`
	Kind   string `json:"kind"`
	Params string `json:"params,omitempty"`
	Title  string `json:"title"`
}

func (a *app) reportListCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "List the reports 'report run' knows",
		Args:  exactArgs(),
		RunE: func(*cobra.Command, []string) error {
			var rows []reportRow
			for _, r := range alianza.ReportCatalog() {
				rows = append(rows, reportRow{r.Name, string(r.Kind), paramsHelp(r.Params), r.Title})
			}
			return a.emit(rows, func(w io.Writer) error {
				t := newTable(w, "NAME", "KIND", "NEEDS", "WHAT")
				for _, r := range rows {
					t.row(r.Name, r.Kind, r.Params, r.Title)
				}
				return t.flush()
			})
		},
	}
}

func paramsHelp(p alianza.ReportParamsKind) string {
	switch p {
	case alianza.ReportParamsMonth:
		return "--month"
	case alianza.ReportParamsOptionalMonth:
		return "[--month]"
	case alianza.ReportParamsDateRange:
		return "--from --to"
	}
	return ""
}

type summaryView struct {
	Report     string `json:"report"`
	TotalCount int64  `json:"totalCount"`
	NewCount   int64  `json:"newCount"`
}

type jobView struct {
	Report      string             `json:"report"`
	JobID       string             `json:"jobId,omitempty"`
	Status      alianza.JobStatus  `json:"status,omitempty"`
	Start       time.Time          `json:"start,omitzero"`
	LastUpdated time.Time          `json:"lastUpdated,omitzero"`
	Errors      []alianza.JobError `json:"errors,omitempty"`
	Output      string             `json:"output,omitempty"` // the file the CSV went to
	Bytes       int64              `json:"bytes,omitempty"`
}

func newJobView(name string, j *alianza.Job) jobView {
	v := jobView{Report: name}
	if j != nil {
		v.JobID, v.Status, v.Start, v.LastUpdated, v.Errors = j.ID, j.Status, j.Start, j.LastUpdated, j.Errors
	}
	return v
}

func writeJob(w io.Writer, v jobView) error {
	if err := kv(w, "Report", v.Report, "Job", v.JobID, "Status", v.Status, "Started", fmtTime(v.Start), "Updated", fmtTime(v.LastUpdated)); err != nil {
		return err
	}
	if v.Output != "" {
		fmt.Fprintf(w, "Wrote %d bytes to %s\n", v.Bytes, v.Output)
	}
	for _, e := range v.Errors {
		fmt.Fprintf(w, "  error: %s\n", e)
	}
	return nil
}

func fmtTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// countingWriter counts what goes through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

func (a *app) reportRunCmd() *cobra.Command {
	var (
		wait     bool
		out      string
		month    string
		from, to string
		poll     time.Duration
		pollMax  time.Duration
	)
	cmd := &cobra.Command{
		Use:   "run NAME",
		Short: "Run a report: a summary prints its counts, a CSV report starts a job",
		Long: `Run a report of 'report list'. A summary prints its counts at once. A CSV
report starts a job on the platform and prints it; with --wait the console
follows the job (its status on stderr when stderr is a terminal; the first
poll at once, then after --poll, doubling up to --poll-max) and writes the CSV to -o FILE, or to stdout.
--month YYYY-MM selects the month of a monthly report (default this month),
--from and --to (YYYY-MM-DD) the range of a dated one; a period flag the
report does not take (see 'report list') is a usage error. A failed job exits 6
with its errors (line, column, input).`,
		Args: exactArgs("NAME"),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			name := args[0]
			info, found := findReportInfo(name)
			if !found {
				return usage("unknown report %q: see 'alianza report list'", name)
			}
			p, err := reportParams(name, info.Params, month, from, to, time.Now())
			if err != nil {
				return err
			}
			if info.Kind == alianza.ReportKindSummary && (wait || out != "") {
				return usage("report %s is a summary: it prints its counts at once, with no --wait or -o", name)
			}
			api, err := a.client()
			if err != nil {
				return err
			}
			if info.Kind == alianza.ReportKindSummary {
				s, err := api.Reports.Summary(ctx, name)
				if err != nil {
					return err
				}
				v := summaryView{Report: name, TotalCount: s.TotalCount, NewCount: s.NewCount}
				return a.emit(v, func(w io.Writer) error {
					return kv(w, "Report", name, "Total", v.TotalCount, "New", v.NewCount)
				})
			}
			if out != "" && !wait {
				return usage("-o needs --wait: the CSV exists once the job is done")
			}
			if poll < 0 || pollMax < 0 {
				return usage("--poll and --poll-max must not be negative")
			}
			if wait && out == "" && a.jsonOut {
				return usage("--json --wait needs -o FILE: stdout holds the JSON")
			}
			j, err := api.Reports.StartReport(ctx, name, p)
			if err != nil {
				return err
			}
			if j == nil || j.ID == "" {
				return fmt.Errorf("report %s: %w", name, alianza.ErrNoJob)
			}
			if !wait {
				v := newJobView(name, j)
				return a.emit(v, func(w io.Writer) error { return writeJob(w, v) })
			}
			bar := a.progress("report " + name)
			started := time.Now()
			j, err = api.Jobs.Wait(ctx, j.ID, &alianza.WaitOptions{Interval: poll, MaxInterval: pollMax, Progress: func(j *alianza.Job) {
				bar.status(fmt.Sprintf("%s (%s)", j.Status, time.Since(started).Round(time.Second)))
			}})
			bar.finish()
			v := newJobView(name, j)
			if err != nil {
				if perr := a.emit(v, func(w io.Writer) error { return writeJob(a.stderr, v) }); perr != nil {
					return perr
				}
				return err
			}
			if out == "" {
				return api.Jobs.Output(ctx, j.ID, a.stdout)
			}
			n, err := download(out, func(w io.Writer) error { return api.Jobs.Output(ctx, j.ID, w) })
			if err != nil {
				return err
			}
			v.Output, v.Bytes = out, n
			return a.emit(v, func(w io.Writer) error { return writeJob(w, v) })
		},
	}
	f := cmd.Flags()
	f.BoolVar(&wait, "wait", false, "wait for the job and download the CSV")
	f.StringVarP(&out, "output", "o", "", "write the CSV to FILE (with --wait)")
	f.StringVar(&month, "month", "", "the month of a monthly report, YYYY-MM (default this month)")
	f.StringVar(&from, "from", "", "first day of a dated report, YYYY-MM-DD")
	f.StringVar(&to, "to", "", "last day of a dated report, YYYY-MM-DD")
	f.DurationVar(&poll, "poll", alianza.DefaultJobPollInterval, "first wait between polls of the job (doubles up to --poll-max)")
	f.DurationVar(&pollMax, "poll-max", alianza.DefaultJobPollMaxInterval, "longest wait between polls of the job")
	return cmd
}

// download writes into a temporary file beside path and renames it into
// place once the copy succeeded, so a failed download leaves no partial
// file under path.
func download(path string, copyTo func(io.Writer) error) (int64, error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return 0, err
	}
	cw := &countingWriter{w: tmp}
	err = copyTo(cw)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		_ = os.Remove(tmp.Name())
		return 0, err
	}
	return cw.n, nil
}

func findReportInfo(name string) (alianza.ReportInfo, bool) {
	for _, r := range alianza.ReportCatalog() {
		if r.Name == name {
			return r, true
		}
	}
	return alianza.ReportInfo{}, false
}

// reportParams reads the flags a report takes, and refuses one it does
// not take rather than run the report for another period.
func reportParams(name string, kind alianza.ReportParamsKind, month, from, to string, now time.Time) (*alianza.ReportParams, error) {
	var given []string
	for _, f := range []struct{ name, value string }{{"--month", month}, {"--from", from}, {"--to", to}} {
		if f.value != "" {
			given = append(given, f.name)
		}
	}
	refuse := func(flags []string, takes string) error {
		return usage("report %s takes %s, not %s", name, takes, strings.Join(flags, " or "))
	}
	p := &alianza.ReportParams{}
	switch kind {
	case alianza.ReportParamsMonth, alianza.ReportParamsOptionalMonth:
		if from != "" || to != "" {
			takes := "--month YYYY-MM (default this month)"
			if kind == alianza.ReportParamsOptionalMonth {
				takes = "an optional --month YYYY-MM"
			}
			return nil, refuse(slices.DeleteFunc(given, func(f string) bool { return f == "--month" }), takes)
		}
		if month == "" && kind == alianza.ReportParamsOptionalMonth {
			return p, nil
		}
		period := alianza.MonthOf(now)
		if month != "" {
			t, err := time.Parse("2006-01", month)
			if err != nil {
				return nil, usage("--month %q: want YYYY-MM", month)
			}
			period = alianza.MonthOf(t)
		}
		p.Period = &period
	case alianza.ReportParamsDateRange:
		if month != "" {
			return nil, refuse([]string{"--month"}, "--from and --to (YYYY-MM-DD)")
		}
		if from == "" || to == "" {
			return nil, usage("report %s needs --from and --to (YYYY-MM-DD)", name)
		}
		p.From, p.To = from, to
	default:
		if len(given) > 0 {
			return nil, usage("report %s takes no --month, --from or --to: drop %s", name, strings.Join(given, " and "))
		}
	}
	return p, nil
}

// status draws a one-line status after the label, replacing the last one
// (a job's state, which has no count to fill a bar with).
func (p *progress) status(s string) {
	if !p.on {
		return
	}
	p.drawn = true
	fmt.Fprintf(p.w, "\r%s: %s\033[K", p.label, s)
}
