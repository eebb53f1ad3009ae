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
		"ok     create sip trunk PBX-1", "set forwarding", "to sip trunk PBX-1", "widgets-widgets-2001",
		"On failure:        VOICEMAIL", "Over capacity:     BUSY", "Registration:      not registered",
	} {
		assert.Contains(t, s, want)
	}
	assert.NotContains(t, s, "pbx-trunk-password")
}
