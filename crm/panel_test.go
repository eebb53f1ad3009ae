package crm

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const provisioningDataRoute = "/v2/partition/{partitionId}/deviceprovisioning/account/{accountId}/device/{deviceId}"

func TestPanelEnabledAccount(t *testing.T) {
	_, c := newTest(t, []alianzatest.Option{alianzatest.WithDemoData()})
	p, err := c.Panel(context.Background(), ByAccountNumber(alianzatest.DemoAccountNumber))
	require.NoError(t, err)

	assert.Equal(t, alianzatest.DemoAccountNumber, p.AccountNumber)
	assert.Equal(t, "Demo Business", p.AccountName)
	assert.Equal(t, alianza.AccountStatusActive, p.Status)
	assert.Equal(t, alianza.PlatformTypeCPE2, p.PlatformType)
	assert.Equal(t, 1, p.BillingCycleDay)
	var plans []alianza.UserProductPlan
	for _, pp := range p.ProductPlans {
		plans = append(plans, pp.ID)
	}
	assert.Equal(t, []alianza.UserProductPlan{"STANDARD", "ADVANCED", "PROFESSIONAL"}, plans)
	// The demo user and the demo trunk each start on the default plan.
	require.Len(t, p.CallingPlans, 2)
	for _, cp := range p.CallingPlans {
		assert.Equal(t, 20000, cp.PlanMinutes)
		assert.Equal(t, int64(20000*60), cp.SecondsRemaining)
		assert.False(t, cp.StartDate.IsZero())
	}
	require.Len(t, p.SIPLines, 1)
	l := p.SIPLines[0]
	assert.Equal(t, 1, l.LineNumber)
	assert.Equal(t, "demo-desk-phone-1", l.SIPUsername)
	assert.Equal(t, "demo-sip-password", l.SIPPassword.Reveal())
	assert.Equal(t, "Demo User", l.DisplayName)
	assert.Equal(t, "0004F2ABCDEF", l.MACAddress)
	assert.True(t, alianza.IsTelephoneNumber(l.EmergencyNumber), l.EmergencyNumber)
	assert.Empty(t, p.Failures)

	var buf bytes.Buffer
	require.NoError(t, p.WriteText(&buf))
	assert.Contains(t, buf.String(), "demo-desk-phone-1")
	assert.Contains(t, buf.String(), "REDACTED")
	assert.NotContains(t, buf.String(), "demo-sip-password")
}

func TestPanelOtherLinkFields(t *testing.T) {
	_, c := newTest(t, []alianzatest.Option{alianzatest.WithDemoData()})
	ctx := context.Background()
	byNumber, err := c.Panel(ctx, ByAccountNumber(alianzatest.DemoAccountNumber))
	require.NoError(t, err)
	for _, link := range []Link{
		ByMAC("00:04:f2:ab:cd:ef"),
		ByPhoneNumber(byNumber.SIPLines[0].EmergencyNumber),
		ByID(byNumber.AccountID),
	} {
		p, err := c.Panel(ctx, link)
		require.NoError(t, err, link.String())
		assert.Equal(t, alianzatest.DemoAccountNumber, p.AccountNumber, link.String())
	}

	// WithLinkField makes a bare value match another field, as the CRM's
	// Account_Number_Field setting does.
	byMAC, err := New(c.API(), WithLinkField(alianza.AccountIDTypeMACAddress))
	require.NoError(t, err)
	p, err := byMAC.Panel(ctx, Link{Value: "0004F2ABCDEF"})
	require.NoError(t, err)
	assert.Equal(t, alianzatest.DemoAccountNumber, p.AccountNumber)
}

func TestPanelNotEnabled(t *testing.T) {
	srv, c := newTest(t, []alianzatest.Option{alianzatest.WithDemoData()})
	ctx := context.Background()
	for _, link := range []Link{ByAccountNumber("NO-SUCH-1"), ByPhoneNumber("18005550100"), ByMAC("AABBCCDDEEFF")} {
		p, err := c.Panel(ctx, link)
		assert.Nil(t, p)
		require.ErrorIs(t, err, ErrNotEnabled, link.String())
		assert.ErrorIs(t, err, alianza.ErrNotFound, "the platform's answer stays reachable")
		assert.Contains(t, err.Error(), "not enabled in Alianza")
	}
	// Only the look-ups were sent: nothing else is read for a missing account.
	assert.Equal(t, 3, srv.Calls("GET /v2/partition/{partitionId}/account/{accountId}"))
	assert.Zero(t, srv.Calls(provisioningDataRoute))

	_, err := c.Panel(ctx, ByAccountNumber(""))
	assert.ErrorIs(t, err, alianza.ErrValidation)
	assert.NotErrorIs(t, err, ErrNotEnabled)
}

func TestPanelPartialFailureIsReported(t *testing.T) {
	srv, c := newTest(t, []alianzatest.Option{alianzatest.WithDemoData()})
	require.NoError(t, srv.FailNext(http.MethodGet, provisioningDataRoute, 1, http.StatusForbidden, nil))
	require.NoError(t, srv.FailNext(http.MethodGet, "/v2/partition/{partitionId}/account/{accountId}/user-product-plans", 1, http.StatusForbidden, nil))

	p, err := c.Panel(context.Background(), ByAccountNumber(alianzatest.DemoAccountNumber))
	require.ErrorIs(t, err, ErrIncomplete)
	assert.ErrorIs(t, err, alianza.ErrForbidden)
	require.NotNil(t, p, "what could be read is still returned")
	assert.Equal(t, "Demo Business", p.AccountName)
	assert.Len(t, p.CallingPlans, 2)
	assert.Empty(t, p.SIPLines)
	assert.Empty(t, p.ProductPlans)
	require.Len(t, p.Failures, 2)
	assert.Equal(t, "product plans", p.Failures[0].What)
	assert.Contains(t, p.Failures[1].What, "provisioning data of device 0004F2ABCDEF")
	var ie *IncompleteError
	require.True(t, errors.As(err, &ie))
	assert.Equal(t, p.Failures, ie.Failures)

	var buf bytes.Buffer
	require.NoError(t, p.WriteText(&buf))
	assert.Contains(t, buf.String(), "Incomplete: 2 part(s) could not be read")
}

func TestPanelConcurrencyIsBounded(t *testing.T) {
	srv := alianzatest.NewServer(t)
	counter := &inFlight{next: http.DefaultTransport}
	api, err := srv.NewClient(alianza.WithHTTPClient(&http.Client{Transport: counter}))
	require.NoError(t, err)
	c, err := New(api, WithConcurrency(2))
	require.NoError(t, err)
	// Six devices on six MACs: six provisioning-data reads.
	spec := bccSpec("BOUND-1")
	spec.Devices = nil
	for i := range 6 {
		spec.Devices = append(spec.Devices, DeviceSpec{User: "alice", Name: "desk", DeviceTypeID: "VVX400", MAC: "00:04:f2:00:01:0" + string(rune('0'+i))})
	}
	provision(t, c, spec)
	require.NoError(t, srv.Delay(http.MethodGet, provisioningDataRoute, 20e6))
	counter.max.Store(0)

	p, err := c.Panel(context.Background(), ByAccountNumber("BOUND-1"))
	require.NoError(t, err)
	assert.Len(t, p.SIPLines, 6)
	assert.Equal(t, 6, srv.Calls(provisioningDataRoute))
	assert.LessOrEqual(t, counter.max.Load(), int32(2))
	assert.Equal(t, int32(2), counter.max.Load(), "the look-ups did run concurrently")
}

func TestNewRejectsBadOptions(t *testing.T) {
	srv := alianzatest.NewServer(t)
	api, err := srv.NewClient()
	require.NoError(t, err)
	_, err = New(nil)
	assert.Error(t, err)
	_, err = New(api, WithConcurrency(0))
	assert.ErrorContains(t, err, "concurrency")
	_, err = New(api, WithStatusMapper(nil))
	assert.Error(t, err)
	_, err = New(api, WithLinkField("Nickname"))
	assert.ErrorContains(t, err, "link field")
}
