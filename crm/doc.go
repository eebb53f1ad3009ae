// Package crm turns what an operator's CRM does with Alianza into a few
// calls: the account status panel, status sync, SIP-line sync, provisioning
// a complete account, and teardown (seed 000, "[CRM] Alianza API
// integration").
//
// Everything here is built on the alianza services; the pure parts (the
// SIP-line sync plan, the status mapping) need no client and are easy to
// test on their own.
package crm
