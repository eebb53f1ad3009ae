package alianzatest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/go-alianza/alianza"
)

// demoIDs are ids of the demo data, by path parameter name.
type demoIDs map[string]string

// readDemo reads the ids of WithDemoData's resources through the API.
func readDemo(t testing.TB, ctx context.Context, c *alianza.Client) demoIDs {
	t.Helper()
	ids := demoIDs{}
	get := func(path string, args []string, out any, query ...string) {
		t.Helper()
		op := alianza.Operation{Method: http.MethodGet, Path: path, Args: args}
		if len(query) == 4 {
			op.Query = url.Values{query[0]: {query[1]}, query[2]: {query[3]}}
		}
		_, err := c.Do(ctx, op, out)
		noError(t, err, path)
	}
	var accts []struct{ ID, AccountNumber string }
	get("/v2/partition/{partitionId}/account", nil, &accts)
	for _, a := range accts {
		if a.AccountNumber == DemoAccountNumber {
			ids["accountId"] = a.ID
		}
	}
	notEmpty(t, ids["accountId"])
	a := []string{ids["accountId"]}
	var users []struct{ ID string }
	get("/v2/partition/{partitionId}/account/{accountId}/user", a, &users)
	notEmpty(t, users)
	ids["userId"] = users[0].ID
	var devices []struct{ ID, MacAddress string }
	get("/v2/partition/{partitionId}/account/{accountId}/deviceline", a, &devices, "filterType", "ACCOUNT", "filter", ids["accountId"])
	notEmpty(t, devices)
	ids["deviceId"], ids["macAddress"] = devices[0].ID, devices[0].MacAddress
	var trunks []struct{ ID string }
	get("/v2/partition/{partitionId}/account/{accountId}/siptrunk_2", a, &trunks)
	notEmpty(t, trunks)
	ids["sipTrunkId"] = trunks[0].ID
	var tns []struct{ PhoneNumber string }
	get("/v2/partition/{partitionId}/account/{accountId}/telephonenumber", a, &tns)
	notEmpty(t, tns)
	ids["tn"], ids["phoneNumber"], ids["telephoneNumber"] = tns[0].PhoneNumber, tns[0].PhoneNumber, tns[0].PhoneNumber
	return ids
}

// opCall is an operation made into a Client.Do call: path arguments from
// the demo data or made from the parameter's schema, required query
// parameters filled, and a body made from the request schema.
func opCall(t testing.TB, rt *route, ids demoIDs) exCall {
	t.Helper()
	g := newSynth(rt.method+" "+rt.template, true)
	op := exCall{Operation: alianza.Operation{Method: rt.method, Path: rt.template}}
	params := map[string]*openapi3.Parameter{}
	var all openapi3.Parameters
	all = append(all, rt.pathItem.Parameters...)
	all = append(all, rt.op.Parameters...)
	for _, p := range all {
		if p.Value != nil {
			params[p.Value.In+":"+p.Value.Name] = p.Value
		}
	}
	for _, seg := range rt.segs {
		if !isParam(seg) || seg == "{partitionId}" {
			continue
		}
		name := seg[1 : len(seg)-1]
		if v, ok := ids[name]; ok {
			op.Args = append(op.Args, v)
			continue
		}
		var s *openapi3.Schema
		if p := params["path:"+name]; p != nil && p.Schema != nil {
			s = p.Schema.Value
		}
		op.Args = append(op.Args, fmt.Sprint(scalar(g.value(s, name+"."))))
	}
	q := url.Values{}
	for _, key := range sortedParamKeys(params) {
		p := params[key]
		if p.In != "query" || !p.Required {
			continue
		}
		var s *openapi3.Schema
		if p.Schema != nil {
			s = p.Schema.Value
		}
		switch v := g.value(s, p.Name+".").(type) {
		case []any:
			for _, x := range v {
				q.Add(p.Name, fmt.Sprint(scalar(x)))
			}
		default:
			q.Set(p.Name, fmt.Sprint(scalar(v)))
		}
	}
	if len(q) > 0 {
		op.Query = q
	}
	if rb := rt.op.RequestBody; rb != nil && rb.Value != nil {
		if mt := rb.Value.Content.Get("application/json"); mt != nil && mt.Schema != nil {
			s := mt.Schema.Value
			if rt.method == http.MethodPatch && isFreeForm(s) {
				// The fake checks a free-form PATCH body against the
				// resource the PATCH answers with.
				sp, err := loadSpec()
				noError(t, err)
				if res := sp.successSchema(rt.op); res != nil {
					s = res
				}
			}
			op.setJSON(g.value(s, ""))
		} else if mt := rb.Value.Content.Get("multipart/form-data"); mt != nil && mt.Schema != nil {
			fields := map[string]string{}
			var files []alianza.FormFile
			for _, name := range sortedRefKeys(mt.Schema.Value.Properties) {
				ps := mt.Schema.Value.Properties[name].Value
				if ps.Type.Is(openapi3.TypeString) && ps.Format == "binary" {
					files = append(files, alianza.FormFile{Field: name, Filename: name + ".bin", Content: bytes.NewReader([]byte("sample"))})
					continue
				}
				fields[name] = fmt.Sprint(scalar(g.value(ps, name+".")))
			}
			op.Body = alianza.MultipartBody(fields, files...)
			op.fields = fields
		}
	}
	return op
}

// scalar prints numbers as JSON does, not in Go's exponent form.
func scalar(v any) any {
	if f, ok := v.(float64); ok && f == float64(int64(f)) {
		return int64(f)
	}
	return v
}

func sortedParamKeys(m map[string]*openapi3.Parameter) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// stateful reports whether a handler that keeps state serves the
// operation (a curated one or one of the handlers table) rather than the
// answer made from the spec.
func stateful(operationID string) bool {
	return curatedHandler(operationID) != nil || handlers[operationID] != nil
}

// driveEnv is a server with demo data, a client of it and the demo ids.
type driveEnv struct {
	t   testing.TB
	ctx context.Context
	srv *Server
	c   *alianza.Client
	ids demoIDs
}

func newDriveEnv(t testing.TB, ctx context.Context) *driveEnv {
	t.Helper()
	srv := NewServer(t, WithDemoData())
	c, err := srv.NewClient()
	noError(t, err)
	return &driveEnv{t: t, ctx: ctx, srv: srv, c: c, ids: readDemo(t, ctx, c)}
}

// must calls an operation that prepares another's call.
func (e *driveEnv) must(method, path string, args []string, body any, out any, query ...string) {
	e.t.Helper()
	op := alianza.Operation{Method: method, Path: path, Args: args}
	if body != nil {
		op.Body = alianza.JSONBody(body)
	}
	if len(query) > 0 {
		q := url.Values{}
		for i := 0; i+1 < len(query); i += 2 {
			q.Set(query[i], query[i+1])
		}
		op.Query = q
	}
	_, err := e.c.Do(e.ctx, op, out)
	noError(e.t, err, "%s %s", method, path)
}

const acctPath = "/v2/partition/{partitionId}/account/{accountId}"

// freeNumber is an inventory number no account holds.
func (e *driveEnv) freeNumber() string {
	var found []struct{ PhoneNumber string }
	e.must(http.MethodGet, "/v2/partition/{partitionId}/telephonenumber/search", nil, nil, &found,
		"type", "LAT_LONG", "lat", "40.332492", "long", "-111.728167", "maxResults", "1")
	notEmpty(e.t, found)
	return found[0].PhoneNumber
}

// businessLine creates a business line on the demo account.
func (e *driveEnv) businessLine() {
	var line struct{ ID string }
	e.must(http.MethodPost, acctPath+"/business-line", []string{e.ids["accountId"]},
		exampleBusinessLine(e.ids["accountId"], e.srv.PartitionID()), &line)
	e.ids["businessLineId"] = line.ID
}

func examplePort() obj {
	return obj{"macAddress": "0011aabbccdd", "portNumber": 1, "deviceTypeId": "SPA122", "faxEnabled": false}
}

// portAssignment gives the business line a port assignment.
func (e *driveEnv) portAssignment() {
	e.must(http.MethodPost, acctPath+"/business-line/{businessLineId}/port-assignment",
		[]string{e.ids["accountId"], e.ids["businessLineId"]}, examplePort(), nil)
}

// product is the id of the partition's first calling plan product.
func (e *driveEnv) product() string {
	var list []struct{ ID string }
	e.must(http.MethodGet, "/v2/partition/{partitionId}/callingplanproduct", nil, nil, &list)
	notEmpty(e.t, list)
	return list[0].ID
}

// getThenPut makes a PUT send back what the GET of the same path answers.
func (e *driveEnv) getThenPut(op exCall, edit func(obj)) exCall {
	e.t.Helper()
	var cur obj
	e.must(http.MethodGet, op.Path, op.Args, nil, &cur)
	if edit != nil {
		edit(cur)
	}
	op.setJSON(cur)
	return op
}

// job starts a job in the fake (the accounts CSV report) and moves the
// fake's clock on until it is DONE; it returns the job's id.
func (e *driveEnv) job() string {
	e.t.Helper()
	var j struct{ ID string }
	e.must(http.MethodGet, "/v2/partition/{partitionId}/report/account/csv_3", nil, nil, &j)
	notEmpty(e.t, j.ID)
	e.srv.Advance(JobPendingFor + JobRunFor)
	return j.ID
}

// jobWithInput puts into the fake a finished job started with an input,
// as a bulk import of an upload is; the fake's reports have none.
func (e *driveEnv) jobWithInput() string {
	s := e.srv
	s.mu.Lock()
	defer s.mu.Unlock()
	at := s.nowLocked().Add(-JobPendingFor - JobRunFor)
	j := &fakeJob{id: newID(), name: "TN_BULK_IMPORT", start: at, input: []byte("telephoneNumber\n18015550100\n"), output: []byte("telephoneNumber,result\n18015550100,OK\n")}
	s.portingLocked().jobs[j.id] = j
	return j.id
}

// portTN is a number neither in the fake's inventory nor on an account:
// one that can port in.
const portTN = "18015551212"

// port submits a port of portTN to the demo account and returns its id.
func (e *driveEnv) port() string {
	e.t.Helper()
	body := exampleNumbers(portTN)
	e.srv.mu.Lock()
	crd := timestamp(e.srv.nowLocked().AddDate(0, 0, 7))
	e.srv.mu.Unlock()
	body["port"] = obj{"billingTelephoneNumber": portTN, "crdDate": crd, "portingWireType": "Wireline", "portingAuthorizedName": "John Smith"}
	var act struct {
		Port struct{ ID string }
	}
	e.must(http.MethodPost, acctPath+"/telephonenumber", []string{e.ids["accountId"]}, body, &act)
	notEmpty(e.t, act.Port.ID)
	return act.Port.ID
}

// withLast replaces the last path argument of op with id.
func withLast(op exCall, id string) exCall {
	op.Args = append(append([]string(nil), op.Args[:len(op.Args)-1]...), id)
	return op
}

// statefulCalls make the call of an operation whose handler keeps state
// and checks more than the spec: a made-up body or id would be refused,
// as the platform refuses it. Each gets the default call and the demo
// environment, and prepares what the call needs.
var statefulCalls = map[string]func(e *driveEnv, op exCall, rt *route) exCall{
	"logUserIn": func(e *driveEnv, op exCall, _ *route) exCall {
		op.setJSON(obj{"username": e.srv.Username(), "password": e.srv.Password()})
		return op
	},
	"deleteAccount": func(e *driveEnv, op exCall, _ *route) exCall {
		var a struct{ ID string }
		e.must(http.MethodPost, "/v2/partition/{partitionId}/account", nil, exampleAccount("DRIVE-EMPTY"), &a)
		op.Args = []string{a.ID}
		return op
	},
	"createDevice": func(e *driveEnv, op exCall, _ *route) exCall {
		d := exampleDevice(e.ids["accountId"], e.srv.PartitionID(), e.ids["userId"])
		d["emergencyNumber"] = e.ids["tn"]
		op.setJSON(d)
		return op
	},
	"putDevice": func(e *driveEnv, op exCall, _ *route) exCall {
		return e.getThenPut(op, func(o obj) { o["deviceName"] = "Renamed" })
	},
	"createOrAddTelephoneNumberToAccount": func(e *driveEnv, op exCall, _ *route) exCall {
		op.setJSON(exampleNumbers(e.freeNumber()))
		return op
	},
	"patchTelephoneNumberOnAccount": func(e *driveEnv, op exCall, _ *route) exCall {
		op.setJSON(obj{"referenceType": "END_USER", "referenceId": e.ids["userId"]})
		return op
	},
	"updateTelephoneNumberOnAccount": func(e *driveEnv, op exCall, _ *route) exCall {
		return e.getThenPut(op, nil)
	},
	"destination": func(e *driveEnv, op exCall, _ *route) exCall {
		op.setJSON(obj{"referenceType": "SIP_TRUNK", "referenceId": e.ids["sipTrunkId"]})
		return op
	},
	"createEndUser": func(e *driveEnv, op exCall, _ *route) exCall {
		op.setJSON(exampleUser())
		return op
	},
	"updateEndUser": func(e *driveEnv, op exCall, _ *route) exCall {
		return e.getThenPut(op, func(o obj) { o["firstName"] = "Renamed" })
	},
	"addPlan": func(e *driveEnv, op exCall, _ *route) exCall {
		op.setJSON(obj{"referenceType": "SIP_TRUNK", "referenceId": e.ids["sipTrunkId"], "callingPlanProductId": e.product()})
		return op
	},
	"removePlan": func(e *driveEnv, op exCall, _ *route) exCall {
		body := obj{"referenceType": "SIP_TRUNK", "referenceId": e.ids["sipTrunkId"], "callingPlanProductId": e.product()}
		e.must(http.MethodPut, acctPath+"/callingplan", []string{e.ids["accountId"]}, body, nil)
		op.setJSON(body)
		return op
	},
	"updateDevice": func(e *driveEnv, op exCall, _ *route) exCall {
		op.setJSON(obj{"deviceName": "Renamed"})
		return op
	},
	"patchSipTrunk": func(e *driveEnv, op exCall, _ *route) exCall {
		op.setJSON(obj{"concurrentCalls": 5})
		return op
	},
	"patchEndUser": func(e *driveEnv, op exCall, _ *route) exCall {
		op.setJSON(obj{"firstName": "Renamed"})
		return op
	},
	"createBusinessLinePortAssignment": func(e *driveEnv, op exCall, _ *route) exCall {
		op.setJSON(examplePort())
		return op
	},
	"updateBusinessLinePortAssignment": func(e *driveEnv, op exCall, _ *route) exCall {
		e.portAssignment()
		p := examplePort()
		p["portNumber"] = 2
		op.setJSON(p)
		return op
	},
	"getBusinessLinePortAssignment": func(e *driveEnv, op exCall, _ *route) exCall {
		e.portAssignment()
		return op
	},
	"deleteBusinessLinePortAssignment": func(e *driveEnv, op exCall, _ *route) exCall {
		e.portAssignment()
		return op
	},
	"cdrSearch": func(e *driveEnv, op exCall, _ *route) exCall {
		q, _ := op.Query.(url.Values)
		if q == nil {
			q = url.Values{}
		}
		q.Set("startDate", "2026-01-01")
		q.Set("endDate", "2026-01-02")
		op.Query = q
		return op
	},
	"tnSearch": func(e *driveEnv, op exCall, _ *route) exCall {
		op.Query = url.Values{"type": {"LAT_LONG"}, "lat": {"40.332492"}, "long": {"-111.728167"}, "maxResults": {"2"}}
		return op
	},
	"reserve": func(e *driveEnv, op exCall, _ *route) exCall {
		op.Args = []string{e.freeNumber()}
		return op
	},
	"getJobById": func(e *driveEnv, op exCall, _ *route) exCall {
		return withLast(op, e.job())
	},
	"getJobOutput": func(e *driveEnv, op exCall, _ *route) exCall {
		return withLast(op, e.job())
	},
	"getOutputUrl": func(e *driveEnv, op exCall, _ *route) exCall {
		return withLast(op, e.job())
	},
	"getJobInput": func(e *driveEnv, op exCall, _ *route) exCall {
		return withLast(op, e.jobWithInput())
	},
	"accountHistoryByAccountNumberSearch": func(e *driveEnv, op exCall, _ *route) exCall {
		q, _ := op.Query.(url.Values)
		if q == nil {
			q = url.Values{}
		}
		q.Set("accountNumber", DemoAccountNumber)
		op.Query = q
		return op
	},
	"retrievePort": func(e *driveEnv, op exCall, _ *route) exCall {
		return withLast(op, e.port())
	},
	"patchPort": func(e *driveEnv, op exCall, _ *route) exCall {
		op = withLast(op, e.port())
		op.setJSON(obj{"portingAuthorizedName": "Jane Smith"})
		return op
	},
	"updatePort": func(e *driveEnv, op exCall, _ *route) exCall {
		return e.getThenPut(withLast(op, e.port()), func(o obj) { o["portingAuthorizedName"] = "Jane Smith" })
	},
	"cancelPort": func(e *driveEnv, op exCall, _ *route) exCall {
		return withLast(op, e.port())
	},
	"triggerPort": func(e *driveEnv, op exCall, _ *route) exCall {
		op = withLast(op, e.port())
		// A port can be triggered once it has its FOC date: two steps on.
		e.srv.Advance(2 * e.srv.cfg.portStep)
		return op
	},
}

// needs prepares ids an operation's path takes that the demo data lacks:
// a business line or a calling plan product as their rules want them, and
// for any other {xId}, the item the POST on the path before it creates.
func (e *driveEnv) needs(rt *route) {
	switch {
	case strings.Contains(rt.template, "{businessLineId}"):
		e.businessLine()
	case strings.Contains(rt.template, "{cppId}"):
		e.ids["cppId"] = e.product()
	}
	sp, err := loadSpec()
	noError(e.t, err)
	for i, seg := range rt.segs {
		name := strings.Trim(seg, "{}")
		if !isParam(seg) || seg == "{partitionId}" || e.ids[name] != "" {
			continue
		}
		parent := "/" + strings.Join(rt.segs[:i], "/")
		for _, cand := range sp.routes {
			if cand.method == http.MethodPost && cand.template == parent && !cand.op.Deprecated && stateful(cand.op.OperationID) {
				e.ids[name] = e.create(cand.op.OperationID)
				break
			}
		}
	}
}

// create calls a create operation with a body made from its schema and
// returns the new item's id.
func (e *driveEnv) create(operationID string) string {
	e.t.Helper()
	sp, err := loadSpec()
	noError(e.t, err)
	rt := sp.byID[operationID]
	notNil(e.t, rt, operationID)
	var out struct{ ID string }
	op := opCall(e.t, rt, e.ids)
	if fix := statefulCalls[operationID]; fix != nil {
		op = fix(e, op, rt)
	}
	_, err = e.c.Do(e.ctx, op.Operation, &out)
	noError(e.t, err, operationID)
	notEmpty(e.t, out.ID, operationID)
	return out.ID
}

// exCall is a call made for an operation: the Client.Do operation, and
// the JSON value or the form fields of its body.
type exCall struct {
	alianza.Operation
	json   any
	fields map[string]string
}

// setJSON makes v the call's JSON body.
func (c *exCall) setJSON(v any) {
	c.json = v
	c.Body = alianza.JSONBody(v)
}

func noError(t testing.TB, err error, msgAndArgs ...any) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", message(msgAndArgs), err)
	}
}

func notEmpty(t testing.TB, v any, msgAndArgs ...any) {
	t.Helper()
	if v == nil || reflect.ValueOf(v).Len() == 0 {
		t.Fatalf("%s: empty", message(msgAndArgs))
	}
}

func notNil[T any](t testing.TB, v *T, msgAndArgs ...any) {
	t.Helper()
	if v == nil {
		t.Fatalf("%s: nil", message(msgAndArgs))
	}
}

// message is the message of testify-style msgAndArgs.
func message(msgAndArgs []any) string {
	switch {
	case len(msgAndArgs) == 0:
		return "example call"
	case len(msgAndArgs) == 1:
		return fmt.Sprint(msgAndArgs[0])
	}
	if f, ok := msgAndArgs[0].(string); ok {
		return fmt.Sprintf(f, msgAndArgs[1:]...)
	}
	return fmt.Sprint(msgAndArgs...)
}

// The example bodies of Alianza's account guide (the device line uses the spec's deviceTypeId
// and the required faxEnabled; the guide's "deviceId" is not a DeviceX field).
func exampleAccount(number string) map[string]any {
	return map[string]any{
		"billingCycleDay": 1, "accountNumber": number, "accountName": "Customer Name",
		"timeZone": "US/Mountain", "extensionLength": 4, "accountType": "ADVANCED",
		"dialingBehaviorType": "OPEN_DIAL_PLAN_TEN_DIGIT", "platformType": "CPE2",
	}
}

func exampleUser() map[string]any {
	return map[string]any{
		"username": "john.smith@example.com", "firstName": "John", "lastName": "Smith",
		"emailAddress": "john.smith@example.com", "userProductPlan": "STANDARD", "timeZone": "US/Mountain",
		"extension": "4000", "endUserType": "STANDARD", "allowPortalAccess": true, "blockEmail": false,
	}
}

func exampleNumbers(tns ...string) map[string]any {
	var items []any
	for _, tn := range tns {
		items = append(items, map[string]any{"phoneNumber": tn})
	}
	return map[string]any{
		"customerServiceRecord": map[string]any{
			"firstName": "John", "lastName": "Smith", "streetNumber": "333", "preDirectional": "S",
			"streetName": "520", "postDirectional": "W", "city": "Lindon", "state": "UT", "country": "USA",
			"postalCode": "84042", "secondaryLocationDescription": "SUITE", "unit": "500",
			"customerType": "RESIDENTIAL", "customerName": "Smith John",
		},
		"directoryListing": map[string]any{"listed": true, "type": "NOT_LIST_NOT_PUBLISH",
			"address": map[string]any{"firstName": "John", "lastName": "Smith"}},
		"e911Address":      map[string]any{"firstName": "John", "lastName": "Smith", "latitude": "40.332492", "longitude": "-111.728167"},
		"holdActivation":   false,
		"telephoneNumbers": items,
	}
}

func exampleDevice(accountID, partitionID, userID string) map[string]any {
	return map[string]any{
		"accountId": accountID, "partitionId": partitionID, "userId": userID, "deviceName": "Line",
		"deviceTypeId": "SPA112", "faxEnabled": false, "emergencyNumber": "18015551212",
		"lineNumber": 1, "macAddress": "123456abcabc",
	}
}

func exampleBusinessLine(accountID, partitionID string) map[string]any {
	return map[string]any{
		"name": "line3", "callerIdPhoneNumber": "12012524007", "callerIdVisible": true,
		"emergencyCallbackPhoneNumber": "12012524007", "accountId": accountID, "partitionId": partitionID,
	}
}

// ExampleCall is a call of one of the spec's live operations that a
// Server with demo data answers with a success and no violation of the
// spec: path arguments of resources that exist, the query parameters the
// operation requires, and a body its request schema and the fake's rules
// accept.
type ExampleCall struct {
	Method string     // GET, POST, ...
	Path   string     // the spec's path template, e.g. "/v2/partition/{partitionId}/account/{accountId}"
	Args   []string   // the path arguments other than {partitionId}, in order
	Query  url.Values // the query parameters, nil when none
	// JSON is the JSON body, nil when the operation takes none.
	JSON json.RawMessage
	// Fields are the form fields of a multipart body, nil when the
	// operation takes none; the body's files are not listed: any content
	// is accepted.
	Fields map[string]string
}

// Operation is the call as a Client.Do operation. A multipart body gets
// a small file for each file field of the form.
func (c ExampleCall) Operation() alianza.Operation {
	op := alianza.Operation{Method: c.Method, Path: c.Path, Args: c.Args}
	if c.Query != nil {
		op.Query = c.Query
	}
	switch {
	case c.JSON != nil:
		op.Body = alianza.RawBody("application/json", c.JSON)
	case c.Fields != nil:
		op.Body = alianza.MultipartBody(c.Fields, c.files()...)
	}
	return op
}

// files are the file parts of a multipart body.
func (c ExampleCall) files() []alianza.FormFile {
	sp, err := loadSpec()
	if err != nil {
		return nil
	}
	rt := sp.route(c.Method, c.Path)
	if rt == nil || rt.op.RequestBody == nil || rt.op.RequestBody.Value == nil {
		return nil
	}
	mt := rt.op.RequestBody.Value.Content.Get("multipart/form-data")
	if mt == nil || mt.Schema == nil {
		return nil
	}
	var files []alianza.FormFile
	for _, name := range sortedRefKeys(mt.Schema.Value.Properties) {
		ps := mt.Schema.Value.Properties[name].Value
		if ps.Type.Is(openapi3.TypeString) && ps.Format == "binary" {
			files = append(files, alianza.FormFile{Field: name, Filename: name + ".bin", Content: bytes.NewReader([]byte("sample"))})
		}
	}
	return files
}

// Driver makes an ExampleCall of any live operation of the spec against
// one Server started with WithDemoData. It reads the demo data's ids
// through a client of the server, and creates what an operation's call
// needs (a business line, a port, a finished job, ...) before it returns
// the call. A test that drives every operation of the API, through
// Client.Do or typed methods, uses it to send requests the fake must
// answer with a success. A Driver is not safe for concurrent use.
type Driver struct {
	e *driveEnv
}

// NewDriver returns a Driver of srv, which must have been started with
// WithDemoData. It fails t when the demo data cannot be read.
func NewDriver(t testing.TB, srv *Server) *Driver {
	t.Helper()
	c, err := srv.NewClient()
	noError(t, err, "client of the fake")
	ctx := context.Background()
	return &Driver{e: &driveEnv{t: t, ctx: ctx, srv: srv, c: c, ids: readDemo(t, ctx, c)}}
}

// Call returns a call of operation, given as "METHOD /path" with the
// spec's path template, that the Driver's server answers with a success.
// For an operation whose answer depends on the server's state (see
// Stateful), Call first creates the resources the call names, and the
// call itself may change or remove demo data: give each such operation a
// Driver of a new server. Call fails the Driver's t on an operation that
// is not a live one of the spec, or when preparing the call fails.
func (d *Driver) Call(operation string) ExampleCall {
	e := d.e
	e.t.Helper()
	sp, err := loadSpec()
	noError(e.t, err, "the spec")
	method, path, _ := strings.Cut(operation, " ")
	rt := sp.route(method, path)
	if rt == nil || rt.op.Deprecated {
		e.t.Fatalf("%s is not a live operation of the spec", operation)
		return ExampleCall{}
	}
	op := d.call(rt)
	out := ExampleCall{Method: rt.method, Path: rt.template, Args: op.Args, Fields: op.fields}
	if q, ok := op.Query.(url.Values); ok && len(q) > 0 {
		out.Query = q
	}
	if op.json != nil {
		b, err := json.Marshal(op.json)
		noError(e.t, err, "%s: body", operation)
		out.JSON = b
	}
	return out
}

// call prepares the call of rt.
func (d *Driver) call(rt *route) exCall {
	e := d.e
	if stateful(rt.op.OperationID) {
		e.needs(rt)
	}
	op := opCall(e.t, rt, e.ids)
	if fix := statefulCalls[rt.op.OperationID]; fix != nil {
		op = fix(e, op, rt)
	}
	return op
}

// Stateful reports whether the fake answers operation ("METHOD /path")
// from the state it keeps (accounts, users, numbers, ports, jobs, ...)
// rather than with an answer made from the spec: its ExampleCall then
// creates resources first and may change the demo data.
func Stateful(operation string) bool {
	sp, err := loadSpec()
	if err != nil {
		return false
	}
	method, path, _ := strings.Cut(operation, " ")
	rt := sp.route(method, path)
	return rt != nil && stateful(rt.op.OperationID)
}

// LiveOperations lists the spec's operations that are not deprecated, as
// "METHOD /path" with the spec's path templates, sorted: the operations
// a Driver makes calls of.
func LiveOperations() []string {
	sp, err := loadSpec()
	if err != nil {
		return nil
	}
	var out []string
	for _, r := range sp.routes {
		if !r.op.Deprecated {
			out = append(out, r.method+" "+r.template)
		}
	}
	sort.Strings(out)
	return out
}
