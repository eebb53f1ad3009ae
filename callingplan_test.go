package alianza

import (
	"context"
	"encoding/json"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// No source document has calling plan JSON and the spec gives no examples,
// so the fixtures under testdata/callingplan follow the spec schemas
// (CallingPlanProduct, CallingPlanX, ModifyCallingPlanX) field by field.

const awkwardProductID = "cpp/1 gold"

func TestCallingPlanFixtures(t *testing.T) {
	raw := fixture(t, "callingplan/products.json")
	var products []CallingPlanProduct
	decodeStrict(t, raw, &products)
	require.Len(t, products, 1)
	assert.Equal(t, 1.25, products[0].CallRateFor411)
	assert.Equal(t, RateTypePerMinute, products[0].RateTypeForOperator)
	assertRoundTrip(t, raw, products)

	raw = fixture(t, "callingplan/plans.json")
	var plans []CallingPlan
	decodeStrict(t, raw, &plans)
	require.Len(t, plans, 2)
	assert.Equal(t, CallingPlanReferenceTypeEndUser, plans[1].ReferenceType)
	assert.Equal(t, time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), plans[1].EndDate.UTC())
	assert.True(t, plans[0].EndDate.IsZero())
	assertRoundTrip(t, raw, plans)

	raw = fixture(t, "callingplan/modify.json")
	var mod ModifyCallingPlanRequest
	decodeStrict(t, raw, &mod)
	assert.Equal(t, Ptr(false), mod.Pending)
	assert.Equal(t, Ptr(0), mod.MinutesUsed)
	out, err := json.Marshal(mod)
	require.NoError(t, err)
	assert.JSONEq(t, string(raw), string(out), "pending false and minutesUsed 0 survive")
}

func TestCallingPlansListProducts(t *testing.T) {
	for _, tc := range []struct {
		name  string
		opts  *ListCallingPlanProductsOptions
		query url.Values
	}{
		{"nil options", nil, url.Values{}},
		{"archived too", &ListCallingPlanProductsOptions{IncludeArchived: true}, url.Values{"includeArchived": {"true"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, mt := newMockClient(t)
			captured := mockOp(t, mt, "CallingPlansService.ListProducts", nil, 200, fixture(t, "callingplan/products.json"))
			list, err := c.CallingPlans.ListProducts(context.Background(), tc.opts)
			require.NoError(t, err)
			require.Len(t, list, 1)
			assert.Equal(t, "Unlimited North America", list[0].Name)
			assert.Equal(t, tc.query, captured.Query())
		})
	}
}

func TestCallingPlansGetProduct(t *testing.T) {
	c, mt := newMockClient(t)
	mockOp(t, mt, "CallingPlansService.GetProduct", []string{awkwardProductID}, 200,
		`{"id":"cpp/1 gold","name":"Gold","planMinutes":500,"defaultPlan":true}`)
	p, err := c.CallingPlans.GetProduct(context.Background(), awkwardProductID)
	require.NoError(t, err)
	assert.Equal(t, CallingPlanProduct{ID: awkwardProductID, Name: "Gold", PlanMinutes: 500, DefaultPlan: true}, *p)
}

func TestCallingPlansCreateProduct(t *testing.T) {
	c, mt := newMockClient(t)
	captured := mockOp(t, mt, "CallingPlansService.CreateProduct", nil, 200, `{"id":"cpp-9","name":"Basic","planMinutes":0}`)
	p, err := c.CallingPlans.CreateProduct(context.Background(), &CreateCallingPlanProductRequest{
		Name: "Basic", PlanMinutes: Ptr(0), AllowOverage: Ptr(false), CallRateFor411: Ptr(0.5),
		RateTypeFor411: Ptr(RateTypePerCall),
	})
	require.NoError(t, err)
	assert.Equal(t, "cpp-9", p.ID)
	assert.Equal(t, map[string]any{
		"name": "Basic", "planMinutes": float64(0), "allowOverage": false,
		"callRateFor411": 0.5, "rateTypeFor411": "PER_CALL",
	}, captured.BodyMap(t), "no id or partitionId on a create")
}

func TestCallingPlansUpdateProduct(t *testing.T) {
	c, mt := newMockClient(t)
	captured := mockOp(t, mt, "CallingPlansService.UpdateProduct", []string{awkwardProductID}, 200, `{"id":"cpp/1 gold","name":"Gold 2"}`)
	p, err := c.CallingPlans.UpdateProduct(context.Background(), awkwardProductID, &UpdateCallingPlanProductRequest{
		Name: "Gold 2", PlanMinutes: Ptr(1000), DefaultPlan: Ptr(false),
	})
	require.NoError(t, err)
	assert.Equal(t, "Gold 2", p.Name)
	assert.Equal(t, map[string]any{
		"id": awkwardProductID, "partitionId": testPartition,
		"name": "Gold 2", "planMinutes": float64(1000), "defaultPlan": false,
	}, captured.BodyMap(t), "id and partitionId are filled by the method")
}

func TestCallingPlansPatchProductSendsZeroValues(t *testing.T) {
	c, mt := newMockClient(t)
	captured := mockOp(t, mt, "CallingPlansService.PatchProduct", []string{awkwardProductID}, 200, `{"id":"cpp/1 gold","planMinutes":0}`)
	p, err := c.CallingPlans.PatchProduct(context.Background(), awkwardProductID, &PatchCallingPlanProductRequest{
		PlanMinutes: Ptr(0), AllowOverage: Ptr(false), CallRateForOperator: Ptr(0.0),
	})
	require.NoError(t, err)
	assert.Equal(t, 0, p.PlanMinutes)
	assert.Equal(t, map[string]any{"planMinutes": float64(0), "allowOverage": false, "callRateForOperator": float64(0)},
		captured.BodyMap(t), "set fields are sent even when zero; unset ones are absent")
}

func TestCallingPlansArchiveProduct(t *testing.T) {
	for _, status := range []int{200, 204} {
		c, mt := newMockClient(t)
		captured := mockOp(t, mt, "CallingPlansService.ArchiveProduct", []string{awkwardProductID}, status, nil)
		require.NoError(t, c.CallingPlans.ArchiveProduct(context.Background(), awkwardProductID))
		assert.Empty(t, captured.Body())
	}
}

func TestCallingPlansList(t *testing.T) {
	for _, tc := range []struct {
		name  string
		opts  *ListCallingPlansOptions
		query url.Values
	}{
		{"all", nil, url.Values{}},
		{"one user", &ListCallingPlansOptions{ReferenceType: CallingPlanReferenceTypeEndUser, ReferenceID: "U 1"},
			url.Values{"referenceType": {"END_USER"}, "referenceId": {"U 1"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, mt := newMockClient(t)
			captured := mockOp(t, mt, "CallingPlansService.List", []string{awkwardID}, 200, fixture(t, "callingplan/plans.json"))
			plans, err := c.CallingPlans.List(context.Background(), awkwardID, tc.opts)
			require.NoError(t, err)
			require.Len(t, plans, 2)
			assert.Equal(t, 3000, plans[0].PlanMinutes)
			assert.Equal(t, tc.query, captured.Query())
		})
	}
}

func TestCallingPlansAdd(t *testing.T) {
	c, mt := newMockClient(t)
	captured := mockOp(t, mt, "CallingPlansService.Add", []string{awkwardID}, 200,
		`{"id":"cp-3","referenceId":"A1","referenceType":"ACCOUNT","callingPlanProductId":"cpp-1","planMinutes":3000}`)
	p, err := c.CallingPlans.Add(context.Background(), awkwardID, &ModifyCallingPlanRequest{
		ReferenceType: CallingPlanReferenceTypeAccount, ReferenceID: "A1", CallingPlanReferenceID: "cpp-1",
		CallingPlanType: CallingPlanTypeNewCallingPlan, Pending: Ptr(false), MinutesUsed: Ptr(0),
	})
	require.NoError(t, err)
	assert.Equal(t, "cp-3", p.ID)
	assert.Equal(t, map[string]any{
		"referenceType": "ACCOUNT", "referenceId": "A1", "callingPlanReferenceId": "cpp-1",
		"callingPlanType": "NEW_CALLING_PLAN", "pending": false, "minutesUsed": float64(0),
	}, captured.BodyMap(t))
}

func TestCallingPlansRemoveSendsBodyOnDelete(t *testing.T) {
	c, mt := newMockClient(t)
	captured := mockOp(t, mt, "CallingPlansService.Remove", []string{awkwardID}, 200,
		`{"id":"cp-3","referenceId":"U1","referenceType":"END_USER"}`)
	p, err := c.CallingPlans.Remove(context.Background(), awkwardID, &ModifyCallingPlanRequest{
		ReferenceType: CallingPlanReferenceTypeEndUser, ReferenceID: "U1", CallingPlanReferenceID: "cpp-1",
	})
	require.NoError(t, err)
	require.NotNil(t, p)
	assert.Equal(t, "cp-3", p.ID)
	assert.Equal(t, map[string]any{"referenceType": "END_USER", "referenceId": "U1", "callingPlanReferenceId": "cpp-1"},
		captured.BodyMap(t), "the DELETE carries its JSON body")
}

func TestCallingPlansRemoveEmptyAnswer(t *testing.T) {
	c, mt := newMockClient(t)
	mockOp(t, mt, "CallingPlansService.Remove", []string{"A1"}, 200, nil)
	p, err := c.CallingPlans.Remove(context.Background(), "A1", &ModifyCallingPlanRequest{
		ReferenceType: CallingPlanReferenceTypeAccount, ReferenceID: "A1",
	})
	require.NoError(t, err)
	assert.Nil(t, p)
}

func TestCallingPlansValidation(t *testing.T) {
	ctx := context.Background()
	okMod := func() *ModifyCallingPlanRequest {
		return &ModifyCallingPlanRequest{ReferenceType: CallingPlanReferenceTypeAccount, ReferenceID: "A1"}
	}
	for _, tc := range []struct {
		name  string
		call  func(*Client) error
		field string
	}{
		{"create nil", func(c *Client) error { _, err := c.CallingPlans.CreateProduct(ctx, nil); return err }, "body"},
		{"create name missing", func(c *Client) error {
			_, err := c.CallingPlans.CreateProduct(ctx, &CreateCallingPlanProductRequest{PlanMinutes: Ptr(10)})
			return err
		}, "name"},
		{"create planMinutes negative", func(c *Client) error {
			_, err := c.CallingPlans.CreateProduct(ctx, &CreateCallingPlanProductRequest{Name: "X", PlanMinutes: Ptr(-1)})
			return err
		}, "planMinutes"},
		{"create rateTypeFor411 unknown", func(c *Client) error {
			_, err := c.CallingPlans.CreateProduct(ctx, &CreateCallingPlanProductRequest{Name: "X", RateTypeFor411: Ptr(RateType("PER_HOUR"))})
			return err
		}, "rateTypeFor411"},
		{"create rateTypeForOperator unknown", func(c *Client) error {
			_, err := c.CallingPlans.CreateProduct(ctx, &CreateCallingPlanProductRequest{Name: "X", RateTypeForOperator: Ptr(RateType("per_call"))})
			return err
		}, "rateTypeForOperator"},
		{"update nil", func(c *Client) error { _, err := c.CallingPlans.UpdateProduct(ctx, "P1", nil); return err }, "body"},
		{"update name missing", func(c *Client) error {
			_, err := c.CallingPlans.UpdateProduct(ctx, "P1", &UpdateCallingPlanProductRequest{})
			return err
		}, "name"},
		{"update planMinutes negative", func(c *Client) error {
			_, err := c.CallingPlans.UpdateProduct(ctx, "P1", &UpdateCallingPlanProductRequest{Name: "X", PlanMinutes: Ptr(-5)})
			return err
		}, "planMinutes"},
		{"update empty id", func(c *Client) error {
			_, err := c.CallingPlans.UpdateProduct(ctx, "", &UpdateCallingPlanProductRequest{Name: "X"})
			return err
		}, "cppId"},
		{"patch nil", func(c *Client) error { _, err := c.CallingPlans.PatchProduct(ctx, "P1", nil); return err }, "body"},
		{"patch blank name", func(c *Client) error {
			_, err := c.CallingPlans.PatchProduct(ctx, "P1", &PatchCallingPlanProductRequest{Name: Ptr(" ")})
			return err
		}, "name"},
		{"patch planMinutes negative", func(c *Client) error {
			_, err := c.CallingPlans.PatchProduct(ctx, "P1", &PatchCallingPlanProductRequest{PlanMinutes: Ptr(-1)})
			return err
		}, "planMinutes"},
		{"get empty id", func(c *Client) error { _, err := c.CallingPlans.GetProduct(ctx, ""); return err }, "cppId"},
		{"archive dot id", func(c *Client) error { return c.CallingPlans.ArchiveProduct(ctx, ".") }, "cppId"},
		{"list referenceType unknown", func(c *Client) error {
			_, err := c.CallingPlans.List(ctx, "A1", &ListCallingPlansOptions{ReferenceType: "USER"})
			return err
		}, "referenceType"},
		{"list empty account", func(c *Client) error { _, err := c.CallingPlans.List(ctx, "", nil); return err }, "accountId"},
		{"add nil", func(c *Client) error { _, err := c.CallingPlans.Add(ctx, "A1", nil); return err }, "body"},
		{"add referenceType missing", func(c *Client) error {
			r := okMod()
			r.ReferenceType = ""
			_, err := c.CallingPlans.Add(ctx, "A1", r)
			return err
		}, "referenceType"},
		{"add referenceType unknown", func(c *Client) error {
			r := okMod()
			r.ReferenceType = "TELEPHONE"
			_, err := c.CallingPlans.Add(ctx, "A1", r)
			return err
		}, "referenceType"},
		{"add referenceId missing", func(c *Client) error {
			r := okMod()
			r.ReferenceID = ""
			_, err := c.CallingPlans.Add(ctx, "A1", r)
			return err
		}, "referenceId"},
		{"add callingPlanType unknown", func(c *Client) error {
			r := okMod()
			r.CallingPlanType = "SHARED"
			_, err := c.CallingPlans.Add(ctx, "A1", r)
			return err
		}, "callingPlanType"},
		{"add minutesUsed negative", func(c *Client) error {
			r := okMod()
			r.MinutesUsed = Ptr(-1)
			_, err := c.CallingPlans.Add(ctx, "A1", r)
			return err
		}, "minutesUsed"},
		{"add empty account", func(c *Client) error { _, err := c.CallingPlans.Add(ctx, "", okMod()); return err }, "accountId"},
		{"remove referenceId missing", func(c *Client) error {
			r := okMod()
			r.ReferenceID = " "
			_, err := c.CallingPlans.Remove(ctx, "A1", r)
			return err
		}, "referenceId"},
		{"remove referenceType unknown", func(c *Client) error {
			r := okMod()
			r.ReferenceType = "LINE"
			_, err := c.CallingPlans.Remove(ctx, "A1", r)
			return err
		}, "referenceType"},
		{"remove nil", func(c *Client) error { _, err := c.CallingPlans.Remove(ctx, "A1", nil); return err }, "body"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, mt := newMockClient(t)
			err := tc.call(c)
			acctRequireField(t, err, tc.field)
			assert.Zero(t, mt.GetTotalCallCount(), "no request may be sent")
		})
	}
}
