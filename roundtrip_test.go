package alianza

import (
	"encoding/json"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// assertRoundTrip re-encodes v and checks it against the JSON it was
// decoded from: every key written with a non-zero value is a key of raw
// with the same value (date-times compared as instants, a quoted number as
// the number), and every key of raw with a non-zero value is written back,
// so a field whose JSON name drifted from the spec fails. Zero values may
// be dropped (omitempty) or written where raw has none.
func assertRoundTrip(t *testing.T, raw []byte, v any) {
	t.Helper()
	out, err := json.Marshal(v)
	require.NoError(t, err)
	var want, got any
	require.NoError(t, json.Unmarshal(raw, &want))
	require.NoError(t, json.Unmarshal(out, &got))
	compareJSON(t, "$", want, got)
}

// decodeRoundTrip decodes raw strictly into v (unknown fields refused),
// then checks the round trip.
func decodeRoundTrip(t *testing.T, raw []byte, v any) {
	t.Helper()
	decodeStrict(t, raw, v)
	assertRoundTrip(t, raw, v)
}

func compareJSON(t *testing.T, path string, want, got any) {
	t.Helper()
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !assert.True(t, ok, "%s: want an object, got %v", path, got) {
			return
		}
		for k, gv := range g {
			wv, ok := w[k]
			if !ok {
				// A zero value may be written where the fixture has none
				// (a field sent always, like directoryListing.listed);
				// anything else is a name the fixture does not know.
				assert.True(t, isZeroJSON(gv), "%s.%s: written but not in the fixture (field name drift?)", path, k)
				continue
			}
			compareJSON(t, path+"."+k, wv, gv)
		}
		for k, wv := range w {
			if _, ok := g[k]; !ok {
				assert.True(t, isZeroJSON(wv), "%s.%s: fixture value %v lost on re-encode", path, k, wv)
			}
		}
	case []any:
		g, ok := got.([]any)
		if assert.True(t, ok, "%s: want an array, got %v", path, got) && assert.Len(t, g, len(w), path) {
			for i := range w {
				compareJSON(t, fmt.Sprintf("%s[%d]", path, i), w[i], g[i])
			}
		}
	case string:
		if n, ok := got.(float64); ok && w == strconv.FormatFloat(n, 'f', -1, 64) {
			return // the guides quote some numbers (billingCycleDay "1"); the spec's number is sent
		}
		if wt, err := time.Parse(time.RFC3339Nano, w); err == nil {
			if gs, ok := got.(string); ok {
				if gt, err := time.Parse(time.RFC3339Nano, gs); err == nil {
					assert.True(t, wt.Equal(gt), "%s: %s != %s", path, w, gs)
					return
				}
			}
		}
		assert.Equal(t, want, got, path)
	default:
		assert.Equal(t, want, got, path)
	}
}

// isZeroJSON reports a value omitempty may drop: false, 0, "", null, an
// empty array, or an object whose values are all such.
func isZeroJSON(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case bool:
		return !x
	case float64:
		return x == 0
	case string:
		return x == ""
	case []any:
		return len(x) == 0
	case map[string]any:
		for _, e := range x {
			if !isZeroJSON(e) {
				return false
			}
		}
		return true
	}
	return false
}
