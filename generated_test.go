package alianza

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/go-alianza/alianza/internal/gen"
	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// generatedCall is one entry of calls_gen_test.go: a generated method
// called with the values of an environment, and the operation it must
// reach.
type generatedCall struct {
	fn     string   // "VoicemailBoxesService.Get"
	op     string   // its directive: "GET /v2/..."
	args   []string // the path arguments the call passes with placeholderEnv
	answer string   // a 200 body of the method's answer kind
	call   func(ctx context.Context, c *Client, e callEnv) error
}

// callEnv gives a generated call its values. Body and Query get a
// request and an options value already holding values their rules
// accept, which they may replace; Fields may be nil.
type callEnv interface {
	Arg(i int) string          // the i-th path argument, {partitionId} left out
	Body(req any)              // sets the JSON request req points to
	Query(opts any)            // sets the options opts points to
	Fields() map[string]string // the multipart form fields
}

// placeholderEnv gives the path arguments of the table's entry ("a1",
// "a2", ...) and leaves bodies and options as they are.
type placeholderEnv struct{ args []string }

func (e placeholderEnv) Arg(i int) string        { return e.args[i] }
func (placeholderEnv) Body(any)                  {}
func (placeholderEnv) Query(any)                 {}
func (placeholderEnv) Fields() map[string]string { return nil }

// TestGeneratedCallsReachTheirOperations drives every generated method
// through a client whose transport answers only the method's own operation
// (method and path with the call's arguments): it proves that each
// generated method sends what its directive says, and decodes an answer
// of its kind. The table holds one entry per operation no hand-written
// method claims.
func TestGeneratedCallsReachTheirOperations(t *testing.T) {
	hw, err := gen.ReadHandWritten(".")
	require.NoError(t, err)
	live := 0
	for _, op := range loadSpecOperations(t) {
		if !op.Deprecated {
			live++
		}
	}
	require.Len(t, generatedCalls, live-len(hw.Claimed), "one entry per live operation without a hand-written method")

	dirs := directives(t)
	seen := map[string]bool{}
	for _, gc := range generatedCalls {
		t.Run(gc.fn, func(t *testing.T) {
			require.Equal(t, gc.op, dirs[gc.fn], "the entry's operation is the method's directive")
			require.False(t, seen[gc.op], "operation called twice")
			seen[gc.op] = true

			c, mt := newMockClient(t)
			verb, tmpl, _ := strings.Cut(gc.op, " ")
			calls := 0
			mt.RegisterResponder(verb, testBaseURL+expandTest(t, tmpl, gc.args), func(r *http.Request) (*http.Response, error) {
				calls++
				resp := httpmock.NewStringResponse(http.StatusOK, gc.answer)
				if gc.answer == "streamed" {
					resp.Header.Set("Content-Type", "application/octet-stream")
				} else if gc.answer != "" {
					resp.Header.Set("Content-Type", "application/json")
				}
				return resp, nil
			})
			require.NoError(t, gc.call(context.Background(), c, placeholderEnv{args: gc.args}))
			assert.Equal(t, 1, calls, "requests to %s", gc.op)
		})
	}
}

func TestGeneratedPathAndJSONBody(t *testing.T) {
	c, mt := newMockClient(t)
	got := mockOp(t, mt, "VoicemailBoxesService.Create", []string{"A/1"}, http.StatusOK, `{"id":"VB1","locale":"en_US"}`)
	box, err := c.VoicemailBoxes.Create(context.Background(), "A/1", &CreateVoicemailBoxRequest{Locale: Ptr("en_US")})
	require.NoError(t, err)
	assert.Equal(t, "VB1", box.ID)
	assert.Equal(t, map[string]any{"locale": "en_US"}, got.BodyMap(t), "only the fields set are sent")

	_, err = c.VoicemailBoxes.Create(context.Background(), "..", nil)
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, []string{"accountId", "body"}, fieldNames(ve), "path and body problems together")
	assert.Equal(t, 1, got.Calls(), "the refused call sent nothing")
}

func TestGeneratedQueryAndRequiredQuery(t *testing.T) {
	c, mt := newMockClient(t)
	got := mockOp(t, mt, "ManagementUsersService.Search", nil, http.StatusOK, `{"totalRecords":1,"results":[{"firstName":"Ann"}]}`)
	page, err := c.ManagementUsers.Search(context.Background(), &ManagementUsersSearchOptions{SearchString: "ann", SortColumn: "firstName", Descending: Ptr(false), MaxResult: 10})
	require.NoError(t, err)
	require.Len(t, page.Results, 1)
	assert.Equal(t, "Ann", page.Results[0].FirstName)
	q := got.Query()
	assert.Equal(t, "ann", q.Get("searchString"))
	assert.Equal(t, "firstName", q.Get("sortColumn"))
	assert.Equal(t, "false", q.Get("descending"), "an explicit false is sent")
	assert.Equal(t, "10", q.Get("maxResult"))
	assert.False(t, q.Has("firstResultIndex"), "unset parameters are left out")
}

func TestGeneratedRequiredQuerySendsNothing(t *testing.T) {
	c, mt := newMockClient(t)
	for _, opts := range []*ManagementUsersSearchOptions{nil, {SearchString: "ann"}} {
		_, err := c.ManagementUsers.Search(context.Background(), opts)
		require.ErrorIs(t, err, ErrValidation)
		var ve *ValidationError
		require.ErrorAs(t, err, &ve)
		if opts == nil {
			assert.Equal(t, []string{"searchString", "sortColumn"}, fieldNames(ve))
		} else {
			assert.Equal(t, []string{"sortColumn"}, fieldNames(ve))
		}
		assert.Equal(t, err.Error(), opts.Validate().Error(), "Validate reports what the method refuses")
	}
	assert.Equal(t, 0, mt.GetTotalCallCount(), "nothing sent, not even a login")
	require.NoError(t, (&ManagementUsersSearchOptions{SearchString: "ann", SortColumn: "firstName"}).Validate())
}

func TestGeneratedMultipartUpload(t *testing.T) {
	c, mt := newMockClient(t)
	var contentType string
	var sent []byte
	calls := 0
	mt.RegisterResponder(http.MethodPut, testBaseURL+"/v2/partition/"+testPartition+"/account/A1/voicemailbox/VB1/greetings/PersonalBusy/media",
		func(r *http.Request) (*http.Response, error) {
			calls++
			contentType = r.Header.Get("Content-Type")
			sent, _ = io.ReadAll(r.Body)
			return httpmock.NewStringResponse(http.StatusOK, ""), nil
		})
	require.NoError(t, c.VoicemailBoxes.UploadGreeting(context.Background(), "A1", "VB1", GreetingTypePersonalBusy, "busy.wav", strings.NewReader("RIFF-audio")))

	mt2, params, err := mime.ParseMediaType(contentType)
	require.NoError(t, err)
	require.Equal(t, "multipart/form-data", mt2)
	part, err := multipart.NewReader(bytes.NewReader(sent), params["boundary"]).NextPart()
	require.NoError(t, err)
	assert.Equal(t, "file", part.FormName())
	assert.Equal(t, "busy.wav", part.FileName())
	content, _ := io.ReadAll(part)
	assert.Equal(t, "RIFF-audio", string(content))

	err = c.VoicemailBoxes.UploadGreeting(context.Background(), "A1", "", GreetingTypePersonalBusy, "busy.wav", nil)
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, []string{"voicemailBoxId", "files[0].content"}, fieldNames(ve))
	assert.Equal(t, 1, calls, "the refused upload sent nothing")
}

func TestGeneratedStreamedAnswer(t *testing.T) {
	c, mt := newMockClient(t)
	var accept string
	mt.RegisterResponder(http.MethodGet, testBaseURL+"/v2/partition/"+testPartition+"/account/A1/device/0004F2000001/csv",
		func(r *http.Request) (*http.Response, error) {
			accept = r.Header.Get("Accept")
			resp := httpmock.NewStringResponse(http.StatusOK, "LINE_NUMBER,LINE_TYPE\n1,USER\n")
			resp.Header.Set("Content-Type", "text/csv")
			return resp, nil
		})
	var buf bytes.Buffer
	require.NoError(t, c.Devices.GetCSV(context.Background(), "A1", "0004F2000001", &buf))
	assert.Equal(t, "LINE_NUMBER,LINE_TYPE\n1,USER\n", buf.String())
	assert.Equal(t, "text/csv", accept)

	var nilBuf *bytes.Buffer
	err := c.Devices.GetCSV(context.Background(), "A1", "0004F2000001", nilBuf)
	require.ErrorIs(t, err, ErrValidation)
	assert.Contains(t, err.Error(), "w")
	assert.Equal(t, 2, mt.GetTotalCallCount(), "the login and the one download")
}

// TestGeneratedIterator pages through 5 records 2 at a time: three pages,
// asked for with firstResultIndex 0, 2 and 4; a loop that stops after 3
// records asks for two pages only; an error is yielded once and ends it.
func TestGeneratedIterator(t *testing.T) {
	c, mt := newMockClient(t)
	var starts []string
	mt.RegisterResponder(http.MethodGet, testBaseURL+"/v2/partition/"+testPartition+"/managementuser/search",
		func(r *http.Request) (*http.Response, error) {
			q := r.URL.Query()
			starts = append(starts, q.Get("firstResultIndex"))
			from, _ := strconv.Atoi(q.Get("firstResultIndex"))
			if q.Get("searchString") == "boom" {
				return httpmock.NewStringResponse(http.StatusBadRequest, `{"message":"bad search"}`), nil
			}
			var rows []string
			for i := from; i < from+2 && i < 5; i++ {
				rows = append(rows, fmt.Sprintf(`{"firstName":"U%d"}`, i))
			}
			return httpmock.NewStringResponse(http.StatusOK, `{"totalRecords":5,"results":[`+strings.Join(rows, ",")+`]}`), nil
		})
	opts := &ManagementUsersSearchOptions{SearchString: "u", SortColumn: "firstName", MaxResult: 2}
	var names []string
	for u, err := range c.ManagementUsers.SearchAll(context.Background(), opts) {
		require.NoError(t, err)
		names = append(names, u.FirstName)
	}
	assert.Equal(t, []string{"U0", "U1", "U2", "U3", "U4"}, names)
	assert.Equal(t, []string{"", "2", "4"}, starts, "firstResultIndex 0 is left out of the query")
	assert.Equal(t, 0, opts.FirstResultIndex, "the caller's options are not changed")

	starts, names = nil, nil
	for u, err := range c.ManagementUsers.SearchAll(context.Background(), opts) {
		require.NoError(t, err)
		names = append(names, u.FirstName)
		if len(names) == 3 {
			break
		}
	}
	assert.Equal(t, []string{"U0", "U1", "U2"}, names)
	assert.Equal(t, []string{"", "2"}, starts, "no page is fetched after the loop stops")

	errs := 0
	for _, err := range c.ManagementUsers.SearchAll(context.Background(), &ManagementUsersSearchOptions{SearchString: "boom", SortColumn: ManagementUserSortColumnLastName}) {
		var apiErr *APIError
		require.True(t, errors.As(err, &apiErr), "%v", err)
		errs++
	}
	assert.Equal(t, 1, errs)
}

// fieldNames lists a validation error's fields in order.
func fieldNames(ve *ValidationError) []string {
	var out []string
	for _, e := range ve.Errors {
		out = append(out, e.Field)
	}
	return out
}

// GeneratedCalls returns calls_gen_test.go's table for the contract tests
// of package alianza_test: each generated method's name, its directive
// ("METHOD /path") and its call, which takes its path arguments, body,
// options and form fields from an environment with the methods of
// callEnv.
func GeneratedCalls() (funcs, ops []string, calls []func(context.Context, *Client, callEnv) error) {
	for _, gc := range generatedCalls {
		funcs = append(funcs, gc.fn)
		ops = append(ops, gc.op)
		calls = append(calls, gc.call)
	}
	return funcs, ops, calls
}

// TestGeneratedBodyRules: a generated method checks its path arguments and
// its request's own rules together, before anything is sent, as a
// hand-written one does.
func TestGeneratedBodyRules(t *testing.T) {
	c, mt := newMockClient(t)
	_, err := c.HuntGroups.CreateForwardConfiguration(context.Background(), "", "HG1", &CreateForwardConfigurationRequest{Name: "night", ForwardToPhoneNumber: "call me"})
	var ve *ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, []string{"accountId", "starCode", "forwardConfigurationType", "forwardToPhoneNumber"}, fieldNames(ve))

	_, err = c.HuntGroups.CreateForwardConfiguration(context.Background(), "A1", "HG1", nil)
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, []string{"body"}, fieldNames(ve))
	assert.Equal(t, 0, mt.GetTotalCallCount(), "nothing sent, not even a login")
}

// TestGeneratedFillsBodyIDs: a generated method sets the body's required
// fields that repeat a path argument, and partitionId to the client's
// partition, on a copy; the caller's request is not changed, and its
// Validate does not ask for them.
func TestGeneratedFillsBodyIDs(t *testing.T) {
	c, mt := newMockClient(t)
	var sent map[string]any
	mt.RegisterResponder(http.MethodPost, testBaseURL+"/v2/partition/"+testPartition+"/account/A1/business-line/voicemail-box", func(r *http.Request) (*http.Response, error) {
		require.NoError(t, json.NewDecoder(r.Body).Decode(&sent))
		return httpmock.NewStringResponse(http.StatusOK, `{"id":"VB1"}`), nil
	})
	req := &CreateBusinessLineVoicemailBoxRequest{Name: "front desk"}
	require.NoError(t, req.Validate())
	_, err := c.BusinessLines.CreateVoicemailBox(context.Background(), "A1", req)
	require.NoError(t, err)
	assert.Equal(t, "A1", sent["accountId"])
	assert.Equal(t, testPartition, sent["partitionId"])
	assert.Empty(t, req.AccountID, "the caller's request is not changed")
	assert.Empty(t, req.PartitionID)

	// A required partitionId query parameter left empty is the client's.
	var query string
	mt.RegisterResponder(http.MethodGet, testBaseURL+"/v2/user-groups/settings", func(r *http.Request) (*http.Response, error) {
		query = r.URL.RawQuery
		return httpmock.NewStringResponse(http.StatusOK, `{}`), nil
	})
	opts := &UserGroupsGetSettingsOptions{AccountID: "A1"}
	_, err = c.UserGroups.GetSettings(context.Background(), opts)
	require.NoError(t, err)
	assert.Contains(t, query, "partitionId="+testPartition)
	assert.Empty(t, opts.PartitionID)
}

// TestGeneratedDeleteDropsBareString: a delete whose spec answer is an
// undescribed string returns only its error, whatever the body holds.
func TestGeneratedDeleteDropsBareString(t *testing.T) {
	c, mt := newMockClient(t)
	mt.RegisterResponder(http.MethodDelete, testBaseURL+"/v2/partition/"+testPartition+"/account/A1/vfax/F1",
		httpmock.NewStringResponder(http.StatusOK, `"deleted"`))
	require.NoError(t, c.VirtualFax.Delete(context.Background(), "A1", "F1"))
	assert.Equal(t, 1, mt.GetTotalCallCount()-loginCalls(mt))
}

// TestGeneratedPageNumberIterator pages by page number: pageNum 0 (left
// out of the query), 1, 2, stopping at the short third page; the answer's
// count is not taken for the list's total.
func TestGeneratedPageNumberIterator(t *testing.T) {
	c, mt := newMockClient(t)
	var pages []string
	mt.RegisterResponder(http.MethodGet, testBaseURL+"/v2/enm/edge-node", func(r *http.Request) (*http.Response, error) {
		q := r.URL.Query()
		pages = append(pages, q.Get("pageNum"))
		n, _ := strconv.Atoi(q.Get("pageNum"))
		var rows []string
		for i := n * 2; i < n*2+2 && i < 5; i++ {
			rows = append(rows, fmt.Sprintf(`{"id":"N%d"}`, i))
		}
		return httpmock.NewStringResponse(http.StatusOK, fmt.Sprintf(`{"pageSize":2,"pageNum":%d,"count":%d,"entities":[%s]}`, n, len(rows), strings.Join(rows, ","))), nil
	})
	var ids []string
	for n, err := range c.EdgeNodes.ListAll(context.Background(), &EdgeNodesListOptions{PageSize: 2}) {
		require.NoError(t, err)
		ids = append(ids, n.ID)
	}
	assert.Equal(t, []string{"N0", "N1", "N2", "N3", "N4"}, ids)
	assert.Equal(t, []string{"", "1", "2"}, pages)
}

// TestGeneratedIteratorStopsOnARepeatedPage: a platform (or a mock) that
// ignores the page asked for serves the same page forever; the iterator
// yields it once, then ErrInconsistentPages, instead of looping.
func TestGeneratedIteratorStopsOnARepeatedPage(t *testing.T) {
	c, mt := newMockClient(t, WithAuthToken(testToken))
	mt.RegisterRegexpResponder(http.MethodGet, regexp.MustCompile(`/v2/enm/edge-node(\?.*)?$`),
		httpmock.NewStringResponder(200, `{"entities":[{"id":"n1"},{"id":"n2"}]}`))
	var ids []string
	var err error
	for n, e := range c.EdgeNodes.ListAll(context.Background(), nil) {
		if e != nil {
			err = e
			break
		}
		ids = append(ids, n.ID)
	}
	assert.Equal(t, []string{"n1", "n2"}, ids)
	require.ErrorIs(t, err, ErrInconsistentPages)
	assert.Equal(t, 2, mt.GetTotalCallCount())
}
