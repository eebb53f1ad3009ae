//go:build integration

package alianza_test

import (
	"os"
	"testing"

	"github.com/go-alianza/alianza"
	"github.com/stretchr/testify/require"
)

// Integration tests run the contract test's flow against a real partition
// (the beta platform, https://api.b2.alianza.com):
//
//	ALIANZA_BASE_URL=https://api.b2.alianza.com ALIANZA_USERNAME=... ALIANZA_PASSWORD=... \
//		go test -tags integration -run Integration -v .
//
// Everything they create is named goalianza-it-<unix-nanos> and removed
// again, numbers before the account, even when a step fails half-way.

// integrationClient returns a client for the beta partition, or skips the
// test when the credentials are not in the environment.
func integrationClient(t *testing.T) *alianza.Client {
	t.Helper()
	vars := map[string]string{}
	for _, name := range []string{"ALIANZA_BASE_URL", "ALIANZA_USERNAME", "ALIANZA_PASSWORD"} {
		v := os.Getenv(name)
		if v == "" {
			t.Skipf("%s is not set: no beta credentials", name)
		}
		vars[name] = v
	}
	c, err := alianza.NewClient(
		alianza.WithBaseURL(vars["ALIANZA_BASE_URL"]),
		alianza.WithCredentials(vars["ALIANZA_USERNAME"], vars["ALIANZA_PASSWORD"]),
		alianza.WithUserAgent("go-alianza-integration"),
	)
	require.NoError(t, err)
	return c
}

func TestIntegrationLogin(t *testing.T) {
	c := integrationClient(t)
	tok, err := c.Login(t.Context())
	require.NoError(t, err)
	require.NotEmpty(t, tok.PartitionID)
	info, err := c.UserInfo(t.Context())
	require.NoError(t, err)
	require.Equal(t, tok.UserID, info.UserID)
	require.NoError(t, c.Logout(t.Context()))
}

// TestIntegrationProvisioningFlow is TestContract's flow on the beta
// partition: every service method, with real side effects, cleaned up.
func TestIntegrationProvisioningFlow(t *testing.T) {
	c := integrationClient(t)
	env := newFlowEnv(nil)
	t.Logf("resources of this run are named %s", env.prefix)
	runProvisioningFlow(t, c, env)
}
