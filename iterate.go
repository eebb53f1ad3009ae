package alianza

import (
	"context"
	"errors"
	"iter"
	"reflect"
	"unsafe"

	"github.com/go-json-experiment/json/jsontext"
)

// Streaming lists. Every list method that returns a slice has an Iter
// twin returning an iter.Seq2[T, error] that decodes the answer element by
// element as it arrives: the body is never held whole and neither is the
// list, so memory stays flat whatever the list's length, and the
// whole-body cap (WithMaxBodySize) does not apply. Two bounds take its
// place:
//
//   - Each element may take at most MaxStreamElement bytes (or the
//     client's WithMaxBodySize, if smaller), counting the comma and
//     whitespace before it: a larger one, or a run of whitespace as long,
//     ends the iteration with an error matching ErrTooLarge.
//   - The whole iteration, the time the loop's body takes included, is
//     bounded by the client's per-attempt timeout (WithTimeout, 60 s by
//     default) and by ctx: the response body is read as the loop goes, and
//     both end it. A consumer that does slow work per element should
//     collect first, or raise WithTimeout.

// MaxStreamElement is the most bytes one element of a streamed list (an
// Iter method's sequence) may take, the comma and whitespace before it
// included; the client's WithMaxBodySize lowers it when smaller. A larger
// element ends the sequence with an error matching ErrTooLarge and wrapping
// an *http.MaxBytesError. A stream has no cap on its total size: the
// client's per-attempt timeout (WithTimeout) and the context bound the
// whole iteration instead, the time the loop's body takes included.
const MaxStreamElement = 1 << 20

// elemWindow is how far, in elements' caps, the stream's decoder may read
// past the start of the element it is on. The reader hands it no more than
// that, so its buffer (the element whole, or a run of whitespace) stays
// bounded; the decoder only asks for more when it needs the bytes, so an
// element within the cap never meets the window's end.
const elemWindow = 4

// errStopped ends a streamed answer whose consumer stopped iterating.
var errStopped = errors.New("alianza: iteration stopped")

// listSink receives the elements of a streamed list (see each).
type listSink struct {
	typ     reflect.Type // the slice type, for errors
	elem    func(ed *elemDecoder, b []byte) error
	yielded bool // an element reached the consumer: the answer is never replayed
}

// each sends r and yields the elements of its answer, a JSON array, one at
// a time, decoded with the same rules as the slice a call of r would
// return. A failure is yielded once, with T's zero value, and ends the
// sequence; a consumer that stops early closes the response. Each run of
// the sequence sends r again. It is to an Iter method what callValue is to
// a slice method: a generated list method uses it the same way.
//
// Before the first element, a lost connection or retryable status is
// retried as for any call; once an element has been yielded, the answer is
// never replayed (that would yield it twice) and a broken stream ends the
// sequence with a *TransportError.
func each[T any](ctx context.Context, c *Client, r *request) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var v, zero T
		stopped := false
		rc := *r
		rc.out = &v // a decode error scrubs the secrets the element holds
		sink := &listSink{typ: reflect.TypeFor[[]T]()}
		sink.elem = func(ed *elemDecoder, b []byte) error {
			v = zero
			if err := ed.decode(b, unsafe.Pointer(&v), &v); err != nil {
				return err
			}
			sink.yielded = true
			if !yield(v, nil) {
				stopped = true
				return errStopped
			}
			return nil
		}
		rc.sink = sink
		if err := c.do(ctx, &rc); err != nil && !stopped {
			yield(zero, err)
		}
	}
}

// failed is the sequence of a call refused before sending: err, once.
func failed[T any](err error) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		yield(zero, err)
	}
}

// iterate streams a list to its sink, element by element.
func (d *bodyDecode) iterate(s *listSink) error {
	maxElem := min(d.c.cfg.maxBody, MaxStreamElement)
	d.limit = maxElem
	dec := newListDecoder(&d.br)
	d.br.window(0, maxElem)
	err := d.streamElements(dec, s, maxElem)
	if err == errStopped {
		return err
	}
	if err == nil {
		d.br.window(dec.InputOffset(), maxElem)
		err = d.listEnd(dec)
	} else {
		err = d.listFailure(err)
	}
	if be, ok := err.(*bodyReadError); ok {
		be.partial = s.yielded
	}
	return err
}

// streamElements reads the list's elements into the sink, each within
// its window of the body.
func (d *bodyDecode) streamElements(dec *jsontext.Decoder, s *listSink, maxElem int64) error {
	null, err := openList(dec, s.typ)
	if err != nil || null {
		return err
	}
	ed := newElemDecoder(s.typ.Elem())
	for {
		start := dec.InputOffset()
		d.br.window(start, maxElem)
		b, done, err := nextElement(dec)
		if err != nil || done {
			return err
		}
		if dec.InputOffset()-start > maxElem {
			d.br.tooLarge = true
			return ErrTooLarge
		}
		if err := s.elem(ed, b); err != nil {
			return err
		}
	}
}

// window lets the reader read up to elemWindow element caps past start,
// the offset where the current element's bytes begin.
func (b *cappedBody) window(start, maxElem int64) {
	b.left = start + elemWindow*maxElem - b.read
}
