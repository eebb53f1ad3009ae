package alianza

import (
	"encoding/json"
	"fmt"
	"log/slog"
)

// BusinessLine is an analog line of the Business Lines product: a port on an
// ATA that telephone numbers and hunt groups route to (schema BusinessLine).
type BusinessLine struct {
	ID                           string `json:"id,omitempty"` // a UUID
	Name                         string `json:"name,omitempty"`
	CallerIDPhoneNumber          string `json:"callerIdPhoneNumber,omitempty"`
	CallerIDVisible              bool   `json:"callerIdVisible,omitempty"`
	EmergencyCallbackPhoneNumber string `json:"emergencyCallbackPhoneNumber,omitempty"`
	AccountID                    string `json:"accountId,omitempty"`
	PartitionID                  string `json:"partitionId,omitempty"`
	// CallerIDName is not in the spec's BusinessLine but the Account Create
	// guide's response carries it ("ANONYMOUS"); read only (see
	// docs/quirks.md).
	CallerIDName string `json:"callerIdName,omitempty"`
}

// CreateBusinessLineRequest is the body of BusinessLinesService.Create. The
// spec requires accountId and partitionId in the body as well as the path;
// the method fills them from its arguments. The Account Create guide's
// example also sends "id": "string", which a create has no use for.
type CreateBusinessLineRequest struct {
	Name                         string  `json:"name"`                          // e.g. "West Lobby", "Line 1"
	CallerIDPhoneNumber          *string `json:"callerIdPhoneNumber,omitempty"` // 11 digits starting with 1
	CallerIDVisible              *bool   `json:"callerIdVisible,omitempty"`
	EmergencyCallbackPhoneNumber *string `json:"emergencyCallbackPhoneNumber,omitempty"` // 11 digits starting with 1
}

func (r *CreateBusinessLineRequest) validate(v *validator) {
	v.required("name", r.Name)
	if r.CallerIDPhoneNumber != nil {
		v.tn("callerIdPhoneNumber", *r.CallerIDPhoneNumber)
	}
	if r.EmergencyCallbackPhoneNumber != nil {
		v.tn("emergencyCallbackPhoneNumber", *r.EmergencyCallbackPhoneNumber)
	}
}

// UpdateBusinessLineRequest is the body of BusinessLinesService.Update, a
// PUT that replaces the line: start from BusinessLine.UpdateRequest.
type UpdateBusinessLineRequest CreateBusinessLineRequest

// UpdateRequest returns the line's writable fields as a PUT body.
func (b *BusinessLine) UpdateRequest() *UpdateBusinessLineRequest {
	return &UpdateBusinessLineRequest{
		Name:                         b.Name,
		CallerIDPhoneNumber:          ptrUnlessZero(b.CallerIDPhoneNumber),
		CallerIDVisible:              Ptr(b.CallerIDVisible),
		EmergencyCallbackPhoneNumber: ptrUnlessZero(b.EmergencyCallbackPhoneNumber),
	}
}

// UpdateRequest returns the call handling as a PUT body.
func (c *CallHandling) UpdateRequest() *UpdateCallHandlingRequest {
	return &UpdateCallHandlingRequest{
		ActiveCallHandling:         c.ActiveCallHandling,
		CallWaitingEnabled:         Ptr(c.CallWaitingEnabled),
		BusyFailoverAction:         c.BusyFailoverAction,
		UnregisteredFailoverAction: c.UnregisteredFailoverAction,
		RingTimeoutConfiguration:   c.RingTimeoutConfiguration,
		ForwardToPhoneNumber:       ptrUnlessZero(c.ForwardToPhoneNumber),
		VoicemailBoxID:             ptrUnlessZero(c.VoicemailBoxID),
	}
}

// UpdateCallHandlingRequest is the body of
// BusinessLinesService.UpdateCallHandling. The Account Create guide calls
// the two failover actions and the ring timeout optional, but the spec
// requires them (see docs/quirks.md): start from DefaultCallHandling, which
// sets them as the guide's example does.
type UpdateCallHandlingRequest struct {
	ActiveCallHandling         ActiveCallHandling       `json:"activeCallHandling"`
	CallWaitingEnabled         *bool                    `json:"callWaitingEnabled,omitempty"`
	BusyFailoverAction         RingFailoverAction       `json:"busyFailoverAction"`             // when the line is busy
	UnregisteredFailoverAction RingFailoverAction       `json:"unregisteredFailoverAction"`     // when the ATA is not registered
	RingTimeoutConfiguration   RingTimeoutConfiguration `json:"ringTimeoutConfiguration"`       // when nobody answers
	ForwardToPhoneNumber       *string                  `json:"forwardToPhoneNumber,omitempty"` // required for FORWARD
	VoicemailBoxID             *string                  `json:"voicemailBoxId,omitempty"`
}

// DefaultCallHandling returns the Account Create guide's example call
// handling: ring the line without a time limit, and send calls to voicemail
// when it is busy or its ATA is not registered. Call waiting is left to the platform default.
func DefaultCallHandling() *UpdateCallHandlingRequest {
	return &UpdateCallHandlingRequest{
		ActiveCallHandling:         ActiveCallHandlingRingLine,
		BusyFailoverAction:         FailoverToVoicemail(),
		UnregisteredFailoverAction: FailoverToVoicemail(),
		RingTimeoutConfiguration:   RingUnlimited(),
	}
}

func (r *UpdateCallHandlingRequest) validate(v *validator) {
	v.check(r.ActiveCallHandling != "", "activeCallHandling", "is required")
	v.enum("activeCallHandling", string(r.ActiveCallHandling), r.ActiveCallHandling.Valid())
	if r.ForwardToPhoneNumber != nil {
		v.tn("forwardToPhoneNumber", *r.ForwardToPhoneNumber)
	}
	if r.ActiveCallHandling == ActiveCallHandlingForward && (r.ForwardToPhoneNumber == nil || *r.ForwardToPhoneNumber == "") {
		v.add("forwardToPhoneNumber", "is required when activeCallHandling is FORWARD")
	}
	r.BusyFailoverAction.validate(v, "busyFailoverAction")
	r.UnregisteredFailoverAction.validate(v, "unregisteredFailoverAction")
	r.RingTimeoutConfiguration.validate(v, "ringTimeoutConfiguration")
}

// RingFailoverAction is where a call goes when a business line cannot take
// it. The JSON is polymorphic on "@type" (VoicemailRingFailoverAction,
// BusyRingFailoverAction, ForwardRingFailoverAction); build one with
// FailoverToVoicemail, FailoverToBusy or FailoverForwardTo.
//
// A type this SDK does not know decodes with its Type kept, so a read never
// fails; encoding it is an error rather than a silently wrong body.
type RingFailoverAction struct {
	Type                 RingFailoverActionType
	ForwardToPhoneNumber string // ForwardRingFailoverAction only, 11 digits
}

// FailoverToVoicemail sends the call to the line's voicemail box.
func FailoverToVoicemail() RingFailoverAction {
	return RingFailoverAction{Type: RingFailoverActionTypeVoicemail}
}

// FailoverToBusy plays a busy signal.
func FailoverToBusy() RingFailoverAction { return RingFailoverAction{Type: RingFailoverActionTypeBusy} }

// FailoverForwardTo forwards the call to a telephone number (11 digits
// starting with 1).
func FailoverForwardTo(tn string) RingFailoverAction {
	return RingFailoverAction{Type: RingFailoverActionTypeForward, ForwardToPhoneNumber: tn}
}

// wireFailover is the JSON form of every RingFailoverAction subtype.
type wireFailover struct {
	Type                 RingFailoverActionType `json:"@type"`
	ForwardToPhoneNumber string                 `json:"forwardToPhoneNumber,omitempty"`
}

// MarshalJSON writes the subtype's "@type" and fields, and refuses a type
// the spec does not define.
func (a RingFailoverAction) MarshalJSON() ([]byte, error) {
	w := wireFailover{Type: a.Type}
	switch a.Type {
	case RingFailoverActionTypeVoicemail, RingFailoverActionTypeBusy:
	case RingFailoverActionTypeForward:
		w.ForwardToPhoneNumber = a.ForwardToPhoneNumber
	default:
		return nil, fmt.Errorf("alianza: cannot encode RingFailoverAction with unknown @type %q", a.Type)
	}
	return json.Marshal(w)
}

// UnmarshalJSON reads any "@type", known or not.
func (a *RingFailoverAction) UnmarshalJSON(b []byte) error {
	var w wireFailover
	if err := json.Unmarshal(b, &w); err != nil {
		return fmt.Errorf("alianza: RingFailoverAction: %w", err)
	}
	*a = RingFailoverAction(w)
	return nil
}

func (a RingFailoverAction) validate(v *validator, field string) {
	switch {
	case a.Type == "":
		v.add(field, "is required (the spec requires it; use FailoverToVoicemail, FailoverToBusy or FailoverForwardTo)")
	case !a.Type.Valid():
		v.add(field+".@type", fmt.Sprintf("unknown value %q", a.Type))
	case a.Type == RingFailoverActionTypeForward:
		if a.ForwardToPhoneNumber == "" {
			v.add(field+".forwardToPhoneNumber", "is required for ForwardRingFailoverAction")
		}
		v.tn(field+".forwardToPhoneNumber", a.ForwardToPhoneNumber)
	}
}

// RingTimeoutConfiguration is what happens when nobody answers. The JSON is
// polymorphic on "@type": UnlimitedRingTimeoutConfiguration rings until the
// caller hangs up; LimitedRingTimeoutConfiguration rings TimeoutSeconds and
// then takes NoAnswerAction. Build one with RingUnlimited or RingLimited.
// Unknown types decode but do not encode, as for RingFailoverAction.
type RingTimeoutConfiguration struct {
	Type           RingTimeoutConfigurationType
	TimeoutSeconds int                // Limited only; 0 is not sent (platform default)
	NoAnswerAction RingFailoverAction // Limited only, required there
}

// RingUnlimited rings until the caller hangs up.
func RingUnlimited() RingTimeoutConfiguration {
	return RingTimeoutConfiguration{Type: RingTimeoutConfigurationTypeUnlimited}
}

// RingLimited rings for seconds, then takes noAnswer.
func RingLimited(seconds int, noAnswer RingFailoverAction) RingTimeoutConfiguration {
	return RingTimeoutConfiguration{Type: RingTimeoutConfigurationTypeLimited, TimeoutSeconds: seconds, NoAnswerAction: noAnswer}
}

// wireRingTimeout is the JSON form of every RingTimeoutConfiguration subtype.
type wireRingTimeout struct {
	Type           RingTimeoutConfigurationType `json:"@type"`
	TimeoutSeconds int                          `json:"timeoutSeconds,omitempty"`
	NoAnswerAction *RingFailoverAction          `json:"noAnswerAction,omitempty"`
}

// MarshalJSON writes the subtype's "@type" and fields, and refuses a type
// the spec does not define.
func (c RingTimeoutConfiguration) MarshalJSON() ([]byte, error) {
	w := wireRingTimeout{Type: c.Type}
	switch c.Type {
	case RingTimeoutConfigurationTypeUnlimited:
	case RingTimeoutConfigurationTypeLimited:
		w.TimeoutSeconds = c.TimeoutSeconds
		if c.NoAnswerAction != (RingFailoverAction{}) {
			w.NoAnswerAction = &c.NoAnswerAction
		}
	default:
		return nil, fmt.Errorf("alianza: cannot encode RingTimeoutConfiguration with unknown @type %q", c.Type)
	}
	return json.Marshal(w)
}

// UnmarshalJSON reads any "@type", known or not.
func (c *RingTimeoutConfiguration) UnmarshalJSON(b []byte) error {
	var w wireRingTimeout
	if err := json.Unmarshal(b, &w); err != nil {
		return fmt.Errorf("alianza: RingTimeoutConfiguration: %w", err)
	}
	*c = RingTimeoutConfiguration{Type: w.Type, TimeoutSeconds: w.TimeoutSeconds}
	if w.NoAnswerAction != nil {
		c.NoAnswerAction = *w.NoAnswerAction
	}
	return nil
}

func (c RingTimeoutConfiguration) validate(v *validator, field string) {
	switch {
	case c.Type == "":
		v.add(field, "is required (the spec requires it; use RingUnlimited or RingLimited)")
	case !c.Type.Valid():
		v.add(field+".@type", fmt.Sprintf("unknown value %q", c.Type))
	case c.Type == RingTimeoutConfigurationTypeLimited:
		v.check(c.TimeoutSeconds >= 0, field+".timeoutSeconds", fmt.Sprintf("must not be negative, got %d", c.TimeoutSeconds))
		c.NoAnswerAction.validate(v, field+".noAnswerAction")
	}
}

// UpdateSIPCredentialsRequest is the body of
// BusinessLinesService.UpdateSIPCredentials (schema SipCredentials).
type UpdateSIPCredentialsRequest struct {
	SIPUsername string `json:"sipUsername"` // 8-36 of [A-Za-z0-9._-]
	SIPPassword Secret `json:"sipPassword"` // at least 6 characters
}

// LogValue masks the SIP password.
func (r UpdateSIPCredentialsRequest) LogValue() slog.Value { return RedactedLogValue(r) }

func (r *UpdateSIPCredentialsRequest) validate(v *validator) {
	v.required("sipUsername", r.SIPUsername)
	v.sipUsername("sipUsername", r.SIPUsername)
	v.check(r.SIPPassword != "", "sipPassword", "is required")
	v.sipPassword("sipPassword", r.SIPPassword)
}

// CreatePortAssignmentRequest is the body of
// BusinessLinesService.CreatePortAssignment. MACAddress may be written
// "aa:bb:cc:dd:ee:ff" or "AA-BB-..": it is sent as 12 upper-case hex digits.
type CreatePortAssignmentRequest struct {
	DeviceTypeID string  `json:"deviceTypeId"` // required, e.g. "SPA112"
	MACAddress   *string `json:"macAddress,omitempty"`
	PortNumber   *int    `json:"portNumber,omitempty"` // 1-100
	FaxEnabled   *bool   `json:"faxEnabled,omitempty"`
}

// UpdatePortAssignmentRequest is the body of
// BusinessLinesService.UpdatePortAssignment; same rules as a create.
type UpdatePortAssignmentRequest CreatePortAssignmentRequest

func (r *CreatePortAssignmentRequest) validate(v *validator) {
	v.required("deviceTypeId", r.DeviceTypeID)
	if r.PortNumber != nil {
		n := *r.PortNumber
		v.check(n >= 1 && n <= 100, "portNumber", fmt.Sprintf("must be between 1 and 100, got %d", n))
	}
	if r.MACAddress != nil {
		v.check(*r.MACAddress != "", "macAddress", "must not be empty when set")
		v.normMAC("macAddress", *r.MACAddress)
	}
}

func (r *UpdatePortAssignmentRequest) validate(v *validator) {
	(*CreatePortAssignmentRequest)(r).validate(v)
}

// normalized returns a copy of a validated r with the MAC address in the
// platform's form; the caller's request is not modified.
func (r *CreatePortAssignmentRequest) normalized() *CreatePortAssignmentRequest {
	out := *r
	out.MACAddress = normalMAC(r.MACAddress)
	return &out
}

func (r *UpdateBusinessLineRequest) validate(v *validator) {
	(*CreateBusinessLineRequest)(r).validate(v)
}

// Validate reports, as a *ValidationError, every problem Create would
// refuse req for before sending it; nil when there is none.
func (r *CreateBusinessLineRequest) Validate() error { return validateRequest(r) }

// Validate reports, as a *ValidationError, every problem of req that
// Update would refuse before sending; nil when there is none.
func (r *UpdateBusinessLineRequest) Validate() error { return validateRequest(r) }

// Validate reports, as a *ValidationError, every problem of req that
// UpdateCallHandling would refuse before sending; nil when there is none.
func (r *UpdateCallHandlingRequest) Validate() error { return validateRequest(r) }

// Validate reports, as a *ValidationError, every problem of req that
// UpdateSIPCredentials would refuse before sending; nil when there is none.
func (r *UpdateSIPCredentialsRequest) Validate() error { return validateRequest(r) }

// Validate reports, as a *ValidationError, every problem of req that
// CreatePortAssignment would refuse before sending; nil when there is none.
func (r *CreatePortAssignmentRequest) Validate() error { return validateRequest(r) }

// Validate reports, as a *ValidationError, every problem of req that
// UpdatePortAssignment would refuse before sending; nil when there is none.
func (r *UpdatePortAssignmentRequest) Validate() error { return validateRequest(r) }
