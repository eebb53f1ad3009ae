// Command alianza is the Alianza API Console: the commands of a CRM's
// Alianza integration and the common provisioning tasks, from a shell.
//
//	alianza login
//	alianza account list | add | get | status | set-status | delete | teardown
//	alianza sip-lines list | sync --mode full|add-only --crm-lines FILE [--out FILE]
//	alianza number search | reserve | add | route | release | list
//	alianza trunk create | list | get | forward | status | delete
//	alianza user list | get | create | delete
//	alianza device list | get | create | delete
//	alianza cdr search ACCOUNT --from DATE --to DATE [--csv]
//	alianza billing export --period YYYY-MM [--billing-day N] -o FILE [--format csv|jsonl] [--resume]
//	alianza report list | run NAME [--wait] [-o FILE]
//	alianza port prevalidate | get | cancel | trigger | status [--wait]
//	alianza port in ACCOUNT --spec FILE [--wait=false] [--poll D] [--poll-max D]
//
// Credentials come from ALIANZA_BASE_URL (default the production URL),
// ALIANZA_USERNAME and ALIANZA_PASSWORD, or the flags --base-url, --username
// and --password (a plain http:// base URL to a host that is not loopback
// also needs --insecure-http). --fake runs against an in-process fake platform
// (alianzatest) seeded with the demo account DEMO-1001, so
//
//	go run ./cmd/alianza --fake account status DEMO-1001
//
// works on a fresh clone. Each run starts its own fake: changes do not
// carry over to the next command. The fake's ports move one step every 2
// seconds, so a port in completes in seconds.
//
// An ACCOUNT argument is an account number, the CRM's link field, unless
// --by id|phone|mac says otherwise. An account that does not exist is "not
// enabled in Alianza", exit 7, whatever the command.
//
// # Output
//
// Aligned tables for people; --json prints JSON for scripts. Remarks and
// prompts go to stderr, results to stdout. SIP passwords print as REDACTED
// in both forms unless --show-secrets is given; the login token is never
// printed. With --json an error is a JSON object on stderr, {"error",
// "class", "sentinel", "exitCode"}: sentinel is the most specific Go error
// matched (alianza.ErrAuthentication for a refused login,
// alianza.ErrConflict for a duplicate create), and absent for a usage
// mistake, an abort, a file or transport error.
//
// # Destructive commands
//
// account delete, account teardown, sip-lines sync --mode full, port cancel
// and the trunk, user and device deletes show what they will do and ask "[y/N]" on
// stdin. --yes skips the question, --dry-run shows the plan and does
// nothing. When stdin is not a terminal and --yes is absent they refuse
// (exit 9) rather than wait for an answer that cannot come. A full sync
// reads Alianza again after the answer and refuses any delete that was not
// in the plan the operator confirmed.
//
// # Port-in file
//
// port in reads the port from a JSON object (run 'alianza port in --help'
// for every field): the numbers, the customer service record as the losing
// carrier has it, the requested date, the wire type, the losing carrier's
// account number and PIN, and where to route the numbers once they arrive.
// Unknown fields are refused, and the whole file is checked before any
// request (exit 3). The PIN is never printed. The command follows the port
// to the end by default and routes the numbers; interrupted, the port stays
// submitted and the same command resumes it.
//
// Long work (the number deletes of a teardown, the changes of a sync, the
// accounts of a billing export) draws a progress bar on stderr when stderr
// is a terminal.
//
// # SIP-line sync file
//
// sip-lines sync takes the CRM's side of the "Alianza Voice" table from a
// JSON file: an array of objects with the CRM table's fields,
//
//	[
//	  {"lineNumber": 1, "sipUsername": "demo-desk-phone-1", "sipPassword": "...",
//	   "displayName": "Demo User", "emergencyNumber": "18017850805", "macAddress": "0004F2ABCDEF"}
//	]
//
// Lines match by sipUsername, which must be present and unique. Other fields
// (a CRM's portNumber, dialNumber ...) are kept as they are. "[]" is an empty
// table. The result is written back to the file, or to --out, after each
// change and with mode 0600: like the CRM's table, it holds the SIP
// passwords in clear.
//
// # Exit codes
//
//	0    success
//	1    unexpected error, or a local file that cannot be read or written
//	2    usage: unknown command or flag, a required flag missing, wrong arguments
//	3    validation: input refused before any request, or by Alianza (400, 409);
//	     a port refused before submitting, or that the carrier rejected or
//	     cancelled
//	4    not found: the user, device, trunk or number does not exist (404)
//	5    authentication: no credentials, login refused, 401 or 403
//	6    server or transport: 5xx, 429, timeout, connection failure
//	7    not enabled: no Alianza account matches ("Customer not enabled in Alianza")
//	8    incomplete: some steps succeeded and some failed; the output lists them
//	9    aborted: confirmation declined, or needed without a terminal (use --yes)
//	10   outcome unknown: a write was sent and no answer came; it may have
//	     been applied, so look (get, list) before running it again
//	130  interrupted
package main
