package crm

import (
	"context"
	"testing"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const patchAccount = "PATCH /v2/partition/{partitionId}/account/{accountId}"

func TestSyncStatusWritesOnlyWhenItDiffers(t *testing.T) {
	srv, c := newTest(t, []alianzatest.Option{alianzatest.WithDemoData()})
	ctx := context.Background()
	link := ByAccountNumber(alianzatest.DemoAccountNumber)

	res, err := c.SyncStatus(ctx, link, "suspended")
	require.NoError(t, err)
	assert.True(t, res.Wrote)
	assert.Equal(t, alianza.AccountStatusActive, res.Before)
	assert.Equal(t, alianza.AccountStatusDisabled, res.Want)
	assert.Equal(t, 1, srv.Calls(patchAccount))

	res, err = c.SyncStatus(ctx, link, "ex-customer")
	require.NoError(t, err)
	assert.False(t, res.Wrote, "already DISABLED")
	assert.Equal(t, alianza.AccountStatusDisabled, res.Before)
	assert.Equal(t, 1, srv.Calls(patchAccount), "no second write")

	res, err = c.SyncStatus(ctx, link, "Current")
	require.NoError(t, err)
	assert.True(t, res.Wrote)
	assert.Equal(t, 2, srv.Calls(patchAccount))
	st, err := c.API().Accounts.Status(ctx, res.AccountID)
	require.NoError(t, err)
	assert.Equal(t, alianza.AccountStatusActive, st)

	res, err = c.SyncStatus(ctx, link, "current")
	require.NoError(t, err)
	assert.False(t, res.Wrote)
	assert.Equal(t, 2, srv.Calls(patchAccount))
}

func TestSyncStatusCustomMapper(t *testing.T) {
	srv, c := newTest(t, []alianzatest.Option{alianzatest.WithDemoData()},
		WithStatusMapper(func(s string) alianza.AccountStatus {
			if s == "paid-up" {
				return alianza.AccountStatusActive
			}
			return alianza.AccountStatusDisabled
		}))
	ctx := context.Background()
	res, err := c.SyncStatus(ctx, ByAccountNumber(alianzatest.DemoAccountNumber), "current")
	require.NoError(t, err)
	assert.True(t, res.Wrote, `"current" means nothing to this CRM`)
	res, err = c.SyncStatus(ctx, ByAccountNumber(alianzatest.DemoAccountNumber), "paid-up")
	require.NoError(t, err)
	assert.True(t, res.Wrote)
	assert.Equal(t, 2, srv.Calls(patchAccount))
}

func TestSyncStatusRefusesBeforeAnyRequest(t *testing.T) {
	srv, c := newTest(t, nil, WithStatusMapper(func(string) alianza.AccountStatus { return alianza.AccountStatusSuspended }))
	_, err := c.SyncStatus(context.Background(), ByAccountNumber("ANY-1"), "current")
	require.ErrorIs(t, err, alianza.ErrValidation)
	assert.Contains(t, err.Error(), "only ACTIVE and DISABLED")
	assert.Empty(t, srv.Requests(), "not even a login")
}

func TestSyncStatusNotEnabled(t *testing.T) {
	srv, c := newTest(t, nil)
	_, err := c.SyncStatus(context.Background(), ByAccountNumber("NO-SUCH-1"), "current")
	require.ErrorIs(t, err, ErrNotEnabled)
	assert.Zero(t, srv.Calls(patchAccount))
}
