package crm

import (
	"fmt"
	"log/slog"

	"github.com/go-alianza/alianza"
)

// ItemKind is the kind of an item Ensure checks.
type ItemKind string

// The kinds of items, in the order Ensure checks them.
const (
	ItemKindAccount    ItemKind = "account"     // key: account number
	ItemKindUser       ItemKind = "user"        // key: user key
	ItemKindNumber     ItemKind = "number"      // key: number key; ID: the telephone number
	ItemKindTrunk      ItemKind = "sip-trunk"   // key: trunk name
	ItemKindForwarding ItemKind = "forwarding"  // key: trunk name
	ItemKindRouting    ItemKind = "routing"     // key: number key; ID: the telephone number
	ItemKindDevice     ItemKind = "device-line" // key: device name and line, "Alice desk line 1"
)

// The values of ItemKind have no spaces, so they serve as metric labels
// as they are.

// Outcome is what Ensure did to one item.
type Outcome string

// The outcomes of an item.
const (
	OutcomeCreated   Outcome = "created"   // it was missing and was made
	OutcomeUpdated   Outcome = "updated"   // it existed and was changed to match the spec
	OutcomeUnchanged Outcome = "unchanged" // it existed and nothing was written; the fields compared are listed on EnsureItem, differences in its Drift
	OutcomeFailed    Outcome = "failed"    // see the item's Err
)

// EnsureItem is one thing an account spec asks for and what Ensure did
// about it.
type EnsureItem struct {
	Kind    ItemKind
	Key     string
	ID      string // Alianza's id, or the telephone number
	Outcome Outcome
	// Changed lists what an OutcomeUpdated item had changed, e.g. "accountName"
	// or "forwardOnFailure"; Drift what differs from the spec and was
	// left alone. An item that exists is compared with the spec field by
	// field, and only in the fields the spec sets:
	//
	//   - account: accountName, billingCycleDay (corrected with
	//     EnsureOptions.CorrectDrift), status (set whenever
	//     EnsureOptions.Status asks for another);
	//   - user: firstName, lastName, email, extension, productPlan;
	//   - number: its service record's callerIdName, customerType,
	//     firstName, lastName, businessName (corrected with CorrectDrift)
	//     and postalCode (reported only);
	//   - sip-trunk: sipUsername, concurrentCalls, callbackNumber,
	//     primaryNumber;
	//   - forwarding: its three rules (always corrected);
	//   - routing: where the number's calls go (always corrected);
	//   - device-line: name, deviceTypeId, user (the owning user),
	//     sipUsername, emergencyNumber.
	//
	// SIP passwords cannot be read back and are never compared. User,
	// trunk and device-line drift is reported only, never corrected.
	Changed []string
	Drift   []string
	Err     error
}

// EnsureOptions tune Ensure. The zero value creates what is missing and
// leaves what exists as it is.
type EnsureOptions struct {
	// CorrectDrift makes an existing account's name and billing day, and
	// the names in its numbers' service records, match the spec. Without
	// it differences are only reported (EnsureItem.Drift). Users, the
	// trunk and device lines are never corrected: their drift is
	// reported only.
	CorrectDrift bool
	// Status, ACTIVE or DISABLED, is the status the account should have;
	// Ensure sets it whenever it differs, on a new account or an existing
	// one. Empty leaves the status alone.
	Status alianza.AccountStatus
	// Progress, when set, is called after each item from the calling
	// goroutine.
	Progress func(EnsureItem)
}

// EnsureResult is the account as Ensure left it and what it did.
type EnsureResult struct {
	Account *alianza.Account
	Users   map[string]*alianza.User // by user key
	Numbers map[string]string        // number key to telephone number
	Trunk   *alianza.SipTrunk
	Devices []*alianza.Device // in spec order
	// Items lists every item checked, in order; when Ensure failed, the
	// last one holds the error and the items after it were not checked.
	Items []EnsureItem
	Notes []string
	// Surplus lists numbers on the account that no spec item took but
	// that look like the spec's (the same service record, or routed to
	// one of the spec's users or its trunk): what two overlapping runs
	// leave behind. Ensure never deletes them; Notes names them too.
	Surplus []string
}

// Count returns how many items had outcome o.
func (r *EnsureResult) Count(o Outcome) int {
	n := 0
	for _, it := range r.Items {
		if it.Outcome == o {
			n++
		}
	}
	return n
}

// LogValue masks the SIP passwords of the trunk and devices.
func (r EnsureResult) LogValue() slog.Value { return alianza.RedactedLogValue(r) }

// String summarises the result without any credential.
func (r EnsureResult) String() string {
	acct := "no account"
	if r.Account != nil {
		acct = fmt.Sprintf("account %s (%s)", r.Account.AccountNumber, r.Account.ID)
	}
	return fmt.Sprintf("%s: %d item(s): %d created, %d updated, %d unchanged, %d failed", acct, len(r.Items),
		r.Count(OutcomeCreated), r.Count(OutcomeUpdated), r.Count(OutcomeUnchanged), r.Count(OutcomeFailed))
}

// Format prints String for every verb.
func (r EnsureResult) Format(f fmt.State, _ rune) { fmt.Fprint(f, r.String()) }

// MarshalJSON encodes the result with every SIP password written as
// "REDACTED".
func (r EnsureResult) MarshalJSON() ([]byte, error) {
	type plain EnsureResult
	return alianza.MarshalRedactedJSON(plain(r))
}
