package alianza

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const tnListURL = testBaseURL + "/v2/partition/" + testPartition + "/account/A1/telephonenumber"

// numbersBody is a list of n numbers, each with its own phone number.
func numbersBody(n int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = fmt.Sprintf(`{"id":"1801%07d","phoneNumber":"1801%07d","carrierStatus":"ACTIVE","e911Address":{"city":"Lindon","latitude":"40.3"},"customerServiceRecord":{"customerName":"N%d"}}`, i, i, i)
	}
	return "[" + strings.Join(parts, ",\n") + "]"
}

func jsonResponder(body string) httpmock.Responder {
	return httpmock.NewStringResponder(200, body).HeaderSet(http.Header{"Content-Type": {"application/json"}})
}

// collect runs a sequence to its end.
func collect[T any](seq func(func(T, error) bool)) ([]T, []error) {
	var out []T
	var errs []error
	for v, err := range seq {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, v)
	}
	return out, errs
}

// ListIter yields what List returns, element for element.
func TestListIterMatchesList(t *testing.T) {
	c, mt := newMockClient(t)
	mt.RegisterResponder(http.MethodGet, tnListURL, jsonResponder(numbersBody(300)))
	want, err := c.TelephoneNumbers.List(t.Context(), "A1", nil)
	require.NoError(t, err)
	got, errs := collect(c.TelephoneNumbers.ListIter(t.Context(), "A1", nil))
	require.Empty(t, errs)
	assert.Equal(t, want, got)
	assert.Equal(t, "Lindon", got[299].E911Address.City)
	assert.Equal(t, CarrierStatusActive, got[0].CarrierStatus)
}

// Every list has an Iter twin that sends the same request.
func TestEveryListHasAnIter(t *testing.T) {
	c, mt := newMockClient(t)
	var urls []string // the list calls below run first, in order; then the sequences
	mt.RegisterNoResponder(func(r *http.Request) (*http.Response, error) {
		urls = append(urls, r.URL.String())
		return jsonResponder(`[{"id":"X1"}]`)(r)
	})
	ctx := t.Context()
	checks := []struct {
		name string
		list func() (int, error)
		iter func() (int, []error)
	}{
		{"Accounts.List", lenOf(c.Accounts.List(ctx)), countOf(c.Accounts.ListIter(ctx))},
		{"Accounts.Search", lenOf(c.Accounts.Search(ctx, "x")), countOf(c.Accounts.SearchIter(ctx, "x"))},
		{"Accounts.UserProductPlans", lenOf(c.Accounts.UserProductPlans(ctx, "A1")), countOf(c.Accounts.UserProductPlansIter(ctx, "A1"))},
		{"BusinessLines.List", lenOf(c.BusinessLines.List(ctx, "A1")), countOf(c.BusinessLines.ListIter(ctx, "A1"))},
		{"CallingPlans.ListProducts", lenOf(c.CallingPlans.ListProducts(ctx, nil)), countOf(c.CallingPlans.ListProductsIter(ctx, nil))},
		{"CallingPlans.List", lenOf(c.CallingPlans.List(ctx, "A1", nil)), countOf(c.CallingPlans.ListIter(ctx, "A1", nil))},
		{"DeviceLines.List", lenOf(c.DeviceLines.List(ctx, "A1", nil)), countOf(c.DeviceLines.ListIter(ctx, "A1", nil))},
		{"DeviceLines.ListByAccount", lenOf(c.DeviceLines.ListByAccount(ctx, "A1")), countOf(c.DeviceLines.ListByAccountIter(ctx, "A1"))},
		{"DeviceLines.ListTypes", lenOf(c.DeviceLines.ListTypes(ctx, nil)), countOf(c.DeviceLines.ListTypesIter(ctx, nil))},
		{"SipTrunks.List", lenOf(c.SipTrunks.List(ctx, "A1")), countOf(c.SipTrunks.ListIter(ctx, "A1"))},
		{"TelephoneNumbers.Search", lenOf(c.TelephoneNumbers.Search(ctx, &SearchTelephoneNumbersOptions{Q: "801"})),
			countOf(c.TelephoneNumbers.SearchIter(ctx, &SearchTelephoneNumbersOptions{Q: "801"}))},
		{"TelephoneNumbers.List", lenOf(c.TelephoneNumbers.List(ctx, "A1", nil)), countOf(c.TelephoneNumbers.ListIter(ctx, "A1", nil))},
		{"TelephoneNumbers.ListInventory", lenOf(c.TelephoneNumbers.ListInventory(ctx)), countOf(c.TelephoneNumbers.ListInventoryIter(ctx))},
		{"Users.List", lenOf(c.Users.List(ctx, "A1", nil)), countOf(c.Users.ListIter(ctx, "A1", nil))},
	}
	require.Len(t, urls, len(checks))
	for i, tc := range checks {
		n, err := tc.list()
		require.NoError(t, err, tc.name)
		m, errs := tc.iter()
		require.Empty(t, errs, tc.name)
		assert.Equal(t, 1, n, tc.name)
		assert.Equal(t, n, m, tc.name)
		require.Len(t, urls, len(checks)+i+1, "%s: one request", tc.name)
		assert.Equal(t, urls[i], urls[len(checks)+i], "%s: the same request", tc.name)
	}
}

func lenOf[T any](s []T, err error) func() (int, error) {
	return func() (int, error) { return len(s), err }
}

func countOf[T any](seq func(func(T, error) bool)) func() (int, []error) {
	return func() (int, []error) {
		out, errs := collect(seq)
		return len(out), errs
	}
}

// Bad input is refused before sending, as one error.
func TestListIterRefusesBadInput(t *testing.T) {
	c, _ := newMockClient(t)
	out, errs := collect(c.TelephoneNumbers.ListIter(t.Context(), "", nil))
	assert.Empty(t, out)
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], ErrValidation)
}

// A consumer that stops early gets no more elements and no error, and the
// response is closed.
func TestListIterStopsEarly(t *testing.T) {
	c, mt := newMockClient(t)
	closed := make(chan struct{})
	mt.RegisterResponder(http.MethodGet, tnListURL, func(*http.Request) (*http.Response, error) {
		resp := httpmock.NewStringResponse(200, numbersBody(100))
		resp.Header.Set("Content-Type", "application/json")
		resp.Body = &closeNotify{ReadCloser: resp.Body, closed: closed}
		return resp, nil
	})
	n := 0
	for v, err := range c.TelephoneNumbers.ListIter(t.Context(), "A1", nil) {
		require.NoError(t, err)
		require.Equal(t, fmt.Sprintf("1801%07d", n), v.PhoneNumber)
		n++
		if n == 3 {
			break
		}
	}
	assert.Equal(t, 3, n)
	select {
	case <-closed:
	default:
		t.Fatal("the response body was not closed")
	}
}

type closeNotify struct {
	io.ReadCloser
	closed chan struct{}
}

func (c *closeNotify) Close() error {
	close(c.closed)
	return c.ReadCloser.Close()
}

// A bad element ends the sequence with ErrDecode after the good ones.
func TestListIterDecodeError(t *testing.T) {
	c, mt := newMockClient(t)
	mt.RegisterResponder(http.MethodGet, tnListURL, jsonResponder(`[{"id":"1"},{"id":2},{"id":"3"}]`))
	out, errs := collect(c.TelephoneNumbers.ListIter(t.Context(), "A1", nil))
	require.Len(t, out, 1)
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], ErrDecode)

	for body, want := range map[string]error{`null`: ErrEmptyBody, ``: ErrEmptyBody, `[{"id":"1"}] x`: ErrDecode, `{"id":"1"}`: ErrDecode, `[{"id":"1"}`: ErrDecode} {
		mt.RegisterResponder(http.MethodGet, tnListURL, jsonResponder(body))
		_, errs := collect(c.TelephoneNumbers.ListIter(t.Context(), "A1", nil))
		require.Len(t, errs, 1, body)
		assert.ErrorIs(t, errs[0], want, body)
	}
}

// The whole-body cap does not apply to a stream; the per-element cap
// does, to elements and to whitespace between them alike.
func TestListIterElementCap(t *testing.T) {
	const limit = 4 << 10
	c, mt := newMockClient(t, WithMaxBodySize(limit))
	body := numbersBody(200) // far over the 4 KiB whole-body cap
	require.Greater(t, len(body), 8*limit)
	mt.RegisterResponder(http.MethodGet, tnListURL, jsonResponder(body))
	_, err := c.TelephoneNumbers.List(t.Context(), "A1", nil)
	require.ErrorIs(t, err, ErrTooLarge, "the slice method keeps the whole-body cap")
	out, errs := collect(c.TelephoneNumbers.ListIter(t.Context(), "A1", nil))
	require.Empty(t, errs)
	assert.Len(t, out, 200)

	for name, body := range map[string]string{
		"element":    `[{"id":"1"},{"id":"` + strings.Repeat("x", limit) + `"}]`,
		"whitespace": `[{"id":"1"},` + strings.Repeat(" ", 100*limit) + `{"id":"2"}]`,
		"trailing":   `[{"id":"1"}]` + strings.Repeat("\n", 100*limit),
	} {
		mt.RegisterResponder(http.MethodGet, tnListURL, jsonResponder(body))
		out, errs := collect(c.TelephoneNumbers.ListIter(t.Context(), "A1", nil))
		assert.Len(t, out, 1, name)
		require.Len(t, errs, 1, name)
		assert.ErrorIs(t, errs[0], ErrTooLarge, name)
		var mbe *http.MaxBytesError
		require.ErrorAs(t, errs[0], &mbe, name)
		assert.Equal(t, int64(limit), mbe.Limit, name)
	}
}

// A stream broken before any element is retried like any lost answer; one
// broken after an element reached the consumer is not replayed, which
// would yield that element twice.
func TestListIterBrokenStream(t *testing.T) {
	var calls atomic.Int64
	breakAfter := func(n int) httpmock.Responder {
		return func(*http.Request) (*http.Response, error) {
			calls.Add(1)
			resp := httpmock.NewStringResponse(200, "")
			resp.Header.Set("Content-Type", "application/json")
			resp.Body = io.NopCloser(io.MultiReader(strings.NewReader(numbersBody(10)[:n]), errReader{}))
			return resp, nil
		}
	}
	c, mt := newMockClient(t, fastRetries)

	mt.RegisterResponder(http.MethodGet, tnListURL, breakAfter(500))
	out, errs := collect(c.TelephoneNumbers.ListIter(t.Context(), "A1", nil))
	require.Len(t, errs, 1)
	var te *TransportError
	require.ErrorAs(t, errs[0], &te)
	assert.NotEmpty(t, out)
	assert.EqualValues(t, 1, calls.Load(), "elements were yielded: never sent again")

	calls.Store(0)
	mt.RegisterResponder(http.MethodGet, tnListURL, breakAfter(5))
	out, errs = collect(c.TelephoneNumbers.ListIter(t.Context(), "A1", nil))
	require.Len(t, errs, 1)
	assert.Empty(t, out)
	assert.Greater(t, calls.Load(), int64(1), "nothing was yielded: retried")
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errors.New("connection reset by peer") }

// A sequence can be run again: each run sends the request again.
func TestListIterRunsTwice(t *testing.T) {
	c, mt := newMockClient(t)
	mt.RegisterResponder(http.MethodGet, tnListURL, jsonResponder(numbersBody(5)))
	seq := c.TelephoneNumbers.ListIter(context.Background(), "A1", nil)
	a, _ := collect(seq)
	b, _ := collect(seq)
	assert.Equal(t, a, b)
	assert.Len(t, a, 5)
	assert.Equal(t, 2, mt.GetCallCountInfo()["GET "+tnListURL])
}

// A list padded with whitespace past the cap fails with ErrTooLarge,
// which wraps an *http.MaxBytesError naming the cap.
func TestListWhitespacePastCap(t *testing.T) {
	const limit = 64 << 10
	c, mt := newMockClient(t, WithMaxBodySize(limit))
	mt.RegisterResponder(http.MethodGet, tnListURL, jsonResponder("["+strings.Repeat(" \n\t", limit)+"]"))
	_, err := c.TelephoneNumbers.List(t.Context(), "A1", nil)
	require.ErrorIs(t, err, ErrTooLarge)
	var mbe *http.MaxBytesError
	require.ErrorAs(t, err, &mbe)
	assert.Equal(t, int64(limit), mbe.Limit)
	var de *DecodeError
	require.ErrorAs(t, err, &de)
	assert.Equal(t, http.StatusOK, de.StatusCode)
}

// The context ends a stream in the middle: the sequence yields what
// arrived, then the context's error, and the request is not sent again.
func TestListIterContextEndsStream(t *testing.T) {
	f := newFakeAlianza(t)
	c := f.client()
	const rt = "GET /v2/partition/{}/account/{}/telephonenumber"
	f.on(rt, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		body := numbersBody(20)
		_, _ = io.WriteString(w, body[:len(body)-1]+",") // 20 numbers, then nothing more
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	})
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	n := 0
	var last error
	for _, err := range c.TelephoneNumbers.ListIter(ctx, "A1", nil) {
		if err != nil {
			last = err
			continue
		}
		if n++; n == 20 {
			cancel() // the 21st never comes
		}
	}
	assert.Equal(t, 20, n)
	require.ErrorIs(t, last, context.Canceled)
	assert.Equal(t, 1, f.count(rt))
}

// The client's timeout bounds the whole iteration.
func TestListIterBoundedByTimeout(t *testing.T) {
	f := newFakeAlianza(t)
	c := f.client(WithTimeout(300 * time.Millisecond))
	const rt = "GET /v2/partition/{}/account/{}/telephonenumber"
	f.on(rt, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `[{"id":"1"},`)
		w.(http.Flusher).Flush()
		<-r.Context().Done() // the rest never comes
	})
	out, errs := collect(c.TelephoneNumbers.ListIter(t.Context(), "A1", nil))
	assert.Len(t, out, 1)
	require.Len(t, errs, 1)
	var te *TransportError
	require.ErrorAs(t, errs[0], &te, "%v", errs[0])
	assert.Equal(t, 1, f.count(rt), "an element was yielded: not sent again")
}

// A whole answer over the cap wraps the same *http.MaxBytesError.
func TestWholeAnswerPastCap(t *testing.T) {
	const limit = 1 << 10
	c, mt := newMockClient(t, WithMaxBodySize(limit))
	mt.RegisterResponder(http.MethodGet, testBaseURL+"/v2/partition/"+testPartition+"/account/A1",
		jsonResponder(`{"id":"A1","accountName":"`+strings.Repeat("x", 2*limit)+`"}`))
	_, err := c.Accounts.Get(t.Context(), "A1")
	require.ErrorIs(t, err, ErrTooLarge)
	var mbe *http.MaxBytesError
	require.ErrorAs(t, err, &mbe)
	assert.Equal(t, int64(limit), mbe.Limit)
}

// A cap smaller than the stream decoder's own buffer still lets small
// elements through: the read-ahead is not mistaken for a large element.
func TestListIterTinyCap(t *testing.T) {
	c, mt := newMockClient(t, WithMaxBodySize(256)) // the login answer must fit
	parts := make([]string, 2000)
	for i := range parts {
		parts[i] = fmt.Sprintf(`{"id":"%d"}`, i)
	}
	mt.RegisterResponder(http.MethodGet, tnListURL, jsonResponder("["+strings.Join(parts, ",")+"]"))
	out, errs := collect(c.TelephoneNumbers.ListIter(t.Context(), "A1", nil))
	require.Empty(t, errs)
	assert.Len(t, out, 2000)
}
