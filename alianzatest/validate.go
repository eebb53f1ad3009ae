package alianzatest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

// Violation is a request or response that does not conform to the
// official OpenAPI spec.
type Violation struct {
	Method string // of the request
	Path   string // the request's path, as sent
	Route  Route  // spec template, "" when the path is not in the spec
	// Side is "request" when the client sent something the spec does not
	// allow, "response" when the fake answered outside the spec (a bug in
	// the fake, reported so it cannot hide).
	Side    string
	Message string
}

func (v Violation) String() string {
	r := v.Route
	if r == "" {
		r = v.Path
	}
	return fmt.Sprintf("alianzatest: %s violates the OpenAPI spec: %s %s: %s", v.Side, v.Method, r, v.Message)
}

// validationOptions are those of every request and response check.
func validationOptions() *openapi3filter.Options {
	return &openapi3filter.Options{
		// Authentication is the fake's business (it answers 401); a request
		// without a token is a legitimate case to test, not a violation.
		AuthenticationFunc: openapi3filter.NoopAuthenticationFunc,
		// Sending a server-assigned field back (a PUT of what a GET
		// returned) is normal; readOnly only lifts "required" in requests.
		ExcludeReadOnlyValidations: true,
		IncludeResponseStatus:      true,
		MultiError:                 true,
		SkipSettingDefaults:        true,
	}
}

// reqInput builds kin-openapi's view of a request. body is the raw body.
func (s *apiSpec) reqInput(r *http.Request, rt *route, params map[string]string, body []byte) *openapi3filter.RequestValidationInput {
	cp := r.Clone(r.Context())
	cp.Body = io.NopCloser(bytes.NewReader(body))
	cp.ContentLength = int64(len(body))
	return &openapi3filter.RequestValidationInput{
		Request:    cp,
		PathParams: params,
		Route: &routers.Route{
			Spec:      s.doc,
			Path:      rt.template,
			PathItem:  rt.pathItem,
			Method:    rt.method,
			Operation: rt.op,
		},
		Options: validationOptions(),
	}
}

// checkRequest returns one message per way the request breaks the spec:
// invalid are what the platform rejects (a wrong type, an unknown enum
// value, a missing required field or parameter), unknown are object keys
// the schema does not declare, which the platform ignores.
func (s *apiSpec) checkRequest(ctx context.Context, in *openapi3filter.RequestValidationInput, body []byte) (invalid, unknown []string) {
	if err := openapi3filter.ValidateRequest(ctx, in); err != nil {
		invalid = append(invalid, splitErr(err)...)
	}
	rb := in.Route.Operation.RequestBody
	if rb == nil || rb.Value == nil || len(bytes.TrimSpace(body)) == 0 {
		return invalid, nil
	}
	mt := rb.Value.Content.Get("application/json")
	if mt == nil || mt.Schema == nil || mt.Schema.Value == nil {
		return invalid, nil
	}
	var v any
	if json.Unmarshal(body, &v) != nil {
		return invalid, nil // already reported by ValidateRequest
	}
	schema := mt.Schema.Value
	if in.Route.Method == http.MethodPatch && isFreeForm(schema) {
		// PATCH bodies are a bare `object`: check them against the resource
		// the PATCH returns.
		res := s.successSchema(in.Route.Operation)
		if res == nil {
			return invalid, nil
		}
		obj, ok := v.(map[string]any)
		if !ok {
			return append(invalid, "PATCH body is not a JSON object"), nil
		}
		unknown = unknownKeys(res, obj, "")
		for _, k := range sortedKeys(obj) {
			p := propertySchema(res, k)
			if p == nil || obj[k] == nil {
				continue
			}
			if err := p.VisitJSON(obj[k], openapi3.VisitAsRequest(), openapi3.MultiErrors(), openapi3.DisableReadOnlyValidation()); err != nil {
				for _, m := range splitErr(err) {
					invalid = append(invalid, fmt.Sprintf("PATCH field %q: %s", k, m))
				}
			}
		}
		return invalid, unknown
	}
	return invalid, unknownKeys(schema, v, "")
}

// successSchema is the JSON schema of the operation's 2xx response.
func (s *apiSpec) successSchema(op *openapi3.Operation) *openapi3.Schema {
	for _, code := range []string{"200", "201"} {
		if r := op.Responses.Value(code); r != nil && r.Value != nil {
			if mt := r.Value.Content.Get("application/json"); mt != nil && mt.Schema != nil {
				return mt.Schema.Value
			}
		}
	}
	return nil
}

// checkResponse validates what the fake is about to send.
func (s *apiSpec) checkResponse(ctx context.Context, in *openapi3filter.RequestValidationInput, status int, header http.Header, body []byte) []string {
	if undocumentedUnauthorized(in.Route.Operation, status) {
		return nil
	}
	err := openapi3filter.ValidateResponse(ctx, &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in,
		Status:                 status,
		Header:                 header,
		Body:                   io.NopCloser(bytes.NewReader(body)),
		Options:                validationOptions(),
	})
	if err != nil {
		return splitErr(err)
	}
	return nil
}

func isFreeForm(s *openapi3.Schema) bool {
	return len(s.Properties) == 0 && len(s.AllOf) == 0 && len(s.AnyOf) == 0 && len(s.OneOf) == 0 && s.Type.Is(openapi3.TypeObject)
}

// allProperties merges a schema's properties with those of its allOf parts.
func allProperties(s *openapi3.Schema, into map[string]*openapi3.SchemaRef, depth int) {
	if s == nil || depth > 8 {
		return
	}
	for k, v := range s.Properties {
		into[k] = v
	}
	for _, part := range s.AllOf {
		allProperties(part.Value, into, depth+1)
	}
}

func propertySchema(s *openapi3.Schema, name string) *openapi3.Schema {
	props := map[string]*openapi3.SchemaRef{}
	allProperties(s, props, 0)
	if p := props[name]; p != nil {
		return p.Value
	}
	return nil
}

// unknownKeys reports object keys the schema does not declare, recursively.
// The spec never sets additionalProperties: false, yet a key it does not
// know is almost always a misspelt or misplaced field (Alianza's guide
// sends "deviceId" where the spec names it "deviceTypeId", and nests
// e911Address.address), which the platform ignores silently. Schemas that allow extra keys explicitly, or choose between
// subtypes (anyOf/oneOf), are not checked.
func unknownKeys(s *openapi3.Schema, v any, path string) []string {
	if s == nil {
		return nil
	}
	switch val := v.(type) {
	case map[string]any:
		if len(s.AnyOf) > 0 || len(s.OneOf) > 0 || s.AdditionalProperties.Schema != nil ||
			(s.AdditionalProperties.Has != nil && *s.AdditionalProperties.Has) {
			return nil
		}
		props := map[string]*openapi3.SchemaRef{}
		allProperties(s, props, 0)
		if len(props) == 0 {
			return nil
		}
		var out []string
		for _, k := range sortedKeys(val) {
			p, ok := props[k]
			if !ok {
				out = append(out, fmt.Sprintf("unknown field %q", path+k))
				continue
			}
			out = append(out, unknownKeys(p.Value, val[k], path+k+".")...)
		}
		return out
	case []any:
		if s.Items == nil {
			return nil
		}
		var out []string
		for i, item := range val {
			out = append(out, unknownKeys(s.Items.Value, item, fmt.Sprintf("%s[%d].", strings.TrimSuffix(path, "."), i))...)
		}
		return out
	}
	return nil
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// splitErr flattens kin-openapi's errors into one short line each.
func splitErr(err error) []string { return describe("", err) }

func describe(prefix string, err error) []string {
	var me openapi3.MultiError
	if errors.As(err, &me) {
		var out []string
		for _, e := range me {
			out = append(out, describe(prefix, e)...)
		}
		return out
	}
	var re *openapi3filter.RequestError
	if errors.As(err, &re) {
		p := prefix
		switch {
		case re.Parameter != nil:
			p += re.Parameter.In + " parameter " + re.Parameter.Name + ": "
		case re.RequestBody != nil:
			p += "body: "
		}
		if re.Err == nil {
			return []string{p + re.Reason}
		}
		return describe(p, re.Err)
	}
	var rse *openapi3filter.ResponseError
	if errors.As(err, &rse) {
		if rse.Err == nil {
			return []string{prefix + rse.Reason}
		}
		return describe(prefix+"response: ", rse.Err)
	}
	var se *openapi3.SchemaError
	if errors.As(err, &se) {
		ptr := strings.Join(se.JSONPointer(), "/")
		if se.Origin != nil && se.Reason == "" {
			return describe(prefix+"/"+ptr+": ", se.Origin)
		}
		if ptr == "" {
			return []string{prefix + se.Reason}
		}
		return []string{fmt.Sprintf("%s/%s: %s", prefix, ptr, se.Reason)}
	}
	msg := strings.Join(strings.Fields(err.Error()), " ")
	if len(msg) > 300 {
		msg = msg[:300] + "..."
	}
	return []string{prefix + msg}
}
