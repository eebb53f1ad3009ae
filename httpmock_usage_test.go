package alianza_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/go-alianza/alianza"
	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAccountLookup is the example of README's "Testing with httpmock":
// keep the two the same.
func TestAccountLookup(t *testing.T) {
	mt := httpmock.NewMockTransport() // this test's own transport: safe under t.Parallel
	client, err := alianza.NewClient(
		alianza.WithBaseURL("https://api.test.invalid"),
		alianza.WithAuthToken("test-token"), // no login to mock
		alianza.WithPartition("P1"),
		alianza.WithHTTPClient(&http.Client{Transport: mt}),
		alianza.WithoutRetries(), // one request per call, so counts are exact
	)
	require.NoError(t, err)
	const url = "https://api.test.invalid/v2/partition/P1/account/"
	mt.RegisterResponder(http.MethodGet, url+"A1",
		httpmock.NewJsonResponderOrPanic(200, map[string]any{"id": "A1", "accountNumber": "CRM-1"}))
	mt.RegisterResponder(http.MethodGet, url+"A2",
		httpmock.NewStringResponder(404, `{"status":404,"messages":["Account not found"]}`))

	acct, err := client.Accounts.Get(context.Background(), "A1")
	require.NoError(t, err)
	assert.Equal(t, "CRM-1", acct.AccountNumber)

	_, err = client.Accounts.Get(context.Background(), "A2")
	assert.ErrorIs(t, err, alianza.ErrNotFound)
	assert.Equal(t, 1, mt.GetCallCountInfo()["GET "+url+"A2"])
}
