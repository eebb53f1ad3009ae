package alianza

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"strings"
)

// AccountsService manages accounts (schema Account): create, get by id, account number, phone number or MAC address, update, patch, delete.
type AccountsService service

// Get returns the account with the given id.
//
// operationId retrieveAccount.
//
//alianza:operation GET /v2/partition/{partitionId}/account/{accountId}
func (s *AccountsService) Get(ctx context.Context, accountID string, callOpts ...CallOption) (*Account, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("accountId", accountID)
	if err := v.err(); err != nil {
		return nil, err
	}
	return call[Account](ctx, s.client, &request{
		method: http.MethodGet,
		path:   "/v2/partition/{partitionId}/account/{accountId}",
		args:   []string{accountID},
	})
}

// GetBy returns the account that value identifies, as idType says: its id,
// account number, telephone number (11 digits starting with 1) or the MAC
// address of one of its devices (normalised to 12 upper-case hex digits).
// The value travels in the path, escaped as one segment (retrieveAccount
// with accountIdType).
func (s *AccountsService) GetBy(ctx context.Context, idType AccountIDType, value string, callOpts ...CallOption) (*Account, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.required("accountIdType", string(idType))
	v.enum("accountIdType", string(idType), idType.Valid())
	switch idType {
	case AccountIDTypeAccountNumber:
		v.pathID("accountNumber", value)
		v.length("accountNumber", value, 3, 256)
	case AccountIDTypePhoneNumber:
		v.tnArg("phoneNumber", value)
	case AccountIDTypeMACAddress:
		v.required("macAddress", value)
		value = v.normMAC("macAddress", value)
	default:
		v.pathID("accountId", value)
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	return call[Account](ctx, s.client, &request{
		method: http.MethodGet,
		path:   "/v2/partition/{partitionId}/account/{accountId}",
		args:   []string{value},
		query:  &accountIDQuery{IDType: idType},
	})
}

// GetByNumber returns the account with the given account number, the field
// a CRM links its customer to.
func (s *AccountsService) GetByNumber(ctx context.Context, accountNumber string, callOpts ...CallOption) (*Account, error) {
	ctx = withCallOptions(ctx, callOpts)
	return s.GetBy(ctx, AccountIDTypeAccountNumber, accountNumber)
}

type accountIDQuery struct {
	IDType AccountIDType `url:"accountIdType,omitempty"`
}

// List returns every account of the partition. The platform does not page
// this list.
//
// operationId getAccounts.
//
//alianza:operation GET /v2/partition/{partitionId}/account
func (s *AccountsService) List(ctx context.Context, callOpts ...CallOption) ([]Account, error) {
	ctx = withCallOptions(ctx, callOpts)
	return callValue[[]Account](ctx, s.client, s.listRequest())
}

// ListIter is List as a sequence: the accounts are decoded one by one
// as the answer arrives, in constant memory, whatever their number. A
// failure is yielded once and ends the sequence. MaxStreamElement says
// what bounds a stream in place of WithMaxBodySize.
func (s *AccountsService) ListIter(ctx context.Context, callOpts ...CallOption) iter.Seq2[Account, error] {
	ctx = withCallOptions(ctx, callOpts)
	return each[Account](ctx, s.client, s.listRequest())
}

func (s *AccountsService) listRequest() *request {
	return &request{method: http.MethodGet, path: "/v2/partition/{partitionId}/account"}
}

// Search returns the accounts matching q, a free text matched against the
// account number and name, emails, telephone numbers and MAC addresses. q
// is required: an empty search term is refused before sending.
//
// operationId accountSearch.
//
//alianza:operation GET /v2/partition/{partitionId}/account/search
func (s *AccountsService) Search(ctx context.Context, q string, callOpts ...CallOption) ([]AccountView, error) {
	ctx = withCallOptions(ctx, callOpts)
	r, err := s.searchRequest(q)
	if err != nil {
		return nil, err
	}
	return callValue[[]AccountView](ctx, s.client, r)
}

// SearchIter is Search as a sequence: the accounts are decoded one by one
// as the answer arrives, in constant memory, whatever their number. A
// failure is yielded once and ends the sequence. MaxStreamElement says
// what bounds a stream in place of WithMaxBodySize.
func (s *AccountsService) SearchIter(ctx context.Context, q string, callOpts ...CallOption) iter.Seq2[AccountView, error] {
	ctx = withCallOptions(ctx, callOpts)
	r, err := s.searchRequest(q)
	if err != nil {
		return failed[AccountView](err)
	}
	return each[AccountView](ctx, s.client, r)
}

func (s *AccountsService) searchRequest(q string) (*request, error) {
	var v validator
	v.required("q", q)
	if err := v.err(); err != nil {
		return nil, err
	}
	return &request{
		method: http.MethodGet,
		path:   "/v2/partition/{partitionId}/account/search",
		query: &struct {
			Q string `url:"q"`
		}{q},
	}, nil
}

// Create creates an account. The platform answers with the stored account,
// which may differ from the request: Alianza's guide shows a create sent
// with OPEN_DIAL_PLAN answered with OPEN_DIAL_PLAN_TEN_DIGIT (see
// docs/quirks.md).
//
// operationId createAccount.
//
//alianza:operation POST /v2/partition/{partitionId}/account
func (s *AccountsService) Create(ctx context.Context, req *CreateAccountRequest, callOpts ...CallOption) (*Account, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	validateBody(&v, req)
	if err := v.err(); err != nil {
		return nil, err
	}
	return call[Account](ctx, s.client, &request{
		method: http.MethodPost,
		path:   "/v2/partition/{partitionId}/account",
		body:   req,
	})
}

// Update replaces the account. req should hold every writable field: build
// it with Account.UpdateRequest from the current account. The id and
// partitionId the spec requires in the body are filled from accountID and
// the client.
//
// operationId updateAccount.
//
//alianza:operation PUT /v2/partition/{partitionId}/account/{accountId}
func (s *AccountsService) Update(ctx context.Context, accountID string, req *UpdateAccountRequest, callOpts ...CallOption) (*Account, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("accountId", accountID)
	validateBody(&v, req)
	if err := v.err(); err != nil {
		return nil, err
	}
	partitionID, err := s.client.PartitionID(ctx)
	if err != nil {
		return nil, err
	}
	return call[Account](ctx, s.client, &request{
		method: http.MethodPut,
		path:   "/v2/partition/{partitionId}/account/{accountId}",
		args:   []string{accountID},
		body:   &updateAccountBody{ID: accountID, PartitionID: partitionID, UpdateAccountRequest: req},
	})
}

// Patch changes the fields set in req and returns the updated account.
//
// operationId accountPatch.
//
//alianza:operation PATCH /v2/partition/{partitionId}/account/{accountId}
func (s *AccountsService) Patch(ctx context.Context, accountID string, req *PatchAccountRequest, callOpts ...CallOption) (*Account, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("accountId", accountID)
	validateBody(&v, req)
	if err := v.err(); err != nil {
		return nil, err
	}
	return call[Account](ctx, s.client, &request{
		method: http.MethodPatch,
		path:   "/v2/partition/{partitionId}/account/{accountId}",
		args:   []string{accountID},
		body:   req,
	})
}

// SetStatus sets the account's status with one PATCH {"status": ...}, as a
// CRM's status sync does. Only ACTIVE and DISABLED may be written; the
// other statuses are set by the platform itself.
// It is accountPatch, declared on Patch.
func (s *AccountsService) SetStatus(ctx context.Context, accountID string, status AccountStatus, callOpts ...CallOption) (*Account, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("accountId", accountID)
	v.check(status == AccountStatusActive || status == AccountStatusDisabled, "status", fmt.Sprintf("must be ACTIVE or DISABLED, got %q", status))
	if err := v.err(); err != nil {
		return nil, err
	}
	return call[Account](ctx, s.client, &request{
		method: http.MethodPatch,
		path:   "/v2/partition/{partitionId}/account/{accountId}",
		args:   []string{accountID},
		body: &struct {
			Status AccountStatus `json:"status"`
		}{status},
	})
}

// Delete deletes the account. The platform refuses (400) while the account
// still has telephone numbers or lifecycle events in progress: delete its
// numbers first.
//
// operationId deleteAccount.
//
//alianza:operation DELETE /v2/partition/{partitionId}/account/{accountId}
func (s *AccountsService) Delete(ctx context.Context, accountID string, callOpts ...CallOption) error {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("accountId", accountID)
	if err := v.err(); err != nil {
		return err
	}
	return s.client.do(ctx, &request{
		method: http.MethodDelete,
		path:   "/v2/partition/{partitionId}/account/{accountId}",
		args:   []string{accountID},
	})
}

// Status returns the account's status; the platform answers a bare JSON
// string.
//
// operationId getStatus.
//
//alianza:operation GET /v2/partition/{partitionId}/account/{accountId}/status
func (s *AccountsService) Status(ctx context.Context, accountID string, callOpts ...CallOption) (AccountStatus, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("accountId", accountID)
	if err := v.err(); err != nil {
		return "", err
	}
	return callValue[AccountStatus](ctx, s.client, &request{
		method: http.MethodGet,
		path:   "/v2/partition/{partitionId}/account/{accountId}/status",
		args:   []string{accountID},
	})
}

// ValidateProperties asks whether the proposed account number, MAC address,
// SIP username and username are all free to use. It returns true when they
// are. When one is taken the platform answers 400: the error matches
// ErrBadRequest and its Messages say which value is refused.
//
// operationId validateAccountProperties.
//
//alianza:operation GET /v2/partition/{partitionId}/account/validateproperties
func (s *AccountsService) ValidateProperties(ctx context.Context, opts *ValidatePropertiesOptions, callOpts ...CallOption) (bool, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	opts.validate(&v)
	if err := v.err(); err != nil {
		return false, err
	}
	q := *opts // normalise a copy, never the caller's value
	if q.MACAddress != "" {
		q.MACAddress, _ = NormalizeMAC(q.MACAddress)
	}
	return callValue[bool](ctx, s.client, &request{
		method: http.MethodGet,
		path:   "/v2/partition/{partitionId}/account/validateproperties",
		query:  &q,
	})
}

// UserProductPlans returns the user product plans (STANDARD, ADVANCED,
// PROFESSIONAL) available on the account: the nearest the spec has to the
// "Product Plans" panel of Alianza's CRM guide (see docs/quirks.md).
//
// operationId getAvailableUserProductPlans.
//
//alianza:operation GET /v2/partition/{partitionId}/account/{accountId}/user-product-plans
func (s *AccountsService) UserProductPlans(ctx context.Context, accountID string, callOpts ...CallOption) ([]AvailableUserProductPlan, error) {
	ctx = withCallOptions(ctx, callOpts)
	r, err := accountListRequest(accountID, "/v2/partition/{partitionId}/account/{accountId}/user-product-plans", nil)
	if err != nil {
		return nil, err
	}
	return callValue[[]AvailableUserProductPlan](ctx, s.client, r)
}

// UserProductPlansIter is UserProductPlans as a sequence: the plans are decoded one by one
// as the answer arrives, in constant memory, whatever their number. A
// failure is yielded once and ends the sequence. MaxStreamElement says
// what bounds a stream in place of WithMaxBodySize.
func (s *AccountsService) UserProductPlansIter(ctx context.Context, accountID string, callOpts ...CallOption) iter.Seq2[AvailableUserProductPlan, error] {
	ctx = withCallOptions(ctx, callOpts)
	r, err := accountListRequest(accountID, "/v2/partition/{partitionId}/account/{accountId}/user-product-plans", nil)
	if err != nil {
		return failed[AvailableUserProductPlan](err)
	}
	return each[AvailableUserProductPlan](ctx, s.client, r)
}

// accountListRequest is the GET of a list under an account: path takes
// the account's id, query may be nil.
func accountListRequest(accountID, path string, query any) (*request, error) {
	var v validator
	v.pathID("accountId", accountID)
	if err := v.err(); err != nil {
		return nil, err
	}
	return &request{method: http.MethodGet, path: path, args: []string{accountID}, query: query}, nil
}

func (r *CreateAccountRequest) validate(v *validator) {
	accountFields{
		accountNumber: &r.AccountNumber, accountName: &r.AccountName, customField: r.CustomField,
		billingCycleDay: ptrUnlessZero(r.BillingCycleDay), extensionLength: r.ExtensionLength,
		holdTimeoutSeconds: r.HoldTimeoutSeconds, accountType: &r.AccountType, timeZone: &r.TimeZone,
		dialing: &r.DialingBehaviorType, platformType: r.PlatformType, regulatoryType: r.RegulatoryType,
		screening: r.CallScreeningSettings, routePlanID: r.RoutePlanID,
	}.checkFull(v)
}

func (r *UpdateAccountRequest) validate(v *validator) {
	accountFields{
		accountNumber: &r.AccountNumber, accountName: &r.AccountName, customField: r.CustomField,
		billingCycleDay: ptrUnlessZero(r.BillingCycleDay), extensionLength: r.ExtensionLength,
		holdTimeoutSeconds: r.HoldTimeoutSeconds, accountType: &r.AccountType, timeZone: &r.TimeZone,
		dialing: &r.DialingBehaviorType, platformType: r.PlatformType, regulatoryType: r.RegulatoryType,
		status: &r.Status, screening: r.CallScreeningSettings, routePlanID: r.RoutePlanID,
	}.checkFull(v)
}

func (r *PatchAccountRequest) validate(v *validator) {
	accountFields{
		accountNumber: r.AccountNumber, accountName: r.AccountName, customField: r.CustomField,
		billingCycleDay: r.BillingCycleDay, extensionLength: r.ExtensionLength,
		holdTimeoutSeconds: r.HoldTimeoutSeconds, accountType: r.AccountType, timeZone: r.TimeZone,
		dialing: r.DialingBehaviorType, platformType: r.PlatformType, regulatoryType: r.RegulatoryType,
		status: r.Status, screening: r.CallScreeningSettings, routePlanID: r.RoutePlanID,
	}.check(v)
}

// validate checks the options of ValidateProperties; nil sets none.
func (o *ValidatePropertiesOptions) validate(v *validator) {
	if o == nil || *o == (ValidatePropertiesOptions{}) {
		v.add("accountnumber", "set at least one of accountnumber, macaddress, sipusername, username")
		return
	}
	v.length("accountnumber", o.AccountNumber, 3, 256)
	v.normMAC("macaddress", o.MACAddress)
	v.sipUsername("sipusername", o.SIPUsername)
	v.length("username", o.Username, 3, 256)
}

// Validate reports, as a *ValidationError, every problem Create would
// refuse req for before sending it; nil when there is none.
func (r *CreateAccountRequest) Validate() error { return validateRequest(r) }

// Validate reports, as a *ValidationError, every problem of req that
// Update would refuse before sending; nil when there is none.
func (r *UpdateAccountRequest) Validate() error { return validateRequest(r) }

// Validate reports, as a *ValidationError, every problem of req that Patch
// would refuse before sending; nil when there is none.
func (r *PatchAccountRequest) Validate() error { return validateRequest(r) }

// accountFields is the view of create, update and patch bodies that the
// account rules check; nil means "not sent".
type accountFields struct {
	accountNumber, accountName, customField, routePlanID *string
	billingCycleDay, extensionLength, holdTimeoutSeconds *int
	accountType                                          *AccountType
	timeZone                                             *TimeZone
	dialing                                              *DialingBehaviorType
	platformType                                         *PlatformType
	regulatoryType                                       *RegulatoryType
	status                                               *AccountStatus
	screening                                            *CallScreeningSettings
}

// checkFull checks a create or replace body: the fields both require, the
// status when the body has one (a replace), then check's rules. f comes
// from a full body, so accountType, timeZone and dialing are set; a zero
// billing cycle day arrives as nil.
func (f accountFields) checkFull(v *validator) {
	v.required("accountType", string(*f.accountType))
	v.check(f.billingCycleDay != nil, "billingCycleDay", "is required")
	if f.status != nil {
		v.required("status", string(*f.status))
	}
	v.required("timeZone", string(*f.timeZone))
	v.required("dialingBehaviorType", string(*f.dialing))
	if *f.accountType == AccountTypeAdvanced {
		v.check(f.extensionLength != nil, "extensionLength", "is required for ADVANCED accounts")
	}
	f.check(v)
}

// check applies the Account schema's bounds and the rules that tie fields
// together. Required-ness is the caller's: a patch requires nothing.
func (f accountFields) check(v *validator) {
	// The number and name cannot be cleared: a blank one is missing, on a
	// patch as on a create.
	for _, fld := range [...]struct {
		name string
		s    *string
	}{{"accountNumber", f.accountNumber}, {"accountName", f.accountName}} {
		if fld.s == nil {
			continue
		}
		if strings.TrimSpace(*fld.s) == "" {
			v.add(fld.name, "is required")
			continue
		}
		v.length(fld.name, *fld.s, 3, 256)
	}
	if f.customField != nil {
		v.length("customField", *f.customField, 3, 256)
	}
	if n := f.billingCycleDay; n != nil {
		v.check(*n >= 1 && *n <= 28, "billingCycleDay", fmt.Sprintf("must be between 1 and 28, got %d (map CRM days 29-31)", *n))
	}
	if n := f.holdTimeoutSeconds; n != nil {
		v.check(*n >= 30 && *n <= 600, "holdTimeoutSeconds", fmt.Sprintf("must be between 30 and 600, got %d", *n))
	}
	simple := f.accountType != nil && *f.accountType == AccountTypeSimple
	if n := f.extensionLength; n != nil {
		if simple {
			v.add("extensionLength", "is only allowed for ADVANCED accounts (SIMPLE accounts have no extensions)")
		} else {
			v.check(*n >= 3 && *n <= 6, "extensionLength", fmt.Sprintf("must be between 3 and 6, got %d", *n))
		}
	}
	if d := f.dialing; d != nil {
		v.enum("dialingBehaviorType", string(*d), d.Valid())
		if simple && (*d == DialingBehaviorTypeDialNineSevenDigit || *d == DialingBehaviorTypeDialNineTenDigit) {
			v.add("dialingBehaviorType", string(*d)+" is only allowed for ADVANCED accounts")
		}
	}
	if t := f.accountType; t != nil {
		v.enum("accountType", string(*t), t.Valid())
	}
	if t := f.timeZone; t != nil {
		v.enum("timeZone", string(*t), t.Valid())
	}
	if t := f.platformType; t != nil {
		v.enum("platformType", string(*t), t.Valid())
	}
	if t := f.regulatoryType; t != nil {
		v.enum("regulatoryType", string(*t), t.Valid())
	}
	if t := f.status; t != nil {
		v.enum("status", string(*t), t.Valid())
	}
	if s := f.screening; s != nil {
		checkCallScreening(v, "callScreeningSettings.", s)
	}
	if id := f.routePlanID; id != nil {
		v.check(isUUID(*id), "routePlanId", "must be a UUID, e.g. 123e4567-e89b-12d3-a456-426614174000")
	}
}

// checkCallScreening checks the enums of CallScreeningSettingsX.
func checkCallScreening(v *validator, prefix string, s *CallScreeningSettings) {
	for _, a := range [...]struct {
		name string
		val  CallScreenAction
	}{{"anonymousCallScreen", s.AnonymousCallScreen}, {"tollFreeCallScreen", s.TollFreeCallScreen}, {"defaultCallScreen", s.DefaultCallScreen}} {
		v.enum(prefix+a.name, string(a.val), a.val.Valid())
	}
	for _, r := range [...]struct {
		name string
		val  RingType
	}{{"anonymousRingType", s.AnonymousRingType}, {"tollFreeRingType", s.TollFreeRingType}, {"defaultRingType", s.DefaultRingType}} {
		v.enum(prefix+r.name, string(r.val), r.val.Valid())
	}
	for i, c := range s.CustomCallScreenList {
		p := fmt.Sprintf("%scustomCallScreenList[%d].", prefix, i)
		v.enum(p+"blockType", string(c.BlockType), c.BlockType.Valid())
		v.enum(p+"ringType", string(c.RingType), c.RingType.Valid())
	}
}
