package alianzatest

import "strings"

// Request is one request the fake received.
type Request struct {
	Method string
	Path   string // as sent, unescaped
	Route  Route  // spec template; "" when the path is not in the spec
	Query  string // raw query
	Status int    // 0 when the connection was dropped
	Body   string // request body
	// Response is the response body; empty for FaultKindFail and FaultKindDrop,
	// for FaultKindApplyDrop the answer the fake would have sent.
	Response string
	Fault    FaultKind // the fault injected, FaultKindNone for most
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
