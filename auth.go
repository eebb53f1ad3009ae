package alianza

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"sync"
	"time"
)

// LoginToken is the platform's answer to a login (LoginTokenX): the auth
// token, the user's default partition, permissions and sub-partitions.
type LoginToken struct {
	AuthToken          Secret            `json:"authToken,omitempty"`
	UserID             string            `json:"userId,omitempty"`
	UserType           string            `json:"userType,omitempty"` // seeds show "User", which the spec's enum lacks: kept as a string
	EndUserType        EndUserType       `json:"endUserType,omitempty"`
	Username           string            `json:"username,omitempty"`
	FirstName          string            `json:"firstName,omitempty"`
	LastName           string            `json:"lastName,omitempty"`
	EmailAddress       string            `json:"emailAddress,omitempty"`
	PartitionID        string            `json:"partitionId,omitempty"`
	PartitionName      string            `json:"partitionName,omitempty"`
	AccountID          string            `json:"accountId,omitempty"`
	Permissions        map[string]string `json:"permissions,omitempty"` // permission name to READ, EDIT, DELETE, ...
	FeatureToggles     map[string]bool   `json:"featureToggles,omitempty"`
	MustChangePassword bool              `json:"mustChangePassword,omitempty"`
	SubPartitionIDs    []string          `json:"subPartitionIds,omitempty"`
	TokenSource        string            `json:"tokenSource,omitempty"`
	GrantedAuthorities []string          `json:"grantedAuthorities,omitempty"`
	PwdHash            Secret            `json:"pwdHash,omitempty"` // the platform returns it; never print it
	MustAddEmail       bool              `json:"mustAddEmail,omitempty"`
	MaxLifeInHours     int               `json:"maxLifeInHours,omitempty"` // undocumented hard cap on the token's age
	GroupID            string            `json:"groupId,omitempty"`
	GroupName          string            `json:"groupName,omitempty"`
}

// LogValue keeps the token and password hash out of slog's JSON handler,
// which would otherwise marshal them in clear.
func (t LoginToken) LogValue() slog.Value { return RedactedLogValue(t) }

// loginRequest is the Login schema of POST /v2/authorize.
type loginRequest struct {
	Username string `json:"username"`
	Password Secret `json:"password"`
}

// authError is a login the platform refused (400, 401, 404 from
// POST /v2/authorize). It matches ErrAuthentication and ErrUnauthorized.
type authError struct{ err error }

func (e *authError) Error() string { return "alianza: login refused: " + e.err.Error() }
func (e *authError) Unwrap() error { return e.err }
func (e *authError) Is(target error) bool {
	return target == ErrAuthentication || target == ErrUnauthorized
}

// tokenSource holds the auth token and coalesces logins: one at a time,
// shared by every waiter, detached from any caller's context.
type tokenSource struct {
	c *Client

	mu       sync.Mutex
	token    Secret
	gen      uint64    // bumped on every new token; a 401 clears only its own generation
	issued   time.Time // when the current token was issued
	lastUse  time.Time // send time of the last request that the token got through
	info     *LoginToken
	inflight *loginCall
	failErr  error     // last refused login, remembered briefly
	failTill time.Time //
}

// loginCall is one login in flight; done is closed when it ends.
type loginCall struct {
	done  chan struct{}
	token Secret
	gen   uint64
	info  *LoginToken
	err   error
}

func newTokenSource(c *Client) *tokenSource { return &tokenSource{c: c} }

func (ts *tokenSource) static() bool { return ts.c.cfg.staticToken != "" }

// get returns a token valid now and its generation, logging in if needed.
func (ts *tokenSource) get(ctx context.Context) (Secret, uint64, error) {
	tok, gen, _, err := ts.acquire(ctx)
	return tok, gen, err
}

// acquire is get that also returns the login response the token came with.
func (ts *tokenSource) acquire(ctx context.Context) (Secret, uint64, *LoginToken, error) {
	if ts.static() {
		return ts.c.cfg.staticToken, 0, nil, nil
	}
	now := ts.c.cfg.now()
	ts.mu.Lock()
	if ts.token != "" && ts.validAt(now) {
		tok, gen, info := ts.token, ts.gen, ts.info
		ts.mu.Unlock()
		return tok, gen, info, nil
	}
	call, err := ts.startLoginLocked(ctx, now)
	ts.mu.Unlock()
	if err != nil {
		return "", 0, nil, err
	}
	select {
	case <-call.done:
		return call.token, call.gen, call.info, call.err
	case <-ctx.Done():
		return "", 0, nil, ctx.Err()
	}
}

// startLoginLocked joins the login in flight or starts one. ts.mu is held.
func (ts *tokenSource) startLoginLocked(ctx context.Context, now time.Time) (*loginCall, error) {
	if ts.inflight != nil {
		return ts.inflight, nil
	}
	if ts.failErr != nil && now.Before(ts.failTill) {
		return nil, ts.failErr
	}
	call := &loginCall{done: make(chan struct{})}
	ts.inflight = call
	// Detached: a caller that gives up must not cancel the login the others
	// wait for. Bounded by its own timeout so it cannot hang forever.
	lctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), ts.c.cfg.loginTimeout)
	go func() {
		defer cancel()
		info, err := ts.login(lctx)
		ts.finish(call, info, err)
	}()
	return call, nil
}

// validAt reports whether the token is still good at now: within the idle
// lifetime of its last use and, when the platform caps it, of its issue.
func (ts *tokenSource) validAt(now time.Time) bool {
	cfg := ts.c.cfg
	if !now.Before(ts.lastUse.Add(cfg.tokenIdle - cfg.tokenMargin)) {
		return false
	}
	if ts.info != nil && ts.info.MaxLifeInHours > 0 {
		maxLife := time.Duration(ts.info.MaxLifeInHours) * time.Hour
		if !now.Before(ts.issued.Add(maxLife - cfg.tokenMargin)) {
			return false
		}
	}
	return true
}

// login sends POST /v2/authorize.
func (ts *tokenSource) login(ctx context.Context) (*LoginToken, error) {
	cfg := ts.c.cfg
	var info LoginToken
	err := ts.c.do(ctx, &request{
		method: http.MethodPost,
		path:   "/v2/authorize",
		body:   &loginRequest{Username: cfg.username, Password: cfg.password},
		out:    &info,
		noAuth: true,
	})
	if err != nil {
		var apiErr *APIError
		// 400, 401, 404: the credentials are refused. A 429 is the platform
		// asking to slow down, not a verdict on the credentials.
		if errors.As(err, &apiErr) && apiErr.StatusCode >= 400 && apiErr.StatusCode < 500 && apiErr.StatusCode != http.StatusTooManyRequests {
			return nil, &authError{err: err}
		}
		return nil, err
	}
	if info.AuthToken == "" {
		return nil, &DecodeError{StatusCode: http.StatusOK, Method: http.MethodPost, Path: "/v2/authorize", kind: ErrDecode, Err: errors.New("login response has no authToken")}
	}
	return &info, nil
}

// finish publishes a login's result to the token source and its waiters.
func (ts *tokenSource) finish(call *loginCall, info *LoginToken, err error) {
	now := ts.c.cfg.now()
	ts.mu.Lock()
	if err == nil {
		ts.token = info.AuthToken
		ts.gen++
		ts.issued, ts.lastUse = now, now
		ts.info = info
		ts.failErr = nil
		call.token, call.gen, call.info = ts.token, ts.gen, info
	} else {
		var ae *authError
		if errors.As(err, &ae) {
			ts.failErr, ts.failTill = err, now.Add(ts.c.cfg.authFailTTL)
		}
		call.err = err
	}
	ts.inflight = nil
	ts.mu.Unlock()
	close(call.done)
}

// used records that a request sent at sentAt with generation gen succeeded
// (2xx), which slides the token's expiry.
func (ts *tokenSource) used(gen uint64, sentAt time.Time) {
	if ts.static() {
		return
	}
	ts.mu.Lock()
	if gen == ts.gen && sentAt.After(ts.lastUse) {
		ts.lastUse = sentAt
	}
	ts.mu.Unlock()
}

// invalidate drops the token after a 401, but only if it is still the one
// that failed: a newer token from a login in between stays.
func (ts *tokenSource) invalidate(gen uint64) {
	ts.mu.Lock()
	if gen == ts.gen {
		ts.token = ""
	}
	ts.mu.Unlock()
}

// loggedOut forgets the token of generation gen and its login response,
// unless a newer login has replaced them.
func (ts *tokenSource) loggedOut(gen uint64) {
	ts.mu.Lock()
	if gen == ts.gen {
		ts.token = ""
		if !ts.static() {
			ts.info = nil
		}
	}
	ts.mu.Unlock()
}

// loginInfo returns the login response of a token valid now, logging in when
// needed. With a pre-issued token it asks GET /v2/authorize/userinfo once.
func (ts *tokenSource) loginInfo(ctx context.Context) (*LoginToken, error) {
	if ts.static() {
		ts.mu.Lock()
		info := ts.info
		ts.mu.Unlock()
		if info != nil {
			return info, nil
		}
		info, err := ts.c.UserInfo(ctx)
		if err != nil {
			return nil, err
		}
		ts.mu.Lock()
		ts.info = info
		ts.mu.Unlock()
		return info, nil
	}
	// Not ts.info alone: after the token lapsed or was refused, that is the
	// old login's response, with a dead token in it.
	_, _, info, err := ts.acquire(ctx)
	if err != nil {
		return nil, err
	}
	return info, nil
}

// secrets lists the credential values to scrub from errors and snippets.
func (ts *tokenSource) secrets() []string {
	cfg := ts.c.cfg
	out := make([]string, 0, 3)
	if cfg.password != "" {
		out = append(out, string(cfg.password))
	}
	if cfg.staticToken != "" {
		out = append(out, string(cfg.staticToken))
	}
	ts.mu.Lock()
	if ts.token != "" {
		out = append(out, string(ts.token))
	}
	ts.mu.Unlock()
	return out
}

// Login makes sure the client holds a valid token, logging in if it does
// not, and returns the login's response: token, default partition,
// permissions and sub-partitions. Concurrent calls share one login.
//
// operationId logUserIn.
//
//alianza:operation POST /v2/authorize
func (c *Client) Login(ctx context.Context) (*LoginToken, error) {
	return c.auth.loginInfo(ctx)
}

// UserInfo returns the login information of the current token.
//
// operationId getLoginInfo.
//
//alianza:operation GET /v2/authorize/userinfo
func (c *Client) UserInfo(ctx context.Context) (*LoginToken, error) {
	var info LoginToken
	if err := c.do(ctx, &request{method: http.MethodGet, path: "/v2/authorize/userinfo", out: &info}); err != nil {
		return nil, err
	}
	return &info, nil
}

// Logout ends the session of the current token; the next call logs in again.
// Without a token it does nothing: it never logs in just to log out. A 401
// means the token had already lapsed, so the session is over and Logout
// returns nil. With a pre-issued token (WithAuthToken) that token is dead
// afterwards and later calls fail with ErrUnauthorized.
//
// operationId logOut.
//
//alianza:operation PUT /v2/authorize/logout
func (c *Client) Logout(ctx context.Context) error {
	ts := c.auth
	ts.mu.Lock()
	tok, gen := ts.token, ts.gen
	ts.mu.Unlock()
	if ts.static() {
		tok = c.cfg.staticToken
	}
	if tok == "" {
		return nil
	}
	// The token is sent as is: no login, and no replay after a 401, which
	// would log in only to log the fresh token out.
	err := c.do(ctx, &request{method: http.MethodPut, path: "/v2/authorize/logout", token: tok})
	if err != nil && !errors.Is(err, ErrUnauthorized) {
		return err
	}
	ts.loggedOut(gen)
	return nil
}
