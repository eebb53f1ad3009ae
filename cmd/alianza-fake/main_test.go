package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/go-alianza/alianza/alianzatest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMain runs main itself when the test binary is started by
// TestExitCodes, to see its exit status.
func TestMain(m *testing.M) {
	if os.Getenv("ALIANZA_FAKE_RUN_MAIN") == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func TestExitCodes(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		out  string
	}{
		{[]string{"-h"}, 0, "/_fake/apply-then-drop-next"},
		{[]string{"-help"}, 0, "-addr string"},
		{[]string{"-nope"}, 2, ""},
		{[]string{"extra"}, 2, ""},
		{[]string{"-port-step", "0s"}, 2, ""},
		{[]string{"-port-step", "-1m"}, 2, ""},
		{[]string{"-port-step", "soon"}, 2, ""},
		{[]string{"-password", ""}, 2, ""},
		{[]string{"-addr", "256.0.0.1:99999"}, 1, ""},
	} {
		cmd := exec.Command(os.Args[0], tc.args...)
		cmd.Env = append(os.Environ(), "ALIANZA_FAKE_RUN_MAIN=1")
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else {
			require.NoError(t, err)
		}
		assert.Equal(t, tc.code, code, "%v: stderr %s", tc.args, stderr.String())
		assert.Contains(t, stdout.String(), tc.out, "%v", tc.args)
	}
}

func TestRunRejectsBadFlags(t *testing.T) {
	var out, errb bytes.Buffer
	ctx := context.Background()
	assert.Error(t, run(ctx, []string{"-nope"}, &out, &errb))
	assert.Contains(t, errb.String(), "Usage: alianza-fake", "a bad flag prints the help to stderr")
	assert.Error(t, run(ctx, []string{"extra"}, &out, &errb))
	assert.Error(t, run(ctx, []string{"-addr", "256.0.0.1:99999"}, &out, &errb))
	err := run(ctx, []string{"-port-step", "0s"}, &out, &errb)
	var ue usageError
	require.ErrorAs(t, err, &ue, "an out-of-range flag value is a usage error")
	assert.EqualError(t, err, `invalid value "0s" for flag -port-step: must be more than 0`)

	out.Reset()
	require.NoError(t, run(ctx, []string{"-h"}, &out, &errb))
	for _, want := range []string{"/openapi.yml", "/_fake/fail-next", "/_fake/drop-next", "/_fake/fault-rate", "/_fake/delay", "/_fake/clear", "Retry-After",
		"/_fake/expire-tokens", "/_fake/registered", "/_fake/lock-out-siptrunk", "/_fake/fail-next-job", "/_fake/port-fault",
		"/_fake/not-portable", "/_fake/wireless", "/_fake/reserve", "/_fake/advance", "/_fake/now", "/_fake/requests",
		"/_fake/calls", "/_fake/violations", "/_fake/violations/reset", "[REDACTED]"} {
		assert.Contains(t, out.String(), want)
	}
}

// fake runs the command on a free port and returns its base URL.
func fake(t *testing.T) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0"}, pw, io.Discard)
		_ = pw.Close()
	}()
	sc := bufio.NewScanner(pr)
	require.True(t, sc.Scan(), "first line")
	base, ok := strings.CutPrefix(sc.Text(), "alianza-fake serving ")
	require.True(t, ok, sc.Text())
	go func() {
		for sc.Scan() {
		}
	}()
	t.Cleanup(func() {
		cancel()
		require.NoError(t, <-done)
	})
	return base
}

type client struct {
	t     *testing.T
	base  string
	token string
}

// do sends a request on a fresh connection (net/http silently resends an
// idempotent request that a reused connection dropped).
func (c *client) do(method, path, body string, header ...string) (*http.Response, []byte, error) {
	c.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, c.base+path, rd)
	require.NoError(c.t, err)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.token != "" {
		req.Header.Set("X-AUTH-TOKEN", c.token)
	}
	hc := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	res, err := hc.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	require.NoError(c.t, err)
	return res, raw, nil
}

func (c *client) must(method, path, body string, status int) []byte {
	c.t.Helper()
	res, raw, err := c.do(method, path, body)
	require.NoError(c.t, err)
	require.Equal(c.t, status, res.StatusCode, "%s %s: %s", method, path, raw)
	return raw
}

func login(t *testing.T, base string) *client {
	c := &client{t: t, base: base}
	raw := c.must(http.MethodPost, "/v2/authorize",
		`{"username":"`+alianzatest.DefaultUsername+`","password":"`+alianzatest.DefaultPassword+`"}`, http.StatusOK)
	var m map[string]any
	require.NoError(t, json.Unmarshal(raw, &m))
	c.token = m["authToken"].(string)
	return c
}

const (
	acctPath   = "/v2/partition/" + alianzatest.DefaultPartitionID + "/account"
	newAccount = `{"billingCycleDay":1,"accountNumber":"%s","accountName":"Customer","timeZone":"US/Mountain",` +
		`"extensionLength":4,"accountType":"ADVANCED","dialingBehaviorType":"OPEN_DIAL_PLAN_TEN_DIGIT","platformType":"CPE2"}`
)

func account(number string) string { return strings.Replace(newAccount, "%s", number, 1) }

func byNumber(number string) string { return acctPath + "/" + number + "?accountIdType=AccountNumber" }

func TestServesOpenAPIDocument(t *testing.T) {
	c := &client{t: t, base: fake(t)}
	res, raw, err := c.do(http.MethodGet, "/openapi.yml", "")
	require.NoError(t, err)
	assert.Equal(t, http.StatusOK, res.StatusCode)
	assert.Equal(t, "application/yaml", res.Header.Get("Content-Type"))
	assert.Contains(t, string(raw), "openapi: 3.0")
	assert.Contains(t, string(raw), "operationId: createAccount")
}

func TestControlEndpointsOverHTTP(t *testing.T) {
	c := login(t, fake(t))

	// apply-then-drop: the account is stored, the answer never comes.
	c.must(http.MethodPost, "/_fake/apply-then-drop-next", `{"operation":"POST /v2/partition/{partitionId}/account"}`, http.StatusNoContent)
	_, _, err := c.do(http.MethodPost, acctPath, account("HTTP-1"))
	require.Error(t, err, "connection closed without an answer")
	c.must(http.MethodGet, byNumber("HTTP-1"), "", http.StatusOK)

	// drop-next: the connection is closed and nothing is stored.
	c.must(http.MethodPost, "/_fake/drop-next", `{"operation":"createAccount","n":1}`, http.StatusNoContent)
	_, _, err = c.do(http.MethodPost, acctPath, account("HTTP-2"))
	require.Error(t, err)
	c.must(http.MethodGet, byNumber("HTTP-2"), "", http.StatusNotFound)

	// fail-next with a Retry-After, twice.
	c.must(http.MethodPost, "/_fake/fail-next", `{"operation":"getAccounts","n":2,"status":429,"headers":{"Retry-After":"3"}}`, http.StatusNoContent)
	for i := 0; i < 2; i++ {
		res, raw, err := c.do(http.MethodGet, acctPath, "")
		require.NoError(t, err)
		assert.Equal(t, http.StatusTooManyRequests, res.StatusCode)
		assert.Equal(t, "3", res.Header.Get("Retry-After"))
		assert.JSONEq(t, `{"status":429,"messages":["Too Many Requests"]}`, string(raw))
	}
	c.must(http.MethodGet, acctPath, "", http.StatusOK)
	c.must(http.MethodPost, "/_fake/fail-next", `{"operation":"getAccounts","status":500,"body":"boom"}`, http.StatusNoContent)
	assert.Equal(t, "boom", string(c.must(http.MethodGet, acctPath, "", http.StatusInternalServerError)))

	// fault-rate: every matching request, then cleared.
	c.must(http.MethodPost, "/_fake/fault-rate", `{"seed":7,"fail":1,"status":502,"operations":["getAccounts"]}`, http.StatusNoContent)
	c.must(http.MethodGet, acctPath, "", http.StatusBadGateway)
	c.must(http.MethodGet, byNumber("HTTP-1"), "", http.StatusOK)
	c.must(http.MethodPost, "/_fake/clear", "", http.StatusNoContent)
	c.must(http.MethodGet, acctPath, "", http.StatusOK)

	// delay accepts a duration; a bad one is a 400.
	c.must(http.MethodPost, "/_fake/delay", `{"operation":"getAccounts","delay":"0s"}`, http.StatusNoContent)

	for _, bad := range []struct{ path, body string }{
		{"/_fake/fail-next", `{"operation":"GET /v2/nope"}`},
		{"/_fake/fail-next", `{}`},
		{"/_fake/fail-next", `{"operation":"getAccounts","status":7}`},
		{"/_fake/drop-next", `{"operation":"getAccounts","bogus":1}`},
		{"/_fake/delay", `{"operation":"getAccounts","delay":"soon"}`},
		{"/_fake/fault-rate", `{"fail":2}`},
	} {
		raw := c.must(http.MethodPost, bad.path, bad.body, http.StatusBadRequest)
		assert.Contains(t, string(raw), `"error"`, bad.body)
	}
	c.must(http.MethodPost, "/_fake/nope", "", http.StatusNotFound)
	c.must(http.MethodGet, "/_fake/clear", "", http.StatusMethodNotAllowed)
}

func TestInvalidRequestAnswered400(t *testing.T) {
	c := login(t, fake(t))
	raw := c.must(http.MethodPost, acctPath, strings.Replace(account("BAD-1"), `"ADVANCED"`, `"BANANA"`, 1), http.StatusBadRequest)
	var m struct {
		Status   int      `json:"status"`
		Messages []string `json:"messages"`
	}
	require.NoError(t, json.Unmarshal(raw, &m), "a PublicApiException: %s", raw)
	assert.Equal(t, 400, m.Status)
	require.NotEmpty(t, m.Messages)
	assert.Contains(t, m.Messages[0], "accountType")
	c.must(http.MethodGet, byNumber("BAD-1"), "", http.StatusNotFound)

	c.must(http.MethodPost, acctPath, account("GOOD-1"), http.StatusOK)
	c.must(http.MethodPatch, acctPath+"/GOOD-1?accountIdType=AccountNumber", `{"status":"BANANA"}`, http.StatusBadRequest)
	c.must(http.MethodPatch, acctPath+"/GOOD-1?accountIdType=AccountNumber", `{"billingCycleDay":"first"}`, http.StatusBadRequest)
	assert.Contains(t, string(c.must(http.MethodGet, byNumber("GOOD-1"), "", http.StatusOK)), `"ACTIVE"`)
}

func TestStateControlsOverHTTP(t *testing.T) {
	c := login(t, fake(t))
	readNow := func() time.Time {
		var m struct{ Now string }
		require.NoError(t, json.Unmarshal(c.must(http.MethodGet, "/_fake/now", "", http.StatusOK), &m))
		at, err := time.Parse(time.RFC3339Nano, m.Now)
		require.NoError(t, err)
		return at
	}
	start := readNow()

	// 8 idle hours and a minute on the fake's clock: the token expired.
	c.must(http.MethodPost, "/_fake/advance", `{"by":"8h1m"}`, http.StatusNoContent)
	assert.False(t, readNow().Before(start.Add(8*time.Hour+time.Minute)), "the clock moved on by 8h1m (the served fake's clock runs too)")
	c.must(http.MethodGet, acctPath, "", http.StatusUnauthorized)
	c = login(t, c.base)
	c.must(http.MethodGet, acctPath, "", http.StatusOK)
	c.must(http.MethodPost, "/_fake/expire-tokens", "", http.StatusNoContent)
	c.must(http.MethodGet, acctPath, "", http.StatusUnauthorized)

	raw := c.must(http.MethodGet, "/_fake/requests", "", http.StatusOK)
	assert.NotContains(t, string(raw), alianzatest.DefaultPassword)
	assert.NotContains(t, string(raw), c.token)
	var log []struct{ Method, Route string }
	require.NoError(t, json.Unmarshal(raw, &log))
	assert.Len(t, log, 5, "2 logins, 3 account lists")
	assert.JSONEq(t, `{"calls":2}`, string(c.must(http.MethodGet, "/_fake/calls?operation=POST%20/v2/authorize", "", http.StatusOK)))
	c.must(http.MethodPost, "/_fake/advance", `{"by":"-1h"}`, http.StatusBadRequest)
	c.must(http.MethodGet, "/_fake/advance", "", http.StatusMethodNotAllowed)
	c.must(http.MethodPost, "/_fake/now", "", http.StatusMethodNotAllowed)
}
