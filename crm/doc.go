// Package crm turns what an operator's CRM does with Alianza into a few
// calls (seed 000, "[CRM] Alianza API integration"):
//
//	c, err := crm.New(api)                            // api is an *alianza.Client
//	p, err := c.Panel(ctx, crm.ByAccountNumber("ACME-1001"))
//	r, err := c.SyncStatus(ctx, link, "current")      // one PATCH, only when it differs
//	s, err := c.SyncSIPLines(ctx, link, crm.SyncFull, store, &crm.SyncOptions{DryRun: true})
//	p, err := c.Provision(ctx, spec, &crm.ProvisionOptions{Rollback: true})
//	t, err := c.Teardown(ctx, link, &crm.TeardownOptions{Progress: bar})
//
// A Link is how the CRM finds its customer's account: by account number
// (the default, seed 000's "nickname" field), telephone number, MAC address
// or id. A link that matches no account gives ErrNotEnabled, the seed's
// "Customer not enabled in Alianza", rather than a generic error.
//
// Workflows that do several things report each of them. The panel and the
// SIP-line read fan out (bounded by WithConcurrency) and return what they
// could read with an error matching ErrIncomplete that lists the rest.
// Provision checks the whole AccountSpec before the first request, lists
// every step in its result and can roll back what it created. Teardown
// deletes the numbers, a few at a time, before the account.
//
// The pure parts, PlanSIPLineSync and DefaultStatusMapper, need no client.
// The CRM's side of a SIP-line sync is a LineStore it implements. SIP
// passwords are alianza.Secret values: they print as REDACTED everywhere
// (Panel.WriteText included) and only Reveal gives them out.
//
// A Client is immutable and safe for concurrent use.
package crm
