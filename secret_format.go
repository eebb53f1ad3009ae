package alianza

import (
	"fmt"
	"io"
	"strings"
)

// Every exported type that holds a Secret, directly or nested, implements
// fmt.Formatter with formatModel. Secret's own methods are not enough:
// when a verb does not fit a value (%s or %q on a pointer inside a struct,
// such as fmt.Sprintf("%s", struct{T *SipTrunk}{t})), fmt reports the bad
// verb by printing the pointed-to struct with every String and Format method
// switched off, Secret's included, and the SIP password came out in clear.
// A Formatter on the model is consulted before fmt looks at the pointer, so
// the bad-verb path never starts above a Secret. TestSecretHoldersFormat
// fails when a new secret-holding type lacks the method.

// formatModel prints plain, a model converted to a method-less copy of its
// type, exactly as fmt would print the model itself, with name as the type
// name under %#v. Nested Secret fields keep their own redacting methods.
func formatModel(f fmt.State, verb rune, name string, plain any) {
	if verb == 'v' && f.Flag('#') {
		s := fmt.Sprintf("%#v", plain)
		if i := strings.IndexByte(s, '{'); i >= 0 {
			s = name + s[i:]
		}
		_, _ = io.WriteString(f, s)
		return
	}
	_, _ = fmt.Fprintf(f, fmt.FormatString(f, verb), plain)
}

// Format prints the token with AuthToken and PwdHash redacted.
func (t LoginToken) Format(f fmt.State, verb rune) {
	type plain LoginToken
	formatModel(f, verb, "alianza.LoginToken", plain(t))
}

func (r loginRequest) Format(f fmt.State, verb rune) {
	type plain loginRequest
	formatModel(f, verb, "alianza.loginRequest", plain(r))
}

// Format prints the trunk with its SIP password redacted.
func (t SipTrunk) Format(f fmt.State, verb rune) {
	type plain SipTrunk
	formatModel(f, verb, "alianza.SipTrunk", plain(t))
}

// Format prints the request with its SIP password redacted.
func (r CreateSipTrunkRequest) Format(f fmt.State, verb rune) {
	type plain CreateSipTrunkRequest
	formatModel(f, verb, "alianza.CreateSipTrunkRequest", plain(r))
}

// Format prints the request with its SIP password redacted.
func (r UpdateSipTrunkRequest) Format(f fmt.State, verb rune) {
	type plain UpdateSipTrunkRequest
	formatModel(f, verb, "alianza.UpdateSipTrunkRequest", plain(r))
}

// Format prints the request with its SIP password redacted.
func (r PatchSipTrunkRequest) Format(f fmt.State, verb rune) {
	type plain PatchSipTrunkRequest
	formatModel(f, verb, "alianza.PatchSipTrunkRequest", plain(r))
}

// Format prints the device with its SIP password redacted.
func (d Device) Format(f fmt.State, verb rune) {
	type plain Device
	formatModel(f, verb, "alianza.Device", plain(d))
}

// Format prints the request with its SIP password redacted.
func (r CreateDeviceRequest) Format(f fmt.State, verb rune) {
	type plain CreateDeviceRequest
	formatModel(f, verb, "alianza.CreateDeviceRequest", plain(r))
}

// Format prints the request with its SIP password redacted.
func (r UpdateDeviceRequest) Format(f fmt.State, verb rune) {
	type plain UpdateDeviceRequest
	formatModel(f, verb, "alianza.UpdateDeviceRequest", plain(r))
}

// Format prints the request with its SIP password redacted.
func (r PatchDeviceRequest) Format(f fmt.State, verb rune) {
	type plain PatchDeviceRequest
	formatModel(f, verb, "alianza.PatchDeviceRequest", plain(r))
}

// Format prints the provisioning data with SIP passwords redacted.
func (d DeviceData) Format(f fmt.State, verb rune) {
	type plain DeviceData
	formatModel(f, verb, "alianza.DeviceData", plain(d))
}

// Format prints the line with its SIP password redacted.
func (l DeviceDataLine) Format(f fmt.State, verb rune) {
	type plain DeviceDataLine
	formatModel(f, verb, "alianza.DeviceDataLine", plain(l))
}

// Format prints the request with its SIP password redacted.
func (r UpdateSIPCredentialsRequest) Format(f fmt.State, verb rune) {
	type plain UpdateSIPCredentialsRequest
	formatModel(f, verb, "alianza.UpdateSIPCredentialsRequest", plain(r))
}

// Format prints the request with nested secrets redacted.
func (r AddTelephoneNumbersRequest) Format(f fmt.State, verb rune) {
	type plain AddTelephoneNumbersRequest
	formatModel(f, verb, "alianza.AddTelephoneNumbersRequest", plain(r))
}
