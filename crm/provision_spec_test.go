package crm

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/go-alianza/alianza"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// cloneSpec copies the spec's lists, so a mutation does not reach the
// original.
func cloneSpec(s AccountSpec) *AccountSpec {
	s.Users = append([]UserSpec(nil), s.Users...)
	s.Numbers = append([]NumberSpec(nil), s.Numbers...)
	s.Devices = append([]DeviceSpec(nil), s.Devices...)
	if s.Trunk != nil {
		t := *s.Trunk
		s.Trunk = &t
	}
	return &s
}

// Every spec the SDK would refuse at some step is refused by crm's
// up-front check, with no request sent. Each case runs twice: through
// Provision (the up-front check), and through the provisioning steps alone,
// with the defaults resolved but crm's check skipped, where the SDK call
// of the named step must refuse it with ErrValidation.
func TestProvisionSpecRefusesWhatTheSDKRefuses(t *testing.T) {
	tests := []struct {
		name   string
		base   func(string) *AccountSpec
		mutate func(*AccountSpec)
		field  string // the problem crm reports
		step   string // the step whose SDK call refuses
	}{
		{"account number too short", bccSpec, func(s *AccountSpec) { s.AccountNumber = "X" }, "accountNumber", "create account"},
		{"account name too short", bccSpec, func(s *AccountSpec) { s.AccountName = "AB" }, "accountName", "create account"},
		{"unknown time zone", bccSpec, func(s *AccountSpec) { s.TimeZone = "Mars/Olympus" }, "timeZone", "create account"},
		{"unknown platform type", bccSpec, func(s *AccountSpec) { s.PlatformType = "CPE9" }, "platformType", "create account"},
		{"extension length out of range", bccSpec, func(s *AccountSpec) { s.ExtensionLength = 9; s.Users[0].Extension, s.Users[1].Extension = "", "" }, "extensionLength", "create account"},
		{"dial nine on a SIMPLE account", homeSpec, func(s *AccountSpec) { s.DialingBehavior = alianza.DialingBehaviorTypeDialNineTenDigit }, "dialingBehavior", "create account"},
		{"email without a dotted domain", bccSpec, func(s *AccountSpec) { s.Users[0].Email = "alice@localhost" }, "users[0].email", "create user"},
		{"email with a display name", bccSpec, func(s *AccountSpec) { s.Users[0].Email = "Alice <alice@acme.example>" }, "users[0].email", "create user"},
		{"username too short", bccSpec, func(s *AccountSpec) { s.Users[1].Key = "bob"; s.Users[1].Username = "bo" }, "users[1].username", "create user"},
		{"first name too short", bccSpec, func(s *AccountSpec) { s.Users[0].FirstName = "Al" }, "users[0].firstName", "create user"},
		{"unknown product plan", bccSpec, func(s *AccountSpec) { s.Users[1].ProductPlan = "GOLD" }, "users[1].productPlan", "create user"},
		{"email username on a PROFESSIONAL plan", bccSpec, func(s *AccountSpec) {
			s.Users[0].Username, s.Users[0].ProductPlan = "alice@acme.example", alianza.UserProductPlanProfessional
		}, "users[0].username", "create user"},
		{"postal code missing", bccSpec, func(s *AccountSpec) { s.Numbers[0].PostalCode = "" }, "numbers[0].postalCode", "validate address"},
		{"unknown country", bccSpec, func(s *AccountSpec) { s.Numbers[0].Country = "MEX" }, "numbers[0].country", "validate address"},
		{"caller-ID name over 15", bccSpec, func(s *AccountSpec) { s.Numbers[0].CallerIDName = "ACME DENTAL GROUP" }, "numbers[0].callerIdName", "add "},
		{"residential without a last name", homeSpec, func(s *AccountSpec) { s.Numbers[0].LastName = "" }, "numbers[0].lastName", "add "},
		{"trunk SIP username too short", trunkSpec, func(s *AccountSpec) { s.Trunk.SIPUsername = "pbx" }, "trunk.sipUsername", "create sip trunk"},
		{"trunk SIP username with a space", trunkSpec, func(s *AccountSpec) { s.Trunk.SIPUsername = "widgets pbx 1" }, "trunk.sipUsername", "create sip trunk"},
		{"trunk SIP password too short", trunkSpec, func(s *AccountSpec) { s.Trunk.SIPPassword = "12345" }, "trunk.sipPassword", "create sip trunk"},
		{"trunk without concurrent calls", trunkSpec, func(s *AccountSpec) { s.Trunk.ConcurrentCalls = 0 }, "trunk.concurrentCalls", "create sip trunk"},
		{"trunk without a name", trunkSpec, func(s *AccountSpec) { s.Trunk.Name = " " }, "trunk.name", "create sip trunk"},
		{"forwarding to a malformed number", trunkSpec, func(s *AccountSpec) {
			s.Trunk.Forwarding = &alianza.UpdateSipTrunkForwardRulesRequest{ForwardOnFailure: []alianza.ForwardReference{{ReferenceType: alianza.ForwardReferenceTypeTelephone, ReferenceID: "8015551212"}}}
		}, "trunk.forwarding.forwardOnFailure[0].referenceId", "set forwarding"},
		{"forwarding to a user without an id", trunkSpec, func(s *AccountSpec) {
			s.Trunk.Forwarding = &alianza.UpdateSipTrunkForwardRulesRequest{ForwardOnCapacityExceeded: []alianza.ForwardReference{{ReferenceType: alianza.ForwardReferenceTypeEndUser}}}
		}, "trunk.forwarding.forwardOnCapacityExceeded[0].referenceId", "set forwarding"},
		{"device MAC malformed", bccSpec, func(s *AccountSpec) { s.Devices[0].MAC = "00:04:f2:00:00" }, "devices[0].mac", "create device line"},
		{"device SIP username with a bang", bccSpec, func(s *AccountSpec) { s.Devices[1].SIPUsername = "bob-sip-line!" }, "devices[1].sipUsername", "create device line"},
		{"device SIP password too short", bccSpec, func(s *AccountSpec) { s.Devices[1].SIPPassword = "pw" }, "devices[1].sipPassword", "create device line"},
		{"device without a name", bccSpec, func(s *AccountSpec) { s.Devices[0].Name = "" }, "devices[0].name", "create device line"},
		{"device without a type", homeSpec, func(s *AccountSpec) { s.Devices[0].DeviceTypeID = "" }, "devices[0].deviceTypeId", "create device line"},
		{"device line number negative", homeSpec, func(s *AccountSpec) { s.Devices[0].LineNumber = -1 }, "devices[0].lineNumber", "create device line"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := tt.base("DRIFT-1")

			// crm's up-front check refuses it, sending nothing.
			srv, c := newTest(t, nil)
			bad := cloneSpec(*base)
			tt.mutate(bad)
			_, err := c.Provision(context.Background(), bad, nil)
			require.ErrorIs(t, err, alianza.ErrValidation)
			var ve *alianza.ValidationError
			require.True(t, errors.As(err, &ve), "%T: %v", err, err)
			assert.NotNil(t, ve.Field(tt.field), "want a problem on %s, got %v", tt.field, err)
			assert.Empty(t, srv.Requests(), "no request, not even a login")

			// The SDK refuses it at the named step, before that step's
			// request.
			good, err := base.validate()
			require.NoError(t, err, "the base spec is valid")
			unchecked := &validated{AccountSpec: *cloneSpec(good.AccountSpec)}
			tt.mutate(&unchecked.AccountSpec)
			_, c2 := newTest(t, nil)
			p := &provisioner{
				c: c2, spec: unchecked, opts: &ProvisionOptions{}, picked: map[string]bool{},
				validations: map[string]*alianza.AddressValidation{},
				res:         &ProvisionResult{Users: map[string]*alianza.User{}, Numbers: map[string]string{}},
			}
			err = p.run(context.Background())
			var se *stepError
			require.True(t, errors.As(err, &se), "the SDK accepted what crm refused: %v", err)
			require.ErrorIs(t, se.err, alianza.ErrValidation, "the step failed, but not in the SDK's validation")
			assert.True(t, strings.HasPrefix(se.step, tt.step), "refused at %q, want %q", se.step, tt.step)
		})
	}
}

// crm's own rules, which tie the spec's parts together and have no SDK
// counterpart, still apply.
func TestProvisionSpecCrossResourceRules(t *testing.T) {
	spec := bccSpec("CROSS-1")
	spec.Users[1].Extension = "200" // the account's extensions have 4 digits
	spec.Users[1].ProductPlan = alianza.UserProductPlanAdvanced
	spec.Numbers[1].User = "nobody"
	spec.Devices[0].EmergencyNumber = "nope"
	_, err := spec.validate()
	var ve *alianza.ValidationError
	require.True(t, errors.As(err, &ve), "%v", err)
	for _, f := range []string{"users[1].extension", "users[1].email", "numbers[1].user", "devices[0].emergencyNumber"} {
		assert.NotNil(t, ve.Field(f), "want a problem on %s, got %v", f, err)
	}
	assert.Len(t, ve.Errors, 4, "one problem per field: %v", err)
}
