package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/crm"
)

func (a *app) cdrCmd() *cobra.Command {
	return group("cdr", "Call detail records (usage to bill)", a.cdrSearchCmd())
}

func (a *app) cdrSearchCmd() *cobra.Command {
	var (
		from, to  string
		asCSV     bool
		limit     int
		callTypes []string
	)
	cmd := &cobra.Command{
		Use:   "search ACCOUNT --from DATE --to DATE",
		Short: "List an account's call records between two dates",
		Long: `List the call detail records of an account from --from through --to
(both included, yyyy-MM-dd, UTC days), oldest first, fetching them page by
page. The table shows the start time, direction, parties, lengths and cost;
--json prints every field of each record as a JSON array, --csv the columns
of a billing export (header first). --limit stops after that many records.`,
		Args: exactArgs("ACCOUNT"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := requiredFlags(cmd, "from", "to"); err != nil {
				return err
			}
			if asCSV && a.jsonOut {
				return usage("--csv and --json: choose one")
			}
			if limit < 0 {
				return usage("--limit %d: must be 0 (all) or more", limit)
			}
			opts := &alianza.CallRecordSearchOptions{StartDate: from, EndDate: to}
			for _, t := range callTypes {
				opts.CallTypes = append(opts.CallTypes, alianza.CallType(strings.ToUpper(t)))
			}
			if err := opts.Validate(); err != nil {
				return err
			}
			ctx := cmd.Context()
			api, id, err := a.accountAPI(ctx, args[0])
			if err != nil {
				return err
			}
			out := newRecordPrinter(a, asCSV)
			n := 0
			for r, err := range api.CallRecords.All(ctx, id, opts) {
				if err != nil {
					_ = out.close(n)
					return err
				}
				if err := out.print(&r); err != nil {
					return err
				}
				n++
				if limit > 0 && n == limit {
					break
				}
			}
			return out.close(n)
		},
	}
	f := cmd.Flags()
	f.StringVar(&from, "from", "", "first day, yyyy-MM-dd (required)")
	f.StringVar(&to, "to", "", "last day, yyyy-MM-dd (required)")
	f.BoolVar(&asCSV, "csv", false, "print CSV (the billing export's columns) instead of a table")
	f.IntVar(&limit, "limit", 0, "stop after this many records (0: all)")
	f.StringSliceVar(&callTypes, "type", nil, "only these call types: inbound, outbound")
	return cmd
}

// recordPrinter streams records as a table, CSV or a JSON array, so a
// month of records is never held in memory.
type recordPrinter struct {
	a     *app
	w     *bufio.Writer
	csv   *csv.Writer
	table *table
	row   []string
}

func newRecordPrinter(a *app, asCSV bool) *recordPrinter {
	p := &recordPrinter{a: a, w: bufio.NewWriter(a.stdout)}
	switch {
	case a.jsonOut:
		_, _ = p.w.WriteString("[")
	case asCSV:
		p.csv = csv.NewWriter(p.w)
		_ = p.csv.Write(crm.CallRecordCSVHeader)
	default:
		p.table = newTable(p.w, "START", "TYPE", "RESULT", "FROM", "TO", "SECONDS", "BILLED", "RATE", "COST")
	}
	return p
}

func (p *recordPrinter) print(r *alianza.CallRecord) error {
	switch {
	case p.a.jsonOut:
		b, err := json.Marshal(r)
		if err != nil {
			return err
		}
		if p.row == nil {
			p.row = []string{}
			_, _ = p.w.WriteString("\n  ")
		} else {
			_, _ = p.w.WriteString(",\n  ")
		}
		_, err = p.w.Write(b)
		return err
	case p.csv != nil:
		p.row = crm.CallRecordCSVRow(r, p.row)
		return p.csv.Write(p.row)
	}
	p.table.row(r.StartTime.UTC().Format("2006-01-02 15:04:05"), r.CallType, r.CallFlagType, r.OrigNumber, r.TermNumber,
		r.ActualCallLengthSeconds, r.BillCallLengthSeconds, r.RateType, strconv.FormatFloat(r.Cost, 'f', -1, 64))
	return nil
}

// close ends the output: the JSON array's bracket, the table, a count for
// people on stderr.
func (p *recordPrinter) close(n int) error {
	switch {
	case p.a.jsonOut:
		if n > 0 {
			_, _ = p.w.WriteString("\n")
		}
		_, _ = p.w.WriteString("]\n")
	case p.csv != nil:
		p.csv.Flush()
		if err := p.csv.Error(); err != nil {
			return err
		}
	default:
		if err := p.table.flush(); err != nil {
			return err
		}
		p.a.note("%d record(s)", n)
	}
	return p.w.Flush()
}
