package alianza

import (
	"context"
	"iter"
	"net/http"
	"strings"
)

// SipTrunksService manages an account's SIP trunks (the spec's siptrunk_2 resource).
//
// Every method's path names the spec's "siptrunk_2" segment; the client
// sends the segment set by WithSipTrunkPathSegment instead (Alianza's SIP
// trunk guide uses "siptrunk" for some calls; see docs/quirks.md). SIP trunk errors may
// come as text/plain (e.g. "ErrorGettingAccount"): the *APIError then holds
// that text in Messages.
type SipTrunksService service

// specTrunkSegment is the segment the spec and the directives use.
const specTrunkSegment = "/siptrunk_2"

// path returns tmpl with the configured SIP trunk segment. Templates stay
// the spec's, so the directives and the request paths read the same.
func (s *SipTrunksService) path(tmpl string) string {
	seg := s.client.cfg.sipTrunkPath
	if seg == "" || "/"+seg == specTrunkSegment {
		return tmpl
	}
	return strings.Replace(tmpl, specTrunkSegment, "/"+seg, 1)
}

// trunkBody is what a create, update or forward PUT sends: the caller's
// fields plus the identifiers Alianza's guides put in the body, taken from
// the path.
type trunkBody struct {
	PartitionID string `json:"partitionId"`
	AccountID   string `json:"accountId"`
	*CreateSipTrunkRequest
}

// Create creates a SIP trunk on an existing account. Store the returned ID:
// every other call needs it. AccountID and PartitionID are filled from the
// arguments.
//
// operationId createSipTrunk.
//
//alianza:operation POST /v2/partition/{partitionId}/account/{accountId}/siptrunk_2
func (s *SipTrunksService) Create(ctx context.Context, accountID string, req *CreateSipTrunkRequest, callOpts ...CallOption) (*SipTrunk, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("accountId", accountID)
	validateBody(&v, req)
	if err := v.err(); err != nil {
		return nil, err
	}
	pid, err := s.client.PartitionID(ctx)
	if err != nil {
		return nil, err
	}
	return call[SipTrunk](ctx, s.client, &request{
		method: http.MethodPost,
		path:   s.path("/v2/partition/{partitionId}/account/{accountId}/siptrunk_2"),
		args:   []string{accountID},
		body:   &trunkBody{PartitionID: pid, AccountID: accountID, CreateSipTrunkRequest: req},
	})
}

// List returns every SIP trunk of the account (a bare array, no paging).
//
// operationId retrieveSipTrunkList.
//
//alianza:operation GET /v2/partition/{partitionId}/account/{accountId}/siptrunk_2
func (s *SipTrunksService) List(ctx context.Context, accountID string, callOpts ...CallOption) ([]SipTrunk, error) {
	ctx = withCallOptions(ctx, callOpts)
	r, err := accountListRequest(accountID, s.path("/v2/partition/{partitionId}/account/{accountId}/siptrunk_2"), nil)
	if err != nil {
		return nil, err
	}
	return callValue[[]SipTrunk](ctx, s.client, r)
}

// ListIter is List as a sequence: the SIP trunks are decoded one by one
// as the answer arrives, in constant memory, whatever their number. A
// failure is yielded once and ends the sequence. MaxStreamElement says
// what bounds a stream in place of WithMaxBodySize.
func (s *SipTrunksService) ListIter(ctx context.Context, accountID string, callOpts ...CallOption) iter.Seq2[SipTrunk, error] {
	ctx = withCallOptions(ctx, callOpts)
	r, err := accountListRequest(accountID, s.path("/v2/partition/{partitionId}/account/{accountId}/siptrunk_2"), nil)
	if err != nil {
		return failed[SipTrunk](err)
	}
	return each[SipTrunk](ctx, s.client, r)
}

// Get returns a SIP trunk, including the SIP credentials a PBX registers with.
//
// operationId retrieveSipTrunk.
//
//alianza:operation GET /v2/partition/{partitionId}/account/{accountId}/siptrunk_2/{sipTrunkId}
func (s *SipTrunksService) Get(ctx context.Context, accountID, sipTrunkID string, callOpts ...CallOption) (*SipTrunk, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("accountId", accountID)
	v.pathID("sipTrunkId", sipTrunkID)
	if err := v.err(); err != nil {
		return nil, err
	}
	return call[SipTrunk](ctx, s.client, &request{
		method: http.MethodGet,
		path:   s.path("/v2/partition/{partitionId}/account/{accountId}/siptrunk_2/{sipTrunkId}"),
		args:   []string{accountID, sipTrunkID},
	})
}

// Update replaces a SIP trunk (PUT). Build req with SipTrunk.UpdateRequest
// so the fields you keep are sent unchanged.
//
// operationId updateSipTrunk.
//
//alianza:operation PUT /v2/partition/{partitionId}/account/{accountId}/siptrunk_2/{sipTrunkId}
func (s *SipTrunksService) Update(ctx context.Context, accountID, sipTrunkID string, req *UpdateSipTrunkRequest, callOpts ...CallOption) (*SipTrunk, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("accountId", accountID)
	v.pathID("sipTrunkId", sipTrunkID)
	validateBody(&v, req)
	if err := v.err(); err != nil {
		return nil, err
	}
	pid, err := s.client.PartitionID(ctx)
	if err != nil {
		return nil, err
	}
	return call[SipTrunk](ctx, s.client, &request{
		method: http.MethodPut,
		path:   s.path("/v2/partition/{partitionId}/account/{accountId}/siptrunk_2/{sipTrunkId}"),
		args:   []string{accountID, sipTrunkID},
		body:   &trunkBody{PartitionID: pid, AccountID: accountID, CreateSipTrunkRequest: (*CreateSipTrunkRequest)(req)},
	})
}

// Patch changes only the fields set in req and returns the trunk.
//
// operationId patchSipTrunk.
//
//alianza:operation PATCH /v2/partition/{partitionId}/account/{accountId}/siptrunk_2/{sipTrunkId}
func (s *SipTrunksService) Patch(ctx context.Context, accountID, sipTrunkID string, req *PatchSipTrunkRequest, callOpts ...CallOption) (*SipTrunk, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("accountId", accountID)
	v.pathID("sipTrunkId", sipTrunkID)
	validateBody(&v, req)
	if err := v.err(); err != nil {
		return nil, err
	}
	return call[SipTrunk](ctx, s.client, &request{
		method: http.MethodPatch,
		path:   s.path("/v2/partition/{partitionId}/account/{accountId}/siptrunk_2/{sipTrunkId}"),
		args:   []string{accountID, sipTrunkID},
		body:   req,
	})
}

// Delete deletes a SIP trunk. Telephone numbers, voicemail boxes, users and
// IVRs connected to it stay.
//
// operationId deleteSipTrunk.
//
//alianza:operation DELETE /v2/partition/{partitionId}/account/{accountId}/siptrunk_2/{sipTrunkId}
func (s *SipTrunksService) Delete(ctx context.Context, accountID, sipTrunkID string, callOpts ...CallOption) error {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("accountId", accountID)
	v.pathID("sipTrunkId", sipTrunkID)
	if err := v.err(); err != nil {
		return err
	}
	return s.client.do(ctx, &request{
		method: http.MethodDelete,
		path:   s.path("/v2/partition/{partitionId}/account/{accountId}/siptrunk_2/{sipTrunkId}"),
		args:   []string{accountID, sipTrunkID},
	})
}

// Unlock clears a trunk's lockedOut state and returns the trunk. It
// returns nil and no error if the platform answers without a body.
//
// operationId unlockSipTrunk.
//
//alianza:operation PUT /v2/partition/{partitionId}/account/{accountId}/siptrunk_2/{sipTrunkId}/unlock
func (s *SipTrunksService) Unlock(ctx context.Context, accountID, sipTrunkID string, callOpts ...CallOption) (*SipTrunk, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("accountId", accountID)
	v.pathID("sipTrunkId", sipTrunkID)
	if err := v.err(); err != nil {
		return nil, err
	}
	return call[SipTrunk](ctx, s.client, &request{
		method:  http.MethodPut,
		path:    s.path("/v2/partition/{partitionId}/account/{accountId}/siptrunk_2/{sipTrunkId}/unlock"),
		args:    []string{accountID, sipTrunkID},
		emptyOK: true,
	})
}

// GetRegistrationStatus tells whether the trunk's PBX is registered: only
// then does the platform route calls to it. Check it first when calls fail.
//
// operationId getRegistrationStatus.
//
//alianza:operation GET /v2/partition/{partitionId}/account/{accountId}/siptrunk_2/{sipTrunkId}/registrationstatus
func (s *SipTrunksService) GetRegistrationStatus(ctx context.Context, accountID, sipTrunkID string, callOpts ...CallOption) (*RegistrationStatus, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("accountId", accountID)
	v.pathID("sipTrunkId", sipTrunkID)
	if err := v.err(); err != nil {
		return nil, err
	}
	return call[RegistrationStatus](ctx, s.client, &request{
		method: http.MethodGet,
		path:   s.path("/v2/partition/{partitionId}/account/{accountId}/siptrunk_2/{sipTrunkId}/registrationstatus"),
		args:   []string{accountID, sipTrunkID},
	})
}

// GetForwarding returns the trunk's forward-always and failover rules.
//
// operationId retrieveSipTrunkForwardBehavior.
//
//alianza:operation GET /v2/partition/{partitionId}/account/{accountId}/siptrunk_2/{sipTrunkId}/forward
func (s *SipTrunksService) GetForwarding(ctx context.Context, accountID, sipTrunkID string, callOpts ...CallOption) (*SipTrunkForwardRules, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("accountId", accountID)
	v.pathID("sipTrunkId", sipTrunkID)
	if err := v.err(); err != nil {
		return nil, err
	}
	return call[SipTrunkForwardRules](ctx, s.client, &request{
		method: http.MethodGet,
		path:   s.path("/v2/partition/{partitionId}/account/{accountId}/siptrunk_2/{sipTrunkId}/forward"),
		args:   []string{accountID, sipTrunkID},
	})
}

// forwardBody adds the path's identifiers, which SipTrunkForwardRules carries.
type forwardBody struct {
	PartitionID string `json:"partitionId"`
	AccountID   string `json:"accountId"`
	SipTrunkID  string `json:"sipTrunkId"`
	*UpdateSipTrunkForwardRulesRequest
}

// UpdateForwarding replaces the trunk's forwarding rules (the platform
// answers 204). Use ForwardReferenceTypeVoicemail: the SIP trunk guide's "VOICE_MAIL"
// is not the spec's value.
//
// operationId updateSipTrunkForwardBehavior.
//
//alianza:operation PUT /v2/partition/{partitionId}/account/{accountId}/siptrunk_2/{sipTrunkId}/forward
func (s *SipTrunksService) UpdateForwarding(ctx context.Context, accountID, sipTrunkID string, req *UpdateSipTrunkForwardRulesRequest, callOpts ...CallOption) error {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("accountId", accountID)
	v.pathID("sipTrunkId", sipTrunkID)
	validateBody(&v, req)
	if err := v.err(); err != nil {
		return err
	}
	pid, err := s.client.PartitionID(ctx)
	if err != nil {
		return err
	}
	return s.client.do(ctx, &request{
		method: http.MethodPut,
		path:   s.path("/v2/partition/{partitionId}/account/{accountId}/siptrunk_2/{sipTrunkId}/forward"),
		args:   []string{accountID, sipTrunkID},
		body:   &forwardBody{PartitionID: pid, AccountID: accountID, SipTrunkID: sipTrunkID, UpdateSipTrunkForwardRulesRequest: req},
	})
}
