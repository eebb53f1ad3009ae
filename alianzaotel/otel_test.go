package alianzaotel_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzaotel"
)

const (
	baseURL   = "https://api.test.invalid"
	username  = "ops@example.com"
	password  = "pw-Ot71Kd9Qz"
	token     = "tok-Ot55Wr3Jm"
	accountID = "ACCT-9Q7W2"
	tn        = "18015550142"
)

type recorder struct {
	spans  *tracetest.SpanRecorder
	reader *sdkmetric.ManualReader
	hook   *alianzaotel.Hook
}

func newRecorder(t *testing.T) *recorder {
	t.Helper()
	r := &recorder{spans: tracetest.NewSpanRecorder(), reader: sdkmetric.NewManualReader()}
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(r.spans))
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(r.reader))
	var err error
	r.hook, err = alianzaotel.NewHook(alianzaotel.WithTracerProvider(tp), alianzaotel.WithMeterProvider(mp))
	require.NoError(t, err)
	return r
}

func (r *recorder) metrics(t *testing.T) metricdata.ResourceMetrics {
	t.Helper()
	var rm metricdata.ResourceMetrics
	require.NoError(t, r.reader.Collect(context.Background(), &rm))
	return rm
}

// sum returns the value of counter name summed over its data points.
func sum(rm metricdata.ResourceMetrics, name string) int64 {
	var n int64
	for _, sm := range rm.ScopeMetrics {
		for _, m := range sm.Metrics {
			if s, ok := m.Data.(metricdata.Sum[int64]); ok && m.Name == name {
				for _, dp := range s.DataPoints {
					n += dp.Value
				}
			}
		}
	}
	return n
}

func attrs(kvs []attribute.KeyValue) map[string]string {
	out := map[string]string{}
	for _, kv := range kvs {
		out[string(kv.Key)] = kv.Value.String()
	}
	return out
}

func newClient(t *testing.T, h alianza.Hook) (*alianza.Client, *httpmock.MockTransport) {
	t.Helper()
	mt := httpmock.NewMockTransport()
	mt.RegisterResponder(http.MethodPost, baseURL+"/v2/authorize",
		httpmock.NewStringResponder(200, `{"authToken":"`+token+`","partitionId":"P1","username":"`+username+`"}`))
	c, err := alianza.NewClient(alianza.WithBaseURL(baseURL), alianza.WithCredentials(username, password),
		alianza.WithHTTPClient(&http.Client{Transport: mt}), alianza.WithHook(h),
		alianza.WithRetryPolicy(alianza.RetryPolicy{MaxRetries: 2, BaseDelay: time.Millisecond, MaxDelay: 2 * time.Millisecond}))
	require.NoError(t, err)
	return c, mt
}

func TestSpansAndMetrics(t *testing.T) {
	rec := newRecorder(t)
	c, mt := newClient(t, rec.hook)
	n := 0
	mt.RegisterResponder(http.MethodGet, baseURL+"/v2/partition/P1/account/"+accountID+"/telephonenumber/"+tn,
		func(*http.Request) (*http.Response, error) {
			n++
			if n == 1 {
				return httpmock.NewStringResponse(503, `{"status":503,"messages":["busy `+tn+`"]}`), nil
			}
			return httpmock.NewStringResponse(200, `{"telephoneNumber":"`+tn+`","accountId":"`+accountID+`"}`), nil
		})
	mt.RegisterResponder(http.MethodPost, baseURL+"/v2/partition/P1/account",
		httpmock.NewErrorResponder(errors.New("connection reset by peer")))

	_, err := c.TelephoneNumbers.Get(context.Background(), accountID, tn)
	require.NoError(t, err)
	_, err = c.Accounts.Create(context.Background(), &alianza.CreateAccountRequest{
		AccountNumber: "1001", AccountName: "Acme " + accountID, BillingCycleDay: 1,
		AccountType: alianza.AccountTypeAdvanced, TimeZone: alianza.TimeZoneUSMountain,
		DialingBehaviorType: alianza.DialingBehaviorTypeTenDigit, ExtensionLength: alianza.Ptr(4),
	})
	require.ErrorIs(t, err, alianza.ErrOutcomeUnknown)

	spans := rec.spans.Ended()
	var names []string
	byName := map[string][]sdktrace.ReadOnlySpan{}
	for _, s := range spans {
		names = append(names, s.Name())
		byName[s.Name()] = append(byName[s.Name()], s)
	}
	getName := "GET /v2/partition/{partitionId}/account/{accountId}/telephonenumber/{tn}"
	require.Len(t, byName[getName], 3, "one call span and two attempts: %v", names)
	require.Len(t, byName["POST /v2/authorize"], 1, "%v", names)
	require.Len(t, byName["POST /v2/partition/{partitionId}/account"], 2, "%v", names)

	// The call span is the one whose children are the attempts.
	var call sdktrace.ReadOnlySpan
	for _, s := range byName[getName] {
		if !s.Parent().IsValid() {
			call = s
		}
	}
	require.NotNil(t, call, "the call span has no parent")
	assert.Equal(t, trace.SpanKindClient, call.SpanKind())
	ca := attrs(call.Attributes())
	assert.Equal(t, "GET", ca["http.request.method"])
	assert.Equal(t, "/v2/partition/{partitionId}/account/{accountId}/telephonenumber/{tn}", ca["url.template"])
	assert.Equal(t, "api.test.invalid", ca["server.address"])
	assert.Equal(t, "200", ca["http.response.status_code"])
	assert.Equal(t, "2", ca["alianza.attempts"])
	assert.NotEmpty(t, ca["alianza.operation_id"])
	var attempts []map[string]string
	for _, s := range byName[getName] {
		if s != call {
			assert.Equal(t, call.SpanContext().SpanID(), s.Parent().SpanID(), "an attempt is the call's child")
			assert.Equal(t, call.SpanContext().TraceID(), s.SpanContext().TraceID())
			attempts = append(attempts, attrs(s.Attributes()))
		}
	}
	assert.Equal(t, "503", attempts[0]["http.response.status_code"])
	assert.Equal(t, "retry", attempts[0]["alianza.next"])
	assert.Equal(t, "server", attempts[0]["error.type"])
	assert.Equal(t, "1", attempts[1]["http.request.resend_count"])
	assert.Equal(t, "done", attempts[1]["alianza.next"])

	for _, s := range byName["POST /v2/partition/{partitionId}/account"] {
		assert.Equal(t, codes.Error, s.Status().Code)
		assert.Equal(t, "outcome_unknown", attrs(s.Attributes())["error.type"])
	}

	rm := rec.metrics(t)
	assert.Equal(t, int64(3), sum(rm, "alianza.client.attempts"))
	assert.Equal(t, int64(1), sum(rm, "alianza.client.retries"))
	assert.Equal(t, int64(1), sum(rm, "alianza.client.logins"))
	assert.Equal(t, int64(1), sum(rm, "alianza.client.outcome_unknown"))

	// Nothing secret or identifying in any span or metric.
	var dump strings.Builder
	for _, s := range spans {
		fmt.Fprintf(&dump, "%s %v %v %v\n", s.Name(), s.Attributes(), s.Status(), s.Events())
	}
	fmt.Fprintf(&dump, "%+v\n", rm)
	for _, leak := range []string{token, password, username, accountID, tn, "P1/"} {
		assert.NotContains(t, dump.String(), leak)
	}
}

// A call the sampler drops gets no attempt spans, still counts in the
// metrics, and never ends or changes the caller's own span.
func TestUnsampledCallLeavesCallerSpanAlone(t *testing.T) {
	spans := tracetest.NewSpanRecorder()
	reader := sdkmetric.NewManualReader()
	// The caller's tracer records everything; the hook's samples nothing.
	callerTP := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(spans))
	hookTP := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(spans),
		sdktrace.WithSampler(sdktrace.NeverSample()))
	h, err := alianzaotel.NewHook(alianzaotel.WithTracerProvider(hookTP),
		alianzaotel.WithMeterProvider(sdkmetric.NewMeterProvider(sdkmetric.WithReader(reader))))
	require.NoError(t, err)
	c, mt := newClient(t, h)
	mt.RegisterResponder(http.MethodGet, baseURL+"/v2/partition/P1/account/"+accountID,
		httpmock.NewStringResponder(200, `{"id":"`+accountID+`"}`))

	ctx, parent := callerTP.Tracer("caller").Start(context.Background(), "billing run")
	_, err = c.Accounts.Get(ctx, accountID)
	require.NoError(t, err)
	require.True(t, parent.IsRecording(), "the hook ended the caller's span")
	parent.SetAttributes(attribute.String("after", "call"))
	parent.End()

	ended := spans.Ended()
	require.Len(t, ended, 1, "only the caller's span: no call, attempt or login span was sampled")
	assert.Equal(t, "billing run", ended[0].Name())
	assert.Equal(t, map[string]string{"after": "call"}, attrs(ended[0].Attributes()),
		"the hook set nothing on the caller's span")
	var rm metricdata.ResourceMetrics
	require.NoError(t, reader.Collect(context.Background(), &rm))
	assert.Equal(t, int64(1), sum(rm, "alianza.client.attempts"), "metrics do not depend on sampling")
}
