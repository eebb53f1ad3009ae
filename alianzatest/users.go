package alianzatest

import (
	"net/http"
	"strings"
)

// defaultUserSettings are the call handling and screening settings of a new
// user, as in the create response of Alianza's account guide.
func defaultUserSettings() (handling, screening obj) {
	handling = obj{
		"callWaitingEnabled":     true,
		"doNotDisturbEnabled":    false,
		"callHandlingOptionType": "RingPhone",
		"ringPhoneCallHandling": obj{
			"busyCallHandling":         obj{"type": "Voicemail"},
			"noAnswerCallHandling":     obj{"type": "Voicemail", "timeout": 20},
			"unregisteredCallHandling": obj{"type": "Voicemail"},
		},
	}
	screening = obj{
		"anonymousCallScreen": "Allow", "anonymousRingType": "StandardRing",
		"tollFreeCallScreen": "Allow", "tollFreeRingType": "StandardRing",
		"defaultCallScreen": "Allow", "defaultRingType": "StandardRing",
	}
	return handling, screening
}

// checkUserFields validates username and extension uniqueness.
func (c *call) checkUserFields(account, in obj, selfID string) *reply {
	if u := str(in, "username"); u != "" {
		for _, x := range c.s.st.users.list(nil) {
			if strings.EqualFold(str(x, "username"), u) && str(x, "id") != selfID {
				r := c.badRequest("username %s is already in use", u)
				return &r
			}
		}
	}
	if ext := str(in, "extension"); ext != "" {
		want, _ := integer(account, "extensionLength")
		if len(ext) != want || strings.Trim(ext, "0123456789") != "" {
			r := c.badRequest("extension %s must have %d digits", ext, want)
			return &r
		}
		for _, x := range c.s.st.users.list(func(x obj) bool { return str(x, "accountId") == str(account, "id") }) {
			if str(x, "extension") == ext && str(x, "id") != selfID {
				r := c.badRequest("extension %s is already in use on this account", ext)
				return &r
			}
		}
	}
	if in["allowPortalAccess"] == true && str(in, "emailAddress") == "" {
		r := c.badRequest("emailAddress is required when allowPortalAccess is true")
		return &r
	}
	return nil
}

// createEndUser: POST {A}/user.
func createEndUser(c *call) reply {
	a, r := c.account()
	if r != nil {
		return *r
	}
	in := c.obj()
	if in == nil {
		return c.badRequest("an EndUserV2X body is required")
	}
	if str(in, "timeZone") == "" {
		return c.badRequest("timeZone is required")
	}
	if r := c.checkUserFields(a, in, ""); r != nil {
		return *r
	}
	u := clone(in)
	id := newID()
	u["id"] = id
	u["partitionId"] = str(a, "partitionId")
	u["accountId"] = str(a, "id")
	handling, screening := defaultUserSettings()
	setDefault(u, "callHandlingSettings", handling)
	setDefault(u, "callScreeningSettings", screening)
	setDefault(u, "mustChangePassword", true)
	setDefault(u, "languageTag", "en-US")
	setDefault(u, "callHandlingSchedules", []any{})
	setDefault(u, "voicemailBoxId", newID())
	setDefault(u, "pinLockedOut", false)
	setDefault(u, "blockEmail", false)
	setDefault(u, "allowPortalAccess", false)
	if str(a, "accountType") != "SIMPLE" {
		setDefault(u, "userProductPlan", "STANDARD")
		setDefault(u, "endUserType", "STANDARD")
	}
	if !boolean(u, "blockEmail") && str(u, "emailAddress") != "" {
		u["welcomeEmailSent"] = timestamp(c.s.nowLocked())
	}
	delete(u, "callingPlans")
	delete(u, "devices")
	c.s.st.users.put(id, u)
	c.s.addPlan(str(a, "id"), "END_USER", id, c.s.planProductFor(str(u, "newCppId")), false)
	delete(u, "newCppId")
	return ok(c.s.renderUser(u))
}

// renderUser adds the computed fields (callingPlans, devices).
func (s *Server) renderUser(u obj) obj {
	out := clone(u)
	id := str(u, "id")
	out["callingPlans"] = s.plansFor(str(u, "accountId"), "END_USER", id)
	var devs []obj
	for _, d := range s.st.devices.list(func(d obj) bool { return str(d, "userId") == id }) {
		devs = append(devs, renderDevice(d))
	}
	out["devices"] = array(devs)
	return out
}

// user returns the user of the path (by id, or by username when
// idType=UserName), or the reply to send instead.
func (c *call) user() (account, user obj, r *reply) {
	a, r := c.account()
	if r != nil {
		return nil, nil, r
	}
	key := c.params["userId"]
	inAccount := func(u obj) bool { return str(u, "accountId") == str(a, "id") }
	switch c.query.Get("idType") {
	case "", "ID":
		if u, ok := c.s.st.users.get(key); ok && inAccount(u) {
			return a, u, nil
		}
	case "UserName":
		for _, u := range c.s.st.users.list(inAccount) {
			if strings.EqualFold(str(u, "username"), key) {
				return a, u, nil
			}
		}
	}
	nf := c.notFound("User", key)
	return nil, nil, &nf
}

// retrieveEndUserList: GET {A}/user. At most 1000 users unless limitedData.
func retrieveEndUserList(c *call) reply {
	a, r := c.account()
	if r != nil {
		return *r
	}
	var out []obj
	for _, u := range c.s.st.users.list(func(u obj) bool { return str(u, "accountId") == str(a, "id") }) {
		out = append(out, c.s.renderUser(u))
	}
	if len(out) > 1000 && c.query.Get("limitedData") != "true" {
		out = out[:1000]
	}
	return ok(array(out))
}

// retrieveEndUser: GET {A}/user/{userId}.
func retrieveEndUser(c *call) reply {
	_, u, r := c.user()
	if r != nil {
		return *r
	}
	return ok(c.s.renderUser(u))
}

// updateEndUser: PUT {A}/user/{userId}.
func updateEndUser(c *call) reply {
	a, u, r := c.user()
	if r != nil {
		return *r
	}
	in := c.obj()
	if in == nil || str(in, "timeZone") == "" {
		return c.badRequest("an EndUserV2X body with timeZone is required")
	}
	if r := c.checkUserFields(a, in, str(u, "id")); r != nil {
		return *r
	}
	next := clone(in)
	for _, k := range []string{"id", "partitionId", "accountId", "voicemailBoxId", "welcomeEmailSent"} {
		// Keep what the platform assigned; a field it never set (no
		// welcome email was sent) stays absent rather than becoming a
		// null the spec does not allow.
		if v, ok := u[k]; ok {
			next[k] = v
		} else {
			delete(next, k)
		}
	}
	delete(next, "callingPlans")
	delete(next, "devices")
	delete(next, "newCppId")
	c.s.st.users.put(str(u, "id"), next)
	return ok(c.s.renderUser(next))
}

// patchEndUser: PATCH {A}/user/{userId}.
func patchEndUser(c *call) reply {
	a, u, r := c.user()
	if r != nil {
		return *r
	}
	in := c.obj()
	if in == nil {
		return c.badRequest("a JSON object is required")
	}
	if r := c.immutable(u, in, "id", "partitionId", "accountId"); r != nil {
		return *r
	}
	if r := c.checkUserFields(a, in, str(u, "id")); r != nil {
		return *r
	}
	merge(u, clone(in), "id", "partitionId", "accountId", "callingPlans", "devices", "newCppId")
	return ok(c.s.renderUser(u))
}

// deleteEndUser: DELETE {A}/user/{userId}. The user's device lines and
// calling plans go with it; numbers routed to it become unrouted (busy).
func deleteEndUser(c *call) reply {
	_, u, r := c.user()
	if r != nil {
		return *r
	}
	id := str(u, "id")
	st := c.s.st
	for _, d := range st.devices.list(func(d obj) bool { return str(d, "userId") == id }) {
		st.devices.del(str(d, "id"))
	}
	c.s.dropReferences("END_USER", id)
	st.users.del(id)
	return reply{status: http.StatusNoContent}
}
