package alianzatest

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fixedClock is a settable clock for WithClock.
type fixedClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fixedClock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func TestLogin(t *testing.T) {
	srv := NewServer(t, WithCredentials("ops@example.com", "s3cret!"), WithPartitionID("PartA", "SubB"))
	a := newAPI(t, srv)
	tok := a.login()
	assert.Equal(t, "PartA", tok["partitionId"])
	assert.Equal(t, []any{"SubB"}, tok["subPartitionIds"])
	assert.Equal(t, "DELETE", tok["permissions"].(map[string]any)["Account"])
	assert.NotEmpty(t, tok["authToken"])

	r := a.do(http.MethodGet, "/v2/authorize/userinfo", nil)
	require.Equal(t, http.StatusOK, r.status)
	assert.Equal(t, "ops@example.com", r.obj(t)["username"])

	// The sub-partition is usable in paths.
	r = a.do(http.MethodGet, "/v2/partition/SubB/account", nil)
	assert.Equal(t, http.StatusOK, r.status)
	r = a.do(http.MethodGet, "/v2/partition/Other/account", nil)
	assert.Equal(t, http.StatusNotFound, r.status)
}

func TestLoginWrongCredentials(t *testing.T) {
	srv := NewServer(t)
	a := newAPI(t, srv)
	r := a.do(http.MethodPost, "/v2/authorize", map[string]any{"username": srv.Username(), "password": "wrong"})
	require.Equal(t, http.StatusUnauthorized, r.status)
	body := r.obj(t)
	assert.Equal(t, float64(401), body["status"])
	assert.NotEmpty(t, body["messages"])
}

func TestMissingOrUnknownToken(t *testing.T) {
	srv := NewServer(t)
	a := newAPI(t, srv)
	r := a.do(http.MethodGet, a.p()+"/account", nil)
	assert.Equal(t, http.StatusUnauthorized, r.status)
	a.token = "not-a-token"
	r = a.do(http.MethodGet, a.p()+"/account", nil)
	assert.Equal(t, http.StatusUnauthorized, r.status)
	assert.Equal(t, float64(401), r.obj(t)["status"])
}

func TestLogout(t *testing.T) {
	srv := NewServer(t)
	a := newAPI(t, srv)
	a.login()
	r := a.do(http.MethodPut, "/v2/authorize/logout", nil)
	require.Equal(t, http.StatusOK, r.status)
	assert.Empty(t, r.body)
	r = a.do(http.MethodGet, "/v2/authorize/userinfo", nil)
	assert.Equal(t, http.StatusUnauthorized, r.status)
}

func TestTokenExpiresAfterEightIdleHours(t *testing.T) {
	clk := &fixedClock{t: time.Date(2025, 2, 6, 9, 0, 0, 0, time.UTC)}
	srv := NewServer(t, WithClock(clk.now))
	a := newAPI(t, srv)
	a.login()
	srv.Advance(8*time.Hour - time.Second)
	require.Equal(t, http.StatusOK, a.do(http.MethodGet, a.p()+"/account", nil).status)
	srv.Advance(8 * time.Hour)
	r := a.do(http.MethodGet, a.p()+"/account", nil)
	require.Equal(t, http.StatusUnauthorized, r.status)
	assert.JSONEq(t, `{"status":401,"messages":["Expired Auth Token"]}`, string(r.body))
	// It stays expired, and a new login works.
	assert.Equal(t, http.StatusUnauthorized, a.do(http.MethodGet, "/v2/authorize/userinfo", nil).status)
	a.login()
	assert.Equal(t, http.StatusOK, a.do(http.MethodGet, "/v2/authorize/userinfo", nil).status)
}

func TestTokenIdleTimeoutSlides(t *testing.T) {
	clk := &fixedClock{t: time.Date(2025, 2, 6, 9, 0, 0, 0, time.UTC)}
	srv := NewServer(t, WithClock(clk.now))
	a := newAPI(t, srv)
	a.login()
	for i := 0; i < 3; i++ { // 21 hours of use, never 8 idle
		clk.mu.Lock()
		clk.t = clk.t.Add(7 * time.Hour)
		clk.mu.Unlock()
		require.Equal(t, http.StatusOK, a.do(http.MethodGet, "/v2/authorize/userinfo", nil).status, "call %d", i)
	}
}

func TestExpireTokens(t *testing.T) {
	srv := NewServer(t)
	a := newAPI(t, srv)
	a.login()
	srv.ExpireTokens()
	r := a.do(http.MethodGet, a.p()+"/account", nil)
	assert.Equal(t, http.StatusUnauthorized, r.status)
	assert.Contains(t, string(r.body), "Expired Auth Token")
}

// TestSDKClient drives the fake with the SDK core: login, userinfo and a
// transparent re-login after ExpireTokens.
func TestSDKClient(t *testing.T) {
	srv := NewServer(t)
	c, err := srv.NewClient()
	require.NoError(t, err)
	ctx := context.Background()
	tok, err := c.Login(ctx)
	require.NoError(t, err)
	assert.Equal(t, srv.PartitionID(), tok.PartitionID)
	info, err := c.UserInfo(ctx)
	require.NoError(t, err)
	assert.Equal(t, srv.Username(), info.Username)
	pid, err := c.PartitionID(ctx)
	require.NoError(t, err)
	assert.Equal(t, srv.PartitionID(), pid)
}
