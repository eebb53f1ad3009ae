package alianza

import (
	"context"
	"errors"
	"log/slog"
	"maps"
	"net/http"
	"slices"
	"sync"
	"time"
)

// LoginToken is the platform's answer to a login (LoginTokenX): the auth
// token, the user's default partition, permissions and sub-partitions.
type LoginToken struct {
	AuthToken          Secret            `json:"authToken,omitempty"`
	UserID             string            `json:"userId,omitempty"`
	UserType           string            `json:"userType,omitempty"` // Alianza's guides show "User", which the spec's enum lacks: kept as a string
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

// clone is a deep copy of t: a caller may change its maps and slices
// without changing the client's.
func (t *LoginToken) clone() *LoginToken {
	cp := *t
	cp.Permissions = maps.Clone(t.Permissions)
	cp.FeatureToggles = maps.Clone(t.FeatureToggles)
	cp.SubPartitionIDs = slices.Clone(t.SubPartitionIDs)
	cp.GrantedAuthorities = slices.Clone(t.GrantedAuthorities)
	return &cp
}

// loginRequest is the Login schema of POST /v2/authorize.
type loginRequest struct {
	Username string `json:"username"`
	Password Secret `json:"password"`
}

// tokenSource is where a call's auth tokens come from: a login session
// (WithCredentials), or a token used as given (WithAuthToken, and the token
// Logout ends).
type tokenSource interface {
	// token returns the token to send and its generation.
	token(ctx context.Context) (Secret, uint64, error)
	// rejected is told that the token of generation gen got a 401, and
	// reports whether a new token is worth one replay.
	rejected(gen uint64) bool
	// accepted records a 2xx to a request sent at sentAt with generation
	// gen, which keeps a session's token alive.
	accepted(gen uint64, sentAt time.Time)
	// current returns the token held now ("" for none), never logging in.
	current() (Secret, uint64)
	// loggedOut forgets the token of generation gen after a logout.
	loggedOut(gen uint64)
	// info returns the login response of a token valid now.
	info(ctx context.Context) (*LoginToken, error)
}

// fixedToken is a token issued elsewhere: sent as is, never renewed.
type fixedToken struct {
	tok Secret
	c   *Client // asks GET /v2/authorize/userinfo for info; nil for a logout

	mu       sync.Mutex
	userInfo *LoginToken
}

func (f *fixedToken) token(context.Context) (Secret, uint64, error) { return f.tok, 0, nil }
func (f *fixedToken) rejected(uint64) bool                          { return false }
func (f *fixedToken) accepted(uint64, time.Time)                    {}
func (f *fixedToken) current() (Secret, uint64)                     { return f.tok, 0 }
func (f *fixedToken) loggedOut(uint64)                              {}

// info asks the platform who the token belongs to (GET
// /v2/authorize/userinfo) and keeps the answer for later calls. Until an
// answer is kept every call asks: concurrent first calls each send the
// request, and a failure is not remembered.
func (f *fixedToken) info(ctx context.Context) (*LoginToken, error) {
	f.mu.Lock()
	info := f.userInfo
	f.mu.Unlock()
	if info != nil {
		return info, nil
	}
	info, err := f.c.UserInfo(ctx)
	if err != nil {
		return nil, err
	}
	f.mu.Lock()
	f.userInfo = info
	f.mu.Unlock()
	return info, nil
}

// session logs in with the configured credentials, holds the token and
// coalesces logins: one at a time, shared by every waiter, detached from
// any caller's context.
type session struct {
	c *Client

	mu       sync.Mutex
	tok      Secret
	gen      uint64    // bumped on every new token; a 401 clears only its own generation
	issued   time.Time // when the current token was issued
	lastUse  time.Time // send time of the last request that the token got through
	login    *LoginToken
	inflight *loginCall
	failErr  error     // last refused login, remembered briefly
	failTill time.Time //
}

// loginCall is one login in flight; done is closed when it ends.
type loginCall struct {
	done chan struct{}
	tok  Secret
	gen  uint64
	info *LoginToken
	err  error
}

func newTokenSource(c *Client) tokenSource {
	if tok := c.cfg.staticToken; tok != "" {
		return &fixedToken{tok: tok, c: c}
	}
	return &session{c: c}
}

func (s *session) token(ctx context.Context) (Secret, uint64, error) {
	tok, gen, _, err := s.acquire(ctx)
	return tok, gen, err
}

// acquire returns a token valid now, its generation and the login response
// it came with, logging in if needed.
func (s *session) acquire(ctx context.Context) (Secret, uint64, *LoginToken, error) {
	now := s.c.cfg.now()
	s.mu.Lock()
	if s.tok != "" && s.validAt(now) {
		tok, gen, info := s.tok, s.gen, s.login
		s.mu.Unlock()
		return tok, gen, info, nil
	}
	call, err := s.startLoginLocked(ctx, now)
	s.mu.Unlock()
	if err != nil {
		return "", 0, nil, err
	}
	select {
	case <-call.done:
		if call.err != nil && ctx.Err() != nil {
			return "", 0, nil, ctx.Err() // the caller's own end comes first
		}
		return call.tok, call.gen, call.info, call.err
	case <-ctx.Done():
		return "", 0, nil, ctx.Err()
	}
}

// startLoginLocked joins the login in flight or starts one. s.mu is held.
func (s *session) startLoginLocked(ctx context.Context, now time.Time) (*loginCall, error) {
	if s.inflight != nil {
		return s.inflight, nil
	}
	if s.failErr != nil && now.Before(s.failTill) {
		return nil, s.failErr
	}
	call := &loginCall{done: make(chan struct{})}
	s.inflight = call
	// Detached: a caller that gives up must not cancel the login the others
	// wait for. Bounded by its own timeout so it cannot hang forever.
	timeout := s.c.cfg.loginTimeout
	lctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), timeout)
	go func() {
		defer cancel()
		began := time.Now()
		info, err := s.c.logIn(lctx)
		if err != nil && lctx.Err() != nil && errors.Is(err, context.DeadlineExceeded) {
			// The login's own deadline, not any waiter's: a deadline error
			// would tell the waiters their own time ran out.
			err = &TransportError{Method: http.MethodPost, Path: "/v2/authorize", Err: loginTimeoutError{timeout}}
		}
		// Before finish: a login's event comes before those of the
		// attempts that send its token.
		s.c.loginDone(lctx, time.Since(began), err)
		s.finish(call, info, err)
	}()
	return call, nil
}

// validAt reports whether the token is still good at now: within the idle
// lifetime of its last use and, when the platform caps it, of its issue.
func (s *session) validAt(now time.Time) bool {
	cfg := s.c.cfg
	if !now.Before(s.lastUse.Add(cfg.tokenIdle - cfg.tokenMargin)) {
		return false
	}
	if s.login != nil && s.login.MaxLifeInHours > 0 {
		maxLife := time.Duration(s.login.MaxLifeInHours) * time.Hour
		if !now.Before(s.issued.Add(maxLife - cfg.tokenMargin)) {
			return false
		}
	}
	return true
}

// finish publishes a login's result to the session and its waiters.
func (s *session) finish(call *loginCall, info *LoginToken, err error) {
	now := s.c.cfg.now()
	s.mu.Lock()
	if err == nil {
		s.tok = info.AuthToken
		s.gen++
		s.issued, s.lastUse = now, now
		s.login = info
		s.failErr = nil
		call.tok, call.gen, call.info = s.tok, s.gen, info
	} else {
		var ae *authError
		if errors.As(err, &ae) {
			s.failErr, s.failTill = err, now.Add(s.c.cfg.authFailTTL)
		}
		call.err = err
	}
	s.inflight = nil
	s.mu.Unlock()
	close(call.done)
}

// accepted slides the token's expiry: Alianza's tokens live 8 hours from
// their last use.
func (s *session) accepted(gen uint64, sentAt time.Time) {
	s.mu.Lock()
	if gen == s.gen && sentAt.After(s.lastUse) {
		s.lastUse = sentAt
	}
	s.mu.Unlock()
}

// rejected drops the token after a 401, but only if it is still the one
// that failed: a newer token from a login in between stays. The replay
// then uses the newer token or a fresh login.
func (s *session) rejected(gen uint64) bool {
	s.invalidate(gen)
	return true
}

func (s *session) invalidate(gen uint64) {
	s.mu.Lock()
	if gen == s.gen {
		s.tok = ""
	}
	s.mu.Unlock()
}

func (s *session) current() (Secret, uint64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.tok, s.gen
}

// loggedOut forgets the token of generation gen and its login response,
// unless a newer login has replaced them.
func (s *session) loggedOut(gen uint64) {
	s.mu.Lock()
	if gen == s.gen {
		s.tok = ""
		s.login = nil
	}
	s.mu.Unlock()
}

// info returns the login response of a token valid now. Not s.login alone:
// after the token lapsed or was refused, that is the old login's response,
// with a dead token in it.
func (s *session) info(ctx context.Context) (*LoginToken, error) {
	_, _, info, err := s.acquire(ctx)
	if err != nil {
		return nil, err
	}
	return info, nil
}

// logIn sends POST /v2/authorize on its own path: no token, no replay, and
// never ErrOutcomeUnknown, since a login changes nothing on the platform.
// It is sent again only when nothing reached the platform.
func (c *Client) logIn(ctx context.Context) (*LoginToken, error) {
	var info LoginToken
	r := &request{
		method:       http.MethodPost,
		path:         "/v2/authorize",
		body:         &loginRequest{Username: c.cfg.username, Password: c.cfg.password},
		out:          &info,
		secretAnswer: true,
	}
	err := c.sendLogin(ctx, r)
	if err != nil {
		var apiErr *APIError
		// Any 4xx but 429 (400, 401, 403, 404, ...): the credentials are
		// refused. A 429 is the platform asking to slow down, not a verdict
		// on the credentials.
		if errors.As(err, &apiErr) && apiErr.StatusCode >= 400 && apiErr.StatusCode < 500 && apiErr.StatusCode != http.StatusTooManyRequests {
			return nil, &authError{err: err}
		}
		return nil, err
	}
	if info.AuthToken == "" {
		return nil, &DecodeError{StatusCode: http.StatusOK, Method: r.method, Path: r.path, kind: ErrDecode, Err: errors.New("login response has no authToken")}
	}
	return &info, nil
}

// sendLogin sends the login until it gets an answer, retrying only the
// attempts that sent nothing (a refused dial, a failed certificate check).
func (c *Client) sendLogin(ctx context.Context, r *request) error {
	t, err := c.prepare(ctx, r)
	if err != nil {
		return err
	}
	for attempt := 1; ; attempt++ {
		if err := c.limit(ctx); err != nil {
			return withLast(r.method, t.path, err, nil)
		}
		// Untraced: a login changes nothing, so whether it was written
		// does not matter.
		resp, _, err := c.roundTrip(ctx, r, &t, attempt, "", false)
		if err == nil {
			if resp.StatusCode < 200 || resp.StatusCode > 299 {
				return c.apiError(resp, r, t.path, attempt)
			}
			c.budget.refund()
			err = c.decode(resp, r, t.path)
			be, lost := err.(*bodyReadError)
			if !lost {
				return err
			}
			err = be.err
		}
		if ctx.Err() != nil {
			return withLast(r.method, t.path, ctx.Err(), nil)
		}
		if sentNothing(err) && retryableTransport(err) && attempt <= c.cfg.retry.MaxRetries {
			ok, werr := c.pause(ctx, attempt, 0)
			if werr != nil && werr != errPastDeadline {
				return withLast(r.method, t.path, werr, nil)
			}
			if ok {
				continue
			}
		}
		return &TransportError{Method: r.method, Path: t.path, Attempts: attempt, Err: err}
	}
}

// secrets lists the credential values to scrub from errors and snippets.
func (c *Client) secrets() []string {
	out := make([]string, 0, 3)
	if c.cfg.password != "" {
		out = append(out, string(c.cfg.password))
	}
	if c.cfg.staticToken != "" {
		out = append(out, string(c.cfg.staticToken))
	}
	if tok, _ := c.auth.current(); tok != "" && tok != c.cfg.staticToken {
		out = append(out, string(tok))
	}
	return out
}

// Login makes sure the client holds a valid token, logging in if it does
// not, and returns the login's response: token, default partition,
// permissions and sub-partitions. Concurrent calls share one login. The
// result is the caller's own copy: changing it does not change the client.
//
// operationId logUserIn.
//
//alianza:operation POST /v2/authorize
func (c *Client) Login(ctx context.Context) (*LoginToken, error) {
	info, err := c.auth.info(ctx)
	if err != nil {
		return nil, err
	}
	return info.clone(), nil
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
	tok, gen := c.auth.current()
	if tok == "" {
		return nil
	}
	// The token is sent as is: no login, and no replay after a 401, which
	// would log in only to log the fresh token out.
	err := c.send(ctx, &request{method: http.MethodPut, path: "/v2/authorize/logout"}, &fixedToken{tok: tok})
	if err != nil && !errors.Is(err, ErrUnauthorized) {
		return err
	}
	c.auth.loggedOut(gen)
	return nil
}
