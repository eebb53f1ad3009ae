package alianzatest

import "strings"

// deviceServer is where device lines register.
const (
	deviceServer     = "sip.p2.alianza.com"
	deviceServerPort = "5060"
)

// renderDevice is a DeviceX as the platform returns it: without the SIP
// password, which only provisioningData reveals.
func renderDevice(d obj) obj {
	out := clone(d)
	delete(out, "sipPassword")
	return out
}

func (s *Server) deviceType(id string) obj {
	for _, t := range s.st.deviceTypes {
		if str(t, "id") == id {
			return t
		}
	}
	return nil
}

// checkDeviceFields validates a device line the way the platform does.
func (c *call) checkDeviceFields(a, in obj, selfID string) *reply {
	bad := func(format string, args ...any) *reply { r := c.badRequest(format, args...); return &r }
	for _, f := range []string{"deviceTypeId", "deviceName", "userId"} {
		if str(in, f) == "" {
			return bad("%s is required", f)
		}
	}
	dt := c.s.deviceType(str(in, "deviceTypeId"))
	if dt == nil {
		return bad("unknown deviceTypeId %s (see /v2/ref/devicetype)", str(in, "deviceTypeId"))
	}
	line, isInt := integer(in, "lineNumber")
	max, _ := integer(dt, "numLines")
	if !isInt || line < 1 || line > max {
		return bad("lineNumber must be between 1 and %d for %s", max, str(dt, "id"))
	}
	in["lineNumber"] = line
	if u, found := c.s.st.users.get(str(in, "userId")); !found || str(u, "accountId") != str(a, "id") {
		nf := c.notFound("User", str(in, "userId"))
		return &nf
	}
	mac := normMAC(str(in, "macAddress"))
	if mac == "" && boolean(dt, "macAddressRequired") {
		return bad("macAddress is required for %s", str(dt, "id"))
	}
	if mac != "" {
		if len(mac) != 12 || strings.Trim(mac, "0123456789abcdef") != "" {
			return bad("macAddress must be 12 hexadecimal characters")
		}
		for _, d := range c.s.st.devices.list(nil) {
			if normMAC(str(d, "macAddress")) != mac || str(d, "id") == selfID {
				continue
			}
			if str(d, "accountId") != str(a, "id") {
				return bad("macAddress %s is in use on another account", str(in, "macAddress"))
			}
			if n, _ := integer(d, "lineNumber"); n == line {
				return bad("line %d of %s is already in use", line, str(in, "macAddress"))
			}
		}
	}
	if u := str(in, "sipUsername"); u != "" && c.s.sipUsernameTaken(u, selfID) {
		return bad("sipUsername %s is already in use", u)
	}
	return nil
}

// createDevice: POST {A}/deviceline, 201. SIP credentials are generated
// when none are given.
func createDevice(c *call) reply {
	a, r := c.account()
	if r != nil {
		return *r
	}
	in := c.obj()
	if in == nil {
		return c.badRequest("a DeviceX body is required")
	}
	d := clone(in)
	if r := c.checkDeviceFields(a, d, ""); r != nil {
		return *r
	}
	id := newID()
	d["id"] = id
	d["accountId"] = str(a, "id")
	d["partitionId"] = str(a, "partitionId")
	setDefault(d, "faxEnabled", false)
	setDefault(d, "lineType", "Line")
	setDefault(d, "emergencyNumber", "")
	if str(d, "sipUsername") == "" {
		d["sipUsername"] = id
	}
	if str(d, "sipPassword") == "" {
		d["sipPassword"] = newSecret(16)
	}
	c.s.st.devices.put(id, d)
	return reply{status: 201, body: renderDevice(d)}
}

// device returns the device line of the path.
func (c *call) device() (obj, obj, *reply) {
	a, r := c.account()
	if r != nil {
		return nil, nil, r
	}
	id := c.params["deviceId"]
	d, found := c.s.st.devices.get(id)
	if !found || str(d, "accountId") != str(a, "id") {
		nf := c.notFound("Device", id)
		return nil, nil, &nf
	}
	return a, d, nil
}

// listDevices: GET {A}/deviceline?filterType&filter. Without a filter the
// platform returns the acting user's own devices, which for a management
// user is none: send filterType=ACCOUNT.
func listDevices(c *call) reply {
	a, r := c.account()
	if r != nil {
		return *r
	}
	ft, f := c.query.Get("filterType"), c.query.Get("filter")
	if ft != "" && f == "" {
		return c.badRequest("filter is required when filterType is set")
	}
	accountID := str(a, "id")
	var keep func(obj) bool
	switch ft {
	case "":
		keep = func(d obj) bool { return str(d, "accountId") == accountID && str(d, "userId") == c.session.userID }
	case "ACCOUNT":
		keep = func(d obj) bool { return str(d, "accountId") == accountID && f == accountID }
	case "MAC_ADDRESS":
		keep = func(d obj) bool {
			return str(d, "accountId") == accountID && normMAC(str(d, "macAddress")) == normMAC(f)
		}
	case "MAC_ADDRESS_INVENTORY":
		keep = func(d obj) bool { return normMAC(str(d, "macAddress")) == normMAC(f) }
	case "OWNING_USERID":
		keep = func(d obj) bool { return str(d, "accountId") == accountID && str(d, "userId") == f }
	case "REFERENCED_USERID":
		keep = func(d obj) bool { return str(d, "accountId") == accountID && str(d, "referenceId") == f }
	default:
		return c.badRequest("unknown filterType %s", ft)
	}
	var out []obj
	for _, d := range c.s.st.devices.list(keep) {
		out = append(out, renderDevice(d))
	}
	return ok(array(out))
}

// getDevice: GET {A}/deviceline/{deviceId}.
func getDevice(c *call) reply {
	_, d, r := c.device()
	if r != nil {
		return *r
	}
	return ok(renderDevice(d))
}

// putDevice: PUT {A}/deviceline/{deviceId}. Credentials not sent are kept.
func putDevice(c *call) reply {
	a, d, r := c.device()
	if r != nil {
		return *r
	}
	in := c.obj()
	if in == nil {
		return c.badRequest("a DeviceX body is required")
	}
	next := clone(in)
	if r := c.checkDeviceFields(a, next, str(d, "id")); r != nil {
		return *r
	}
	for _, k := range []string{"id", "accountId", "partitionId"} {
		next[k] = d[k]
	}
	for _, k := range []string{"sipUsername", "sipPassword", "faxEnabled", "lineType", "emergencyNumber"} {
		if next[k] == nil || next[k] == "" {
			next[k] = d[k]
		}
	}
	c.s.st.devices.put(str(d, "id"), next)
	return ok(renderDevice(next))
}

// updateDevice: PATCH {A}/deviceline/{deviceId}.
func updateDevice(c *call) reply {
	a, d, r := c.device()
	if r != nil {
		return *r
	}
	in := c.obj()
	if in == nil {
		return c.badRequest("a JSON object is required")
	}
	if r := c.immutable(d, in, "id", "accountId", "partitionId"); r != nil {
		return *r
	}
	next := clone(d)
	merge(next, clone(in), "id", "accountId", "partitionId")
	if r := c.checkDeviceFields(a, next, str(d, "id")); r != nil {
		return *r
	}
	c.s.st.devices.put(str(d, "id"), next)
	return ok(renderDevice(next))
}

// removeDevice: DELETE {A}/deviceline/{deviceId}, 204.
func removeDevice(c *call) reply {
	_, d, r := c.device()
	if r != nil {
		return *r
	}
	delete(c.s.st.registered, str(d, "id"))
	c.s.st.devices.del(str(d, "id"))
	return noContent()
}

// registrationStatus: GET {A}/deviceline/{deviceId}/registrationstatus.
func registrationStatus(c *call) reply {
	_, d, r := c.device()
	if r != nil {
		return *r
	}
	return ok(obj{"registered": c.s.st.registered[str(d, "id")]})
}

// provisioningData: GET {P}/deviceprovisioning/account/{accountId}/device/{deviceId}.
// The lines are every device line of the account on the same MAC address
// (just the device when it has none), with their SIP credentials.
func provisioningData(c *call) reply {
	a, d, r := c.device()
	if r != nil {
		return *r
	}
	mac := normMAC(str(d, "macAddress"))
	same := []obj{d}
	if mac != "" {
		same = c.s.st.devices.list(func(x obj) bool {
			return str(x, "accountId") == str(a, "id") && normMAC(str(x, "macAddress")) == mac
		})
	}
	dt := c.s.deviceType(str(d, "deviceTypeId"))
	var lines []any
	fax := false
	for _, x := range same {
		display := str(x, "deviceName")
		if u, found := c.s.st.users.get(str(x, "userId")); found {
			if name := strings.TrimSpace(str(u, "firstName") + " " + str(u, "lastName")); name != "" {
				display = name
			}
		}
		line, _ := integer(x, "lineNumber")
		fax = fax || boolean(x, "faxEnabled")
		lines = append(lines, obj{
			"macAddress": str(x, "macAddress"), "lineNumber": line, "userId": str(x, "userId"),
			"displayName": display, "sipUsername": str(x, "sipUsername"), "sipPassword": str(x, "sipPassword"),
			"server": deviceServer, "serverPort": deviceServerPort, "emergencyNumber": str(x, "emergencyNumber"),
			"enabled": true, "faxEnabled": boolean(x, "faxEnabled"),
		})
	}
	numLines, _ := integer(dt, "numLines")
	return ok(obj{
		"macAddress": str(d, "macAddress"), "deviceType": str(dt, "name"), "lineCount": numLines,
		"dialPlan":          "(<2-8>xxx|<9>[2-9]xxxxxx|1[2-9]xx[2-9]xxxxxx|[2-9]xx[2-9]xxxxxx|911|[2-9]11)",
		"hasFaxEnabledLine": fax, "lines": lines,
	})
}

// getDeviceTypes: GET /v2/ref/devicetype.
func getDeviceTypes(c *call) reply { return ok(clone(c.s.st.deviceTypes)) }
