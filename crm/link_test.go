package crm

import (
	"context"
	"testing"

	"github.com/go-alianza/alianza"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestForAccountNil: ForAccount(nil) is a link without a value; using it
// is a validation error before any request, not a panic.
func TestForAccountNil(t *testing.T) {
	srv, c := newTest(t, nil)
	var l Link
	require.NotPanics(t, func() { l = ForAccount(nil) })
	assert.Nil(t, l.Account())
	_, err := c.Panel(context.Background(), l)
	assert.ErrorIs(t, err, alianza.ErrValidation)
	assert.Empty(t, srv.Requests())
}
