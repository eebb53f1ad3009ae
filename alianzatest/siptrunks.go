package alianzatest

import "strings"

// sipProxyServer is where trunks register, as in the response of Alianza's account guide.
const sipProxyServer = "siptrunk.p2.alianza.com:5065"

// sipUsernameTaken reports whether a SIP username is used by a trunk,
// device line or business line other than selfID (usernames are unique
// across the platform).
func (s *Server) sipUsernameTaken(name, selfID string) bool {
	for _, t := range []*table{s.st.trunks, s.st.devices} {
		for _, o := range t.list(nil) {
			if strings.EqualFold(str(o, "sipUsername"), name) && str(o, "id") != selfID {
				return true
			}
		}
	}
	for id, cred := range s.st.lineCreds {
		if strings.EqualFold(str(cred, "sipUsername"), name) && id != selfID {
			return true
		}
	}
	return false
}

// checkTrunkFields validates what Alianza's SIP trunk and account guides
// call required and unique.
func (c *call) checkTrunkFields(a, in obj, selfID string) *reply {
	for _, f := range []string{"trunkName", "sipUsername", "sipPassword"} {
		if str(in, f) == "" {
			r := c.badRequest("%s is required", f)
			return &r
		}
	}
	if n, isInt := integer(in, "concurrentCalls"); !isInt || n < 1 {
		r := c.badRequest("concurrentCalls must be at least 1")
		return &r
	}
	if u := str(in, "sipUsername"); len(u) < 8 || len(u) > 36 {
		r := c.badRequest("sipUsername must be 8 to 36 characters")
		return &r
	}
	if len(str(in, "sipPassword")) < 6 {
		r := c.badRequest("sipPassword must be at least 6 characters")
		return &r
	}
	if c.s.sipUsernameTaken(str(in, "sipUsername"), selfID) {
		r := c.badRequest("sipUsername %s is already in use", str(in, "sipUsername"))
		return &r
	}
	for _, t := range c.s.st.trunks.list(func(t obj) bool { return str(t, "accountId") == str(a, "id") }) {
		if str(t, "trunkName") == str(in, "trunkName") && str(t, "id") != selfID {
			r := c.badRequest("trunkName %s is already in use", str(in, "trunkName"))
			return &r
		}
	}
	return nil
}

// createSipTrunk: POST {A}/siptrunk_2.
func createSipTrunk(c *call) reply {
	a, r := c.account()
	if r != nil {
		return *r
	}
	in := c.obj()
	if in == nil {
		return c.badRequest("a SipTrunk body is required")
	}
	if r := c.checkTrunkFields(a, in, ""); r != nil {
		return *r
	}
	t := clone(in)
	id := newID()
	t["id"] = id
	t["partitionId"] = str(a, "partitionId")
	t["accountId"] = str(a, "id")
	t["sipProxyServer"] = sipProxyServer
	setDefault(t, "localServicesEnabled", false)
	for _, k := range []string{"callingPlans", "telephoneNumbers", "lockedOut", "setupCallingPlan", "newCppId"} {
		delete(t, k)
	}
	c.s.st.trunks.put(id, t)
	c.s.addPlan(str(a, "id"), "SIP_TRUNK", id, c.s.planProductFor(str(in, "newCppId")), false)
	return ok(c.s.renderTrunk(t))
}

// renderTrunk adds the computed fields.
func (s *Server) renderTrunk(t obj) obj {
	out := clone(t)
	id := str(t, "id")
	out["callingPlans"] = s.plansFor(str(t, "accountId"), "SIP_TRUNK", id)
	tns := []string{}
	for _, n := range s.st.numbers.list(func(n obj) bool { return str(n, "referenceType") == "SIP_TRUNK" && str(n, "referenceId") == id }) {
		tns = append(tns, str(n, "phoneNumber"))
	}
	out["telephoneNumbers"] = tns
	out["lockedOut"] = s.st.lockedOut[id]
	return out
}

// trunk returns the SIP trunk of the path.
func (c *call) trunk() (obj, obj, *reply) {
	a, r := c.account()
	if r != nil {
		return nil, nil, r
	}
	id := c.params["sipTrunkId"]
	t, found := c.s.st.trunks.get(id)
	if !found || str(t, "accountId") != str(a, "id") {
		nf := c.notFound("SipTrunk", id)
		return nil, nil, &nf
	}
	return a, t, nil
}

// retrieveSipTrunkList: GET {A}/siptrunk_2.
func retrieveSipTrunkList(c *call) reply {
	a, r := c.account()
	if r != nil {
		return *r
	}
	var out []obj
	for _, t := range c.s.st.trunks.list(func(t obj) bool { return str(t, "accountId") == str(a, "id") }) {
		out = append(out, c.s.renderTrunk(t))
	}
	return ok(array(out))
}

// retrieveSipTrunk: GET {A}/siptrunk_2/{sipTrunkId}.
func retrieveSipTrunk(c *call) reply {
	_, t, r := c.trunk()
	if r != nil {
		return *r
	}
	return ok(c.s.renderTrunk(t))
}

// updateSipTrunk: PUT {A}/siptrunk_2/{sipTrunkId}.
func updateSipTrunk(c *call) reply {
	a, t, r := c.trunk()
	if r != nil {
		return *r
	}
	in := c.obj()
	if in == nil {
		return c.badRequest("a SipTrunk body is required")
	}
	if r := c.checkTrunkFields(a, in, str(t, "id")); r != nil {
		return *r
	}
	next := clone(in)
	for _, k := range []string{"id", "partitionId", "accountId", "sipProxyServer"} {
		next[k] = t[k]
	}
	for _, k := range []string{"callingPlans", "telephoneNumbers", "lockedOut", "setupCallingPlan", "newCppId"} {
		delete(next, k)
	}
	c.s.st.trunks.put(str(t, "id"), next)
	return ok(c.s.renderTrunk(next))
}

// patchSipTrunk: PATCH {A}/siptrunk_2/{sipTrunkId}.
func patchSipTrunk(c *call) reply {
	a, t, r := c.trunk()
	if r != nil {
		return *r
	}
	in := c.obj()
	if in == nil {
		return c.badRequest("a JSON object is required")
	}
	if r := c.immutable(t, in, "id", "partitionId", "accountId"); r != nil {
		return *r
	}
	next := clone(t)
	merge(next, clone(in), "id", "partitionId", "accountId", "callingPlans", "telephoneNumbers", "lockedOut", "sipProxyServer", "setupCallingPlan", "newCppId")
	if r := c.checkTrunkFields(a, next, str(t, "id")); r != nil {
		return *r
	}
	c.s.st.trunks.put(str(t, "id"), next)
	return ok(c.s.renderTrunk(next))
}

// deleteSipTrunk: DELETE {A}/siptrunk_2/{sipTrunkId}.
func deleteSipTrunk(c *call) reply {
	_, t, r := c.trunk()
	if r != nil {
		return *r
	}
	id := str(t, "id")
	c.s.dropReferences("SIP_TRUNK", id)
	delete(c.s.st.forwards, id)
	delete(c.s.st.lockedOut, id)
	delete(c.s.st.registered, id)
	c.s.st.trunks.del(id)
	return noContent()
}

// updateSipTrunkForwardBehavior: PUT {A}/siptrunk_2/{id}/forward, 204.
func updateSipTrunkForwardBehavior(c *call) reply {
	a, t, r := c.trunk()
	if r != nil {
		return *r
	}
	in := c.obj()
	if in == nil {
		return c.badRequest("a SipTrunkForwardRules body is required")
	}
	rules := clone(in)
	rules["partitionId"] = str(a, "partitionId")
	rules["accountId"] = str(a, "id")
	rules["sipTrunkId"] = str(t, "id")
	setDefault(rules, "forwardOnFailure", []any{})
	setDefault(rules, "forwardOnCapacityExceeded", []any{})
	c.s.st.forwards[str(t, "id")] = rules
	return noContent()
}

// retrieveSipTrunkForwardBehavior: GET {A}/siptrunk_2/{id}/forward.
func retrieveSipTrunkForwardBehavior(c *call) reply {
	a, t, r := c.trunk()
	if r != nil {
		return *r
	}
	if rules, found := c.s.st.forwards[str(t, "id")]; found {
		return ok(clone(rules))
	}
	return ok(obj{
		"partitionId": str(a, "partitionId"), "accountId": str(a, "id"), "sipTrunkId": str(t, "id"),
		"forwardOnFailure": []any{}, "forwardOnCapacityExceeded": []any{},
	})
}

// getRegistrationStatus: GET {A}/siptrunk_2/{id}/registrationstatus.
func getRegistrationStatus(c *call) reply {
	_, t, r := c.trunk()
	if r != nil {
		return *r
	}
	id := str(t, "id")
	return ok(obj{"registered": c.s.st.registered[id], "lockedOut": c.s.st.lockedOut[id]})
}

// unlockSipTrunk: PUT {A}/siptrunk_2/{id}/unlock.
func unlockSipTrunk(c *call) reply {
	_, t, r := c.trunk()
	if r != nil {
		return *r
	}
	delete(c.s.st.lockedOut, str(t, "id"))
	return ok(c.s.renderTrunk(t))
}
