package alianza

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/jarcoal/httpmock"
)

// wholeTargets are the types the SDK decodes from whole answers (every
// call[T] and callValue[T] that is not a list, and the login), so every
// type the engine meets in production is held to encoding/json here.
var wholeTargets = []func() any{
	func() any { return new(Account) },
	func() any { return new(User) },
	func() any { return new(SipTrunk) },
	func() any { return new(Device) },
	func() any { return new(CallingPlanProduct) },
	func() any { return new(RegistrationStatus) },
	func() any { return new(PortAssignment) },
	func() any { return new(BusinessLine) },
	func() any { return new(AccountTelephoneNumber) },
	func() any { return new(SIPCredentialsView) },
	func() any { return new(CallingPlan) },
	func() any { return new(CallHandling) },
	func() any { return new(TelephoneNumberView) },
	func() any { return new(TelephoneNumberReservation) },
	func() any { return new(TelephoneNumberDestination) },
	func() any { return new(TelephoneNumberActivation) },
	func() any { return new(SipTrunkForwardRules) },
	func() any { return new(DeviceData) },
	func() any { return new(AddressValidation) },
	func() any { return new(LoginToken) },
	func() any { return new(AccountStatus) },
	func() any { return new(bool) },
	func() any { return new(*Account) }, // emptyOK calls decode into **T
	func() any { return new(errorEnvelope) },
	func() any { return new(string) }, // an error body that is one JSON string
}

// FuzzDecodeEngines holds the engine that decodes whole answers
// (go-json-experiment's v1, see decode) to encoding/json: for every input
// and every model, both accept it with deeply equal results, or both refuse
// it. Every input is tried on every model; the seeds are every JSON
// fixture in testdata.
func FuzzDecodeEngines(f *testing.F) {
	err := filepath.WalkDir("testdata", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".json") || strings.Contains(path, "bench") {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		f.Add(b)
		return nil
	})
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{`null`, `{}`, `{"id":1}`, `{"ID":"a","Id":"b"}`, `{"id":"a","id":"b"}`, "{\"accountName\":\"\xff\"}",
		`{"status":"ACTIVE"} `, `{"status":"ACTIVE"}x`, `{"billingCycleDay":1.5}`, `{"billingCycleDay":"1"}`, `{"callingPlans":null}`,
		`{"extensionLength":99999999999999999999}`, `"ACTIVE"`, `true`, `{"accountName":"\ud800"}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, newT := range wholeTargets {
			want, got := newT(), newT()
			werr := json.Unmarshal(data, want)
			gerr := unmarshal(data, got)
			if (werr == nil) != (gerr == nil) {
				t.Fatalf("%T: encoding/json says %v, the engine says %v\ninput: %q", want, werr, gerr, data)
			}
			if werr == nil && !reflect.DeepEqual(want, got) {
				t.Fatalf("%T: results differ\nencoding/json: %+v\nengine:        %+v\ninput: %q", want, want, got, data)
			}
		}
	})
}

// FuzzListDecode holds the list decoding (one stream decoder per list, the
// fast path of each element type, the general engine when it gives up)
// and the Iter sequences to encoding/json: for every input, as a list of
// every element type the SDK lists, json.Unmarshal and the SDK accept it
// with deeply equal results or both refuse it. Each input is also tried as
// the one element of a list, so the seeds (every JSON fixture, with the
// bench number and keys in other cases) exercise the element decoders.
func FuzzListDecode(f *testing.F) {
	err := filepath.WalkDir("testdata", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".json") {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		f.Add(b)
		return nil
	})
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{
		`[]`, `null`, `[null]`, `[{}]`, ` [ {"id":"1"} , {"ID":"2"} ] `, `[{"PhoneNumber":"1","phonenumber":"2"}]`,
		`[{"id":"a","id":"b"}]`, `[{"e911Address":{"city":"A","CITY":"B"}}]`, `[{"e911Address":{"address":{"city":"A"}}}]`,
		`[{"carrierStatus":null}]`, `[{"carrierStatus":"NEW_VALUE"}]`, `[{"tollFree":"true"}]`, `[{"tollFree":null}]`,
		`[{"customerServiceRecord":null,"directoryListing":{"listed":true,"address":{"city":"X"}}}]`,
		"[{\"id\":\"\xff\"}]", `[{"id":"\u00e9\n"}]`, `[{"unknown":{"a":[1,{"b":"}"}]},"id":"x"}]`, `[{"id":1}]`,
		`[{"callingPlans":[{"id":"p"}],"billingCycleDay":3}]`, `[{"holdTimeoutSeconds":1.5}]`, `[{"ſtatus":"x","\u212aey":"y"}]`,
		`[{"id":"1"}] `, `[{"id":"1"}]x`, `[{"id":"1"},]`, `[{"id":"1"}`, `{"id":"1"}`, `"x"`, ``,
	} {
		f.Add([]byte(s))
	}
	c, body := fuzzClient(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, in := range [][]byte{data, append(append([]byte("["), data...), ']')} {
			body.Store(&in)
			fuzzList[Account](t, c, in)
			fuzzList[AccountView](t, c, in)
			fuzzList[AvailableUserProductPlan](t, c, in)
			fuzzList[BusinessLine](t, c, in)
			fuzzList[CallingPlanProduct](t, c, in)
			fuzzList[CallingPlan](t, c, in)
			fuzzList[Device](t, c, in)
			fuzzList[DeviceType](t, c, in)
			fuzzList[SipTrunk](t, c, in)
			fuzzList[TelephoneNumberView](t, c, in)
			fuzzList[AccountTelephoneNumber](t, c, in)
			fuzzList[User](t, c, in)
		}
	})
}

// fuzzList compares one input as a []T: json.Unmarshal, decodeList with
// the end-of-body check the client makes, and the Iter sequence.
func fuzzList[T any](t *testing.T, c *Client, data []byte) {
	var want []T
	werr := json.Unmarshal(data, &want)

	var got []T
	list, _ := listTarget(&got)
	dec := newListDecoder(bytes.NewReader(data))
	gerr := decodeList(dec, list, int64(len(data)))
	if gerr == nil {
		if _, err := dec.ReadToken(); err != io.EOF {
			gerr = errors.New("trailing data")
		}
	}
	if (werr == nil) != (gerr == nil) {
		t.Fatalf("[]%T: encoding/json says %v, the list decoder says %v\ninput: %q", *new(T), werr, gerr, data)
	}
	if werr == nil && !reflect.DeepEqual(want, got) {
		t.Fatalf("[]%T: results differ\nencoding/json: %+v\nlist decoder:  %+v\ninput: %q", *new(T), want, got, data)
	}

	// The sequence refuses null and an empty body (the slice methods do too,
	// with ErrEmptyBody); otherwise it must agree.
	if werr == nil && want == nil {
		return
	}
	var seq []T
	var serr error
	for v, err := range each[T](context.Background(), c, &request{method: http.MethodGet, path: "/v2/partition/{partitionId}/fuzz"}) {
		if err != nil {
			serr = err
			break
		}
		seq = append(seq, v)
	}
	if (werr == nil) != (serr == nil) {
		t.Fatalf("[]%T: encoding/json says %v, the sequence says %v\ninput: %q", *new(T), werr, serr, data)
	}
	if werr == nil && !(len(want) == 0 && len(seq) == 0) && !reflect.DeepEqual(want, seq) {
		t.Fatalf("[]%T: results differ\nencoding/json: %+v\nsequence:      %+v\ninput: %q", *new(T), want, seq, data)
	}
}

// fuzzClient is a client whose GET /v2/partition/P/fuzz answers with the
// body stored in the returned pointer.
func fuzzClient(f *testing.F) (*Client, *atomic.Pointer[[]byte]) {
	var body atomic.Pointer[[]byte]
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder(http.MethodPost, testBaseURL+"/v2/authorize",
		httpmock.NewJsonResponderOrPanic(200, map[string]any{"authToken": testToken, "partitionId": testPartition, "username": testUsername}))
	mt.RegisterResponder(http.MethodGet, testBaseURL+"/v2/partition/"+testPartition+"/fuzz", func(*http.Request) (*http.Response, error) {
		resp := httpmock.NewBytesResponse(200, *body.Load())
		resp.Header.Set("Content-Type", "application/json")
		return resp, nil
	})
	c, err := NewClient(WithBaseURL(testBaseURL), WithCredentials(testUsername, testPassword), WithPartition(testPartition),
		WithHTTPClient(&http.Client{Transport: mt}), WithoutRetries())
	if err != nil {
		f.Fatal(err)
	}
	return c, &body
}
