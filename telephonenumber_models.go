package alianza

import "time"

// Response models of the telephone-number operations. Nested objects are
// values with omitzero, not pointers: an account's number list can hold
// thousands of entries, and a pointer per object is an allocation per
// object.

// UpdateRequest returns the writable fields of n as a full-replacement
// request, for the platform's "GET the full object, change it, PUT it
// back" flow. OrderVersion is carried over. AssignAsCallerID is not: it
// is an action (make the number the END_USER's caller ID now), and sending
// back a true from an earlier read would take the caller ID from whichever
// number holds it since; set it on the request to make that change.
func (n *AccountTelephoneNumber) UpdateRequest() *UpdateTelephoneNumberRequest {
	r := &UpdateTelephoneNumberRequest{
		ReferenceType:      ptrIf(n.ReferenceType),
		ReferenceID:        ptrIf(n.ReferenceID),
		FunctionType:       ptrIf(n.FunctionType),
		CanAcceptSMS:       Ptr(n.CanAcceptSMS),
		ServicePackageType: ptrIf(n.ServicePackageType),
		OrderVersion:       ptrIf(n.OrderVersion),
		ByotnCarrierID:     ptrIf(n.ByotnCarrierID),
		RingType:           ptrIf(n.RingType),
	}
	if n.CustomerServiceRecord != (CustomerServiceRecord{}) {
		csr := n.CustomerServiceRecord
		r.CustomerServiceRecord = &csr
	}
	if n.E911Address != (E911Address{}) {
		e := n.E911Address
		r.E911Address = &e
	}
	if n.DirectoryListing != (DirectoryListing{}) {
		d := n.DirectoryListing
		r.DirectoryListing = &d
	}
	return r
}

// ptrIf returns nil for the zero value, so an unset field stays unset.
func ptrIf[T comparable](v T) *T {
	var zero T
	if v == zero {
		return nil
	}
	return &v
}

// DirectoryListing says how a number is listed in 411 and phone books
// (DirectoryListingX). A zero Address means "same as the CSR".
type DirectoryListing struct {
	// Listed is always sent once a listing is set: it is the listing's
	// main switch and the documents send an explicit false.
	Listed  bool                 `json:"listed"`
	Type    DirectoryListingType `json:"type,omitempty"`
	Address Address              `json:"address,omitzero"`
}

// E911Address is the emergency-services location of a number
// (E911AddressX). When a number has none, the CSR address is used.
//
// The spec's E911AddressX is flat and it is always sent flat. Alianza's
// Account Create and phone-numbers guides show the address nested as
// {"address": {...}, "latitude": ..., "longitude": ...}; UnmarshalJSON
// accepts that form too and lifts the nested fields (see docs/quirks.md).
// How it does so cheaply: e911_models.go.
type E911Address struct {
	ID                           string                       `json:"id,omitempty"`
	CustomerType                 CustomerType                 `json:"customerType,omitempty"`
	FirstName                    string                       `json:"firstName,omitempty"`
	MiddleInitial                string                       `json:"middleInitial,omitempty"`
	LastName                     string                       `json:"lastName,omitempty"`
	BusinessName                 string                       `json:"businessName,omitempty"`
	StreetNumber                 string                       `json:"streetNumber,omitempty"`
	StreetNumberSuffix           string                       `json:"streetNumberSuffix,omitempty"`
	PreDirectional               Directional                  `json:"preDirectional,omitempty"`
	StreetName                   string                       `json:"streetName,omitempty"`
	StreetSuffix                 string                       `json:"streetSuffix,omitempty"`
	PostDirectional              Directional                  `json:"postDirectional,omitempty"`
	City                         string                       `json:"city,omitempty"`
	State                        string                       `json:"state,omitempty"`
	Country                      string                       `json:"country,omitempty"`
	PostalCode                   string                       `json:"postalCode,omitempty"`
	SecondaryLocationDescription SecondaryLocationDescription `json:"secondaryLocationDescription,omitempty"`
	Unit                         string                       `json:"unit,omitempty"`
	// Latitude and Longitude are decimal strings ("-90 through 90, 4-6
	// decimals"), as AddressValidation returns them. They cut E911
	// rejections.
	Latitude  string `json:"latitude,omitempty"`
	Longitude string `json:"longitude,omitempty"`
	// Language routes emergency calls to a PSAP speaking it: "fr-CA" or
	// "en-US"; empty means the default (French in Quebec).
	Language string `json:"language,omitempty"`
}

// TelephoneNumberView is a number of the partition inventory or of a search
// result (TelephoneNumberViewX).
type TelephoneNumberView struct {
	ID                    string       `json:"id,omitempty"`
	PhoneNumber           string       `json:"phoneNumber,omitempty"`
	PartitionID           string       `json:"partitionId,omitempty"` // may be the parent partition's
	AccountID             string       `json:"accountId,omitempty"`
	RateCenter            string       `json:"rateCenter,omitempty"`
	RateCenterReorderName string       `json:"rateCenterReorderName,omitempty"`
	State                 string       `json:"state,omitempty"` // the guide writes "State": decoding is case-insensitive
	Country               string       `json:"country,omitempty"`
	Prefix                string       `json:"prefix,omitempty"`
	CarrierID             string       `json:"carrierId,omitempty"`
	CooldownExpireDate    time.Time    `json:"cooldownExpireDate,omitzero"`
	CooldownRecoveredDate time.Time    `json:"cooldownRecoveredDate,omitzero"`
	FunctionType          FunctionType `json:"functionType,omitempty"`
	// ClaimTicketID is deprecated in the spec; kept so responses that
	// still carry it decode.
	ClaimTicketID string `json:"claimTicketId,omitempty"`
	// MatchesZip and Distance are set by postal-code and lat/long
	// searches; Distance is in miles.
	MatchesZip bool    `json:"matchesZip,omitempty"`
	Distance   float32 `json:"distance,omitempty"`
	Byotn      bool    `json:"byotn,omitempty"` // Bring Your Own TN
	// ActivationDate is an int64 in the spec, unlike the other dates
	// in the spec; likely epoch milliseconds, unconfirmed.
	ActivationDate    int64             `json:"activationDate,omitempty"`
	IsInInventory     bool              `json:"isInInventory,omitempty"`
	OperationalStatus OperationalStatus `json:"operationalStatus,omitempty"`
	Port              bool              `json:"port,omitempty"`
}
