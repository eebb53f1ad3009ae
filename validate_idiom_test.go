package alianza

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// requireProblems asserts that err is one *ValidationError naming every
// field in fields, and that nothing was sent.
func requireProblems(t *testing.T, err error, sent int, fields ...string) {
	t.Helper()
	require.ErrorIs(t, err, ErrValidation)
	var ve *ValidationError
	require.True(t, errors.As(err, &ve), "want a *ValidationError, got %T: %v", err, err)
	for _, f := range fields {
		assert.NotNil(t, ve.Field(f), "no problem reported for %s in %v", f, err)
	}
	assert.Zero(t, sent, "a request was sent")
}

// refusedCase is a call that must be refused before sending, with the
// fields its *ValidationError must name.
type refusedCase struct {
	name   string
	call   func(c *Client) error
	fields []string
}

// runRefused runs each case on its own mock client and checks the refusal
// with requireProblems.
func runRefused(t *testing.T, tests []refusedCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, mt := newMockClient(t)
			err := tt.call(c)
			requireProblems(t, err, mt.GetTotalCallCount(), tt.fields...)
		})
	}
}

// Every service reports a bad path argument and a bad body together, in
// one *ValidationError, before sending anything.
func TestValidationPathAndBodyTogether(t *testing.T) {
	ctx := context.Background()
	runRefused(t, []refusedCase{
		{"Accounts.Update", func(c *Client) error {
			_, err := c.Accounts.Update(ctx, "..", &UpdateAccountRequest{BillingCycleDay: 31})
			return err
		}, []string{"accountId", "billingCycleDay", "accountType", "status"}},
		{"Accounts.Patch", func(c *Client) error {
			_, err := c.Accounts.Patch(ctx, "", &PatchAccountRequest{HoldTimeoutSeconds: Ptr(5)})
			return err
		}, []string{"accountId", "holdTimeoutSeconds"}},
		{"Accounts.Patch nil body", func(c *Client) error {
			_, err := c.Accounts.Patch(ctx, "a\x00b", nil)
			return err
		}, []string{"accountId", "body"}},
		{"Accounts.SetStatus", func(c *Client) error {
			_, err := c.Accounts.SetStatus(ctx, ".", AccountStatusDeletePending)
			return err
		}, []string{"accountId", "status"}},
		{"Users.Create", func(c *Client) error {
			_, err := c.Users.Create(ctx, "", &CreateUserRequest{TimeZone: TimeZoneUSPacific, EmailAddress: Ptr("alice@localhost")})
			return err
		}, []string{"accountId", "emailAddress"}},
		{"Users.Patch", func(c *Client) error {
			_, err := c.Users.Patch(ctx, "A1", "..", &PatchUserRequest{Extension: Ptr("12")})
			return err
		}, []string{"userId", "extension"}},
		{"Users.Update nil body", func(c *Client) error {
			_, err := c.Users.Update(ctx, "", "U1", nil)
			return err
		}, []string{"accountId", "body"}},
		{"SipTrunks.Patch", func(c *Client) error {
			_, err := c.SipTrunks.Patch(ctx, "A1", "", &PatchSipTrunkRequest{SIPUsername: Ptr("short")})
			return err
		}, []string{"sipTrunkId", "sipUsername"}},
		{"SipTrunks.Create", func(c *Client) error {
			_, err := c.SipTrunks.Create(ctx, "..", &CreateSipTrunkRequest{TrunkName: "PBX", SIPUsername: "pbx-trunk-01", SIPPassword: "12345", ConcurrentCalls: 1})
			return err
		}, []string{"accountId", "sipPassword"}},
		{"DeviceLines.Create", func(c *Client) error {
			_, err := c.DeviceLines.Create(ctx, "", &CreateDeviceRequest{DeviceTypeID: "VVX400", DeviceName: "Desk", UserID: "U1", LineNumber: 1, MACAddress: Ptr("nope")})
			return err
		}, []string{"accountId", "macAddress"}},
		{"DeviceLines.Patch", func(c *Client) error {
			_, err := c.DeviceLines.Patch(ctx, "A1", "..", &PatchDeviceRequest{LineNumber: Ptr(0)})
			return err
		}, []string{"deviceId", "lineNumber"}},
		{"DeviceLines.Update nil body", func(c *Client) error {
			_, err := c.DeviceLines.Update(ctx, "A1", "", nil)
			return err
		}, []string{"deviceId", "body"}},
		{"DeviceLines.List", func(c *Client) error {
			_, err := c.DeviceLines.List(ctx, "", &ListDevicesOptions{FilterType: DeviceFilterTypeMACAddress, Filter: "zz"})
			return err
		}, []string{"accountId", "filter"}},
		{"TelephoneNumbers.AddToAccount", func(c *Client) error {
			_, err := c.TelephoneNumbers.AddToAccount(ctx, "..", &AddTelephoneNumbersRequest{})
			return err
		}, []string{"accountId", "telephoneNumbers"}},
		{"TelephoneNumbers.Patch", func(c *Client) error {
			_, err := c.TelephoneNumbers.Patch(ctx, "", "8015551212", &PatchTelephoneNumberRequest{RingType: Ptr(RingType("Loud"))})
			return err
		}, []string{"accountId", "tn", "ringType"}},
		{"TelephoneNumbers.SetDestination", func(c *Client) error {
			_, err := c.TelephoneNumbers.SetDestination(ctx, "A1", "", &SetDestinationRequest{ReferenceType: TNReferenceTypeEndUser})
			return err
		}, []string{"tn", "referenceId"}},
		{"TelephoneNumbers.Update nil body", func(c *Client) error {
			_, err := c.TelephoneNumbers.Update(ctx, "..", "18015551212", nil)
			return err
		}, []string{"accountId", "body"}},
		{"BusinessLines.Create", func(c *Client) error {
			_, err := c.BusinessLines.Create(ctx, "", &CreateBusinessLineRequest{})
			return err
		}, []string{"accountId", "name"}},
		{"BusinessLines.UpdateCallHandling", func(c *Client) error {
			_, err := c.BusinessLines.UpdateCallHandling(ctx, "A1", "..", &UpdateCallHandlingRequest{})
			return err
		}, []string{"businessLineId", "activeCallHandling"}},
		{"BusinessLines.UpdateSIPCredentials", func(c *Client) error {
			_, err := c.BusinessLines.UpdateSIPCredentials(ctx, "", "L1", &UpdateSIPCredentialsRequest{SIPUsername: "line1-user"})
			return err
		}, []string{"accountId", "sipPassword"}},
		{"BusinessLines.CreatePortAssignment", func(c *Client) error {
			_, err := c.BusinessLines.CreatePortAssignment(ctx, "A1", "", &CreatePortAssignmentRequest{DeviceTypeID: "SPA112", PortNumber: Ptr(101)})
			return err
		}, []string{"businessLineId", "portNumber"}},
		{"CallingPlans.UpdateProduct", func(c *Client) error {
			_, err := c.CallingPlans.UpdateProduct(ctx, "..", &UpdateCallingPlanProductRequest{})
			return err
		}, []string{"cppId", "name"}},
		{"CallingPlans.PatchProduct", func(c *Client) error {
			_, err := c.CallingPlans.PatchProduct(ctx, "", &PatchCallingPlanProductRequest{PlanMinutes: Ptr(-1)})
			return err
		}, []string{"cppId", "planMinutes"}},
		{"CallingPlans.Add", func(c *Client) error {
			_, err := c.CallingPlans.Add(ctx, "", &ModifyCallingPlanRequest{ReferenceType: CallingPlanReferenceTypeEndUser})
			return err
		}, []string{"accountId", "referenceId"}},
		{"CallingPlans.Remove nil body", func(c *Client) error {
			_, err := c.CallingPlans.Remove(ctx, "..", nil)
			return err
		}, []string{"accountId", "body"}},
		{"CallingPlans.List", func(c *Client) error {
			_, err := c.CallingPlans.List(ctx, "", &ListCallingPlansOptions{ReferenceID: "U1"})
			return err
		}, []string{"accountId", "referenceType"}},
	})
}

// A method whose only inputs are path arguments reports them as a
// *ValidationError too, naming each bad one.
func TestValidationPathArgsOnly(t *testing.T) {
	ctx := context.Background()
	runRefused(t, []refusedCase{
		{"Accounts.Delete", func(c *Client) error { return c.Accounts.Delete(ctx, "..") }, []string{"accountId"}},
		{"Users.Get", func(c *Client) error { _, err := c.Users.Get(ctx, "", "."); return err }, []string{"accountId", "userId"}},
		{"Users.GetByUsername", func(c *Client) error { _, err := c.Users.GetByUsername(ctx, "A1", "ab"); return err }, []string{"username"}},
		{"SipTrunks.Unlock", func(c *Client) error { _, err := c.SipTrunks.Unlock(ctx, "", ""); return err }, []string{"accountId", "sipTrunkId"}},
		{"DeviceLines.Delete", func(c *Client) error { return c.DeviceLines.Delete(ctx, "A1", "\t") }, []string{"deviceId"}},
		{"TelephoneNumbers.Delete", func(c *Client) error { return c.TelephoneNumbers.Delete(ctx, "", "1801") }, []string{"accountId", "tn"}},
		{"BusinessLines.DeletePortAssignment", func(c *Client) error { return c.BusinessLines.DeletePortAssignment(ctx, "..", "..") }, []string{"accountId", "businessLineId"}},
		{"CallingPlans.ArchiveProduct", func(c *Client) error { return c.CallingPlans.ArchiveProduct(ctx, "") }, []string{"cppId"}},
	})
}

// Refused before sending: values the platform refuses as missing or
// malformed.
func TestValidationMissingOrMalformedValues(t *testing.T) {
	ctx := context.Background()
	runRefused(t, []refusedCase{
		{"account search without a term", func(c *Client) error { _, err := c.Accounts.Search(ctx, " "); return err }, []string{"q"}},
		{"number search without options", func(c *Client) error { _, err := c.TelephoneNumbers.Search(ctx, nil); return err }, []string{"q"}},
		{"number search by rate center without q", func(c *Client) error {
			_, err := c.TelephoneNumbers.Search(ctx, &SearchTelephoneNumbersOptions{Type: TNSearchTypeRateCenter})
			return err
		}, []string{"q"}},
		{"route plan id not a UUID", func(c *Client) error {
			_, err := c.Accounts.Patch(ctx, "A1", &PatchAccountRequest{RoutePlanID: Ptr("plan-1")})
			return err
		}, []string{"routePlanId"}},
		{"validate properties with a bad SIP username", func(c *Client) error {
			_, err := c.Accounts.ValidateProperties(ctx, &ValidatePropertiesOptions{SIPUsername: "a b", Username: "ab"})
			return err
		}, []string{"sipusername", "username"}},
		{"validate address without postal code", func(c *Client) error {
			_, err := c.Addresses.Validate(ctx, &ValidateAddressOptions{Address: "333 S 520 W", Country: CountryUSA})
			return err
		}, []string{"postalCode"}},
		{"type-ahead without options", func(c *Client) error { _, err := c.Addresses.TypeAhead(ctx, nil); return err }, []string{"address", "country"}},
		{"account by id type with no value", func(c *Client) error { _, err := c.Accounts.GetBy(ctx, AccountIDTypeID, ""); return err }, []string{"accountId"}},
	})
}

// A request's Validate returns what its method would say about the body.
func TestValidateMatchesMethod(t *testing.T) {
	ctx := context.Background()
	c, mt := newMockClient(t)

	user := &CreateUserRequest{TimeZone: "Mars/Olympus", EmailAddress: Ptr("alice@localhost"), Extension: Ptr("9")}
	_, methodErr := c.Users.Create(ctx, "A1", user)
	assert.Equal(t, methodErr, user.Validate())

	trunk := &UpdateSipTrunkRequest{SIPUsername: "bad user"}
	_, methodErr = c.SipTrunks.Update(ctx, "A1", "T1", trunk)
	assert.Equal(t, methodErr, trunk.Validate())

	dev := &PatchDeviceRequest{MACAddress: Ptr("aa:bb")}
	_, methodErr = c.DeviceLines.Patch(ctx, "A1", "D1", dev)
	assert.Equal(t, methodErr, dev.Validate())

	search := &SearchTelephoneNumbersOptions{Type: TNSearchTypePostalCode}
	_, methodErr = c.TelephoneNumbers.Search(ctx, search)
	assert.Equal(t, methodErr, search.Validate())
	assert.Zero(t, mt.GetTotalCallCount())

	var nilReq *CreateAccountRequest
	requireProblems(t, nilReq.Validate(), 0, "body")
	assert.NoError(t, (&SetDestinationRequest{ReferenceType: TNReferenceTypeEndUser, ReferenceID: "U1"}).Validate())
}

func TestIsUUID(t *testing.T) {
	for s, want := range map[string]bool{
		"2ea93a62-2c44-4ab6-8fcb-a7b3c0b735e6": true,
		"2EA93A62-2C44-4AB6-8FCB-A7B3C0B735E6": true,
		"2ea93a622c444ab68fcba7b3c0b735e6":     false,
		"2ea93a62-2c44-4ab6-8fcb-a7b3c0b735eg": false,
		"2ea93a62-2c44-4ab6-8fcb_a7b3c0b735e6": false,
		"":                                     false,
	} {
		assert.Equal(t, want, isUUID(s), s)
	}
}
