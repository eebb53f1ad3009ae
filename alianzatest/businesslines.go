package alianzatest

import "net/http"

// defaultCallHandling is a new business line's call handling (the example of Alianza's account guide).
func defaultCallHandling() obj {
	return obj{
		"activeCallHandling":         "RING_LINE",
		"callWaitingEnabled":         true,
		"busyFailoverAction":         obj{"@type": "VoicemailRingFailoverAction"},
		"unregisteredFailoverAction": obj{"@type": "VoicemailRingFailoverAction"},
		"ringTimeoutConfiguration":   obj{"@type": "UnlimitedRingTimeoutConfiguration"},
	}
}

// createBusinessLine: POST {A}/business-line. accountId and partitionId
// come from the path.
func createBusinessLine(c *call) reply {
	a, r := c.account()
	if r != nil {
		return *r
	}
	in := c.obj()
	if in == nil || str(in, "name") == "" {
		return c.badRequest("a BusinessLine with a name is required")
	}
	l := clone(in)
	id := newUUID()
	l["id"] = id
	l["accountId"] = str(a, "id")
	l["partitionId"] = str(a, "partitionId")
	setDefault(l, "callerIdVisible", true)
	setDefault(l, "callerIdName", "ANONYMOUS")
	c.s.st.lines.put(id, l)
	c.s.st.callHandling[id] = defaultCallHandling()
	c.s.st.lineCreds[id] = obj{"sipUsername": "bl" + newID()[:14], "sipPassword": newSecret(16)}
	return ok(clone(l))
}

// line returns the business line of the path.
func (c *call) line() (obj, obj, *reply) {
	a, r := c.account()
	if r != nil {
		return nil, nil, r
	}
	id := c.params["businessLineId"]
	l, found := c.s.st.lines.get(id)
	if !found || str(l, "accountId") != str(a, "id") {
		nf := c.notFound("BusinessLine", id)
		return nil, nil, &nf
	}
	return a, l, nil
}

// retrieveBusinessLines: GET {A}/business-line.
func retrieveBusinessLines(c *call) reply {
	a, r := c.account()
	if r != nil {
		return *r
	}
	return ok(clone(array(c.s.st.lines.list(func(l obj) bool { return str(l, "accountId") == str(a, "id") }))))
}

// retrieveBusinessLine: GET {A}/business-line/{businessLineId}.
func retrieveBusinessLine(c *call) reply {
	_, l, r := c.line()
	if r != nil {
		return *r
	}
	return ok(clone(l))
}

// updateBusinessLine: PUT {A}/business-line/{businessLineId}.
func updateBusinessLine(c *call) reply {
	_, l, r := c.line()
	if r != nil {
		return *r
	}
	in := c.obj()
	if in == nil || str(in, "name") == "" {
		return c.badRequest("a BusinessLine with a name is required")
	}
	next := clone(in)
	for _, k := range []string{"id", "accountId", "partitionId"} {
		next[k] = l[k]
	}
	setDefault(next, "callerIdName", l["callerIdName"])
	c.s.st.lines.put(str(l, "id"), next)
	return ok(clone(next))
}

// deleteBusinessLine: DELETE {A}/business-line/{businessLineId}. The spec
// documents only `default` for success: 204.
func deleteBusinessLine(c *call) reply {
	_, l, r := c.line()
	if r != nil {
		return *r
	}
	id := str(l, "id")
	c.s.dropReferences("BUSINESS_LINE", id)
	for _, m := range []map[string]obj{c.s.st.callHandling, c.s.st.lineCreds, c.s.st.ports} {
		delete(m, id)
	}
	delete(c.s.st.registered, id)
	c.s.st.lines.del(id)
	return noContent()
}

// getBusinessLineCallHandling: GET {A}/business-line/{id}/call-handling.
func getBusinessLineCallHandling(c *call) reply {
	_, l, r := c.line()
	if r != nil {
		return *r
	}
	return ok(clone(c.s.st.callHandling[str(l, "id")]))
}

// putBusinessLineCallHandling: PUT {A}/business-line/{id}/call-handling.
// The @type unions are stored as sent.
func putBusinessLineCallHandling(c *call) reply {
	_, l, r := c.line()
	if r != nil {
		return *r
	}
	in := c.obj()
	if in == nil {
		return c.badRequest("a CallHandling body is required")
	}
	for _, f := range []string{"activeCallHandling", "busyFailoverAction", "unregisteredFailoverAction", "ringTimeoutConfiguration"} {
		if in[f] == nil {
			return c.badRequest("%s is required", f)
		}
	}
	if str(in, "activeCallHandling") == "FORWARD" && str(in, "forwardToPhoneNumber") == "" {
		return c.badRequest("forwardToPhoneNumber is required when activeCallHandling is FORWARD")
	}
	c.s.st.callHandling[str(l, "id")] = clone(in)
	return ok(clone(in))
}

// getBusinessLineSipCredentials: GET {A}/business-line/{id}/sip-credentials.
func getBusinessLineSipCredentials(c *call) reply {
	_, l, r := c.line()
	if r != nil {
		return *r
	}
	return ok(obj{"sipUsername": str(c.s.st.lineCreds[str(l, "id")], "sipUsername")})
}

// putBusinessLineSipCredentials: PUT {A}/business-line/{id}/sip-credentials.
func putBusinessLineSipCredentials(c *call) reply {
	_, l, r := c.line()
	if r != nil {
		return *r
	}
	in := c.obj()
	if in == nil || str(in, "sipUsername") == "" || str(in, "sipPassword") == "" {
		return c.badRequest("sipUsername and sipPassword are required")
	}
	if c.s.sipUsernameTaken(str(in, "sipUsername"), str(l, "id")) {
		return c.badRequest("sipUsername %s is already in use", str(in, "sipUsername"))
	}
	c.s.st.lineCreds[str(l, "id")] = obj{"sipUsername": str(in, "sipUsername"), "sipPassword": str(in, "sipPassword")}
	return ok(obj{"sipUsername": str(in, "sipUsername")})
}

// checkPort validates a PortAssignment: a known device type, a port on it,
// and a MAC/port no other line uses.
func (c *call) checkPort(l, in obj) *reply {
	dt := c.s.deviceType(str(in, "deviceTypeId"))
	if dt == nil {
		r := c.badRequest("unknown deviceTypeId %s", str(in, "deviceTypeId"))
		return &r
	}
	port, isInt := integer(in, "portNumber")
	max, _ := integer(dt, "numLines")
	if isInt && (port < 1 || port > max) {
		r := c.badRequest("portNumber must be between 1 and %d for %s", max, str(dt, "id"))
		return &r
	}
	for id, p := range c.s.st.ports {
		if id == str(l, "id") || normMAC(str(p, "macAddress")) != normMAC(str(in, "macAddress")) || normMAC(str(in, "macAddress")) == "" {
			continue
		}
		if q, _ := integer(p, "portNumber"); q == port {
			r := c.badRequest("port %d of %s is assigned to another line", port, str(in, "macAddress"))
			return &r
		}
	}
	return nil
}

func (c *call) storePort(l, in obj) obj {
	p := clone(in)
	p["businessLineId"] = str(l, "id")
	setDefault(p, "faxEnabled", false)
	c.s.st.ports[str(l, "id")] = p
	return clone(p)
}

// createBusinessLinePortAssignment: POST .../port-assignment.
func createBusinessLinePortAssignment(c *call) reply {
	_, l, r := c.line()
	if r != nil {
		return *r
	}
	if _, exists := c.s.st.ports[str(l, "id")]; exists {
		return c.badRequest("business line %s already has a port assignment", str(l, "id"))
	}
	in := c.obj()
	if in == nil {
		return c.badRequest("a PortAssignment body is required")
	}
	if r := c.checkPort(l, in); r != nil {
		return *r
	}
	return ok(c.storePort(l, in))
}

// getBusinessLinePortAssignment: GET .../port-assignment.
func getBusinessLinePortAssignment(c *call) reply {
	_, l, r := c.line()
	if r != nil {
		return *r
	}
	p, found := c.s.st.ports[str(l, "id")]
	if !found {
		return c.notFound("PortAssignment of business line", str(l, "id"))
	}
	return ok(clone(p))
}

// updateBusinessLinePortAssignment: PUT .../port-assignment.
func updateBusinessLinePortAssignment(c *call) reply {
	_, l, r := c.line()
	if r != nil {
		return *r
	}
	if _, found := c.s.st.ports[str(l, "id")]; !found {
		return c.notFound("PortAssignment of business line", str(l, "id"))
	}
	in := c.obj()
	if in == nil {
		return c.badRequest("a PortAssignment body is required")
	}
	if r := c.checkPort(l, in); r != nil {
		return *r
	}
	return ok(c.storePort(l, in))
}

// deleteBusinessLinePortAssignment: DELETE .../port-assignment (default: 204).
func deleteBusinessLinePortAssignment(c *call) reply {
	_, l, r := c.line()
	if r != nil {
		return *r
	}
	if _, found := c.s.st.ports[str(l, "id")]; !found {
		return c.notFound("PortAssignment of business line", str(l, "id"))
	}
	delete(c.s.st.ports, str(l, "id"))
	return reply{status: http.StatusNoContent}
}

// businessLineRegistrationStatus: GET .../registration.
func businessLineRegistrationStatus(c *call) reply {
	_, l, r := c.line()
	if r != nil {
		return *r
	}
	return ok(obj{"registered": c.s.st.registered[str(l, "id")], "lockedOut": false})
}
