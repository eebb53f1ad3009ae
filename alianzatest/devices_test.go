package alianzatest

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDeviceProvisioningData(t *testing.T) {
	srv, a, acctID := setup(t)
	user := a.do(http.MethodPost, a.acct(acctID)+"/user", exampleUser()).obj(t)["id"].(string)

	r := a.do(http.MethodPost, a.acct(acctID)+"/deviceline", exampleDevice(acctID, srv.PartitionID(), user))
	require.Equal(t, http.StatusCreated, r.status, "%s", r.body)
	dev := r.obj(t)
	devID := dev["id"].(string)

	second := exampleDevice(acctID, srv.PartitionID(), user)
	second["lineNumber"], second["sipUsername"], second["sipPassword"] = 2, "line-two-user", "line-two-pass"
	require.Equal(t, http.StatusCreated, a.do(http.MethodPost, a.acct(acctID)+"/deviceline", second).status)
	third := exampleDevice(acctID, srv.PartitionID(), user)
	third["lineNumber"] = 3
	assert.Equal(t, http.StatusBadRequest, a.do(http.MethodPost, a.acct(acctID)+"/deviceline", third).status, "SPA112 has 2 lines")

	r = a.do(http.MethodGet, a.p()+"/deviceprovisioning/account/"+acctID+"/device/"+devID, nil)
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	data := r.obj(t)
	assert.Equal(t, "123456abcabc", data["macAddress"])
	assert.Equal(t, "Cisco SPA112", data["deviceType"])
	lines := data["lines"].([]any)
	require.Len(t, lines, 2)
	l1 := lines[0].(map[string]any)
	assert.Equal(t, float64(1), l1["lineNumber"])
	assert.Equal(t, dev["sipUsername"], l1["sipUsername"])
	assert.Len(t, l1["sipPassword"], 16, "generated when none was given")
	assert.Equal(t, "John Smith", l1["displayName"])
	assert.Equal(t, "18015551212", l1["emergencyNumber"])
	assert.Equal(t, "123456abcabc", l1["macAddress"])
	l2 := lines[1].(map[string]any)
	assert.Equal(t, "line-two-user", l2["sipUsername"])
	assert.Equal(t, "line-two-pass", l2["sipPassword"])
}

func TestListDevicesFilters(t *testing.T) {
	srv, a, acctID := setup(t)
	user := a.do(http.MethodPost, a.acct(acctID)+"/user", exampleUser()).obj(t)["id"].(string)
	require.Equal(t, http.StatusCreated, a.do(http.MethodPost, a.acct(acctID)+"/deviceline", exampleDevice(acctID, srv.PartitionID(), user)).status)

	// Without a filter a management user sees only its own devices: none.
	assert.Empty(t, a.do(http.MethodGet, a.acct(acctID)+"/deviceline", nil).list(t))
	for _, q := range []string{
		"filterType=ACCOUNT&filter=" + acctID,
		"filterType=MAC_ADDRESS&filter=123456ABCABC",
		"filterType=OWNING_USERID&filter=" + user,
	} {
		assert.Len(t, a.do(http.MethodGet, a.acct(acctID)+"/deviceline?"+q, nil).list(t), 1, q)
	}
}

func TestDeviceCRUD(t *testing.T) {
	srv, a, acctID := setup(t)
	user := a.do(http.MethodPost, a.acct(acctID)+"/user", exampleUser()).obj(t)["id"].(string)
	dev := a.do(http.MethodPost, a.acct(acctID)+"/deviceline", exampleDevice(acctID, srv.PartitionID(), user)).obj(t)
	path := a.acct(acctID) + "/deviceline/" + dev["id"].(string)

	r := a.do(http.MethodPatch, path, map[string]any{"deviceName": "Front desk"})
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	assert.Equal(t, "Front desk", r.obj(t)["deviceName"])

	dev["deviceName"], dev["faxEnabled"] = "Fax line", true
	r = a.do(http.MethodPut, path, dev)
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	assert.Equal(t, true, r.obj(t)["faxEnabled"])

	require.NoError(t, srv.SetRegistered(dev["id"].(string), true))
	assert.Equal(t, `{"registered":true}`, string(a.do(http.MethodGet, path+"/registrationstatus", nil).body))

	u := a.do(http.MethodGet, a.acct(acctID)+"/user/"+user, nil).obj(t)
	assert.Len(t, u["devices"], 1)

	assert.Equal(t, http.StatusNoContent, a.do(http.MethodDelete, path, nil).status)
	assert.Equal(t, http.StatusNotFound, a.do(http.MethodGet, path, nil).status)

	types := a.do(http.MethodGet, "/v2/ref/devicetype", nil).list(t)
	assert.GreaterOrEqual(t, len(types), 6)
}

func TestSipTrunkLifecycle(t *testing.T) {
	srv, a, acctID := setup(t)
	tr := a.do(http.MethodPost, a.acct(acctID)+"/siptrunk_2", exampleTrunk(acctID, srv.PartitionID())).obj(t)
	id := tr["id"].(string)
	path := a.acct(acctID) + "/siptrunk_2/" + id
	assert.Len(t, tr["callingPlans"], 1)

	dup := a.do(http.MethodPost, a.acct(acctID)+"/siptrunk_2", exampleTrunk(acctID, srv.PartitionID()))
	assert.Equal(t, http.StatusBadRequest, dup.status, "trunkName and sipUsername are unique")

	fwd := a.do(http.MethodGet, path+"/forward", nil).obj(t)
	assert.Equal(t, id, fwd["sipTrunkId"])
	rules := map[string]any{
		"forwardAlways":             map[string]any{"referenceType": "TELEPHONE", "referenceId": "18015551212", "enabled": true},
		"forwardOnFailure":          []any{map[string]any{"referenceType": "VOICEMAIL", "referenceId": "vm1"}},
		"forwardOnCapacityExceeded": []any{},
	}
	require.Equal(t, http.StatusNoContent, a.do(http.MethodPut, path+"/forward", rules).status)
	fwd = a.do(http.MethodGet, path+"/forward", nil).obj(t)
	assert.Equal(t, true, fwd["forwardAlways"].(map[string]any)["enabled"])

	assert.JSONEq(t, `{"registered":false,"lockedOut":false}`, string(a.do(http.MethodGet, path+"/registrationstatus", nil).body))
	require.NoError(t, srv.LockOutSipTrunk(id))
	require.NoError(t, srv.SetRegistered(id, true))
	assert.JSONEq(t, `{"registered":true,"lockedOut":true}`, string(a.do(http.MethodGet, path+"/registrationstatus", nil).body))
	r := a.do(http.MethodPut, path+"/unlock", nil)
	require.Equal(t, http.StatusOK, r.status)
	assert.Equal(t, false, r.obj(t)["lockedOut"])

	r = a.do(http.MethodPatch, path, map[string]any{"concurrentCalls": 20})
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	assert.Equal(t, float64(20), r.obj(t)["concurrentCalls"])
	put := exampleTrunk(acctID, srv.PartitionID())
	put["trunkName"] = "RENAMED"
	r = a.do(http.MethodPut, path, put)
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	assert.Equal(t, "RENAMED", r.obj(t)["trunkName"])

	assert.Len(t, a.do(http.MethodGet, a.acct(acctID)+"/siptrunk_2", nil).list(t), 1)
	assert.Equal(t, http.StatusNoContent, a.do(http.MethodDelete, path, nil).status)
	r = a.do(http.MethodPut, path, put)
	assert.Equal(t, http.StatusNotFound, r.status)
	assert.Equal(t, "SipTrunk "+id+" not found", string(r.body), "updateSipTrunk's 404 is text/plain")
}

func TestBusinessLineLifecycle(t *testing.T) {
	srv, a, acctID := setup(t)
	line := a.do(http.MethodPost, a.acct(acctID)+"/business-line", exampleBusinessLine(acctID, srv.PartitionID())).obj(t)
	path := a.acct(acctID) + "/business-line/" + line["id"].(string)

	ch := a.do(http.MethodGet, path+"/call-handling", nil).obj(t)
	assert.Equal(t, "RING_LINE", ch["activeCallHandling"])
	fwd := exampleCallHandling()
	fwd["activeCallHandling"] = "FORWARD"
	fwd["ringTimeoutConfiguration"] = map[string]any{"@type": "LimitedRingTimeoutConfiguration", "timeoutSeconds": 30,
		"noAnswerAction": map[string]any{"@type": "ForwardRingFailoverAction", "forwardToPhoneNumber": "18015550000"}}
	require.Equal(t, http.StatusOK, a.do(http.MethodPut, path+"/call-handling", fwd).status)
	ch = a.do(http.MethodGet, path+"/call-handling", nil).obj(t)
	assert.Equal(t, "LimitedRingTimeoutConfiguration", ch["ringTimeoutConfiguration"].(map[string]any)["@type"])

	cred := a.do(http.MethodGet, path+"/sip-credentials", nil).obj(t)
	assert.NotEmpty(t, cred["sipUsername"])
	r := a.do(http.MethodPut, path+"/sip-credentials", map[string]any{"sipUsername": "line3-user", "sipPassword": "pw123456"})
	require.Equal(t, http.StatusOK, r.status)
	assert.Equal(t, `{"sipUsername":"line3-user"}`, string(r.body))

	port := map[string]any{"macAddress": "0011aabbccdd", "portNumber": 1, "deviceTypeId": "SPA122", "faxEnabled": false}
	assert.Equal(t, http.StatusNotFound, a.do(http.MethodGet, path+"/port-assignment", nil).status)
	require.Equal(t, http.StatusOK, a.do(http.MethodPost, path+"/port-assignment", port).status)
	assert.Equal(t, http.StatusBadRequest, a.do(http.MethodPost, path+"/port-assignment", port).status)
	port["portNumber"] = 2
	require.Equal(t, http.StatusOK, a.do(http.MethodPut, path+"/port-assignment", port).status)
	assert.Equal(t, float64(2), a.do(http.MethodGet, path+"/port-assignment", nil).obj(t)["portNumber"])
	assert.Equal(t, http.StatusNoContent, a.do(http.MethodDelete, path+"/port-assignment", nil).status)

	assert.JSONEq(t, `{"registered":false,"lockedOut":false}`, string(a.do(http.MethodGet, path+"/registration", nil).body))
	upd := exampleBusinessLine(acctID, srv.PartitionID())
	upd["name"] = "Lobby"
	require.Equal(t, http.StatusOK, a.do(http.MethodPut, path, upd).status)
	assert.Equal(t, "Lobby", a.do(http.MethodGet, path, nil).obj(t)["name"])
	assert.Len(t, a.do(http.MethodGet, a.acct(acctID)+"/business-line", nil).list(t), 1)
	assert.Equal(t, http.StatusNoContent, a.do(http.MethodDelete, path, nil).status)
}

func TestCallingPlans(t *testing.T) {
	_, a, acctID := setup(t)
	user := a.do(http.MethodPost, a.acct(acctID)+"/user", exampleUser()).obj(t)["id"].(string)
	products := a.do(http.MethodGet, a.p()+"/callingplanproduct", nil).list(t)
	require.Len(t, products, 3)

	r := a.do(http.MethodPost, a.p()+"/callingplanproduct", map[string]any{"name": "Gold", "planMinutes": 3000})
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	gold := r.obj(t)["id"].(string)
	r = a.do(http.MethodPatch, a.p()+"/callingplanproduct/"+gold, map[string]any{"planMinutes": 4000})
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	r = a.do(http.MethodPut, a.p()+"/callingplanproduct/"+gold, map[string]any{"name": "Gold+", "planMinutes": 5000})
	require.Equal(t, http.StatusOK, r.status)
	assert.Equal(t, "Gold+", a.do(http.MethodGet, a.p()+"/callingplanproduct/"+gold, nil).obj(t)["name"])

	r = a.do(http.MethodPut, a.acct(acctID)+"/callingplan", map[string]any{
		"referenceType": "END_USER", "referenceId": user, "callingPlanReferenceId": gold, "pending": false})
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	assert.Equal(t, float64(5000), r.obj(t)["planMinutes"])
	plans := a.do(http.MethodGet, a.acct(acctID)+"/callingplan?referenceType=END_USER&referenceId="+user, nil).list(t)
	require.Len(t, plans, 1, "addPlan replaces the current plan")
	assert.Equal(t, gold, plans[0]["callingPlanProductId"])

	r = a.do(http.MethodDelete, a.acct(acctID)+"/callingplan", map[string]any{"referenceType": "END_USER", "referenceId": user, "callingPlanReferenceId": gold})
	require.Equal(t, http.StatusOK, r.status, "%s", r.body)
	assert.Empty(t, a.do(http.MethodGet, a.acct(acctID)+"/callingplan", nil).list(t))

	r = a.do(http.MethodDelete, a.p()+"/callingplanproduct/"+gold+"/archive-callingplan", nil)
	require.Equal(t, http.StatusOK, r.status)
	assert.Len(t, a.do(http.MethodGet, a.p()+"/callingplanproduct", nil).list(t), 3)
	assert.Len(t, a.do(http.MethodGet, a.p()+"/callingplanproduct?includeArchived=true", nil).list(t), 4)

	plansAvail := a.do(http.MethodGet, a.acct(acctID)+"/user-product-plans", nil).list(t)
	assert.Len(t, plansAvail, 3)
}
