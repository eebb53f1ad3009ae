package alianza

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"strings"
)

// CallingPlansService manages calling plan products and the plans attached to an account.
type CallingPlansService service

// CreateCallingPlanProductRequest is the body of add_2. Name is required.
type CreateCallingPlanProductRequest struct {
	Name                     string    `json:"name"`
	PlanMinutes              *int      `json:"planMinutes,omitempty"` // >= 0
	UnlimitedDisplay         *bool     `json:"unlimitedDisplay,omitempty"`
	AllowOverage             *bool     `json:"allowOverage,omitempty"`
	PreventForwarding        *bool     `json:"preventForwarding,omitempty"`
	DefaultPlan              *bool     `json:"defaultPlan,omitempty"`
	CallRateFor411           *float64  `json:"callRateFor411,omitempty"`
	Allow411                 *bool     `json:"allow411,omitempty"`
	RateTypeFor411           *RateType `json:"rateTypeFor411,omitempty"`
	CallRateForOperator      *float64  `json:"callRateForOperator,omitempty"`
	AllowOperator            *bool     `json:"allowOperator,omitempty"`
	RateTypeForOperator      *RateType `json:"rateTypeForOperator,omitempty"`
	AllowUnlimitedLocal      *bool     `json:"allowUnlimitedLocal,omitempty"`
	RateIntraPartitionAsFree *bool     `json:"rateIntraPartitionAsFree,omitempty"`
}

// UpdateCallingPlanProductRequest is the body of update_5, a full replace:
// the same fields as a create. UpdateProduct fills id and partitionId.
type UpdateCallingPlanProductRequest CreateCallingPlanProductRequest

// updateProductBody is what update_5 sends.
type updateProductBody struct {
	ID          string `json:"id"`
	PartitionID string `json:"partitionId"`
	*UpdateCallingPlanProductRequest
}

// PatchCallingPlanProductRequest is the body of patch_5: only the fields
// set are sent, so Ptr(false) and Ptr(0) are sent as such.
type PatchCallingPlanProductRequest struct {
	Name                     *string   `json:"name,omitempty"`
	PlanMinutes              *int      `json:"planMinutes,omitempty"`
	UnlimitedDisplay         *bool     `json:"unlimitedDisplay,omitempty"`
	AllowOverage             *bool     `json:"allowOverage,omitempty"`
	PreventForwarding        *bool     `json:"preventForwarding,omitempty"`
	DefaultPlan              *bool     `json:"defaultPlan,omitempty"`
	CallRateFor411           *float64  `json:"callRateFor411,omitempty"`
	Allow411                 *bool     `json:"allow411,omitempty"`
	RateTypeFor411           *RateType `json:"rateTypeFor411,omitempty"`
	CallRateForOperator      *float64  `json:"callRateForOperator,omitempty"`
	AllowOperator            *bool     `json:"allowOperator,omitempty"`
	RateTypeForOperator      *RateType `json:"rateTypeForOperator,omitempty"`
	AllowUnlimitedLocal      *bool     `json:"allowUnlimitedLocal,omitempty"`
	RateIntraPartitionAsFree *bool     `json:"rateIntraPartitionAsFree,omitempty"`
}

// ModifyCallingPlanRequest is the body of addPlan and removePlan
// (ModifyCallingPlanX): which reference (the account, a user, a SIP trunk
// ...) gets or loses which plan. ReferenceType and ReferenceID are required.
type ModifyCallingPlanRequest struct {
	ReferenceType CallingPlanReferenceType `json:"referenceType"`
	ReferenceID   string                   `json:"referenceId"`
	// CallingPlanReferenceID is the calling plan product id when changing
	// plans, or the reference whose plans to share (SHARED_CALLING_PLAN).
	CallingPlanReferenceID string `json:"callingPlanReferenceId,omitempty"`
	// CallingPlanProductID is deprecated by the spec in favour of
	// CallingPlanReferenceID.
	CallingPlanProductID string          `json:"callingPlanProductId,omitempty"`
	CallingPlanType      CallingPlanType `json:"callingPlanType,omitempty"`
	// Pending false applies the change now; true at the account's billing
	// date. Not used when sharing.
	Pending *bool `json:"pending,omitempty"`
	// MinutesUsed starts a new plan with minutes already used (add only).
	MinutesUsed *int `json:"minutesUsed,omitempty"`
}

// ListCallingPlansOptions filter getPlans.
type ListCallingPlansOptions struct {
	ReferenceID   string                   `url:"referenceId,omitempty"`
	ReferenceType CallingPlanReferenceType `url:"referenceType,omitempty"`
}

// ListCallingPlanProductsOptions tune retrieveCallingPlanProductList.
type ListCallingPlanProductsOptions struct {
	IncludeArchived bool `url:"includeArchived,omitempty"`
}

// ListProducts returns the partition's calling plan products.
//
// operationId retrieveCallingPlanProductList.
//
//alianza:operation GET /v2/partition/{partitionId}/callingplanproduct
func (s *CallingPlansService) ListProducts(ctx context.Context, opts *ListCallingPlanProductsOptions, callOpts ...CallOption) ([]CallingPlanProduct, error) {
	ctx = withCallOptions(ctx, callOpts)
	return callValue[[]CallingPlanProduct](ctx, s.client, listProductsRequest(opts))
}

// ListProductsIter is ListProducts as a sequence: the products are decoded one by one
// as the answer arrives, in constant memory, whatever their number. A
// failure is yielded once and ends the sequence. MaxStreamElement says
// what bounds a stream in place of WithMaxBodySize.
func (s *CallingPlansService) ListProductsIter(ctx context.Context, opts *ListCallingPlanProductsOptions, callOpts ...CallOption) iter.Seq2[CallingPlanProduct, error] {
	ctx = withCallOptions(ctx, callOpts)
	return each[CallingPlanProduct](ctx, s.client, listProductsRequest(opts))
}

func listProductsRequest(opts *ListCallingPlanProductsOptions) *request {
	return &request{method: http.MethodGet, path: "/v2/partition/{partitionId}/callingplanproduct", query: opts}
}

// GetProduct returns one calling plan product.
//
// operationId get_3.
//
//alianza:operation GET /v2/partition/{partitionId}/callingplanproduct/{cppId}
func (s *CallingPlansService) GetProduct(ctx context.Context, productID string, callOpts ...CallOption) (*CallingPlanProduct, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("cppId", productID)
	if err := v.err(); err != nil {
		return nil, err
	}
	return call[CallingPlanProduct](ctx, s.client, &request{
		method: http.MethodGet,
		path:   "/v2/partition/{partitionId}/callingplanproduct/{cppId}",
		args:   []string{productID},
	})
}

// CreateProduct creates a calling plan product.
//
// operationId add_2.
//
//alianza:operation POST /v2/partition/{partitionId}/callingplanproduct
func (s *CallingPlansService) CreateProduct(ctx context.Context, req *CreateCallingPlanProductRequest, callOpts ...CallOption) (*CallingPlanProduct, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	validateBody(&v, req)
	if err := v.err(); err != nil {
		return nil, err
	}
	return call[CallingPlanProduct](ctx, s.client, &request{
		method: http.MethodPost,
		path:   "/v2/partition/{partitionId}/callingplanproduct",
		body:   req,
	})
}

// UpdateProduct replaces a calling plan product; fields left nil may be
// reset. The id and partitionId are filled from productID and the client.
//
// operationId update_5.
//
//alianza:operation PUT /v2/partition/{partitionId}/callingplanproduct/{cppId}
func (s *CallingPlansService) UpdateProduct(ctx context.Context, productID string, req *UpdateCallingPlanProductRequest, callOpts ...CallOption) (*CallingPlanProduct, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("cppId", productID)
	validateBody(&v, req)
	if err := v.err(); err != nil {
		return nil, err
	}
	partitionID, err := s.client.PartitionID(ctx)
	if err != nil {
		return nil, err
	}
	return call[CallingPlanProduct](ctx, s.client, &request{
		method: http.MethodPut,
		path:   "/v2/partition/{partitionId}/callingplanproduct/{cppId}",
		args:   []string{productID},
		body:   &updateProductBody{ID: productID, PartitionID: partitionID, UpdateCallingPlanProductRequest: req},
	})
}

// PatchProduct changes the fields set in req.
//
// operationId patch_5.
//
//alianza:operation PATCH /v2/partition/{partitionId}/callingplanproduct/{cppId}
func (s *CallingPlansService) PatchProduct(ctx context.Context, productID string, req *PatchCallingPlanProductRequest, callOpts ...CallOption) (*CallingPlanProduct, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("cppId", productID)
	validateBody(&v, req)
	if err := v.err(); err != nil {
		return nil, err
	}
	return call[CallingPlanProduct](ctx, s.client, &request{
		method: http.MethodPatch,
		path:   "/v2/partition/{partitionId}/callingplanproduct/{cppId}",
		args:   []string{productID},
		body:   req,
	})
}

// ArchiveProduct archives a calling plan product, the only way to retire
// one: plans already using it keep it, and ListProducts shows it only with
// IncludeArchived.
//
// operationId archive.
//
//alianza:operation DELETE /v2/partition/{partitionId}/callingplanproduct/{cppId}/archive-callingplan
func (s *CallingPlansService) ArchiveProduct(ctx context.Context, productID string, callOpts ...CallOption) error {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("cppId", productID)
	if err := v.err(); err != nil {
		return err
	}
	return s.client.do(ctx, &request{
		method: http.MethodDelete,
		path:   "/v2/partition/{partitionId}/callingplanproduct/{cppId}/archive-callingplan",
		args:   []string{productID},
	})
}

// List returns the calling plans of the account, optionally only those of
// one reference (a user, a SIP trunk, the account itself ...).
//
// operationId getPlans.
//
//alianza:operation GET /v2/partition/{partitionId}/account/{accountId}/callingplan
func (s *CallingPlansService) List(ctx context.Context, accountID string, opts *ListCallingPlansOptions, callOpts ...CallOption) ([]CallingPlan, error) {
	ctx = withCallOptions(ctx, callOpts)
	r, err := listPlansRequest(accountID, opts)
	if err != nil {
		return nil, err
	}
	return callValue[[]CallingPlan](ctx, s.client, r)
}

// ListIter is List as a sequence: the calling plans are decoded one by one
// as the answer arrives, in constant memory, whatever their number. A
// failure is yielded once and ends the sequence. MaxStreamElement says
// what bounds a stream in place of WithMaxBodySize.
func (s *CallingPlansService) ListIter(ctx context.Context, accountID string, opts *ListCallingPlansOptions, callOpts ...CallOption) iter.Seq2[CallingPlan, error] {
	ctx = withCallOptions(ctx, callOpts)
	r, err := listPlansRequest(accountID, opts)
	if err != nil {
		return failed[CallingPlan](err)
	}
	return each[CallingPlan](ctx, s.client, r)
}

func listPlansRequest(accountID string, opts *ListCallingPlansOptions) (*request, error) {
	var v validator
	v.pathID("accountId", accountID)
	opts.validate(&v)
	if err := v.err(); err != nil {
		return nil, err
	}
	return &request{
		method: http.MethodGet,
		path:   "/v2/partition/{partitionId}/account/{accountId}/callingplan",
		args:   []string{accountID},
		query:  opts,
	}, nil
}

// Add adds, changes or shares a calling plan on a reference of the account.
// It replaces the deprecated changeCallingPlan and swapCallingPlan.
//
// operationId addPlan.
//
//alianza:operation PUT /v2/partition/{partitionId}/account/{accountId}/callingplan
func (s *CallingPlansService) Add(ctx context.Context, accountID string, req *ModifyCallingPlanRequest, callOpts ...CallOption) (*CallingPlan, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("accountId", accountID)
	validateBody(&v, req)
	if err := v.err(); err != nil {
		return nil, err
	}
	return call[CallingPlan](ctx, s.client, &request{
		method: http.MethodPut,
		path:   "/v2/partition/{partitionId}/account/{accountId}/callingplan",
		args:   []string{accountID},
		body:   req,
	})
}

// Remove removes a calling plan from a reference of the account. The
// request is a DELETE with a JSON body. It returns the removed plan, or nil
// when the platform answers with no body.
//
// operationId removePlan.
//
//alianza:operation DELETE /v2/partition/{partitionId}/account/{accountId}/callingplan
func (s *CallingPlansService) Remove(ctx context.Context, accountID string, req *ModifyCallingPlanRequest, callOpts ...CallOption) (*CallingPlan, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("accountId", accountID)
	validateBody(&v, req)
	if err := v.err(); err != nil {
		return nil, err
	}
	return call[CallingPlan](ctx, s.client, &request{
		method:  http.MethodDelete,
		path:    "/v2/partition/{partitionId}/account/{accountId}/callingplan",
		args:    []string{accountID},
		body:    req,
		emptyOK: true,
	})
}

func (r *ModifyCallingPlanRequest) validate(v *validator) {
	v.required("referenceType", string(r.ReferenceType))
	v.enum("referenceType", string(r.ReferenceType), r.ReferenceType.Valid())
	v.required("referenceId", r.ReferenceID)
	v.enum("callingPlanType", string(r.CallingPlanType), r.CallingPlanType.Valid())
	if n := r.MinutesUsed; n != nil {
		v.check(*n >= 0, "minutesUsed", fmt.Sprintf("must not be negative, got %d", *n))
	}
}

func (r *CreateCallingPlanProductRequest) validate(v *validator) {
	v.required("name", r.Name)
	checkProduct(v, r.PlanMinutes, r.RateTypeFor411, r.RateTypeForOperator)
}

func (r *UpdateCallingPlanProductRequest) validate(v *validator) {
	(*CreateCallingPlanProductRequest)(r).validate(v)
}

func (r *PatchCallingPlanProductRequest) validate(v *validator) {
	if r.Name != nil && strings.TrimSpace(*r.Name) == "" {
		v.add("name", "must not be empty")
	}
	checkProduct(v, r.PlanMinutes, r.RateTypeFor411, r.RateTypeForOperator)
}

// validate checks the options of List; nil sets none. referenceId names a
// reference of referenceType, so it needs the type.
func (o *ListCallingPlansOptions) validate(v *validator) {
	if o == nil {
		return
	}
	v.enum("referenceType", string(o.ReferenceType), o.ReferenceType.Valid())
	if o.ReferenceID != "" {
		v.required("referenceType", string(o.ReferenceType))
	}
}

// Validate reports, as a *ValidationError, every problem of req that Add
// and Remove would refuse before sending; nil when there is none.
func (r *ModifyCallingPlanRequest) Validate() error { return validateRequest(r) }

// Validate reports, as a *ValidationError, every problem of req that
// CreateProduct would refuse before sending; nil when there is none.
func (r *CreateCallingPlanProductRequest) Validate() error { return validateRequest(r) }

// Validate reports, as a *ValidationError, every problem of req that
// UpdateProduct would refuse before sending; nil when there is none.
func (r *UpdateCallingPlanProductRequest) Validate() error { return validateRequest(r) }

// Validate reports, as a *ValidationError, every problem of req that
// PatchProduct would refuse before sending; nil when there is none.
func (r *PatchCallingPlanProductRequest) Validate() error { return validateRequest(r) }

// checkProduct checks what the product bodies share.
func checkProduct(v *validator, planMinutes *int, rate411, rateOperator *RateType) {
	if n := planMinutes; n != nil {
		v.check(*n >= 0, "planMinutes", fmt.Sprintf("must not be negative, got %d", *n))
	}
	if r := rate411; r != nil {
		v.enum("rateTypeFor411", string(*r), r.Valid())
	}
	if r := rateOperator; r != nil {
		v.enum("rateTypeForOperator", string(*r), r.Valid())
	}
}
