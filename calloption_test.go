package alianza

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const acctURL = testBaseURL + "/v2/partition/PART1/account/A-17"

func TestCallTimeoutBoundsTheWholeCall(t *testing.T) {
	// The client retries 503s with waits far longer than the call's
	// timeout: the call ends with the timeout, not after the retries.
	c, mt := newMockClient(t, WithAuthToken(testToken),
		WithRetryPolicy(RetryPolicy{MaxRetries: 5, BaseDelay: time.Hour, MaxDelay: time.Hour}))
	mt.RegisterResponder(http.MethodGet, acctURL, func(r *http.Request) (*http.Response, error) {
		<-r.Context().Done()
		return nil, r.Context().Err()
	})
	_, err := c.Accounts.Get(context.Background(), "A-17", WithCallTimeout(20*time.Millisecond))
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Equal(t, 1, mt.GetTotalCallCount())
}

func TestCallNoRetriesOverridesTheClient(t *testing.T) {
	c, mt := newMockClient(t, WithAuthToken(testToken), fastRetries)
	mt.RegisterResponder(http.MethodGet, acctURL, httpmock.NewStringResponder(503, `{"status":503}`))

	_, err := c.Accounts.Get(context.Background(), "A-17", WithCallNoRetries())
	require.ErrorIs(t, err, ErrServer)
	assert.Equal(t, 1, mt.GetTotalCallCount(), "one attempt with WithCallNoRetries")

	mt.ZeroCallCounters()
	_, err = c.Accounts.Get(context.Background(), "A-17")
	require.ErrorIs(t, err, ErrServer)
	assert.Equal(t, 3, mt.GetTotalCallCount(), "the client's own policy: 1 + 2 retries")
}

func TestCallRetryPolicyOverridesWithoutRetries(t *testing.T) {
	c, mt := newMockClient(t, WithAuthToken(testToken), WithoutRetries())
	mt.RegisterResponder(http.MethodGet, acctURL, httpmock.ResponderFromMultipleResponses([]*http.Response{
		httpmock.NewStringResponse(503, `{"status":503}`),
		httpmock.NewStringResponse(200, `{"id":"A-17"}`),
	}))
	acct, err := c.Accounts.Get(context.Background(), "A-17",
		WithCallRetryPolicy(RetryPolicy{MaxRetries: 1, BaseDelay: time.Millisecond}))
	require.NoError(t, err)
	assert.Equal(t, "A-17", acct.ID)
	assert.Equal(t, 2, mt.GetTotalCallCount())
}

func TestCallHeader(t *testing.T) {
	c, mt := newMockClient(t, WithAuthToken(testToken))
	capture := mockOp(t, mt, "AccountsService.Get", []string{"A-17"}, 200, `{"id":"A-17"}`)
	_, err := c.Accounts.Get(context.Background(), "A-17", WithCallHeader("x-correlation-id", "crm-42"))
	require.NoError(t, err)
	capture.mu.Lock()
	defer capture.mu.Unlock()
	assert.Equal(t, "crm-42", capture.header.Get("X-Correlation-Id"))
	assert.Equal(t, testToken, capture.header.Get("X-Auth-Token"))
}

func TestCallOptionRefusedBeforeSending(t *testing.T) {
	c, mt := newMockClient(t, WithAuthToken(testToken))
	for name, opt := range map[string]CallOption{
		"token header":   WithCallHeader("X-Auth-Token", "stolen"),
		"content type":   WithCallHeader("content-type", "text/plain"),
		"bad name":       WithCallHeader("a b", "x"),
		"CRLF value":     WithCallHeader("X-Tag", "a\r\nX-Auth-Token: b"),
		"zero timeout":   WithCallTimeout(0),
		"negative retry": WithCallRetryPolicy(RetryPolicy{MaxRetries: -1}),
		"nil capture":    CaptureResponse(nil),
		"nil option":     nil,
	} {
		_, err := c.Accounts.Get(context.Background(), "A-17", opt)
		assert.ErrorIs(t, err, ErrValidation, name)
	}
	assert.Zero(t, mt.GetTotalCallCount())
}

func TestCaptureResponse(t *testing.T) {
	c, mt := newMockClient(t, WithAuthToken(testToken))
	mt.RegisterResponder(http.MethodGet, acctURL, func(*http.Request) (*http.Response, error) {
		resp := httpmock.NewStringResponse(200, `{"id":"A-17"}`)
		resp.Header.Set("X-Request-Id", "req-981")
		resp.Header.Set("X-Auth-Token", testToken)
		resp.Header.Set("X-Debug", "token="+testToken)
		return resp, nil
	})
	mt.RegisterResponder(http.MethodGet, testBaseURL+"/v2/partition/PART1/account/A-404",
		httpmock.NewStringResponder(404, `{"status":404}`))
	mt.RegisterResponder(http.MethodGet, testBaseURL+"/v2/partition/PART1/account/A-RST",
		httpmock.NewErrorResponder(errors.New("connection reset")))

	var resp Response
	_, err := c.Accounts.Get(context.Background(), "A-17", CaptureResponse(&resp))
	require.NoError(t, err)
	assert.Equal(t, 200, resp.StatusCode)
	assert.Equal(t, "req-981", resp.RequestID)
	assert.Empty(t, resp.Header.Get("X-Auth-Token"))
	assert.NotContains(t, resp.Header.Get("X-Debug"), testToken)

	_, err = c.Accounts.Get(context.Background(), "A-404", CaptureResponse(&resp))
	require.ErrorIs(t, err, ErrNotFound)
	assert.Equal(t, 404, resp.StatusCode, "an error answer is captured too")

	_, err = c.Accounts.Get(context.Background(), "A-RST", CaptureResponse(&resp), WithCallNoRetries())
	require.Error(t, err)
	assert.Equal(t, Response{}, resp, "no answer: zero")
}

func TestCallOptionsWithDo(t *testing.T) {
	c, mt := newMockClient(t, WithAuthToken(testToken))
	mt.RegisterResponder(http.MethodGet, acctURL, func(r *http.Request) (*http.Response, error) {
		resp := httpmock.NewStringResponse(200, `{"id":"A-17"}`)
		resp.Header.Set("X-Request-Id", r.Header.Get("X-Tag"))
		return resp, nil
	})
	var mine Response
	var out map[string]any
	got, err := c.Do(context.Background(), Operation{Method: http.MethodGet, Path: "/v2/partition/{partitionId}/account/{accountId}", Args: []string{"A-17"}},
		&out, WithCallHeader("X-Tag", "t-1"), CaptureResponse(&mine))
	require.NoError(t, err)
	assert.Equal(t, "t-1", got.RequestID)
	assert.Equal(t, *got, mine)
}

func TestCallOptionsReachNestedMethods(t *testing.T) {
	// Accounts.GetByNumber sends its request through Accounts.GetBy: the
	// options given to the outer method reach it.
	c, mt := newMockClient(t, WithAuthToken(testToken))
	capture := mockOp(t, mt, "AccountsService.Get", []string{"1001"}, 200, `{"id":"A-17","accountNumber":"1001"}`)
	_, err := c.Accounts.GetByNumber(context.Background(), "1001", WithCallHeader("X-Tag", "t-2"))
	require.NoError(t, err)
	capture.mu.Lock()
	defer capture.mu.Unlock()
	assert.Equal(t, "t-2", capture.header.Get("X-Tag"))
}
