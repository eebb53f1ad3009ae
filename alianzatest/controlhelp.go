package alianzatest

// ControlEndpointsHelp documents the HTTP control endpoints, for a
// command's help text.
const ControlEndpointsHelp = `GET  /openapi.yml
    Alianza's OpenAPI document as embedded. The fake validates against it
    after fixing its defects in memory (servers, read-only and
    conditionally required fields, formats, patterns, schema cycles).

Faults:
POST /_fake/fail-next  {"operation", "n", "status", "headers", "body"}
    Answer the next n calls (1 or more, default 1; 0 or less is refused
    with 400: /_fake/clear removes a pending fault) status (400 to 599,
    default 503) with headers such as {"Retry-After": "2"} and body
    (default a PublicApiException; a JSON string is sent as text/plain),
    without carrying them out. A later fail-next on the same operation
    replaces the pending one (its n, status, headers and body); it does
    not queue after it.
POST /_fake/drop-next  {"operation", "n"}
    Close the next n connections (n as for fail-next) unanswered, without
    carrying the requests out. A later call on the same operation replaces
    the pending n.
POST /_fake/apply-then-drop-next  {"operation", "n"}
    Carry the next n requests out (n as for fail-next; a create is
    stored), then close their connections unanswered: the client cannot
    know the outcome. A later call on the same operation replaces the
    pending n.
POST /_fake/delay  {"operation", "delay": "1.5s"}
    Delay every later call; "0s" removes the delay.
POST /_fake/fault-rate  {"seed", "fail", "drop", "applyDrop", "status", "headers", "body", "operations"}
    Fail, drop, or carry out then drop these shares (0 to 1) of the
    matching requests, drawn from the seed so that a run can be repeated;
    status is 400 to 599 (default 503); {} removes it.
POST /_fake/clear
    Remove every fault.

State:
POST /_fake/expire-tokens
    Expire every token issued: the next call with one gets 401 "Expired
    Auth Token", as after 8 idle hours; a client logs in again.
POST /_fake/registered  {"sipTrunkId" | "deviceId" | "businessLineId", "registered": true}
    Set what the registration status operations report for one SIP trunk,
    device line (deviceId) or business line. 404 for an unknown id.
POST /_fake/lock-out-siptrunk  {"sipTrunkId"}
    Lock the SIP trunk out (too many failed registrations), as
    unlockSipTrunk then clears. 404 for an unknown id.
POST /_fake/fail-next-job  {"failures": [{"line", "column", "input", "message"}]}
    The next job started (a CSV report, say) ends FAILED with these errors
    (each needs a message), or with one generic error for an empty list.
    line is a whole number of 0 or more (3 or "3"); column a string
    ("email") or a number (2, kept as "2"); input and message strings.
POST /_fake/port-fault  {"at", "outcome", "reason"}
    The next port submitted ends when it would leave step "at" (PENDING,
    the default, IN_PROGRESS or FOC_RECEIVED) with "outcome" (REJECTED, the
    default, or CARRIER_CANCELLED), "reason" in its log. Faults are used in
    the order given, one per port.
POST /_fake/not-portable  {"numbers": ["8015550100", ...]}
    Port prevalidation answers serviceAvailable false for these numbers,
    and a port submitting them is answered 400.
POST /_fake/wireless  {"numbers": [...]}
    Port prevalidation reports these numbers wireless: their port needs
    the wireless account number and PIN.
POST /_fake/reserve  {"number", "accountId"}
    Reserve an inventory number for an account, as another integration
    working on it would; it lasts like any reservation. 404 for a number
    not in inventory or an unknown account.

Clock:
POST /_fake/advance  {"by": "1h30m"}
    Move the fake's clock forward (more than 0): tokens and reservations
    expire, jobs and ports move on with it.
GET  /_fake/now
    {"now": "2006-01-02T15:04:05.999999999Z"}: the fake's time, RFC 3339.

Request log and spec violations:
GET  /_fake/requests[?operation=...]
    Every request received, oldest first (of one operation if given), as
    [{"method", "path", "route", "query", "status", "body", "response",
    "fault"}]: route is the spec's path template ("" when not in the spec),
    status 0 when the connection was dropped, fault "", "fail", "drop" or
    "apply-drop"; response is the body sent (for a "fail", the injected
    one), for "apply-drop" the one the fake would have sent. Headers are not logged. Secrets are "[REDACTED]": in a
    JSON body the value (string, number, array or object; a boolean and
    null are kept) of every field named like password, sipPassword,
    authToken, apiSecret, pin or wirelessPin (the body is re-encoded, its
    keys sorted); in a query, and in a body that is not JSON, the values of
    such keys as a URL-encoded form. A body that looks like JSON (starts
    with { or [) but does not parse is replaced by "[REDACTED: n bytes that
    look like JSON but do not parse]". Then every secret the fake knows
    (its API password, the tokens it issued, the SIP passwords it stores,
    the values of secret fields seen in the log) of 6 characters or more
    is "[REDACTED]" wherever it appears in a path, query or body.
GET  /_fake/calls?operation=...
    {"calls": n}: how many calls of the operation were received, faulted
    and dropped ones included.
GET  /_fake/violations
    Every spec violation seen, oldest first, as [{"method", "path",
    "route", "side", "message"}]; side is "request" (the client sent what
    the spec does not allow) or "response" (a bug in the fake).
POST /_fake/violations/reset
    Forget the violations seen so far.

"operation" is "METHOD /spec/path/template", an operationId such as
"createAccount", or a bare template (every method on it); "operations" is a
list of them, empty for every operation. Ids are the API's ids (a SIP
trunk's, an account's), not account numbers. A POST body is JSON; an
unknown field is refused. Answers: 204 when done, 200 with JSON for a GET,
400 {"error": "..."} for a bad request (naming the field), 404 for an
unknown id or /_fake/ endpoint, 405 for another method.`
