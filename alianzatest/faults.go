package alianzatest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// fault is what a test asked to go wrong on one operation.
type fault struct {
	failN      int
	failStatus int
	failBody   []byte
	dropN      int
	delay      time.Duration
}

type failSpec struct {
	status int
	body   []byte
}

// taken is the fault to apply to one call.
type taken struct {
	delay time.Duration
	drop  bool
	fail  *failSpec
}

func opKey(method, template string) string { return method + " " + template }

// RouteOf returns the method and path template of a spec operation, such as
// RouteOf("createAccount") = ("POST", "/v2/partition/{partitionId}/account").
func (s *Server) RouteOf(operationID string) (method string, route Route, ok bool) {
	r := s.spec.byID[operationID]
	if r == nil {
		return "", "", false
	}
	return r.method, r.template, true
}

func (s *Server) faultFor(method string, route Route) (*fault, error) {
	method = strings.ToUpper(method)
	if !s.spec.has(method, route) {
		return nil, fmt.Errorf("alianzatest: %s %s is not an operation of the spec", method, route)
	}
	key := opKey(method, route)
	f := s.faults[key]
	if f == nil {
		f = &fault{}
		s.faults[key] = f
	}
	return f, nil
}

// FailNext makes the next n calls of an operation (method and spec path
// template, see RouteOf) answer status with body. body is sent as is when it
// is a string or []byte (JSON or plain text), marshalled otherwise; nil
// sends a PublicApiException for status.
func (s *Server) FailNext(method string, route Route, n, status int, body any) error {
	var b []byte
	switch v := body.(type) {
	case nil:
		b = mustJSON(map[string]any{"status": status, "messages": []string{http.StatusText(status)}})
	case string:
		b = []byte(v)
	case []byte:
		b = append([]byte(nil), v...)
	default:
		var err error
		if b, err = json.Marshal(v); err != nil {
			return err
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	f, err := s.faultFor(method, route)
	if err != nil {
		return err
	}
	f.failN, f.failStatus, f.failBody = n, status, b
	return nil
}

// Delay makes every later call of an operation wait d before it is
// answered (or until the client gives up). d = 0 removes the delay.
func (s *Server) Delay(method string, route Route, d time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, err := s.faultFor(method, route)
	if err != nil {
		return err
	}
	f.delay = d
	return nil
}

// DropNext makes the next n calls of an operation lose their connection:
// the fake reads the request, then closes the connection without answering.
func (s *Server) DropNext(method string, route Route, n int) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, err := s.faultFor(method, route)
	if err != nil {
		return err
	}
	f.dropN = n
	return nil
}

// ClearFaults removes every injected failure, drop and delay.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = map[string]*fault{}
}

// takeFault consumes one unit of the operation's pending faults.
func (s *Server) takeFault(key string) taken {
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.faults[key]
	if f == nil {
		return taken{}
	}
	t := taken{delay: f.delay}
	switch {
	case f.dropN > 0:
		f.dropN--
		t.drop = true
	case f.failN > 0:
		f.failN--
		t.fail = &failSpec{status: f.failStatus, body: f.failBody}
	}
	return t
}

// dropConn closes the client's connection without an answer.
func dropConn(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler)
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	_ = conn.Close()
}
