package alianza

import (
	"context"
	"fmt"
	"iter"
	"log/slog"
	"maps"
	"net/http"
	"net/url"
	"time"

	"github.com/google/go-querystring/query"
)

// PortsService manages port-in requests: bringing a customer's numbers over
// from another carrier. A port is submitted by adding the numbers to an
// account with port data (Submit, which calls
// TelephoneNumbersService.AddToAccount); the answer carries the port's ID.
// The port then moves on the carrier's side: follow it with Get or
// StatusSearch (PENDING, IN_PROGRESS, FOC_RECEIVED with the firm order
// commitment date, COMPLETED; or REJECTED), correct it with Update or
// Patch, Trigger it on the FOC date, or Cancel it.
//
// Run PrevalidationService.Port first: it says whether the numbers can
// come over and which customer request dates (CRD) the carrier accepts.
type PortsService service

// PortRequest holds the port data of a submission (PortX without its
// server-assigned fields). Alianza's porting guide requires
// BillingTelephoneNumber, CrdDate (one of the dates port prevalidation
// offers) and PortingWireType; PortingAuthorizedName for a business; and
// for a wireless port the WirelessAccountNumber and WirelessPIN.
type PortRequest struct {
	BillingTelephoneNumber string          `json:"billingTelephoneNumber"`
	CrdDate                time.Time       `json:"crdDate"`
	PortingWireType        PortingWireType `json:"portingWireType"`
	PortingAuthorizedName  string          `json:"portingAuthorizedName,omitempty"`
	WirelessAccountNumber  string          `json:"wirelessAccountNumber,omitempty"`
	// WirelessPIN authorises the port at the losing carrier (often the
	// last 4 digits of an SSN). At most 15 characters.
	WirelessPIN Secret `json:"wirelessPin,omitempty"`
	// TelecomSettings is needed for Canadian numbers: a local reseller or
	// a current carrier.
	TelecomSettings *TelecomSettings `json:"telecomSettings,omitempty"`
	PortNow         *bool            `json:"portNow,omitempty"`
	CanAcceptSMS    *bool            `json:"canAcceptSMS,omitempty"`
	SMSCallbackURL  string           `json:"smsCallbackUrl,omitempty"`
}

// LogValue masks the wireless PIN.
func (r PortRequest) LogValue() slog.Value { return RedactedLogValue(r) }

func (r *PortRequest) validate(v *validator, prefix string) {
	v.required(prefix+"billingTelephoneNumber", r.BillingTelephoneNumber)
	v.tn(prefix+"billingTelephoneNumber", r.BillingTelephoneNumber)
	v.check(!r.CrdDate.IsZero(), prefix+"crdDate", "is required: one of the dates port prevalidation offers")
	v.required(prefix+"portingWireType", string(r.PortingWireType))
	v.enum(prefix+"portingWireType", string(r.PortingWireType), r.PortingWireType.Valid())
	v.maxLen(prefix+"wirelessPin", string(r.WirelessPIN), 15)
	if r.PortingWireType == PortingWireTypeWireless {
		v.required(prefix+"wirelessAccountNumber", r.WirelessAccountNumber)
		v.check(r.WirelessPIN != "", prefix+"wirelessPin", "is required for a wireless port")
	}
}

// SubmitPortRequest submits a port-in of Numbers to an account.
type SubmitPortRequest struct {
	// Numbers are the numbers to bring over (10 or 11 digits), one or more
	// with the same billing number.
	Numbers []string
	// CustomerServiceRecord must match what the losing carrier has on
	// file, or the port is rejected (the one port prevalidation returned
	// in ResultCSRs, with the names filled in, is a good start).
	CustomerServiceRecord CustomerServiceRecord
	// E911Address defaults to the CSR's address when nil.
	E911Address *E911Address
	Port        PortRequest
}

// LogValue masks the wireless PIN.
func (r SubmitPortRequest) LogValue() slog.Value { return RedactedLogValue(r) }

func (r *SubmitPortRequest) validate(v *validator) {
	v.check(len(r.Numbers) > 0, "numbers", "must hold at least one number")
	for i, n := range r.Numbers {
		v.tn(fmt.Sprintf("numbers[%d]", i), n)
	}
	v.csr("customerServiceRecord.", &r.CustomerServiceRecord)
	v.e911("e911Address.", r.E911Address)
	r.Port.validate(v, "port.")
}

// Validate reports, as a *ValidationError, every problem Submit would
// refuse r for before sending it; nil when there is none.
func (r *SubmitPortRequest) Validate() error { return validateRequest(r) }

// addRequest is the telephone-number activation that submits the port: the
// numbers, the CSR, a PORTED directory listing (Alianza's porting guide:
// listing options change only after the port completes) and the port.
func (r *SubmitPortRequest) addRequest() *AddTelephoneNumbersRequest {
	csr := r.CustomerServiceRecord
	p := r.Port
	port := &Port{
		BillingTelephoneNumber: p.BillingTelephoneNumber,
		CrdDate:                p.CrdDate,
		PortingWireType:        p.PortingWireType,
		PortingAuthorizedName:  p.PortingAuthorizedName,
		WirelessAccountNumber:  p.WirelessAccountNumber,
		WirelessPIN:            p.WirelessPIN,
		TelephoneNumbers:       append([]string(nil), r.Numbers...),
		PortNow:                deref(p.PortNow),
		CanAcceptSMS:           deref(p.CanAcceptSMS),
		SMSCallbackURL:         p.SMSCallbackURL,
	}
	if p.TelecomSettings != nil {
		port.TelecomSettings = *p.TelecomSettings
	}
	out := &AddTelephoneNumbersRequest{
		CustomerServiceRecord: &csr,
		DirectoryListing:      &DirectoryListing{Type: DirectoryListingTypePorted},
		E911Address:           r.E911Address,
		Port:                  port,
	}
	for _, n := range r.Numbers {
		out.TelephoneNumbers = append(out.TelephoneNumbers, TelephoneNumberToAdd{PhoneNumber: n})
	}
	return out
}

// Submit submits a port-in: it adds req.Numbers to the account with the
// port data (TelephoneNumbersService.AddToAccount, the platform's way to
// submit a port) and returns the activation, whose Port.ID identifies the
// port from now on and whose Port.Status is PORT_PENDING.
//
// The numbers then sit on the account with carrierStatus PORT_PENDING until
// the port completes; route them then (crm.PortIn does).
func (s *PortsService) Submit(ctx context.Context, accountID string, req *SubmitPortRequest, callOpts ...CallOption) (*TelephoneNumberActivation, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("accountId", accountID)
	validateBody(&v, req)
	if err := v.err(); err != nil {
		return nil, err
	}
	return s.client.TelephoneNumbers.AddToAccount(ctx, accountID, req.addRequest())
}

// Get returns a port request.
//
// operationId retrievePort.
//
//alianza:operation GET /v2/partition/{partitionId}/account/{accountId}/port/{portId}
func (s *PortsService) Get(ctx context.Context, accountID, portID string, callOpts ...CallOption) (*Port, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("accountId", accountID)
	v.pathID("portId", portID)
	if err := v.err(); err != nil {
		return nil, err
	}
	return call[Port](ctx, s.client, &request{
		method: http.MethodGet,
		path:   "/v2/partition/{partitionId}/account/{accountId}/port/{portId}",
		args:   []string{accountID, portID},
	})
}

// PatchPortRequest changes some fields of a port in progress; nil fields
// are left as they are. The fields Alianza's porting guide names as most
// often corrected after a rejection are the CRD, the CSR, the wireless
// account number and the PIN. A port in a final state refuses changes
// (400).
type PatchPortRequest struct {
	TelephoneNumbers       []string               `json:"telephoneNumbers,omitempty"`
	CustomerServiceRecord  *CustomerServiceRecord `json:"customerServiceRecord,omitempty"`
	CrdDate                *time.Time             `json:"crdDate,omitempty"`
	BillingTelephoneNumber *string                `json:"billingTelephoneNumber,omitempty"`
	PortingWireType        *PortingWireType       `json:"portingWireType,omitempty"`
	PortingAuthorizedName  *string                `json:"portingAuthorizedName,omitempty"`
	WirelessAccountNumber  *string                `json:"wirelessAccountNumber,omitempty"`
	WirelessPIN            *Secret                `json:"wirelessPin,omitempty"`
	TelecomSettings        *TelecomSettings       `json:"telecomSettings,omitempty"`
	PortNow                *bool                  `json:"portNow,omitempty"`
	CanAcceptSMS           *bool                  `json:"canAcceptSMS,omitempty"`
	SMSCallbackURL         *string                `json:"smsCallbackUrl,omitempty"`
}

// UpdatePortRequest is the whole port for Update (PUT): fields left nil
// are sent absent. Port.UpdateRequest makes one from a port as Get
// returned it, to edit and send back.
type UpdatePortRequest PatchPortRequest

// LogValue masks the wireless PIN.
func (r PatchPortRequest) LogValue() slog.Value { return RedactedLogValue(r) }

// LogValue masks the wireless PIN.
func (r UpdatePortRequest) LogValue() slog.Value { return RedactedLogValue(r) }

func (r *PatchPortRequest) validate(v *validator) {
	for i, n := range r.TelephoneNumbers {
		v.tn(fmt.Sprintf("telephoneNumbers[%d]", i), n)
	}
	if r.CustomerServiceRecord != nil {
		v.csr("customerServiceRecord.", r.CustomerServiceRecord)
	}
	if r.BillingTelephoneNumber != nil {
		v.tn("billingTelephoneNumber", *r.BillingTelephoneNumber)
	}
	if r.PortingWireType != nil {
		v.enum("portingWireType", string(*r.PortingWireType), r.PortingWireType.Valid())
	}
	if r.WirelessPIN != nil {
		v.maxLen("wirelessPin", string(*r.WirelessPIN), 15)
	}
}

func (r *UpdatePortRequest) validate(v *validator) { (*PatchPortRequest)(r).validate(v) }

// Validate reports, as a *ValidationError, every problem Patch would refuse
// r for before sending it; nil when there is none.
func (r *PatchPortRequest) Validate() error { return validateRequest(r) }

// Validate reports, as a *ValidationError, every problem Update would
// refuse r for before sending it; nil when there is none.
func (r *UpdatePortRequest) Validate() error { return validateRequest(r) }

// UpdateRequest returns the editable fields of p as an UpdatePortRequest.
func (p *Port) UpdateRequest() *UpdatePortRequest {
	r := &UpdatePortRequest{
		TelephoneNumbers:       append([]string(nil), p.TelephoneNumbers...),
		BillingTelephoneNumber: ptrIf(p.BillingTelephoneNumber),
		PortingWireType:        ptrIf(p.PortingWireType),
		PortingAuthorizedName:  ptrIf(p.PortingAuthorizedName),
		WirelessAccountNumber:  ptrIf(p.WirelessAccountNumber),
		WirelessPIN:            ptrIf(p.WirelessPIN),
		SMSCallbackURL:         ptrIf(p.SMSCallbackURL),
		PortNow:                ptrIf(p.PortNow),
		CanAcceptSMS:           ptrIf(p.CanAcceptSMS),
	}
	if p.CustomerServiceRecord != (CustomerServiceRecord{}) {
		csr := p.CustomerServiceRecord
		r.CustomerServiceRecord = &csr
	}
	if !p.CrdDate.IsZero() {
		d := p.CrdDate
		r.CrdDate = &d
	}
	if !isZeroTelecom(p.TelecomSettings) {
		ts := p.TelecomSettings
		ts.TNData = maps.Clone(ts.TNData)
		r.TelecomSettings = &ts
	}
	return r
}

func isZeroTelecom(t TelecomSettings) bool {
	return t.Notes == "" && t.CurrentCarrier == "" && t.CurrentCarrierName == "" && t.LocalReseller == "" &&
		t.LoaDate.IsZero() && !t.DisconnectInternetService && !t.DisconnectTelevisionService && len(t.TNData) == 0
}

// Update replaces a port request's editable fields.
//
// operationId updatePort.
//
//alianza:operation PUT /v2/partition/{partitionId}/account/{accountId}/port/{portId}
func (s *PortsService) Update(ctx context.Context, accountID, portID string, req *UpdatePortRequest, callOpts ...CallOption) (*Port, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("accountId", accountID)
	v.pathID("portId", portID)
	validateBody(&v, req)
	if err := v.err(); err != nil {
		return nil, err
	}
	return call[Port](ctx, s.client, &request{
		method: http.MethodPut,
		path:   "/v2/partition/{partitionId}/account/{accountId}/port/{portId}",
		args:   []string{accountID, portID},
		body:   req,
	})
}

// Patch changes only the fields set in req.
//
// operationId patchPort.
//
//alianza:operation PATCH /v2/partition/{partitionId}/account/{accountId}/port/{portId}
func (s *PortsService) Patch(ctx context.Context, accountID, portID string, req *PatchPortRequest, callOpts ...CallOption) (*Port, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("accountId", accountID)
	v.pathID("portId", portID)
	validateBody(&v, req)
	if err := v.err(); err != nil {
		return nil, err
	}
	return call[Port](ctx, s.client, &request{
		method: http.MethodPatch,
		path:   "/v2/partition/{partitionId}/account/{accountId}/port/{portId}",
		args:   []string{accountID, portID},
		body:   req,
	})
}

// Cancel cancels a port in progress. A port in a final state (completed,
// already cancelled) is a 400 (ErrBadRequest).
//
// operationId cancelPort.
//
//alianza:operation DELETE /v2/partition/{partitionId}/account/{accountId}/port/{portId}/cancelport
func (s *PortsService) Cancel(ctx context.Context, accountID, portID string, callOpts ...CallOption) error {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("accountId", accountID)
	v.pathID("portId", portID)
	if err := v.err(); err != nil {
		return err
	}
	return s.client.do(ctx, &request{
		method: http.MethodDelete,
		path:   "/v2/partition/{partitionId}/account/{accountId}/port/{portId}/cancelport",
		args:   []string{accountID, portID},
	})
}

// Trigger asks the carrier to port the numbers now. It works on the FOC
// date only, until the carrier's automatic trigger time. Alianza's porting
// guide says the platform answers 202, the spec 200; both are success
// (docs/quirks.md).
//
// operationId triggerPort.
//
//alianza:operation PUT /v2/partition/{partitionId}/account/{accountId}/port/{portId}/triggerport
func (s *PortsService) Trigger(ctx context.Context, accountID, portID string, callOpts ...CallOption) error {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("accountId", accountID)
	v.pathID("portId", portID)
	if err := v.err(); err != nil {
		return err
	}
	return s.client.do(ctx, &request{
		method: http.MethodPut,
		path:   "/v2/partition/{partitionId}/account/{accountId}/port/{portId}/triggerport",
		args:   []string{accountID, portID},
	})
}

// ServiceActivationEvent is the carrier-side record of an activation, a
// port request say (ServiceActivationEventX): its status, FOC date and log.
type ServiceActivationEvent struct {
	ID                   string                         `json:"id,omitempty"`
	PartitionID          string                         `json:"partitionId,omitempty"`
	AccountID            string                         `json:"accountId,omitempty"`
	ServiceType          ServiceActivationType          `json:"serviceType,omitempty"`
	ReferenceType        ServiceActivationReferenceType `json:"referenceType,omitempty"`
	ReferenceID          string                         `json:"referenceId,omitempty"` // the port's ID for a port request
	ActivationStatusType ActivationStatus               `json:"activationStatusType,omitempty"`
	CreatedDate          time.Time                      `json:"createdDate,omitzero"`
	LastUpdatedDate      time.Time                      `json:"lastUpdatedDate,omitzero"`
	FocDate              time.Time                      `json:"focDate,omitzero"`
	CrdDate              time.Time                      `json:"crdDate,omitzero"`
	City                 string                         `json:"city,omitempty"`
	MainTelephoneNumber  string                         `json:"mainTelephoneNumber,omitempty"`
	SubTelephoneNumbers  []string                       `json:"subTelephoneNumbers,omitempty"`
	FirstName            string                         `json:"firstName,omitempty"`
	LastName             string                         `json:"lastName,omitempty"`
	CompanyName          string                         `json:"companyName,omitempty"`
	State                string                         `json:"state,omitempty"`
	L3Reaction           string                         `json:"l3Reaction,omitempty"`
	ParentOrderID        string                         `json:"parentOrderId,omitempty"`
	// EditableFieldTypes names what Patch may still change: crdDate,
	// wirelessAccountNumber, wirelessPin, name.
	EditableFieldTypes []string                    `json:"editableFieldTypes,omitempty"`
	LosingCarrier      string                      `json:"losingCarrier,omitempty"`
	InboundCarrierType InboundCarrierType          `json:"inboundCarrierType,omitempty"`
	Logs               []ServiceActivationEventLog `json:"logs,omitempty"`
}

// Final reports whether the event has ended: completed, rejected or
// cancelled.
func (e *ServiceActivationEvent) Final() bool { return e.ActivationStatusType.Final() }

// Final reports whether s ends an activation: COMPLETED,
// CORRECTED_COMPLETED, REJECTED, CANCELLED or CARRIER_CANCELLED.
func (s ActivationStatus) Final() bool {
	switch s {
	case ActivationStatusCompleted, ActivationStatusCorrectedCompleted, ActivationStatusRejected,
		ActivationStatusCancelled, ActivationStatusCarrierCancelled:
		return true
	}
	return false
}

// StatusSearchOptions filter a status search. The zero value finds every
// event of the partition, newest pages first as the platform orders them.
type StatusSearchOptions struct {
	AccountID       string                  `url:"accountId,omitempty"`
	TelephoneNumber string                  `url:"telephoneNumber,omitempty"`
	EventTypes      []ServiceActivationType `url:"eventType,omitempty"`
	StatusTypes     []ActivationStatus      `url:"statusType,omitempty"`
	// DateType is the date StartDate and EndDate apply to.
	DateType  StatusSearchDateType `url:"dateType,omitempty"`
	StartDate string               `url:"startDate,omitempty"` // yyyy-MM-dd
	EndDate   string               `url:"endDate,omitempty"`   // yyyy-MM-dd
	// FirstResultIndex is the 0-based index of the first event of the
	// page; MaxResult the page size (the platform's default is 50).
	FirstResultIndex int `url:"firstResultIndex,omitempty"`
	MaxResult        int `url:"maxResult,omitempty"`
}

func (o *StatusSearchOptions) validate(v *validator) {
	if o == nil {
		return
	}
	if o.TelephoneNumber != "" {
		v.tn("telephoneNumber", o.TelephoneNumber)
	}
	for _, t := range o.EventTypes {
		v.enum("eventType", string(t), t.Valid())
	}
	for _, t := range o.StatusTypes {
		v.enum("statusType", string(t), t.Valid())
	}
	v.enum("dateType", string(o.DateType), o.DateType.Valid())
	optionalDates(v, o.StartDate, o.EndDate)
	v.check(o.FirstResultIndex >= 0, "firstResultIndex", "must not be negative")
	v.check(o.MaxResult >= 0, "maxResult", "must not be negative")
}

// Validate reports, as a *ValidationError, what StatusSearchPage would
// refuse in o.
func (o *StatusSearchOptions) Validate() error {
	var v validator
	o.validate(&v)
	return v.err()
}

// optionalDates checks two optional yyyy-MM-dd dates, end not before start.
func optionalDates(v *validator, from, to string) {
	var f, t time.Time
	var ferr, terr error
	if from != "" {
		f, ferr = time.Parse(dateLayout, from)
		v.check(ferr == nil, "startDate", "must be a date, yyyy-MM-dd")
	}
	if to != "" {
		t, terr = time.Parse(dateLayout, to)
		v.check(terr == nil, "endDate", "must be a date, yyyy-MM-dd")
	}
	if from != "" && to != "" && ferr == nil && terr == nil {
		v.check(!t.Before(f), "endDate", "must not be before startDate")
	}
}

// StatusSearchPage returns one page of the partition's service activation
// events (port requests, activations, disconnects ...).
//
// operationId statusSearch.
//
//alianza:operation GET /v2/partition/{partitionId}/telephonenumber/statussearch
func (s *PortsService) StatusSearchPage(ctx context.Context, opts *StatusSearchOptions, callOpts ...CallOption) (*ServiceActivationEventPage, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	opts.validate(&v)
	if err := v.err(); err != nil {
		return nil, err
	}
	var q url.Values
	if opts != nil {
		var err error
		if q, err = query.Values(opts); err != nil {
			return nil, fmt.Errorf("alianza: encode query: %w", err)
		}
	}
	return call[ServiceActivationEventPage](ctx, s.client, &request{
		method: http.MethodGet,
		path:   "/v2/partition/{partitionId}/telephonenumber/statussearch",
		query:  q,
	})
}

// StatusSearch yields every event matching opts, page after page from
// opts.FirstResultIndex, and stops when the caller stops. An error ends
// it, yielded once with a zero event.
func (s *PortsService) StatusSearch(ctx context.Context, opts *StatusSearchOptions, callOpts ...CallOption) iter.Seq2[ServiceActivationEvent, error] {
	ctx = withCallOptions(ctx, callOpts)
	o := StatusSearchOptions{}
	if opts != nil {
		o = *opts
	}
	return pages(o.FirstResultIndex, func(first int) ([]ServiceActivationEvent, int64, error) {
		po := o
		po.FirstResultIndex = first
		page, err := s.StatusSearchPage(ctx, &po)
		if err != nil {
			return nil, 0, err
		}
		return page.Results, page.TotalRecords, nil
	})
}

// pages walks an offset-paged search (firstResultIndex, maxResult): the
// next page starts where the records read so far end, whatever page size
// the platform chose. It stops at totalRecords, or at an empty page.
func pages[T any](start int, fetch func(first int) ([]T, int64, error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		first := start
		for {
			items, total, err := fetch(first)
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			for _, it := range items {
				if !yield(it, nil) {
					return
				}
			}
			first += len(items)
			if len(items) == 0 || int64(first) >= total {
				return
			}
		}
	}
}

// Format prints the request with its wireless PIN redacted (see
// LoginToken.Format for why every Secret holder has one).
func (r PortRequest) Format(f fmt.State, verb rune) {
	type plain PortRequest
	formatModel(f, verb, "alianza.PortRequest", plain(r))
}

// Format prints the request with its wireless PIN redacted.
func (r SubmitPortRequest) Format(f fmt.State, verb rune) {
	type plain SubmitPortRequest
	formatModel(f, verb, "alianza.SubmitPortRequest", plain(r))
}

// Format prints the request with its wireless PIN redacted.
func (r PatchPortRequest) Format(f fmt.State, verb rune) {
	type plain PatchPortRequest
	formatModel(f, verb, "alianza.PatchPortRequest", plain(r))
}

// Format prints the request with its wireless PIN redacted.
func (r UpdatePortRequest) Format(f fmt.State, verb rune) {
	type plain UpdatePortRequest
	formatModel(f, verb, "alianza.UpdatePortRequest", plain(r))
}
