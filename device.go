package alianza

// DeviceLinesService manages an account's device lines, their provisioning data and the device types.
type DeviceLinesService service
