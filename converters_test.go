package alianza

import (
	"context"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// converterCase is one model -> request converter. Every field of the
// request whose JSON name is also a field of the model must hold the
// model's value after the conversion, unless notCopied names it with a
// reason. The request's fields that have no counterpart in the model are
// listed in requestOnly, so that a new request field shows up here.
type converterCase struct {
	// name is "Receiver.Method", as the method is declared.
	name string
	// model returns a pointer to a zero model.
	model func() any
	// convert runs the converter on the model pointer.
	convert func(model any) any
	// prepare, when set, adjusts the filled model before the conversion
	// (for converters that branch on a value).
	prepare func(model any)
	// requestOnly lists the request's JSON names the model has not.
	requestOnly []string
	// notCopied maps a JSON name in both types to why the converter
	// leaves it out.
	notCopied map[string]string
}

// converterCases is the one list of model -> request converters; the
// drift test, the completeness check and the SIMPLE-account test read it.
var converterCases = []converterCase{
	{
		name:    "Port.UpdateRequest",
		model:   func() any { return &Port{} },
		convert: func(m any) any { return m.(*Port).UpdateRequest() },
	},
	{
		name:    "Account.UpdateRequest",
		model:   func() any { return &Account{} },
		convert: func(m any) any { return m.(*Account).UpdateRequest() },
		// A SIMPLE account has no extensions, so its extensionLength is
		// left out on purpose (TestConverterSimpleAccountDropsExtensionLength);
		// every other field must be copied for an ADVANCED one.
		prepare: func(m any) { m.(*Account).AccountType = AccountTypeAdvanced },
	},
	{
		name:    "BusinessLine.UpdateRequest",
		model:   func() any { return &BusinessLine{} },
		convert: func(m any) any { return m.(*BusinessLine).UpdateRequest() },
	},
	{
		name:    "CallHandling.UpdateRequest",
		model:   func() any { return &CallHandling{} },
		convert: func(m any) any { return m.(*CallHandling).UpdateRequest() },
	},
	{
		name:    "SipTrunk.UpdateRequest",
		model:   func() any { return &SipTrunk{} },
		convert: func(m any) any { return m.(*SipTrunk).UpdateRequest() },
		notCopied: map[string]string{
			"setupCallingPlan": "a create-time instruction (share a calling plan or start one); the platform does not keep it as trunk state, so a PUT does not repeat it",
			"newCppId":         "a create-time instruction (the calling plan product to attach), as for a user: a replace built from a read must not attach it again",
		},
	},
	{
		name:    "SipTrunkForwardRules.UpdateRequest",
		model:   func() any { return &SipTrunkForwardRules{} },
		convert: func(m any) any { return m.(*SipTrunkForwardRules).UpdateRequest() },
	},
	{
		name:    "AccountTelephoneNumber.UpdateRequest",
		model:   func() any { return &AccountTelephoneNumber{} },
		convert: func(m any) any { return m.(*AccountTelephoneNumber).UpdateRequest() },
		notCopied: map[string]string{
			"assignAsCallerId": "an action (make the number the END_USER's caller ID now), not stored state: echoing a true from an old read would take the caller ID back from whichever number holds it since",
		},
	},
	{
		name:    "User.UpdateRequest",
		model:   func() any { return &User{} },
		convert: func(m any) any { return m.(*User).UpdateRequest() },
		notCopied: map[string]string{
			"newCppId": "a create-time instruction (the calling plan product to attach), like a SIP trunk's setupCallingPlan: a replace built from a read must not attach it again",
		},
	},
	{
		name:    "Device.UpdateRequest",
		model:   func() any { return &Device{} },
		convert: func(m any) any { return m.(*Device).UpdateRequest() },
	},
}

// TestConverterCopiesEveryCommonField fills every exported field of each
// model with a distinct non-zero value and checks that every request field
// sharing a JSON name with the model holds the model's value, so a
// converter that drops or mixes up a field fails here.
func TestConverterCopiesEveryCommonField(t *testing.T) {
	for _, c := range converterCases {
		t.Run(c.name, func(t *testing.T) {
			m := c.model()
			f := &filler{}
			f.fill(t, reflect.ValueOf(m).Elem(), "", 0)
			if c.prepare != nil {
				c.prepare(m)
			}
			req := c.convert(m)
			require.NotNil(t, req)

			mv := reflect.ValueOf(m).Elem()
			rv := reflect.ValueOf(req).Elem()
			modelFields := jsonFields(mv.Type())
			reqFields := jsonFields(rv.Type())

			var requestOnly []string
			for name, ri := range reqFields {
				mi, ok := modelFields[name]
				if !ok {
					requestOnly = append(requestOnly, name)
					continue
				}
				if reason, skip := c.notCopied[name]; skip {
					assert.NotEmpty(t, reason, "%s: notCopied needs a reason", name)
					assert.True(t, rv.FieldByIndex(ri).IsZero(),
						"%s is listed in notCopied but the converter copies it; remove it from the list", name)
					continue
				}
				want := mv.FieldByIndex(mi)
				got := rv.FieldByIndex(ri)
				assertFieldCopied(t, name, want, got)
			}
			sort.Strings(requestOnly)
			expected := slices.Clone(c.requestOnly)
			sort.Strings(expected)
			assert.Equal(t, expected, requestOnly,
				"the request fields with no counterpart in %T changed; list them in requestOnly", m)

			for name := range c.notCopied {
				_, inModel := modelFields[name]
				_, inReq := reqFields[name]
				assert.True(t, inModel && inReq,
					"notCopied names %q, which is not a field of both %T and %T", name, m, req)
			}
		})
	}
}

// TestConverterSimpleAccountDropsExtensionLength: a SIMPLE account has no
// extensions, so its extensionLength is the one field the Account
// converter leaves out, and only for that account type.
func TestConverterSimpleAccountDropsExtensionLength(t *testing.T) {
	a := &Account{}
	(&filler{}).fill(t, reflect.ValueOf(a).Elem(), "", 0)
	a.AccountType = AccountTypeSimple
	req := a.UpdateRequest()
	assert.Nil(t, req.ExtensionLength)

	a.AccountType = AccountTypeAdvanced
	req = a.UpdateRequest()
	require.NotNil(t, req.ExtensionLength)
	assert.Equal(t, a.ExtensionLength, *req.ExtensionLength)
}

// TestConverterListHasEveryUpdateRequest parses the package's non-test
// files and fails when a method converting a model to a request (an
// UpdateRequest method, or any method of a non-request type returning a
// *...Request) is missing from converterCases, or the list names one that
// no longer exists.
func TestConverterListHasEveryUpdateRequest(t *testing.T) {
	declared := converterMethods(t, ".")
	require.NotEmpty(t, declared)
	var listed []string
	for _, c := range converterCases {
		listed = append(listed, c.name)
	}
	sort.Strings(listed)
	assert.Equal(t, declared, listed,
		"every model -> request converter must be in converterCases, and only those")
}

// TestConverterEnumValuesListed checks that enumValueFuncs holds every
// <Type>Values function of the package, so the filler can give each enum
// field a valid value.
func TestConverterEnumValuesListed(t *testing.T) {
	fset := token.NewFileSet()
	var declared []string
	for _, path := range packageGoFiles(t, ".") {
		f, err := parser.ParseFile(fset, path, nil, 0)
		require.NoError(t, err)
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Recv != nil || !fn.Name.IsExported() || !strings.HasSuffix(fn.Name.Name, "Values") {
				continue
			}
			if fn.Type.Params.NumFields() != 0 || fn.Type.Results.NumFields() != 1 {
				continue
			}
			if _, isSlice := fn.Type.Results.List[0].Type.(*ast.ArrayType); isSlice {
				declared = append(declared, strings.TrimSuffix(fn.Name.Name, "Values"))
			}
		}
	}
	var listed []string
	for typ := range enumValues() {
		listed = append(listed, typ.Name())
	}
	sort.Strings(declared)
	sort.Strings(listed)
	assert.Equal(t, declared, listed, "add the new <Type>Values function to enumValueFuncs")
}

// packageGoFiles lists the non-test Go files of the package in dir.
func packageGoFiles(t *testing.T, dir string) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, "*.go"))
	require.NoError(t, err)
	var out []string
	for _, p := range paths {
		if !strings.HasSuffix(p, "_test.go") {
			out = append(out, p)
		}
	}
	return out
}

// converterMethods returns, sorted, "Receiver.Method" for every method
// declared in dir's non-test files that is named UpdateRequest, or whose
// receiver is not a request type and whose one result is a pointer to a
// type named *Request.
func converterMethods(t *testing.T, dir string) []string {
	t.Helper()
	fset := token.NewFileSet()
	var out []string
	for _, path := range packageGoFiles(t, dir) {
		src, err := os.ReadFile(path)
		require.NoError(t, err)
		f, err := parser.ParseFile(fset, path, src, 0)
		require.NoError(t, err)
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Recv == nil || len(fn.Recv.List) != 1 {
				continue
			}
			recv := typeName(fn.Recv.List[0].Type)
			if fn.Name.Name != "UpdateRequest" && !returnsRequest(fn, recv) {
				continue
			}
			out = append(out, recv+"."+fn.Name.Name)
		}
	}
	sort.Strings(out)
	return out
}

// returnsRequest reports whether fn, a method of a non-request type,
// returns exactly one *...Request.
func returnsRequest(fn *ast.FuncDecl, recv string) bool {
	if strings.HasSuffix(recv, "Request") || fn.Type.Results.NumFields() != 1 {
		return false
	}
	star, ok := fn.Type.Results.List[0].Type.(*ast.StarExpr)
	return ok && strings.HasSuffix(typeName(star.X), "Request")
}

// typeName is the bare name of a (possibly pointer, possibly generic)
// type expression.
func typeName(e ast.Expr) string {
	switch x := e.(type) {
	case *ast.StarExpr:
		return typeName(x.X)
	case *ast.Ident:
		return x.Name
	case *ast.IndexExpr:
		return typeName(x.X)
	case *ast.IndexListExpr:
		return typeName(x.X)
	case *ast.SelectorExpr:
		return x.Sel.Name
	}
	return fmt.Sprintf("%T", e)
}

// jsonFields maps the JSON names of t's exported fields (promoted fields
// of embedded structs included) to their index.
func jsonFields(t reflect.Type) map[string][]int {
	out := map[string][]int{}
	for _, sf := range reflect.VisibleFields(t) {
		if !sf.IsExported() || sf.Anonymous {
			continue
		}
		name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = sf.Name
		}
		out[name] = sf.Index
	}
	return out
}

// assertFieldCopied checks that got (a request field) carries want (the
// model field): pointers are dereferenced, a nil one is a dropped field;
// values of different types are compared by their JSON encoding.
func assertFieldCopied(t *testing.T, name string, want, got reflect.Value) {
	t.Helper()
	for got.Kind() == reflect.Pointer {
		if got.IsNil() {
			assert.Failf(t, "field dropped", "%s: the request has nil, the model has %v", name, jsonOf(t, want))
			return
		}
		got = got.Elem()
	}
	if got.IsZero() {
		assert.Failf(t, "field dropped", "%s: the request has the zero value, the model has %v", name, jsonOf(t, want))
		return
	}
	if got.Type() == want.Type() {
		assert.True(t, reflect.DeepEqual(want.Interface(), got.Interface()),
			"%s: the request has %v, the model has %v", name, jsonOf(t, got), jsonOf(t, want))
		return
	}
	assert.JSONEq(t, jsonOf(t, want), jsonOf(t, got), "%s: the request and the model differ", name)
}

func jsonOf(t *testing.T, v reflect.Value) string {
	t.Helper()
	b, err := json.Marshal(v.Interface())
	require.NoError(t, err)
	return string(b)
}

// filler gives every exported field a distinct non-zero value: strings
// are their path, numbers count up, bools are true, enums take a valid
// value, pointers are allocated, slices get one element, maps one key. A
// struct of a recursive type (an IVR component holding IVR components) is
// filled once on each path; below that it stays zero.
type filler struct {
	n      int
	inside map[reflect.Type]bool
}

var timeType = reflect.TypeFor[time.Time]()

func (f *filler) fill(t *testing.T, v reflect.Value, path string, depth int) {
	t.Helper()
	if depth > 12 {
		t.Fatalf("%s: types nest deeper than 12 levels; a recursive type needs a stop here", path)
	}
	f.n++
	if vals, ok := enumValues()[v.Type()]; ok {
		v.Set(vals.Index(0))
		return
	}
	switch v.Kind() {
	case reflect.String:
		if v.Type().Name() != "string" && v.Type().Name() != "Secret" && v.Type().PkgPath() != "" {
			if _, hasValid := v.Type().MethodByName("Valid"); hasValid {
				t.Fatalf("%s: enum %s has no entry in enumValueFuncs", path, v.Type())
			}
		}
		v.SetString(path)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(int64(f.n))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(uint64(f.n))
	case reflect.Float32, reflect.Float64:
		v.SetFloat(float64(f.n) + 0.5)
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		f.fill(t, p.Elem(), path, depth+1)
		v.Set(p)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 1, 1)
		f.fill(t, s.Index(0), path+"[0]", depth+1)
		v.Set(s)
	case reflect.Map:
		m := reflect.MakeMapWithSize(v.Type(), 1)
		k := reflect.New(v.Type().Key()).Elem()
		f.fill(t, k, path+".key", depth+1)
		e := reflect.New(v.Type().Elem()).Elem()
		f.fill(t, e, path+".value", depth+1)
		m.SetMapIndex(k, e)
		v.Set(m)
	case reflect.Struct:
		if v.Type() == timeType {
			v.Set(reflect.ValueOf(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC).Add(time.Duration(f.n) * time.Minute)))
			return
		}
		if f.inside[v.Type()] {
			return
		}
		if f.inside == nil {
			f.inside = map[reflect.Type]bool{}
		}
		f.inside[v.Type()] = true
		defer delete(f.inside, v.Type())
		for _, sf := range reflect.VisibleFields(v.Type()) {
			if !sf.IsExported() || sf.Anonymous {
				continue
			}
			name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
			if name == "" || name == "-" {
				name = sf.Name
			}
			f.fill(t, v.FieldByIndex(sf.Index), strings.TrimPrefix(path+"."+name, "."), depth+1)
		}
	default:
		t.Fatalf("%s: the filler does not handle %s", path, v.Type())
	}
}

// enumValueFuncs are the package's <Type>Values functions;
// TestConverterEnumValuesListed keeps the list complete.
var enumValueFuncs = []any{
	AccountStatusValues, AccountTypeValues, PlatformTypeValues, DialingBehaviorTypeValues,
	RegulatoryTypeValues, TimeZoneValues, AccountIDTypeValues, EndUserTypeValues,
	UserProductPlanValues, SoftphoneClientTypeValues, EndUserIDTypeValues,
	CallHandlingOptionTypeValues, CallHandlingTypeValues, CallScreenActionValues, RingTypeValues,
	ForwardReferenceTypeValues, TNReferenceTypeValues, FunctionTypeValues,
	OperationalStatusValues, ServicePackageTypeValues, CarrierStatusValues, CustomerTypeValues,
	DirectionalValues, SecondaryLocationDescriptionValues, DirectoryListingTypeValues,
	CountryValues, TNSearchTypeValues, LineTypeValues, DeviceFilterTypeValues,
	ActiveCallHandlingValues, RingFailoverActionTypeValues, RingTimeoutConfigurationTypeValues,
	CallingPlanReferenceTypeValues, CallingPlanTypeValues, RateTypeValues,
	DeviceTypeManufacturerValues, InboundCarrierTypeValues, PortingWireTypeValues,
	PortCancelTypeValues, ScheduleTypeValues,
	CallCategoryValues, CallFlagTypeValues, CallTypeValues, CallRecordSortValues, CallRecordSortOrderValues,
	CallLegTypeValues, CallDisconnectTypeValues, CallRateTypeValues, CallServiceTypeValues, VerstatValues,
	VerstatReasonValues, CallRecordReferenceTypeValues,
	JobStatusValues, AccountHistoryTypeValues, AccountHistoryUserTypeValues, AccountHistoryReferenceTypeValues,
	AccountHistoryActionValues, E911ValidityValues, ActivationStatusValues, ServiceActivationTypeValues,
	ServiceActivationReferenceTypeValues, StatusSearchDateTypeValues,
}

// enumValues maps each enum type to its valid values.
func enumValues() map[reflect.Type]reflect.Value {
	out := make(map[reflect.Type]reflect.Value, len(enumValueFuncs))
	for _, fn := range enumValueFuncs {
		vals := reflect.ValueOf(fn).Call(nil)[0]
		out[vals.Type().Elem()] = vals
	}
	return out
}

// TestConverterSharesNothingWithModel changes every value reachable from
// each converter's request, in place, and checks the model did not change:
// a request that shares a slice, map or pointer with the model it came
// from would let an edit of the request rewrite the model.
func TestConverterSharesNothingWithModel(t *testing.T) {
	for _, c := range converterCases {
		t.Run(c.name, func(t *testing.T) {
			m := c.model()
			(&filler{}).fill(t, reflect.ValueOf(m).Elem(), "", 0)
			if c.prepare != nil {
				c.prepare(m)
			}
			before, err := json.Marshal(m)
			require.NoError(t, err)
			req := c.convert(m)
			mutate(reflect.ValueOf(req).Elem())
			after, err := json.Marshal(m)
			require.NoError(t, err)
			assert.JSONEq(t, string(before), string(after), "editing the request changed the model")
		})
	}
}

// mutate changes, in place, every settable leaf reachable from v through
// pointers, slices, maps and exported struct fields; it allocates nothing
// new, so whatever v shares with another value changes there too.
func mutate(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		v.SetString("changed:" + v.String())
	case reflect.Bool:
		v.SetBool(!v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(v.Int() + 1000)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(v.Uint() + 1000)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(v.Float() + 1000)
	case reflect.Pointer:
		if !v.IsNil() {
			mutate(v.Elem())
		}
	case reflect.Slice:
		for i := range v.Len() {
			mutate(v.Index(i))
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			e := reflect.New(v.Type().Elem()).Elem()
			e.Set(v.MapIndex(k))
			mutate(e)
			v.SetMapIndex(k, e)
		}
	case reflect.Struct:
		if v.Type() == timeType {
			v.Set(reflect.ValueOf(v.Interface().(time.Time).AddDate(1, 0, 0)))
			return
		}
		for _, sf := range reflect.VisibleFields(v.Type()) {
			if sf.IsExported() && !sf.Anonymous {
				mutate(v.FieldByIndex(sf.Index))
			}
		}
	}
}

// assertPutEchoesGet checks that every key of the GET body got that is a
// field of the request type reqType reaches the PUT body sent with the
// same JSON value (nested zero values may be dropped, as compareJSON
// allows), except the keys named in notCopied, which it must not reach.
func assertPutEchoesGet(t *testing.T, got []byte, sent map[string]any, reqType reflect.Type, notCopied ...string) {
	t.Helper()
	var read map[string]any
	require.NoError(t, json.Unmarshal(got, &read))
	fields := jsonFields(reqType)
	n := 0
	for k, want := range read {
		if _, ok := fields[k]; !ok {
			continue
		}
		if slices.Contains(notCopied, k) {
			assert.NotContains(t, sent, k, "%s read by GET is sent back by the PUT", k)
			continue
		}
		n++
		if assert.Contains(t, sent, k, "%s read by GET is not sent back by the PUT", k) {
			compareJSON(t, "$."+k, want, sent[k])
		}
	}
	assert.Positive(t, n)
}

func TestUserUpdateRequestFromGet(t *testing.T) {
	raw := fixture(t, "user/full_spec.json")
	var u User
	decodeStrict(t, raw, &u)
	req := u.UpdateRequest()
	require.NoError(t, req.Validate())

	c, mt := newMockClient(t)
	captured := mockOp(t, mt, "UsersService.Update", []string{"ACC1", "U1"}, 200, raw)
	_, err := c.Users.Update(context.Background(), "ACC1", "U1", req)
	require.NoError(t, err)
	body := captured.BodyMap(t)
	assertPutEchoesGet(t, raw, body, reflect.TypeFor[UpdateUserRequest](), "newCppId")
	assert.Contains(t, string(raw), `"newCppId"`, "the fixture holds newCppId, so its absence from the PUT is checked")
	for _, k := range []string{"id", "partitionId", "accountId", "callingPlans", "devices", "welcomeEmailSent"} {
		assert.NotContains(t, body, k, "%s is not a field of the PUT body", k)
	}

	// An absent optional field stays absent; the booleans are stated.
	r := (&User{TimeZone: TimeZoneUSPacific}).UpdateRequest()
	assert.Nil(t, r.Username)
	assert.Nil(t, r.CallerIDConfig)
	assert.Nil(t, r.CallHandlingSchedules)
	assert.Equal(t, Ptr(false), r.PINLockedOut)
	assert.Equal(t, Ptr(false), r.AllowPortalAccess)
}

func TestDeviceUpdateRequestFromGet(t *testing.T) {
	raw := fixture(t, "user/full_spec.json")
	var u User
	decodeStrict(t, raw, &u)
	require.NotEmpty(t, u.Devices)
	d := u.Devices[0]
	devRaw, err := json.Marshal(d)
	require.NoError(t, err)
	req := d.UpdateRequest()
	require.NoError(t, req.Validate())

	c, mt := newMockClient(t)
	captured := mockOp(t, mt, "DeviceLinesService.Update", []string{"ACC1", "D1"}, 200, fixture(t, "device/create_response_003.json"))
	_, err = c.DeviceLines.Update(context.Background(), "ACC1", "D1", req)
	require.NoError(t, err)
	body := captured.BodyMap(t)
	var read map[string]any
	require.NoError(t, json.Unmarshal(devRaw, &read))
	read["sipPassword"] = d.SIPPassword.Reveal() // Marshal masks it; the PUT sends it
	devRaw, err = json.Marshal(read)
	require.NoError(t, err)
	assertPutEchoesGet(t, devRaw, body, reflect.TypeFor[UpdateDeviceRequest]())
	for _, k := range []string{"zipcode", "state"} {
		assert.NotContains(t, body, k, "deprecated %s is not a field of the PUT body", k)
	}
}
