package alianzatest

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3filter"
)

type inputT = *openapi3filter.RequestValidationInput

// apiError is a PublicApiException {status, messages}.
func apiError(status int, messages ...string) reply {
	return reply{status: status, body: map[string]any{"status": status, "messages": messages}}
}

// fail answers with an error in the shape the spec documents for this
// operation and status: PublicApiException, ApiSingleException
// (retrieveAccount 400) or text/plain (some SIP-trunk operations). A status
// the operation does not document becomes 400, which all of them do.
func (c *call) fail(status int, format string, args ...any) reply {
	msg := fmt.Sprintf(format, args...)
	resps := c.rt.op.Responses
	r := resps.Value(strconv.Itoa(status))
	if r == nil && resps.Value("400") != nil {
		status = http.StatusBadRequest
		r = resps.Value("400")
	}
	if r != nil && r.Value != nil {
		if mt := r.Value.Content.Get("application/json"); mt != nil && mt.Schema != nil && strings.HasSuffix(mt.Schema.Ref, "/ApiSingleException") {
			return reply{status: status, body: map[string]any{"code": status, "message": msg}}
		}
		if r.Value.Content.Get("application/json") == nil && r.Value.Content.Get("text/plain") != nil {
			return reply{status: status, body: plainText(msg)}
		}
	}
	return apiError(status, msg)
}

func (c *call) notFound(what, id string) reply {
	return c.fail(http.StatusNotFound, "%s %s not found", what, id)
}

func (c *call) badRequest(format string, args ...any) reply {
	return c.fail(http.StatusBadRequest, format, args...)
}

func ok(body any) reply { return reply{status: http.StatusOK, body: body} }

func noContent() reply { return reply{status: http.StatusNoContent} }

// emptyOK is 200 with no body (deleteAccount, archive, logOut).
func emptyOK() reply { return reply{status: http.StatusOK} }
