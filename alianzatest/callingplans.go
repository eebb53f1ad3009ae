package alianzatest

import "time"

// plansFor lists the calling plans of one reference, as CallingPlanX.
func (s *Server) plansFor(accountID, refType, refID string) []obj {
	var out []obj
	for _, p := range s.st.plans.list(func(p obj) bool {
		return str(p, "accountId") == accountID && str(p, "referenceType") == refType && str(p, "referenceId") == refID
	}) {
		out = append(out, renderPlan(p))
	}
	return array(out)
}

// renderPlan drops the fake's bookkeeping field accountId.
func renderPlan(p obj) obj {
	out := clone(p)
	delete(out, "accountId")
	return out
}

// planProductFor returns the product with id, or the default product.
func (s *Server) planProductFor(id string) obj {
	if p, ok := s.st.products.get(id); ok && !s.st.archived[id] {
		return p
	}
	for _, p := range s.st.products.list(nil) {
		if boolean(p, "defaultPlan") && !s.st.archived[str(p, "id")] {
			return p
		}
	}
	return nil
}

// addPlan gives a reference a plan of product. A pending plan starts at
// the account's next billing day and ends the current plan then; otherwise
// it replaces the current plan at once.
func (s *Server) addPlan(accountID, refType, refID string, product obj, pending bool) obj {
	if product == nil {
		return nil
	}
	now := s.nowLocked()
	start := now
	if pending {
		day := 1
		if a, ok := s.st.accounts.get(accountID); ok {
			if d, isInt := integer(a, "billingCycleDay"); isInt {
				day = d
			}
		}
		start = time.Date(now.Year(), now.Month(), day, 0, 0, 0, 0, time.UTC)
		if !start.After(now) {
			start = start.AddDate(0, 1, 0)
		}
	}
	for _, p := range s.st.plans.list(func(p obj) bool {
		return str(p, "accountId") == accountID && str(p, "referenceType") == refType && str(p, "referenceId") == refID
	}) {
		if pending {
			p["endDate"] = timestamp(start)
		} else {
			s.st.plans.del(str(p, "id"))
		}
	}
	minutes, _ := integer(product, "planMinutes")
	p := obj{
		"id":                   newID(),
		"accountId":            accountID,
		"referenceId":          refID,
		"referenceType":        refType,
		"callingPlanProductId": str(product, "id"),
		"startDate":            timestamp(start),
		"planMinutes":          minutes,
		"secondsRemaining":     minutes * 60,
	}
	s.st.plans.put(str(p, "id"), p)
	return p
}

// retrieveCallingPlanProductList: GET {P}/callingplanproduct.
func retrieveCallingPlanProductList(c *call) reply {
	if !c.partitionOK() {
		return c.notFound("Partition", c.params["partitionId"])
	}
	all := c.query.Get("includeArchived") == "true"
	out := c.s.st.products.list(func(p obj) bool { return all || !c.s.st.archived[str(p, "id")] })
	return ok(clone(array(out)))
}

// product returns the calling plan product of the path.
func (c *call) product() (obj, *reply) {
	if !c.partitionOK() {
		r := c.notFound("Partition", c.params["partitionId"])
		return nil, &r
	}
	id := c.params["cppId"]
	p, found := c.s.st.products.get(id)
	if !found {
		r := c.notFound("CallingPlanProduct", id)
		return nil, &r
	}
	return p, nil
}

// get_3: GET {P}/callingplanproduct/{callingPlanProductId}.
func getCallingPlanProduct(c *call) reply {
	p, r := c.product()
	if r != nil {
		return *r
	}
	return ok(clone(p))
}

// add_2: POST {P}/callingplanproduct.
func addCallingPlanProduct(c *call) reply {
	if !c.partitionOK() {
		return c.notFound("Partition", c.params["partitionId"])
	}
	in := c.obj()
	if in == nil || str(in, "name") == "" {
		return c.badRequest("a CallingPlanProduct with a name is required")
	}
	p := clone(in)
	p["id"] = newID()
	p["partitionId"] = c.params["partitionId"]
	c.s.st.products.put(str(p, "id"), p)
	return ok(clone(p))
}

// update_5: PUT {P}/callingplanproduct/{callingPlanProductId}.
func updateCallingPlanProduct(c *call) reply {
	p, r := c.product()
	if r != nil {
		return *r
	}
	in := c.obj()
	if in == nil {
		return c.badRequest("a CallingPlanProduct body is required")
	}
	next := clone(in)
	next["id"], next["partitionId"] = p["id"], p["partitionId"]
	c.s.st.products.put(str(p, "id"), next)
	return ok(clone(next))
}

// patch_5: PATCH {P}/callingplanproduct/{callingPlanProductId}.
func patchCallingPlanProduct(c *call) reply {
	p, r := c.product()
	if r != nil {
		return *r
	}
	in := c.obj()
	if in == nil {
		return c.badRequest("a JSON object is required")
	}
	merge(p, clone(in), "id", "partitionId")
	return ok(clone(p))
}

// archive: DELETE {P}/callingplanproduct/{id}/archive-callingplan.
func archiveCallingPlanProduct(c *call) reply {
	p, r := c.product()
	if r != nil {
		return *r
	}
	c.s.st.archived[str(p, "id")] = true
	return emptyOK()
}

// getPlans: GET {A}/callingplan?referenceType&referenceId.
func getPlans(c *call) reply {
	a, r := c.account()
	if r != nil {
		return *r
	}
	rt, rid := c.query.Get("referenceType"), c.query.Get("referenceId")
	var out []obj
	for _, p := range c.s.st.plans.list(func(p obj) bool {
		return str(p, "accountId") == str(a, "id") &&
			(rt == "" || str(p, "referenceType") == rt) && (rid == "" || str(p, "referenceId") == rid)
	}) {
		out = append(out, renderPlan(p))
	}
	return ok(array(out))
}

// planTarget reads a ModifyCallingPlanX and checks its reference exists.
func (c *call) planTarget(a obj) (refType, refID, productID string, r *reply) {
	in := c.obj()
	if in == nil {
		bad := c.badRequest("a ModifyCallingPlanX body is required")
		return "", "", "", &bad
	}
	refType, refID = str(in, "referenceType"), str(in, "referenceId")
	productID = str(in, "callingPlanReferenceId")
	if productID == "" {
		productID = str(in, "callingPlanProductId")
	}
	if refType == "" || refID == "" {
		bad := c.badRequest("referenceType and referenceId are required")
		return "", "", "", &bad
	}
	if refType == "ACCOUNT" && refID != str(a, "id") {
		nf := c.notFound("Account", refID)
		return "", "", "", &nf
	}
	if refType != "ACCOUNT" && !c.s.referenceExists(str(a, "id"), refType, refID) {
		nf := c.notFound(refType, refID)
		return "", "", "", &nf
	}
	return refType, refID, productID, nil
}

// addPlan: PUT {A}/callingplan.
func addPlanHandler(c *call) reply {
	a, r := c.account()
	if r != nil {
		return *r
	}
	refType, refID, productID, r := c.planTarget(a)
	if r != nil {
		return *r
	}
	prod, found := c.s.st.products.get(productID)
	if !found || c.s.st.archived[productID] {
		return c.notFound("CallingPlanProduct", productID)
	}
	p := c.s.addPlan(str(a, "id"), refType, refID, prod, boolean(c.obj(), "pending"))
	return ok(renderPlan(p))
}

// removePlan: DELETE {A}/callingplan with a ModifyCallingPlanX body.
func removePlan(c *call) reply {
	a, r := c.account()
	if r != nil {
		return *r
	}
	refType, refID, productID, r := c.planTarget(a)
	if r != nil {
		return *r
	}
	for _, p := range c.s.st.plans.list(func(p obj) bool {
		return str(p, "accountId") == str(a, "id") && str(p, "referenceType") == refType && str(p, "referenceId") == refID &&
			(productID == "" || str(p, "callingPlanProductId") == productID)
	}) {
		c.s.st.plans.del(str(p, "id"))
		return ok(renderPlan(p))
	}
	return c.notFound("CallingPlan for "+refType, refID)
}
