package alianzatest

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strings"
	"time"
)

// FaultKind names a fault the fake injected into a request, as reported in
// Request.Fault.
type FaultKind string

// The faults a request can get.
const (
	// FaultKindNone: the request was served normally.
	FaultKindNone FaultKind = ""
	// FaultKindFail: the request was answered with an injected status and body
	// and not carried out (FailNext, FailNextWithHeader, FaultRate.Fail).
	FaultKindFail FaultKind = "fail"
	// FaultKindDrop: the connection was closed without an answer before the
	// request was carried out (DropNext, FaultRate.Drop).
	FaultKindDrop FaultKind = "drop"
	// FaultKindApplyDrop: the request was carried out and its effect stored,
	// then the connection was closed without an answer (ApplyThenDropNext,
	// FaultRate.ApplyDrop). The client cannot know the outcome.
	FaultKindApplyDrop FaultKind = "apply-drop"
)

// fault is what a test asked to go wrong on one operation.
type fault struct {
	failN      int
	fail       failSpec
	dropN      int
	applyDropN int
	delay      time.Duration
}

type failSpec struct {
	status int
	header http.Header
	body   []byte
}

// taken is the fault to apply to one call.
type taken struct {
	delay time.Duration
	kind  FaultKind
	fail  *failSpec // when kind is FaultKindFail
}

// rateFault is an installed FaultRate.
type rateFault struct {
	r    FaultRate
	rng  *rand.Rand
	ops  map[string]bool // operation keys; nil means every operation
	fail failSpec
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

// operationKeys resolves operation names, each "METHOD template", a bare
// template (every method the spec has on it) or an operationId, to keys.
func (s *Server) operationKeys(names []string) (map[string]bool, error) {
	keys := map[string]bool{}
	for _, name := range names {
		name = strings.TrimSpace(name)
		switch {
		case strings.HasPrefix(name, "/"):
			n := 0
			for _, r := range s.spec.routes {
				if r.template == name {
					keys[opKey(r.method, r.template)] = true
					n++
				}
			}
			if n == 0 {
				return nil, fmt.Errorf("alianzatest: %s is not a path of the spec", name)
			}
		case strings.Contains(name, " "):
			method, tmpl, _ := strings.Cut(name, " ")
			method, tmpl = strings.ToUpper(method), strings.TrimSpace(tmpl)
			if !s.spec.has(method, tmpl) {
				return nil, fmt.Errorf("alianzatest: %s %s is not an operation of the spec", method, tmpl)
			}
			keys[opKey(method, tmpl)] = true
		default:
			r := s.spec.byID[name]
			if r == nil {
				return nil, fmt.Errorf("alianzatest: %q is not an operationId of the spec", name)
			}
			keys[opKey(r.method, r.template)] = true
		}
	}
	return keys, nil
}

// setFault runs set, under the server's lock, on the fault state of an
// operation of the spec, creating it on first use.
func (s *Server) setFault(method string, route Route, set func(*fault)) error {
	method = strings.ToUpper(method)
	if !s.spec.has(method, route) {
		return fmt.Errorf("alianzatest: %s %s is not an operation of the spec", method, route)
	}
	key := opKey(method, route)
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.faults[key]
	if f == nil {
		f = &fault{}
		s.faults[key] = f
	}
	set(f)
	return nil
}

// failBody is the body of an injected failure: body as is when it is a
// string or []byte, marshalled otherwise; nil is a PublicApiException.
func failBody(status int, body any) ([]byte, error) {
	switch v := body.(type) {
	case nil:
		return mustJSON(map[string]any{"status": status, "messages": []string{http.StatusText(status)}}), nil
	case string:
		return []byte(v), nil
	case []byte:
		return append([]byte(nil), v...), nil
	default:
		return json.Marshal(v)
	}
}

func checkStatus(status int) error {
	if status < 100 || status > 999 {
		return fmt.Errorf("alianzatest: status %d is not an HTTP status", status)
	}
	return nil
}

// FailNext makes the next n calls of an operation (method and spec path
// template, see RouteOf) answer status with body, without carrying them
// out. body is sent as is when it is a string or []byte (JSON or plain
// text), marshalled otherwise; nil sends a PublicApiException for status.
func (s *Server) FailNext(method string, route Route, n, status int, body any) error {
	return s.FailNextWithHeader(method, route, n, status, nil, body)
}

// FailNextWithHeader is FailNext with response headers, such as a
// Retry-After on a 429 or 503:
//
//	srv.FailNextWithHeader("POST", route, 1, 503, http.Header{"Retry-After": {"2"}}, nil)
//
// The Content-Type is set from the body unless header names one.
func (s *Server) FailNextWithHeader(method string, route Route, n, status int, header http.Header, body any) error {
	if err := checkStatus(status); err != nil {
		return err
	}
	b, err := failBody(status, body)
	if err != nil {
		return err
	}
	return s.setFault(method, route, func(f *fault) { f.failN, f.fail = n, failSpec{status: status, header: header.Clone(), body: b} })
}

// Delay makes every later call of an operation wait d before it is
// answered (or until the client gives up). d = 0 removes the delay.
func (s *Server) Delay(method string, route Route, d time.Duration) error {
	return s.setFault(method, route, func(f *fault) { f.delay = d })
}

// DropNext makes the next n calls of an operation lose their connection:
// the fake reads the request, then closes the connection without answering
// and without carrying the request out.
func (s *Server) DropNext(method string, route Route, n int) error {
	return s.setFault(method, route, func(f *fault) { f.dropN = n })
}

// ApplyThenDropNext makes the next n calls of an operation be carried out
// by the fake (a create is stored, a delete deletes; a request the fake
// refuses stays refused) and then lose their connection without an
// answer, as when a network fails after the platform acted: the client
// cannot tell whether its request was applied. Over HTTP the connection is
// hijacked and closed; through Transport the round trip returns an error. The request log keeps the answer the fake would have
// sent (Request.Response), with Status 0 and Fault FaultKindApplyDrop.
//
//	method, route, _ := srv.RouteOf("createAccount")
//	srv.ApplyThenDropNext(method, route, 1) // "POST /v2/partition/{partitionId}/account"
func (s *Server) ApplyThenDropNext(method string, route Route, n int) error {
	return s.setFault(method, route, func(f *fault) { f.applyDropN = n })
}

// FaultRate injects faults into a share of the requests, drawn from a
// seeded generator: the same seed and the same sequence of matching
// requests give the same faults, so a soak test that failed can be run
// again exactly (with concurrent clients, the order in which their
// requests reach the fake decides which one gets which draw). Faults set
// with FailNext, DropNext or ApplyThenDropNext come first and use no draw.
type FaultRate struct {
	// Seed seeds the generator.
	Seed uint64
	// Fail, Drop and ApplyDrop are the shares (0 to 1, together at most
	// 1) of matching requests that are answered Status without being
	// carried out, dropped before being carried out, and carried out then
	// dropped (see ApplyThenDropNext).
	Fail, Drop, ApplyDrop float64
	// Status answers a failed request; 0 means 503.
	Status int
	// Header is sent with that answer, such as Retry-After.
	Header http.Header
	// Body is that answer's body, as for FailNext; nil is a
	// PublicApiException.
	Body any
	// Operations limits the faults to these operations, each "METHOD
	// template" ("POST /v2/partition/{partitionId}/account"), a bare
	// template (every method on it) or an operationId ("createAccount").
	// Empty means every operation of the spec, the login included.
	Operations []string
}

// SetFaultRate installs r, replacing any earlier FaultRate; a zero
// FaultRate removes it. Each matching request draws one number from the
// generator.
func (s *Server) SetFaultRate(r FaultRate) error {
	for _, p := range []float64{r.Fail, r.Drop, r.ApplyDrop} {
		if p < 0 || p > 1 {
			return fmt.Errorf("alianzatest: fault share %v is outside 0..1", p)
		}
	}
	if sum := r.Fail + r.Drop + r.ApplyDrop; sum > 1+1e-9 {
		return fmt.Errorf("alianzatest: fault shares add up to %v, more than 1", sum)
	}
	if r.Status == 0 {
		r.Status = http.StatusServiceUnavailable
	}
	if err := checkStatus(r.Status); err != nil {
		return err
	}
	b, err := failBody(r.Status, r.Body)
	if err != nil {
		return err
	}
	var ops map[string]bool
	if len(r.Operations) > 0 {
		if ops, err = s.operationKeys(r.Operations); err != nil {
			return err
		}
	}
	rf := &rateFault{
		r:    r,
		rng:  rand.New(rand.NewPCG(r.Seed, r.Seed^0x9e3779b97f4a7c15)),
		ops:  ops,
		fail: failSpec{status: r.Status, header: r.Header.Clone(), body: b},
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if r.Fail == 0 && r.Drop == 0 && r.ApplyDrop == 0 {
		rf = nil
	}
	s.rate = rf
	return nil
}

// ClearFaults removes every injected failure, drop, delay and fault rate.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = map[string]*fault{}
	s.rate = nil
}

// takeFault consumes one unit of the operation's pending faults, or draws
// from the fault rate.
func (s *Server) takeFault(key string) taken {
	s.mu.Lock()
	defer s.mu.Unlock()
	var t taken
	if f := s.faults[key]; f != nil {
		t.delay = f.delay
		switch {
		case f.dropN > 0:
			f.dropN--
			t.kind = FaultKindDrop
		case f.applyDropN > 0:
			f.applyDropN--
			t.kind = FaultKindApplyDrop
		case f.failN > 0:
			f.failN--
			fs := f.fail
			t.kind, t.fail = FaultKindFail, &fs
		}
		if t.kind != FaultKindNone {
			return t
		}
	}
	if rf := s.rate; rf != nil && (rf.ops == nil || rf.ops[key]) {
		u := rf.rng.Float64()
		switch {
		case u < rf.r.Fail:
			fs := rf.fail
			t.kind, t.fail = FaultKindFail, &fs
		case u < rf.r.Fail+rf.r.Drop:
			t.kind = FaultKindDrop
		case u < rf.r.Fail+rf.r.Drop+rf.r.ApplyDrop:
			t.kind = FaultKindApplyDrop
		}
	}
	return t
}

// errDropped is what Transport returns for a dropped connection.
var errDropped = errors.New("alianzatest: connection closed without an answer")

// dropConn closes the client's connection without an answer.
func dropConn(w http.ResponseWriter) {
	if mw, ok := w.(*memWriter); ok {
		mw.dropped = true
		return
	}
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
