package alianzatest

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/go-alianza/alianza"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// monthOf returns the first and last day of t's month as yyyy-MM-dd.
func monthOf(t time.Time) (string, string) {
	first := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
	return first.Format(alianza.DateLayout), first.AddDate(0, 1, -1).Format(alianza.DateLayout)
}

// clockAt is a fake clock standing at t.
func clockAt(t time.Time) Option { return WithClock(func() time.Time { return t }) }

// novemberEnd is noon on the last day of November 2026: the month's
// records up to the 29th all exist.
var novemberEnd = time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)

func demoClient(t *testing.T, opts ...Option) (*Server, *alianza.Client, string) {
	t.Helper()
	srv := NewServer(t, append([]Option{WithDemoData()}, opts...)...)
	c, err := srv.NewClient()
	require.NoError(t, err)
	a, err := c.Accounts.GetByNumber(context.Background(), DemoAccountNumber)
	require.NoError(t, err)
	return srv, c, a.ID
}

func TestCallRecordsOfTheDemoAccount(t *testing.T) {
	srv, c, id := demoClient(t, clockAt(novemberEnd))
	ctx := context.Background()
	from, to := monthOf(srv.Now())
	page, err := c.CallRecords.Search(ctx, id, &alianza.CallRecordSearchOptions{StartDate: from, EndDate: to})
	require.NoError(t, err)
	assert.GreaterOrEqual(t, page.TotalRecords, int64(2500), "the demo account has at least 2,500 records this month")
	assert.Len(t, page.Results, 20, "maxResult defaults to 20")

	numbers, err := c.TelephoneNumbers.List(ctx, id, nil)
	require.NoError(t, err)
	ours := map[string]bool{}
	for _, n := range numbers {
		ours[n.PhoneNumber] = true
	}
	var prev time.Time
	for _, r := range page.Results {
		assert.True(t, ours[r.AccountBillableNumber], "a record is for one of the account's numbers")
		assert.Equal(t, id, r.AccountID)
		assert.Equal(t, DemoAccountNumber, r.AccountNumber)
		assert.False(t, r.StartTime.Before(prev), "start-time order")
		prev = r.StartTime
		assert.Equal(t, (r.ActualCallLengthSeconds+59)/60*60, r.BillCallLengthSeconds)
		if r.RateType == alianza.CallRateTypeOffPlanRated {
			assert.InDelta(t, float64(r.BillCallLengthSeconds)/60*r.RatePerMinute, r.Cost, 0.0001)
		}
	}
}

func TestCallRecordsAreDeterministicFromTheSeed(t *testing.T) {
	search := func(opts ...Option) *alianza.CallRecordPage {
		// December 2: every November record exists.
		_, c, id := demoClient(t, append([]Option{clockAt(time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC))}, opts...)...)
		page, err := c.CallRecords.Search(context.Background(), id, &alianza.CallRecordSearchOptions{StartDate: "2026-11-01", EndDate: "2026-11-30", FirstResultIndex: 1000, MaxResult: 5})
		require.NoError(t, err)
		for i := range page.Results {
			// Ids are drawn at random by the fake; the records come
			// from the seed and the account number.
			assert.Equal(t, id, page.Results[i].AccountID)
			page.Results[i].AccountID, page.Results[i].AcctID, page.Results[i].ReferenceID = "", "", ""
		}
		return page
	}
	a := search()
	require.Len(t, a.Results, 5)
	assert.EqualValues(t, 30*DemoCallsPerDay, a.TotalRecords)
	assert.Equal(t, "2026-11-12", a.Results[0].StartTime.Format(alianza.DateLayout), "record 1000 at 90 a day is on day 12")
	assert.Equal(t, a, search(), "another server with the same seed has the same records")
	b := search(WithCallRecords(7, 3))
	assert.EqualValues(t, 30*DemoCallsPerDay, b.TotalRecords, "the demo account keeps its rate whatever the option")
	assert.NotEqual(t, a.Results, b.Results, "another seed draws other records")
}

func TestCallRecordsPageAndFilter(t *testing.T) {
	_, c, id := demoClient(t)
	ctx := context.Background()
	opts := &alianza.CallRecordSearchOptions{StartDate: "2026-02-01", EndDate: "2026-02-28", MaxResult: 1000}
	var all []alianza.CallRecord
	for r, err := range c.CallRecords.All(ctx, id, opts) {
		require.NoError(t, err)
		all = append(all, r)
	}
	require.Len(t, all, 28*DemoCallsPerDay)
	ids := map[string]bool{}
	for _, r := range all {
		ids[r.ID] = true
	}
	assert.Len(t, ids, len(all), "ids are unique")

	page, err := c.CallRecords.Search(ctx, id, &alianza.CallRecordSearchOptions{StartDate: "2026-02-01", EndDate: "2026-02-28", FirstResultIndex: 17, MaxResult: 3})
	require.NoError(t, err)
	assert.Equal(t, all[17:20], page.Results, "firstResultIndex is an offset and maxResult a count")

	inbound := 0
	for _, r := range all {
		if r.CallType == alianza.CallTypeInbound {
			inbound++
		}
	}
	page, err = c.CallRecords.Search(ctx, id, &alianza.CallRecordSearchOptions{StartDate: "2026-02-01", EndDate: "2026-02-28", CallTypes: []alianza.CallType{alianza.CallTypeInbound}})
	require.NoError(t, err)
	assert.EqualValues(t, inbound, page.TotalRecords)

	page, err = c.CallRecords.Search(ctx, id, &alianza.CallRecordSearchOptions{StartDate: "2026-02-01", EndDate: "2026-02-01", Sort: alianza.CallRecordSortCost, SortOrder: alianza.CallRecordSortOrderDescending, MaxResult: 90})
	require.NoError(t, err)
	require.Len(t, page.Results, DemoCallsPerDay)
	for i := 1; i < len(page.Results); i++ {
		assert.GreaterOrEqual(t, page.Results[i-1].Cost, page.Results[i].Cost)
	}

	page, err = c.CallRecords.Search(ctx, id, &alianza.CallRecordSearchOptions{StartDate: "2026-02-01", EndDate: "2026-02-28", Sort: alianza.CallRecordSortDate, SortOrder: alianza.CallRecordSortOrderDescending, MaxResult: 1})
	require.NoError(t, err)
	assert.Equal(t, all[len(all)-1], page.Results[0])
}

func TestCallRecordsRefusalsFaultsAndTokens(t *testing.T) {
	srv, c, id := demoClient(t)
	ctx := context.Background()
	a := newAPI(t, srv)
	a.login()
	base := a.acct(id) + "/cdrsearch"
	for _, q := range []string{"?startDate=2026-11-31&endDate=2026-12-01", "?startDate=2026-11-02&endDate=2026-11-01", "?startDate=2026-11-01&endDate=2026-11-02&maxResult=-1"} {
		srv.ResetViolations()
		r := a.do(http.MethodGet, base+q, nil)
		assert.Equal(t, http.StatusBadRequest, r.status, q)
	}
	srv.ResetViolations()
	assert.Equal(t, http.StatusNotFound, a.do(http.MethodGet, a.acct("nope")+"/cdrsearch?startDate=2026-11-01&endDate=2026-11-01", nil).status)

	method, route, ok := srv.RouteOf("cdrSearch")
	require.True(t, ok)
	before := srv.Calls(method + " " + route)
	require.NoError(t, srv.FailNext(method, route, 1, http.StatusServiceUnavailable, nil))
	opts := &alianza.CallRecordSearchOptions{StartDate: "2026-11-01", EndDate: "2026-11-01"}
	_, err := c.CallRecords.Search(ctx, id, opts)
	require.NoError(t, err, "the SDK retries a 503")
	assert.Equal(t, before+2, srv.Calls(method+" "+route))

	srv.ExpireTokens()
	_, err = c.CallRecords.Search(ctx, id, opts)
	require.NoError(t, err, "the SDK logs in again after the token expired")

	// An account without numbers has no calls.
	acct, err := c.Accounts.Create(ctx, &alianza.CreateAccountRequest{AccountNumber: "EMPTY-1", AccountName: "Empty", BillingCycleDay: 1, TimeZone: alianza.TimeZoneUSMountain,
		AccountType: alianza.AccountTypeSimple, DialingBehaviorType: alianza.DialingBehaviorTypeOpenDialPlanTenDigit,
	})
	require.NoError(t, err)
	page, err := c.CallRecords.Search(ctx, acct.ID, opts)
	require.NoError(t, err)
	assert.Zero(t, page.TotalRecords)
	assert.Empty(t, page.Results)
}

// TestCallRecordsNeverInTheFuture: with the clock at noon on November 30,
// 2026, the search finds nothing after it, part of the day, and every
// record before; the clock moving on brings the rest of the day.
func TestCallRecordsNeverInTheFuture(t *testing.T) {
	srv, c, id := demoClient(t, clockAt(novemberEnd))
	ctx := context.Background()
	search := func(from, to string, o alianza.CallRecordSearchOptions) *alianza.CallRecordPage {
		t.Helper()
		o.StartDate, o.EndDate = from, to
		page, err := c.CallRecords.Search(ctx, id, &o)
		require.NoError(t, err)
		return page
	}
	for _, r := range [][2]string{{"2027-06-01", "2027-06-30"}, {"2026-12-01", "2026-12-02"}} {
		page := search(r[0], r[1], alianza.CallRecordSearchOptions{})
		assert.Zero(t, page.TotalRecords, r)
		assert.Empty(t, page.Results, r)
		page = search(r[0], r[1], alianza.CallRecordSearchOptions{CallTypes: []alianza.CallType{alianza.CallTypeInbound}})
		assert.Zero(t, page.TotalRecords, "filtered %v", r)
	}
	assert.EqualValues(t, DemoCallsPerDay, search("2020-01-01", "2020-01-01", alianza.CallRecordSearchOptions{}).TotalRecords,
		"the fake does not model when an account was created: past days have their calls")

	// Today: the calls that ended by noon, about half of them.
	var today []alianza.CallRecord
	for r, err := range c.CallRecords.All(ctx, id, &alianza.CallRecordSearchOptions{StartDate: "2026-11-30", EndDate: "2026-11-30", MaxResult: 7}) {
		require.NoError(t, err)
		today = append(today, r)
	}
	assert.Greater(t, len(today), DemoCallsPerDay/4)
	assert.Less(t, len(today), DemoCallsPerDay*3/4)
	for _, r := range today {
		assert.False(t, r.CreatedDate.After(novemberEnd), "%s created after the clock", r.ID)
	}

	// The month, ascending and descending, filtered or not, ends at the clock.
	month := search("2026-11-01", "2026-12-31", alianza.CallRecordSearchOptions{MaxResult: 1})
	assert.EqualValues(t, 29*DemoCallsPerDay+len(today), month.TotalRecords)
	last := search("2026-11-01", "2026-12-31", alianza.CallRecordSearchOptions{MaxResult: 1, SortOrder: alianza.CallRecordSortOrderDescending})
	require.Len(t, last.Results, 1)
	assert.Equal(t, today[len(today)-1], last.Results[0], "DESC starts with the latest record that exists")
	page := search("2026-11-01", "2026-12-31", alianza.CallRecordSearchOptions{FirstResultIndex: 29*DemoCallsPerDay + 2, MaxResult: 3})
	assert.Equal(t, today[2:5], page.Results, "paging into today skips the records not created yet")
	costly := search("2026-11-30", "2027-01-31", alianza.CallRecordSearchOptions{Sort: alianza.CallRecordSortCost, MaxResult: 1000})
	assert.ElementsMatch(t, today, costly.Results)

	srv.Advance(13 * time.Hour)
	assert.EqualValues(t, DemoCallsPerDay, search("2026-11-30", "2026-11-30", alianza.CallRecordSearchOptions{}).TotalRecords,
		"once the day is over, all its records exist")
}
