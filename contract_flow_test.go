package alianza_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// flowEnv is where the provisioning flow runs: the in-process fake (the
// contract test) or the beta partition (the integration test).
type flowEnv struct {
	// prefix names everything the flow creates, so that runs on a shared
	// partition never collide and leftovers can be traced to a run.
	prefix string
	// nanos seeds the values that must be unique system-wide (MAC
	// addresses, SIP usernames).
	nanos int64
	// fake is nil on a real platform: the steps that need the fake's
	// controls (registration, lock-out) then only check what they can.
	fake *alianzatest.Server
}

func newFlowEnv(fake *alianzatest.Server) flowEnv {
	n := time.Now().UnixNano()
	return flowEnv{prefix: "goalianza-it-" + strconv.FormatInt(n, 10), nanos: n, fake: fake}
}

// mac returns a locally administered MAC address unique to the run; i
// tells the flow's devices apart.
func (e flowEnv) mac(i int) string {
	return fmt.Sprintf("02%08X%02X", uint32(e.nanos>>8), i)
}

// sipUsername is 8-36 of [A-Za-z0-9._-], unique to the run.
func (e flowEnv) sipUsername(kind string) string {
	return "gait" + kind + strconv.FormatInt(e.nanos, 36)
}

// janitor undoes what a flow created when the flow stops half-way, in
// reverse order (numbers before the account). A step the flow undid itself
// is marked done and skipped.
type janitor struct {
	t     testing.TB
	mu    sync.Mutex
	steps []*cleanupStep
}

type cleanupStep struct {
	name string
	fn   func(ctx context.Context) error
	done bool
}

func newJanitor(t testing.TB) *janitor {
	j := &janitor{t: t}
	t.Cleanup(j.run)
	return j
}

// add registers an undo step and returns the function that marks it done.
func (j *janitor) add(name string, fn func(ctx context.Context) error) (done func()) {
	s := &cleanupStep{name: name, fn: fn}
	j.mu.Lock()
	j.steps = append(j.steps, s)
	j.mu.Unlock()
	return func() {
		j.mu.Lock()
		s.done = true
		j.mu.Unlock()
	}
}

func (j *janitor) run() {
	// The test's context is already cancelled when cleanups run.
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	j.mu.Lock()
	steps := slices.Clone(j.steps)
	j.mu.Unlock()
	for _, s := range slices.Backward(steps) {
		if s.done {
			continue
		}
		if err := s.fn(ctx); err != nil && !errors.Is(err, alianza.ErrNotFound) {
			j.t.Errorf("cleanup %s: %v", s.name, err)
		}
	}
}

// guideCSR is the account creation guide's customer service record for
// 333 S 520 W, Lindon.
func guideCSR(v *alianza.AddressValidation) alianza.CustomerServiceRecord {
	csr := v.CustomerServiceRecord
	csr.CustomerType = alianza.CustomerTypeResidential
	csr.FirstName, csr.LastName = "John", "Smith"
	csr.Country = "USA"
	csr.CustomerName = "Smith John"
	return csr
}

// runProvisioningFlow calls every service method of the SDK in the order a
// CRM integration would, building the state each step needs: account, user,
// numbers routed to the user with caller ID, a device line and its
// provisioning data, a SIP trunk with forwarding, a business line with call
// handling, SIP credentials and a port, calling plans and products, then
// patches and updates of each, then the deletes.
func runProvisioningFlow(t testing.TB, c *alianza.Client, env flowEnv) {
	ctx := t.Context()
	jan := newJanitor(t)

	// Login and reference data.
	tok, err := c.Login(ctx)
	require.NoError(t, err)
	require.NotEmpty(t, tok.PartitionID)
	info, err := c.UserInfo(ctx)
	require.NoError(t, err)
	assert.Equal(t, tok.PartitionID, info.PartitionID)

	types, err := c.DeviceLines.ListTypes(ctx, nil)
	require.NoError(t, err)
	require.True(t, slices.ContainsFunc(types, func(d alianza.DeviceType) bool { return d.ID == "SPA112" }), "the account creation guide's SPA112 device type")
	products, err := c.CallingPlans.ListProducts(ctx, &alianza.ListCallingPlanProductsOptions{IncludeArchived: false})
	require.NoError(t, err)
	require.NotEmpty(t, products)

	// Account (the account creation guide's ADVANCED CPE2 account).
	acctNumber := env.prefix
	free, err := c.Accounts.ValidateProperties(ctx, &alianza.ValidatePropertiesOptions{AccountNumber: acctNumber})
	require.NoError(t, err)
	assert.True(t, free, "a new account number is free")
	acct, err := c.Accounts.Create(ctx, &alianza.CreateAccountRequest{
		AccountNumber: acctNumber, AccountName: "Customer Name", BillingCycleDay: 1,
		AccountType: alianza.AccountTypeAdvanced, TimeZone: alianza.TimeZoneUSMountain,
		DialingBehaviorType: alianza.DialingBehaviorTypeOpenDialPlanTenDigit,
		ExtensionLength:     alianza.Ptr(4), PlatformType: alianza.Ptr(alianza.PlatformTypeCPE2),
	})
	require.NoError(t, err)
	acctID := acct.ID
	undoAccount := jan.add("account "+acctID, func(ctx context.Context) error { return c.Accounts.Delete(ctx, acctID) })

	got, err := c.Accounts.Get(ctx, acctID)
	require.NoError(t, err)
	assert.Equal(t, acctNumber, got.AccountNumber)
	byNumber, err := c.Accounts.GetByNumber(ctx, acctNumber)
	require.NoError(t, err)
	assert.Equal(t, acctID, byNumber.ID)
	accounts, err := c.Accounts.List(ctx)
	require.NoError(t, err)
	assert.True(t, slices.ContainsFunc(accounts, func(a alianza.Account) bool { return a.ID == acctID }))
	found, err := c.Accounts.Search(ctx, acctNumber)
	require.NoError(t, err)
	assert.True(t, slices.ContainsFunc(found, func(a alianza.AccountView) bool { return a.ID == acctID }))
	status, err := c.Accounts.Status(ctx, acctID)
	require.NoError(t, err)
	assert.NotEmpty(t, status)
	plans, err := c.Accounts.UserProductPlans(ctx, acctID)
	require.NoError(t, err)
	assert.NotEmpty(t, plans)

	// A SIMPLE ("Home Phone") account has no extensions: the SDK refuses an
	// extension length for it, which the spec's required list contradicts.
	simple, err := c.Accounts.Create(ctx, &alianza.CreateAccountRequest{
		AccountNumber: env.prefix + "-home", AccountName: "Home Customer", BillingCycleDay: 28,
		AccountType: alianza.AccountTypeSimple, TimeZone: alianza.TimeZoneUSMountain,
		DialingBehaviorType: alianza.DialingBehaviorTypeTenDigit,
	})
	require.NoError(t, err)
	simpleID := simple.ID
	undoSimple := jan.add("account "+simpleID, func(ctx context.Context) error { return c.Accounts.Delete(ctx, simpleID) })

	// User (the account creation guide's STANDARD user; a plain username, as the spec asks
	// for ADVANCED accounts).
	username := env.prefix + "-jsmith"
	user, err := c.Users.Create(ctx, acctID, &alianza.CreateUserRequest{
		TimeZone: alianza.TimeZoneUSMountain, Username: alianza.Ptr(username),
		FirstName: alianza.Ptr("John"), LastName: alianza.Ptr("Smith"),
		EmailAddress: alianza.Ptr("john.smith@example.com"), UserProductPlan: alianza.Ptr(alianza.UserProductPlanStandard),
		Extension: alianza.Ptr("4000"), EndUserType: alianza.Ptr(alianza.EndUserTypeStandard),
		AllowPortalAccess: alianza.Ptr(true), BlockEmail: alianza.Ptr(true),
	})
	require.NoError(t, err)
	userID := user.ID
	undoUser := jan.add("user "+userID, func(ctx context.Context) error { return c.Users.Delete(ctx, acctID, userID) })
	users, err := c.Users.List(ctx, acctID, &alianza.ListUsersOptions{LimitedData: true})
	require.NoError(t, err)
	assert.True(t, slices.ContainsFunc(users, func(u alianza.User) bool { return u.ID == userID }))
	gotUser, err := c.Users.Get(ctx, acctID, userID)
	require.NoError(t, err)
	assert.Equal(t, username, gotUser.Username)
	gotUser, err = c.Users.GetByUsername(ctx, acctID, username)
	require.NoError(t, err)
	assert.Equal(t, userID, gotUser.ID)

	// Address validation and number search near it, as in the account
	// creation guide.
	addr, err := c.Addresses.Validate(ctx, &alianza.ValidateAddressOptions{
		Address: "333 S 520 W, Lindon, UT", Country: alianza.CountryUSA, PostalCode: "84042",
	})
	require.NoError(t, err)
	require.True(t, addr.Valid)
	suggestions, err := c.Addresses.TypeAhead(ctx, &alianza.TypeAheadOptions{Address: "333 S", Country: alianza.CountryUSA, PostalCode: "84042"})
	require.NoError(t, err)
	assert.NotNil(t, suggestions)

	search, err := addr.SearchNearby(3)
	require.NoError(t, err)
	avail, err := c.TelephoneNumbers.Search(ctx, search)
	require.NoError(t, err)
	require.Len(t, avail, 3, "three numbers near the account creation guide's address")
	tns := []string{avail[0].PhoneNumber, avail[1].PhoneNumber, avail[2].PhoneNumber}
	undoReserve := map[string]func(){}
	for _, tn := range tns {
		res, err := c.TelephoneNumbers.Reserve(ctx, tn)
		require.NoError(t, err)
		assert.True(t, res.Reserved)
		undoReserve[tn] = jan.add("reservation "+tn, func(ctx context.Context) error { return c.TelephoneNumbers.ReleaseReservation(ctx, tn) })
	}
	// The third number is not needed after all.
	require.NoError(t, c.TelephoneNumbers.ReleaseReservation(ctx, tns[2]))
	undoReserve[tns[2]]()
	inv, err := c.TelephoneNumbers.GetInventory(ctx, tns[0])
	require.NoError(t, err)
	assert.Equal(t, tns[0], inv.PhoneNumber)
	_, err = c.TelephoneNumbers.ListInventory(ctx)
	require.NoError(t, err)

	csr := guideCSR(addr)
	e911 := addr.E911Address()
	e911.FirstName, e911.LastName = "John", "Smith"
	add := alianza.NewAddTelephoneNumbersRequest(csr, tns[0], tns[1])
	add.E911Address = &e911
	_, err = c.TelephoneNumbers.AddToAccount(ctx, acctID, add)
	require.NoError(t, err)
	undoTN := map[string]func(){}
	for _, tn := range tns[:2] {
		undoReserve[tn]() // the reservation ends with the activation
		undoTN[tn] = jan.add("number "+tn, func(ctx context.Context) error { return c.TelephoneNumbers.Delete(ctx, acctID, tn) })
	}
	onAccount, err := c.TelephoneNumbers.List(ctx, acctID, &alianza.ListAccountTelephoneNumbersOptions{LimitedData: false})
	require.NoError(t, err)
	assert.Len(t, onAccount, 2)
	num, err := c.TelephoneNumbers.Get(ctx, acctID, tns[0])
	require.NoError(t, err)
	assert.Equal(t, acctID, num.AccountID)

	// Route the first number to the user, as the user's caller ID.
	dest, err := c.TelephoneNumbers.RouteToUser(ctx, acctID, tns[0], userID, true)
	require.NoError(t, err)
	assert.Equal(t, userID, dest.ReferenceID)
	gotUser, err = c.Users.Get(ctx, acctID, userID)
	require.NoError(t, err)
	assert.Equal(t, tns[0], gotUser.CallerIDConfig.CallerIDNumber)

	// Device line for the user and its provisioning data.
	dev, err := c.DeviceLines.Create(ctx, acctID, &alianza.CreateDeviceRequest{
		DeviceTypeID: "SPA112", DeviceName: "Line", UserID: userID, LineNumber: 1, FaxEnabled: false,
		MACAddress: alianza.Ptr(env.mac(1)), EmergencyNumber: alianza.Ptr(tns[0]),
	})
	require.NoError(t, err)
	devID := dev.ID
	undoDev := jan.add("device line "+devID, func(ctx context.Context) error { return c.DeviceLines.Delete(ctx, acctID, devID) })
	devs, err := c.DeviceLines.ListByAccount(ctx, acctID)
	require.NoError(t, err)
	assert.True(t, slices.ContainsFunc(devs, func(d alianza.Device) bool { return d.ID == devID }), "listDevices filterType=ACCOUNT returns the account's line")
	byMAC, err := c.DeviceLines.List(ctx, acctID, &alianza.ListDevicesOptions{FilterType: alianza.DeviceFilterTypeMACAddress, Filter: env.mac(1)})
	require.NoError(t, err)
	assert.True(t, slices.ContainsFunc(byMAC, func(d alianza.Device) bool { return d.ID == devID }))
	gotDev, err := c.DeviceLines.Get(ctx, acctID, devID)
	require.NoError(t, err)
	assert.Equal(t, userID, gotDev.UserID)
	prov, err := c.DeviceLines.ProvisioningData(ctx, acctID, devID)
	require.NoError(t, err)
	line, ok := prov.Line(1)
	require.True(t, ok, "provisioning data has line 1")
	assert.NotEmpty(t, line.SIPUsername)
	if env.fake != nil {
		require.NoError(t, env.fake.SetRegistered(devID, true))
	}
	reg, err := c.DeviceLines.RegistrationStatus(ctx, acctID, devID)
	require.NoError(t, err)
	assert.Equal(t, env.fake != nil, reg.Registered)

	// SIP trunk (the SIP trunking and account creation guides), its forwarding, registration and unlock.
	trunkPassword := alianza.Secret("Tr-" + strconv.FormatInt(env.nanos, 36))
	trunk, err := c.SipTrunks.Create(ctx, acctID, &alianza.CreateSipTrunkRequest{
		TrunkName: "TRUNK-NAME", SIPUsername: env.sipUsername("t"), SIPPassword: trunkPassword, ConcurrentCalls: 10,
		CallbackNumber: alianza.Ptr(tns[1]), PrimaryTN: alianza.Ptr(tns[1]), LocalServicesEnabled: alianza.Ptr(true),
		ExtensionPatterns: []string{"21XX"},
	})
	require.NoError(t, err)
	trunkID := trunk.ID
	undoTrunk := jan.add("SIP trunk "+trunkID, func(ctx context.Context) error { return c.SipTrunks.Delete(ctx, acctID, trunkID) })
	trunks, err := c.SipTrunks.List(ctx, acctID)
	require.NoError(t, err)
	assert.True(t, slices.ContainsFunc(trunks, func(s alianza.SipTrunk) bool { return s.ID == trunkID }))
	gotTrunk, err := c.SipTrunks.Get(ctx, acctID, trunkID)
	require.NoError(t, err)
	assert.Equal(t, "TRUNK-NAME", gotTrunk.TrunkName)
	require.NoError(t, c.SipTrunks.UpdateForwarding(ctx, acctID, trunkID, &alianza.UpdateSipTrunkForwardRulesRequest{
		ForwardAlways:             &alianza.ForwardAlwaysReference{ReferenceType: alianza.ForwardReferenceTypeTelephone, ReferenceID: "18015551212", Enabled: false},
		ForwardOnFailure:          []alianza.ForwardReference{{ReferenceType: alianza.ForwardReferenceTypeVoicemail, ReferenceID: userID}},
		ForwardOnCapacityExceeded: []alianza.ForwardReference{{ReferenceType: alianza.ForwardReferenceTypeEndUser, ReferenceID: userID}},
	}))
	fwd, err := c.SipTrunks.GetForwarding(ctx, acctID, trunkID)
	require.NoError(t, err)
	require.NotNil(t, fwd.ForwardAlways)
	assert.Equal(t, "18015551212", fwd.ForwardAlways.ReferenceID)
	trunkReg, err := c.SipTrunks.GetRegistrationStatus(ctx, acctID, trunkID)
	require.NoError(t, err)
	assert.False(t, trunkReg.Registered)
	if env.fake != nil {
		require.NoError(t, env.fake.LockOutSipTrunk(trunkID))
	}
	unlocked, err := c.SipTrunks.Unlock(ctx, acctID, trunkID)
	require.NoError(t, err)
	assert.False(t, unlocked.LockedOut)

	// Business line with call handling, SIP credentials and an ATA port.
	bl, err := c.BusinessLines.Create(ctx, acctID, &alianza.CreateBusinessLineRequest{
		Name: "West Lobby", CallerIDPhoneNumber: alianza.Ptr(tns[1]), CallerIDVisible: alianza.Ptr(true),
		EmergencyCallbackPhoneNumber: alianza.Ptr(tns[1]),
	})
	require.NoError(t, err)
	blID := bl.ID
	undoBL := jan.add("business line "+blID, func(ctx context.Context) error { return c.BusinessLines.Delete(ctx, acctID, blID) })
	lines, err := c.BusinessLines.List(ctx, acctID)
	require.NoError(t, err)
	assert.True(t, slices.ContainsFunc(lines, func(b alianza.BusinessLine) bool { return b.ID == blID }))
	gotBL, err := c.BusinessLines.Get(ctx, acctID, blID)
	require.NoError(t, err)
	assert.Equal(t, "West Lobby", gotBL.Name)
	ch := alianza.DefaultCallHandling()
	ch.RingTimeoutConfiguration = alianza.RingLimited(30, alianza.FailoverToVoicemail())
	_, err = c.BusinessLines.UpdateCallHandling(ctx, acctID, blID, ch)
	require.NoError(t, err)
	gotCH, err := c.BusinessLines.GetCallHandling(ctx, acctID, blID)
	require.NoError(t, err)
	assert.Equal(t, alianza.RingTimeoutConfigurationTypeLimited, gotCH.RingTimeoutConfiguration.Type)
	_, err = c.BusinessLines.UpdateSIPCredentials(ctx, acctID, blID, &alianza.UpdateSIPCredentialsRequest{
		SIPUsername: env.sipUsername("b"), SIPPassword: alianza.Secret("Bl-" + strconv.FormatInt(env.nanos, 36)),
	})
	require.NoError(t, err)
	creds, err := c.BusinessLines.GetSIPCredentials(ctx, acctID, blID)
	require.NoError(t, err)
	assert.Equal(t, env.sipUsername("b"), creds.SIPUsername)
	_, err = c.BusinessLines.CreatePortAssignment(ctx, acctID, blID, &alianza.CreatePortAssignmentRequest{
		DeviceTypeID: "SPA112", MACAddress: alianza.Ptr(env.mac(2)), PortNumber: alianza.Ptr(1), FaxEnabled: alianza.Ptr(false),
	})
	require.NoError(t, err)
	undoPort := jan.add("port assignment "+blID, func(ctx context.Context) error { return c.BusinessLines.DeletePortAssignment(ctx, acctID, blID) })
	port, err := c.BusinessLines.GetPortAssignment(ctx, acctID, blID)
	require.NoError(t, err)
	assert.Equal(t, 1, port.PortNumber)
	_, err = c.BusinessLines.UpdatePortAssignment(ctx, acctID, blID, &alianza.UpdatePortAssignmentRequest{
		DeviceTypeID: "SPA112", MACAddress: alianza.Ptr(env.mac(2)), PortNumber: alianza.Ptr(2), FaxEnabled: alianza.Ptr(true),
	})
	require.NoError(t, err)
	_, err = c.BusinessLines.GetRegistrationStatus(ctx, acctID, blID)
	require.NoError(t, err)
	_, err = c.TelephoneNumbers.RouteToBusinessLine(ctx, acctID, tns[1], blID)
	require.NoError(t, err)

	// Calling plans: a product of the partition, attached to the user.
	prod, err := c.CallingPlans.CreateProduct(ctx, &alianza.CreateCallingPlanProductRequest{
		Name: env.prefix + " plan", PlanMinutes: alianza.Ptr(500), AllowOverage: alianza.Ptr(true),
		Allow411: alianza.Ptr(true), CallRateFor411: alianza.Ptr(0.5), RateTypeFor411: alianza.Ptr(alianza.RateTypePerCall),
	})
	require.NoError(t, err)
	prodID := prod.ID
	undoProd := jan.add("calling plan product "+prodID, func(ctx context.Context) error { return c.CallingPlans.ArchiveProduct(ctx, prodID) })
	gotProd, err := c.CallingPlans.GetProduct(ctx, prodID)
	require.NoError(t, err)
	assert.Equal(t, 500, gotProd.PlanMinutes)
	_, err = c.CallingPlans.UpdateProduct(ctx, prodID, &alianza.UpdateCallingPlanProductRequest{
		Name: env.prefix + " plan", PlanMinutes: alianza.Ptr(1000), AllowOverage: alianza.Ptr(true),
	})
	require.NoError(t, err)
	patchedProd, err := c.CallingPlans.PatchProduct(ctx, prodID, &alianza.PatchCallingPlanProductRequest{AllowOverage: alianza.Ptr(false)})
	require.NoError(t, err)
	assert.False(t, patchedProd.AllowOverage)
	_, err = c.CallingPlans.Add(ctx, acctID, &alianza.ModifyCallingPlanRequest{
		ReferenceType: alianza.CallingPlanReferenceTypeEndUser, ReferenceID: userID,
		CallingPlanReferenceID: prodID, Pending: alianza.Ptr(false),
	})
	require.NoError(t, err)
	userPlans, err := c.CallingPlans.List(ctx, acctID, &alianza.ListCallingPlansOptions{ReferenceType: alianza.CallingPlanReferenceTypeEndUser, ReferenceID: userID})
	require.NoError(t, err)
	assert.True(t, slices.ContainsFunc(userPlans, func(p alianza.CallingPlan) bool { return p.CallingPlanProductID == prodID }))
	_, err = c.CallingPlans.Remove(ctx, acctID, &alianza.ModifyCallingPlanRequest{
		ReferenceType: alianza.CallingPlanReferenceTypeEndUser, ReferenceID: userID, CallingPlanReferenceID: prodID,
	})
	require.NoError(t, err)

	// Patches and full updates of each resource.
	_, err = c.Accounts.Patch(ctx, acctID, &alianza.PatchAccountRequest{AccountName: alianza.Ptr("Customer Name Renamed")})
	require.NoError(t, err)
	_, err = c.Accounts.SetStatus(ctx, acctID, alianza.AccountStatusActive)
	require.NoError(t, err)
	got, err = c.Accounts.Get(ctx, acctID)
	require.NoError(t, err)
	upd := got.UpdateRequest()
	upd.HoldTimeoutSeconds = alianza.Ptr(120)
	updated, err := c.Accounts.Update(ctx, acctID, upd)
	require.NoError(t, err)
	assert.Equal(t, "Customer Name Renamed", updated.AccountName)

	_, err = c.Users.Patch(ctx, acctID, userID, &alianza.PatchUserRequest{LastName: alianza.Ptr("Smithson")})
	require.NoError(t, err)
	_, err = c.Users.Update(ctx, acctID, userID, &alianza.UpdateUserRequest{
		TimeZone: alianza.TimeZoneUSMountain, Username: alianza.Ptr(username),
		FirstName: alianza.Ptr("Johnny"), LastName: alianza.Ptr("Smithson"),
		EmailAddress: alianza.Ptr("john.smith@example.com"), UserProductPlan: alianza.Ptr(alianza.UserProductPlanStandard),
		Extension: alianza.Ptr("4001"), EndUserType: alianza.Ptr(alianza.EndUserTypeStandard),
		CallerIDConfig: &alianza.CallerIDConfig{CallerIDNumber: tns[0], ExternalCallerIDVisible: true},
	})
	require.NoError(t, err)

	_, err = c.TelephoneNumbers.Patch(ctx, acctID, tns[0], &alianza.PatchTelephoneNumberRequest{CanAcceptSMS: alianza.Ptr(false)})
	require.NoError(t, err)
	num, err = c.TelephoneNumbers.Get(ctx, acctID, tns[0])
	require.NoError(t, err)
	_, err = c.TelephoneNumbers.Update(ctx, acctID, tns[0], num.UpdateRequest())
	require.NoError(t, err)

	// Call records of the account's numbers: a page, every record through
	// pages of 2, and the platform's CSV export.
	day := time.Now().UTC().Format(alianza.DateLayout)
	cdrOpts := &alianza.CallRecordSearchOptions{StartDate: day, EndDate: day, MaxResult: 2}
	page, err := c.CallRecords.Search(ctx, acctID, cdrOpts)
	require.NoError(t, err)
	records := 0
	for _, err := range c.CallRecords.All(ctx, acctID, cdrOpts) {
		require.NoError(t, err)
		records++
	}
	assert.EqualValues(t, page.TotalRecords, records)
	var cdrCSV strings.Builder
	var csvWait *alianza.WaitOptions // the platform's own pace
	if env.fake != nil {
		csvWait = &alianza.WaitOptions{
			Interval: time.Millisecond, MaxInterval: time.Millisecond,
			Progress: func(*alianza.Job) { env.fake.Advance(alianzatest.JobPendingFor) }, // the fake's job moves on at each poll
		}
	}
	_, err = c.CallRecords.CSV(ctx, acctID, cdrOpts, &cdrCSV, csvWait)
	require.NoError(t, err)
	assert.NotEmpty(t, cdrCSV.String())

	_, err = c.DeviceLines.Patch(ctx, acctID, devID, &alianza.PatchDeviceRequest{DeviceName: alianza.Ptr("Kitchen")})
	require.NoError(t, err)
	_, err = c.DeviceLines.Update(ctx, acctID, devID, &alianza.UpdateDeviceRequest{
		DeviceTypeID: "SPA112", DeviceName: "Kitchen phone", UserID: userID, LineNumber: 1, FaxEnabled: false,
		MACAddress: alianza.Ptr(env.mac(1)), EmergencyNumber: alianza.Ptr(tns[0]),
	})
	require.NoError(t, err)

	_, err = c.SipTrunks.Patch(ctx, acctID, trunkID, &alianza.PatchSipTrunkRequest{ConcurrentCalls: alianza.Ptr(12)})
	require.NoError(t, err)
	gotTrunk, err = c.SipTrunks.Get(ctx, acctID, trunkID)
	require.NoError(t, err)
	trunkUpd := gotTrunk.UpdateRequest()
	trunkUpd.SIPPassword = trunkPassword // never returned, so a full replace must send it again
	trunkUpd.MaxBurstCalls = alianza.Ptr(2)
	_, err = c.SipTrunks.Update(ctx, acctID, trunkID, trunkUpd)
	require.NoError(t, err)

	blUpd := gotBL.UpdateRequest()
	blUpd.Name = "East Lobby"
	_, err = c.BusinessLines.Update(ctx, acctID, blID, blUpd)
	require.NoError(t, err)

	// Deletes: everything that uses a number, the numbers, then the account.
	require.NoError(t, c.BusinessLines.DeletePortAssignment(ctx, acctID, blID))
	undoPort()
	require.NoError(t, c.BusinessLines.Delete(ctx, acctID, blID))
	undoBL()
	require.NoError(t, c.SipTrunks.Delete(ctx, acctID, trunkID))
	undoTrunk()
	require.NoError(t, c.DeviceLines.Delete(ctx, acctID, devID))
	undoDev()
	for _, tn := range tns[:2] {
		require.NoError(t, c.TelephoneNumbers.Delete(ctx, acctID, tn))
		undoTN[tn]()
	}
	require.NoError(t, c.Users.Delete(ctx, acctID, userID))
	undoUser()
	require.NoError(t, c.CallingPlans.ArchiveProduct(ctx, prodID))
	undoProd()
	require.NoError(t, c.Accounts.Delete(ctx, simpleID))
	undoSimple()
	require.NoError(t, c.Accounts.Delete(ctx, acctID))
	undoAccount()
	_, err = c.Accounts.Get(ctx, acctID)
	assert.ErrorIs(t, err, alianza.ErrNotFound)

	require.NoError(t, c.Logout(ctx))
}
