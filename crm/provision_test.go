package crm

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestProvisionBusinessAccount(t *testing.T) {
	srv, c := newTest(t, nil)
	ctx := context.Background()
	var progress []string
	res, err := c.Provision(ctx, bccSpec("BCC-1"), &ProvisionOptions{Progress: func(s Step) { progress = append(progress, s.Name) }})
	require.NoError(t, err)
	api := c.API()

	assert.Equal(t, alianza.AccountTypeAdvanced, res.Account.AccountType)
	assert.Equal(t, alianza.PlatformTypeCPE2, res.Account.PlatformType)
	assert.Equal(t, 4, res.Account.ExtensionLength)
	assert.Equal(t, 15, res.Account.BillingCycleDay)
	assert.Empty(t, res.Notes)
	require.Len(t, res.Users, 2)
	require.Len(t, res.Numbers, 2)
	assert.NotEqual(t, res.Numbers["main"], res.Numbers["bob"], "each spec gets its own number")
	assert.True(t, strings.HasPrefix(res.Numbers["main"], "1801"), "found near Lindon, UT: %s", res.Numbers["main"])
	for _, s := range res.Steps {
		assert.True(t, s.OK(), s.Name)
	}
	var names []string
	for _, s := range res.Steps {
		names = append(names, s.Name)
	}
	assert.Equal(t, names, progress, "progress saw every step")
	// The address is validated once for both numbers.
	assert.Equal(t, 1, srv.Calls("GET /v2/address/validate"))

	main := res.Numbers["main"]
	n, err := api.TelephoneNumbers.Get(ctx, res.Account.ID, main)
	require.NoError(t, err)
	assert.Equal(t, alianza.TNReferenceTypeEndUser, n.ReferenceType)
	assert.Equal(t, res.Users["alice"].ID, n.ReferenceID)
	assert.Equal(t, "Acme Dental", n.CustomerServiceRecord.BusinessName)
	assert.Equal(t, alianza.CustomerTypeBusiness, n.CustomerServiceRecord.CustomerType)
	assert.Equal(t, "ACME DENTAL", n.CustomerServiceRecord.CustomerName)
	assert.Equal(t, "Lindon", n.E911Address.City)
	assert.Equal(t, "40.332486", n.E911Address.Latitude, "E911 carries the validated coordinates")

	alice, err := api.Users.Get(ctx, res.Account.ID, res.Users["alice"].ID)
	require.NoError(t, err)
	assert.Equal(t, main, alice.CallerIDConfig.CallerIDNumber)
	assert.Equal(t, "2001", alice.Extension)
	assert.Equal(t, alianza.UserProductPlanStandard, alice.UserProductPlan)

	require.Len(t, res.Devices, 2)
	assert.Equal(t, main, res.Devices[0].EmergencyNumber, "911 callback defaults to the user's caller ID")
	assert.Equal(t, "0004F2000001", res.Devices[0].MACAddress)

	p, err := c.Panel(ctx, ByAccountNumber("BCC-1"))
	require.NoError(t, err)
	require.Len(t, p.SIPLines, 2)
	assert.Equal(t, "alice-sip-pw", p.SIPLines[0].SIPPassword.Reveal())
}

func TestProvisionHomePhoneAccount(t *testing.T) {
	srv, c := newTest(t, nil)
	ctx := context.Background()
	res, err := c.Provision(ctx, homeSpec("HOME-1"), nil)
	require.NoError(t, err)

	assert.Equal(t, alianza.AccountTypeSimple, res.Account.AccountType)
	assert.Equal(t, 28, res.Account.BillingCycleDay, "the CRM's day 31 is provisioned as 28")
	assert.Equal(t, []string{"billing cycle day 31 provisioned as 28: Alianza allows days 1 to 28"}, res.Notes)
	home := res.Numbers["home"]
	assert.True(t, strings.HasPrefix(home, "1713"), "found near Houston: %s", home)
	carol := res.Users["carol"]
	assert.Empty(t, carol.Extension)
	assert.Empty(t, carol.UserProductPlan, "Home Phone users have no product plan")
	n, err := c.API().TelephoneNumbers.Get(ctx, res.Account.ID, home)
	require.NoError(t, err)
	assert.Equal(t, alianza.CustomerTypeResidential, n.CustomerServiceRecord.CustomerType)
	assert.Equal(t, "Jones", n.CustomerServiceRecord.LastName)
	require.Len(t, res.Devices, 1)
	assert.Equal(t, "SPA112", res.Devices[0].DeviceTypeID)
	assert.Equal(t, home, res.Devices[0].EmergencyNumber)

	p, err := c.Panel(ctx, ByPhoneNumber(home))
	require.NoError(t, err)
	assert.Equal(t, "HOME-1", p.AccountNumber)
	require.Len(t, p.SIPLines, 1)
	assert.False(t, p.SIPLines[0].SIPPassword.IsZero(), "the platform generated the ATA's SIP password")
	assert.Equal(t, []alianza.UserProductPlan{alianza.UserProductPlanStandard}, []alianza.UserProductPlan{p.ProductPlans[0].ID})
	// A SIMPLE account is created without extensionLength, which the spec's
	// description allows although its schema lists the field as required:
	// the fake knows, so the create is no violation.
	assert.Empty(t, srv.Violations())
}

func TestProvisionSIPTrunkAccount(t *testing.T) {
	srv, c := newTest(t, nil)
	ctx := context.Background()
	res, err := c.Provision(ctx, trunkSpec("TRUNK-1"), nil)
	require.NoError(t, err)
	api := c.API()

	require.NotNil(t, res.Trunk)
	trunk, err := api.SipTrunks.Get(ctx, res.Account.ID, res.Trunk.ID)
	require.NoError(t, err)
	assert.Equal(t, "widgets-TRUNK-1", trunk.SIPUsername)
	assert.Equal(t, "trunk-secret-pw", trunk.SIPPassword.Reveal())
	assert.Equal(t, 8, trunk.ConcurrentCalls)
	assert.Equal(t, res.Numbers["main"], trunk.CallbackNumber)
	assert.Equal(t, res.Numbers["main"], trunk.PrimaryTN)
	assert.ElementsMatch(t, []string{res.Numbers["main"], res.Numbers["fax"]}, trunk.TelephoneNumbers, "both numbers route to the trunk")

	fwd, err := api.SipTrunks.GetForwarding(ctx, res.Account.ID, trunk.ID)
	require.NoError(t, err)
	require.Len(t, fwd.ForwardOnFailure, 1)
	assert.Equal(t, alianza.ForwardReferenceTypeVoicemail, fwd.ForwardOnFailure[0].ReferenceType)

	require.NoError(t, srv.SetRegistered(trunk.ID, true))
	reg, err := api.SipTrunks.GetRegistrationStatus(ctx, res.Account.ID, trunk.ID)
	require.NoError(t, err)
	assert.True(t, reg.Registered)
}

func TestProvisionValidatesEverythingFirst(t *testing.T) {
	srv, c := newTest(t, nil)
	spec := bccSpec("BAD-1")
	spec.AccountNumber = "X"
	spec.BillingCycleDay = 32
	spec.ExtensionLength = 9
	spec.Users[1].Extension = "20"
	spec.Numbers[0].PostalCode = ""
	spec.Numbers[1].User = "nobody"
	spec.Devices[0].MAC = "not-a-mac"
	spec.Devices[1].SIPPassword = "short"
	spec.Trunk = &TrunkSpec{Name: "T", SIPUsername: "bad user!", SIPPassword: "pw", ConcurrentCalls: 0, CallbackNumber: "nope"}

	_, err := c.Provision(context.Background(), spec, nil)
	require.ErrorIs(t, err, alianza.ErrValidation)
	var ve *alianza.ValidationError
	require.True(t, errors.As(err, &ve))
	for _, f := range []string{
		"accountNumber", "billingCycleDay", "extensionLength", "users[1].extension", "numbers[0].postalCode",
		"numbers[1].user", "devices[0].mac", "devices[1].sipPassword", "trunk.sipUsername", "trunk.sipPassword",
		"trunk.concurrentCalls", "trunk.callbackNumber",
	} {
		assert.NotNil(t, ve.Field(f), "expected an error on %s in %v", f, err)
	}
	assert.NotContains(t, err.Error(), "short", "a SIP password is never echoed")
	assert.Empty(t, srv.Requests(), "no request, not even a login")

	home := homeSpec("HOME-2")
	home.Users = append(home.Users, UserSpec{Key: "dave", Username: "dave.home"})
	home.ExtensionLength = 4
	home.DialingBehavior = alianza.DialingBehaviorTypeDialNineTenDigit
	_, err = c.Provision(context.Background(), home, nil)
	require.True(t, errors.As(err, &ve))
	for _, f := range []string{"users", "extensionLength", "dialingBehavior"} {
		assert.NotNil(t, ve.Field(f), "expected an error on %s in %v", f, err)
	}
	assert.Empty(t, srv.Requests())
}

// failHalfWay provisions bccSpec with createDevice failing: account, users
// and numbers exist by then.
func failHalfWay(t *testing.T, rollback bool) (*alianzatest.Server, *Client, *ProvisionResult, error) {
	srv, c := newTest(t, nil)
	require.NoError(t, srv.FailNext(http.MethodPost, "/v2/partition/{partitionId}/account/{accountId}/deviceline", 1, http.StatusBadRequest, nil))
	res, err := c.Provision(context.Background(), bccSpec("HALF-1"), &ProvisionOptions{Rollback: rollback})
	return srv, c, res, err
}

func TestProvisionFailureReportsSteps(t *testing.T) {
	_, c, res, err := failHalfWay(t, false)
	require.ErrorIs(t, err, alianza.ErrBadRequest)
	var pe *ProvisionError
	require.True(t, errors.As(err, &pe))
	assert.Equal(t, "create device line Alice desk line 1", pe.Step)
	assert.False(t, pe.RolledBack)

	last := res.Steps[len(res.Steps)-1]
	assert.Equal(t, pe.Step, last.Name)
	assert.False(t, last.OK())
	for _, s := range res.Steps[:len(res.Steps)-1] {
		assert.True(t, s.OK(), s.Name)
	}
	assert.Equal(t, "create account HALF-1", res.Steps[0].Name)
	assert.Empty(t, res.Rollback)

	// Without rollback what was created stays, for a person to look at.
	p, err := c.Panel(context.Background(), ByAccountNumber("HALF-1"))
	require.NoError(t, err)
	assert.Empty(t, p.SIPLines)
	tns, err := c.API().TelephoneNumbers.List(context.Background(), res.Account.ID, nil)
	require.NoError(t, err)
	assert.Len(t, tns, 2)
}

func TestProvisionFailureRollsBack(t *testing.T) {
	srv, c, res, err := failHalfWay(t, true)
	var pe *ProvisionError
	require.True(t, errors.As(err, &pe))
	assert.True(t, pe.RolledBack, "%v", pe.RollbackFailures)
	assert.True(t, res.RolledBack)
	assert.Contains(t, err.Error(), "(rolled back)")

	var undo []string
	for _, s := range res.Rollback {
		assert.True(t, s.OK(), s.Name)
		undo = append(undo, s.Name)
	}
	assert.Equal(t, []string{
		"undo: delete number " + res.Numbers["bob"],
		"undo: delete number " + res.Numbers["main"],
		"undo: delete user bob",
		"undo: delete user alice",
		"undo: delete account HALF-1",
	}, undo, "reverse order: numbers before the account")

	// The fake is clean: no account, the numbers back in inventory.
	ctx := context.Background()
	accounts, err := c.API().Accounts.List(ctx)
	require.NoError(t, err)
	assert.Empty(t, accounts)
	for _, tn := range res.Numbers {
		inv, err := c.API().TelephoneNumbers.GetInventory(ctx, tn)
		require.NoError(t, err)
		assert.True(t, inv.IsInInventory, tn)
		assert.Empty(t, inv.AccountID, tn)
	}
	_, err = c.Panel(ctx, ByAccountNumber("HALF-1"))
	assert.ErrorIs(t, err, ErrNotEnabled)
	assert.Equal(t, 2, srv.Calls("DELETE /v2/partition/{partitionId}/account/{accountId}/telephonenumber/{tn}"))
}

func TestProvisionRollbackReleasesReservation(t *testing.T) {
	srv, c := newTest(t, nil)
	require.NoError(t, srv.FailNext(http.MethodPost, "/v2/partition/{partitionId}/account/{accountId}/telephonenumber", 1, http.StatusBadRequest, nil))
	res, err := c.Provision(context.Background(), homeSpec("HOME-3"), &ProvisionOptions{Rollback: true})
	var pe *ProvisionError
	require.True(t, errors.As(err, &pe))
	assert.True(t, strings.HasPrefix(pe.Step, "add "), pe.Step)
	reserved := res.Steps[len(res.Steps)-2].ID
	require.True(t, alianza.IsTelephoneNumber(reserved))
	var undo []string
	for _, s := range res.Rollback {
		undo = append(undo, s.Name)
	}
	assert.Equal(t, []string{"undo: release reservation of " + reserved, "undo: delete user carol", "undo: delete account HOME-3"}, undo)
	assert.True(t, pe.RolledBack)

	released := false
	for _, r := range srv.Requests() {
		if r.Method == http.MethodDelete && r.Path == "/v2/partition/"+srv.PartitionID()+"/telephonenumber/"+reserved+"/reserve" && r.Status == http.StatusNoContent {
			released = true
		}
	}
	assert.True(t, released, "the reservation was released")
	accounts, err := c.API().Accounts.List(context.Background())
	require.NoError(t, err)
	assert.Empty(t, accounts)
}

func TestProvisionResultNeverPrintsSecrets(t *testing.T) {
	_, c := newTest(t, nil)
	res := provision(t, c, trunkSpec("SECRET-1"))
	var sb strings.Builder
	spec := trunkSpec("SECRET-2")
	spec.Devices = []DeviceSpec{{User: "x", SIPPassword: "device-secret-pw"}}
	for _, v := range []any{res, *res, res.Trunk, res.Steps, spec, *spec} {
		sb.WriteString(strings.Join([]string{sprintAll(v)}, ""))
	}
	assert.NotContains(t, sb.String(), "trunk-secret-pw")
	assert.NotContains(t, sb.String(), "device-secret-pw")
	assert.Contains(t, sb.String(), "account SECRET-1")
}
