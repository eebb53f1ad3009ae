package alianzatest

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-alianza/alianza"
)

// TestWithPortStepDuration moves a port one step per configured step on
// the fake's clock (a fixed clock moved by Advance): a second before the
// step it has not moved, at the step it has.
func TestWithPortStepDuration(t *testing.T) {
	now := time.Date(2025, 3, 14, 15, 9, 26, 0, time.UTC)
	const step = 2 * time.Second
	srv := NewServer(t, WithDemoData(), WithPortStepDuration(step), WithClock(func() time.Time { return now }))
	c, err := srv.NewClient()
	require.NoError(t, err)
	ctx := context.Background()
	acct, err := c.Accounts.GetByNumber(ctx, DemoAccountNumber)
	require.NoError(t, err)
	const tn = "18015551212"
	_, err = c.Ports.Submit(ctx, acct.ID, &alianza.SubmitPortRequest{
		Numbers:               []string{tn},
		CustomerServiceRecord: alianza.CustomerServiceRecord{FirstName: "John", LastName: "Smith"},
		Port: alianza.PortRequest{BillingTelephoneNumber: tn, CrdDate: now.AddDate(0, 0, 7),
			PortingWireType: alianza.PortingWireTypeWireline},
	})
	require.NoError(t, err)
	status := func() alianza.ActivationStatus {
		t.Helper()
		var got []alianza.ActivationStatus
		for e, err := range c.Ports.StatusSearch(ctx, &alianza.StatusSearchOptions{AccountID: acct.ID}) {
			require.NoError(t, err)
			got = append(got, e.ActivationStatusType)
		}
		require.Len(t, got, 1)
		return got[0]
	}
	assert.Equal(t, alianza.ActivationStatusPending, status())
	srv.Advance(step - time.Second)
	assert.Equal(t, alianza.ActivationStatusPending, status(), "a second before the step")
	srv.Advance(time.Second)
	assert.Equal(t, alianza.ActivationStatusInProgress, status())
	srv.Advance(step)
	assert.Equal(t, alianza.ActivationStatusFOCReceived, status())
	srv.Advance(step)
	assert.Equal(t, alianza.ActivationStatusCompleted, status())
	n, err := c.TelephoneNumbers.Get(ctx, acct.ID, tn)
	require.NoError(t, err)
	assert.Equal(t, alianza.CarrierStatusActive, n.CarrierStatus)
}

func TestWithPortStepDurationDefaultAndInvalid(t *testing.T) {
	assert.Equal(t, PortStepDuration, defaultConfig().portStep)
	for _, d := range []time.Duration{0, -time.Second} {
		srv, err := Start(WithPortStepDuration(d))
		if srv != nil {
			srv.Close()
		}
		require.Error(t, err, "step %s", d)
		assert.Contains(t, err.Error(), "port step duration")
	}
}
