package alianzatest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// faultRequest is the JSON body of the fault endpoints.
type faultRequest struct {
	Operation  string            `json:"operation"`
	Operations []string          `json:"operations"`
	N          *int              `json:"n"`
	Status     int               `json:"status"`
	Headers    map[string]string `json:"headers"`
	Body       json.RawMessage   `json:"body"`
	Delay      string            `json:"delay"`
	Seed       uint64            `json:"seed"`
	Fail       float64           `json:"fail"`
	Drop       float64           `json:"drop"`
	ApplyDrop  float64           `json:"applyDrop"`
}

// faultEndpoints are the endpoints of the injected faults.
func faultEndpoints() map[string]controlEndpoint {
	out := map[string]controlEndpoint{
		"clear": controlPost(func(s *Server, _ *faultRequest) error {
			s.ClearFaults()
			return nil
		}),
		"fault-rate": controlPost(func(s *Server, req *faultRequest) error {
			if err := req.checkStatus(); err != nil {
				return err
			}
			header, body := req.answer()
			return s.SetFaultRate(FaultRate{
				Seed: req.Seed, Fail: req.Fail, Drop: req.Drop, ApplyDrop: req.ApplyDrop,
				Status: req.Status, Header: header, Body: body, Operations: req.Operations,
			})
		}),
	}
	for _, name := range []string{"fail-next", "drop-next", "apply-then-drop-next", "delay"} {
		out[name] = controlPost(func(s *Server, req *faultRequest) error { return s.injectFault(name, req) })
	}
	return out
}

// answer returns the header and body an injected failure answers with.
func (req *faultRequest) answer() (http.Header, any) {
	var body any
	if len(req.Body) > 0 {
		body = []byte(req.Body)
		var str string
		if json.Unmarshal(req.Body, &str) == nil {
			body = str // a JSON string is sent as plain text
		}
	}
	header := http.Header{}
	for k, v := range req.Headers {
		header.Set(k, v)
	}
	if len(header) == 0 {
		header = nil
	}
	return header, body
}

// checkStatus refuses a failure status outside 400-599: a fault is an
// error answer. 0 means the default, 503.
func (req *faultRequest) checkStatus() error {
	if req.Status != 0 && (req.Status < 400 || req.Status > 599) {
		return fmt.Errorf("status: %d is not an error status from 400 to 599", req.Status)
	}
	return nil
}

// injectFault arms the fault name (fail-next, drop-next,
// apply-then-drop-next or delay) on req.Operation.
func (s *Server) injectFault(name string, req *faultRequest) error {
	n := 1
	if req.N != nil {
		n = *req.N
		if n < 1 && name != "delay" {
			return fmt.Errorf("n: %d is not a count of 1 or more (POST /_fake/clear removes every fault)", n)
		}
	}
	if name == "fail-next" {
		if err := req.checkStatus(); err != nil {
			return err
		}
	}
	header, body := req.answer()
	if req.Operation == "" {
		return fmt.Errorf("operation: missing; %s needs an operation", name)
	}
	keys, err := s.operationKeys([]string{req.Operation})
	if err != nil {
		return err
	}
	var d time.Duration
	if name == "delay" {
		if d, err = time.ParseDuration(req.Delay); err != nil || d < 0 {
			return fmt.Errorf("alianzatest: delay %q is not a duration of 0 or more such as \"1.5s\"", req.Delay)
		}
	}
	if name == "fail-next" && req.Status == 0 {
		req.Status = http.StatusServiceUnavailable
	}
	for key := range keys {
		method, route, _ := strings.Cut(key, " ")
		switch name {
		case "fail-next":
			err = s.FailNextWithHeader(method, route, n, req.Status, header, body)
		case "drop-next":
			err = s.DropNext(method, route, n)
		case "apply-then-drop-next":
			err = s.ApplyThenDropNext(method, route, n)
		case "delay":
			err = s.Delay(method, route, d)
		}
		if err != nil {
			return err
		}
	}
	return nil
}
