package main

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
)

func TestNumbers(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	_, user, _, _ := w.demo()
	w.golden("numbers",
		w.run("", "number", "search", "84042", "--max", "3"),
		w.run("", "number", "search", "--lat", "40.332486", "--long", "-111.728156", "--max", "2", "--json"),
		w.run("", "number", "reserve", "18017850800"),
		w.run("", "number", "add", "DEMO-1001", "18017850800", "--address", "333 S 520 W, Lindon, UT", "--postal-code", "84042", "--business-name", "Demo Business", "--cnam", "DEMO BUSINESS"),
		w.run("", "number", "route", "DEMO-1001", "18017850800", "--user", user.ID, "--caller-id"),
		w.run("", "number", "list", "DEMO-1001"),
		w.run("", "number", "reserve", "18017850801", "--json"),
		w.run("", "number", "release", "18017850801"),
		// Refused before any request: bad flags, missing address parts.
		w.run("", "number", "route", "DEMO-1001", "18017850800"),
		w.run("", "number", "add", "DEMO-1001", "18017850802", "--customer-type", "RESIDENTIAL"),
		w.run("", "number", "reserve", "801-785-0802"),
		// Refused by Alianza's address validation: an address it does not
		// know (no required fields to name), and one that needs a unit.
		w.run("", "number", "add", "DEMO-1001", "18017850803", "--address", "1 Nowhere Road", "--postal-code", "84042", "--business-name", "Demo Business"),
		w.run("", "number", "add", "DEMO-1001", "18017850803", "--address", "15 W South Temple", "--postal-code", "84101", "--business-name", "Demo Business"),
	)
	n, err := w.api.TelephoneNumbers.Get(context.Background(), w.mustAccountID(), "18017850800")
	require.NoError(t, err)
	assert.Equal(t, user.ID, n.ReferenceID)
}

func TestTrunks(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	_, _, _, trunk := w.demo()
	w.golden("trunks",
		w.run("", "trunk", "list", "DEMO-1001"),
		w.run("", "trunk", "get", "DEMO-1001", trunk.ID),
		w.run("", "trunk", "get", "DEMO-1001", trunk.ID, "--show-secrets", "--json"),
		w.run("", "trunk", "forward", "DEMO-1001", trunk.ID),
		w.run("", "trunk", "forward", "DEMO-1001", trunk.ID, "--on-failure", "18017850805", "--on-failure", "voicemail"),
		w.run("", "trunk", "forward", "DEMO-1001", trunk.ID, "--always", "18017850805", "--json"),
		w.run("", "trunk", "forward", "DEMO-1001", trunk.ID, "--clear"),
		w.run("", "trunk", "status", "DEMO-1001", trunk.ID),
		w.run("", "trunk", "get", "DEMO-1001", "NoSuchTrunk"),
		w.run("", "trunk", "delete", "DEMO-1001", trunk.ID, "--dry-run"),
		w.run("", "trunk", "delete", "DEMO-1001", trunk.ID),
		w.run("", "trunk", "delete", "DEMO-1001", trunk.ID, "--yes", "--json"),
	)
	r := w.run("", "trunk", "create", "DEMO-1001", "--name", "PBX-2", "--concurrent-calls", "4", "--json")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, `"sipPassword": "REDACTED"`)
	assert.Contains(t, r.stdout, `"trunkName": "PBX-2"`)
	ts, err := w.api.SipTrunks.List(context.Background(), w.mustAccountID())
	require.NoError(t, err)
	require.Len(t, ts, 1)
	assert.Equal(t, "PBX-2", ts[0].TrunkName)
	assert.Len(t, ts[0].SIPPassword.Reveal(), 24)
}

func TestUsersAndDevices(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	_, user, dev, _ := w.demo()
	w.golden("users",
		w.run("", "user", "list", "DEMO-1001"),
		w.run("", "user", "get", "DEMO-1001", user.ID),
		w.run("", "user", "create", "DEMO-1001", "--username", "ann.other", "--first-name", "Ann", "--last-name", "Other", "--extension", "2002"),
		w.run("", "user", "create", "DEMO-1001"),
		w.run("", "user", "get", "DEMO-1001", "NoSuchUser"),
	)
	w.golden("devices",
		w.run("", "device", "list", "DEMO-1001"),
		w.run("", "device", "get", "DEMO-1001", dev.ID),
		w.run("", "device", "get", "DEMO-1001", dev.ID, "--show-secrets"),
		w.run("", "device", "create", "DEMO-1001", "--user", user.ID, "--type", "SPA112", "--name", "Fax ATA", "--mac", "aa:bb:cc:dd:ee:ff", "--emergency-number", "18017850805", "--sip-username", "demo-ata-line-1"),
		w.run("", "device", "create", "DEMO-1001", "--user", user.ID, "--type", "SPA112", "--name", "Bad", "--mac", "not-a-mac"),
		w.run("", "device", "delete", "DEMO-1001", dev.ID, "--dry-run"),
		w.run("", "device", "delete", "DEMO-1001", dev.ID, "--yes"),
		w.run("", "device", "get", "DEMO-1001", dev.ID),
	)
	// An ADVANCED account's user needs no extension: Alianza's create
	// operation requires only timeZone, and the help says so.
	r := w.run("", "--json", "user", "create", "DEMO-1001", "--username", "jo.new")
	require.Equal(t, exitOK, r.code, r.stderr)
	var u alianza.User
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &u))
	assert.Empty(t, u.Extension)
	assert.Equal(t, alianza.UserProductPlanStandard, u.UserProductPlan)
	help := w.run("", "user", "create", "--help")
	assert.Contains(t, help.stdout, "may have\nan --extension: optional")
	assert.NotContains(t, help.stdout, "need --extension")

	r = w.run("", "user", "delete", "DEMO-1001", user.ID, "--yes", "--json")
	assert.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, `"deleted": true`)
}

func TestUsageErrors(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	w.golden("usage",
		w.run(""),
		w.run("", "bogus"),
		w.run("", "account"),
		w.run("", "account", "frobnicate"),
		w.run("", "account", "get"),
		w.run("", "account", "get", "a", "b"),
		w.run("", "account", "list", "--no-such-flag"),
		w.run("", "--by", "email", "account", "get", "x"),
	)
	assert.Zero(t, len(w.srv.Requests()), "usage errors send nothing")
}

// Platform ids may start with '-'; after "--" such an id is an argument,
// not a flag: the request reaches the platform (404 here, exit 4) instead of
// failing as a usage error (exit 2).
func TestIDStartingWithDash(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	r := w.run("", "trunk", "get", alianzatest.DemoAccountNumber, "-NoSuchTrunk")
	assert.Equal(t, exitUsage, r.code, "without --, cobra reads it as flags")
	r = w.run("", "trunk", "get", alianzatest.DemoAccountNumber, "--", "-NoSuchTrunk")
	assert.Equal(t, exitNotFound, r.code, r.stderr)
	assert.Contains(t, r.stderr, "siptrunk_2/-NoSuchTrunk")
}

func TestHelpListsExitCodes(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	r := w.run("", "--help")
	assert.Equal(t, exitOK, r.code)
	assert.Contains(t, r.stdout, exitCodesHelp)
	w.golden("help", r, w.run("", "sip-lines", "sync", "--help"))
}

func TestAuthErrors(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	noCreds := func(string) string { return "" }
	var r runResult
	{
		var out, errb stringsBuilder
		code := run(context.Background(), []string{"account", "list"}, emptyReader(), &out, &errb, noCreds)
		r = runResult{[]string{"account", "list"}, code, out.String(), errb.String()}
	}
	wrong := w.run("", "--password", "not-the-password", "login")
	assert.NotContains(t, wrong.stdout+wrong.stderr, "not-the-password")
	w.golden("auth", r, wrong)
}

func TestServerErrors(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	// More failures than the SDK's retries of a GET.
	require.NoError(t, w.srv.FailNext(http.MethodGet, "/v2/partition/{partitionId}/account", 5, http.StatusServiceUnavailable, nil))
	r := w.run("", "account", "list")
	assert.Equal(t, exitServer, r.code)
	w.golden("server_error", r)

	// A create whose answer is lost: exit 10, and the hint to look first.
	require.NoError(t, w.srv.ApplyThenDropNext(http.MethodPost, "/v2/partition/{partitionId}/account", 1))
	lost := w.run("", "account", "add", "--number", "LOST-1", "--name", "Lost Answer")
	assert.Equal(t, exitUnknown, lost.code, lost.stderr)
	assert.Contains(t, lost.stderr, "may have been applied")
	assert.Equal(t, exitOK, w.run("", "account", "get", "LOST-1").code, "the create was applied")

	// A platform that is not there at all.
	dead := w.run("", "--base-url", "http://127.0.0.1:1", "--timeout", "2s", "login")
	assert.Equal(t, exitServer, dead.code, dead.stderr)
}

// TestTelephoneNumbers: every command that takes a telephone number takes
// 10 digits as well as 11 starting with 1, and refuses anything else before
// sending it, with a message that says both.
func TestTelephoneNumbers(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	w.golden("telephone_numbers",
		w.run("", "number", "reserve", "801555121"),
		w.run("", "number", "reserve", "28015551212", "--json"),
		w.run("", "--by", "phone", "account", "get", "80155"),
		w.run("", "port", "prevalidate", "8015551212", "801555121"),
		w.run("", "port", "status", "--number", "12345"),
		w.run("", "trunk", "create", "DEMO-1001", "--name", "t2", "--primary", "555"),
		w.run("", "trunk", "forward", "DEMO-1001", "some-trunk", "--on-failure", "busy", "--on-failure", "911"),
		w.run("", "device", "create", "DEMO-1001", "--user", "u", "--type", "VVX400", "--name", "d", "--emergency-number", "80155512120"),
	)
	assert.Zero(t, len(w.srv.Requests()), "bad numbers send nothing")

	// 10 digits work where 11 do, normalised to 11.
	ctx := context.Background()
	found, err := w.api.TelephoneNumbers.Search(ctx, &alianza.SearchTelephoneNumbersOptions{Q: "84042", MaxResults: 1})
	require.NoError(t, err)
	require.NotEmpty(t, found)
	ten := strings.TrimPrefix(found[0].PhoneNumber, "1")
	require.Len(t, ten, 10)
	r := w.run("", "number", "reserve", ten, "--json")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, found[0].PhoneNumber)
	r = w.run("", "number", "release", ten, "--json")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, `"phoneNumber": "`+found[0].PhoneNumber+`"`)

	acct, _, _, _ := w.demo()
	nums, err := w.api.TelephoneNumbers.List(ctx, acct.ID, nil)
	require.NoError(t, err)
	require.NotEmpty(t, nums)
	r = w.run("", "--by", "phone", "account", "get", strings.TrimPrefix(nums[0].PhoneNumber, "1"), "--json")
	require.Equal(t, exitOK, r.code, r.stderr)
	assert.Contains(t, r.stdout, alianzatest.DemoAccountNumber)
}
