package alianzatest

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// PortStepDuration is how long a fake port stays in each step on the
// fake's clock unless WithPortStepDuration says otherwise: PENDING, then
// IN_PROGRESS, then FOC_RECEIVED, then COMPLETED (the numbers turn
// ACTIVE). Trigger completes a port in FOC_RECEIVED at once.
// Server.Advance moves ports along.
const PortStepDuration = time.Hour

// PortStep is a step of a fake port, as its service activation event's
// activationStatusType names it.
type PortStep string

// Steps of a fake port.
const (
	PortStepPending     PortStep = "PENDING"
	PortStepInProgress  PortStep = "IN_PROGRESS"
	PortStepFOCReceived PortStep = "FOC_RECEIVED"
)

// PortOutcome is what a PortFault does to a port.
type PortOutcome string

// Outcomes of a PortFault.
const (
	// PortRejected: the carrier rejects the port (REJECTED, the port's
	// status PORT_REJECTED). Update or Patch resubmits it.
	PortRejected PortOutcome = "REJECTED"
	// PortCarrierCancelled: the carrier cancels it (CARRIER_CANCELLED);
	// the numbers leave the account.
	PortCarrierCancelled PortOutcome = "CARRIER_CANCELLED"
)

// PortFault makes the next port submitted end at a step instead of moving
// on: when it would leave At, it ends with Outcome, Reason in its log.
type PortFault struct {
	At      PortStep
	Outcome PortOutcome
	Reason  string
}

// InjectPortFault arms f for the next port submitted; faults are used in
// the order injected, one per port.
func (s *Server) InjectPortFault(f PortFault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if f.At == "" {
		f.At = PortStepPending
	}
	if f.Outcome == "" {
		f.Outcome = PortRejected
	}
	p := s.portingLocked()
	p.portFaults = append(p.portFaults, f)
}

// SetNotPortable makes port prevalidation answer serviceAvailable false
// for tns, and their submission a 400.
func (s *Server) SetNotPortable(tns ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, tn := range tns {
		s.portingLocked().notPortable[normTN(tn)] = true
	}
}

// SetWireless makes port prevalidation report tns as wireless: their port
// needs the wireless account number and PIN.
func (s *Server) SetWireless(tns ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, tn := range tns {
		s.portingLocked().wireless[normTN(tn)] = true
	}
}

// fakePort is a port request and its service activation event.
type fakePort struct {
	port     obj    // PortX as returned
	step     string // the event's activationStatusType
	since    time.Time
	created  time.Time
	updated  time.Time
	crd      time.Time
	logs     []obj
	fault    *PortFault
	ticketID string
}

func (p *fakePort) final() bool {
	switch p.step {
	case "COMPLETED", "REJECTED", "CANCELLED", "CARRIER_CANCELLED":
		return true
	}
	return false
}

func (p *fakePort) log(status, code, msg string, at time.Time) {
	p.step, p.since, p.updated = status, at, at
	e := obj{"status": status, "actionDate": timestamp(at), "code": code, "message": msg, "creationDate": timestamp(at)}
	if status != "PENDING" {
		e["generatedTicketId"] = p.ticketID
	}
	p.logs = append(p.logs, e)
}

// tickLocked moves every port along to the fake's current time. The
// handler calls it before each operation.
func (s *Server) tickLocked() {
	if s.st.porting == nil {
		return
	}
	now := s.nowLocked()
	for _, id := range s.st.porting.portOrder {
		s.advancePort(s.st.porting.ports[id], now)
	}
}

var nextStep = map[string]struct{ to, code string }{
	"PENDING":      {"IN_PROGRESS", "SUBMIT"},
	"IN_PROGRESS":  {"FOC_RECEIVED", "FOC"},
	"FOC_RECEIVED": {"COMPLETED", "COMPLETE"},
}

func (s *Server) advancePort(p *fakePort, now time.Time) {
	for !p.final() {
		at := p.since.Add(s.cfg.portStep)
		if at.After(now) {
			return
		}
		if f := p.fault; f != nil && string(f.At) == p.step {
			p.log(string(f.Outcome), "REJECT", f.Reason, at)
			if f.Outcome == PortRejected {
				p.port["status"] = "PORT_REJECTED"
			} else {
				s.dropPortNumbers(p)
				p.port["status"] = "CANCEL_PORT_COMPLETE"
				p.port["cancelType"] = "BY_CARRIER"
			}
			p.fault = nil
			return
		}
		n := nextStep[p.step]
		p.log(n.to, n.code, "", at)
		switch n.to {
		case "FOC_RECEIVED":
			p.port["focDate"] = timestamp(p.crd)
		case "COMPLETED":
			s.completePort(p, at)
		}
	}
}

func (s *Server) completePort(p *fakePort, at time.Time) {
	p.port["status"] = "ACTIVE"
	p.port["completedDate"] = timestamp(at)
	for _, tn := range portNumbers(p) {
		if n, found := s.st.numbers.get(tn); found && str(n, "portId") == str(p.port, "id") {
			n["carrierStatus"] = "ACTIVE"
		}
	}
}

func (s *Server) dropPortNumbers(p *fakePort) {
	for _, tn := range portNumbers(p) {
		if n, found := s.st.numbers.get(tn); found && str(n, "portId") == str(p.port, "id") {
			s.st.numbers.del(tn)
		}
	}
}

func portNumbers(p *fakePort) []string {
	var out []string
	list, _ := p.port["telephoneNumbers"].([]any)
	for _, v := range list {
		if s, isStr := v.(string); isStr {
			out = append(out, s)
		}
	}
	return out
}

// notPortableReason reports why tn cannot port in ("" when it can).
func (s *Server) notPortableReason(tn string) string {
	if _, mine := s.st.inventory[tn]; mine {
		return "Telephone number " + tn + " is already in the partition's inventory"
	}
	if _, taken := s.st.numbers.get(tn); taken {
		return "Telephone number " + tn + " is already on an account"
	}
	if s.portingLocked().notPortable[tn] {
		return "Telephone number " + tn + " is not portable"
	}
	return ""
}

// parseDay reads a date or date-time.
func parseDay(v string) (time.Time, bool) {
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t.UTC(), true
	}
	if t, err := time.Parse("2006-01-02", v); err == nil {
		return t, true
	}
	return time.Time{}, false
}

// submitPort: POST {A}/telephonenumber with a port: the numbers come onto
// the account PORT_PENDING and a port starts. Alianza's porting guide
// requires the billing number, the CRD and the wire type, and the PIN for
// a wireless port; the fake refuses their absence with 400.
func (c *call) submitPort(a, in obj) reply {
	port, _ := in["port"].(map[string]any)
	items, _ := in["telephoneNumbers"].([]any)
	if len(items) == 0 {
		return c.badRequest("telephoneNumbers must list at least one phoneNumber")
	}
	var tns []string
	for _, it := range items {
		item, _ := it.(map[string]any)
		tn := normTN(str(item, "phoneNumber"))
		if tn == "" {
			return c.badRequest("each telephoneNumbers item needs a phoneNumber")
		}
		if why := c.s.notPortableReason(tn); why != "" {
			return c.badRequest("%s", why)
		}
		tns = append(tns, tn)
	}
	for _, k := range []string{"billingTelephoneNumber", "crdDate", "portingWireType"} {
		if str(port, k) == "" {
			return c.badRequest("port.%s is required", k)
		}
	}
	crd, good := parseDay(str(port, "crdDate"))
	if !good {
		return c.badRequest("port.crdDate is not a date")
	}
	wireless := str(port, "portingWireType") == "Wireless"
	for _, tn := range tns {
		wireless = wireless || c.s.portingLocked().wireless[tn]
	}
	if wireless && (str(port, "wirelessPin") == "" || str(port, "wirelessAccountNumber") == "") {
		return c.badRequest("a wireless port needs port.wirelessAccountNumber and port.wirelessPin")
	}
	now := c.s.nowLocked()
	accountID := str(a, "id")
	id := newID()
	p := &fakePort{created: now, crd: crd, ticketID: "ALZREST." + strconv.Itoa(10000+len(c.s.portingLocked().portOrder))}
	pp := c.s.portingLocked()
	if len(pp.portFaults) > 0 {
		f := pp.portFaults[0]
		p.fault = &f
		pp.portFaults = pp.portFaults[1:]
	}
	stored := obj{
		"id": id, "partitionId": str(a, "partitionId"), "accountId": accountID,
		"telephoneNumbers": toAny(tns), "status": "PORT_PENDING", "sendLoa": false, "loaSaved": false,
		"crdDate": timestamp(crd), "createdDate": timestamp(now),
	}
	for _, k := range []string{"billingTelephoneNumber", "portingWireType", "portingAuthorizedName", "wirelessAccountNumber", "telecomSettings", "portNow", "canAcceptSMS", "smsCallbackUrl"} {
		if port[k] != nil {
			stored[k] = clone(port[k])
		}
	}
	if csr, isObj := in["customerServiceRecord"].(map[string]any); isObj {
		stored["customerServiceRecord"] = clone(csr)
	}
	p.port = stored
	p.log("PENDING", "Port", "Start Port", now)
	pp.ports[id] = p
	pp.portOrder = append(pp.portOrder, id)

	var rendered []any
	for i, tn := range tns {
		item, _ := items[i].(map[string]any)
		n := obj{
			"id": tn, "phoneNumber": tn, "accountId": accountID, "partitionId": str(a, "partitionId"),
			"functionType": "ELS", "operationalStatus": "ACTIVE", "carrierStatus": "PORT_PENDING",
			"servicePackageType": "Usage", "canAcceptSMS": false, "tollFree": false,
			"orderVersion": "1", "ringType": "StandardRing", "portId": id,
		}
		for _, k := range []string{"customerServiceRecord", "directoryListing"} {
			if in[k] != nil {
				n[k] = clone(in[k])
			}
		}
		if e, isObj := in["e911Address"].(map[string]any); isObj {
			n["e911Address"] = flattenE911(clone(e))
		}
		for _, k := range []string{"referenceType", "referenceId"} {
			if item[k] != nil {
				n[k] = item[k]
			}
		}
		c.s.st.numbers.put(tn, n)
		rendered = append(rendered, obj{"id": tn, "phoneNumber": tn, "functionType": "ELS", "portId": id, "tollFree": false})
	}
	out := clone(in)
	out["id"] = newID()
	out["partitionId"] = str(a, "partitionId")
	out["accountId"] = accountID
	out["port"] = renderPort(p)
	if e, isObj := in["e911Address"].(map[string]any); isObj {
		out["e911Address"] = flattenE911(clone(e))
	}
	out["telephoneNumbers"] = rendered
	return ok(out)
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// renderPort is the PortX the platform returns: never the wireless PIN.
func renderPort(p *fakePort) obj {
	out := clone(p.port)
	delete(out, "wirelessPin")
	return out
}

func (c *call) port() (obj, *fakePort, *reply) {
	a, r := c.account()
	if r != nil {
		return nil, nil, r
	}
	p := c.s.portingLocked().ports[c.params["portId"]]
	if p == nil || str(p.port, "accountId") != str(a, "id") {
		nf := c.notFound("Port", c.params["portId"])
		return nil, nil, &nf
	}
	return a, p, nil
}

// retrievePort: GET {A}/port/{portId}.
func retrievePort(c *call) reply {
	_, p, r := c.port()
	if r != nil {
		return *r
	}
	return ok(renderPort(p))
}

// portEditable are the PortX fields an update may change.
var portEditable = []string{"telephoneNumbers", "customerServiceRecord", "crdDate", "billingTelephoneNumber", "portingWireType",
	"portingAuthorizedName", "wirelessAccountNumber", "wirelessPin", "telecomSettings", "portNow", "canAcceptSMS", "smsCallbackUrl"}

// changePort applies an update (PUT or PATCH: the fake merges the editable
// fields sent). A completed or cancelled port refuses (400); a rejected
// one is resubmitted and starts again at PENDING.
func (c *call) changePort() reply {
	_, p, r := c.port()
	if r != nil {
		return *r
	}
	in := c.obj()
	if in == nil {
		return c.badRequest("a PortX body is required")
	}
	if p.final() && p.step != "REJECTED" {
		return c.badRequest("Port is in a terminal state (%s)", p.step)
	}
	for _, k := range portEditable {
		v, sent := in[k]
		if !sent || v == nil {
			continue
		}
		if k == "crdDate" {
			d, good := parseDay(str(in, k))
			if !good {
				return c.badRequest("crdDate is not a date")
			}
			p.crd = d
			v = timestamp(d)
		}
		p.port[k] = clone(v)
	}
	now := c.s.nowLocked()
	if p.step == "REJECTED" {
		p.port["status"] = "PORT_PENDING"
		p.log("PENDING", "RESUBMIT", "Port resubmitted", now)
	} else {
		p.updated = now
	}
	return ok(renderPort(p))
}

func updatePort(c *call) reply { return c.changePort() }
func patchPort(c *call) reply  { return c.changePort() }

// cancelPort: DELETE {A}/port/{portId}/cancelport, 204. The numbers leave
// the account.
func cancelPort(c *call) reply {
	_, p, r := c.port()
	if r != nil {
		return *r
	}
	if p.final() && p.step != "REJECTED" {
		return c.badRequest("Port is in a terminal state (%s)", p.step)
	}
	c.s.dropPortNumbers(p)
	p.port["status"] = "CANCEL_PORT_COMPLETE"
	p.port["cancelType"] = "NORMAL"
	p.log("CANCELLED", "CANCEL", "Port cancelled", c.s.nowLocked())
	return noContent()
}

// triggerPort: PUT {A}/port/{portId}/triggerport. Only a port with its FOC
// date can be triggered; it completes at once.
func triggerPort(c *call) reply {
	_, p, r := c.port()
	if r != nil {
		return *r
	}
	if p.step != "FOC_RECEIVED" {
		return c.badRequest("Port %s cannot be triggered in %s: it is not yet the FOC date", str(p.port, "id"), p.step)
	}
	now := c.s.nowLocked()
	p.log("COMPLETED", "TRIGGER", "Port triggered", now)
	c.s.completePort(p, now)
	return emptyOK()
}

// event renders the port's ServiceActivationEventX.
func (p *fakePort) event() obj {
	tns := portNumbers(p)
	e := obj{
		"id": str(p.port, "id"), "partitionId": str(p.port, "partitionId"), "accountId": str(p.port, "accountId"),
		"serviceType": "PORT_REQUEST", "referenceType": "PORT", "referenceId": str(p.port, "id"),
		"activationStatusType": p.step, "createdDate": timestamp(p.created), "lastUpdatedDate": timestamp(p.updated),
		"crdDate": timestamp(p.crd), "subTelephoneNumbers": toAny(tns), "l3Reaction": "IGNORE",
		"inboundCarrierType": "BANDWIDTH", "logs": clone(p.logs),
	}
	if len(tns) > 0 {
		e["mainTelephoneNumber"] = tns[0]
	}
	if f := str(p.port, "focDate"); f != "" {
		e["focDate"] = f
	}
	if csr, isObj := p.port["customerServiceRecord"].(map[string]any); isObj {
		for _, k := range []string{"firstName", "lastName", "city", "state"} {
			if v := str(csr, k); v != "" {
				e[k] = v
			}
		}
		if v := str(csr, "businessName"); v != "" {
			e["companyName"] = v
		}
	}
	if !p.final() {
		e["editableFieldTypes"] = []any{"crdDate", "wirelessAccountNumber", "wirelessPin", "name"}
	}
	if p.step != "PENDING" {
		e["parentOrderId"] = p.ticketID
	}
	return e
}

// statusSearch: GET {P}/telephonenumber/statussearch over the fake's port
// requests, oldest first, paged by firstResultIndex (0-based) and
// maxResult (default 50).
func statusSearch(c *call) reply {
	if !c.partitionOK() {
		return c.notFound("Partition", c.params["partitionId"])
	}
	q := c.query
	pp := c.s.portingLocked()
	var hits []obj
	for _, id := range pp.portOrder {
		p := pp.ports[id]
		if str(p.port, "partitionId") != c.params["partitionId"] {
			continue
		}
		if a := q.Get("accountId"); a != "" && a != str(p.port, "accountId") {
			continue
		}
		if tn := q.Get("telephoneNumber"); tn != "" && !slices.Contains(portNumbers(p), normTN(tn)) {
			continue
		}
		if ev := q["eventType"]; len(ev) > 0 && !slices.Contains(ev, "PORT_REQUEST") {
			continue
		}
		if sts := q["statusType"]; len(sts) > 0 && !slices.Contains(sts, p.step) {
			continue
		}
		hits = append(hits, p.event())
	}
	first, _ := strconv.Atoi(q.Get("firstResultIndex"))
	size := 50
	if m, err := strconv.Atoi(q.Get("maxResult")); err == nil && m > 0 {
		size = m
	}
	total := len(hits)
	first = min(max(first, 0), total)
	end := min(first+size, total)
	return ok(obj{"totalRecords": total, "results": array(hits[first:end])})
}

// preValidateAccount: POST {P}/account/prevalidate. Numbers the fake
// already has (inventory, an account) or SetNotPortable marked cannot
// port; the others can, on the next ten weekdays from three days out.
func preValidateAccount(c *call) reply {
	if !c.partitionOK() {
		return c.notFound("Partition", c.params["partitionId"])
	}
	in := c.obj()
	if in == nil {
		return c.badRequest("a TelephoneNumberActivationsV2X body is required")
	}
	items, _ := in["telephoneNumbers"].([]any)
	if len(items) == 0 {
		return c.badRequest("telephoneNumbers must list at least one phoneNumber")
	}
	var why []string
	wireless := false
	for _, it := range items {
		item, _ := it.(map[string]any)
		tn := normTN(str(item, "phoneNumber"))
		if r := c.s.notPortableReason(tn); r != "" {
			why = append(why, r)
		}
		wireless = wireless || c.s.portingLocked().wireless[tn]
	}
	req := clone(in)
	req["partitionId"] = c.params["partitionId"]
	out := obj{
		"id": newID(), "requestedActivation": req, "serviceAvailable": len(why) == 0,
		"carrierType": "BANDWIDTH", "lnp": len(why) == 0, "wirelessPort": wireless, "directoryListingAllowed": true,
	}
	if len(why) > 0 {
		out["exception"] = strings.Join(why, "; ")
		return ok(out)
	}
	var days []any
	d := c.s.nowLocked().Truncate(24*time.Hour).AddDate(0, 0, 3)
	for len(days) < 10 {
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			days = append(days, d.Format("2006-01-02"))
		}
		d = d.AddDate(0, 0, 1)
	}
	out["availabilityList"] = days
	out["earliestCRD"] = days[0]
	out["latestCRD"] = days[len(days)-1]
	if csr, isObj := in["customerServiceRecord"].(map[string]any); isObj {
		out["resultCSRs"] = []any{clone(csr)}
	} else {
		out["resultCSRs"] = []any{}
	}
	return ok(out)
}

// preValidateAccountTn: PUT {P}/account/e911/prevalidate. An address the
// fake's address book knows is VALID; one that shares its street number
// and name but differs elsewhere is INVALID with the known one as the
// alternative; any other is VALID when it has street, city, a two-letter
// state and a postal code, INVALID otherwise.
func preValidateAccountTn(c *call) reply {
	if !c.partitionOK() {
		return c.notFound("Partition", c.params["partitionId"])
	}
	in := c.obj()
	e, _ := in["e911Address"].(map[string]any)
	if e == nil {
		return c.badRequest("e911Address is required")
	}
	e = flattenE911(clone(e))
	addr := obj{}
	for _, k := range []string{"firstName", "lastName", "businessName", "streetNumber", "streetNumberSuffix", "preDirectional", "streetName",
		"streetSuffix", "postDirectional", "city", "state", "country", "postalCode", "secondaryLocationDescription", "unit"} {
		if v, isStr := e[k].(string); isStr {
			addr[k] = v
		}
	}
	fold := func(o obj, k string) string { return strings.ToUpper(strings.TrimSpace(str(o, k))) }
	out := obj{"address": addr, "errors": []any{}, "addressAlternatives": []any{}}
	for _, sa := range c.s.st.addresses {
		if fold(sa.csr, "streetNumber") != fold(addr, "streetNumber") || fold(sa.csr, "streetName") != fold(addr, "streetName") {
			continue
		}
		same := true
		for _, k := range []string{"city", "state", "postalCode"} {
			same = same && fold(sa.csr, k) == fold(addr, k)
		}
		if same {
			out["valid"] = "VALID"
			return ok(out)
		}
		alt := obj{}
		for _, k := range []string{"streetNumber", "preDirectional", "streetName", "streetSuffix", "postDirectional", "city", "state", "country", "postalCode"} {
			if v := str(sa.csr, k); v != "" {
				alt[k] = v
			}
		}
		out["valid"] = "INVALID"
		out["errors"] = []any{"The specified Civic Address is invalid. No MSAG Match, alternatives found"}
		out["addressAlternatives"] = []any{alt}
		return ok(out)
	}
	complete := str(addr, "streetName") != "" && str(addr, "city") != "" && len(str(addr, "state")) == 2 && str(addr, "postalCode") != ""
	if complete {
		out["valid"] = "VALID"
	} else {
		out["valid"] = "INVALID"
		out["errors"] = []any{"The provided address is failing at returning alternatives. Please verify the address value"}
	}
	return ok(out)
}

// porting handlers, consulted before the generic table (see handler.go).
var portingHandlers = map[string]handlerFunc{
	"getJobById":                          getJobByID,
	"getJobOutput":                        getJobOutput,
	"getJobInput":                         getJobInput,
	"getOutputUrl":                        getOutputURL,
	"getJobInputUrl":                      getJobInputURL,
	"deviceSummaryReport":                 deviceSummaryReport,
	"sipSummaryReport":                    sipSummaryReport,
	"telephoneNumberSummaryReport":        tnSummaryReport,
	"userSummaryReport":                   userSummaryReport,
	"vFaxSummaryReport":                   vFaxSummaryReport,
	"retrievePort":                        retrievePort,
	"updatePort":                          updatePort,
	"patchPort":                           patchPort,
	"cancelPort":                          cancelPort,
	"triggerPort":                         triggerPort,
	"statusSearch":                        statusSearch,
	"preValidateAccount":                  preValidateAccount,
	"preValidateAccountTn":                preValidateAccountTn,
	"accountHistoryByAccountIdSearch":     accountHistoryByID,
	"accountHistoryByAccountNumberSearch": accountHistoryByNumber,
}

func init() {
	for id, r := range csvReports {
		portingHandlers[id] = r.handler
	}
}

// curatedHandler returns the porting handler of an operation, if any.
func curatedHandler(id string) handlerFunc { return portingHandlers[id] }
