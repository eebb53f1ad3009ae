package alianza

import (
	"encoding/json"
	"fmt"
	"reflect"
)

// Alianza's lists are unpaged arrays that reach megabytes (10,000 numbers
// on an account are ~9 MB). Decoding one with json.Decoder.Decode first
// buffers the whole array in the decoder, then grows the result slice by
// append, which copies it over and over and allocates about five times its
// final size. decodeList instead reads the array element by element, so
// the decoder holds one element at a time, into chunks that are copied once
// into a slice of the exact length: about twice the final size in all.

// Chunk sizes, in elements: small lists fit in the first chunk and are
// returned as they are; big ones use chunks of up to maxListChunk.
const (
	firstListChunk = 8
	maxListChunk   = 1024
)

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

// decodeList decodes one JSON array, or null, into the slice v with the
// same result as dec.Decode: null gives nil, [] an empty non-nil slice.
func decodeList(dec *json.Decoder, v reflect.Value) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if tok == nil {
		v.SetZero()
		return nil
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		return &json.UnmarshalTypeError{Value: tokenKind(tok), Type: v.Type(), Offset: dec.InputOffset()}
	}
	st := v.Type()
	var full []reflect.Value // chunks already filled
	var chunk reflect.Value  // the chunk being filled
	n, total := 0, 0         // elements in chunk, in all
	for dec.More() {
		if !chunk.IsValid() || n == chunk.Len() {
			size := firstListChunk
			if chunk.IsValid() {
				full = append(full, chunk)
				size = min(2*chunk.Len(), maxListChunk)
			}
			chunk, n = reflect.MakeSlice(st, size, size), 0
		}
		if err := dec.Decode(chunk.Index(n).Addr().Interface()); err != nil {
			return err
		}
		n++
		total++
	}
	if _, err := dec.Token(); err != nil { // the closing ]
		return err
	}
	switch {
	case total == 0:
		v.Set(reflect.MakeSlice(st, 0, 0))
	case len(full) == 0:
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

// tokenKind names a JSON token the way json.UnmarshalTypeError does.
func tokenKind(tok json.Token) string {
	switch tok.(type) {
	case json.Delim:
		return "object"
	case bool:
		return "bool"
	case float64, json.Number:
		return "number"
	case string:
		return "string"
	}
	return fmt.Sprintf("%T", tok)
}
