package crm

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/go-alianza/alianza"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestProvisionRollbackAfterLostAnswer: the platform applies a create and
// its answer is lost. The rollback looks the resource up and deletes it,
// and says RolledBack only when the fake holds nothing of the account.
func TestProvisionRollbackAfterLostAnswer(t *testing.T) {
	cases := []struct {
		name     string
		spec     *AccountSpec
		op       string
		lastUndo string // the undo of the lost create
		n        int    // answers lost: a PUT is retried twice
	}{
		{"account", homeSpec("LOST-A"), "createAccount", "undo: find and delete account LOST-A", 0},
		{"user", bccSpec("LOST-U"), "createEndUser", "undo: find and delete user alice", 0},
		{"reservation", homeSpec("LOST-R"), "reserve", "undo: find and delete reservation of ", 3},
		{"number", homeSpec("LOST-N"), "createOrAddTelephoneNumberToAccount", "undo: find and delete number ", 0},
		{"sip trunk", trunkSpec("LOST-T"), "createSipTrunk", "undo: find and delete sip trunk PBX-1", 0},
		{"device", bccSpec("LOST-D"), "createDevice", "undo: find and delete device line Alice desk", 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv, c := newTest(t, nil)
			look := c
			n := max(tc.n, 1)
			loseAnswers(t, srv, tc.op, n)
			ctx := context.Background()
			res, err := c.Provision(ctx, tc.spec, &ProvisionOptions{Rollback: true})
			require.Equal(t, n, lostAnswers(srv), "the create was sent and applied")
			if tc.n == 0 {
				require.ErrorIs(t, err, alianza.ErrOutcomeUnknown)
			}
			var pe *ProvisionError
			require.True(t, errors.As(err, &pe))
			assert.True(t, pe.RolledBack, "%v", pe.RollbackFailures)
			assert.True(t, res.RolledBack)
			assert.Empty(t, res.MayRemain)
			require.NotEmpty(t, res.Rollback)
			assert.Contains(t, res.Rollback[0].Name, tc.lastUndo, "the lost create is undone first")

			accounts, err := look.API().Accounts.List(ctx)
			require.NoError(t, err)
			assert.Empty(t, accounts, "nothing of the account is left")
			// Every number reserved is off the account and its reservation
			// released.
			reserved, released := map[string]bool{}, map[string]bool{}
			for _, r := range srv.Requests() {
				if r.Route != "/v2/partition/{partitionId}/telephonenumber/{tn}/reserve" {
					continue
				}
				tn := strings.Split(r.Path, "/")[5]
				switch {
				case r.Method == http.MethodPut:
					reserved[tn] = true
				case r.Method == http.MethodDelete && r.Status == http.StatusNoContent:
					released[tn] = true
				}
			}
			for tn := range reserved {
				inv, err := look.API().TelephoneNumbers.GetInventory(ctx, tn)
				require.NoError(t, err)
				assert.Empty(t, inv.AccountID, tn)
				if tc.op == "reserve" {
					assert.True(t, released[tn], "%s released", tn)
				}
			}
		})
	}
}

// TestProvisionRollbackCannotVerify: the answer of the account create is
// lost and so is the look-up: the account is on the fake, and the result
// says it may remain instead of claiming a rollback.
func TestProvisionRollbackCannotVerify(t *testing.T) {
	srv, c := newTest(t, nil)
	look := c
	loseAnswers(t, srv, "createAccount", 1)
	require.NoError(t, srv.FailNext(http.MethodGet, "/v2/partition/{partitionId}/account/{accountId}", 1, http.StatusForbidden, nil))
	ctx := context.Background()
	res, err := c.Provision(ctx, homeSpec("LOST-V"), &ProvisionOptions{Rollback: true})
	require.ErrorIs(t, err, alianza.ErrOutcomeUnknown)
	var pe *ProvisionError
	require.True(t, errors.As(err, &pe))
	assert.False(t, pe.RolledBack)
	assert.False(t, res.RolledBack)
	assert.Equal(t, []string{"account LOST-V"}, res.MayRemain)
	assert.Equal(t, res.MayRemain, pe.MayRemain)
	assert.Contains(t, err.Error(), "may remain: account LOST-V")
	require.Len(t, pe.RollbackFailures, 1)
	assert.ErrorIs(t, pe.RollbackFailures[0], alianza.ErrOutcomeUnknown)
	assert.ErrorIs(t, pe.RollbackFailures[0], alianza.ErrForbidden)

	a, err := look.API().Accounts.GetByNumber(ctx, "LOST-V")
	require.NoError(t, err, "the account is there, as the result says it may be")
	assert.Equal(t, "Carol Jones", a.AccountName)
}

// TestProvisionLostAnswerWithoutRollback names what may exist.
func TestProvisionLostAnswerWithoutRollback(t *testing.T) {
	srv, c := newTest(t, nil)
	loseAnswers(t, srv, "createEndUser", 1)
	res, err := c.Provision(context.Background(), bccSpec("LOST-W"), nil)
	require.ErrorIs(t, err, alianza.ErrOutcomeUnknown)
	assert.Equal(t, []string{"user alice"}, res.MayRemain)
	assert.NotNil(t, res.Account, "the account is known to exist")
	assert.False(t, res.RolledBack)
}

// TestProvisionRollbackLeavesAPreexistingAccount: an account with the
// spec's number but other details was there before; a create whose answer
// is lost must not make the rollback delete it.
func TestProvisionRollbackLeavesAPreexistingAccount(t *testing.T) {
	srv, c := newTest(t, nil)
	look := c
	ctx := context.Background()
	other := homeSpec("LOST-P")
	other.AccountName = "Somebody Else"
	v, err := other.validate()
	require.NoError(t, err)
	_, err = look.API().Accounts.Create(ctx, v.accountRequest())
	require.NoError(t, err)
	loseAnswers(t, srv, "createAccount", 1)

	res, err := c.Provision(ctx, homeSpec("LOST-P"), &ProvisionOptions{Rollback: true})
	require.ErrorIs(t, err, alianza.ErrOutcomeUnknown)
	assert.False(t, res.RolledBack)
	assert.Equal(t, []string{"account LOST-P"}, res.MayRemain)
	a, err := look.API().Accounts.GetByNumber(ctx, "LOST-P")
	require.NoError(t, err)
	assert.Equal(t, "Somebody Else", a.AccountName, "left alone")
}
