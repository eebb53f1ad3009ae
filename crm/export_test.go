package crm

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMonthlyPeriod(t *testing.T) {
	for _, tc := range []struct {
		year       int
		month      time.Month
		day        int
		start, end string
	}{
		{2026, time.November, 1, "2026-11-01", "2026-11-30"},
		{2026, time.February, 1, "2026-02-01", "2026-02-28"},
		{2026, time.November, 15, "2026-11-15", "2026-12-14"},
		{2026, time.December, 10, "2026-12-10", "2027-01-09"},
		{2026, time.November, 28, "2026-11-28", "2026-12-27"},
		{2026, time.November, 31, "2026-11-28", "2026-12-27"}, // 29-31 bill on 28, as provisioning maps them
	} {
		p, err := MonthlyPeriod(tc.year, tc.month, tc.day)
		require.NoError(t, err)
		assert.Equal(t, BillingPeriod{StartDate: tc.start, EndDate: tc.end}, p, "%d-%02d day %d", tc.year, tc.month, tc.day)
	}
	for _, d := range []int{0, 32, -1} {
		_, err := MonthlyPeriod(2026, time.November, d)
		assert.ErrorIs(t, err, alianza.ErrValidation, "day %d", d)
	}
	_, err := MonthlyPeriod(2026, 13, 1)
	assert.ErrorIs(t, err, alianza.ErrValidation)
}

// exportFixture is a fake partition of n accounts with one number each,
// every day of each holding perDay call records, in this process or, with
// remote, in a child process.
func exportFixture(t *testing.T, n, perDay int, hc *http.Client, remote bool) (*Client, []string) {
	t.Helper()
	opts := []alianza.Option{}
	if hc != nil {
		opts = append(opts, alianza.WithHTTPClient(hc))
	}
	var api *alianza.Client
	if remote {
		api = startFakeProcess(t, perDay, opts...)
	} else {
		srv := alianzatest.NewServer(t, alianzatest.WithCallRecords(42, perDay))
		var err error
		api, err = srv.NewClient(opts...)
		require.NoError(t, err)
	}
	ctx := context.Background()
	inventory, err := api.TelephoneNumbers.ListInventory(ctx)
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(inventory), n)
	ids := make([]string, n)
	for i := range n {
		a, err := api.Accounts.Create(ctx, &alianza.CreateAccountRequest{
			AccountNumber: fmt.Sprintf("EXP-%03d", i), AccountName: "Export", BillingCycleDay: 1, AccountType: alianza.AccountTypeSimple,
			TimeZone: alianza.TimeZoneUSMountain, DialingBehaviorType: alianza.DialingBehaviorTypeTenDigit,
		})
		require.NoError(t, err)
		_, err = api.TelephoneNumbers.AddToAccount(ctx, a.ID, alianza.NewAddTelephoneNumbersRequest(alianza.CustomerServiceRecord{
			CustomerType: alianza.CustomerTypeResidential, FirstName: "Pat", LastName: "Doe", StreetNumber: "333", StreetName: "520",
			City: "Lindon", State: "UT", PostalCode: "84042", Country: "USA",
		}, inventory[i].PhoneNumber))
		require.NoError(t, err)
		ids[i] = a.ID
	}
	c, err := New(api)
	require.NoError(t, err)
	return c, ids
}

// lineCounter counts the lines written to it, keeping only the first.
type lineCounter struct {
	lines int
	first []byte
}

func (l *lineCounter) Write(p []byte) (int, error) {
	if l.lines == 0 {
		if i := bytes.IndexByte(p, '\n'); i >= 0 {
			l.first = append(l.first, p[:i]...)
		} else {
			l.first = append(l.first, p...)
		}
	}
	l.lines += bytes.Count(p, []byte{'\n'})
	return len(p), nil
}

// heapSampler records the peak of the live heap (HeapAlloc) while it runs.
type heapSampler struct {
	stop chan struct{}
	done chan uint64
}

func sampleHeap() *heapSampler {
	runtime.GC()
	h := &heapSampler{stop: make(chan struct{}), done: make(chan uint64)}
	go func() {
		var peak uint64
		var ms runtime.MemStats
		tick := time.NewTicker(2 * time.Millisecond)
		defer tick.Stop()
		for {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
			select {
			case <-h.stop:
				h.done <- peak
				return
			case <-tick.C:
			}
		}
	}()
	return h
}

func (h *heapSampler) Peak() uint64 { close(h.stop); return <-h.done }

func TestExportHundredThousandRecordsInConstantMemory(t *testing.T) {
	const accounts, perDay, days = 50, 100, 20 // 50 x 100 x 20 = 100,000 records
	// The fake runs in a child process: the heap sampled is the export's.
	c, _ := exportFixture(t, accounts, perDay, nil, true)
	out := &lineCounter{}
	progress := 0
	h := sampleHeap()
	res, err := c.ExportCallRecords(context.Background(), out, ExportOptions{
		Period:   BillingPeriod{StartDate: "2026-11-01", EndDate: "2026-11-20"},
		TempDir:  t.TempDir(),
		Progress: func(ExportProgress) { progress++ },
	})
	peak := h.Peak()
	require.NoError(t, err)
	t.Logf("peak heap %.1f MiB exporting %d records of %d accounts", float64(peak)/(1<<20), res.Records, res.Accounts)
	assert.EqualValues(t, accounts*perDay*days, res.Records)
	assert.Equal(t, accounts, res.Accounts)
	assert.Equal(t, accounts, progress)
	assert.Equal(t, 1+accounts*perDay*days, out.lines, "a header and one line per record")
	assert.Equal(t, strings.Join(CallRecordCSVHeader, ","), string(out.first))
	assert.Less(t, peak, uint64(32<<20), "peak heap under 32 MiB")
	assert.Len(t, res.Checkpoint.Done, accounts)
}

// failAccount answers 400 to the call record searches of one account
// while armed.
type failAccount struct {
	mu    sync.Mutex
	id    string
	armed bool
	next  http.RoundTripper
}

func (f *failAccount) RoundTrip(r *http.Request) (*http.Response, error) {
	f.mu.Lock()
	fail := f.armed && strings.Contains(r.URL.Path, "/account/"+f.id+"/cdrsearch")
	f.mu.Unlock()
	if fail {
		body := `{"status":400,"messages":["cdr store unavailable for this account"]}`
		return &http.Response{StatusCode: 400, Header: http.Header{"Content-Type": {"application/json"}}, Body: io.NopCloser(strings.NewReader(body)), Request: r}, nil
	}
	return f.next.RoundTrip(r)
}

func TestExportResumesWithoutRepeatingOrLosingARecord(t *testing.T) {
	const accounts, perDay, days = 50, 10, 20
	period := BillingPeriod{StartDate: "2026-11-01", EndDate: "2026-11-20"}
	for _, stop := range []string{"account 20 fails", "the run stops after account 20"} {
		t.Run(stop, func(t *testing.T) {
			fail := &failAccount{next: http.DefaultTransport}
			c, ids := exportFixture(t, accounts, perDay, &http.Client{Transport: fail}, false)
			sorted := append([]string(nil), ids...)
			slices.Sort(sorted)
			twentieth := sorted[19]

			var out bytes.Buffer
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var saved ExportCheckpoint // what a caller persists from Progress
			opts := ExportOptions{Period: period, TempDir: t.TempDir(), Progress: func(p ExportProgress) {
				saved = p.Checkpoint
				if stop != "account 20 fails" && p.AccountID == twentieth {
					cancel()
				}
			}}
			if stop == "account 20 fails" {
				fail.id, fail.armed = twentieth, true
			}
			res, err := c.ExportCallRecords(ctx, &out, opts)
			require.Error(t, err)
			if stop == "account 20 fails" {
				assert.ErrorIs(t, err, ErrIncomplete)
				assert.ErrorIs(t, err, alianza.ErrBadRequest)
				require.Len(t, res.Failures, 1)
				assert.Contains(t, res.Failures[0].What, twentieth)
				assert.Len(t, res.Checkpoint.Done, accounts-1, "the others were written")
				assert.NotContains(t, res.Checkpoint.Done, twentieth)
			} else {
				assert.ErrorIs(t, err, context.Canceled)
				assert.Equal(t, sorted[:20], res.Checkpoint.Done, "accounts 1 to 20, in order")
			}
			assert.Equal(t, res.Checkpoint, saved, "the last progress carries the final checkpoint")
			assert.EqualValues(t, out.Len(), saved.Bytes, "whole accounts only")

			// Resume from the persisted checkpoint, JSON round trip
			// included, after truncating the output to it.
			raw, err := json.Marshal(saved)
			require.NoError(t, err)
			var cp ExportCheckpoint
			require.NoError(t, json.Unmarshal(raw, &cp))
			out.Truncate(int(cp.Bytes))
			fail.mu.Lock()
			fail.armed = false
			fail.mu.Unlock()
			opts.Resume, opts.Progress = &cp, nil
			res2, err := c.ExportCallRecords(context.Background(), &out, opts)
			require.NoError(t, err)
			assert.EqualValues(t, accounts*perDay*days, res2.Checkpoint.Records)
			assert.Len(t, res2.Checkpoint.Done, accounts)

			rows, err := csv.NewReader(&out).ReadAll()
			require.NoError(t, err)
			require.Equal(t, CallRecordCSVHeader, rows[0], "one header")
			seen := map[string]int{}
			perAccount := map[string]int{}
			for _, row := range rows[1:] {
				seen[row[0]]++
				perAccount[row[1]]++
			}
			assert.Len(t, rows, 1+accounts*perDay*days, "no record lost or repeated")
			assert.Len(t, seen, accounts*perDay*days, "every record id once")
			for _, id := range ids {
				assert.Equal(t, perDay*days, perAccount[id], "account %s", id)
			}
		})
	}
}

func TestExportJSONLines(t *testing.T) {
	c, ids := exportFixture(t, 2, 3, nil, false)
	var out bytes.Buffer
	res, err := c.ExportCallRecords(context.Background(), &out, ExportOptions{
		Period: BillingPeriod{StartDate: "2026-11-01", EndDate: "2026-11-02"}, Format: ExportJSONLines, PageSize: 4, TempDir: t.TempDir(),
	})
	require.NoError(t, err)
	assert.EqualValues(t, 12, res.Records)
	sc := bufio.NewScanner(&out)
	n := 0
	for sc.Scan() {
		var r alianza.CallRecord
		dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
		dec.DisallowUnknownFields()
		require.NoError(t, dec.Decode(&r))
		assert.Contains(t, ids, r.AccountID)
		assert.NotEmpty(t, r.ID)
		n++
	}
	assert.Equal(t, 12, n, "no header, one object per line")
}

func TestExportRefusesBadOptionsBeforeAnyRequest(t *testing.T) {
	srv, c := newTest(t, nil)
	ctx := context.Background()
	good := BillingPeriod{StartDate: "2026-11-01", EndDate: "2026-11-30"}
	for name, opts := range map[string]ExportOptions{
		"no period":        {},
		"end before start": {Period: BillingPeriod{StartDate: "2026-11-30", EndDate: "2026-11-01"}},
		"format":           {Period: good, Format: "xlsx"},
		"page size":        {Period: good, PageSize: alianza.MaxCallRecordPageSize + 1},
		"resume elsewhere": {Period: good, Resume: &ExportCheckpoint{Period: BillingPeriod{StartDate: "2026-10-01", EndDate: "2026-10-31"}, Format: ExportCSV}},
	} {
		_, err := c.ExportCallRecords(ctx, io.Discard, opts)
		assert.ErrorIs(t, err, alianza.ErrValidation, name)
	}
	_, err := c.ExportCallRecords(ctx, nil, ExportOptions{Period: good})
	assert.ErrorIs(t, err, alianza.ErrValidation)
	assert.Empty(t, srv.Requests(), "nothing sent")
}

func TestCallRecordCSVRow(t *testing.T) {
	r := &alianza.CallRecord{
		ID: "r1", AccountID: "A1", AccountNumber: "ACME-1", PartitionBillingCode: "BC", AccountBillingCycleDay: 15,
		StartTime: time.Date(2026, 11, 3, 15, 4, 5, 250e6, time.UTC), CallType: alianza.CallTypeOutbound,
		CallFlagType: alianza.CallFlagTypeAnswered, OrigNumber: "18015550100", TermNumber: "13035550100",
		ActualCallLengthSeconds: 61, BillCallLengthSeconds: 120, RatePerMinute: 0.025, Cost: 0.05,
		RateType: alianza.CallRateTypeOffPlanRated, CallingPlanProductName: "Metered, 500",
	}
	row := CallRecordCSVRow(r, nil)
	require.Len(t, row, len(CallRecordCSVHeader))
	cell := map[string]string{}
	for i, h := range CallRecordCSVHeader {
		cell[h] = row[i]
	}
	assert.Equal(t, "r1", cell["id"])
	assert.Equal(t, "15", cell["accountBillingCycleDay"])
	assert.Equal(t, "2026-11-03T15:04:05.25Z", cell["startTime"])
	assert.Empty(t, cell["connectTime"], "an unset time is an empty cell")
	assert.Equal(t, "120", cell["billCallLengthSeconds"])
	assert.Equal(t, "0.025", cell["ratePerMinute"])
	assert.Equal(t, "0.05", cell["cost"])
	assert.Equal(t, "false", cell["inPlan"])
	assert.Equal(t, "OffPlanRated", cell["rateType"])

	var b bytes.Buffer
	enc := newRecordEncoder(ExportCSV, &b)
	require.NoError(t, enc(r))
	assert.Contains(t, b.String(), `,"Metered, 500",`, "a comma in a cell is quoted")
	again := CallRecordCSVRow(r, row)
	assert.Equal(t, &row[0], &again[0], "the row's array is reused")
}

func TestExportBoundsTheAccountsInFlight(t *testing.T) {
	counter := &inFlight{next: http.DefaultTransport}
	c, _ := exportFixture(t, 8, 2, &http.Client{Transport: counter}, false)
	res, err := c.ExportCallRecords(context.Background(), io.Discard, ExportOptions{
		Period: BillingPeriod{StartDate: "2026-11-01", EndDate: "2026-11-03"}, Concurrency: 2, PageSize: 1, TempDir: t.TempDir(),
	})
	require.NoError(t, err)
	assert.EqualValues(t, 8*2*3, res.Records)
	assert.LessOrEqual(t, counter.max.Load(), int32(2), "at most 2 accounts fetched at once")
}
