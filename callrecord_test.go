package alianza

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCallRecordPageDecodesEveryField(t *testing.T) {
	var page CallRecordPage
	decodeStrict(t, fixture(t, "callrecord/page.json"), &page)
	require.Len(t, page.Results, 1)
	r := page.Results[0]
	assert.EqualValues(t, 1, page.TotalRecords)
	assert.Equal(t, 240*time.Second, r.BilledDuration())
	assert.Equal(t, 0.1, r.Cost)
	assert.Equal(t, 0.025, r.RatePerMinute)
	assert.Equal(t, CallRateTypeOffPlanRated, r.RateType)
	assert.Equal(t, CallTypeOutbound, r.CallType)
	assert.Equal(t, CallCategoryOffNet, r.TermCallCategory)
	assert.Equal(t, CallRecordReferenceTypeEndUser, r.ReferenceType)
	assert.Equal(t, "Standard 20000", r.CallingPlanProductName)
	assert.Equal(t, "BC-7", r.PartitionBillingCode)
	assert.Equal(t, []string{"T-1", "T-2"}, r.CorrelationData["ticket"])
	assert.Equal(t, 4.3, r.MeanOpinionScores["callee"])
	assert.JSONEq(t, `{"type":"vfax-success","pages":3}`, string(r.ApplicationData))
	assert.Equal(t, time.Date(2026, 11, 3, 15, 4, 5, 0, time.UTC), r.StartTime)
}

func TestCallRecordsSearchSendsTypedOptions(t *testing.T) {
	c, mt := newMockClient(t)
	cp := mockOp(t, mt, "CallRecordsService.Search", []string{"A1"}, 200, fixture(t, "callrecord/page.json"))
	page, err := c.CallRecords.Search(context.Background(), "A1", &CallRecordSearchOptions{
		StartDate: "2026-11-01", EndDate: "2026-11-30",
		CallTypes:      []CallType{CallTypeInbound, CallTypeOutbound},
		CallCategories: []CallCategory{CallCategoryOffNet},
		CallFlagTypes:  []CallFlagType{CallFlagTypePickedUp},
		MinCost:        Ptr(0.0),
		Sort:           CallRecordSortCost, SortOrder: CallRecordSortOrderDescending,
		FirstResultIndex: 40, MaxResult: 20,
	})
	require.NoError(t, err)
	require.Len(t, page.Results, 1)
	q := cp.Query()
	assert.Equal(t, "2026-11-01", q.Get("startDate"))
	assert.Equal(t, "2026-11-30", q.Get("endDate"))
	assert.Equal(t, []string{"INBOUND", "OUTBOUND"}, q["callType"])
	assert.Equal(t, []string{"OffNet"}, q["callCategory"])
	assert.Equal(t, []string{"PICKED_UP"}, q["callFlagType"])
	assert.Equal(t, "0", q.Get("minCost"))
	assert.Equal(t, "COST", q.Get("sort"))
	assert.Equal(t, "DESC", q.Get("sortOrder"))
	assert.Equal(t, "40", q.Get("firstResultIndex"))
	assert.Equal(t, "20", q.Get("maxResult"))
}

func TestCallRecordsSearchValidatesBeforeSending(t *testing.T) {
	c, mt := newMockClient(t)
	ctx := context.Background()
	cases := []struct {
		name   string
		id     string
		opts   *CallRecordSearchOptions
		fields []string
	}{
		{"nil options", "A1", nil, []string{"startDate", "endDate"}},
		{"bad dates", "A1", &CallRecordSearchOptions{StartDate: "2026-11-1", EndDate: "30/11/2026"}, []string{"startDate", "endDate"}},
		{"end before start", "A1", &CallRecordSearchOptions{StartDate: "2026-11-30", EndDate: "2026-11-01"}, []string{"endDate"}},
		{"bad enums and numbers", "", &CallRecordSearchOptions{
			StartDate: "2026-11-01", EndDate: "2026-11-01",
			CallTypes: []CallType{"SIDEWAYS"}, CallCategories: []CallCategory{"Nowhere"}, CallFlagTypes: []CallFlagType{"LOST"},
			Sort: "NAME", SortOrder: "UP", DialedNumber: "555", MinCost: Ptr(-1.0),
			FirstResultIndex: -1, MaxResult: MaxCallRecordPageSize + 1,
		}, []string{"accountId", "callType", "callCategory", "callFlagType", "dialedNumber", "minCost", "sort", "sortOrder", "firstResultIndex", "maxResult"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.CallRecords.Search(ctx, tc.id, tc.opts)
			require.ErrorIs(t, err, ErrValidation)
			var ve *ValidationError
			require.ErrorAs(t, err, &ve)
			var fields []string
			for _, fe := range ve.Errors {
				fields = append(fields, fe.Field)
			}
			assert.Equal(t, tc.fields, fields)
			if tc.id != "" {
				assert.Equal(t, err, tc.opts.Validate(), "Validate returns what Search refuses")
			}

			var iterErr error
			for _, err := range c.CallRecords.All(ctx, tc.id, tc.opts) {
				iterErr = err
			}
			assert.ErrorIs(t, iterErr, ErrValidation)
		})
	}
	assert.Zero(t, mt.GetTotalCallCount(), "nothing sent, not even a login")
}

// pagingPlatform answers cdrSearch for total records numbered 0..total-1,
// counting maxResult the way its mode says.
type pagingPlatform struct {
	total int
	mode  string // "count", "last-exclusive", "last-inclusive", "one-based", "capped", "truncated"
	calls int
}

func (p *pagingPlatform) responder(t *testing.T) httpmock.Responder {
	return func(r *http.Request) (*http.Response, error) {
		p.calls++
		q := r.URL.Query()
		assert.Equal(t, "DATE", q.Get("sort"), "All sorts by date when no sort is given")
		first, _ := strconv.Atoi(q.Get("firstResultIndex"))
		maxResult, err := strconv.Atoi(q.Get("maxResult"))
		require.NoError(t, err)
		from, to := first, first+maxResult
		switch p.mode {
		case "last-exclusive":
			to = maxResult
		case "last-inclusive":
			to = maxResult + 1
		case "one-based":
			from, to = max(first-1, 0), max(first-1, 0)+maxResult
		case "capped":
			to = first + min(maxResult, 7)
		case "truncated": // totalRecords promises more than is served
			to = min(to, 30)
		}
		to = min(to, p.total)
		results := []map[string]any{}
		for i := from; i < to; i++ {
			results = append(results, map[string]any{"id": fmt.Sprintf("rec-%05d", i), "cost": float64(i)})
		}
		return httpmock.NewJsonResponse(200, map[string]any{"totalRecords": p.total, "results": results})
	}
}

func TestCallRecordsAllReturnsEveryRecordOnceWhicheverWayMaxResultCounts(t *testing.T) {
	for _, mode := range []string{"count", "last-exclusive", "last-inclusive", "one-based", "capped"} {
		for _, tc := range []struct{ total, size int }{{0, 10}, {1, 10}, {100, 10}, {103, 10}, {57, 1000}, {250, 33}} {
			t.Run(fmt.Sprintf("%s/%d-by-%d", mode, tc.total, tc.size), func(t *testing.T) {
				c, mt := newMockClient(t)
				p := &pagingPlatform{total: tc.total, mode: mode}
				mt.RegisterResponder(http.MethodGet, testBaseURL+"/v2/partition/PART1/account/A1/cdrsearch", p.responder(t))
				var got []string
				for r, err := range c.CallRecords.All(context.Background(), "A1", &CallRecordSearchOptions{
					StartDate: "2026-11-01", EndDate: "2026-11-30", MaxResult: tc.size,
				}) {
					require.NoError(t, err)
					got = append(got, r.ID)
				}
				want := make([]string, tc.total)
				for i := range want {
					want[i] = fmt.Sprintf("rec-%05d", i)
				}
				if tc.total == 0 {
					want = nil
				}
				assert.Equal(t, want, got, "every record exactly once, in order")
			})
		}
	}
}

func TestCallRecordsAllStopsOnInconsistentPages(t *testing.T) {
	c, mt := newMockClient(t)
	p := &pagingPlatform{total: 50, mode: "truncated"}
	mt.RegisterResponder(http.MethodGet, testBaseURL+"/v2/partition/PART1/account/A1/cdrsearch", p.responder(t))
	n := 0
	var last error
	for _, err := range c.CallRecords.All(context.Background(), "A1", &CallRecordSearchOptions{
		StartDate: "2026-11-01", EndDate: "2026-11-30", MaxResult: 20,
	}) {
		if err != nil {
			last = err
			continue
		}
		n++
	}
	assert.Equal(t, 30, n, "the records served, none repeated")
	assert.ErrorIs(t, last, ErrInconsistentPages)
	assert.Contains(t, last.Error(), "totalRecords is 50 but no new record came from index 30")
	assert.Equal(t, 4, p.calls, "pages from 0 and 20, then the page from 30 in both readings")
}

func TestCallRecordsAllStopsWhenTheLoopStops(t *testing.T) {
	c, mt := newMockClient(t)
	p := &pagingPlatform{total: 1000, mode: "count"}
	mt.RegisterResponder(http.MethodGet, testBaseURL+"/v2/partition/PART1/account/A1/cdrsearch", p.responder(t))
	n := 0
	for _, err := range c.CallRecords.All(context.Background(), "A1", &CallRecordSearchOptions{
		StartDate: "2026-11-01", EndDate: "2026-11-30", MaxResult: 10,
	}) {
		require.NoError(t, err)
		n++
		if n == 15 {
			break
		}
	}
	assert.Equal(t, 15, n)
	assert.Equal(t, 2, p.calls, "no page fetched after the loop stopped")
}

func TestCallRecordsAllReportsAFailedPage(t *testing.T) {
	c, mt := newMockClient(t)
	calls := 0
	mt.RegisterResponder(http.MethodGet, testBaseURL+"/v2/partition/PART1/account/A1/cdrsearch", func(r *http.Request) (*http.Response, error) {
		calls++
		if calls == 2 {
			return httpmock.NewJsonResponse(404, map[string]any{"status": 404, "messages": []string{"Account A1 not found"}})
		}
		return (&pagingPlatform{total: 30, mode: "count"}).responder(t)(r)
	})
	n := 0
	var last error
	for _, err := range c.CallRecords.All(context.Background(), "A1", &CallRecordSearchOptions{
		StartDate: "2026-11-01", EndDate: "2026-11-30", MaxResult: 10,
	}) {
		if err != nil {
			last = err
			continue
		}
		n++
	}
	assert.Equal(t, 10, n)
	assert.ErrorIs(t, last, ErrNotFound)
	assert.Contains(t, last.Error(), "from index 10")
	var apiErr *APIError
	assert.True(t, errors.As(last, &apiErr))
}

// csvPlatform answers the CSV export: the job is PENDING when started and
// reports the statuses in order at each poll; the output is csv.
type csvPlatform struct {
	statuses []string
	polls    []time.Duration // when each poll came, from the start
	start    time.Time
	output   string
}

func (p *csvPlatform) register(t *testing.T, mt *httpmock.MockTransport) *capture {
	cp := mockOp(t, mt, "CallRecordsService.CSV", []string{"A1"}, 202, map[string]any{"id": "J1", "name": "cdr export", "status": "PENDING"})
	p.start = time.Now()
	mt.RegisterResponder(http.MethodGet, testBaseURL+"/v2/job/J1", func(r *http.Request) (*http.Response, error) {
		p.polls = append(p.polls, time.Since(p.start))
		job := map[string]any{"id": "J1", "status": p.statuses[0]}
		if p.statuses[0] == "FAILED" {
			job["errors"] = []map[string]any{{"error": "date range too large", "lineNumber": 0}, {"error": "bad row", "lineNumber": 3, "column": "cost", "input": "x"}}
		}
		p.statuses = p.statuses[1:]
		return httpmock.NewJsonResponse(200, job)
	})
	mt.RegisterResponder(http.MethodGet, testBaseURL+"/v2/job/J1/output", func(r *http.Request) (*http.Response, error) {
		resp := httpmock.NewStringResponse(200, p.output)
		resp.Header.Set("Content-Type", "application/octet-stream")
		return resp, nil
	})
	return cp
}

func TestCallRecordsCSVWaitsForTheJobAndStreamsItsOutput(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, mt := newMockClient(t)
		p := &csvPlatform{statuses: []string{"PENDING", "IN_PROGRESS", "IN_PROGRESS", "IN_PROGRESS", "IN_PROGRESS", "IN_PROGRESS", "DONE"}, output: "id,cost\nr1,0.1\nr2,0\n"}
		cp := p.register(t, mt)
		var out strings.Builder
		n, err := c.CallRecords.CSV(context.Background(), "A1", &CallRecordSearchOptions{StartDate: "2026-11-01", EndDate: "2026-11-30", CallTypes: []CallType{CallTypeOutbound}}, &out, nil)
		require.NoError(t, err)
		assert.Equal(t, p.output, out.String())
		assert.EqualValues(t, len(p.output), n)
		assert.Equal(t, "OUTBOUND", cp.Query().Get("callType"))
		assert.Equal(t, []time.Duration{0, 1 * time.Second, 3 * time.Second, 7 * time.Second, 15 * time.Second, 30 * time.Second, 45 * time.Second},
			p.polls, "Jobs.Wait: a poll at once, then after 1s, doubling intervals capped at 15s")
	})
}

func TestCallRecordsCSVReportsAFailedJob(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, mt := newMockClient(t)
		p := &csvPlatform{statuses: []string{"IN_PROGRESS", "FAILED"}}
		p.register(t, mt)
		var out strings.Builder
		n, err := c.CallRecords.CSV(context.Background(), "A1", &CallRecordSearchOptions{StartDate: "2026-11-01", EndDate: "2026-11-30"}, &out, nil)
		require.ErrorIs(t, err, ErrJobFailed)
		assert.Contains(t, err.Error(), `job J1 failed; date range too large; line 3, column cost: bad row (input "x")`)
		assert.Zero(t, n)
		assert.Empty(t, out.String())
		assert.Zero(t, mt.GetCallCountInfo()["GET "+testBaseURL+"/v2/job/J1/output"], "no output fetched")
	})
}

func TestCallRecordsCSVStopsWaitingWhenCtxEnds(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, mt := newMockClient(t)
		p := &csvPlatform{statuses: []string{"IN_PROGRESS", "IN_PROGRESS", "IN_PROGRESS"}}
		p.register(t, mt)
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		start := time.Now()
		_, err := c.CallRecords.CSV(ctx, "A1", &CallRecordSearchOptions{StartDate: "2026-11-01", EndDate: "2026-11-30"}, io.Discard, nil)
		require.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Equal(t, 5*time.Second, time.Since(start), "the wait ends with ctx, not at the next poll (7s)")
		assert.Len(t, p.polls, 3, "polls at 0s, 1s and 3s; the next (7s) never happens")
	})
}

func TestCallRecordsCSVValidatesBeforeSending(t *testing.T) {
	c, mt := newMockClient(t)
	_, err := c.CallRecords.CSV(context.Background(), "..", &CallRecordSearchOptions{StartDate: "2026-11-01"}, nil, nil)
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	var fields []string
	for _, fe := range ve.Errors {
		fields = append(fields, fe.Field)
	}
	assert.Equal(t, []string{"accountId", "endDate", "w"}, fields)
	assert.Zero(t, mt.GetTotalCallCount())
}
