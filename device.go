package alianza

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"unicode/utf8"
)

// DeviceLinesService manages an account's device lines, their provisioning data and the device types.
type DeviceLinesService service

// Device is a device line (DeviceX): one line of a phone or ATA, owned by an
// end user.
type Device struct {
	ID string `json:"id,omitempty"`
	// DeviceTypeID is the model, an id from DeviceLinesService.ListTypes.
	// Seed 003 writes it "deviceId"; decoding accepts that name too
	// (spec-scope row 4, "Top findings" 5), encoding writes the spec's.
	DeviceTypeID string `json:"deviceTypeId,omitempty"`
	AccountID    string `json:"accountId,omitempty"`
	PartitionID  string `json:"partitionId,omitempty"`
	MACAddress   string `json:"macAddress,omitempty"` // 12 upper-case hex digits
	DeviceName   string `json:"deviceName,omitempty"`
	// EmergencyNumber is the 911 callback number (row 33).
	EmergencyNumber              string `json:"emergencyNumber,omitempty"`
	EmergencyNumberReservationID string `json:"emergencyNumberReservationId,omitempty"`
	// FaxEnabled and LineNumber are required by the spec, so they are
	// always encoded (row 34).
	FaxEnabled  bool   `json:"faxEnabled"`
	LineNumber  int    `json:"lineNumber"`
	UserID      string `json:"userId,omitempty"`
	SIPPassword Secret `json:"sipPassword,omitempty"` // seldom returned: see ProvisioningData
	SIPUsername string `json:"sipUsername,omitempty"`
	// Deprecated: Zipcode is deprecated in the spec.
	Zipcode string `json:"zipcode,omitempty"`
	// Deprecated: State is deprecated in the spec.
	State    string   `json:"state,omitempty"`
	LineType LineType `json:"lineType,omitempty"`
	// ReferenceID depends on LineType: empty for Line, a user id for
	// ReferencedUser, PresenceBlfUser and SpeedDialUser, a telephone number
	// for SpeedDialTn.
	ReferenceID string `json:"referenceId,omitempty"`
}

// LogValue masks the SIP password.
func (d Device) LogValue() slog.Value { return RedactedLogValue(d) }

// deviceWire is the JSON Device accepts: its own fields plus seed 003's
// "deviceId" for the device type.
type deviceWire struct {
	devicePlain
	DeviceID string `json:"deviceId,omitempty"`
}

type devicePlain Device // Device without its methods

// UnmarshalJSON reads a device line, taking seed 003's "deviceId" as the
// device type when "deviceTypeId" is absent (spec-scope row 4).
func (d *Device) UnmarshalJSON(b []byte) error {
	var w deviceWire
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	if w.DeviceTypeID == "" {
		w.DeviceTypeID = w.DeviceID
	}
	*d = Device(w.devicePlain)
	return nil
}

// CreateDeviceRequest is the body of DeviceLinesService.Create. The method
// adds accountId and partitionId from the path. DeviceTypeID (seed 003's
// "deviceId"), DeviceName, UserID and LineNumber are required; FaxEnabled is
// required by the spec and therefore always sent, false included (row 34).
// MACAddress may be written "aa:bb:cc:dd:ee:ff" or "AA-BB-..."; it is sent as
// 12 upper-case hex digits. Send EmergencyNumber unless you send
// EmergencyNumberReservationID (row 33: the spec requires one of the two,
// seed 003 says the caller ID is used otherwise).
type CreateDeviceRequest struct {
	DeviceTypeID                 string    `json:"deviceTypeId"`
	DeviceName                   string    `json:"deviceName"`
	UserID                       string    `json:"userId"`
	LineNumber                   int       `json:"lineNumber"` // 1 to the device type's numLines
	FaxEnabled                   bool      `json:"faxEnabled"`
	MACAddress                   *string   `json:"macAddress,omitempty"`
	EmergencyNumber              *string   `json:"emergencyNumber,omitempty"`
	EmergencyNumberReservationID *string   `json:"emergencyNumberReservationId,omitempty"`
	SIPUsername                  *string   `json:"sipUsername,omitempty"` // globally unique; generated when absent
	SIPPassword                  Secret    `json:"sipPassword,omitempty"`
	LineType                     *LineType `json:"lineType,omitempty"`
	ReferenceID                  *string   `json:"referenceId,omitempty"`
}

// LogValue masks the SIP password.
func (r CreateDeviceRequest) LogValue() slog.Value { return RedactedLogValue(r) }

// UpdateDeviceRequest is the body of DeviceLinesService.Update, which
// replaces the device line; the method adds id, accountId and partitionId
// from the path. To change the MAC address or the device type the spec
// recommends the swap operation instead.
type UpdateDeviceRequest struct {
	DeviceTypeID                 string    `json:"deviceTypeId"`
	DeviceName                   string    `json:"deviceName"`
	UserID                       string    `json:"userId"`
	LineNumber                   int       `json:"lineNumber"`
	FaxEnabled                   bool      `json:"faxEnabled"`
	MACAddress                   *string   `json:"macAddress,omitempty"`
	EmergencyNumber              *string   `json:"emergencyNumber,omitempty"`
	EmergencyNumberReservationID *string   `json:"emergencyNumberReservationId,omitempty"`
	SIPUsername                  *string   `json:"sipUsername,omitempty"`
	SIPPassword                  Secret    `json:"sipPassword,omitempty"`
	LineType                     *LineType `json:"lineType,omitempty"`
	ReferenceID                  *string   `json:"referenceId,omitempty"`
}

// LogValue masks the SIP password.
func (r UpdateDeviceRequest) LogValue() slog.Value { return RedactedLogValue(r) }

// PatchDeviceRequest is the body of DeviceLinesService.Patch: only the
// fields that are set are sent, so Ptr(false), Ptr(0) and Ptr("") are sent
// as such. An empty SIPPassword is not sent.
type PatchDeviceRequest struct {
	DeviceTypeID                 *string   `json:"deviceTypeId,omitempty"`
	DeviceName                   *string   `json:"deviceName,omitempty"`
	UserID                       *string   `json:"userId,omitempty"`
	LineNumber                   *int      `json:"lineNumber,omitempty"`
	FaxEnabled                   *bool     `json:"faxEnabled,omitempty"`
	MACAddress                   *string   `json:"macAddress,omitempty"`
	EmergencyNumber              *string   `json:"emergencyNumber,omitempty"`
	EmergencyNumberReservationID *string   `json:"emergencyNumberReservationId,omitempty"`
	SIPUsername                  *string   `json:"sipUsername,omitempty"`
	SIPPassword                  Secret    `json:"sipPassword,omitempty"`
	LineType                     *LineType `json:"lineType,omitempty"`
	ReferenceID                  *string   `json:"referenceId,omitempty"`
}

// LogValue masks the SIP password.
func (r PatchDeviceRequest) LogValue() slog.Value { return RedactedLogValue(r) }

// ListDevicesOptions are the query options of DeviceLinesService.List.
// Without a filter the platform returns every line of the account only to
// an Account User, and otherwise only the acting user's own lines: use
// ListByAccount for "every line of this account".
type ListDevicesOptions struct {
	// Filter is required when FilterType is set. A MAC address filter is
	// normalised to 12 upper-case hex digits.
	Filter     string           `url:"filter,omitempty"`
	FilterType DeviceFilterType `url:"filterType,omitempty"`
}

// ListDeviceTypesOptions are the query options of DeviceLinesService.ListTypes.
type ListDeviceTypesOptions struct {
	// PartitionID selects the partition whose device types are listed; it
	// defaults to the client's partition.
	PartitionID string `url:"partitionid,omitempty"`
}

// DeviceData is the provisioning data of the device a line belongs to: all
// of its lines, with their SIP credentials. It is the canonical source of
// sipPassword and displayName (spec-scope row 37).
type DeviceData struct {
	MACAddress        string           `json:"macAddress,omitempty"`
	DeviceType        string           `json:"deviceType,omitempty"` // the device type's name
	LineCount         int              `json:"lineCount,omitempty"`
	DialPlan          string           `json:"dialPlan,omitempty"`
	HasFaxEnabledLine bool             `json:"hasFaxEnabledLine,omitempty"`
	Lines             []DeviceDataLine `json:"lines,omitempty"`
}

// LogValue masks the SIP passwords.
func (d DeviceData) LogValue() slog.Value { return RedactedLogValue(d) }

// Line returns the line with the given number: the spec's way to find a
// device line's credentials (match Device.LineNumber).
func (d *DeviceData) Line(lineNumber int) (DeviceDataLine, bool) {
	for _, l := range d.Lines {
		if l.LineNumber == lineNumber {
			return l, true
		}
	}
	return DeviceDataLine{}, false
}

// DeviceDataLine is one item of DeviceData.lines.
type DeviceDataLine struct {
	MACAddress      string `json:"macAddress,omitempty"`
	LineNumber      int    `json:"lineNumber,omitempty"`
	UserID          string `json:"userId,omitempty"`
	DisplayName     string `json:"displayName,omitempty"`
	SIPUsername     string `json:"sipUsername,omitempty"`
	SIPPassword     Secret `json:"sipPassword,omitempty"`
	Server          string `json:"server,omitempty"`
	ServerPort      string `json:"serverPort,omitempty"` // a string in the spec
	EmergencyNumber string `json:"emergencyNumber,omitempty"`
	Enabled         bool   `json:"enabled,omitempty"`
	FaxEnabled      bool   `json:"faxEnabled,omitempty"`
}

// LogValue masks the SIP password.
func (l DeviceDataLine) LogValue() slog.Value { return RedactedLogValue(l) }

// DeviceTypeManufacturer values appear in DeviceTypeX.deviceTypeManufacturer.
type DeviceTypeManufacturer string

// DeviceTypeManufacturer values.
const (
	ManufacturerCiscoLinksysSipura DeviceTypeManufacturer = "CISCO_LINKSYS_SIPURA"
	ManufacturerPolycom            DeviceTypeManufacturer = "POLYCOM"
	ManufacturerArris              DeviceTypeManufacturer = "ARRIS"
	ManufacturerObihai             DeviceTypeManufacturer = "OBIHAI"
	ManufacturerInnomedia          DeviceTypeManufacturer = "INNOMEDIA"
	ManufacturerThirdParty         DeviceTypeManufacturer = "THIRD_PARTY"
	ManufacturerSoftPhone          DeviceTypeManufacturer = "SOFT_PHONE"
	ManufacturerZTE                DeviceTypeManufacturer = "ZTE"
	ManufacturerScientificAtlanta  DeviceTypeManufacturer = "SCIENTIFIC_ATLANTA"
	ManufacturerCalix              DeviceTypeManufacturer = "CALIX"
	ManufacturerYealink            DeviceTypeManufacturer = "YEALINK"
	ManufacturerSnom               DeviceTypeManufacturer = "SNOM"
	ManufacturerSmartRG            DeviceTypeManufacturer = "SMART_RG"
	ManufacturerAcrobits           DeviceTypeManufacturer = "ACROBITS"
	ManufacturerGrandstream        DeviceTypeManufacturer = "GRANDSTREAM"
	ManufacturerAdtran             DeviceTypeManufacturer = "ADTRAN"
	ManufacturerMediatrix          DeviceTypeManufacturer = "MEDIATRIX"
	ManufacturerAlgo               DeviceTypeManufacturer = "ALGO"
	ManufacturerMitel              DeviceTypeManufacturer = "MITEL"
	ManufacturerClearlyIP          DeviceTypeManufacturer = "CLEARLY_IP"
)

// Valid reports whether v is a value the spec defines for DeviceTypeManufacturer.
func (v DeviceTypeManufacturer) Valid() bool {
	switch v {
	case ManufacturerCiscoLinksysSipura, ManufacturerPolycom, ManufacturerArris, ManufacturerObihai,
		ManufacturerInnomedia, ManufacturerThirdParty, ManufacturerSoftPhone, ManufacturerZTE,
		ManufacturerScientificAtlanta, ManufacturerCalix, ManufacturerYealink, ManufacturerSnom,
		ManufacturerSmartRG, ManufacturerAcrobits, ManufacturerGrandstream, ManufacturerAdtran,
		ManufacturerMediatrix, ManufacturerAlgo, ManufacturerMitel, ManufacturerClearlyIP:
		return true
	}
	return false
}

// DeviceType is DeviceTypeX: a phone or ATA model and what it supports.
type DeviceType struct {
	ID                         string                 `json:"id,omitempty"`
	Name                       string                 `json:"name,omitempty"`
	NumLines                   int                    `json:"numLines,omitempty"`
	DeviceTypeManufacturer     DeviceTypeManufacturer `json:"deviceTypeManufacturer,omitempty"`
	AcceptsRemoteResync        bool                   `json:"acceptsRemoteResync,omitempty"`
	FaxSupported               bool                   `json:"faxSupported,omitempty"`
	MACAddressRequired         bool                   `json:"macAddressRequired,omitempty"`
	ShowProvisionStatus        bool                   `json:"showProvisionStatus,omitempty"`
	EnforceUniqueAdminPassword bool                   `json:"enforceUniqueAdminPassword,omitempty"`
	CustomEncryptionKeys       bool                   `json:"customEncryptionKeys,omitempty"`
	SIPPagingEnabled           bool                   `json:"sipPagingEnabled,omitempty"`
	DistinctiveRingInfo        string                 `json:"distinctiveRingInfo,omitempty"`
	SMBDevice                  bool                   `json:"smbDevice,omitempty"`
	SideCarTypeIDs             []string               `json:"sideCarTypeIds,omitempty"`
	MaxSideCars                int                    `json:"maxSideCars,omitempty"`
	RingTypeAlertInfo          []RingTypeAlertInfo    `json:"ringTypeAlertInfo,omitempty"`
	SIPRegMax                  int                    `json:"sipRegMax,omitempty"`
	DeviceKind                 string                 `json:"deviceKind,omitempty"`
	// LineFunctionality maps a key the spec leaves undocumented to the line
	// types it allows.
	LineFunctionality map[string][]LineType `json:"lineFunctionality,omitempty"`
}

// RingTypeAlertInfo is RingTypeAlertInfoX: the SIP Alert-Info header value
// of a ring type.
type RingTypeAlertInfo struct {
	RingType             RingType `json:"ringType"`
	AlertInfoHeaderValue string   `json:"alertInfoHeaderValue"`
}

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
	return s.send(ctx, http.MethodPost, "/v2/partition/{partitionId}/account/{accountId}/deviceline", []string{accountID}, body)
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
	var devices []Device
	err := s.client.do(ctx, &request{
		method: http.MethodGet,
		path:   "/v2/partition/{partitionId}/account/{accountId}/deviceline",
		args:   []string{accountID},
		query:  q,
		out:    &devices,
	})
	if err != nil {
		return nil, err
	}
	return devices, nil
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
	var d DeviceData
	err := s.client.do(ctx, &request{
		method: http.MethodGet,
		path:   "/v2/partition/{partitionId}/deviceprovisioning/account/{accountId}/device/{deviceId}",
		args:   []string{accountID, deviceID},
		out:    &d,
	})
	if err != nil {
		return nil, err
	}
	return &d, nil
}

// Get returns the device line with the given id.
//
// operationId getDevice.
//
//alianza:operation GET /v2/partition/{partitionId}/account/{accountId}/deviceline/{deviceId}
func (s *DeviceLinesService) Get(ctx context.Context, accountID, deviceID string) (*Device, error) {
	return s.send(ctx, http.MethodGet, "/v2/partition/{partitionId}/account/{accountId}/deviceline/{deviceId}",
		[]string{accountID, deviceID}, nil)
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
	return s.send(ctx, http.MethodPut, "/v2/partition/{partitionId}/account/{accountId}/deviceline/{deviceId}",
		[]string{accountID, deviceID}, body)
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
	return s.send(ctx, http.MethodPatch, "/v2/partition/{partitionId}/account/{accountId}/deviceline/{deviceId}",
		[]string{accountID, deviceID}, &cp)
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
	var st RegistrationStatus
	err := s.client.do(ctx, &request{
		method: http.MethodGet,
		path:   "/v2/partition/{partitionId}/account/{accountId}/deviceline/{deviceId}/registrationstatus",
		args:   []string{accountID, deviceID},
		out:    &st,
	})
	if err != nil {
		return nil, err
	}
	return &st, nil
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
	var types []DeviceType
	err := s.client.do(ctx, &request{
		method: http.MethodGet,
		path:   "/v2/ref/devicetype",
		query:  &q,
		out:    &types,
	})
	if err != nil {
		return nil, err
	}
	return types, nil
}

// send is the shape every single-device operation shares.
func (s *DeviceLinesService) send(ctx context.Context, method, path string, args []string, body any) (*Device, error) {
	var d Device
	if err := s.client.do(ctx, &request{method: method, path: path, args: args, body: body, out: &d}); err != nil {
		return nil, err
	}
	return &d, nil
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
		if mac, err := NormalizeMAC(*f.mac); err != nil {
			v.add("macAddress", "must be 12 hex digits, optionally separated by ':' or '-'")
		} else {
			f.mac = &mac
		}
	}
	if f.emergency != nil {
		v.tn("emergencyNumber", *f.emergency)
	}
	if f.sipUsername != nil {
		v.check(isSIPUsername(*f.sipUsername), "sipUsername", "must be 8 to 36 characters of A-Z, a-z, 0-9, '.', '_' and '-'")
	}
	// The rule never echoes the password or its length.
	v.check(f.sipPassword == "" || utf8.RuneCountInString(f.sipPassword.Reveal()) >= 6, "sipPassword", "must be at least 6 characters")
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
