package alianzatest

import (
	"net/http"
	"strings"
)

// accountCreateRequired are the fields the platform needs to create an
// account (the spec's required list less the server-assigned ones).
var accountCreateRequired = []string{"accountNumber", "accountName", "accountType", "timeZone", "billingCycleDay", "dialingBehaviorType"}

// defaultInboundRatePlanProductID is the partition's inbound rate plan.
const defaultInboundRatePlanProductID = "FakeInboundRatePlan0001"

// checkAccountFields validates the fields the platform checks itself.
func (c *call) checkAccountFields(in obj) *reply {
	if v, set := in["billingCycleDay"]; set {
		n, isInt := integer(in, "billingCycleDay")
		if !isInt || n < 1 || n > 28 {
			r := c.badRequest("billingCycleDay must be between 1 and 28, got %v", v)
			return &r
		}
		in["billingCycleDay"] = n
	}
	if _, set := in["extensionLength"]; set {
		n, isInt := integer(in, "extensionLength")
		if !isInt || n < 3 || n > 6 {
			r := c.badRequest("extensionLength must be between 3 and 6")
			return &r
		}
		in["extensionLength"] = n
	}
	if n := str(in, "accountNumber"); n != "" {
		for _, a := range c.s.st.accounts.list(nil) {
			if str(a, "accountNumber") == n && str(a, "partitionId") == c.params["partitionId"] && str(a, "id") != c.params["accountId"] {
				r := c.badRequest("accountNumber %s already exists in this partition", n)
				return &r
			}
		}
	}
	return nil
}

// createAccount: POST {P}/account.
func createAccount(c *call) reply {
	if !c.partitionOK() {
		return c.notFound("Partition", c.params["partitionId"])
	}
	in := c.obj()
	if in == nil {
		return c.badRequest("an Account body is required")
	}
	for _, f := range accountCreateRequired {
		if in[f] == nil || in[f] == "" {
			return c.badRequest("%s is required", f)
		}
	}
	// The spec's required list has extensionLength for every account; its
	// description exempts SIMPLE ones (see conditionallyRequired).
	if str(in, "accountType") != "SIMPLE" && in["extensionLength"] == nil {
		return c.badRequest("extensionLength is required for %s accounts", str(in, "accountType"))
	}
	if r := c.checkAccountFields(in); r != nil {
		return *r
	}
	a := clone(in)
	a["id"] = newID()
	a["partitionId"] = c.params["partitionId"]
	setDefault(a, "status", "ACTIVE")
	setDefault(a, "regulatoryType", "RESIDENTIAL")
	setDefault(a, "inboundRatePlanProductId", defaultInboundRatePlanProductID)
	setDefault(a, "extensionLength", 4)
	setDefault(a, "platformType", "CPE2")
	setDefault(a, "routePlanId", newUUID())
	setDefault(a, "holdTimeoutSeconds", 120)
	setDefault(a, "allowDangerousExtensions", false)
	setDefault(a, "sendWelcomeEmail", true)
	setDefault(a, "languageTag", "en-US")
	delete(a, "callingPlans")
	delete(a, "endUserCount")
	c.s.st.accounts.put(str(a, "id"), a)
	return ok(c.s.renderAccount(a))
}

func setDefault(o obj, k string, v any) {
	if o[k] == nil {
		o[k] = v
	}
}

// renderAccount adds the computed fields (endUserCount, callingPlans).
func (s *Server) renderAccount(a obj) obj {
	out := clone(a)
	id := str(a, "id")
	out["endUserCount"] = len(s.st.users.list(func(u obj) bool { return str(u, "accountId") == id }))
	out["callingPlans"] = s.plansFor(id, "ACCOUNT", id)
	return out
}

// retrieveAccount: GET {A}?accountIdType=Id|AccountNumber|PhoneNumber|MacAddress.
func retrieveAccount(c *call) reply {
	if !c.partitionOK() {
		return c.notFound("Partition", c.params["partitionId"])
	}
	key := c.params["accountId"]
	idType := c.query.Get("accountIdType")
	var found obj
	st := c.s.st
	inPartition := func(a obj) bool { return str(a, "partitionId") == c.params["partitionId"] }
	switch idType {
	case "", "Id":
		if a, ok := st.accounts.get(key); ok && inPartition(a) {
			found = a
		}
	case "AccountNumber":
		for _, a := range st.accounts.list(inPartition) {
			if str(a, "accountNumber") == key {
				found = a
			}
		}
	case "PhoneNumber":
		if n, ok := st.numbers.get(normTN(key)); ok {
			if a, ok := st.accounts.get(str(n, "accountId")); ok && inPartition(a) {
				found = a
			}
		}
	case "MacAddress":
		for _, d := range st.devices.list(nil) {
			if normMAC(str(d, "macAddress")) == normMAC(key) && normMAC(key) != "" {
				if a, ok := st.accounts.get(str(d, "accountId")); ok && inPartition(a) {
					found = a
				}
			}
		}
	default:
		return c.badRequest("accountIdType must be Id, AccountNumber, PhoneNumber or MacAddress")
	}
	if found == nil {
		return c.notFound("Account", key)
	}
	return ok(c.s.renderAccount(found))
}

// accountPatch: PATCH {A}.
func accountPatch(c *call) reply {
	a, r := c.account()
	if r != nil {
		return *r
	}
	in := c.obj()
	if in == nil {
		return c.badRequest("a JSON object is required")
	}
	if r := c.immutable(a, in, "id", "partitionId", "extensionLength"); r != nil {
		return *r
	}
	if r := c.checkAccountFields(in); r != nil {
		return *r
	}
	merge(a, clone(in), "id", "partitionId", "callingPlans", "endUserCount")
	return ok(c.s.renderAccount(a))
}

// updateAccount: PUT {A}.
func updateAccount(c *call) reply {
	a, r := c.account()
	if r != nil {
		return *r
	}
	in := c.obj()
	if in == nil {
		return c.badRequest("an Account body is required")
	}
	for _, f := range accountCreateRequired {
		if in[f] == nil || in[f] == "" {
			return c.badRequest("%s is required", f)
		}
	}
	if r := c.immutable(a, in, "id", "partitionId", "extensionLength"); r != nil {
		return *r
	}
	if r := c.checkAccountFields(in); r != nil {
		return *r
	}
	next := clone(in)
	for _, k := range []string{"id", "partitionId", "extensionLength", "status", "regulatoryType", "inboundRatePlanProductId", "routePlanId"} {
		if next[k] == nil {
			next[k] = a[k]
		}
	}
	delete(next, "callingPlans")
	delete(next, "endUserCount")
	c.s.st.accounts.put(str(a, "id"), next)
	return ok(c.s.renderAccount(next))
}

// immutable refuses a change of the listed fields (sending the same value
// back is fine).
func (c *call) immutable(cur, in obj, fields ...string) *reply {
	for _, f := range fields {
		v, sent := in[f]
		if !sent || v == nil {
			continue
		}
		if n, isInt := integer(in, f); isInt {
			if m, _ := integer(cur, f); m == n {
				continue
			}
		} else if v == cur[f] {
			continue
		}
		r := c.badRequest("%s cannot be modified", f)
		return &r
	}
	return nil
}

// deleteAccount: DELETE {A}. Refused while the account has numbers.
func deleteAccount(c *call) reply {
	a, r := c.account()
	if r != nil {
		return *r
	}
	id := str(a, "id")
	st := c.s.st
	if tns := st.numbers.list(func(n obj) bool { return str(n, "accountId") == id }); len(tns) > 0 {
		return c.badRequest("An account that has telephonenumbers or in progress lifecycle events cannot be deleted: account %s has %d telephone number(s); delete them first", id, len(tns))
	}
	inAccount := func(o obj) bool { return str(o, "accountId") == id }
	for _, t := range []*table{st.users, st.trunks, st.devices, st.lines, st.plans} {
		for _, o := range t.list(inAccount) {
			t.del(str(o, "id"))
		}
	}
	st.accounts.del(id)
	return emptyOK()
}

// getAccounts: GET {P}/account.
func getAccounts(c *call) reply {
	if !c.partitionOK() {
		return c.notFound("Partition", c.params["partitionId"])
	}
	var out []obj
	for _, a := range c.s.st.accounts.list(func(a obj) bool { return str(a, "partitionId") == c.params["partitionId"] }) {
		out = append(out, c.s.renderAccount(a))
	}
	return ok(array(out))
}

// accountSearch: GET {P}/account/search?q=. Searches account number and
// name, user email addresses, phone numbers and device MAC addresses.
func accountSearch(c *call) reply {
	if !c.partitionOK() {
		return c.notFound("Partition", c.params["partitionId"])
	}
	q := strings.ToLower(strings.TrimSpace(c.query.Get("q")))
	st := c.s.st
	var out []obj
	for _, a := range st.accounts.list(func(a obj) bool { return str(a, "partitionId") == c.params["partitionId"] }) {
		id := str(a, "id")
		matches := obj{}
		has := func(field, v string) {
			if q != "" && strings.Contains(strings.ToLower(v), q) {
				matches[field] = v
			}
		}
		has("accountNumber", str(a, "accountNumber"))
		has("accountName", str(a, "accountName"))
		for _, u := range st.users.list(func(u obj) bool { return str(u, "accountId") == id }) {
			has("emailAddress", str(u, "emailAddress"))
		}
		for _, n := range st.numbers.list(func(n obj) bool { return str(n, "accountId") == id }) {
			has("phoneNumber", str(n, "phoneNumber"))
		}
		for _, d := range st.devices.list(func(d obj) bool { return str(d, "accountId") == id }) {
			if mac := normMAC(str(d, "macAddress")); mac != "" && strings.Contains(mac, normMAC(q)) && normMAC(q) != "" {
				matches["macAddress"] = str(d, "macAddress")
			}
		}
		if len(matches) == 0 {
			continue
		}
		view := obj{
			"partitionId": str(a, "partitionId"), "id": id,
			"accountNumber": str(a, "accountNumber"), "accountName": str(a, "accountName"),
			"type": a["accountType"], "matches": matches,
		}
		switch st := str(a, "status"); st {
		case "ACTIVE", "DISABLED", "DELETED", "DELETE_PENDING":
			view["accountStatus"] = st
		}
		if p := str(a, "platformType"); p != "" {
			view["platformType"] = p
		}
		out = append(out, view)
	}
	return ok(array(out))
}

// getStatus: GET {A}/status, a bare JSON string.
func getStatus(c *call) reply {
	a, r := c.account()
	if r != nil {
		return *r
	}
	return ok(str(a, "status"))
}

// validateAccountProperties: GET {P}/account/validateproperties. 200 true
// when every proposed value is free, 400 otherwise.
func validateAccountProperties(c *call) reply {
	if !c.partitionOK() {
		return c.notFound("Partition", c.params["partitionId"])
	}
	st := c.s.st
	if n := c.query.Get("accountnumber"); n != "" {
		for _, a := range st.accounts.list(nil) {
			if str(a, "accountNumber") == n && str(a, "partitionId") == c.params["partitionId"] {
				return c.badRequest("accountnumber %s is already in use", n)
			}
		}
	}
	if m := normMAC(c.query.Get("macaddress")); m != "" {
		for _, d := range st.devices.list(nil) {
			if normMAC(str(d, "macAddress")) == m {
				return c.badRequest("macaddress %s is already in use", c.query.Get("macaddress"))
			}
		}
	}
	if u := c.query.Get("sipusername"); u != "" && c.s.sipUsernameTaken(u, "") {
		return c.badRequest("sipusername %s is already in use", u)
	}
	if u := c.query.Get("username"); u != "" {
		for _, x := range st.users.list(nil) {
			if strings.EqualFold(str(x, "username"), u) {
				return c.badRequest("username %s is already in use", u)
			}
		}
	}
	return reply{status: http.StatusOK, body: true}
}

// userProductPlans is what getAvailableUserProductPlans offers.
var userProductPlans = []obj{
	{"id": "STANDARD", "displayName": "Standard", "description": "Desk phone calling features", "emailAddressRequired": false},
	{"id": "ADVANCED", "displayName": "Advanced", "description": "Adds the Alianza UC app", "emailAddressRequired": true},
	{"id": "PROFESSIONAL", "displayName": "Professional", "description": "Adds UC app collaboration features", "emailAddressRequired": true},
}

// getAvailableUserProductPlans: GET {A}/user-product-plans.
func getAvailableUserProductPlans(c *call) reply {
	a, r := c.account()
	if r != nil {
		return *r
	}
	if str(a, "accountType") == "SIMPLE" {
		return ok(clone(userProductPlans[:1]))
	}
	return ok(clone(userProductPlans))
}
