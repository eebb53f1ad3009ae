package alianza

// BusinessLinesService manages an account's business lines and their call handling.
type BusinessLinesService service
