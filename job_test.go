package alianza

import (
	"bytes"
	"net/http"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The polling schedule: 1s, 2s, 4s, 8s, then 15s for ever by default;
// Interval and MaxInterval change it, and a cap below the first wait is
// raised to it.
func TestWaitSchedule(t *testing.T) {
	schedule := func(o *WaitOptions, n int) []time.Duration {
		next, ceiling := o.intervals()
		var out []time.Duration
		for range n {
			out = append(out, next)
			next = nextPoll(next, ceiling)
		}
		return out
	}
	s := time.Second
	assert.Equal(t, []time.Duration{s, 2 * s, 4 * s, 8 * s, 15 * s, 15 * s}, schedule(nil, 6))
	assert.Equal(t, []time.Duration{100 * time.Millisecond, 200 * time.Millisecond, 300 * time.Millisecond},
		schedule(&WaitOptions{Interval: 100 * time.Millisecond, MaxInterval: 300 * time.Millisecond}, 3))
	assert.Equal(t, []time.Duration{20 * s, 20 * s}, schedule(&WaitOptions{Interval: 20 * s}, 2))
}

// Wait reads the job until it is final, calling Progress after each poll.
func TestWaitPollsUntilDone(t *testing.T) {
	c, mt := newMockClient(t)
	statuses := []string{"PENDING", "IN_PROGRESS", "DONE"}
	calls := 0
	mt.RegisterResponder(http.MethodGet, testBaseURL+"/v2/job/J1", func(*http.Request) (*http.Response, error) {
		st := statuses[min(calls, len(statuses)-1)]
		calls++
		return httpmock.NewJsonResponse(http.StatusOK, map[string]any{"id": "J1", "status": st})
	})
	var seen []JobStatus
	j, err := c.Jobs.Wait(t.Context(), "J1", &WaitOptions{Interval: time.Millisecond, Progress: func(j *Job) { seen = append(seen, j.Status) }})
	require.NoError(t, err)
	assert.Equal(t, JobStatusDone, j.Status)
	assert.Equal(t, []JobStatus{JobStatusPending, JobStatusInProgress, JobStatusDone}, seen)
	assert.Equal(t, 3, calls)
}

// Output copies the octet-stream body to the writer unchanged, asking for
// application/octet-stream.
func TestJobOutputStreams(t *testing.T) {
	c, mt := newMockClient(t)
	body := []byte("a,b\n1,2\n")
	var accept string
	mt.RegisterResponder(http.MethodGet, testBaseURL+"/v2/job/J1/output", func(r *http.Request) (*http.Response, error) {
		accept = r.Header.Get("Accept")
		resp := httpmock.NewBytesResponse(http.StatusOK, body)
		resp.Header.Set("Content-Type", "application/octet-stream")
		return resp, nil
	})
	var out bytes.Buffer
	require.NoError(t, c.Jobs.Output(t.Context(), "J1", &out))
	assert.Equal(t, body, out.Bytes())
	assert.Equal(t, "application/octet-stream", accept)
	var nilBuf *bytes.Buffer
	err := c.Jobs.Output(t.Context(), "J1", nilBuf)
	assert.ErrorIs(t, err, ErrValidation)
}

// A report that answers 202 with its Job decodes it.
func TestStartReportDecodes202(t *testing.T) {
	c, mt := newMockClient(t)
	cp := mockOp(t, mt, "ReportsService.StartUsersCSV", nil, http.StatusAccepted, map[string]any{"id": "J9", "status": "PENDING", "name": "USER_CSV_REPORT"})
	j, err := c.Reports.StartUsersCSV(t.Context(), ReportPeriod{Year: 2026, Month: 3})
	require.NoError(t, err)
	assert.Equal(t, "J9", j.ID)
	assert.Equal(t, "2026", cp.query.Get("year"))
	assert.Equal(t, "3", cp.query.Get("month"))
}
