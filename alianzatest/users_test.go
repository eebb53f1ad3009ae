package alianzatest

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestUpdateUserWithoutWelcomeEmail: a user created with blockEmail has no
// welcomeEmailSent; a full replace must not answer it as null, which the
// spec's date-time does not allow (NewServer fails the test on that).
func TestUpdateUserWithoutWelcomeEmail(t *testing.T) {
	srv, a, acctID := setup(t)
	u := exampleUser()
	u["blockEmail"] = true
	r := a.do(http.MethodPost, a.acct(acctID)+"/user", u)
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	created := r.obj(t)
	assert.NotContains(t, created, "welcomeEmailSent")

	u["lastName"] = "Smithson"
	r = a.do(http.MethodPut, a.acct(acctID)+"/user/"+created["id"].(string), u)
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	updated := r.obj(t)
	assert.NotContains(t, updated, "welcomeEmailSent")
	assert.Equal(t, created["voicemailBoxId"], updated["voicemailBoxId"], "server-assigned fields survive the replace")
	assert.Empty(t, srv.Violations())
}
