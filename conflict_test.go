package alianza_test

import (
	"context"
	"testing"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Creating an account whose number is taken: the fake answers as Alianza
// does, a 400 saying "already exists", and the error matches ErrConflict.
func TestDuplicateCreateIsConflict(t *testing.T) {
	srv := alianzatest.NewServer(t)
	client, err := srv.NewClient()
	require.NoError(t, err)
	req := &alianza.CreateAccountRequest{
		AccountNumber:       "DUP-1001",
		AccountName:         "Duplicate",
		BillingCycleDay:     1,
		AccountType:         alianza.AccountTypeAdvanced,
		TimeZone:            alianza.TimeZoneUSMountain,
		DialingBehaviorType: alianza.DialingBehaviorTypeOpenDialPlanTenDigit,
		ExtensionLength:     alianza.Ptr(4),
		PlatformType:        alianza.Ptr(alianza.PlatformTypeCPE2),
	}
	_, err = client.Accounts.Create(context.Background(), req)
	require.NoError(t, err)

	_, err = client.Accounts.Create(context.Background(), req)
	require.ErrorIs(t, err, alianza.ErrConflict)
	assert.ErrorIs(t, err, alianza.ErrBadRequest, "still the 400 it is")
	assert.NotErrorIs(t, err, alianza.ErrOutcomeUnknown)
}
