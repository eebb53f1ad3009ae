package crm

import "context"

// gate bounds the requests one workflow has in flight, across all of its
// goroutines, so nested fan-outs (panel sections, then devices) still stay
// under the client's concurrency.
type gate chan struct{}

func newGate(n int) gate { return make(gate, n) }

// call runs f once a slot is free, or gives up when ctx is done.
func (g gate) call(ctx context.Context, f func() error) error {
	select {
	case g <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-g }()
	return f()
}
