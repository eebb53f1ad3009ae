// Package alianzatest is an in-process fake of the Alianza provisioning
// platform, for tests that must run without credentials (as stripe-mock does
// for Stripe).
//
//	srv := alianzatest.NewServer(t)
//	client, err := srv.NewClient()
//
// The fake answers every live (not deprecated) operation of Alianza's
// OpenAPI spec, and checks every request it receives and every response it
// sends against that spec. A violation fails the test that caused it and
// is kept in Violations. A request the spec forbids (a wrong type, an
// unknown enum value, a missing required field) is answered 400 with a
// PublicApiException and changes nothing, as on the platform; a key the
// spec does not know is only reported, as the platform ignores it. A path
// the spec does not have is 404; a deprecated operation is 501.
//
// # Stateful operations
//
// These keep state as JSON objects, with the platform's documented
// behaviour (login and 8-hour idle tokens, 30-minute reservations,
// accounts that cannot be deleted while they hold numbers, ...): login and
// logout; accounts and their status; end users; SIP trunks with their
// forwarding, registration and lockout; telephone number search,
// reservation, assignment and routing, and the partition's inventory;
// device lines and device types; business lines with their call handling,
// SIP credentials and port assignments; calling plan products and the
// plans of an account; address validation. Voicemail boxes, business line
// voicemail boxes and business line hunt groups are kept per account with
// create, list, get, update (PUT or PATCH) and delete.
//
// Call detail records (cdrSearch) are computed, not stored: each account
// holding numbers has WithCallRecords' number of calls a day (the demo
// account DemoCallsPerDay), drawn from a seed and the account number, so a
// search of any size costs one page of memory and is the same on every
// server. firstResultIndex is an offset and maxResult a page size.
//
// # Answers from the spec
//
// Every other live operation (call groups, paging, IVR, SSO, reports,
// media, reference data, ...) is answered from the spec: with the status
// of its success answer, and a body that is the spec's example when it
// has one, else one made from the response schema: strings that fit their
// format, pattern, enum and length, numbers in range, arrays of one or two
// items, and properties named after a path parameter (accountId,
// voicemailBoxId, and id for the last one) holding the path's value. The
// same request (method, path, query and body) gets the same answer. A
// CSV, octet-stream, audio, XML or text answer is a small body of that
// type (a silent WAV, one MPEG frame, a header and one CSV row); an answer
// the spec gives no content has no body. Such an operation changes no
// state, and goes through the same authentication, token expiry, faults,
// request log and spec checks as the stateful ones; its answers are
// checked against the spec like any other.
//
// # Faults
//
// Faults are injected per operation, named by method and spec path
// template (RouteOf finds them by operationId):
//
//   - FailNext and FailNextWithHeader answer the next n calls with a status,
//     headers (such as Retry-After) and body, without carrying them out.
//   - DropNext closes the next n connections unanswered, before carrying
//     the requests out.
//   - ApplyThenDropNext carries the next n requests out (a create is
//     stored), then closes the connection unanswered, to test a client's
//     handling of an unknown outcome.
//   - Delay holds every later call of an operation.
//   - SetFaultRate fails or drops a share of the requests of all or some
//     operations, drawn from a seed so that a soak test can be repeated.
//   - ExpireTokens ends the sessions issued so far.
//   - FailNextJob makes the next asynchronous job (a CSV report) end
//     FAILED with the given errors; jobs move PENDING, IN_PROGRESS, DONE
//     on the fake's clock (JobPendingFor, JobRunFor).
//   - InjectPortFault makes the next port submitted end REJECTED or
//     CARRIER_CANCELLED at a step; ports move one step per
//     PortStepDuration, or per WithPortStepDuration's step. SetNotPortable and SetWireless shape port
//     prevalidation's answers.
//
// Every request is logged with the fault it got (Requests, Calls).
//
// The Server listens on loopback; Transport serves the same requests in
// process without a socket (a dropped connection is then a round-trip
// error matching io.EOF).
//
// # Driving every operation
//
// A Driver makes, for any live operation of the spec (LiveOperations), an
// ExampleCall the fake answers with a success and no violation: ids of the
// demo data or of resources it creates first, the required query
// parameters, and a body made from the spec's request schema. A test that
// must reach every operation (through Client.Do or typed methods) takes its
// values from it; operations the fake answers from its state (Stateful)
// get a server of their own:
//
//	for _, op := range alianzatest.LiveOperations() {
//		srv := alianzatest.NewServer(t, alianzatest.WithDemoData())
//		client, err := srv.NewClient()
//		require.NoError(t, err)
//		call := alianzatest.NewDriver(t, srv).Call(op)
//		_, err = client.Do(ctx, call.Operation(), io.Discard)
//		require.NoError(t, err, op)
//	}
//
// # Over HTTP
//
// With WithControlEndpoints (the alianza-fake command sets it) the server
// also serves its OpenAPI document at /openapi.yml and the faults above as
// HTTP endpoints under /_fake/, for tests in another process:
//
//	curl -X POST localhost:8080/_fake/fail-next -d '{"operation":"createAccount","status":503,"headers":{"Retry-After":"2"}}'
//	curl -X POST localhost:8080/_fake/apply-then-drop-next -d '{"operation":"POST /v2/partition/{partitionId}/account"}'
//	curl -X POST localhost:8080/_fake/fault-rate -d '{"seed":42,"fail":0.1,"drop":0.05}'
//	curl -X POST localhost:8080/_fake/clear
//
// ControlEndpointsHelp lists them all.
package alianzatest
