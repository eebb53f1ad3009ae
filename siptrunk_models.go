package alianza

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"slices"
	"strings"
)

// SipTrunk is a registration-based SIP trunk (schema SipTrunk, the spec's
// siptrunk_2 shape) as the platform returns it.
//
// Alianza's guides spell primaryTn as "primaryTN" in their field tables (see
// docs/quirks.md); encoding/json matches keys case-insensitively, so that
// form decodes into PrimaryTN too, and encoding always writes "primaryTn".
type SipTrunk struct {
	ID                   string           `json:"id,omitempty"`
	PartitionID          string           `json:"partitionId,omitempty"`
	AccountID            string           `json:"accountId,omitempty"`
	TrunkName            string           `json:"trunkName,omitempty"`
	SIPUsername          string           `json:"sipUsername,omitempty"`
	SIPPassword          Secret           `json:"sipPassword,omitempty"`
	CallbackNumber       string           `json:"callbackNumber,omitempty"` // E911 callback TN
	PrimaryTN            string           `json:"primaryTn,omitempty"`      // routes 7-digit dialing and local services; not caller ID
	ConcurrentCalls      int              `json:"concurrentCalls,omitempty"`
	MaxBurstCalls        int              `json:"maxBurstCalls,omitempty"`
	CallingPlans         []CallingPlan    `json:"callingPlans,omitempty"`
	TelephoneNumbers     []string         `json:"telephoneNumbers,omitempty"` // TNs that reference the trunk
	SIPProxyServer       string           `json:"sipProxyServer,omitempty"`   // e.g. siptrunk.p2.alianza.com:5065
	LockedOut            bool             `json:"lockedOut,omitempty"`        // cleared by SipTrunksService.Unlock
	LocalServicesEnabled bool             `json:"localServicesEnabled,omitempty"`
	ExtensionPatterns    []string         `json:"extensionPatterns,omitempty"`
	ExternalChargeNumber string           `json:"externalChargeNumber,omitempty"`
	NewCppID             string           `json:"newCppId,omitempty"`
	SetupCallingPlan     SetupCallingPlan `json:"setupCallingPlan,omitzero"`
	ProvisioningStatus   string           `json:"provisioningStatus,omitempty"`
	IPBasedAuthEnabled   bool             `json:"ipBasedAuthEnabled,omitempty"`
	IPAddress            string           `json:"ipAddress,omitempty"`
	PortNumber           int              `json:"portNumber,omitempty"`
	AccessEndpoints      []SbcEndpoint    `json:"accessEndpoints,omitempty"`
	SipTrunkGroupID      string           `json:"sipTrunkGroupId,omitempty"`
	PBXTNDigits          int              `json:"pbxTnDigits,omitempty"`
	LanguageTag          string           `json:"languageTag,omitempty"`
}

// LogValue masks the SIP password: slog's JSON handler would otherwise
// marshal it through its real JSON encoding.
func (t SipTrunk) LogValue() slog.Value { return RedactedLogValue(t) }

// UpdateRequest returns the trunk's writable fields as a full-replacement
// PUT body, for the usual read, change, write cycle:
//
//	t, _ := c.SipTrunks.Get(ctx, acct, id)
//	u := t.UpdateRequest()
//	u.ConcurrentCalls = 20
//	t, err = c.SipTrunks.Update(ctx, acct, id, u)
//
// SetupCallingPlan and NewCppID are not carried over: each is an
// instruction (start or share a calling plan, attach a calling plan
// product), not state of the trunk, so a replace does not repeat it; set
// them on the request to do that on purpose. The request shares no memory
// with t.
func (t *SipTrunk) UpdateRequest() *UpdateSipTrunkRequest {
	u := &UpdateSipTrunkRequest{
		TrunkName:            t.TrunkName,
		SIPUsername:          t.SIPUsername,
		SIPPassword:          t.SIPPassword,
		ConcurrentCalls:      t.ConcurrentCalls,
		LocalServicesEnabled: Ptr(t.LocalServicesEnabled),
		IPBasedAuthEnabled:   Ptr(t.IPBasedAuthEnabled),
		ExtensionPatterns:    slices.Clone(t.ExtensionPatterns), // nil stays nil, empty stays empty
		CallbackNumber:       ptrUnlessZero(t.CallbackNumber),
		PrimaryTN:            ptrUnlessZero(t.PrimaryTN),
		ExternalChargeNumber: ptrUnlessZero(t.ExternalChargeNumber),
		IPAddress:            ptrUnlessZero(t.IPAddress),
		SipTrunkGroupID:      ptrUnlessZero(t.SipTrunkGroupID),
		LanguageTag:          ptrUnlessZero(t.LanguageTag),
		MaxBurstCalls:        ptrUnlessZero(t.MaxBurstCalls),
		PortNumber:           ptrUnlessZero(t.PortNumber),
		PBXTNDigits:          ptrUnlessZero(t.PBXTNDigits),
	}
	return u
}

// SetupCallingPlan asks the platform, on create, to share an existing
// calling plan (SHARED_CALLING_PLAN, with the plan owner's referenceId) or
// to start a new one (NEW_CALLING_PLAN). The spec allows only these two.
type SetupCallingPlan struct {
	ReferenceID     string          `json:"referenceId,omitempty"`
	CallingPlanType CallingPlanType `json:"callingPlanType,omitempty"`
}

// CreateSipTrunkRequest is the body of SipTrunksService.Create. Alianza's
// guides require TrunkName, SIPUsername, SIPPassword and ConcurrentCalls
// although the spec's SipTrunk has no required list (see docs/quirks.md);
// the client checks all four. AccountID and PartitionID are filled from the
// path, as the guides' example bodies carry them.
type CreateSipTrunkRequest struct {
	TrunkName       string `json:"trunkName"`       // unique on the account
	SIPUsername     string `json:"sipUsername"`     // 8-36 of [A-Za-z0-9._-]; randomise it
	SIPPassword     Secret `json:"sipPassword"`     // at least 6 characters; randomise it
	ConcurrentCalls int    `json:"concurrentCalls"` // at least 1

	CallbackNumber       *string `json:"callbackNumber,omitempty"` // E911 callback TN, must be on the platform
	PrimaryTN            *string `json:"primaryTn,omitempty"`
	LocalServicesEnabled *bool   `json:"localServicesEnabled,omitempty"` // platform default false
	MaxBurstCalls        *int    `json:"maxBurstCalls,omitempty"`
	// ExtensionPatterns such as "21XX" (2100-2199), "211X" or "2105". A nil
	// slice is not sent; an empty one sends [] (clears the list on a PUT).
	ExtensionPatterns    []string          `json:"extensionPatterns,omitzero"`
	ExternalChargeNumber *string           `json:"externalChargeNumber,omitempty"`
	NewCppID             *string           `json:"newCppId,omitempty"`
	SetupCallingPlan     *SetupCallingPlan `json:"setupCallingPlan,omitempty"`
	IPBasedAuthEnabled   *bool             `json:"ipBasedAuthEnabled,omitempty"`
	IPAddress            *string           `json:"ipAddress,omitempty"`
	PortNumber           *int              `json:"portNumber,omitempty"`
	SipTrunkGroupID      *string           `json:"sipTrunkGroupId,omitempty"`
	PBXTNDigits          *int              `json:"pbxTnDigits,omitempty"`
	LanguageTag          *string           `json:"languageTag,omitempty"`
}

// LogValue masks the SIP password.
func (r CreateSipTrunkRequest) LogValue() slog.Value { return RedactedLogValue(r) }

func (r *CreateSipTrunkRequest) validate(v *validator) {
	v.required("trunkName", r.TrunkName)
	v.required("sipUsername", r.SIPUsername)
	v.sipUsername("sipUsername", r.SIPUsername)
	v.check(r.SIPPassword != "", "sipPassword", "is required")
	v.sipPassword("sipPassword", r.SIPPassword)
	v.check(r.ConcurrentCalls >= 1, "concurrentCalls", fmt.Sprintf("must be at least 1, got %d", r.ConcurrentCalls))
	validateTrunkOptional(v, r.CallbackNumber, r.PrimaryTN, r.ExtensionPatterns, r.SetupCallingPlan)
}

// UpdateSipTrunkRequest is the body of SipTrunksService.Update, a PUT that
// replaces the whole trunk: start from SipTrunk.UpdateRequest so fields you
// do not mean to change are sent as they are. The same rules as a create
// apply.
type UpdateSipTrunkRequest CreateSipTrunkRequest

// LogValue masks the SIP password.
func (r UpdateSipTrunkRequest) LogValue() slog.Value { return RedactedLogValue(r) }

// PatchSipTrunkRequest is the JSON fragment of SipTrunksService.Patch: only
// the fields that are set are sent, so Ptr(false), Ptr(0) and Ptr("") go out
// as such.
type PatchSipTrunkRequest struct {
	TrunkName            *string `json:"trunkName,omitempty"`
	SIPUsername          *string `json:"sipUsername,omitempty"`
	SIPPassword          *Secret `json:"sipPassword,omitempty"`
	ConcurrentCalls      *int    `json:"concurrentCalls,omitempty"`
	CallbackNumber       *string `json:"callbackNumber,omitempty"`
	PrimaryTN            *string `json:"primaryTn,omitempty"`
	LocalServicesEnabled *bool   `json:"localServicesEnabled,omitempty"`
	MaxBurstCalls        *int    `json:"maxBurstCalls,omitempty"`
	// ExtensionPatterns: nil is not sent, an empty slice sends [] (clears).
	ExtensionPatterns    []string `json:"extensionPatterns,omitzero"`
	ExternalChargeNumber *string  `json:"externalChargeNumber,omitempty"`
	NewCppID             *string  `json:"newCppId,omitempty"`
	IPBasedAuthEnabled   *bool    `json:"ipBasedAuthEnabled,omitempty"`
	IPAddress            *string  `json:"ipAddress,omitempty"`
	PortNumber           *int     `json:"portNumber,omitempty"`
	SipTrunkGroupID      *string  `json:"sipTrunkGroupId,omitempty"`
	PBXTNDigits          *int     `json:"pbxTnDigits,omitempty"`
	LanguageTag          *string  `json:"languageTag,omitempty"`
}

// LogValue masks the SIP password.
func (r PatchSipTrunkRequest) LogValue() slog.Value { return RedactedLogValue(r) }

func (r *PatchSipTrunkRequest) validate(v *validator) {
	if r.TrunkName != nil {
		v.required("trunkName", *r.TrunkName)
	}
	if r.SIPUsername != nil {
		v.required("sipUsername", *r.SIPUsername)
		v.sipUsername("sipUsername", *r.SIPUsername)
	}
	if r.SIPPassword != nil {
		v.check(*r.SIPPassword != "", "sipPassword", "must not be empty")
		v.sipPassword("sipPassword", *r.SIPPassword)
	}
	if r.ConcurrentCalls != nil {
		v.check(*r.ConcurrentCalls >= 1, "concurrentCalls", fmt.Sprintf("must be at least 1, got %d", *r.ConcurrentCalls))
	}
	validateTrunkOptional(v, r.CallbackNumber, r.PrimaryTN, r.ExtensionPatterns, nil)
}

func (r *UpdateSipTrunkRequest) validate(v *validator) { (*CreateSipTrunkRequest)(r).validate(v) }

// Validate reports, as a *ValidationError, every problem Create would
// refuse req for before sending it; nil when there is none.
func (r *CreateSipTrunkRequest) Validate() error { return validateRequest(r) }

// Validate reports, as a *ValidationError, every problem of req that
// Update would refuse before sending; nil when there is none.
func (r *UpdateSipTrunkRequest) Validate() error { return validateRequest(r) }

// Validate reports, as a *ValidationError, every problem of req that Patch
// would refuse before sending; nil when there is none.
func (r *PatchSipTrunkRequest) Validate() error { return validateRequest(r) }

// Validate reports, as a *ValidationError, every problem of req that
// UpdateForwarding would refuse before sending; nil when there is none.
func (r *UpdateSipTrunkForwardRulesRequest) Validate() error { return validateRequest(r) }

// validateTrunkOptional checks the optional fields create, update and patch
// share. An empty telephone number is allowed: in a PATCH it clears.
func validateTrunkOptional(v *validator, callback, primary *string, patterns []string, setup *SetupCallingPlan) {
	if callback != nil {
		v.tn("callbackNumber", *callback)
	}
	if primary != nil {
		v.tn("primaryTn", *primary)
	}
	for i, p := range patterns {
		v.check(IsExtensionPattern(p), fmt.Sprintf("extensionPatterns[%d]", i),
			fmt.Sprintf("must be digits followed by optional X placeholders, e.g. 21XX, got %q", p))
	}
	if setup != nil {
		t := setup.CallingPlanType
		v.check(t == CallingPlanTypeSharedCallingPlan || t == CallingPlanTypeNewCallingPlan,
			"setupCallingPlan.callingPlanType", fmt.Sprintf("must be SHARED_CALLING_PLAN or NEW_CALLING_PLAN, got %q", t))
	}
}

// UpdateRequest returns the rules as a body for
// SipTrunksService.UpdateForwarding, which replaces them all. The request
// shares no memory with r: editing it leaves r as it was.
func (r *SipTrunkForwardRules) UpdateRequest() *UpdateSipTrunkForwardRulesRequest {
	u := &UpdateSipTrunkForwardRulesRequest{
		ForwardOnFailure:          slices.Clone(r.ForwardOnFailure),
		ForwardOnCapacityExceeded: slices.Clone(r.ForwardOnCapacityExceeded),
	}
	if r.ForwardAlways != (ForwardAlwaysReference{}) {
		fa := r.ForwardAlways
		u.ForwardAlways = &fa
	}
	return u
}

// ForwardReference is one forwarding destination (SipTrunkForwardReference).
// ReferenceID is an 11-digit telephone number for ForwardReferenceTypeTelephone and a
// platform id (trunk, user, IVR, auto attendant) otherwise; voicemail and
// busy need none.
type ForwardReference struct {
	ReferenceType ForwardReferenceType `json:"referenceType"`
	ReferenceID   string               `json:"referenceId,omitempty"`
}

// ForwardAlwaysReference is the "forward all" destination
// (SipTrunkForwardAlwaysReference), the only one with an enabled switch
// (see docs/quirks.md). Enabled is always sent: a configured but
// disabled forward is a normal state, and a PUT replaces the rules.
type ForwardAlwaysReference struct {
	ReferenceType ForwardReferenceType `json:"referenceType,omitempty"`
	ReferenceID   string               `json:"referenceId,omitempty"`
	Enabled       bool                 `json:"enabled"`
}

// UpdateSipTrunkForwardRulesRequest is the body of
// SipTrunksService.UpdateForwarding. It replaces every rule: a nil
// ForwardAlways or an empty list removes it. The method fills partitionId,
// accountId and sipTrunkId from the path.
type UpdateSipTrunkForwardRulesRequest struct {
	ForwardAlways             *ForwardAlwaysReference `json:"forwardAlways,omitempty"`
	ForwardOnFailure          []ForwardReference      `json:"forwardOnFailure,omitempty"`
	ForwardOnCapacityExceeded []ForwardReference      `json:"forwardOnCapacityExceeded,omitempty"`
}

func (r *UpdateSipTrunkForwardRulesRequest) validate(v *validator) {
	if fa := r.ForwardAlways; fa != nil {
		validateForwardRef(v, "forwardAlways", fa.ReferenceType, fa.ReferenceID)
	}
	for i, ref := range r.ForwardOnFailure {
		validateForwardRef(v, fmt.Sprintf("forwardOnFailure[%d]", i), ref.ReferenceType, ref.ReferenceID)
	}
	for i, ref := range r.ForwardOnCapacityExceeded {
		validateForwardRef(v, fmt.Sprintf("forwardOnCapacityExceeded[%d]", i), ref.ReferenceType, ref.ReferenceID)
	}
}

// validateForwardRef: referenceType is required by the spec; the SIP
// Trunking guide says referenceId is required too, which the client
// enforces for every type that names a destination (voicemail and busy do
// not).
func validateForwardRef(v *validator, at string, t ForwardReferenceType, id string) {
	switch {
	case t == "":
		v.add(at+".referenceType", "is required")
	case !t.Valid():
		rule := fmt.Sprintf("unknown value %q", t)
		if n := t.normalize(); n != t && n.Valid() {
			rule += fmt.Sprintf(" (the spec spells it %q)", n)
		}
		v.add(at+".referenceType", rule)
	case t == ForwardReferenceTypeTelephone:
		if id == "" {
			v.add(at+".referenceId", "is required for TELEPHONE")
		} else {
			v.tn(at+".referenceId", id)
		}
	case t == ForwardReferenceTypeVoicemail, t == ForwardReferenceTypeBusy:
	default:
		v.check(id != "", at+".referenceId", "is required for "+string(t))
	}
}

// normalize maps the SIP Trunking guide's spellings to the spec's:
// VOICE_MAIL to VOICEMAIL and "SIP TRUNK" / "END USER" (artefacts of the
// guide's PDF) to the underscore forms, as internal/gen/overrides.yaml lists
// them (see docs/quirks.md).
func (t ForwardReferenceType) normalize() ForwardReferenceType {
	s := strings.TrimSpace(string(t))
	if a, ok := forwardReferenceTypeAlias(s); ok {
		return a
	}
	return ForwardReferenceType(s)
}

// UnmarshalJSON accepts the SIP Trunking guide's VOICE_MAIL and
// space-separated forms as the spec's values; what is sent is always
// the spec's value, and an unknown value is kept as it is.
func (t *ForwardReferenceType) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("alianza: forward referenceType: %w", err)
	}
	if n := ForwardReferenceType(s).normalize(); n.Valid() {
		*t = n
		return nil
	}
	*t = ForwardReferenceType(s)
	return nil
}
