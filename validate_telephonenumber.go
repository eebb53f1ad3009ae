package alianza

import (
	"fmt"
	"strconv"
	"strings"
)

// Validation of the telephone-number and address schemas, shared by the
// add, update, patch and destination requests. Field names are JSON paths
// ("customerServiceRecord.unit", "telephoneNumbers[0].phoneNumber").

// maxCNAMLength is the caller-ID name limit of Alianza's Account Create
// guide ("up to 15 alphanumeric characters"); the spec sets none (see
// docs/quirks.md). Spaces are allowed: the guide's own example is "Smith
// John".
const maxCNAMLength = 15

// tnArg checks a telephone number given as a path argument.
func (v *validator) tnArg(field, tn string) {
	v.required(field, tn)
	v.tn(field, tn)
}

// state checks a two-letter state or province abbreviation.
func (v *validator) state(field, s string) {
	if s == "" {
		return
	}
	ok := len(s) == 2
	for i := 0; ok && i < len(s); i++ {
		c := s[i] | 0x20 // lower-case ASCII letters
		ok = c >= 'a' && c <= 'z'
	}
	v.check(ok, field, "must be a two-letter abbreviation, e.g. UT")
}

// maxLen checks that a string has at most n characters.
func (v *validator) maxLen(field, s string, n int) {
	if c := len([]rune(s)); c > n {
		v.add(field, fmt.Sprintf("must be at most %d characters, got %d", n, c))
	}
}

// coordinate checks a decimal-string latitude or longitude within ±limit.
func (v *validator) coordinate(field, s string, limit float64) {
	if s == "" {
		return
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	v.check(err == nil && f >= -limit && f <= limit, field, fmt.Sprintf("must be a decimal number from -%g through %g", limit, limit))
}

// routing checks a referenceType / referenceId / assignAsCallerId triple.
// needRef makes referenceType and referenceId required.
func (v *validator) routing(prefix string, refType TNReferenceType, refID string, assignAsCallerID, needRef bool) {
	if needRef {
		v.required(prefix+"referenceType", string(refType))
	}
	v.enum(prefix+"referenceType", string(refType), refType.Valid())
	if needRef || refType != "" {
		v.required(prefix+"referenceId", refID)
	}
	if assignAsCallerID && refType != "" && refType != TNReferenceTypeEndUser {
		v.add(prefix+"assignAsCallerId", "only applies to referenceType END_USER")
	}
}

// csr checks a customer service record, with the Account Create guide's
// rules on which name each customer type needs.
func (v *validator) csr(prefix string, c *CustomerServiceRecord) {
	if c == nil {
		return
	}
	v.enum(prefix+"customerType", string(c.CustomerType), c.CustomerType.Valid())
	switch c.CustomerType {
	case CustomerTypeResidential:
		v.required(prefix+"firstName", c.FirstName)
		v.required(prefix+"lastName", c.LastName)
	case CustomerTypeBusiness:
		v.required(prefix+"businessName", c.BusinessName)
	}
	v.maxLen(prefix+"customerName", c.CustomerName, maxCNAMLength)
	v.nameAndPlace(prefix, c.FirstName, c.MiddleInitial, c.LastName, c.BusinessName, c.StreetName, c.City)
	v.enum(prefix+"preDirectional", string(c.PreDirectional), c.PreDirectional.Valid())
	v.enum(prefix+"postDirectional", string(c.PostDirectional), c.PostDirectional.Valid())
	v.enum(prefix+"secondaryLocationDescription", string(c.SecondaryLocationDescription), c.SecondaryLocationDescription.Valid())
	v.state(prefix+"state", c.State)
	v.maxLen(prefix+"unit", c.Unit, 10)
}

// address checks an AddressX.
func (v *validator) address(prefix string, a *Address) {
	v.nameAndPlace(prefix, a.FirstName, a.MiddleInitial, a.LastName, a.BusinessName, a.StreetName, a.City)
	v.enum(prefix+"preDirectional", string(a.PreDirectional), a.PreDirectional.Valid())
	v.enum(prefix+"postDirectional", string(a.PostDirectional), a.PostDirectional.Valid())
	v.enum(prefix+"secondaryLocationDescription", string(a.SecondaryLocationDescription), a.SecondaryLocationDescription.Valid())
	v.state(prefix+"state", a.State)
	v.maxLen(prefix+"unit", a.Unit, 10)
}

// nameAndPlace applies the spec's 256-character limits shared by the CSR
// and AddressX.
func (v *validator) nameAndPlace(prefix, first, middle, last, business, street, city string) {
	v.maxLen(prefix+"firstName", first, 256)
	v.maxLen(prefix+"middleInitial", middle, 256)
	v.maxLen(prefix+"lastName", last, 256)
	v.maxLen(prefix+"businessName", business, 256)
	v.maxLen(prefix+"streetName", street, 256)
	v.maxLen(prefix+"city", city, 256)
}

// directoryListing checks a listing and its optional address.
func (v *validator) directoryListing(prefix string, d *DirectoryListing) {
	if d == nil {
		return
	}
	v.enum(prefix+"type", string(d.Type), d.Type.Valid())
	if d.Address != (Address{}) {
		v.address(prefix+"address.", &d.Address)
	}
}

// e911 checks an E911 address: known enums and coordinates in range, given
// together.
func (v *validator) e911(prefix string, e *E911Address) {
	if e == nil {
		return
	}
	v.enum(prefix+"customerType", string(e.CustomerType), e.CustomerType.Valid())
	v.enum(prefix+"preDirectional", string(e.PreDirectional), e.PreDirectional.Valid())
	v.enum(prefix+"postDirectional", string(e.PostDirectional), e.PostDirectional.Valid())
	v.enum(prefix+"secondaryLocationDescription", string(e.SecondaryLocationDescription), e.SecondaryLocationDescription.Valid())
	v.coordinate(prefix+"latitude", e.Latitude, 90)
	v.coordinate(prefix+"longitude", e.Longitude, 180)
	if (e.Latitude == "") != (e.Longitude == "") {
		missing := "latitude"
		if e.Longitude == "" {
			missing = "longitude"
		}
		v.add(prefix+missing, "is required when the other coordinate is given")
	}
}
