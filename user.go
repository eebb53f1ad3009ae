package alianza

import (
	"context"
	"log/slog"
	"maps"
	"net/http"
	"slices"
	"time"
)

// UsersService manages an account's end users (schema EndUserV2X).
type UsersService service

// User is an end user (EndUserV2X), the call-routing object of a BCC or Home
// Phone account: telephone numbers reference it, devices hang under it.
type User struct {
	ID string `json:"id,omitempty"`
	// Username is unique across all partitions. The spec warns against an
	// email as username with the ADVANCED or PROFESSIONAL plan (the softphone
	// login breaks), although seed 003's STANDARD example uses one (row 30).
	Username           string `json:"username,omitempty"`
	FirstName          string `json:"firstName,omitempty"`
	LastName           string `json:"lastName,omitempty"`
	EmailAddress       string `json:"emailAddress,omitempty"`
	MustChangePassword bool   `json:"mustChangePassword,omitempty"`
	LanguageTag        string `json:"languageTag,omitempty"` // RFC 5646, e.g. "en-US"
	PartitionID        string `json:"partitionId,omitempty"`
	AccountID          string `json:"accountId,omitempty"`
	// CallingPlans and Devices are read-only: manage them through the
	// calling-plan and device-line services.
	CallingPlans []CallingPlan `json:"callingPlans,omitempty"`
	Devices      []Device      `json:"devices,omitempty"`
	TimeZone     TimeZone      `json:"timeZone,omitempty"`
	// Extension is a string in the spec although seed 003's table says
	// integer (row 29).
	Extension             string                 `json:"extension,omitempty"`
	CallerIDConfig        CallerIDConfig         `json:"callerIdConfig,omitzero"`
	CallHandlingSettings  CallHandlingSettings   `json:"callHandlingSettings,omitzero"`
	CallScreeningSettings CallScreeningSettings  `json:"callScreeningSettings,omitzero"`
	NewCppID              string                 `json:"newCppId,omitempty"`
	MediaFriends          MediaFriends           `json:"mediaFriends,omitzero"`
	CallHandlingSchedules []CallHandlingSchedule `json:"callHandlingSchedules,omitempty"`
	VoicemailBoxID        string                 `json:"voicemailBoxId,omitempty"` // empty: the user has no voicemail box
	EndUserType           EndUserType            `json:"endUserType,omitempty"`
	UserProductPlan       UserProductPlan        `json:"userProductPlan,omitempty"`
	SoftphoneClientType   SoftphoneClientType    `json:"softphoneClientType,omitempty"`
	PinLockedOut          bool                   `json:"pinLockedOut,omitempty"`
	WelcomeEmailSent      time.Time              `json:"welcomeEmailSent,omitzero"`
	BlockEmail            bool                   `json:"blockEmail,omitempty"`
	AllowPortalAccess     bool                   `json:"allowPortalAccess,omitempty"`
	Tags                  string                 `json:"tags,omitempty"`
	Group                 UserGroup              `json:"group,omitzero"`
}

// LogValue masks the SIP passwords of the user's devices.
func (u User) LogValue() slog.Value { return RedactedLogValue(u) }

// CallerIDConfig is CallerIdConfigX: what callers see for the user's outbound
// calls. The two visibility flags are required by the spec, so they are
// always sent. The spec also requires callerIdNumber, but the platform itself
// returns the object without one (seed 003), so a read-modify-write must be
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

// UserCallHandlingWithTimeout is CallHandlingWithTimeoutX: the no-answer
// action after Timeout seconds (one ring is 6 seconds, so 24 is four rings).
type UserCallHandlingWithTimeout struct {
	Type            CallHandlingType `json:"type,omitempty"`
	Timeout         int              `json:"timeout,omitempty"` // at least 1
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

// FindMeFollowMeCallHandling is FindMeFollowMeCallHandlingX, used when
// callHandlingOptionType is FindMeFollowMe: the endpoints ring in turn, then
// TimeoutType applies.
type FindMeFollowMeCallHandling struct {
	FindMeEndpoints []FindMeEndpoint `json:"findMeEndpoints,omitempty"`
	TimeoutType     CallHandlingType `json:"timeoutType,omitempty"`
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

// CallHandlingSchedule is CallHandlingScheduleX: call handling that applies
// during a schedule.
type CallHandlingSchedule struct {
	Schedule     Schedule             `json:"schedule,omitzero"`
	CallHandling CallHandlingSettings `json:"callHandling,omitzero"`
}

// ScheduleType values appear in ScheduleX.type.
type ScheduleType string

// ScheduleType values.
const (
	ScheduleTypeCustom ScheduleType = "CUSTOM"
	ScheduleTypeWeekly ScheduleType = "WEEKLY"
)

// Valid reports whether v is a value the spec defines for ScheduleType.
func (v ScheduleType) Valid() bool { return v == ScheduleTypeCustom || v == ScheduleTypeWeekly }

// Schedule is ScheduleX. Weekly is a map of named WeeklyScheduleX objects,
// as the spec declares it (additionalProperties).
type Schedule struct {
	Name   string                    `json:"name,omitempty"`
	Type   ScheduleType              `json:"type,omitempty"`
	Weekly map[string]WeeklySchedule `json:"weekly,omitempty"`
	Custom []CustomSchedule          `json:"custom,omitempty"`
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

// UserGroup is UserGroupX.
type UserGroup struct {
	ID          string `json:"id,omitempty"`
	Name        string `json:"name,omitempty"`
	Description string `json:"description,omitempty"`
}

// CreateUserRequest is the body of UsersService.Create. TimeZone is the only
// field the spec requires (seed 003 also sends username, names, email,
// userProductPlan, extension, endUserType, allowPortalAccess, blockEmail).
// EmailAddress is required when AllowPortalAccess is true (seed 003).
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
	PinLockedOut          *bool                  `json:"pinLockedOut,omitempty"`
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
	PinLockedOut          *bool                   `json:"pinLockedOut,omitempty"`
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

// Create creates an end user on the account.
//
// operationId createEndUser.
//
//alianza:operation POST /v2/partition/{partitionId}/account/{accountId}/user
func (s *UsersService) Create(ctx context.Context, accountID string, req *CreateUserRequest) (*User, error) {
	if req == nil {
		return nil, &FieldError{Field: "body", Rule: "is required"}
	}
	if err := req.validate(); err != nil {
		return nil, err
	}
	return s.send(ctx, http.MethodPost, "/v2/partition/{partitionId}/account/{accountId}/user", []string{accountID}, nil, req)
}

// List returns the account's end users (a bare list, no paging: see
// ListUsersOptions.LimitedData about the 1000-user cap). opts may be nil.
//
// operationId retrieveEndUserList.
//
//alianza:operation GET /v2/partition/{partitionId}/account/{accountId}/user
func (s *UsersService) List(ctx context.Context, accountID string, opts *ListUsersOptions) ([]User, error) {
	var users []User
	err := s.client.do(ctx, &request{
		method: http.MethodGet,
		path:   "/v2/partition/{partitionId}/account/{accountId}/user",
		args:   []string{accountID},
		query:  opts,
		out:    &users,
	})
	if err != nil {
		return nil, err
	}
	return users, nil
}

// Get returns the end user with the given id.
//
// operationId retrieveEndUser.
//
//alianza:operation GET /v2/partition/{partitionId}/account/{accountId}/user/{userId}
func (s *UsersService) Get(ctx context.Context, accountID, userID string) (*User, error) {
	return s.get(ctx, accountID, userID, EndUserIDByID)
}

// GetByUsername returns the end user with the given username (retrieveEndUser
// with idType=UserName: the username takes the id's place in the path).
func (s *UsersService) GetByUsername(ctx context.Context, accountID, username string) (*User, error) {
	return s.get(ctx, accountID, username, EndUserIDByUserName)
}

func (s *UsersService) get(ctx context.Context, accountID, userID string, idType EndUserIDType) (*User, error) {
	return s.send(ctx, http.MethodGet, "/v2/partition/{partitionId}/account/{accountId}/user/{userId}",
		[]string{accountID, userID}, &getUserOptions{IDType: idType}, nil)
}

// Update replaces the end user.
//
// operationId updateEndUser.
//
//alianza:operation PUT /v2/partition/{partitionId}/account/{accountId}/user/{userId}
func (s *UsersService) Update(ctx context.Context, accountID, userID string, req *UpdateUserRequest) (*User, error) {
	if req == nil {
		return nil, &FieldError{Field: "body", Rule: "is required"}
	}
	if err := req.validate(); err != nil {
		return nil, err
	}
	return s.send(ctx, http.MethodPut, "/v2/partition/{partitionId}/account/{accountId}/user/{userId}",
		[]string{accountID, userID}, nil, req)
}

// Patch changes only the fields set in req.
//
// operationId patchEndUser.
//
//alianza:operation PATCH /v2/partition/{partitionId}/account/{accountId}/user/{userId}
func (s *UsersService) Patch(ctx context.Context, accountID, userID string, req *PatchUserRequest) (*User, error) {
	if req == nil {
		return nil, &FieldError{Field: "body", Rule: "is required"}
	}
	if err := req.validate(); err != nil {
		return nil, err
	}
	return s.send(ctx, http.MethodPatch, "/v2/partition/{partitionId}/account/{accountId}/user/{userId}",
		[]string{accountID, userID}, nil, req)
}

// Delete deletes the end user (204, no body).
//
// operationId deleteEndUser.
//
//alianza:operation DELETE /v2/partition/{partitionId}/account/{accountId}/user/{userId}
func (s *UsersService) Delete(ctx context.Context, accountID, userID string) error {
	return s.client.do(ctx, &request{
		method: http.MethodDelete,
		path:   "/v2/partition/{partitionId}/account/{accountId}/user/{userId}",
		args:   []string{accountID, userID},
	})
}

// send is the shape every single-user operation shares.
func (s *UsersService) send(ctx context.Context, method, path string, args []string, query, body any) (*User, error) {
	var u User
	if err := s.client.do(ctx, &request{method: method, path: path, args: args, query: query, body: body, out: &u}); err != nil {
		return nil, err
	}
	return &u, nil
}

// userFields is what the three request types have in common, as pointers,
// so that one function validates them all.
type userFields struct {
	timeZone          *TimeZone
	username          *string
	firstName         *string
	lastName          *string
	email             *string
	extension         *string
	allowPortalAccess *bool
	endUserType       *EndUserType
	plan              *UserProductPlan
	softphone         *SoftphoneClientType
	callerID          *CallerIDConfig
	handling          *CallHandlingSettings
	screening         *CallScreeningSettings
	schedules         []CallHandlingSchedule
	// full is true for create and update, whose body is the whole user:
	// rules that need several fields together apply only then.
	full bool
}

func (r *CreateUserRequest) validate() error {
	return userFields{
		timeZone: &r.TimeZone, username: r.Username, firstName: r.FirstName, lastName: r.LastName,
		email: r.EmailAddress, extension: r.Extension, allowPortalAccess: r.AllowPortalAccess,
		endUserType: r.EndUserType, plan: r.UserProductPlan, softphone: r.SoftphoneClientType,
		callerID: r.CallerIDConfig, handling: r.CallHandlingSettings, screening: r.CallScreeningSettings,
		schedules: r.CallHandlingSchedules, full: true,
	}.validate()
}

func (r *UpdateUserRequest) validate() error {
	return userFields{
		timeZone: &r.TimeZone, username: r.Username, firstName: r.FirstName, lastName: r.LastName,
		email: r.EmailAddress, extension: r.Extension, allowPortalAccess: r.AllowPortalAccess,
		endUserType: r.EndUserType, plan: r.UserProductPlan, softphone: r.SoftphoneClientType,
		callerID: r.CallerIDConfig, handling: r.CallHandlingSettings, screening: r.CallScreeningSettings,
		schedules: r.CallHandlingSchedules, full: true,
	}.validate()
}

func (r *PatchUserRequest) validate() error {
	f := userFields{
		timeZone: r.TimeZone, username: r.Username, firstName: r.FirstName, lastName: r.LastName,
		email: r.EmailAddress, extension: r.Extension, allowPortalAccess: r.AllowPortalAccess,
		endUserType: r.EndUserType, plan: r.UserProductPlan, softphone: r.SoftphoneClientType,
		callerID: r.CallerIDConfig, handling: r.CallHandlingSettings, screening: r.CallScreeningSettings,
	}
	if r.CallHandlingSchedules != nil {
		f.schedules = *r.CallHandlingSchedules
	}
	return f.validate()
}

func (f userFields) validate() error {
	var v validator
	if f.timeZone != nil {
		v.required("timeZone", string(*f.timeZone))
		v.enum("timeZone", string(*f.timeZone), f.timeZone.Valid())
	}
	// The spec's 3-256 bounds; a set pointer to "" is checked too, so a
	// PATCH cannot blank a name the platform requires to be 3 long.
	lengthPtr(&v, "username", f.username, 3, 256)
	lengthPtr(&v, "firstName", f.firstName, 3, 256)
	lengthPtr(&v, "lastName", f.lastName, 3, 256)
	lengthPtr(&v, "emailAddress", f.email, 3, 256)
	if f.email != nil && *f.email != "" {
		v.check(isEmailAddress(*f.email), "emailAddress", "must be a valid email address, e.g. name@example.com")
	}
	if f.full && f.allowPortalAccess != nil && *f.allowPortalAccess && (f.email == nil || *f.email == "") {
		v.add("emailAddress", "is required when allowPortalAccess is true")
	}
	if f.extension != nil {
		v.check(isExtension(*f.extension), "extension", "must be 3 to 6 digits starting with 2 to 8, matching the account's extension length")
	}
	if f.endUserType != nil {
		v.enum("endUserType", string(*f.endUserType), f.endUserType.Valid())
	}
	if f.plan != nil {
		v.enum("userProductPlan", string(*f.plan), f.plan.Valid())
		// The spec's own warning on username, made an error because the
		// user would lose the softphone login (spec-scope row 30).
		if (*f.plan == UserProductPlanAdvanced || *f.plan == UserProductPlanProfessional) && f.username != nil && containsAt(*f.username) {
			v.add("username", "must not be an email address when userProductPlan is ADVANCED or PROFESSIONAL")
		}
	}
	if f.softphone != nil {
		v.enum("softphoneClientType", string(*f.softphone), f.softphone.Valid())
	}
	if c := f.callerID; c != nil {
		v.tn("callerIdConfig.callerIdNumber", c.CallerIDNumber)
	}
	if f.handling != nil {
		validateCallHandling(&v, "callHandlingSettings", f.handling, f.full)
	}
	if f.screening != nil {
		validateCallScreening(&v, "callScreeningSettings", f.screening)
	}
	for i := range f.schedules {
		validateSchedule(&v, indexed("callHandlingSchedules", i), &f.schedules[i], f.full)
	}
	return v.err()
}

func validateCallHandling(v *validator, p string, h *CallHandlingSettings, full bool) {
	v.enum(p+".callHandlingOptionType", string(h.CallHandlingOptionType), h.CallHandlingOptionType.Valid())
	v.tn(p+".forwardAlwaysToNumber", h.ForwardAlwaysToNumber)
	if full && h.CallHandlingOptionType == CallHandlingOptionTypeForwardAlways && h.ForwardAlwaysToNumber == "" {
		v.add(p+".forwardAlwaysToNumber", "is required when callHandlingOptionType is ForwardAlways")
	}
	if rp := h.RingPhoneCallHandling; rp != nil {
		q := p + ".ringPhoneCallHandling"
		validateUserCallHandling(v, q+".busyCallHandling", rp.BusyCallHandling)
		validateCallHandlingWithTimeout(v, q+".noAnswerCallHandling", rp.NoAnswerCallHandling)
		validateUserCallHandling(v, q+".unregisteredCallHandling", rp.UnregisteredCallHandling)
	}
	if sr := h.SimultaneousRingCallHandling; sr != nil {
		validateSimultaneousRing(v, p+".simultaneousRingCallHandling", sr)
	}
	if fm := h.FindMeFollowMeCallHandling; fm != nil {
		validateFindMe(v, p+".findMeFollowMeCallHandling", fm)
	}
}

func validateUserCallHandling(v *validator, p string, h *UserCallHandling) {
	if h == nil {
		return
	}
	// CallHandlingX allows only Forward, Voicemail and Busy.
	v.check(h.Type == "" || (h.Type.Valid() && h.Type != CallHandlingTypeRingForever), p+".type",
		"must be Forward, Voicemail or Busy, got "+quote(string(h.Type)))
	checkForward(v, p, h.Type, h.ForwardToNumber)
}

func validateCallHandlingWithTimeout(v *validator, p string, h *UserCallHandlingWithTimeout) {
	if h == nil {
		return
	}
	v.enum(p+".type", string(h.Type), h.Type.Valid())
	v.check(h.Timeout >= 0, p+".timeout", "must be at least 1 second")
	checkForward(v, p, h.Type, h.ForwardToNumber)
}

// checkForward: a Forward action needs a telephone number to forward to.
func checkForward(v *validator, p string, t CallHandlingType, number string) {
	v.tn(p+".forwardToNumber", number)
	if t == CallHandlingTypeForward && number == "" {
		v.add(p+".forwardToNumber", "is required when type is Forward")
	}
}

func validateSimultaneousRing(v *validator, p string, sr *SimultaneousRingCallHandling) {
	for i, n := range sr.ForwardToNumberList {
		f := indexed(p+".forwardToNumberList", i)
		v.required(f, n)
		v.tn(f, n)
	}
	validateCallHandlingWithTimeout(v, p+".noAnswerCallHandling", sr.NoAnswerCallHandling)
	ringForever := sr.NoAnswerCallHandling != nil && sr.NoAnswerCallHandling.Type == CallHandlingTypeRingForever
	end := 0 // where the active windows so far stop ringing
	for i, e := range sr.ForwardToTimedNumberList {
		q := indexed(p+".forwardToTimedNumberList", i)
		v.required(q+".toNumber", e.ToNumber)
		v.tn(q+".toNumber", e.ToNumber)
		v.check(e.RingDelay >= 0, q+".ringDelay", "must be at least 0")
		if !ringForever {
			v.check(e.RingDuration >= 1, q+".ringDuration", "must be at least 1")
		}
		// The spec: delays in chronological order, no gaps between the
		// active windows, the first delay within the no-answer timeout.
		if i == 0 {
			if na := sr.NoAnswerCallHandling; na != nil && na.Timeout > 0 {
				v.check(e.RingDelay <= na.Timeout, q+".ringDelay", "must not exceed noAnswerCallHandling.timeout for the first endpoint")
			}
		} else {
			prev := sr.ForwardToTimedNumberList[i-1]
			v.check(e.RingDelay >= prev.RingDelay, q+".ringDelay", "must not be earlier than the previous endpoint's (chronological order)")
			if !ringForever {
				v.check(e.RingDelay <= end, q+".ringDelay", "must not leave a gap after the previous endpoints' ringing")
			}
		}
		end = max(end, e.RingDelay+e.RingDuration)
	}
}

func validateFindMe(v *validator, p string, fm *FindMeFollowMeCallHandling) {
	v.enum(p+".timeoutType", string(fm.TimeoutType), fm.TimeoutType.Valid())
	for i, e := range fm.FindMeEndpoints {
		q := indexed(p+".findMeEndpoints", i)
		v.tn(q+".toNumber", e.ToNumber)
		if !e.RingUserDevice && e.ToNumber == "" && e.ToUserID == "" {
			v.add(q+".toNumber", "is required when ringUserDevice is false and toUserId is empty")
		}
		if e.Timeout != 0 {
			v.check(e.Timeout >= 1 && e.Timeout <= 240, q+".timeout", "must be between 1 and 240 seconds")
		}
		if i == len(fm.FindMeEndpoints)-1 {
			v.check(!e.ContinueOnBusy, q+".continueOnBusy", "must be false for the last endpoint")
		}
	}
}

func validateCallScreening(v *validator, p string, s *CallScreeningSettings) {
	v.enum(p+".anonymousCallScreen", string(s.AnonymousCallScreen), s.AnonymousCallScreen.Valid())
	v.enum(p+".anonymousRingType", string(s.AnonymousRingType), s.AnonymousRingType.Valid())
	v.enum(p+".tollFreeCallScreen", string(s.TollFreeCallScreen), s.TollFreeCallScreen.Valid())
	v.enum(p+".tollFreeRingType", string(s.TollFreeRingType), s.TollFreeRingType.Valid())
	v.enum(p+".defaultCallScreen", string(s.DefaultCallScreen), s.DefaultCallScreen.Valid())
	v.enum(p+".defaultRingType", string(s.DefaultRingType), s.DefaultRingType.Valid())
	v.tn(p+".forwardTn", s.ForwardTN)
	for i, c := range s.CustomCallScreenList {
		q := indexed(p+".customCallScreenList", i)
		v.enum(q+".blockType", string(c.BlockType), c.BlockType.Valid())
		v.enum(q+".ringType", string(c.RingType), c.RingType.Valid())
	}
}

func validateSchedule(v *validator, p string, s *CallHandlingSchedule, full bool) {
	v.enum(p+".schedule.type", string(s.Schedule.Type), s.Schedule.Type.Valid())
	for i, c := range s.Schedule.Custom {
		q := indexed(p+".schedule.custom", i)
		v.check(!c.Date.IsZero(), q+".date", "is required")
		v.required(q+".startTime", c.StartTime)
		v.required(q+".endTime", c.EndTime)
	}
	for _, name := range slices.Sorted(maps.Keys(s.Schedule.Weekly)) {
		w := s.Schedule.Weekly[name]
		for i, t := range []*WeeklyScheduleTime{w.Sun, w.Mon, w.Tue, w.Wed, w.Thu, w.Fri, w.Sat} {
			if t != nil {
				q := p + ".schedule.weekly." + name + "." + weekdays[i]
				v.required(q+".startTime", t.StartTime)
				v.required(q+".endTime", t.EndTime)
			}
		}
	}
	validateCallHandling(v, p+".callHandling", &s.CallHandling, full)
}
