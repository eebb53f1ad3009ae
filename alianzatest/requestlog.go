package alianzatest

import (
	"fmt"
	"io"
	"log/slog"
	"strings"
)

// Request is one request the fake received.
//
// Its fields hold what was sent, secrets included: Body carries the
// passwords and SIP passwords a client sent, Response the tokens the fake
// issued, Query whatever the client put there, so that a test can check
// the real bytes. Printing a Request redacts them: fmt (every verb, %+v
// and %#v included, and a Request inside a slice or struct) and slog
// (LogValue) show it as GET /_fake/requests does, with the values of
// secret fields and the secrets found in its own body and response
// "[REDACTED]" (see ControlEndpointsHelp).
type Request struct {
	Method string
	Path   string // as sent, unescaped
	Route  Route  // spec template; "" when the path is not in the spec
	Query  string // raw query, secrets included
	Status int    // 0 when the connection was dropped
	Body   string // request body as sent, secrets included
	// Response is the response body, secrets included: for FaultKindFail
	// the injected body sent, empty for FaultKindDrop, for
	// FaultKindApplyDrop the answer the fake would have sent.
	Response string
	Fault    FaultKind // the fault injected, FaultKindNone for most
}

// requestFields is a Request without its methods, for printing.
type requestFields Request

// redacted returns r with its secrets redacted.
func (r Request) redacted() requestFields {
	return requestFields(newRedactor(nil, r).request(r))
}

// String returns r with its secrets redacted, as %v prints it.
func (r Request) String() string {
	return fmt.Sprintf("%v", r.redacted())
}

// GoString returns r with its secrets redacted, as %#v prints it.
func (r Request) GoString() string {
	f := r.redacted()
	return fmt.Sprintf("alianzatest.Request{Method:%q, Path:%q, Route:%q, Query:%q, Status:%d, Body:%q, Response:%q, Fault:%q}",
		f.Method, f.Path, f.Route, f.Query, f.Status, f.Body, f.Response, f.Fault)
}

// Format implements fmt.Formatter: every verb prints r with its secrets
// redacted.
func (r Request) Format(st fmt.State, verb rune) {
	switch {
	case verb == 'v' && st.Flag('#'):
		_, _ = io.WriteString(st, r.GoString())
	case verb == 's' || verb == 'q':
		_, _ = fmt.Fprintf(st, fmt.FormatString(st, verb), r.String())
	default:
		_, _ = fmt.Fprintf(st, fmt.FormatString(st, verb), r.redacted())
	}
}

// LogValue implements slog.LogValuer with r's secrets redacted.
func (r Request) LogValue() slog.Value {
	f := r.redacted()
	return slog.GroupValue(
		slog.String("method", f.Method), slog.String("path", f.Path), slog.String("route", f.Route),
		slog.String("query", f.Query), slog.Int("status", f.Status), slog.String("body", f.Body),
		slog.String("response", f.Response), slog.String("fault", string(f.Fault)),
	)
}

func (s *Server) record(r Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.log = append(s.log, r)
	if n := s.cfg.logLimit; n > 0 && len(s.log) >= 2*n {
		s.log = append([]Request(nil), s.log[len(s.log)-n:]...)
	}
}

func (s *Server) countCall(key string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls[key]++
}

// Requests returns every request received so far, oldest first.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.log...)
}

// Calls counts the calls of an operation: "METHOD template"
// ("GET /v2/partition/{partitionId}/account") or a bare template, which
// counts every method on it. Faulted and dropped calls count.
func (s *Server) Calls(route string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if strings.HasPrefix(route, "/") {
		n := 0
		for k, v := range s.calls {
			if _, tmpl, _ := strings.Cut(k, " "); tmpl == route {
				n += v
			}
		}
		return n
	}
	method, tmpl, _ := strings.Cut(route, " ")
	return s.calls[opKey(strings.ToUpper(method), tmpl)]
}
