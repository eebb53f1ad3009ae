package alianzatest

import (
	"net/http"
	"strings"
)

// normTN turns a 10-digit NANP number into the platform's 11 digits.
func normTN(tn string) string {
	tn = strings.TrimSpace(tn)
	if len(tn) == 10 && strings.Trim(tn, "0123456789") == "" {
		return "1" + tn
	}
	return tn
}

// referenceExists reports whether a routing target exists on the account.
// Types the fake does not model (IVR, hunt groups, ...) are accepted.
func (s *Server) referenceExists(accountID, refType, refID string) bool {
	var t *table
	switch refType {
	case "END_USER":
		t = s.st.users
	case "SIP_TRUNK":
		t = s.st.trunks
	case "BUSINESS_LINE":
		t = s.st.lines
	default:
		return refID != ""
	}
	o, found := t.get(refID)
	return found && str(o, "accountId") == accountID
}

// dropReferences unroutes numbers and drops plans of a deleted target.
func (s *Server) dropReferences(refType, refID string) {
	for _, n := range s.st.numbers.list(func(n obj) bool { return str(n, "referenceType") == refType && str(n, "referenceId") == refID }) {
		delete(n, "referenceType")
		delete(n, "referenceId")
	}
	for _, p := range s.st.plans.list(func(p obj) bool { return str(p, "referenceType") == refType && str(p, "referenceId") == refID }) {
		s.st.plans.del(str(p, "id"))
	}
}

// route points a number at a target. A null/empty referenceType unroutes
// it (busy). assignAsCallerId makes it the END_USER's outbound caller ID.
func (c *call) route(accountID string, n obj, refType, refID any, assignAsCallerID bool) *reply {
	rt, _ := refType.(string)
	rid, _ := refID.(string)
	if rt == "" {
		delete(n, "referenceType")
		delete(n, "referenceId")
		return nil
	}
	if !c.s.referenceExists(accountID, rt, rid) {
		r := c.notFound(rt, rid)
		return &r
	}
	n["referenceType"], n["referenceId"] = rt, rid
	if assignAsCallerID {
		if rt != "END_USER" {
			r := c.badRequest("assignAsCallerId only works for END_USER references")
			return &r
		}
		u, _ := c.s.st.users.get(rid)
		u["callerIdConfig"] = obj{
			"callerIdNumber":           str(n, "phoneNumber"),
			"externalCallerIdVisible":  true,
			"extensionCallerIdVisible": true,
		}
	}
	return nil
}

// flattenE911 lifts the nested e911Address of Alianza's account guide, {"address": {...}} into the
// flat E911AddressX of the spec (the request is still reported).
func flattenE911(e obj) obj {
	if e == nil {
		return nil
	}
	if inner, nested := e["address"].(map[string]any); nested {
		out := clone(inner)
		for k, v := range e {
			if k != "address" {
				out[k] = v
			}
		}
		return out
	}
	return e
}

// createOrAddTelephoneNumberToAccount: POST {A}/telephonenumber. Every
// number must be in inventory, on no account and not reserved by anyone
// else; otherwise nothing is added. Conflicts are 400, the only client
// error besides 404 the spec documents for this operation (no 409).
func createOrAddTelephoneNumberToAccount(c *call) reply {
	a, r := c.account()
	if r != nil {
		return *r
	}
	in := c.obj()
	if in == nil {
		return c.badRequest("a TelephoneNumberActivationsV2X body is required")
	}
	if in["port"] != nil {
		return c.submitPort(a, in)
	}
	items, _ := in["telephoneNumbers"].([]any)
	if len(items) == 0 {
		return c.badRequest("telephoneNumbers must list at least one phoneNumber")
	}
	st := c.s.st
	now := c.s.nowLocked()
	accountID := str(a, "id")
	var tns []string
	for _, it := range items {
		item, _ := it.(map[string]any)
		tn := normTN(str(item, "phoneNumber"))
		if tn == "" {
			return c.badRequest("each telephoneNumbers item needs a phoneNumber")
		}
		if _, inInventory := st.inventory[tn]; !inInventory {
			return c.notFound("Telephone number", tn)
		}
		if n, taken := st.numbers.get(tn); taken {
			if str(n, "accountId") == accountID {
				return c.badRequest("Telephone number %s is already on this account", tn)
			}
			return c.badRequest("Telephone number %s is on another account", tn)
		}
		if res := st.activeReservation(tn, now); res != nil && !res.heldBy(c.session.userID, accountID) {
			return c.badRequest("Telephone number %s is reserved on another account", tn)
		}
		if rt := str(item, "referenceType"); rt != "" && !c.s.referenceExists(accountID, rt, str(item, "referenceId")) {
			return c.notFound(rt, str(item, "referenceId"))
		}
		tns = append(tns, tn)
	}
	status := "ACTIVE"
	if boolean(in, "holdActivation") {
		status = "ACTIVATION_ON_HOLD"
	}
	out := clone(in)
	out["id"] = newID()
	out["partitionId"] = str(a, "partitionId")
	out["accountId"] = accountID
	if e, isObj := in["e911Address"].(map[string]any); isObj {
		out["e911Address"] = flattenE911(clone(e))
	}
	var rendered []any
	for i, tn := range tns {
		item, _ := items[i].(map[string]any)
		inv := st.inventory[tn]
		n := obj{
			"id": tn, "phoneNumber": tn, "accountId": accountID, "partitionId": str(a, "partitionId"),
			"functionType": "ELS", "operationalStatus": "ACTIVE", "carrierStatus": status,
			"servicePackageType": "Usage", "canAcceptSMS": false, "tollFree": false,
			"carrierId": inv.carrierID, "orderVersion": "1", "ringType": "StandardRing",
		}
		for _, k := range []string{"customerServiceRecord", "directoryListing"} {
			if in[k] != nil {
				n[k] = clone(in[k])
			}
		}
		if e, isObj := out["e911Address"].(map[string]any); isObj {
			n["e911Address"] = clone(e)
		}
		for _, k := range []string{"referenceType", "referenceId", "functionType", "servicePackageType", "canAcceptSMS", "operationalStatus"} {
			if item[k] != nil {
				n[k] = item[k]
			}
		}
		st.numbers.put(tn, n)
		delete(st.reservations, tn)
		view := obj{}
		for _, k := range []string{"id", "phoneNumber", "referenceType", "referenceId", "functionType", "canAcceptSMS", "operationalStatus", "servicePackageType", "tollFree"} {
			if n[k] != nil {
				view[k] = n[k]
			}
		}
		rendered = append(rendered, view)
	}
	out["telephoneNumbers"] = rendered
	return ok(out)
}

// accountNumber returns the number of the path on the account.
func (c *call) accountNumber() (obj, obj, *reply) {
	a, r := c.account()
	if r != nil {
		return nil, nil, r
	}
	tn := normTN(c.params["tn"])
	n, found := c.s.st.numbers.get(tn)
	if !found || str(n, "accountId") != str(a, "id") {
		nf := c.notFound("Telephone number", tn)
		return nil, nil, &nf
	}
	return a, n, nil
}

func renderNumber(n obj) obj {
	out := clone(n)
	delete(out, "assignAsCallerId")
	return out
}

// retrieveAccountTelephoneNumbers: GET {A}/telephonenumber.
func retrieveAccountTelephoneNumbers(c *call) reply {
	a, r := c.account()
	if r != nil {
		return *r
	}
	list := c.s.st.numbers.list(func(n obj) bool { return str(n, "accountId") == str(a, "id") })
	var out []obj
	for _, n := range list {
		out = append(out, renderNumber(n))
	}
	sortObjs(out, "phoneNumber")
	return ok(array(out))
}

// retrieveTelephoneNumberOnAccount: GET {A}/telephonenumber/{tn}.
func retrieveTelephoneNumberOnAccount(c *call) reply {
	_, n, r := c.accountNumber()
	if r != nil {
		return *r
	}
	return ok(renderNumber(n))
}

// numberFixed are the fields a PATCH or PUT of a number cannot change.
var numberFixed = []string{"id", "phoneNumber", "accountId", "partitionId"}

// patchTelephoneNumberOnAccount: PATCH {A}/telephonenumber/{tn}.
func patchTelephoneNumberOnAccount(c *call) reply {
	a, n, r := c.accountNumber()
	if r != nil {
		return *r
	}
	in := c.obj()
	if in == nil {
		return c.badRequest("a JSON object is required")
	}
	return c.applyNumber(a, n, in, false)
}

// updateTelephoneNumberOnAccount: PUT {A}/telephonenumber/{tn}.
func updateTelephoneNumberOnAccount(c *call) reply {
	a, n, r := c.accountNumber()
	if r != nil {
		return *r
	}
	in := c.obj()
	if in == nil {
		return c.badRequest("a TelephoneNumberAccountV2X body is required")
	}
	return c.applyNumber(a, n, in, true)
}

// applyNumber applies a PATCH (only the keys sent) or a PUT (the body is
// the new state; an absent referenceType unroutes the number).
func (c *call) applyNumber(a, n, in obj, replace bool) reply {
	if r := c.immutable(n, normalizedTNField(in), numberFixed...); r != nil {
		return *r
	}
	next := clone(n)
	_, routeSent := in["referenceType"]
	if replace {
		routeSent = true
	}
	merge(next, clone(in), append([]string{"assignAsCallerId", "referenceType", "referenceId"}, numberFixed...)...)
	if e, isObj := in["e911Address"].(map[string]any); isObj {
		next["e911Address"] = flattenE911(clone(e))
	}
	if routeSent {
		if r := c.route(str(a, "id"), next, in["referenceType"], in["referenceId"], boolean(in, "assignAsCallerId")); r != nil {
			return *r
		}
	} else if boolean(in, "assignAsCallerId") {
		if r := c.route(str(a, "id"), next, next["referenceType"], next["referenceId"], true); r != nil {
			return *r
		}
	}
	c.s.st.numbers.put(str(n, "phoneNumber"), next)
	return ok(renderNumber(next))
}

func normalizedTNField(in obj) obj {
	out := obj{}
	for k, v := range in {
		if s, isStr := v.(string); isStr && (k == "phoneNumber" || k == "id") {
			v = normTN(s)
		}
		out[k] = v
	}
	return out
}

// deleteTelephoneNumberOnAccount: DELETE {A}/telephonenumber/{tn}, 204.
// The number goes back to inventory; a user's caller ID on it is cleared.
func deleteTelephoneNumberOnAccount(c *call) reply {
	_, n, r := c.accountNumber()
	if r != nil {
		return *r
	}
	tn := str(n, "phoneNumber")
	for _, u := range c.s.st.users.list(nil) {
		if cfg, isObj := u["callerIdConfig"].(map[string]any); isObj && str(cfg, "callerIdNumber") == tn {
			delete(u, "callerIdConfig")
		}
	}
	c.s.st.numbers.del(tn)
	return noContent()
}

// destination: PUT {A}/telephonenumber/{tn}/destination.
func destination(c *call) reply {
	a, n, r := c.accountNumber()
	if r != nil {
		return *r
	}
	in := c.obj()
	if in == nil {
		return c.badRequest("a TelephoneNumberDestinationX body is required")
	}
	next := clone(n)
	if r := c.route(str(a, "id"), next, in["referenceType"], in["referenceId"], boolean(in, "assignAsCallerId")); r != nil {
		return *r
	}
	if rt := str(in, "ringType"); rt != "" {
		next["ringType"] = rt
	}
	c.s.st.numbers.put(str(n, "phoneNumber"), next)
	out := obj{
		"id": str(n, "phoneNumber"), "partitionId": str(a, "partitionId"), "accountId": str(a, "id"),
		"telephoneNumber": str(n, "phoneNumber"), "assignAsCallerId": boolean(in, "assignAsCallerId"),
	}
	for _, k := range []string{"referenceType", "referenceId", "ringType"} {
		if next[k] != nil {
			out[k] = next[k]
		}
	}
	return reply{status: http.StatusOK, body: out}
}
