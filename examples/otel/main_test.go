package main

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRunAgainstTheFake(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), &out, func(string) string { return "" }))
	s := out.String()
	assert.Contains(t, s, "Account DEMO-1001")
	// A call span and its two attempts, and the login.
	assert.Equal(t, 3, strings.Count(s, `"Name": "GET /v2/partition/{partitionId}/account/{accountId}"`))
	assert.Equal(t, 1, strings.Count(s, `"Name": "POST /v2/authorize"`))
	assert.Contains(t, s, `"Value": "retrieveAccount"`)
	assert.Contains(t, s, `"Key": "http.request.resend_count"`)
	assert.NotContains(t, s, "DEMO-1001\"", "no account number in any span attribute")

	// The login and both attempts carry a traceparent naming a span the
	// exporter printed.
	sent := regexp.MustCompile(`(POST|GET) sent with traceparent 00-[0-9a-f]{32}-([0-9a-f]{16})-01`).FindAllStringSubmatch(s, -1)
	require.Len(t, sent, 3, s)
	for _, m := range sent {
		assert.Contains(t, s, `"SpanID": "`+m[2]+`"`, "%s names a recorded span", m[0])
	}
}
