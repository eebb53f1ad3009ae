package alianza

// enums_gen.go, models_gen.go and models_gen_test.go are written by
// internal/gen from the embedded spec and internal/gen/overrides.yaml;
// CONTRIBUTING.md, "Generated code".
//go:generate go run ./internal/cmd/alianzagen
