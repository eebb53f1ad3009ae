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

// JobsService follows the platform's asynchronous jobs: the CSV reports,
// exports and bulk imports answer 202 with a Job, which runs on the
// platform while the caller polls it (Get, or Wait) and then downloads its
// output (Output, or OutputURL for a link to hand on).
type JobsService service

// Job is an asynchronous job (Job). Status moves PENDING, IN_PROGRESS, then
// DONE or FAILED; the platform gives neither a polling interval nor a
// callback, so Wait polls with a capped backoff.
type Job struct {
	ID     string    `json:"id,omitempty"`
	Name   string    `json:"name,omitempty"`
	UserID string    `json:"userId,omitempty"`
	Status JobStatus `json:"status,omitempty"`
	// Errors are the problems the job met, one per input line for an
	// import. A FAILED job usually has some; a DONE one may too (the lines
	// it skipped).
	Errors      []JobError `json:"errors,omitempty"`
	InputKey    string     `json:"inputKey,omitempty"`
	OutputKey   string     `json:"outputKey,omitempty"`
	Start       time.Time  `json:"start,omitzero"`
	LastUpdated time.Time  `json:"lastUpdated,omitzero"`
}

// Done reports whether the job has ended: DONE or FAILED.
func (j *Job) Done() bool { return j.Status == JobStatusDone || j.Status == JobStatusFailed }

// Err returns a *JobFailedError for a FAILED job, or for a DONE one that
// reports errors; nil otherwise.
func (j *Job) Err() error {
	if j.Status != JobStatusFailed && len(j.Errors) == 0 {
		return nil
	}
	return &JobFailedError{JobID: j.ID, Name: j.Name, Status: j.Status, Errors: append([]JobError(nil), j.Errors...)}
}

// JobError is one problem a job met (JobError): where in its input (line,
// column) and what it read there.
type JobError struct {
	// Message is the platform's description (the JSON field "error").
	Message    string `json:"error,omitempty"`
	LineNumber int    `json:"lineNumber,omitempty"`
	Column     string `json:"column,omitempty"`
	Input      string `json:"input,omitempty"`
}

// String is "line 3, column email: not an email address (input "x")",
// leaving out what the platform did not give.
func (e JobError) String() string {
	var b strings.Builder
	if e.LineNumber > 0 {
		fmt.Fprintf(&b, "line %d", e.LineNumber)
	}
	if e.Column != "" {
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "column %s", e.Column)
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	msg := e.Message
	if msg == "" {
		msg = "error"
	}
	b.WriteString(msg)
	if e.Input != "" {
		fmt.Fprintf(&b, " (input %q)", e.Input)
	}
	return b.String()
}

// ErrJobFailed is matched (errors.Is) by every *JobFailedError.
var ErrJobFailed = errors.New("alianza: job failed")

// JobFailedError is a job that FAILED (or ended DONE with errors): Wait
// returns it, Job.Err makes it. Use errors.As to read the errors.
type JobFailedError struct {
	JobID  string
	Name   string
	Status JobStatus
	Errors []JobError
}

// Error names the job and its first errors (three at most; Errors holds
// them all).
func (e *JobFailedError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "alianza: job %s", e.JobID)
	if e.Name != "" {
		fmt.Fprintf(&b, " (%s)", e.Name)
	}
	if e.Status == JobStatusFailed {
		b.WriteString(" failed")
	} else {
		fmt.Fprintf(&b, " ended %s with errors", e.Status)
	}
	for i, je := range e.Errors {
		if i == 3 {
			fmt.Fprintf(&b, "; and %d more", len(e.Errors)-3)
			break
		}
		b.WriteString("; ")
		b.WriteString(je.String())
	}
	return b.String()
}

// Is matches ErrJobFailed.
func (e *JobFailedError) Is(target error) bool { return target == ErrJobFailed }

// jobOutputURL is the answer of getOutputUrl (JobOutputUrl).
type jobOutputURL struct {
	URL string `json:"url,omitempty"`
}

// Get returns the job as it stands.
//
// operationId getJobById.
//
//alianza:operation GET /v2/job/{jobId}
func (s *JobsService) Get(ctx context.Context, jobID string, callOpts ...CallOption) (*Job, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("jobId", jobID)
	if err := v.err(); err != nil {
		return nil, err
	}
	return call[Job](ctx, s.client, &request{
		method: http.MethodGet,
		path:   "/v2/job/{jobId}",
		args:   []string{jobID},
	})
}

// Output copies the output of a finished job (a report's CSV, say) to w,
// as it arrives: memory use does not grow with its size. A job that has no
// output yet is a 404 (ErrNotFound). Bound a long download with the
// client's WithTimeout, which covers the body.
//
// operationId getJobOutput.
//
//alianza:operation GET /v2/job/{jobId}/output
func (s *JobsService) Output(ctx context.Context, jobID string, w io.Writer, callOpts ...CallOption) error {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("jobId", jobID)
	v.check(w != nil && !isNilPointer(w), "w", "is required")
	if err := v.err(); err != nil {
		return err
	}
	return s.client.do(ctx, &request{
		method: http.MethodGet,
		path:   "/v2/job/{jobId}/output",
		args:   []string{jobID},
		do:     &doRequest{w: w, accept: "application/octet-stream"},
	})
}

// Input copies the input a job was started with to w (404 when it had
// none).
//
// operationId getJobInput.
//
//alianza:operation GET /v2/job/{jobId}/input
func (s *JobsService) Input(ctx context.Context, jobID string, w io.Writer, callOpts ...CallOption) error {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("jobId", jobID)
	v.check(w != nil && !isNilPointer(w), "w", "is required")
	if err := v.err(); err != nil {
		return err
	}
	return s.client.do(ctx, &request{
		method: http.MethodGet,
		path:   "/v2/job/{jobId}/input",
		args:   []string{jobID},
		do:     &doRequest{w: w, accept: "application/octet-stream"},
	})
}

// OutputURL returns a download link to a finished job's output, for a
// browser or another service; it needs no X-AUTH-TOKEN.
//
// operationId getOutputUrl.
//
//alianza:operation GET /v2/job/{jobId}/output-url
func (s *JobsService) OutputURL(ctx context.Context, jobID string, callOpts ...CallOption) (string, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("jobId", jobID)
	if err := v.err(); err != nil {
		return "", err
	}
	u, err := call[jobOutputURL](ctx, s.client, &request{
		method: http.MethodGet,
		path:   "/v2/job/{jobId}/output-url",
		args:   []string{jobID},
	})
	if err != nil {
		return "", err
	}
	return u.URL, nil
}

// NewUpload returns a pre-signed URL to upload a bulk operation's input to,
// and the key to pass to that operation once the upload is done.
//
// operationId getJobInputUrl.
//
//alianza:operation POST /v2/job/input
func (s *JobsService) NewUpload(ctx context.Context, callOpts ...CallOption) (*JobUpload, error) {
	ctx = withCallOptions(ctx, callOpts)
	return call[JobUpload](ctx, s.client, &request{
		method: http.MethodPost,
		path:   "/v2/job/input",
	})
}

// Polling defaults of Wait. The platform documents no interval: the first
// poll is at once, the next after DefaultJobPollInterval, each wait then
// doubles up to DefaultJobPollMaxInterval. A report of a large partition
// takes minutes, a small one seconds; this finds a quick job within a
// second and costs a slow one a poll every 15 seconds.
const (
	DefaultJobPollInterval    = time.Second
	DefaultJobPollMaxInterval = 15 * time.Second
)

// WaitOptions tunes JobsService.Wait. The zero value (or nil) uses the
// defaults.
type WaitOptions struct {
	// Interval is the wait after the first poll; 0 means
	// DefaultJobPollInterval. Each next wait doubles, up to MaxInterval.
	Interval time.Duration
	// MaxInterval caps the wait between polls; 0 means
	// DefaultJobPollMaxInterval (or Interval, when that is larger).
	MaxInterval time.Duration
	// Progress, when set, is called with the job after every poll, in the
	// caller's goroutine, the final poll included. It must not keep the
	// pointer.
	Progress func(*Job)
}

func (o *WaitOptions) validate(v *validator) {
	if o == nil {
		return
	}
	v.check(o.Interval >= 0, "interval", "must not be negative")
	v.check(o.MaxInterval >= 0, "maxInterval", "must not be negative")
}

// Validate reports, as a *ValidationError, what Wait would refuse in o.
func (o *WaitOptions) Validate() error {
	if o == nil {
		return nil
	}
	return validateRequest(o)
}

// intervals returns the first wait and the cap.
func (o *WaitOptions) intervals() (first, ceiling time.Duration) {
	first, ceiling = DefaultJobPollInterval, DefaultJobPollMaxInterval
	if o != nil && o.Interval > 0 {
		first = o.Interval
	}
	if o != nil && o.MaxInterval > 0 {
		ceiling = o.MaxInterval
	}
	return first, max(first, ceiling)
}

// Wait polls the job until it ends and returns it. A FAILED job comes back
// with a *JobFailedError (errors.Is ErrJobFailed; errors.As gives each
// error's line, column and input); a DONE one with nil, even when it lists
// errors (Job.Err tells). A poll that fails ends Wait with that error and
// the job as last seen (nil before the first answer): each poll already
// retries as every GET does.
//
// Wait honours ctx between polls: when ctx ends it returns at once with
// ctx's error, and a ctx already ended sends nothing. See WaitOptions for
// the intervals.
func (s *JobsService) Wait(ctx context.Context, jobID string, opts *WaitOptions, callOpts ...CallOption) (*Job, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("jobId", jobID)
	opts.validate(&v)
	if err := v.err(); err != nil {
		return nil, err
	}
	next, ceiling := opts.intervals()
	var last *Job
	for {
		if err := ctx.Err(); err != nil {
			return last, err
		}
		j, err := s.Get(ctx, jobID)
		if err != nil {
			return last, err
		}
		last = j
		if opts != nil && opts.Progress != nil {
			opts.Progress(j)
		}
		if j.Done() {
			if j.Status == JobStatusFailed {
				return j, j.Err()
			}
			return j, nil
		}
		t := time.NewTimer(next)
		select {
		case <-ctx.Done():
			t.Stop()
			return last, ctx.Err()
		case <-t.C:
		}
		next = nextPoll(next, ceiling)
	}
}

// nextPoll is the wait after cur: doubled, at most ceiling.
func nextPoll(cur, ceiling time.Duration) time.Duration { return min(cur*2, ceiling) }
