package crm

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/go-alianza/alianza"
)

// Look-ups of what a spec describes, by the keys the platform keeps
// unique: the account by its number, a user by username, a trunk by name,
// a device line by MAC address and line number. Provision's rollback uses
// them after a create whose answer was lost; Ensure uses the matching
// rules to adopt what already exists. A resource that is not there is
// (nil, nil).

// outcomeUnknown reports whether err is a write whose answer was lost.
func outcomeUnknown(err error) bool { return errors.Is(err, alianza.ErrOutcomeUnknown) }

// gone makes a delete of something already gone a success.
func gone(err error) error {
	if errors.Is(err, alianza.ErrNotFound) {
		return nil
	}
	return err
}

func (c *Client) findAccount(ctx context.Context, accountNumber string) (*alianza.Account, error) {
	a, err := c.api.Accounts.GetBy(ctx, alianza.AccountIDTypeAccountNumber, accountNumber)
	if errors.Is(err, alianza.ErrNotFound) {
		return nil, nil
	}
	return a, err
}

// sentAccount reports whether a is the account s's create would have
// made: the same name, type, billing day and time zone. An account with
// the spec's number that differs was there before and is not this spec's.
func (s *validated) sentAccount(a *alianza.Account) bool {
	return a.AccountNumber == s.AccountNumber && a.AccountName == s.AccountName && a.AccountType == s.Type &&
		a.BillingCycleDay == s.BillingCycleDay && a.TimeZone == s.TimeZone
}

func (c *Client) findUser(ctx context.Context, accountID string, u UserSpec) (*alianza.User, error) {
	if u.Username == "" {
		return nil, fmt.Errorf("user %s has no username to look it up by", u.key())
	}
	user, err := c.api.Users.GetByUsername(ctx, accountID, u.Username)
	if errors.Is(err, alianza.ErrNotFound) {
		return nil, nil
	}
	return user, err
}

func (c *Client) findTrunk(ctx context.Context, accountID, name string) (*alianza.SipTrunk, error) {
	trunks, err := c.api.SipTrunks.List(ctx, accountID)
	if err != nil {
		return nil, err
	}
	return trunkNamed(trunks, name), nil
}

func trunkNamed(trunks []alianza.SipTrunk, name string) *alianza.SipTrunk {
	for i := range trunks {
		if trunks[i].TrunkName == name {
			return &trunks[i]
		}
	}
	return nil
}

func (c *Client) findDevice(ctx context.Context, accountID string, d DeviceSpec, userID string) (*alianza.Device, error) {
	devices, err := c.api.DeviceLines.ListByAccount(ctx, accountID)
	if err != nil {
		return nil, err
	}
	return deviceFor(devices, d, userID), nil
}

// deviceFor finds d's line among devices: by MAC address and line number
// when d has a MAC, else by SIP username when it has one, else by name,
// user and line number.
func deviceFor(devices []alianza.Device, d DeviceSpec, userID string) *alianza.Device {
	for i := range devices {
		x := &devices[i]
		switch {
		case d.MAC != "":
			if normMAC(x.MACAddress) == d.MAC && x.LineNumber == d.LineNumber {
				return x
			}
		case d.SIPUsername != "":
			if x.SIPUsername == d.SIPUsername {
				return x
			}
		default:
			if x.DeviceName == d.Name && x.UserID == userID && x.LineNumber == d.LineNumber {
				return x
			}
		}
	}
	return nil
}

// userNamed finds u among users by username, ignoring case.
func userNamed(users []alianza.User, u UserSpec) *alianza.User {
	for i := range users {
		if strings.EqualFold(users[i].Username, u.Username) {
			return &users[i]
		}
	}
	return nil
}
