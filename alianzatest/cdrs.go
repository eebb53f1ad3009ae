package alianzatest

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"encoding/csv"
	"fmt"
	"hash/fnv"
	"math"
	"slices"
	"strconv"
	"time"
)

// Call detail records are not stored: record k of an account's day is
// computed from the seed, the account number, the date and k, so a search
// over any number of records costs the memory of one page and the same
// search always returns the same records. Every day of every account that
// holds at least one number has the same number of calls (DemoCallsPerDay
// for the demo account, WithCallRecords' perDay for the others), spread
// over the day in start-time order, placed and answered from the account's
// numbers. Dates are UTC days. No record is in the future: a call's record
// exists once the call has ended and the record was created (its
// createdDate) at or before the fake's clock (Server.Now), so a search
// over days to come finds none and today's records grow as the clock
// moves on.

// DefaultCallsPerDay is the number of call records a day of an account
// with numbers has, unless WithCallRecords says otherwise.
const DefaultCallsPerDay = 5

// DemoCallsPerDay is the number of call records a day of the demo account
// (WithDemoData) has: at least 2,520 in any calendar month.
const DemoCallsPerDay = 90

// DefaultCallRecordSeed is the seed the call records are drawn from unless
// WithCallRecords says otherwise.
const DefaultCallRecordSeed = 1

// WithCallRecords sets the seed the fake draws its call records from and
// the number of records each day of an account with numbers has (0 for
// none). The demo account keeps DemoCallsPerDay.
func WithCallRecords(seed uint64, perDay int) Option {
	return func(c *config) { c.cdrSeed, c.cdrPerDay = seed, max(perDay, 0) }
}

// cdrPageDefault is cdrSearch's maxResult default.
const cdrPageDefault = 20

// cdrDayLimit bounds a search's range, so that a typo in a year does not
// make the fake walk centuries of days.
const cdrDayLimit = 400

// cdrRecord is the CallDetailRecord the fake serves.
type cdrRecord struct {
	ID                      string  `json:"id"`
	PartitionID             string  `json:"partitionId"`
	StartTime               string  `json:"startTime"`
	ConnectTime             string  `json:"connectTime,omitempty"`
	EndTime                 string  `json:"endTime"`
	CreatedDate             string  `json:"createdDate"`
	ActualCallLengthSeconds int64   `json:"actualCallLengthSeconds"`
	BillCallLengthSeconds   int64   `json:"billCallLengthSeconds"`
	RatePerMinute           float64 `json:"ratePerMinute"`
	Cost                    float64 `json:"cost"`
	InPlan                  bool    `json:"inPlan"`
	DialedNumber            string  `json:"dialedNumber"`
	OrigNumber              string  `json:"origNumber"`
	OrigCallCategory        string  `json:"origCallCategory"`
	TermNumber              string  `json:"termNumber"`
	TermCallCategory        string  `json:"termCallCategory"`
	LegType                 string  `json:"legType"`
	CallType                string  `json:"callType"`
	CallFlagType            string  `json:"callFlagType"`
	DisconnectType          string  `json:"disconnectType"`
	RateType                string  `json:"rateType"`
	ServiceType             string  `json:"serviceType"`
	Local                   bool    `json:"local"`
	AccountBillableNumber   string  `json:"accountBillableNumber"`
	ReferenceID             string  `json:"referenceId,omitempty"`
	ReferenceType           string  `json:"referenceType,omitempty"`
	AcctID                  string  `json:"acctId"`
	AccountID               string  `json:"accountId"`
	AccountNumber           string  `json:"accountNumber,omitempty"`
	AccountBillingCycleDay  int     `json:"accountBillingCycleDay,omitempty"`
	AccountTimeZone         string  `json:"accountTimeZone,omitempty"`
	CallingPlanProductID    string  `json:"callingPlanProductId,omitempty"`
	CallingPlanProductName  string  `json:"callingPlanProductName,omitempty"`
	PartitionBillingCode    string  `json:"partitionBillingCode"`

	created time.Time // CreatedDate
}

// cdrPartitionBillingCode is the billing code of the fake's partition.
const cdrPartitionBillingCode = "FAKE-BILLING-01"

// cdrOtherParties are the area codes the other end of a call is drawn from.
var cdrOtherParties = []string{"801", "385", "303", "602", "713", "312", "212", "206", "305", "415"}

// cdrSource is what the records of one account are computed from.
type cdrSource struct {
	seed      uint64
	partition string
	account   obj
	numbers   []obj // sorted by phone number
	perDay    int
	product   obj // the account's calling plan product, or nil
	now       time.Time
}

// cdrSourceLocked gathers an account's record source. s.mu is held.
func (s *Server) cdrSourceLocked(a obj) *cdrSource {
	src := &cdrSource{seed: s.cfg.cdrSeed, partition: str(a, "partitionId"), account: a, perDay: s.cfg.cdrPerDay, now: s.nowLocked()}
	if str(a, "accountNumber") == DemoAccountNumber {
		src.perDay = DemoCallsPerDay
	}
	src.numbers = s.st.numbers.list(func(n obj) bool { return str(n, "accountId") == str(a, "id") })
	slices.SortFunc(src.numbers, func(x, y obj) int { return cmp.Compare(str(x, "phoneNumber"), str(y, "phoneNumber")) })
	if len(src.numbers) == 0 {
		src.perDay = 0
	}
	for _, p := range s.st.plans.list(func(p obj) bool { return str(p, "accountId") == str(a, "id") }) {
		if prod, ok := s.st.products.get(str(p, "callingPlanProductId")); ok {
			src.product = prod
			break
		}
	}
	if src.product == nil {
		for _, prod := range s.st.products.list(func(p obj) bool { return boolean(p, "defaultPlan") }) {
			src.product = prod
			break
		}
	}
	return src
}

// key is what an account's records are drawn from besides the seed: its
// account number, which a test or demo sets (unlike the random id), or the
// id when it has none.
func (src *cdrSource) key() string {
	if n := str(src.account, "accountNumber"); n != "" {
		return n
	}
	return str(src.account, "id")
}

// draw returns the random bits of record k of day.
func (src *cdrSource) draw(day time.Time, k int) uint64 {
	h := fnv.New64a()
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], src.seed)
	_, _ = h.Write(b[:])
	_, _ = h.Write([]byte(src.key()))
	binary.LittleEndian.PutUint64(b[:], uint64(day.Unix())) //nolint:gosec // days after 1970
	_, _ = h.Write(b[:])
	binary.LittleEndian.PutUint64(b[:], uint64(k)) //nolint:gosec // k >= 0
	_, _ = h.Write(b[:])
	return splitmix(h.Sum64())
}

// splitmix scrambles x (SplitMix64's finaliser).
func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// record computes record k (0 <= k < perDay) of day.
func (src *cdrSource) record(day time.Time, k int) cdrRecord {
	r := src.draw(day, k)
	next := func(n uint64) uint64 { // a value in [0, n), and fresh bits for the next
		v := r % n
		r = splitmix(r)
		return v
	}
	id := src.draw(day, k) ^ 0x5bd1e995
	id2 := splitmix(id)
	uuid := fmt.Sprintf("%08x-%04x-4%03x-%04x-%012x", uint32(id>>32), uint16(id>>16), uint16(id)&0xfff,
		uint16(id2>>48)&0x3fff|0x8000, id2&0xffffffffffff)

	slot := 86400 / src.perDay
	start := day.Add(time.Duration(k*slot+int(next(uint64(max(slot, 1)))))*time.Second + time.Duration(next(1000))*time.Millisecond)
	n := src.numbers[next(uint64(len(src.numbers)))]
	ours := str(n, "phoneNumber")
	other := "1" + cdrOtherParties[next(uint64(len(cdrOtherParties)))] + fmt.Sprintf("%07d", 2000000+next(7999999))
	inbound := next(100) < 45
	answered := next(100) < 85
	length := int64(0)
	if answered {
		length = int64(5 + next(1795))
	}
	billed := (length + 59) / 60 * 60
	rec := cdrRecord{
		ID: uuid, PartitionID: src.partition,
		StartTime: timestamp(start),
		LegType:   "Origination", ServiceType: "INTERSTATE",
		AccountBillableNumber: ours, AcctID: str(src.account, "id"), AccountID: str(src.account, "id"),
		AccountNumber: str(src.account, "accountNumber"), AccountTimeZone: str(src.account, "timeZone"),
		ReferenceID: str(n, "referenceId"), ReferenceType: str(n, "referenceType"),
		PartitionBillingCode:    cdrPartitionBillingCode,
		ActualCallLengthSeconds: length, BillCallLengthSeconds: billed,
		OrigCallCategory: "OffNet", TermCallCategory: "OnNet",
	}
	switch rec.ReferenceType {
	case "SIP_TRUNK", "END_USER", "ACCOUNT", "SPECIALTY_LINE":
	default:
		// A call record names a trunk, a user, a specialty line or
		// the account: a number routed elsewhere (a business line)
		// bills to the account.
		rec.ReferenceType, rec.ReferenceID = "ACCOUNT", str(src.account, "id")
	}
	if d, ok := integer(src.account, "billingCycleDay"); ok {
		rec.AccountBillingCycleDay = d
	}
	if src.product != nil {
		rec.CallingPlanProductID, rec.CallingPlanProductName = str(src.product, "id"), str(src.product, "name")
	}
	end := start.Add(25 * time.Second)
	if answered {
		end = start.Add(time.Duration(length+3) * time.Second)
		rec.ConnectTime = timestamp(start.Add(3 * time.Second))
		rec.CallFlagType, rec.DisconnectType = "ANSWERED", "HangUp"
	}
	rec.created = end.Add(2 * time.Second)
	rec.EndTime, rec.CreatedDate = timestamp(end), timestamp(rec.created)
	if !answered {
		rec.CallFlagType, rec.DisconnectType = "MISSED", "NoAnswer"
		if !inbound {
			rec.CallFlagType, rec.DisconnectType = "BUSY", "Busy"
		}
	}
	if inbound {
		rec.CallType, rec.OrigNumber, rec.TermNumber, rec.DialedNumber = "INBOUND", other, ours, ours
		rec.RateType = "Free"
	} else {
		rec.CallType, rec.OrigNumber, rec.TermNumber, rec.DialedNumber = "OUTBOUND", ours, other, other
		rec.OrigCallCategory, rec.TermCallCategory = "OnNet", "OffNet"
		rec.Local = other[1:4] == ours[1:4]
		switch {
		case rec.Local:
			rec.RateType, rec.ServiceType = "Local", "INTRASTATE"
		case next(100) < 70:
			rec.RateType, rec.InPlan = "OnPlanMinutes", true
		default:
			rec.RateType, rec.RatePerMinute = "OffPlanRated", 0.025
			rec.Cost = math.Round(float64(billed)/60*rec.RatePerMinute*10000) / 10000
		}
	}
	if rec.RateType == "Free" || rec.RateType == "Local" {
		rec.InPlan = true
	}
	return rec
}

// cdrLatest bounds how long after its day's midnight a record's call ends
// and the record is created: a call starts before the next midnight and
// lasts at most half an hour.
const cdrLatest = 25 * time.Hour

// existing returns the records of day that exist at src.now: all (when
// all is true), or those numbered ks, in start-time order.
func (src *cdrSource) existing(day time.Time) (all bool, ks []int) {
	switch {
	case !day.Add(cdrLatest).After(src.now):
		return true, nil
	case !day.Before(src.now):
		return false, nil
	}
	for k := range src.perDay {
		if src.record(day, k).exists(src.now) {
			ks = append(ks, k)
		}
	}
	return false, ks
}

// exists reports whether r exists at now: its record created by then.
func (r cdrRecord) exists(now time.Time) bool { return !r.created.After(now) }

// cdrQuery is a parsed cdrSearch query.
type cdrQuery struct {
	start, end  time.Time
	first, size int
	sort, order string
	callType    map[string]bool
	category    map[string]bool
	flag        map[string]bool
	dialed      string
	orig, term  string
	minCost     float64
	hasMinCost  bool
}

// filtered reports whether the query narrows the records: then they are
// computed and filtered in full before paging.
func (q *cdrQuery) filtered() bool {
	return len(q.callType)+len(q.category)+len(q.flag) > 0 || q.dialed != "" || q.orig != "" || q.term != "" || q.hasMinCost
}

func (q *cdrQuery) keep(r *cdrRecord) bool {
	return (len(q.callType) == 0 || q.callType[r.CallType]) &&
		(len(q.category) == 0 || q.category[r.OrigCallCategory] || q.category[r.TermCallCategory]) &&
		(len(q.flag) == 0 || q.flag[r.CallFlagType]) &&
		(q.dialed == "" || q.dialed == r.DialedNumber) &&
		(q.orig == "" || q.orig == r.OrigNumber) &&
		(q.term == "" || q.term == r.TermNumber) &&
		(!q.hasMinCost || r.Cost >= q.minCost)
}

func set(vals []string) map[string]bool {
	if len(vals) == 0 {
		return nil
	}
	m := make(map[string]bool, len(vals))
	for _, v := range vals {
		m[v] = true
	}
	return m
}

// parseCDRQuery reads the query of c, or returns the 400 to send.
func parseCDRQuery(c *call) (*cdrQuery, *reply) {
	bad := func(format string, args ...any) (*cdrQuery, *reply) {
		r := c.badRequest(format, args...)
		return nil, &r
	}
	q := &cdrQuery{
		size: cdrPageDefault, sort: c.query.Get("sort"), order: c.query.Get("sortOrder"),
		callType: set(c.query["callType"]), category: set(c.query["callCategory"]), flag: set(c.query["callFlagType"]),
		dialed: c.query.Get("dialedNumber"), orig: c.query.Get("origNumber"), term: c.query.Get("termNumber"),
	}
	var err error
	for _, d := range []struct {
		name string
		t    *time.Time
	}{{"startDate", &q.start}, {"endDate", &q.end}} {
		if *d.t, err = time.Parse("2006-01-02", c.query.Get(d.name)); err != nil {
			return bad("%s must be a date in the format yyyy-MM-dd", d.name)
		}
	}
	if q.end.Before(q.start) {
		return bad("endDate must not be before startDate")
	}
	if q.end.Sub(q.start) > cdrDayLimit*24*time.Hour {
		return bad("the search may span at most %d days", cdrDayLimit)
	}
	for _, p := range []struct {
		name string
		v    *int
	}{{"firstResultIndex", &q.first}, {"maxResult", &q.size}} {
		if s := c.query.Get(p.name); s != "" {
			if *p.v, err = strconv.Atoi(s); err != nil || *p.v < 0 {
				return bad("%s must be a non-negative integer", p.name)
			}
		}
	}
	if s := c.query.Get("minCost"); s != "" {
		if q.minCost, err = strconv.ParseFloat(s, 64); err != nil {
			return bad("minCost must be a number")
		}
		q.hasMinCost = true
	}
	return q, nil
}

// cdrSearch: GET {A}/cdrsearch. firstResultIndex is the zero-based index of
// the first record of the page and maxResult the number of records on it
// (default 20); totalRecords counts every record the search matches.
// Records come in start-time order unless sort says otherwise (DATE, COST
// or CALL_LENGTH, ascending unless sortOrder is DESC; equal keys in
// start-time order, reversed with DESC).
func cdrSearch(c *call) reply {
	a, r := c.account()
	if r != nil {
		return *r
	}
	q, bad := parseCDRQuery(c)
	if bad != nil {
		return *bad
	}
	src := c.s.cdrSourceLocked(a)
	days := int(q.end.Sub(q.start)/(24*time.Hour)) + 1
	results := []cdrRecord{}
	if !q.filtered() && (q.sort == "" || q.sort == "DATE") {
		// Computed by position: record i of the search is found by
		// counting the records of each day (from the end for DESC).
		counts, kss := make([]int, days), make([][]int, days)
		total := 0
		for d := range days {
			all, ks := src.existing(q.start.AddDate(0, 0, d))
			counts[d], kss[d] = len(ks), ks
			if all {
				counts[d] = src.perDay
			}
			total += counts[d]
		}
		for i := q.first; i < total && i < q.first+q.size; i++ {
			j := i
			if q.order == "DESC" {
				j = total - 1 - i
			}
			d := 0
			for ; j >= counts[d]; d++ {
				j -= counts[d]
			}
			k := j
			if kss[d] != nil {
				k = kss[d][j]
			}
			results = append(results, src.record(q.start.AddDate(0, 0, d), k))
		}
		return ok(obj{"totalRecords": total, "results": results})
	}
	var all []cdrRecord
	for d := range days {
		day := q.start.AddDate(0, 0, d)
		for k := range src.perDay {
			if rec := src.record(day, k); rec.exists(src.now) && q.keep(&rec) {
				all = append(all, rec)
			}
		}
	}
	key := func(r *cdrRecord) float64 {
		switch q.sort {
		case "COST":
			return r.Cost
		case "CALL_LENGTH":
			return float64(r.ActualCallLengthSeconds)
		}
		return 0 // DATE: all is in start-time order already
	}
	slices.SortStableFunc(all, func(x, y cdrRecord) int { return cmp.Compare(key(&x), key(&y)) })
	if q.order == "DESC" {
		slices.Reverse(all)
	}
	if q.first < len(all) {
		results = append(results, all[q.first:min(len(all), q.first+q.size)]...)
	}
	return ok(obj{"totalRecords": len(all), "results": results})
}

// cdrSearchCSV: GET {A}/cdrsearch/csv_2 checks the search as cdrSearch
// does and answers 202 with an export job that moves through its states on
// the fake's clock like every job; once DONE, its output is the records as
// CSV.
func cdrSearchCSV(c *call) reply {
	a, r := c.account()
	if r != nil {
		return *r
	}
	// The spec leaves the dates optional here, unlike on cdrSearch; the
	// fake exports the current month when they are left out.
	q := &cdrQuery{}
	if c.query.Get("startDate") != "" || c.query.Get("endDate") != "" {
		var bad *reply
		if q, bad = parseCDRQuery(c); bad != nil {
			return *bad
		}
	} else {
		now := c.s.nowLocked().UTC()
		q.start = time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
		q.end = time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	}
	src := c.s.cdrSourceLocked(a)
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.Write([]string{"id", "startTime", "endTime", "callType", "origNumber", "termNumber", "billCallLengthSeconds", "cost"})
	for day := q.start; !day.After(q.end); day = day.AddDate(0, 0, 1) {
		for k := range src.perDay {
			rec := src.record(day, k)
			if !rec.exists(src.now) || !q.keep(&rec) {
				continue
			}
			_ = w.Write([]string{rec.ID, rec.StartTime, rec.EndTime, rec.CallType, rec.OrigNumber, rec.TermNumber,
				strconv.FormatInt(rec.BillCallLengthSeconds, 10), strconv.FormatFloat(rec.Cost, 'f', -1, 64)})
		}
	}
	w.Flush()
	// A job like the platform's: its output is the CSV, once DONE.
	return c.startJob("cdrSearchCSV", b.Bytes())
}
