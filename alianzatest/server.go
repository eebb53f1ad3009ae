package alianzatest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/go-alianza/alianza"
)

// Server is a running fake platform. All of its methods are safe for
// concurrent use.
type Server struct {
	cfg  *config
	spec *apiSpec
	t    testing.TB // nil outside tests

	ln     net.Listener
	hs     *http.Server
	url    string
	closed sync.Once

	mu         sync.Mutex // guards everything below
	offset     time.Duration
	st         *state
	sessions   map[string]*session
	faults     map[string]*fault // by operation key, "METHOD template"
	rate       *rateFault
	log        []Request
	calls      map[string]int
	violations []Violation
}

// NewServer starts a fake platform for a test and stops it when the test
// ends. Every spec violation the test's traffic causes fails the test.
func NewServer(t testing.TB, opts ...Option) *Server {
	t.Helper()
	s, err := newServer(t, opts)
	if err != nil {
		t.Fatalf("alianzatest: %v", err)
	}
	t.Cleanup(s.Close)
	return s
}

// Start starts a fake platform outside a test. Call Close when done.
// Violations are only recorded (see Violations and WithViolationLog).
func Start(opts ...Option) (*Server, error) { return newServer(nil, opts) }

func newServer(t testing.TB, opts []Option) (*Server, error) {
	cfg := defaultConfig()
	for _, o := range opts {
		if o != nil {
			o(cfg)
		}
	}
	if cfg.username == "" || cfg.password == "" || cfg.partitionID == "" {
		return nil, errors.New("username, password and partition ID must not be empty")
	}
	if cfg.portStep <= 0 {
		return nil, fmt.Errorf("port step duration %s: must be more than 0", cfg.portStep)
	}
	sp, err := loadSpec()
	if err != nil {
		return nil, err
	}
	s := &Server{
		cfg:      cfg,
		spec:     sp,
		t:        t,
		st:       newState(),
		sessions: map[string]*session{},
		faults:   map[string]*fault{},
		calls:    map[string]int{},
	}
	s.seed()
	if cfg.demo {
		if err := s.seedDemo(); err != nil {
			return nil, fmt.Errorf("demo data: %w", err)
		}
	}
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return nil, err
	}
	s.ln = ln
	s.url = "http://" + ln.Addr().String()
	s.hs = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = s.hs.Serve(ln) }()
	return s, nil
}

// Close stops the server and closes its connections. It is idempotent.
func (s *Server) Close() {
	s.closed.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		if err := s.hs.Shutdown(ctx); err != nil {
			_ = s.hs.Close()
		}
	})
}

// URL is the base URL to point the SDK at, such as http://127.0.0.1:40001.
func (s *Server) URL() string { return s.url }

// Username is the login the fake accepts.
func (s *Server) Username() string { return s.cfg.username }

// Password is the password the fake accepts.
func (s *Server) Password() string { return s.cfg.password }

// PartitionID is the partition of the fake's login.
func (s *Server) PartitionID() string { return s.cfg.partitionID }

// NewClient returns an SDK client for this server: base URL and credentials
// preset, the fake's clock for token expiry. opts come last and win.
func (s *Server) NewClient(opts ...alianza.Option) (*alianza.Client, error) {
	base := []alianza.Option{
		alianza.WithBaseURL(s.url),
		alianza.WithCredentials(s.cfg.username, s.cfg.password),
		alianza.WithClock(s.Now),
	}
	return alianza.NewClient(append(base, opts...)...)
}

// Now is the fake's current time: the configured clock plus Advance.
func (s *Server) Now() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.nowLocked()
}

func (s *Server) nowLocked() time.Time { return s.cfg.now().Add(s.offset).UTC() }

// Advance moves the fake's clock forward by d: tokens and reservations
// expire, jobs and ports move on with it.
func (s *Server) Advance(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.offset += d
}

// Violations returns every spec violation seen so far, oldest first.
func (s *Server) Violations() []Violation {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Violation(nil), s.violations...)
}

// ResetViolations forgets the violations recorded so far (for tests that
// provoke them on purpose).
func (s *Server) ResetViolations() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.violations = nil
}

// violate records v and fails the test, if any. Called without s.mu held.
func (s *Server) violate(v Violation) {
	s.mu.Lock()
	s.violations = append(s.violations, v)
	s.mu.Unlock()
	if s.cfg.violationLog != nil {
		_, _ = fmt.Fprintln(s.cfg.violationLog, v.String())
	}
	if s.t != nil {
		s.t.Errorf("%s", v.String())
	}
}
