package alianza

import (
	"encoding"
	"encoding/binary"
	"encoding/json"
	"reflect"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"

	jsonv1 "github.com/go-json-experiment/json/v1"
)

// A fast path for list elements. A list of 10,000 numbers is 10,000
// objects of one shape, and the platform writes them all alike: the
// spec's field names spelled exactly, strings without escapes, true and
// false. fastPlan describes a struct type once (its fields' JSON names,
// offsets and kinds) and elemDecoder fills an element from its JSON bytes
// with that plan: no reflection per field, and each string taken from a
// small cache of the list's recent strings (512 of them), so the "ACTIVE"
// or "Lindon" of every element is one string, not 10,000.
//
// The fast path only takes input whose result it knows to be the one
// encoding/json gives, and gives up on anything else: a key that matches
// a field only case-insensitively, a key or string with an escape or
// invalid UTF-8, a value of the wrong JSON kind, null for a type with an
// UnmarshalText method. The element is then zeroed and decoded again by
// the general engine (go-json-experiment's v1 package, encoding/json's
// rules), so giving up changes the cost, never the result.
// FuzzListDecode holds the two to encoding/json's results.
//
// The bytes it reads are one element as the stream's jsontext.Decoder
// returned it, already checked to be valid JSON: the fast path never
// needs to refuse broken syntax itself.

// fastKind is how one field is decoded.
type fastKind uint8

const (
	fkString fastKind = iota // a string kind without decoding methods
	fkText                   // a string kind with UnmarshalText (the SDK's enums): string values only
	fkBool                   // a bool
	fkStruct                 // a nested struct with its own plan
	fkOther                  // anything else: this value alone goes to the general engine
)

type fastField struct {
	off  uintptr
	kind fastKind
	typ  reflect.Type
	sub  *fastPlan // fkStruct
}

// fastPlan is the fast path's view of one struct type.
type fastPlan struct {
	byName map[string]int      // exact JSON name -> field
	folded map[string]struct{} // ASCII-lower-cased JSON names
	fields []fastField
	// strict refuses every key that is not a field's exact name, instead
	// of skipping unknown ones: for E911Address, whose UnmarshalJSON
	// treats an "address" key specially.
	strict bool
}

var (
	unmarshalerIface     = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshalerIface = reflect.TypeFor[encoding.TextUnmarshaler]()
	e911Type             = reflect.TypeFor[E911Address]()
	e911FlatType         = reflect.TypeFor[e911Flat]()
)

// plans caches the fast plan of each element type, as encoding/json caches
// its field lists: derived from the type alone, built once, never changed,
// so it holds no state of any client or call. A nil entry means no fast
// path.
var plans sync.Map // reflect.Type -> *fastPlan

// planFor returns t's fast plan, or nil when t has none (not a struct,
// embedded fields, ",string" options, its own decoding methods).
func planFor(t reflect.Type) *fastPlan {
	if p, ok := plans.Load(t); ok {
		return p.(*fastPlan)
	}
	p := buildPlan(t, 0)
	plans.Store(t, p)
	return p
}

// maxPlanDepth bounds nested struct plans; deeper structs decode with the
// general engine.
const maxPlanDepth = 8

func buildPlan(t reflect.Type, depth int) *fastPlan {
	if t.Kind() != reflect.Struct || depth > maxPlanDepth {
		return nil
	}
	pt := reflect.PointerTo(t)
	if pt.Implements(unmarshalerIface) || pt.Implements(textUnmarshalerIface) {
		return nil
	}
	p := &fastPlan{byName: map[string]int{}, folded: map[string]struct{}{}}
	for i := range t.NumField() {
		sf := t.Field(i)
		if sf.Anonymous {
			return nil // embedding: encoding/json's field rules, not repeated here
		}
		if !sf.IsExported() {
			continue
		}
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if strings.Contains(","+opts+",", ",string,") {
			return nil
		}
		if name == "" {
			name = sf.Name
		}
		if !plainName(name) {
			return nil
		}
		lower := strings.ToLower(name)
		if _, dup := p.folded[lower]; dup {
			return nil // two fields one key matches: left to the general engine
		}
		p.folded[lower] = struct{}{}
		p.byName[name] = len(p.fields)
		p.fields = append(p.fields, fieldPlan(sf, depth))
	}
	return p
}

// plainName reports whether a JSON name is ASCII letters, digits, '_' and
// '-': names whose case folding is ASCII's.
func plainName(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return s != ""
}

func fieldPlan(sf reflect.StructField, depth int) fastField {
	f := fastField{off: sf.Offset, typ: sf.Type, kind: fkOther}
	pt := reflect.PointerTo(sf.Type)
	switch {
	case sf.Type == e911Type:
		// E911Address.UnmarshalJSON decodes a flat object of its exact
		// field names as its method-less twin does.
		if sub := buildPlan(e911FlatType, depth+1); sub != nil {
			sub.strict = true
			f.kind, f.sub = fkStruct, sub
		}
	case pt.Implements(unmarshalerIface):
	case pt.Implements(textUnmarshalerIface):
		if sf.Type.Kind() == reflect.String {
			f.kind = fkText
		}
	case sf.Type.Kind() == reflect.String:
		f.kind = fkString
	case sf.Type.Kind() == reflect.Bool:
		f.kind = fkBool
	case sf.Type.Kind() == reflect.Struct:
		if sub := buildPlan(sf.Type, depth+1); sub != nil {
			f.kind, f.sub = fkStruct, sub
		}
	}
	return f
}

// stringCache holds recent strings of one list by a hash of their bytes,
// two per bucket: a number's two dozen strings then rarely evict each
// other, as they would in a one-way cache of the same size.
type stringCache [512]string

// str returns b as a string, the cached one when it holds the same bytes.
func (c *stringCache) str(b []byte) string {
	if len(b) < 2 || len(b) > 64 {
		return string(b) // one-byte strings are the runtime's already
	}
	var h uint64
	if len(b) >= 8 {
		h = binary.LittleEndian.Uint64(b) ^ binary.LittleEndian.Uint64(b[len(b)-8:])*0x9E3779B97F4A7C15
	} else {
		for _, x := range b {
			h = h<<8 | uint64(x)
		}
	}
	h ^= uint64(len(b))
	h *= 0xff51afd7ed558ccd
	i := (h >> 56) * 2
	if s := c[i]; s == string(b) {
		return s
	}
	if s := c[i+1]; s == string(b) {
		c[i], c[i+1] = s, c[i] // most recent first
		return s
	}
	s := string(b)
	c[i], c[i+1] = s, c[i]
	return s
}

// elemDecoder decodes the elements of one list.
type elemDecoder struct {
	typ  reflect.Type
	plan *fastPlan
	strs stringCache
}

func newElemDecoder(t reflect.Type) *elemDecoder {
	return &elemDecoder{typ: t, plan: planFor(t)}
}

// decode decodes one element's JSON b into the zero value at p (of the
// decoder's type; out is the same pointer as an interface).
func (d *elemDecoder) decode(b []byte, p unsafe.Pointer, out any) error {
	if d.plan != nil {
		i := skipJSONSpace(b, 0)
		if j, ok := d.object(d.plan, b, i, p); ok && skipJSONSpace(b, j) == len(b) {
			return nil
		}
		reflect.NewAt(d.typ, p).Elem().SetZero()
	}
	return jsonv1.Unmarshal(b, out)
}

// object decodes the object at b[i:] (or null) into the struct at base,
// returning the offset after it. ok is false when the fast path gives up.
func (d *elemDecoder) object(p *fastPlan, b []byte, i int, base unsafe.Pointer) (int, bool) {
	if i >= len(b) {
		return i, false
	}
	if b[i] == 'n' {
		return i + len("null"), true // a struct ignores null
	}
	if b[i] != '{' {
		return i, false
	}
	i = skipJSONSpace(b, i+1)
	if i < len(b) && b[i] == '}' {
		return i + 1, true
	}
	for i < len(b) {
		key, j, ok := plainString(b, i)
		if !ok || !asciiOnly(key) {
			return i, false
		}
		i = skipJSONSpace(b, j)
		if i >= len(b) || b[i] != ':' {
			return i, false
		}
		i = skipJSONSpace(b, i+1)
		if k, found := p.byName[string(key)]; found {
			if i, ok = d.field(&p.fields[k], b, i, unsafe.Add(base, p.fields[k].off)); !ok {
				return i, false
			}
		} else {
			if p.strict || p.foldsTo(key) {
				return i, false
			}
			i = skipValue(b, i)
		}
		i = skipJSONSpace(b, i)
		if i >= len(b) {
			return i, false
		}
		switch b[i] {
		case ',':
			i = skipJSONSpace(b, i+1)
		case '}':
			return i + 1, true
		default:
			return i, false
		}
	}
	return i, false
}

// foldsTo reports whether key matches a field's name case-insensitively.
func (p *fastPlan) foldsTo(key []byte) bool {
	var buf [64]byte
	if len(key) > len(buf) {
		return true // longer than any field name; let the general engine judge
	}
	low := buf[:len(key)]
	for i, c := range key {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		low[i] = c
	}
	_, ok := p.folded[string(low)]
	return ok
}

// field decodes the value at b[i:] into the field at fp.
func (d *elemDecoder) field(f *fastField, b []byte, i int, fp unsafe.Pointer) (int, bool) {
	c := b[i]
	switch f.kind {
	case fkString:
		switch c {
		case '"':
			s, j, ok := plainString(b, i)
			if !ok {
				return i, false
			}
			*(*string)(fp) = d.strs.str(s)
			return j, true
		case 'n':
			return i + len("null"), true
		}
	case fkText:
		if c == '"' {
			s, j, ok := plainString(b, i)
			if !ok {
				return i, false
			}
			if err := reflect.NewAt(f.typ, fp).Interface().(encoding.TextUnmarshaler).UnmarshalText(s); err != nil {
				return i, false
			}
			return j, true
		}
	case fkBool:
		switch c {
		case 't':
			*(*bool)(fp) = true
			return i + len("true"), true
		case 'f':
			*(*bool)(fp) = false
			return i + len("false"), true
		case 'n':
			return i + len("null"), true
		}
	case fkStruct:
		return d.object(f.sub, b, i, fp)
	case fkOther:
		j := skipValue(b, i)
		if jsonv1.Unmarshal(b[i:j], reflect.NewAt(f.typ, fp).Interface()) != nil {
			return i, false
		}
		return j, true
	}
	return i, false
}

// plainString returns the contents of the JSON string at b[i:] and the
// offset after it, when it has no escape and is valid UTF-8.
func plainString(b []byte, i int) ([]byte, int, bool) {
	if i >= len(b) || b[i] != '"' {
		return nil, i, false
	}
	ascii := true
	for j := i + 1; j < len(b); j++ {
		switch c := b[j]; {
		case c == '"':
			s := b[i+1 : j]
			if !ascii && !utf8.Valid(s) {
				return nil, i, false
			}
			return s, j + 1, true
		case c == '\\' || c < 0x20:
			return nil, i, false
		case c >= utf8.RuneSelf:
			ascii = false
		}
	}
	return nil, i, false
}

func asciiOnly(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// skipValue returns the offset after the JSON value at b[i:], which the
// stream's decoder has already checked to be valid.
func skipValue(b []byte, i int) int {
	depth := 0
	for i < len(b) {
		switch b[i] {
		case '"':
			i++
			for i < len(b) && b[i] != '"' {
				if b[i] == '\\' {
					i++
				}
				i++
			}
			i++
			if depth == 0 {
				return i
			}
			continue
		case '{', '[':
			depth++
		case '}', ']':
			if depth == 0 {
				return i
			}
			depth--
			if depth == 0 {
				return i + 1
			}
		case ',', ' ', '\t', '\r', '\n', ':':
			if depth == 0 {
				return i
			}
		}
		i++
	}
	return i
}
