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
		"in-process fake", "ok     create account ACME-1001", "route", "as caller ID",
		"billing cycle day 30 provisioned as 28", "Account Number:     ACME-1001", "acme-front-ACME-1001", "REDACTED",
	} {
		assert.Contains(t, s, want)
	}
	assert.NotContains(t, s, "front-desk-sip-pw")
	assert.NotContains(t, s, "FAILED")
}
