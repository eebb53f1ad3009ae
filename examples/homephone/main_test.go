package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRunAgainstTheFake(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), &out, func(string) string { return "" }))
	s := out.String()
	for _, want := range []string{
		"ok     create account HOME-3001", "billing cycle day 31 provisioned as 28",
		"Billing Cycle Day:  28", "Product Plans:      STANDARD", "AABBCC300101", "REDACTED",
	} {
		assert.Contains(t, s, want)
	}
	assert.NotContains(t, s, "FAILED")
}
