package alianzatest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/go-alianza/alianza/internal/spec"
)

// ControlPrefix is the path prefix of the control endpoints that
// WithControlEndpoints adds.
const ControlPrefix = "/_fake/"

// OpenAPIPath is where WithControlEndpoints serves the official OpenAPI
// document the fake validates against (YAML, as Alianza publishes it).
const OpenAPIPath = "/openapi.yml"

// WithControlEndpoints makes the server answer, besides the Alianza API,
// GET /openapi.yml and the control endpoints under /_fake/ (see
// ControlEndpointsHelp), so a test in another process or language can
// drive the fake over HTTP as a Go test drives a *Server: inject the
// faults of FailNextWithHeader, DropNext, ApplyThenDropNext, Delay and
// SetFaultRate; call ExpireTokens, SetRegistered, LockOutSipTrunk,
// FailNextJob, InjectPortFault, SetNotPortable, SetWireless,
// ReserveForAccount, Advance and ResetViolations; read Now, Requests
// (passwords, SIP passwords, tokens and PINs redacted), Calls and
// Violations. They need no login: serve them on loopback only. The
// alianza-fake command enables them.
func WithControlEndpoints() Option {
	return func(c *config) { c.control = true }
}

// controlEndpoint is one endpoint under ControlPrefix: its method and
// what it does. serve gets the raw body (POST) or the query (GET); a nil
// result is answered 204, any other is sent as JSON with 200.
type controlEndpoint struct {
	method string
	serve  func(s *Server, r *http.Request, body []byte) (any, error)
}

// controlPost is a POST endpoint whose JSON body decodes into a T (an
// empty body is a zero T; an unknown field is refused).
func controlPost[T any](do func(s *Server, req *T) error) controlEndpoint {
	return controlEndpoint{method: http.MethodPost, serve: func(s *Server, _ *http.Request, body []byte) (any, error) {
		var req T
		if len(bytes.TrimSpace(body)) > 0 {
			dec := json.NewDecoder(bytes.NewReader(body))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&req); err != nil {
				return nil, fmt.Errorf("body: %w", err)
			}
			if dec.More() {
				return nil, errors.New("body: more than one JSON value")
			}
		}
		return nil, do(s, &req)
	}}
}

// controlGet is a GET endpoint answering JSON.
func controlGet(do func(s *Server, r *http.Request) (any, error)) controlEndpoint {
	return controlEndpoint{method: http.MethodGet, serve: func(s *Server, r *http.Request, _ []byte) (any, error) {
		return do(s, r)
	}}
}

// controlEndpoints maps each name under ControlPrefix to its endpoint; it
// is never written after package initialisation.
var controlEndpoints = joinEndpoints(faultEndpoints(), stateEndpoints())

func joinEndpoints(tables ...map[string]controlEndpoint) map[string]controlEndpoint {
	out := map[string]controlEndpoint{}
	for _, t := range tables {
		for name, e := range t {
			out[name] = e
		}
	}
	return out
}

// errUnknownID marks a control request naming an id the fake does not
// have: answered 404.
var errUnknownID = errors.New("unknown id")

// serveControl answers a control or document request; it reports false
// for any other path.
func (s *Server) serveControl(w http.ResponseWriter, r *http.Request) bool {
	if !s.cfg.control {
		return false
	}
	if r.URL.Path == OpenAPIPath {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			controlError(w, http.StatusMethodNotAllowed, "use GET")
			return true
		}
		w.Header().Set("Content-Type", "application/yaml")
		w.WriteHeader(http.StatusOK)
		if r.Method == http.MethodGet {
			_, _ = w.Write(spec.OpenAPI())
		}
		return true
	}
	name, ok := strings.CutPrefix(r.URL.Path, ControlPrefix)
	if !ok {
		return false
	}
	e, ok := controlEndpoints[name]
	if !ok {
		controlError(w, http.StatusNotFound, "alianzatest: no such control endpoint "+r.URL.Path)
		return true
	}
	if r.Method != e.method {
		w.Header().Set("Allow", e.method)
		controlError(w, http.StatusMethodNotAllowed, "use "+e.method)
		return true
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody))
	if err != nil {
		controlError(w, http.StatusBadRequest, "body: "+err.Error())
		return true
	}
	out, err := e.serve(s, r, body)
	switch {
	case errors.Is(err, errUnknownID):
		controlError(w, http.StatusNotFound, err.Error())
	case err != nil:
		controlError(w, http.StatusBadRequest, err.Error())
	case out == nil:
		w.WriteHeader(http.StatusNoContent)
	default:
		writeReply(w, http.StatusOK, mustJSON(out), "application/json")
	}
	return true
}

func controlError(w http.ResponseWriter, status int, msg string) {
	writeReply(w, status, mustJSON(map[string]string{"error": msg}), "application/json")
}
