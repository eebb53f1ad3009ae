package alianzatest

import (
	"io"
	"time"
)

// Default credentials and partition of a fake platform.
const (
	DefaultUsername    = "api-user@example.com"
	DefaultPassword    = "alianzatest-password"
	DefaultPartitionID = "FakePartition0000000001"
)

// TokenIdleTimeout is how long a token stays valid after its last use
// ("Tokens are valid for 8 hours from the last use").
const TokenIdleTimeout = 8 * time.Hour

// ReservationTTL is how long a telephone number reservation lasts.
const ReservationTTL = 30 * time.Minute

// Option configures a Server.
type Option func(*config)

type config struct {
	username, password string
	partitionID        string
	subPartitions      []string
	now                func() time.Time
	demo               bool
	addr               string
	violationLog       io.Writer
	control            bool
	cdrSeed            uint64 // WithCallRecords
	cdrPerDay          int
	logLimit           int           // WithRequestLogLimit; 0 keeps every request
	portStep           time.Duration // WithPortStepDuration
}

func defaultConfig() *config {
	return &config{
		username:    DefaultUsername,
		password:    DefaultPassword,
		partitionID: DefaultPartitionID,
		now:         time.Now,
		addr:        "127.0.0.1:0",
		cdrSeed:     DefaultCallRecordSeed,
		cdrPerDay:   DefaultCallsPerDay,
		portStep:    PortStepDuration,
	}
}

// WithCredentials sets the username and password the fake accepts.
func WithCredentials(username, password string) Option {
	return func(c *config) { c.username, c.password = username, password }
}

// WithPartitionID sets the login's partition. Sub-partitions, if given, are
// listed in the login answer (subPartitionIds) and accepted in paths.
func WithPartitionID(id string, subPartitions ...string) Option {
	return func(c *config) { c.partitionID, c.subPartitions = id, subPartitions }
}

// WithClock replaces time.Now for token idle expiry, reservations and
// timestamps. Server.Advance moves the fake's time on top of it.
func WithClock(now func() time.Time) Option {
	return func(c *config) { c.now = now }
}

// WithDemoData seeds a demo business account (account number DEMO-1001)
// with a user, two routed numbers, a device line with SIP credentials and a
// SIP trunk.
func WithDemoData() Option {
	return func(c *config) { c.demo = true }
}

// WithAddr sets the address Start listens on (default 127.0.0.1:0, a free
// loopback port).
func WithAddr(addr string) Option {
	return func(c *config) { c.addr = addr }
}

// WithViolationLog writes each violation, one line each, to w as it happens
// (the alianza-fake binary uses os.Stderr).
func WithViolationLog(w io.Writer) Option {
	return func(c *config) { c.violationLog = w }
}

// WithRequestLogLimit keeps at least the last n requests in the request
// log (Requests) and at most 2n, instead of every request: a long run,
// a load test or a large export, then holds a bounded log. Calls still
// counts every call.
func WithRequestLogLimit(n int) Option {
	return func(c *config) { c.logLimit = max(n, 0) }
}

// WithPortStepDuration sets how long a fake port stays in each step on the
// fake's clock (default PortStepDuration, an hour). A short step, such as
// two seconds, lets a port complete in seconds of real time: the console's
// --fake uses one. d must be more than 0, or Start and NewServer fail.
func WithPortStepDuration(d time.Duration) Option {
	return func(c *config) { c.portStep = d }
}
