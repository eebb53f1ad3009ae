package alianzatest

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strconv"
)

// Transport returns an http.RoundTripper that serves requests in process,
// without a socket: the request's host is ignored and the Server answers
// it directly, faults included. A dropped connection (DropNext,
// ApplyThenDropNext, FaultRate) is a round-trip error matching io.EOF, as
// a connection closed by the peer is over HTTP. Use it through the SDK
// with
//
//	srv.NewClient(alianza.WithHTTPClient(&http.Client{Transport: srv.Transport()}))
func (s *Server) Transport() http.RoundTripper { return memTransport{s: s} }

type memTransport struct{ s *Server }

func (t memTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	var body []byte
	if req.Body != nil {
		b, err := io.ReadAll(req.Body)
		_ = req.Body.Close()
		if err != nil {
			return nil, err
		}
		body = b
	}
	if err := req.Context().Err(); err != nil {
		return nil, err
	}
	in := req.Clone(req.Context())
	in.Body = io.NopCloser(bytes.NewReader(body))
	in.ContentLength = int64(len(body))
	in.RequestURI = req.URL.RequestURI()
	if in.Host == "" {
		in.Host = req.URL.Host
	}
	w := &memWriter{header: http.Header{}}
	t.s.ServeHTTP(w, in)
	if err := req.Context().Err(); err != nil {
		return nil, err
	}
	if w.dropped {
		return nil, fmt.Errorf("%w: %w", errDropped, io.EOF)
	}
	if w.status == 0 {
		w.status = http.StatusOK
	}
	h := w.header.Clone()
	h.Set("Content-Length", strconv.Itoa(w.body.Len()))
	return &http.Response{
		Status:        strconv.Itoa(w.status) + " " + http.StatusText(w.status),
		StatusCode:    w.status,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        h,
		Body:          io.NopCloser(bytes.NewReader(w.body.Bytes())),
		ContentLength: int64(w.body.Len()),
		Request:       req,
	}, nil
}

// memWriter is the ResponseWriter of an in-process round trip.
type memWriter struct {
	header  http.Header
	status  int
	body    bytes.Buffer
	dropped bool
}

func (w *memWriter) Header() http.Header { return w.header }

func (w *memWriter) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
}

func (w *memWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.body.Write(b)
}
