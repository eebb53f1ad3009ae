package alianzatest

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// maxBody caps a request body.
const maxBody = 8 << 20

// call is one request on its way through a handler.
type call struct {
	s       *Server
	r       *http.Request
	rt      *route
	params  map[string]string // path parameters, unescaped
	query   url.Values
	body    any // decoded JSON body, nil when empty or not JSON
	session *session
}

// reply is a handler's answer. body is marshalled to JSON, except a
// plainText (text/plain) and a rawBody (its own content type).
type reply struct {
	status int
	body   any
}

type plainText string

type handlerFunc func(c *call) reply

// ServeHTTP serves the fake platform.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.serveControl(w, r) {
		return
	}
	raw, err := io.ReadAll(io.LimitReader(r.Body, maxBody))
	if err != nil {
		http.Error(w, "cannot read body", http.StatusBadRequest)
		return
	}
	entry := Request{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, Body: string(raw)}

	rt, params, pathKnown := s.spec.match(r.Method, r.URL.EscapedPath())
	if rt == nil {
		msg := "no such path in the spec"
		if pathKnown {
			msg = "the spec has this path but not this method"
		}
		s.violate(Violation{Method: r.Method, Path: r.URL.Path, Side: "request", Message: msg})
		status := http.StatusNotFound
		if pathKnown {
			status = http.StatusMethodNotAllowed
		}
		rep := apiError(status, msg)
		entry.Status = status
		s.record(entry)
		writeReply(w, rep.status, mustJSON(rep.body), "application/json")
		return
	}
	entry.Route = rt.template
	key := opKey(rt.method, rt.template)
	s.countCall(key)

	in := s.spec.reqInput(r, rt, params, raw)
	invalid, unknown := s.spec.checkRequest(r.Context(), in, raw)
	for _, m := range append(invalid, unknown...) {
		s.violate(Violation{Method: r.Method, Path: r.URL.Path, Route: rt.template, Side: "request", Message: m})
	}

	// Injected faults come after request validation: the client's request
	// is still checked, the answer is what the test asked for.
	f := s.takeFault(key)
	entry.Fault = f.kind
	if f.delay > 0 {
		select {
		case <-r.Context().Done():
		case <-time.After(f.delay):
		}
	}
	switch f.kind {
	case FaultKindDrop:
		entry.Status = 0
		s.record(entry)
		dropConn(w)
		return
	case FaultKindFail:
		entry.Status = f.fail.status
		entry.Response = string(f.fail.body)
		s.record(entry)
		for k, v := range f.fail.header {
			w.Header()[k] = append([]string(nil), v...)
		}
		ct := w.Header().Get("Content-Type")
		if ct == "" {
			ct = "application/json"
			if !json.Valid(f.fail.body) {
				ct = "text/plain"
			}
		}
		writeReply(w, f.fail.status, f.fail.body, ct)
		return
	}

	c := &call{s: s, r: r, rt: rt, params: params, query: r.URL.Query()}
	if len(strings.TrimSpace(string(raw))) > 0 && isJSONRequest(r) {
		if err := json.Unmarshal(raw, &c.body); err != nil {
			rep := c.fail(http.StatusBadRequest, "request body is not valid JSON")
			s.finish(w, in, entry, rep, f.kind)
			return
		}
	}

	h := curatedHandler(rt.op.OperationID)
	if h == nil {
		h = handlers[rt.op.OperationID]
	}
	if h == nil && !rt.op.Deprecated {
		h = genericAnswer // a stateful handler wins; the rest answer from the spec
	}
	var rep reply
	s.mu.Lock()
	if !isPublic(rt) {
		var denied *reply
		c.session, denied = s.authenticateLocked(r.Header.Get("X-AUTH-TOKEN"), c)
		if denied != nil {
			rep = *denied
		}
	}
	unimplemented := false
	switch {
	case rep.status != 0:
		// authentication failed
	case len(invalid) > 0:
		// The platform rejects a request outside its spec (a wrong type,
		// an unknown enum value) with 400 and stores nothing.
		rep = c.badRequest("%s", strings.Join(invalid, "; "))
	case h == nil:
		unimplemented = true
		msg := "alianzatest does not implement " + rt.op.OperationID
		if rt.op.Deprecated {
			msg += ": the spec marks it deprecated (the fake serves live operations only)"
		}
		rep = apiError(http.StatusNotImplemented, msg)
	default:
		s.tickLocked()
		rep = h(c)
	}
	body := encodeBody(rep.body)
	s.mu.Unlock()

	if unimplemented {
		entry.Status = rep.status
		s.record(entry)
		writeReply(w, rep.status, body, "application/json")
		return
	}
	s.finishEncoded(w, in, entry, rep.status, body, contentType(rep.body), f.kind)
}

// finish encodes rep and sends it.
func (s *Server) finish(w http.ResponseWriter, in inputT, entry Request, rep reply, kind FaultKind) {
	s.finishEncoded(w, in, entry, rep.status, encodeBody(rep.body), contentType(rep.body), kind)
}

// finishEncoded checks the response against the spec, logs and sends it,
// or, for FaultKindApplyDrop, logs it and drops the connection instead.
func (s *Server) finishEncoded(w http.ResponseWriter, in inputT, entry Request, status int, body []byte, ct string, kind FaultKind) {
	h := http.Header{}
	if len(body) > 0 {
		h.Set("Content-Type", ct)
	}
	for _, m := range s.spec.checkResponse(in.Request.Context(), in, status, h, body) {
		s.violate(Violation{Method: entry.Method, Path: entry.Path, Route: entry.Route, Side: "response", Message: m})
	}
	entry.Status = status
	entry.Response = string(body)
	if kind == FaultKindApplyDrop {
		entry.Status = 0
		s.record(entry)
		dropConn(w)
		return
	}
	s.record(entry)
	writeReply(w, status, body, ct)
}

func encodeBody(b any) []byte {
	switch v := b.(type) {
	case nil:
		return nil
	case plainText:
		return []byte(v)
	case rawBody:
		return v.data
	default:
		return mustJSON(v)
	}
}

func contentType(b any) string {
	switch v := b.(type) {
	case plainText:
		return "text/plain"
	case rawBody:
		return v.contentType
	}
	return "application/json"
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic("alianzatest: marshal: " + err.Error())
	}
	return b
}

func writeReply(w http.ResponseWriter, status int, body []byte, ct string) {
	if len(body) > 0 {
		w.Header().Set("Content-Type", ct)
	}
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// isPublic reports whether the operation needs no X-AUTH-TOKEN
// (`security: []` in the spec).
func isPublic(rt *route) bool {
	return rt.op.Security != nil && len(*rt.op.Security) == 0
}
