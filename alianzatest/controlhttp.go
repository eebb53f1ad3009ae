package alianzatest

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/go-alianza/alianza/internal/spec"
)

// ControlPrefix is the path prefix of the fault control endpoints that
// WithControlEndpoints adds.
const ControlPrefix = "/_fake/"

// OpenAPIPath is where WithControlEndpoints serves the official OpenAPI
// document the fake validates against (YAML, as Alianza publishes it).
const OpenAPIPath = "/openapi.yml"

// ControlEndpointsHelp documents the HTTP control endpoints, for a
// command's help text.
const ControlEndpointsHelp = `GET  /openapi.yml
    Alianza's OpenAPI document as embedded. The fake validates against it
    after fixing its defects in memory (servers, read-only and
    conditionally required fields, formats, patterns, schema cycles).
POST /_fake/fail-next  {"operation", "n", "status", "headers", "body"}
    Answer the next n calls (default 1) status (default 503) with headers
    such as {"Retry-After": "2"} and body (default a PublicApiException; a
    JSON string is sent as text/plain), without carrying them out.
POST /_fake/drop-next  {"operation", "n"}
    Close the next n connections unanswered, without carrying the requests
    out.
POST /_fake/apply-then-drop-next  {"operation", "n"}
    Carry the next n requests out (a create is stored), then close their
    connections unanswered: the client cannot know the outcome.
POST /_fake/delay  {"operation", "delay": "1.5s"}
    Delay every later call; "0s" removes the delay.
POST /_fake/fault-rate  {"seed", "fail", "drop", "applyDrop", "status", "headers", "body", "operations"}
    Fail, drop, or carry out then drop these shares (0 to 1) of the
    matching requests, drawn from the seed so that a run can be repeated;
    {} removes it.
POST /_fake/clear
    Remove every fault.
"operation" is "METHOD /spec/path/template", an operationId such as
"createAccount", or a bare template (every method on it); "operations" is a
list of them, empty for every operation. Answers: 204 when done, 400
{"error": "..."} for a bad request, 404 for an unknown /_fake/ endpoint,
405 for another method.`

// WithControlEndpoints makes the server answer, besides the Alianza API,
// GET /openapi.yml and the fault control endpoints under /_fake/ (see
// ControlEndpointsHelp), so a test in another process or language can
// inject the faults of FailNextWithHeader, DropNext, ApplyThenDropNext,
// Delay and SetFaultRate over HTTP. They need no login: serve them on
// loopback only. The alianza-fake command enables them.
func WithControlEndpoints() Option {
	return func(c *config) { c.control = true }
}

// controlRequest is the JSON body of every control endpoint.
type controlRequest struct {
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

// serveControl answers a control or document request; it reports false
// for any other path.
func (s *Server) serveControl(w http.ResponseWriter, r *http.Request) bool {
	if !s.cfg.control {
		return false
	}
	if r.URL.Path == OpenAPIPath {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			controlError(w, http.StatusMethodNotAllowed, "use GET")
			return true
		}
		w.Header().Set("Content-Type", "application/yaml")
		w.WriteHeader(http.StatusOK)
		if r.Method == http.MethodGet {
			_, _ = w.Write(spec.OpenAPI())
		}
		return true
	}
	name, ok := strings.CutPrefix(r.URL.Path, ControlPrefix)
	if !ok {
		return false
	}
	if r.Method != http.MethodPost {
		controlError(w, http.StatusMethodNotAllowed, "use POST")
		return true
	}
	var req controlRequest
	raw, err := io.ReadAll(io.LimitReader(r.Body, maxBody))
	if err == nil && len(strings.TrimSpace(string(raw))) > 0 {
		dec := json.NewDecoder(strings.NewReader(string(raw)))
		dec.DisallowUnknownFields()
		err = dec.Decode(&req)
	}
	if err != nil {
		controlError(w, http.StatusBadRequest, "body: "+err.Error())
		return true
	}
	if err := s.control(name, &req); err != nil {
		status := http.StatusBadRequest
		if errors.Is(err, errNoControl) {
			status = http.StatusNotFound
		}
		controlError(w, status, err.Error())
		return true
	}
	w.WriteHeader(http.StatusNoContent)
	return true
}

var errNoControl = errors.New("alianzatest: no such control endpoint")

func (s *Server) control(name string, req *controlRequest) error {
	n := 1
	if req.N != nil {
		n = *req.N
	}
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
	switch name {
	case "clear":
		s.ClearFaults()
		return nil
	case "fault-rate":
		return s.SetFaultRate(FaultRate{
			Seed: req.Seed, Fail: req.Fail, Drop: req.Drop, ApplyDrop: req.ApplyDrop,
			Status: req.Status, Header: header, Body: body, Operations: req.Operations,
		})
	case "fail-next", "drop-next", "apply-then-drop-next", "delay":
	default:
		return errNoControl
	}
	if req.Operation == "" {
		return fmt.Errorf("alianzatest: %s needs an operation", name)
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

func controlError(w http.ResponseWriter, status int, msg string) {
	writeReply(w, status, mustJSON(map[string]string{"error": msg}), "application/json")
}
