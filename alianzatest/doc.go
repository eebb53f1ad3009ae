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
// A violation fails the test that caused it and is kept in Violations.
//
// Faults can be injected per operation (FailNext, Delay, DropNext,
// ExpireTokens) and every request is logged (Requests, Calls).
package alianzatest
