package alianzatest

import (
	"bytes"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestServerFormatHidesSecrets(t *testing.T) {
	srv, a, _ := setup(t, WithCredentials("ops@example.com", "s3cret-Pa55"))
	is := assert.New(t)
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%d"} {
		out := fmt.Sprintf(verb, srv)
		is.NotContains(out, "s3cret-Pa55", verb)
		is.NotContains(out, a.token, verb)
		is.Contains(out, srv.URL(), verb)
		is.Contains(out, srv.PartitionID(), verb)
	}
	// Inside other values too.
	out := fmt.Sprintf("%+v", struct{ S *Server }{srv})
	is.NotContains(out, "s3cret-Pa55")
	is.NotContains(out, a.token)

	var buf bytes.Buffer
	slog.New(slog.NewTextHandler(&buf, nil)).Info("fake", "srv", srv)
	is.Contains(buf.String(), "srv.url="+srv.URL())
	is.Contains(buf.String(), "srv.partition="+srv.PartitionID())
	is.NotContains(buf.String(), "s3cret-Pa55")

	var nilSrv *Server
	is.Equal("alianzatest.Server(nil)", fmt.Sprint(nilSrv))
	is.True(strings.HasPrefix(srv.String(), "alianzatest.Server{URL: http://"))
}
