package alianza

import (
	"context"
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
func (s *BusinessLinesService) Create(ctx context.Context, accountID string, req *CreateBusinessLineRequest) (*BusinessLine, error) {
	return s.write(ctx, http.MethodPost, "/v2/partition/{partitionId}/account/{accountId}/business-line",
		[]string{accountID}, req)
}

// List returns every business line of the account (a bare array, no paging).
//
// operationId retrieveBusinessLines.
//
//alianza:operation GET /v2/partition/{partitionId}/account/{accountId}/business-line
func (s *BusinessLinesService) List(ctx context.Context, accountID string) ([]BusinessLine, error) {
	var list []BusinessLine
	err := s.client.do(ctx, &request{
		method: http.MethodGet,
		path:   "/v2/partition/{partitionId}/account/{accountId}/business-line",
		args:   []string{accountID},
		out:    &list,
	})
	if err != nil {
		return nil, err
	}
	return list, nil
}

// Get returns a business line.
//
// operationId retrieveBusinessLine.
//
//alianza:operation GET /v2/partition/{partitionId}/account/{accountId}/business-line/{businessLineId}
func (s *BusinessLinesService) Get(ctx context.Context, accountID, businessLineID string) (*BusinessLine, error) {
	var b BusinessLine
	err := s.client.do(ctx, &request{
		method: http.MethodGet,
		path:   "/v2/partition/{partitionId}/account/{accountId}/business-line/{businessLineId}",
		args:   []string{accountID, businessLineID},
		out:    &b,
	})
	if err != nil {
		return nil, err
	}
	return &b, nil
}

// Update replaces a business line (PUT). Build req with
// BusinessLine.UpdateRequest to keep the fields you do not change.
//
// operationId updateBusinessLine.
//
//alianza:operation PUT /v2/partition/{partitionId}/account/{accountId}/business-line/{businessLineId}
func (s *BusinessLinesService) Update(ctx context.Context, accountID, businessLineID string, req *UpdateBusinessLineRequest) (*BusinessLine, error) {
	return s.write(ctx, http.MethodPut, "/v2/partition/{partitionId}/account/{accountId}/business-line/{businessLineId}",
		[]string{accountID, businessLineID}, (*CreateBusinessLineRequest)(req))
}

// write validates and sends a create or update, filling the body's
// identifiers from the path.
func (s *BusinessLinesService) write(ctx context.Context, method, path string, args []string, req *CreateBusinessLineRequest) (*BusinessLine, error) {
	var v validator
	v.pathID("accountId", args[0])
	if len(args) > 1 {
		v.pathID("businessLineId", args[1])
	}
	if req == nil {
		v.add("body", "is required")
	} else {
		req.validate(&v)
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	pid, err := s.client.PartitionID(ctx)
	if err != nil {
		return nil, err
	}
	var b BusinessLine
	err = s.client.do(ctx, &request{
		method: method,
		path:   path,
		args:   args,
		body:   &lineBody{PartitionID: pid, AccountID: args[0], CreateBusinessLineRequest: req},
		out:    &b,
	})
	if err != nil {
		return nil, err
	}
	return &b, nil
}

// Delete deletes a business line.
//
// operationId deleteBusinessLine.
//
//alianza:operation DELETE /v2/partition/{partitionId}/account/{accountId}/business-line/{businessLineId}
func (s *BusinessLinesService) Delete(ctx context.Context, accountID, businessLineID string) error {
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
func (s *BusinessLinesService) GetCallHandling(ctx context.Context, accountID, businessLineID string) (*CallHandling, error) {
	var ch CallHandling
	err := s.client.do(ctx, &request{
		method: http.MethodGet,
		path:   "/v2/partition/{partitionId}/account/{accountId}/business-line/{businessLineId}/call-handling",
		args:   []string{accountID, businessLineID},
		out:    &ch,
	})
	if err != nil {
		return nil, err
	}
	return &ch, nil
}

// UpdateCallHandling replaces the line's call handling. Start from
// DefaultCallHandling: the spec requires both failover actions and the ring
// timeout.
//
// operationId putBusinessLineCallHandling.
//
//alianza:operation PUT /v2/partition/{partitionId}/account/{accountId}/business-line/{businessLineId}/call-handling
func (s *BusinessLinesService) UpdateCallHandling(ctx context.Context, accountID, businessLineID string, req *UpdateCallHandlingRequest) (*CallHandling, error) {
	var v validator
	if req == nil {
		v.add("body", "is required")
	} else {
		req.validate(&v)
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	var ch CallHandling
	err := s.client.do(ctx, &request{
		method: http.MethodPut,
		path:   "/v2/partition/{partitionId}/account/{accountId}/business-line/{businessLineId}/call-handling",
		args:   []string{accountID, businessLineID},
		body:   req,
		out:    &ch,
	})
	if err != nil {
		return nil, err
	}
	return &ch, nil
}

// GetSipCredentials returns the line's SIP username (the platform never
// returns the password).
//
// operationId getBusinessLineSipCredentials.
//
//alianza:operation GET /v2/partition/{partitionId}/account/{accountId}/business-line/{businessLineId}/sip-credentials
func (s *BusinessLinesService) GetSipCredentials(ctx context.Context, accountID, businessLineID string) (*SipCredentialsView, error) {
	var c SipCredentialsView
	err := s.client.do(ctx, &request{
		method: http.MethodGet,
		path:   "/v2/partition/{partitionId}/account/{accountId}/business-line/{businessLineId}/sip-credentials",
		args:   []string{accountID, businessLineID},
		out:    &c,
	})
	if err != nil {
		return nil, err
	}
	return &c, nil
}

// UpdateSipCredentials sets the line's SIP username and password.
//
// operationId putBusinessLineSipCredentials.
//
//alianza:operation PUT /v2/partition/{partitionId}/account/{accountId}/business-line/{businessLineId}/sip-credentials
func (s *BusinessLinesService) UpdateSipCredentials(ctx context.Context, accountID, businessLineID string, req *UpdateSipCredentialsRequest) (*SipCredentialsView, error) {
	var v validator
	if req == nil {
		v.add("body", "is required")
	} else {
		req.validate(&v)
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	var c SipCredentialsView
	err := s.client.do(ctx, &request{
		method: http.MethodPut,
		path:   "/v2/partition/{partitionId}/account/{accountId}/business-line/{businessLineId}/sip-credentials",
		args:   []string{accountID, businessLineID},
		body:   req,
		out:    &c,
	})
	if err != nil {
		return nil, err
	}
	return &c, nil
}

// CreatePortAssignment binds the line to a port of an ATA.
//
// operationId createBusinessLinePortAssignment.
//
//alianza:operation POST /v2/partition/{partitionId}/account/{accountId}/business-line/{businessLineId}/port-assignment
func (s *BusinessLinesService) CreatePortAssignment(ctx context.Context, accountID, businessLineID string, req *CreatePortAssignmentRequest) (*PortAssignment, error) {
	return s.writePort(ctx, http.MethodPost, accountID, businessLineID, req)
}

// UpdatePortAssignment replaces the line's port assignment.
//
// operationId updateBusinessLinePortAssignment.
//
//alianza:operation PUT /v2/partition/{partitionId}/account/{accountId}/business-line/{businessLineId}/port-assignment
func (s *BusinessLinesService) UpdatePortAssignment(ctx context.Context, accountID, businessLineID string, req *UpdatePortAssignmentRequest) (*PortAssignment, error) {
	return s.writePort(ctx, http.MethodPut, accountID, businessLineID, (*CreatePortAssignmentRequest)(req))
}

func (s *BusinessLinesService) writePort(ctx context.Context, method, accountID, businessLineID string, req *CreatePortAssignmentRequest) (*PortAssignment, error) {
	var v validator
	if req == nil {
		v.add("body", "is required")
	} else {
		req = req.normalized(&v)
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	var p PortAssignment
	err := s.client.do(ctx, &request{
		method: method,
		path:   "/v2/partition/{partitionId}/account/{accountId}/business-line/{businessLineId}/port-assignment",
		args:   []string{accountID, businessLineID},
		body:   req,
		out:    &p,
	})
	if err != nil {
		return nil, err
	}
	return &p, nil
}

// GetPortAssignment returns the line's port assignment.
//
// operationId getBusinessLinePortAssignment.
//
//alianza:operation GET /v2/partition/{partitionId}/account/{accountId}/business-line/{businessLineId}/port-assignment
func (s *BusinessLinesService) GetPortAssignment(ctx context.Context, accountID, businessLineID string) (*PortAssignment, error) {
	var p PortAssignment
	err := s.client.do(ctx, &request{
		method: http.MethodGet,
		path:   "/v2/partition/{partitionId}/account/{accountId}/business-line/{businessLineId}/port-assignment",
		args:   []string{accountID, businessLineID},
		out:    &p,
	})
	if err != nil {
		return nil, err
	}
	return &p, nil
}

// DeletePortAssignment unbinds the line from its ATA port.
//
// operationId deleteBusinessLinePortAssignment.
//
//alianza:operation DELETE /v2/partition/{partitionId}/account/{accountId}/business-line/{businessLineId}/port-assignment
func (s *BusinessLinesService) DeletePortAssignment(ctx context.Context, accountID, businessLineID string) error {
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
func (s *BusinessLinesService) GetRegistrationStatus(ctx context.Context, accountID, businessLineID string) (*RegistrationStatus, error) {
	var st RegistrationStatus
	err := s.client.do(ctx, &request{
		method: http.MethodGet,
		path:   "/v2/partition/{partitionId}/account/{accountId}/business-line/{businessLineId}/registration",
		args:   []string{accountID, businessLineID},
		out:    &st,
	})
	if err != nil {
		return nil, err
	}
	return &st, nil
}
