package alianzatest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/go-alianza/alianza"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// liveRoutes are the spec's operations that are not deprecated, by
// template then method.
func liveRoutes(t *testing.T) []*route {
	t.Helper()
	sp, err := loadSpec()
	require.NoError(t, err)
	var out []*route
	for _, r := range sp.routes {
		if !r.op.Deprecated {
			out = append(out, r)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].template != out[j].template {
			return out[i].template < out[j].template
		}
		return out[i].method < out[j].method
	})
	return out
}

// demoIDs are ids of the demo data, by path parameter name.
type demoIDs map[string]string

// readDemo reads the ids of WithDemoData's resources through the API.
func readDemo(t *testing.T, ctx context.Context, c *alianza.Client) demoIDs {
	t.Helper()
	ids := demoIDs{}
	get := func(path string, args []string, out any, query ...string) {
		t.Helper()
		op := alianza.Operation{Method: http.MethodGet, Path: path, Args: args}
		if len(query) == 4 {
			op.Query = url.Values{query[0]: {query[1]}, query[2]: {query[3]}}
		}
		_, err := c.Do(ctx, op, out)
		require.NoError(t, err, path)
	}
	var accts []struct{ ID, AccountNumber string }
	get("/v2/partition/{partitionId}/account", nil, &accts)
	for _, a := range accts {
		if a.AccountNumber == DemoAccountNumber {
			ids["accountId"] = a.ID
		}
	}
	require.NotEmpty(t, ids["accountId"])
	a := []string{ids["accountId"]}
	var users []struct{ ID string }
	get("/v2/partition/{partitionId}/account/{accountId}/user", a, &users)
	require.NotEmpty(t, users)
	ids["userId"] = users[0].ID
	var devices []struct{ ID, MacAddress string }
	get("/v2/partition/{partitionId}/account/{accountId}/deviceline", a, &devices, "filterType", "ACCOUNT", "filter", ids["accountId"])
	require.NotEmpty(t, devices)
	ids["deviceId"], ids["macAddress"] = devices[0].ID, devices[0].MacAddress
	var trunks []struct{ ID string }
	get("/v2/partition/{partitionId}/account/{accountId}/siptrunk_2", a, &trunks)
	require.NotEmpty(t, trunks)
	ids["sipTrunkId"] = trunks[0].ID
	var tns []struct{ PhoneNumber string }
	get("/v2/partition/{partitionId}/account/{accountId}/telephonenumber", a, &tns)
	require.NotEmpty(t, tns)
	ids["tn"], ids["phoneNumber"], ids["telephoneNumber"] = tns[0].PhoneNumber, tns[0].PhoneNumber, tns[0].PhoneNumber
	return ids
}

// opCall is an operation made into a Client.Do call: path arguments from
// the demo data or made from the parameter's schema, required query
// parameters filled, and a body made from the request schema.
func opCall(t *testing.T, rt *route, ids demoIDs) alianza.Operation {
	t.Helper()
	g := newSynth(rt.method+" "+rt.template, true)
	op := alianza.Operation{Method: rt.method, Path: rt.template}
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
				require.NoError(t, err)
				if res := sp.successSchema(rt.op); res != nil {
					s = res
				}
			}
			op.Body = alianza.JSONBody(g.value(s, ""))
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
	t   *testing.T
	ctx context.Context
	srv *Server
	c   *alianza.Client
	ids demoIDs
}

func newDriveEnv(t *testing.T, ctx context.Context) *driveEnv {
	t.Helper()
	srv := NewServer(t, WithDemoData())
	c, err := srv.NewClient()
	require.NoError(t, err)
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
	require.NoError(e.t, err, "%s %s", method, path)
}

const acctPath = "/v2/partition/{partitionId}/account/{accountId}"

// freeNumber is an inventory number no account holds.
func (e *driveEnv) freeNumber() string {
	var found []struct{ PhoneNumber string }
	e.must(http.MethodGet, "/v2/partition/{partitionId}/telephonenumber/search", nil, nil, &found,
		"type", "LAT_LONG", "lat", "40.332492", "long", "-111.728167", "maxResults", "1")
	require.NotEmpty(e.t, found)
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
	require.NotEmpty(e.t, list)
	return list[0].ID
}

// getThenPut makes a PUT send back what the GET of the same path answers.
func (e *driveEnv) getThenPut(op alianza.Operation, edit func(obj)) alianza.Operation {
	e.t.Helper()
	var cur obj
	e.must(http.MethodGet, op.Path, op.Args, nil, &cur)
	if edit != nil {
		edit(cur)
	}
	op.Body = alianza.JSONBody(cur)
	return op
}

// job starts a job in the fake (the accounts CSV report) and moves the
// fake's clock on until it is DONE; it returns the job's id.
func (e *driveEnv) job() string {
	e.t.Helper()
	var j struct{ ID string }
	e.must(http.MethodGet, "/v2/partition/{partitionId}/report/account/csv_3", nil, nil, &j)
	require.NotEmpty(e.t, j.ID)
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
	require.NotEmpty(e.t, act.Port.ID)
	return act.Port.ID
}

// withLast replaces the last path argument of op with id.
func withLast(op alianza.Operation, id string) alianza.Operation {
	op.Args = append(append([]string(nil), op.Args[:len(op.Args)-1]...), id)
	return op
}

// statefulCalls make the call of an operation whose handler keeps state
// and checks more than the spec: a made-up body or id would be refused,
// as the platform refuses it. Each gets the default call and the demo
// environment, and prepares what the call needs.
var statefulCalls = map[string]func(e *driveEnv, op alianza.Operation, rt *route) alianza.Operation{
	"logUserIn": func(e *driveEnv, op alianza.Operation, _ *route) alianza.Operation {
		op.Body = alianza.JSONBody(obj{"username": e.srv.Username(), "password": e.srv.Password()})
		return op
	},
	"deleteAccount": func(e *driveEnv, op alianza.Operation, _ *route) alianza.Operation {
		var a struct{ ID string }
		e.must(http.MethodPost, "/v2/partition/{partitionId}/account", nil, exampleAccount("DRIVE-EMPTY"), &a)
		op.Args = []string{a.ID}
		return op
	},
	"createDevice": func(e *driveEnv, op alianza.Operation, _ *route) alianza.Operation {
		d := exampleDevice(e.ids["accountId"], e.srv.PartitionID(), e.ids["userId"])
		d["emergencyNumber"] = e.ids["tn"]
		op.Body = alianza.JSONBody(d)
		return op
	},
	"putDevice": func(e *driveEnv, op alianza.Operation, _ *route) alianza.Operation {
		return e.getThenPut(op, func(o obj) { o["deviceName"] = "Renamed" })
	},
	"createOrAddTelephoneNumberToAccount": func(e *driveEnv, op alianza.Operation, _ *route) alianza.Operation {
		op.Body = alianza.JSONBody(exampleNumbers(e.freeNumber()))
		return op
	},
	"patchTelephoneNumberOnAccount": func(e *driveEnv, op alianza.Operation, _ *route) alianza.Operation {
		op.Body = alianza.JSONBody(obj{"referenceType": "END_USER", "referenceId": e.ids["userId"]})
		return op
	},
	"updateTelephoneNumberOnAccount": func(e *driveEnv, op alianza.Operation, _ *route) alianza.Operation {
		return e.getThenPut(op, nil)
	},
	"destination": func(e *driveEnv, op alianza.Operation, _ *route) alianza.Operation {
		op.Body = alianza.JSONBody(obj{"referenceType": "SIP_TRUNK", "referenceId": e.ids["sipTrunkId"]})
		return op
	},
	"createEndUser": func(e *driveEnv, op alianza.Operation, _ *route) alianza.Operation {
		op.Body = alianza.JSONBody(exampleUser())
		return op
	},
	"updateEndUser": func(e *driveEnv, op alianza.Operation, _ *route) alianza.Operation {
		return e.getThenPut(op, func(o obj) { o["firstName"] = "Renamed" })
	},
	"addPlan": func(e *driveEnv, op alianza.Operation, _ *route) alianza.Operation {
		op.Body = alianza.JSONBody(obj{"referenceType": "SIP_TRUNK", "referenceId": e.ids["sipTrunkId"], "callingPlanProductId": e.product()})
		return op
	},
	"removePlan": func(e *driveEnv, op alianza.Operation, _ *route) alianza.Operation {
		body := obj{"referenceType": "SIP_TRUNK", "referenceId": e.ids["sipTrunkId"], "callingPlanProductId": e.product()}
		e.must(http.MethodPut, acctPath+"/callingplan", []string{e.ids["accountId"]}, body, nil)
		op.Body = alianza.JSONBody(body)
		return op
	},
	"updateDevice": func(e *driveEnv, op alianza.Operation, _ *route) alianza.Operation {
		op.Body = alianza.JSONBody(obj{"deviceName": "Renamed"})
		return op
	},
	"patchSipTrunk": func(e *driveEnv, op alianza.Operation, _ *route) alianza.Operation {
		op.Body = alianza.JSONBody(obj{"concurrentCalls": 5})
		return op
	},
	"patchEndUser": func(e *driveEnv, op alianza.Operation, _ *route) alianza.Operation {
		op.Body = alianza.JSONBody(obj{"firstName": "Renamed"})
		return op
	},
	"createBusinessLinePortAssignment": func(e *driveEnv, op alianza.Operation, _ *route) alianza.Operation {
		op.Body = alianza.JSONBody(examplePort())
		return op
	},
	"updateBusinessLinePortAssignment": func(e *driveEnv, op alianza.Operation, _ *route) alianza.Operation {
		e.portAssignment()
		p := examplePort()
		p["portNumber"] = 2
		op.Body = alianza.JSONBody(p)
		return op
	},
	"getBusinessLinePortAssignment": func(e *driveEnv, op alianza.Operation, _ *route) alianza.Operation {
		e.portAssignment()
		return op
	},
	"deleteBusinessLinePortAssignment": func(e *driveEnv, op alianza.Operation, _ *route) alianza.Operation {
		e.portAssignment()
		return op
	},
	"cdrSearch": func(e *driveEnv, op alianza.Operation, _ *route) alianza.Operation {
		q, _ := op.Query.(url.Values)
		if q == nil {
			q = url.Values{}
		}
		q.Set("startDate", "2026-01-01")
		q.Set("endDate", "2026-01-02")
		op.Query = q
		return op
	},
	"tnSearch": func(e *driveEnv, op alianza.Operation, _ *route) alianza.Operation {
		op.Query = url.Values{"type": {"LAT_LONG"}, "lat": {"40.332492"}, "long": {"-111.728167"}, "maxResults": {"2"}}
		return op
	},
	"reserve": func(e *driveEnv, op alianza.Operation, _ *route) alianza.Operation {
		op.Args = []string{e.freeNumber()}
		return op
	},
	"getJobById": func(e *driveEnv, op alianza.Operation, _ *route) alianza.Operation {
		return withLast(op, e.job())
	},
	"getJobOutput": func(e *driveEnv, op alianza.Operation, _ *route) alianza.Operation {
		return withLast(op, e.job())
	},
	"getOutputUrl": func(e *driveEnv, op alianza.Operation, _ *route) alianza.Operation {
		return withLast(op, e.job())
	},
	"getJobInput": func(e *driveEnv, op alianza.Operation, _ *route) alianza.Operation {
		return withLast(op, e.jobWithInput())
	},
	"accountHistoryByAccountNumberSearch": func(e *driveEnv, op alianza.Operation, _ *route) alianza.Operation {
		q, _ := op.Query.(url.Values)
		if q == nil {
			q = url.Values{}
		}
		q.Set("accountNumber", DemoAccountNumber)
		op.Query = q
		return op
	},
	"retrievePort": func(e *driveEnv, op alianza.Operation, _ *route) alianza.Operation {
		return withLast(op, e.port())
	},
	"patchPort": func(e *driveEnv, op alianza.Operation, _ *route) alianza.Operation {
		op = withLast(op, e.port())
		op.Body = alianza.JSONBody(obj{"portingAuthorizedName": "Jane Smith"})
		return op
	},
	"updatePort": func(e *driveEnv, op alianza.Operation, _ *route) alianza.Operation {
		return e.getThenPut(withLast(op, e.port()), func(o obj) { o["portingAuthorizedName"] = "Jane Smith" })
	},
	"cancelPort": func(e *driveEnv, op alianza.Operation, _ *route) alianza.Operation {
		return withLast(op, e.port())
	},
	"triggerPort": func(e *driveEnv, op alianza.Operation, _ *route) alianza.Operation {
		op = withLast(op, e.port())
		// A port can be triggered once it has its FOC date: two steps on.
		e.srv.Advance(2 * PortStepDuration)
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
	require.NoError(e.t, err)
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
	require.NoError(e.t, err)
	rt := sp.byID[operationID]
	require.NotNil(e.t, rt, operationID)
	var out struct{ ID string }
	op := opCall(e.t, rt, e.ids)
	if fix := statefulCalls[operationID]; fix != nil {
		op = fix(e, op, rt)
	}
	_, err = e.c.Do(e.ctx, op, &out)
	require.NoError(e.t, err, operationID)
	require.NotEmpty(e.t, out.ID, operationID)
	return out.ID
}

// TestEveryLiveOperationAnswers drives every live operation of the spec
// through Client.Do. Operations a stateful handler serves run on a fresh
// demo server each (they may change or remove the demo data); the others,
// answered from the spec, share one. Every call must succeed and the fake
// must see no violation of the spec, in the requests or its answers.
func TestEveryLiveOperationAnswers(t *testing.T) {
	ctx := context.Background()
	shared := newDriveEnv(t, ctx)
	routes := liveRoutes(t)
	require.Len(t, routes, 421)
	var done, failed []string
	for _, rt := range routes {
		e := shared
		if stateful(rt.op.OperationID) {
			e = newDriveEnv(t, ctx)
			e.needs(rt)
		}
		op := opCall(t, rt, e.ids)
		if fix := statefulCalls[rt.op.OperationID]; fix != nil {
			op = fix(e, op, rt)
		}
		var out any
		var buf bytes.Buffer
		if _, _, mt := successResponse(rt.op, ""); mt != nil {
			out = &buf
		}
		resp, err := e.c.Do(ctx, op, out)
		if err != nil || resp.StatusCode >= 300 {
			failed = append(failed, fmt.Sprintf("%s %s (%s): %v", rt.method, rt.template, rt.op.OperationID, err))
			continue
		}
		done = append(done, rt.op.OperationID)
		if e != shared {
			assert.Empty(t, e.srv.Violations(), rt.op.OperationID)
		}
	}
	assert.Empty(t, failed, "%d operations failed:\n%s", len(failed), strings.Join(failed, "\n"))
	assert.Len(t, done, len(routes), "every live operation answered 2xx")
	assert.Empty(t, shared.srv.Violations())
	t.Logf("operations: %d/%d answered 2xx, %d violations", len(done), len(routes), len(shared.srv.Violations()))
}

// TestGenericAnswersMatchTheSpec makes the generic answer of every live
// operation, stateful ones included, in every media type its success
// answer offers, and checks each against the spec's response schema.
func TestGenericAnswersMatchTheSpec(t *testing.T) {
	sp, err := loadSpec()
	require.NoError(t, err)
	ids := demoIDs{"accountId": "ACCOUNT-ID-0000000000A", "userId": "USER-ID-000000000000AB"}
	n := 0
	for _, rt := range liveRoutes(t) {
		op := opCall(t, rt, ids)
		path := fillPath(rt.template, "FakePartition0000000001", op.Args)
		types := []string{""}
		if _, _, mt := successResponse(rt.op, ""); mt != nil {
			_, resp := successStatusResponse(rt.op)
			types = sortedContentTypes(resp)
		}
		for _, accept := range types {
			req, err := http.NewRequest(rt.method, path, nil)
			require.NoError(t, err)
			if q, ok := op.Query.(url.Values); ok {
				req.URL.RawQuery = q.Encode()
			}
			if accept != "" {
				req.Header.Set("Accept", accept)
			}
			r, params, _ := sp.match(rt.method, req.URL.EscapedPath())
			require.Same(t, rt, r, "%s %s", rt.method, path)
			c := &call{r: req, rt: rt, params: params, query: req.URL.Query()}
			rep := genericAnswer(c)
			body := encodeBody(rep.body)
			h := http.Header{}
			if len(body) > 0 {
				h.Set("Content-Type", contentType(rep.body))
				if accept != "" {
					assert.Equal(t, accept, h.Get("Content-Type"), rt.op.OperationID)
				}
			}
			in := sp.reqInput(req, rt, params, nil)
			msgs := sp.checkResponse(req.Context(), in, rep.status, h, body)
			assert.Empty(t, msgs, "%s %s (%s) %s", rt.method, rt.template, rt.op.OperationID, accept)
			assert.Equal(t, body, encodeBody(genericAnswer(c).body), "the same request gets the same answer: %s", rt.op.OperationID)
			n++
		}
	}
	t.Logf("%d generic answers checked", n)
}

// successStatusResponse is the response successResponse takes its status
// and body from.
func successStatusResponse(op *openapi3.Operation) (int, *openapi3.Response) {
	status, _, _ := successResponse(op, "")
	if r := op.Responses.Value(fmt.Sprint(status)); r != nil {
		return status, r.Value
	}
	return status, op.Responses.Default().Value
}

func sortedContentTypes(r *openapi3.Response) []string {
	var out []string
	for ct := range r.Content {
		out = append(out, ct)
	}
	sort.Strings(out)
	return out
}

// fillPath puts the partition and args into a path template.
func fillPath(template, partition string, args []string) string {
	segs := strings.Split(template, "/")
	for i, s := range segs {
		if !isParam(s) {
			continue
		}
		if s == "{partitionId}" {
			segs[i] = url.PathEscape(partition)
			continue
		}
		segs[i], args = url.PathEscape(args[0]), args[1:]
	}
	return strings.Join(segs, "/")
}

// startDemoQuiet starts a demo fake whose violations are only recorded,
// for tests that send wrong requests on purpose.
func startDemoQuiet(t *testing.T) *driveEnv {
	t.Helper()
	srv, err := Start(WithDemoData())
	require.NoError(t, err)
	t.Cleanup(srv.Close)
	c, err := srv.NewClient()
	require.NoError(t, err)
	ctx := context.Background()
	return &driveEnv{t: t, ctx: ctx, srv: srv, c: c, ids: readDemo(t, ctx, c)}
}

// typedField finds a live operation answered from the spec whose JSON
// body has a top-level integer or boolean property.
func typedField(t *testing.T) (*route, string) {
	t.Helper()
	for _, rt := range liveRoutes(t) {
		if stateful(rt.op.OperationID) || rt.op.RequestBody == nil || rt.method == http.MethodPatch {
			continue
		}
		mt := rt.op.RequestBody.Value.Content.Get("application/json")
		if mt == nil || mt.Schema == nil || mt.Schema.Value == nil {
			continue
		}
		for _, k := range sortedRefKeys(mt.Schema.Value.Properties) {
			p := mt.Schema.Value.Properties[k].Value
			if !p.ReadOnly && (p.Type.Is(openapi3.TypeInteger) || p.Type.Is(openapi3.TypeBoolean)) {
				return rt, k
			}
		}
	}
	t.Fatal("no operation answered from the spec has an integer or boolean body field")
	return nil, ""
}

// TestGenericWrongFieldTypeIs400: a body field of the wrong type is
// refused with 400 in the PublicApiException shape, and logged as a
// request violation, by an operation answered from the spec as by a
// stateful one.
func TestGenericWrongFieldTypeIs400(t *testing.T) {
	e := startDemoQuiet(t)
	rt, field := typedField(t)
	op := opCall(t, rt, e.ids)
	var body obj
	require.NoError(t, json.Unmarshal(mustJSON(newSynth(rt.method+" "+rt.template, true).value(rt.op.RequestBody.Value.Content.Get("application/json").Schema.Value, "")), &body))
	body[field] = "not-a-" + field
	op.Body = alianza.JSONBody(body)
	_, err := e.c.Do(e.ctx, op, nil)
	require.ErrorIs(t, err, alianza.ErrBadRequest, "%s %s", rt.method, rt.template)
	var apiErr *alianza.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusBadRequest, apiErr.StatusCode)
	assert.Contains(t, strings.Join(apiErr.Messages, " "), field)
	requireViolation(t, e.srv, "request", field)

	// The same call with the field's right type is answered.
	e.srv.ResetViolations()
	_, err = e.c.Do(e.ctx, opCall(t, rt, e.ids), nil)
	require.NoError(t, err)
	assert.Empty(t, e.srv.Violations())
}

// TestGenericUnknownPathIs404: a path the spec does not have is 404 and a
// violation; a known path with a method the spec does not give it is 405.
func TestGenericUnknownPathIs404(t *testing.T) {
	e := startDemoQuiet(t)
	_, err := e.c.Do(e.ctx, alianza.Operation{Method: http.MethodGet, Path: "/v2/partition/{partitionId}/no-such-thing"}, nil)
	require.ErrorIs(t, err, alianza.ErrNotFound)
	requireViolation(t, e.srv, "request", "no such path")

	resp, err := e.c.Do(e.ctx, alianza.Operation{Method: http.MethodDelete, Path: "/v2/partition/{partitionId}/callingplanproduct"}, nil)
	require.Error(t, err)
	assert.Equal(t, http.StatusMethodNotAllowed, resp.StatusCode)
}

// genericRoute is a live GET answered from the spec with a JSON object
// whose path ends in a parameter.
func genericRoute(t *testing.T) *route {
	t.Helper()
	for _, rt := range liveRoutes(t) {
		if stateful(rt.op.OperationID) || rt.method != http.MethodGet || !strings.HasSuffix(rt.template, "}") {
			continue
		}
		_, ct, mt := successResponse(rt.op, "")
		if ct != "application/json" || mt.Schema == nil || mt.Schema.Value == nil || !mt.Schema.Value.Type.Is(openapi3.TypeObject) {
			continue
		}
		if _, ok := mt.Schema.Value.Properties["id"]; ok {
			return rt
		}
	}
	t.Fatal("no generic GET of one item")
	return nil
}

// TestGenericAnswerIsStable: the same request gets the same answer, the
// id of the path is the id of the answer, and another id gets another
// answer.
func TestGenericAnswerIsStable(t *testing.T) {
	e := newDriveEnv(t, context.Background())
	rt := genericRoute(t)
	op := opCall(t, rt, e.ids)
	get := func(op alianza.Operation) obj {
		t.Helper()
		var out obj
		_, err := e.c.Do(e.ctx, op, &out)
		require.NoError(t, err, rt.template)
		return out
	}
	first, again := get(op), get(op)
	assert.Equal(t, first, again)
	last := op.Args[len(op.Args)-1]
	assert.Equal(t, last, first["id"], "%s answers with the id of its path", rt.template)
	other := op
	other.Args = append(append([]string(nil), op.Args[:len(op.Args)-1]...), "OtherId000000000000001")
	second := get(other)
	assert.Equal(t, "OtherId000000000000001", second["id"])
	assert.NotEqual(t, first, second)
}

// TestGenericAnswerFaultsAndAuth: an operation answered from the spec
// takes injected faults, needs a token and is logged like any other.
func TestGenericAnswerFaultsAndAuth(t *testing.T) {
	e := newDriveEnv(t, context.Background())
	rt := genericRoute(t)
	op := opCall(t, rt, e.ids)

	require.NoError(t, e.srv.FailNext(rt.method, rt.template, 1, http.StatusServiceUnavailable, obj{"status": 503, "messages": []string{"down"}}))
	_, err := e.c.Do(e.ctx, op, nil)
	require.NoError(t, err, "a GET is retried after a 503")
	assert.Equal(t, 2, e.srv.Calls(rt.method+" "+rt.template))

	logins := e.srv.Calls("POST /v2/authorize")
	e.srv.ExpireTokens()
	_, err = e.c.Do(e.ctx, op, nil)
	require.NoError(t, err)
	assert.Equal(t, logins+1, e.srv.Calls("POST /v2/authorize"), "an expired token is answered 401 and the client logs in again")

	reqs := e.srv.Requests()
	require.NotEmpty(t, reqs)
	lastReq := reqs[len(reqs)-1]
	assert.Equal(t, rt.template, lastReq.Route)
	assert.Equal(t, http.StatusOK, lastReq.Status)
	assert.NotEmpty(t, lastReq.Response)

	anon := newAPI(t, e.srv)
	r := anon.do(rt.method, fillPath(rt.template, e.srv.PartitionID(), op.Args), nil)
	assert.Equal(t, http.StatusUnauthorized, r.status, "no token, no answer")
}

// TestCollectionsRoundTrip creates, reads, lists, updates and deletes a
// voicemail box, a business line voicemail box and a hunt group.
func TestCollectionsRoundTrip(t *testing.T) {
	sp, err := loadSpec()
	require.NoError(t, err)
	for _, tc := range []struct {
		create, list, get, update, remove, idParam, field string
	}{
		{"createVoicemailBox", "retrieveVoicemailBoxList", "retrieveVoicemailBox", "updateVoicemailBox", "deleteVoicemailBox", "voicemailBoxId", "name"},
		{"createBusinessLineVoicemailBox", "retrieveBusinessLineVoicemailBoxes", "retrieveBusinessLineVoicemailBox", "updateBusinessLineVoicemailBox", "deleteBusinessLineVoicemailBox", "voicemailBoxId", "name"},
		{"createBusinessLineHuntGroup", "retrieveBusinessLineHuntGroups", "retrieveBusinessLineHuntGroup", "updateBusinessLineHuntGroup", "deleteBusinessLineHuntGroup", "huntGroupId", "name"},
	} {
		t.Run(tc.create, func(t *testing.T) {
			e := newDriveEnv(t, context.Background())
			id := e.create(tc.create)
			e.ids[tc.idParam] = id
			call := func(opID string, body any, out any) (*alianza.Response, error) {
				op := opCall(t, sp.byID[opID], e.ids)
				if body != nil {
					op.Body = alianza.JSONBody(body)
				}
				return e.c.Do(e.ctx, op, out)
			}
			var got obj
			_, err := call(tc.get, nil, &got)
			require.NoError(t, err)
			assert.Equal(t, id, got["id"])
			assert.Equal(t, e.ids["accountId"], got["accountId"])

			var list []obj
			_, err = call(tc.list, nil, &list)
			require.NoError(t, err)
			require.Len(t, list, 1)
			assert.Equal(t, id, list[0]["id"])

			got[tc.field] = "Renamed"
			var updated obj
			_, err = call(tc.update, got, &updated)
			require.NoError(t, err)
			assert.Equal(t, "Renamed", updated[tc.field])
			assert.Equal(t, id, updated["id"])
			var reread obj
			_, err = call(tc.get, nil, &reread)
			require.NoError(t, err)
			assert.Equal(t, "Renamed", reread[tc.field])

			_, err = call(tc.remove, nil, nil)
			require.NoError(t, err)
			_, err = call(tc.get, nil, nil)
			assert.ErrorIs(t, err, alianza.ErrNotFound)
			list = nil
			_, err = call(tc.list, nil, &list)
			require.NoError(t, err)
			assert.Empty(t, list)
			assert.Empty(t, e.srv.Violations())
		})
	}
}

// TestJobInput: a job started with an input serves it and names its key;
// a report's job has none and answers 404.
func TestJobInput(t *testing.T) {
	e := newDriveEnv(t, context.Background())
	id := e.jobWithInput()
	var in bytes.Buffer
	_, err := e.c.Do(e.ctx, alianza.Operation{Method: http.MethodGet, Path: "/v2/job/{jobId}/input", Args: []string{id}}, &in)
	require.NoError(t, err)
	assert.Equal(t, "telephoneNumber\n18015550100\n", in.String())
	var j obj
	e.must(http.MethodGet, "/v2/job/{jobId}", []string{id}, nil, &j)
	assert.Equal(t, "input/"+id, j["inputKey"])
	assert.Equal(t, "DONE", j["status"])

	report := e.job()
	_, err = e.c.Do(e.ctx, alianza.Operation{Method: http.MethodGet, Path: "/v2/job/{jobId}/input", Args: []string{report}}, &in)
	assert.ErrorIs(t, err, alianza.ErrNotFound)
	j = nil
	e.must(http.MethodGet, "/v2/job/{jobId}", []string{report}, nil, &j)
	assert.NotContains(t, j, "inputKey")
	assert.Empty(t, e.srv.Violations())
}
