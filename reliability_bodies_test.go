package alianza

// Plan sections C and D: slow servers, timeouts and bad response bodies.
// errors_test.go proves the decode classes of most malformed bodies
// (TestDecodeErrors) and the envelopes (TestAPIErrorTextAndHTMLBodies);
// options_test.go the defaults and the untouched caller client (case 25).

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCase23SlowHeaders(t *testing.T) {
	f := newFakeAlianza(t)
	gone := make(chan struct{}, 1)
	f.on(fakeAccount, hangUntilClientGone(gone))
	c := f.client()
	_, err := c.Login(context.Background())
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = c.Accounts.Get(ctx, "A1")
	elapsed := time.Since(start)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, elapsed, 250*time.Millisecond)
	sawCancel := false
	select {
	case <-gone:
		sawCancel = true
	case <-time.After(time.Second):
	}
	assert.True(t, sawCancel, "the server observes the disconnect")
	figure(t, "case23.elapsed", elapsed.Round(time.Millisecond))
	figure(t, "case23.serverSawCancel", sawCancel)
}

func TestCase24SlowBodyTrickle(t *testing.T) {
	leakCheck(t)
	f := newFakeAlianza(t)
	var sent atomic.Int64
	f.on(fakeAccount, trickle(1<<20, 1, 50*time.Millisecond, &sent))
	c := f.client()
	_, err := c.Login(context.Background())
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = c.Accounts.Get(ctx, "A1")
	elapsed := time.Since(start)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, elapsed, 550*time.Millisecond)
	figure(t, "case24.elapsed", elapsed.Round(time.Millisecond))
	figure(t, "case24.bytesReceived", sent.Load())
}

func TestCase25DefaultTimeouts(t *testing.T) {
	c, err := NewClient(WithAuthToken(testToken))
	require.NoError(t, err)
	tr := c.HTTPClient().Transport.(*http.Transport)
	figure(t, "case25.timeout", c.HTTPClient().Timeout)
	figure(t, "case25.responseHeaderTimeout", tr.ResponseHeaderTimeout)
	figure(t, "case25.tlsHandshakeTimeout", tr.TLSHandshakeTimeout)
	figure(t, "case25.maxIdleConnsPerHost", tr.MaxIdleConnsPerHost)

	f := newFakeAlianza(t)
	f.on(fakeAccount, hangUntilClientGone(nil))
	hung := f.client(WithTimeout(300*time.Millisecond), WithoutRetries())
	_, err = hung.Login(context.Background())
	require.NoError(t, err)
	start := time.Now()
	_, err = hung.Accounts.Get(context.Background(), "A1")
	elapsed := time.Since(start)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, elapsed, 350*time.Millisecond)
	figure(t, "case25.hungCallElapsed", elapsed.Round(time.Millisecond))
}

func TestCase26TruncatedBody(t *testing.T) {
	f := newFakeAlianza(t)
	f.on(fakeAccount, truncateBody(200, 80))
	f.on(fakeCreate, truncateBody(200, 80))
	c := f.client()
	_, err := c.Accounts.Get(context.Background(), "A1")
	require.ErrorIs(t, err, io.ErrUnexpectedEOF)
	var te *TransportError
	require.ErrorAs(t, err, &te, "a cut-off body is a transport failure, not bad JSON")
	assert.Equal(t, 3, te.Attempts)
	assert.Equal(t, 3, f.count(fakeAccount), "the GET is retried")

	var out Account
	err = c.do(context.Background(), &request{method: http.MethodPost, path: "/v2/partition/{partitionId}/account", body: map[string]string{"accountNumber": "AC-1"}, out: &out})
	require.ErrorIs(t, err, ErrOutcomeUnknown, "the create answered 2xx but its result was lost: look before retrying")
	assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
	assert.Equal(t, 1, f.count(fakeCreate))
	figure(t, "case26.attempts[GET]", f.count(fakeAccount))
	figure(t, "case26.attempts[POST]", f.count(fakeCreate))
}

func TestCase27MalformedJSON(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		want       error
	}{
		{"trailing", `{"id":"a"}garbage`, ErrDecode},
		{"cut", `{"id":`, ErrDecode},
		{"array", `[]`, ErrDecode},
		{"null", `null`, ErrEmptyBody},
		{"empty", ``, ErrEmptyBody},
		{"overflow", `{"billingCycleDay":3000000000000000000000}`, ErrDecode},
		{"string number", `{"billingCycleDay":"5"}`, ErrDecode},
		{"nested", strings.Repeat("[", 20000), ErrDecode},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, mt := newMockClient(t)
			mt.RegisterResponder(http.MethodGet, testAccountURL("A1"),
				httpmock.NewStringResponder(200, tc.body).HeaderSet(http.Header{"Content-Type": {"application/json"}}))
			a, err := c.Accounts.Get(context.Background(), "A1")
			require.ErrorIs(t, err, tc.want)
			assert.Nil(t, a, "never a zero value with a nil error, nor a partial result")
			var de *DecodeError
			require.ErrorAs(t, err, &de)
			assert.Equal(t, 200, de.StatusCode)
			assert.Equal(t, "application/json", de.ContentType)
			assert.LessOrEqual(t, len(de.Snippet), 256+len("…"))
			class := "ErrDecode"
			if errors.Is(err, ErrEmptyBody) {
				class = "ErrEmptyBody"
			}
			figure(t, "case27.class["+tc.name+"]", class)
		})
	}
}

func TestCase28HTMLFromProxy(t *testing.T) {
	page := "<!DOCTYPE html><html><head><title>ERROR: The requested URL could not be retrieved</title>" +
		"<style>body{font-family:sans}</style></head><body><h1>ERROR</h1><p>The requested URL could not be retrieved</p>" +
		strings.Repeat("<p>Squid generated this page while trying to reach the origin server.</p>\n", 70) + "</body></html>"
	require.Greater(t, len(page), 5000)
	f := newFakeAlianza(t)
	f.on(fakeAccount, status(502, page, "text/html"))
	f.on(fakeCreate, status(502, page, "text/html"))
	c := f.client()
	for _, method := range []string{http.MethodGet, http.MethodPost} {
		var err error
		rt := fakeAccount
		if method == http.MethodGet {
			_, err = c.Accounts.Get(context.Background(), "A1")
		} else {
			rt = fakeCreate
			err = c.do(context.Background(), &request{method: method, path: "/v2/partition/{partitionId}/account", body: map[string]string{"a": "b"}})
		}
		var apiErr *APIError
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, 502, apiErr.StatusCode)
		assert.ErrorIs(t, err, ErrServer)
		assert.NotContains(t, err.Error(), "invalid character")
		assert.NotContains(t, err.Error(), "<")
		require.NotEmpty(t, apiErr.Messages)
		assert.LessOrEqual(t, len(apiErr.Messages[0]), 512+len("…"))
		figure(t, "case28.errorLength["+method+"]", len(err.Error()))
		figure(t, "case28.attempts["+method+"]", f.count(rt))
	}
	assert.Equal(t, 3, f.count(fakeAccount), "the GET is retried")
	assert.Equal(t, 1, f.count(fakeCreate), "the POST is not")
}

func TestCase29ContentTypes(t *testing.T) {
	for _, tc := range []struct {
		ct   string
		want error
	}{
		{"text/html", ErrContentType},
		{"application/xml", ErrContentType},
		{"", nil},
		{"application/json; charset=utf-8", nil},
	} {
		c, mt := newMockClient(t)
		r := httpmock.NewStringResponder(200, `{"id":"A1"}`)
		if tc.ct != "" {
			r = r.HeaderSet(http.Header{"Content-Type": {tc.ct}})
		}
		mt.RegisterResponder(http.MethodGet, testAccountURL("A1"), r)
		a, err := c.Accounts.Get(context.Background(), "A1")
		outcome := "accepted"
		if tc.want != nil {
			require.ErrorIs(t, err, tc.want, "%q", tc.ct)
			assert.Nil(t, a)
			outcome = "ErrContentType"
		} else {
			require.NoError(t, err, "%q", tc.ct)
			assert.Equal(t, "A1", a.ID)
		}
		figure(t, fmt.Sprintf("case29.outcome[%q]", tc.ct), outcome)
	}
}

func TestCase30ErrorEnvelopes(t *testing.T) {
	for _, tc := range []struct {
		name, ct, body string
		status         int
		want           error
		message        string
	}{
		{"PublicApiException", "application/json", `{"status":400,"messages":["Invalid account"]}`, 400, ErrBadRequest, "Invalid account"},
		{"text/plain", "text/plain", "SIP trunk name already exists", 409, ErrConflict, "SIP trunk name already exists"},
		{"BrandErrorResponse", "application/json", `{"code":"B7","description":"brand is locked"}`, 403, ErrForbidden, "brand is locked"},
		{"ValidationErrorResponse", "application/json", `{"errors":[{"field":"x","message":"x is invalid"}]}`, 400, ErrBadRequest, "x is invalid"},
		{"BulkOperationErrorResponse", "application/json", `{"message":"2 of 3 failed","errors":["TN 18015550001 busy"]}`, 409, ErrConflict, "2 of 3 failed"},
		{"unauthorized", "application/json", `{"status":401,"messages":["Invalid Auth Token"]}`, 401, ErrUnauthorized, "Invalid Auth Token"},
		{"not found", "application/json", `{"status":404,"messages":["Account not found"]}`, 404, ErrNotFound, "Account not found"},
		{"empty 500", "", "", 500, ErrServer, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, mt := newMockClient(t, WithoutRetries(), WithAuthToken(testToken))
			r := httpmock.NewStringResponder(tc.status, tc.body)
			if tc.ct != "" {
				r = r.HeaderSet(http.Header{"Content-Type": {tc.ct}})
			}
			mt.RegisterResponder(http.MethodGet, testAccountURL("A1"), r)
			_, err := c.Accounts.Get(context.Background(), "A1")
			require.ErrorIs(t, err, tc.want)
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tc.status, apiErr.StatusCode, "the status comes from HTTP")
			if tc.message == "" {
				assert.Empty(t, apiErr.Messages)
			} else {
				require.NotEmpty(t, apiErr.Messages)
				assert.Equal(t, tc.message, apiErr.Messages[0])
			}
			figure(t, "case30.message["+tc.name+"]", fmt.Sprintf("%q", strings.Join(apiErr.Messages, "; ")))
		})
	}
}

func TestCase31UnknownEnumsAndFields(t *testing.T) {
	c, mt := newMockClient(t)
	mt.RegisterResponder(http.MethodGet, testAccountURL("A1"), httpmock.NewStringResponder(200,
		`{"id":"A1","status":"SUSPENDED_NEW","accountType":"QUANTUM","callingPlans":[{"callingPlanType":"MOON_MINUTES","id":"CP1"}],"brandNewField":{"x":1}}`))
	a, err := c.Accounts.Get(context.Background(), "A1")
	require.NoError(t, err)
	assert.Equal(t, AccountStatus("SUSPENDED_NEW"), a.Status, "the raw value is kept")
	assert.False(t, a.Status.Valid())
	assert.False(t, a.AccountType.Valid())
	require.Len(t, a.CallingPlans, 1)
	figure(t, "case31.decodeErrors", 0)
}
