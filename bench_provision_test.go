package alianza_test

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/alianzatest"
)

// provisionRound is how many accounts one fake platform takes: each gets
// one of the fake's 300 inventory numbers.
const provisionRound = 200

// BenchmarkProvision: the full business-account workflow of Alianza's
// account creation guide
// (account, user, number search/reserve/add, routing to the user, device
// line) through the SDK's services against the in-process fake, which
// checks every request and response against the spec. One op is one
// account; accounts/s is the throughput at each concurrency.
func BenchmarkProvision(b *testing.B) {
	var num alianza.AccountTelephoneNumber
	if err := json.Unmarshal(fixture(b, "telephonenumber.json"), &num); err != nil {
		b.Fatal(err)
	}
	csr := num.CustomerServiceRecord // the account creation guide's customer
	var seq atomic.Int64             // account numbers, unique across rounds
	for _, conc := range []int{1, 16} {
		b.Run(fmt.Sprintf("conc=%d", conc), func(b *testing.B) {
			var busy time.Duration // timed work only: no server start-up
			b.ReportAllocs()
			for done := 0; done < b.N; {
				n := min(b.N-done, provisionRound)
				b.StopTimer()
				srv := alianzatest.NewServer(b)
				c, err := srv.NewClient()
				if err != nil {
					b.Fatal(err)
				}
				p := &provisioner{c: c, csr: csr, seq: &seq}
				if _, err := c.Login(context.Background()); err != nil {
					b.Fatal(err)
				}
				start := time.Now()
				b.StartTimer()
				p.run(b, n, conc)
				b.StopTimer()
				busy += time.Since(start)
				srv.Close()
				done += n
			}
			b.ReportMetric(float64(b.N)/busy.Seconds(), "accounts/s")
		})
	}
}

// provisioner runs the workflow; claimed keeps concurrent workers off
// each other's numbers, as a real provisioning service sharing one API
// user must (the platform lets that user reserve a number twice).
type provisioner struct {
	c       *alianza.Client
	csr     alianza.CustomerServiceRecord
	seq     *atomic.Int64
	claimed sync.Map
}

// run provisions n accounts with conc workers.
func (p *provisioner) run(b *testing.B, n, conc int) {
	var left atomic.Int64
	left.Store(int64(n))
	var wg sync.WaitGroup
	var fe firstErr
	for range conc {
		wg.Go(func() {
			for left.Add(-1) >= 0 {
				if err := p.account(context.Background()); err != nil {
					fe.set(err)
					return
				}
			}
		})
	}
	wg.Wait()
	if fe.err != nil {
		b.Fatal(fe.err)
	}
}

// account provisions one business account with one user, one number and
// one device line.
func (p *provisioner) account(ctx context.Context) error {
	i := p.seq.Add(1)
	acct, err := p.c.Accounts.Create(ctx, &alianza.CreateAccountRequest{
		AccountNumber:       fmt.Sprintf("BENCH-%07d", i),
		AccountName:         fmt.Sprintf("Bench Customer %d", i),
		BillingCycleDay:     1,
		AccountType:         alianza.AccountTypeAdvanced,
		TimeZone:            alianza.TimeZoneUSMountain,
		DialingBehaviorType: alianza.DialingBehaviorTypeOpenDialPlanTenDigit,
		ExtensionLength:     alianza.Ptr(4),
		PlatformType:        alianza.Ptr(alianza.PlatformTypeCPE2),
	})
	if err != nil {
		return fmt.Errorf("create account: %w", err)
	}
	user, err := p.c.Users.Create(ctx, acct.ID, &alianza.CreateUserRequest{
		TimeZone:        alianza.TimeZoneUSMountain,
		Username:        alianza.Ptr(fmt.Sprintf("bench.user.%d@example.com", i)),
		FirstName:       alianza.Ptr("John"),
		LastName:        alianza.Ptr("Smith"),
		EmailAddress:    alianza.Ptr(fmt.Sprintf("bench.user.%d@example.com", i)),
		UserProductPlan: alianza.Ptr(alianza.UserProductPlanStandard),
		Extension:       alianza.Ptr("4000"),
		EndUserType:     alianza.Ptr(alianza.EndUserTypeStandard),
		BlockEmail:      alianza.Ptr(true),
	})
	if err != nil {
		return fmt.Errorf("create user: %w", err)
	}
	tn, err := p.number(ctx)
	if err != nil {
		return err
	}
	if _, err := p.c.TelephoneNumbers.AddToAccount(ctx, acct.ID, alianza.NewAddTelephoneNumbersRequest(p.csr, tn)); err != nil {
		return fmt.Errorf("add number %s: %w", tn, err)
	}
	if _, err := p.c.TelephoneNumbers.RouteToUser(ctx, acct.ID, tn, user.ID, true); err != nil {
		return fmt.Errorf("route number: %w", err)
	}
	_, err = p.c.DeviceLines.Create(ctx, acct.ID, &alianza.CreateDeviceRequest{
		DeviceTypeID:    "SPA112",
		DeviceName:      "Front desk",
		UserID:          user.ID,
		LineNumber:      1,
		EmergencyNumber: alianza.Ptr(tn),
		MACAddress:      alianza.Ptr(fmt.Sprintf("00:1b:%02x:%02x:%02x:%02x", byte(i>>24), byte(i>>16), byte(i>>8), byte(i))),
	})
	if err != nil {
		return fmt.Errorf("create device line: %w", err)
	}
	return nil
}

// number searches near the account creation guide's address and reserves the first number
// no other worker has claimed.
func (p *provisioner) number(ctx context.Context) (string, error) {
	for {
		found, err := p.c.TelephoneNumbers.Search(ctx, &alianza.SearchTelephoneNumbersOptions{
			Type: alianza.TNSearchTypeLatLong, Lat: 40.332492, Long: -111.728167, MaxResults: 15,
		})
		if err != nil {
			return "", fmt.Errorf("search numbers: %w", err)
		}
		if len(found) == 0 {
			return "", fmt.Errorf("search numbers: inventory exhausted")
		}
		for _, f := range found {
			if _, taken := p.claimed.LoadOrStore(f.PhoneNumber, true); taken {
				continue
			}
			if _, err := p.c.TelephoneNumbers.Reserve(ctx, f.PhoneNumber); err != nil {
				return "", fmt.Errorf("reserve %s: %w", f.PhoneNumber, err)
			}
			return f.PhoneNumber, nil
		}
		// Every hit is claimed by a worker that has not added it yet.
	}
}
