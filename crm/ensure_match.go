package crm

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/go-alianza/alianza"
)

// surplus records the numbers that look like the spec's but that no spec
// item took.
func (e *ensurer) surplus(numbers []alianza.AccountTelephoneNumber) {
	took := map[string]bool{}
	found := e.provisioner.res
	for _, tn := range found.Numbers {
		took[tn] = true
	}
	dest := map[string]bool{}
	for _, u := range found.Users {
		dest[string(alianza.TNReferenceTypeEndUser)+" "+u.ID] = true
	}
	if found.Trunk != nil {
		dest[string(alianza.TNReferenceTypeSIPTrunk)+" "+found.Trunk.ID] = true
	}
	for _, x := range numbers {
		if took[x.PhoneNumber] {
			continue
		}
		like := dest[string(x.ReferenceType)+" "+x.ReferenceID]
		for _, n := range e.spec.Numbers {
			like = like || len(csrDrift(n, x.CustomerServiceRecord)) == 0
		}
		if like {
			e.res.Surplus = append(e.res.Surplus, x.PhoneNumber)
		}
	}
	if len(e.res.Surplus) > 0 {
		sort.Strings(e.res.Surplus)
		e.res.Notes = append(e.res.Notes, fmt.Sprintf("account %s holds %d number(s) like the spec's that no spec item took: %s; did two runs overlap? Release them if they are not wanted",
			e.spec.AccountNumber, len(e.res.Surplus), strings.Join(e.res.Surplus, ", ")))
	}
}

// userDrift lists the fields in which x differs from what u sets.
func userDrift(u UserSpec, x *alianza.User) []string {
	var drift []string
	for _, f := range []struct {
		name      string
		want, got string
	}{
		{"firstName", u.FirstName, x.FirstName}, {"lastName", u.LastName, x.LastName},
		{"email", u.Email, x.EmailAddress}, {"extension", u.Extension, x.Extension},
		{"productPlan", string(u.ProductPlan), string(x.UserProductPlan)},
	} {
		if f.want != "" && f.want != f.got {
			drift = append(drift, f.name)
		}
	}
	return drift
}

// trunkDrift lists the fields in which x differs from what t sets. The
// SIP password cannot be read back and is not compared.
func (e *ensurer) trunkDrift(t *TrunkSpec, x *alianza.SipTrunk) []string {
	var drift []string
	if t.SIPUsername != "" && t.SIPUsername != x.SIPUsername {
		drift = append(drift, "sipUsername")
	}
	if t.ConcurrentCalls != 0 && t.ConcurrentCalls != x.ConcurrentCalls {
		drift = append(drift, "concurrentCalls")
	}
	if t.CallbackNumber != "" && e.tn(t.CallbackNumber) != x.CallbackNumber {
		drift = append(drift, "callbackNumber")
	}
	if t.PrimaryNumber != "" && e.tn(t.PrimaryNumber) != x.PrimaryTN {
		drift = append(drift, "primaryNumber")
	}
	return drift
}

// forwardingDrift lists the rules in which got differs from want.
func forwardingDrift(want *alianza.UpdateSipTrunkForwardRulesRequest, got *alianza.SipTrunkForwardRules) []string {
	var drift []string
	var always alianza.ForwardAlwaysReference
	if want.ForwardAlways != nil {
		always = *want.ForwardAlways
	}
	if always != got.ForwardAlways {
		drift = append(drift, "forwardAlways")
	}
	if !slices.Equal(want.ForwardOnFailure, got.ForwardOnFailure) {
		drift = append(drift, "forwardOnFailure")
	}
	if !slices.Equal(want.ForwardOnCapacityExceeded, got.ForwardOnCapacityExceeded) {
		drift = append(drift, "forwardOnCapacityExceeded")
	}
	return drift
}

// routed reports whether x is routed as n asks: to its user (and as that
// user's caller ID when asked), or to the trunk.
func (e *ensurer) routed(n NumberSpec, x *alianza.AccountTelephoneNumber) bool {
	refType, refID := e.routeOf(n, e.provisioner.res.Trunk)
	if x.ReferenceType != refType || x.ReferenceID != refID {
		return false
	}
	if n.CallerID {
		u := e.provisioner.res.Users[n.User]
		return u != nil && u.CallerIDConfig.CallerIDNumber == x.PhoneNumber
	}
	return true
}

// routeOf is where n's calls go: its user or trunk, by id.
func (e *ensurer) routeOf(n NumberSpec, trunk *alianza.SipTrunk) (alianza.TNReferenceType, string) {
	switch {
	case n.User != "":
		if u := e.provisioner.res.Users[n.User]; u != nil {
			return alianza.TNReferenceTypeEndUser, u.ID
		}
	case n.ToTrunk:
		if trunk != nil {
			return alianza.TNReferenceTypeSIPTrunk, trunk.ID
		}
	}
	return "", ""
}

// deviceDrift lists the fields in which x differs from what d sets. The
// SIP password cannot be read back and is not compared.
func (e *ensurer) deviceDrift(d DeviceSpec, x *alianza.Device, userID string) []string {
	var drift []string
	for _, f := range []struct {
		name      string
		want, got string
	}{
		{"name", d.Name, x.DeviceName}, {"deviceTypeId", d.DeviceTypeID, x.DeviceTypeID}, {"user", userID, x.UserID},
		{"sipUsername", d.SIPUsername, x.SIPUsername}, {"emergencyNumber", e.tn(d.EmergencyNumber), x.EmergencyNumber},
	} {
		if f.want != "" && f.want != f.got {
			drift = append(drift, f.name)
		}
	}
	return drift
}

// matchNumbers pairs the account's numbers with the spec's, each number
// with at most one spec item, in the order Ensure's documentation gives.
// Ties go in spec order to the lowest number.
func (e *ensurer) matchNumbers(numbers []alianza.AccountTelephoneNumber, trunk *alianza.SipTrunk) map[string]*alianza.AccountTelephoneNumber {
	sort.Slice(numbers, func(i, j int) bool { return numbers[i].PhoneNumber < numbers[j].PhoneNumber })
	had := map[string]*alianza.AccountTelephoneNumber{}
	taken := map[string]bool{}
	s := e.spec
	// A pinned number is that spec item's, whether on the account or not.
	for _, n := range s.Numbers {
		if n.Number != "" {
			taken[n.Number] = true
		}
	}
	assign := func(n NumberSpec, ok func(x *alianza.AccountTelephoneNumber) bool) {
		if had[n.Key] != nil || n.Number != "" {
			return
		}
		for i := range numbers {
			x := &numbers[i]
			if !taken[x.PhoneNumber] && ok(x) {
				had[n.Key], taken[x.PhoneNumber] = x, true
				return
			}
		}
	}
	for _, n := range s.Numbers {
		for i := range numbers {
			if n.Number != "" && numbers[i].PhoneNumber == n.Number {
				had[n.Key] = &numbers[i]
			}
		}
	}
	if trunk != nil {
		for _, pin := range [][2]string{{s.Trunk.CallbackNumber, trunk.CallbackNumber}, {s.Trunk.PrimaryNumber, trunk.PrimaryTN}} {
			for _, n := range s.Numbers {
				if n.Key == pin[0] && pin[1] != "" {
					assign(n, func(x *alianza.AccountTelephoneNumber) bool { return x.PhoneNumber == pin[1] })
				}
			}
		}
	}
	sameCSR := func(n NumberSpec) func(x *alianza.AccountTelephoneNumber) bool {
		return func(x *alianza.AccountTelephoneNumber) bool { return len(csrDrift(n, x.CustomerServiceRecord)) == 0 }
	}
	routedAsSpec := func(n NumberSpec) func(x *alianza.AccountTelephoneNumber) bool {
		refType, refID := e.routeOf(n, trunk)
		return func(x *alianza.AccountTelephoneNumber) bool {
			return refType != "" && x.ReferenceType == refType && x.ReferenceID == refID
		}
	}
	unrouted := func(x *alianza.AccountTelephoneNumber) bool { return x.ReferenceType == "" }
	both := func(a, b func(x *alianza.AccountTelephoneNumber) bool) func(x *alianza.AccountTelephoneNumber) bool {
		return func(x *alianza.AccountTelephoneNumber) bool { return a(x) && b(x) }
	}
	for _, pass := range []func(n NumberSpec) func(x *alianza.AccountTelephoneNumber) bool{
		func(n NumberSpec) func(x *alianza.AccountTelephoneNumber) bool {
			return both(routedAsSpec(n), sameCSR(n))
		},
		routedAsSpec,
		func(n NumberSpec) func(x *alianza.AccountTelephoneNumber) bool { return both(unrouted, sameCSR(n)) },
		sameCSR,
		func(NumberSpec) func(x *alianza.AccountTelephoneNumber) bool { return unrouted },
	} {
		for _, n := range s.Numbers {
			assign(n, pass(n))
		}
	}
	return had
}

// csrDrift lists the fields in which csr differs from the record
// addNumber writes for n. Postal codes match when one starts with the
// other (84042 and 84042-1234), ignoring case and spaces.
func csrDrift(n NumberSpec, csr alianza.CustomerServiceRecord) []string {
	var drift []string
	norm := func(s string) string { return strings.ToUpper(strings.ReplaceAll(s, " ", "")) }
	pc, want := norm(csr.PostalCode), norm(n.PostalCode)
	for _, f := range []struct {
		name string
		d    bool
	}{
		{"callerIdName", csr.CustomerName != n.CallerIDName},
		{"customerType", csr.CustomerType != n.CustomerType},
		{"firstName", csr.FirstName != n.FirstName},
		{"lastName", csr.LastName != n.LastName},
		{"businessName", csr.BusinessName != n.BusinessName},
		{"postalCode", !strings.HasPrefix(pc, want) && !strings.HasPrefix(want, pc)},
	} {
		if f.d {
			drift = append(drift, f.name)
		}
	}
	return drift
}
