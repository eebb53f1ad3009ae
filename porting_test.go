package alianza_test

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// portCSR is the customer of the porting guide's example, at the fake's
// first known address.
var portCSR = alianza.CustomerServiceRecord{
	FirstName: "John", LastName: "Smith", CustomerType: alianza.CustomerTypeResidential,
	StreetNumber: "333", PreDirectional: "S", StreetName: "520", PostDirectional: "W",
	City: "Lindon", State: "UT", PostalCode: "84042", Country: "USA",
}

// advanceEachPoll returns WaitOptions that poll every millisecond and move
// the fake's clock by step after each poll, so jobs and ports move without
// real waiting.
func advanceEachPoll(srv *alianzatest.Server, step time.Duration, seen *[]alianza.JobStatus) *alianza.WaitOptions {
	return &alianza.WaitOptions{Interval: time.Millisecond, MaxInterval: time.Millisecond, Progress: func(j *alianza.Job) {
		if seen != nil {
			*seen = append(*seen, j.Status)
		}
		srv.Advance(step)
	}}
}

// runPortingFlow exercises every job, report, history, prevalidation and
// port method against the fake (TestContract checks each directive ran and
// the fake checks every request and answer against the spec). It returns
// how many calls it made to be refused on purpose.
func runPortingFlow(t *testing.T, c *alianza.Client, srv *alianzatest.Server) (probes int) {
	ctx := t.Context()
	acct, err := c.Accounts.Create(ctx, &alianza.CreateAccountRequest{
		AccountNumber: "PORTING-FLOW-1", AccountName: "Porting Flow", BillingCycleDay: 1,
		AccountType: alianza.AccountTypeAdvanced, TimeZone: alianza.TimeZoneUSMountain,
		DialingBehaviorType: alianza.DialingBehaviorTypeOpenDialPlanTenDigit,
		ExtensionLength:     alianza.Ptr(4), PlatformType: alianza.Ptr(alianza.PlatformTypeCPE2),
	})
	require.NoError(t, err)

	// Summaries.
	for _, r := range alianza.ReportCatalog() {
		if r.Kind != alianza.ReportKindSummary {
			continue
		}
		sum, err := c.Reports.Summary(ctx, r.Name)
		require.NoError(t, err, r.Name)
		assert.GreaterOrEqual(t, sum.TotalCount, int64(0))
	}
	// Every CSV report starts a job; the users one is followed to its output.
	period := alianza.MonthOf(srv.Now())
	for _, r := range alianza.ReportCatalog() {
		if r.Kind != alianza.ReportKindCSV {
			continue
		}
		p := &alianza.ReportParams{Period: &period, From: "2026-01-01", To: "2026-01-31"}
		j, err := c.Reports.StartReport(ctx, r.Name, p)
		require.NoError(t, err, r.Name)
		require.NotNil(t, j, r.Name)
		assert.Equal(t, alianza.JobStatusPending, j.Status, r.Name)
	}
	j, err := c.Reports.StartUsersCSV(ctx, period)
	require.NoError(t, err)
	_, err = c.Jobs.OutputURL(ctx, j.ID)
	require.ErrorIs(t, err, alianza.ErrNotFound, "no output before the job is done")
	probes++
	j, err = c.Jobs.Wait(ctx, j.ID, advanceEachPoll(srv, alianzatest.JobPendingFor, nil))
	require.NoError(t, err)
	assert.Equal(t, alianza.JobStatusDone, j.Status)
	var out bytes.Buffer
	require.NoError(t, c.Jobs.Output(ctx, j.ID, &out))
	assert.True(t, strings.HasPrefix(out.String(), "accountId,userId,"), out.String())
	u, err := c.Jobs.OutputURL(ctx, j.ID)
	require.NoError(t, err)
	assert.Contains(t, u, j.ID)
	err = c.Jobs.Input(ctx, j.ID, &out)
	assert.ErrorIs(t, err, alianza.ErrNotFound, "a report has no input")
	probes++
	up, err := c.Jobs.NewUpload(ctx)
	require.NoError(t, err)
	assert.NotEmpty(t, up.Key)

	// Prevalidation.
	const tn = "18015551212"
	avail, err := c.Prevalidation.Port(ctx, &alianza.PortPrevalidationRequest{Numbers: []string{tn}, CustomerServiceRecord: &portCSR})
	require.NoError(t, err)
	require.True(t, avail.ServiceAvailable)
	require.NotEmpty(t, avail.AvailabilityList)
	e911, err := c.Prevalidation.E911(ctx, &alianza.E911PrevalidationRequest{Address: alianza.E911Address{
		StreetNumber: "333", StreetName: "520", City: "Orem", State: "UT", PostalCode: "84042", Country: "USA",
	}})
	require.NoError(t, err)
	assert.Equal(t, alianza.E911ValidityInvalid, e911.Valid)
	require.Len(t, e911.AddressAlternatives, 1)
	assert.Equal(t, "Lindon", e911.AddressAlternatives[0].City)

	// A port: submit, read, patch, update, follow, trigger.
	act, err := c.Ports.Submit(ctx, acct.ID, &alianza.SubmitPortRequest{
		Numbers: []string{tn}, CustomerServiceRecord: portCSR,
		Port: alianza.PortRequest{BillingTelephoneNumber: tn, CrdDate: avail.EarliestDate(), PortingWireType: alianza.PortingWireTypeWireline,
			PortingAuthorizedName: "John Smith", WirelessAccountNumber: "12345", WirelessPIN: "54321"},
	})
	require.NoError(t, err)
	portID := act.Port.ID
	require.NotEmpty(t, portID)
	assert.Equal(t, alianza.CarrierStatusPortPending, act.Port.Status)
	p, err := c.Ports.Get(ctx, acct.ID, portID)
	require.NoError(t, err)
	assert.Empty(t, p.WirelessPIN, "the platform never returns the PIN")
	p, err = c.Ports.Patch(ctx, acct.ID, portID, &alianza.PatchPortRequest{PortingAuthorizedName: alianza.Ptr("Jane Smith")})
	require.NoError(t, err)
	assert.Equal(t, "Jane Smith", p.PortingAuthorizedName)
	upd := p.UpdateRequest()
	upd.WirelessAccountNumber = alianza.Ptr("67890")
	p, err = c.Ports.Update(ctx, acct.ID, portID, upd)
	require.NoError(t, err)
	assert.Equal(t, "67890", p.WirelessAccountNumber)
	err = c.Ports.Trigger(ctx, acct.ID, portID)
	require.ErrorIs(t, err, alianza.ErrBadRequest, "no trigger before the FOC date")
	probes++
	srv.Advance(2 * alianzatest.PortStepDuration)
	var events []alianza.ServiceActivationEvent
	for e, err := range c.Ports.StatusSearch(ctx, &alianza.StatusSearchOptions{AccountID: acct.ID, EventTypes: []alianza.ServiceActivationType{alianza.ServiceActivationTypePortRequest}}) {
		require.NoError(t, err)
		events = append(events, e)
	}
	require.Len(t, events, 1)
	assert.Equal(t, alianza.ActivationStatusFOCReceived, events[0].ActivationStatusType)
	require.NoError(t, c.Ports.Trigger(ctx, acct.ID, portID))
	n, err := c.TelephoneNumbers.Get(ctx, acct.ID, tn)
	require.NoError(t, err)
	assert.Equal(t, alianza.CarrierStatusActive, n.CarrierStatus)

	// A second port, cancelled.
	const tn2 = "18015551213"
	act, err = c.Ports.Submit(ctx, acct.ID, &alianza.SubmitPortRequest{
		Numbers: []string{tn2}, CustomerServiceRecord: portCSR,
		Port: alianza.PortRequest{BillingTelephoneNumber: tn2, CrdDate: avail.EarliestDate(), PortingWireType: alianza.PortingWireTypeWireline},
	})
	require.NoError(t, err)
	require.NoError(t, c.Ports.Cancel(ctx, acct.ID, act.Port.ID))
	_, err = c.TelephoneNumbers.Get(ctx, acct.ID, tn2)
	assert.ErrorIs(t, err, alianza.ErrNotFound, "a cancelled port's numbers leave the account")
	probes++
	assert.ErrorIs(t, c.Ports.Cancel(ctx, acct.ID, act.Port.ID), alianza.ErrBadRequest, "a cancelled port cannot be cancelled again")
	probes++

	// History, by id and by number, paged one record at a time.
	var byID, byNumber []alianza.AccountHistory
	for h, err := range c.Accounts.History(ctx, acct.ID, &alianza.AccountHistoryOptions{MaxResult: 1}) {
		require.NoError(t, err)
		byID = append(byID, h)
	}
	for h, err := range c.Accounts.HistoryByNumber(ctx, acct.AccountNumber, &alianza.AccountHistoryOptions{MaxResult: 2}) {
		require.NoError(t, err)
		byNumber = append(byNumber, h)
	}
	require.NotEmpty(t, byID)
	assert.Equal(t, byID, byNumber, "the same records whatever the page size")
	ids := map[string]bool{}
	for _, h := range byID {
		assert.False(t, ids[h.ID], "record %s repeated", h.ID)
		ids[h.ID] = true
	}
	return probes
}

// TestPortingFlowAgainstTheFake runs the porting flow on its own.
func TestPortingFlowAgainstTheFake(t *testing.T) {
	srv := alianzatest.NewServer(t)
	c, err := srv.NewClient()
	require.NoError(t, err)
	runPortingFlow(t, c, srv)
}

// A report whose job fails comes back with a *JobFailedError holding every
// error's line, column and input.
func TestReportJobFailureReportsErrors(t *testing.T) {
	srv := alianzatest.NewServer(t, alianzatest.WithDemoData())
	c, err := srv.NewClient()
	require.NoError(t, err)
	srv.FailNextJob(
		alianzatest.JobFailure{Line: 3, Column: "emailAddress", Input: "not-an-email", Message: "invalid email"},
		alianzatest.JobFailure{Line: 7, Message: "unknown account"},
	)
	var seen []alianza.JobStatus
	var out bytes.Buffer
	j, err := c.Reports.RunReport(t.Context(), "accounts", nil, &out, advanceEachPoll(srv, alianzatest.JobPendingFor, &seen))
	require.ErrorIs(t, err, alianza.ErrJobFailed)
	var jf *alianza.JobFailedError
	require.ErrorAs(t, err, &jf)
	assert.Equal(t, j.ID, jf.JobID)
	assert.Equal(t, []alianza.JobError{
		{Message: "invalid email", LineNumber: 3, Column: "emailAddress", Input: "not-an-email"},
		{Message: "unknown account", LineNumber: 7},
	}, jf.Errors)
	assert.Contains(t, err.Error(), `line 3, column emailAddress: invalid email (input "not-an-email")`)
	assert.Equal(t, []alianza.JobStatus{alianza.JobStatusPending, alianza.JobStatusInProgress, alianza.JobStatusFailed}, slices.Compact(seen), "progress saw every status")
	assert.Zero(t, out.Len(), "a failed job has no output to copy")
	assert.Zero(t, srv.Calls("GET /v2/job/{jobId}/output"))
}

// A report run to the end writes the CSV of the fake's data.
func TestRunReportWritesTheCSV(t *testing.T) {
	srv := alianzatest.NewServer(t, alianzatest.WithDemoData())
	c, err := srv.NewClient()
	require.NoError(t, err)
	var out bytes.Buffer
	j, err := c.Reports.RunReport(t.Context(), "accounts", nil, &out, advanceEachPoll(srv, alianzatest.JobPendingFor, nil))
	require.NoError(t, err)
	assert.Equal(t, alianza.JobStatusDone, j.Status)
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	require.Len(t, lines, 2)
	assert.Equal(t, "accountId,accountNumber,accountName,status", lines[0])
	assert.Contains(t, lines[1], alianzatest.DemoAccountNumber)
}

// Waiting for a report with a cancelled context returns at once: nothing
// is polled when ctx is already done, and a ctx cancelled during a wait
// ends the wait (an hour-long interval would otherwise block the test).
func TestReportWaitCancelledContextReturnsAtOnce(t *testing.T) {
	srv := alianzatest.NewServer(t, alianzatest.WithDemoData())
	c, err := srv.NewClient()
	require.NoError(t, err)
	j, err := c.Reports.StartAccountsCSV(t.Context())
	require.NoError(t, err)

	done, cancel := context.WithCancel(t.Context())
	cancel()
	got, err := c.Jobs.Wait(done, j.ID, nil)
	require.ErrorIs(t, err, context.Canceled)
	assert.Nil(t, got)
	assert.Zero(t, srv.Calls("GET /v2/job/{jobId}"), "a cancelled context sends nothing")

	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var out bytes.Buffer
	got, err = c.Reports.RunReport(ctx, "accounts", nil, &out, &alianza.WaitOptions{Interval: time.Hour, Progress: func(*alianza.Job) { cancel() }})
	require.ErrorIs(t, err, context.Canceled)
	require.NotNil(t, got)
	assert.Equal(t, alianza.JobStatusPending, got.Status, "the job as last seen")
	assert.Equal(t, 1, srv.Calls("GET /v2/job/{jobId}"))
}

// Wait's backoff doubles from Interval and stops at MaxInterval; bad
// options are refused before anything is sent.
func TestWaitOptionsAndValidation(t *testing.T) {
	srv := alianzatest.NewServer(t)
	c, err := srv.NewClient()
	require.NoError(t, err)
	_, err = c.Jobs.Wait(t.Context(), "", &alianza.WaitOptions{Interval: -1})
	var ve *alianza.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.ErrorContains(t, err, "jobId")
	assert.ErrorContains(t, err, "interval")
	assert.NoError(t, (*alianza.WaitOptions)(nil).Validate())

	_, err = c.Reports.StartUsersCSV(t.Context(), alianza.ReportPeriod{Year: 26, Month: 13})
	assert.ErrorContains(t, err, "month")
	assert.ErrorContains(t, err, "year")
	_, err = c.Reports.StartEndUserChangesCSV(t.Context(), "2026-02-01", "2026-01-01")
	assert.ErrorContains(t, err, "endDate: must not be before startDate")
	_, err = c.Reports.StartReport(t.Context(), "users", nil)
	assert.ErrorIs(t, err, alianza.ErrValidation, "a monthly report needs its period")
	_, err = c.Reports.StartReport(t.Context(), "nope", nil)
	assert.ErrorIs(t, err, alianza.ErrUnknownReport)
	_, err = c.Reports.Summary(t.Context(), "users")
	assert.ErrorIs(t, err, alianza.ErrValidation, "users is a CSV report")
	_, err = c.Ports.Submit(t.Context(), "A1", &alianza.SubmitPortRequest{
		Numbers: []string{"12"}, CustomerServiceRecord: portCSR,
		Port: alianza.PortRequest{PortingWireType: alianza.PortingWireTypeWireless, WirelessPIN: "1234567890123456"},
	})
	for _, f := range []string{"numbers[0]", "port.billingTelephoneNumber", "port.crdDate", "port.wirelessAccountNumber", "port.wirelessPin"} {
		assert.ErrorContains(t, err, f)
	}
	for e, err := range c.Accounts.History(t.Context(), "A1", &alianza.AccountHistoryOptions{StartDate: "yesterday"}) {
		assert.Zero(t, e)
		assert.ErrorContains(t, err, "startDate")
	}
	assert.Empty(t, srv.Requests(), "nothing sent, not even a login")
}

// The wireless PIN never shows in a log or a %v of a port request.
func TestPortPINIsSecret(t *testing.T) {
	r := alianza.SubmitPortRequest{Port: alianza.PortRequest{WirelessPIN: "54321"}}
	assert.NotContains(t, r.LogValue().String(), "54321")
	p := alianza.PatchPortRequest{WirelessPIN: alianza.Ptr(alianza.Secret("54321"))}
	assert.NotContains(t, p.LogValue().String(), "54321")
}
