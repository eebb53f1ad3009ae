package alianzatest

import (
	"net/http"
	"time"
)

// How a fake job moves on the fake's clock (Server.Advance moves it): it
// is PENDING for JobPendingFor after it starts, IN_PROGRESS for JobRunFor
// after that, then DONE, or FAILED when FailNextJob armed it.
const (
	JobPendingFor = 2 * time.Second
	JobRunFor     = 3 * time.Second
)

// JobFailure is one error a failed fake job reports (a JobError).
type JobFailure struct {
	Line    int
	Column  string
	Input   string
	Message string
}

// fakeJob is an asynchronous job of the fake.
type fakeJob struct {
	id, name, userID string
	start            time.Time
	input            []byte // what the job was started with; nil: none
	output           []byte
	failures         []JobFailure // set: the job ends FAILED with these
	failed           bool
}

// porting holds the fake's jobs, ports and prevalidation settings; it
// lives in state and is made on first use.
type porting struct {
	jobs        map[string]*fakeJob
	failNext    []JobFailure
	failArmed   bool
	ports       map[string]*fakePort
	portOrder   []string
	portFaults  []PortFault
	notPortable map[string]bool
	wireless    map[string]bool
	// epoch dates the history records of what the fake keeps no date of
	// (accounts, users, numbers): when this state was first used.
	epoch time.Time
}

func (s *Server) portingLocked() *porting {
	if s.st.porting == nil {
		s.st.porting = &porting{
			jobs:        map[string]*fakeJob{},
			ports:       map[string]*fakePort{},
			notPortable: map[string]bool{},
			wireless:    map[string]bool{},
			epoch:       s.nowLocked(),
		}
	}
	return s.st.porting
}

// FailNextJob makes the next job the fake starts (a CSV report, say) end
// FAILED with errs, or with one generic error when none is given.
func (s *Server) FailNextJob(errs ...JobFailure) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.portingLocked()
	if len(errs) == 0 {
		errs = []JobFailure{{Message: "report generation failed"}}
	}
	p.failNext, p.failArmed = append([]JobFailure(nil), errs...), true
}

// startJob starts a job whose output is output, and answers 202
// with it.
func (c *call) startJob(name string, output []byte) reply {
	p := c.s.portingLocked()
	j := &fakeJob{id: newID(), name: name, start: c.s.nowLocked(), output: output}
	if c.session != nil {
		j.userID = c.session.userID
	}
	if p.failArmed {
		j.failures, j.failed = p.failNext, true
		p.failNext, p.failArmed = nil, false
	}
	p.jobs[j.id] = j
	return reply{status: http.StatusAccepted, body: j.render(c.s.nowLocked())}
}

// status returns the job's status at now and when it last changed.
func (j *fakeJob) status(now time.Time) (string, time.Time) {
	running := j.start.Add(JobPendingFor)
	done := running.Add(JobRunFor)
	switch {
	case now.Before(running):
		return "PENDING", j.start
	case now.Before(done):
		return "IN_PROGRESS", running
	case j.failed:
		return "FAILED", done
	default:
		return "DONE", done
	}
}

func (j *fakeJob) render(now time.Time) obj {
	st, last := j.status(now)
	o := obj{"id": j.id, "name": j.name, "status": st, "start": timestamp(j.start), "lastUpdated": timestamp(last)}
	if j.userID != "" {
		o["userId"] = j.userID
	}
	if j.input != nil {
		o["inputKey"] = "input/" + j.id
	}
	if st == "DONE" {
		o["outputKey"] = "output/" + j.id + ".csv"
	}
	if st == "FAILED" {
		errs := make([]obj, 0, len(j.failures))
		for _, f := range j.failures {
			e := obj{"error": f.Message}
			if f.Line > 0 {
				e["lineNumber"] = f.Line
			}
			if f.Column != "" {
				e["column"] = f.Column
			}
			if f.Input != "" {
				e["input"] = f.Input
			}
			errs = append(errs, e)
		}
		o["errors"] = errs
	}
	return o
}

func (c *call) job() (*fakeJob, *reply) {
	j := c.s.portingLocked().jobs[c.params["jobId"]]
	if j == nil {
		r := c.notFound("Job", c.params["jobId"])
		return nil, &r
	}
	return j, nil
}

// getJobByID serves getJobById: GET /v2/job/{jobId}.
func getJobByID(c *call) reply {
	j, r := c.job()
	if r != nil {
		return *r
	}
	return ok(j.render(c.s.nowLocked()))
}

// getJobOutput: GET /v2/job/{jobId}/output, the CSV as application/octet-stream once DONE.
func getJobOutput(c *call) reply {
	j, r := c.job()
	if r != nil {
		return *r
	}
	if st, _ := j.status(c.s.nowLocked()); st != "DONE" {
		return c.notFound("Output of job", j.id+" ("+st+")")
	}
	return reply{status: http.StatusOK, body: rawBody{contentType: "application/octet-stream", data: j.output}}
}

// getJobInput: GET /v2/job/{jobId}/input, what the job was started with
// as application/octet-stream. A report has no input: 404, as the
// platform answers for a job without one.
func getJobInput(c *call) reply {
	j, r := c.job()
	if r != nil {
		return *r
	}
	if j.input == nil {
		return c.notFound("Input of job", j.id)
	}
	return reply{status: http.StatusOK, body: rawBody{contentType: "application/octet-stream", data: j.input}}
}

// getOutputURL serves getOutputUrl: GET /v2/job/{jobId}/output-url. The fake links to the
// output operation itself, which needs the token.
func getOutputURL(c *call) reply {
	j, r := c.job()
	if r != nil {
		return *r
	}
	if st, _ := j.status(c.s.nowLocked()); st != "DONE" {
		return c.notFound("Output of job", j.id+" ("+st+")")
	}
	return ok(obj{"url": c.s.url + "/v2/job/" + j.id + "/output"})
}

// getJobInputURL serves getJobInputUrl: POST /v2/job/input. The fake hands out a key and an
// upload address under its control prefix; none of its operations reads
// uploads.
func getJobInputURL(c *call) reply {
	key := "input/" + newID()
	return ok(obj{"url": c.s.url + "/_fake/upload/" + key, "key": key})
}
