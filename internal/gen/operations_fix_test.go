package gen

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fixOps exercises what the generated methods fill, type and drop: a body
// repeating a path argument and the partition, a required list, an enum
// query parameter, a required partitionId query parameter, a delete
// answering a bare string and a PUT the spec gives no body.
const fixOps = `
paths:
  /v2/partition/{partitionId}/account/{accountId}/widget:
    post:
      operationId: createWidget
      tags: [Widget]
      summary: Create a widget
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Widget"}
      responses:
        "200": {content: {application/json: {schema: {$ref: "#/components/schemas/Widget"}}}}
    get:
      operationId: listWidgets
      tags: [Widget]
      summary: Retrieve widgets
      parameters:
        - {name: accountId, in: path, required: true, schema: {type: string}}
        - {name: distanceunit, in: query, schema: {type: string, enum: [MILES, KILOMETERS]}}
        - {name: partitionId, in: query, required: true, schema: {type: string}}
      responses:
        "200": {content: {application/json: {schema: {type: array, items: {$ref: "#/components/schemas/Widget"}}}}}
  /v2/partition/{partitionId}/account/{accountId}/widget/{widgetId}:
    delete:
      operationId: deleteWidget
      tags: [Widget]
      summary: Delete a widget
      responses:
        "200": {content: {application/json: {schema: {type: string}}}}
    put:
      operationId: updateWidget
      tags: [Widget]
      summary: Updates the widget
      responses:
        "200": {content: {application/json: {schema: {$ref: "#/components/schemas/Widget"}}}}
components:
  schemas:
    Widget:
      required: [partitionId, accountId, name, tags]
      properties:
        partitionId: {type: string}
        accountId: {type: string}
        name: {type: string}
        tags: {type: array, items: {type: string}}
`

func TestPlanFillsTypesAndDrops(t *testing.T) {
	s, err := LoadSpec([]byte(fixOps))
	require.NoError(t, err)
	ov, err := ParseOverrides([]byte(`
services:
  - {tag: Widget, name: Widgets, doc: "WidgetsService manages widgets."}
bodies:
  - {id: updateWidget, schema: Widget, reason: "test"}
`))
	require.NoError(t, err)
	ty, err := NewTypes(s, ov, "")
	require.NoError(t, err)
	hw := &HandWritten{Services: map[string]map[string]bool{}, Claimed: map[string]bool{}, Fields: map[string]bool{"Widgets": true}}
	plan, err := PlanOperations(s, ov, hw, ty)
	require.NoError(t, err)
	byID := map[string]*Method{}
	for _, m := range plan.Methods {
		byID[m.Op.ID] = m
	}

	create := byID["createWidget"]
	assert.Equal(t, []Fill{{Field: "PartitionID", JSON: "partitionId"}, {Field: "AccountID", JSON: "accountId", Arg: "accountID"}}, create.Fill)
	var rules []string
	for _, r := range ty.decls[create.BodyType].Rules {
		rules = append(rules, r.JSON+":"+r.Kind)
	}
	assert.Equal(t, []string{"name:required", "tags:present"}, rules, "filled fields are not asked of the caller; a required list must be set")

	list := byID["listWidgets"]
	require.Len(t, list.Query, 2)
	assert.Equal(t, "DistanceUnit", list.Query[0].Go)
	assert.True(t, list.Query[0].Enum)
	assert.Equal(t, "MILES", list.Query[0].First)
	assert.Equal(t, "PartitionID", list.FillQuery)
	assert.False(t, list.Query[1].Required)

	del := byID["deleteWidget"]
	assert.Equal(t, AnswerNone, del.Answer, "an undescribed string answer to a delete is dropped")
	assert.True(t, del.BareAnswer)

	upd := byID["updateWidget"]
	assert.Equal(t, BodyJSON, upd.Body, "the overrides give the PUT a body")
	assert.Equal(t, "Widget", upd.BodySchema)

	src, err := RenderOperations("alianza", plan)
	require.NoError(t, err)
	out := string(src)
	assert.Contains(t, out, "\t\treq.AccountID = accountID\n")
	assert.Contains(t, out, "partitionID, err := s.client.PartitionID(ctx)")
	assert.Contains(t, out, `v.enum("distanceunit", string(o.DistanceUnit), o.DistanceUnit.Valid())`)
	assert.Contains(t, out, "func (s *WidgetsService) Delete(ctx context.Context, accountID, widgetID string, callOpts ...CallOption) error {")

	ov.Bodies = append(ov.Bodies, BodyOverride{ID: "createWidget", Schema: "Widget"}, BodyOverride{ID: "noSuchOp", Schema: "Widget"})
	_, err = PlanOperations(s, ov, hw, ty)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "bodies createWidget: the spec gives the operation a body already")
	assert.Contains(t, err.Error(), "bodies noSuchOp: no generated method has this operationId")
}
