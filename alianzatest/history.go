package alianzatest

import (
	"slices"
	"strconv"
	"time"
)

// The fake keeps no audit trail of its own: an account's history is made
// from its state: the account itself, its users and its numbers (dated
// when the fake's porting state was first used, as the fake keeps no
// creation dates), then each step of its port requests.
func (s *Server) historyOf(a obj) []obj {
	accountID := str(a, "id")
	base := s.portingLocked().epoch
	rec := func(i int, kind, refType, refID, refName, action, newValue string, at time.Time) obj {
		o := obj{
			"id": accountID + "-" + strconv.Itoa(i), "accountId": accountID, "accountNumber": str(a, "accountNumber"),
			"userName": s.cfg.username, "userId": apiUserID, "userType": "ManagementUser", "partitionName": str(a, "partitionId"),
			"accountHistoryType": kind, "loggedDate": timestamp(at), "referenceType": refType, "referenceId": refID, "action": action,
		}
		if refName != "" {
			o["referenceName"] = refName
		}
		if newValue != "" {
			o["newValue"] = newValue
		}
		return o
	}
	var out []obj
	out = append(out, rec(len(out), "ACCOUNT", "Account", accountID, str(a, "accountName"), "CREATE", str(a, "accountNumber"), base))
	for _, u := range s.st.users.list(func(u obj) bool { return str(u, "accountId") == accountID }) {
		out = append(out, rec(len(out), "USER", "EndUser", str(u, "id"), str(u, "firstName")+" "+str(u, "lastName"), "CREATE", "", base))
	}
	for _, n := range s.st.numbers.list(func(n obj) bool { return str(n, "accountId") == accountID }) {
		out = append(out, rec(len(out), "PHONE_NUMBER", "Telephone", str(n, "phoneNumber"), str(n, "phoneNumber"), "CREATE", str(n, "carrierStatus"), base))
	}
	p := s.portingLocked()
	for _, id := range p.portOrder {
		fp := p.ports[id]
		if str(fp.port, "accountId") != accountID {
			continue
		}
		for _, l := range fp.logs {
			at, _ := time.Parse(time.RFC3339, str(l, "actionDate"))
			out = append(out, rec(len(out), "PHONE_NUMBER", "Telephone", id, str(fp.port, "billingTelephoneNumber"), "UPDATE", str(l, "status"), at))
		}
	}
	return out
}

// historySearch filters (accountHistoryType, startDate, endDate, both days
// included) and pages (firstResultIndex 0-based, maxResult default 20).
func (c *call) historySearch(a obj) reply {
	q := c.query
	var from, to time.Time
	if v := q.Get("startDate"); v != "" {
		from, _ = time.Parse("2006-01-02", v)
	}
	if v := q.Get("endDate"); v != "" {
		if t, err := time.Parse("2006-01-02", v); err == nil {
			to = t.AddDate(0, 0, 1)
		}
	}
	var hits []obj
	for _, r := range c.s.historyOf(a) {
		if kinds := q["accountHistoryType"]; len(kinds) > 0 && !slices.Contains(kinds, str(r, "accountHistoryType")) {
			continue
		}
		at, _ := time.Parse(time.RFC3339, str(r, "loggedDate"))
		if (!from.IsZero() && at.Before(from)) || (!to.IsZero() && !at.Before(to)) {
			continue
		}
		hits = append(hits, r)
	}
	first, _ := strconv.Atoi(q.Get("firstResultIndex"))
	size := 20
	if m, err := strconv.Atoi(q.Get("maxResult")); err == nil && m > 0 {
		size = m
	}
	total := len(hits)
	first = min(max(first, 0), total)
	end := min(first+size, total)
	return ok(obj{"totalRecords": total, "accountCreatedDate": timestamp(c.s.portingLocked().epoch), "results": array(hits[first:end])})
}

// accountHistoryByAccountIdSearch: GET {A}/accounthistorysearch.
func accountHistoryByID(c *call) reply {
	a, r := c.account()
	if r != nil {
		return *r
	}
	return c.historySearch(a)
}

// accountHistoryByAccountNumberSearch: GET {P}/account/accounthistorysearch.
func accountHistoryByNumber(c *call) reply {
	if !c.partitionOK() {
		return c.notFound("Partition", c.params["partitionId"])
	}
	n := c.query.Get("accountNumber")
	for _, a := range c.s.st.accounts.list(nil) {
		if str(a, "accountNumber") == n && str(a, "partitionId") == c.params["partitionId"] {
			return c.historySearch(a)
		}
	}
	return c.notFound("Account number", n)
}
