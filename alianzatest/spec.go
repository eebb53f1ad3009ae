package alianzatest

import (
	"context"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/go-alianza/alianza/internal/spec"
)

// apiSpec is the official spec, parsed once per process and adjusted in
// memory (see fixSpec). It is read-only after loading, so every Server of
// the process shares it.
type apiSpec struct {
	doc    *openapi3.T
	routes []*route          // every operation of the spec, most specific path first
	byID   map[string]*route // by operationId
	took   time.Duration     // how long parsing and fixing took
}

// route is one operation of the spec: a method on a path template.
type route struct {
	method   string
	template string   // the spec's path, e.g. /v2/partition/{partitionId}/account
	segs     []string // template split on "/"
	pathItem *openapi3.PathItem
	op       *openapi3.Operation
}

// Route is the spec path template a request matched, such as
// "/v2/partition/{partitionId}/account/{accountId}"; with a method it names
// an operation ("GET /v2/partition/{partitionId}/account/{accountId}").
type Route = string

var (
	specOnce sync.Once
	specVal  *apiSpec
	specErr  error
)

// loadSpec parses the embedded spec the first time it is called.
func loadSpec() (*apiSpec, error) {
	specOnce.Do(func() { specVal, specErr = parseSpec(spec.OpenAPI()) })
	return specVal, specErr
}

// SpecLoadTime reports how long parsing the embedded OpenAPI spec took (it
// happens once per process, on the first server start).
func SpecLoadTime() (time.Duration, error) {
	s, err := loadSpec()
	if err != nil {
		return 0, err
	}
	return s.took, nil
}

func parseSpec(data []byte) (*apiSpec, error) {
	start := time.Now()
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(data)
	if err != nil {
		return nil, fmt.Errorf("alianzatest: parse OpenAPI spec: %w", err)
	}
	fixSpec(doc)
	if err := doc.Validate(context.Background()); err != nil {
		return nil, fmt.Errorf("alianzatest: OpenAPI spec after fixes: %w", err)
	}
	s := &apiSpec{doc: doc, byID: map[string]*route{}}
	for template, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			r := &route{method: method, template: template, segs: strings.Split(strings.Trim(template, "/"), "/"), pathItem: item, op: op}
			s.routes = append(s.routes, r)
			if op.OperationID != "" {
				s.byID[op.OperationID] = r
			}
		}
	}
	// Literal segments beat parameters, earliest first: .../siptrunk_2/validate
	// must not be taken for .../siptrunk_2/{sipTrunkId}.
	sort.Slice(s.routes, func(i, j int) bool {
		a, b := s.routes[i], s.routes[j]
		if len(a.segs) != len(b.segs) {
			return len(a.segs) < len(b.segs)
		}
		for k := range a.segs {
			pa, pb := isParam(a.segs[k]), isParam(b.segs[k])
			if pa != pb {
				return !pa
			}
		}
		if a.template != b.template {
			return a.template < b.template
		}
		return a.method < b.method
	})
	s.took = time.Since(start)
	return s, nil
}

func isParam(seg string) bool { return strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") }

// match finds the operation for method and an escaped request path. It
// returns the path parameters (unescaped) and whether the path exists at all
// (for telling "unknown path" from "method not allowed").
func (s *apiSpec) match(method, escapedPath string) (r *route, params map[string]string, pathKnown bool) {
	segs := strings.Split(strings.Trim(escapedPath, "/"), "/")
	for _, cand := range s.routes {
		if len(cand.segs) != len(segs) {
			continue
		}
		p, ok := matchSegs(cand.segs, segs)
		if !ok {
			continue
		}
		pathKnown = true
		if cand.method == method {
			return cand, p, true
		}
	}
	return nil, nil, pathKnown
}

func matchSegs(tmpl, segs []string) (map[string]string, bool) {
	params := map[string]string{}
	for i, t := range tmpl {
		if isParam(t) {
			v, err := url.PathUnescape(segs[i])
			if err != nil || v == "" {
				return nil, false
			}
			params[t[1:len(t)-1]] = v
			continue
		}
		if t != segs[i] {
			return nil, false
		}
	}
	return params, true
}

// has reports whether the spec has an operation method on template.
func (s *apiSpec) has(method, template string) bool {
	for _, r := range s.routes {
		if r.method == method && r.template == template {
			return true
		}
	}
	return false
}

// route is the operation method on template, nil when the spec has none.
func (s *apiSpec) route(method, template string) *route {
	for _, r := range s.routes {
		if r.method == method && r.template == template {
			return r
		}
	}
	return nil
}
