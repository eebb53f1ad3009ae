package alianza

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
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
