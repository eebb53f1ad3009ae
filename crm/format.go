package crm

import (
	"fmt"
)

// fmt prints a struct that holds a pointer to a struct with a mismatched
// verb (%s, %d ...) through its "bad verb" path, which skips the Secret's
// Format method and prints the password in clear. The types below hold
// pointers to models with Secrets (a trunk, devices), so every verb prints
// their summary instead.

// String summarises the result without any credential.
func (r ProvisionResult) String() string {
	failed := 0
	for _, s := range r.Steps {
		if !s.OK() {
			failed++
		}
	}
	acct := "no account"
	if r.Account != nil {
		acct = fmt.Sprintf("account %s (%s)", r.Account.AccountNumber, r.Account.ID)
	}
	s := fmt.Sprintf("%s: %d step(s), %d failed; %d user(s), %d number(s), %d device line(s)", acct, len(r.Steps), failed, len(r.Users), len(r.Numbers), len(r.Devices))
	if r.Trunk != nil {
		s += ", sip trunk " + r.Trunk.TrunkName
	}
	if len(r.Rollback) > 0 {
		s += fmt.Sprintf("; rollback of %d step(s), complete=%v", len(r.Rollback), r.RolledBack)
	}
	return s
}

// Format prints String for every verb.
func (r ProvisionResult) Format(f fmt.State, _ rune) { fmt.Fprint(f, r.String()) }

// String summarises the spec without any credential.
func (s AccountSpec) String() string {
	trunk := "no sip trunk"
	if s.Trunk != nil {
		trunk = "sip trunk " + s.Trunk.Name
	}
	return fmt.Sprintf("%s account %s %q: %d user(s), %d number(s), %d device line(s), %s",
		s.Type, s.AccountNumber, s.AccountName, len(s.Users), len(s.Numbers), len(s.Devices), trunk)
}

// Format prints String for every verb.
func (s AccountSpec) Format(f fmt.State, _ rune) { fmt.Fprint(f, s.String()) }
