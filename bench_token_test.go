package alianza_test

import (
	"context"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-alianza/alianza"
)

// stormSize is the number of goroutines that hit the client at once.
const stormSize = 1000

// BenchmarkTokenStorm: 1,000 goroutines each GET the account at once. One
// op is the whole storm.
//
//   - client=raw/token=fixed: the raw baseline, a fixed token, a pool
//     sized and capped like the SDK's (DefaultMaxConns).
//   - client=sdk/token=warm: the SDK with a valid token.
//   - client=sdk/token=expired: the token has passed its 8 idle hours on
//     the client's clock, so the storm must wait for a login: exactly one,
//     which the benchmark checks after every storm.
//   - client=sdk/token=revoked: the platform rejects the token the client
//     still trusts (401 "Expired Auth Token"): every goroutine gets a 401,
//     the client logs in once and replays each request once.
func BenchmarkTokenStorm(b *testing.B) {
	s := newBenchServer(b, false)
	ctx := context.Background()

	b.Run("client=raw/token=fixed", func(b *testing.B) {
		hc := rawPooledClient(b, alianza.DefaultMaxConns)
		hc.Transport.(*http.Transport).MaxConnsPerHost = alianza.DefaultMaxConns
		b.ReportAllocs()
		for b.Loop() {
			storm(b, func() error {
				var a rawAccount
				return rawGet(ctx, hc, s.accountURL(), &a)
			})
		}
	})
	b.Run("client=sdk/token=warm", func(b *testing.B) {
		c := sdkClient(b, s)
		get := func() error { _, err := c.Accounts.Get(ctx, benchAccount); return err }
		b.ReportAllocs()
		for b.Loop() {
			storm(b, get)
		}
	})
	b.Run("client=sdk/token=expired", func(b *testing.B) {
		// The client's clock jumps 9 hours before each storm; the server
		// still accepts the token, so only the client's expiry is tested.
		var skew atomic.Int64
		clock := func() time.Time { return time.Now().Add(time.Duration(skew.Load())) }
		c := sdkClient(b, s, alianza.WithClock(clock))
		get := func() error { _, err := c.Accounts.Get(ctx, benchAccount); return err }
		b.ReportAllocs()
		for b.Loop() {
			skew.Add(int64(9 * time.Hour))
			before := s.logins.Load()
			storm(b, get)
			if n := s.logins.Load() - before; n != 1 {
				b.Fatalf("storm on an expired token: %d logins, want exactly 1", n)
			}
		}
	})
	b.Run("client=sdk/token=revoked", func(b *testing.B) {
		c := sdkClient(b, s)
		get := func() error { _, err := c.Accounts.Get(ctx, benchAccount); return err }
		b.ReportAllocs()
		for b.Loop() {
			s.revoke()
			before := s.logins.Load()
			storm(b, get)
			if n := s.logins.Load() - before; n != 1 {
				b.Fatalf("storm on a revoked token: %d logins, want exactly 1", n)
			}
		}
	})
}

// storm runs call in stormSize goroutines released together and fails b
// on the first error.
func storm(b *testing.B, call func() error) {
	var (
		start sync.WaitGroup
		done  sync.WaitGroup
		fe    firstErr
	)
	start.Add(1)
	for range stormSize {
		done.Go(func() {
			start.Wait()
			fe.set(call())
		})
	}
	start.Done()
	done.Wait()
	if fe.err != nil {
		b.Fatal(fe.err)
	}
}
