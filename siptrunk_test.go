package alianza

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// IDs with "/" and a space prove every argument is escaped as one segment.
const (
	trunkAcct = "acct/1 x"
	trunkID   = "trunk/7 y"
)

// fixtureWith reads a fixture and replaces the placeholders of Alianza's
// examples ({{ACCOUNT_ID}}, {{PARTITION_ID}}).
func fixtureWith(t *testing.T, name string, repl ...string) string {
	t.Helper()
	return strings.NewReplacer(repl...).Replace(string(fixture(t, name)))
}

// assertInvalid checks a validation failure: ErrValidation, the field named,
// and nothing sent (not even a login).
func assertInvalid(t *testing.T, mt *httpmock.MockTransport, err error, field string) {
	t.Helper()
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrValidation)
	var ve *ValidationError
	if errors.As(err, &ve) {
		assert.NotNil(t, ve.Field(field), "no error for %s in %v", field, err)
	} else {
		var fe *FieldError
		require.ErrorAs(t, err, &fe)
		assert.Equal(t, field, fe.Field)
	}
	assert.Equal(t, 0, mt.GetTotalCallCount(), "a request was sent")
}

// plainResponder answers like the SIP trunk operations' text/plain errors.
func plainResponder(status int, body string) httpmock.Responder {
	return func(*http.Request) (*http.Response, error) {
		r := httpmock.NewStringResponse(status, body)
		r.Header.Set("Content-Type", "text/plain")
		return r, nil
	}
}

// specProps returns the property names of a component schema of the
// official spec, following allOf and $ref.
func specProps(t *testing.T, name string) []string {
	t.Helper()
	specSchemas := embeddedSpec(t).Schemas()
	require.NotNil(t, specSchemas, "the embedded spec has no components.schemas")
	set := map[string]bool{}
	var walk func(s any)
	walk = func(s any) {
		m, _ := s.(map[string]any)
		if ref, ok := m["$ref"].(string); ok {
			walk(specSchemas[strings.TrimPrefix(ref, "#/components/schemas/")])
		}
		props, _ := m["properties"].(map[string]any)
		for k := range props {
			set[k] = true
		}
		if all, ok := m["allOf"].([]any); ok {
			for _, sub := range all {
				walk(sub)
			}
		}
	}
	s, ok := specSchemas[name]
	require.True(t, ok, "schema %s not in the spec", name)
	walk(s)
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// jsonNames returns the JSON names of a struct's fields, embedded included.
func jsonNames(v any) []string {
	var out []string
	var walk func(rt reflect.Type)
	walk = func(rt reflect.Type) {
		for rt.Kind() == reflect.Pointer {
			rt = rt.Elem()
		}
		for i := 0; i < rt.NumField(); i++ {
			f := rt.Field(i)
			tag := f.Tag.Get("json")
			if f.Anonymous && tag == "" {
				walk(f.Type)
				continue
			}
			name, _, _ := strings.Cut(tag, ",")
			if name != "" && name != "-" {
				out = append(out, name)
			}
		}
	}
	walk(reflect.TypeOf(v))
	sort.Strings(out)
	return out
}

func TestSipTrunkModelsCoverSpec(t *testing.T) {
	// Response models: every field of the spec schema, no more.
	for _, tc := range []struct {
		schema string
		model  any
	}{
		{"SipTrunk", SipTrunk{}},
		{"SetupCallingPlan", SetupCallingPlan{}},
		{"SbcEndpoint", SbcEndpoint{}},
		{"CallingPlan", CallingPlan{}},
		{"SipTrunkForwardRules", SipTrunkForwardRules{}},
		{"SipTrunkForwardReference", ForwardReference{}},
		{"SipTrunkForwardAlwaysReference", ForwardAlwaysReference{}},
		{"RegistrationStatus", RegistrationStatus{}},
	} {
		assert.Equal(t, specProps(t, tc.schema), jsonNames(tc.model), tc.schema)
	}
	// Request types: only spec fields, and no server-assigned ones.
	trunk := specProps(t, "SipTrunk")
	for _, req := range []any{CreateSipTrunkRequest{}, UpdateSipTrunkRequest{}, PatchSipTrunkRequest{}, trunkBody{}} {
		names := jsonNames(req)
		assert.Subset(t, trunk, names, "%T", req)
		for _, server := range []string{"id", "lockedOut", "sipProxyServer", "telephoneNumbers", "callingPlans", "provisioningStatus", "accessEndpoints"} {
			assert.NotContains(t, names, server, "%T", req)
		}
	}
	assert.Subset(t, specProps(t, "SipTrunkForwardRules"), jsonNames(forwardBody{}))
}

func TestSipTrunksCreate(t *testing.T) {
	c, mt := newMockClient(t)
	resp := fixtureWith(t, "siptrunk/create_response_003.json")
	captured := mockOp(t, mt, "SipTrunksService.Create", []string{trunkAcct}, 200, resp)

	// The account creation guide's SIP trunk request, field for field.
	got, err := c.SipTrunks.Create(context.Background(), trunkAcct, &CreateSipTrunkRequest{
		TrunkName:            "TRUNK-NAME",
		CallbackNumber:       Ptr("18015551212"),
		PrimaryTN:            Ptr("18015551212"),
		LocalServicesEnabled: Ptr(true),
		ConcurrentCalls:      10,
		SIPPassword:          "TRUNK_PASSWORD",
		SIPUsername:          "TRUNK_USERNAME",
	})
	require.NoError(t, err)
	want := fixtureWith(t, "siptrunk/create_request_003.json", "{{ACCOUNT_ID}}", trunkAcct, "{{PARTITION_ID}}", testPartition)
	assert.JSONEq(t, want, string(captured.Body()))

	assert.Equal(t, "LhmtrbuVQZ6qjIqW5ZF_mQ", got.ID)
	assert.Equal(t, "TRUNK_PASSWORD", got.SIPPassword.Reveal())
	assert.Equal(t, "siptrunk.p2.alianza.com:5065", got.SIPProxyServer)
	require.Len(t, got.CallingPlans, 1)
	assert.Equal(t, CallingPlanReferenceTypeSIPTrunk, got.CallingPlans[0].ReferenceType)
	assert.Equal(t, time.Date(2022, 11, 29, 19, 46, 29, 236e6, time.UTC), got.CallingPlans[0].StartDate)
	assert.Equal(t, int64(1200000), got.CallingPlans[0].SecondsRemaining)
	assert.Equal(t, "18015551212", got.PrimaryTN)
	assert.True(t, got.LocalServicesEnabled)
}

func TestSipTrunksCreateAllFields(t *testing.T) {
	c, mt := newMockClient(t)
	captured := mockOp(t, mt, "SipTrunksService.Create", []string{"A1"}, 200, `{"id":"T1"}`)
	_, err := c.SipTrunks.Create(context.Background(), "A1", &CreateSipTrunkRequest{
		TrunkName: "pbx", SIPUsername: "user.name-1_x", SIPPassword: testSIPSecret, ConcurrentCalls: 1,
		MaxBurstCalls:        Ptr(2),
		ExtensionPatterns:    []string{"21XX", "211x", "2105"},
		ExternalChargeNumber: Ptr("18015550000"),
		NewCppID:             Ptr("cpp"),
		SetupCallingPlan:     &SetupCallingPlan{ReferenceID: "T0", CallingPlanType: CallingPlanTypeSharedCallingPlan},
		IPBasedAuthEnabled:   Ptr(false),
		IPAddress:            Ptr("192.0.2.1"),
		PortNumber:           Ptr(5060),
		SipTrunkGroupID:      Ptr("G1"),
		PBXTNDigits:          Ptr(10),
		LanguageTag:          Ptr("en-US"),
	})
	require.NoError(t, err)
	assert.Equal(t, map[string]any{
		"accountId": "A1", "partitionId": testPartition,
		"trunkName": "pbx", "sipUsername": "user.name-1_x", "sipPassword": testSIPSecret, "concurrentCalls": 1.0,
		"maxBurstCalls": 2.0, "extensionPatterns": []any{"21XX", "211x", "2105"}, "externalChargeNumber": "18015550000",
		"newCppId": "cpp", "setupCallingPlan": map[string]any{"referenceId": "T0", "callingPlanType": "SHARED_CALLING_PLAN"},
		"ipBasedAuthEnabled": false, "ipAddress": "192.0.2.1", "portNumber": 5060.0, "sipTrunkGroupId": "G1",
		"pbxTnDigits": 10.0, "languageTag": "en-US",
	}, captured.BodyMap(t))
}

func TestSipTrunksList(t *testing.T) {
	c, mt := newMockClient(t)
	captured := mockOp(t, mt, "SipTrunksService.List", []string{trunkAcct}, 200, fixture(t, "siptrunk/list_response_002.json"))
	list, err := c.SipTrunks.List(context.Background(), trunkAcct)
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.Equal(t, "19702201000", list[0].PrimaryTN)
	assert.Equal(t, "TRUNK NAME", list[0].TrunkName)
	// The SIP trunking guide's "SIP TRUNK" (a PDF artefact) is passed
	// through untouched: CallingPlan.referenceType is a free string on SIP
	// trunks.
	assert.Equal(t, CallingPlanReferenceType("SIP TRUNK"), list[0].CallingPlans[0].ReferenceType)
	assert.Empty(t, captured.Query())
	assert.Empty(t, captured.Body())
}

func TestSipTrunksListEmpty(t *testing.T) {
	c, mt := newMockClient(t)
	mockOp(t, mt, "SipTrunksService.List", []string{"A1"}, 200, `[]`)
	list, err := c.SipTrunks.List(context.Background(), "A1")
	require.NoError(t, err)
	assert.Empty(t, list)
}

func TestSipTrunksGet(t *testing.T) {
	c, mt := newMockClient(t)
	mockOp(t, mt, "SipTrunksService.Get", []string{trunkAcct, trunkID}, 200, fixture(t, "siptrunk/get_response_002.json"))
	got, err := c.SipTrunks.Get(context.Background(), trunkAcct, trunkID)
	require.NoError(t, err)
	assert.Equal(t, "b7qW85coQ9qEUYArxEIBbg", got.ID)
	assert.Equal(t, "TRUNK_USERNAME", got.SIPUsername)
	assert.Equal(t, Secret("TRUNK_PASSWORD"), got.SIPPassword)
	assert.Equal(t, 10, got.ConcurrentCalls)
}

func TestSipTrunksUpdate(t *testing.T) {
	c, mt := newMockClient(t)
	var cur SipTrunk
	decodeStrict(t, fixture(t, "siptrunk/get_response_002.json"), &cur)
	captured := mockOp(t, mt, "SipTrunksService.Update", []string{trunkAcct, trunkID}, 200, fixture(t, "siptrunk/get_response_002.json"))

	u := cur.UpdateRequest()
	u.ConcurrentCalls = 20
	u.LocalServicesEnabled = Ptr(false)
	got, err := c.SipTrunks.Update(context.Background(), trunkAcct, trunkID, u)
	require.NoError(t, err)
	assert.Equal(t, "b7qW85coQ9qEUYArxEIBbg", got.ID)
	assert.Equal(t, map[string]any{
		"partitionId": testPartition, "accountId": trunkAcct,
		"trunkName": "TRUNK-NAME", "sipUsername": "TRUNK_USERNAME", "sipPassword": "TRUNK_PASSWORD",
		"callbackNumber": "18015551212", "primaryTn": "18015551212", "concurrentCalls": 20.0,
		"localServicesEnabled": false, "ipBasedAuthEnabled": false,
	}, captured.BodyMap(t), "server-assigned fields (id, sipProxyServer, lockedOut...) are not sent back")
}

func TestSipTrunksPatch(t *testing.T) {
	c, mt := newMockClient(t)
	captured := mockOp(t, mt, "SipTrunksService.Patch", []string{trunkAcct, trunkID}, 200, `{"id":"T1","trunkName":"new name"}`)
	got, err := c.SipTrunks.Patch(context.Background(), trunkAcct, trunkID, &PatchSipTrunkRequest{
		LocalServicesEnabled: Ptr(false),
		MaxBurstCalls:        Ptr(0),
		CallbackNumber:       Ptr(""),
		ExtensionPatterns:    []string{},
		TrunkName:            Ptr("new name"),
	})
	require.NoError(t, err)
	assert.Equal(t, "new name", got.TrunkName)
	// false, 0, "" and [] go out; every unset field stays absent.
	assert.Equal(t, map[string]any{
		"localServicesEnabled": false, "maxBurstCalls": 0.0, "callbackNumber": "",
		"extensionPatterns": []any{}, "trunkName": "new name",
	}, captured.BodyMap(t))
}

func TestSipTrunksPatchEmpty(t *testing.T) {
	c, mt := newMockClient(t)
	captured := mockOp(t, mt, "SipTrunksService.Patch", []string{"A1", "T1"}, 200, `{"id":"T1"}`)
	_, err := c.SipTrunks.Patch(context.Background(), "A1", "T1", &PatchSipTrunkRequest{})
	require.NoError(t, err)
	assert.JSONEq(t, `{}`, string(captured.Body()))
}

func TestSipTrunksDelete(t *testing.T) {
	c, mt := newMockClient(t)
	captured := mockOp(t, mt, "SipTrunksService.Delete", []string{trunkAcct, trunkID}, 204, nil)
	require.NoError(t, c.SipTrunks.Delete(context.Background(), trunkAcct, trunkID))
	assert.Equal(t, 1, captured.Calls())
	assert.Empty(t, captured.Body())
}

func TestSipTrunksUnlock(t *testing.T) {
	c, mt := newMockClient(t)
	captured := mockOp(t, mt, "SipTrunksService.Unlock", []string{trunkAcct, trunkID}, 200, `{"id":"T1","lockedOut":false,"trunkName":"pbx"}`)
	got, err := c.SipTrunks.Unlock(context.Background(), trunkAcct, trunkID)
	require.NoError(t, err)
	require.NotNil(t, got)
	assert.Equal(t, "pbx", got.TrunkName)
	assert.False(t, got.LockedOut)
	assert.Empty(t, captured.Body(), "unlock sends no body")
}

func TestSipTrunksUnlockNoBody(t *testing.T) {
	c, mt := newMockClient(t)
	mockOp(t, mt, "SipTrunksService.Unlock", []string{"A1", "T1"}, 204, nil)
	got, err := c.SipTrunks.Unlock(context.Background(), "A1", "T1")
	require.NoError(t, err)
	assert.Nil(t, got)
}

func TestSipTrunksGetRegistrationStatus(t *testing.T) {
	c, mt := newMockClient(t)
	mockOp(t, mt, "SipTrunksService.GetRegistrationStatus", []string{trunkAcct, trunkID}, 200, fixture(t, "siptrunk/registrationstatus_002.json"))
	st, err := c.SipTrunks.GetRegistrationStatus(context.Background(), trunkAcct, trunkID)
	require.NoError(t, err)
	assert.Equal(t, &RegistrationStatus{Registered: false}, st)

	c, mt = newMockClient(t)
	mockOp(t, mt, "SipTrunksService.GetRegistrationStatus", []string{"A1", "T1"}, 200, `{"registered":true,"lockedOut":true}`)
	st, err = c.SipTrunks.GetRegistrationStatus(context.Background(), "A1", "T1")
	require.NoError(t, err)
	assert.Equal(t, &RegistrationStatus{Registered: true, LockedOut: true}, st)
}

func TestSipTrunksGetForwarding(t *testing.T) {
	c, mt := newMockClient(t)
	body := `{"partitionId":"PART1","accountId":"A1","sipTrunkId":"T1",
		"forwardAlways":{"referenceType":"VOICEMAIL","enabled":false},
		"forwardOnFailure":[{"referenceType":"VOICE_MAIL"},{"referenceType":"AUTO_ATTENDANT","referenceId":"AA1"}],
		"forwardOnCapacityExceeded":[{"referenceType":"BUSY"}]}`
	mockOp(t, mt, "SipTrunksService.GetForwarding", []string{trunkAcct, trunkID}, 200, body)
	got, err := c.SipTrunks.GetForwarding(context.Background(), trunkAcct, trunkID)
	require.NoError(t, err)
	assert.Equal(t, &SipTrunkForwardRules{
		PartitionID: "PART1", AccountID: "A1", SipTrunkID: "T1",
		ForwardAlways: ForwardAlwaysReference{ReferenceType: ForwardReferenceTypeVoicemail},
		ForwardOnFailure: []ForwardReference{
			{ReferenceType: ForwardReferenceTypeVoicemail}, // the SIP trunking guide's VOICE_MAIL, mapped
			{ReferenceType: ForwardReferenceTypeAutoAttendant, ReferenceID: "AA1"},
		},
		ForwardOnCapacityExceeded: []ForwardReference{{ReferenceType: ForwardReferenceTypeBusy}},
	}, got)
}

// The SIP trunking guide's forwarding example is not valid JSON. The
// fixture adds the outer braces, and splits its last object, which carried
// the keys of two references at once with a missing comma ("…ZF mQ"
// "referenceType": "END USER"), into the two references it describes (see
// docs/quirks.md, forward-names).
func TestSipTrunksUpdateForwardingGuideExample(t *testing.T) {
	var rules SipTrunkForwardRules
	decodeStrict(t, fixture(t, "siptrunk/forward_request_002.json"), &rules)
	// The guide's "SIP TRUNK" and "END USER" read as the OpenAPI values.
	assert.Equal(t, ForwardReferenceTypeSIPTrunk, rules.ForwardOnFailure[0].ReferenceType)
	assert.Equal(t, ForwardReferenceTypeEndUser, rules.ForwardOnCapacityExceeded[2].ReferenceType)

	c, mt := newMockClient(t)
	captured := mockOp(t, mt, "SipTrunksService.UpdateForwarding", []string{trunkAcct, trunkID}, 204, nil)
	require.NoError(t, c.SipTrunks.UpdateForwarding(context.Background(), trunkAcct, trunkID, rules.UpdateRequest()))

	want := strings.NewReplacer(`"SIP TRUNK"`, `"SIP_TRUNK"`, `"END USER"`, `"END_USER"`).
		Replace(strings.TrimSuffix(strings.TrimSpace(string(fixture(t, "siptrunk/forward_request_002.json"))), "}"))
	want += fmt.Sprintf(`, "partitionId": %q, "accountId": %q, "sipTrunkId": %q}`, testPartition, trunkAcct, trunkID)
	assert.JSONEq(t, want, string(captured.Body()))
}

func TestSipTrunksUpdateForwarding(t *testing.T) {
	c, mt := newMockClient(t)
	captured := mockOp(t, mt, "SipTrunksService.UpdateForwarding", []string{"A1", "T1"}, 204, nil)
	err := c.SipTrunks.UpdateForwarding(context.Background(), "A1", "T1", &UpdateSipTrunkForwardRulesRequest{
		ForwardAlways:    &ForwardAlwaysReference{ReferenceType: ForwardReferenceTypeTelephone, ReferenceID: "18015551212"},
		ForwardOnFailure: []ForwardReference{{ReferenceType: ForwardReferenceTypeVoicemail}, {ReferenceType: ForwardReferenceTypeBusy}},
	})
	require.NoError(t, err)
	assert.Equal(t, map[string]any{
		"partitionId": testPartition, "accountId": "A1", "sipTrunkId": "T1",
		// enabled goes out even when false: a configured, disabled forward.
		"forwardAlways":    map[string]any{"referenceType": "TELEPHONE", "referenceId": "18015551212", "enabled": false},
		"forwardOnFailure": []any{map[string]any{"referenceType": "VOICEMAIL"}, map[string]any{"referenceType": "BUSY"}},
	}, captured.BodyMap(t))
}

func TestSipTrunkPathSegment(t *testing.T) {
	c, mt := newMockClient(t, WithSipTrunkPathSegment("siptrunk"))
	assert.Equal(t, "/v2/partition/{partitionId}/account/{accountId}/siptrunk/{sipTrunkId}/forward",
		c.SipTrunks.path("/v2/partition/{partitionId}/account/{accountId}/siptrunk_2/{sipTrunkId}/forward"))

	base := testBaseURL + "/v2/partition/" + testPartition + "/account/A%2F1/siptrunk"
	mt.RegisterResponder(http.MethodGet, base, httpmock.NewStringResponder(200, `[{"id":"T1"}]`))
	mt.RegisterResponder(http.MethodGet, base+"/T1", httpmock.NewStringResponder(200, `{"id":"T1"}`))
	mt.RegisterResponder(http.MethodDelete, base+"/T1", httpmock.NewStringResponder(204, ""))

	list, err := c.SipTrunks.List(context.Background(), "A/1")
	require.NoError(t, err)
	require.Len(t, list, 1)
	got, err := c.SipTrunks.Get(context.Background(), "A/1", "T1")
	require.NoError(t, err)
	assert.Equal(t, "T1", got.ID)
	require.NoError(t, c.SipTrunks.Delete(context.Background(), "A/1", "T1"))
	info := mt.GetCallCountInfo()
	assert.Equal(t, 1, info["GET "+base])
	assert.Equal(t, 1, info["GET "+base+"/T1"])
	assert.Equal(t, 1, info["DELETE "+base+"/T1"])

	// The default stays the spec's segment.
	d, _ := newMockClient(t)
	assert.Equal(t, "/x/siptrunk_2/y", d.SipTrunks.path("/x/siptrunk_2/y"))
}

func TestSipTrunkTextPlainErrors(t *testing.T) {
	c, mt := newMockClient(t)
	path := "/v2/partition/" + testPartition + "/account/A1/siptrunk_2"
	mt.RegisterResponder(http.MethodPost, testBaseURL+path, plainResponder(500, "ErrorGettingAccount"))
	mt.RegisterResponder(http.MethodPut, testBaseURL+path+"/T1", plainResponder(404, "EntityNotFound"))

	_, err := c.SipTrunks.Create(context.Background(), "A1", &CreateSipTrunkRequest{
		TrunkName: "pbx", SIPUsername: "pbxuser1", SIPPassword: testSIPSecret, ConcurrentCalls: 2,
	})
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.ErrorIs(t, err, ErrServer)
	assert.Equal(t, 500, apiErr.StatusCode)
	assert.Equal(t, []string{"ErrorGettingAccount"}, apiErr.Messages)
	assert.Equal(t, "alianza: POST "+path+": 500 Internal Server Error: ErrorGettingAccount", err.Error())
	assert.Equal(t, 1, mt.GetCallCountInfo()["POST "+testBaseURL+path], "a POST is never retried")

	_, err = c.SipTrunks.Update(context.Background(), "A1", "T1", &UpdateSipTrunkRequest{
		TrunkName: "pbx", SIPUsername: "pbxuser1", SIPPassword: testSIPSecret, ConcurrentCalls: 2,
	})
	require.ErrorAs(t, err, &apiErr)
	assert.ErrorIs(t, err, ErrNotFound)
	assert.Equal(t, []string{"EntityNotFound"}, apiErr.Messages)
	assert.Contains(t, err.Error(), "404 Not Found: EntityNotFound")
}

func TestSipTrunkErrorScrubsPassword(t *testing.T) {
	c, mt := newMockClient(t)
	mt.RegisterResponder(http.MethodPost, testBaseURL+"/v2/partition/"+testPartition+"/account/A1/siptrunk_2",
		httpmock.NewStringResponder(400, `{"status":400,"messages":["bad password `+testSIPSecret+`"]}`))
	_, err := c.SipTrunks.Create(context.Background(), "A1", &CreateSipTrunkRequest{
		TrunkName: "pbx", SIPUsername: "pbxuser1", SIPPassword: testSIPSecret, ConcurrentCalls: 2,
	})
	require.ErrorIs(t, err, ErrBadRequest)
	var apiErr *APIError
	require.ErrorAs(t, err, &apiErr)
	assert.NotContains(t, err.Error(), testSIPSecret)
	assert.NotContains(t, string(apiErr.Body), testSIPSecret)
}

func validTrunk() *CreateSipTrunkRequest {
	return &CreateSipTrunkRequest{TrunkName: "pbx", SIPUsername: "pbx.user-1", SIPPassword: "secret", ConcurrentCalls: 1}
}

func TestSipTrunkCreateValidation(t *testing.T) {
	for _, tc := range []struct {
		name    string
		account string
		mod     func(r *CreateSipTrunkRequest)
		field   string
	}{
		{"trunkName required", "A1", func(r *CreateSipTrunkRequest) { r.TrunkName = " " }, "trunkName"},
		{"sipUsername required", "A1", func(r *CreateSipTrunkRequest) { r.SIPUsername = "" }, "sipUsername"},
		{"sipUsername too short", "A1", func(r *CreateSipTrunkRequest) { r.SIPUsername = "abc1234" }, "sipUsername"},
		{"sipUsername too long", "A1", func(r *CreateSipTrunkRequest) { r.SIPUsername = strings.Repeat("a", 37) }, "sipUsername"},
		{"sipUsername characters", "A1", func(r *CreateSipTrunkRequest) { r.SIPUsername = "pbx user1" }, "sipUsername"},
		{"sipUsername backslash", "A1", func(r *CreateSipTrunkRequest) { r.SIPUsername = `pbx\user1` }, "sipUsername"},
		{"sipPassword required", "A1", func(r *CreateSipTrunkRequest) { r.SIPPassword = "" }, "sipPassword"},
		{"sipPassword too short", "A1", func(r *CreateSipTrunkRequest) { r.SIPPassword = "12345" }, "sipPassword"},
		{"concurrentCalls zero", "A1", func(r *CreateSipTrunkRequest) { r.ConcurrentCalls = 0 }, "concurrentCalls"},
		{"concurrentCalls negative", "A1", func(r *CreateSipTrunkRequest) { r.ConcurrentCalls = -1 }, "concurrentCalls"},
		{"callbackNumber", "A1", func(r *CreateSipTrunkRequest) { r.CallbackNumber = Ptr("8015551212") }, "callbackNumber"},
		{"primaryTn", "A1", func(r *CreateSipTrunkRequest) { r.PrimaryTN = Ptr("+18015551212") }, "primaryTn"},
		{"extension letters", "A1", func(r *CreateSipTrunkRequest) { r.ExtensionPatterns = []string{"21XX", "abc"} }, "extensionPatterns[1]"},
		{"extension X first", "A1", func(r *CreateSipTrunkRequest) { r.ExtensionPatterns = []string{"X21"} }, "extensionPatterns[0]"},
		{"extension X inside", "A1", func(r *CreateSipTrunkRequest) { r.ExtensionPatterns = []string{"2X1X"} }, "extensionPatterns[0]"},
		{"extension empty", "A1", func(r *CreateSipTrunkRequest) { r.ExtensionPatterns = []string{""} }, "extensionPatterns[0]"},
		{"setupCallingPlan unshared", "A1", func(r *CreateSipTrunkRequest) {
			r.SetupCallingPlan = &SetupCallingPlan{CallingPlanType: CallingPlanTypeUnsharedCallingPlan}
		}, "setupCallingPlan.callingPlanType"},
		{"accountId empty", "", func(*CreateSipTrunkRequest) {}, "accountId"},
		{"accountId dot", "..", func(*CreateSipTrunkRequest) {}, "accountId"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, mt := newMockClient(t)
			r := validTrunk()
			tc.mod(r)
			_, err := c.SipTrunks.Create(context.Background(), tc.account, r)
			assertInvalid(t, mt, err, tc.field)
		})
	}
}

func TestSipTrunkCreateValidationAllAtOnce(t *testing.T) {
	c, mt := newMockClient(t)
	_, err := c.SipTrunks.Create(context.Background(), "A1", &CreateSipTrunkRequest{})
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	for _, f := range []string{"trunkName", "sipUsername", "sipPassword", "concurrentCalls"} {
		assert.NotNil(t, ve.Field(f), f)
	}
	assert.Equal(t, 0, mt.GetTotalCallCount())

	_, err = c.SipTrunks.Create(context.Background(), "A1", nil)
	assertInvalid(t, mt, err, "body")
}

func TestSipTrunkValidPatternsAccepted(t *testing.T) {
	for _, p := range []string{"2100", "21XX", "211X", "211x", "2xx", "7"} {
		assert.True(t, IsExtensionPattern(p), p)
	}
	var v validator
	v.sipUsername("u", "Ab0._-Ab0._-") // every character the spec means to allow
	v.sipUsername("u", strings.Repeat("a", 36))
	v.sipPassword("p", "123456")
	assert.NoError(t, v.err())
}

func TestSipTrunkUpdateValidation(t *testing.T) {
	for _, tc := range []struct {
		name, account, trunk string
		req                  *UpdateSipTrunkRequest
		field                string
	}{
		{"trunkName", "A1", "T1", &UpdateSipTrunkRequest{SIPUsername: "pbxuser1", SIPPassword: "secret", ConcurrentCalls: 1}, "trunkName"},
		{"concurrentCalls", "A1", "T1", &UpdateSipTrunkRequest{TrunkName: "x", SIPUsername: "pbxuser1", SIPPassword: "secret"}, "concurrentCalls"},
		{"sipTrunkId", "A1", "", (*UpdateSipTrunkRequest)(validTrunk()), "sipTrunkId"},
		{"nil body", "A1", "T1", nil, "body"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, mt := newMockClient(t)
			_, err := c.SipTrunks.Update(context.Background(), tc.account, tc.trunk, tc.req)
			assertInvalid(t, mt, err, tc.field)
		})
	}
}

func TestSipTrunkPatchValidation(t *testing.T) {
	for _, tc := range []struct {
		name  string
		req   *PatchSipTrunkRequest
		field string
	}{
		{"trunkName empty", &PatchSipTrunkRequest{TrunkName: Ptr("")}, "trunkName"},
		{"sipUsername empty", &PatchSipTrunkRequest{SIPUsername: Ptr("")}, "sipUsername"},
		{"sipUsername short", &PatchSipTrunkRequest{SIPUsername: Ptr("short")}, "sipUsername"},
		{"sipPassword empty", &PatchSipTrunkRequest{SIPPassword: Ptr(Secret(""))}, "sipPassword"},
		{"sipPassword short", &PatchSipTrunkRequest{SIPPassword: Ptr(Secret("abc"))}, "sipPassword"},
		{"concurrentCalls zero", &PatchSipTrunkRequest{ConcurrentCalls: Ptr(0)}, "concurrentCalls"},
		{"primaryTn", &PatchSipTrunkRequest{PrimaryTN: Ptr("28015551212")}, "primaryTn"},
		{"extensionPatterns", &PatchSipTrunkRequest{ExtensionPatterns: []string{"21-XX"}}, "extensionPatterns[0]"},
		{"nil body", nil, "body"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, mt := newMockClient(t)
			_, err := c.SipTrunks.Patch(context.Background(), "A1", "T1", tc.req)
			assertInvalid(t, mt, err, tc.field)
		})
	}
}

func TestSipTrunkForwardValidation(t *testing.T) {
	ref := func(t ForwardReferenceType, id string) []ForwardReference {
		return []ForwardReference{{ReferenceType: ForwardReferenceTypeBusy}, {ReferenceType: t, ReferenceID: id}}
	}
	for _, tc := range []struct {
		name  string
		req   *UpdateSipTrunkForwardRulesRequest
		field string
		rule  string
	}{
		{"always type required", &UpdateSipTrunkForwardRulesRequest{ForwardAlways: &ForwardAlwaysReference{Enabled: true}}, "forwardAlways.referenceType", "is required"},
		{"VOICE_MAIL is not sent", &UpdateSipTrunkForwardRulesRequest{ForwardOnFailure: ref("VOICE_MAIL", "")}, "forwardOnFailure[1].referenceType", `the spec spells it "VOICEMAIL"`},
		{"unknown type", &UpdateSipTrunkForwardRulesRequest{ForwardOnCapacityExceeded: ref("PAGER", "x")}, "forwardOnCapacityExceeded[1].referenceType", `unknown value "PAGER"`},
		{"telephone needs a TN", &UpdateSipTrunkForwardRulesRequest{ForwardOnFailure: ref(ForwardReferenceTypeTelephone, "8015551212")}, "forwardOnFailure[1].referenceId", "11 digits"},
		{"telephone id required", &UpdateSipTrunkForwardRulesRequest{ForwardAlways: &ForwardAlwaysReference{ReferenceType: ForwardReferenceTypeTelephone}}, "forwardAlways.referenceId", "is required"},
		{"sip trunk id required", &UpdateSipTrunkForwardRulesRequest{ForwardOnFailure: ref(ForwardReferenceTypeSIPTrunk, "")}, "forwardOnFailure[1].referenceId", "is required for SIP_TRUNK"},
		{"end user id required", &UpdateSipTrunkForwardRulesRequest{ForwardOnCapacityExceeded: ref(ForwardReferenceTypeEndUser, "")}, "forwardOnCapacityExceeded[1].referenceId", "is required"},
		{"ivr id required", &UpdateSipTrunkForwardRulesRequest{ForwardOnFailure: ref(ForwardReferenceTypeIVR, "")}, "forwardOnFailure[1].referenceId", "is required"},
		{"auto attendant id required", &UpdateSipTrunkForwardRulesRequest{ForwardOnFailure: ref(ForwardReferenceTypeAutoAttendant, "")}, "forwardOnFailure[1].referenceId", "is required"},
		{"nil body", nil, "body", "is required"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, mt := newMockClient(t)
			err := c.SipTrunks.UpdateForwarding(context.Background(), "A1", "T1", tc.req)
			assertInvalid(t, mt, err, tc.field)
			var ve *ValidationError
			if errors.As(err, &ve) {
				assert.Contains(t, ve.Field(tc.field).Rule, tc.rule)
			}
		})
	}
}

func TestSipTrunkPrimaryTNCasing(t *testing.T) {
	// The field tables of the SIP trunking and account creation guides say
	// primaryTN; the OpenAPI description and the guides' JSON say primaryTn
	// (see docs/quirks.md, primaryTn).
	var tr SipTrunk
	decodeStrict(t, []byte(`{"primaryTN":"18015551212"}`), &tr)
	assert.Equal(t, "18015551212", tr.PrimaryTN)
	out, err := json.Marshal(tr)
	require.NoError(t, err)
	assert.JSONEq(t, `{"primaryTn":"18015551212"}`, string(out))
}

func TestForwardReferenceTypeDecoding(t *testing.T) {
	for in, want := range map[string]ForwardReferenceType{
		`"VOICEMAIL"`:  ForwardReferenceTypeVoicemail,
		`"VOICE_MAIL"`: ForwardReferenceTypeVoicemail, // the SIP trunking guide's spelling
		`"SIP TRUNK"`:  ForwardReferenceTypeSIPTrunk,  // the SIP trunking guide's example, PDF artefact
		`"END USER"`:   ForwardReferenceTypeEndUser,
		`"PAGER"`:      "PAGER", // unknown values pass through
		`""`:           "",
	} {
		var got ForwardReferenceType
		require.NoError(t, json.Unmarshal([]byte(in), &got), in)
		assert.Equal(t, want, got, in)
	}
	var got ForwardReferenceType
	assert.Error(t, json.Unmarshal([]byte(`7`), &got))

	out, err := json.Marshal(ForwardReference{ReferenceType: ForwardReferenceTypeVoicemail})
	require.NoError(t, err)
	assert.JSONEq(t, `{"referenceType":"VOICEMAIL"}`, string(out), "the spec's value is what is sent")
}

func TestSipTrunkFixtures(t *testing.T) {
	// The SIP trunking guide's create and list responses lost their outer
	// braces (and the list its brackets) in the PDF; the fixtures restore
	// them. Its GET example elides callingPlans as [...], written [] here.
	for _, name := range []string{
		"siptrunk/create_response_002.json", "siptrunk/create_response_003.json",
		"siptrunk/get_response_002.json", "siptrunk/create_request_002.json", "siptrunk/create_request_003.json",
	} {
		t.Run(name, func(t *testing.T) {
			raw := fixture(t, name)
			var tr SipTrunk
			decodeStrict(t, raw, &tr)
			assert.Equal(t, "18015551212", tr.PrimaryTN)
			assert.Equal(t, 10, tr.ConcurrentCalls)
			assert.NotEmpty(t, tr.SIPPassword.Reveal())

			// Re-encoded, every field comes back under the spec's name with
			// its value; only false and empty values are left out.
			out, err := json.Marshal(tr)
			require.NoError(t, err)
			var orig, again map[string]any
			require.NoError(t, json.Unmarshal(raw, &orig))
			require.NoError(t, json.Unmarshal(out, &again))
			for k, v := range orig {
				if v == false || reflect.DeepEqual(v, []any{}) {
					assert.NotContains(t, again, k)
					continue
				}
				assert.Equal(t, v, again[k], k)
			}
			assert.Subset(t, specProps(t, "SipTrunk"), keys(again))
		})
	}
	var list []SipTrunk
	decodeStrict(t, fixture(t, "siptrunk/list_response_002.json"), &list)
	require.Len(t, list, 1)
	var st RegistrationStatus
	decodeStrict(t, fixture(t, "siptrunk/registrationstatus_002.json"), &st)
	assert.False(t, st.Registered)
}

func keys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestSipTrunkSecretsRedacted(t *testing.T) {
	tr := SipTrunk{ID: "T1", SIPUsername: "pbxuser1", SIPPassword: testSIPSecret}
	create := CreateSipTrunkRequest{TrunkName: "x", SIPPassword: testSIPSecret}
	patch := PatchSipTrunkRequest{SIPPassword: Ptr(Secret(testSIPSecret))}
	for _, v := range []any{tr, &tr, []SipTrunk{tr}, create, &create, UpdateSipTrunkRequest(create), patch, &patch} {
		s := fmt.Sprintf("%v %+v %#v %s", v, v, v, v)
		assert.NotContains(t, s, testSIPSecret, "%T", v)
	}

	var buf bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&buf, nil))
	log.Info("trunk", "trunk", tr, "create", create, "update", UpdateSipTrunkRequest(create), "patch", patch)
	assert.NotContains(t, buf.String(), testSIPSecret)
	assert.Contains(t, buf.String(), "pbxuser1")

	// The wire still carries it.
	out, err := json.Marshal(tr)
	require.NoError(t, err)
	assert.Contains(t, string(out), testSIPSecret)
}
