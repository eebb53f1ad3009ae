package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRunAgainstTheFake(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), &out, func(string) string { return "" }))
	first, second, ok := strings.Cut(out.String(), "Run 2:")
	require.True(t, ok)
	assert.Contains(t, first, "created   account     ACME-2001")
	assert.Contains(t, first, "created   device-line Front desk line 1")
	assert.Contains(t, first, "5 item(s): 4 created, 1 updated, 0 unchanged, 0 failed")
	assert.Contains(t, second, "5 item(s): 0 created, 0 updated, 5 unchanged, 0 failed")
	assert.NotContains(t, out.String(), "front-desk-sip-pw")
}
