package alianza

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testAccountPath is a generic authenticated operation for the core tests;
// the service methods are other files' business.
const testAccountPath = "/v2/partition/{partitionId}/account/{accountId}"

func testAccountURL(id string) string {
	return testBaseURL + "/v2/partition/" + testPartition + "/account/" + id
}

// getAccount sends GET .../account/{id} through the client's pipeline and
// decodes the body into a map.
func getAccount(ctx context.Context, c *Client, id string) (map[string]any, error) {
	var out map[string]any
	err := c.do(ctx, &request{method: http.MethodGet, path: testAccountPath, args: []string{id}, out: &out})
	return out, err
}

func loginCalls(mt *httpmock.MockTransport) int {
	return mt.GetCallCountInfo()["POST "+testBaseURL+"/v2/authorize"]
}

func TestSentinelsFromStatus(t *testing.T) {
	sentinels := []error{ErrBadRequest, ErrUnauthorized, ErrForbidden, ErrNotFound, ErrConflict, ErrRateLimited, ErrServer}
	for _, tc := range []struct {
		status int
		want   error
	}{
		{400, ErrBadRequest}, {401, ErrUnauthorized}, {403, ErrForbidden}, {404, ErrNotFound},
		{409, ErrConflict}, {429, ErrRateLimited}, {500, ErrServer}, {501, ErrServer}, {502, ErrServer},
		{503, ErrServer}, {504, ErrServer}, {599, ErrServer}, {418, nil}, {422, ErrBadRequest},
	} {
		t.Run(fmt.Sprint(tc.status), func(t *testing.T) {
			c, mt := newMockClient(t, WithoutRetries())
			mt.RegisterResponder(http.MethodGet, testAccountURL("A1"),
				httpmock.NewStringResponder(tc.status, `{"status":`+fmt.Sprint(tc.status)+`,"messages":["nope"]}`).HeaderSet(http.Header{"Content-Type": {"application/json"}}))
			_, err := getAccount(context.Background(), c, "A1")
			require.Error(t, err)
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tc.status, apiErr.StatusCode)
			assert.Equal(t, []string{"nope"}, apiErr.Messages)
			for _, s := range sentinels {
				assert.Equal(t, s == tc.want, errors.Is(err, s), "errors.Is(%d, %v)", tc.status, s)
			}
			assert.False(t, errors.Is(err, ErrValidation))
		})
	}
}

func TestAPIErrorPublicApiException(t *testing.T) {
	c, mt := newMockClient(t)
	mt.RegisterResponder(http.MethodGet, testAccountURL("A%2F1"), httpmock.NewStringResponder(404,
		`{"status":404,"messages":["Account not found","second"],"data":{"accountId":"A/1"}}`).
		HeaderSet(http.Header{"Content-Type": {"application/json;charset=UTF-8"}}))
	var out map[string]any
	err := c.do(context.Background(), &request{method: http.MethodGet, path: testAccountPath, args: []string{"A/1"},
		query: url.Values{"secretish": {"x"}}, out: &out})
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 404, apiErr.StatusCode)
	assert.Equal(t, http.MethodGet, apiErr.Method)
	assert.Equal(t, "/v2/partition/PART1/account/A%2F1", apiErr.Path, "path without query")
	assert.Equal(t, []string{"Account not found", "second"}, apiErr.Messages)
	assert.JSONEq(t, `{"accountId":"A/1"}`, string(apiErr.Data))
	assert.Equal(t, 1, apiErr.Attempts)
	assert.Contains(t, string(apiErr.Body), "Account not found")
	assert.Equal(t, "alianza: GET /v2/partition/PART1/account/A%2F1: 404 Not Found: Account not found; second", err.Error())
	assert.NotContains(t, err.Error(), "secretish")
	assert.Nil(t, out)
}

func TestAPIErrorTextAndHTMLBodies(t *testing.T) {
	page := "<!DOCTYPE html><html><head><title>502 Bad Gateway</title><style>body{color:red}</style>" +
		"<script>var x = '<b>';</script></head><body><h1>Bad Gateway</h1><p>The proxy server received an invalid response.</p>" +
		strings.Repeat("<p>padding padding padding</p>\n", 200) + "</body></html>"
	for _, tc := range []struct {
		name, ct, body, wantPrefix string
		status                     int
	}{
		{"text/plain", "text/plain", "SIP trunk name already exists\n", "SIP trunk name already exists", 409},
		{"html", "text/html; charset=utf-8", page, "502 Bad Gateway Bad Gateway The proxy server received an invalid response.", 502},
		{"html no content type", "", page, "502 Bad Gateway Bad Gateway", 502},
		{"json string", "application/json", `"plain json message"`, "plain json message", 400},
		{"ApiSingleException", "application/json", `{"code":4001,"message":"Invalid account"}`, "Invalid account", 400},
		{"BrandErrorResponse", "application/json", `{"code":"B1","description":"brand problem"}`, "brand problem", 400},
		{"ValidationErrorResponse", "application/json", `{"errors":[{"field":"x","message":"x is bad"},"y is bad"]}`, "x is bad", 400},
		{"empty 500", "", "", "", 500},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, mt := newMockClient(t, WithoutRetries())
			resp := httpmock.NewStringResponder(tc.status, tc.body)
			if tc.ct != "" {
				resp = resp.HeaderSet(http.Header{"Content-Type": {tc.ct}})
			}
			mt.RegisterResponder(http.MethodGet, testAccountURL("A1"), resp)
			_, err := getAccount(context.Background(), c, "A1")
			var apiErr *APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tc.status, apiErr.StatusCode)
			msg := err.Error()
			assert.LessOrEqual(t, len(msg), 1024)
			assert.NotContains(t, msg, "invalid character")
			if tc.wantPrefix == "" {
				assert.Empty(t, apiErr.Messages)
				return
			}
			require.NotEmpty(t, apiErr.Messages)
			assert.True(t, strings.HasPrefix(apiErr.Messages[0], tc.wantPrefix), "message %q", apiErr.Messages[0])
			assert.NotContains(t, msg, "<")
			assert.NotContains(t, msg, "color:red", "style content is dropped")
		})
	}
}

func TestAPIErrorBodyLimit(t *testing.T) {
	c, mt := newMockClient(t, WithoutRetries())
	big := `{"messages":["` + strings.Repeat("x", 2<<20) + `"]}`
	mt.RegisterResponder(http.MethodGet, testAccountURL("A1"), httpmock.NewStringResponder(500, big))
	_, err := getAccount(context.Background(), c, "A1")
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Len(t, apiErr.Body, 1<<20, "read through a 1 MiB limit")
	assert.LessOrEqual(t, len(err.Error()), 1024)
}

// Error bodies that echo the password or the token: neither reaches the
// error's text, %+v, %#v, or any level of its chain.
func TestErrorsNeverCarrySecrets(t *testing.T) {
	c, mt := newMockClient(t, WithoutRetries())
	body := `{"messages":["token ` + testToken + ` and password ` + testPassword + ` and escaped pw-Zq81\u0076Xk3Lm"],"data":{"pw":"` + testPassword + `"}}`
	mt.RegisterResponder(http.MethodGet, testAccountURL("A1"),
		httpmock.NewStringResponder(400, body).HeaderSet(http.Header{"Content-Type": {"application/json"}}))
	_, err := getAccount(context.Background(), c, "A1")
	require.Error(t, err)
	for e := err; e != nil; e = errors.Unwrap(e) {
		scanForSecrets(t, "error chain", formatAll(e))
	}
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	scanForSecrets(t, "body", string(apiErr.Body))
	scanForSecrets(t, "data", string(apiErr.Data))
	scanForSecrets(t, "joined", formatAll(errors.Join(err, fmt.Errorf("ctx: %w", err))))
}

func TestDecodeErrors(t *testing.T) {
	for _, tc := range []struct {
		name, ct, body string
		want           error
	}{
		{"trailing garbage", "application/json", `{"id":"a"}garbage`, ErrDecode},
		{"truncated", "application/json", `{"id":`, ErrDecode},
		{"array for object", "application/json", `[]`, ErrDecode},
		{"null", "application/json", `null`, ErrEmptyBody},
		{"empty", "application/json", ``, ErrEmptyBody},
		{"blank", "", " \n", ErrEmptyBody},
		{"html", "text/html", `<html>hi</html>`, ErrContentType},
		{"xml", "application/xml", `<a/>`, ErrContentType},
		{"token echo", "application/json", `{"id":"` + testToken + `"`, ErrDecode},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, mt := newMockClient(t)
			r := httpmock.NewStringResponder(200, tc.body)
			if tc.ct != "" {
				r = r.HeaderSet(http.Header{"Content-Type": {tc.ct}})
			}
			mt.RegisterResponder(http.MethodGet, testAccountURL("A1"), r)
			var out struct{ ID string }
			err := c.do(context.Background(), &request{method: http.MethodGet, path: testAccountPath, args: []string{"A1"}, out: &out})
			require.Error(t, err)
			assert.ErrorIs(t, err, tc.want)
			var de *DecodeError
			require.ErrorAs(t, err, &de)
			assert.Equal(t, 200, de.StatusCode)
			assert.LessOrEqual(t, len(de.Snippet), 256+3)
			scanForSecrets(t, "decode error", formatAll(err))
			assert.Equal(t, 1, mt.GetCallCountInfo()["GET "+testAccountURL("A1")], "a 2xx is never retried")
		})
	}
}

// Alianza answers a duplicate create with a 400 whose message says "already
// exists": that is a conflict, and still a bad request.
func TestAlreadyExistsIsConflict(t *testing.T) {
	for _, tc := range []struct {
		status     int
		body       string
		conflict   bool
		badRequest bool
	}{
		{400, `{"status":400,"messages":["accountNumber 1001 already exists in this partition"]}`, true, true},
		{400, `{"status":400,"messages":["first","Telephone number ALREADY EXISTS"]}`, true, true},
		{422, `{"message":"user already exists"}`, true, true},
		{400, `{"status":400,"messages":["username alice is already in use"]}`, true, true},
		{400, `{"status":400,"messages":["macAddress 0004F2102030 is in use on another account"]}`, true, true},
		{409, `{"messages":["busy"]}`, true, false},
		{400, `{"status":400,"messages":["accountNumber is required"]}`, false, true},
		{404, `{"status":404,"messages":["account already exists elsewhere"]}`, false, false},
		{500, `{"messages":["already exists"]}`, false, false},
	} {
		t.Run(fmt.Sprint(tc.status, tc.body), func(t *testing.T) {
			c, mt := newMockClient(t, WithoutRetries())
			mt.RegisterResponder(http.MethodPost, testBaseURL+"/v2/partition/"+testPartition+"/account",
				httpmock.NewStringResponder(tc.status, tc.body).HeaderSet(http.Header{"Content-Type": {"application/json"}}))
			err := c.do(context.Background(), &request{method: http.MethodPost, path: "/v2/partition/{partitionId}/account", body: map[string]string{"accountNumber": "1001"}})
			require.Error(t, err)
			assert.Equal(t, tc.conflict, errors.Is(err, ErrConflict), "ErrConflict")
			assert.Equal(t, tc.badRequest, errors.Is(err, ErrBadRequest), "ErrBadRequest")
		})
	}
}
