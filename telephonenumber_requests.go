package alianza

import (
	"fmt"
	"log/slog"
)

// Request types of the telephone-number operations, with their checks.
// Nested address objects reuse the response models: Alianza's Account
// Create guide sends back the CSR that address validation returned, unchanged.

// AddTelephoneNumbersRequest adds numbers to an account
// (TelephoneNumberActivationsV2X). It starts the carrier activation, which
// finishes after the call returns: watch AccountTelephoneNumber.CarrierStatus.
//
// The Account Create guide calls CustomerServiceRecord and DirectoryListing
// required; the spec does not (see docs/quirks.md). Send both for an activation
// from inventory; NewAddTelephoneNumbersRequest does.
type AddTelephoneNumbersRequest struct {
	// TelephoneNumbers holds at least one number: one for an activation
	// from inventory, possibly several for a port.
	TelephoneNumbers      []TelephoneNumberToAdd `json:"telephoneNumbers"`
	CustomerServiceRecord *CustomerServiceRecord `json:"customerServiceRecord,omitempty"`
	DirectoryListing      *DirectoryListing      `json:"directoryListing,omitempty"`
	// E911Address defaults to the CSR address when nil. It is sent flat,
	// as the spec has it.
	E911Address *E911Address `json:"e911Address,omitempty"`
	// HoldActivation true holds the carrier activation (ACTIVATION_ON_HOLD)
	// until it is submitted later.
	HoldActivation *bool `json:"holdActivation,omitempty"`
	// Port makes the request a port-in. Porting is not otherwise covered
	// by this SDK yet; Port is the response model, so leave its
	// server-assigned fields (id, status, dates but crdDate) empty.
	Port           *Port       `json:"port,omitempty"`
	L3Settings     *L3Settings `json:"l3Settings,omitempty"`
	ByotnCarrierID *string     `json:"byotnCarrierId,omitempty"`
}

// TelephoneNumberToAdd is one number of an AddTelephoneNumbersRequest
// (TelephoneNumberAccountBareX without its server-assigned fields). Only
// PhoneNumber is needed; ReferenceType and ReferenceID route it at once.
type TelephoneNumberToAdd struct {
	PhoneNumber        string             `json:"phoneNumber"`
	ReferenceType      TNReferenceType    `json:"referenceType,omitempty"`
	ReferenceID        string             `json:"referenceId,omitempty"`
	FunctionType       FunctionType       `json:"functionType,omitempty"`
	ServicePackageType ServicePackageType `json:"servicePackageType,omitempty"`
	CanAcceptSMS       *bool              `json:"canAcceptSMS,omitempty"`
}

// LogValue masks the port's wireless PIN.
func (r AddTelephoneNumbersRequest) LogValue() slog.Value { return RedactedLogValue(r) }

// NewAddTelephoneNumbersRequest returns the request the Account Create guide
// sends to activate numbers from inventory: the CSR (usually the one
// AddressValidation returned, with the names and customerType filled in),
// an unlisted directory listing, and the numbers.
func NewAddTelephoneNumbersRequest(csr CustomerServiceRecord, numbers ...string) *AddTelephoneNumbersRequest {
	r := &AddTelephoneNumbersRequest{
		CustomerServiceRecord: &csr,
		DirectoryListing:      &DirectoryListing{Listed: false, Type: DirectoryListingTypeNotListNotPublish},
	}
	for _, n := range numbers {
		r.TelephoneNumbers = append(r.TelephoneNumbers, TelephoneNumberToAdd{PhoneNumber: n})
	}
	return r
}

func (r *AddTelephoneNumbersRequest) validate(v *validator) {
	v.check(len(r.TelephoneNumbers) > 0, "telephoneNumbers", "must hold at least one number")
	for i, n := range r.TelephoneNumbers {
		p := fmt.Sprintf("telephoneNumbers[%d].", i)
		v.required(p+"phoneNumber", n.PhoneNumber)
		v.tn(p+"phoneNumber", n.PhoneNumber)
		v.routing(p, n.ReferenceType, n.ReferenceID, false, false)
		v.enum(p+"functionType", string(n.FunctionType), n.FunctionType.Valid())
		v.enum(p+"servicePackageType", string(n.ServicePackageType), n.ServicePackageType.Valid())
	}
	v.csr("customerServiceRecord.", r.CustomerServiceRecord)
	v.directoryListing("directoryListing.", r.DirectoryListing)
	v.e911("e911Address.", r.E911Address)
	if p := r.Port; p != nil {
		v.tn("port.billingTelephoneNumber", p.BillingTelephoneNumber)
		for i, n := range p.TelephoneNumbers {
			v.tn(fmt.Sprintf("port.telephoneNumbers[%d]", i), n)
		}
		v.maxLen("port.wirelessPin", string(p.WirelessPIN), 15)
		v.enum("port.portingWireType", string(p.PortingWireType), p.PortingWireType.Valid())
		v.enum("port.carrierType", string(p.CarrierType), p.CarrierType.Valid())
		v.enum("port.focDateTimeZone", string(p.FocDateTimeZone), p.FocDateTimeZone.Valid())
		if p.CustomerServiceRecord != (CustomerServiceRecord{}) {
			v.csr("port.customerServiceRecord.", &p.CustomerServiceRecord)
		}
	}
	if l := r.L3Settings; l != nil {
		v.enum("l3Settings.servicePackage", string(l.ServicePackage), l.ServicePackage.Valid())
		v.enum("l3Settings.seasonalSuspendServicePackage", string(l.SeasonalSuspendServicePackage), l.SeasonalSuspendServicePackage.Valid())
	}
}

// Validate reports, as a *ValidationError, every problem AddToAccount
// would refuse req for before sending it; nil when there is none.
func (r *AddTelephoneNumbersRequest) Validate() error { return validateRequest(r) }

// PatchTelephoneNumberRequest changes some fields of a number on an
// account; nil fields are left as they are. Set ReferenceType and
// ReferenceID to route the number (or use SetDestination), and
// AssignAsCallerID to make it an END_USER's caller ID as well.
//
// The nested objects, when set, are sent whole.
type PatchTelephoneNumberRequest struct {
	ReferenceType         *TNReferenceType       `json:"referenceType,omitempty"`
	ReferenceID           *string                `json:"referenceId,omitempty"`
	AssignAsCallerID      *bool                  `json:"assignAsCallerId,omitempty"` // END_USER only
	RingType              *RingType              `json:"ringType,omitempty"`
	FunctionType          *FunctionType          `json:"functionType,omitempty"`
	CanAcceptSMS          *bool                  `json:"canAcceptSMS,omitempty"`
	ServicePackageType    *ServicePackageType    `json:"servicePackageType,omitempty"`
	CustomerServiceRecord *CustomerServiceRecord `json:"customerServiceRecord,omitempty"`
	E911Address           *E911Address           `json:"e911Address,omitempty"`
	DirectoryListing      *DirectoryListing      `json:"directoryListing,omitempty"`
	ByotnCarrierID        *string                `json:"byotnCarrierId,omitempty"`
	// OrderVersion is the opaque version the platform returned; send it
	// back unchanged.
	OrderVersion *string `json:"orderVersion,omitempty"`
}

// UpdateTelephoneNumberRequest replaces a number's writable fields (PUT).
// Start from AccountTelephoneNumber.UpdateRequest of a fresh Get, as
// Alianza's SIP Trunking guide advises, so no field is cleared by accident.
type UpdateTelephoneNumberRequest PatchTelephoneNumberRequest

func (r *PatchTelephoneNumberRequest) validate(v *validator) {
	// A PATCH may change the reference alone; a new referenceType needs
	// its referenceId, and assignAsCallerId needs END_USER when the type
	// is in the same request.
	v.routing("", deref(r.ReferenceType), deref(r.ReferenceID), deref(r.AssignAsCallerID), false)
	if r.RingType != nil {
		v.enum("ringType", string(*r.RingType), r.RingType.Valid())
	}
	if r.FunctionType != nil {
		v.enum("functionType", string(*r.FunctionType), r.FunctionType.Valid())
	}
	if r.ServicePackageType != nil {
		v.enum("servicePackageType", string(*r.ServicePackageType), r.ServicePackageType.Valid())
	}
	v.csr("customerServiceRecord.", r.CustomerServiceRecord)
	v.e911("e911Address.", r.E911Address)
	v.directoryListing("directoryListing.", r.DirectoryListing)
}

func (r *UpdateTelephoneNumberRequest) validate(v *validator) {
	(*PatchTelephoneNumberRequest)(r).validate(v)
}

// Validate reports, as a *ValidationError, every problem of req that Patch
// would refuse before sending; nil when there is none.
func (r *PatchTelephoneNumberRequest) Validate() error { return validateRequest(r) }

// Validate reports, as a *ValidationError, every problem of req that
// Update would refuse before sending; nil when there is none.
func (r *UpdateTelephoneNumberRequest) Validate() error { return validateRequest(r) }

// deref returns *p, or the zero value for nil.
func deref[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}

// SetDestinationRequest routes a number's inbound calls
// (TelephoneNumberDestinationX without the ids the path already gives).
type SetDestinationRequest struct {
	ReferenceType TNReferenceType `json:"referenceType"` // required
	ReferenceID   string          `json:"referenceId"`   // required: the user, SIP trunk, business line ... id
	RingType      RingType        `json:"ringType,omitempty"`
	// AssignAsCallerID also makes the number the END_USER's caller ID
	// (and visible); only valid with referenceType END_USER.
	AssignAsCallerID *bool `json:"assignAsCallerId,omitempty"`
}

func (r *SetDestinationRequest) validate(v *validator) {
	v.routing("", r.ReferenceType, r.ReferenceID, deref(r.AssignAsCallerID), true)
	v.enum("ringType", string(r.RingType), r.RingType.Valid())
}

// Validate reports, as a *ValidationError, every problem SetDestination
// would refuse req for before sending it; nil when there is none.
func (r *SetDestinationRequest) Validate() error { return validateRequest(r) }

// destinationBody is the wire form: the ids of the path are filled in, so
// the body is the complete TelephoneNumberDestinationX.
type destinationBody struct {
	PartitionID     string `json:"partitionId"`
	AccountID       string `json:"accountId"`
	TelephoneNumber string `json:"telephoneNumber"`
	*SetDestinationRequest
}
