package alianza

// enums_gen.go is written by internal/gen from the embedded spec and
// internal/gen/overrides.yaml; CONTRIBUTING.md, "Generated code".
//go:generate go run ./internal/cmd/alianzagen
