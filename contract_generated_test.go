package alianza_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
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

// exampleEnv gives a generated call the values of an example call of its
// operation.
type exampleEnv struct {
	t  *testing.T
	fn string
	ex alianzatest.ExampleCall
}

func (e *exampleEnv) Arg(i int) string {
	require.Less(e.t, i, len(e.ex.Args), "%s: path arguments of %s %s", e.fn, e.ex.Method, e.ex.Path)
	return e.ex.Args[i]
}

// Body decodes the example's JSON body into req, refusing a field the
// typed request does not have: only a POST body's "id" is left out, as
// the platform assigns a new object's id.
func (e *exampleEnv) Body(req any) {
	require.NotNil(e.t, e.ex.JSON, "%s: the example of %s %s has no JSON body", e.fn, e.ex.Method, e.ex.Path)
	body := e.ex.JSON
	var fields map[string]json.RawMessage
	if e.ex.Method == http.MethodPost && json.Unmarshal(body, &fields) == nil && fields["id"] != nil {
		delete(fields, "id")
		var err error
		body, err = json.Marshal(fields)
		require.NoError(e.t, err)
	}
	v := reflect.ValueOf(req).Elem()
	v.Set(reflect.Zero(v.Type()))
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	require.NoError(e.t, dec.Decode(req), "%s: the typed request takes the body %s", e.fn, body)
}

// Query sets the options opts points to from the example's query: every
// parameter must have a field.
func (e *exampleEnv) Query(opts any) {
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

func (e *exampleEnv) Fields() map[string]string { return e.ex.Fields }

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
