package alianza

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// recordingHook writes every event it receives as one line.
type recordingHook struct {
	mu     sync.Mutex
	events []string
	all    []any // every value passed, for the secrets scan
}

func (h *recordingHook) add(line string, v ...any) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.events = append(h.events, line)
	h.all = append(h.all, v...)
}

func (h *recordingHook) Events() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), h.events...)
}

type hookKey struct{}

func (h *recordingHook) CallStart(ctx context.Context, c CallInfo) context.Context {
	h.add(fmt.Sprintf("call-start %s %s %s %s", c.OperationID, c.Method, c.PathTemplate, c.ServerAddress), c)
	return context.WithValue(ctx, hookKey{}, "call")
}

func (h *recordingHook) AttemptStart(ctx context.Context, a AttemptInfo) context.Context {
	h.add(fmt.Sprintf("attempt-start %d replay=%t parent=%v", a.Attempt, a.Replay, ctx.Value(hookKey{})), a)
	return context.WithValue(ctx, hookKey{}, fmt.Sprintf("attempt-%d", a.Attempt))
}

func (h *recordingHook) AttemptEnd(ctx context.Context, a AttemptInfo, r AttemptResult) {
	h.add(fmt.Sprintf("attempt-end %d status=%d class=%s next=%s wait=%t", a.Attempt, r.StatusCode, r.ErrorClass, r.Next, r.Wait > 0), a, r)
}

func (h *recordingHook) CallEnd(ctx context.Context, c CallInfo, r CallResult) {
	h.add(fmt.Sprintf("call-end status=%d attempts=%d class=%s", r.StatusCode, r.Attempts, r.ErrorClass), c, r)
}

func (h *recordingHook) Login(ctx context.Context, l LoginInfo) {
	h.add(fmt.Sprintf("login class=%s", l.ErrorClass), l)
}

func TestHookRetriedGet(t *testing.T) {
	h := &recordingHook{}
	c, mt := newMockClient(t, WithHook(h), fastRetries)
	u := testBaseURL + "/v2/partition/PART1/account/A-17"
	var seen []any
	statuses := []int{503, 200}
	mt.RegisterResponder(http.MethodGet, u, func(r *http.Request) (*http.Response, error) {
		seen = append(seen, r.Context().Value(hookKey{}))
		return httpmock.NewStringResponse(statuses[len(seen)-1], `{"id":"A-17"}`), nil
	})

	_, err := c.Accounts.Get(context.Background(), "A-17")
	require.NoError(t, err)
	assert.Equal(t, []string{
		"call-start retrieveAccount GET /v2/partition/{partitionId}/account/{accountId} api.test.invalid",
		"login class=",
		"attempt-start 1 replay=false parent=call",
		"attempt-end 1 status=503 class=server next=retry wait=true",
		"attempt-start 2 replay=false parent=call",
		"attempt-end 2 status=200 class= next=done wait=false",
		"call-end status=200 attempts=2 class=",
	}, h.Events())
	// The transport saw each attempt's own context.
	assert.Equal(t, []any{"attempt-1", "attempt-2"}, seen)
}

func TestHookReplayAfter401(t *testing.T) {
	h := &recordingHook{}
	c, mt := newMockClient(t, WithHook(h))
	u := testBaseURL + "/v2/partition/PART1/account/A-17"
	mt.RegisterResponder(http.MethodGet, u, httpmock.ResponderFromMultipleResponses([]*http.Response{
		httpmock.NewStringResponse(401, `{"status":401,"messages":["expired"]}`),
		httpmock.NewStringResponse(200, `{"id":"A-17"}`),
	}))
	_, err := c.Accounts.Get(context.Background(), "A-17")
	require.NoError(t, err)
	assert.Equal(t, []string{
		"call-start retrieveAccount GET /v2/partition/{partitionId}/account/{accountId} api.test.invalid",
		"login class=",
		"attempt-start 1 replay=false parent=call",
		"attempt-end 1 status=401 class=unauthorized next=replay wait=false",
		"login class=",
		"attempt-start 2 replay=true parent=call",
		"attempt-end 2 status=200 class= next=done wait=false",
		"call-end status=200 attempts=2 class=",
	}, h.Events())
}

func TestHookOutcomeUnknownAndNoAnswer(t *testing.T) {
	h := &recordingHook{}
	c, mt := newMockClient(t, WithHook(h), WithAuthToken(testToken))
	mt.RegisterResponder(http.MethodPost, testBaseURL+"/v2/partition/PART1/account",
		httpmock.NewErrorResponder(errors.New("connection reset by peer")))
	_, err := c.Accounts.Create(context.Background(), validAccountCreate())
	require.ErrorIs(t, err, ErrOutcomeUnknown)
	assert.Equal(t, []string{
		"call-start createAccount POST /v2/partition/{partitionId}/account api.test.invalid",
		"attempt-start 1 replay=false parent=call",
		"attempt-end 1 status=0 class=outcome_unknown next=done wait=false",
		"call-end status=0 attempts=1 class=outcome_unknown",
	}, h.Events())
}

func TestHookSeesNoSecretsOrIDs(t *testing.T) {
	h := &recordingHook{}
	c, mt := newMockClient(t, WithHook(h), fastRetries)
	u := testBaseURL + "/v2/partition/PART1/account/A-SECRET-ID-4471/telephonenumber/18015550199"
	mt.RegisterResponder(http.MethodGet, u, httpmock.ResponderFromMultipleResponses([]*http.Response{
		httpmock.NewStringResponse(500, `{"status":500,"messages":["token tok-Rv55Hj2Wq9 pw-Zq81vXk3Lm"]}`),
		httpmock.NewStringResponse(404, `{"status":404,"messages":["18015550199 not found"]}`),
	}))
	_, err := c.TelephoneNumbers.Get(context.Background(), "A-SECRET-ID-4471", "18015550199")
	require.ErrorIs(t, err, ErrNotFound)
	var all strings.Builder
	for _, v := range h.all {
		fmt.Fprintf(&all, "%+v %#v\n", v, v)
	}
	for _, leak := range []string{testToken, testPassword, testUsername, "A-SECRET-ID-4471", "18015550199", testPartition} {
		assert.NotContains(t, all.String(), leak)
	}
	assert.Contains(t, all.String(), "{accountId}")
}

// panicHook panics in every method.
type panicHook struct{}

func (panicHook) CallStart(context.Context, CallInfo) context.Context       { panic("boom") }
func (panicHook) AttemptStart(context.Context, AttemptInfo) context.Context { panic("boom") }
func (panicHook) AttemptEnd(context.Context, AttemptInfo, AttemptResult)    { panic("boom") }
func (panicHook) CallEnd(context.Context, CallInfo, CallResult)             { panic("boom") }
func (panicHook) Login(context.Context, LoginInfo)                          { panic(errors.New(testPassword)) }

// nilCtxHook returns no context.
type nilCtxHook struct{ NopHook }

func (nilCtxHook) CallStart(context.Context, CallInfo) context.Context       { return nil }
func (nilCtxHook) AttemptStart(context.Context, AttemptInfo) context.Context { return nil }

func TestHookPanicsDoNotBreakTheCall(t *testing.T) {
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, nil))
	h := &recordingHook{}
	c, mt := newMockClient(t, WithHook(panicHook{}), WithHook(nilCtxHook{}), WithHook(h), WithLogger(logger))
	mockOp(t, mt, "AccountsService.Get", []string{"A-17"}, 200, `{"id":"A-17","accountName":"Acme"}`)
	acct, err := c.Accounts.Get(context.Background(), "A-17")
	require.NoError(t, err)
	assert.Equal(t, "Acme", acct.AccountName)
	// The hooks after the panicking one still ran, in order.
	assert.Len(t, h.Events(), 5)
	assert.Contains(t, logs.String(), "hook panicked")
	assert.Contains(t, logs.String(), "hook_method=CallStart")
	assert.Contains(t, logs.String(), "panic_type=*errors.errorString")
	assert.NotContains(t, logs.String(), testPassword)
}

func TestHookNilRefused(t *testing.T) {
	_, err := NewClient(WithAuthToken(testToken), WithHook(nil))
	require.Error(t, err)
}

func TestHookDo(t *testing.T) {
	h := &recordingHook{}
	c, mt := newMockClient(t, WithHook(h), WithAuthToken(testToken))
	mt.RegisterResponder(http.MethodGet, `=~^`+testBaseURL+`/v2/partition/PART1/account/A-1/cdrsearch`,
		httpmock.NewStringResponder(200, `[]`))
	var out []map[string]any
	_, err := c.Do(context.Background(), Operation{Method: http.MethodGet, Path: "/v2/partition/{partitionId}/account/{accountId}/cdrsearch", Args: []string{"A-1"}}, &out)
	require.NoError(t, err)
	assert.Equal(t, "call-start cdrSearch GET /v2/partition/{partitionId}/account/{accountId}/cdrsearch api.test.invalid", h.Events()[0])
}

func TestErrorClass(t *testing.T) {
	for err, want := range map[error]string{
		nil:                        "",
		&APIError{StatusCode: 404}: "not_found",
		&APIError{StatusCode: 409}: "conflict",
		&OutcomeUnknownError{Err: context.Canceled}:   "outcome_unknown",
		fmt.Errorf("x: %w", context.DeadlineExceeded): "timeout",
		&TransportError{Err: errors.New("reset")}:     "transport",
		errors.New("something else"):                  "other",
		&ValidationError{}:                            "validation",
	} {
		assert.Equal(t, want, ErrorClass(err), "%v", err)
	}
}

// durationHook keeps the durations hooks are given.
type durationHook struct {
	NopHook
	mu       sync.Mutex
	attempts []AttemptResult
	calls    []CallResult
}

func (h *durationHook) AttemptEnd(_ context.Context, _ AttemptInfo, r AttemptResult) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.attempts = append(h.attempts, r)
}

func (h *durationHook) CallEnd(_ context.Context, _ CallInfo, r CallResult) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.calls = append(h.calls, r)
}

// Hooks get real durations, from a client and from its ForPartition copy
// alike: each attempt took time, and the call spans its attempts and the
// backoff between them.
func TestHookDurations(t *testing.T) {
	for _, partition := range []string{"", "PART2"} {
		t.Run("partition="+partition, func(t *testing.T) {
			h := &durationHook{}
			c, mt := newMockClient(t, WithHook(h), fastRetries)
			if partition != "" {
				var err error
				c, err = c.ForPartition(partition)
				require.NoError(t, err)
			} else {
				partition = testPartition
			}
			statuses := []int{503, 200}
			n := 0
			mt.RegisterResponder(http.MethodGet, testBaseURL+"/v2/partition/"+partition+"/account/A-17",
				func(*http.Request) (*http.Response, error) {
					n++
					return httpmock.NewStringResponse(statuses[n-1], `{"id":"A-17"}`), nil
				})
			_, err := c.Accounts.Get(context.Background(), "A-17")
			require.NoError(t, err)
			require.Len(t, h.attempts, 2)
			require.Len(t, h.calls, 1)
			var spent time.Duration
			for _, a := range h.attempts {
				assert.Positive(t, a.Duration)
				spent += a.Duration + a.Wait
			}
			assert.GreaterOrEqual(t, h.calls[0].Duration, spent, "the call spans its attempts and the wait between them")
		})
	}
}
