package alianza_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-alianza/alianza"
)

// The benchmarks' loopback platform: a plain httptest server that answers
// the three operations they exercise with fixed fixture bytes, so the
// client is all that is measured. The SDK and the raw baseline talk to the
// same server, read the same bytes and send the same auth header.

const (
	benchPartition = "BenchPartition01"
	benchAccount   = "WL84q5lBTumKvm_Ait_hZA" // the fixture account's id
	benchUser      = "bench@example.com"
	benchPassword  = "bench-password-Jq72"
	benchRawToken  = "raw-token" // the raw client's token, always accepted
	benchNumbers   = 10_000
)

// benchServer counts logins and accepts the token of the last one (and the
// raw token). revoke makes the SDK's token stale on the server side only.
type benchServer struct {
	*httptest.Server
	logins  atomic.Int64
	current atomic.Pointer[string] // the token the last login issued
	account []byte
	numbers []byte // built on first use: ~9 MB
}

// fixture reads a file of testdata/bench.
func fixture(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile("testdata/bench/" + name)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func newBenchServer(tb testing.TB, withNumbers bool) *benchServer {
	tb.Helper()
	s := &benchServer{account: fixture(tb, "account.json")}
	if withNumbers {
		s.numbers = numberList(tb, benchNumbers)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v2/authorize", s.login)
	acct := "/v2/partition/" + benchPartition + "/account/" + benchAccount
	mux.HandleFunc("GET "+acct, s.serve(func() []byte { return s.account }))
	mux.HandleFunc("GET "+acct+"/telephonenumber", s.serve(func() []byte { return s.numbers }))
	s.Server = httptest.NewServer(mux)
	tb.Cleanup(s.Close)
	return s
}

func (s *benchServer) login(w http.ResponseWriter, r *http.Request) {
	var in struct{ Username, Password string }
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil || in.Username != benchUser || in.Password != benchPassword {
		http.Error(w, `{"status":401,"messages":["bad credentials"]}`, http.StatusUnauthorized)
		return
	}
	n := s.logins.Add(1)
	tok := "tok-" + strconv.FormatInt(n, 10)
	s.current.Store(&tok)
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprintf(w, `{"authToken":%q,"partitionId":%q,"username":%q}`, tok, benchPartition, benchUser)
}

// revoke makes every issued token stale, as the platform's 401 "Expired
// Auth Token" after 8 idle hours.
func (s *benchServer) revoke() { none := ""; s.current.Store(&none) }

func (s *benchServer) authorized(r *http.Request) bool {
	tok := r.Header.Get("X-Auth-Token")
	if tok == benchRawToken {
		return true
	}
	cur := s.current.Load()
	return cur != nil && *cur != "" && tok == *cur
}

func (s *benchServer) serve(body func() []byte) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !s.authorized(r) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = io.WriteString(w, `{"status":401,"messages":["Expired Auth Token"]}`)
			return
		}
		b := body()
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.Itoa(len(b)))
		_, _ = w.Write(b)
	}
}

// numberList builds the list of n numbers from telephonenumber.json (the
// account creation guide's number), each with its own phone number, as a compact JSON array.
func numberList(tb testing.TB, n int) []byte {
	tb.Helper()
	var one bytes.Buffer
	if err := json.Compact(&one, fixture(tb, "telephonenumber.json")); err != nil {
		tb.Fatal(err)
	}
	const tn = "18015551212"
	tmpl := one.String()
	if strings.Count(tmpl, tn) != 2 { // id and phoneNumber
		tb.Fatalf("telephonenumber.json: want the number %s twice", tn)
	}
	var out bytes.Buffer
	out.Grow(n * (len(tmpl) + 1))
	out.WriteByte('[')
	for i := range n {
		if i > 0 {
			out.WriteByte(',')
		}
		out.WriteString(strings.ReplaceAll(tmpl, tn, fmt.Sprintf("1801%07d", i)))
	}
	out.WriteByte(']')
	return out.Bytes()
}

// sdkClient is an SDK client on the server with its default transport,
// logged in before the timer starts.
func sdkClient(tb testing.TB, s *benchServer, opts ...alianza.Option) *alianza.Client {
	tb.Helper()
	base := []alianza.Option{
		alianza.WithBaseURL(s.URL),
		alianza.WithCredentials(benchUser, benchPassword),
		alianza.WithPartition(benchPartition),
	}
	c, err := alianza.NewClient(append(base, opts...)...)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := c.Login(context.Background()); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(c.CloseIdleConnections)
	return c
}

// The raw baseline: what a team writes by hand with net/http and
// encoding/json, decoding only the four fields it needs.

type rawAccount struct {
	ID            string `json:"id"`
	AccountNumber string `json:"accountNumber"`
	AccountName   string `json:"accountName"`
	Status        string `json:"status"`
}

type rawNumber struct {
	ID            string `json:"id"`
	PhoneNumber   string `json:"phoneNumber"`
	AccountID     string `json:"accountId"`
	CarrierStatus string `json:"carrierStatus"`
}

// rawDefaultClient uses Go's default transport settings (2 idle
// connections per host); rawPooledClient a pool sized for n goroutines.
func rawDefaultClient(tb testing.TB) *http.Client {
	hc := &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone(), Timeout: time.Minute}
	tb.Cleanup(hc.CloseIdleConnections)
	return hc
}

func rawPooledClient(tb testing.TB, n int) *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns = n
	t.MaxIdleConnsPerHost = n
	hc := &http.Client{Transport: t, Timeout: time.Minute}
	tb.Cleanup(hc.CloseIdleConnections)
	return hc
}

// rawGet is the hand-written GET: decode from the body, drain and close it.
func rawGet(ctx context.Context, hc *http.Client, url string, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	req.Header.Set("X-Auth-Token", benchRawToken)
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer func() {
		_, _ = io.Copy(io.Discard, resp.Body)
		_ = resp.Body.Close()
	}()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("raw GET: status %d", resp.StatusCode)
	}
	return json.NewDecoder(resp.Body).Decode(out)
}

func (s *benchServer) accountURL() string {
	return s.URL + "/v2/partition/" + benchPartition + "/account/" + benchAccount
}

// firstErr keeps the first error of many goroutines.
type firstErr struct {
	once sync.Once
	err  error
}

func (f *firstErr) set(err error) {
	if err != nil {
		f.once.Do(func() { f.err = err })
	}
}

// cpuMeter reports the process CPU time per op as cpu-ns/op: start it
// after the setup (and b.ResetTimer), report after the loop. It counts the
// in-process server too, the same for raw and sdk.
type cpuMeter struct{ start time.Duration }

func startCPU() cpuMeter {
	d, _ := processCPU()
	return cpuMeter{start: d}
}

func (m cpuMeter) report(b *testing.B) {
	d, ok := processCPU()
	if !ok || b.N == 0 {
		return
	}
	b.ReportMetric(float64(d-m.start)/float64(b.N), "cpu-ns/op")
}
