package alianzatest

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-alianza/alianza"
)

// A deprecated operation is answered 501 with a message that says why.
func TestDeprecatedOperationSaysSo(t *testing.T) {
	srv, err := Start()
	require.NoError(t, err)
	defer srv.Close()
	c, err := srv.NewClient()
	require.NoError(t, err)
	var out bytes.Buffer
	_, err = c.Do(context.Background(), alianza.Operation{Method: http.MethodGet,
		Path: "/v2/partition/{partitionId}/report/account/csv", Accept: "text/csv"}, &out)
	var apiErr *alianza.APIError
	require.True(t, errors.As(err, &apiErr), "%v", err)
	assert.Equal(t, http.StatusNotImplemented, apiErr.StatusCode)
	assert.Contains(t, err.Error(), "accountCSVReport: the spec marks it deprecated")
}
