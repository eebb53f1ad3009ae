package crm

import (
	"context"
	"fmt"
	"log/slog"
	"sort"
	"sync"

	"github.com/go-alianza/alianza"
)

// SIPLines returns the linked account's SIP lines as the CRM's "Alianza
// Voice" table holds them. When some could not be read the lines that
// could are returned with an error matching ErrIncomplete.
func (c *Client) SIPLines(ctx context.Context, link Link) ([]SIPLine, error) {
	r, err := c.ReadSIPLines(ctx, link)
	if err != nil {
		return nil, err
	}
	return r.Lines, incomplete("sip-line read", r.Failures)
}

// RemoteLines is one read of an account's SIP lines on Alianza, to be
// planned against more than once (SyncOptions.Remote).
type RemoteLines struct {
	AccountID string
	Lines     []SIPLine // sorted by line number, then SIP username
	// Failures lists the devices whose lines could not be read; a Full
	// sync deletes nothing while there are any.
	Failures []Failure
}

// Complete reports whether every line was read.
func (r *RemoteLines) Complete() bool { return len(r.Failures) == 0 }

// LogValue masks the SIP passwords.
func (r RemoteLines) LogValue() slog.Value { return alianza.RedactedLogValue(r) }

// ReadSIPLines reads the linked account's SIP lines once: one list of its
// device lines and one provisioning-data read per device. Devices that
// could not be read are listed in Failures rather than failing the call;
// the error is for the account look-up (ErrNotEnabled, say) only.
func (c *Client) ReadSIPLines(ctx context.Context, link Link) (*RemoteLines, error) {
	a, err := c.account(ctx, link)
	if err != nil {
		return nil, err
	}
	lines, failures := c.readSIPLines(ctx, newGate(c.concurrency), a.ID)
	return &RemoteLines{AccountID: a.ID, Lines: lines, Failures: failures}, nil
}

// readSIPLines lists the account's device lines and reads their
// credentials from the provisioning data: the device line itself does not
// return its SIP password. The data of
// one device holds every line on its MAC address, so it is read once per
// MAC rather than once per line. Lines without a SIP username (speed dials,
// BLF keys) are not SIP accounts and are left out.
func (c *Client) readSIPLines(ctx context.Context, g gate, accountID string) ([]SIPLine, []Failure) {
	var devices []alianza.Device
	err := g.call(ctx, func() (err error) {
		devices, err = c.api.DeviceLines.ListByAccount(ctx, accountID)
		return err
	})
	if err != nil {
		return nil, []Failure{{What: "sip lines: listing device lines", Err: err}}
	}
	groups, order := map[string][]alianza.Device{}, []string{}
	for _, d := range devices {
		d.MACAddress = normMAC(d.MACAddress)
		key := "mac:" + d.MACAddress
		if d.MACAddress == "" {
			key = "id:" + d.ID
		}
		if _, seen := groups[key]; !seen {
			order = append(order, key)
		}
		groups[key] = append(groups[key], d)
	}
	var (
		mu       sync.Mutex
		lines    []SIPLine
		failures []Failure
	)
	parallel(ctx, cap(g), len(order), func(ctx context.Context, i int) {
		group := groups[order[i]]
		var data *alianza.DeviceData
		err := g.call(ctx, func() (err error) {
			data, err = c.api.DeviceLines.ProvisioningData(ctx, accountID, group[0].ID)
			return err
		})
		mu.Lock()
		defer mu.Unlock()
		if err != nil {
			failures = append(failures, Failure{What: "sip lines: provisioning data of " + deviceName(group[0]), Err: err})
			return
		}
		for _, d := range group {
			l, ok := data.Line(d.LineNumber)
			if !ok {
				failures = append(failures, Failure{What: "sip lines: " + deviceName(d), Err: fmt.Errorf("line %d is missing from the provisioning data", d.LineNumber)})
				continue
			}
			line := SIPLine{
				LineNumber: d.LineNumber, SIPUsername: first(l.SIPUsername, d.SIPUsername), SIPPassword: l.SIPPassword,
				DisplayName: l.DisplayName, EmergencyNumber: first(l.EmergencyNumber, d.EmergencyNumber), MACAddress: first(d.MACAddress, normMAC(l.MACAddress)),
			}
			if line.SIPUsername != "" {
				lines = append(lines, line)
			}
		}
	})
	sortLines(lines)
	sort.SliceStable(failures, func(i, j int) bool { return failures[i].What < failures[j].What })
	return lines, failures
}

func deviceName(d alianza.Device) string {
	if d.MACAddress != "" {
		return fmt.Sprintf("device %s line %d", d.MACAddress, d.LineNumber)
	}
	return fmt.Sprintf("device line %s", d.ID)
}

func first(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// normMAC writes a MAC address the one way the platform documents (12
// upper-case hex digits), so the sync does not see a change where one side
// merely wrote it differently. A value that is not a MAC is kept as it is.
func normMAC(s string) string {
	if n, err := alianza.NormalizeMAC(s); err == nil {
		return n
	}
	return s
}
