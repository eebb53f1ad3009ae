package alianza

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// udFieldErr asserts err is a validation error naming field, and returns
// the rule.
func udFieldErr(t *testing.T, err error, field string) string {
	t.Helper()
	require.Error(t, err)
	require.True(t, errors.Is(err, ErrValidation), "not a validation error: %v", err)
	var ve *ValidationError
	if errors.As(err, &ve) {
		fe := ve.Field(field)
		require.NotNil(t, fe, "no error for %s in: %v", field, err)
		return fe.Rule
	}
	var fe *FieldError
	require.True(t, errors.As(err, &fe))
	require.Equal(t, field, fe.Field, "%v", err)
	return fe.Rule
}

// udJSONMap decodes a fixture into a generic map.
func udJSONMap(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal(b, &m))
	return m
}

func TestUserFixtures(t *testing.T) {
	t.Run("guide create response", func(t *testing.T) {
		// The account creation guide's example user response is invalid
		// JSON: callHandlingSettings is never closed. The fixture closes it after ringPhoneCallHandling.
		raw := fixture(t, "user/create_response_003.json")
		var u User
		decodeStrict(t, raw, &u)
		assert.Equal(t, "Nyaqv4uxQAKFr_wt_KPmFw", u.ID)
		assert.Equal(t, TimeZoneUSMountain, u.TimeZone)
		assert.Equal(t, "4000", u.Extension)
		assert.Equal(t, UserProductPlanStandard, u.UserProductPlan)
		assert.Equal(t, EndUserTypeStandard, u.EndUserType)
		assert.True(t, u.MustChangePassword)
		assert.True(t, u.AllowPortalAccess)
		assert.True(t, u.CallerIDConfig.ExtensionCallerIDVisible)
		require.NotNil(t, u.CallHandlingSettings.CallWaitingEnabled)
		assert.True(t, *u.CallHandlingSettings.CallWaitingEnabled)
		require.NotNil(t, u.CallHandlingSettings.DoNotDisturbEnabled)
		assert.False(t, *u.CallHandlingSettings.DoNotDisturbEnabled)
		rp := u.CallHandlingSettings.RingPhoneCallHandling
		require.NotNil(t, rp)
		assert.Equal(t, 20, rp.NoAnswerCallHandling.Timeout)
		assert.Equal(t, CallHandlingTypeVoicemail, rp.BusyCallHandling.Type)
		assert.Equal(t, CallScreenActionAllow, u.CallScreeningSettings.DefaultCallScreen)
		require.Len(t, u.CallingPlans, 1)
		assert.Equal(t, CallingPlanReferenceType("END_USER"), u.CallingPlans[0].ReferenceType)
		assert.Equal(t, time.Date(2024, 2, 14, 12, 46, 46, 380e6, time.UTC), u.WelcomeEmailSent.UTC())
		assertRoundTrip(t, raw, u)
	})
	t.Run("guide create request", func(t *testing.T) {
		raw := fixture(t, "user/create_request_003.json")
		var u User
		decodeStrict(t, raw, &u)
		assert.Equal(t, "john.smith@example.com", u.Username)
		assertRoundTrip(t, raw, u)
		// The same document as a request type sends exactly its fields.
		var req CreateUserRequest
		decodeStrict(t, raw, &req)
		require.NoError(t, req.Validate())
		b, err := json.Marshal(req)
		require.NoError(t, err)
		assert.JSONEq(t, string(raw), string(b))
	})
	t.Run("every spec field", func(t *testing.T) {
		// The documents have no user with schedules, simultaneous ring,
		// find-me or media friends: this fixture is built from the spec's
		// schemas (EndUserV2X and the schemas it references).
		raw := fixture(t, "user/full_spec.json")
		var u User
		decodeStrict(t, raw, &u)
		assertRoundTrip(t, raw, u)
		require.Len(t, u.Devices, 1)
		assert.Equal(t, "VVX400", u.Devices[0].DeviceTypeID)
		assert.Equal(t, testSIPSecret, u.Devices[0].SIPPassword.Reveal())
		sr := u.CallHandlingSettings.SimultaneousRingCallHandling
		require.NotNil(t, sr)
		assert.Equal(t, 0, sr.ForwardToTimedNumberList[0].RingDelay)
		require.NotNil(t, sr.ContinueOnBusy)
		assert.False(t, *sr.ContinueOnBusy)
		require.NotNil(t, u.MediaFriends.Enabled)
		assert.False(t, *u.MediaFriends.Enabled)
		require.Len(t, u.CallHandlingSchedules, 1)
		sch := u.CallHandlingSchedules[0].Schedule
		assert.Equal(t, ScheduleTypeWeekly, sch.Type)
		assert.Equal(t, "17:00", sch.Weekly["main"].Mon.EndTime)
		assert.Equal(t, "Sales", u.Group.Name)
		assert.Equal(t, SoftphoneClientTypeCymbus, u.SoftphoneClientType)
		// A user holds devices, which hold SIP passwords.
		s := fmt.Sprintf("%v %+v %#v", u, u, u)
		assert.NotContains(t, s, testSIPSecret)
		var buf strings.Builder
		udLogger(&buf).Info("user", "user", u)
		assert.NotContains(t, buf.String(), testSIPSecret)
		assert.Contains(t, buf.String(), "jsmith-desk.1")
	})
}

func TestUsersCreate(t *testing.T) {
	c, mt := newMockClient(t)
	captured := mockOp(t, mt, "UsersService.Create", []string{"ACC 1/x"}, 200, fixture(t, "user/create_response_003.json"))
	u, err := c.Users.Create(context.Background(), "ACC 1/x", &CreateUserRequest{
		Username:          Ptr("john.smith@example.com"),
		FirstName:         Ptr("John"),
		LastName:          Ptr("Smith"),
		EmailAddress:      Ptr("john.smith@example.com"),
		UserProductPlan:   Ptr(UserProductPlanStandard),
		TimeZone:          TimeZoneUSMountain,
		Extension:         Ptr("4000"),
		EndUserType:       Ptr(EndUserTypeStandard),
		AllowPortalAccess: Ptr(true),
		BlockEmail:        Ptr(false),
	})
	require.NoError(t, err)
	assert.Equal(t, udJSONMap(t, fixture(t, "user/create_request_003.json")), captured.BodyMap(t))
	assert.Empty(t, captured.Query())
	assert.Equal(t, "Nyaqv4uxQAKFr_wt_KPmFw", u.ID)
	assert.Equal(t, "H6WvtW6cRi6P9uI3HTTUNA", u.VoicemailBoxID)
}

func TestUsersCreateSendsOnlyTimeZoneWhenMinimal(t *testing.T) {
	c, mt := newMockClient(t)
	captured := mockOp(t, mt, "UsersService.Create", []string{"ACC1"}, 200, `{"id":"U1","timeZone":"US/Eastern"}`)
	_, err := c.Users.Create(context.Background(), "ACC1", &CreateUserRequest{TimeZone: TimeZoneUSEastern})
	require.NoError(t, err)
	assert.Equal(t, map[string]any{"timeZone": "US/Eastern"}, captured.BodyMap(t))
}

func TestUsersList(t *testing.T) {
	t.Run("limitedData", func(t *testing.T) {
		c, mt := newMockClient(t)
		captured := mockOp(t, mt, "UsersService.List", []string{"ACC1"}, 200,
			`[{"id":"U1","timeZone":"US/Eastern"},{"id":"U2","timeZone":"US/Pacific","username":"bob"}]`)
		users, err := c.Users.List(context.Background(), "ACC1", &ListUsersOptions{LimitedData: true})
		require.NoError(t, err)
		assert.Equal(t, "true", captured.Query().Get("limitedData"))
		require.Len(t, users, 2)
		assert.Equal(t, "bob", users[1].Username)
		assert.Equal(t, TimeZoneUSPacific, users[1].TimeZone)
	})
	t.Run("nil options, empty list", func(t *testing.T) {
		c, mt := newMockClient(t)
		captured := mockOp(t, mt, "UsersService.List", []string{"ACC/2 x"}, 200, `[]`)
		users, err := c.Users.List(context.Background(), "ACC/2 x", nil)
		require.NoError(t, err)
		assert.Empty(t, captured.Query())
		assert.Empty(t, users)
	})
}

func TestUsersGet(t *testing.T) {
	c, mt := newMockClient(t)
	captured := mockOp(t, mt, "UsersService.Get", []string{"ACC1", "U 1/2"}, 200, `{"id":"U 1/2","timeZone":"US/Central"}`)
	u, err := c.Users.Get(context.Background(), "ACC1", "U 1/2")
	require.NoError(t, err)
	assert.Equal(t, "ID", captured.Query().Get("idType"))
	assert.Equal(t, "U 1/2", u.ID)
	assert.Nil(t, captured.Body())
}

func TestUsersGetByUsername(t *testing.T) {
	c, mt := newMockClient(t)
	// A username may be an email, or hold a "/" or a space: it is one
	// escaped path segment.
	captured := mockOp(t, mt, "UsersService.Get", []string{"ACC1", "john smith/ops@example.com"}, 200,
		`{"id":"U9","username":"john smith/ops@example.com","timeZone":"US/Central"}`)
	u, err := c.Users.GetByUsername(context.Background(), "ACC1", "john smith/ops@example.com")
	require.NoError(t, err)
	assert.Equal(t, "UserName", captured.Query().Get("idType"))
	assert.Equal(t, "U9", u.ID)
}

func TestUsersUpdate(t *testing.T) {
	c, mt := newMockClient(t)
	captured := mockOp(t, mt, "UsersService.Update", []string{"ACC1", "U1"}, 200, fixture(t, "user/create_response_003.json"))
	u, err := c.Users.Update(context.Background(), "ACC1", "U1", &UpdateUserRequest{
		TimeZone:       TimeZoneUSMountain,
		FirstName:      Ptr("John"),
		VoicemailBoxID: Ptr("H6WvtW6cRi6P9uI3HTTUNA"),
		PINLockedOut:   Ptr(false),
		CallerIDConfig: &CallerIDConfig{CallerIDNumber: "18015551212"},
		CallHandlingSettings: &CallHandlingSettings{
			CallWaitingEnabled:     Ptr(false),
			CallHandlingOptionType: CallHandlingOptionTypeRingPhone,
			RingPhoneCallHandling: &RingPhoneCallHandling{
				NoAnswerCallHandling: &UserCallHandlingWithTimeout{Type: CallHandlingTypeForward, Timeout: 24, ForwardToNumber: "18015550000"},
			},
		},
	})
	require.NoError(t, err)
	assert.Equal(t, map[string]any{
		"timeZone":       "US/Mountain",
		"firstName":      "John",
		"voicemailBoxId": "H6WvtW6cRi6P9uI3HTTUNA",
		"pinLockedOut":   false,
		// The visibility flags are required by CallerIdConfigX: always sent.
		"callerIdConfig": map[string]any{"callerIdNumber": "18015551212", "externalCallerIdVisible": false, "extensionCallerIdVisible": false},
		"callHandlingSettings": map[string]any{
			"callWaitingEnabled":     false,
			"callHandlingOptionType": "RingPhone",
			"ringPhoneCallHandling": map[string]any{
				"noAnswerCallHandling": map[string]any{"type": "Forward", "timeout": float64(24), "forwardToNumber": "18015550000"},
			},
		},
	}, captured.BodyMap(t))
	assert.Equal(t, "Nyaqv4uxQAKFr_wt_KPmFw", u.ID)
}

func TestUsersPatchSendsZeroValues(t *testing.T) {
	c, mt := newMockClient(t)
	captured := mockOp(t, mt, "UsersService.Patch", []string{"ACC1", "U1"}, 200, `{"id":"U1","timeZone":"US/Eastern","languageTag":"fr-CA"}`)
	u, err := c.Users.Patch(context.Background(), "ACC1", "U1", &PatchUserRequest{
		LanguageTag:           Ptr("fr-CA"),
		BlockEmail:            Ptr(false),
		AllowPortalAccess:     Ptr(false),
		PINLockedOut:          Ptr(false),
		Tags:                  Ptr(""),
		VoicemailBoxID:        Ptr(""),
		CallHandlingSchedules: &[]CallHandlingSchedule{},
		CallHandlingSettings: &CallHandlingSettings{
			DoNotDisturbEnabled: Ptr(false),
			SimultaneousRingCallHandling: &SimultaneousRingCallHandling{
				ForwardToTimedNumberList: []SimultaneousRingEndpoint{{ToNumber: "18015550004", RingDelay: 0, RingDuration: 12}},
			},
		},
		MediaFriends: &MediaFriends{Enabled: Ptr(false)},
	})
	require.NoError(t, err)
	assert.Equal(t, map[string]any{
		"languageTag":           "fr-CA",
		"blockEmail":            false,
		"allowPortalAccess":     false,
		"pinLockedOut":          false,
		"tags":                  "",
		"voicemailBoxId":        "",
		"callHandlingSchedules": []any{},
		"callHandlingSettings": map[string]any{
			"doNotDisturbEnabled": false,
			"simultaneousRingCallHandling": map[string]any{
				"forwardToTimedNumberList": []any{map[string]any{
					"toNumber": "18015550004", "ringDelay": float64(0), "ringDuration": float64(12), "continueOnBusy": false,
				}},
			},
		},
		"mediaFriends": map[string]any{"enabled": false},
	}, captured.BodyMap(t))
	assert.Equal(t, "fr-CA", u.LanguageTag)

	// Unset fields are absent: an empty patch is an empty object.
	_, err = c.Users.Patch(context.Background(), "ACC1", "U1", &PatchUserRequest{})
	require.NoError(t, err)
	assert.Equal(t, map[string]any{}, captured.BodyMap(t))
}

func TestUsersDelete(t *testing.T) {
	c, mt := newMockClient(t)
	captured := mockOp(t, mt, "UsersService.Delete", []string{"ACC 1", "U/1"}, 204, nil)
	require.NoError(t, c.Users.Delete(context.Background(), "ACC 1", "U/1"))
	assert.Equal(t, 1, captured.Calls())
}

func TestUsersValidation(t *testing.T) {
	ok := func() *CreateUserRequest { return &CreateUserRequest{TimeZone: TimeZoneUSEastern} }
	with := func(f func(r *CreateUserRequest)) *CreateUserRequest { r := ok(); f(r); return r }
	long := strings.Repeat("a", 257)
	cases := []struct {
		name  string
		req   *CreateUserRequest
		field string
	}{
		{"timeZone required", &CreateUserRequest{}, "timeZone"},
		{"timeZone unknown", &CreateUserRequest{TimeZone: "Europe/Paris"}, "timeZone"},
		{"username short", with(func(r *CreateUserRequest) { r.Username = Ptr("ab") }), "username"},
		{"username long", with(func(r *CreateUserRequest) { r.Username = Ptr(long) }), "username"},
		{"firstName short", with(func(r *CreateUserRequest) { r.FirstName = Ptr("Al") }), "firstName"},
		{"firstName empty", with(func(r *CreateUserRequest) { r.FirstName = Ptr("") }), "firstName"},
		{"lastName long", with(func(r *CreateUserRequest) { r.LastName = Ptr(long) }), "lastName"},
		{"emailAddress short", with(func(r *CreateUserRequest) { r.EmailAddress = Ptr("a@") }), "emailAddress"},
		{"emailAddress not an email", with(func(r *CreateUserRequest) { r.EmailAddress = Ptr("john.smith") }), "emailAddress"},
		{"emailAddress with display name", with(func(r *CreateUserRequest) { r.EmailAddress = Ptr("John <j@example.com>") }), "emailAddress"},
		{"emailAddress without dotted domain", with(func(r *CreateUserRequest) { r.EmailAddress = Ptr("john@localhost") }), "emailAddress"},
		{"emailAddress required with portal access", with(func(r *CreateUserRequest) { r.AllowPortalAccess = Ptr(true) }), "emailAddress"},
		{"extension too short", with(func(r *CreateUserRequest) { r.Extension = Ptr("40") }), "extension"},
		{"extension too long", with(func(r *CreateUserRequest) { r.Extension = Ptr("4000000") }), "extension"},
		{"extension starts with 1", with(func(r *CreateUserRequest) { r.Extension = Ptr("1000") }), "extension"},
		{"extension starts with 9", with(func(r *CreateUserRequest) { r.Extension = Ptr("9000") }), "extension"},
		{"extension not digits", with(func(r *CreateUserRequest) { r.Extension = Ptr("40a0") }), "extension"},
		{"userProductPlan unknown", with(func(r *CreateUserRequest) { r.UserProductPlan = Ptr(UserProductPlan("GOLD")) }), "userProductPlan"},
		{"endUserType unknown", with(func(r *CreateUserRequest) { r.EndUserType = Ptr(EndUserType("OWNER")) }), "endUserType"},
		{"softphoneClientType unknown", with(func(r *CreateUserRequest) { r.SoftphoneClientType = Ptr(SoftphoneClientType("ZOIPER")) }), "softphoneClientType"},
		{"email username with a softphone plan", with(func(r *CreateUserRequest) {
			r.Username, r.UserProductPlan = Ptr("john@example.com"), Ptr(UserProductPlanAdvanced)
		}), "username"},
		{"callerIdNumber not a TN", with(func(r *CreateUserRequest) { r.CallerIDConfig = &CallerIDConfig{CallerIDNumber: "8015551212"} }), "callerIdConfig.callerIdNumber"},
		{"callHandlingOptionType unknown", with(func(r *CreateUserRequest) {
			r.CallHandlingSettings = &CallHandlingSettings{CallHandlingOptionType: "findMeFollowMe"}
		}), "callHandlingSettings.callHandlingOptionType"},
		{"forwardAlwaysToNumber not a TN", with(func(r *CreateUserRequest) {
			r.CallHandlingSettings = &CallHandlingSettings{ForwardAlwaysToNumber: "+18015551212"}
		}), "callHandlingSettings.forwardAlwaysToNumber"},
		{"ForwardAlways without a number", with(func(r *CreateUserRequest) {
			r.CallHandlingSettings = &CallHandlingSettings{CallHandlingOptionType: CallHandlingOptionTypeForwardAlways}
		}), "callHandlingSettings.forwardAlwaysToNumber"},
		{"busy RingForever", with(func(r *CreateUserRequest) {
			r.CallHandlingSettings = &CallHandlingSettings{RingPhoneCallHandling: &RingPhoneCallHandling{BusyCallHandling: &UserCallHandling{Type: CallHandlingTypeRingForever}}}
		}), "callHandlingSettings.ringPhoneCallHandling.busyCallHandling.type"},
		{"busy Forward without a number", with(func(r *CreateUserRequest) {
			r.CallHandlingSettings = &CallHandlingSettings{RingPhoneCallHandling: &RingPhoneCallHandling{BusyCallHandling: &UserCallHandling{Type: CallHandlingTypeForward}}}
		}), "callHandlingSettings.ringPhoneCallHandling.busyCallHandling.forwardToNumber"},
		{"unregistered forward not a TN", with(func(r *CreateUserRequest) {
			r.CallHandlingSettings = &CallHandlingSettings{RingPhoneCallHandling: &RingPhoneCallHandling{UnregisteredCallHandling: &UserCallHandling{Type: CallHandlingTypeForward, ForwardToNumber: "555"}}}
		}), "callHandlingSettings.ringPhoneCallHandling.unregisteredCallHandling.forwardToNumber"},
		{"no-answer timeout below 1", with(func(r *CreateUserRequest) {
			r.CallHandlingSettings = &CallHandlingSettings{RingPhoneCallHandling: &RingPhoneCallHandling{NoAnswerCallHandling: &UserCallHandlingWithTimeout{Type: CallHandlingTypeVoicemail, Timeout: -6}}}
		}), "callHandlingSettings.ringPhoneCallHandling.noAnswerCallHandling.timeout"},
		{"no-answer type unknown", with(func(r *CreateUserRequest) {
			r.CallHandlingSettings = &CallHandlingSettings{RingPhoneCallHandling: &RingPhoneCallHandling{NoAnswerCallHandling: &UserCallHandlingWithTimeout{Type: "Hangup"}}}
		}), "callHandlingSettings.ringPhoneCallHandling.noAnswerCallHandling.type"},
		{"simultaneous ring number not a TN", with(func(r *CreateUserRequest) {
			r.CallHandlingSettings = &CallHandlingSettings{SimultaneousRingCallHandling: &SimultaneousRingCallHandling{ForwardToNumberList: []string{"18015551212", "2125551212"}}}
		}), "callHandlingSettings.simultaneousRingCallHandling.forwardToNumberList[1]"},
		{"timed endpoint not a TN", with(func(r *CreateUserRequest) {
			r.CallHandlingSettings = &CallHandlingSettings{SimultaneousRingCallHandling: &SimultaneousRingCallHandling{
				ForwardToTimedNumberList: []SimultaneousRingEndpoint{{ToNumber: "x", RingDuration: 6}}}}
		}), "callHandlingSettings.simultaneousRingCallHandling.forwardToTimedNumberList[0].toNumber"},
		{"timed endpoint duration below 1", with(func(r *CreateUserRequest) {
			r.CallHandlingSettings = &CallHandlingSettings{SimultaneousRingCallHandling: &SimultaneousRingCallHandling{
				ForwardToTimedNumberList: []SimultaneousRingEndpoint{{ToNumber: "18015551212"}}}}
		}), "callHandlingSettings.simultaneousRingCallHandling.forwardToTimedNumberList[0].ringDuration"},
		{"timed endpoints out of order", with(func(r *CreateUserRequest) {
			r.CallHandlingSettings = &CallHandlingSettings{SimultaneousRingCallHandling: &SimultaneousRingCallHandling{
				ForwardToTimedNumberList: []SimultaneousRingEndpoint{{ToNumber: "18015551212", RingDelay: 6, RingDuration: 30}, {ToNumber: "18015551213", RingDelay: 0, RingDuration: 6}}}}
		}), "callHandlingSettings.simultaneousRingCallHandling.forwardToTimedNumberList[1].ringDelay"},
		{"timed endpoints with a gap", with(func(r *CreateUserRequest) {
			r.CallHandlingSettings = &CallHandlingSettings{SimultaneousRingCallHandling: &SimultaneousRingCallHandling{
				ForwardToTimedNumberList: []SimultaneousRingEndpoint{{ToNumber: "18015551212", RingDuration: 6}, {ToNumber: "18015551213", RingDelay: 12, RingDuration: 6}}}}
		}), "callHandlingSettings.simultaneousRingCallHandling.forwardToTimedNumberList[1].ringDelay"},
		{"first delay beyond the no-answer timeout", with(func(r *CreateUserRequest) {
			r.CallHandlingSettings = &CallHandlingSettings{SimultaneousRingCallHandling: &SimultaneousRingCallHandling{
				NoAnswerCallHandling:     &UserCallHandlingWithTimeout{Type: CallHandlingTypeVoicemail, Timeout: 12},
				ForwardToTimedNumberList: []SimultaneousRingEndpoint{{ToNumber: "18015551212", RingDelay: 18, RingDuration: 6}}}}
		}), "callHandlingSettings.simultaneousRingCallHandling.forwardToTimedNumberList[0].ringDelay"},
		{"find-me timeout above 240", with(func(r *CreateUserRequest) {
			r.CallHandlingSettings = &CallHandlingSettings{FindMeFollowMeCallHandling: &FindMeFollowMeCallHandling{
				FindMeEndpoints: []FindMeEndpoint{{RingUserDevice: true, Timeout: 241}}}}
		}), "callHandlingSettings.findMeFollowMeCallHandling.findMeEndpoints[0].timeout"},
		{"find-me last endpoint continues on busy", with(func(r *CreateUserRequest) {
			r.CallHandlingSettings = &CallHandlingSettings{FindMeFollowMeCallHandling: &FindMeFollowMeCallHandling{
				FindMeEndpoints: []FindMeEndpoint{{RingUserDevice: true, ContinueOnBusy: true}, {ToNumber: "18015551212", ContinueOnBusy: true}}}}
		}), "callHandlingSettings.findMeFollowMeCallHandling.findMeEndpoints[1].continueOnBusy"},
		{"find-me endpoint without a target", with(func(r *CreateUserRequest) {
			r.CallHandlingSettings = &CallHandlingSettings{FindMeFollowMeCallHandling: &FindMeFollowMeCallHandling{
				FindMeEndpoints: []FindMeEndpoint{{Timeout: 12}}}}
		}), "callHandlingSettings.findMeFollowMeCallHandling.findMeEndpoints[0].toNumber"},
		{"find-me number not a TN", with(func(r *CreateUserRequest) {
			r.CallHandlingSettings = &CallHandlingSettings{FindMeFollowMeCallHandling: &FindMeFollowMeCallHandling{
				FindMeEndpoints: []FindMeEndpoint{{ToNumber: "911"}}}}
		}), "callHandlingSettings.findMeFollowMeCallHandling.findMeEndpoints[0].toNumber"},
		{"find-me timeoutType unknown", with(func(r *CreateUserRequest) {
			r.CallHandlingSettings = &CallHandlingSettings{FindMeFollowMeCallHandling: &FindMeFollowMeCallHandling{TimeoutType: "voicemail"}}
		}), "callHandlingSettings.findMeFollowMeCallHandling.timeoutType"},
		{"call screen unknown", with(func(r *CreateUserRequest) {
			r.CallScreeningSettings = &CallScreeningSettings{AnonymousCallScreen: "Reject"}
		}), "callScreeningSettings.anonymousCallScreen"},
		{"ring type unknown", with(func(r *CreateUserRequest) { r.CallScreeningSettings = &CallScreeningSettings{DefaultRingType: "Ring8"} }), "callScreeningSettings.defaultRingType"},
		{"screening forwardTn not a TN", with(func(r *CreateUserRequest) { r.CallScreeningSettings = &CallScreeningSettings{ForwardTN: "18015551"} }), "callScreeningSettings.forwardTn"},
		{"custom screen block type unknown", with(func(r *CreateUserRequest) {
			r.CallScreeningSettings = &CallScreeningSettings{CustomCallScreenList: []CustomCallScreen{{TelephoneNumber: "18015551212", BlockType: "Drop"}}}
		}), "callScreeningSettings.customCallScreenList[0].blockType"},
		{"schedule type unknown", with(func(r *CreateUserRequest) {
			r.CallHandlingSchedules = []CallHandlingSchedule{{Schedule: Schedule{Type: "DAILY"}}}
		}), "callHandlingSchedules[0].schedule.type"},
		{"custom schedule without date", with(func(r *CreateUserRequest) {
			r.CallHandlingSchedules = []CallHandlingSchedule{{Schedule: Schedule{Type: ScheduleTypeCustom, Custom: []CustomSchedule{{StartTime: "08:00", EndTime: "09:00"}}}}}
		}), "callHandlingSchedules[0].schedule.custom[0].date"},
		{"weekly schedule without end", with(func(r *CreateUserRequest) {
			r.CallHandlingSchedules = []CallHandlingSchedule{{Schedule: Schedule{Type: ScheduleTypeWeekly, Weekly: map[string]WeeklySchedule{"w": {Tue: &WeeklyScheduleTime{StartTime: "08:00"}}}}}}
		}), "callHandlingSchedules[0].schedule.weekly.w.TUE.endTime"},
		{"schedule call handling forward not a TN", with(func(r *CreateUserRequest) {
			r.CallHandlingSchedules = []CallHandlingSchedule{{CallHandling: CallHandlingSettings{ForwardAlwaysToNumber: "1"}}}
		}), "callHandlingSchedules[0].callHandling.forwardAlwaysToNumber"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, mt := newMockClient(t)
			_, err := c.Users.Create(context.Background(), "ACC1", tc.req)
			rule := udFieldErr(t, err, tc.field)
			assert.NotEmpty(t, rule)
			assert.Equal(t, 0, mt.GetTotalCallCount())
		})
	}
}

func TestUsersValidationAllAtOnce(t *testing.T) {
	c, mt := newMockClient(t)
	_, err := c.Users.Create(context.Background(), "ACC1", &CreateUserRequest{
		FirstName: Ptr("Al"), Extension: Ptr("123"), AllowPortalAccess: Ptr(true),
	})
	var ve *ValidationError
	require.True(t, errors.As(err, &ve))
	for _, f := range []string{"timeZone", "firstName", "extension", "emailAddress"} {
		assert.NotNil(t, ve.Field(f), f)
	}
	assert.Equal(t, 0, mt.GetTotalCallCount())
}

func TestUsersValidationUpdateAndPatch(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name  string
		call  func(c *Client) error
		field string
	}{
		{"update timeZone required", func(c *Client) error {
			_, err := c.Users.Update(ctx, "ACC1", "U1", &UpdateUserRequest{FirstName: Ptr("John")})
			return err
		}, "timeZone"},
		{"update email required with portal access", func(c *Client) error {
			_, err := c.Users.Update(ctx, "ACC1", "U1", &UpdateUserRequest{TimeZone: TimeZoneUSEastern, AllowPortalAccess: Ptr(true)})
			return err
		}, "emailAddress"},
		{"update nil body", func(c *Client) error {
			_, err := c.Users.Update(ctx, "ACC1", "U1", nil)
			return err
		}, "body"},
		{"patch timeZone blank", func(c *Client) error {
			_, err := c.Users.Patch(ctx, "ACC1", "U1", &PatchUserRequest{TimeZone: Ptr(TimeZone(""))})
			return err
		}, "timeZone"},
		{"patch timeZone unknown", func(c *Client) error {
			_, err := c.Users.Patch(ctx, "ACC1", "U1", &PatchUserRequest{TimeZone: Ptr(TimeZone("UTC"))})
			return err
		}, "timeZone"},
		{"patch lastName blank", func(c *Client) error {
			_, err := c.Users.Patch(ctx, "ACC1", "U1", &PatchUserRequest{LastName: Ptr("")})
			return err
		}, "lastName"},
		{"patch extension", func(c *Client) error {
			_, err := c.Users.Patch(ctx, "ACC1", "U1", &PatchUserRequest{Extension: Ptr("0123")})
			return err
		}, "extension"},
		{"patch schedules", func(c *Client) error {
			_, err := c.Users.Patch(ctx, "ACC1", "U1", &PatchUserRequest{CallHandlingSchedules: &[]CallHandlingSchedule{{Schedule: Schedule{Type: "X"}}}})
			return err
		}, "callHandlingSchedules[0].schedule.type"},
		{"patch nil body", func(c *Client) error {
			_, err := c.Users.Patch(ctx, "ACC1", "U1", nil)
			return err
		}, "body"},
		{"create nil body", func(c *Client) error {
			_, err := c.Users.Create(ctx, "ACC1", nil)
			return err
		}, "body"},
		{"get empty id", func(c *Client) error {
			_, err := c.Users.Get(ctx, "ACC1", "")
			return err
		}, "userId"},
		{"delete dot segment", func(c *Client) error { return c.Users.Delete(ctx, "..", "U1") }, "accountId"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, mt := newMockClient(t)
			udFieldErr(t, tc.call(c), tc.field)
			assert.Equal(t, 0, mt.GetTotalCallCount())
		})
	}
}

// A PATCH may switch to ForwardAlways without repeating the number the user
// already has; only create and update, which send the whole user, need it.
func TestUsersPatchForwardAlwaysWithoutNumber(t *testing.T) {
	c, mt := newMockClient(t)
	captured := mockOp(t, mt, "UsersService.Patch", []string{"ACC1", "U1"}, 200, `{"id":"U1","timeZone":"US/Eastern"}`)
	_, err := c.Users.Patch(context.Background(), "ACC1", "U1", &PatchUserRequest{
		CallHandlingSettings: &CallHandlingSettings{CallHandlingOptionType: CallHandlingOptionTypeForwardAlways},
	})
	require.NoError(t, err)
	assert.Equal(t, map[string]any{"callHandlingSettings": map[string]any{"callHandlingOptionType": "ForwardAlways"}}, captured.BodyMap(t))
}

func TestUsersValidRequestsPass(t *testing.T) {
	// The edges of every bound are accepted.
	req := &CreateUserRequest{
		TimeZone:          TimeZoneAmericaStThomas,
		Username:          Ptr("abc"),
		FirstName:         Ptr(strings.Repeat("é", 256)),
		EmailAddress:      Ptr("a@b.co"),
		AllowPortalAccess: Ptr(true),
		Extension:         Ptr("899999"),
		UserProductPlan:   Ptr(UserProductPlanProfessional),
		CallHandlingSettings: &CallHandlingSettings{
			CallHandlingOptionType: CallHandlingOptionTypeFindMeFollowMe,
			FindMeFollowMeCallHandling: &FindMeFollowMeCallHandling{
				TimeoutType:     CallHandlingTypeRingForever,
				FindMeEndpoints: []FindMeEndpoint{{RingUserDevice: true, Timeout: 1, ContinueOnBusy: true}, {ToUserID: "U2", Timeout: 240}},
			},
			SimultaneousRingCallHandling: &SimultaneousRingCallHandling{
				NoAnswerCallHandling: &UserCallHandlingWithTimeout{Type: CallHandlingTypeRingForever, Timeout: 1},
				ForwardToTimedNumberList: []SimultaneousRingEndpoint{
					{ToNumber: "18015551212", RingDelay: 0}, {ToNumber: "18015551213", RingDelay: 30},
				},
			},
		},
	}
	require.NoError(t, req.Validate())
	require.NoError(t, (&CreateUserRequest{TimeZone: TimeZoneUSEastern, Extension: Ptr("200")}).Validate())
}

func TestUsersAPIErrorPassesThrough(t *testing.T) {
	c, mt := newMockClient(t)
	mockOp(t, mt, "UsersService.Create", []string{"ACC1"}, 400, `{"status":400,"messages":["username already exists"]}`)
	_, err := c.Users.Create(context.Background(), "ACC1", &CreateUserRequest{TimeZone: TimeZoneUSEastern, Username: Ptr("taken")})
	require.Error(t, err)
	assert.True(t, errors.Is(err, ErrBadRequest))
	assert.False(t, errors.Is(err, ErrValidation))
	var apiErr *APIError
	require.True(t, errors.As(err, &apiErr))
	assert.Contains(t, apiErr.Error(), "username already exists")
}

// udLogger is a slog JSON logger writing to w.
func udLogger(w io.Writer) *slog.Logger { return slog.New(slog.NewJSONHandler(w, nil)) }
