package alianza

import (
	"context"
	"iter"
	"net/http"
)

// DeviceLinesService manages an account's device lines, their provisioning data and the device types.
type DeviceLinesService service

// Create creates a device line on the account. The platform answers 201.
//
// operationId createDevice.
//
//alianza:operation POST /v2/partition/{partitionId}/account/{accountId}/deviceline
func (s *DeviceLinesService) Create(ctx context.Context, accountID string, req *CreateDeviceRequest, callOpts ...CallOption) (*Device, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("accountId", accountID)
	validateBody(&v, req)
	if err := v.err(); err != nil {
		return nil, err
	}
	cp := *req // normalise a copy, never the caller's value
	cp.MACAddress = normalMAC(cp.MACAddress)
	partitionID, err := s.client.PartitionID(ctx)
	if err != nil {
		return nil, err
	}
	// DeviceX lists accountId and partitionId as required and Alianza's
	// guide sends them, so the method does, from the path.
	body := struct {
		AccountID   string `json:"accountId"`
		PartitionID string `json:"partitionId"`
		*CreateDeviceRequest
	}{accountID, partitionID, &cp}
	return call[Device](ctx, s.client, &request{
		method: http.MethodPost,
		path:   "/v2/partition/{partitionId}/account/{accountId}/deviceline",
		args:   []string{accountID},
		body:   body,
	})
}

// List returns the account's device lines matching opts (nil for none; see
// ListDevicesOptions about what "none" returns).
//
// operationId listDevices.
//
//alianza:operation GET /v2/partition/{partitionId}/account/{accountId}/deviceline
func (s *DeviceLinesService) List(ctx context.Context, accountID string, opts *ListDevicesOptions, callOpts ...CallOption) ([]Device, error) {
	ctx = withCallOptions(ctx, callOpts)
	r, err := listDevicesRequest(accountID, opts)
	if err != nil {
		return nil, err
	}
	return callValue[[]Device](ctx, s.client, r)
}

// ListIter is List as a sequence: the device lines are decoded one by one
// as the answer arrives, in constant memory, whatever their number. A
// failure is yielded once and ends the sequence. MaxStreamElement says
// what bounds a stream in place of WithMaxBodySize.
func (s *DeviceLinesService) ListIter(ctx context.Context, accountID string, opts *ListDevicesOptions, callOpts ...CallOption) iter.Seq2[Device, error] {
	ctx = withCallOptions(ctx, callOpts)
	r, err := listDevicesRequest(accountID, opts)
	if err != nil {
		return failed[Device](err)
	}
	return each[Device](ctx, s.client, r)
}

func listDevicesRequest(accountID string, opts *ListDevicesOptions) (*request, error) {
	var v validator
	v.pathID("accountId", accountID)
	opts.validate(&v)
	if err := v.err(); err != nil {
		return nil, err
	}
	var q *ListDevicesOptions
	if opts != nil {
		cp := *opts // normalise a copy, never the caller's value
		if cp.FilterType == DeviceFilterTypeMACAddress || cp.FilterType == DeviceFilterTypeMACAddressInventory {
			cp.Filter, _ = NormalizeMAC(cp.Filter)
		}
		q = &cp
	}
	return &request{
		method: http.MethodGet,
		path:   "/v2/partition/{partitionId}/account/{accountId}/deviceline",
		args:   []string{accountID},
		query:  q,
	}, nil
}

// ListByAccount returns every device line of the account. It always sends
// filterType=ACCOUNT&filter=<accountID>: without a filter a management user
// may get only its own (no) lines, and a full sync would then delete every
// local line.
func (s *DeviceLinesService) ListByAccount(ctx context.Context, accountID string, callOpts ...CallOption) ([]Device, error) {
	ctx = withCallOptions(ctx, callOpts)
	return s.List(ctx, accountID, &ListDevicesOptions{FilterType: DeviceFilterTypeAccount, Filter: accountID})
}

// ListByAccountIter is ListByAccount as a sequence: the device lines are decoded one by one
// as the answer arrives, in constant memory, whatever their number. A
// failure is yielded once and ends the sequence. MaxStreamElement says
// what bounds a stream in place of WithMaxBodySize.
func (s *DeviceLinesService) ListByAccountIter(ctx context.Context, accountID string, callOpts ...CallOption) iter.Seq2[Device, error] {
	ctx = withCallOptions(ctx, callOpts)
	return s.ListIter(ctx, accountID, &ListDevicesOptions{FilterType: DeviceFilterTypeAccount, Filter: accountID})
}

// ProvisioningData returns the provisioning data of the device the line
// belongs to, with the SIP credentials of all its lines. Find the line
// itself with DeviceData.Line(device.LineNumber).
//
// operationId provisioningData.
//
//alianza:operation GET /v2/partition/{partitionId}/deviceprovisioning/account/{accountId}/device/{deviceId}
func (s *DeviceLinesService) ProvisioningData(ctx context.Context, accountID, deviceID string, callOpts ...CallOption) (*DeviceData, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("accountId", accountID)
	v.pathID("deviceId", deviceID)
	if err := v.err(); err != nil {
		return nil, err
	}
	return call[DeviceData](ctx, s.client, &request{
		method: http.MethodGet,
		path:   "/v2/partition/{partitionId}/deviceprovisioning/account/{accountId}/device/{deviceId}",
		args:   []string{accountID, deviceID},
	})
}

// Get returns the device line with the given id.
//
// operationId getDevice.
//
//alianza:operation GET /v2/partition/{partitionId}/account/{accountId}/deviceline/{deviceId}
func (s *DeviceLinesService) Get(ctx context.Context, accountID, deviceID string, callOpts ...CallOption) (*Device, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("accountId", accountID)
	v.pathID("deviceId", deviceID)
	if err := v.err(); err != nil {
		return nil, err
	}
	return call[Device](ctx, s.client, &request{
		method: http.MethodGet,
		path:   "/v2/partition/{partitionId}/account/{accountId}/deviceline/{deviceId}",
		args:   []string{accountID, deviceID},
	})
}

// Update replaces the device line.
//
// operationId putDevice.
//
//alianza:operation PUT /v2/partition/{partitionId}/account/{accountId}/deviceline/{deviceId}
func (s *DeviceLinesService) Update(ctx context.Context, accountID, deviceID string, req *UpdateDeviceRequest, callOpts ...CallOption) (*Device, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("accountId", accountID)
	v.pathID("deviceId", deviceID)
	validateBody(&v, req)
	if err := v.err(); err != nil {
		return nil, err
	}
	cp := *req // normalise a copy, never the caller's value
	cp.MACAddress = normalMAC(cp.MACAddress)
	partitionID, err := s.client.PartitionID(ctx)
	if err != nil {
		return nil, err
	}
	// The PUT body is a whole DeviceX, whose id, accountId and partitionId
	// are required: the path supplies them.
	body := struct {
		ID          string `json:"id"`
		AccountID   string `json:"accountId"`
		PartitionID string `json:"partitionId"`
		*UpdateDeviceRequest
	}{deviceID, accountID, partitionID, &cp}
	return call[Device](ctx, s.client, &request{
		method: http.MethodPut,
		path:   "/v2/partition/{partitionId}/account/{accountId}/deviceline/{deviceId}",
		args:   []string{accountID, deviceID},
		body:   body,
	})
}

// Patch changes only the fields set in req.
//
// operationId updateDevice.
//
//alianza:operation PATCH /v2/partition/{partitionId}/account/{accountId}/deviceline/{deviceId}
func (s *DeviceLinesService) Patch(ctx context.Context, accountID, deviceID string, req *PatchDeviceRequest, callOpts ...CallOption) (*Device, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("accountId", accountID)
	v.pathID("deviceId", deviceID)
	validateBody(&v, req)
	if err := v.err(); err != nil {
		return nil, err
	}
	cp := *req // normalise a copy, never the caller's value
	cp.MACAddress = normalMAC(cp.MACAddress)
	return call[Device](ctx, s.client, &request{
		method: http.MethodPatch,
		path:   "/v2/partition/{partitionId}/account/{accountId}/deviceline/{deviceId}",
		args:   []string{accountID, deviceID},
		body:   &cp,
	})
}

// Delete deletes the device line (204, no body).
//
// operationId removeDevice.
//
//alianza:operation DELETE /v2/partition/{partitionId}/account/{accountId}/deviceline/{deviceId}
func (s *DeviceLinesService) Delete(ctx context.Context, accountID, deviceID string, callOpts ...CallOption) error {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("accountId", accountID)
	v.pathID("deviceId", deviceID)
	if err := v.err(); err != nil {
		return err
	}
	return s.client.do(ctx, &request{
		method: http.MethodDelete,
		path:   "/v2/partition/{partitionId}/account/{accountId}/deviceline/{deviceId}",
		args:   []string{accountID, deviceID},
	})
}

// RegistrationStatus tells whether the device line is registered with a SIP
// registrar.
//
// operationId registrationStatus.
//
//alianza:operation GET /v2/partition/{partitionId}/account/{accountId}/deviceline/{deviceId}/registrationstatus
func (s *DeviceLinesService) RegistrationStatus(ctx context.Context, accountID, deviceID string, callOpts ...CallOption) (*RegistrationStatus, error) {
	ctx = withCallOptions(ctx, callOpts)
	var v validator
	v.pathID("accountId", accountID)
	v.pathID("deviceId", deviceID)
	if err := v.err(); err != nil {
		return nil, err
	}
	return call[RegistrationStatus](ctx, s.client, &request{
		method: http.MethodGet,
		path:   "/v2/partition/{partitionId}/account/{accountId}/deviceline/{deviceId}/registrationstatus",
		args:   []string{accountID, deviceID},
	})
}

// ListTypes returns the device types available to a partition (the client's
// unless opts names another): the ids CreateDeviceRequest.DeviceTypeID takes.
//
// operationId getDeviceTypes.
//
//alianza:operation GET /v2/ref/devicetype
func (s *DeviceLinesService) ListTypes(ctx context.Context, opts *ListDeviceTypesOptions, callOpts ...CallOption) ([]DeviceType, error) {
	ctx = withCallOptions(ctx, callOpts)
	r, err := s.listTypesRequest(ctx, opts)
	if err != nil {
		return nil, err
	}
	return callValue[[]DeviceType](ctx, s.client, r)
}

// ListTypesIter is ListTypes as a sequence: the device types are decoded one by one
// as the answer arrives, in constant memory, whatever their number. A
// failure is yielded once and ends the sequence. MaxStreamElement says
// what bounds a stream in place of WithMaxBodySize.
func (s *DeviceLinesService) ListTypesIter(ctx context.Context, opts *ListDeviceTypesOptions, callOpts ...CallOption) iter.Seq2[DeviceType, error] {
	ctx = withCallOptions(ctx, callOpts)
	return func(yield func(DeviceType, error) bool) {
		r, err := s.listTypesRequest(ctx, opts) // the partition may take a login
		if err != nil {
			yield(DeviceType{}, err)
			return
		}
		each[DeviceType](ctx, s.client, r)(yield)
	}
}

func (s *DeviceLinesService) listTypesRequest(ctx context.Context, opts *ListDeviceTypesOptions) (*request, error) {
	var q ListDeviceTypesOptions
	if opts != nil {
		q = *opts
	}
	var v validator
	if q.PartitionID != "" {
		v.pathID("partitionid", q.PartitionID)
	}
	if err := v.err(); err != nil {
		return nil, err
	}
	if q.PartitionID == "" {
		p, err := s.client.PartitionID(ctx)
		if err != nil {
			return nil, err
		}
		q.PartitionID = p
	}
	return &request{method: http.MethodGet, path: "/v2/ref/devicetype", query: &q}, nil
}

// deviceFields is what the create (and so the update) and patch request
// types have in common. Required fields are non-nil pointers for a create.
type deviceFields struct {
	deviceTypeID, deviceName, userID *string
	lineNumber                       *int
	mac, emergency, sipUsername      *string
	sipPassword                      Secret
	lineType                         *LineType
	referenceID                      *string
}

func (r *CreateDeviceRequest) validate(v *validator) {
	deviceFields{
		deviceTypeID: &r.DeviceTypeID, deviceName: &r.DeviceName, userID: &r.UserID, lineNumber: &r.LineNumber,
		mac: r.MACAddress, emergency: r.EmergencyNumber, sipUsername: r.SIPUsername, sipPassword: r.SIPPassword,
		lineType: r.LineType, referenceID: r.ReferenceID,
	}.validate(v)
}

// A replace has the fields and the rules of a create.
func (r *UpdateDeviceRequest) validate(v *validator) { (*CreateDeviceRequest)(r).validate(v) }

func (r *PatchDeviceRequest) validate(v *validator) {
	deviceFields{
		deviceTypeID: r.DeviceTypeID, deviceName: r.DeviceName, userID: r.UserID, lineNumber: r.LineNumber,
		mac: r.MACAddress, emergency: r.EmergencyNumber, sipUsername: r.SIPUsername, sipPassword: r.SIPPassword,
		lineType: r.LineType, referenceID: r.ReferenceID,
	}.validate(v)
}

// Validate reports, as a *ValidationError, every problem Create would
// refuse req for before sending it; nil when there is none.
func (r *CreateDeviceRequest) Validate() error { return validateRequest(r) }

// Validate reports, as a *ValidationError, every problem of req that
// Update would refuse before sending; nil when there is none.
func (r *UpdateDeviceRequest) Validate() error { return validateRequest(r) }

// Validate reports, as a *ValidationError, every problem of req that Patch
// would refuse before sending; nil when there is none.
func (r *PatchDeviceRequest) Validate() error { return validateRequest(r) }

// validate checks the options of List; nil sets none. The filter must be
// a MAC address when filterType asks for one, and is required whenever
// filterType is set, as the spec says.
func (o *ListDevicesOptions) validate(v *validator) {
	if o == nil {
		return
	}
	v.enum("filterType", string(o.FilterType), o.FilterType.Valid())
	if o.FilterType != "" {
		v.required("filter", o.Filter)
	}
	if o.Filter != "" && (o.FilterType == DeviceFilterTypeMACAddress || o.FilterType == DeviceFilterTypeMACAddressInventory) {
		if _, err := NormalizeMAC(o.Filter); err != nil {
			v.add("filter", "must be a MAC address (12 hex digits) when filterType is "+string(o.FilterType))
		}
	}
}

// normalMAC returns a set MAC address in the platform's form. It is called
// after validation, so the address is known to parse.
func normalMAC(mac *string) *string {
	if mac == nil || *mac == "" {
		return mac
	}
	n, err := NormalizeMAC(*mac)
	if err != nil {
		return mac
	}
	return &n
}

// validate checks the fields.
func (f deviceFields) validate(v *validator) {
	if f.deviceTypeID != nil {
		v.required("deviceTypeId", *f.deviceTypeID)
	}
	if f.deviceName != nil {
		v.required("deviceName", *f.deviceName)
	}
	if f.userID != nil {
		v.required("userId", *f.userID)
	}
	if f.lineNumber != nil {
		v.check(*f.lineNumber >= 1, "lineNumber", "must be at least 1")
	}
	if f.mac != nil {
		v.normMAC("macAddress", *f.mac)
	}
	if f.emergency != nil {
		v.tn("emergencyNumber", *f.emergency)
	}
	if f.sipUsername != nil {
		v.sipUsername("sipUsername", *f.sipUsername)
	}
	v.sipPassword("sipPassword", f.sipPassword)
	if f.lineType != nil {
		lt := *f.lineType
		v.enum("lineType", string(lt), lt.Valid())
		ref := deref(f.referenceID)
		// DeviceX.referenceId depends on lineType (spec description).
		switch lt {
		case LineTypeLine:
			v.check(ref == "", "referenceId", "must be empty when lineType is Line")
		case LineTypeReferencedUser, LineTypePresenceBLFUser, LineTypeSpeedDialUser:
			v.check(ref != "", "referenceId", "must be a user id when lineType is "+string(lt))
		case LineTypeSpeedDialTN:
			v.check(IsTelephoneNumber(ref), "referenceId", "must be a telephone number (11 digits starting with 1) when lineType is SpeedDialTn")
		}
	}
}
