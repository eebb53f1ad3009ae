package alianza

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeClock is an injectable clock for WithClock.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock { return &fakeClock{t: time.Date(2026, 1, 1, 8, 0, 0, 0, time.UTC)} }

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *fakeClock) Advance(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// loginIssues makes POST /v2/authorize issue the given tokens in turn (the
// last one again once they run out) and returns the login counter.
func loginIssues(mt *httpmock.MockTransport, tokens ...string) *atomic.Int64 {
	var n atomic.Int64
	mt.RegisterResponder(http.MethodPost, testBaseURL+"/v2/authorize", func(r *http.Request) (*http.Response, error) {
		i := int(n.Add(1)) - 1
		tok := tokens[min(i, len(tokens)-1)]
		return httpmock.NewJsonResponse(200, map[string]any{
			"authToken": tok, "partitionId": testPartition, "username": testUsername,
			"permissions": map[string]string{"ACCOUNT": "EDIT"}, "subPartitionIds": []string{"SUB1", "SUB2"},
		})
	})
	return &n
}

// acceptTokens answers GET .../account/A1 with 200 for a token in ok and a
// 401 "Expired Auth Token" for any other, counting both.
func acceptTokens(mt *httpmock.MockTransport, ok func(tok string) bool) (gets, unauthorized *atomic.Int64) {
	gets, unauthorized = new(atomic.Int64), new(atomic.Int64)
	mt.RegisterResponder(http.MethodGet, testAccountURL("A1"), func(r *http.Request) (*http.Response, error) {
		gets.Add(1)
		if !ok(r.Header.Get("X-Auth-Token")) {
			unauthorized.Add(1)
			return httpmock.NewStringResponse(401, `{"status":401,"messages":["Expired Auth Token"]}`), nil
		}
		return httpmock.NewStringResponse(200, `{"id":"A1"}`), nil
	})
	return gets, unauthorized
}

// burst runs fn in n goroutines released at once and returns their errors.
func burst(n int, fn func() error) []error {
	errs := make([]error, n)
	var start, done sync.WaitGroup
	start.Add(1)
	for i := range n {
		done.Add(1)
		go func() {
			defer done.Done()
			start.Wait()
			errs[i] = fn()
		}()
	}
	start.Done()
	done.Wait()
	return errs
}

func requireAllOK(t *testing.T, errs []error) {
	t.Helper()
	for i, err := range errs {
		require.NoError(t, err, "caller %d", i)
	}
}

func TestLoginColdStartCoalesced(t *testing.T) {
	c, mt := newMockClient(t)
	mt.RegisterResponder(http.MethodPost, testBaseURL+"/v2/authorize",
		httpmock.NewJsonResponderOrPanic(200, map[string]any{"authToken": testToken, "partitionId": testPartition}).Delay(20*time.Millisecond))
	gets, _ := acceptTokens(mt, func(tok string) bool { return tok == testToken })

	errs := burst(100, func() error { _, err := getAccount(context.Background(), c, "A1"); return err })
	requireAllOK(t, errs)
	assert.Equal(t, 1, loginCalls(mt), "100 goroutines on a fresh client make exactly 1 login")
	assert.Equal(t, int64(100), gets.Load())
	figure(t, "case01.authorize[mock]", loginCalls(mt))
}

func TestTokenExpiryBurstReloginsOnce(t *testing.T) {
	clock := newFakeClock()
	c, mt := newMockClient(t, WithClock(clock.Now))
	logins := loginIssues(mt, "tok-one-1111", "tok-two-2222")
	gets, unauthorized := acceptTokens(mt, func(tok string) bool { return tok != "" })

	_, err := getAccount(context.Background(), c, "A1")
	require.NoError(t, err)
	require.Equal(t, int64(1), logins.Load())

	clock.Advance(DefaultTokenIdle) // idle for 8 hours: the token has lapsed
	requireAllOK(t, burst(100, func() error { _, err := getAccount(context.Background(), c, "A1"); return err }))
	assert.Equal(t, int64(2), logins.Load(), "exactly 1 more login after expiry")
	assert.Equal(t, int64(101), gets.Load())
	assert.Equal(t, int64(0), unauthorized.Load(), "renewed before use, no 401")
}

func TestForced401BurstReloginsOnce(t *testing.T) {
	c, mt := newMockClient(t)
	logins := loginIssues(mt, "tok-one-1111", "tok-two-2222")
	var rejectOne atomic.Bool
	gets, unauthorized := acceptTokens(mt, func(tok string) bool {
		return tok == "tok-two-2222" || (tok == "tok-one-1111" && !rejectOne.Load())
	})
	_, err := getAccount(context.Background(), c, "A1")
	require.NoError(t, err)

	rejectOne.Store(true) // the platform expires token one
	requireAllOK(t, burst(100, func() error { _, err := getAccount(context.Background(), c, "A1"); return err }))
	assert.Equal(t, int64(2), logins.Load(), "exactly 1 re-login for 100 callers")
	assert.LessOrEqual(t, gets.Load(), int64(1+200), "at most one replay per call")
	assert.LessOrEqual(t, unauthorized.Load(), int64(100))
	figure(t, "case02.relogins[mock]", logins.Load()-1)
	figure(t, "case02.gets[mock]", gets.Load()-1)
}

// A 401 for token one that arrives after token two was issued must not
// clear token two (compare-and-clear) nor cause a third login.
func TestStale401KeepsNewerToken(t *testing.T) {
	c, mt := newMockClient(t)
	logins := loginIssues(mt, "tok-one-1111", "tok-two-2222")
	arrived, release := make(chan struct{}), make(chan struct{})
	mt.RegisterResponder(http.MethodGet, testAccountURL("SLOW"), func(r *http.Request) (*http.Response, error) {
		if r.Header.Get("X-Auth-Token") == "tok-one-1111" {
			close(arrived)
			<-release
			return httpmock.NewStringResponse(401, `{"messages":["Expired Auth Token"]}`), nil
		}
		return httpmock.NewStringResponse(200, `{}`), nil
	})
	acceptTokens(mt, func(tok string) bool { return tok == "tok-two-2222" })

	_, err := c.Login(context.Background())
	require.NoError(t, err)
	slow := make(chan error)
	go func() { _, err := getAccount(context.Background(), c, "SLOW"); slow <- err }()
	<-arrived
	_, err = getAccount(context.Background(), c, "A1") // 401 with one, login, two succeeds
	require.NoError(t, err)
	close(release)
	require.NoError(t, <-slow, "the stale 401 is replayed with token two")
	assert.Equal(t, int64(2), logins.Load(), "no third login")
	figure(t, "case03.logins", logins.Load())

	ts := c.auth.(*session)
	tok, gen, err := ts.token(context.Background())
	require.NoError(t, err)
	ts.invalidate(gen - 1)
	tok2, _, _ := ts.token(context.Background())
	assert.Equal(t, tok, tok2, "invalidating an older generation keeps the token")
}

func TestSlidingExpiry(t *testing.T) {
	t.Run("a call every 7h50m for 72h keeps one login", func(t *testing.T) {
		clock := newFakeClock()
		c, mt := newMockClient(t, WithClock(clock.Now))
		logins := loginIssues(mt, testToken)
		acceptTokens(mt, func(string) bool { return true })
		for elapsed := time.Duration(0); elapsed <= 72*time.Hour; elapsed += 7*time.Hour + 50*time.Minute {
			_, err := getAccount(context.Background(), c, "A1")
			require.NoError(t, err)
			clock.Advance(7*time.Hour + 50*time.Minute)
		}
		assert.Equal(t, int64(1), logins.Load())
		figure(t, "case04a.logins", logins.Load())
	})
	t.Run("idle 8h1s renews before the call", func(t *testing.T) {
		clock := newFakeClock()
		c, mt := newMockClient(t, WithClock(clock.Now))
		logins := loginIssues(mt, "tok-one-1111", "tok-two-2222")
		_, unauthorized := acceptTokens(mt, idleTokens(clock))
		_, err := getAccount(context.Background(), c, "A1")
		require.NoError(t, err)
		clock.Advance(8*time.Hour + time.Second)
		_, err = getAccount(context.Background(), c, "A1")
		require.NoError(t, err)
		assert.Equal(t, int64(2), logins.Load())
		assert.Equal(t, int64(0), unauthorized.Load())
		figure(t, "case04b.logins", logins.Load())
		figure(t, "case04b.401s", unauthorized.Load())
	})
	t.Run("last use is stamped at send time", func(t *testing.T) {
		clock := newFakeClock()
		c, mt := newMockClient(t, WithClock(clock.Now), WithTokenLifetime(8*time.Hour, 30*time.Second))
		logins := loginIssues(mt, "tok-one-1111", "tok-two-2222")
		first := true
		var sentAt time.Time
		mt.RegisterResponder(http.MethodGet, testAccountURL("A1"), func(r *http.Request) (*http.Response, error) {
			if first {
				first = false
				sentAt = clock.Now()
				clock.Advance(2 * time.Minute) // a slow first response
			}
			return httpmock.NewStringResponse(200, `{}`), nil
		})
		_, err := getAccount(context.Background(), c, "A1")
		require.NoError(t, err)
		// The platform counts 8h from arrival (sentAt): at sentAt+8h-15s the
		// token is inside the 30 s margin and must be renewed first.
		clock.Advance(sentAt.Add(8*time.Hour - 15*time.Second).Sub(clock.Now()))
		_, err = getAccount(context.Background(), c, "A1")
		require.NoError(t, err)
		assert.Equal(t, int64(2), logins.Load())
		figure(t, "case04c.logins", logins.Load())
	})
	t.Run("only successes slide the expiry", func(t *testing.T) {
		clock := newFakeClock()
		c, mt := newMockClient(t, WithClock(clock.Now), WithoutRetries())
		logins := loginIssues(mt, "tok-one-1111", "tok-two-2222")
		acceptTokens(mt, func(string) bool { return true })
		mt.RegisterResponder(http.MethodGet, testAccountURL("GONE"), httpmock.NewStringResponder(404, `{"messages":["not found"]}`))
		_, err := getAccount(context.Background(), c, "A1")
		require.NoError(t, err)
		clock.Advance(7 * time.Hour)
		_, err = getAccount(context.Background(), c, "GONE")
		require.ErrorIs(t, err, ErrNotFound)
		clock.Advance(56 * time.Minute) // 7h56m after the last success: past 8h - 5m
		_, err = getAccount(context.Background(), c, "A1")
		require.NoError(t, err)
		assert.Equal(t, int64(2), logins.Load(), "a 404 did not slide the expiry")
	})
}

func TestWrongCredentials(t *testing.T) {
	for _, tc := range []struct {
		status int
		body   string
	}{
		{401, `{"status":401,"messages":["Invalid username or password"]}`},
		{400, `{"status":400,"messages":["username and password are required"]}`},
		{404, `{"status":404,"messages":["User not found"]}`},
	} {
		t.Run(fmt.Sprint(tc.status), func(t *testing.T) {
			clock := newFakeClock()
			c, mt := newMockClient(t, WithClock(clock.Now))
			mt.RegisterResponder(http.MethodPost, testBaseURL+"/v2/authorize",
				httpmock.NewStringResponder(tc.status, strings.ReplaceAll(tc.body, "password", "password "+testPassword)))
			gets, _ := acceptTokens(mt, func(string) bool { return true })

			_, err := getAccount(context.Background(), c, "A1")
			require.Error(t, err)
			assert.ErrorIs(t, err, ErrUnauthorized)
			assert.ErrorIs(t, err, ErrAuthentication)
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tc.status, apiErr.StatusCode)
			assert.Equal(t, "/v2/authorize", apiErr.Path)
			assert.Equal(t, 1, loginCalls(mt), "exactly 1 login attempt")
			assert.Equal(t, int64(0), gets.Load(), "no API call")
			scanForSecrets(t, "login error", formatAll(err))

			// Within the negative-cache window the refusal is shared: no new
			// attempt, by one caller or by 100.
			errs := burst(100, func() error { _, err := getAccount(context.Background(), c, "A1"); return err })
			for _, err := range errs {
				require.ErrorIs(t, err, ErrAuthentication)
			}
			assert.Equal(t, 1, loginCalls(mt))

			// After the window each call makes exactly 1 attempt, never a loop.
			for i := 2; i <= 4; i++ {
				clock.Advance(3 * time.Second)
				_, err = getAccount(context.Background(), c, "A1")
				require.ErrorIs(t, err, ErrUnauthorized)
				assert.Equal(t, i, loginCalls(mt))
			}
			assert.Equal(t, int64(0), gets.Load())
		})
	}
	t.Run("100 callers on a fresh client", func(t *testing.T) {
		c, mt := newMockClient(t)
		mt.RegisterResponder(http.MethodPost, testBaseURL+"/v2/authorize",
			httpmock.NewStringResponder(401, `{"messages":["Invalid username or password"]}`).Delay(20*time.Millisecond))
		errs := burst(100, func() error { _, err := getAccount(context.Background(), c, "A1"); return err })
		for _, err := range errs {
			require.ErrorIs(t, err, ErrUnauthorized)
		}
		assert.Equal(t, 1, loginCalls(mt))
	})
}

func TestLoginRateLimitedIsNotBadCredentials(t *testing.T) {
	c, mt := newMockClient(t)
	mt.RegisterResponder(http.MethodPost, testBaseURL+"/v2/authorize", httpmock.NewStringResponder(429, `{"messages":["slow down"]}`))
	_, err := c.Login(context.Background())
	require.ErrorIs(t, err, ErrRateLimited)
	assert.NotErrorIs(t, err, ErrAuthentication)
	_, err = c.Login(context.Background())
	require.ErrorIs(t, err, ErrRateLimited)
	assert.Equal(t, 2, loginCalls(mt), "a 429 is not negatively cached as bad credentials")
}

// In a synctest bubble the failing login's 20 ms sleep ends only once every
// other goroutine is blocked, so all 100 callers are waiting on it.
func TestLoginTransientFailureIsShared(t *testing.T) {
	synctest.Test(t, testLoginTransientFailureIsShared)
}

func testLoginTransientFailureIsShared(t *testing.T) {
	c, mt := newMockClient(t)
	var n atomic.Int64
	mt.RegisterResponder(http.MethodPost, testBaseURL+"/v2/authorize", func(r *http.Request) (*http.Response, error) {
		if n.Add(1) == 1 {
			time.Sleep(20 * time.Millisecond)
			return httpmock.NewStringResponse(503, `<html>down</html>`), nil
		}
		return httpmock.NewJsonResponse(200, map[string]any{"authToken": testToken})
	})
	acceptTokens(mt, func(string) bool { return true })
	errs := burst(100, func() error { _, err := getAccount(context.Background(), c, "A1"); return err })
	failed := 0
	for _, err := range errs {
		if err != nil {
			failed++
			require.ErrorIs(t, err, ErrServer)
			require.NotErrorIs(t, err, ErrAuthentication)
		}
	}
	assert.Equal(t, int64(1), n.Load(), "1 login attempt for the burst")
	assert.Equal(t, 100, failed)
	_, err := getAccount(context.Background(), c, "A1")
	require.NoError(t, err, "the next call logs in")
	assert.Equal(t, int64(2), n.Load())
}

func TestPersistent401NeverLoops(t *testing.T) {
	c, mt := newMockClient(t)
	gets, _ := acceptTokens(mt, func(string) bool { return false })
	for i := 1; i <= 20; i++ {
		_, err := getAccount(context.Background(), c, "A1")
		require.ErrorIs(t, err, ErrUnauthorized)
		assert.NotErrorIs(t, err, ErrAuthentication)
		var apiErr *APIError
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, 2, apiErr.Attempts)
		assert.Equal(t, []string{"Expired Auth Token"}, apiErr.Messages)
		assert.Equal(t, int64(2*i), gets.Load(), "GET, 401, re-login, GET, 401, error")
	}
	assert.Equal(t, 21, loginCalls(mt))
	figure(t, "case07.requestsPerCall", gets.Load()/20)
	figure(t, "case07.loginsPerCall", (loginCalls(mt)-1)/20)
}

func TestPOSTReplayedOnceAfter401(t *testing.T) {
	c, mt := newMockClient(t)
	loginIssues(mt, "tok-one-1111", "tok-two-2222")
	var bodies []string
	url := testBaseURL + "/v2/partition/" + testPartition + "/account"
	mt.RegisterResponder(http.MethodPost, url, func(r *http.Request) (*http.Response, error) {
		body := make([]byte, r.ContentLength)
		_, _ = r.Body.Read(body)
		bodies = append(bodies, string(body))
		if r.Header.Get("X-Auth-Token") == "tok-one-1111" {
			return httpmock.NewStringResponse(401, `{"messages":["Expired Auth Token"]}`), nil
		}
		return httpmock.NewStringResponse(200, `{"id":"NEW"}`), nil
	})
	var out struct{ ID string }
	err := c.do(context.Background(), &request{method: http.MethodPost, path: "/v2/partition/{partitionId}/account",
		body: map[string]any{"accountNumber": "AC-1", "name": "x"}, out: &out})
	require.NoError(t, err)
	assert.Equal(t, "NEW", out.ID)
	require.Len(t, bodies, 2, "sent, 401, re-login, replayed once")
	assert.Equal(t, bodies[0], bodies[1], "the replay's body is byte-identical")
	assert.JSONEq(t, `{"accountNumber":"AC-1","name":"x"}`, bodies[1])
}

func TestStaticToken(t *testing.T) {
	mt := httpmock.NewMockTransport()
	mt.RegisterNoResponder(func(r *http.Request) (*http.Response, error) {
		t.Errorf("unexpected %s %s", r.Method, r.URL)
		return httpmock.NewStringResponse(599, ""), nil
	})
	c, err := NewClient(WithAuthToken(testToken), WithBaseURL(testBaseURL), WithHTTPClient(&http.Client{Transport: mt}))
	require.NoError(t, err)
	mt.RegisterResponder(http.MethodGet, testBaseURL+"/v2/authorize/userinfo",
		httpmock.NewJsonResponderOrPanic(200, map[string]any{"partitionId": testPartition, "username": "u"}))
	var tokSeen atomic.Value
	var calls atomic.Int64
	mt.RegisterResponder(http.MethodGet, testAccountURL("A1"), func(r *http.Request) (*http.Response, error) {
		tokSeen.Store(r.Header.Get("X-Auth-Token"))
		if calls.Add(1) > 1 {
			return httpmock.NewStringResponse(401, `{"messages":["Invalid Auth Token"]}`), nil
		}
		return httpmock.NewStringResponse(200, `{}`), nil
	})

	_, err = getAccount(context.Background(), c, "A1") // partition from userinfo
	require.NoError(t, err)
	assert.Equal(t, testToken, tokSeen.Load())
	p, err := c.PartitionID(context.Background())
	require.NoError(t, err)
	assert.Equal(t, testPartition, p)
	assert.Equal(t, 1, mt.GetCallCountInfo()["GET "+testBaseURL+"/v2/authorize/userinfo"], "userinfo asked once")

	_, err = getAccount(context.Background(), c, "A1")
	require.ErrorIs(t, err, ErrUnauthorized, "a pre-issued token is never refreshed")
	assert.Equal(t, int64(2), calls.Load(), "no replay")
	assert.Equal(t, 0, mt.GetCallCountInfo()["POST "+testBaseURL+"/v2/authorize"])
}

// In a synctest bubble: the login takes 60 ms and A's deadline is 10 ms of
// bubble time, so the order is exact whatever the load.
func TestLoginWaiterCancelDoesNotCancelLogin(t *testing.T) {
	synctest.Test(t, testLoginWaiterCancelDoesNotCancelLogin)
}

func testLoginWaiterCancelDoesNotCancelLogin(t *testing.T) {
	c, mt := newMockClient(t)
	mt.RegisterResponder(http.MethodPost, testBaseURL+"/v2/authorize",
		httpmock.NewJsonResponderOrPanic(200, map[string]any{"authToken": testToken}).Delay(60*time.Millisecond))
	acceptTokens(mt, func(string) bool { return true })

	b := make(chan error)
	go func() { _, err := getAccount(context.Background(), c, "A1"); b <- err }()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := getAccount(ctx, c, "A1")
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Equal(t, 10*time.Millisecond, time.Since(start), "A returns at its own deadline")
	require.NoError(t, <-b, "B succeeds on the same login")
	assert.Equal(t, 1, loginCalls(mt))
}

func TestLoginUserInfoLogout(t *testing.T) {
	clock := newFakeClock()
	c, mt := newMockClient(t, WithClock(clock.Now))
	logins := loginIssues(mt, "tok-one-1111", "tok-two-2222", "tok-three-3333")
	var logoutTok atomic.Value
	logoutStatus := 200
	mt.RegisterResponder(http.MethodPut, testBaseURL+"/v2/authorize/logout", func(r *http.Request) (*http.Response, error) {
		logoutTok.Store(r.Header.Get("X-Auth-Token"))
		return httpmock.NewStringResponse(logoutStatus, ""), nil
	})
	mt.RegisterResponder(http.MethodGet, testBaseURL+"/v2/authorize/userinfo", func(r *http.Request) (*http.Response, error) {
		return httpmock.NewJsonResponse(200, map[string]any{"authToken": r.Header.Get("X-Auth-Token"), "userId": "U1"})
	})

	require.NoError(t, c.Logout(context.Background()), "nothing to log out")
	assert.Equal(t, 0, mt.GetTotalCallCount(), "Logout never logs in just to log out")

	info, err := c.Login(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "tok-one-1111", info.AuthToken.Reveal())
	assert.Equal(t, testPartition, info.PartitionID)
	assert.Equal(t, map[string]string{"ACCOUNT": "EDIT"}, info.Permissions)
	assert.Equal(t, []string{"SUB1", "SUB2"}, info.SubPartitionIDs)
	scanForSecrets(t, "login response", formatAll(info)+formatAll(*info))
	_, err = c.Login(context.Background())
	require.NoError(t, err)
	assert.Equal(t, int64(1), logins.Load(), "a valid token needs no new login")

	ui, err := c.UserInfo(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "U1", ui.UserID)
	assert.Equal(t, "tok-one-1111", ui.AuthToken.Reveal())

	// Login after the token lapsed returns the new login, not the old one.
	clock.Advance(9 * time.Hour)
	info, err = c.Login(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "tok-two-2222", info.AuthToken.Reveal())
	assert.Equal(t, int64(2), logins.Load())

	require.NoError(t, c.Logout(context.Background()))
	assert.Equal(t, "tok-two-2222", logoutTok.Load())
	info, err = c.Login(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "tok-three-3333", info.AuthToken.Reveal(), "the next call logs in again")

	// A 401 on logout: the token was dead already. No re-login, no replay.
	logoutStatus = 401
	require.NoError(t, c.Logout(context.Background()))
	assert.Equal(t, 2, mt.GetCallCountInfo()["PUT "+testBaseURL+"/v2/authorize/logout"])
	assert.Equal(t, int64(3), logins.Load())
	require.NoError(t, c.Logout(context.Background()))
	assert.Equal(t, 2, mt.GetCallCountInfo()["PUT "+testBaseURL+"/v2/authorize/logout"], "token already gone")

	logoutStatus = 500
	_, err = c.Login(context.Background())
	require.NoError(t, err)
	err = c.Logout(context.Background())
	require.True(t, errors.Is(err, ErrServer), "%v", err)
}

// The login response of Alianza's web-services introduction decodes with no unknown field, and its token
// never prints.
func TestLoginTokenFixture(t *testing.T) {
	var lt LoginToken
	decodeStrict(t, fixture(t, "login-token.json"), &lt)
	assert.Equal(t, "xRyqjCTfSK3tl5W6aa61xg", lt.AuthToken.Reveal())
	assert.Equal(t, "asdk12387asdhjkASD1", lt.PartitionID)
	assert.Equal(t, "User", lt.UserType)
	assert.Equal(t, "DELETE", lt.Permissions["Account"])
	out := formatAll(lt) + formatAll(&lt) + logBoth(t, "login", lt, "loginPtr", &lt)
	assert.NotContains(t, out, "xRyqjCTfSK3tl5W6aa61xg")
	assert.Contains(t, out, "asdk12387asdhjkASD1")
}

// Login, UserInfo and Logout send what their directives say.
func TestAuthOperationsMatchDirectives(t *testing.T) {
	c, mt := newMockClient(t)
	login := mockOp(t, mt, "Client.Login", nil, 200, fixture(t, "login-token.json"))
	userinfo := mockOp(t, mt, "Client.UserInfo", nil, 200, map[string]any{"userId": "9sPet0RZ5mnniO271ojg"})
	logout := mockOp(t, mt, "Client.Logout", nil, 200, nil)

	info, err := c.Login(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "TEST CUSTOMER", info.PartitionName)
	assert.Equal(t, map[string]any{"username": testUsername, "password": testPassword}, login.BodyMap(t), "the wire carries the real password")
	assert.Empty(t, login.header.Get("X-Auth-Token"), "the login sends no token")
	assert.Equal(t, "application/json", login.header.Get("Content-Type"))

	ui, err := c.UserInfo(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "9sPet0RZ5mnniO271ojg", ui.UserID)
	assert.Equal(t, "xRyqjCTfSK3tl5W6aa61xg", userinfo.header.Get("X-Auth-Token"))
	assert.Empty(t, userinfo.Query())

	require.NoError(t, c.Logout(context.Background()))
	assert.Equal(t, "xRyqjCTfSK3tl5W6aa61xg", logout.header.Get("X-Auth-Token"))
	assert.Empty(t, logout.Body())
	assert.Equal(t, 1, login.Calls())
	assert.Equal(t, 1, logout.Calls())
	assert.Equal(t, "POST /v2/authorize", directives(t)["Client.Login"])
}

// A login that runs into its own timeout (WithLoginTimeout) fails every
// waiter with an error of the login, not with context.DeadlineExceeded:
// the waiters' contexts are live, and a deadline error would tell them
// their own time ran out.
func TestLoginOwnTimeoutIsNotCallersDeadline(t *testing.T) {
	f := newFakeAlianza(t)
	f.on(fakeLogin, hangUntilClientGone(nil))
	c := f.client(WithLoginTimeout(100 * time.Millisecond))
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	_, err := c.Accounts.Get(ctx, "A1")
	require.Error(t, err)
	require.NoError(t, ctx.Err())
	assert.NotErrorIs(t, err, context.DeadlineExceeded, "the caller's deadline has not passed")
	assert.NotErrorIs(t, err, ErrAuthentication, "a timeout is no refusal")
	var te *TransportError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, "/v2/authorize", te.Path)
	assert.Contains(t, err.Error(), "login did not finish within 100ms")
	assert.Zero(t, f.count(fakeAccount), "no call without a token")
}

// Login hands out a copy: a caller that changes it changes neither the
// client's partition nor what the next Login returns.
func TestLoginReturnsCopy(t *testing.T) {
	login := map[string]any{
		"authToken": testToken, "partitionId": "P0", "username": testUsername,
		"permissions": map[string]string{"ACCOUNT": "READ"}, "featureToggles": map[string]bool{"x": true},
		"subPartitionIds": []string{"S1"}, "grantedAuthorities": []string{"ROLE_A"},
	}
	check := func(t *testing.T, c *Client) {
		info, err := c.Login(context.Background())
		require.NoError(t, err)
		info.PartitionID = "EVIL"
		info.Permissions["ACCOUNT"] = "DELETE"
		info.FeatureToggles["x"] = false
		info.SubPartitionIDs[0] = "EVIL"
		info.GrantedAuthorities[0] = "ROLE_ADMIN"
		again, err := c.Login(context.Background())
		require.NoError(t, err)
		assert.Equal(t, "P0", again.PartitionID)
		assert.Equal(t, map[string]string{"ACCOUNT": "READ"}, again.Permissions)
		assert.Equal(t, map[string]bool{"x": true}, again.FeatureToggles)
		assert.Equal(t, []string{"S1"}, again.SubPartitionIDs)
		assert.Equal(t, []string{"ROLE_A"}, again.GrantedAuthorities)
		p, err := c.PartitionID(context.Background())
		require.NoError(t, err)
		assert.Equal(t, "P0", p)
	}
	t.Run("credentials", func(t *testing.T) {
		c, _ := mockClientWithLogin(t, login)
		check(t, c)
	})
	t.Run("auth token", func(t *testing.T) {
		mt := httpmock.NewMockTransport()
		mt.RegisterResponder(http.MethodGet, testBaseURL+"/v2/authorize/userinfo", httpmock.NewJsonResponderOrPanic(200, login))
		c, err := NewClient(WithBaseURL(testBaseURL), WithAuthToken(testToken), WithHTTPClient(&http.Client{Transport: mt}))
		require.NoError(t, err)
		check(t, c)
		assert.Equal(t, 1, mt.GetTotalCallCount(), "the token's owner is asked once")
	})
}
