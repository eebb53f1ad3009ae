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
	require.NoError(t, run(context.Background(), &out, func(string) string { return "" }, ""))
	s := out.String()
	assert.Contains(t, s, "Creating TEMP-4001 with 12 numbers")
	assert.Contains(t, s, "[##############################] 13/13 delete account TEMP-4001")
	assert.Contains(t, s, "Deleted 12 number(s) and account TEMP-4001")
	assert.Equal(t, 12, strings.Count(s, "delete number 1801"), "every number, before the account")
	assert.NotContains(t, s, "FAILED")
}

func TestRunUnknownAccount(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), &out, func(string) string { return "" }, "NOPE-1"))
	assert.Contains(t, out.String(), "NOPE-1 is not in Alianza: nothing to do")
}

func TestConnectNeedsAllCredentials(t *testing.T) {
	env := map[string]string{"ALIANZA_BASE_URL": "https://api.b2.alianza.com"}
	err := run(context.Background(), &bytes.Buffer{}, func(k string) string { return env[k] }, "")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "set all of ALIANZA_BASE_URL, ALIANZA_USERNAME and ALIANZA_PASSWORD")
}
