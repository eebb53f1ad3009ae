package alianza

// RELIABILITY.md cases 1 to 10, mostly on real sockets (fakeAlianza): token
// lifecycle and refresh storms. Cases 3, 4 and 7 are proven in auth_test.go
// with httpmock (TestStale401KeepsNewerToken, TestSlidingExpiry,
// TestPersistent401NeverLoops).

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"testing/synctest"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

// timedBurst is burst that also returns the slowest caller's latency.
func timedBurst(n int, fn func() error) ([]error, time.Duration) {
	var mu sync.Mutex
	var slowest time.Duration
	errs := burst(n, func() error {
		start := time.Now()
		err := fn()
		d := time.Since(start)
		mu.Lock()
		slowest = max(slowest, d)
		mu.Unlock()
		return err
	})
	return errs, slowest
}

func TestCase01ColdStartCoalescing(t *testing.T) {
	f := newFakeAlianza(t)
	f.loginDelay = 50 * time.Millisecond
	c := f.client()
	errs, slowest := timedBurst(100, func() error { _, err := c.Accounts.Get(context.Background(), "A1"); return err })
	requireAllOK(t, errs)
	assert.Equal(t, 1, f.count(fakeLogin), "exactly 1 login for 100 cold callers")
	assert.Equal(t, 100, f.count(fakeAccount))
	figure(t, "case01.authorize", f.count(fakeLogin))
	figure(t, "case01.maxLatency", slowest.Round(time.Millisecond))
}

func TestCase02ExpiryBurst(t *testing.T) {
	f := newFakeAlianza(t)
	c := f.client()
	_, err := c.Login(context.Background())
	require.NoError(t, err)
	f.expire() // every request bearing T1 now gets 401 "Invalid Auth Token"
	var n atomic.Int64
	errs := burst(100, func() error {
		// One account id per caller, so the fake counts each call's attempts.
		_, err := c.Accounts.Get(context.Background(), fmt.Sprintf("A%d", n.Add(1)))
		return err
	})
	requireAllOK(t, errs)
	relogins := f.count(fakeLogin) - 1
	gets := f.count(fakeAccount)
	replays := f.maxPerPath(fakeAccount) - 1
	assert.Equal(t, 1, relogins, "exactly 1 re-login for 100 callers")
	assert.LessOrEqual(t, gets, 200, "at most one replay per call")
	assert.LessOrEqual(t, replays, 1, "no call was replayed twice")
	figure(t, "case02.relogins", relogins)
	figure(t, "case02.gets", gets)
	figure(t, "case02.maxReplaysPerCall", replays)
}

func TestCase05WrongCredentialsNoLockout(t *testing.T) {
	f := newFakeAlianza(t)
	f.loginStatus.Store(401)
	clock := newFakeClock()
	c := f.client(WithClock(clock.Now))
	_, err := c.Accounts.Get(context.Background(), "A1")
	require.ErrorIs(t, err, ErrAuthentication)
	assert.NotContains(t, err.Error(), testPassword)
	single := f.count(fakeLogin)
	assert.Equal(t, 1, single)
	assert.Equal(t, 0, f.count(fakeAccount), "no API call")

	// 100 concurrent callers on a fresh client: one login between them.
	// The clock stands still, so a caller that arrives after the refusal
	// finds it remembered however slowly the burst runs.
	f2 := newFakeAlianza(t)
	f2.loginStatus.Store(401)
	f2.loginDelay = 20 * time.Millisecond
	c2 := f2.client(WithClock(newFakeClock().Now))
	for _, err := range burst(100, func() error { _, err := c2.Accounts.Get(context.Background(), "A1"); return err }) {
		require.ErrorIs(t, err, ErrAuthentication)
	}
	assert.Equal(t, 1, f2.count(fakeLogin))

	// A caller loop of 50 calls over 1 s: the refusal is remembered for
	// 2 s, so the platform sees 1 login, not 50. Later calls inside the
	// window make no login attempt at all (0 per call); after it, each
	// call makes exactly 1 (auth_test.go TestWrongCredentials).
	f3 := newFakeAlianza(t)
	f3.loginStatus.Store(401)
	clock3 := newFakeClock()
	c3 := f3.client(WithClock(clock3.Now))
	for range 50 {
		_, err := c3.Accounts.Get(context.Background(), "A1")
		require.ErrorIs(t, err, ErrAuthentication)
		clock3.Advance(20 * time.Millisecond)
	}
	assert.LessOrEqual(t, f3.count(fakeLogin), 2)
	figure(t, "case05.authorizePerCall", single)
	figure(t, "case05.authorizePer100Callers", f2.count(fakeLogin))
	figure(t, "case05.authorizePer50Sequential", f3.count(fakeLogin))
}

// Case 6, second run: the login's connection is reset (the 503 run is
// auth_test.go TestLoginTransientFailureIsShared). In a synctest bubble the
// first login is held until every one of the 100 callers is blocked
// waiting for it, so the burst shares it however the goroutines are
// scheduled; the reset is the transport's ECONNRESET.
func TestCase06LoginResetShared(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, mt := newMockClient(t)
		var logins atomic.Int64
		gate := make(chan struct{})
		mt.RegisterResponder(http.MethodPost, testBaseURL+"/v2/authorize", func(*http.Request) (*http.Response, error) {
			if logins.Add(1) == 1 {
				<-gate
				return nil, &net.OpError{Op: "read", Net: "tcp", Err: os.NewSyscallError("read", syscall.ECONNRESET)}
			}
			return httpmock.NewJsonResponse(200, map[string]any{"authToken": testToken, "partitionId": testPartition})
		})
		var gets atomic.Int64
		mt.RegisterResponder(http.MethodGet, testAccountURL("A1"), func(*http.Request) (*http.Response, error) {
			gets.Add(1)
			return httpmock.NewStringResponse(200, `{"id":"A1"}`), nil
		})
		result := make(chan []error)
		go func() {
			result <- burst(100, func() error { _, err := c.Accounts.Get(context.Background(), "A1"); return err })
		}()
		synctest.Wait() // all 100 callers wait on the one login, which waits on gate
		waiting := logins.Load()
		close(gate)
		errs := <-result
		failed := 0
		for _, err := range errs {
			if err == nil {
				continue
			}
			failed++
			require.ErrorIs(t, err, syscall.ECONNRESET)
			require.NotErrorIs(t, err, ErrOutcomeUnknown, "a login changes nothing on the platform")
			require.NotErrorIs(t, err, ErrAuthentication)
		}
		during := logins.Load()
		assert.Equal(t, int64(1), waiting, "1 login started for 100 callers")
		assert.Equal(t, int64(1), during, "1 login attempt for the burst, no waiter retried it")
		assert.Equal(t, 100, failed)
		assert.Zero(t, gets.Load(), "no call went on without a token")
		_, err := c.Accounts.Get(context.Background(), "A1")
		require.NoError(t, err, "the next call logs in")
		assert.Equal(t, int64(2), logins.Load())
		figure(t, "case06.authorizeDuringBurst", during)
		figure(t, "case06.errorsDelivered", failed)
	})
}

func TestCase08CreateReplayedOnceAfter401(t *testing.T) {
	f := newFakeAlianza(t)
	c := f.client()
	_, err := c.Login(context.Background())
	require.NoError(t, err)
	f.expire()
	req := &CreateAccountRequest{AccountNumber: "AC-100", AccountName: "Acme", BillingCycleDay: 1,
		AccountType: AccountTypeSimple, TimeZone: TimeZoneUSHawaii, DialingBehaviorType: DialingBehaviorTypeTenDigit}
	_, err = c.Accounts.Create(context.Background(), req)
	require.NoError(t, err)
	hashes := f.hashesOf(fakeCreate)
	require.Len(t, hashes, 2, "sent, 401, re-login, replayed once")
	assert.Equal(t, 1, f.creates(), "processed once")
	assert.Equal(t, hashes[0], hashes[1], "the replay's body is byte-identical")
	figure(t, "case08.creates", f.creates())
	figure(t, "case08.bodyHashesMatch", bytes.Equal(hashes[0][:], hashes[1][:]))
}

func TestCase09CallerCancelDoesNotCancelLogin(t *testing.T) {
	f := newFakeAlianza(t)
	arrived, release := make(chan struct{}), make(chan struct{})
	var answered atomic.Bool
	f.on(fakeLogin, func(w http.ResponseWriter, r *http.Request) {
		close(arrived)
		<-release // the login is slow until the test says otherwise
		f.login(w, r)
		answered.Store(true)
	})
	c := f.client()
	b := make(chan error, 1)
	go func() {
		_, err := c.Accounts.Get(context.Background(), "A1")
		b <- err
	}()
	within(t, arrived, "B's login")
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.Accounts.Get(ctx, "A1")
	latency := time.Since(start)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.False(t, answered.Load(), "A returned at its own deadline while the login it joined was still held")
	close(release)
	errB := within(t, b, "B's call")
	require.NoError(t, errB, "B succeeds on the same login")
	assert.Equal(t, 1, f.count(fakeLogin))
	figure(t, "case09.latencyA", latency.Round(time.Millisecond))
	figure(t, "case09.resultB", fmt.Sprint(errB == nil))
	figure(t, "case09.authorize", f.count(fakeLogin))
}

func TestCase10AbandonedLoginBounded(t *testing.T) {
	ignore := goleak.IgnoreCurrent()
	f := newFakeAlianza(t)
	const loginTimeout = 300 * time.Millisecond
	var c *Client
	calls := make(chan *loginCall, 1)
	gone := make(chan struct{}, 1)
	f.on(fakeLogin, func(w http.ResponseWriter, r *http.Request) {
		calls <- loginCallOf(c) // set before the login is sent
		hangUntilClientGone(gone)(w, r)
	})
	c = f.client(WithLoginTimeout(loginTimeout))
	ctx, cancel := context.WithCancel(context.Background())
	result := make(chan error, 1)
	start := time.Now()
	go func() {
		_, err := c.Accounts.Get(ctx, "A1")
		result <- err
	}()
	call := within(t, calls, "the login")
	require.NotNil(t, call)
	cancel() // the only caller gives up
	require.ErrorIs(t, within(t, result, "the caller's return"), context.Canceled)
	within(t, call.done, "the login's end")
	ended := time.Since(start)
	within(t, gone, "the server seeing the disconnect")
	// Detached from the caller, the login ends at its own timeout, not the
	// caller's cancel, and not before the timeout. Its error names the
	// login's timeout and matches no context error: the next waiters'
	// contexts are their own.
	var te *TransportError
	require.ErrorAs(t, call.err, &te)
	assert.Contains(t, te.Error(), "login did not finish within "+loginTimeout.String())
	assert.NotErrorIs(t, call.err, context.Canceled)
	assert.NotErrorIs(t, call.err, context.DeadlineExceeded)
	assert.GreaterOrEqual(t, ended, loginTimeout)
	assert.Nil(t, loginCallOf(c), "no login left in flight")
	// The next call starts a new login (the timeout is not a refusal to remember).
	f.on(fakeLogin, f.login)
	_, err := c.Accounts.Get(context.Background(), "A1")
	require.NoError(t, err)
	assert.Equal(t, 2, f.count(fakeLogin))
	c.CloseIdleConnections()
	f.srv.Close()
	figure(t, "case10.loginEndedAfter", ended.Round(time.Millisecond))
	figure(t, "case10.logins", f.count(fakeLogin))
	figure(t, "case10.leakedGoroutines", leaked(t, ignore))
}
