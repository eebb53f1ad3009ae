package alianzatest

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"maps"
	"math"
	"mime"
	"net/http"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
)

// rawBody is a handler's answer sent as it is, with its content type.
type rawBody struct {
	contentType string
	data        []byte
}

// genericAnswer answers an operation no stateful handler serves: the
// operation's success status, with a body made from the spec. The body is
// the response's example when the spec gives one, else one made from the
// response schema. It is deterministic: the same request (method, path,
// query and body) gets the same answer, so an id read from one answer is
// the id the next identical request sees.
func genericAnswer(c *call) reply {
	status, ct, mt := successResponse(c.rt.op, c.r.Header.Get("Accept"))
	if mt == nil {
		return reply{status: status}
	}
	seed := c.r.Method + " " + c.r.URL.EscapedPath() + "?" + c.r.URL.RawQuery
	if c.body != nil {
		seed += " " + string(mustJSON(c.body))
	}
	if isJSONType(ct) {
		if v, ok := mediaExample(mt); ok {
			if o, ok := v.(map[string]any); ok && mt.Schema != nil && mt.Schema.Value != nil {
				fillFromPath(mt.Schema.Value, o, c.rt.template, c.params)
			}
			return reply{status: status, body: v}
		}
		if mt.Schema == nil || mt.Schema.Value == nil {
			return reply{status: status, body: obj{}}
		}
		g := newSynth(seed, false)
		v := g.value(mt.Schema.Value, "")
		if o, ok := v.(obj); ok {
			fillFromPath(mt.Schema.Value, o, c.rt.template, c.params)
		}
		return reply{status: status, body: v}
	}
	if mt.Schema != nil && mt.Schema.Value != nil {
		if ex, ok := mt.Schema.Value.Example.(string); ok {
			// A boolean or a number sent as text.
			return reply{status: status, body: rawBody{contentType: ct, data: []byte(ex)}}
		}
	}
	return reply{status: status, body: rawBody{contentType: ct, data: sampleContent(ct, seed)}}
}

// successResponse picks the status and body of an operation's success
// answer: the lowest documented 2xx, else the "default" response (200 with
// a body, 204 without). Of several media types, the one the Accept header
// names wins, then application/json, then the first by name. mt is nil
// when the answer has no body.
func successResponse(op *openapi3.Operation, accept string) (status int, ct string, mt *openapi3.MediaType) {
	var codes []int
	for code := range op.Responses.Map() {
		if n, err := strconv.Atoi(code); err == nil && n >= 200 && n < 300 {
			codes = append(codes, n)
		}
	}
	sort.Ints(codes)
	var resp *openapi3.ResponseRef
	if len(codes) > 0 {
		status = codes[0]
		resp = op.Responses.Value(strconv.Itoa(status))
	} else {
		resp = op.Responses.Default()
	}
	if resp == nil || resp.Value == nil || len(resp.Value.Content) == 0 {
		if status == 0 {
			status = http.StatusNoContent
		}
		return status, "", nil
	}
	if status == 0 {
		status = http.StatusOK
	}
	if status == http.StatusNoContent {
		return status, "", nil
	}
	types := make([]string, 0, len(resp.Value.Content))
	for t := range resp.Value.Content {
		types = append(types, t)
	}
	sort.Strings(types)
	ct = types[0]
	if slices.Contains(types, "application/json") {
		ct = "application/json"
	}
	for _, part := range strings.Split(accept, ",") {
		want, _, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err == nil && slices.Contains(types, want) {
			ct = want
			break
		}
	}
	return status, ct, resp.Value.Content[ct]
}

func isJSONType(ct string) bool {
	return ct == "application/json" || strings.HasSuffix(ct, "+json")
}

// mediaExample is the media type's example, or its first named example.
func mediaExample(mt *openapi3.MediaType) (any, bool) {
	if mt.Example != nil {
		return clone(mt.Example), true
	}
	names := make([]string, 0, len(mt.Examples))
	for n, ex := range mt.Examples {
		if ex != nil && ex.Value != nil && ex.Value.Value != nil {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return nil, false
	}
	sort.Strings(names)
	return clone(mt.Examples[names[0]].Value.Value), true
}

// undocumentedUnauthorized reports a 401 of an operation that needs a
// token but does not document 401: the platform answers every such
// operation 401 without a valid token, so that answer is not a violation.
func undocumentedUnauthorized(op *openapi3.Operation, status int) bool {
	if status != http.StatusUnauthorized || op.Responses.Value("401") != nil {
		return false
	}
	return op.Security == nil || len(*op.Security) > 0
}

// fillFromPath makes a made-up answer agree with the request's path: a
// property named after a path parameter (accountId, voicemailBoxId, ...)
// takes its value, and "id" takes the value of the path's last parameter
// when the path ends in one. A value the property's schema refuses is
// left as made.
func fillFromPath(s *openapi3.Schema, o obj, template string, params map[string]string) {
	props := map[string]*openapi3.SchemaRef{}
	allProperties(s, props, 0)
	set := func(key, v string) {
		p := props[key]
		if v == "" || p == nil || p.Value == nil || !p.Value.Type.Is(openapi3.TypeString) {
			return
		}
		if p.Value.VisitJSON(v, openapi3.VisitAsResponse()) == nil {
			o[key] = v
		}
	}
	for name, v := range params {
		set(name, v)
	}
	segs := strings.Split(strings.Trim(template, "/"), "/")
	if last := segs[len(segs)-1]; isParam(last) {
		set("id", params[last[1:len(last)-1]])
	}
}

// sampleContent is a small body of a non-JSON media type.
func sampleContent(ct, seed string) []byte {
	h := shortHash(seed)
	switch {
	case ct == "text/csv":
		return []byte("id,name,createdDate\n" + h + ",sample," + baseTime.Format("2006-01-02") + "\n")
	case ct == "text/plain":
		return []byte("alianzatest " + h + "\n")
	case strings.HasSuffix(ct, "xml"):
		return []byte(`<?xml version="1.0" encoding="UTF-8"?>` + "\n<result><id>" + h + "</id></result>\n")
	case ct == "audio/mpeg":
		// One silent MPEG-1 Layer III frame header: 128 kbit/s, 44.1 kHz.
		frame := make([]byte, 417)
		copy(frame, []byte{0xFF, 0xFB, 0x90, 0x64})
		return frame
	case strings.HasPrefix(ct, "audio/"):
		return silentWAV()
	default:
		return []byte("alianzatest sample " + h + "\n")
	}
}

// silentWAV is a WAV file of 100 ms of 8 kHz, 8-bit mono silence.
func silentWAV() []byte {
	const rate, n = 8000, 800
	b := make([]byte, 44+n)
	copy(b[0:], "RIFF")
	binary.LittleEndian.PutUint32(b[4:], uint32(36+n))
	copy(b[8:], "WAVEfmt ")
	binary.LittleEndian.PutUint32(b[16:], 16)
	binary.LittleEndian.PutUint16(b[20:], 1) // PCM
	binary.LittleEndian.PutUint16(b[22:], 1) // mono
	binary.LittleEndian.PutUint32(b[24:], rate)
	binary.LittleEndian.PutUint32(b[28:], rate) // bytes per second
	binary.LittleEndian.PutUint16(b[32:], 1)    // block align
	binary.LittleEndian.PutUint16(b[34:], 8)    // bits per sample
	copy(b[36:], "data")
	binary.LittleEndian.PutUint32(b[40:], n)
	for i := 44; i < len(b); i++ {
		b[i] = 0x80 // silence for unsigned 8-bit samples
	}
	return b
}

// baseTime anchors made-up dates, so answers do not change from run to run.
var baseTime = time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC)

func shortHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return fmt.Sprintf("%x", sum[:4])
}

// synth makes JSON values that fit a schema. Every choice is drawn from a
// hash of the seed and the value's position, so the same seed makes the
// same value.
type synth struct {
	seed    string
	request bool // making a request body: readOnly properties are left out
	stack   map[*openapi3.Schema]int
	depth   int
}

// maxDepth bounds nesting: deeper, objects keep only required properties
// and arrays hold no items unless they must.
const maxDepth = 6

func newSynth(seed string, request bool) *synth {
	return &synth{seed: seed, request: request, stack: map[*openapi3.Schema]int{}}
}

func (g *synth) hash(path string) uint64 {
	sum := sha256.Sum256([]byte(g.seed + "\x00" + path))
	return binary.BigEndian.Uint64(sum[:8])
}

// value makes a value of schema s; path names its position ("items[0].id").
func (g *synth) value(s *openapi3.Schema, path string) any {
	if s == nil {
		return "value"
	}
	if s.Example != nil && g.stack[s] == 0 && s.VisitJSON(s.Example, g.visitOpts()...) == nil {
		return clone(s.Example)
	}
	if len(s.Enum) > 0 {
		return s.Enum[0]
	}
	g.stack[s]++
	g.depth++
	defer func() { g.stack[s]--; g.depth-- }()

	switch {
	case len(s.AllOf) > 0 || len(s.Properties) > 0 || s.Type.Is(openapi3.TypeObject):
		if (len(s.AnyOf) > 0 || len(s.OneOf) > 0) && g.stack[s] == 1 {
			return g.choice(s, path)
		}
		return g.object(s, path)
	case len(s.AnyOf) > 0 || len(s.OneOf) > 0:
		if g.stack[s] > 1 {
			return obj{}
		}
		return g.choice(s, path)
	case s.Type.Is(openapi3.TypeArray):
		return g.array(s, path)
	case s.Type.Is(openapi3.TypeString):
		return g.str(s, path)
	case s.Type.Is(openapi3.TypeInteger):
		return g.integer(s)
	case s.Type.Is(openapi3.TypeNumber):
		return g.number(s)
	case s.Type.Is(openapi3.TypeBoolean):
		return g.hash(path)%2 == 0
	}
	return "value"
}

func (g *synth) visitOpts() []openapi3.SchemaValidationOption {
	if g.request {
		return []openapi3.SchemaValidationOption{openapi3.VisitAsRequest()}
	}
	return []openapi3.SchemaValidationOption{openapi3.VisitAsResponse()}
}

// choice makes a value of the first alternative of an anyOf or oneOf, with
// the discriminator property naming it.
func (g *synth) choice(s *openapi3.Schema, path string) any {
	alts := s.AnyOf
	if len(alts) == 0 {
		alts = s.OneOf
	}
	first := alts[0]
	v := g.value(first.Value, path)
	if d := s.Discriminator; d != nil && first.Ref != "" {
		if o, ok := v.(obj); ok {
			name := refName(first.Ref)
			for _, key := range slices.Sorted(maps.Keys(d.Mapping)) {
				if d.Mapping[key].Ref == first.Ref {
					name = key
					break
				}
			}
			o[d.PropertyName] = name
		}
	}
	return v
}

func (g *synth) object(s *openapi3.Schema, path string) any {
	props := map[string]*openapi3.SchemaRef{}
	allProperties(s, props, 0)
	required := map[string]bool{}
	collectRequired(s, required, 0)
	o := obj{}
	for _, k := range sortedRefKeys(props) {
		p := props[k].Value
		if p == nil || (g.request && p.ReadOnly) || (!g.request && p.WriteOnly) {
			continue
		}
		if !required[k] && (g.depth > maxDepth || g.stack[p] > 0 || g.recursive(p)) {
			continue
		}
		if g.depth > 3*maxDepth {
			// A cycle of required properties: stop rather than recurse
			// for ever. The spec has none today.
			break
		}
		o[k] = g.value(p, path+k+".")
	}
	if ap := s.AdditionalProperties.Schema; ap != nil && ap.Value != nil && len(props) == 0 && g.depth <= maxDepth {
		o["key"] = g.value(ap.Value, path+"key.")
	}
	// An object with a discriminator names its own type when nothing else
	// did (an allOf part of a subtype).
	if d := s.Discriminator; d != nil {
		if _, ok := o[d.PropertyName]; !ok && len(d.Mapping) > 0 {
			o[d.PropertyName] = slices.Sorted(maps.Keys(d.Mapping))[0]
		}
	}
	return o
}

// recursive reports whether p, or the items of p, is being made already.
func (g *synth) recursive(p *openapi3.Schema) bool {
	return p.Items != nil && p.Items.Value != nil && g.stack[p.Items.Value] > 0
}

func collectRequired(s *openapi3.Schema, into map[string]bool, depth int) {
	if s == nil || depth > 8 {
		return
	}
	for _, k := range s.Required {
		into[k] = true
	}
	for _, part := range s.AllOf {
		collectRequired(part.Value, into, depth+1)
	}
}

func sortedRefKeys(m map[string]*openapi3.SchemaRef) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func (g *synth) array(s *openapi3.Schema, path string) any {
	n := 1 + int(g.hash(path)%2)
	if g.depth > maxDepth || (s.Items != nil && g.stack[s.Items.Value] > 0) {
		n = 0
	}
	n = max(n, int(s.MinItems))
	if s.MaxItems != nil {
		n = min(n, int(*s.MaxItems))
	}
	out := make([]any, 0, n)
	var items *openapi3.Schema
	if s.Items != nil {
		items = s.Items.Value
	}
	for i := range n {
		var v any
		if items != nil && len(items.Enum) > 0 {
			v = items.Enum[i%len(items.Enum)]
		} else {
			v = g.value(items, fmt.Sprintf("%s[%d].", strings.TrimSuffix(path, "."), i))
		}
		if s.UniqueItems && slices.ContainsFunc(out, func(x any) bool { return string(mustJSON(x)) == string(mustJSON(v)) }) {
			continue
		}
		out = append(out, v)
	}
	return out
}

func (g *synth) integer(s *openapi3.Schema) any {
	lo, hi := int64(math.MinInt32), int64(math.MaxInt32)
	if s.Format == "int64" {
		lo, hi = math.MinInt64/2, math.MaxInt64/2
	}
	if s.Min != nil {
		lo = int64(math.Ceil(*s.Min))
		if s.ExclusiveMin.IsTrue() {
			lo = int64(math.Floor(*s.Min)) + 1
		}
	}
	if s.Max != nil {
		hi = int64(math.Floor(*s.Max))
		if s.ExclusiveMax.IsTrue() {
			hi = int64(math.Ceil(*s.Max)) - 1
		}
	}
	v := int64(1)
	if v < lo || v > hi {
		v = lo
	}
	if s.MultipleOf != nil && *s.MultipleOf >= 1 {
		m := int64(*s.MultipleOf)
		v = (v + m - 1) / m * m
		if v > hi {
			v -= m
		}
	}
	return v
}

func (g *synth) number(s *openapi3.Schema) any {
	v := 1.5
	if s.MultipleOf != nil {
		v = *s.MultipleOf
	}
	if s.Min != nil && (v < *s.Min || (s.ExclusiveMin.IsTrue() && v == *s.Min)) {
		v = *s.Min
		if s.ExclusiveMin.IsTrue() {
			v += 0.5
		}
	}
	if s.Max != nil && (v > *s.Max || (s.ExclusiveMax.IsTrue() && v == *s.Max)) {
		v = *s.Max
		if s.ExclusiveMax.IsTrue() {
			v -= 0.5
		}
	}
	return v
}

func (g *synth) str(s *openapi3.Schema, path string) string {
	h := g.hash(path)
	name := lastName(path)
	var v string
	switch s.Format {
	case "date-time":
		v = baseTime.Add(time.Duration(h%100000) * time.Second).Format("2006-01-02T15:04:05.000Z")
	case "date":
		v = baseTime.AddDate(0, 0, int(h%300)).Format("2006-01-02")
	case "uuid":
		var b [16]byte
		binary.BigEndian.PutUint64(b[:8], h)
		binary.BigEndian.PutUint64(b[8:], g.hash(path+"#"))
		b[6] = b[6]&0x0f | 0x40
		b[8] = b[8]&0x3f | 0x80
		v = fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
	case "email":
		v = fmt.Sprintf("user%04d@example.com", h%10000)
	case "uri", "url":
		v = fmt.Sprintf("https://example.com/%s/%04d", name, h%10000)
	case "byte":
		v = base64.StdEncoding.EncodeToString([]byte("alianzatest"))
	case "int32", "int64":
		v = strconv.FormatUint(h%1000, 10)
	case "ipv4":
		v = fmt.Sprintf("192.0.2.%d", 1+h%254)
	case "ipv6":
		v = fmt.Sprintf("2001:db8::%x", 1+h%0xfffe)
	case "hostname":
		v = fmt.Sprintf("host%d.example.com", h%100)
	default:
		lower := strings.ToLower(name)
		switch {
		case lower == "id" || strings.HasSuffix(name, "Id"):
			var b [16]byte
			binary.BigEndian.PutUint64(b[:8], h)
			binary.BigEndian.PutUint64(b[8:], g.hash(path+"#"))
			v = strings.TrimLeft(base64.RawURLEncoding.EncodeToString(b[:]), "-_")
		case strings.Contains(lower, "phonenumber") || strings.Contains(lower, "telephonenumber") || lower == "tn" || strings.HasSuffix(lower, "tn"):
			v = fmt.Sprintf("801555%04d", h%10000)
		case name == "":
			v = "sample-" + fmt.Sprintf("%04x", h%0x10000)
		default:
			v = fmt.Sprintf("%s-%04x", name, h%0x10000)
		}
	}
	if s.Pattern != "" {
		v = fitPattern(s.Pattern, v)
	}
	if s.MaxLength != nil && uint64(len(v)) > *s.MaxLength {
		v = v[:*s.MaxLength]
	}
	for uint64(len(v)) < s.MinLength {
		v += "x"
	}
	return v
}

// lastName is the last property name of a position ("a.b[0].c." → "c").
func lastName(path string) string {
	path = strings.TrimSuffix(path, ".")
	if i := strings.LastIndex(path, "."); i >= 0 {
		path = path[i+1:]
	}
	if i := strings.Index(path, "["); i >= 0 {
		path = path[:i]
	}
	return path
}

// fitPattern returns v when it matches pattern, else the first of a few
// candidates that does (digits, a locale, base64, a slug, ...), else v.
func fitPattern(pattern, v string) string {
	re, _ := regexp.Compile(pattern)
	if re == nil || re.MatchString(v) {
		return v
	}
	for _, c := range []string{"1234", "21XX", "en-US", "QUJDRA==", "sample-1", "*dd", "abc", "A1", "1"} {
		if re.MatchString(c) {
			return c
		}
	}
	return v
}

// isJSONRequest reports whether a request's body is to be read as JSON:
// its Content-Type says JSON, or it names none.
func isJSONRequest(r *http.Request) bool {
	ct := r.Header.Get("Content-Type")
	if ct == "" {
		return true
	}
	mt, _, err := mime.ParseMediaType(ct)
	return err != nil || isJSONType(mt)
}

// fixMediaTypes repairs the spec's schemas of bodies that are not JSON,
// which no body could match as written: the validator reads a text body
// (text/plain, text/csv) as a string and a binary one (octet-stream,
// audio, XML) as bytes, yet the spec types them as a boolean, an object or
// an array of base64 lines. Those become a string and a binary string.
// Multipart request schemas that list properties without saying
// `type: object` get it, as the validator needs it to read the form.
func fixMediaTypes(doc *openapi3.T) {
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			if rb := op.RequestBody; rb != nil && rb.Value != nil {
				for ct, mt := range rb.Value.Content {
					if ct == "multipart/form-data" && mt.Schema != nil && mt.Schema.Value != nil && mt.Schema.Value.Type == nil && len(mt.Schema.Value.Properties) > 0 {
						cp := *mt.Schema.Value
						cp.Type = &openapi3.Types{openapi3.TypeObject}
						mt.Schema = &openapi3.SchemaRef{Value: &cp}
					}
				}
			}
			for _, resp := range op.Responses.Map() {
				if resp == nil || resp.Value == nil {
					continue
				}
				for ct, mt := range resp.Value.Content {
					if isJSONType(ct) || mt.Schema == nil || mt.Schema.Value == nil {
						continue
					}
					s := mt.Schema.Value
					switch {
					case strings.HasPrefix(ct, "text/") && !s.Type.Is(openapi3.TypeString):
						text := &openapi3.Schema{Type: &openapi3.Types{openapi3.TypeString}}
						switch {
						case s.Type.Is(openapi3.TypeBoolean):
							text.Example = "true"
						case s.Type.Is(openapi3.TypeInteger) || s.Type.Is(openapi3.TypeNumber):
							text.Example = "1"
						}
						mt.Schema = &openapi3.SchemaRef{Value: text}
					case !strings.HasPrefix(ct, "text/") && !(s.Type.Is(openapi3.TypeString) && s.Format == "binary"):
						mt.Schema = &openapi3.SchemaRef{Value: &openapi3.Schema{Type: &openapi3.Types{openapi3.TypeString}, Format: "binary"}}
					}
				}
			}
		}
	}
}
