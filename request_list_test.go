package alianza

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/go-json-experiment/json/jsontext"
	jsonv1 "github.com/go-json-experiment/json/v1"
	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// decodeList must give exactly what json.Decoder.Decode gives, at every
// length around the chunk boundaries.
func TestDecodeListMatchesDecode(t *testing.T) {
	type item struct {
		ID   string   `json:"id"`
		Tags []string `json:"tags"`
		N    int      `json:"n"`
	}
	lengths := []int{0, 1, firstListChunk - 1, firstListChunk, firstListChunk + 1, 100, 3*maxListChunk + 7}
	for _, n := range lengths {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			var b strings.Builder
			b.WriteString(" [")
			for i := range n {
				if i > 0 {
					b.WriteString(",\n")
				}
				fmt.Fprintf(&b, `{"id":"N%d","tags":["a%d"],"n":%d}`, i, i, i)
			}
			b.WriteString("] ")
			var want []item
			require.NoError(t, json.NewDecoder(strings.NewReader(b.String())).Decode(&want))
			// Without the body's length (chunks), and with it (estimate).
			for _, size := range []int64{-1, int64(b.Len())} {
				var got []item
				list, ok := listTarget(&got)
				require.True(t, ok)
				require.NoError(t, decodeList(newListDecoder(strings.NewReader(b.String())), list, size))
				assert.Equal(t, want, got, "size %d", size)
				assert.NotNil(t, got, "[] decodes to an empty, non-nil slice")
				assert.Equal(t, len(got), cap(got), "no slack visible")
			}
		})
	}
}

// A list whose elements change size after the first chunk decodes right
// whichever way the estimate errs, and a uniform one skips the chunks.
func TestDecodeListEstimate(t *testing.T) {
	type item struct {
		ID  string `json:"id"`
		Pad string `json:"pad"`
	}
	build := func(small, big int) string {
		parts := make([]string, 0, small+big)
		for i := range small {
			parts = append(parts, fmt.Sprintf(`{"id":"s%d"}`, i))
		}
		for i := range big {
			parts = append(parts, fmt.Sprintf(`{"id":"b%d","pad":"%s"}`, i, strings.Repeat("x", 200)))
		}
		return "[" + strings.Join(parts, ",") + "]"
	}
	decode := func(t *testing.T, body string, size int64) []item {
		t.Helper()
		var got []item
		list, _ := listTarget(&got)
		require.NoError(t, decodeList(newListDecoder(strings.NewReader(body)), list, size))
		return got
	}
	for _, body := range []string{
		build(firstListChunk, 500),    // estimate far too small: chunks follow
		build(0, firstListChunk) + "", // exactly the first chunk
		"[" + strings.Repeat(`{"id":"big","pad":"`+strings.Repeat("y", 400)+`"},`, firstListChunk) + strings.Repeat(`{},`, 300) + `{}]`, // estimate far too big: trimmed
		build(0, 2000), // uniform
	} {
		var want []item
		require.NoError(t, json.Unmarshal([]byte(body), &want))
		assert.Equal(t, want, decode(t, body, int64(len(body))))
		assert.Equal(t, want, decode(t, body, -1))
	}

	uniform := build(0, 2000)
	chunked := testing.AllocsPerRun(5, func() { decode(t, uniform, -1) })
	estimated := testing.AllocsPerRun(5, func() { decode(t, uniform, int64(len(uniform))) })
	assert.Less(t, estimated, chunked, "the estimate saves the chunks")

	assert.Zero(t, estimatedLen(reflect.TypeFor[item](), -1, 100, 8), "unknown size")
	assert.Zero(t, estimatedLen(reflect.TypeFor[[4096]byte](), 1000, 24, 8), "bounded by maxListEstimate x the body")
	assert.Equal(t, 8+9+2, estimatedLen(reflect.TypeFor[item](), 200, 100, 8), "8 done, 8 to come, plus an eighth")
}

func TestDecodeListNullAndErrors(t *testing.T) {
	decode := func(body string) ([]string, error) {
		out := []string{"stale"}
		list, _ := listTarget(&out)
		err := decodeList(newListDecoder(strings.NewReader(body)), list, -1)
		return out, err
	}
	out, err := decode("null")
	require.NoError(t, err)
	assert.Nil(t, out)

	_, err = decode(`{"a":1}`)
	var te *json.UnmarshalTypeError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, "object", te.Value)

	// Elements are decoded by the engine of whole answers, and fail
	// with its errors.
	_, err = decode(`["a",1]`)
	var ete *jsonv1.UnmarshalTypeError
	require.ErrorAs(t, err, &ete)

	_, err = decode(`["a" "b"]`)
	var se *jsontext.SyntacticError
	assert.ErrorAs(t, err, &se)

	_, err = decode(`["a",`)
	assert.Error(t, err)
}

// Targets decodeList must leave to the plain decoder.
type ownList []string

func (l *ownList) UnmarshalJSON(b []byte) error { *l = ownList{string(b)}; return nil }

func TestListTargetOnlyPlainSlices(t *testing.T) {
	var s []string
	var own ownList
	var m map[string]any
	var p *[]string
	for _, tc := range []struct {
		out  any
		want bool
	}{{&s, true}, {&own, false}, {&m, false}, {s, false}, {p, false}, {nil, false}} {
		_, ok := listTarget(tc.out)
		assert.Equal(t, tc.want, ok, "%T", tc.out)
	}
}

// Through the client: a list decodes, a truncated one is ErrDecode, null
// is ErrEmptyBody, and trailing data is refused.
func TestListResponsesThroughDo(t *testing.T) {
	cases := []struct {
		body string
		want error
	}{
		{`[{"id":"18015550001","phoneNumber":"18015550001","e911Address":{"address":{"city":"Lindon"},"latitude":"40.3"}}]`, nil},
		{`[{"id":"18015550001"},`, ErrDecode},
		{`null`, ErrEmptyBody},
		{`[] []`, ErrDecode},
		{``, ErrEmptyBody},
	}
	for _, tc := range cases {
		t.Run(tc.body, func(t *testing.T) {
			c, mt := newMockClient(t)
			mt.RegisterResponder(http.MethodGet, testBaseURL+"/v2/partition/PART1/account/A1/telephonenumber",
				httpmock.NewStringResponder(200, tc.body).HeaderSet(http.Header{"Content-Type": {"application/json"}}))
			got, err := c.TelephoneNumbers.List(context.Background(), "A1", nil)
			if tc.want != nil {
				assert.True(t, errors.Is(err, tc.want), "%v", err)
				return
			}
			require.NoError(t, err)
			require.Len(t, got, 1)
			assert.Equal(t, "Lindon", got[0].E911Address.City, "the nested e911 form still decodes")
			assert.Equal(t, "40.3", got[0].E911Address.Latitude)
		})
	}
}

// The fast path carries the list element types (a type with its own
// UnmarshalJSON, Device, has none) and a list of numbers whose values
// repeat costs about one allocation per number, the string of its id (its
// phone number is the same string): the fast path is taken and the string
// cache shares the rest.
func TestListFastPath(t *testing.T) {
	for _, v := range []any{Account{}, AccountView{}, AvailableUserProductPlan{}, BusinessLine{}, CallingPlanProduct{},
		CallingPlan{}, DeviceType{}, SipTrunk{}, TelephoneNumberView{}, AccountTelephoneNumber{}, User{}} {
		assert.NotNil(t, planFor(reflect.TypeOf(v)), "%T", v)
	}
	assert.Nil(t, planFor(reflect.TypeFor[Device]()), "Device decodes itself")

	var one bytes.Buffer
	require.NoError(t, json.Compact(&one, fixture(t, "bench/telephonenumber.json")))
	const n = 1000
	parts := make([]string, n)
	for i := range parts {
		parts[i] = strings.ReplaceAll(one.String(), "18015551212", fmt.Sprintf("1801%07d", i))
	}
	body := []byte("[" + strings.Join(parts, ",") + "]")
	var got []AccountTelephoneNumber
	decode := func() {
		got = nil
		list, _ := listTarget(&got)
		require.NoError(t, decodeList(newListDecoder(bytes.NewReader(body)), list, int64(len(body))))
	}
	perNumber := testing.AllocsPerRun(5, decode) / n
	var want []AccountTelephoneNumber
	require.NoError(t, json.Unmarshal(body, &want))
	assert.Equal(t, want, got)
	t.Logf("%.2f allocations per number", perNumber)
	assert.LessOrEqual(t, perNumber, 1.5)
}
