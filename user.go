package alianza

import (
	"context"
	"iter"
	"maps"
	"net/http"
	"slices"
)

// UsersService manages an account's end users (schema EndUserV2X).
type UsersService service

// Create creates an end user on the account.
//
// operationId createEndUser.
//
//alianza:operation POST /v2/partition/{partitionId}/account/{accountId}/user
func (s *UsersService) Create(ctx context.Context, accountID string, req *CreateUserRequest, callOpts ...CallOption) (*User, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("accountId", accountID)
	validateBody(&v, req)
	if err := v.err(); err != nil {
		return nil, err
	}
	return call[User](ctx, s.client, &request{
		method: http.MethodPost,
		path:   "/v2/partition/{partitionId}/account/{accountId}/user",
		args:   []string{accountID},
		body:   req,
	})
}

// List returns the account's end users (a bare list, no paging: see
// ListUsersOptions.LimitedData about the 1000-user cap). opts may be nil.
//
// operationId retrieveEndUserList.
//
//alianza:operation GET /v2/partition/{partitionId}/account/{accountId}/user
func (s *UsersService) List(ctx context.Context, accountID string, opts *ListUsersOptions, callOpts ...CallOption) ([]User, error) {
	ctx = withCallOptions(ctx, callOpts)
	r, err := accountListRequest(accountID, "/v2/partition/{partitionId}/account/{accountId}/user", opts)
	if err != nil {
		return nil, err
	}
	return callValue[[]User](ctx, s.client, r)
}

// ListIter is List as a sequence: the users are decoded one by one
// as the answer arrives, in constant memory, whatever their number. A
// failure is yielded once and ends the sequence. MaxStreamElement says
// what bounds a stream in place of WithMaxBodySize.
func (s *UsersService) ListIter(ctx context.Context, accountID string, opts *ListUsersOptions, callOpts ...CallOption) iter.Seq2[User, error] {
	ctx = withCallOptions(ctx, callOpts)
	r, err := accountListRequest(accountID, "/v2/partition/{partitionId}/account/{accountId}/user", opts)
	if err != nil {
		return failed[User](err)
	}
	return each[User](ctx, s.client, r)
}

// Get returns the end user with the given id.
//
// operationId retrieveEndUser.
//
//alianza:operation GET /v2/partition/{partitionId}/account/{accountId}/user/{userId}
func (s *UsersService) Get(ctx context.Context, accountID, userID string, callOpts ...CallOption) (*User, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("accountId", accountID)
	v.pathID("userId", userID)
	if err := v.err(); err != nil {
		return nil, err
	}
	return call[User](ctx, s.client, &request{
		method: http.MethodGet,
		path:   "/v2/partition/{partitionId}/account/{accountId}/user/{userId}",
		args:   []string{accountID, userID},
		query:  &getUserOptions{IDType: EndUserIDTypeID},
	})
}

// GetByUsername returns the end user with the given username (retrieveEndUser
// with idType=UserName: the username takes the id's place in the path).
func (s *UsersService) GetByUsername(ctx context.Context, accountID, username string, callOpts ...CallOption) (*User, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("accountId", accountID)
	v.pathID("username", username)
	v.length("username", username, 3, 256)
	if err := v.err(); err != nil {
		return nil, err
	}
	return call[User](ctx, s.client, &request{
		method: http.MethodGet,
		path:   "/v2/partition/{partitionId}/account/{accountId}/user/{userId}",
		args:   []string{accountID, username},
		query:  &getUserOptions{IDType: EndUserIDTypeUserName},
	})
}

// Update replaces the end user.
//
// operationId updateEndUser.
//
//alianza:operation PUT /v2/partition/{partitionId}/account/{accountId}/user/{userId}
func (s *UsersService) Update(ctx context.Context, accountID, userID string, req *UpdateUserRequest, callOpts ...CallOption) (*User, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("accountId", accountID)
	v.pathID("userId", userID)
	validateBody(&v, req)
	if err := v.err(); err != nil {
		return nil, err
	}
	return call[User](ctx, s.client, &request{
		method: http.MethodPut,
		path:   "/v2/partition/{partitionId}/account/{accountId}/user/{userId}",
		args:   []string{accountID, userID},
		body:   req,
	})
}

// Patch changes only the fields set in req.
//
// operationId patchEndUser.
//
//alianza:operation PATCH /v2/partition/{partitionId}/account/{accountId}/user/{userId}
func (s *UsersService) Patch(ctx context.Context, accountID, userID string, req *PatchUserRequest, callOpts ...CallOption) (*User, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("accountId", accountID)
	v.pathID("userId", userID)
	validateBody(&v, req)
	if err := v.err(); err != nil {
		return nil, err
	}
	return call[User](ctx, s.client, &request{
		method: http.MethodPatch,
		path:   "/v2/partition/{partitionId}/account/{accountId}/user/{userId}",
		args:   []string{accountID, userID},
		body:   req,
	})
}

// Delete deletes the end user (204, no body).
//
// operationId deleteEndUser.
//
//alianza:operation DELETE /v2/partition/{partitionId}/account/{accountId}/user/{userId}
func (s *UsersService) Delete(ctx context.Context, accountID, userID string, callOpts ...CallOption) error {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("accountId", accountID)
	v.pathID("userId", userID)
	if err := v.err(); err != nil {
		return err
	}
	return s.client.do(ctx, &request{
		method: http.MethodDelete,
		path:   "/v2/partition/{partitionId}/account/{accountId}/user/{userId}",
		args:   []string{accountID, userID},
	})
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

func (r *CreateUserRequest) validate(v *validator) {
	userFields{
		timeZone: &r.TimeZone, username: r.Username, firstName: r.FirstName, lastName: r.LastName,
		email: r.EmailAddress, extension: r.Extension, allowPortalAccess: r.AllowPortalAccess,
		endUserType: r.EndUserType, plan: r.UserProductPlan, softphone: r.SoftphoneClientType,
		callerID: r.CallerIDConfig, handling: r.CallHandlingSettings, screening: r.CallScreeningSettings,
		schedules: r.CallHandlingSchedules, full: true,
	}.validate(v)
}

func (r *UpdateUserRequest) validate(v *validator) {
	userFields{
		timeZone: &r.TimeZone, username: r.Username, firstName: r.FirstName, lastName: r.LastName,
		email: r.EmailAddress, extension: r.Extension, allowPortalAccess: r.AllowPortalAccess,
		endUserType: r.EndUserType, plan: r.UserProductPlan, softphone: r.SoftphoneClientType,
		callerID: r.CallerIDConfig, handling: r.CallHandlingSettings, screening: r.CallScreeningSettings,
		schedules: r.CallHandlingSchedules, full: true,
	}.validate(v)
}

func (r *PatchUserRequest) validate(v *validator) {
	f := userFields{
		timeZone: r.TimeZone, username: r.Username, firstName: r.FirstName, lastName: r.LastName,
		email: r.EmailAddress, extension: r.Extension, allowPortalAccess: r.AllowPortalAccess,
		endUserType: r.EndUserType, plan: r.UserProductPlan, softphone: r.SoftphoneClientType,
		callerID: r.CallerIDConfig, handling: r.CallHandlingSettings, screening: r.CallScreeningSettings,
	}
	if r.CallHandlingSchedules != nil {
		f.schedules = *r.CallHandlingSchedules
	}
	f.validate(v)
}

// Validate reports, as a *ValidationError, every problem Create would
// refuse req for before sending it; nil when there is none.
func (r *CreateUserRequest) Validate() error { return validateRequest(r) }

// Validate reports, as a *ValidationError, every problem of req that
// Update would refuse before sending; nil when there is none.
func (r *UpdateUserRequest) Validate() error { return validateRequest(r) }

// Validate reports, as a *ValidationError, every problem of req that Patch
// would refuse before sending; nil when there is none.
func (r *PatchUserRequest) Validate() error { return validateRequest(r) }

func (f userFields) validate(v *validator) {
	if f.timeZone != nil {
		v.required("timeZone", string(*f.timeZone))
		v.enum("timeZone", string(*f.timeZone), f.timeZone.Valid())
	}
	// The spec's 3-256 bounds; a set pointer to "" is checked too, so a
	// PATCH cannot blank a name the platform requires to be 3 long.
	lengthPtr(v, "username", f.username, 3, 256)
	lengthPtr(v, "firstName", f.firstName, 3, 256)
	lengthPtr(v, "lastName", f.lastName, 3, 256)
	lengthPtr(v, "emailAddress", f.email, 3, 256)
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
		// The spec warns that an email-address username breaks the
		// softphone login on these plans; the client makes it an error.
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
		validateCallHandling(v, "callHandlingSettings", f.handling, f.full)
	}
	if f.screening != nil {
		validateCallScreening(v, "callScreeningSettings", f.screening)
	}
	for i := range f.schedules {
		validateSchedule(v, indexed("callHandlingSchedules", i), &f.schedules[i], f.full)
	}
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
