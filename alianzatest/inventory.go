package alianzatest

import (
	"fmt"
	"math"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
)

// activeReservation returns the live reservation of tn, dropping an
// expired one.
func (st *state) activeReservation(tn string, now time.Time) *reservation {
	r := st.reservations[tn]
	if r == nil {
		return nil
	}
	if !now.Before(r.expiresAt) {
		delete(st.reservations, tn)
		return nil
	}
	return r
}

// heldBy reports whether the reservation belongs to this login user or to
// this account (a reservation made through the API belongs to the user who
// made it; one made with ReserveForAccount to that account).
func (r *reservation) heldBy(userID, accountID string) bool {
	if r.accountID != "" {
		return r.accountID == accountID
	}
	return r.userID == userID
}

// ReserveForAccount reserves an inventory number for an account, as
// another integration working on that account would (the guides' "reserved
// on another account"). It lasts ReservationTTL like any reservation.
func (s *Server) ReserveForAccount(tn, accountID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	tn = normTN(tn)
	if _, ok := s.st.inventory[tn]; !ok {
		return fmt.Errorf("alianzatest: %s is not in inventory", tn)
	}
	if _, ok := s.st.accounts.get(accountID); !ok {
		return fmt.Errorf("alianzatest: no account %s", accountID)
	}
	now := s.nowLocked()
	s.st.reservations[tn] = &reservation{tn: tn, accountID: accountID, reservedAt: now, expiresAt: now.Add(ReservationTTL)}
	return nil
}

// available reports whether an inventory number can be offered.
func (s *Server) available(tn, userID string, now time.Time) bool {
	if _, taken := s.st.numbers.get(tn); taken {
		return false
	}
	r := s.st.activeReservation(tn, now)
	return r == nil || r.heldBy(userID, "")
}

// milesBetween is the great-circle distance in miles.
func milesBetween(lat1, lon1, lat2, lon2 float64) float64 {
	const earthMiles = 3958.8
	rad := math.Pi / 180
	dLat, dLon := (lat2-lat1)*rad, (lon2-lon1)*rad
	h := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * earthMiles * math.Asin(math.Sqrt(h))
}

func (s *Server) inventoryView(inv *inventoryTN) obj {
	v := obj{
		"id": inv.tn, "phoneNumber": inv.tn, "partitionId": s.cfg.partitionID,
		"rateCenter": inv.rateCenter, "rateCenterReorderName": inv.rateCenter,
		"state": inv.state, "country": "USA", "prefix": inv.tn[:7], "carrierId": inv.carrierID,
		"byotn": false, "functionType": "ELS", "operationalStatus": "ACTIVE", "port": false,
	}
	n, onAccount := s.st.numbers.get(inv.tn)
	v["isInInventory"] = !onAccount
	if onAccount {
		v["accountId"] = str(n, "accountId")
	}
	return v
}

func isPostalCode(q string) bool {
	return len(q) == 5 && strings.Trim(q, "0123456789") == ""
}

// tnSearch: GET {P}/telephonenumber/search. Numbers on an account or
// reserved by someone else are not offered.
func tnSearch(c *call) reply {
	if !c.partitionOK() {
		return c.notFound("Partition", c.params["partitionId"])
	}
	q := strings.TrimSpace(c.query.Get("q"))
	kind := c.query.Get("type")
	if kind == "" {
		kind = "POSTALCODE_OR_TN"
	}
	if kind == "POSTALCODE_OR_TN" {
		kind = "TN"
		if isPostalCode(q) {
			kind = "POSTALCODE"
		}
	}
	limit := 10
	if m := c.query.Get("maxResults"); m != "" {
		n, err := strconv.Atoi(m)
		if err != nil || n < 1 {
			return c.badRequest("maxResults must be a positive integer")
		}
		limit = n
	}
	if ft := c.query.Get("functiontype"); ft != "" && ft != "ELS" {
		return ok([]obj{})
	}
	now := c.s.nowLocked()
	userID := c.session.userID
	var hits []*inventoryTN
	dist := map[string]float64{}
	switch kind {
	case "LAT_LONG":
		lat, err1 := strconv.ParseFloat(c.query.Get("lat"), 64)
		lon, err2 := strconv.ParseFloat(c.query.Get("long"), 64)
		if err1 != nil || err2 != nil {
			return c.badRequest("lat and long are required for a LAT_LONG search")
		}
		for _, inv := range c.s.st.inventoryList {
			dist[inv.tn] = milesBetween(lat, lon, inv.lat, inv.lon)
			hits = append(hits, inv)
		}
		sort.SliceStable(hits, func(i, j int) bool { return dist[hits[i].tn] < dist[hits[j].tn] })
	case "POSTALCODE":
		if !isPostalCode(q) {
			return c.fail(http.StatusUnprocessableEntity, "Invalid search term supplied: %q is not a postal code", q)
		}
		for _, inv := range c.s.st.inventoryList {
			if inv.postalCode == q {
				hits = append(hits, inv)
			}
		}
	case "TN":
		digits := strings.TrimPrefix(q, "+")
		if digits == "" || strings.Trim(digits, "0123456789") != "" || len(digits) > 11 {
			return c.fail(http.StatusUnprocessableEntity, "Invalid search term supplied: %q", q)
		}
		if !strings.HasPrefix(digits, "1") {
			digits = "1" + digits
		}
		for _, inv := range c.s.st.inventoryList {
			if strings.HasPrefix(inv.tn, digits) {
				hits = append(hits, inv)
			}
		}
	case "RATECENTER", "RATECENTER_CARRIER":
		carrier := c.query.Get("carrierId")
		for _, inv := range c.s.st.inventoryList {
			if strings.EqualFold(inv.rateCenter, q) && (kind == "RATECENTER" || carrier == "" || carrier == inv.carrierID) {
				hits = append(hits, inv)
			}
		}
	default:
		return c.badRequest("unknown search type %s", kind)
	}
	out := []obj{}
	for _, inv := range hits {
		if len(out) == limit {
			break
		}
		if !c.s.available(inv.tn, userID, now) {
			continue
		}
		v := c.s.inventoryView(inv)
		if d, has := dist[inv.tn]; has {
			v["distance"] = math.Round(d*1e6) / 1e6
		}
		if kind == "POSTALCODE" {
			v["matchesZip"] = true
		}
		out = append(out, v)
	}
	return ok(out)
}

// reserve: PUT {P}/telephonenumber/{tn}/reserve, 200 TelephoneNumberReservedX.
func reserve(c *call) reply {
	if !c.partitionOK() {
		return c.notFound("Partition", c.params["partitionId"])
	}
	tn := normTN(c.params["tn"])
	if _, found := c.s.st.inventory[tn]; !found {
		return c.notFound("Telephone number", tn)
	}
	if _, taken := c.s.st.numbers.get(tn); taken {
		return c.badRequest("Telephone number %s is already assigned to an account", tn)
	}
	now := c.s.nowLocked()
	if r := c.s.st.activeReservation(tn, now); r != nil && !r.heldBy(c.session.userID, "") {
		return c.badRequest("Telephone number %s is already reserved", tn)
	}
	res := &reservation{tn: tn, userID: c.session.userID, reservedAt: now, expiresAt: now.Add(ReservationTTL), reservation: newID()}
	c.s.st.reservations[tn] = res
	return ok(obj{"id": tn, "tn": tn, "reserved": true, "reservedTime": timestamp(now)})
}

// releaseReservation: DELETE {P}/telephonenumber/{tn}/reserve, 204.
func releaseReservation(c *call) reply {
	if !c.partitionOK() {
		return c.notFound("Partition", c.params["partitionId"])
	}
	tn := normTN(c.params["tn"])
	if _, found := c.s.st.inventory[tn]; !found {
		return c.notFound("Telephone number", tn)
	}
	if r := c.s.st.activeReservation(tn, c.s.nowLocked()); r != nil && !r.heldBy(c.session.userID, "") {
		return c.badRequest("Telephone number %s is reserved by someone else", tn)
	}
	delete(c.s.st.reservations, tn)
	return noContent()
}

// retrieveTelephoneNumber: GET {P}/telephonenumber/{tn}.
func retrieveTelephoneNumber(c *call) reply {
	if !c.partitionOK() {
		return c.notFound("Partition", c.params["partitionId"])
	}
	tn := normTN(c.params["tn"])
	inv, found := c.s.st.inventory[tn]
	if !found {
		return c.notFound("Telephone number", tn)
	}
	return ok(c.s.inventoryView(inv))
}

// listTnInventory: GET {P}/telephonenumber, at most 500 numbers still in
// inventory.
func listTnInventory(c *call) reply {
	if !c.partitionOK() {
		return c.notFound("Partition", c.params["partitionId"])
	}
	out := []obj{}
	for _, inv := range c.s.st.inventoryList {
		if len(out) == 500 {
			break
		}
		if _, taken := c.s.st.numbers.get(inv.tn); !taken {
			out = append(out, c.s.inventoryView(inv))
		}
	}
	return ok(out)
}
