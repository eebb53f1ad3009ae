package alianzaotel

import (
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-alianza/alianza"
)

// Span names are kept up to maxNames; past it they are still right, built
// per span.
func TestSpanNamesBounded(t *testing.T) {
	h, err := NewHook()
	require.NoError(t, err)
	for i := range maxNames + 50 {
		c := alianza.CallInfo{Method: "GET", PathTemplate: fmt.Sprintf("/v2/made-up/%d/{id}", i)}
		assert.Equal(t, "GET "+c.PathTemplate, h.spanName(c))
		assert.Equal(t, "GET "+c.PathTemplate, h.spanName(c), "second lookup")
	}
	assert.Len(t, *h.names.Load(), maxNames)
}

// Goroutines asking for the same and for new names at once all get the
// right one (run with -race).
func TestSpanNamesConcurrent(t *testing.T) {
	h, err := NewHook()
	require.NoError(t, err)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				c := alianza.CallInfo{Method: "GET", PathTemplate: fmt.Sprintf("/v2/shared/%d/{id}", (i+g)%100)}
				assert.Equal(t, "GET "+c.PathTemplate, h.spanName(c))
			}
		}()
	}
	wg.Wait()
	assert.Len(t, *h.names.Load(), 100)
}
