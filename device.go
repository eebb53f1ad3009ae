package alianza

import (
	"context"
	"net/http"
)

// DeviceLinesService manages an account's device lines, their provisioning data and the device types.
type DeviceLinesService service

// Create creates a device line on the account. The platform answers 201.
//
// operationId createDevice.
//
//alianza:operation POST /v2/partition/{partitionId}/account/{accountId}/deviceline
func (s *DeviceLinesService) Create(ctx context.Context, accountID string, req *CreateDeviceRequest) (*Device, error) {
	if req == nil {
		return nil, &FieldError{Field: "body", Rule: "is required"}
	}
	cp := *req
	f := deviceFields{
		deviceTypeID: &cp.DeviceTypeID, deviceName: &cp.DeviceName, userID: &cp.UserID, lineNumber: &cp.LineNumber,
		mac: cp.MACAddress, emergency: cp.EmergencyNumber, sipUsername: cp.SIPUsername, sipPassword: cp.SIPPassword,
		lineType: cp.LineType, referenceID: cp.ReferenceID,
	}
	if err := f.validate(); err != nil {
		return nil, err
	}
	cp.MACAddress = f.mac
	if err := checkID("accountId", accountID); err != nil {
		return nil, err
	}
	partitionID, err := s.client.PartitionID(ctx)
	if err != nil {
		return nil, err
	}
	// DeviceX lists accountId and partitionId as required; seed 003 sends
	// them, so the method does, from the path.
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
func (s *DeviceLinesService) List(ctx context.Context, accountID string, opts *ListDevicesOptions) ([]Device, error) {
	var q *ListDevicesOptions
	if opts != nil {
		cp := *opts
		var v validator
		v.enum("filterType", string(cp.FilterType), cp.FilterType.Valid())
		if cp.FilterType != "" {
			v.required("filter", cp.Filter)
		}
		if cp.Filter != "" && (cp.FilterType == DeviceFilterByMACAddress || cp.FilterType == DeviceFilterByMACAddressInventory) {
			if mac, err := NormalizeMAC(cp.Filter); err != nil {
				v.add("filter", "must be a MAC address (12 hex digits) when filterType is "+string(cp.FilterType))
			} else {
				cp.Filter = mac
			}
		}
		if err := v.err(); err != nil {
			return nil, err
		}
		q = &cp
	}
	return callValue[[]Device](ctx, s.client, &request{
		method: http.MethodGet,
		path:   "/v2/partition/{partitionId}/account/{accountId}/deviceline",
		args:   []string{accountID},
		query:  q,
	})
}

// ListByAccount returns every device line of the account. It always sends
// filterType=ACCOUNT&filter=<accountID>: without a filter a management user
// may get only its own (no) lines, and a full sync would then delete every
// local line (spec-scope "Extra notes", listDevices).
func (s *DeviceLinesService) ListByAccount(ctx context.Context, accountID string) ([]Device, error) {
	if err := checkID("accountId", accountID); err != nil {
		return nil, err
	}
	return s.List(ctx, accountID, &ListDevicesOptions{FilterType: DeviceFilterByAccount, Filter: accountID})
}

// ProvisioningData returns the provisioning data of the device the line
// belongs to, with the SIP credentials of all its lines. Find the line
// itself with DeviceData.Line(device.LineNumber).
//
// operationId provisioningData.
//
//alianza:operation GET /v2/partition/{partitionId}/deviceprovisioning/account/{accountId}/device/{deviceId}
func (s *DeviceLinesService) ProvisioningData(ctx context.Context, accountID, deviceID string) (*DeviceData, error) {
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
func (s *DeviceLinesService) Get(ctx context.Context, accountID, deviceID string) (*Device, error) {
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
func (s *DeviceLinesService) Update(ctx context.Context, accountID, deviceID string, req *UpdateDeviceRequest) (*Device, error) {
	if req == nil {
		return nil, &FieldError{Field: "body", Rule: "is required"}
	}
	cp := *req
	f := deviceFields{
		deviceTypeID: &cp.DeviceTypeID, deviceName: &cp.DeviceName, userID: &cp.UserID, lineNumber: &cp.LineNumber,
		mac: cp.MACAddress, emergency: cp.EmergencyNumber, sipUsername: cp.SIPUsername, sipPassword: cp.SIPPassword,
		lineType: cp.LineType, referenceID: cp.ReferenceID,
	}
	if err := f.validate(); err != nil {
		return nil, err
	}
	cp.MACAddress = f.mac
	for _, id := range [][2]string{{"accountId", accountID}, {"deviceId", deviceID}} {
		if err := checkID(id[0], id[1]); err != nil {
			return nil, err
		}
	}
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
func (s *DeviceLinesService) Patch(ctx context.Context, accountID, deviceID string, req *PatchDeviceRequest) (*Device, error) {
	if req == nil {
		return nil, &FieldError{Field: "body", Rule: "is required"}
	}
	cp := *req
	f := deviceFields{
		deviceTypeID: cp.DeviceTypeID, deviceName: cp.DeviceName, userID: cp.UserID, lineNumber: cp.LineNumber,
		mac: cp.MACAddress, emergency: cp.EmergencyNumber, sipUsername: cp.SIPUsername, sipPassword: cp.SIPPassword,
		lineType: cp.LineType, referenceID: cp.ReferenceID,
	}
	if err := f.validate(); err != nil {
		return nil, err
	}
	cp.MACAddress = f.mac
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
func (s *DeviceLinesService) Delete(ctx context.Context, accountID, deviceID string) error {
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
func (s *DeviceLinesService) RegistrationStatus(ctx context.Context, accountID, deviceID string) (*RegistrationStatus, error) {
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
func (s *DeviceLinesService) ListTypes(ctx context.Context, opts *ListDeviceTypesOptions) ([]DeviceType, error) {
	var q ListDeviceTypesOptions
	if opts != nil {
		q = *opts
	}
	if q.PartitionID == "" {
		p, err := s.client.PartitionID(ctx)
		if err != nil {
			return nil, err
		}
		q.PartitionID = p
	}
	return callValue[[]DeviceType](ctx, s.client, &request{
		method: http.MethodGet,
		path:   "/v2/ref/devicetype",
		query:  &q,
	})
}

// deviceFields is what the three request types have in common. Required
// fields are non-nil pointers for create and update.
type deviceFields struct {
	deviceTypeID, deviceName, userID *string
	lineNumber                       *int
	mac, emergency, sipUsername      *string
	sipPassword                      Secret
	lineType                         *LineType
	referenceID                      *string
}

// validate checks the fields and replaces mac with its normalised form.
func (f *deviceFields) validate() error {
	var v validator
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
	if f.mac != nil && *f.mac != "" {
		mac := v.normMAC("macAddress", *f.mac)
		f.mac = &mac
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
		ref := ""
		if f.referenceID != nil {
			ref = *f.referenceID
		}
		// DeviceX.referenceId depends on lineType (spec description).
		switch lt {
		case LineTypeLine:
			v.check(ref == "", "referenceId", "must be empty when lineType is Line")
		case LineTypeReferencedUser, LineTypePresenceBlfUser, LineTypeSpeedDialUser:
			v.check(ref != "", "referenceId", "must be a user id when lineType is "+string(lt))
		case LineTypeSpeedDialTn:
			v.check(IsTelephoneNumber(ref), "referenceId", "must be a telephone number (11 digits starting with 1) when lineType is SpeedDialTn")
		}
	}
	return v.err()
}
