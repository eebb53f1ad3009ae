package alianzatest

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"
)

// obj is a resource as it travels on the wire.
type obj = map[string]any

// table keeps objects by id in insertion order.
type table struct {
	ids  []string
	rows map[string]obj
}

func newTable() *table { return &table{rows: map[string]obj{}} }

func (t *table) get(id string) (obj, bool) { o, ok := t.rows[id]; return o, ok }

func (t *table) put(id string, o obj) {
	if _, ok := t.rows[id]; !ok {
		t.ids = append(t.ids, id)
	}
	t.rows[id] = o
}

func (t *table) del(id string) {
	if _, ok := t.rows[id]; !ok {
		return
	}
	delete(t.rows, id)
	for i, x := range t.ids {
		if x == id {
			t.ids = append(t.ids[:i:i], t.ids[i+1:]...)
			break
		}
	}
}

// list returns the objects for which keep is true, in insertion order.
func (t *table) list(keep func(obj) bool) []obj {
	var out []obj
	for _, id := range t.ids {
		if o := t.rows[id]; keep == nil || keep(o) {
			out = append(out, o)
		}
	}
	return out
}

// inventoryTN is a telephone number of the partition's inventory.
type inventoryTN struct {
	tn         string
	rateCenter string
	state      string
	postalCode string
	lat, lon   float64
	carrierID  string
}

// reservation holds a number for a login user, or for an account when a
// test set it up with ReserveForAccount.
type reservation struct {
	tn          string
	userID      string
	accountID   string
	reservedAt  time.Time
	expiresAt   time.Time
	reservation string
}

// state is the fake platform's data. Guarded by Server.mu.
type state struct {
	accounts      *table // Account, by id
	users         *table // EndUserV2X, by id
	trunks        *table // SipTrunk, by id
	forwards      map[string]obj
	numbers       *table // TelephoneNumberAccountV2X, by phone number
	inventory     map[string]*inventoryTN
	inventoryList []*inventoryTN // sorted by number
	reservations  map[string]*reservation
	devices       *table // DeviceX, by id (sipPassword kept, stripped on output)
	deviceTypes   []obj
	lines         *table // BusinessLine, by id
	callHandling  map[string]obj
	lineCreds     map[string]obj // business line id -> SipCredentials
	ports         map[string]obj // business line id -> PortAssignment
	products      *table         // CallingPlanProduct, by id
	archived      map[string]bool
	plans         *table // CallingPlanX, by id, plus "accountId"
	addresses     []seedAddress
	registered    map[string]bool // trunk, device or business line id
	lockedOut     map[string]bool // SIP trunk id

	// collections are the voicemail boxes, business line voicemail boxes
	// and hunt groups: by collection name, then account and item id.
	collections map[string]*table
}

func newState() *state {
	return &state{
		accounts:     newTable(),
		users:        newTable(),
		trunks:       newTable(),
		forwards:     map[string]obj{},
		numbers:      newTable(),
		inventory:    map[string]*inventoryTN{},
		reservations: map[string]*reservation{},
		devices:      newTable(),
		lines:        newTable(),
		callHandling: map[string]obj{},
		lineCreds:    map[string]obj{},
		ports:        map[string]obj{},
		products:     newTable(),
		archived:     map[string]bool{},
		plans:        newTable(),
		registered:   map[string]bool{},
		lockedOut:    map[string]bool{},
	}
}

// newID returns an id shaped like the platform's: 22 URL-safe characters.
// It never starts with '-', which the platform's ids may: a command line
// would take such an id for a flag unless it follows "--", and the fake's
// ids feed the console's tests and demos.
func newID() string {
	var b [16]byte
	for {
		if _, err := rand.Read(b[:]); err != nil {
			panic(err)
		}
		if id := base64.RawURLEncoding.EncodeToString(b[:]); id[0] != '-' {
			return id
		}
	}
}

// newUUID returns a random (version 4) UUID, for the fields typed uuid.
func newUUID() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err)
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

// newSecret returns a random password of n URL-safe characters.
func newSecret(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return base64.RawURLEncoding.EncodeToString(b)[:n]
}

// clone deep-copies a JSON value, so stored state never aliases a reply.
func clone[T any](v T) T {
	var out T
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	if err := json.Unmarshal(b, &out); err != nil {
		panic(err)
	}
	return out
}

// timestamp formats t as the platform does (date-time, milliseconds, Z).
func timestamp(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

func str(o obj, k string) string {
	s, _ := o[k].(string)
	return s
}

func boolean(o obj, k string) bool {
	b, _ := o[k].(bool)
	return b
}

// integer reads a JSON number (or a numeric string, as Alianza's account
// guide sends `"billingCycleDay": "1"`) as an int.
func integer(o obj, k string) (int, bool) {
	switch v := o[k].(type) {
	case int:
		return v, true
	case float64:
		return int(v), v == float64(int(v))
	case string:
		var n int
		if _, err := fmt.Sscanf(strings.TrimSpace(v), "%d", &n); err == nil {
			return n, true
		}
	}
	return 0, false
}

// asObj returns the request body as an object, or nil.
func (c *call) obj() obj {
	o, _ := c.body.(map[string]any)
	return o
}

// merge copies the keys of patch into o, except the listed ones.
func merge(o, patch obj, except ...string) {
	skip := map[string]bool{}
	for _, k := range except {
		skip[k] = true
	}
	for k, v := range patch {
		if !skip[k] {
			o[k] = v
		}
	}
}

// normMAC lower-cases a MAC address and drops separators.
func normMAC(m string) string {
	return strings.ToLower(strings.NewReplacer(":", "", "-", "", ".", "").Replace(strings.TrimSpace(m)))
}

func sortObjs(list []obj, key string) {
	sort.SliceStable(list, func(i, j int) bool { return str(list[i], key) < str(list[j], key) })
}

// array returns list as a JSON array, never null.
func array(list []obj) []obj {
	if list == nil {
		return []obj{}
	}
	return list
}
