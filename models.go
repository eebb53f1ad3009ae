package alianza

// Models shared by several services. Response models use value fields:
// pointers only where absent and zero really differ.

// RegistrationStatus tells whether a SIP trunk, device line or business line
// is registered (RegistrationStatus / RegistrationStatusX).
type RegistrationStatus struct {
	Registered bool `json:"registered"`
	LockedOut  bool `json:"lockedOut,omitempty"` // SIP trunks only
}
