package alianzatest

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSearchLatLongNearestFirst(t *testing.T) {
	_, a, _ := setup(t)
	r := a.do(http.MethodGet, a.p()+"/telephonenumber/search?type=LAT_LONG&lat=40.332492&long=-111.728167&maxResults=15", nil)
	require.Equal(t, http.StatusOK, r.status)
	hits := r.list(t)
	require.Len(t, hits, 15)
	last := -1.0
	for _, h := range hits {
		d := h["distance"].(float64)
		assert.GreaterOrEqual(t, d, last)
		last = d
		assert.Equal(t, "UT", h["state"])
		assert.NotEmpty(t, h["rateCenter"])
	}
	assert.Less(t, hits[0]["distance"].(float64), 5.0)
}

func TestSearchPostalCodeAndPrefix(t *testing.T) {
	_, a, _ := setup(t)
	r := a.do(http.MethodGet, a.p()+"/telephonenumber/search?type=POSTALCODE&q=77002&maxResults=3", nil)
	require.Equal(t, http.StatusOK, r.status)
	for _, h := range r.list(t) {
		assert.Equal(t, "HOUSTON", h["rateCenter"])
		assert.Equal(t, true, h["matchesZip"])
	}
	r = a.do(http.MethodGet, a.p()+"/telephonenumber/search?type=TN&q=801769", nil)
	require.Equal(t, http.StatusOK, r.status)
	hits := r.list(t)
	require.NotEmpty(t, hits)
	assert.Equal(t, "PLEASANT GROVE", hits[0]["rateCenter"])
	// POSTALCODE_OR_TN (the default) picks by the shape of q.
	r = a.do(http.MethodGet, a.p()+"/telephonenumber/search?q=84042", nil)
	assert.Equal(t, "LINDON", r.list(t)[0]["rateCenter"])
	r = a.do(http.MethodGet, a.p()+"/telephonenumber/search?q=1303555", nil)
	assert.Equal(t, "DENVER", r.list(t)[0]["rateCenter"])
	r = a.do(http.MethodGet, a.p()+"/telephonenumber/search?type=TN&q=80x", nil)
	assert.Equal(t, http.StatusUnprocessableEntity, r.status)
}

func TestReservationConflictBetweenAccounts(t *testing.T) {
	srv, a, acctA := setup(t)
	r := a.do(http.MethodPost, a.p()+"/account", exampleAccount("SP-456"))
	acctB := r.obj(t)["id"].(string)
	tns := a.searchNear(2)

	// Reserved on account A by someone else: B cannot take it.
	require.NoError(t, srv.ReserveForAccount(tns[0], acctA))
	r = a.do(http.MethodPost, a.acct(acctB)+"/telephonenumber", exampleNumbers(tns[0]))
	require.Equal(t, http.StatusBadRequest, r.status)
	assert.Contains(t, string(r.body), "reserved on another account")
	// A reserved number is no longer offered by a search.
	for _, tn := range a.searchNear(2) {
		assert.NotEqual(t, tns[0], tn)
	}
	// A can.
	r = a.do(http.MethodPost, a.acct(acctA)+"/telephonenumber", exampleNumbers(tns[0]))
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	// Once on A, it cannot be added to B either.
	r = a.do(http.MethodPost, a.acct(acctB)+"/telephonenumber", exampleNumbers(tns[0]))
	require.Equal(t, http.StatusBadRequest, r.status)
	assert.Contains(t, string(r.body), "on another account")

	// The caller's own reservation does not stand in its way.
	r = a.do(http.MethodPut, a.p()+"/telephonenumber/"+tns[1]+"/reserve", nil)
	require.Equal(t, http.StatusOK, r.status)
	r = a.do(http.MethodPost, a.acct(acctB)+"/telephonenumber", exampleNumbers(tns[1]))
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
}

func TestReservationExpiresAfterThirtyMinutes(t *testing.T) {
	srv, a, acctA := setup(t)
	r := a.do(http.MethodPost, a.p()+"/account", exampleAccount("SP-456"))
	acctB := r.obj(t)["id"].(string)
	tn := a.searchNear(1)[0]
	require.NoError(t, srv.ReserveForAccount(tn, acctA))
	srv.Advance(29 * time.Minute)
	require.Equal(t, http.StatusBadRequest, a.do(http.MethodPost, a.acct(acctB)+"/telephonenumber", exampleNumbers(tn)).status)
	srv.Advance(time.Minute)
	r = a.do(http.MethodPost, a.acct(acctB)+"/telephonenumber", exampleNumbers(tn))
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
}

func TestReserveAndRelease(t *testing.T) {
	_, a, _ := setup(t)
	tn := a.searchNear(1)[0]
	r := a.do(http.MethodPut, a.p()+"/telephonenumber/"+tn+"/reserve", nil)
	require.Equal(t, http.StatusOK, r.status)
	res := r.obj(t)
	assert.Equal(t, tn, res["tn"])
	assert.NotEmpty(t, res["reservedTime"])
	assert.Equal(t, http.StatusNoContent, a.do(http.MethodDelete, a.p()+"/telephonenumber/"+tn+"/reserve", nil).status)
	assert.Equal(t, http.StatusNotFound, a.do(http.MethodPut, a.p()+"/telephonenumber/19995550000/reserve", nil).status)
}

func TestRouteNumbers(t *testing.T) {
	srv, a, acctID := setup(t)
	user := a.do(http.MethodPost, a.acct(acctID)+"/user", exampleUser()).obj(t)["id"].(string)
	trunk := a.do(http.MethodPost, a.acct(acctID)+"/siptrunk_2", exampleTrunk(acctID, srv.PartitionID())).obj(t)["id"].(string)
	tns := a.searchNear(3)
	require.Equal(t, http.StatusOK, a.do(http.MethodPost, a.acct(acctID)+"/telephonenumber", exampleNumbers(tns...)).status)

	// PATCH to a trunk: the trunk lists it.
	r := a.do(http.MethodPatch, a.acct(acctID)+"/telephonenumber/"+tns[0], map[string]any{"referenceType": "SIP_TRUNK", "referenceId": trunk})
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	tr := a.do(http.MethodGet, a.acct(acctID)+"/siptrunk_2/"+trunk, nil).obj(t)
	assert.Equal(t, []any{tns[0]}, tr["telephoneNumbers"])

	// PUT of the GET'd object to a user with caller ID.
	n := a.do(http.MethodGet, a.acct(acctID)+"/telephonenumber/"+tns[1], nil).obj(t)
	n["referenceType"], n["referenceId"], n["assignAsCallerId"] = "END_USER", user, true
	r = a.do(http.MethodPut, a.acct(acctID)+"/telephonenumber/"+tns[1], n)
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	u := a.do(http.MethodGet, a.acct(acctID)+"/user/"+user, nil).obj(t)
	assert.Equal(t, map[string]any{"callerIdNumber": tns[1], "externalCallerIdVisible": true, "extensionCallerIdVisible": true}, u["callerIdConfig"])

	// destination to a user; an unknown target is 404.
	r = a.do(http.MethodPut, a.acct(acctID)+"/telephonenumber/"+tns[2]+"/destination", map[string]any{"referenceType": "END_USER", "referenceId": user})
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	assert.Equal(t, tns[2], r.obj(t)["telephoneNumber"])
	r = a.do(http.MethodPatch, a.acct(acctID)+"/telephonenumber/"+tns[2], map[string]any{"referenceType": "END_USER", "referenceId": "ghost"})
	assert.Equal(t, http.StatusNotFound, r.status)

	list := a.do(http.MethodGet, a.acct(acctID)+"/telephonenumber", nil).list(t)
	require.Len(t, list, 3)
	inv := a.do(http.MethodGet, a.p()+"/telephonenumber/"+tns[0], nil).obj(t)
	assert.Equal(t, acctID, inv["accountId"])
	assert.Equal(t, false, inv["isInInventory"])
	assert.Len(t, a.do(http.MethodGet, a.p()+"/telephonenumber", nil).list(t), 297)
}

func TestAddressValidateAndTypeahead(t *testing.T) {
	_, a, _ := setup(t)
	r := a.do(http.MethodGet, "/v2/address/validate?address=333%20S%20520%20W,%20Lindon,%20UT&country=USA&postalCode=84042", nil)
	require.Equal(t, http.StatusOK, r.status)
	v := r.obj(t)
	assert.Equal(t, "40.332486", v["latitude"])
	assert.Equal(t, "84042", v["customerServiceRecord"].(map[string]any)["postalCode"])

	r = a.do(http.MethodGet, "/v2/address/validate?address=15%20W%20South%20Temple&country=USA&postalCode=84101", nil)
	assert.Equal(t, []any{"unit", "secondaryLocationDescription"}, r.obj(t)["requiredFields"])

	r = a.do(http.MethodGet, "/v2/address/validate?address=1%20Nowhere%20Rd&country=USA&postalCode=00000", nil)
	assert.Equal(t, false, r.obj(t)["valid"])

	r = a.do(http.MethodGet, "/v2/address/typeahead?address=jefferson&country=USA", nil)
	require.Equal(t, http.StatusOK, r.status)
	assert.Equal(t, `["123 S Jefferson St, Houston, TX 77002"]`, string(r.body))
}
