package alianza

// RELIABILITY.md cases 23 to 31: slow servers, timeouts and bad response
// bodies.
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

// Cases 23 to 25 assert what ended each call (the ctx's or the attempt's
// deadline, a disconnect the server saw) and that no deadline fired early;
// how long the call took is a figure, not a bound, so load cannot fail them.

func TestCase23SlowHeaders(t *testing.T) {
	f := newFakeAlianza(t)
	gone := make(chan struct{}, 1)
	var disconnects atomic.Int64
	f.on(fakeAccount, func(_ http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
		disconnects.Add(1)
		gone <- struct{}{}
	})
	c := f.client()
	_, err := c.Login(context.Background())
	require.NoError(t, err)
	const deadline = 200 * time.Millisecond
	ctx, cancel := context.WithTimeout(context.Background(), deadline)
	defer cancel()
	start := time.Now()
	_, err = c.Accounts.Get(ctx, "A1")
	elapsed := time.Since(start)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.GreaterOrEqual(t, elapsed, deadline, "ended by the deadline, not before")
	within(t, gone, "the server seeing the disconnect")
	assert.Equal(t, 1, f.count(fakeAccount), "the deadline is not retried")
	figure(t, "case23.elapsed", elapsed.Round(time.Millisecond))
	figure(t, "case23.serverSawCancel", disconnects.Load() == 1)
}

func TestCase24SlowBodyTrickle(t *testing.T) {
	leakCheck(t)
	f := newFakeAlianza(t)
	var sent atomic.Int64
	const size = 1 << 20
	f.on(fakeAccount, trickle(size, 1, 50*time.Millisecond, &sent))
	c := f.client()
	_, err := c.Login(context.Background())
	require.NoError(t, err)
	const deadline = 500 * time.Millisecond
	ctx, cancel := context.WithTimeout(context.Background(), deadline)
	defer cancel()
	start := time.Now()
	_, err = c.Accounts.Get(ctx, "A1")
	elapsed := time.Since(start)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.GreaterOrEqual(t, elapsed, deadline, "ended by the deadline, not before")
	assert.Less(t, sent.Load(), int64(size), "the call gave up mid-body")
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
	gone := make(chan struct{}, 1)
	f.on(fakeAccount, hangUntilClientGone(gone))
	const attemptTimeout = 300 * time.Millisecond
	hung := f.client(WithTimeout(attemptTimeout), WithoutRetries())
	_, err = hung.Login(context.Background())
	require.NoError(t, err)
	start := time.Now()
	_, err = hung.Accounts.Get(context.Background(), "A1") // no deadline of the caller's
	elapsed := time.Since(start)
	require.ErrorIs(t, err, context.DeadlineExceeded, "only the attempt timeout can end this call")
	assert.GreaterOrEqual(t, elapsed, attemptTimeout, "ended by the attempt timeout, not before")
	within(t, gone, "the server seeing the disconnect")
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
	bodies := map[string]string{
		"status":      `{"id":"A1","status":"SUSPENDED_NEW"}`,
		"accountType": `{"id":"A1","accountType":"QUANTUM"}`,
		"nested":      `{"id":"A1","callingPlans":[{"callingPlanType":"MOON_MINUTES","id":"CP1"}]}`,
		"field":       `{"id":"A1","brandNewField":{"x":1}}`,
		"all":         `{"id":"A1","status":"SUSPENDED_NEW","accountType":"QUANTUM","callingPlans":[{"callingPlanType":"MOON_MINUTES","id":"CP1"}],"brandNewField":{"x":1}}`,
	}
	decodeErrors := 0
	for name, body := range bodies {
		c, mt := newMockClient(t)
		mt.RegisterResponder(http.MethodGet, testAccountURL("A1"), httpmock.NewStringResponder(200, body))
		a, err := c.Accounts.Get(context.Background(), "A1")
		if !assert.NoError(t, err, name) {
			decodeErrors++
			continue
		}
		assert.Equal(t, "A1", a.ID, name)
		if name == "all" {
			assert.Equal(t, AccountStatus("SUSPENDED_NEW"), a.Status, "the raw value is kept")
			assert.False(t, a.Status.Valid())
			assert.False(t, a.AccountType.Valid())
			require.Len(t, a.CallingPlans, 1)
		}
	}
	figure(t, "case31.bodies", len(bodies))
	figure(t, "case31.decodeErrors", decodeErrors)
}
