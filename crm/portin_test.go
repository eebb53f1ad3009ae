package crm

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var portInCSR = alianza.CustomerServiceRecord{
	FirstName: "John", LastName: "Smith", CustomerType: alianza.CustomerTypeResidential,
	StreetNumber: "333", PreDirectional: "S", StreetName: "520", PostDirectional: "W",
	City: "Lindon", State: "UT", PostalCode: "84042", Country: "USA",
}

// demoTarget returns the demo account and its user.
func demoTarget(t *testing.T, c *Client) (accountID, userID string) {
	t.Helper()
	a, err := c.API().Accounts.GetByNumber(t.Context(), alianzatest.DemoAccountNumber)
	require.NoError(t, err)
	users, err := c.API().Users.List(t.Context(), a.ID, nil)
	require.NoError(t, err)
	require.NotEmpty(t, users)
	return a.ID, users[0].ID
}

// stepClock moves the fake's clock one port step after each status step
// PortIn reports, so the port moves on between polls without real waiting;
// each step's name is recorded.
func stepClock(srv *alianzatest.Server, names *[]string, also func(Step)) *PortInOptions {
	return &PortInOptions{PollInterval: time.Millisecond, MaxPollInterval: time.Millisecond, Progress: func(s Step) {
		*names = append(*names, s.Name)
		if strings.HasPrefix(s.Name, "port ") {
			srv.Advance(alianzatest.PortStepDuration)
		}
		if also != nil {
			also(s)
		}
	}}
}

// Port-in from prevalidation to routed numbers: every step is reported,
// the numbers end ACTIVE and routed to the user, and a second run changes
// nothing.
func TestPortInFromPrevalidationToRoutedNumbers(t *testing.T) {
	srv, c := newTest(t, []alianzatest.Option{alianzatest.WithDemoData()})
	acct, user := demoTarget(t, c)
	spec := &PortInSpec{
		AccountID: acct, Numbers: []string{"8015551212", "8015551213"}, CustomerServiceRecord: portInCSR,
		Port:   alianza.PortRequest{PortingWireType: alianza.PortingWireTypeWireline, PortingAuthorizedName: "John Smith"},
		UserID: user,
	}
	var names []string
	res, err := c.PortIn(t.Context(), spec, stepClock(srv, &names, nil))
	require.NoError(t, err)
	id := res.PortID
	require.NotEmpty(t, id)
	assert.Equal(t, []string{
		"prevalidate 18015551212, 18015551213",
		"submit port",
		"port " + id + " PENDING",
		"port " + id + " IN_PROGRESS",
		"port " + id + " FOC_RECEIVED",
		"port " + id + " COMPLETED",
		"route 18015551212 to user " + user,
		"route 18015551213 to user " + user,
	}, names)
	assert.Equal(t, alianza.ActivationStatusCompleted, res.Status)
	require.NotNil(t, res.Availability)
	assert.Equal(t, res.Availability.EarliestCRD, res.Steps[0].ID, "the prevalidation step names the date taken")
	assert.Equal(t, []string{"18015551212", "18015551213"}, res.Routed)
	for _, tn := range res.Routed {
		n, err := c.API().TelephoneNumbers.Get(t.Context(), acct, tn)
		require.NoError(t, err)
		assert.Equal(t, alianza.CarrierStatusActive, n.CarrierStatus)
		assert.Equal(t, alianza.TNReferenceTypeEndUser, n.ReferenceType)
		assert.Equal(t, user, n.ReferenceID)
		assert.Equal(t, id, n.PortID)
	}

	// Run again: nothing is submitted or routed a second time.
	submits := srv.Calls("POST /v2/partition/{partitionId}/account/{accountId}/telephonenumber")
	routes := srv.Calls("PUT /v2/partition/{partitionId}/account/{accountId}/telephonenumber/{tn}/destination")
	names = nil
	again, err := c.PortIn(t.Context(), spec, stepClock(srv, &names, nil))
	require.NoError(t, err)
	assert.True(t, again.Resumed)
	assert.Equal(t, id, again.PortID)
	assert.Equal(t, []string{
		"resume port " + id,
		"port " + id + " COMPLETED",
		"route 18015551212 to user " + user + " (already routed)",
		"route 18015551213 to user " + user + " (already routed)",
	}, names)
	assert.Equal(t, submits, srv.Calls("POST /v2/partition/{partitionId}/account/{accountId}/telephonenumber"))
	assert.Equal(t, routes, srv.Calls("PUT /v2/partition/{partitionId}/account/{accountId}/telephonenumber/{tn}/destination"))
}

// A port cancelled while in progress ends PortIn with a *PortFailedError;
// its numbers leave the account and nothing is routed.
func TestPortInCancelledPort(t *testing.T) {
	srv, c := newTest(t, []alianzatest.Option{alianzatest.WithDemoData()})
	acct, user := demoTarget(t, c)
	spec := &PortInSpec{
		AccountID: acct, Numbers: []string{"18015551214"}, CustomerServiceRecord: portInCSR,
		Port: alianza.PortRequest{PortingWireType: alianza.PortingWireTypeWireline}, UserID: user,
	}
	var names []string
	cancelOnce := func(s Step) {
		if strings.HasSuffix(s.Name, " IN_PROGRESS") {
			require.NoError(t, c.API().Ports.Cancel(context.Background(), acct, s.ID))
		}
	}
	res, err := c.PortIn(t.Context(), spec, stepClock(srv, &names, cancelOnce))
	require.ErrorIs(t, err, ErrPortFailed)
	var pf *PortFailedError
	require.ErrorAs(t, err, &pf)
	assert.Equal(t, alianza.ActivationStatusCancelled, pf.Status)
	assert.Equal(t, "Port cancelled", pf.Reason)
	assert.Equal(t, alianza.ActivationStatusCancelled, res.Status)
	last := res.Steps[len(res.Steps)-1]
	assert.Equal(t, "port "+res.PortID+" CANCELLED", last.Name)
	assert.False(t, last.OK())
	assert.Empty(t, res.Routed)
	_, err = c.API().TelephoneNumbers.Get(t.Context(), acct, "18015551214")
	assert.ErrorIs(t, err, alianza.ErrNotFound)
	p, err := c.API().Ports.Get(t.Context(), acct, res.PortID)
	require.NoError(t, err)
	assert.Equal(t, alianza.PortCancelTypeNormal, p.CancelType)
}

// A port the carrier rejects at its FOC step fails with the carrier's
// reason; once corrected (Patch resubmits it) the same PortIn call picks
// it up and completes it.
func TestPortInRejectedThenCorrectedAndResumed(t *testing.T) {
	srv, c := newTest(t, []alianzatest.Option{alianzatest.WithDemoData()})
	acct, _ := demoTarget(t, c)
	srv.InjectPortFault(alianzatest.PortFault{At: alianzatest.PortStepInProgress, Reason: "Address Mismatch"})
	spec := &PortInSpec{
		AccountID: acct, Numbers: []string{"18015551215"}, CustomerServiceRecord: portInCSR,
		Port: alianza.PortRequest{PortingWireType: alianza.PortingWireTypeWireline},
	}
	var names []string
	res, err := c.PortIn(t.Context(), spec, stepClock(srv, &names, nil))
	var pf *PortFailedError
	require.ErrorAs(t, err, &pf)
	assert.Equal(t, alianza.ActivationStatusRejected, pf.Status)
	assert.Equal(t, "Address Mismatch", pf.Reason)

	csr := portInCSR
	csr.PostalCode = "84043"
	_, err = c.API().Ports.Patch(t.Context(), acct, res.PortID, &alianza.PatchPortRequest{CustomerServiceRecord: &csr})
	require.NoError(t, err)
	names = nil
	again, err := c.PortIn(t.Context(), spec, stepClock(srv, &names, nil))
	require.NoError(t, err)
	assert.True(t, again.Resumed)
	assert.Equal(t, alianza.ActivationStatusCompleted, again.Status)
	assert.Equal(t, "port "+res.PortID+" COMPLETED", names[len(names)-1], "no routing asked")
}

// Numbers the carrier cannot port stop PortIn at prevalidation, and a bad
// spec is refused before any request.
func TestPortInRefusals(t *testing.T) {
	srv, c := newTest(t, []alianzatest.Option{alianzatest.WithDemoData()})
	acct, _ := demoTarget(t, c)
	srv.SetNotPortable("18015551216")
	res, err := c.PortIn(t.Context(), &PortInSpec{
		AccountID: acct, Numbers: []string{"18015551216"}, CustomerServiceRecord: portInCSR,
		Port: alianza.PortRequest{PortingWireType: alianza.PortingWireTypeWireline},
	}, nil)
	require.ErrorIs(t, err, ErrPortRefused)
	assert.Contains(t, err.Error(), "not portable")
	require.Len(t, res.Steps, 1)
	assert.False(t, res.Steps[0].OK())

	// A customer request date the carrier does not offer stops it before
	// the submission.
	res, err = c.PortIn(t.Context(), &PortInSpec{
		AccountID: acct, Numbers: []string{"18015551217"}, CustomerServiceRecord: portInCSR,
		Port: alianza.PortRequest{PortingWireType: alianza.PortingWireTypeWireline, CrdDate: srv.Now().AddDate(1, 0, 0)},
	}, nil)
	require.ErrorIs(t, err, ErrPortRefused)
	assert.Contains(t, err.Error(), "is not one the carrier offers")
	require.Len(t, res.Steps, 1)
	assert.Zero(t, srv.Calls("POST /v2/partition/{partitionId}/account/{accountId}/telephonenumber"), "nothing submitted")

	// A number already on the account that no port brought cannot be
	// ported to it.
	tns, err := c.API().TelephoneNumbers.List(t.Context(), acct, nil)
	require.NoError(t, err)
	require.NotEmpty(t, tns)
	require.Empty(t, tns[0].PortID)
	res, err = c.PortIn(t.Context(), &PortInSpec{
		AccountID: acct, Numbers: []string{tns[0].PhoneNumber}, CustomerServiceRecord: portInCSR,
		Port: alianza.PortRequest{PortingWireType: alianza.PortingWireTypeWireline},
	}, nil)
	require.ErrorIs(t, err, ErrPortRefused)
	assert.NotErrorIs(t, err, ErrPortFailed)
	assert.Contains(t, err.Error(), "is on the account but was not ported")
	require.Len(t, res.Steps, 1)
	assert.False(t, res.Steps[0].OK())

	before := len(srv.Requests())
	_, err = c.PortIn(t.Context(), &PortInSpec{Numbers: []string{"1"}, Port: alianza.PortRequest{PortingWireType: "copper"}}, nil)
	require.ErrorIs(t, err, alianza.ErrValidation)
	assert.NotErrorIs(t, err, ErrPortRefused, "a bad spec is the caller's mistake, not a refusal")
	for _, f := range []string{"accountId", "numbers[0]", "port.portingWireType"} {
		assert.Contains(t, err.Error(), f)
	}
	assert.Len(t, srv.Requests(), before, "nothing sent")
}

// SubmitOnly stops after the submission and one status read; a later run
// without it resumes the port and routes the numbers.
func TestPortInSubmitOnly(t *testing.T) {
	srv, c := newTest(t, []alianzatest.Option{alianzatest.WithDemoData()})
	acct, user := demoTarget(t, c)
	spec := &PortInSpec{
		AccountID: acct, Numbers: []string{"8015551214"}, CustomerServiceRecord: portInCSR,
		Port: alianza.PortRequest{PortingWireType: alianza.PortingWireTypeWireline}, UserID: user,
	}
	var names []string
	res, err := c.PortIn(t.Context(), spec, &PortInOptions{SubmitOnly: true, Progress: func(s Step) { names = append(names, s.Name) }})
	require.NoError(t, err)
	require.NotEmpty(t, res.PortID)
	assert.Equal(t, []string{"prevalidate 18015551214", "submit port", "port " + res.PortID + " PENDING"}, names)
	assert.Equal(t, alianza.ActivationStatusPending, res.Status)
	assert.Empty(t, res.Routed)

	names = nil
	res2, err := c.PortIn(t.Context(), spec, stepClock(srv, &names, nil))
	require.NoError(t, err)
	assert.True(t, res2.Resumed)
	assert.Equal(t, res.PortID, res2.PortID)
	assert.Equal(t, alianza.ActivationStatusCompleted, res2.Status)
	assert.Equal(t, []string{"18015551214"}, res2.Routed)
}
