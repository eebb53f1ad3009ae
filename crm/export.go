package crm

import (
	"bufio"
	"cmp"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/go-alianza/alianza"
)

// BillingDay maps a CRM billing day (1 to 31) to the day Alianza bills on:
// Alianza allows days 1 to 28, so 29, 30 and 31 become 28. Provisioning
// (AccountSpec.BillingCycleDay) and the month-end export map days the
// same way.
func BillingDay(crmDay int) (int, error) {
	switch {
	case crmDay < 1 || crmDay > 31:
		return 0, fmt.Errorf("%w: billing day must be between 1 and 31, got %d", alianza.ErrValidation, crmDay)
	case crmDay > 28:
		return 28, nil
	}
	return crmDay, nil
}

// BillingPeriod is the span of a month-end export: StartDate through
// EndDate, both included, as yyyy-MM-dd (alianza.DateLayout).
type BillingPeriod struct {
	StartDate string `json:"startDate"`
	EndDate   string `json:"endDate"`
}

// MonthlyPeriod returns the billing cycle that starts in year/month on the
// CRM billing day crmDay, mapped by BillingDay, and ends the day before
// the same day of the next month: day 1 gives the calendar month
// (November 1 to 30), day 15 gives November 15 to December 14, and days
// 28 to 31 all give November 28 to December 27.
func MonthlyPeriod(year int, month time.Month, crmDay int) (BillingPeriod, error) {
	d, err := BillingDay(crmDay)
	if err != nil {
		return BillingPeriod{}, err
	}
	if month < time.January || month > time.December || year < 1 || year > 9999 {
		return BillingPeriod{}, fmt.Errorf("%w: no month %d-%02d", alianza.ErrValidation, year, month)
	}
	start := time.Date(year, month, d, 0, 0, 0, 0, time.UTC)
	end := start.AddDate(0, 1, -1)
	return BillingPeriod{StartDate: start.Format(alianza.DateLayout), EndDate: end.Format(alianza.DateLayout)}, nil
}

// validate checks the dates as the call record search does.
func (p BillingPeriod) validate() error {
	return (&alianza.CallRecordSearchOptions{StartDate: p.StartDate, EndDate: p.EndDate}).Validate()
}

// ExportFormat is how ExportCallRecords writes records.
type ExportFormat string

// Export formats.
const (
	// ExportCSV writes a header line (CallRecordCSVHeader) and one line
	// per record.
	ExportCSV ExportFormat = "csv"
	// ExportJSONLines writes each record as one JSON object per line,
	// every field of alianza.CallRecord that is set.
	ExportJSONLines ExportFormat = "jsonl"
)

// CallRecordCSVHeader is the header line of an ExportCSV export, one
// column per field, in this order.
var CallRecordCSVHeader = []string{
	"id", "accountId", "accountNumber", "partitionBillingCode", "accountBillingCycleDay",
	"startTime", "connectTime", "endTime", "callType", "callFlagType", "legType", "disconnectType",
	"origNumber", "termNumber", "dialedNumber", "forwardingNumber", "accountBillableNumber",
	"actualCallLengthSeconds", "billCallLengthSeconds", "ratePerMinute", "cost", "inPlan",
	"rateType", "serviceType", "local", "callingPlanProductId", "callingPlanProductName",
	"referenceType", "referenceId", "accountCode",
}

// CallRecordCSVRow returns r as a line of an ExportCSV export, one cell per
// column of CallRecordCSVHeader, reusing row's array when it is large
// enough (pass nil for a new one).
func CallRecordCSVRow(r *alianza.CallRecord, row []string) []string {
	ts := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.UTC().Format(time.RFC3339Nano)
	}
	num := func(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
	return append(row[:0],
		r.ID, r.AccountID, r.AccountNumber, r.PartitionBillingCode, strconv.Itoa(r.AccountBillingCycleDay),
		ts(r.StartTime), ts(r.ConnectTime), ts(r.EndTime), string(r.CallType), string(r.CallFlagType), string(r.LegType), string(r.DisconnectType),
		r.OrigNumber, r.TermNumber, r.DialedNumber, r.ForwardingNumber, r.AccountBillableNumber,
		strconv.FormatInt(r.ActualCallLengthSeconds, 10), strconv.FormatInt(r.BillCallLengthSeconds, 10), num(r.RatePerMinute), num(r.Cost), strconv.FormatBool(r.InPlan),
		string(r.RateType), string(r.ServiceType), strconv.FormatBool(r.Local), r.CallingPlanProductID, r.CallingPlanProductName,
		string(r.ReferenceType), r.ReferenceID, r.AccountCode,
	)
}

// ExportCheckpoint is how far an export got: the accounts written in full
// and the bytes written through the last of them. Persist the one
// ExportProgress carries (it is JSON-encodable); to resume after a crash
// or a failure, truncate the output to Bytes and pass the checkpoint back
// in ExportOptions.Resume. The resumed run appends only the accounts not
// in Done, so across both runs every record is written exactly once.
type ExportCheckpoint struct {
	Period  BillingPeriod `json:"period"`
	Format  ExportFormat  `json:"format"`
	Done    []string      `json:"done"` // account ids, in the order written
	Bytes   int64         `json:"bytes"`
	Records int64         `json:"records"`
}

// ExportProgress reports one account of an export, written or failed.
type ExportProgress struct {
	AccountID     string
	AccountNumber string
	Records       int64 // this account's records; 0 when it failed
	Err           error // why the account was left out, or nil
	AccountsDone  int   // accounts finished in this run, failed ones included
	AccountsTotal int   // accounts this run exports
	// Checkpoint is the export's state after this account. Its Done
	// slice is shared and only ever appended to: keep it as it is.
	Checkpoint ExportCheckpoint
}

// ExportOptions configure ExportCallRecords.
type ExportOptions struct {
	// Period is the span exported (MonthlyPeriod, or explicit dates).
	Period BillingPeriod
	// Format is ExportCSV (the default) or ExportJSONLines.
	Format ExportFormat
	// Concurrency bounds the accounts fetched at once; 0 means the
	// client's (WithConcurrency, DefaultConcurrency unless set).
	Concurrency int
	// PageSize is the records asked for per request; 0 means
	// alianza.DefaultCallRecordPageSize.
	PageSize int
	// Resume continues the export a checkpoint describes: its accounts
	// are skipped and no CSV header is written. Period and Format must
	// match it.
	Resume *ExportCheckpoint
	// TempDir holds each account's records while it is fetched ("" is
	// os.TempDir()); a file is removed once copied to the output.
	TempDir string
	// Progress, if set, is called after each account, in the order
	// accounts are written, from the goroutine that called
	// ExportCallRecords.
	Progress func(ExportProgress)
}

// ExportResult is what one run of ExportCallRecords did.
type ExportResult struct {
	Accounts   int       // accounts written in this run
	Records    int64     // records written in this run
	Failures   []Failure // accounts left out, each with its error
	Checkpoint ExportCheckpoint
}

// ExportCallRecords writes the call records of every account of the
// partition for opts.Period to w: a CSV header (unless resuming) and one
// line per record, or JSON lines. Accounts are written whole and in
// account-id order, each as one block; up to opts.Concurrency accounts
// are fetched at a time, each into its own temporary file, so memory
// stays the same whatever the number of records (a page per account in
// flight) and a failed account writes nothing.
//
// A failed account is reported (ExportProgress.Err, ExportResult.Failures)
// and the export goes on; the error is then an *IncompleteError (matching
// ErrIncomplete) and resuming from ExportResult.Checkpoint exports only
// the accounts still missing. A cancelled ctx stops the export with
// ctx's error after the accounts already written; the checkpoint then
// says which.
func (c *Client) ExportCallRecords(ctx context.Context, w io.Writer, opts ExportOptions) (*ExportResult, error) {
	if w == nil {
		return nil, fmt.Errorf("%w: export writer is nil", alianza.ErrValidation)
	}
	if opts.Format == "" {
		opts.Format = ExportCSV
	}
	if opts.Format != ExportCSV && opts.Format != ExportJSONLines {
		return nil, fmt.Errorf("%w: export format must be %q or %q, got %q", alianza.ErrValidation, ExportCSV, ExportJSONLines, opts.Format)
	}
	if err := opts.Period.validate(); err != nil {
		return nil, err
	}
	if opts.PageSize == 0 {
		opts.PageSize = alianza.DefaultCallRecordPageSize
	}
	if opts.PageSize < 0 || opts.PageSize > alianza.MaxCallRecordPageSize {
		return nil, fmt.Errorf("%w: page size must be from 1 through %d, got %d", alianza.ErrValidation, alianza.MaxCallRecordPageSize, opts.PageSize)
	}
	if opts.Concurrency == 0 {
		opts.Concurrency = c.concurrency
	}
	if opts.Concurrency < 0 {
		return nil, fmt.Errorf("%w: concurrency must be at least 1, got %d", alianza.ErrValidation, opts.Concurrency)
	}
	res := &ExportResult{Checkpoint: ExportCheckpoint{Period: opts.Period, Format: opts.Format}}
	done := map[string]bool{}
	if cp := opts.Resume; cp != nil {
		if cp.Period != opts.Period || cp.Format != opts.Format {
			return nil, fmt.Errorf("%w: the checkpoint is for %s to %s as %s, not %s to %s as %s", alianza.ErrValidation,
				cp.Period.StartDate, cp.Period.EndDate, cp.Format, opts.Period.StartDate, opts.Period.EndDate, opts.Format)
		}
		res.Checkpoint = *cp
		res.Checkpoint.Done = slices.Clip(slices.Clone(cp.Done))
		for _, id := range cp.Done {
			done[id] = true
		}
	}

	accounts, err := c.api.Accounts.List(ctx)
	if err != nil {
		return nil, fmt.Errorf("crm: export: list accounts: %w", err)
	}
	pending := make([]exportAccount, 0, len(accounts))
	for i := range accounts {
		if !done[accounts[i].ID] {
			pending = append(pending, exportAccount{id: accounts[i].ID, number: accounts[i].AccountNumber})
		}
	}
	slices.SortFunc(pending, func(a, b exportAccount) int { return cmp.Compare(a.id, b.id) })

	out := &countingWriter{w: w}
	if opts.Resume == nil && opts.Format == ExportCSV {
		cw := csv.NewWriter(out)
		_ = cw.Write(CallRecordCSVHeader)
		if cw.Flush(); cw.Error() != nil {
			return nil, fmt.Errorf("crm: export: write header: %w", cw.Error())
		}
	}
	res.Checkpoint.Bytes += out.n
	out.n = 0

	e := &exporter{c: c, opts: opts}
	err = e.run(ctx, pending, func(i int, s spooled) error {
		a := pending[i]
		p := ExportProgress{AccountID: a.id, AccountNumber: a.number, AccountsDone: i + 1, AccountsTotal: len(pending)}
		if s.err == nil {
			s.err = s.copyTo(out)
			if s.err != nil && out.n == 0 {
				// Nothing of the account reached w: it is only left out.
				s.err = fmt.Errorf("copy to the output: %w", s.err)
			} else if s.err != nil {
				return fmt.Errorf("crm: export: write account %s: %w", a.id, s.err)
			}
		}
		if s.err != nil {
			p.Err = s.err
			res.Failures = append(res.Failures, Failure{What: "call records of account " + a.id, Err: s.err})
		} else {
			p.Records = s.records
			res.Accounts++
			res.Records += s.records
			cp := &res.Checkpoint
			cp.Done = append(cp.Done, a.id)
			cp.Bytes += out.n
			cp.Records += s.records
		}
		out.n = 0
		p.Checkpoint = res.Checkpoint
		p.Checkpoint.Done = slices.Clip(res.Checkpoint.Done)
		if opts.Progress != nil {
			opts.Progress(p)
		}
		return nil
	})
	res.Checkpoint.Done = slices.Clip(res.Checkpoint.Done)
	if err != nil {
		return res, err
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	return res, incomplete("call record export", res.Failures)
}

type exportAccount struct{ id, number string }

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// spooled is one account's records, fetched into a temporary file.
type spooled struct {
	f       *os.File
	records int64
	err     error
	started bool // it holds a place in the fetch window
}

// copyTo copies the records to w and removes the file.
func (s spooled) copyTo(w io.Writer) error {
	defer s.discard()
	if _, err := s.f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	_, err := io.Copy(w, s.f)
	return err
}

func (s spooled) discard() {
	if s.f != nil {
		_ = s.f.Close()
		_ = os.Remove(s.f.Name())
	}
}

// exporter fetches accounts in parallel and hands them over in order.
type exporter struct {
	c    *Client
	opts ExportOptions
}

// run fetches accounts on opts.Concurrency goroutines and calls write for
// each in order. At most twice the concurrency accounts are fetched ahead
// of the one being written, which bounds the temporary files. A write
// error stops the run.
func (e *exporter) run(ctx context.Context, accounts []exportAccount, write func(i int, s spooled) error) error {
	n := len(accounts)
	if n == 0 {
		return nil
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	results := make([]chan spooled, n)
	for i := range results {
		results[i] = make(chan spooled, 1)
	}
	window := make(chan struct{}, 2*e.opts.Concurrency)
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(e.opts.Concurrency, n) {
		wg.Go(func() {
			for i := range next {
				s := e.spool(ctx, accounts[i].id)
				s.started = true
				results[i] <- s
			}
		})
	}
	go func() {
		defer close(next)
		for i := range n {
			select {
			case window <- struct{}{}:
			case <-ctx.Done():
				// Every account not yet started fails fast on ctx.
				for j := i; j < n; j++ {
					results[j] <- spooled{err: ctx.Err()}
				}
				return
			}
			next <- i
		}
	}()
	var werr error
	for i := range n {
		s := <-results[i]
		if werr != nil || ctx.Err() != nil {
			s.discard()
			if werr == nil {
				werr = ctx.Err()
			}
		} else if err := write(i, s); err != nil {
			werr = err
			cancel()
		}
		if s.started {
			<-window
		}
	}
	wg.Wait()
	if werr != nil && !errors.Is(werr, context.Canceled) && !errors.Is(werr, context.DeadlineExceeded) {
		return werr
	}
	return nil
}

// spool fetches one account's records into a temporary file.
func (e *exporter) spool(ctx context.Context, accountID string) (s spooled) {
	if err := ctx.Err(); err != nil {
		return spooled{err: err}
	}
	f, err := os.CreateTemp(e.opts.TempDir, "alianza-cdr-*")
	if err != nil {
		return spooled{err: fmt.Errorf("temporary file: %w", err)}
	}
	s.f = f
	defer func() {
		if s.err != nil {
			s.discard()
			s.f = nil
		}
	}()
	bw := bufio.NewWriterSize(f, 64<<10)
	enc := newRecordEncoder(e.opts.Format, bw)
	opts := &alianza.CallRecordSearchOptions{
		StartDate: e.opts.Period.StartDate, EndDate: e.opts.Period.EndDate, MaxResult: e.opts.PageSize,
	}
	for r, err := range e.c.api.CallRecords.All(ctx, accountID, opts) {
		if err != nil {
			s.err = err
			return s
		}
		if err := enc(&r); err != nil {
			s.err = fmt.Errorf("temporary file: %w", err)
			return s
		}
		s.records++
	}
	if err := bw.Flush(); err != nil {
		s.err = fmt.Errorf("temporary file: %w", err)
	}
	return s
}

// newRecordEncoder returns a function that writes one record to w.
func newRecordEncoder(f ExportFormat, w io.Writer) func(*alianza.CallRecord) error {
	if f == ExportJSONLines {
		enc := json.NewEncoder(w)
		return func(r *alianza.CallRecord) error { return enc.Encode(r) }
	}
	cw := csv.NewWriter(w)
	row := make([]string, 0, len(CallRecordCSVHeader))
	return func(r *alianza.CallRecord) error {
		row = CallRecordCSVRow(r, row)
		if err := cw.Write(row); err != nil {
			return err
		}
		cw.Flush()
		return cw.Error()
	}
}
