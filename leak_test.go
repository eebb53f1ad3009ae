package alianza

// RELIABILITY.md cases 42 to 44: leaks, connections, body closing, plain
// http, untrusted TLS and no TLS verification bypass.

import (
	"context"
	"errors"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

// Case 43: 1 000 mixed failing calls, then everything is closed and no
// goroutine is left.
func TestCase43GoroutineLeakSweep(t *testing.T) {
	ignore := goleak.IgnoreCurrent()
	before := runtime.NumGoroutine()
	func() {
		f := newFakeAlianza(t)
		var n atomic.Int64
		f.on(fakeAccount, func(w http.ResponseWriter, r *http.Request) {
			switch n.Add(1) % 6 {
			case 0:
				writeJSON(w, 404, `{"messages":["not found"]}`)
			case 1:
				writeJSON(w, 503, `{"messages":["down"]}`)
			case 2:
				writeJSON(w, 200, `{"id":"a"}garbage`)
			case 3:
				truncateBody(200, 80)(w, r)
			case 4:
				stream(4096)(w, r) // too large for the 1 KiB cap below
			default:
				hangUntilClientGone(nil)(w, r)
			}
		})
		c := f.client(WithMaxBodySize(1024), WithTimeout(50*time.Millisecond),
			WithRetryPolicy(RetryPolicy{MaxRetries: 1, BaseDelay: time.Millisecond, MaxDelay: time.Millisecond, Budget: 50}))
		var wg sync.WaitGroup
		sem := make(chan struct{}, 50)
		for i := range 1000 {
			wg.Add(1)
			sem <- struct{}{}
			go func() {
				defer wg.Done()
				defer func() { <-sem }()
				ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
				defer cancel()
				if i%50 == 0 {
					cancel() // cancelled before or during the call
				}
				_, _ = c.Accounts.Get(ctx, "A1")
			}()
		}
		wg.Wait()
		c.CloseIdleConnections()
		f.srv.Close()
	}()
	// goleak waits for the closed connections' goroutines to exit, and
	// fails the test for each one that does not.
	findings := leaked(t, ignore)
	figure(t, "case43.goleakFindings", findings)
	figure(t, "case43.goroutineDelta", runtime.NumGoroutine()-before)
}

// Case 44: 500 requests at concurrency 50, half of them 4xx with 8 KiB
// bodies, open at most 50 connections and reuse them; every body opened is
// closed, across 1 000 mixed calls.
func TestCase44ConnectionReuse(t *testing.T) {
	f := newFakeAlianza(t)
	big := `{"messages":["` + strings.Repeat("x", 8<<10) + `"]}`
	var n atomic.Int64
	f.on(fakeAccount, func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1)%2 == 0 {
			writeJSON(w, 404, big)
			return
		}
		writeJSON(w, 200, `{"id":"A1"}`)
	})
	ct := &countingTransport{rt: defaultTransport(DefaultMaxConns)}
	c := f.client(WithHTTPClient(&http.Client{Transport: ct}))
	_, err := c.Login(context.Background())
	require.NoError(t, err)
	run := func(calls int) {
		var wg sync.WaitGroup
		sem := make(chan struct{}, 50)
		for range calls {
			wg.Add(1)
			sem <- struct{}{}
			go func() {
				defer wg.Done()
				defer func() { <-sem }()
				_, _ = c.Accounts.Get(context.Background(), "A1")
			}()
		}
		wg.Wait()
	}
	run(500)
	conns := f.conns.Load()
	// One connection per concurrent caller at most. Without the cap
	// (DefaultMaxConns) net/http opened 50 to 53 here on a quiet machine and
	// up to 59 under load: a request with no idle connection starts a dial,
	// and if a connection frees up first it takes that one and parks the new
	// one in the pool. Go's default transport opens 464, undrained bodies
	// 500 (measured when the cap was introduced).
	assert.LessOrEqual(t, conns, int64(50), "no more connections than callers")
	run(500)
	assert.LessOrEqual(t, f.conns.Load(), int64(50), "the second 500 reuse the pool")
	assert.Equal(t, ct.opened.Load(), ct.closed.Load())
	figure(t, "case44.newConnections", conns)
	figure(t, "case44.newConnectionsAfter1000", f.conns.Load())
	figure(t, "case44.openedMinusClosed", ct.opened.Load()-ct.closed.Load())
	ct.rt.(*http.Transport).CloseIdleConnections()
}

// Beyond DefaultMaxConns callers, calls wait for a connection rather than
// open more: 200 at once against a slow platform all succeed over at most
// DefaultMaxConns connections, and WithMaxConns lowers the bound.
func TestMaxConnsBoundsConnections(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts []Option
		max  int64
	}{
		{"default", nil, DefaultMaxConns},
		{"maxConns4", []Option{WithMaxConns(4)}, 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeAlianza(t)
			var inFlight, peak atomic.Int64
			f.on(fakeAccount, func(w http.ResponseWriter, r *http.Request) {
				storeMax(&peak, inFlight.Add(1))
				defer inFlight.Add(-1)
				time.Sleep(5 * time.Millisecond) // a slow answer, so callers queue; the bounds hold at any speed
				writeJSON(w, 200, `{"id":"A1"}`)
			})
			c := f.client(tc.opts...)
			t.Cleanup(c.CloseIdleConnections)
			var wg sync.WaitGroup
			var failed atomic.Int64
			for range 200 {
				wg.Go(func() {
					if _, err := c.Accounts.Get(context.Background(), "A1"); err != nil {
						failed.Add(1)
					}
				})
			}
			wg.Wait()
			assert.Zero(t, failed.Load())
			assert.LessOrEqual(t, f.conns.Load(), tc.max, "the login's connection included")
			assert.LessOrEqual(t, peak.Load(), tc.max, "at most this many requests at the platform at once")
			figure(t, "case44.callers200."+tc.name+".connections", f.conns.Load())
		})
	}
}

// Case 42: plain http to a non-loopback host is refused before any I/O;
// loopback http works without the opt-in (an explicit opt-in for
// non-loopback hosts only); an untrusted certificate ends the call in the
// handshake, before any request is written.
func TestCase42PlainHTTPAndTLS(t *testing.T) {
	var dials atomic.Int64
	counting := &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		dials.Add(1)
		return nil, errors.New("no dial expected")
	}}}
	c, err := NewClient(WithCredentials(testUsername, testPassword), WithBaseURL("http://api.example.com"), WithHTTPClient(counting))
	require.ErrorIs(t, err, ErrInsecureURL)
	assert.Nil(t, c)
	_, err = NewClient(WithCredentials(testUsername, testPassword), WithBaseURL("http://api.example.com"), WithInsecureHTTP())
	require.NoError(t, err, "explicit opt-in")
	assert.Zero(t, dials.Load())
	figure(t, "case42.connections[http non-loopback]", dials.Load())

	f := newFakeAlianza(t)
	_, err = f.client().Accounts.Get(context.Background(), "A1")
	require.NoError(t, err, "http://127.0.0.1 is loopback")
	figure(t, "case42.connections[http loopback]", f.conns.Load())

	tf := newFakeAlianzaTLS(t, false)
	_, err = tf.client().Accounts.Get(context.Background(), "A1")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "certificate")
	assert.Equal(t, int64(1), tf.conns.Load(), "one handshake")
	assert.Zero(t, tf.count(fakeLogin)+tf.count(fakeAccount), "no request written")
	figure(t, "case42.connections[untrusted TLS]", tf.conns.Load())
	figure(t, "case42.requests[untrusted TLS]", tf.count(fakeLogin)+tf.count(fakeAccount))
}

// No switched-off certificate check anywhere in the module (case 42).
func TestNoCertificateCheckBypass(t *testing.T) {
	needle := "Insecure" + "SkipVerify" // split so this file does not match itself
	files := 0
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		files++
		assert.False(t, strings.Contains(string(b), needle), "%s turns off certificate checks", path)
		return nil
	})
	require.NoError(t, err)
	assert.Greater(t, files, 50)
}

// net/http's MaxConnsPerHost has a history of hangs (golang/go#32336,
// #65705, and #34941 for HTTP/2, still open), so the cap is proven where
// those bit: over TLS with HTTP/1.1 and with HTTP/2, 1,000 calls from 100
// goroutines through a cap of 8, one call in seven cancelled while it
// waits or runs. Every call returns, none hangs, sockets stay near the cap,
// and the pool still works for 50 ordinary calls afterwards.
func TestMaxConnsNoHangUnderCancellation(t *testing.T) {
	for _, h2 := range []bool{false, true} {
		t.Run(map[bool]string{false: "http1.1", true: "http2"}[h2], func(t *testing.T) {
			f := newFakeAlianzaTLS(t, h2)
			var protoMajor atomic.Int64
			f.on(fakeAccount, func(w http.ResponseWriter, r *http.Request) {
				protoMajor.Store(int64(r.ProtoMajor))
				select {
				case <-time.After(2 * time.Millisecond):
				case <-r.Context().Done():
					return
				}
				writeJSON(w, 200, `{"id":"A1"}`)
			})
			tr := f.tlsTransport(8)
			var gauge connGauge
			gauge.wrap(tr)
			c := f.client(WithHTTPClient(&http.Client{Transport: tr}))
			t.Cleanup(tr.CloseIdleConnections)

			var ok, cancelled atomic.Int64
			done := make(chan struct{})
			go func() { // launched apart from the watchdog below, which must fire even if the semaphore stalls
				defer close(done)
				var wg sync.WaitGroup
				sem := make(chan struct{}, 100)
				for i := range 1000 {
					sem <- struct{}{}
					wg.Go(func() {
						defer func() { <-sem }()
						ctx := context.Background()
						if i%7 == 0 {
							var cancel context.CancelFunc
							ctx, cancel = context.WithTimeout(ctx, time.Duration(i%41)*time.Millisecond) // queued, dialling or in flight
							defer cancel()
						}
						_, err := c.Accounts.Get(ctx, "A1")
						switch {
						case err == nil:
							ok.Add(1)
						case errors.Is(err, context.DeadlineExceeded):
							cancelled.Add(1)
						default:
							t.Errorf("call %d: %v", i, err)
						}
					})
				}
				wg.Wait()
			}()
			select {
			case <-done:
			case <-time.After(60 * time.Second):
				t.Fatalf("hung: %d ok, %d cancelled of 1000 after 60 s", ok.Load(), cancelled.Load())
			}
			assert.Equal(t, int64(1000), ok.Load()+cancelled.Load())
			wantProto := int64(1)
			if h2 {
				wantProto = 2
			}
			assert.Equal(t, wantProto, protoMajor.Load(), "the protocol under test")
			// net/http releases a cancelled call's connection from its count
			// before that socket's TLS close has finished (close_notify is
			// written first), so sockets may overlap the cap for a moment:
			// 9 was seen once in 20 runs. The exact bound, with no
			// cancellations, is TestMaxConnsBoundsConnections'.
			assert.LessOrEqual(t, gauge.peak.Load(), int64(2*8), "sockets open at once, as the client counts them")
			for range 50 {
				_, err := c.Accounts.Get(context.Background(), "A1")
				require.NoError(t, err, "the pool works after the cancellations")
			}
			t.Logf("%d ok, %d cancelled; %d connections opened, at most %d at once", ok.Load(), cancelled.Load(), f.conns.Load(), gauge.peak.Load())
		})
	}
}
