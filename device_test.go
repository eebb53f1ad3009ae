package alianza

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDeviceFixtures(t *testing.T) {
	t.Run("guide create response", func(t *testing.T) {
		raw := fixture(t, "device/create_response_003.json")
		// Device has a custom UnmarshalJSON, through which the decoder's
		// unknown-field check does not reach: check the wire shape too.
		var w deviceWire
		decodeStrict(t, raw, &w)
		var d Device
		decodeStrict(t, raw, &d)
		assert.Equal(t, "QPWnTW1tReO5kYGuIMBj4Q", d.ID)
		assert.Equal(t, "SPA112", d.DeviceTypeID)
		assert.Equal(t, "123456abcabc", d.MACAddress)
		assert.Equal(t, 1, d.LineNumber)
		assert.False(t, d.FaxEnabled)
		assert.Equal(t, LineTypeLine, d.LineType)
		assertRoundTrip(t, raw, d)
		// faxEnabled and lineNumber are required: always written.
		b, err := json.Marshal(Device{})
		require.NoError(t, err)
		assert.JSONEq(t, `{"faxEnabled":false,"lineNumber":0}`, string(b))
	})
	t.Run("guide create request with deviceId", func(t *testing.T) {
		// The account creation guide names the device type "deviceId"; the
		// OpenAPI description says deviceTypeId (see docs/quirks.md,
		// deviceTypeId). Decoding tolerates the guide's name.
		raw := fixture(t, "device/create_request_003.json")
		var w deviceWire
		decodeStrict(t, raw, &w)
		var d Device
		decodeStrict(t, raw, &d)
		assert.Equal(t, "SPA112", d.DeviceTypeID)
		assert.Equal(t, "18015551212", d.EmergencyNumber)
		b, err := json.Marshal(d)
		require.NoError(t, err)
		m := udJSONMap(t, b)
		assert.Equal(t, "SPA112", m["deviceTypeId"])
		assert.NotContains(t, m, "deviceId")
	})
	t.Run("deviceTypeId wins over deviceId", func(t *testing.T) {
		var d Device
		require.NoError(t, json.Unmarshal([]byte(`{"deviceId":"OLD","deviceTypeId":"VVX400"}`), &d))
		assert.Equal(t, "VVX400", d.DeviceTypeID)
		require.Error(t, json.Unmarshal([]byte(`{"lineNumber":"one"}`), &d))
	})
	t.Run("provisioning data", func(t *testing.T) {
		// The spec has no DeviceData example: this fixture follows its
		// schema field by field.
		raw := fixture(t, "device/provisioning_data.json")
		var dd DeviceData
		decodeStrict(t, raw, &dd)
		assertRoundTrip(t, raw, dd)
		assert.Equal(t, 2, dd.LineCount)
		l, ok := dd.Line(2)
		require.True(t, ok)
		assert.Equal(t, "Front Desk", l.DisplayName)
		assert.Equal(t, "5060", l.ServerPort)
		l, ok = dd.Line(1)
		require.True(t, ok)
		assert.Equal(t, testSIPSecret, l.SIPPassword.Reveal())
		_, ok = dd.Line(3)
		assert.False(t, ok)
	})
	t.Run("device types", func(t *testing.T) {
		// Built from DeviceTypeX: no document shows one.
		raw := fixture(t, "device/device_types.json")
		var types []DeviceType
		decodeStrict(t, raw, &types)
		require.Len(t, types, 1)
		assert.Equal(t, DeviceTypeManufacturerCiscoLinksysSipura, types[0].DeviceTypeManufacturer)
		assert.True(t, types[0].DeviceTypeManufacturer.Valid())
		assert.Equal(t, []LineType{LineTypeLine, LineTypeCustom}, types[0].LineFunctionality["2"])
		assert.Equal(t, RingTypeRing1, types[0].RingTypeAlertInfo[0].RingType)
		assertRoundTrip(t, raw, types)
	})
}

func udCreateDevice() *CreateDeviceRequest {
	return &CreateDeviceRequest{
		DeviceTypeID:    "SPA112",
		DeviceName:      "Line",
		UserID:          "{UserID}",
		LineNumber:      1,
		EmergencyNumber: Ptr("18015551212"),
		MACAddress:      Ptr("12:34:56:ab:ca:bc"),
	}
}

func TestDeviceLinesCreate(t *testing.T) {
	c, mt := newMockClient(t)
	captured := mockOp(t, mt, "DeviceLinesService.Create", []string{"ACC 1/x"}, 201, fixture(t, "device/create_response_003.json"))
	req := udCreateDevice()
	d, err := c.DeviceLines.Create(context.Background(), "ACC 1/x", req)
	require.NoError(t, err)
	// The account creation guide's body with the OpenAPI description's
	// deviceTypeId, the required faxEnabled and the MAC address normalised.
	assert.Equal(t, map[string]any{
		"accountId":       "ACC 1/x",
		"partitionId":     testPartition,
		"userId":          "{UserID}",
		"deviceName":      "Line",
		"deviceTypeId":    "SPA112",
		"emergencyNumber": "18015551212",
		"lineNumber":      float64(1),
		"macAddress":      "123456ABCABC",
		"faxEnabled":      false,
	}, captured.BodyMap(t))
	assert.Equal(t, "12:34:56:ab:ca:bc", *req.MACAddress, "the caller's request is not modified")
	assert.Equal(t, "QPWnTW1tReO5kYGuIMBj4Q", d.ID)
	assert.Equal(t, "SPA112", d.DeviceTypeID)
}

func TestDeviceLinesCreateWithCredentials(t *testing.T) {
	c, mt := newMockClient(t)
	captured := mockOp(t, mt, "DeviceLinesService.Create", []string{"ACC1"}, 201, `{"id":"D2","deviceTypeId":"VVX400","lineNumber":2,"faxEnabled":true}`)
	req := udCreateDevice()
	req.MACAddress = Ptr("aa-bb-cc-dd-ee-ff")
	req.LineNumber = 2
	req.FaxEnabled = true
	req.SIPUsername = Ptr("front-desk.2_x")
	req.SIPPassword = testSIPSecret
	req.LineType = Ptr(LineTypeSpeedDialTN)
	req.ReferenceID = Ptr("18015550000")
	req.EmergencyNumberReservationID = Ptr("RES1")
	_, err := c.DeviceLines.Create(context.Background(), "ACC1", req)
	require.NoError(t, err)
	body := captured.BodyMap(t)
	assert.Equal(t, "AABBCCDDEEFF", body["macAddress"])
	assert.Equal(t, testSIPSecret, body["sipPassword"], "the platform needs the real password")
	assert.Equal(t, "front-desk.2_x", body["sipUsername"])
	assert.Equal(t, "SpeedDialTn", body["lineType"])
	assert.Equal(t, "18015550000", body["referenceId"])
	assert.Equal(t, "RES1", body["emergencyNumberReservationId"])
	assert.Equal(t, true, body["faxEnabled"])
}

func TestDeviceLinesList(t *testing.T) {
	t.Run("MAC filter normalised", func(t *testing.T) {
		c, mt := newMockClient(t)
		captured := mockOp(t, mt, "DeviceLinesService.List", []string{"ACC1"}, 200, fixture(t, "device/list_003.json"))
		opts := &ListDevicesOptions{FilterType: DeviceFilterTypeMACAddress, Filter: "12:34:56:ab:ca:bc"}
		devices, err := c.DeviceLines.List(context.Background(), "ACC1", opts)
		require.NoError(t, err)
		assert.Equal(t, "MAC_ADDRESS", captured.Query().Get("filterType"))
		assert.Equal(t, "123456ABCABC", captured.Query().Get("filter"))
		assert.Equal(t, "12:34:56:ab:ca:bc", opts.Filter, "the caller's options are not modified")
		require.Len(t, devices, 1)
		assert.Equal(t, "SPA112", devices[0].DeviceTypeID)
	})
	t.Run("user filter", func(t *testing.T) {
		c, mt := newMockClient(t)
		captured := mockOp(t, mt, "DeviceLinesService.List", []string{"ACC1"}, 200, `[]`)
		_, err := c.DeviceLines.List(context.Background(), "ACC1", &ListDevicesOptions{FilterType: DeviceFilterTypeOwningUserID, Filter: "U 1"})
		require.NoError(t, err)
		assert.Equal(t, "OWNING_USERID", captured.Query().Get("filterType"))
		assert.Equal(t, "U 1", captured.Query().Get("filter"))
	})
	t.Run("nil options", func(t *testing.T) {
		c, mt := newMockClient(t)
		captured := mockOp(t, mt, "DeviceLinesService.List", []string{"ACC1"}, 200, `[]`)
		devices, err := c.DeviceLines.List(context.Background(), "ACC1", nil)
		require.NoError(t, err)
		assert.Empty(t, captured.Query())
		assert.Empty(t, devices)
	})
}

func TestDeviceLinesListByAccount(t *testing.T) {
	c, mt := newMockClient(t)
	captured := mockOp(t, mt, "DeviceLinesService.List", []string{"ACC 1/x"}, 200, fixture(t, "device/list_003.json"))
	devices, err := c.DeviceLines.ListByAccount(context.Background(), "ACC 1/x")
	require.NoError(t, err)
	assert.Equal(t, "ACCOUNT", captured.Query().Get("filterType"))
	assert.Equal(t, "ACC 1/x", captured.Query().Get("filter"))
	require.Len(t, devices, 1)
}

func TestDeviceLinesProvisioningData(t *testing.T) {
	c, mt := newMockClient(t)
	mockOp(t, mt, "DeviceLinesService.ProvisioningData", []string{"ACC 1/x", "D 1/y"}, 200, fixture(t, "device/provisioning_data.json"))
	dd, err := c.DeviceLines.ProvisioningData(context.Background(), "ACC 1/x", "D 1/y")
	require.NoError(t, err)
	l, ok := dd.Line(1)
	require.True(t, ok)
	assert.Equal(t, "QPWnTW1tReO5kYGuIMBj4Q", l.SIPUsername)
	assert.Equal(t, Secret(testSIPSecret), l.SIPPassword)
	assert.Equal(t, "John Smith", l.DisplayName)
}

func TestDeviceLinesGet(t *testing.T) {
	c, mt := newMockClient(t)
	captured := mockOp(t, mt, "DeviceLinesService.Get", []string{"ACC1", "D 1/2"}, 200, fixture(t, "device/create_response_003.json"))
	d, err := c.DeviceLines.Get(context.Background(), "ACC1", "D 1/2")
	require.NoError(t, err)
	assert.Nil(t, captured.Body())
	assert.Equal(t, "Line", d.DeviceName)
}

func TestDeviceLinesUpdate(t *testing.T) {
	c, mt := newMockClient(t)
	captured := mockOp(t, mt, "DeviceLinesService.Update", []string{"ACC1", "D/1"}, 200, fixture(t, "device/create_response_003.json"))
	d, err := c.DeviceLines.Update(context.Background(), "ACC1", "D/1", &UpdateDeviceRequest{
		DeviceTypeID: "SPA112", DeviceName: "Lobby", UserID: "U1", LineNumber: 1,
		MACAddress: Ptr("123456abcabc"), LineType: Ptr(LineTypeLine),
	})
	require.NoError(t, err)
	assert.Equal(t, map[string]any{
		"id": "D/1", "accountId": "ACC1", "partitionId": testPartition,
		"deviceTypeId": "SPA112", "deviceName": "Lobby", "userId": "U1", "lineNumber": float64(1),
		"faxEnabled": false, "macAddress": "123456ABCABC", "lineType": "Line",
	}, captured.BodyMap(t))
	assert.Equal(t, "QPWnTW1tReO5kYGuIMBj4Q", d.ID)
}

func TestDeviceLinesPatchSendsZeroValues(t *testing.T) {
	c, mt := newMockClient(t)
	captured := mockOp(t, mt, "DeviceLinesService.Patch", []string{"ACC1", "D1"}, 200, fixture(t, "device/create_response_003.json"))
	_, err := c.DeviceLines.Patch(context.Background(), "ACC1", "D1", &PatchDeviceRequest{
		DeviceName:      Ptr("newDeviceName"),
		FaxEnabled:      Ptr(false),
		EmergencyNumber: Ptr(""),
		ReferenceID:     Ptr(""),
		MACAddress:      Ptr("aabbccddeeff"),
		LineNumber:      Ptr(2),
	})
	require.NoError(t, err)
	assert.Equal(t, map[string]any{
		"deviceName": "newDeviceName", "faxEnabled": false, "emergencyNumber": "", "referenceId": "",
		"macAddress": "AABBCCDDEEFF", "lineNumber": float64(2),
	}, captured.BodyMap(t))

	_, err = c.DeviceLines.Patch(context.Background(), "ACC1", "D1", &PatchDeviceRequest{})
	require.NoError(t, err)
	assert.Equal(t, map[string]any{}, captured.BodyMap(t), "unset fields are absent")

	// lineNumber 0 would be sent too, but the spec's lines start at 1.
	_, err = c.DeviceLines.Patch(context.Background(), "ACC1", "D1", &PatchDeviceRequest{LineNumber: Ptr(0)})
	udFieldErr(t, err, "lineNumber")
	assert.Equal(t, 2, captured.Calls())
}

func TestDeviceLinesDelete(t *testing.T) {
	c, mt := newMockClient(t)
	captured := mockOp(t, mt, "DeviceLinesService.Delete", []string{"ACC 1", "D/1"}, 204, nil)
	require.NoError(t, c.DeviceLines.Delete(context.Background(), "ACC 1", "D/1"))
	assert.Equal(t, 1, captured.Calls())
}

func TestDeviceLinesRegistrationStatus(t *testing.T) {
	c, mt := newMockClient(t)
	mockOp(t, mt, "DeviceLinesService.RegistrationStatus", []string{"ACC1", "D 1"}, 200, `{"registered":true}`)
	st, err := c.DeviceLines.RegistrationStatus(context.Background(), "ACC1", "D 1")
	require.NoError(t, err)
	assert.True(t, st.Registered)
}

func TestDeviceLinesListTypes(t *testing.T) {
	t.Run("client partition by default", func(t *testing.T) {
		c, mt := newMockClient(t)
		captured := mockOp(t, mt, "DeviceLinesService.ListTypes", nil, 200, fixture(t, "device/device_types.json"))
		types, err := c.DeviceLines.ListTypes(context.Background(), nil)
		require.NoError(t, err)
		assert.Equal(t, testPartition, captured.Query().Get("partitionid"))
		require.Len(t, types, 1)
		assert.Equal(t, 2, types[0].NumLines)
	})
	t.Run("explicit partition", func(t *testing.T) {
		c, mt := newMockClient(t)
		captured := mockOp(t, mt, "DeviceLinesService.ListTypes", nil, 200, `[]`)
		_, err := c.DeviceLines.ListTypes(context.Background(), &ListDeviceTypesOptions{PartitionID: "SUB 1"})
		require.NoError(t, err)
		assert.Equal(t, "SUB 1", captured.Query().Get("partitionid"))
	})
}

func TestDeviceLinesValidation(t *testing.T) {
	ctx := context.Background()
	create := func(f func(r *CreateDeviceRequest)) func(c *Client) error {
		return func(c *Client) error {
			r := udCreateDevice()
			f(r)
			_, err := c.DeviceLines.Create(ctx, "ACC1", r)
			return err
		}
	}
	tests := []struct {
		name  string
		call  func(c *Client) error
		field string
	}{
		{"deviceTypeId required", create(func(r *CreateDeviceRequest) { r.DeviceTypeID = "" }), "deviceTypeId"},
		{"deviceName required", create(func(r *CreateDeviceRequest) { r.DeviceName = " " }), "deviceName"},
		{"userId required", create(func(r *CreateDeviceRequest) { r.UserID = "" }), "userId"},
		{"lineNumber required", create(func(r *CreateDeviceRequest) { r.LineNumber = 0 }), "lineNumber"},
		{"lineNumber negative", create(func(r *CreateDeviceRequest) { r.LineNumber = -1 }), "lineNumber"},
		{"macAddress short", create(func(r *CreateDeviceRequest) { r.MACAddress = Ptr("123456abcab") }), "macAddress"},
		{"macAddress not hex", create(func(r *CreateDeviceRequest) { r.MACAddress = Ptr("123456abcabg") }), "macAddress"},
		{"macAddress mixed separators", create(func(r *CreateDeviceRequest) { r.MACAddress = Ptr("12:34-56:ab:ca:bc") }), "macAddress"},
		{"emergencyNumber not a TN", create(func(r *CreateDeviceRequest) { r.EmergencyNumber = Ptr("8015551212") }), "emergencyNumber"},
		{"sipUsername short", create(func(r *CreateDeviceRequest) { r.SIPUsername = Ptr("abc1234") }), "sipUsername"},
		{"sipUsername long", create(func(r *CreateDeviceRequest) { r.SIPUsername = Ptr(strings.Repeat("a", 37)) }), "sipUsername"},
		{"sipUsername bad character", create(func(r *CreateDeviceRequest) { r.SIPUsername = Ptr(`abcd\efgh`) }), "sipUsername"},
		{"sipPassword short", create(func(r *CreateDeviceRequest) { r.SIPPassword = "12345" }), "sipPassword"},
		{"lineType unknown", create(func(r *CreateDeviceRequest) { r.LineType = Ptr(LineType("Trunk")) }), "lineType"},
		{"Line with a reference", create(func(r *CreateDeviceRequest) {
			r.LineType, r.ReferenceID = Ptr(LineTypeLine), Ptr("U2")
		}), "referenceId"},
		{"ReferencedUser without a user", create(func(r *CreateDeviceRequest) { r.LineType = Ptr(LineTypeReferencedUser) }), "referenceId"},
		{"SpeedDialTn without a TN", create(func(r *CreateDeviceRequest) {
			r.LineType, r.ReferenceID = Ptr(LineTypeSpeedDialTN), Ptr("U2")
		}), "referenceId"},
		{"create nil body", func(c *Client) error { _, err := c.DeviceLines.Create(ctx, "ACC1", nil); return err }, "body"},
		{"create empty account", func(c *Client) error { _, err := c.DeviceLines.Create(ctx, "", udCreateDevice()); return err }, "accountId"},
		{"update required fields", func(c *Client) error {
			_, err := c.DeviceLines.Update(ctx, "ACC1", "D1", &UpdateDeviceRequest{DeviceTypeID: "SPA112", UserID: "U1", LineNumber: 1})
			return err
		}, "deviceName"},
		{"update bad MAC", func(c *Client) error {
			_, err := c.DeviceLines.Update(ctx, "ACC1", "D1", &UpdateDeviceRequest{DeviceTypeID: "SPA112", DeviceName: "x", UserID: "U1", LineNumber: 1, MACAddress: Ptr("zz")})
			return err
		}, "macAddress"},
		{"update empty device id", func(c *Client) error {
			_, err := c.DeviceLines.Update(ctx, "ACC1", "", &UpdateDeviceRequest{DeviceTypeID: "SPA112", DeviceName: "x", UserID: "U1", LineNumber: 1})
			return err
		}, "deviceId"},
		{"update nil body", func(c *Client) error { _, err := c.DeviceLines.Update(ctx, "ACC1", "D1", nil); return err }, "body"},
		{"patch blank deviceTypeId", func(c *Client) error {
			_, err := c.DeviceLines.Patch(ctx, "ACC1", "D1", &PatchDeviceRequest{DeviceTypeID: Ptr("")})
			return err
		}, "deviceTypeId"},
		{"patch sipPassword short", func(c *Client) error {
			_, err := c.DeviceLines.Patch(ctx, "ACC1", "D1", &PatchDeviceRequest{SIPPassword: "abc"})
			return err
		}, "sipPassword"},
		{"patch emergencyNumber", func(c *Client) error {
			_, err := c.DeviceLines.Patch(ctx, "ACC1", "D1", &PatchDeviceRequest{EmergencyNumber: Ptr("1801555121")})
			return err
		}, "emergencyNumber"},
		{"patch nil body", func(c *Client) error { _, err := c.DeviceLines.Patch(ctx, "ACC1", "D1", nil); return err }, "body"},
		{"list filterType unknown", func(c *Client) error {
			_, err := c.DeviceLines.List(ctx, "ACC1", &ListDevicesOptions{FilterType: "USER", Filter: "U1"})
			return err
		}, "filterType"},
		{"list filter required", func(c *Client) error {
			_, err := c.DeviceLines.List(ctx, "ACC1", &ListDevicesOptions{FilterType: DeviceFilterTypeAccount})
			return err
		}, "filter"},
		{"list MAC filter not a MAC", func(c *Client) error {
			_, err := c.DeviceLines.List(ctx, "ACC1", &ListDevicesOptions{FilterType: DeviceFilterTypeMACAddressInventory, Filter: "nope"})
			return err
		}, "filter"},
		{"list by empty account", func(c *Client) error { _, err := c.DeviceLines.ListByAccount(ctx, ""); return err }, "accountId"},
		{"provisioning data empty device", func(c *Client) error { _, err := c.DeviceLines.ProvisioningData(ctx, "ACC1", ""); return err }, "deviceId"},
		{"registration status dot segment", func(c *Client) error { _, err := c.DeviceLines.RegistrationStatus(ctx, "ACC1", ".."); return err }, "deviceId"},
		{"delete empty account", func(c *Client) error { return c.DeviceLines.Delete(ctx, "", "D1") }, "accountId"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, mt := newMockClient(t)
			err := tc.call(c)
			rule := udFieldErr(t, err, tc.field)
			assert.NotContains(t, rule, "12345", "a rule never echoes a password")
			assert.Equal(t, 0, mt.GetTotalCallCount())
		})
	}
}

func TestDeviceLinesValidationAllAtOnce(t *testing.T) {
	c, mt := newMockClient(t)
	_, err := c.DeviceLines.Create(context.Background(), "ACC1", &CreateDeviceRequest{MACAddress: Ptr("xyz"), SIPPassword: "abc"})
	var ve *ValidationError
	require.True(t, errors.As(err, &ve))
	for _, f := range []string{"deviceTypeId", "deviceName", "userId", "lineNumber", "macAddress", "sipPassword"} {
		assert.NotNil(t, ve.Field(f), f)
	}
	assert.NotContains(t, err.Error(), "abc")
	assert.Equal(t, 0, mt.GetTotalCallCount())
}

func TestDeviceSecretsNeverPrinted(t *testing.T) {
	var dd DeviceData
	decodeStrict(t, fixture(t, "device/provisioning_data.json"), &dd)
	line, _ := dd.Line(1)
	dev := Device{ID: "D1", SIPUsername: "QPWnTW1tReO5kYGuIMBj4Q", SIPPassword: testSIPSecret}
	create := udCreateDevice()
	create.SIPPassword = testSIPSecret
	values := map[string]any{
		"Device":              dev,
		"*Device":             &dev,
		"DeviceData":          dd,
		"DeviceDataLine":      line,
		"CreateDeviceRequest": *create,
		"UpdateDeviceRequest": UpdateDeviceRequest{SIPPassword: testSIPSecret},
		"PatchDeviceRequest":  PatchDeviceRequest{SIPPassword: testSIPSecret},
		"User":                User{ID: "U1", Devices: []Device{dev}},
	}
	for name, v := range values {
		t.Run(name, func(t *testing.T) {
			s := fmt.Sprintf("%v %+v %#v", v, v, v)
			assert.NotContains(t, s, testSIPSecret)
			var buf strings.Builder
			udLogger(&buf).Info("provisioned", "value", v)
			assert.NotContains(t, buf.String(), testSIPSecret)
			assert.Contains(t, buf.String(), "REDACTED")
		})
	}
	// The password is in the JSON, on purpose: the platform needs it.
	b, err := json.Marshal(dd)
	require.NoError(t, err)
	assert.Contains(t, string(b), testSIPSecret)
}

// An error body that echoes the request must not carry the SIP password
// into the error text, though the body wraps the request type.
func TestDeviceLinesErrorScrubsSIPPassword(t *testing.T) {
	c, mt := newMockClient(t)
	mockOp(t, mt, "DeviceLinesService.Create", []string{"ACC1"}, 400,
		`{"status":400,"messages":["sipPassword `+testSIPSecret+` rejected"]}`)
	req := udCreateDevice()
	req.SIPPassword = testSIPSecret
	_, err := c.DeviceLines.Create(context.Background(), "ACC1", req)
	require.Error(t, err)
	assert.True(t, errors.Is(err, ErrBadRequest))
	assert.NotContains(t, err.Error(), testSIPSecret)
	assert.NotContains(t, fmt.Sprintf("%+v %#v", err, err), testSIPSecret)
}
