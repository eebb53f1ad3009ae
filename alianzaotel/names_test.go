package alianzaotel

import (
	"fmt"
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
