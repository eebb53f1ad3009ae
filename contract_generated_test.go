package alianza_test

import (
	"context"
	"testing"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestContractGeneratedMethods calls every generated method against the
// fake, with the placeholder arguments of calls_gen_test.go: each request
// must reach the fake's route for the method's directive, and the fake must
// serve it (no 501). The placeholders name no real resource and send empty
// bodies, so the fake may refuse them (400, 404): what it records as spec
// violations is collected, not failed on; TestContract holds the flows to
// 0 violations with real values.
func TestContractGeneratedMethods(t *testing.T) {
	tb := &recordingTB{TB: t}
	srv := alianzatest.NewServer(tb)
	client, err := srv.NewClient(alianza.WithoutRetries())
	require.NoError(t, err)

	funcs, ops, calls := alianza.GeneratedCalls()
	require.NotEmpty(t, calls)
	for i, call := range calls {
		_ = call(context.Background(), client) // refusals are expected: see above
		assert.Equal(t, 1, srv.Calls(ops[i]), "%s: requests the fake received for %s", funcs[i], ops[i])
	}
	statuses := map[int]int{}
	for _, r := range srv.Requests() {
		if r.Route == "" {
			continue // the login
		}
		statuses[r.Status]++
		assert.NotEqual(t, 501, r.Status, "%s %s is not served by the fake", r.Method, r.Path)
	}
	t.Logf("%d generated methods called against the fake; answers by status: %v; %d violations recorded", len(calls), statuses, len(tb.recorded()))
}
