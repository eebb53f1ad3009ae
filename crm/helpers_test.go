package crm

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
	"github.com/stretchr/testify/require"
)

// newTest returns a fake platform and a crm client for it.
func newTest(t *testing.T, fakeOpts []alianzatest.Option, opts ...Option) (*alianzatest.Server, *Client) {
	t.Helper()
	srv := alianzatest.NewServer(t, fakeOpts...)
	api, err := srv.NewClient()
	require.NoError(t, err)
	c, err := New(api, opts...)
	require.NoError(t, err)
	return srv, c
}

// inFlight counts the requests a client has open at once.
type inFlight struct {
	now, max atomic.Int32
	next     http.RoundTripper
}

func (f *inFlight) RoundTrip(r *http.Request) (*http.Response, error) {
	n := f.now.Add(1)
	defer f.now.Add(-1)
	for {
		m := f.max.Load()
		if n <= m || f.max.CompareAndSwap(m, n) {
			break
		}
	}
	return f.next.RoundTrip(r)
}

// memStore is a LineStore in memory, as a CRM's table would be.
type memStore struct {
	mu    sync.Mutex
	lines map[string]SIPLine
	fail  map[string]error // by SIP username: the Add/Update/Delete that fails
	calls []string         // "add alice001", in order
}

func newMemStore(lines ...SIPLine) *memStore {
	s := &memStore{lines: map[string]SIPLine{}, fail: map[string]error{}}
	for _, l := range lines {
		s.lines[l.SIPUsername] = l
	}
	return s
}

func (s *memStore) Lines(context.Context) ([]SIPLine, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]SIPLine, 0, len(s.lines))
	for _, l := range s.lines {
		out = append(out, l)
	}
	sortLines(out)
	return out, nil
}

func (s *memStore) do(op string, l SIPLine, f func()) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = append(s.calls, op+" "+l.SIPUsername)
	if err := s.fail[l.SIPUsername]; err != nil {
		return err
	}
	f()
	return nil
}

func (s *memStore) Add(_ context.Context, l SIPLine) error {
	return s.do("add", l, func() { s.lines[l.SIPUsername] = l })
}

func (s *memStore) Update(_ context.Context, l SIPLine) error {
	return s.do("update", l, func() { s.lines[l.SIPUsername] = l })
}

func (s *memStore) Delete(_ context.Context, l SIPLine) error {
	return s.do("delete", l, func() { delete(s.lines, l.SIPUsername) })
}

func (s *memStore) usernames() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for u := range s.lines {
		out = append(out, u)
	}
	sort.Strings(out)
	return out
}

const lindon = "333 S 520 W, Lindon, UT"

// bccSpec is a Business Cloud Communications account: ADVANCED,
// CPE2, two users with extensions, two numbers near the office, one routed
// to each user as caller ID, and a desk phone per user.
func bccSpec(accountNumber string) *AccountSpec {
	return &AccountSpec{
		AccountNumber: accountNumber, AccountName: "Acme Dental", Type: alianza.AccountTypeAdvanced,
		BillingCycleDay: 15, TimeZone: alianza.TimeZoneUSMountain, DialingBehavior: alianza.DialingBehaviorTypeOpenDialPlanTenDigit,
		ExtensionLength: 4, PlatformType: alianza.PlatformTypeCPE2,
		Users: []UserSpec{
			{Key: "alice", Username: "alice." + accountNumber, FirstName: "Alice", LastName: "Archer", Email: "alice@acme.example", Extension: "2001"},
			{Key: "bob", Username: "bob." + accountNumber, FirstName: "Bob", LastName: "Baker", Extension: "2002"},
		},
		Numbers: []NumberSpec{
			{Key: "main", Address: lindon, PostalCode: "84042", CustomerType: alianza.CustomerTypeBusiness, BusinessName: "Acme Dental", CallerIDName: "ACME DENTAL", User: "alice", CallerID: true},
			{Key: "bob", Address: lindon, PostalCode: "84042", CustomerType: alianza.CustomerTypeBusiness, BusinessName: "Acme Dental", User: "bob", CallerID: true},
		},
		Devices: []DeviceSpec{
			{User: "alice", Name: "Alice desk", DeviceTypeID: "VVX400", MAC: "00:04:f2:00:00:01", SIPUsername: "sip-alice-" + accountNumber, SIPPassword: "alice-sip-pw"},
			{User: "bob", Name: "Bob desk", DeviceTypeID: "VVX400", MAC: "00:04:f2:00:00:02", SIPUsername: "sip-bob-" + accountNumber, SIPPassword: "bob-sip-pw"},
		},
	}
}

// homeSpec is a Home Phone account: SIMPLE, one user, one number, one ATA.
func homeSpec(accountNumber string) *AccountSpec {
	return &AccountSpec{
		AccountNumber: accountNumber, AccountName: "Carol Jones", Type: alianza.AccountTypeSimple,
		BillingCycleDay: 31, TimeZone: alianza.TimeZoneUSCentral, DialingBehavior: alianza.DialingBehaviorTypeTenDigit,
		Users: []UserSpec{{Key: "carol", Username: "carol." + accountNumber, FirstName: "Carol", LastName: "Jones"}},
		Numbers: []NumberSpec{{
			Key: "home", Address: "123 S Jefferson St, Houston, TX", PostalCode: "77002",
			CustomerType: alianza.CustomerTypeResidential, FirstName: "Carol", LastName: "Jones", User: "carol", CallerID: true,
		}},
		Devices: []DeviceSpec{{User: "carol", Name: "Kitchen ATA", DeviceTypeID: "SPA112", MAC: "AA-BB-CC-00-00-01"}},
	}
}

// trunkSpec is a SIP-trunk account: two numbers routed to a trunk with
// credentials, an E911 callback and failover to voicemail.
func trunkSpec(accountNumber string) *AccountSpec {
	return &AccountSpec{
		AccountNumber: accountNumber, AccountName: "Widgets PBX", Type: alianza.AccountTypeAdvanced,
		BillingCycleDay: 1, TimeZone: alianza.TimeZoneUSCentral, DialingBehavior: alianza.DialingBehaviorTypeTenDigit,
		ExtensionLength: 4,
		Numbers: []NumberSpec{
			{Key: "main", Address: "123 S Jefferson St, Houston, TX", PostalCode: "77002", CustomerType: alianza.CustomerTypeBusiness, BusinessName: "Widgets Inc", ToTrunk: true},
			{Key: "fax", Address: "123 S Jefferson St, Houston, TX", PostalCode: "77002", CustomerType: alianza.CustomerTypeBusiness, BusinessName: "Widgets Inc", ToTrunk: true},
		},
		Trunk: &TrunkSpec{
			Name: "PBX-1", SIPUsername: "widgets-" + accountNumber, SIPPassword: "trunk-secret-pw", ConcurrentCalls: 8,
			CallbackNumber: "main", PrimaryNumber: "main",
			Forwarding: &alianza.UpdateSipTrunkForwardRulesRequest{
				ForwardOnFailure: []alianza.ForwardReference{{ReferenceType: alianza.ForwardReferenceTypeVoicemail}},
			},
		},
	}
}

func provision(t *testing.T, c *Client, spec *AccountSpec) *ProvisionResult {
	t.Helper()
	res, err := c.Provision(context.Background(), spec, nil)
	require.NoError(t, err, "steps: %v", stepNames(res))
	return res
}

func stepNames(res *ProvisionResult) []string {
	if res == nil {
		return nil
	}
	var out []string
	for _, s := range res.Steps {
		out = append(out, fmt.Sprintf("%s ok=%v", s.Name, s.OK()))
	}
	return out
}

// sprintAll prints v with every verb a log line might use, and through
// slog's JSON handler.
func sprintAll(v any) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%v %+v %#v %s", v, v, v, v)
	slog.New(slog.NewJSONHandler(&b, nil)).Info("x", "v", v)
	return b.String()
}

// loseAnswers makes the fake carry out the next n calls of an operation
// (an operationId, "createAccount") and then drop the connection
// unanswered: for a POST the caller cannot know the outcome.
func loseAnswers(t *testing.T, srv *alianzatest.Server, operationID string, n int) {
	t.Helper()
	method, route, ok := srv.RouteOf(operationID)
	require.True(t, ok, operationID)
	require.NoError(t, srv.ApplyThenDropNext(method, route, n))
}

// lostAnswers counts the requests the fake carried out without answering.
func lostAnswers(srv *alianzatest.Server) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Fault == alianzatest.FaultKindApplyDrop {
			n++
		}
	}
	return n
}

// cancelAfter cancels a context once n requests have been answered, as if
// the process running the workflow were killed there.
type cancelAfter struct {
	next   http.RoundTripper
	mu     sync.Mutex
	n      int
	cancel context.CancelFunc
}

func (k *cancelAfter) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := k.next.RoundTrip(r)
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.n--; k.n == 0 {
		k.cancel()
	}
	return resp, err
}

// writes counts the requests in log that are not GETs.
func writes(log []alianzatest.Request) int {
	n := 0
	for _, r := range log {
		if r.Method != http.MethodGet {
			n++
		}
	}
	return n
}
