package alianzatest

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// stateEndpoints are the endpoints that change or read the fake's state,
// clock, request log and violations.
func stateEndpoints() map[string]controlEndpoint {
	return map[string]controlEndpoint{
		"expire-tokens": controlPost(func(s *Server, _ *struct{}) error {
			s.ExpireTokens()
			return nil
		}),
		"registered":        controlPost((*Server).controlRegistered),
		"lock-out-siptrunk": controlPost((*Server).controlLockOut),
		"fail-next-job":     controlPost((*Server).controlFailNextJob),
		"port-fault":        controlPost((*Server).controlPortFault),
		"not-portable": controlPost(func(s *Server, req *numbersRequest) error {
			tns, err := req.valid()
			if err == nil {
				s.SetNotPortable(tns...)
			}
			return err
		}),
		"wireless": controlPost(func(s *Server, req *numbersRequest) error {
			tns, err := req.valid()
			if err == nil {
				s.SetWireless(tns...)
			}
			return err
		}),
		"reserve": controlPost((*Server).controlReserve),
		"advance": controlPost(func(s *Server, req *struct {
			By string `json:"by"`
		}) error {
			d, err := time.ParseDuration(req.By)
			if err != nil || d <= 0 {
				return fmt.Errorf("by: %q is not a duration of more than 0 such as \"1h30m\"", req.By)
			}
			s.Advance(d)
			return nil
		}),
		"now": controlGet(func(s *Server, _ *http.Request) (any, error) {
			return map[string]string{"now": s.Now().Format(time.RFC3339Nano)}, nil
		}),
		"requests": controlGet((*Server).controlRequests),
		"calls":    controlGet((*Server).controlCalls),
		"violations": controlGet(func(s *Server, _ *http.Request) (any, error) {
			out := []violationJSON{}
			for _, v := range s.Violations() {
				out = append(out, violationJSON(v))
			}
			return out, nil
		}),
		"violations/reset": controlPost(func(s *Server, _ *struct{}) error {
			s.ResetViolations()
			return nil
		}),
	}
}

// registeredRequest names one SIP trunk, device line or business line, by
// the path parameter the API names its id with.
type registeredRequest struct {
	SipTrunkID     string `json:"sipTrunkId"`
	DeviceID       string `json:"deviceId"`
	BusinessLineID string `json:"businessLineId"`
	Registered     *bool  `json:"registered"`
}

func (s *Server) controlRegistered(req *registeredRequest) error {
	var kind, id string
	n := 0
	for _, f := range []struct{ kind, id string }{
		{"sipTrunkId", req.SipTrunkID}, {"deviceId", req.DeviceID}, {"businessLineId", req.BusinessLineID},
	} {
		if f.id != "" {
			kind, id = f.kind, f.id
			n++
		}
	}
	if n != 1 {
		return errors.New("give exactly one of sipTrunkId, deviceId (a device line) and businessLineId")
	}
	if req.Registered == nil {
		return errors.New("registered: missing; true or false")
	}
	if !s.exists(kind, id) {
		return fmt.Errorf("%w: %s %s", errUnknownID, kind, id)
	}
	if err := s.SetRegistered(id, *req.Registered); err != nil {
		return fmt.Errorf("%w: %v", errUnknownID, err)
	}
	return nil
}

// exists reports whether the fake has the object kind (a JSON field name
// of a control request) with id.
func (s *Server) exists(kind, id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	var t *table
	switch kind {
	case "sipTrunkId":
		t = s.st.trunks
	case "deviceId":
		t = s.st.devices
	case "businessLineId":
		t = s.st.lines
	default:
		return false
	}
	_, ok := t.get(id)
	return ok
}

func (s *Server) controlLockOut(req *struct {
	SipTrunkID string `json:"sipTrunkId"`
}) error {
	if req.SipTrunkID == "" {
		return errors.New("sipTrunkId: missing")
	}
	if err := s.LockOutSipTrunk(req.SipTrunkID); err != nil {
		return fmt.Errorf("%w: %v", errUnknownID, err)
	}
	return nil
}

// jobFailureJSON is a JobFailure in a control request. line is a whole
// number of 0 or more, or a string holding one; column is a string, or a
// number sent as its decimal text.
type jobFailureJSON struct {
	Line    json.RawMessage `json:"line"`
	Column  json.RawMessage `json:"column"`
	Input   string          `json:"input"`
	Message string          `json:"message"`
}

// jobLine reads a failure's line: absent or null is 0.
func jobLine(raw json.RawMessage) (int, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return 0, nil
	}
	digits := string(raw)
	var text string
	if json.Unmarshal(raw, &text) == nil {
		digits = strings.TrimSpace(text)
	}
	n, err := strconv.Atoi(digits)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%s is not a line number: a whole number of 0 or more, such as 3 or \"3\"", raw)
	}
	return n, nil
}

// jobColumn reads a failure's column: absent or null is "".
func jobColumn(raw json.RawMessage) (string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	var text string
	if json.Unmarshal(raw, &text) == nil {
		return text, nil
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String(), nil
	}
	return "", fmt.Errorf("%s is not a column: a string such as \"email\", or a number such as 2", raw)
}

func (s *Server) controlFailNextJob(req *struct {
	Failures []jobFailureJSON `json:"failures"`
}) error {
	var errs []JobFailure
	for i, f := range req.Failures {
		line, err := jobLine(f.Line)
		if err != nil {
			return fmt.Errorf("failures[%d].line: %w", i, err)
		}
		column, err := jobColumn(f.Column)
		if err != nil {
			return fmt.Errorf("failures[%d].column: %w", i, err)
		}
		if strings.TrimSpace(f.Message) == "" {
			return fmt.Errorf("failures[%d].message: missing", i)
		}
		errs = append(errs, JobFailure{Line: line, Column: column, Input: f.Input, Message: f.Message})
	}
	s.FailNextJob(errs...)
	return nil
}

func (s *Server) controlPortFault(req *struct {
	At      PortStep    `json:"at"`
	Outcome PortOutcome `json:"outcome"`
	Reason  string      `json:"reason"`
}) error {
	switch req.At {
	case "", PortStepPending, PortStepInProgress, PortStepFOCReceived:
	default:
		return fmt.Errorf("at: %q is not %s, %s or %s", req.At, PortStepPending, PortStepInProgress, PortStepFOCReceived)
	}
	switch req.Outcome {
	case "", PortRejected, PortCarrierCancelled:
	default:
		return fmt.Errorf("outcome: %q is not %s or %s", req.Outcome, PortRejected, PortCarrierCancelled)
	}
	s.InjectPortFault(PortFault{At: req.At, Outcome: req.Outcome, Reason: req.Reason})
	return nil
}

// numbersRequest lists telephone numbers.
type numbersRequest struct {
	Numbers []string `json:"numbers"`
}

// valid returns the numbers, or an error naming the first bad one.
func (req *numbersRequest) valid() ([]string, error) {
	if len(req.Numbers) == 0 {
		return nil, errors.New("numbers: missing; a list of telephone numbers")
	}
	for i, tn := range req.Numbers {
		if !isTN(tn) {
			return nil, fmt.Errorf("numbers[%d]: %q is not a telephone number of 10 digits, or 11 starting with 1", i, tn)
		}
	}
	return req.Numbers, nil
}

// isTN reports whether tn is a North American number the fake knows the
// form of: 10 digits, or 11 starting with 1.
func isTN(tn string) bool {
	tn = normTN(tn)
	return len(tn) == 11 && tn[0] == '1' && strings.Trim(tn, "0123456789") == ""
}

func (s *Server) controlReserve(req *struct {
	Number    string `json:"number"`
	AccountID string `json:"accountId"`
}) error {
	switch {
	case !isTN(req.Number):
		return fmt.Errorf("number: %q is not a telephone number of 10 digits, or 11 starting with 1", req.Number)
	case req.AccountID == "":
		return errors.New("accountId: missing")
	}
	if err := s.ReserveForAccount(req.Number, req.AccountID); err != nil {
		return fmt.Errorf("%w: %v", errUnknownID, err)
	}
	return nil
}

// violationJSON is a Violation as GET /_fake/violations lists it (the same
// fields, in the same order).
type violationJSON struct {
	Method  string `json:"method"`
	Path    string `json:"path"`
	Route   string `json:"route"`
	Side    string `json:"side"`
	Message string `json:"message"`
}

// requestJSON is a Request as GET /_fake/requests lists it, secrets
// redacted.
type requestJSON struct {
	Method   string `json:"method"`
	Path     string `json:"path"`
	Route    string `json:"route"`
	Query    string `json:"query"`
	Status   int    `json:"status"`
	Body     string `json:"body"`
	Response string `json:"response"`
	Fault    string `json:"fault"`
}

// operationFilter resolves the query parameter "operation"; nil keys
// (and no error) when it is absent.
func (s *Server) operationFilter(r *http.Request) (map[string]bool, error) {
	op := r.URL.Query().Get("operation")
	if op == "" {
		return nil, nil
	}
	keys, err := s.operationKeys([]string{op})
	if err != nil {
		return nil, fmt.Errorf("operation: %w", err)
	}
	return keys, nil
}

func (s *Server) controlRequests(r *http.Request) (any, error) {
	keys, err := s.operationFilter(r)
	if err != nil {
		return nil, err
	}
	out := []requestJSON{}
	for _, q := range s.redactedRequests() {
		if keys != nil && (q.Route == "" || !keys[opKey(q.Method, q.Route)]) {
			continue
		}
		out = append(out, requestJSON{
			Method: q.Method, Path: q.Path, Route: q.Route, Query: q.Query, Status: q.Status,
			Body: q.Body, Response: q.Response, Fault: string(q.Fault),
		})
	}
	return out, nil
}

func (s *Server) controlCalls(r *http.Request) (any, error) {
	keys, err := s.operationFilter(r)
	if err != nil {
		return nil, err
	}
	if keys == nil {
		return nil, errors.New("operation: missing; such as ?operation=createAccount")
	}
	n := 0
	for key := range keys {
		n += s.Calls(key)
	}
	return map[string]int{"calls": n}, nil
}
