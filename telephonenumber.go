package alianza

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strings"

	"github.com/google/go-querystring/query"
)

// TelephoneNumbersService searches the partition's number inventory, reserves numbers and manages the numbers on an account.
//
// Activating a number from inventory: validate the address
// (AddressesService.Validate), search near its coordinates (Search with
// AddressValidation.SearchNearby), Reserve, AddToAccount, then route it
// with SetDestination or one of the RouteTo helpers.
//
// Every telephone number, in a path or a body, is 11 digits starting with
// 1 (e.g. 18015551212); anything else is rejected before a request is sent.
type TelephoneNumbersService service

// SearchTelephoneNumbersOptions are the tnSearch query parameters.
type SearchTelephoneNumbersOptions struct {
	// Type is the kind of search; empty means the platform's default,
	// POSTALCODE_OR_TN.
	Type TNSearchType `url:"type,omitempty"`
	// Q is the search term: a number, a postal code or a rate center
	// ("18015551212", "84062", "ALBANY", "ALBANY.NY"). Required by the
	// POSTALCODE_OR_TN, TN, POSTALCODE and RATECENTER* types; LAT_LONG
	// ignores it.
	Q string `url:"q,omitempty"`
	// Lat and Long are the coordinates of a LAT_LONG search (zero means
	// unset; no Alianza market lies on the equator or the prime meridian).
	Lat  float64 `url:"lat,omitempty"`
	Long float64 `url:"long,omitempty"`
	// FunctionType narrows the kind of number; the platform defaults to ELS.
	FunctionType FunctionType `url:"functiontype,omitempty"`
	// MaxResults caps the results (the guides say up to 15); 0 leaves
	// the platform's default.
	MaxResults int    `url:"maxResults,omitempty"`
	CarrierID  string `url:"carrierId,omitempty"`
	// Extra carries parameters the spec does not list for tnSearch but
	// the phone-numbers guide uses (searchDynamic, npa, npa-nxx, qty,
	// sequential; see docs/quirks.md). They are sent as given.
	Extra url.Values `url:"-"`
}

// validate checks the options of Search. nil means the platform's default
// search, POSTALCODE_OR_TN, which needs a search term: it is refused.
func (o *SearchTelephoneNumbersOptions) validate(v *validator) {
	if o == nil {
		o = &SearchTelephoneNumbersOptions{}
	}
	v.enum("type", string(o.Type), o.Type.Valid())
	v.enum("functiontype", string(o.FunctionType), o.FunctionType.Valid())
	v.check(o.MaxResults >= 0, "maxResults", "must be at least 1 when set")
	switch o.Type {
	case TNSearchTypeLatLong:
		v.check(o.Lat != 0, "lat", "is required for a LAT_LONG search")
		v.check(o.Long != 0, "long", "is required for a LAT_LONG search")
		v.check(o.Lat >= -90 && o.Lat <= 90, "lat", "must be from -90 through 90")
		v.check(o.Long >= -180 && o.Long <= 180, "long", "must be from -180 through 180")
	default:
		// Every other type, the default POSTALCODE_OR_TN included,
		// searches for q. Parameters in Extra (npa, npa-nxx ...) may
		// stand in for it.
		if len(o.Extra) == 0 {
			v.check(strings.TrimSpace(o.Q) != "", "q", "is required: a number, postal code or rate center (or set type LAT_LONG)")
		}
		// The spec: lat and long require type=LAT_LONG.
		v.check(o.Lat == 0, "lat", "requires type LAT_LONG")
		v.check(o.Long == 0, "long", "requires type LAT_LONG")
	}
}

// Validate reports, as a *ValidationError, every problem Search would
// refuse o for before sending it; nil when there is none.
func (o *SearchTelephoneNumbersOptions) Validate() error {
	var v validator
	o.validate(&v)
	return v.err()
}

// values encodes the typed parameters and then Extra.
func (o *SearchTelephoneNumbersOptions) values() (url.Values, error) {
	if o == nil {
		return url.Values{}, nil
	}
	q, err := query.Values(o)
	if err != nil {
		return nil, fmt.Errorf("alianza: encode query: %w", err)
	}
	for k, vs := range o.Extra {
		for _, s := range vs {
			q.Add(k, s)
		}
	}
	return q, nil
}

// Search finds available numbers in the partition's inventory. opts needs
// a search term (Q) unless its Type is LAT_LONG or Extra holds the search
// parameters; a search without one is refused before sending.
//
// operationId tnSearch.
//
//alianza:operation GET /v2/partition/{partitionId}/telephonenumber/search
func (s *TelephoneNumbersService) Search(ctx context.Context, opts *SearchTelephoneNumbersOptions, callOpts ...CallOption) ([]TelephoneNumberView, error) {
	ctx = withCallOptions(ctx, callOpts)
	r, err := searchNumbersRequest(opts)
	if err != nil {
		return nil, err
	}
	return callValue[[]TelephoneNumberView](ctx, s.client, r)
}

// SearchIter is Search as a sequence: the numbers are decoded one by one
// as the answer arrives, in constant memory, whatever their number. A
// failure is yielded once and ends the sequence. MaxStreamElement says
// what bounds a stream in place of WithMaxBodySize.
func (s *TelephoneNumbersService) SearchIter(ctx context.Context, opts *SearchTelephoneNumbersOptions, callOpts ...CallOption) iter.Seq2[TelephoneNumberView, error] {
	ctx = withCallOptions(ctx, callOpts)
	r, err := searchNumbersRequest(opts)
	if err != nil {
		return failed[TelephoneNumberView](err)
	}
	return each[TelephoneNumberView](ctx, s.client, r)
}

func searchNumbersRequest(opts *SearchTelephoneNumbersOptions) (*request, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	q, err := opts.values()
	if err != nil {
		return nil, err
	}
	return &request{method: http.MethodGet, path: "/v2/partition/{partitionId}/telephonenumber/search", query: q}, nil
}

// Reserve reserves an inventory number so no one else takes it; the
// guides say the reservation lasts 30 minutes.
//
// The spec answers 200 with the reservation; Alianza's guides say 204 with
// no body and put the path under an account (see docs/quirks.md). The
// spec's partition-level path is used, and a 2xx with no body returns nil,
// nil.
//
// operationId reserve.
//
//alianza:operation PUT /v2/partition/{partitionId}/telephonenumber/{tn}/reserve
func (s *TelephoneNumbersService) Reserve(ctx context.Context, tn string, callOpts ...CallOption) (*TelephoneNumberReservation, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.tnArg("tn", tn)
	if err := v.err(); err != nil {
		return nil, err
	}
	return call[TelephoneNumberReservation](ctx, s.client, &request{
		method:  http.MethodPut,
		path:    "/v2/partition/{partitionId}/telephonenumber/{tn}/reserve",
		args:    []string{tn},
		emptyOK: true,
	})
}

// ReleaseReservation removes a reservation, making the number available
// again.
//
// operationId releaseReservation.
//
//alianza:operation DELETE /v2/partition/{partitionId}/telephonenumber/{tn}/reserve
func (s *TelephoneNumbersService) ReleaseReservation(ctx context.Context, tn string, callOpts ...CallOption) error {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.tnArg("tn", tn)
	if err := v.err(); err != nil {
		return err
	}
	return s.client.do(ctx, &request{
		method: http.MethodDelete,
		path:   "/v2/partition/{partitionId}/telephonenumber/{tn}/reserve",
		args:   []string{tn},
	})
}

// AddToAccount adds numbers to an account, from inventory or by port.
//
// operationId createOrAddTelephoneNumberToAccount.
//
//alianza:operation POST /v2/partition/{partitionId}/account/{accountId}/telephonenumber
func (s *TelephoneNumbersService) AddToAccount(ctx context.Context, accountID string, req *AddTelephoneNumbersRequest, callOpts ...CallOption) (*TelephoneNumberActivation, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("accountId", accountID)
	validateBody(&v, req)
	if err := v.err(); err != nil {
		return nil, err
	}
	return call[TelephoneNumberActivation](ctx, s.client, &request{
		method: http.MethodPost,
		path:   "/v2/partition/{partitionId}/account/{accountId}/telephonenumber",
		args:   []string{accountID},
		body:   req,
	})
}

// ListAccountTelephoneNumbersOptions are the retrieveAccountTelephoneNumbers
// query parameters.
type ListAccountTelephoneNumbersOptions struct {
	// LimitedData asks for lighter rows so that large accounts return
	// quickly.
	LimitedData bool `url:"limitedData,omitempty"`
}

// List returns every number on an account (the list is not paged). opts
// may be nil.
//
// operationId retrieveAccountTelephoneNumbers.
//
//alianza:operation GET /v2/partition/{partitionId}/account/{accountId}/telephonenumber
func (s *TelephoneNumbersService) List(ctx context.Context, accountID string, opts *ListAccountTelephoneNumbersOptions, callOpts ...CallOption) ([]AccountTelephoneNumber, error) {
	ctx = withCallOptions(ctx, callOpts)
	r, err := accountListRequest(accountID, "/v2/partition/{partitionId}/account/{accountId}/telephonenumber", opts)
	if err != nil {
		return nil, err
	}
	return callValue[[]AccountTelephoneNumber](ctx, s.client, r)
}

// ListIter is List as a sequence: the numbers are decoded one by one
// as the answer arrives, in constant memory, whatever their number. A
// failure is yielded once and ends the sequence. MaxStreamElement says
// what bounds a stream in place of WithMaxBodySize.
func (s *TelephoneNumbersService) ListIter(ctx context.Context, accountID string, opts *ListAccountTelephoneNumbersOptions, callOpts ...CallOption) iter.Seq2[AccountTelephoneNumber, error] {
	ctx = withCallOptions(ctx, callOpts)
	r, err := accountListRequest(accountID, "/v2/partition/{partitionId}/account/{accountId}/telephonenumber", opts)
	if err != nil {
		return failed[AccountTelephoneNumber](err)
	}
	return each[AccountTelephoneNumber](ctx, s.client, r)
}

// Get returns one number on an account.
//
// operationId retrieveTelephoneNumberOnAccount.
//
//alianza:operation GET /v2/partition/{partitionId}/account/{accountId}/telephonenumber/{tn}
func (s *TelephoneNumbersService) Get(ctx context.Context, accountID, tn string, callOpts ...CallOption) (*AccountTelephoneNumber, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("accountId", accountID)
	v.tnArg("tn", tn)
	if err := v.err(); err != nil {
		return nil, err
	}
	return call[AccountTelephoneNumber](ctx, s.client, &request{
		method: http.MethodGet,
		path:   "/v2/partition/{partitionId}/account/{accountId}/telephonenumber/{tn}",
		args:   []string{accountID, tn},
	})
}

// Patch changes the fields set in req and returns the number.
//
// operationId patchTelephoneNumberOnAccount.
//
//alianza:operation PATCH /v2/partition/{partitionId}/account/{accountId}/telephonenumber/{tn}
func (s *TelephoneNumbersService) Patch(ctx context.Context, accountID, tn string, req *PatchTelephoneNumberRequest, callOpts ...CallOption) (*AccountTelephoneNumber, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("accountId", accountID)
	v.tnArg("tn", tn)
	validateBody(&v, req)
	if err := v.err(); err != nil {
		return nil, err
	}
	return call[AccountTelephoneNumber](ctx, s.client, &request{
		method: http.MethodPatch,
		path:   "/v2/partition/{partitionId}/account/{accountId}/telephonenumber/{tn}",
		args:   []string{accountID, tn},
		body:   req,
	})
}

// Update replaces the number's writable fields with req and returns it.
//
// operationId updateTelephoneNumberOnAccount.
//
//alianza:operation PUT /v2/partition/{partitionId}/account/{accountId}/telephonenumber/{tn}
func (s *TelephoneNumbersService) Update(ctx context.Context, accountID, tn string, req *UpdateTelephoneNumberRequest, callOpts ...CallOption) (*AccountTelephoneNumber, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("accountId", accountID)
	v.tnArg("tn", tn)
	validateBody(&v, req)
	if err := v.err(); err != nil {
		return nil, err
	}
	return call[AccountTelephoneNumber](ctx, s.client, &request{
		method: http.MethodPut,
		path:   "/v2/partition/{partitionId}/account/{accountId}/telephonenumber/{tn}",
		args:   []string{accountID, tn},
		body:   req,
	})
}

// Delete removes a number from an account. The number goes into cooldown
// before it returns to the carrier; the call fails while an activation or
// port is still open. An account cannot be deleted while it has numbers.
//
// operationId deleteTelephoneNumberOnAccount.
//
//alianza:operation DELETE /v2/partition/{partitionId}/account/{accountId}/telephonenumber/{tn}
func (s *TelephoneNumbersService) Delete(ctx context.Context, accountID, tn string, callOpts ...CallOption) error {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("accountId", accountID)
	v.tnArg("tn", tn)
	if err := v.err(); err != nil {
		return err
	}
	return s.client.do(ctx, &request{
		method: http.MethodDelete,
		path:   "/v2/partition/{partitionId}/account/{accountId}/telephonenumber/{tn}",
		args:   []string{accountID, tn},
	})
}

// SetDestination routes the number's inbound calls to req's target.
//
// operationId destination.
//
//alianza:operation PUT /v2/partition/{partitionId}/account/{accountId}/telephonenumber/{tn}/destination
func (s *TelephoneNumbersService) SetDestination(ctx context.Context, accountID, tn string, req *SetDestinationRequest, callOpts ...CallOption) (*TelephoneNumberDestination, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("accountId", accountID)
	v.tnArg("tn", tn)
	validateBody(&v, req)
	if err := v.err(); err != nil {
		return nil, err
	}
	partition, err := s.client.PartitionID(ctx)
	if err != nil {
		return nil, err
	}
	return call[TelephoneNumberDestination](ctx, s.client, &request{
		method: http.MethodPut,
		path:   "/v2/partition/{partitionId}/account/{accountId}/telephonenumber/{tn}/destination",
		args:   []string{accountID, tn},
		body:   &destinationBody{PartitionID: partition, AccountID: accountID, TelephoneNumber: tn, SetDestinationRequest: req},
	})
}

// RouteToUser sends the number's calls to a user (END_USER); callerID
// also makes it the user's outbound caller ID.
func (s *TelephoneNumbersService) RouteToUser(ctx context.Context, accountID, tn, userID string, callerID bool, callOpts ...CallOption) (*TelephoneNumberDestination, error) {
	ctx = withCallOptions(ctx, callOpts)
	return s.SetDestination(ctx, accountID, tn, &SetDestinationRequest{ReferenceType: TNReferenceTypeEndUser, ReferenceID: userID, AssignAsCallerID: Ptr(callerID)})
}

// RouteToSipTrunk sends the number's calls to a SIP trunk.
func (s *TelephoneNumbersService) RouteToSipTrunk(ctx context.Context, accountID, tn, sipTrunkID string, callOpts ...CallOption) (*TelephoneNumberDestination, error) {
	ctx = withCallOptions(ctx, callOpts)
	return s.SetDestination(ctx, accountID, tn, &SetDestinationRequest{ReferenceType: TNReferenceTypeSIPTrunk, ReferenceID: sipTrunkID})
}

// RouteToBusinessLine sends the number's calls to a business line.
func (s *TelephoneNumbersService) RouteToBusinessLine(ctx context.Context, accountID, tn, businessLineID string, callOpts ...CallOption) (*TelephoneNumberDestination, error) {
	ctx = withCallOptions(ctx, callOpts)
	return s.SetDestination(ctx, accountID, tn, &SetDestinationRequest{ReferenceType: TNReferenceTypeBusinessLine, ReferenceID: businessLineID})
}

// GetInventory returns what the partition knows of a number, on an account
// or not.
//
// operationId retrieveTelephoneNumber.
//
//alianza:operation GET /v2/partition/{partitionId}/telephonenumber/{tn}
func (s *TelephoneNumbersService) GetInventory(ctx context.Context, tn string, callOpts ...CallOption) (*TelephoneNumberView, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.tnArg("tn", tn)
	if err := v.err(); err != nil {
		return nil, err
	}
	return call[TelephoneNumberView](ctx, s.client, &request{
		method: http.MethodGet,
		path:   "/v2/partition/{partitionId}/telephonenumber/{tn}",
		args:   []string{tn},
	})
}

// ListInventory returns the partition's own number inventory: at most 500
// numbers, without sub-partitions (the platform's export is needed for
// more).
//
// operationId listTnInventory.
//
//alianza:operation GET /v2/partition/{partitionId}/telephonenumber
func (s *TelephoneNumbersService) ListInventory(ctx context.Context, callOpts ...CallOption) ([]TelephoneNumberView, error) {
	ctx = withCallOptions(ctx, callOpts)
	return callValue[[]TelephoneNumberView](ctx, s.client, inventoryRequest())
}

// ListInventoryIter is ListInventory as a sequence: the numbers are decoded one by one
// as the answer arrives, in constant memory, whatever their number. A
// failure is yielded once and ends the sequence. MaxStreamElement says
// what bounds a stream in place of WithMaxBodySize.
func (s *TelephoneNumbersService) ListInventoryIter(ctx context.Context, callOpts ...CallOption) iter.Seq2[TelephoneNumberView, error] {
	ctx = withCallOptions(ctx, callOpts)
	return each[TelephoneNumberView](ctx, s.client, inventoryRequest())
}

func inventoryRequest() *request {
	return &request{method: http.MethodGet, path: "/v2/partition/{partitionId}/telephonenumber"}
}
