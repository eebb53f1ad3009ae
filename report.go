package alianza

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// ReportsService runs the partition's reports. The summaries (DeviceSummary
// and the others) answer at once with counts. The CSV reports are jobs:
// StartXxxCSV starts one and returns the Job; JobsService.Wait follows it and
// JobsService.Output downloads the CSV. RunReport does all three by name.
//
// The platform's earlier CSV variants (csv, and csv_2 where a csv_3
// exists) are deprecated and not wrapped; Client.Do still reaches them.
type ReportsService service

// ReportPeriod is the month a monthly report covers.
type ReportPeriod struct {
	Year  int `url:"year"`
	Month int `url:"month"` // 1-12
}

// MonthOf returns the ReportPeriod of t's month.
func MonthOf(t time.Time) ReportPeriod { return ReportPeriod{Year: t.Year(), Month: int(t.Month())} }

func (p ReportPeriod) validate(v *validator, required bool) {
	if !required && p == (ReportPeriod{}) {
		return
	}
	v.check(p.Month >= 1 && p.Month <= 12, "month", "must be 1 to 12")
	v.check(p.Year >= 1000 && p.Year <= 9999, "year", "must have 4 digits")
}

// dateRange is the query of a report between two dates.
type dateRange struct {
	From string `url:"startDate"`
	To   string `url:"endDate"`
}

// dateLayout is the platform's yyyy-MM-dd.
const dateLayout = "2006-01-02"

// reportDates checks a required yyyy-MM-dd range, end not before start.
func reportDates(v *validator, from, to string) {
	f, ferr := time.Parse(dateLayout, from)
	t, terr := time.Parse(dateLayout, to)
	v.check(ferr == nil, "startDate", "must be a date, yyyy-MM-dd")
	v.check(terr == nil, "endDate", "must be a date, yyyy-MM-dd")
	if ferr == nil && terr == nil {
		v.check(!t.Before(f), "endDate", "must not be before startDate")
	}
}

// ReportKind tells a summary from a CSV report.
type ReportKind string

// Report kinds.
const (
	ReportKindSummary ReportKind = "summary" // counts, answered at once
	ReportKindCSV     ReportKind = "csv"     // a CSV file, made by a job
)

// ReportParamsKind is what a report needs besides its name.
type ReportParamsKind string

// What reports need.
const (
	ReportParamsNone          ReportParamsKind = ""
	ReportParamsMonth         ReportParamsKind = "month"          // ReportParams.Period, required
	ReportParamsOptionalMonth ReportParamsKind = "optional-month" // ReportParams.Period, may be nil
	ReportParamsDateRange     ReportParamsKind = "date-range"     // ReportParams.From and To, required
)

// ReportParams are a report's parameters for StartReport and RunReport;
// which ones count is the report's ReportInfo.Params.
type ReportParams struct {
	Period   *ReportPeriod
	From, To string // yyyy-MM-dd
}

func (p *ReportParams) period() ReportPeriod {
	if p == nil || p.Period == nil {
		return ReportPeriod{}
	}
	return *p.Period
}

func (p *ReportParams) optionalPeriod() *ReportPeriod {
	if p == nil {
		return nil
	}
	return p.Period
}

// ReportInfo describes one report of ReportCatalog.
type ReportInfo struct {
	Name   string // the name StartReport, Summary and RunReport take, such as "users"
	Title  string
	Kind   ReportKind
	Params ReportParamsKind
}

// reportRunner runs one report of the catalogue: summary for a summary,
// start for a CSV report.
type reportRunner struct {
	ReportInfo
	summary func(*ReportsService, context.Context, ...CallOption) (*ReportSummary, error)
	start   func(*ReportsService, context.Context, *ReportParams) (*Job, error)
}

// ReportCatalog lists every report the SDK runs by name: the summaries
// first, then the CSV reports.
func ReportCatalog() []ReportInfo {
	out := make([]ReportInfo, len(reportCatalog))
	for i, r := range reportCatalog {
		out[i] = r.ReportInfo
	}
	return out
}

// ErrUnknownReport is matched by the error of a report name that
// ReportCatalog does not list.
var ErrUnknownReport = errors.New("alianza: unknown report")

// ErrNoJob is returned by RunReport when the platform accepted a report
// but answered without a job to follow.
var ErrNoJob = errors.New("alianza: the platform answered without a job")

func findReport(name string, kind ReportKind) (reportRunner, error) {
	for _, r := range reportCatalog {
		if r.Name == name {
			if r.Kind != kind {
				return r, fmt.Errorf("%w: %s is a %s report, not a %s one", ErrValidation, name, r.Kind, kind)
			}
			return r, nil
		}
	}
	names := make([]string, 0, len(reportCatalog))
	for _, r := range reportCatalog {
		if r.Kind == kind {
			names = append(names, r.Name)
		}
	}
	return reportRunner{}, fmt.Errorf("%w %q: want one of %s", ErrUnknownReport, name, strings.Join(names, ", "))
}

// Summary runs the summary report name (see ReportCatalog), such as
// "user-summary".
func (s *ReportsService) Summary(ctx context.Context, name string, callOpts ...CallOption) (*ReportSummary, error) {
	ctx = withCallOptions(ctx, callOpts)
	r, err := findReport(name, ReportKindSummary)
	if err != nil {
		return nil, err
	}
	return r.summary(s, ctx)
}

// StartReport starts the CSV report name (see ReportCatalog) as a job,
// with the parameters its ReportInfo.Params asks for.
func (s *ReportsService) StartReport(ctx context.Context, name string, p *ReportParams, callOpts ...CallOption) (*Job, error) {
	ctx = withCallOptions(ctx, callOpts)
	r, err := findReport(name, ReportKindCSV)
	if err != nil {
		return nil, err
	}
	if r.Params == ReportParamsMonth && (p == nil || p.Period == nil) {
		var v validator
		v.add("period", "is required for the "+name+" report")
		return nil, v.err()
	}
	return r.start(s, ctx, p)
}

// RunReport starts the CSV report name, waits for its job (opts as for
// JobsService.Wait, progress included) and copies the CSV to w. It returns
// the job as last seen: with a *JobFailedError when the job failed, with
// ctx's error at once when ctx ends.
func (s *ReportsService) RunReport(ctx context.Context, name string, p *ReportParams, w io.Writer, opts *WaitOptions, callOpts ...CallOption) (*Job, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.check(w != nil && !isNilPointer(w), "w", "is required")
	opts.validate(&v)
	if err := v.err(); err != nil {
		return nil, err
	}
	j, err := s.StartReport(ctx, name, p)
	if err != nil {
		return nil, err
	}
	if j == nil || j.ID == "" {
		return j, fmt.Errorf("report %s: %w", name, ErrNoJob)
	}
	jobs := (*JobsService)(s)
	if j, err = jobs.Wait(ctx, j.ID, opts); err != nil {
		return j, err
	}
	return j, jobs.Output(ctx, j.ID, w)
}

var reportCatalog = []reportRunner{
	{ReportInfo: ReportInfo{Name: "device-summary", Title: "count of devices", Kind: ReportKindSummary}, summary: (*ReportsService).DeviceSummary},
	{ReportInfo: ReportInfo{Name: "sip-summary", Title: "count of SIP trunks", Kind: ReportKindSummary}, summary: (*ReportsService).SIPSummary},
	{ReportInfo: ReportInfo{Name: "telephone-number-summary", Title: "count of telephone numbers", Kind: ReportKindSummary}, summary: (*ReportsService).TelephoneNumberSummary},
	{ReportInfo: ReportInfo{Name: "user-summary", Title: "count of users", Kind: ReportKindSummary}, summary: (*ReportsService).UserSummary},
	{ReportInfo: ReportInfo{Name: "vfax-summary", Title: "count of virtual fax lines", Kind: ReportKindSummary}, summary: (*ReportsService).VirtualFaxSummary},
	{ReportInfo: ReportInfo{Name: "accounts", Title: "the partition's accounts (CSV)", Kind: ReportKindCSV, Params: ReportParamsNone}, start: func(s *ReportsService, ctx context.Context, _ *ReportParams) (*Job, error) {
		return s.StartAccountsCSV(ctx)
	}},
	{ReportInfo: ReportInfo{Name: "devices", Title: "the partition's devices (CSV)", Kind: ReportKindCSV, Params: ReportParamsNone}, start: func(s *ReportsService, ctx context.Context, _ *ReportParams) (*Job, error) {
		return s.StartDevicesCSV(ctx)
	}},
	{ReportInfo: ReportInfo{Name: "device-registrations", Title: "device registrations (CSV)", Kind: ReportKindCSV, Params: ReportParamsNone}, start: func(s *ReportsService, ctx context.Context, _ *ReportParams) (*Job, error) {
		return s.StartDeviceRegistrationsCSV(ctx)
	}},
	{ReportInfo: ReportInfo{Name: "emergency-notification-compliance", Title: "emergency notification compliance (CSV)", Kind: ReportKindCSV, Params: ReportParamsNone}, start: func(s *ReportsService, ctx context.Context, _ *ReportParams) (*Job, error) {
		return s.StartEmergencyNotificationComplianceCSV(ctx)
	}},
	{ReportInfo: ReportInfo{Name: "user-products", Title: "users and the product each has (CSV)", Kind: ReportKindCSV, Params: ReportParamsNone}, start: func(s *ReportsService, ctx context.Context, _ *ReportParams) (*Job, error) {
		return s.StartUserProductsCSV(ctx)
	}},
	{ReportInfo: ReportInfo{Name: "business-lines", Title: "business lines of a month (CSV)", Kind: ReportKindCSV, Params: ReportParamsMonth}, start: func(s *ReportsService, ctx context.Context, p *ReportParams) (*Job, error) {
		return s.StartBusinessLinesCSV(ctx, p.period())
	}},
	{ReportInfo: ReportInfo{Name: "sip", Title: "SIP trunks of a month (CSV)", Kind: ReportKindCSV, Params: ReportParamsMonth}, start: func(s *ReportsService, ctx context.Context, p *ReportParams) (*Job, error) {
		return s.StartSIPCSV(ctx, p.period())
	}},
	{ReportInfo: ReportInfo{Name: "specialty-lines", Title: "specialty lines of a month (CSV)", Kind: ReportKindCSV, Params: ReportParamsMonth}, start: func(s *ReportsService, ctx context.Context, p *ReportParams) (*Job, error) {
		return s.StartSpecialtyLinesCSV(ctx, p.period())
	}},
	{ReportInfo: ReportInfo{Name: "telephone-numbers", Title: "telephone numbers of a month (CSV)", Kind: ReportKindCSV, Params: ReportParamsMonth}, start: func(s *ReportsService, ctx context.Context, p *ReportParams) (*Job, error) {
		return s.StartTelephoneNumbersCSV(ctx, p.period())
	}},
	{ReportInfo: ReportInfo{Name: "users", Title: "users of a month (CSV)", Kind: ReportKindCSV, Params: ReportParamsMonth}, start: func(s *ReportsService, ctx context.Context, p *ReportParams) (*Job, error) {
		return s.StartUsersCSV(ctx, p.period())
	}},
	{ReportInfo: ReportInfo{Name: "vfax", Title: "virtual fax lines of a month (CSV)", Kind: ReportKindCSV, Params: ReportParamsMonth}, start: func(s *ReportsService, ctx context.Context, p *ReportParams) (*Job, error) {
		return s.StartVirtualFaxCSV(ctx, p.period())
	}},
	{ReportInfo: ReportInfo{Name: "port-outs", Title: "numbers ported out in a month (CSV)", Kind: ReportKindCSV, Params: ReportParamsMonth}, start: func(s *ReportsService, ctx context.Context, p *ReportParams) (*Job, error) {
		return s.StartPortOutsCSV(ctx, p.period())
	}},
	{ReportInfo: ReportInfo{Name: "end-user-changes", Title: "changes to end users between two dates (CSV)", Kind: ReportKindCSV, Params: ReportParamsDateRange}, start: func(s *ReportsService, ctx context.Context, p *ReportParams) (*Job, error) {
		return s.StartEndUserChangesCSV(ctx, p.From, p.To)
	}},
	{ReportInfo: ReportInfo{Name: "contact-center-retail", Title: "contact center retail (CSV)", Kind: ReportKindCSV, Params: ReportParamsOptionalMonth}, start: func(s *ReportsService, ctx context.Context, p *ReportParams) (*Job, error) {
		return s.StartContactCenterRetailCSV(ctx, p.optionalPeriod())
	}},
	{ReportInfo: ReportInfo{Name: "contact-center-usage", Title: "contact center usage (CSV)", Kind: ReportKindCSV, Params: ReportParamsOptionalMonth}, start: func(s *ReportsService, ctx context.Context, p *ReportParams) (*Job, error) {
		return s.StartContactCenterUsageCSV(ctx, p.optionalPeriod())
	}},
	{ReportInfo: ReportInfo{Name: "msteams", Title: "Microsoft Teams (CSV)", Kind: ReportKindCSV, Params: ReportParamsOptionalMonth}, start: func(s *ReportsService, ctx context.Context, p *ReportParams) (*Job, error) {
		return s.StartMSTeamsCSV(ctx, p.optionalPeriod())
	}}}

// DeviceSummary counts the partition's devices: how many in all and how many new.
//
// operationId deviceSummaryReport.
//
//alianza:operation GET /v2/partition/{partitionId}/report/device
func (s *ReportsService) DeviceSummary(ctx context.Context, callOpts ...CallOption) (*ReportSummary, error) {
	ctx = withCallOptions(ctx, callOpts)
	return call[ReportSummary](ctx, s.client, &request{
		method: http.MethodGet,
		path:   "/v2/partition/{partitionId}/report/device",
	})
}

// SIPSummary counts the partition's SIP trunks: how many in all and how many new.
//
// operationId sipSummaryReport.
//
//alianza:operation GET /v2/partition/{partitionId}/report/sip
func (s *ReportsService) SIPSummary(ctx context.Context, callOpts ...CallOption) (*ReportSummary, error) {
	ctx = withCallOptions(ctx, callOpts)
	return call[ReportSummary](ctx, s.client, &request{
		method: http.MethodGet,
		path:   "/v2/partition/{partitionId}/report/sip",
	})
}

// TelephoneNumberSummary counts the partition's telephone numbers: how many in all and how many new.
//
// operationId telephoneNumberSummaryReport.
//
//alianza:operation GET /v2/partition/{partitionId}/report/tn
func (s *ReportsService) TelephoneNumberSummary(ctx context.Context, callOpts ...CallOption) (*ReportSummary, error) {
	ctx = withCallOptions(ctx, callOpts)
	return call[ReportSummary](ctx, s.client, &request{
		method: http.MethodGet,
		path:   "/v2/partition/{partitionId}/report/tn",
	})
}

// UserSummary counts the partition's users: how many in all and how many new.
//
// operationId userSummaryReport.
//
//alianza:operation GET /v2/partition/{partitionId}/report/user
func (s *ReportsService) UserSummary(ctx context.Context, callOpts ...CallOption) (*ReportSummary, error) {
	ctx = withCallOptions(ctx, callOpts)
	return call[ReportSummary](ctx, s.client, &request{
		method: http.MethodGet,
		path:   "/v2/partition/{partitionId}/report/user",
	})
}

// VirtualFaxSummary counts the partition's virtual fax lines: how many in all and how many new.
//
// operationId vFaxSummaryReport.
//
//alianza:operation GET /v2/partition/{partitionId}/report/vfax
func (s *ReportsService) VirtualFaxSummary(ctx context.Context, callOpts ...CallOption) (*ReportSummary, error) {
	ctx = withCallOptions(ctx, callOpts)
	return call[ReportSummary](ctx, s.client, &request{
		method: http.MethodGet,
		path:   "/v2/partition/{partitionId}/report/vfax",
	})
}

// StartAccountsCSV starts the CSV report of the partition's accounts as a job; follow it with
// JobsService.Wait and download it with JobsService.Output (RunReport does
// all three).
//
// operationId accountCSVReport3.
//
//alianza:operation GET /v2/partition/{partitionId}/report/account/csv_3
func (s *ReportsService) StartAccountsCSV(ctx context.Context, callOpts ...CallOption) (*Job, error) {
	ctx = withCallOptions(ctx, callOpts)
	return call[Job](ctx, s.client, &request{
		method: http.MethodGet,
		path:   "/v2/partition/{partitionId}/report/account/csv_3",
	})
}

// StartDevicesCSV starts the CSV report of the partition's devices as a job; follow it with
// JobsService.Wait and download it with JobsService.Output (RunReport does
// all three).
//
// operationId deviceCSVReport3.
//
//alianza:operation GET /v2/partition/{partitionId}/report/device/csv_3
func (s *ReportsService) StartDevicesCSV(ctx context.Context, callOpts ...CallOption) (*Job, error) {
	ctx = withCallOptions(ctx, callOpts)
	return call[Job](ctx, s.client, &request{
		method: http.MethodGet,
		path:   "/v2/partition/{partitionId}/report/device/csv_3",
	})
}

// StartDeviceRegistrationsCSV starts the CSV report of device registrations as a job; follow it with
// JobsService.Wait and download it with JobsService.Output (RunReport does
// all three).
//
// operationId deviceRegistrationReport.
//
//alianza:operation GET /v2/partition/{partitionId}/report/deviceregistration/csv_2
func (s *ReportsService) StartDeviceRegistrationsCSV(ctx context.Context, callOpts ...CallOption) (*Job, error) {
	ctx = withCallOptions(ctx, callOpts)
	return call[Job](ctx, s.client, &request{
		method: http.MethodGet,
		path:   "/v2/partition/{partitionId}/report/deviceregistration/csv_2",
	})
}

// StartEmergencyNotificationComplianceCSV starts the CSV report of emergency notification compliance as a job; follow it with
// JobsService.Wait and download it with JobsService.Output (RunReport does
// all three).
//
// operationId emergencyNotificationComplianceReport.
//
//alianza:operation GET /v2/partition/{partitionId}/report/emergencynotificationcompliance/csv_2
func (s *ReportsService) StartEmergencyNotificationComplianceCSV(ctx context.Context, callOpts ...CallOption) (*Job, error) {
	ctx = withCallOptions(ctx, callOpts)
	return call[Job](ctx, s.client, &request{
		method: http.MethodGet,
		path:   "/v2/partition/{partitionId}/report/emergencynotificationcompliance/csv_2",
	})
}

// StartUserProductsCSV starts the CSV report of users and the product each has as a job; follow it with
// JobsService.Wait and download it with JobsService.Output (RunReport does
// all three).
//
// operationId userProductsReport.
//
//alianza:operation GET /v2/partition/{partitionId}/report/user-products/csv_2
func (s *ReportsService) StartUserProductsCSV(ctx context.Context, callOpts ...CallOption) (*Job, error) {
	ctx = withCallOptions(ctx, callOpts)
	return call[Job](ctx, s.client, &request{
		method: http.MethodGet,
		path:   "/v2/partition/{partitionId}/report/user-products/csv_2",
	})
}

// StartBusinessLinesCSV starts the CSV report of business lines of a month as a job; follow it with
// JobsService.Wait and download it with JobsService.Output (RunReport does
// all three).
// The platform needs the month (1-12) and the 4-digit year.
//
// operationId businessLinesCSVReport2.
//
//alianza:operation GET /v2/partition/{partitionId}/report/businesslines/csv_2
func (s *ReportsService) StartBusinessLinesCSV(ctx context.Context, period ReportPeriod, callOpts ...CallOption) (*Job, error) {
	return s.startCSV(withCallOptions(ctx, callOpts), "/v2/partition/{partitionId}/report/businesslines/csv_2", &period)
}

// StartSIPCSV starts the CSV report of SIP trunks of a month as a job; follow it with
// JobsService.Wait and download it with JobsService.Output (RunReport does
// all three).
// The platform needs the month (1-12) and the 4-digit year.
//
// operationId sipCSVReport2.
//
//alianza:operation GET /v2/partition/{partitionId}/report/sip/csv_2
func (s *ReportsService) StartSIPCSV(ctx context.Context, period ReportPeriod, callOpts ...CallOption) (*Job, error) {
	return s.startCSV(withCallOptions(ctx, callOpts), "/v2/partition/{partitionId}/report/sip/csv_2", &period)
}

// StartSpecialtyLinesCSV starts the CSV report of specialty lines of a month as a job; follow it with
// JobsService.Wait and download it with JobsService.Output (RunReport does
// all three).
// The platform needs the month (1-12) and the 4-digit year.
//
// operationId specialtyLinesReport.
//
//alianza:operation GET /v2/partition/{partitionId}/report/specialtylines/csv_2
func (s *ReportsService) StartSpecialtyLinesCSV(ctx context.Context, period ReportPeriod, callOpts ...CallOption) (*Job, error) {
	return s.startCSV(withCallOptions(ctx, callOpts), "/v2/partition/{partitionId}/report/specialtylines/csv_2", &period)
}

// StartTelephoneNumbersCSV starts the CSV report of telephone numbers of a month as a job; follow it with
// JobsService.Wait and download it with JobsService.Output (RunReport does
// all three).
// The platform needs the month (1-12) and the 4-digit year.
//
// operationId telephoneNumberCSVReport2.
//
//alianza:operation GET /v2/partition/{partitionId}/report/tn/csv_2
func (s *ReportsService) StartTelephoneNumbersCSV(ctx context.Context, period ReportPeriod, callOpts ...CallOption) (*Job, error) {
	return s.startCSV(withCallOptions(ctx, callOpts), "/v2/partition/{partitionId}/report/tn/csv_2", &period)
}

// StartUsersCSV starts the CSV report of users of a month as a job; follow it with
// JobsService.Wait and download it with JobsService.Output (RunReport does
// all three).
// The platform needs the month (1-12) and the 4-digit year.
//
// operationId userCSVReport3.
//
//alianza:operation GET /v2/partition/{partitionId}/report/user/csv_3
func (s *ReportsService) StartUsersCSV(ctx context.Context, period ReportPeriod, callOpts ...CallOption) (*Job, error) {
	return s.startCSV(withCallOptions(ctx, callOpts), "/v2/partition/{partitionId}/report/user/csv_3", &period)
}

// StartVirtualFaxCSV starts the CSV report of virtual fax lines of a month as a job; follow it with
// JobsService.Wait and download it with JobsService.Output (RunReport does
// all three).
// The platform needs the month (1-12) and the 4-digit year.
//
// operationId vFaxCSVReport2.
//
//alianza:operation GET /v2/partition/{partitionId}/report/vfax/csv_2
func (s *ReportsService) StartVirtualFaxCSV(ctx context.Context, period ReportPeriod, callOpts ...CallOption) (*Job, error) {
	return s.startCSV(withCallOptions(ctx, callOpts), "/v2/partition/{partitionId}/report/vfax/csv_2", &period)
}

// StartPortOutsCSV starts the CSV report of numbers ported out in a month as a job; follow it with
// JobsService.Wait and download it with JobsService.Output (RunReport does
// all three).
// The platform needs the month (1-12) and the 4-digit year.
//
// operationId telephoneNumberPortOutCSVReport2.
//
//alianza:operation GET /v2/partition/{partitionId}/report/portout/csv_2
func (s *ReportsService) StartPortOutsCSV(ctx context.Context, period ReportPeriod, callOpts ...CallOption) (*Job, error) {
	return s.startCSV(withCallOptions(ctx, callOpts), "/v2/partition/{partitionId}/report/portout/csv_2", &period)
}

// StartEndUserChangesCSV starts the CSV report of changes to end users between two dates as a job; follow it with
// JobsService.Wait and download it with JobsService.Output (RunReport does
// all three).
// from and to (yyyy-MM-dd, both required) bound the changes.
//
// operationId endUserAccountHistory2.
//
//alianza:operation GET /v2/partition/{partitionId}/report/accounthistory/enduserchanges_2
func (s *ReportsService) StartEndUserChangesCSV(ctx context.Context, from, to string, callOpts ...CallOption) (*Job, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	reportDates(&v, from, to)
	if err := v.err(); err != nil {
		return nil, err
	}
	return call[Job](ctx, s.client, &request{
		method: http.MethodGet,
		path:   "/v2/partition/{partitionId}/report/accounthistory/enduserchanges_2",
		query:  dateRange{From: from, To: to},
	})
}

// StartContactCenterRetailCSV starts the CSV report of contact center retail as a job; follow it with
// JobsService.Wait and download it with JobsService.Output (RunReport does
// all three).
// period is optional; nil leaves the month to the platform.
//
// operationId contactCenterRetailReport.
//
//alianza:operation GET /v2/partition/{partitionId}/report/contact_center_retail/csv_1
func (s *ReportsService) StartContactCenterRetailCSV(ctx context.Context, period *ReportPeriod, callOpts ...CallOption) (*Job, error) {
	return s.startCSV(withCallOptions(ctx, callOpts), "/v2/partition/{partitionId}/report/contact_center_retail/csv_1", period)
}

// StartContactCenterUsageCSV starts the CSV report of contact center usage as a job; follow it with
// JobsService.Wait and download it with JobsService.Output (RunReport does
// all three).
// period is optional; nil leaves the month to the platform.
//
// operationId contactCenterUsageReport.
//
//alianza:operation GET /v2/partition/{partitionId}/report/contact_center_usage/csv_1
func (s *ReportsService) StartContactCenterUsageCSV(ctx context.Context, period *ReportPeriod, callOpts ...CallOption) (*Job, error) {
	return s.startCSV(withCallOptions(ctx, callOpts), "/v2/partition/{partitionId}/report/contact_center_usage/csv_1", period)
}

// StartMSTeamsCSV starts the CSV report of Microsoft Teams as a job; follow it with
// JobsService.Wait and download it with JobsService.Output (RunReport does
// all three).
// period is optional; nil leaves the month to the platform.
//
// The platform may answer 202 with no job to follow; Start then returns
// nil and no error, and RunReport reports ErrNoJob.
//
// operationId msTeamsReport.
//
//alianza:operation GET /v2/partition/{partitionId}/report/msteams/csv_1
func (s *ReportsService) StartMSTeamsCSV(ctx context.Context, period *ReportPeriod, callOpts ...CallOption) (*Job, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	if period != nil {
		period.validate(&v, true)
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	return call[Job](ctx, s.client, &request{
		method:  http.MethodGet,
		path:    "/v2/partition/{partitionId}/report/msteams/csv_1",
		query:   period,
		emptyOK: true,
	})
}

// startCSV starts the CSV report at path for period (nil: the platform's
// default month), checking the period before anything is sent.
func (s *ReportsService) startCSV(ctx context.Context, path string, period *ReportPeriod) (*Job, error) {
	var v validator
	if period != nil {
		period.validate(&v, true)
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	return call[Job](ctx, s.client, &request{method: http.MethodGet, path: path, query: period})
}
