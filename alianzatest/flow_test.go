package alianzatest

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSeedExamplesAreValid creates every resource with the documents'
// example bodies: none of it may be reported as a violation (NewServer
// fails the test on any).
func TestSeedExamplesAreValid(t *testing.T) {
	srv, a, acctID := setup(t)
	p := srv.PartitionID()

	r := a.do(http.MethodPost, a.acct(acctID)+"/user", exampleUser())
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	user := r.obj(t)
	userID := user["id"].(string)
	assert.Equal(t, "4000", user["extension"])

	r = a.do(http.MethodPost, a.acct(acctID)+"/siptrunk_2", exampleTrunk(acctID, p))
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	trunk := r.obj(t)
	assert.Equal(t, sipProxyServer, trunk["sipProxyServer"])
	assert.Equal(t, false, trunk["lockedOut"])

	r = a.do(http.MethodGet, "/v2/address/validate?address=333%20S%20520%20W,%20Lindon,%20UT&country=USA&postalCode=84042", nil)
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	assert.Equal(t, true, r.obj(t)["valid"])

	tns := a.searchNear(2)
	r = a.do(http.MethodPut, a.p()+"/telephonenumber/"+tns[0]+"/reserve", nil)
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	assert.Equal(t, true, r.obj(t)["reserved"])

	r = a.do(http.MethodPost, a.acct(acctID)+"/telephonenumber", exampleNumbers(tns...))
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)

	r = a.do(http.MethodPatch, a.acct(acctID)+"/telephonenumber/"+tns[0], map[string]any{"referenceType": "END_USER", "referenceId": userID, "assignAsCallerId": true})
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	r = a.do(http.MethodGet, a.acct(acctID)+"/user/"+userID, nil)
	require.Equal(t, http.StatusOK, r.status)
	assert.Equal(t, tns[0], r.obj(t)["callerIdConfig"].(map[string]any)["callerIdNumber"])

	r = a.do(http.MethodPost, a.acct(acctID)+"/deviceline", exampleDevice(acctID, p, userID))
	require.Equal(t, http.StatusCreated, r.status, "%s", r.body)
	dev := r.obj(t)
	assert.NotEmpty(t, dev["sipUsername"])
	assert.Nil(t, dev["sipPassword"], "DeviceX answers do not carry the password")

	r = a.do(http.MethodPost, a.acct(acctID)+"/business-line", exampleBusinessLine(acctID, p))
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	line := r.obj(t)
	lineID := line["id"].(string)
	r = a.do(http.MethodPut, a.acct(acctID)+"/business-line/"+lineID+"/call-handling", exampleCallHandling())
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	assert.Equal(t, map[string]any{"@type": "UnlimitedRingTimeoutConfiguration"}, r.obj(t)["ringTimeoutConfiguration"])

	r = a.do(http.MethodPut, a.acct(acctID)+"/telephonenumber/"+tns[1]+"/destination",
		map[string]any{"referenceType": "BUSINESS_LINE", "referenceId": lineID})
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)

	r = a.do(http.MethodPut, a.acct(acctID)+"/siptrunk_2/"+trunk["id"].(string)+"/forward", map[string]any{
		"forwardAlways":             map[string]any{"referenceType": "TELEPHONE", "referenceId": "18015551212", "enabled": false},
		"forwardOnFailure":          []any{map[string]any{"referenceType": "VOICEMAIL", "referenceId": userID}},
		"forwardOnCapacityExceeded": []any{map[string]any{"referenceType": "END_USER", "referenceId": userID}},
	})
	require.Equal(t, http.StatusNoContent, r.status, "%s", r.body)

	assert.Empty(t, srv.Violations())
}
