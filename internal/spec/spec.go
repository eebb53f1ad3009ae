// Package spec embeds the official Alianza provisioning API description
// (OpenAPI 3.0.3), so tools such as the alianzatest fake can validate
// traffic against it without reading files at run time.
package spec

import _ "embed"

//go:embed alianza-openapi.yml
var openAPI []byte

// OpenAPI returns the YAML text of the official spec. The slice is shared:
// callers must not modify it.
func OpenAPI() []byte { return openAPI }
