// Package alianzatest is an in-process fake of the Alianza provisioning
// platform, for tests that must run without credentials (as stripe-mock does
// for Stripe).
//
//	srv := alianzatest.NewServer(t)
//	client, err := srv.NewClient()
//
// The fake keeps state as JSON objects, serves every MUST/SHOULD operation
// of the SDK's scope with the platform's documented behaviour (login and
// 8-hour idle tokens, 30-minute reservations, accounts that cannot be
// deleted while they hold numbers, ...), and checks every request it
// receives and every response it sends against the official OpenAPI spec.
// A violation fails the test that caused it and is kept in Violations. A
// request the spec forbids (a wrong type, an unknown enum value, a missing
// required field) is also answered 400 with a PublicApiException and
// changes nothing, as on the platform; a key the spec does not know is
// only reported, as the platform ignores it.
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
//     PortStepDuration. SetNotPortable and SetWireless shape port
//     prevalidation's answers.
//
// Every request is logged with the fault it got (Requests, Calls).
//
// The Server listens on loopback; Transport serves the same requests in
// process without a socket (a dropped connection is then a round-trip
// error matching io.EOF).
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
