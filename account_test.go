package alianza

import (
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// awkwardID holds a "/" and a space: it must travel as one escaped segment.
const awkwardID = "acc/1 x"

// acctRequireField asserts err is a validation error naming field.
func acctRequireField(t *testing.T, err error, field string) {
	t.Helper()
	require.Error(t, err)
	require.ErrorIs(t, err, ErrValidation)
	var ve *ValidationError
	if errors.As(err, &ve) {
		assert.NotNil(t, ve.Field(field), "no error for %q in %v", field, err)
		return
	}
	var fe *FieldError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, field, fe.Field, "%v", err)
}

func TestAccountFixtureBench(t *testing.T) {
	raw := fixture(t, "bench/account.json")
	var a Account
	decodeStrict(t, raw, &a)
	assert.Equal(t, "WL84q5lBTumKvm_Ait_hZA", a.ID)
	assert.Equal(t, AccountTypeAdvanced, a.AccountType)
	assert.Equal(t, CallScreenActionAllow, a.CallScreeningSettings.AnonymousCallScreen)
	assert.Equal(t, 143, a.HoldTimeoutSeconds)
	assertRoundTrip(t, raw, a)
}

func TestAccountFixtureFull(t *testing.T) {
	// Every field of the spec's Account schema (no document has them all).
	raw := fixture(t, "account/account-full.json")
	var a Account
	decodeStrict(t, raw, &a)
	assert.Equal(t, TimeZoneCanadaNewfoundland, a.TimeZone)
	assert.Equal(t, time.Date(2023, 6, 1, 12, 0, 0, 0, time.UTC), a.PlatformChangeDate.UTC())
	assert.Equal(t, int64(12), a.EndUserCount)
	require.Len(t, a.CallingPlans, 1)
	assert.Equal(t, int64(179940), a.CallingPlans[0].SecondsRemaining)
	assert.Equal(t, CallingPlanReferenceTypeAccount, a.CallingPlans[0].ReferenceType)
	require.Len(t, a.CallScreeningSettings.CustomCallScreenList, 1)
	assert.Equal(t, CallScreenActionVipRing, a.CallScreeningSettings.CustomCallScreenList[0].BlockType)
	assertRoundTrip(t, raw, a)

	// Every field the spec lists must be decodable: reflect over the
	// struct's JSON names and check each appears in the fixture.
	var m map[string]any
	require.NoError(t, json.Unmarshal(raw, &m))
	typ := reflect.TypeOf(a)
	for i := 0; i < typ.NumField(); i++ {
		name, _, _ := strings.Cut(typ.Field(i).Tag.Get("json"), ",")
		assert.Contains(t, m, name, "fixture lacks %s", name)
	}
}

func TestAccountFixtureGuideResponse(t *testing.T) {
	// The example response in Alianza's guide to creating accounts via the
	// API is split over two blocks: the first ends with a trailing comma
	// before a stray "}", the second holds the rest.
	// The fixture joins them (the only change), which makes it valid JSON.
	raw := fixture(t, "account/create-response.json")
	var a Account
	decodeStrict(t, raw, &a)
	assert.Equal(t, "SP-123", a.AccountNumber)
	assert.Equal(t, 1, a.BillingCycleDay)
	assert.Equal(t, AccountStatusActive, a.Status)
	assert.Equal(t, 143, a.HoldTimeoutSeconds)
	assert.True(t, a.SendWelcomeEmail)
	assertRoundTrip(t, raw, a)
}

func TestAccountFixtureGuideRequest(t *testing.T) {
	// The account creation guide's request example sends
	// "billingCycleDay": "1", a string; the OpenAPI description says int32
	// (see docs/quirks.md, billingCycleDay-type). The request type reads
	// both and always writes a number.
	raw := fixture(t, "account/create-request.json")
	var r CreateAccountRequest
	require.NoError(t, json.Unmarshal(raw, &r))
	assert.Equal(t, 1, r.BillingCycleDay)
	assert.Equal(t, "SP-123", r.AccountNumber)
	assert.Equal(t, Ptr(4), r.ExtensionLength)
	assert.Equal(t, Ptr(PlatformTypeCPE2), r.PlatformType)
	assert.Equal(t, DialingBehaviorTypeOpenDialPlanTenDigit, r.DialingBehaviorType)
	assertRoundTrip(t, raw, r)

	out, err := json.Marshal(r)
	require.NoError(t, err)
	assert.Contains(t, string(out), `"billingCycleDay":1`)

	// The spec form (a number) reads too, and garbage does not.
	require.NoError(t, json.Unmarshal([]byte(`{"billingCycleDay": 17}`), &r))
	assert.Equal(t, 17, r.BillingCycleDay)
	assert.Error(t, json.Unmarshal([]byte(`{"billingCycleDay": "first"}`), &r))
}

func TestAccountFixturePatchExample(t *testing.T) {
	// The spec's accountPatch example.
	raw := fixture(t, "account/patch-request.json")
	var p PatchAccountRequest
	decodeStrict(t, raw, &p)
	require.NotNil(t, p.CallScreeningSettings)
	assert.Equal(t, CallScreenActionBlock, p.CallScreeningSettings.AnonymousCallScreen)
	out, err := json.Marshal(p)
	require.NoError(t, err)
	assert.JSONEq(t, string(raw), string(out))
}

func TestAccountsGet(t *testing.T) {
	c, mt := newMockClient(t)
	captured := mockOp(t, mt, "AccountsService.Get", []string{awkwardID}, 200, fixture(t, "bench/account.json"))
	a, err := c.Accounts.Get(context.Background(), awkwardID)
	require.NoError(t, err)
	assert.Equal(t, "SP-123", a.AccountNumber)
	assert.Empty(t, captured.Query(), "a plain Get sends no accountIdType")
	assert.Equal(t, 1, captured.Calls())
}

func TestAccountsGetBy(t *testing.T) {
	for _, tc := range []struct {
		idType  AccountIDType
		value   string
		segment string // what must reach the path
	}{
		{AccountIDTypeID, "WL84q5lBTumKvm_Ait_hZA", "WL84q5lBTumKvm_Ait_hZA"},
		{AccountIDTypeAccountNumber, "SP 123/A", "SP 123/A"},
		{AccountIDTypePhoneNumber, "18015551212", "18015551212"},
		{AccountIDTypeMACAddress, "aa:bb:cc:dd:ee:0f", "AABBCCDDEE0F"},
		{AccountIDTypeMACAddress, "AA-BB-CC-DD-EE-0F", "AABBCCDDEE0F"},
	} {
		t.Run(string(tc.idType)+"/"+tc.value, func(t *testing.T) {
			c, mt := newMockClient(t)
			captured := mockOp(t, mt, "AccountsService.Get", []string{tc.segment}, 200, fixture(t, "bench/account.json"))
			a, err := c.Accounts.GetBy(context.Background(), tc.idType, tc.value)
			require.NoError(t, err)
			assert.Equal(t, "WL84q5lBTumKvm_Ait_hZA", a.ID)
			assert.Equal(t, url.Values{"accountIdType": {string(tc.idType)}}, captured.Query())
		})
	}
}

func TestAccountsGetByNumber(t *testing.T) {
	c, mt := newMockClient(t)
	captured := mockOp(t, mt, "AccountsService.Get", []string{"cust/42 b"}, 200, fixture(t, "bench/account.json"))
	a, err := c.Accounts.GetByNumber(context.Background(), "cust/42 b")
	require.NoError(t, err)
	assert.Equal(t, "SP-123", a.AccountNumber)
	assert.Equal(t, "AccountNumber", captured.Query().Get("accountIdType"))
}

func TestAccountsList(t *testing.T) {
	c, mt := newMockClient(t)
	body := "[" + string(fixture(t, "bench/account.json")) + "," + string(fixture(t, "account/account-full.json")) + "]"
	captured := mockOp(t, mt, "AccountsService.List", nil, 200, body)
	list, err := c.Accounts.List(context.Background())
	require.NoError(t, err)
	require.Len(t, list, 2)
	assert.Equal(t, AccountStatusDisabled, list[1].Status)
	assert.Empty(t, captured.Query())
}

func TestAccountsListEmpty(t *testing.T) {
	c, mt := newMockClient(t)
	mockOp(t, mt, "AccountsService.List", nil, 200, "[]")
	list, err := c.Accounts.List(context.Background())
	require.NoError(t, err)
	assert.Empty(t, list)
}

func TestAccountsSearch(t *testing.T) {
	c, mt := newMockClient(t)
	raw := fixture(t, "account/search.json")
	captured := mockOp(t, mt, "AccountsService.Search", nil, 200, raw)
	res, err := c.Accounts.Search(context.Background(), "SP-123 & co")
	require.NoError(t, err)
	assert.Equal(t, url.Values{"q": {"SP-123 & co"}}, captured.Query())
	require.Len(t, res, 1)
	assert.Equal(t, AccountTypeAdvanced, res[0].Type)
	assert.Equal(t, AccountStatusActive, res[0].AccountStatus)
	assert.Equal(t, int64(1685620800000), res[0].PlatformChangeDate, "int64 per the OpenAPI description (docs/quirks.md, dates)")
	assert.Equal(t, map[string]string{"accountNumber": "SP-123"}, res[0].Matches)

	var strict []AccountView
	decodeStrict(t, raw, &strict)
	assertRoundTrip(t, raw, strict)
}

func TestAccountsCreateGuideExample(t *testing.T) {
	c, mt := newMockClient(t)
	var req CreateAccountRequest
	require.NoError(t, json.Unmarshal(fixture(t, "account/create-request.json"), &req))
	captured := mockOp(t, mt, "AccountsService.Create", nil, 200, fixture(t, "account/create-response.json"))
	a, err := c.Accounts.Create(context.Background(), &req)
	require.NoError(t, err)
	assert.Equal(t, map[string]any{
		"billingCycleDay":     float64(1),
		"accountNumber":       "SP-123",
		"accountName":         "Customer Name",
		"timeZone":            "US/Mountain",
		"extensionLength":     float64(4),
		"accountType":         "ADVANCED",
		"dialingBehaviorType": "OPEN_DIAL_PLAN_TEN_DIGIT",
		"platformType":        "CPE2",
	}, captured.BodyMap(t))
	assert.Equal(t, "WL84q5lBTumKvm_Ait_hZA", a.ID)
	// The platform's answer wins over the request: the guide's example
	// response says OPEN_DIAL_PLAN for a request that sent
	// OPEN_DIAL_PLAN_TEN_DIGIT (see docs/quirks.md, account-echo).
	assert.Equal(t, DialingBehaviorTypeOpenDialPlan, a.DialingBehaviorType)
}

func TestAccountsCreateSimple(t *testing.T) {
	c, mt := newMockClient(t)
	captured := mockOp(t, mt, "AccountsService.Create", nil, 200, `{"id":"A2","accountType":"SIMPLE"}`)
	a, err := c.Accounts.Create(context.Background(), &CreateAccountRequest{
		AccountNumber: "HOME-1", AccountName: "Jane Doe", AccountType: AccountTypeSimple,
		BillingCycleDay: 28, TimeZone: TimeZoneUSEastern, DialingBehaviorType: DialingBehaviorTypeTenDigit,
		RegulatoryType: Ptr(RegulatoryTypeResidential), SendWelcomeEmail: Ptr(false),
	})
	require.NoError(t, err)
	assert.Equal(t, "A2", a.ID)
	body := captured.BodyMap(t)
	assert.NotContains(t, body, "extensionLength", "SIMPLE accounts have no extensions")
	assert.NotContains(t, body, "id")
	assert.NotContains(t, body, "status")
	assert.NotContains(t, body, "partitionId")
	assert.Equal(t, false, body["sendWelcomeEmail"])
	assert.Equal(t, "RESIDENTIAL", body["regulatoryType"])
}

func TestAccountsUpdateFromGet(t *testing.T) {
	c, mt := newMockClient(t)
	var current Account
	decodeStrict(t, fixture(t, "account/account-full.json"), &current)
	req := current.UpdateRequest()
	req.AccountName = "Renamed Ltd"
	req.HoldTimeoutSeconds = Ptr(30)

	captured := mockOp(t, mt, "AccountsService.Update", []string{awkwardID}, 200, fixture(t, "bench/account.json"))
	a, err := c.Accounts.Update(context.Background(), awkwardID, req)
	require.NoError(t, err)
	assert.Equal(t, "SP-123", a.AccountNumber)

	body := captured.BodyMap(t)
	assert.Equal(t, awkwardID, body["id"], "id comes from the path argument")
	assert.Equal(t, testPartition, body["partitionId"], "partitionId comes from the client")
	assert.Equal(t, "Renamed Ltd", body["accountName"])
	assert.Equal(t, float64(30), body["holdTimeoutSeconds"])
	assert.Equal(t, "DISABLED", body["status"], "a full replace keeps the status read")
	assert.Equal(t, true, body["allowDangerousExtensions"])
	assert.Equal(t, "irp-1", body["inboundRatePlanProductId"])
	assert.Equal(t, float64(6), body["extensionLength"])
	assert.Contains(t, body, "callScreeningSettings")
	assert.Len(t, body["callingPlans"], 1)
	for _, k := range []string{"endUserCount", "deletionDate", "platformChangeDate"} {
		assert.NotContains(t, body, k, "server-assigned %s is not sent", k)
	}
	// The request is a copy: changing it does not touch the account read.
	req.CallScreeningSettings.CustomCallScreenList[0].RingType = RingTypeRing2
	assert.Equal(t, RingTypeRing7, current.CallScreeningSettings.CustomCallScreenList[0].RingType)
}

func TestAccountUpdateRequestMinimal(t *testing.T) {
	// Absent optional fields stay absent, except the booleans, which a full
	// replace must state.
	a := Account{AccountNumber: "SP-1", AccountName: "Name", BillingCycleDay: 1, Status: AccountStatusActive,
		AccountType: AccountTypeSimple, TimeZone: TimeZoneUSPacific, DialingBehaviorType: DialingBehaviorTypeTenDigit}
	r := a.UpdateRequest()
	assert.Nil(t, r.ExtensionLength)
	assert.Nil(t, r.CallScreeningSettings)
	assert.Nil(t, r.CallingPlans)
	assert.Equal(t, Ptr(false), r.AllowDangerousExtensions)
	assert.Equal(t, Ptr(false), r.SendWelcomeEmail)

	// A SIMPLE account reported with an extension length round-trips
	// through Update without tripping the ADVANCED-only rule.
	a.ExtensionLength = 4
	c, mt := newMockClient(t)
	captured := mockOp(t, mt, "AccountsService.Update", []string{"A1"}, 200, `{"id":"A1"}`)
	_, err := c.Accounts.Update(context.Background(), "A1", a.UpdateRequest())
	require.NoError(t, err)
	assert.NotContains(t, captured.BodyMap(t), "extensionLength")
}

func TestAccountsPatchSendsZeroValues(t *testing.T) {
	c, mt := newMockClient(t)
	captured := mockOp(t, mt, "AccountsService.Patch", []string{awkwardID}, 200, fixture(t, "bench/account.json"))
	_, err := c.Accounts.Patch(context.Background(), awkwardID, &PatchAccountRequest{
		AllowDangerousExtensions: Ptr(false),
		SendWelcomeEmail:         Ptr(false),
		Domain:                   Ptr(""),
		HoldMusicMediaID:         Ptr(""),
		BillingCycleDay:          Ptr(28),
	})
	require.NoError(t, err)
	assert.Equal(t, map[string]any{
		"allowDangerousExtensions": false,
		"sendWelcomeEmail":         false,
		"domain":                   "",
		"holdMusicMediaId":         "",
		"billingCycleDay":          float64(28),
	}, captured.BodyMap(t), "set fields are sent even when zero; unset ones are absent")
}

func TestAccountsPatchCallScreeningFragment(t *testing.T) {
	c, mt := newMockClient(t)
	captured := mockOp(t, mt, "AccountsService.Patch", []string{"A1"}, 200, fixture(t, "bench/account.json"))
	_, err := c.Accounts.Patch(context.Background(), "A1", &PatchAccountRequest{
		CallScreeningSettings: &CallScreeningSettings{AnonymousCallScreen: CallScreenActionBlock},
	})
	require.NoError(t, err)
	assert.JSONEq(t, string(fixture(t, "account/patch-request.json")), string(captured.Body()))
}

func TestAccountsSetStatus(t *testing.T) {
	for _, st := range []AccountStatus{AccountStatusActive, AccountStatusDisabled} {
		t.Run(string(st), func(t *testing.T) {
			c, mt := newMockClient(t)
			captured := mockOp(t, mt, "AccountsService.Patch", []string{awkwardID}, 200, `{"id":"A1","status":"`+string(st)+`"}`)
			a, err := c.Accounts.SetStatus(context.Background(), awkwardID, st)
			require.NoError(t, err)
			assert.Equal(t, st, a.Status)
			assert.JSONEq(t, `{"status":"`+string(st)+`"}`, string(captured.Body()))
		})
	}
}

func TestAccountsDelete(t *testing.T) {
	for _, status := range []int{200, 204} {
		c, mt := newMockClient(t)
		captured := mockOp(t, mt, "AccountsService.Delete", []string{awkwardID}, status, nil)
		require.NoError(t, c.Accounts.Delete(context.Background(), awkwardID))
		assert.Empty(t, captured.Body())
	}
}

func TestAccountsDeleteRefusedWithNumbers(t *testing.T) {
	c, mt := newMockClient(t)
	mockOp(t, mt, "AccountsService.Delete", []string{"A1"}, 400,
		`{"status":400,"messages":["Account cannot be deleted due to in progress lifecycle events"]}`)
	err := c.Accounts.Delete(context.Background(), "A1")
	require.ErrorIs(t, err, ErrBadRequest)
	var api *APIError
	require.ErrorAs(t, err, &api)
	assert.Contains(t, api.Messages[0], "cannot be deleted")
}

func TestAccountsStatus(t *testing.T) {
	c, mt := newMockClient(t)
	mockOp(t, mt, "AccountsService.Status", []string{awkwardID}, 200, `"SUSPENDED"`)
	st, err := c.Accounts.Status(context.Background(), awkwardID)
	require.NoError(t, err)
	assert.Equal(t, AccountStatusSuspended, st)
}

func TestAccountsStatusUnknownValuePassesThrough(t *testing.T) {
	c, mt := newMockClient(t)
	mockOp(t, mt, "AccountsService.Status", []string{"A1"}, 200, `"MIGRATING"`)
	st, err := c.Accounts.Status(context.Background(), "A1")
	require.NoError(t, err)
	assert.Equal(t, AccountStatus("MIGRATING"), st)
	assert.False(t, st.Valid())
}

func TestAccountsValidateProperties(t *testing.T) {
	c, mt := newMockClient(t)
	captured := mockOp(t, mt, "AccountsService.ValidateProperties", nil, 200, `true`)
	opts := &ValidatePropertiesOptions{AccountNumber: "SP-123", MACAddress: "aa:bb:cc:dd:ee:ff", SIPUsername: "sip_user-1", Username: "jane@example.com"}
	ok, err := c.Accounts.ValidateProperties(context.Background(), opts)
	require.NoError(t, err)
	assert.True(t, ok)
	assert.Equal(t, url.Values{
		"accountnumber": {"SP-123"},
		"macaddress":    {"AABBCCDDEEFF"},
		"sipusername":   {"sip_user-1"},
		"username":      {"jane@example.com"},
	}, captured.Query())
	assert.Equal(t, "aa:bb:cc:dd:ee:ff", opts.MACAddress, "the caller's options are not changed")
}

func TestAccountsValidatePropertiesTaken(t *testing.T) {
	c, mt := newMockClient(t)
	captured := mockOp(t, mt, "AccountsService.ValidateProperties", nil, 400,
		`{"status":400,"messages":["Account number SP-123 is already in use"]}`)
	ok, err := c.Accounts.ValidateProperties(context.Background(), &ValidatePropertiesOptions{AccountNumber: "SP-123"})
	assert.False(t, ok)
	require.ErrorIs(t, err, ErrBadRequest)
	assert.Equal(t, url.Values{"accountnumber": {"SP-123"}}, captured.Query())
}

func TestAccountsUserProductPlans(t *testing.T) {
	c, mt := newMockClient(t)
	raw := fixture(t, "account/user-product-plans.json")
	mockOp(t, mt, "AccountsService.UserProductPlans", []string{awkwardID}, 200, raw)
	plans, err := c.Accounts.UserProductPlans(context.Background(), awkwardID)
	require.NoError(t, err)
	require.Len(t, plans, 2)
	assert.Equal(t, UserProductPlanAdvanced, plans[1].ID)
	assert.True(t, plans[1].EmailAddressRequired)

	var strict []AvailableUserProductPlan
	decodeStrict(t, raw, &strict)
	assertRoundTrip(t, raw, strict)
}

// validAccountCreate is a create request that passes every rule.
func validAccountCreate() *CreateAccountRequest {
	return &CreateAccountRequest{
		AccountNumber: "SP-123", AccountName: "Customer Name", AccountType: AccountTypeAdvanced,
		BillingCycleDay: 1, TimeZone: TimeZoneUSMountain, DialingBehaviorType: DialingBehaviorTypeOpenDialPlanTenDigit,
		ExtensionLength: Ptr(4),
	}
}

func validAccountUpdate() *UpdateAccountRequest {
	c := validAccountCreate()
	return &UpdateAccountRequest{
		AccountNumber: c.AccountNumber, AccountName: c.AccountName, AccountType: c.AccountType,
		BillingCycleDay: c.BillingCycleDay, TimeZone: c.TimeZone, DialingBehaviorType: c.DialingBehaviorType,
		ExtensionLength: c.ExtensionLength, Status: AccountStatusActive,
	}
}

func TestAccountsValidation(t *testing.T) {
	long := strings.Repeat("é", 257) // runes, not bytes, are counted
	create := func(mod func(r *CreateAccountRequest)) func(*Client) error {
		return func(c *Client) error {
			r := validAccountCreate()
			mod(r)
			_, err := c.Accounts.Create(context.Background(), r)
			return err
		}
	}
	update := func(mod func(r *UpdateAccountRequest)) func(*Client) error {
		return func(c *Client) error {
			r := validAccountUpdate()
			mod(r)
			_, err := c.Accounts.Update(context.Background(), "A1", r)
			return err
		}
	}
	patch := func(p *PatchAccountRequest) func(*Client) error {
		return func(c *Client) error {
			_, err := c.Accounts.Patch(context.Background(), "A1", p)
			return err
		}
	}
	for _, tc := range []struct {
		name  string
		call  func(*Client) error
		field string
	}{
		{"create nil", func(c *Client) error { _, err := c.Accounts.Create(context.Background(), nil); return err }, "body"},
		{"create accountNumber missing", create(func(r *CreateAccountRequest) { r.AccountNumber = " " }), "accountNumber"},
		{"create accountNumber short", create(func(r *CreateAccountRequest) { r.AccountNumber = "ab" }), "accountNumber"},
		{"create accountNumber long", create(func(r *CreateAccountRequest) { r.AccountNumber = long }), "accountNumber"},
		{"create accountName missing", create(func(r *CreateAccountRequest) { r.AccountName = "" }), "accountName"},
		{"create accountName short", create(func(r *CreateAccountRequest) { r.AccountName = "Al" }), "accountName"},
		{"create accountName long", create(func(r *CreateAccountRequest) { r.AccountName = long }), "accountName"},
		{"create customField short", create(func(r *CreateAccountRequest) { r.CustomField = Ptr("x") }), "customField"},
		{"create customField long", create(func(r *CreateAccountRequest) { r.CustomField = Ptr(long) }), "customField"},
		{"create accountType missing", create(func(r *CreateAccountRequest) { r.AccountType = "" }), "accountType"},
		{"create accountType unknown", create(func(r *CreateAccountRequest) { r.AccountType = "BUSINESS" }), "accountType"},
		{"create billingCycleDay missing", create(func(r *CreateAccountRequest) { r.BillingCycleDay = 0 }), "billingCycleDay"},
		{"create billingCycleDay 29 (the account creation guide allows 31)", create(func(r *CreateAccountRequest) { r.BillingCycleDay = 29 }), "billingCycleDay"},
		{"create billingCycleDay negative", create(func(r *CreateAccountRequest) { r.BillingCycleDay = -1 }), "billingCycleDay"},
		{"create timeZone missing", create(func(r *CreateAccountRequest) { r.TimeZone = "" }), "timeZone"},
		{"create timeZone unknown", create(func(r *CreateAccountRequest) { r.TimeZone = "Europe/Dublin" }), "timeZone"},
		{"create dialing missing", create(func(r *CreateAccountRequest) { r.DialingBehaviorType = "" }), "dialingBehaviorType"},
		{"create dialing unknown", create(func(r *CreateAccountRequest) { r.DialingBehaviorType = "NINE" }), "dialingBehaviorType"},
		{"create dial nine on SIMPLE", create(func(r *CreateAccountRequest) {
			r.AccountType, r.ExtensionLength, r.DialingBehaviorType = AccountTypeSimple, nil, DialingBehaviorTypeDialNineSevenDigit
		}), "dialingBehaviorType"},
		{"create extensionLength missing on ADVANCED", create(func(r *CreateAccountRequest) { r.ExtensionLength = nil }), "extensionLength"},
		{"create extensionLength on SIMPLE", create(func(r *CreateAccountRequest) { r.AccountType = AccountTypeSimple }), "extensionLength"},
		{"create extensionLength 2", create(func(r *CreateAccountRequest) { r.ExtensionLength = Ptr(2) }), "extensionLength"},
		{"create extensionLength 7", create(func(r *CreateAccountRequest) { r.ExtensionLength = Ptr(7) }), "extensionLength"},
		{"create holdTimeoutSeconds 29", create(func(r *CreateAccountRequest) { r.HoldTimeoutSeconds = Ptr(29) }), "holdTimeoutSeconds"},
		{"create holdTimeoutSeconds 601", create(func(r *CreateAccountRequest) { r.HoldTimeoutSeconds = Ptr(601) }), "holdTimeoutSeconds"},
		{"create platformType unknown", create(func(r *CreateAccountRequest) { r.PlatformType = Ptr(PlatformType("V1_0")) }), "platformType"},
		{"create regulatoryType unknown", create(func(r *CreateAccountRequest) { r.RegulatoryType = Ptr(RegulatoryType("MILITARY")) }), "regulatoryType"},
		{"create call screen unknown", create(func(r *CreateAccountRequest) {
			r.CallScreeningSettings = &CallScreeningSettings{DefaultCallScreen: "Drop"}
		}), "callScreeningSettings.defaultCallScreen"},
		{"create custom ring type unknown", create(func(r *CreateAccountRequest) {
			r.CallScreeningSettings = &CallScreeningSettings{CustomCallScreenList: []CustomCallScreen{{RingType: "Ring9"}}}
		}), "callScreeningSettings.customCallScreenList[0].ringType"},

		{"update nil", func(c *Client) error { _, err := c.Accounts.Update(context.Background(), "A1", nil); return err }, "body"},
		{"update empty id", func(c *Client) error {
			_, err := c.Accounts.Update(context.Background(), "", validAccountUpdate())
			return err
		}, "accountId"},
		{"update status missing", update(func(r *UpdateAccountRequest) { r.Status = "" }), "status"},
		{"update status unknown", update(func(r *UpdateAccountRequest) { r.Status = "GONE" }), "status"},
		{"update accountName missing", update(func(r *UpdateAccountRequest) { r.AccountName = "" }), "accountName"},
		{"update billingCycleDay 31", update(func(r *UpdateAccountRequest) { r.BillingCycleDay = 31 }), "billingCycleDay"},
		{"update extensionLength on SIMPLE", update(func(r *UpdateAccountRequest) { r.AccountType = AccountTypeSimple }), "extensionLength"},
		{"update extensionLength missing on ADVANCED", update(func(r *UpdateAccountRequest) { r.ExtensionLength = nil }), "extensionLength"},

		{"patch nil", patch(nil), "body"},
		{"patch accountNumber blank", patch(&PatchAccountRequest{AccountNumber: Ptr("")}), "accountNumber"},
		{"patch accountName long", patch(&PatchAccountRequest{AccountName: Ptr(long)}), "accountName"},
		{"patch billingCycleDay 0", patch(&PatchAccountRequest{BillingCycleDay: Ptr(0)}), "billingCycleDay"},
		{"patch holdTimeoutSeconds 0", patch(&PatchAccountRequest{HoldTimeoutSeconds: Ptr(0)}), "holdTimeoutSeconds"},
		{"patch extensionLength 9", patch(&PatchAccountRequest{ExtensionLength: Ptr(9)}), "extensionLength"},
		{"patch extensionLength with SIMPLE", patch(&PatchAccountRequest{AccountType: Ptr(AccountTypeSimple), ExtensionLength: Ptr(4)}), "extensionLength"},
		{"patch dial nine with SIMPLE", patch(&PatchAccountRequest{AccountType: Ptr(AccountTypeSimple), DialingBehaviorType: Ptr(DialingBehaviorTypeDialNineTenDigit)}), "dialingBehaviorType"},
		{"patch status unknown", patch(&PatchAccountRequest{Status: Ptr(AccountStatus("active"))}), "status"},
		{"patch timeZone unknown", patch(&PatchAccountRequest{TimeZone: Ptr(TimeZone("UTC"))}), "timeZone"},
		{"patch customField short", patch(&PatchAccountRequest{CustomField: Ptr("ab")}), "customField"},

		{"setStatus SUSPENDED", func(c *Client) error {
			_, err := c.Accounts.SetStatus(context.Background(), "A1", AccountStatusSuspended)
			return err
		}, "status"},
		{"setStatus empty", func(c *Client) error { _, err := c.Accounts.SetStatus(context.Background(), "A1", ""); return err }, "status"},

		{"get empty id", func(c *Client) error { _, err := c.Accounts.Get(context.Background(), ""); return err }, "accountId"},
		{"get dot-dot id", func(c *Client) error { _, err := c.Accounts.Get(context.Background(), ".."); return err }, "accountId"},
		{"getBy unknown type", func(c *Client) error {
			_, err := c.Accounts.GetBy(context.Background(), "Email", "a@b.c")
			return err
		}, "accountIdType"},
		{"getBy missing type", func(c *Client) error { _, err := c.Accounts.GetBy(context.Background(), "", "A1"); return err }, "accountIdType"},
		{"getBy bad phone", func(c *Client) error {
			_, err := c.Accounts.GetBy(context.Background(), AccountIDTypePhoneNumber, "+1 801 555 1212")
			return err
		}, "phoneNumber"},
		{"getBy bad mac", func(c *Client) error {
			_, err := c.Accounts.GetBy(context.Background(), AccountIDTypeMACAddress, "aa:bb:cc:dd:ee")
			return err
		}, "macAddress"},
		{"getByNumber short", func(c *Client) error { _, err := c.Accounts.GetByNumber(context.Background(), "ab"); return err }, "accountNumber"},
		{"getByNumber empty", func(c *Client) error { _, err := c.Accounts.GetByNumber(context.Background(), ""); return err }, "accountNumber"},

		{"validateProperties nil", func(c *Client) error { _, err := c.Accounts.ValidateProperties(context.Background(), nil); return err }, "accountnumber"},
		{"validateProperties empty", func(c *Client) error {
			_, err := c.Accounts.ValidateProperties(context.Background(), &ValidatePropertiesOptions{})
			return err
		}, "accountnumber"},
		{"validateProperties bad mac", func(c *Client) error {
			_, err := c.Accounts.ValidateProperties(context.Background(), &ValidatePropertiesOptions{MACAddress: "zz:bb:cc:dd:ee:ff"})
			return err
		}, "macaddress"},
		{"validateProperties short number", func(c *Client) error {
			_, err := c.Accounts.ValidateProperties(context.Background(), &ValidatePropertiesOptions{AccountNumber: "ab"})
			return err
		}, "accountnumber"},

		{"status empty id", func(c *Client) error { _, err := c.Accounts.Status(context.Background(), ""); return err }, "accountId"},
		{"delete empty id", func(c *Client) error { return c.Accounts.Delete(context.Background(), " ") }, "accountId"},
		{"userProductPlans empty id", func(c *Client) error {
			_, err := c.Accounts.UserProductPlans(context.Background(), "")
			return err
		}, "accountId"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, mt := newMockClient(t)
			err := tc.call(c)
			acctRequireField(t, err, tc.field)
			assert.Zero(t, mt.GetTotalCallCount(), "no request may be sent")
		})
	}
}

func TestAccountsValidationReportsAllProblems(t *testing.T) {
	c, mt := newMockClient(t)
	_, err := c.Accounts.Create(context.Background(), &CreateAccountRequest{
		AccountNumber: "ab", BillingCycleDay: 30, AccountType: AccountTypeSimple,
		DialingBehaviorType: DialingBehaviorTypeDialNineTenDigit, ExtensionLength: Ptr(4),
	})
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	for _, f := range []string{"accountNumber", "accountName", "billingCycleDay", "timeZone", "extensionLength", "dialingBehaviorType"} {
		assert.NotNil(t, ve.Field(f), "missing %s in %v", f, err)
	}
	assert.Zero(t, mt.GetTotalCallCount())
}
