package alianza

import (
	"reflect"
	"time"
)

// The end-user models (EndUserV2X and what it references) and the request
// types of UsersService.

// UpdateRequest returns the full-replace body for UsersService.Update
// holding every writable field of u, so that a read-modify-write keeps what
// the caller did not change:
//
//	u, err := client.Users.Get(ctx, accountID, userID)
//	req := u.UpdateRequest()
//	req.LastName = alianza.Ptr("Smith")
//	u, err = client.Users.Update(ctx, accountID, userID, req)
//
// An absent (empty) optional field stays absent; the booleans are always
// sent, as the replace must state them. The request shares no memory with
// u: editing it leaves u as it was.
//
// NewCppID is not copied: it names the calling plan product to attach when
// the user is created, an instruction rather than the user's state (as a
// SIP trunk's SetupCallingPlan is), so a replace does not repeat it. Set it
// on the request to attach a product on purpose.
func (u *User) UpdateRequest() *UpdateUserRequest {
	return &UpdateUserRequest{
		TimeZone:              u.TimeZone,
		Username:              ptrUnlessZero(u.Username),
		FirstName:             ptrUnlessZero(u.FirstName),
		LastName:              ptrUnlessZero(u.LastName),
		EmailAddress:          ptrUnlessZero(u.EmailAddress),
		MustChangePassword:    Ptr(u.MustChangePassword),
		LanguageTag:           ptrUnlessZero(u.LanguageTag),
		Extension:             ptrUnlessZero(u.Extension),
		CallerIDConfig:        copyUnlessZero(u.CallerIDConfig),
		CallHandlingSettings:  copyUnlessZero(u.CallHandlingSettings),
		CallScreeningSettings: copyUnlessZero(u.CallScreeningSettings),
		MediaFriends:          copyUnlessZero(u.MediaFriends),
		CallHandlingSchedules: deepCopy(u.CallHandlingSchedules),
		VoicemailBoxID:        ptrUnlessZero(u.VoicemailBoxID),
		EndUserType:           ptrUnlessZero(u.EndUserType),
		UserProductPlan:       ptrUnlessZero(u.UserProductPlan),
		SoftphoneClientType:   ptrUnlessZero(u.SoftphoneClientType),
		PINLockedOut:          Ptr(u.PINLockedOut),
		BlockEmail:            Ptr(u.BlockEmail),
		AllowPortalAccess:     Ptr(u.AllowPortalAccess),
		Tags:                  ptrUnlessZero(u.Tags),
		Group:                 copyUnlessZero(u.Group),
	}
}

// copyUnlessZero returns a pointer to a deep copy of v, or nil when v is
// its type's zero value (what an omitzero response field looks like when
// it was absent).
func copyUnlessZero[T any](v T) *T {
	if reflect.ValueOf(&v).Elem().IsZero() {
		return nil
	}
	c := deepCopy(v)
	return &c
}

// deepCopy returns a copy of v that shares no pointer, slice or map with
// v; nil stays nil and empty stays empty.
func deepCopy[T any](v T) T {
	var out T
	copyValue(reflect.ValueOf(&out).Elem(), reflect.ValueOf(&v).Elem())
	return out
}

// copyValue sets dst, a settable zero value, to a deep copy of src.
func copyValue(dst, src reflect.Value) {
	switch src.Kind() {
	case reflect.Pointer:
		if !src.IsNil() {
			p := reflect.New(src.Type().Elem())
			copyValue(p.Elem(), src.Elem())
			dst.Set(p)
		}
	case reflect.Slice:
		if !src.IsNil() {
			s := reflect.MakeSlice(src.Type(), src.Len(), src.Len())
			for i := range src.Len() {
				copyValue(s.Index(i), src.Index(i))
			}
			dst.Set(s)
		}
	case reflect.Map:
		if !src.IsNil() {
			m := reflect.MakeMapWithSize(src.Type(), src.Len())
			for it := src.MapRange(); it.Next(); {
				e := reflect.New(src.Type().Elem()).Elem()
				copyValue(e, it.Value())
				m.SetMapIndex(it.Key(), e)
			}
			dst.Set(m)
		}
	case reflect.Struct:
		// The whole value first: unexported fields (time.Time's) are
		// immutable, so sharing them is safe; exported ones are copied
		// again, deeply.
		dst.Set(src)
		for i := range src.NumField() {
			if src.Type().Field(i).IsExported() {
				f := dst.Field(i)
				f.SetZero()
				copyValue(f, src.Field(i))
			}
		}
	default:
		dst.Set(src)
	}
}

// CallerIDConfig is CallerIdConfigX: what callers see for the user's outbound
// calls. The two visibility flags are required by the spec, so they are
// always sent. The spec also requires callerIdNumber, but the platform itself
// returns the object without one, so a read-modify-write must be
// able to send it back that way.
type CallerIDConfig struct {
	CallerIDNumber              string `json:"callerIdNumber,omitempty"` // a telephone number on the account
	ExternalCallerIDVisible     bool   `json:"externalCallerIdVisible"`
	ExtensionCallerIDVisible    bool   `json:"extensionCallerIdVisible"`
	CallerIDNumberReservationID string `json:"callerIdNumberReservationId,omitempty"`
}

// CallHandlingSettings is CallHandlingSettingsX: how incoming calls reach the
// user. The two switches are pointers because the object is also written in
// PATCH fragments, where "turn call waiting off" and "leave it alone" differ.
type CallHandlingSettings struct {
	CallWaitingEnabled               *bool                         `json:"callWaitingEnabled,omitempty"`
	DoNotDisturbEnabled              *bool                         `json:"doNotDisturbEnabled,omitempty"`
	CallHandlingOptionType           CallHandlingOptionType        `json:"callHandlingOptionType,omitempty"`
	ForwardAlwaysToNumber            string                        `json:"forwardAlwaysToNumber,omitempty"`
	ForwardAlwaysToNumberDescription string                        `json:"forwardAlwaysToNumberDescription,omitempty"`
	RingPhoneCallHandling            *RingPhoneCallHandling        `json:"ringPhoneCallHandling,omitempty"`
	SimultaneousRingCallHandling     *SimultaneousRingCallHandling `json:"simultaneousRingCallHandling,omitempty"`
	FindMeFollowMeCallHandling       *FindMeFollowMeCallHandling   `json:"findMeFollowMeCallHandling,omitempty"`
}

// RingPhoneCallHandling is RingPhoneCallHandlingX, used when
// callHandlingOptionType is RingPhone.
type RingPhoneCallHandling struct {
	BusyCallHandling         *UserCallHandling            `json:"busyCallHandling,omitempty"`
	NoAnswerCallHandling     *UserCallHandlingWithTimeout `json:"noAnswerCallHandling,omitempty"`
	UnregisteredCallHandling *UserCallHandling            `json:"unregisteredCallHandling,omitempty"`
}

// UserCallHandling is CallHandlingX: what happens to a call the user cannot
// take. Type is Forward, Voicemail or Busy (not RingForever); Forward needs
// ForwardToNumber. (Named apart from the business-line CallHandling.)
type UserCallHandling struct {
	Type            CallHandlingType `json:"type,omitempty"`
	ForwardToNumber string           `json:"forwardToNumber,omitempty"`
	Description     string           `json:"description,omitempty"`
}

// SimultaneousRingCallHandling is SimultaneousRingCallHandlingX, used when
// callHandlingOptionType is SimultaneousRing. ForwardToTimedNumberList takes
// precedence over ForwardToNumberList when both are sent and it is non-empty.
type SimultaneousRingCallHandling struct {
	ForwardToNumberList      []string                     `json:"forwardToNumberList,omitempty"`
	ForwardToTimedNumberList []SimultaneousRingEndpoint   `json:"forwardToTimedNumberList,omitempty"`
	NoAnswerCallHandling     *UserCallHandlingWithTimeout `json:"noAnswerCallHandling,omitempty"`
	ContinueOnBusy           *bool                        `json:"continueOnBusy,omitempty"`
}

// SimultaneousRingEndpoint is SimultaneousRingEndpointX: a number that starts
// ringing RingDelay seconds into the call, for RingDuration seconds. Items
// are sent whole, so every field is always sent.
type SimultaneousRingEndpoint struct {
	ToNumber       string `json:"toNumber"`
	RingDelay      int    `json:"ringDelay"`    // at least 0
	RingDuration   int    `json:"ringDuration"` // at least 1; ignored with RingForever
	ContinueOnBusy bool   `json:"continueOnBusy"`
}

// FindMeEndpoint is FindMeEndpointX: the user's own devices (RingUserDevice)
// or another number or user. Items are sent whole, so the flags are always
// sent; ContinueOnBusy must be false on the last endpoint.
type FindMeEndpoint struct {
	RingUserDevice bool   `json:"ringUserDevice"`
	ToNumber       string `json:"toNumber,omitempty"`
	Description    string `json:"description,omitempty"`
	Timeout        int    `json:"timeout,omitempty"` // 1 to 240 seconds
	ToUserID       string `json:"toUserId,omitempty"`
	ContinueOnBusy bool   `json:"continueOnBusy"`
}

// MediaFriends is MediaFriendsX. Enabled is a pointer for the same reason as
// CallHandlingSettings' switches.
type MediaFriends struct {
	Enabled  *bool  `json:"enabled,omitempty"`
	Host     string `json:"host,omitempty"`
	ToNumber string `json:"toNumber,omitempty"`
}

// WeeklySchedule is WeeklyScheduleX: a time window per weekday.
type WeeklySchedule struct {
	Sun *WeeklyScheduleTime `json:"SUN,omitempty"`
	Mon *WeeklyScheduleTime `json:"MON,omitempty"`
	Tue *WeeklyScheduleTime `json:"TUE,omitempty"`
	Wed *WeeklyScheduleTime `json:"WED,omitempty"`
	Thu *WeeklyScheduleTime `json:"THU,omitempty"`
	Fri *WeeklyScheduleTime `json:"FRI,omitempty"`
	Sat *WeeklyScheduleTime `json:"SAT,omitempty"`
}

// weekdays are WeeklySchedule's keys in field order.
var weekdays = [...]string{"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"}

// WeeklyScheduleTime is WeeklyScheduleTimeX; both times are required.
type WeeklyScheduleTime struct {
	StartTime string `json:"startTime"`
	EndTime   string `json:"endTime"`
}

// CustomSchedule is CustomScheduleX: one dated window; all fields required.
type CustomSchedule struct {
	Date      time.Time `json:"date"`
	StartTime string    `json:"startTime"`
	EndTime   string    `json:"endTime"`
}

// CreateUserRequest is the body of UsersService.Create. TimeZone is the only
// field the spec requires (the Account Create guide also sends username,
// names, email, userProductPlan, extension, endUserType, allowPortalAccess,
// blockEmail). EmailAddress is required when AllowPortalAccess is true.
type CreateUserRequest struct {
	TimeZone              TimeZone               `json:"timeZone"`
	Username              *string                `json:"username,omitempty"`
	FirstName             *string                `json:"firstName,omitempty"`
	LastName              *string                `json:"lastName,omitempty"`
	EmailAddress          *string                `json:"emailAddress,omitempty"`
	MustChangePassword    *bool                  `json:"mustChangePassword,omitempty"`
	LanguageTag           *string                `json:"languageTag,omitempty"`
	Extension             *string                `json:"extension,omitempty"`
	CallerIDConfig        *CallerIDConfig        `json:"callerIdConfig,omitempty"`
	CallHandlingSettings  *CallHandlingSettings  `json:"callHandlingSettings,omitempty"`
	CallScreeningSettings *CallScreeningSettings `json:"callScreeningSettings,omitempty"`
	NewCppID              *string                `json:"newCppId,omitempty"` // calling plan product to attach
	MediaFriends          *MediaFriends          `json:"mediaFriends,omitempty"`
	CallHandlingSchedules []CallHandlingSchedule `json:"callHandlingSchedules,omitempty"`
	EndUserType           *EndUserType           `json:"endUserType,omitempty"`
	UserProductPlan       *UserProductPlan       `json:"userProductPlan,omitempty"` // required for BCC users
	SoftphoneClientType   *SoftphoneClientType   `json:"softphoneClientType,omitempty"`
	BlockEmail            *bool                  `json:"blockEmail,omitempty"` // true: no welcome email now
	AllowPortalAccess     *bool                  `json:"allowPortalAccess,omitempty"`
	Tags                  *string                `json:"tags,omitempty"`
	Group                 *UserGroup             `json:"group,omitempty"`
}

// UpdateUserRequest is the body of UsersService.Update, which replaces the
// user: send every field you want to keep (start from Get). It adds the
// voicemail box and the PIN lock-out (send false to unlock) to the create
// fields.
type UpdateUserRequest struct {
	TimeZone              TimeZone               `json:"timeZone"`
	Username              *string                `json:"username,omitempty"`
	FirstName             *string                `json:"firstName,omitempty"`
	LastName              *string                `json:"lastName,omitempty"`
	EmailAddress          *string                `json:"emailAddress,omitempty"`
	MustChangePassword    *bool                  `json:"mustChangePassword,omitempty"`
	LanguageTag           *string                `json:"languageTag,omitempty"`
	Extension             *string                `json:"extension,omitempty"`
	CallerIDConfig        *CallerIDConfig        `json:"callerIdConfig,omitempty"`
	CallHandlingSettings  *CallHandlingSettings  `json:"callHandlingSettings,omitempty"`
	CallScreeningSettings *CallScreeningSettings `json:"callScreeningSettings,omitempty"`
	NewCppID              *string                `json:"newCppId,omitempty"`
	MediaFriends          *MediaFriends          `json:"mediaFriends,omitempty"`
	CallHandlingSchedules []CallHandlingSchedule `json:"callHandlingSchedules,omitempty"`
	VoicemailBoxID        *string                `json:"voicemailBoxId,omitempty"`
	EndUserType           *EndUserType           `json:"endUserType,omitempty"`
	UserProductPlan       *UserProductPlan       `json:"userProductPlan,omitempty"`
	SoftphoneClientType   *SoftphoneClientType   `json:"softphoneClientType,omitempty"`
	PINLockedOut          *bool                  `json:"pinLockedOut,omitempty"`
	BlockEmail            *bool                  `json:"blockEmail,omitempty"`
	AllowPortalAccess     *bool                  `json:"allowPortalAccess,omitempty"`
	Tags                  *string                `json:"tags,omitempty"`
	Group                 *UserGroup             `json:"group,omitempty"`
}

// PatchUserRequest is the body of UsersService.Patch: only the fields that
// are set are sent, so Ptr(false), Ptr(0) and Ptr("") are sent as such.
// CallHandlingSchedules is a pointer so that an empty list can clear them.
type PatchUserRequest struct {
	TimeZone              *TimeZone               `json:"timeZone,omitempty"`
	Username              *string                 `json:"username,omitempty"`
	FirstName             *string                 `json:"firstName,omitempty"`
	LastName              *string                 `json:"lastName,omitempty"`
	EmailAddress          *string                 `json:"emailAddress,omitempty"`
	MustChangePassword    *bool                   `json:"mustChangePassword,omitempty"`
	LanguageTag           *string                 `json:"languageTag,omitempty"`
	Extension             *string                 `json:"extension,omitempty"`
	CallerIDConfig        *CallerIDConfig         `json:"callerIdConfig,omitempty"`
	CallHandlingSettings  *CallHandlingSettings   `json:"callHandlingSettings,omitempty"`
	CallScreeningSettings *CallScreeningSettings  `json:"callScreeningSettings,omitempty"`
	NewCppID              *string                 `json:"newCppId,omitempty"`
	MediaFriends          *MediaFriends           `json:"mediaFriends,omitempty"`
	CallHandlingSchedules *[]CallHandlingSchedule `json:"callHandlingSchedules,omitempty"`
	VoicemailBoxID        *string                 `json:"voicemailBoxId,omitempty"`
	EndUserType           *EndUserType            `json:"endUserType,omitempty"`
	UserProductPlan       *UserProductPlan        `json:"userProductPlan,omitempty"`
	SoftphoneClientType   *SoftphoneClientType    `json:"softphoneClientType,omitempty"`
	PINLockedOut          *bool                   `json:"pinLockedOut,omitempty"`
	BlockEmail            *bool                   `json:"blockEmail,omitempty"`
	AllowPortalAccess     *bool                   `json:"allowPortalAccess,omitempty"`
	Tags                  *string                 `json:"tags,omitempty"`
	Group                 *UserGroup              `json:"group,omitempty"`
}

// ListUsersOptions are the query options of UsersService.List.
type ListUsersOptions struct {
	// LimitedData returns every user in one call. Without it the platform
	// silently stops at 1000 users, so a full sync must set it.
	LimitedData bool `url:"limitedData,omitempty"`
}

// getUserOptions is the query of retrieveEndUser.
type getUserOptions struct {
	IDType EndUserIDType `url:"idType,omitempty"`
}
