package alianzatest

import "net/http"

// collection is a resource of an account kept with create, list, get,
// update and delete, and no rules beyond the spec's: voicemail boxes, the
// business line voicemail boxes and the business line hunt groups.
type collection struct {
	name    string // what a 404 names, e.g. "VoicemailBox"
	idParam string // the path parameter of one item, e.g. "voicemailBoxId"
}

var (
	voicemailBoxes             = collection{name: "VoicemailBox", idParam: "voicemailBoxId"}
	businessLineVoicemailBoxes = collection{name: "BusinessLineVoicemailBox", idParam: "voicemailBoxId"}
	huntGroups                 = collection{name: "HuntGroup", idParam: "huntGroupId"}
)

// collectionHandlers are the handlers of the collections, by operationId.
var collectionHandlers = map[string]handlerFunc{
	"createVoicemailBox":       voicemailBoxes.create,
	"retrieveVoicemailBoxList": voicemailBoxes.list,
	"retrieveVoicemailBox":     voicemailBoxes.get,
	"updateVoicemailBox":       voicemailBoxes.update,
	"patchVoicemailBox":        voicemailBoxes.update,
	"deleteVoicemailBox":       voicemailBoxes.remove,

	"createBusinessLineVoicemailBox":     businessLineVoicemailBoxes.create,
	"retrieveBusinessLineVoicemailBoxes": businessLineVoicemailBoxes.list,
	"retrieveBusinessLineVoicemailBox":   businessLineVoicemailBoxes.get,
	"updateBusinessLineVoicemailBox":     businessLineVoicemailBoxes.update,
	"deleteBusinessLineVoicemailBox":     businessLineVoicemailBoxes.remove,

	"createBusinessLineHuntGroup":    huntGroups.create,
	"retrieveBusinessLineHuntGroups": huntGroups.list,
	"retrieveBusinessLineHuntGroup":  huntGroups.get,
	"updateBusinessLineHuntGroup":    huntGroups.update,
	"deleteBusinessLineHuntGroup":    huntGroups.remove,
}

// table is the collection's table in the server's state; items are keyed
// by account id and item id.
func (col collection) table(c *call) *table {
	if c.s.st.collections == nil {
		c.s.st.collections = map[string]*table{}
	}
	t := c.s.st.collections[col.name]
	if t == nil {
		t = newTable()
		c.s.st.collections[col.name] = t
	}
	return t
}

func itemKey(accountID, id string) string { return accountID + "/" + id }

// create stores the body as a new item: the platform assigns the id, the
// path gives the account and partition, and required fields the body
// left out are made from the schema so the item always reads back whole.
func (col collection) create(c *call) reply {
	a, r := c.account()
	if r != nil {
		return *r
	}
	in := c.obj()
	if in == nil {
		return c.badRequest("a %s body is required", col.name)
	}
	status, _, mt := successResponse(c.rt.op, "")
	item := obj{}
	if mt != nil && mt.Schema != nil && mt.Schema.Value != nil {
		if v, ok := newSynth(newID(), false).value(mt.Schema.Value, "").(obj); ok {
			item = v
		}
	}
	merge(item, clone(in), "id", "accountId", "partitionId")
	id := newID()
	item["id"], item["accountId"], item["partitionId"] = id, str(a, "id"), str(a, "partitionId")
	col.table(c).put(itemKey(str(a, "id"), id), item)
	return reply{status: status, body: clone(item)}
}

func (col collection) list(c *call) reply {
	a, r := c.account()
	if r != nil {
		return *r
	}
	accountID := str(a, "id")
	return ok(array(col.table(c).list(func(o obj) bool { return str(o, "accountId") == accountID })))
}

// item returns the item of the path, or the reply to send instead.
func (col collection) item(c *call) (obj, *reply) {
	a, r := c.account()
	if r != nil {
		return nil, r
	}
	o, found := col.table(c).get(itemKey(str(a, "id"), c.params[col.idParam]))
	if !found {
		nf := c.notFound(col.name, c.params[col.idParam])
		return nil, &nf
	}
	return o, nil
}

func (col collection) get(c *call) reply {
	o, r := col.item(c)
	if r != nil {
		return *r
	}
	return ok(clone(o))
}

// update applies a PUT or PATCH: the fields sent replace the stored ones;
// the id, account and partition stay.
func (col collection) update(c *call) reply {
	o, r := col.item(c)
	if r != nil {
		return *r
	}
	in := c.obj()
	if in == nil {
		return c.badRequest("a %s body is required", col.name)
	}
	merge(o, clone(in), "id", "accountId", "partitionId")
	return ok(clone(o))
}

func (col collection) remove(c *call) reply {
	o, r := col.item(c)
	if r != nil {
		return *r
	}
	col.table(c).del(itemKey(str(o, "accountId"), str(o, "id")))
	status, _, _ := successResponse(c.rt.op, "")
	if status == http.StatusOK {
		return emptyOK()
	}
	return reply{status: status}
}
