package alianza

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestOptionsValidate(t *testing.T) {
	creds := WithCredentials(testUsername, testPassword)
	for name, tc := range map[string]struct {
		opts []Option
		want string // substring of the error
		is   error
	}{
		"no credential":         {nil, "no credentials", ErrNoCredential},
		"nil option":            {[]Option{creds, nil}, "nil option", nil},
		"empty username":        {[]Option{WithCredentials(" ", "pw")}, "credentials", ErrValidation},
		"empty password":        {[]Option{WithCredentials("u", "")}, "credentials", ErrValidation},
		"empty token":           {[]Option{WithAuthToken(" ")}, "authToken", ErrValidation},
		"relative base URL":     {[]Option{creds, WithBaseURL("api.alianza.com")}, "baseURL", ErrValidation},
		"ftp base URL":          {[]Option{creds, WithBaseURL("ftp://api.alianza.com")}, "baseURL", ErrValidation},
		"base URL with query":   {[]Option{creds, WithBaseURL("https://api.alianza.com/?a=1")}, "query", ErrValidation},
		"base URL with user":    {[]Option{creds, WithBaseURL("https://u:p@api.alianza.com")}, "user info", ErrValidation},
		"unparsable base URL":   {[]Option{creds, WithBaseURL("https://a b/%zz")}, "base URL", nil},
		"plain http":            {[]Option{creds, WithBaseURL("http://api.example.com")}, "insecure", ErrInsecureURL},
		"plain http look-alike": {[]Option{creds, WithBaseURL("http://localhost.example.com")}, "insecure", ErrInsecureURL},
		"nil http client":       {[]Option{creds, WithHTTPClient(nil)}, "httpClient", ErrValidation},
		"zero timeout":          {[]Option{creds, WithTimeout(0)}, "timeout", ErrValidation},
		"user agent newline":    {[]Option{creds, WithUserAgent("x\r\nX-Evil: 1")}, "userAgent", ErrValidation},
		"negative retries":      {[]Option{creds, WithRetryPolicy(RetryPolicy{MaxRetries: -1})}, "retryPolicy", ErrValidation},
		"max below base":        {[]Option{creds, WithRetryPolicy(RetryPolicy{BaseDelay: time.Second, MaxDelay: time.Millisecond})}, "MaxDelay", ErrValidation},
		"dot partition":         {[]Option{creds, WithPartition("..")}, "partitionId", ErrValidation},
		"empty partition":       {[]Option{creds, WithPartition("")}, "partitionId", ErrValidation},
		"zero body size":        {[]Option{creds, WithMaxBodySize(0)}, "maxBodySize", ErrValidation},
		"margin over lifetime":  {[]Option{creds, WithTokenLifetime(time.Hour, time.Hour)}, "tokenLifetime", ErrValidation},
		"zero login timeout":    {[]Option{creds, WithLoginTimeout(0)}, "loginTimeout", ErrValidation},
		"nil clock":             {[]Option{creds, WithClock(nil)}, "clock", ErrValidation},
		"sip trunk segment":     {[]Option{creds, WithSipTrunkPathSegment("a/b")}, "sipTrunkPathSegment", ErrValidation},
	} {
		t.Run(name, func(t *testing.T) {
			c, err := NewClient(tc.opts...)
			require.Error(t, err)
			assert.Nil(t, c)
			assert.Contains(t, err.Error(), tc.want)
			if tc.is != nil {
				assert.ErrorIs(t, err, tc.is)
			}
			scanForSecrets(t, "option error", err.Error())
		})
	}
}

func TestBaseURLs(t *testing.T) {
	for in, want := range map[string]string{
		"":                               ProductionURL, // no option
		ProductionURL:                    ProductionURL,
		BetaURL:                          BetaURL,
		"https://api.q2.alianza.com/":    "https://api.q2.alianza.com",
		" https://proxy.example/alianza": "https://proxy.example/alianza",
		"http://127.0.0.1:8080":          "http://127.0.0.1:8080",
		"http://localhost:1":             "http://localhost:1",
		"http://[::1]:1/p/":              "http://[::1]:1/p",
	} {
		opts := []Option{WithAuthToken(testToken)}
		if in != "" {
			opts = append(opts, WithBaseURL(in))
		}
		c, err := NewClient(opts...)
		require.NoError(t, err, in)
		assert.Equal(t, want, c.BaseURL())
	}
	c, err := NewClient(WithAuthToken(testToken), WithBaseURL("http://alianza.internal"), WithInsecureHTTP())
	require.NoError(t, err, "plain http with the explicit opt-in")
	assert.Equal(t, "http://alianza.internal", c.BaseURL())
}

// A refused http:// base URL fails at construction: no byte reaches the
// listener.
func TestPlainHTTPRefusedBeforeIO(t *testing.T) {
	var got atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { got.Add(1) }))
	defer srv.Close()
	_, err := NewClient(WithCredentials(testUsername, testPassword), WithBaseURL("http://api.example.com"))
	require.ErrorIs(t, err, ErrInsecureURL)
	assert.Equal(t, int64(0), got.Load())
}

func TestDefaults(t *testing.T) {
	c, err := NewClient(WithAuthToken(testToken))
	require.NoError(t, err)
	hc := c.HTTPClient()
	assert.Equal(t, DefaultTimeout, hc.Timeout, "a timeout, never Go's zero")
	tr, ok := hc.Transport.(*http.Transport)
	require.True(t, ok)
	assert.GreaterOrEqual(t, tr.MaxIdleConnsPerHost, 16)
	assert.Equal(t, DefaultMaxConns, tr.MaxConnsPerHost, "bounded, so a burst cannot open a socket per goroutine")
	assert.Equal(t, DefaultMaxConns, tr.MaxIdleConnsPerHost, "every connection it may open may stay pooled")
	assert.Zero(t, tr.ResponseHeaderTimeout, "hc.Timeout bounds the whole attempt, headers included")
	assert.Positive(t, tr.TLSHandshakeTimeout)
	assert.NotNil(t, tr.Proxy, "the environment's proxy is honoured")
	assert.Equal(t, DefaultRetryPolicy(), c.cfg.retry)
	assert.Equal(t, 2, c.cfg.retry.MaxRetries)
	assert.Equal(t, []string{"go-alianza/" + Version}, c.userAgent)
	assert.Equal(t, "siptrunk_2", c.cfg.sipTrunkPath)

	c, err = NewClient(WithAuthToken(testToken), WithTimeout(90*time.Second))
	require.NoError(t, err)
	assert.Equal(t, 90*time.Second, c.HTTPClient().Timeout)

	c, err = NewClient(WithAuthToken(testToken), WithRetryPolicy(RetryPolicy{MaxRetries: 4}))
	require.NoError(t, err)
	assert.Equal(t, RetryPolicy{MaxRetries: 4, BaseDelay: DefaultRetryBase, MaxDelay: DefaultRetryMax, Budget: DefaultRetryBudget}, c.cfg.retry, "zero fields take the defaults")

	c, err = NewClient(WithAuthToken(testToken), WithSipTrunkPathSegment("siptrunk"), WithUserAgent("  app/1 "))
	require.NoError(t, err)
	assert.Equal(t, "siptrunk", c.cfg.sipTrunkPath)
	assert.Equal(t, []string{"go-alianza/" + Version + " app/1"}, c.userAgent)
}

func TestWithMaxConns(t *testing.T) {
	c, err := NewClient(WithAuthToken(testToken), WithMaxConns(8))
	require.NoError(t, err)
	tr := c.HTTPClient().Transport.(*http.Transport)
	assert.Equal(t, 8, tr.MaxConnsPerHost)
	assert.Equal(t, 8, tr.MaxIdleConnsPerHost)

	for _, n := range []int{0, -1} {
		_, err = NewClient(WithAuthToken(testToken), WithMaxConns(n))
		var fe *FieldError
		require.ErrorAs(t, err, &fe, "n=%d", n)
		assert.Equal(t, "maxConns", fe.Field)
	}
	_, err = NewClient(WithAuthToken(testToken), WithMaxConns(8), WithHTTPClient(&http.Client{}))
	require.Error(t, err, "the caller's transport is theirs to size")
	assert.Contains(t, err.Error(), "MaxConnsPerHost")
}

func TestWithHTTPClientCopiedNotMutated(t *testing.T) {
	tr := &http.Transport{}
	redirect := func(*http.Request, []*http.Request) error { return nil }
	mine := &http.Client{Transport: tr, CheckRedirect: redirect}
	before := *mine
	c, err := NewClient(WithAuthToken(testToken), WithHTTPClient(mine), WithTimeout(3*time.Second))
	require.NoError(t, err)
	assert.Equal(t, before.Timeout, mine.Timeout, "caller's client untouched")
	assert.Equal(t, reflect.ValueOf(redirect).Pointer(), reflect.ValueOf(mine.CheckRedirect).Pointer())
	assert.Same(t, tr, mine.Transport.(*http.Transport))
	assert.NotSame(t, mine, c.HTTPClient(), "the client sends through a copy")
	assert.Same(t, tr, c.HTTPClient().Transport, "sharing the caller's transport")
	assert.Equal(t, 3*time.Second, c.HTTPClient().Timeout)
	assert.Zero(t, tr.MaxIdleConnsPerHost, "the caller's transport is not tuned behind its back")

	withTimeout := &http.Client{Timeout: 7 * time.Second}
	c, err = NewClient(WithAuthToken(testToken), WithHTTPClient(withTimeout))
	require.NoError(t, err)
	assert.Equal(t, 7*time.Second, c.HTTPClient().Timeout, "a caller's own timeout is kept")
}

// The server never answers: the call can only return because WithTimeout
// ended the attempt. Whether the request reached the server before the
// timeout depends on the machine's load, so the test does not ask.
func TestWithTimeoutBoundsAttempt(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer srv.Close()
	defer close(release)
	c := newLoopbackClient(t, srv, WithTimeout(30*time.Millisecond), WithoutRetries())
	start := time.Now()
	_, err := getAccount(context.Background(), c, "A1")
	require.Error(t, err)
	assert.GreaterOrEqual(t, time.Since(start), 30*time.Millisecond, "not before the attempt timeout")
	assert.True(t, errors.Is(err, context.DeadlineExceeded), "%v", err)
	var te *TransportError
	require.ErrorAs(t, err, &te)
	assert.NotContains(t, err.Error(), srv.URL, "no full URL in the error")
}

func TestRateLimiterWaits(t *testing.T) {
	c, mt := newMockClient(t, WithRateLimiter(limiterFunc(func(ctx context.Context) error { return errors.New("limited") })))
	_, err := getAccount(context.Background(), c, "A1")
	require.ErrorContains(t, err, "limited")
	assert.Equal(t, 0, mt.GetTotalCallCount())
}

type limiterFunc func(context.Context) error

func (f limiterFunc) Wait(ctx context.Context) error { return f(ctx) }

func TestHTTPRequestsGoToLoopback(t *testing.T) {
	// A plain-http loopback base URL works without the opt-in.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, "{}") }))
	defer srv.Close()
	c := newLoopbackClient(t, srv)
	_, err := getAccount(context.Background(), c, "A1")
	require.NoError(t, err)
}

// A BaseDelay above the default MaxDelay with MaxDelay left zero is a
// valid policy: the zero MaxDelay becomes BaseDelay, not the 5 s default
// that would be below it.
func TestRetryPolicyZeroMaxDelayFollowsBaseDelay(t *testing.T) {
	c, err := NewClient(WithAuthToken(testToken), WithRetryPolicy(RetryPolicy{BaseDelay: 10 * time.Second}))
	require.NoError(t, err)
	assert.Equal(t, 10*time.Second, c.cfg.retry.BaseDelay)
	assert.Equal(t, 10*time.Second, c.cfg.retry.MaxDelay)

	c, err = NewClient(WithAuthToken(testToken), WithRetryPolicy(RetryPolicy{BaseDelay: time.Second}))
	require.NoError(t, err)
	assert.Equal(t, DefaultRetryMax, c.cfg.retry.MaxDelay, "the default when it is above BaseDelay")

	_, err = NewClient(WithAuthToken(testToken), WithRetryPolicy(RetryPolicy{BaseDelay: 10 * time.Second, MaxDelay: time.Second}))
	require.ErrorIs(t, err, ErrValidation, "an explicit MaxDelay below BaseDelay is still refused")
}

// WithAuthToken wins over WithCredentials: the token is sent and the
// client never logs in.
func TestAuthTokenTakesPrecedenceOverCredentials(t *testing.T) {
	c, mt := newMockClient(t, WithAuthToken("given-Tk8Lm2"))
	var got string
	mt.RegisterResponder(http.MethodGet, testBaseURL+"/v2/partition/"+testPartition+"/account/A1",
		func(r *http.Request) (*http.Response, error) {
			got = r.Header.Get("X-Auth-Token")
			return httpmock.NewStringResponse(200, `{"id":"A1"}`), nil
		})
	_, err := c.Accounts.Get(context.Background(), "A1")
	require.NoError(t, err)
	assert.Equal(t, "given-Tk8Lm2", got)
	assert.Zero(t, mt.GetCallCountInfo()["POST "+testBaseURL+"/v2/authorize"], "no login")
}
