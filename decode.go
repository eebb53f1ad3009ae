package alianza

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"sync"

	"github.com/go-json-experiment/json/jsontext"
	jsonv1 "github.com/go-json-experiment/json/v1"
)

// decode reads a 2xx body into r.out, refusing anything that is not exactly
// one JSON value of acceptable type: a zero value presented as success is
// worse than an error.
//
// Lists stream through decodeList, so a 9 MB list is never held as bytes.
// Every other answer is one object of a few KiB: it is read whole into a
// pooled buffer and decoded by go-json-experiment's v1 package, which is
// encoding/json's behaviour (the same tags, methods, case folding and
// errors by kind) on the encoding/json/v2 engine that Go 1.27 ships, and
// several times faster than json.NewDecoder(body).Decode or json.Unmarshal
// on the same bytes (BENCHMARKS.md has the figures).
func (c *Client) decode(resp *http.Response, r *request, path string) error {
	if r.do != nil && r.do.w != nil && r.method != http.MethodHead {
		return copyAnswer(resp, r, path)
	}
	if r.out == nil || r.method == http.MethodHead {
		drainClose(resp.Body)
		return nil
	}
	d := &bodyDecode{c: c, resp: resp, r: r, path: path, ct: resp.Header.Get("Content-Type"), limit: c.cfg.maxBody}
	d.br = cappedBody{r: resp.Body, left: c.cfg.maxBody}
	defer func() {
		if d.br.eof {
			_ = resp.Body.Close() // nothing left to drain
			return
		}
		drainClose(resp.Body)
	}()
	if badContentType(d.ct) {
		_, _ = d.br.Read(make([]byte, 256))
		return d.fail(ErrContentType, nil)
	}
	if r.sink != nil {
		return d.iterate(r.sink)
	}
	if list, ok := listTarget(r.out); ok {
		return d.stream(list)
	}
	return d.whole()
}

// copyAnswer copies a 2xx body to Client.Do's io.Writer, as Client.Do streams it: no size
// cap (the caller chose where it goes) and no content-type check, but the
// request's context still ends the copy. A broken connection is a lost
// answer, as for a decoded body; a failing writer ends the call.
func copyAnswer(resp *http.Response, r *request, path string) error {
	defer drainClose(resp.Body)
	src := &trackedBody{r: resp.Body}
	_, err := io.Copy(r.do.w, src)
	switch {
	case src.err != nil:
		return &bodyReadError{err: src.err, partial: src.n > 0}
	case err != nil:
		return fmt.Errorf("alianza: %s %s: write the answer: %w", r.method, path, err)
	}
	return nil
}

// trackedBody counts the bytes read from a body and keeps its read error,
// to tell it from the writer's.
type trackedBody struct {
	r   io.Reader
	n   int64
	err error
}

func (b *trackedBody) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	b.n += int64(n)
	if err != nil && err != io.EOF {
		b.err = err
	}
	return n, err
}

// bodyDecode is one 2xx body being decoded.
type bodyDecode struct {
	c    *Client
	resp *http.Response
	r    *request
	path string
	ct   string
	br   cappedBody
	// limit is the cap cappedBody enforces: the whole body's, or for a
	// streamed list one element's.
	limit int64
}

// fail builds the DecodeError, quoting the start of the body with every
// secret in it redacted.
func (d *bodyDecode) fail(kind, err error) error {
	e := &DecodeError{
		StatusCode: d.resp.StatusCode, Method: d.r.method, Path: d.path, ContentType: d.ct,
		kind: kind, Err: err,
	}
	if !d.r.secretAnswer {
		// Secrets in the body that the client does not know (a GET of a
		// SIP trunk returns its password): redacted by field name, and by
		// value where the partial decode already holds them.
		scrub := appendSecrets(d.c.scrubList(d.r), reflect.ValueOf(d.r.out), 0)
		e.Snippet = scrubString(truncate(string(redactCredentialPairs(redactSecretFields(d.br.head[:d.br.nhead]))), 256), scrub)
	}
	return e
}

// readFailure is the error for a body that could not be read to its end,
// or nil: a broken connection (a lost answer, which the request loop
// treats as a transport failure) or a body over the size cap.
func (d *bodyDecode) readFailure() error {
	if d.br.readErr != nil {
		return &bodyReadError{err: d.br.readErr}
	}
	if d.br.tooLarge {
		return d.fail(ErrTooLarge, fmt.Errorf("limit is %d bytes: %w", d.limit, &http.MaxBytesError{Limit: d.limit}))
	}
	return nil
}

// maxPresize bounds the buffer allocated up front from a Content-Length:
// the header is the server's word, and a lie must not cost a 64 MiB
// allocation before a byte arrives. Larger bodies grow as they are read.
const maxPresize = 1 << 20

// whole reads the body to its end, then decodes it.
func (d *bodyDecode) whole() error {
	buf := d.c.bodies.get()
	defer d.c.bodies.put(buf)
	// readAll's error is one d.br has recorded (a broken connection or
	// the size cap); readFailure makes it the right error.
	data, _ := readAll(&d.br, (*buf)[:0], min(d.resp.ContentLength, maxPresize))
	*buf = data
	if err := d.readFailure(); err != nil {
		return err
	}
	if d.br.first == 0 {
		if d.r.emptyOK {
			return nil
		}
		return d.fail(ErrEmptyBody, nil)
	}
	if err := unmarshal(data, d.r.out); err != nil {
		var se *jsonv1.SyntaxError
		if errors.As(err, &se) && int(se.Offset) >= len(data) {
			return d.fail(ErrDecode, io.ErrUnexpectedEOF) // cut short: the JSON ended early
		}
		return d.fail(ErrDecode, err)
	}
	if d.br.first == 'n' && !d.r.emptyOK {
		return d.fail(ErrEmptyBody, errors.New("body is null"))
	}
	return nil
}

// unmarshal is the engine whole answers are decoded with.
// FuzzDecodeEngines holds it to encoding/json's results, model by model.
func unmarshal(data []byte, v any) error { return jsonv1.Unmarshal(data, v) }

// readAll appends r's bytes to b until io.EOF. hint, when positive, is the
// expected length: with it the buffer is sized once and the final read
// that sees io.EOF needs no growth.
func readAll(r io.Reader, b []byte, hint int64) ([]byte, error) {
	if hint > 0 {
		b = slices.Grow(b, int(hint)+1)
	}
	for {
		if len(b) == cap(b) {
			b = slices.Grow(b, 512) // append's growth: amortised doubling
		}
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
	}
}

// stream decodes a list element by element (see decodeList).
func (d *bodyDecode) stream(list reflect.Value) error {
	dec := newListDecoder(&d.br)
	if err := decodeList(dec, list, min(d.resp.ContentLength, d.c.cfg.maxBody)); err != nil {
		return d.listFailure(err)
	}
	return d.listEnd(dec)
}

// listEnd checks what follows a decoded list: nothing but whitespace, and
// not a null where the call wants an answer.
func (d *bodyDecode) listEnd(dec *jsontext.Decoder) error {
	if d.br.first == 'n' && !d.r.emptyOK {
		return d.fail(ErrEmptyBody, errors.New("body is null"))
	}
	if _, err := dec.ReadToken(); err != io.EOF {
		if ferr := d.readFailure(); ferr != nil {
			return ferr
		}
		return d.fail(ErrDecode, errors.New("trailing data after the JSON value"))
	}
	return nil
}

// listFailure turns a list decoding error into the call's error.
func (d *bodyDecode) listFailure(err error) error {
	if ferr := d.readFailure(); ferr != nil {
		return ferr
	}
	switch {
	case errors.Is(err, io.EOF) && d.br.first == 0:
		if d.r.emptyOK {
			return nil
		}
		return d.fail(ErrEmptyBody, nil)
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return d.fail(ErrDecode, io.ErrUnexpectedEOF)
	}
	return d.fail(ErrDecode, err)
}

// badContentType refuses HTML (a proxy's error page) and XML. A missing
// Content-Type, JSON with any parameters, or text/plain holding JSON pass.
func badContentType(ct string) bool {
	if ct == "" || ct == "application/json" || strings.HasPrefix(ct, "application/json;") {
		return false // what the platform sends: no need to parse it
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return false
	}
	return mt == "text/html" || mt == "application/xhtml+xml" || strings.HasSuffix(mt, "/xml") || strings.HasSuffix(mt, "+xml")
}

// cappedBody caps a success body, remembers its first 256 bytes for error
// snippets, and its first non-space byte to tell null and empty apart.
type cappedBody struct {
	r        io.Reader
	left     int64
	tooLarge bool
	eof      bool  // the body returned io.EOF: the connection can be reused as is
	readErr  error // the connection's error, not the JSON's
	read     int64 // bytes read so far
	first    byte
	head     [256]byte
	nhead    int
}

func (b *cappedBody) Read(p []byte) (int, error) {
	if b.left <= 0 {
		// Over the cap: see whether anything is left to tell "exactly at the
		// limit" from "too large".
		var one [1]byte
		if n, _ := b.r.Read(one[:]); n > 0 {
			b.tooLarge = true
			return 0, ErrTooLarge
		}
		return 0, io.EOF
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.r.Read(p)
	b.eof = err == io.EOF
	if err != nil && !b.eof {
		b.readErr = err
	}
	b.left -= int64(n)
	b.read += int64(n)
	if b.nhead < len(b.head) {
		b.nhead += copy(b.head[b.nhead:], p[:n])
	}
	if b.first == 0 {
		for _, c := range p[:n] {
			if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
				b.first = c
				break
			}
		}
	}
	return n, err
}

// bodyPool recycles the buffers whole bodies are read into: after the
// first calls, reading an answer allocates nothing. Buffers that grew past
// maxPooledBody (a rare large object) are left to the collector rather
// than kept alive by the pool.
type bodyPool struct{ p sync.Pool }

const maxPooledBody = 64 << 10

func (bp *bodyPool) get() *[]byte {
	if b, ok := bp.p.Get().(*[]byte); ok {
		return b
	}
	b := make([]byte, 0, 4<<10)
	return &b
}

func (bp *bodyPool) put(b *[]byte) {
	if cap(*b) > maxPooledBody {
		return
	}
	*b = (*b)[:0]
	bp.p.Put(b)
}
