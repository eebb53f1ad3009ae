package alianzatest

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCreateAccountDefaultsAndUniqueNumber(t *testing.T) {
	srv, a, acctID := setup(t)
	r := a.do(http.MethodGet, a.acct(acctID), nil)
	require.Equal(t, http.StatusOK, r.status)
	acct := r.obj(t)
	assert.Equal(t, srv.PartitionID(), acct["partitionId"])
	assert.Equal(t, "ACTIVE", acct["status"])
	assert.Equal(t, float64(1), acct["billingCycleDay"])
	assert.NotEmpty(t, acct["inboundRatePlanProductId"])

	r = a.do(http.MethodPost, a.p()+"/account", exampleAccount("SP-123"))
	assert.Equal(t, http.StatusBadRequest, r.status)
	assert.Contains(t, string(r.body), "already exists")

	r = a.do(http.MethodGet, a.p()+"/account/validateproperties?accountnumber=SP-123", nil)
	assert.Equal(t, http.StatusBadRequest, r.status)
	r = a.do(http.MethodGet, a.p()+"/account/validateproperties?accountnumber=SP-999", nil)
	assert.Equal(t, http.StatusOK, r.status)
	assert.Equal(t, "true", string(r.body))
}

// TestExtensionLengthOnlyForAdvanced: the spec requires extensionLength on
// every Account, but its description exempts SIMPLE accounts. A SIMPLE
// create without it is no violation (NewServer would fail the test); an
// ADVANCED one without it is refused by the fake, as by the platform.
func TestExtensionLengthOnlyForAdvanced(t *testing.T) {
	srv, a, _ := setup(t)
	simple := exampleAccount("HOME-1")
	simple["accountType"] = "SIMPLE"
	simple["dialingBehaviorType"] = "TEN_DIGIT"
	delete(simple, "extensionLength")
	r := a.do(http.MethodPost, a.p()+"/account", simple)
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)

	advanced := exampleAccount("ADV-1")
	delete(advanced, "extensionLength")
	r = a.do(http.MethodPost, a.p()+"/account", advanced)
	assert.Equal(t, http.StatusBadRequest, r.status)
	assert.Contains(t, string(r.body), "extensionLength")
	assert.Empty(t, srv.Violations())
}

func TestAccountPatchStatusAndSearch(t *testing.T) {
	_, a, acctID := setup(t)
	r := a.do(http.MethodPatch, a.acct(acctID), map[string]any{"status": "DISABLED"})
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	r = a.do(http.MethodGet, a.acct(acctID)+"/status", nil)
	assert.Equal(t, `"DISABLED"`, string(r.body))

	r = a.do(http.MethodPatch, a.acct(acctID), map[string]any{"extensionLength": 5})
	assert.Equal(t, http.StatusBadRequest, r.status, "extensionLength is immutable")

	r = a.do(http.MethodGet, a.p()+"/account/search?q=sp-1", nil)
	require.Equal(t, http.StatusOK, r.status)
	hits := r.list(t)
	require.Len(t, hits, 1)
	assert.Equal(t, acctID, hits[0]["id"])
	assert.Equal(t, "DISABLED", hits[0]["accountStatus"])
}

func TestUnknownIDIs404(t *testing.T) {
	_, a, acctID := setup(t)
	for _, path := range []string{
		a.acct("nope"),
		a.acct(acctID) + "/user/nope",
		a.acct(acctID) + "/siptrunk_2/nope",
		a.acct(acctID) + "/deviceline/nope",
		a.acct(acctID) + "/business-line/nope",
		a.acct(acctID) + "/telephonenumber/18005550000",
		a.p() + "/callingplanproduct/nope",
	} {
		r := a.do(http.MethodGet, path, nil)
		assert.Equal(t, http.StatusNotFound, r.status, path)
		assert.Equal(t, float64(404), r.obj(t)["status"], path)
	}
}

func TestDeleteAccountWithNumbersRefused(t *testing.T) {
	_, a, acctID := setup(t)
	tns := a.searchNear(1)
	require.Equal(t, http.StatusOK, a.do(http.MethodPost, a.acct(acctID)+"/telephonenumber", exampleNumbers(tns...)).status)

	r := a.do(http.MethodDelete, a.acct(acctID), nil)
	require.Equal(t, http.StatusBadRequest, r.status)
	assert.Contains(t, string(r.body), "telephone number")

	require.Equal(t, http.StatusNoContent, a.do(http.MethodDelete, a.acct(acctID)+"/telephonenumber/"+tns[0], nil).status)
	r = a.do(http.MethodDelete, a.acct(acctID), nil)
	require.Equal(t, http.StatusOK, r.status)
	assert.Empty(t, r.body)
	assert.Equal(t, http.StatusNotFound, a.do(http.MethodGet, a.acct(acctID), nil).status)
}

func TestRetrieveAccountByOtherIDs(t *testing.T) {
	srv, a, acctID := setup(t)
	r := a.do(http.MethodPost, a.acct(acctID)+"/user", exampleUser())
	userID := r.obj(t)["id"].(string)
	tns := a.searchNear(1)
	require.Equal(t, http.StatusOK, a.do(http.MethodPost, a.acct(acctID)+"/telephonenumber", exampleNumbers(tns...)).status)
	require.Equal(t, http.StatusCreated, a.do(http.MethodPost, a.acct(acctID)+"/deviceline", exampleDevice(acctID, srv.PartitionID(), userID)).status)

	for idType, key := range map[string]string{
		"Id":            acctID,
		"AccountNumber": "SP-123",
		"PhoneNumber":   tns[0],
		"MacAddress":    "12:34:56:AB:CA:BC",
	} {
		r := a.do(http.MethodGet, a.acct(key)+"?accountIdType="+idType, nil)
		require.Equal(t, http.StatusOK, r.status, "%s: %s", idType, r.body)
		assert.Equal(t, acctID, r.obj(t)["id"], idType)
	}
	r = a.do(http.MethodGet, a.acct("NOPE-1")+"?accountIdType=AccountNumber", nil)
	assert.Equal(t, http.StatusNotFound, r.status)

	// An account number needing escaping (a CRM nickname) round-trips.
	require.Equal(t, http.StatusOK, a.do(http.MethodPost, a.p()+"/account", exampleAccount("ACME / Main St")).status)
	r = a.do(http.MethodGet, a.p()+"/account/"+url.PathEscape("ACME / Main St")+"?accountIdType=AccountNumber", nil)
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	assert.Equal(t, "ACME / Main St", r.obj(t)["accountNumber"])
}

func TestUsersCRUD(t *testing.T) {
	_, a, acctID := setup(t)
	u := a.do(http.MethodPost, a.acct(acctID)+"/user", exampleUser()).obj(t)
	id := u["id"].(string)
	assert.Len(t, u["callingPlans"], 1)
	dup := a.do(http.MethodPost, a.acct(acctID)+"/user", exampleUser())
	assert.Equal(t, http.StatusBadRequest, dup.status, "username is unique")

	r := a.do(http.MethodGet, a.acct(acctID)+"/user/john.smith@example.com?idType=UserName", nil)
	require.Equal(t, http.StatusOK, r.status)
	assert.Equal(t, id, r.obj(t)["id"])

	r = a.do(http.MethodPatch, a.acct(acctID)+"/user/"+id, map[string]any{"firstName": "Johnny"})
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	assert.Equal(t, "Johnny", r.obj(t)["firstName"])

	put := exampleUser()
	put["lastName"] = "Smithers"
	r = a.do(http.MethodPut, a.acct(acctID)+"/user/"+id, put)
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	assert.Equal(t, "Smithers", r.obj(t)["lastName"])

	assert.Len(t, a.do(http.MethodGet, a.acct(acctID)+"/user", nil).list(t), 1)
	assert.Equal(t, http.StatusNoContent, a.do(http.MethodDelete, a.acct(acctID)+"/user/"+id, nil).status)
	assert.Empty(t, a.do(http.MethodGet, a.acct(acctID)+"/user", nil).list(t))
}
