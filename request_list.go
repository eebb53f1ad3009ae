package alianza

import (
	"encoding/json"
	"io"
	"reflect"

	"github.com/go-json-experiment/json/jsontext"
	jsonv1 "github.com/go-json-experiment/json/v1"
)

// Alianza's lists are unpaged arrays that reach megabytes (10,000 numbers
// on an account are ~9 MB). Decoding one with json.Decoder.Decode first
// buffers the whole array in the decoder, then grows the result slice by
// append, which copies it over and over and allocates about five times its
// final size. decodeList instead reads the array element by element, so
// the decoder holds one element at a time, into chunks that are copied once
// into a slice of the exact length: about twice the final size in all.
//
// When the body's length is known (Content-Length), the copy is skipped as
// well: once the first chunk is full, the bytes its elements took give an
// estimate of the whole list's length, and one slice of that capacity plus
// an eighth takes every element directly. Lists are uniform enough (the
// same model, the same fields) for the estimate to hold; when it does not,
// a list longer than estimated goes on in chunks as above, and a slice
// left more than a quarter empty is trimmed by one copy, so a bad estimate
// costs what the chunks cost, never more memory kept. BENCHMARKS.md gives
// the measured cost of the copy.

// Chunk sizes, in elements: small lists fit in the first chunk and are
// returned as they are; big ones use chunks of up to maxListChunk.
const (
	firstListChunk = 8
	maxListChunk   = 1024
)

// maxListEstimate bounds the memory an estimated slice may take, as a
// multiple of the body's length: a struct is rarely more than a few times
// the JSON it comes from, and a wild estimate (tiny first elements, huge
// ones after) must not allocate far beyond what the body can fill.
const maxListEstimate = 4

var unmarshalerType = reflect.TypeFor[json.Unmarshaler]()

// listTarget returns the slice out points to, when out is a pointer to a
// plain slice that decodeList can fill.
func listTarget(out any) (reflect.Value, bool) {
	t := reflect.TypeOf(out)
	if t == nil || t.Kind() != reflect.Pointer || t.Elem().Kind() != reflect.Slice || t.Implements(unmarshalerType) {
		return reflect.Value{}, false
	}
	v := reflect.ValueOf(out)
	if v.IsNil() {
		return reflect.Value{}, false
	}
	return v.Elem(), true
}

// v1Options are encoding/json's rules for the json/v2 engine: the list
// stream's syntax checks (invalid UTF-8 and repeated keys accepted, as
// encoding/json accepts them) and the general decoding of an element.
var v1Options = jsonv1.DefaultOptionsV1()

// newListDecoder reads one JSON value from r, token by token.
func newListDecoder(r io.Reader) *jsontext.Decoder { return jsontext.NewDecoder(r, v1Options) }

// openList reads the start of a list: '[' (false) or null (true). Any
// other value is an *json.UnmarshalTypeError, as json.Decoder.Decode gives.
func openList(dec *jsontext.Decoder, t reflect.Type) (null bool, err error) {
	tok, err := dec.ReadToken()
	if err != nil {
		return false, err
	}
	switch tok.Kind() {
	case 'n':
		return true, nil
	case '[':
		return false, nil
	}
	return false, &json.UnmarshalTypeError{Value: kindName(tok.Kind()), Type: t, Offset: dec.InputOffset()}
}

// nextElement returns the bytes of the list's next element, valid until
// the next read, or done at the closing ']'.
func nextElement(dec *jsontext.Decoder) (elem []byte, done bool, err error) {
	if dec.PeekKind() == ']' {
		_, err := dec.ReadToken()
		return nil, err == nil, err
	}
	elem, err = dec.ReadValue()
	return elem, false, err
}

// decodeList decodes one JSON array, or null, into the slice v with the
// same result as json.Decoder.Decode: null gives nil, [] an empty non-nil
// slice. size is the length of the whole body when known, else -1. Each
// element is read whole by dec, then decoded by an elemDecoder (its fast
// path, or the general engine).
func decodeList(dec *jsontext.Decoder, v reflect.Value, size int64) error {
	st := v.Type()
	null, err := openList(dec, st)
	if err != nil {
		return err
	}
	if null {
		v.SetZero()
		return nil
	}
	ed := newElemDecoder(st.Elem())
	var full []reflect.Value // chunks already filled
	var chunk reflect.Value  // the chunk being filled
	n, total := 0, 0         // elements in chunk, in all
	for {
		b, done, err := nextElement(dec)
		if err != nil {
			return err
		}
		if done {
			break
		}
		if !chunk.IsValid() || n == chunk.Len() {
			est := 0
			if chunk.IsValid() && len(full) == 0 {
				est = estimatedLen(st.Elem(), size, dec.InputOffset(), total)
			}
			switch {
			case !chunk.IsValid():
				chunk, n = reflect.MakeSlice(st, firstListChunk, firstListChunk), 0
			case est > total:
				// The first chunk grows into the estimated slice: its
				// elements are the only ones copied.
				grown := reflect.MakeSlice(st, est, est)
				reflect.Copy(grown, chunk)
				chunk = grown
			default:
				full = append(full, chunk)
				next := min(2*chunk.Len(), maxListChunk)
				chunk, n = reflect.MakeSlice(st, next, next), 0
			}
		}
		p := chunk.Index(n).Addr()
		if err := ed.decode(b, p.UnsafePointer(), p.Interface()); err != nil {
			return err
		}
		n++
		total++
	}
	switch {
	case total == 0:
		v.Set(reflect.MakeSlice(st, 0, 0))
	case len(full) == 0 && (chunk.Len() == firstListChunk || n >= chunk.Len()-chunk.Len()/4):
		// The first chunk, or an estimated slice at least three quarters
		// full: kept as it is.
		v.Set(chunk.Slice3(0, n, n))
	default:
		out := reflect.MakeSlice(st, total, total)
		off := 0
		for _, c := range full {
			off += reflect.Copy(out.Slice(off, total), c)
		}
		reflect.Copy(out.Slice(off, total), chunk.Slice(0, n))
		v.Set(out)
	}
	return nil
}

// estimatedLen is the capacity for a list whose first done elements took
// the first offset bytes of a body of size bytes: the elements the rest of
// the body would hold at the same rate, plus an eighth. It is 0 (no
// estimate) when size is unknown or the estimate would exceed
// maxListEstimate times the body.
func estimatedLen(elem reflect.Type, size, offset int64, done int) int {
	if size <= offset || offset <= 0 || done <= 0 {
		return 0
	}
	perElem := max(offset/int64(done), 1)
	est := int64(done) + (size-offset)/perElem
	est += est/8 + 1
	if sz := int64(elem.Size()); sz > 0 && est > maxListEstimate*size/sz {
		return 0
	}
	return int(est)
}

// kindName names a JSON value's kind the way json.UnmarshalTypeError does.
func kindName(k jsontext.Kind) string {
	switch k {
	case '{':
		return "object"
	case 't', 'f':
		return "bool"
	case '0':
		return "number"
	case '"':
		return "string"
	}
	return "array"
}
