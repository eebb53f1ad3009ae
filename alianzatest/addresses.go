package alianzatest

import (
	"strings"
)

// seedAddress is an address validateAddress and typeAhead know.
type seedAddress struct {
	line           string // single-line form, as a user types it
	country        string // USA or CAN
	csr            obj    // CustomerServiceRecordX fields
	lat, lon       string
	requiredFields []string // e.g. a building that needs a unit
}

func (a seedAddress) postalCode() string { return str(a.csr, "postalCode") }

// normAddr folds case, punctuation and spacing for matching.
func normAddr(s string) string {
	s = strings.ToUpper(s)
	s = strings.NewReplacer(",", " ", ".", " ", "#", " ").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// findAddress matches a typed address against the seeded ones: the typed
// text must start with the street part (number, directions, name) and the
// postal code must agree when both are known.
func (s *Server) findAddress(address, country, postal string) *seedAddress {
	typed := normAddr(address)
	for i := range s.st.addresses {
		a := &s.st.addresses[i]
		if country != "" && country != "UNK" && country != a.country {
			continue
		}
		if postal != "" && postal != a.postalCode() {
			continue
		}
		street := normAddr(strings.SplitN(a.line, ",", 2)[0])
		if typed == normAddr(a.line) || strings.HasPrefix(typed, street) {
			return a
		}
	}
	return nil
}

// validateAddress: GET /v2/address/validate. An unknown address is 200
// with valid=false.
func validateAddress(c *call) reply {
	address := c.query.Get("address")
	if strings.TrimSpace(address) == "" {
		return c.badRequest("address is required")
	}
	a := c.s.findAddress(address, c.query.Get("country"), c.query.Get("postalCode"))
	if a == nil {
		return ok(obj{"valid": false, "customerServiceRecord": obj{}})
	}
	out := obj{"customerServiceRecord": clone(a.csr), "latitude": a.lat, "longitude": a.lon, "valid": len(a.requiredFields) == 0}
	if len(a.requiredFields) > 0 {
		out["requiredFields"] = append([]string{}, a.requiredFields...)
	}
	return ok(out)
}

// typeAhead: GET /v2/address/typeahead, the seeded addresses containing the
// typed text.
func typeAhead(c *call) reply {
	typed := normAddr(c.query.Get("address"))
	country, postal := c.query.Get("country"), c.query.Get("postalCode")
	out := []string{}
	if typed == "" {
		return ok(out)
	}
	for _, a := range c.s.st.addresses {
		if (country != "" && country != "UNK" && country != a.country) || (postal != "" && postal != a.postalCode()) {
			continue
		}
		if strings.Contains(normAddr(a.line), typed) {
			out = append(out, a.line)
		}
	}
	return ok(out)
}
