package alianza_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
	"github.com/go-alianza/alianza/internal/gen"
	"github.com/go-alianza/alianza/internal/spec"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestContractGeneratedMethods calls every generated method against the
// fake with the values of an example call the fake answers with a
// success: path arguments of demo data or of resources made first, the
// required query parameters, and a body made from the spec's request
// schema, decoded into the method's typed request (so the typed request
// holds every field of a valid body) and sent by the method. Operations
// the fake answers from its state get a server of their own; the others
// share one. Every call must be answered 2xx, reach the operation of the
// method's directive, and cause no violation of the spec; no generated
// method may be left out. With TestContract's flows over the hand-written
// methods, this drives every live operation through its typed method.
func TestContractGeneratedMethods(t *testing.T) {
	ctx := context.Background()
	shared := &recordingTB{TB: t}
	sharedSrv := alianzatest.NewServer(shared, alianzatest.WithDemoData())
	sharedDriver := alianzatest.NewDriver(t, sharedSrv)

	funcs, ops, calls := alianza.GeneratedCalls()
	require.NotEmpty(t, calls)
	requireEveryLiveOperation(t, ops)
	var called, ok, violations int
	var failed []string
	statuses := map[int]int{}
	for i, call := range calls {
		tb, srv, d := shared, sharedSrv, sharedDriver
		if alianzatest.Stateful(ops[i]) {
			tb = &recordingTB{TB: t}
			srv = alianzatest.NewServer(tb, alianzatest.WithDemoData())
			d = alianzatest.NewDriver(t, srv)
		}
		client, err := srv.NewClient(alianza.WithoutRetries())
		require.NoError(t, err)
		env := &exampleEnv{t: t, fn: funcs[i], ex: d.Call(ops[i])}
		before, reqs := srv.Calls(ops[i]), len(srv.Requests())
		err = call(ctx, client, env)
		called++
		assert.Empty(t, env.unused(), "%s: parts of the example call the method did not send", funcs[i])
		assert.Equal(t, before+1, srv.Calls(ops[i]), "%s: requests the fake received for %s", funcs[i], ops[i])
		for _, r := range srv.Requests()[reqs:] {
			if r.Method+" "+r.Route == ops[i] {
				statuses[r.Status]++
			}
		}
		if err != nil {
			failed = append(failed, funcs[i]+" ("+ops[i]+"): "+err.Error())
			continue
		}
		ok++
		if tb != shared {
			violations += len(tb.recorded())
			assert.Empty(t, tb.recorded(), "%s (%s): violations of the spec", funcs[i], ops[i])
		}
	}
	violations += len(shared.recorded())
	assert.Empty(t, shared.recorded(), "violations of the spec")
	assert.Empty(t, failed, "%d generated methods were refused:\n%s", len(failed), strings.Join(failed, "\n"))
	assert.Equal(t, len(calls), ok, "every generated method answered 2xx")
	t.Logf("%d generated methods called against the fake, %d answered 2xx; answers by status: %v; %d violations", called, ok, statuses, violations)
}

// requireEveryLiveOperation fails unless the generated methods' operations
// and the hand-written methods' directives together claim every live
// operation of the spec once.
func requireEveryLiveOperation(t *testing.T, generated []string) {
	t.Helper()
	claims := map[string][]string{}
	for _, op := range generated {
		claims[op] = append(claims[op], "generated")
	}
	hand := 0
	for _, d := range packageDirectives(t) {
		if !slices.Contains(generated, d.Op) {
			claims[d.Op] = append(claims[d.Op], d.Func)
			hand++
		}
	}
	live := alianzatest.LiveOperations()
	require.Len(t, live, 421, "live operations of the spec")
	var missing, twice []string
	for _, op := range live {
		switch len(claims[op]) {
		case 0:
			missing = append(missing, op)
		case 1:
		default:
			twice = append(twice, op+" "+strings.Join(claims[op], ", "))
		}
	}
	require.Empty(t, missing, "live operations with no typed method to drive")
	require.Empty(t, twice, "live operations with two typed methods")
	require.Len(t, claims, len(live), "typed methods of operations that are not live")
	t.Logf("operations: %d generated + %d hand-written = %d/%d", len(generated), hand, len(claims), len(live))
}

// exampleEnv gives a generated call the values of an example call of its
// operation, and notes which it used.
type exampleEnv struct {
	t                       *testing.T
	fn                      string
	ex                      alianzatest.ExampleCall
	args                    int
	body, query, formFields bool
}

func (e *exampleEnv) Arg(i int) string {
	require.Less(e.t, i, len(e.ex.Args), "%s: path arguments of %s %s", e.fn, e.ex.Method, e.ex.Path)
	e.args = max(e.args, i+1)
	return e.ex.Args[i]
}

// unused lists the parts of the example the call did not take.
func (e *exampleEnv) unused() []string {
	var out []string
	if e.args < len(e.ex.Args) {
		out = append(out, "path arguments")
	}
	if e.ex.JSON != nil && !e.body {
		out = append(out, "body")
	}
	if e.ex.Query != nil && !e.query {
		out = append(out, "query")
	}
	if len(e.ex.Fields) > 0 && !e.formFields {
		out = append(out, "form fields")
	}
	return out
}

// Body decodes the example's JSON body into req (see decodeExample).
func (e *exampleEnv) Body(req any) {
	if e.ex.JSON == nil && sdkOnlyBody(e.t, e.ex.Method+" "+e.ex.Path) {
		e.body = true // the spec describes no body, so the example has none: the table's value stays
		return
	}
	require.NotNil(e.t, e.ex.JSON, "%s: the example of %s %s has no JSON body", e.fn, e.ex.Method, e.ex.Path)
	e.body = true
	require.NoError(e.t, decodeExample(e.ex.Method, e.ex.JSON, req), "%s: the typed request takes the body %s", e.fn, e.ex.JSON)
}

// sdkOnlyBodies returns the operations ("METHOD /path") the SDK gives a
// body the spec does not describe: the overrides file's bodies section.
var sdkOnlyBodies = sync.OnceValues(func() (map[string]bool, error) {
	ov, err := gen.DefaultOverrides()
	if err != nil {
		return nil, err
	}
	s, err := gen.LoadSpec(spec.OpenAPI())
	if err != nil {
		return nil, err
	}
	ids := map[string]bool{}
	for _, b := range ov.Bodies {
		ids[b.ID] = true
	}
	keys := map[string]bool{}
	for _, op := range s.Operations() {
		if ids[op.ID] {
			keys[op.Key()] = true
		}
	}
	return keys, nil
})

func sdkOnlyBody(t *testing.T, key string) bool {
	keys, err := sdkOnlyBodies()
	require.NoError(t, err)
	return keys[key]
}

// decodeExample decodes a JSON body into the typed request req points to,
// refusing a field the typed request does not have: only a POST body's
// "id" is left out, as the platform assigns a new object's id.
func decodeExample(method string, body []byte, req any) error {
	var fields map[string]json.RawMessage
	if method == http.MethodPost && json.Unmarshal(body, &fields) == nil && fields["id"] != nil {
		delete(fields, "id")
		b, err := json.Marshal(fields)
		if err != nil {
			return err
		}
		body = b
	}
	v := reflect.ValueOf(req).Elem()
	v.Set(reflect.Zero(v.Type()))
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	return dec.Decode(req)
}

// Query sets the options opts points to from the example's query: every
// parameter must have a field.
func (e *exampleEnv) Query(opts any) {
	e.query = true
	v := reflect.ValueOf(opts).Elem()
	v.Set(reflect.Zero(v.Type()))
	used := map[string]bool{}
	for i := range v.NumField() {
		name, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("url"), ",")
		vals := e.ex.Query[name]
		if len(vals) == 0 {
			continue
		}
		used[name] = true
		setQueryField(e.t, v.Field(i), vals, e.fn+": query "+name)
	}
	for name := range e.ex.Query {
		assert.True(e.t, used[name], "%s: the options have no field for the query parameter %s", e.fn, name)
	}
}

func (e *exampleEnv) Fields() map[string]string {
	e.formFields = true
	return e.ex.Fields
}

// setQueryField sets an options field from a query parameter's values.
func setQueryField(t *testing.T, f reflect.Value, vals []string, what string) {
	t.Helper()
	if f.Kind() == reflect.Pointer {
		p := reflect.New(f.Type().Elem())
		setQueryField(t, p.Elem(), vals, what)
		f.Set(p)
		return
	}
	var err error
	switch f.Kind() {
	case reflect.String:
		f.SetString(vals[0])
	case reflect.Bool:
		var b bool
		b, err = strconv.ParseBool(vals[0])
		f.SetBool(b)
	case reflect.Int, reflect.Int32, reflect.Int64:
		var n int64
		n, err = strconv.ParseInt(vals[0], 10, 64)
		f.SetInt(n)
	case reflect.Float64:
		var x float64
		x, err = strconv.ParseFloat(vals[0], 64)
		f.SetFloat(x)
	case reflect.Slice:
		s := reflect.MakeSlice(f.Type(), len(vals), len(vals))
		for i, v := range vals {
			setQueryField(t, s.Index(i), []string{v}, what)
		}
		f.Set(s)
	default:
		t.Fatalf("%s: options field of kind %s", what, f.Kind())
	}
	require.NoError(t, err, what)
}

// TestContractGeneratedMethodsCanFail shows what the generated methods'
// contract test catches: a body field the typed request does not have, a
// wrongly typed one, and a call the fake refuses (a made-up id).
func TestContractGeneratedMethodsCanFail(t *testing.T) {
	var req alianza.CreateVoicemailBoxRequest
	require.NoError(t, decodeExample(http.MethodPost, []byte(`{"id":"VB1","locale":"en_US"}`), &req), "a POST's id is the platform's to assign")
	assert.Equal(t, "en_US", *req.Locale)
	assert.ErrorContains(t, decodeExample(http.MethodPost, []byte(`{"locale":"en_US","noSuchField":1}`), &req), "noSuchField")
	assert.ErrorContains(t, decodeExample(http.MethodPut, []byte(`{"id":"VB1"}`), &req), `"id"`, "only a POST leaves the id out")
	var typeErr *json.UnmarshalTypeError
	assert.ErrorAs(t, decodeExample(http.MethodPost, []byte(`{"locale":1}`), &req), &typeErr)

	const op = "GET /v2/partition/{partitionId}/account/{accountId}/voicemailbox/{voicemailBoxId}"
	funcs, ops, calls := alianza.GeneratedCalls()
	i := slices.Index(ops, op)
	require.GreaterOrEqual(t, i, 0, op)
	srv := alianzatest.NewServer(t, alianzatest.WithDemoData())
	client, err := srv.NewClient(alianza.WithoutRetries())
	require.NoError(t, err)
	ex := alianzatest.NewDriver(t, srv).Call(op)
	require.NoError(t, calls[i](context.Background(), client, &exampleEnv{t: t, fn: funcs[i], ex: ex}))
	ex.Args = []string{ex.Args[0], "NoSuchVoicemailBox0001"}
	err = calls[i](context.Background(), client, &exampleEnv{t: t, fn: funcs[i], ex: ex})
	assert.ErrorIs(t, err, alianza.ErrNotFound, "a made-up id is refused, and the contract test would fail")
}
