package alianza

// Plan section A on real sockets (fakeAlianza): token lifecycle and refresh
// storms. Cases 3, 4 and 7 are proven in auth_test.go with httpmock
// (TestStale401KeepsNewerToken, TestSlidingExpiry, TestPersistent401NeverLoops).

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
	errs := burst(100, func() error { _, err := c.Accounts.Get(context.Background(), "A1"); return err })
	requireAllOK(t, errs)
	relogins := f.count(fakeLogin) - 1
	gets := f.count(fakeAccount)
	assert.Equal(t, 1, relogins, "exactly 1 re-login for 100 callers")
	assert.LessOrEqual(t, gets, 200, "at most one replay per call")
	figure(t, "case02.relogins", relogins)
	figure(t, "case02.gets", gets)
	figure(t, "case02.maxReplaysPerCall", 1) // a second 401 would be an error, and all 100 succeeded
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
	f2 := newFakeAlianza(t)
	f2.loginStatus.Store(401)
	f2.loginDelay = 20 * time.Millisecond
	c2 := f2.client()
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
// auth_test.go TestLoginTransientFailureIsShared).
func TestCase06LoginResetShared(t *testing.T) {
	f := newFakeAlianza(t)
	var once sync.Once
	gate := make(chan struct{})
	f.on(fakeLogin, func(w http.ResponseWriter, r *http.Request) {
		first := false
		once.Do(func() { first = true })
		if first {
			<-gate // hold the first login until every caller waits on it
			commitThenRST(nil)(w, r)
			return
		}
		f.login(w, r)
	})
	c := f.client()
	go func() { time.Sleep(50 * time.Millisecond); close(gate) }()
	errs := burst(100, func() error { _, err := c.Accounts.Get(context.Background(), "A1"); return err })
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
	assert.Equal(t, 1, f.count(fakeLogin), "1 login attempt for the burst, no waiter retried it")
	assert.Equal(t, 100, failed)
	_, err := c.Accounts.Get(context.Background(), "A1")
	require.NoError(t, err, "the next call logs in")
	figure(t, "case06.authorizeDuringBurst", 1)
	figure(t, "case06.errorsDelivered", failed)
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
	f.loginDelay = 200 * time.Millisecond
	c := f.client()
	b := make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_, err := c.Accounts.Get(ctx, "A1")
		b <- err
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.Accounts.Get(ctx, "A1")
	latency := time.Since(start)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, latency, 70*time.Millisecond, "A returns at its own deadline")
	errB := <-b
	require.NoError(t, errB, "B succeeds on the same login")
	assert.Equal(t, 1, f.count(fakeLogin))
	figure(t, "case09.latencyA", latency.Round(time.Millisecond))
	figure(t, "case09.resultB", fmt.Sprint(errB == nil))
	figure(t, "case09.authorize", f.count(fakeLogin))
}

func TestCase10AbandonedLoginBounded(t *testing.T) {
	leakCheck(t)
	f := newFakeAlianza(t)
	gone := make(chan struct{}, 1)
	f.on(fakeLogin, hangUntilClientGone(gone))
	c := f.client(WithLoginTimeout(300 * time.Millisecond))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.Accounts.Get(ctx, "A1")
	require.ErrorIs(t, err, context.DeadlineExceeded)
	select {
	case <-gone:
	case <-time.After(time.Second):
		t.Fatal("the background login never gave up")
	}
	// The server saw the disconnect; the login goroutine publishes its
	// failure a moment later.
	for loginInFlight(c) {
		time.Sleep(time.Millisecond)
	}
	ended := time.Since(start)
	assert.Less(t, ended, 350*time.Millisecond, "the login's own timeout bounds it")
	// The next call starts a new login (the timeout is not a refusal to remember).
	f.on(fakeLogin, f.login)
	_, err = c.Accounts.Get(context.Background(), "A1")
	require.NoError(t, err)
	assert.Equal(t, 2, f.count(fakeLogin))
	figure(t, "case10.loginEndedAfter", ended.Round(time.Millisecond))
	figure(t, "case10.logins", f.count(fakeLogin))
	figure(t, "case10.leakedGoroutines", 0) // leakCheck fails the test otherwise
}

// loginInFlight reports whether c has a login running.
func loginInFlight(c *Client) bool {
	s := c.auth.(*session)
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.inflight != nil
}
