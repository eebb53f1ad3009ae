package alianza

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// AddressesService validates and completes service addresses (needed before adding a number).
type AddressesService service

// ValidateAddressOptions are the validateAddress query parameters.
//
// The spec requires all three. Alianza's Account Create and phone-numbers
// guides call the operation without postalCode; the spec is followed and
// PostalCode is checked before sending (see docs/quirks.md).
type ValidateAddressOptions struct {
	// Address is one line: number, street name, street suffix and
	// optionally city and state ("333 S 520 W, Lindon, UT").
	Address    string  `url:"address"`
	Country    Country `url:"country"` // USA, CAN, or UNK when unsure
	PostalCode string  `url:"postalCode"`
}

// LatLong parses the coordinates, which the platform returns as strings
// while tnSearch takes numbers.
func (a *AddressValidation) LatLong() (lat, long float64, err error) {
	lat, err = parseCoordinate("latitude", a.Latitude, 90)
	if err != nil {
		return 0, 0, err
	}
	long, err = parseCoordinate("longitude", a.Longitude, 180)
	if err != nil {
		return 0, 0, err
	}
	return lat, long, nil
}

func parseCoordinate(field, s string, limit float64) (float64, error) {
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || f < -limit || f > limit {
		return 0, &FieldError{Field: field, Rule: fmt.Sprintf("must be a decimal number from -%g through %g, got %q", limit, limit, s)}
	}
	return f, nil
}

// SearchNearby returns the LAT_LONG search of the activation flow:
// available numbers closest to the validated address. maxResults 0 leaves
// the platform's default.
func (a *AddressValidation) SearchNearby(maxResults int) (*SearchTelephoneNumbersOptions, error) {
	lat, long, err := a.LatLong()
	if err != nil {
		return nil, err
	}
	return &SearchTelephoneNumbersOptions{Type: TNSearchTypeLatLong, Lat: lat, Long: long, MaxResults: maxResults}, nil
}

// E911Address returns the validated address with its coordinates as an
// E911 address, which Alianza's Account Create guide advises to cut E911
// rejections. Names and
// customerType come from the CSR, so set those on it first.
func (a *AddressValidation) E911Address() E911Address {
	c := a.CustomerServiceRecord
	return E911Address{
		CustomerType:                 c.CustomerType,
		FirstName:                    c.FirstName,
		MiddleInitial:                c.MiddleInitial,
		LastName:                     c.LastName,
		BusinessName:                 c.BusinessName,
		StreetNumber:                 c.StreetNumber,
		StreetNumberSuffix:           c.StreetNumberSuffix,
		PreDirectional:               c.PreDirectional,
		StreetName:                   c.StreetName,
		StreetSuffix:                 c.StreetSuffix,
		PostDirectional:              c.PostDirectional,
		City:                         c.City,
		State:                        c.State,
		Country:                      c.Country,
		PostalCode:                   c.PostalCode,
		SecondaryLocationDescription: c.SecondaryLocationDescription,
		Unit:                         c.Unit,
		Latitude:                     a.Latitude,
		Longitude:                    a.Longitude,
	}
}

// Validate parses a one-line address into CSR fields, says whether it is
// valid and returns its coordinates.
//
// operationId validateAddress.
//
//alianza:operation GET /v2/address/validate
func (s *AddressesService) Validate(ctx context.Context, opts *ValidateAddressOptions, callOpts ...CallOption) (*AddressValidation, error) {
	ctx = withCallOptions(ctx, callOpts)
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	return call[AddressValidation](ctx, s.client, &request{
		method: http.MethodGet,
		path:   "/v2/address/validate",
		query:  opts,
	})
}

// TypeAheadOptions are the typeAhead query parameters.
type TypeAheadOptions struct {
	Address    string  `url:"address"`              // what the user has typed so far, e.g. "333 S"
	Country    Country `url:"country"`              // USA, CAN, or UNK when unsure
	PostalCode string  `url:"postalCode,omitempty"` // narrows the suggestions
}

// TypeAhead suggests complete addresses for a partial one, for
// autocomplete.
//
// operationId typeAhead.
//
//alianza:operation GET /v2/address/typeahead
func (s *AddressesService) TypeAhead(ctx context.Context, opts *TypeAheadOptions, callOpts ...CallOption) ([]string, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	opts.validate(&v)
	if err := v.err(); err != nil {
		return nil, err
	}
	return callValue[[]string](ctx, s.client, &request{
		method: http.MethodGet,
		path:   "/v2/address/typeahead",
		query:  opts,
	})
}

// validate checks the options of Validate: all three are required.
func (o *ValidateAddressOptions) validate(v *validator) {
	if o == nil {
		o = &ValidateAddressOptions{}
	}
	v.required("address", o.Address)
	v.required("country", string(o.Country))
	v.enum("country", string(o.Country), o.Country.Valid())
	v.required("postalCode", o.PostalCode)
}

// Validate reports, as a *ValidationError, every problem AddressesService.Validate
// would refuse o for before sending it; nil when there is none.
func (o *ValidateAddressOptions) Validate() error {
	var v validator
	o.validate(&v)
	return v.err()
}

// validate checks the options of TypeAhead: address and country are
// required.
func (o *TypeAheadOptions) validate(v *validator) {
	if o == nil {
		o = &TypeAheadOptions{}
	}
	v.required("address", o.Address)
	v.required("country", string(o.Country))
	v.enum("country", string(o.Country), o.Country.Valid())
}
