package alianza

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestREADMEListsEveryService: the README's service tables name every
// service of Client, one row each, so a new service cannot go unlisted.
func TestREADMEListsEveryService(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	require.NoError(t, err)
	ct := reflect.TypeFor[Client]()
	n := 0
	for i := range ct.NumField() {
		f := ct.Field(i)
		if !f.IsExported() || !strings.HasSuffix(f.Type.String(), "Service") {
			continue
		}
		n++
		assert.Equal(t, 1, strings.Count(string(readme), "\n| `"+f.Name+"` |"), "README rows for Client.%s", f.Name)
	}
	assert.Greater(t, n, 40)
}
