package main

import (
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/go-alianza/alianza"
)

func (a *app) trunkCmd() *cobra.Command {
	return group("trunk", "SIP trunks: create, list, get, forward, status, delete",
		a.trunkCreateCmd(), a.trunkListCmd(), a.trunkGetCmd(), a.trunkForwardCmd(), a.trunkStatusCmd(), a.trunkDeleteCmd())
}

// randomToken returns n characters of [A-Za-z0-9]: random SIP credentials
// cannot be guessed, and these fit the username rule [A-Za-z0-9._-]{8,36}.
func randomToken(n int) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}

func writeTrunk(a *app, w io.Writer, t *alianza.SipTrunk) error {
	return kv(w, "Trunk Name", t.TrunkName, "ID", t.ID, "SIP Username", t.SIPUsername, "SIP Password", a.secret(t.SIPPassword),
		"SIP Proxy", t.SIPProxyServer, "Concurrent Calls", t.ConcurrentCalls, "Callback Number", t.CallbackNumber,
		"Primary Number", t.PrimaryTN, "Numbers", strings.Join(t.TelephoneNumbers, ", "), "Locked Out", t.LockedOut)
}

func (a *app) trunkCreateCmd() *cobra.Command {
	var (
		name, user, callback, primary string
		calls                         int
	)
	cmd := &cobra.Command{
		Use:   "create ACCOUNT --name NAME",
		Short: "Create a registration-based SIP trunk",
		Long: `Create a registration-based SIP trunk. The SIP username is random unless
--sip-username is given; the SIP password is always random, 24 letters and
digits (a guessable SIP password lets anyone register the trunk and call on
the account's bill, and a password on the command line would show in ps). It prints as REDACTED: read it with 'trunk get ... --show-secrets'.`,
		Args: exactArgs("ACCOUNT"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := requiredFlags(cmd, "name"); err != nil {
				return err
			}
			ctx := cmd.Context()
			if user == "" {
				user = "trunk" + randomToken(16)
			}
			req := &alianza.CreateSipTrunkRequest{TrunkName: name, SIPUsername: user, SIPPassword: alianza.Secret(randomToken(24)), ConcurrentCalls: calls}
			for _, f := range []struct {
				name, v string
				p       **string
			}{{"--callback", callback, &req.CallbackNumber}, {"--primary", primary, &req.PrimaryTN}} {
				if f.v != "" {
					tn, err := telephoneNumber(f.name, f.v)
					if err != nil {
						return err
					}
					*f.p = alianza.Ptr(tn)
				}
			}
			api, acctID, err := a.accountAPI(ctx, args[0])
			if err != nil {
				return err
			}
			t, err := api.SipTrunks.Create(ctx, acctID, req)
			if err != nil {
				return err
			}
			return a.emit(t, func(w io.Writer) error { return writeTrunk(a, w, t) })
		},
	}
	f := cmd.Flags()
	f.StringVar(&name, "name", "", "trunk name, unique on the account (required)")
	f.StringVar(&user, "sip-username", "", "SIP username, 8-36 of [A-Za-z0-9._-] (default random)")
	f.IntVar(&calls, "concurrent-calls", 2, "concurrent calls")
	f.StringVar(&callback, "callback", "", "E911 callback number (10 digits, or 11 starting with 1)")
	f.StringVar(&primary, "primary", "", "primary number (10 digits, or 11 starting with 1)")
	return cmd
}

func (a *app) trunkListCmd() *cobra.Command {
	return accountListCmd(a, "List the account's SIP trunks",
		func(ctx context.Context, api *alianza.Client, acctID string) ([]alianza.SipTrunk, error) {
			return api.SipTrunks.List(ctx, acctID)
		},
		[]string{"NAME", "ID", "SIP USERNAME", "SIP PASSWORD", "CALLS", "NUMBERS"},
		func(tr alianza.SipTrunk) []any {
			return []any{tr.TrunkName, tr.ID, tr.SIPUsername, a.secret(tr.SIPPassword), tr.ConcurrentCalls, strings.Join(tr.TelephoneNumbers, ",")}
		})
}

func (a *app) trunkGetCmd() *cobra.Command {
	return accountGetCmd(a, "TRUNK-ID", "Show a SIP trunk",
		func(ctx context.Context, api *alianza.Client, acctID, id string) (*alianza.SipTrunk, error) {
			return api.SipTrunks.Get(ctx, acctID, id)
		},
		func(w io.Writer, t *alianza.SipTrunk) error { return writeTrunk(a, w, t) })
}

// trunkStatusView is what trunk status prints: both fields, always.
type trunkStatusView struct {
	Registered bool `json:"registered"`
	LockedOut  bool `json:"lockedOut"`
}

func (a *app) trunkStatusCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "status ACCOUNT TRUNK-ID",
		Short: "Show whether a SIP trunk is registered or locked out",
		Args:  exactArgs("ACCOUNT", "TRUNK-ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			api, acctID, err := a.accountAPI(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			st, err := api.SipTrunks.GetRegistrationStatus(cmd.Context(), acctID, args[1])
			if err != nil {
				return err
			}
			// The SDK's type omits lockedOut when false; the table shows
			// it, so the JSON carries it always.
			v := trunkStatusView{Registered: st.Registered, LockedOut: st.LockedOut}
			return a.emit(v, func(w io.Writer) error { return kv(w, "Registered", v.Registered, "Locked Out", v.LockedOut) })
		},
	}
}

// writeForwarding shows a trunk's forwarding rules, one line per kind.
func writeForwarding(w io.Writer, r *alianza.SipTrunkForwardRules) error {
	always := "off"
	if r.ForwardAlways.Enabled {
		always = string(r.ForwardAlways.ReferenceType) + " " + r.ForwardAlways.ReferenceID
	}
	refs := func(rs []alianza.ForwardReference) string {
		s := make([]string, len(rs))
		for i, x := range rs {
			s[i] = strings.TrimSpace(string(x.ReferenceType) + " " + x.ReferenceID)
		}
		return strings.Join(s, ", ")
	}
	return kv(w, "Forward always", always, "On failure", refs(r.ForwardOnFailure), "On capacity exceeded", refs(r.ForwardOnCapacityExceeded))
}

func (a *app) trunkForwardCmd() *cobra.Command {
	var (
		always            string
		failure, capacity []string
		clear             bool
	)
	cmd := &cobra.Command{
		Use:   "forward ACCOUNT TRUNK-ID [--always TN | --on-failure TN... | --on-capacity TN... | --clear]",
		Short: "Show or set where a SIP trunk's calls go instead of the trunk",
		Long: `Without flags, show the trunk's forwarding rules. With flags, replace them:
--always TN forwards every call; --on-failure TN (repeatable, tried in order)
when the trunk fails or is not registered; --on-capacity TN when its
concurrent calls are exceeded. TN "voicemail" or "busy" forwards there instead
of to a number. --clear removes every rule.`,
		Args: exactArgs("ACCOUNT", "TRUNK-ID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			set := always != "" || len(failure) > 0 || len(capacity) > 0
			if clear && set {
				return usage("--clear goes alone")
			}
			onFailure, err := forwardRefs("--on-failure", failure)
			if err != nil {
				return err
			}
			onCapacity, err := forwardRefs("--on-capacity", capacity)
			if err != nil {
				return err
			}
			var alwaysRef alianza.ForwardReference
			if always != "" {
				if alwaysRef, err = forwardRef("--always", always); err != nil {
					return err
				}
			}
			ctx := cmd.Context()
			api, acctID, err := a.accountAPI(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			if clear || set {
				req := &alianza.UpdateSipTrunkForwardRulesRequest{ForwardOnFailure: onFailure, ForwardOnCapacityExceeded: onCapacity}
				if always != "" {
					r := alwaysRef
					req.ForwardAlways = &alianza.ForwardAlwaysReference{ReferenceType: r.ReferenceType, ReferenceID: r.ReferenceID, Enabled: true}
				}
				if err := api.SipTrunks.UpdateForwarding(ctx, acctID, args[1], req); err != nil {
					return err
				}
			}
			r, err := api.SipTrunks.GetForwarding(ctx, acctID, args[1])
			if err != nil {
				return err
			}
			return a.emit(r, func(w io.Writer) error { return writeForwarding(w, r) })
		},
	}
	cmd.Flags().StringVar(&always, "always", "", "forward every call to this number (or voicemail, busy)")
	cmd.Flags().StringArrayVar(&failure, "on-failure", nil, "forward here when the trunk fails (repeatable)")
	cmd.Flags().StringArrayVar(&capacity, "on-capacity", nil, "forward here when concurrent calls are exceeded (repeatable)")
	cmd.Flags().BoolVar(&clear, "clear", false, "remove every forwarding rule")
	return cmd
}

func forwardRef(flag, s string) (alianza.ForwardReference, error) {
	switch strings.ToLower(s) {
	case "voicemail":
		return alianza.ForwardReference{ReferenceType: alianza.ForwardReferenceTypeVoicemail}, nil
	case "busy":
		return alianza.ForwardReference{ReferenceType: alianza.ForwardReferenceTypeBusy}, nil
	}
	tn, err := telephoneNumber(flag, s)
	if err != nil {
		return alianza.ForwardReference{}, fmt.Errorf("%w (or voicemail, busy)", err)
	}
	return alianza.ForwardReference{ReferenceType: alianza.ForwardReferenceTypeTelephone, ReferenceID: tn}, nil
}

func forwardRefs(flag string, ss []string) ([]alianza.ForwardReference, error) {
	var out []alianza.ForwardReference
	for _, s := range ss {
		r, err := forwardRef(flag, s)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

func (a *app) trunkDeleteCmd() *cobra.Command {
	return a.accountResourceDeleteCmd("TRUNK-ID", "Delete a SIP trunk",
		func(ctx context.Context, api *alianza.Client, acctID, id string) (string, func() error, error) {
			t, err := api.SipTrunks.Get(ctx, acctID, id)
			if err != nil {
				return "", nil, err
			}
			return fmt.Sprintf("SIP trunk %s (%s)", t.TrunkName, t.ID), func() error { return api.SipTrunks.Delete(ctx, acctID, t.ID) }, nil
		})
}

// simpleDeleteView is the outcome of deleting one resource.
type simpleDeleteView struct {
	What    string `json:"what"`
	DryRun  bool   `json:"dryRun"`
	Deleted bool   `json:"deleted"`
}

// deleteOne runs a one-request delete behind --dry-run and confirmation.
func (a *app) deleteOne(g *guard, what string, del func() error) error {
	v := simpleDeleteView{What: what, DryRun: g.dryRun}
	text := func(w io.Writer) error {
		verb := "Deleted"
		if v.DryRun {
			verb = "Dry run: would delete"
		}
		_, err := fmt.Fprintf(w, "%s %s\n", verb, v.What)
		return err
	}
	if g.dryRun {
		return a.emit(v, text)
	}
	if err := a.confirm(g, "Delete "+what); err != nil {
		return err
	}
	if err := del(); err != nil {
		return err
	}
	v.Deleted = true
	return a.emit(v, text)
}
