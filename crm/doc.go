// Package crm turns what an operator's CRM does with Alianza into a few
// calls:
//
//	c, err := crm.New(api)                            // api is an *alianza.Client
//	p, err := c.Panel(ctx, crm.ByAccountNumber("ACME-1001"))
//	r, err := c.SyncStatus(ctx, link, "current")      // one PATCH, only when it differs
//	s, err := c.SyncSIPLines(ctx, link, crm.SyncModeFull, store, &crm.SyncOptions{DryRun: true})
//	p, err := c.Provision(ctx, spec, &crm.ProvisionOptions{Rollback: true})
//	e, err := c.Ensure(ctx, spec, nil)                // the same account, idempotent
//	t, err := c.Teardown(ctx, link, &crm.TeardownOptions{Progress: bar})
//
// A Link is how the CRM finds its customer's account: by account number
// (the default, the field the CRM stores as the customer's "nickname"),
// telephone number, MAC address or id. A link that matches no account
// gives ErrNotEnabled, what the CRM shows as "Customer not enabled in
// Alianza", rather than a generic error. Client.Resolve looks the account
// up once and returns a link that carries it, so the panel, the status
// sync and the SIP-line syncs of one customer share that read; ReadSIPLines
// reads Alianza's lines once for an AddOnly and then a Full sync
// (SyncOptions.Remote).
//
// Workflows that do several things report each of them. The panel and the
// SIP-line read fan out (bounded by WithConcurrency) and return what they
// could read with an error matching ErrIncomplete that lists the rest.
// Provision checks the whole AccountSpec before the first request, lists
// every step in its result and can roll back what it created, verifying by
// a look-up what a create whose answer was lost may have made. Ensure
// makes the account a spec describes exist, creating only what is missing,
// and is safe to run again after any failure. Teardown deletes the
// numbers, a few at a time, before the account.
// PortIn brings a customer's numbers over from another carrier:
// prevalidation, submission, following the port to completion, then
// routing; run again, it picks the port up where it stands.
//
// A create that collides with what the platform holds (an account number,
// username, SIP username or trunk name in use) gives an error matching
// alianza.ErrConflict; one whose answer was lost, alianza.ErrOutcomeUnknown.
//
// The pure parts, PlanSIPLineSync and DefaultStatusMapper, need no client.
// The CRM's side of a SIP-line sync is a LineStore it implements. SIP
// passwords are alianza.Secret values: they print as REDACTED everywhere
// (Panel.WriteText included) and only Reveal gives them out.
//
// A Client is immutable and safe for concurrent use.
package crm
