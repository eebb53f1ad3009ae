package credential

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestIsName(t *testing.T) {
	for _, n := range []string{"password", "sipPassword", "authToken", "apiSecret", "pwdHash", "PIN", "wirelessPin", "apiKey"} {
		assert.True(t, IsName(n), n)
	}
	for _, n := range []string{"tokens", "pinned", "username", "passwordPolicy", ""} {
		assert.False(t, IsName(n), n)
	}
}
