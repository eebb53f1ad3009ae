package alianza

import (
	"encoding/json"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A known enum value decodes to its constant (the same string data, no
// allocation); an unknown one is kept as sent; Valid tells them apart.
func TestEnumDecodingInternsKnownValues(t *testing.T) {
	var got struct {
		Status AccountStatus `json:"status"`
		Later  AccountStatus `json:"later"`
		Null   AccountStatus `json:"null"`
	}
	require.NoError(t, json.Unmarshal([]byte(`{"status":"DISABLED","later":"ARCHIVED","null":null}`), &got))
	assert.Equal(t, AccountStatusDisabled, got.Status)
	assert.Equal(t, unsafe.StringData(string(AccountStatusDisabled)), unsafe.StringData(string(got.Status)), "the constant itself")
	assert.True(t, got.Status.Valid())
	assert.Equal(t, AccountStatus("ARCHIVED"), got.Later, "a value the platform adds later decodes")
	assert.False(t, got.Later.Valid())
	assert.Empty(t, got.Null)

	body := []byte(`{"status":"ACTIVE"}`)
	allocs := testing.AllocsPerRun(100, func() {
		var v struct {
			Status AccountStatus `json:"status"`
		}
		_ = json.Unmarshal(body, &v)
	})
	plain := testing.AllocsPerRun(100, func() {
		var v struct {
			Status string `json:"status"`
		}
		_ = json.Unmarshal(body, &v)
	})
	assert.Less(t, allocs, plain, "a known value allocates no string")
}

// Every enum's values list holds exactly what Valid accepts, and each
// decodes to itself.
func TestEnumValuesRoundTrip(t *testing.T) {
	for _, v := range timeZoneValues {
		var got TimeZone
		require.NoError(t, json.Unmarshal([]byte(`"`+string(v)+`"`), &got))
		assert.Equal(t, v, got)
		assert.True(t, got.Valid())
	}
	var lower TimeZone
	require.NoError(t, json.Unmarshal([]byte(`"us/mountain"`), &lower))
	assert.False(t, lower.Valid(), "values are case-sensitive, as the spec's enum")
}
