package alianza

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Base URLs of the Alianza platform.
const (
	ProductionURL = "https://api.alianza.com"
	BetaURL       = "https://api.b2.alianza.com"
)

// Defaults. Each can be changed with an Option.
const (
	DefaultTimeout      = 60 * time.Second // whole request, per attempt
	DefaultMaxRetries   = 2
	DefaultRetryBase    = 200 * time.Millisecond
	DefaultRetryMax     = 5 * time.Second
	DefaultRetryBudget  = 20               // retries in reserve, shared by all calls of a client
	DefaultMaxBodySize  = 64 << 20         // success bodies; Alianza lists are unpaged arrays
	DefaultTokenIdle    = 8 * time.Hour    // Alianza: "Tokens are valid for 8 hours from the last use"
	DefaultTokenMargin  = 5 * time.Minute  // renew this long before the token would lapse
	DefaultLoginTimeout = 30 * time.Second // a login runs detached from its callers, bounded by this
	// DefaultMaxConns bounds the connections to the platform, in use, idle
	// or being dialled. Calls beyond it wait for a free connection (within
	// their context and attempt timeout) instead of opening more sockets, so
	// a burst (a 1,000-goroutine storm, a large sync) reaches Alianza as at
	// most this many requests at a time, and 50 concurrent callers open at
	// most 50 connections: without a cap net/http opens a few more than its
	// callers, dialling whenever no connection is idle at that instant.
	// net/http's MaxConnsPerHost has had hangs (golang/go#32336, #65705;
	// #34941 for HTTP/2 is open): the package's tests run the cap over TLS
	// with HTTP/1.1 and HTTP/2 and cancelled calls.
	DefaultMaxConns = 50
)

// RateLimiter is anything that can make a request wait its turn, such as a
// *rate.Limiter from golang.org/x/time/rate.
type RateLimiter interface {
	Wait(ctx context.Context) error
}

// RetryPolicy controls automatic retries of GET, HEAD, PUT and DELETE on
// connection errors, per-attempt timeouts and on 429, 500, 502, 503 and 504.
// 500 is retried too, beyond the 502/503/504 family: a GET, PUT or DELETE
// that failed with one may well succeed on a second try.
// Retry-After is honoured, capped at MaxDelay. POST and PATCH are never
// retried once they may have reached the platform; an attempt that sent
// nothing (a refused connection, a timeout before the request was written)
// is retried for every method. The one replay after a
// 401 and a fresh login is separate from this budget.
type RetryPolicy struct {
	MaxRetries int           // retries after the first attempt; 0 means DefaultMaxRetries (WithoutRetries disables them)
	BaseDelay  time.Duration // first backoff ceiling; doubled each retry (full jitter)
	MaxDelay   time.Duration // cap on any single wait, Retry-After included
	// Budget is the number of retries the client holds in reserve across all
	// of its calls; each retry sent spends one, each success returns one. It keeps
	// a failing platform from seeing more than a fixed multiple of normal
	// traffic. 0 means DefaultRetryBudget; negative means unlimited.
	Budget int
}

// DefaultRetryPolicy returns the policy a client uses unless told otherwise.
func DefaultRetryPolicy() RetryPolicy {
	return RetryPolicy{MaxRetries: DefaultMaxRetries, BaseDelay: DefaultRetryBase, MaxDelay: DefaultRetryMax, Budget: DefaultRetryBudget}
}

// config is everything NewClient was told; it never changes afterwards.
type config struct {
	baseURL       string // scheme://host[/prefix], no trailing slash
	username      string
	password      Secret
	staticToken   Secret
	httpClient    *http.Client
	timeout       time.Duration
	timeoutSet    bool
	userAgent     string
	retry         RetryPolicy
	logger        *slog.Logger
	partitionID   string
	allowInsecure bool
	now           func() time.Time
	clockSet      bool // WithClock replaced now: hooks' durations still read time.Now
	tokenIdle     time.Duration
	tokenMargin   time.Duration
	loginTimeout  time.Duration
	authFailTTL   time.Duration
	maxBody       int64
	maxConns      int
	wrappers      []func(http.RoundTripper) http.RoundTripper
	baseTransport http.RoundTripper // the transport under the wrappers, for CloseIdleConnections
	limiter       RateLimiter
	sipTrunkPath  string
	hooks         []Hook
	serverAddress string // the base URL's host[:port], for hooks
}

// Option configures a Client. Options validate their arguments and make
// NewClient fail rather than build a client that cannot work.
type Option func(*config) error

// WithCredentials sets the username and password of an Alianza management
// (API) user. The client logs in lazily and renews its token as needed.
func WithCredentials(username, password string) Option {
	return func(c *config) error {
		if strings.TrimSpace(username) == "" || password == "" {
			return &FieldError{Field: "credentials", Rule: "username and password must not be empty"}
		}
		c.username, c.password = username, Secret(password)
		return nil
	}
}

// WithAuthToken makes the client use a token issued elsewhere. It is sent as
// is and never renewed: when it expires, calls fail with ErrUnauthorized.
// It takes precedence over WithCredentials: a client given both sends the
// token and never logs in (handy in tests, where no login needs mocking).
func WithAuthToken(token string) Option {
	return func(c *config) error {
		if strings.TrimSpace(token) == "" {
			return &FieldError{Field: "authToken", Rule: "must not be empty"}
		}
		c.staticToken = Secret(token)
		return nil
	}
}

// WithBaseURL sets the platform's address: ProductionURL (the default),
// BetaURL or any other. A path prefix is kept. Plain http:// is refused unless
// the host is a loopback address or WithInsecureHTTP is given.
func WithBaseURL(raw string) Option {
	return func(c *config) error {
		u, err := url.Parse(strings.TrimSpace(raw))
		if err != nil {
			return fmt.Errorf("alianza: base URL: %w", err)
		}
		if (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return &FieldError{Field: "baseURL", Rule: "must be an absolute http(s) URL such as " + ProductionURL}
		}
		if u.RawQuery != "" || u.Fragment != "" || u.User != nil {
			return &FieldError{Field: "baseURL", Rule: "must not carry a query, fragment or user info"}
		}
		c.baseURL = u.Scheme + "://" + u.Host + strings.TrimRight(u.EscapedPath(), "/")
		return nil
	}
}

// WithInsecureHTTP allows a plain http:// base URL to a host that is not
// loopback. Tokens and passwords then cross the network in clear text: use it
// only behind a trusted proxy.
func WithInsecureHTTP() Option {
	return func(c *config) error { c.allowInsecure = true; return nil }
}

// WithHTTPClient makes the client send through a copy of hc. hc itself is
// never modified. Redirects that change host or downgrade to http are still
// refused, and a zero Timeout is replaced by the client's timeout.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *config) error {
		if hc == nil {
			return &FieldError{Field: "httpClient", Rule: "must not be nil"}
		}
		cp := *hc
		c.httpClient = &cp
		return nil
	}
}

// WithMaxConns sets how many connections the client keeps to the platform
// at most (DefaultMaxConns by default), idle ones included. It configures
// the transport the client builds, so it cannot be combined with
// WithHTTPClient: set MaxConnsPerHost on that transport instead. The client
// builds its transport from http.DefaultTransport; when that is not an
// *http.Transport (httpmock.Activate replaces it) the client sends through it
// as it is and no cap applies.
func WithMaxConns(n int) Option {
	return func(c *config) error {
		if n < 1 {
			return &FieldError{Field: "maxConns", Rule: "must be at least 1"}
		}
		c.maxConns = n
		return nil
	}
}

// WithTransportWrapper makes the client send through wrap(t), where t is
// the transport it would use otherwise: the one it builds itself (sized by
// WithMaxConns, or http.DefaultTransport as it is under httpmock.Activate)
// or the one of WithHTTPClient's copy (http.DefaultTransport, read at each
// request, when that copy's Transport is nil). The caller's http.Client is
// never modified. Use it to add an http.RoundTripper middleware (tracing,
// logging, signing) without giving up the client's own transport.
//
// wrap is called once, by NewClient. Given several times, each wrapper
// wraps the result of the ones before it, so the last one given is the
// outermost: it sees each request first and its answer last. Every
// attempt and retry goes through the wrapped transport, and so do logins
// (POST /v2/authorize): a wrapper sees each request's X-Auth-Token header,
// the login's password in its body and the token in its answer, so it must
// not log headers or bodies. A nil wrap, or a wrap that returns nil, makes
// NewClient fail.
//
// A wrapper must not modify the request it is given (clone it to add a
// header) and must pass its context on (Request.Clone keeps it): the
// client learns from the context whether a POST or PATCH that failed was
// sent, and without it treats such a failure as possibly sent.
func WithTransportWrapper(wrap func(http.RoundTripper) http.RoundTripper) Option {
	return func(c *config) error {
		if wrap == nil {
			return &FieldError{Field: "transportWrapper", Rule: "must not be nil"}
		}
		c.wrappers = append(c.wrappers, wrap)
		return nil
	}
}

// WithTimeout bounds each attempt of a request, body included.
func WithTimeout(d time.Duration) Option {
	return func(c *config) error {
		if d <= 0 {
			return &FieldError{Field: "timeout", Rule: "must be positive"}
		}
		c.timeout, c.timeoutSet = d, true
		return nil
	}
}

// WithUserAgent appends product to the User-Agent header go-alianza/<version>.
func WithUserAgent(product string) Option {
	return func(c *config) error {
		if strings.ContainsAny(product, "\r\n") {
			return &FieldError{Field: "userAgent", Rule: "must not contain line breaks"}
		}
		c.userAgent = strings.TrimSpace(product)
		return nil
	}
}

// WithRetryPolicy replaces the retry policy. Every zero field takes its
// default (DefaultRetryPolicy), MaxRetries included, so a policy that sets
// only the delays keeps retrying: WithoutRetries is the way to turn retries
// off. A zero MaxDelay takes DefaultRetryMax or BaseDelay, whichever is
// larger; a MaxDelay set below BaseDelay is refused.
func WithRetryPolicy(p RetryPolicy) Option {
	return func(c *config) error {
		p, err := p.normalized()
		if err != nil {
			return err
		}
		c.retry = p
		return nil
	}
}

// normalized is p with its zero fields set to their defaults, or an error
// when p is not valid.
func (p RetryPolicy) normalized() (RetryPolicy, error) {
	if p.MaxRetries < 0 || p.BaseDelay < 0 || p.MaxDelay < 0 {
		return p, &FieldError{Field: "retryPolicy", Rule: "must not be negative"}
	}
	if p.MaxRetries == 0 {
		p.MaxRetries = DefaultMaxRetries
	}
	if p.BaseDelay == 0 {
		p.BaseDelay = DefaultRetryBase
	}
	if p.MaxDelay == 0 {
		p.MaxDelay = max(DefaultRetryMax, p.BaseDelay)
	}
	if p.MaxDelay < p.BaseDelay {
		return p, &FieldError{Field: "retryPolicy", Rule: "MaxDelay must not be below BaseDelay"}
	}
	if p.Budget == 0 {
		p.Budget = DefaultRetryBudget
	}
	return p, nil
}

// WithoutRetries disables automatic retries: every request is sent once.
// The single replay after a 401 and a fresh login still happens. Options
// apply in order, so a WithRetryPolicy after it turns retries back on.
func WithoutRetries() Option {
	return func(c *config) error { c.retry.MaxRetries = 0; return nil }
}

// WithLogger makes the client log each attempt (method, path, status,
// duration, attempt) at debug level. Headers and bodies are never logged.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error { c.logger = l; return nil }
}

// WithPartition sets the partition the client acts in. Without it the client
// uses the partition of the logged-in user.
func WithPartition(partitionID string) Option {
	return func(c *config) error {
		if err := checkID("partitionId", partitionID); err != nil {
			return err
		}
		c.partitionID = partitionID
		return nil
	}
}

// WithRateLimiter makes every attempt wait for l first.
func WithRateLimiter(l RateLimiter) Option {
	return func(c *config) error { c.limiter = l; return nil }
}

// WithMaxBodySize caps the size of a successful response body. Error bodies
// are always capped at 1 MiB.
func WithMaxBodySize(n int64) Option {
	return func(c *config) error {
		if n <= 0 {
			return &FieldError{Field: "maxBodySize", Rule: "must be positive"}
		}
		c.maxBody = n
		return nil
	}
}

// WithTokenLifetime sets how long a token stays valid after its last use
// (8 hours on Alianza) and how early it is renewed.
func WithTokenLifetime(idle, margin time.Duration) Option {
	return func(c *config) error {
		if idle <= 0 || margin < 0 || margin >= idle {
			return &FieldError{Field: "tokenLifetime", Rule: "idle must be positive and margin in [0, idle)"}
		}
		c.tokenIdle, c.tokenMargin = idle, margin
		return nil
	}
}

// WithLoginTimeout bounds one login. A login runs detached from the calls
// waiting on it, so one caller giving up does not cancel it for the others.
// A login that runs out of this time fails its waiters with a
// *TransportError for POST /v2/authorize, not context.DeadlineExceeded.
func WithLoginTimeout(d time.Duration) Option {
	return func(c *config) error {
		if d <= 0 {
			return &FieldError{Field: "loginTimeout", Rule: "must be positive"}
		}
		c.loginTimeout = d
		return nil
	}
}

// WithClock replaces time.Now for token expiry. Meant for tests.
func WithClock(now func() time.Time) Option {
	return func(c *config) error {
		if now == nil {
			return &FieldError{Field: "clock", Rule: "must not be nil"}
		}
		c.now, c.clockSet = now, true
		return nil
	}
}

// WithSipTrunkPathSegment changes the path segment of the SIP trunk
// resource. The OpenAPI spec only has "siptrunk_2" (the default); Alianza's
// SIP trunking guide lists, reads and deletes trunks under "siptrunk".
func WithSipTrunkPathSegment(segment string) Option {
	return func(c *config) error {
		if err := checkID("sipTrunkPathSegment", segment); err != nil {
			return err
		}
		if strings.ContainsAny(segment, "/?#%") {
			return &FieldError{Field: "sipTrunkPathSegment", Rule: "must be a single plain path segment"}
		}
		c.sipTrunkPath = segment
		return nil
	}
}

func defaultConfig() *config {
	return &config{
		baseURL:      ProductionURL,
		timeout:      DefaultTimeout,
		retry:        DefaultRetryPolicy(),
		now:          time.Now,
		tokenIdle:    DefaultTokenIdle,
		tokenMargin:  DefaultTokenMargin,
		loginTimeout: DefaultLoginTimeout,
		authFailTTL:  2 * time.Second,
		maxBody:      DefaultMaxBodySize,
		sipTrunkPath: "siptrunk_2",
	}
}

// finish checks the options together and builds the HTTP client.
func (c *config) finish() error {
	if c.username == "" && c.staticToken == "" {
		return ErrNoCredential
	}
	u, _ := url.Parse(c.baseURL)
	c.serverAddress = u.Host
	if u.Scheme == "http" && !c.allowInsecure && !isLoopback(u.Hostname()) {
		return fmt.Errorf("%w: %s: use https, or WithInsecureHTTP to send credentials in clear text", ErrInsecureURL, u.Host)
	}
	if c.httpClient == nil {
		n := c.maxConns
		if n == 0 {
			n = DefaultMaxConns
		}
		c.httpClient = &http.Client{Transport: defaultTransport(n)}
	} else if c.maxConns != 0 {
		return &FieldError{Field: "maxConns", Rule: "configures the client's own transport: with WithHTTPClient, set MaxConnsPerHost on yours"}
	}
	if err := c.wrapTransport(); err != nil {
		return err
	}
	if c.timeoutSet || c.httpClient.Timeout == 0 {
		c.httpClient.Timeout = c.timeout
	}
	c.httpClient.CheckRedirect = safeRedirects(c.httpClient.CheckRedirect)
	return nil
}

// wrapTransport applies the wrappers, first to last, to the transport of
// c.httpClient, which is the client's own copy.
func (c *config) wrapTransport() error {
	if len(c.wrappers) == 0 {
		return nil
	}
	rt := c.httpClient.Transport
	if rt == nil {
		rt = defaultAtUse{}
	}
	c.baseTransport = rt
	for i, wrap := range c.wrappers {
		if rt = wrap(rt); rt == nil {
			return &FieldError{Field: "transportWrapper", Rule: fmt.Sprintf("wrapper %d of %d returned a nil http.RoundTripper", i+1, len(c.wrappers))}
		}
	}
	c.httpClient.Transport = rt
	return nil
}

// defaultAtUse sends through http.DefaultTransport as it is at each
// request, as an http.Client with a nil Transport does.
type defaultAtUse struct{}

func (defaultAtUse) RoundTrip(req *http.Request) (*http.Response, error) {
	return http.DefaultTransport.RoundTrip(req)
}

func (defaultAtUse) CloseIdleConnections() {
	if ci, ok := http.DefaultTransport.(interface{ CloseIdleConnections() }); ok {
		ci.CloseIdleConnections()
	}
}

// defaultTransport is Go's default transport with a per-host pool sized for
// concurrent use: Go keeps only 2 idle connections per host, so 64 goroutines
// would keep opening and closing connections. It keeps up to maxConns
// connections, all of which may stay idle, and opens no more. It sets no
// ResponseHeaderTimeout: the client's Timeout already bounds the whole
// exchange, and a second timer per request costs allocations under load.
//
// When http.DefaultTransport is not an *http.Transport (httpmock.Activate
// replaces it, as may a tracing library) it is used as it is, unsized: the
// connection cap cannot apply to a transport the client cannot configure.
func defaultTransport(maxConns int) http.RoundTripper {
	t, ok := http.DefaultTransport.(*http.Transport)
	if !ok {
		return http.DefaultTransport
	}
	t = t.Clone()
	t.MaxConnsPerHost = maxConns
	t.MaxIdleConns = maxConns
	t.MaxIdleConnsPerHost = maxConns
	t.TLSHandshakeTimeout = 10 * time.Second
	t.ExpectContinueTimeout = time.Second
	return t
}

// safeRedirects follows redirects of GET and HEAD only, refusing those that
// change host or leave https, then defers to next (or Go's limit of 10).
// Any other method is never redirected: net/http would follow a 301, 302
// or 303 with a GET (and report a PUT or DELETE done after reading the new
// location) and resend the body on a 307 or 308. The 3xx comes back as the
// answer, an *APIError matching ErrRedirect.
func safeRedirects(next func(*http.Request, []*http.Request) error) func(*http.Request, []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		first := via[0]
		if first.Method != http.MethodGet && first.Method != http.MethodHead {
			return http.ErrUseLastResponse
		}
		if req.URL.Host != first.URL.Host {
			return fmt.Errorf("%w: to another host", ErrRedirect)
		}
		if first.URL.Scheme == "https" && req.URL.Scheme != "https" {
			return fmt.Errorf("%w: from https to %s", ErrRedirect, req.URL.Scheme)
		}
		if next != nil {
			return next(req, via)
		}
		if len(via) >= 10 {
			return fmt.Errorf("%w: stopped after 10 redirects", ErrRedirect)
		}
		return nil
	}
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// errOption marks a nil option.
var errOption = errors.New("alianza: nil option")
