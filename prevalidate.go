package alianza

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"time"
)

// PrevalidationService asks the carrier and the E911 provider before a
// port or an activation is submitted: whether numbers can port, on which
// dates, and whether an address passes the E911 provider's MSAG.
type PrevalidationService service

// PortPrevalidationRequest asks whether Numbers can port in.
type PortPrevalidationRequest struct {
	// Numbers are the numbers to bring over (10 or 11 digits).
	Numbers []string
	// BillingTelephoneNumber is the account's main number at the losing
	// carrier; empty means the first of Numbers.
	BillingTelephoneNumber string
	// CustomerServiceRecord is the customer as the losing carrier knows
	// them; optional, but the carrier matches on it (Alianza's porting
	// guide sends the one address validation returned, names filled in).
	CustomerServiceRecord *CustomerServiceRecord
}

func (r *PortPrevalidationRequest) validate(v *validator) {
	v.check(len(r.Numbers) > 0, "numbers", "must hold at least one number")
	for i, n := range r.Numbers {
		v.tn(fmt.Sprintf("numbers[%d]", i), n)
	}
	v.tn("billingTelephoneNumber", r.BillingTelephoneNumber)
	if r.CustomerServiceRecord != nil {
		v.csr("customerServiceRecord.", r.CustomerServiceRecord)
	}
}

// Validate reports, as a *ValidationError, every problem Port would refuse
// r for before sending it; nil when there is none.
func (r *PortPrevalidationRequest) Validate() error { return validateRequest(r) }

// PortAvailability is the carrier's answer to a port prevalidation
// (PortAvailabilityResponseV2X).
type PortAvailability struct {
	ID                      string                    `json:"id,omitempty"`
	BusinessPartnerTicketID string                    `json:"businessPartnerTicketID,omitempty"`
	CarrierTicketID         string                    `json:"carrierTicketId,omitempty"`
	RequestedActivation     TelephoneNumberActivation `json:"requestedActivation,omitzero"`
	// ServiceAvailable is true when the numbers can port in.
	ServiceAvailable bool               `json:"serviceAvailable,omitempty"`
	CarrierType      InboundCarrierType `json:"carrierType,omitempty"`
	// EarliestCRD and LatestCRD bound the customer request dates the
	// carrier accepts (yyyy-MM-dd); AvailabilityList lists them all. A port
	// submitted with a date not on the list is likely rejected.
	EarliestCRD      string   `json:"earliestCRD,omitempty"`
	LatestCRD        string   `json:"latestCRD,omitempty"`
	AvailabilityList []string `json:"availabilityList,omitempty"`
	// ResultCSRs are the customer records the carrier found for the
	// numbers.
	ResultCSRs              []CustomerServiceRecord `json:"resultCSRs,omitempty"`
	Exception               string                  `json:"exception,omitempty"`
	ThirdPartyResultCode    string                  `json:"thirdPartyResultCode,omitempty"`
	ThirdPartyResultContext string                  `json:"thirdPartyResultContext,omitempty"`
	ThirdPartyResultMessage string                  `json:"thirdPartyResultMessage,omitempty"`
	DirectoryListingAllowed bool                    `json:"directoryListingAllowed,omitempty"`
	LNP                     bool                    `json:"lnp,omitempty"`
	// WirelessPort is true when the numbers are wireless: the port then
	// needs the wireless account number and PIN.
	WirelessPort bool `json:"wirelessPort,omitempty"`
}

// EarliestDate returns EarliestCRD as a time (UTC midnight), the zero time
// when it is absent or not a date.
func (a *PortAvailability) EarliestDate() time.Time {
	t, _ := time.Parse(dateLayout, a.EarliestCRD)
	return t
}

// Port asks the carrier whether the numbers can port in, and on which
// customer request dates.
//
// operationId preValidateAccount.
//
//alianza:operation POST /v2/partition/{partitionId}/account/prevalidate
func (s *PrevalidationService) Port(ctx context.Context, req *PortPrevalidationRequest, callOpts ...CallOption) (*PortAvailability, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	validateBody(&v, req)
	if err := v.err(); err != nil {
		return nil, err
	}
	btn := req.BillingTelephoneNumber
	if btn == "" {
		btn = req.Numbers[0]
	}
	body := &activationBody{
		CustomerServiceRecord: req.CustomerServiceRecord,
		Port:                  &Port{BillingTelephoneNumber: btn},
	}
	for _, n := range req.Numbers {
		body.TelephoneNumbers = append(body.TelephoneNumbers, TelephoneNumberToAdd{PhoneNumber: n})
	}
	return call[PortAvailability](ctx, s.client, &request{
		method: http.MethodPost,
		path:   "/v2/partition/{partitionId}/account/prevalidate",
		body:   body,
	})
}

// E911PrevalidationRequest asks whether an address passes the E911
// provider's MSAG check.
type E911PrevalidationRequest struct {
	Address E911Address
	// Numbers optionally names the numbers the address is for.
	Numbers []string
}

func (r *E911PrevalidationRequest) validate(v *validator) {
	v.check(r.Address.StreetName != "" || r.Address.Latitude != "", "address", "needs a street or coordinates")
	v.e911("address.", &r.Address)
	for i, n := range r.Numbers {
		v.tn(fmt.Sprintf("numbers[%d]", i), n)
	}
}

// Validate reports, as a *ValidationError, every problem E911 would refuse
// r for before sending it; nil when there is none.
func (r *E911PrevalidationRequest) Validate() error { return validateRequest(r) }

// E911 checks an E911 address with the provider before an activation.
//
// operationId preValidateAccountTn.
//
//alianza:operation PUT /v2/partition/{partitionId}/account/e911/prevalidate
func (s *PrevalidationService) E911(ctx context.Context, req *E911PrevalidationRequest, callOpts ...CallOption) (*E911Prevalidation, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	validateBody(&v, req)
	if err := v.err(); err != nil {
		return nil, err
	}
	addr := req.Address
	body := &activationBody{E911Address: &addr}
	for _, n := range req.Numbers {
		body.TelephoneNumbers = append(body.TelephoneNumbers, TelephoneNumberToAdd{PhoneNumber: n})
	}
	return call[E911Prevalidation](ctx, s.client, &request{
		method: http.MethodPut,
		path:   "/v2/partition/{partitionId}/account/e911/prevalidate",
		body:   body,
	})
}

// activationBody is the TelephoneNumberActivationsV2X both prevalidations
// send: only what they fill in.
type activationBody struct {
	TelephoneNumbers      []TelephoneNumberToAdd `json:"telephoneNumbers,omitempty"`
	CustomerServiceRecord *CustomerServiceRecord `json:"customerServiceRecord,omitempty"`
	E911Address           *E911Address           `json:"e911Address,omitempty"`
	Port                  *Port                  `json:"port,omitempty"`
}

// Format prints the answer with its requested port's wireless PIN
// redacted.
func (a PortAvailability) Format(f fmt.State, verb rune) {
	type plain PortAvailability
	formatModel(f, verb, "alianza.PortAvailability", plain(a))
}

// LogValue masks the requested port's wireless PIN.
func (a PortAvailability) LogValue() slog.Value { return RedactedLogValue(a) }
