package crm

import (
	"context"
	"errors"
	"net/http"
	"regexp"
	"sync"
	"testing"

	"github.com/go-alianza/alianza"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestProvisionCollisionsMatchErrConflict: a create that collides with
// what the platform holds is recognisable through ProvisionError.
func TestProvisionCollisionsMatchErrConflict(t *testing.T) {
	cases := []struct {
		name string
		spec func() *AccountSpec
		step string
	}{
		{"account number", func() *AccountSpec { return bccSpec("TAKEN-1") }, "create account TAKEN-1"},
		{"username", func() *AccountSpec {
			s := bccSpec("TAKEN-2")
			s.Users[1].Username = "alice.TAKEN-1"
			return s
		}, "create user bob"},
		{"device MAC address", func() *AccountSpec { return bccSpec("TAKEN-3") }, "create device line Alice desk line 1"},
		{"device SIP username", func() *AccountSpec {
			s := bccSpec("TAKEN-5")
			s.Devices[0].MAC, s.Devices[1].MAC = "00:04:f2:00:05:01", "00:04:f2:00:05:02"
			s.Devices[1].SIPUsername = "sip-alice-TAKEN-1"
			return s
		}, "create device line Bob desk line 1"},
		{"trunk SIP username", func() *AccountSpec {
			s := trunkSpec("TAKEN-4")
			s.Trunk.SIPUsername = "widgets-TAKEN-0"
			return s
		}, "create sip trunk PBX-1"},
	}
	_, c := newTest(t, nil)
	provision(t, c, bccSpec("TAKEN-1"))
	provision(t, c, trunkSpec("TAKEN-0"))
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.Provision(context.Background(), tc.spec(), &ProvisionOptions{Rollback: true})
			require.ErrorIs(t, err, alianza.ErrConflict)
			assert.ErrorIs(t, err, alianza.ErrBadRequest, "still the platform's 400")
			var pe *ProvisionError
			require.True(t, errors.As(err, &pe))
			assert.Equal(t, tc.step, pe.Step)
			assert.True(t, pe.RolledBack)
			var ae *alianza.APIError
			require.True(t, errors.As(err, &ae), "the platform's error is reachable")
			assert.Equal(t, http.StatusBadRequest, ae.StatusCode)
		})
	}
}

// beforeWrite runs hook before the first request matching method and path
// reaches the fake.
type beforeWrite struct {
	next   http.RoundTripper
	method string
	path   *regexp.Regexp
	once   sync.Once
	hook   func(r *http.Request)
}

func (b *beforeWrite) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Method == b.method && b.path.MatchString(r.URL.Path) {
		b.once.Do(func() { b.hook(r) })
	}
	return b.next.RoundTrip(r)
}

// trunkRace returns a client whose first trunk create finds a trunk of
// the same name made on the account just before, by another client.
func trunkRace(t *testing.T) (*Client, *Client) {
	t.Helper()
	srv, other := newTest(t, nil)
	accountID := regexp.MustCompile(`/account/([^/]+)/siptrunk_2$`)
	race := &beforeWrite{next: srv.Transport(), method: http.MethodPost, path: accountID, hook: func(r *http.Request) {
		id := accountID.FindStringSubmatch(r.URL.Path)[1]
		_, err := other.API().SipTrunks.Create(r.Context(), id, &alianza.CreateSipTrunkRequest{
			TrunkName: "PBX-1", SIPUsername: "someone-else-1", SIPPassword: "other-secret", ConcurrentCalls: 2,
		})
		require.NoError(t, err)
	}}
	api, err := srv.NewClient(alianza.WithHTTPClient(&http.Client{Transport: race}))
	require.NoError(t, err)
	c, err := New(api)
	require.NoError(t, err)
	return c, other
}

func TestProvisionTrunkNameCollision(t *testing.T) {
	c, _ := trunkRace(t)
	_, err := c.Provision(context.Background(), trunkSpec("RACE-1"), nil)
	require.ErrorIs(t, err, alianza.ErrConflict)
	assert.ErrorContains(t, err, "trunkName PBX-1")
}

// TestEnsureAdoptsWhatCollides: Ensure's trunk create collides with a
// trunk of the same name made meanwhile; Ensure adopts it instead of
// failing, and reports it unchanged.
func TestEnsureAdoptsWhatCollides(t *testing.T) {
	c, other := trunkRace(t)
	spec := trunkSpec("RACE-2")
	res, err := c.Ensure(context.Background(), spec, nil)
	require.NoError(t, err)
	var trunkItem EnsureItem
	for _, it := range res.Items {
		if it.Kind == ItemKindTrunk {
			trunkItem = it
		}
	}
	assert.Equal(t, OutcomeUnchanged, trunkItem.Outcome)
	assert.Equal(t, "someone-else-1", res.Trunk.SIPUsername)
	assertComplete(t, other, spec)
}

func TestEnsureCollisionWithAnotherAccount(t *testing.T) {
	_, c := newTest(t, nil)
	ctx := context.Background()
	_, err := c.Ensure(ctx, bccSpec("MINE-1"), nil)
	require.NoError(t, err)
	spec := bccSpec("MINE-2")
	spec.Users[0].Username = "alice.MINE-1"
	res, err := c.Ensure(ctx, spec, nil)
	require.ErrorIs(t, err, alianza.ErrConflict)
	assert.ErrorContains(t, err, "user alice")
	last := res.Items[len(res.Items)-1]
	assert.Equal(t, OutcomeFailed, last.Outcome)
	assert.ErrorIs(t, last.Err, alianza.ErrConflict)
}
