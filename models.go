package alianza

import "time"

// Models shared by several services. Response models use value fields:
// pointers only where absent and zero really differ.

// CallingPlan is a calling plan attached to an account, user or SIP trunk
// (CallingPlanX; SipTrunk.callingPlans uses the same fields with an untyped
// referenceType, which the string type absorbs).
type CallingPlan struct {
	ID                   string                   `json:"id,omitempty"`
	ReferenceID          string                   `json:"referenceId,omitempty"`
	ReferenceType        CallingPlanReferenceType `json:"referenceType,omitempty"`
	CallingPlanProductID string                   `json:"callingPlanProductId,omitempty"`
	StartDate            time.Time                `json:"startDate,omitzero"`
	EndDate              time.Time                `json:"endDate,omitzero"` // set for pending and ended plans
	PlanMinutes          int                      `json:"planMinutes,omitempty"`
	SecondsRemaining     int64                    `json:"secondsRemaining,omitempty"`
}

// CallScreeningSettings is CallScreeningSettingsX, on accounts and users.
type CallScreeningSettings struct {
	AnonymousCallScreen  CallScreenAction   `json:"anonymousCallScreen,omitempty"`
	AnonymousRingType    RingType           `json:"anonymousRingType,omitempty"`
	TollFreeCallScreen   CallScreenAction   `json:"tollFreeCallScreen,omitempty"`
	TollFreeRingType     RingType           `json:"tollFreeRingType,omitempty"`
	DefaultCallScreen    CallScreenAction   `json:"defaultCallScreen,omitempty"`
	DefaultRingType      RingType           `json:"defaultRingType,omitempty"`
	CustomCallScreenList []CustomCallScreen `json:"customCallScreenList,omitempty"`
	ForwardTN            string             `json:"forwardTn,omitempty"`
}

// CustomCallScreen is one CustomCallScreenX rule.
type CustomCallScreen struct {
	TelephoneNumber string           `json:"telephoneNumber,omitempty"`
	BlockType       CallScreenAction `json:"blockType,omitempty"`
	RingType        RingType         `json:"ringType,omitempty"`
}

// RegistrationStatus tells whether a SIP trunk, device line or business line
// is registered (RegistrationStatus / RegistrationStatusX).
type RegistrationStatus struct {
	Registered bool `json:"registered"`
	LockedOut  bool `json:"lockedOut,omitempty"` // SIP trunks only
}
