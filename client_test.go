package alianza

import (
	"context"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// newMockClientNoPartition is newMockClient without WithPartition: the
// client acts in the login's default partition.
func newMockClientNoPartition(t *testing.T, opts ...Option) (*Client, *httpmock.MockTransport) {
	t.Helper()
	login := map[string]any{"authToken": testToken, "partitionId": testPartition, "subPartitionIds": []string{"SUB1"}}
	return mockClientWithLogin(t, login, opts...)
}

func TestDefaultPartitionFromLogin(t *testing.T) {
	c, mt := newMockClientNoPartition(t)
	acceptTokens(mt, func(tok string) bool { return tok == testToken })
	requireAllOK(t, burst(20, func() error { _, err := getAccount(context.Background(), c, "A1"); return err }))
	assert.Equal(t, 1, loginCalls(mt))
	p, err := c.PartitionID(context.Background())
	require.NoError(t, err)
	assert.Equal(t, testPartition, p)

	// A login without a partition, and no WithPartition: a clear error.
	c2, mt2 := newMockClientNoPartition(t)
	mt2.RegisterResponder(http.MethodPost, testBaseURL+"/v2/authorize", httpmock.NewJsonResponderOrPanic(200, map[string]any{"authToken": testToken}))
	_, err = getAccount(context.Background(), c2, "A1")
	require.ErrorIs(t, err, ErrNoPartition)
	assert.Equal(t, 1, mt2.GetTotalCallCount(), "the login only")
}

func TestForPartition(t *testing.T) {
	c, mt := newMockClientNoPartition(t)
	var paths atomic.Value
	mt.RegisterResponder(http.MethodGet, "=~/v2/partition/", func(r *http.Request) (*http.Response, error) {
		paths.Store(r.URL.Path)
		return httpmock.NewStringResponse(200, `{}`), nil
	})
	sub, err := c.ForPartition("SUB1")
	require.NoError(t, err)
	assert.NotSame(t, c, sub)
	assert.Same(t, c.auth, sub.auth, "shares the login")
	assert.Same(t, c.cfg.httpClient, sub.cfg.httpClient, "and the connection pool")
	assert.Same(t, sub, sub.Accounts.client, "services act in the copy's partition")

	_, err = getAccount(context.Background(), sub, "A1")
	require.NoError(t, err)
	assert.Equal(t, "/prefix/v2/partition/SUB1/account/A1", paths.Load())
	_, err = getAccount(context.Background(), c, "A1")
	require.NoError(t, err)
	assert.Equal(t, "/prefix/v2/partition/PART1/account/A1", paths.Load(), "the original is unchanged")
	assert.Equal(t, 1, loginCalls(mt), "one login for both")

	p, err := sub.PartitionID(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "SUB1", p)
	for _, bad := range []string{"", "..", "a\x00"} {
		_, err = c.ForPartition(bad)
		assert.ErrorIs(t, err, ErrValidation, "%q", bad)
	}
	assert.Equal(t, "alianza.Client{baseURL: https://api.test.invalid/prefix, partition: SUB1}", sub.String())
}

func TestClientFormatting(t *testing.T) {
	c, _ := newMockClient(t)
	_, err := c.Login(context.Background())
	require.NoError(t, err)
	want := "alianza.Client{baseURL: https://api.test.invalid/prefix, partition: PART1}"
	assert.Equal(t, want, c.String())
	assert.Equal(t, want, fmt.Sprintf("%v", c))
	assert.Equal(t, want, fmt.Sprintf("%+v", c))
	assert.Equal(t, want, fmt.Sprintf("%s", c))
	assert.Equal(t, want, fmt.Sprintf("%#v", c))
	assert.Equal(t, fmt.Sprintf("%q", want), fmt.Sprintf("%q", c), "%q quotes")
	assert.Equal(t, fmt.Sprintf("%x", want), fmt.Sprintf("%x", c))
	assert.Equal(t, fmt.Sprintf("%80s", want), fmt.Sprintf("%80v", c), "width is honoured")
	assert.Equal(t, "%!d(alianza.Client="+want+")", fmt.Sprintf("%d", c))
	assert.Equal(t, "%!d(alianza.Client="+want+")", fmt.Sprintf("%d", *c))
	var nilClient *Client
	assert.Equal(t, "<nil>", fmt.Sprintf("%v", nilClient))
	assert.Equal(t, want, fmt.Sprintf("%v", *c), "a dereferenced client formats the same")
	scanForSecrets(t, "client", formatAll(c)+formatAll(*c)+fmt.Sprintf("%d %t", c, c))
	scanForSecrets(t, "client slog", logBoth(t, "client", c, "clientValue", *c))

	none, _ := newMockClientNoPartition(t)
	assert.Contains(t, none.String(), "partition: (login default)")
}

// The client is safe for concurrent use: many goroutines share one client
// and its copies under -race.
func TestConcurrentUse(t *testing.T) {
	c, mt := newMockClientNoPartition(t)
	mt.RegisterResponder(http.MethodGet, "=~/v2/partition/", httpmock.NewStringResponder(200, `{}`))
	requireAllOK(t, burst(50, func() error {
		sub, err := c.ForPartition("SUB1")
		if err != nil {
			return err
		}
		if _, err := getAccount(context.Background(), sub, "A1"); err != nil {
			return err
		}
		_, err = c.Login(context.Background())
		_ = c.String()
		return err
	}))
	assert.Equal(t, 1, loginCalls(mt))
}

// HTTPClient hands out a copy: changing it leaves the client as it was.
func TestHTTPClientIsACopy(t *testing.T) {
	c, err := NewClient(WithAuthToken(testToken), WithTimeout(5*time.Second))
	require.NoError(t, err)
	hc := c.HTTPClient()
	hc.Timeout = time.Hour
	hc.Transport = nil
	hc.CheckRedirect = nil
	again := c.HTTPClient()
	assert.Equal(t, 5*time.Second, again.Timeout)
	assert.NotNil(t, again.Transport)
	assert.NotNil(t, again.CheckRedirect)
	assert.NotSame(t, hc, again)
}

// httpmock.Activate swaps http.DefaultTransport for a mock. A client built
// afterwards without WithHTTPClient sends through it instead of panicking
// on a type assertion. Not parallel: http.DefaultTransport is global.
func TestNewClientWithActivatedHTTPMock(t *testing.T) {
	httpmock.Activate()
	defer httpmock.DeactivateAndReset()
	httpmock.RegisterResponder(http.MethodGet, testAccountURL("A1"), httpmock.NewStringResponder(200, `{"id":"A1"}`))

	var c *Client
	require.NotPanics(t, func() {
		var err error
		c, err = NewClient(WithBaseURL(testBaseURL), WithAuthToken(testToken), WithPartition(testPartition))
		require.NoError(t, err)
	})
	assert.Same(t, http.DefaultTransport, c.HTTPClient().Transport, "the mock, as it is")
	out, err := getAccount(context.Background(), c, "A1")
	require.NoError(t, err)
	assert.Equal(t, "A1", out["id"])
	assert.Equal(t, 1, httpmock.GetTotalCallCount())
}

// TestEveryServiceIsWired: every service field of a new client is set, the
// hand-written ones and the generated ones.
func TestEveryServiceIsWired(t *testing.T) {
	c, err := NewClient(WithAuthToken(testToken))
	require.NoError(t, err)
	v := reflect.ValueOf(c).Elem()
	n := 0
	for i := range v.NumField() {
		f := v.Type().Field(i)
		if f.IsExported() && strings.HasSuffix(f.Type.String(), "Service") {
			n++
			assert.False(t, v.Field(i).IsNil(), "Client.%s is nil", f.Name)
		}
	}
	assert.Greater(t, n, 40)
}
