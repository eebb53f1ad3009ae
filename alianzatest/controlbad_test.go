package alianzatest

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-alianza/alianza"
)

// TestControlBadBodiesChangeNothing sends every state endpoint bad bodies:
// each is a 400 naming the field, and afterwards the fake behaves as if
// none had been sent.
func TestControlBadBodiesChangeNothing(t *testing.T) {
	srv, c, acct := controlled(t)
	ctx := context.Background()
	_, device := demoLines(t, c, acct.ID)
	a := newAPI(t, srv)
	a.login()
	tn := a.searchNear(1)[0]
	start := now(t, srv)
	logins := calls(t, srv, loginOp)

	for _, bad := range []struct {
		name  string
		body  any
		field string
	}{
		{"expire-tokens", `{"all":true}`, "all"},
		{"registered", map[string]any{"deviceId": device.ID}, "registered"},
		{"registered", map[string]any{"deviceId": device.ID, "registered": "yes"}, "registered"},
		{"registered", map[string]any{"registered": true}, "sipTrunkId, deviceId"},
		{"registered", map[string]any{"deviceId": device.ID, "sipTrunkId": "T", "registered": true}, "exactly one"},
		{"registered", `{"deviceId":7,"registered":true}`, "deviceId"},
		{"lock-out-siptrunk", `{}`, "sipTrunkId"},
		{"lock-out-siptrunk", `{"id":"T"}`, "id"},
		{"fail-next-job", map[string]any{"failures": []any{map[string]any{"line": -1, "message": "m"}}}, "failures[0].line"},
		{"fail-next-job", map[string]any{"failures": []any{map[string]any{"message": "m"}, map[string]any{"line": 2}}}, "failures[1].message"},
		{"fail-next-job", map[string]any{"failures": "boom"}, "failures"},
		{"fail-next-job", map[string]any{"failures": []any{map[string]any{"line": "three", "message": "m"}}}, `failures[0].line: "three" is not a line number: a whole number of 0 or more`},
		{"fail-next-job", map[string]any{"failures": []any{map[string]any{"line": 1.5, "message": "m"}}}, "failures[0].line: 1.5 is not a line number"},
		{"fail-next-job", map[string]any{"failures": []any{map[string]any{"column": true, "message": "m"}}}, `failures[0].column: true is not a column: a string such as "email", or a number`},
		{"fail-next-job", map[string]any{"failures": []any{map[string]any{"message": "m", "row": 1}}}, "row"},
		{"port-fault", map[string]any{"at": "DONE"}, "at"},
		{"port-fault", map[string]any{"outcome": "LOST"}, "outcome"},
		{"port-fault", map[string]any{"at": "PENDING", "when": "now"}, "when"},
		{"not-portable", `{}`, "numbers"},
		{"not-portable", map[string]any{"numbers": []string{"18015551212", "12"}}, "numbers[1]"},
		{"wireless", map[string]any{"numbers": []string{"18015551313", "abc"}}, "numbers[1]"},
		{"wireless", map[string]any{"tns": []string{"18015551313"}}, "tns"},
		{"reserve", map[string]any{"number": tn}, "accountId"},
		{"reserve", map[string]any{"number": "", "accountId": acct.ID}, "number"},
		{"reserve", map[string]any{"number": "x" + tn, "accountId": acct.ID}, "number"},
		{"advance", `{}`, "by"},
		{"advance", map[string]any{"by": "0s"}, "by"},
		{"advance", map[string]any{"by": "-1h"}, "by"},
		{"advance", map[string]any{"by": "soon"}, "by"},
		{"advance", map[string]any{"by": 3600}, "by"},
		{"advance", `{"by":"1h"} {"by":"1h"}`, "more than one"},
		{"advance", `not json`, "body"},
		{"violations/reset", `{"all":true}`, "all"},
	} {
		r := ctl(t, srv, http.MethodPost, bad.name, bad.body, http.StatusBadRequest)
		assert.Contains(t, r.obj(t)["error"], bad.field, "%s %v", bad.name, bad.body)
	}
	for _, query := range []string{"calls", "calls?operation=nope", "requests?operation=GET%20/v2/nope"} {
		r := ctl(t, srv, http.MethodGet, query, nil, http.StatusBadRequest)
		assert.Contains(t, r.obj(t)["error"], "operation", query)
	}

	// Nothing changed: the clock, the token, registration, prevalidation,
	// the reservation, the next job and the next port.
	assert.Equal(t, start, now(t, srv))
	st, err := c.DeviceLines.RegistrationStatus(ctx, acct.ID, device.ID)
	require.NoError(t, err)
	assert.False(t, st.Registered)
	assert.Equal(t, logins, calls(t, srv, loginOp), "the token was not expired")
	assert.True(t, prevalidate(t, c, "18015551212").ServiceAvailable)
	assert.False(t, prevalidate(t, c, "18015551313").WirelessPort)
	_, err = c.TelephoneNumbers.Reserve(ctx, tn)
	require.NoError(t, err, "not reserved for the account")

	job, err := c.Reports.StartAccountsCSV(ctx)
	require.NoError(t, err)
	srv.Advance(JobPendingFor + JobRunFor)
	done, err := c.Jobs.Wait(ctx, job.ID, &alianza.WaitOptions{Interval: time.Millisecond})
	require.NoError(t, err, "no job failure armed")
	assert.Equal(t, alianza.JobStatusDone, done.Status)

	status := submitPort(t, srv, c, acct.ID, "18015551212")
	srv.Advance(3 * PortStepDuration)
	assert.Equal(t, alianza.ActivationStatusCompleted, status(), "no port fault armed")
	assert.Empty(t, srv.Violations())
}
