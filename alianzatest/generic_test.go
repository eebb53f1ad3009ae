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
		}
		op := (&Driver{e: e}).Call(rt.method + " " + rt.template).Operation()
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
	op := opCall(t, rt, e.ids).Operation
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
	_, err = e.c.Do(e.ctx, opCall(t, rt, e.ids).Operation, nil)
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
	op := opCall(t, rt, e.ids).Operation
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
	op := opCall(t, rt, e.ids).Operation

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
				op := opCall(t, sp.byID[opID], e.ids).Operation
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
