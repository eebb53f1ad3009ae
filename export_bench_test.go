package alianza

// Internals the benchmarks of package alianza_test measure directly.

// ScrubErrorBodyForBench redacts credential-named members of body, then
// replaces every one of secrets: what every error body goes through.
func ScrubErrorBodyForBench(body []byte, secrets []string) []byte {
	return scrubBytes(redactCredentialPairs(redactSecretFields(body)), secrets)
}

// ScrubErrorBodyByRegexpForBench is ScrubErrorBodyForBench with the
// redaction done by the regexp engine.
func ScrubErrorBodyByRegexpForBench(body []byte, secrets []string) []byte {
	return scrubBytes(redactByRE(body), secrets)
}

// APIErrorForBench builds the *APIError of a 400 with body.
func APIErrorForBench(body []byte, secrets []string) *APIError {
	return newAPIError(400, "GET", "/x", "application/json", body, secrets)
}
