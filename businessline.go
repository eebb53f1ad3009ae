package alianza

import (
	"context"
	"iter"
	"net/http"
)

// BusinessLinesService manages an account's business lines and their call handling.
type BusinessLinesService service

// lineBody is a business line create or update body: the spec requires
// accountId and partitionId in it, so the methods fill them from the path.
type lineBody struct {
	PartitionID string `json:"partitionId"`
	AccountID   string `json:"accountId"`
	*CreateBusinessLineRequest
}

// Create adds a business line to an account.
//
// operationId createBusinessLine.
//
//alianza:operation POST /v2/partition/{partitionId}/account/{accountId}/business-line
func (s *BusinessLinesService) Create(ctx context.Context, accountID string, req *CreateBusinessLineRequest, callOpts ...CallOption) (*BusinessLine, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("accountId", accountID)
	validateBody(&v, req)
	if err := v.err(); err != nil {
		return nil, err
	}
	body, err := s.lineBody(ctx, accountID, req)
	if err != nil {
		return nil, err
	}
	return call[BusinessLine](ctx, s.client, &request{
		method: http.MethodPost,
		path:   "/v2/partition/{partitionId}/account/{accountId}/business-line",
		args:   []string{accountID},
		body:   body,
	})
}

// List returns every business line of the account (a bare array, no paging).
//
// operationId retrieveBusinessLines.
//
//alianza:operation GET /v2/partition/{partitionId}/account/{accountId}/business-line
func (s *BusinessLinesService) List(ctx context.Context, accountID string, callOpts ...CallOption) ([]BusinessLine, error) {
	ctx = withCallOptions(ctx, callOpts)
	r, err := accountListRequest(accountID, "/v2/partition/{partitionId}/account/{accountId}/business-line", nil)
	if err != nil {
		return nil, err
	}
	return callValue[[]BusinessLine](ctx, s.client, r)
}

// ListIter is List as a sequence: the business lines are decoded one by one
// as the answer arrives, in constant memory, whatever their number. A
// failure is yielded once and ends the sequence. MaxStreamElement says
// what bounds a stream in place of WithMaxBodySize.
func (s *BusinessLinesService) ListIter(ctx context.Context, accountID string, callOpts ...CallOption) iter.Seq2[BusinessLine, error] {
	ctx = withCallOptions(ctx, callOpts)
	r, err := accountListRequest(accountID, "/v2/partition/{partitionId}/account/{accountId}/business-line", nil)
	if err != nil {
		return failed[BusinessLine](err)
	}
	return each[BusinessLine](ctx, s.client, r)
}

// Get returns a business line.
//
// operationId retrieveBusinessLine.
//
//alianza:operation GET /v2/partition/{partitionId}/account/{accountId}/business-line/{businessLineId}
func (s *BusinessLinesService) Get(ctx context.Context, accountID, businessLineID string, callOpts ...CallOption) (*BusinessLine, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("accountId", accountID)
	v.pathID("businessLineId", businessLineID)
	if err := v.err(); err != nil {
		return nil, err
	}
	return call[BusinessLine](ctx, s.client, &request{
		method: http.MethodGet,
		path:   "/v2/partition/{partitionId}/account/{accountId}/business-line/{businessLineId}",
		args:   []string{accountID, businessLineID},
	})
}

// Update replaces a business line (PUT). Build req with
// BusinessLine.UpdateRequest to keep the fields you do not change.
//
// operationId updateBusinessLine.
//
//alianza:operation PUT /v2/partition/{partitionId}/account/{accountId}/business-line/{businessLineId}
func (s *BusinessLinesService) Update(ctx context.Context, accountID, businessLineID string, req *UpdateBusinessLineRequest, callOpts ...CallOption) (*BusinessLine, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("accountId", accountID)
	v.pathID("businessLineId", businessLineID)
	validateBody(&v, req)
	if err := v.err(); err != nil {
		return nil, err
	}
	body, err := s.lineBody(ctx, accountID, (*CreateBusinessLineRequest)(req))
	if err != nil {
		return nil, err
	}
	return call[BusinessLine](ctx, s.client, &request{
		method: http.MethodPut,
		path:   "/v2/partition/{partitionId}/account/{accountId}/business-line/{businessLineId}",
		args:   []string{accountID, businessLineID},
		body:   body,
	})
}

// lineBody fills the identifiers the spec requires in a create or update
// body.
func (s *BusinessLinesService) lineBody(ctx context.Context, accountID string, req *CreateBusinessLineRequest) (*lineBody, error) {
	pid, err := s.client.PartitionID(ctx)
	if err != nil {
		return nil, err
	}
	return &lineBody{PartitionID: pid, AccountID: accountID, CreateBusinessLineRequest: req}, nil
}

// Delete deletes a business line.
//
// operationId deleteBusinessLine.
//
//alianza:operation DELETE /v2/partition/{partitionId}/account/{accountId}/business-line/{businessLineId}
func (s *BusinessLinesService) Delete(ctx context.Context, accountID, businessLineID string, callOpts ...CallOption) error {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("accountId", accountID)
	v.pathID("businessLineId", businessLineID)
	if err := v.err(); err != nil {
		return err
	}
	return s.client.do(ctx, &request{
		method: http.MethodDelete,
		path:   "/v2/partition/{partitionId}/account/{accountId}/business-line/{businessLineId}",
		args:   []string{accountID, businessLineID},
	})
}

// GetCallHandling returns how the line treats calls routed to it.
//
// operationId getBusinessLineCallHandling.
//
//alianza:operation GET /v2/partition/{partitionId}/account/{accountId}/business-line/{businessLineId}/call-handling
func (s *BusinessLinesService) GetCallHandling(ctx context.Context, accountID, businessLineID string, callOpts ...CallOption) (*CallHandling, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("accountId", accountID)
	v.pathID("businessLineId", businessLineID)
	if err := v.err(); err != nil {
		return nil, err
	}
	return call[CallHandling](ctx, s.client, &request{
		method: http.MethodGet,
		path:   "/v2/partition/{partitionId}/account/{accountId}/business-line/{businessLineId}/call-handling",
		args:   []string{accountID, businessLineID},
	})
}

// UpdateCallHandling replaces the line's call handling. Start from
// DefaultCallHandling: the spec requires both failover actions and the ring
// timeout.
//
// operationId putBusinessLineCallHandling.
//
//alianza:operation PUT /v2/partition/{partitionId}/account/{accountId}/business-line/{businessLineId}/call-handling
func (s *BusinessLinesService) UpdateCallHandling(ctx context.Context, accountID, businessLineID string, req *UpdateCallHandlingRequest, callOpts ...CallOption) (*CallHandling, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("accountId", accountID)
	v.pathID("businessLineId", businessLineID)
	validateBody(&v, req)
	if err := v.err(); err != nil {
		return nil, err
	}
	return call[CallHandling](ctx, s.client, &request{
		method: http.MethodPut,
		path:   "/v2/partition/{partitionId}/account/{accountId}/business-line/{businessLineId}/call-handling",
		args:   []string{accountID, businessLineID},
		body:   req,
	})
}

// GetSIPCredentials returns the line's SIP username (the platform never
// returns the password).
//
// operationId getBusinessLineSipCredentials.
//
//alianza:operation GET /v2/partition/{partitionId}/account/{accountId}/business-line/{businessLineId}/sip-credentials
func (s *BusinessLinesService) GetSIPCredentials(ctx context.Context, accountID, businessLineID string, callOpts ...CallOption) (*SIPCredentialsView, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("accountId", accountID)
	v.pathID("businessLineId", businessLineID)
	if err := v.err(); err != nil {
		return nil, err
	}
	return call[SIPCredentialsView](ctx, s.client, &request{
		method: http.MethodGet,
		path:   "/v2/partition/{partitionId}/account/{accountId}/business-line/{businessLineId}/sip-credentials",
		args:   []string{accountID, businessLineID},
	})
}

// UpdateSIPCredentials sets the line's SIP username and password.
//
// operationId putBusinessLineSipCredentials.
//
//alianza:operation PUT /v2/partition/{partitionId}/account/{accountId}/business-line/{businessLineId}/sip-credentials
func (s *BusinessLinesService) UpdateSIPCredentials(ctx context.Context, accountID, businessLineID string, req *UpdateSIPCredentialsRequest, callOpts ...CallOption) (*SIPCredentialsView, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("accountId", accountID)
	v.pathID("businessLineId", businessLineID)
	validateBody(&v, req)
	if err := v.err(); err != nil {
		return nil, err
	}
	return call[SIPCredentialsView](ctx, s.client, &request{
		method: http.MethodPut,
		path:   "/v2/partition/{partitionId}/account/{accountId}/business-line/{businessLineId}/sip-credentials",
		args:   []string{accountID, businessLineID},
		body:   req,
	})
}

// CreatePortAssignment binds the line to a port of an ATA.
//
// operationId createBusinessLinePortAssignment.
//
//alianza:operation POST /v2/partition/{partitionId}/account/{accountId}/business-line/{businessLineId}/port-assignment
func (s *BusinessLinesService) CreatePortAssignment(ctx context.Context, accountID, businessLineID string, req *CreatePortAssignmentRequest, callOpts ...CallOption) (*PortAssignment, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("accountId", accountID)
	v.pathID("businessLineId", businessLineID)
	validateBody(&v, req)
	if err := v.err(); err != nil {
		return nil, err
	}
	body := req.normalized()
	return call[PortAssignment](ctx, s.client, &request{
		method: http.MethodPost,
		path:   "/v2/partition/{partitionId}/account/{accountId}/business-line/{businessLineId}/port-assignment",
		args:   []string{accountID, businessLineID},
		body:   body,
	})
}

// UpdatePortAssignment replaces the line's port assignment.
//
// operationId updateBusinessLinePortAssignment.
//
//alianza:operation PUT /v2/partition/{partitionId}/account/{accountId}/business-line/{businessLineId}/port-assignment
func (s *BusinessLinesService) UpdatePortAssignment(ctx context.Context, accountID, businessLineID string, req *UpdatePortAssignmentRequest, callOpts ...CallOption) (*PortAssignment, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("accountId", accountID)
	v.pathID("businessLineId", businessLineID)
	validateBody(&v, req)
	if err := v.err(); err != nil {
		return nil, err
	}
	body := (*CreatePortAssignmentRequest)(req).normalized()
	return call[PortAssignment](ctx, s.client, &request{
		method: http.MethodPut,
		path:   "/v2/partition/{partitionId}/account/{accountId}/business-line/{businessLineId}/port-assignment",
		args:   []string{accountID, businessLineID},
		body:   body,
	})
}

// GetPortAssignment returns the line's port assignment.
//
// operationId getBusinessLinePortAssignment.
//
//alianza:operation GET /v2/partition/{partitionId}/account/{accountId}/business-line/{businessLineId}/port-assignment
func (s *BusinessLinesService) GetPortAssignment(ctx context.Context, accountID, businessLineID string, callOpts ...CallOption) (*PortAssignment, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("accountId", accountID)
	v.pathID("businessLineId", businessLineID)
	if err := v.err(); err != nil {
		return nil, err
	}
	return call[PortAssignment](ctx, s.client, &request{
		method: http.MethodGet,
		path:   "/v2/partition/{partitionId}/account/{accountId}/business-line/{businessLineId}/port-assignment",
		args:   []string{accountID, businessLineID},
	})
}

// DeletePortAssignment unbinds the line from its ATA port.
//
// operationId deleteBusinessLinePortAssignment.
//
//alianza:operation DELETE /v2/partition/{partitionId}/account/{accountId}/business-line/{businessLineId}/port-assignment
func (s *BusinessLinesService) DeletePortAssignment(ctx context.Context, accountID, businessLineID string, callOpts ...CallOption) error {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("accountId", accountID)
	v.pathID("businessLineId", businessLineID)
	if err := v.err(); err != nil {
		return err
	}
	return s.client.do(ctx, &request{
		method: http.MethodDelete,
		path:   "/v2/partition/{partitionId}/account/{accountId}/business-line/{businessLineId}/port-assignment",
		args:   []string{accountID, businessLineID},
	})
}

// GetRegistrationStatus tells whether the line's ATA is registered.
//
// operationId businessLineRegistrationStatus.
//
//alianza:operation GET /v2/partition/{partitionId}/account/{accountId}/business-line/{businessLineId}/registration
func (s *BusinessLinesService) GetRegistrationStatus(ctx context.Context, accountID, businessLineID string, callOpts ...CallOption) (*RegistrationStatus, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("accountId", accountID)
	v.pathID("businessLineId", businessLineID)
	if err := v.err(); err != nil {
		return nil, err
	}
	return call[RegistrationStatus](ctx, s.client, &request{
		method: http.MethodGet,
		path:   "/v2/partition/{partitionId}/account/{accountId}/business-line/{businessLineId}/registration",
		args:   []string{accountID, businessLineID},
	})
}
