package alianza

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"math"
	"net/http"
	"time"
)

// CallRecordsService searches an account's call detail records (CDRs), the
// usage a billing system rates and invoices.
//
// Search fetches one page; All walks every record of a search, page by
// page, and is what a billing run uses.
type CallRecordsService service

// DateLayout is the layout of the platform's date-only parameters
// (yyyy-MM-dd), for time.Time.Format.
const DateLayout = "2006-01-02"

// DefaultCallRecordPageSize is the page size All asks for when the options
// leave MaxResult at 0.
const DefaultCallRecordPageSize = 100

// MaxCallRecordPageSize bounds CallRecordSearchOptions.MaxResult.
const MaxCallRecordPageSize = 1000

// ErrInconsistentPages reports that a list's pages contradict each other:
// a call record search's totalRecords says records remain but none come
// (CallRecordsService.All), or a page repeats the one before, as from a
// platform or mock that ignores the position asked for (the generated
// All iterators). The iteration stops with this error rather than loop
// forever or report a partial list as complete.
var ErrInconsistentPages = errors.New("alianza: list pages are inconsistent")

// CallRecordSearchOptions are the cdrSearch query parameters. StartDate and
// EndDate are required; every other field narrows the search when set.
type CallRecordSearchOptions struct {
	// StartDate and EndDate bound the search, both days included, as
	// yyyy-MM-dd (DateLayout). EndDate must not be before StartDate.
	StartDate string `url:"startDate"`
	EndDate   string `url:"endDate"`
	// StartTime and EndTime narrow the search to a time of day; they are
	// sent as given.
	StartTime string `url:"startTime,omitempty"`
	EndTime   string `url:"endTime,omitempty"`

	// CallTypes, CallCategories and CallFlagTypes keep the records
	// matching any of the listed values (one query parameter per value).
	CallTypes      []CallType     `url:"callType,omitempty"`
	CallCategories []CallCategory `url:"callCategory,omitempty"`
	CallFlagTypes  []CallFlagType `url:"callFlagType,omitempty"`

	DialedNumber string `url:"dialedNumber,omitempty"`
	OrigNumber   string `url:"origNumber,omitempty"`
	TermNumber   string `url:"termNumber,omitempty"`
	// MinCost keeps the records that cost at least *MinCost.
	MinCost *float64 `url:"minCost,omitempty"`

	// Sort and SortOrder order the records. All sorts by DATE ascending
	// when Sort is empty, so that its pages are cut from one order.
	Sort      CallRecordSort      `url:"sort,omitempty"`
	SortOrder CallRecordSortOrder `url:"sortOrder,omitempty"`

	// FirstResultIndex is the zero-based index of the first record to
	// return. MaxResult is the number of records per page, at most
	// MaxCallRecordPageSize; 0 leaves the platform's default (20) for
	// Search and DefaultCallRecordPageSize for All.
	FirstResultIndex int `url:"firstResultIndex,omitempty"`
	MaxResult        int `url:"maxResult,omitempty"`
}

// validate checks the options; nil options lack the required dates.
func (o *CallRecordSearchOptions) validate(v *validator) {
	if o == nil {
		o = &CallRecordSearchOptions{}
	}
	start := v.date("startDate", o.StartDate)
	end := v.date("endDate", o.EndDate)
	if !start.IsZero() && !end.IsZero() {
		v.check(!end.Before(start), "endDate", "must not be before startDate")
	}
	for _, t := range o.CallTypes {
		v.check(t.Valid(), "callType", fmt.Sprintf("unknown value %q", t))
	}
	for _, c := range o.CallCategories {
		v.check(c.Valid(), "callCategory", fmt.Sprintf("unknown value %q", c))
	}
	for _, f := range o.CallFlagTypes {
		v.check(f.Valid(), "callFlagType", fmt.Sprintf("unknown value %q", f))
	}
	v.tn("dialedNumber", o.DialedNumber)
	v.tn("origNumber", o.OrigNumber)
	v.tn("termNumber", o.TermNumber)
	if o.MinCost != nil {
		v.check(*o.MinCost >= 0 && !math.IsInf(*o.MinCost, 0), "minCost", "must be a finite amount of at least 0")
	}
	v.enum("sort", string(o.Sort), o.Sort.Valid())
	v.enum("sortOrder", string(o.SortOrder), o.SortOrder.Valid())
	v.check(o.FirstResultIndex >= 0 && o.FirstResultIndex <= math.MaxInt32, "firstResultIndex", "must be from 0 through 2147483647")
	v.check(o.MaxResult >= 0 && o.MaxResult <= MaxCallRecordPageSize, "maxResult", fmt.Sprintf("must be from 1 through %d when set", MaxCallRecordPageSize))
}

// date checks a required yyyy-MM-dd date and returns it, or the zero time.
func (v *validator) date(field, s string) time.Time {
	if s == "" {
		v.add(field, "is required (yyyy-MM-dd)")
		return time.Time{}
	}
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		v.add(field, fmt.Sprintf("must be a date as yyyy-MM-dd, got %q", s))
		return time.Time{}
	}
	return t
}

// Validate reports, as a *ValidationError, every problem Search and All
// would refuse o for before sending; nil when there is none.
func (o *CallRecordSearchOptions) Validate() error {
	var v validator
	o.validate(&v)
	return v.err()
}

// Search returns one page of the account's call records: up to
// opts.MaxResult records from index opts.FirstResultIndex, and the number
// of records the whole search matches. opts needs StartDate and EndDate.
//
// operationId cdrSearch.
//
//alianza:operation GET /v2/partition/{partitionId}/account/{accountId}/cdrsearch
func (s *CallRecordsService) Search(ctx context.Context, accountID string, opts *CallRecordSearchOptions, callOpts ...CallOption) (*CallRecordPage, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("accountId", accountID)
	opts.validate(&v)
	if err := v.err(); err != nil {
		return nil, err
	}
	return call[CallRecordPage](ctx, s.client, &request{
		method: http.MethodGet,
		path:   "/v2/partition/{partitionId}/account/{accountId}/cdrsearch",
		args:   []string{accountID},
		query:  opts,
	})
}

// All returns every call record of the search, in order, fetching pages of
// opts.MaxResult records (DefaultCallRecordPageSize when 0) from
// opts.FirstResultIndex on. It stops fetching as soon as the loop stops.
// Each error ends the sequence: a refused option (before any request), or
// the first failed page, wrapped with the index it started at.
//
// Paging rule. firstResultIndex is the zero-based index of a page's first
// record and maxResult its size, as the platform's other searches count
// them. The platform's description of cdrSearch also calls maxResult the
// "last result to display", so All does not rely on either reading:
//   - a record's position is the page's firstResultIndex plus its index in
//     the page, and All asks each page from the first position it has not
//     yet returned, so a page longer than asked (an inclusive last index)
//     or shorter (a platform cap) neither skips nor repeats a record;
//   - an empty page while totalRecords says records remain means maxResult
//     was read as a last index: All asks the same page again with
//     maxResult set to firstResultIndex plus the page size, and keeps that
//     reading for the rest of the search;
//   - a record whose id was on the previous page is not returned again, so
//     an offset counted from 1, or a record inserted ahead of the page
//     between two requests, repeats nothing;
//   - a page that brings nothing new while totalRecords says records
//     remain, in either reading, ends the sequence with
//     ErrInconsistentPages instead of looping or losing records silently.
//
// The sequence ends when the records returned reach the latest
// totalRecords. Call options apply to each page's request (WithCallTimeout
// bounds each page); bound the whole walk with ctx's deadline. Without opts.Sort, All sorts by DATE ascending so that
// every page is cut from the same order.
func (s *CallRecordsService) All(ctx context.Context, accountID string, opts *CallRecordSearchOptions, callOpts ...CallOption) iter.Seq2[CallRecord, error] {
	ctx = withCallOptions(ctx, callOpts)
	return func(yield func(CallRecord, error) bool) {
		var v validator
		v.pathID("accountId", accountID)
		opts.validate(&v)
		if err := v.err(); err != nil {
			yield(CallRecord{}, err)
			return
		}
		p := newCallRecordPager(opts)
		for {
			page, err := s.Search(ctx, accountID, p.next())
			if err != nil {
				yield(CallRecord{}, fmt.Errorf("alianza: call records from index %d: %w", p.pos, err))
				return
			}
			for _, r := range p.take(page) {
				if !yield(r, nil) {
					return
				}
			}
			done, err := p.advance(page)
			if err != nil {
				yield(CallRecord{}, err)
				return
			}
			if done {
				return
			}
		}
	}
}

// CSV has the platform write the search's records as CSV and copies them
// to w; it returns the bytes written. The platform answers the request
// (cdrSearchCSV_2) with an asynchronous job: CSV waits for it with
// JobsService.Wait (wait tunes the polling and reports progress; nil for
// the defaults) and then streams the job's output to w with
// JobsService.Output. A FAILED job returns its *JobFailedError (errors.Is
// ErrJobFailed); a done ctx stops the wait at once. The CSV's columns are
// the platform's; crm.ExportCallRecords writes a fixed set of columns
// instead.
//
// FirstResultIndex and MaxResult limit the export as they limit a page.
// The spec leaves the dates optional on this operation; CSV requires them,
// as Search does, so that an export is never unbounded.
//
// operationId cdrSearchCSV_2.
//
//alianza:operation GET /v2/partition/{partitionId}/account/{accountId}/cdrsearch/csv_2
func (s *CallRecordsService) CSV(ctx context.Context, accountID string, opts *CallRecordSearchOptions, w io.Writer, wait *WaitOptions, callOpts ...CallOption) (int64, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("accountId", accountID)
	opts.validate(&v)
	v.check(w != nil, "w", "is required: the writer the CSV is copied to")
	wait.validate(&v)
	if err := v.err(); err != nil {
		return 0, err
	}
	job, err := call[Job](ctx, s.client, &request{
		method: http.MethodGet,
		path:   "/v2/partition/{partitionId}/account/{accountId}/cdrsearch/csv_2",
		args:   []string{accountID},
		query:  opts,
	})
	if err != nil {
		return 0, err
	}
	if err := checkID("job id", job.ID); err != nil {
		return 0, fmt.Errorf("alianza: call record CSV export: the platform's job has no usable id: %w", err)
	}
	if !job.Done() {
		if job, err = s.client.Jobs.Wait(ctx, job.ID, wait); err != nil {
			return 0, fmt.Errorf("alianza: call record CSV export: %w", err)
		}
	} else if err := job.Err(); err != nil && job.Status == JobStatusFailed {
		return 0, fmt.Errorf("alianza: call record CSV export: %w", err)
	}
	cw := &byteCounter{w: w}
	if err := s.client.Jobs.Output(ctx, job.ID, cw); err != nil {
		return cw.n, fmt.Errorf("alianza: call record CSV export: output of job %s: %w", job.ID, err)
	}
	return cw.n, nil
}

// byteCounter counts what is written through it.
type byteCounter struct {
	w io.Writer
	n int64
}

func (c *byteCounter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// callRecordPager holds All's position between pages.
type callRecordPager struct {
	opts      CallRecordSearchOptions // the page to ask for next
	size      int                     // records per page
	pos       int64                   // the first position not yet returned
	lastIndex bool                    // maxResult is read as a last index
	retried   bool                    // the current page was asked again in the other reading
	prev      map[string]struct{}     // ids of the previous page with new records
	cur       map[string]struct{}     // ids of the page being taken
	fresh     int                     // records of that page not returned before
}

func newCallRecordPager(opts *CallRecordSearchOptions) *callRecordPager {
	p := &callRecordPager{opts: *opts, size: opts.MaxResult, pos: int64(opts.FirstResultIndex)}
	if p.size == 0 {
		p.size = DefaultCallRecordPageSize
	}
	if p.opts.Sort == "" {
		p.opts.Sort, p.opts.SortOrder = CallRecordSortDate, CallRecordSortOrderAscending
	}
	return p
}

// next returns the options of the next page to fetch.
func (p *callRecordPager) next() *CallRecordSearchOptions {
	p.opts.FirstResultIndex = int(p.pos)
	p.opts.MaxResult = p.size
	if p.lastIndex {
		p.opts.MaxResult = int(min(p.pos+int64(p.size), math.MaxInt32))
	}
	return &p.opts
}

// take returns the records of page not returned before, in order, and
// remembers their ids. It reuses page's slice.
func (p *callRecordPager) take(page *CallRecordPage) []CallRecord {
	out := page.Results
	if len(p.prev) > 0 {
		out = out[:0]
		for _, r := range page.Results {
			if _, seen := p.prev[r.ID]; !seen || r.ID == "" {
				out = append(out, r)
			}
		}
	}
	p.cur = make(map[string]struct{}, len(out))
	for i := range out {
		if out[i].ID != "" {
			p.cur[out[i].ID] = struct{}{}
		}
	}
	p.fresh = len(out)
	return out
}

// advance moves past the page just taken and reports whether the search
// is complete.
func (p *callRecordPager) advance(page *CallRecordPage) (bool, error) {
	if p.fresh > 0 {
		p.pos += int64(p.fresh)
		p.prev, p.retried = p.cur, false
		if p.pos > math.MaxInt32 && p.pos < page.TotalRecords {
			return true, fmt.Errorf("%w: %d records exceed the platform's int32 firstResultIndex", ErrInconsistentPages, page.TotalRecords)
		}
		return p.pos >= page.TotalRecords, nil
	}
	if p.pos >= page.TotalRecords {
		return true, nil
	}
	if !p.retried && !p.lastIndex && p.pos > 0 {
		p.lastIndex, p.retried = true, true
		return false, nil
	}
	return true, fmt.Errorf("%w: totalRecords is %d but no new record came from index %d", ErrInconsistentPages, page.TotalRecords, p.pos)
}
