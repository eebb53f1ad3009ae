// Package alianza is a typed client for the Alianza cloud-voice platform's
// provisioning API (https://api.alianza.com/v2): accounts, end users, SIP
// trunks, telephone numbers, device lines, business lines and calling plans.
//
// # Getting started
//
// A Client logs in with an API (management) user's credentials on its first
// call and keeps the X-AUTH-TOKEN for you:
//
//	client, err := alianza.NewClient(
//		alianza.WithBaseURL(alianza.BetaURL),
//		alianza.WithCredentials(username, password),
//	)
//	acct, err := client.Accounts.GetByNumber(ctx, "CRM-10042")
//
// The client is immutable and safe for concurrent use; share one per
// platform user. ForPartition returns a cheap copy acting in a
// sub-partition that shares the login and the connection pool.
//
// For tests and demos, package alianzatest runs an in-memory Alianza that
// checks every request and response against the official OpenAPI spec.
//
// # Tokens
//
// Alianza tokens are valid for 8 hours from their last use. The client logs
// in lazily, renews the token a margin before it would lapse, and after a
// 401 logs in once and replays the call once, however many goroutines hit
// the 401 together. Wrong credentials fail at once with ErrAuthentication
// (which also matches ErrUnauthorized) and are not retried in a loop.
//
// # Services
//
// Each resource has a service on the Client: Accounts, Users, SipTrunks,
// TelephoneNumbers, Addresses, DeviceLines, BusinessLines, CallingPlans,
// CallRecords, Jobs, Reports, Ports and the rest, 48 in all, covering every
// live operation of Alianza's OpenAPI description. Every method names the
// Alianza operationId it calls in its documentation. What you send
// (CreateXRequest, UpdateXRequest, PatchXRequest) is separate from what the
// platform returns: request types have no server-assigned fields, and
// optional fields are pointers so a PATCH can send false, 0 and "" (use Ptr).
// Response models use plain values.
//
// Paged lists have …All methods returning an iter.Seq2 that fetches pages
// as the loop asks for them; long lists have …Iter methods that decode one
// element at a time instead of holding the whole answer. Client.Do calls any
// operation by its method and path template, for what a typed method does
// not cover yet.
//
// # Per-call options
//
// Every method ends with callOpts ...CallOption: WithCallTimeout,
// WithCallRetryPolicy or WithCallNoRetries, WithCallHeader, and
// CaptureResponse, which gives the answer's status, headers (credentials
// removed) and request id. They apply to that call only; the Client stays
// as it is.
//
// # Observability
//
// WithHook sets a Hook the client calls around each call, each HTTP attempt
// and each login, with the operationId, method and path template (never ids
// or secrets), status, duration, error class and retry decision. Package
// alianzaotel implements it with OpenTelemetry spans and metrics.
// WithTransportWrapper adds http.RoundTripper middleware around the
// client's own transport.
//
// # Testing
//
// Package alianzatest serves a fake Alianza in memory or over HTTP, checked
// against the spec, with fault injection. The client also works under
// httpmock.Activate: it sends through http.DefaultTransport as it finds it.
//
// # Errors
//
// Input is validated before any request is sent: a *ValidationError lists
// every problem (each a *FieldError naming the JSON field and the rule) and
// matches ErrValidation. A non-2xx answer is an *APIError, which matches the
// sentinel of its status (ErrBadRequest, ErrUnauthorized, ErrForbidden,
// ErrNotFound, ErrConflict, ErrRateLimited, ErrServer) with errors.Is. A
// duplicate create, which Alianza answers with a 400 saying "already
// exists", matches ErrConflict as well as ErrBadRequest.
//
// # Retries
//
// GET, HEAD, PUT and DELETE are retried on connection errors and on 429,
// 500, 502, 503 and 504, with capped exponential backoff and jitter, honouring
// Retry-After. POST and PATCH are retried only when nothing was sent:
// Alianza has no idempotency keys. A POST or PATCH that was written and got
// no answer (the connection broke, the attempt timed out, or the context
// ended), or got a 502 or 504 from a gateway, returns an error matching
// ErrOutcomeUnknown, so you can look before you send it again; when the
// context ended it also matches context.Canceled or
// context.DeadlineExceeded. Only GET and HEAD follow redirects: a 3xx to any
// other method is an *APIError matching ErrRedirect.
//
// A DELETE whose answer was lost (sent, then the connection broke) and whose
// retry gets a 404 succeeds: the lost attempt deleted the object. A 404 on
// the first attempt is ErrNotFound.
//
// # Secrets
//
// Passwords, SIP passwords and tokens are held in Secret, which prints as
// REDACTED through every fmt verb and slog, while JSON carries the real
// value. Call Reveal to read one on purpose. slog's JSON handler marshals a
// slice, a map or a struct of your own as JSON: log those through
// RedactedLogValue.
package alianza
