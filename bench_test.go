package alianza_test

import (
	"context"
	"net/http"
	"runtime"
	"testing"

	"github.com/go-alianza/alianza"
)

// Benchmarks of the SDK's hot path, each beside a raw net/http +
// encoding/json baseline in the same function (client=raw, client=sdk), on
// the same loopback server and fixture. scripts/bench.sh runs them and
// prints the sdk/raw ratios; BENCHMARKS.md says what each target measures.

// BenchmarkGetAccount: one account GET, the SDK decoding the full Account.
func BenchmarkGetAccount(b *testing.B) {
	s := newBenchServer(b, false)
	ctx := context.Background()
	b.Run("client=raw", func(b *testing.B) {
		hc := rawPooledClient(b, 2)
		var a rawAccount
		b.ReportAllocs()
		cpu := startCPU()
		for b.Loop() {
			a = rawAccount{}
			if err := rawGet(ctx, hc, s.accountURL(), &a); err != nil {
				b.Fatal(err)
			}
		}
		cpu.report(b)
		if a.ID != benchAccount || a.Status != "ACTIVE" {
			b.Fatalf("decoded %+v", a)
		}
	})
	b.Run("client=sdk", func(b *testing.B) {
		c := sdkClient(b, s)
		var a *alianza.Account
		var err error
		b.ReportAllocs()
		cpu := startCPU()
		for b.Loop() {
			if a, err = c.Accounts.Get(ctx, benchAccount); err != nil {
				b.Fatal(err)
			}
		}
		cpu.report(b)
		checkAccount(b, a)
	})
}

// checkAccount makes sure the SDK decoded the whole model, nested block
// included: a benchmark that decodes less than it claims would flatter it.
func checkAccount(b *testing.B, a *alianza.Account) {
	b.Helper()
	if a.ID != benchAccount || a.Status != alianza.AccountStatusActive || a.HoldTimeoutSeconds != 143 ||
		a.CallScreeningSettings.DefaultRingType == "" || a.RoutePlanID == "" {
		b.Fatalf("decoded %+v", a)
	}
}

// BenchmarkListTelephoneNumbers: the 10,000 numbers of one account (~9 MB),
// the SDK decoding the full AccountTelephoneNumber. scripts/bench.sh
// divides allocs/op by the 10,000 numbers for allocs/number.
func BenchmarkListTelephoneNumbers(b *testing.B) {
	s := newBenchServer(b, true)
	ctx := context.Background()
	url := s.accountURL() + "/telephonenumber"
	b.Run("client=raw", func(b *testing.B) {
		hc := rawPooledClient(b, 2)
		var list []rawNumber
		b.SetBytes(int64(len(s.numbers)))
		b.ReportAllocs()
		cpu := startCPU()
		for b.Loop() {
			list = nil
			if err := rawGet(ctx, hc, url, &list); err != nil {
				b.Fatal(err)
			}
		}
		cpu.report(b)
		if len(list) != benchNumbers || list[benchNumbers-1].PhoneNumber != "18010009999" {
			b.Fatalf("decoded %d numbers", len(list))
		}
	})
	b.Run("client=sdk", func(b *testing.B) {
		c := sdkClient(b, s)
		var list []alianza.AccountTelephoneNumber
		var err error
		b.SetBytes(int64(len(s.numbers)))
		b.ReportAllocs()
		cpu := startCPU()
		for b.Loop() {
			if list, err = c.TelephoneNumbers.List(ctx, benchAccount, nil); err != nil {
				b.Fatal(err)
			}
		}
		cpu.report(b)
		if len(list) != benchNumbers {
			b.Fatalf("decoded %d numbers", len(list))
		}
		last := list[benchNumbers-1]
		if last.PhoneNumber != "18010009999" || last.E911Address.Longitude == "" ||
			last.CustomerServiceRecord.CustomerName == "" || last.DirectoryListing.Type == "" {
			b.Fatalf("decoded %+v", last)
		}
	})
}

// benchGoroutines is the concurrency of the parallel benchmark.
const benchGoroutines = 64

// BenchmarkGetAccountParallel: 64 goroutines GET the account. raw-default
// is net/http with Go's default transport (2 idle connections per host),
// raw-pooled a transport whose pool is sized for 64, sdk the SDK's default
// client. ns/op is wall time per request, so throughput is its inverse.
func BenchmarkGetAccountParallel(b *testing.B) {
	s := newBenchServer(b, false)
	ctx := context.Background()
	// RunParallel starts parallelism x GOMAXPROCS goroutines: 32 x 2 = 64
	// on the 2-core machine the targets were set on.
	par := (benchGoroutines + runtime.GOMAXPROCS(0) - 1) / runtime.GOMAXPROCS(0)
	raw := func(b *testing.B, hc func(testing.TB) *http.Client) {
		c := hc(b)
		b.SetParallelism(par)
		b.ReportAllocs()
		b.ResetTimer()
		cpu := startCPU()
		b.RunParallel(func(pb *testing.PB) {
			var a rawAccount
			for pb.Next() {
				if err := rawGet(ctx, c, s.accountURL(), &a); err != nil {
					b.Error(err)
					return
				}
			}
		})
		cpu.report(b)
		b.ReportMetric(float64(par*runtime.GOMAXPROCS(0)), "goroutines")
	}
	b.Run("client=raw-default", func(b *testing.B) { raw(b, rawDefaultClient) })
	b.Run("client=raw-pooled", func(b *testing.B) {
		raw(b, func(tb testing.TB) *http.Client { return rawPooledClient(tb, benchGoroutines) })
	})
	b.Run("client=sdk", func(b *testing.B) {
		c := sdkClient(b, s)
		b.SetParallelism(par)
		b.ReportAllocs()
		b.ResetTimer()
		cpu := startCPU()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				a, err := c.Accounts.Get(ctx, benchAccount)
				if err != nil {
					b.Error(err)
					return
				}
				if a.ID != benchAccount {
					b.Errorf("decoded %+v", a)
					return
				}
			}
		})
		cpu.report(b)
		b.ReportMetric(float64(par*runtime.GOMAXPROCS(0)), "goroutines")
	})
}
