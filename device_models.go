package alianza

import (
	"encoding/json"
	"log/slog"
)

// The device-line models (DeviceX, DeviceData, DeviceTypeX) and the request
// types of DeviceLinesService.

// Device is a device line (DeviceX): one line of a phone or ATA, owned by an
// end user.
type Device struct {
	ID string `json:"id,omitempty"`
	// DeviceTypeID is the model, an id from DeviceLinesService.ListTypes.
	// Alianza's Account Create guide writes it "deviceId"; decoding accepts
	// that name too (see docs/quirks.md), encoding writes the spec's.
	DeviceTypeID string `json:"deviceTypeId,omitempty"`
	AccountID    string `json:"accountId,omitempty"`
	PartitionID  string `json:"partitionId,omitempty"`
	MACAddress   string `json:"macAddress,omitempty"` // 12 upper-case hex digits
	DeviceName   string `json:"deviceName,omitempty"`
	// EmergencyNumber is the 911 callback number.
	EmergencyNumber              string `json:"emergencyNumber,omitempty"`
	EmergencyNumberReservationID string `json:"emergencyNumberReservationId,omitempty"`
	// FaxEnabled and LineNumber are required by the spec, so they are
	// always encoded.
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

// UpdateRequest returns the full-replace body for DeviceLinesService.Update
// holding every writable field of d, so that a read-modify-write keeps what
// the caller did not change:
//
//	d, err := client.DeviceLines.Get(ctx, accountID, deviceID)
//	req := d.UpdateRequest()
//	req.DeviceName = "Front desk"
//	d, err = client.DeviceLines.Update(ctx, accountID, deviceID, req)
//
// An absent (empty) optional field stays absent. The platform seldom
// returns the SIP password, so SIPPassword is usually empty and then not
// sent.
func (d *Device) UpdateRequest() *UpdateDeviceRequest {
	return &UpdateDeviceRequest{
		DeviceTypeID:                 d.DeviceTypeID,
		DeviceName:                   d.DeviceName,
		UserID:                       d.UserID,
		LineNumber:                   d.LineNumber,
		FaxEnabled:                   d.FaxEnabled,
		MACAddress:                   ptrUnlessZero(d.MACAddress),
		EmergencyNumber:              ptrUnlessZero(d.EmergencyNumber),
		EmergencyNumberReservationID: ptrUnlessZero(d.EmergencyNumberReservationID),
		SIPUsername:                  ptrUnlessZero(d.SIPUsername),
		SIPPassword:                  d.SIPPassword,
		LineType:                     ptrUnlessZero(d.LineType),
		ReferenceID:                  ptrUnlessZero(d.ReferenceID),
	}
}

// deviceWire is the JSON Device accepts: its own fields plus the Account
// Create guide's "deviceId" for the device type.
type deviceWire struct {
	devicePlain
	DeviceID string `json:"deviceId,omitempty"`
}

type devicePlain Device // Device without its methods

// UnmarshalJSON reads a device line, taking "deviceId" (the Account Create
// guide's name) as the device type when "deviceTypeId" is absent.
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
// adds accountId and partitionId from the path. DeviceTypeID (the Account Create
// guide's "deviceId"), DeviceName, UserID and LineNumber are required; FaxEnabled is
// required by the spec and therefore always sent, false included.
// MACAddress may be written "aa:bb:cc:dd:ee:ff" or "AA-BB-..."; it is sent as
// 12 upper-case hex digits. Send EmergencyNumber unless you send
// EmergencyNumberReservationID: the spec requires one of the two, the
// Account Create guide says the caller ID is used otherwise (see
// docs/quirks.md).
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
// sipPassword and displayName.
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

// RingTypeAlertInfo is RingTypeAlertInfoX: the SIP Alert-Info header value
// of a ring type.
type RingTypeAlertInfo struct {
	RingType             RingType `json:"ringType"`
	AlertInfoHeaderValue string   `json:"alertInfoHeaderValue"`
}
