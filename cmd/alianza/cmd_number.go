package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/go-alianza/alianza"
)

func (a *app) numberCmd() *cobra.Command {
	return group("number", "Telephone numbers: search, reserve, add, route, release, list",
		a.numberSearchCmd(), a.numberReserveCmd(), a.numberReleaseCmd(), a.numberAddCmd(), a.numberRouteCmd(), a.numberListCmd())
}

type numberRow struct {
	PhoneNumber string  `json:"phoneNumber"`
	RateCenter  string  `json:"rateCenter,omitempty"`
	State       string  `json:"state,omitempty"`
	Distance    float32 `json:"distance,omitempty"`
}

// maxSearchResults is the most numbers a search returns: Alianza answers
// a search with at most 15.
const maxSearchResults = 15

func (a *app) numberSearchCmd() *cobra.Command {
	var (
		typ       string
		lat, long float64
		limit     int
	)
	cmd := &cobra.Command{
		Use:   "search [QUERY]",
		Short: "Search available numbers by postal code, number or rate center, or near a point",
		Long: `Search the inventory for available numbers. QUERY is a postal code, a number
or a rate center, as --type says (default POSTALCODE_OR_TN); --type LAT_LONG
searches near --lat/--long and takes no QUERY (--lat/--long alone imply it;
QUERY with --lat/--long is refused).`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if limit < 1 || limit > maxSearchResults {
				return usage("--max %d: want 1-%d, the most Alianza returns", limit, maxSearchResults)
			}
			point := cmd.Flags().Changed("lat") || cmd.Flags().Changed("long")
			if point && len(args) == 1 {
				return usage("QUERY %q and --lat/--long: a search is by QUERY or near a point, not both", args[0])
			}
			if t := strings.ToUpper(typ); point && t != "" && t != string(alianza.TNSearchTypeLatLong) {
				return usage("--type %s and --lat/--long: a search near a point is --type %s", typ, alianza.TNSearchTypeLatLong)
			}
			opts := &alianza.SearchTelephoneNumbersOptions{Type: alianza.TNSearchType(strings.ToUpper(typ)), Lat: lat, Long: long, MaxResults: limit}
			if len(args) == 1 {
				opts.Q = args[0]
			}
			if opts.Type == "" && (lat != 0 || long != 0) {
				opts.Type = alianza.TNSearchTypeLatLong
			}
			api, err := a.client()
			if err != nil {
				return err
			}
			found, err := api.TelephoneNumbers.Search(cmd.Context(), opts)
			if err != nil {
				return err
			}
			rows := make([]numberRow, 0, len(found))
			for _, f := range found {
				rows = append(rows, numberRow{f.PhoneNumber, f.RateCenter, f.State, f.Distance})
			}
			return a.emit(rows, func(w io.Writer) error {
				t := newTable(w, "NUMBER", "RATE CENTER", "STATE", "DISTANCE (MI)")
				for _, r := range rows {
					d := ""
					if r.Distance != 0 {
						d = fmt.Sprintf("%.1f", r.Distance)
					}
					t.row(r.PhoneNumber, r.RateCenter, r.State, d)
				}
				return t.flush()
			})
		},
	}
	cmd.Flags().StringVar(&typ, "type", "", "POSTALCODE_OR_TN, TN, POSTALCODE, RATECENTER, RATECENTER_CARRIER or LAT_LONG")
	cmd.Flags().Float64Var(&lat, "lat", 0, "latitude of a LAT_LONG search")
	cmd.Flags().Float64Var(&long, "long", 0, "longitude of a LAT_LONG search")
	cmd.Flags().IntVar(&limit, "max", 10, fmt.Sprintf("at most this many results, 1-%d (the most Alianza returns)", maxSearchResults))
	return cmd
}

func (a *app) numberReserveCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "reserve TN",
		Short: "Reserve an available number for 30 minutes",
		Args:  exactArgs("TN"),
		RunE: func(cmd *cobra.Command, args []string) error {
			tn, err := telephoneNumber("TN", args[0])
			if err != nil {
				return err
			}
			api, err := a.client()
			if err != nil {
				return err
			}
			r, err := api.TelephoneNumbers.Reserve(cmd.Context(), tn)
			if err != nil {
				return err
			}
			return a.emit(r, func(w io.Writer) error {
				exp := ""
				if !r.ReservedTime.IsZero() {
					// Alianza holds a reservation for 30 minutes.
					exp = r.ReservedTime.Add(30 * time.Minute).UTC().Format("2006-01-02 15:04:05 MST")
				}
				return kv(w, "Reserved", r.TN, "Expires", exp)
			})
		},
	}
}

func (a *app) numberReleaseCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "release TN",
		Short: "Release a reservation",
		Args:  exactArgs("TN"),
		RunE: func(cmd *cobra.Command, args []string) error {
			tn, err := telephoneNumber("TN", args[0])
			if err != nil {
				return err
			}
			api, err := a.client()
			if err != nil {
				return err
			}
			if err := api.TelephoneNumbers.ReleaseReservation(cmd.Context(), tn); err != nil {
				return err
			}
			v := map[string]any{"phoneNumber": tn, "released": true}
			return a.emit(v, func(w io.Writer) error {
				_, err := fmt.Fprintf(w, "Released %s\n", tn)
				return err
			})
		},
	}
}

func (a *app) numberAddCmd() *cobra.Command {
	var (
		address, postal, country, customerType, business, first, last, cnam string
	)
	cmd := &cobra.Command{
		Use:   "add ACCOUNT TN --address ADDRESS --postal-code CODE",
		Short: "Add a (reserved) number to an account, with its service and E911 address",
		Long: `Add a number to an account and activate it: the service address is
validated first, and the validated address is the number's customer service
record and, with its coordinates, its E911 address. BUSINESS numbers
need --business-name, RESIDENTIAL ones --first-name and --last-name.`,
		Args: exactArgs("ACCOUNT", "TN"),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			ct := alianza.CustomerType(strings.ToUpper(customerType))
			var missing []string
			if address == "" {
				missing = append(missing, "--address")
			}
			if postal == "" {
				missing = append(missing, "--postal-code")
			}
			if ct == alianza.CustomerTypeBusiness && business == "" {
				missing = append(missing, "--business-name")
			}
			if ct == alianza.CustomerTypeResidential && (first == "" || last == "") {
				missing = append(missing, "--first-name and --last-name")
			}
			if !ct.Valid() {
				return fmt.Errorf("%w: --customer-type %q: want BUSINESS or RESIDENTIAL", alianza.ErrValidation, customerType)
			}
			if len(missing) > 0 {
				return usage("%s: %s required", cmd.CommandPath(), strings.Join(missing, ", "))
			}
			tn, err := telephoneNumber("TN", args[1])
			if err != nil {
				return err
			}
			api, acctID, err := a.accountAPI(ctx, args[0])
			if err != nil {
				return err
			}
			val, err := api.Addresses.Validate(ctx, &alianza.ValidateAddressOptions{Address: address, PostalCode: postal, Country: alianza.Country(strings.ToUpper(country))})
			if err != nil {
				return fmt.Errorf("validating the address: %w", err)
			}
			if !val.Valid {
				if len(val.RequiredFields) > 0 {
					return fmt.Errorf("%w: the address %q is not complete: it needs %s", alianza.ErrValidation, address, strings.Join(val.RequiredFields, ", "))
				}
				return fmt.Errorf("%w: Alianza does not recognise the address %q, postal code %s, country %s: check the street number and name (--address), --postal-code and --country",
					alianza.ErrValidation, address, postal, strings.ToUpper(country))
			}
			csr := val.CustomerServiceRecord
			csr.CustomerType, csr.BusinessName, csr.FirstName, csr.LastName, csr.CustomerName = ct, business, first, last, cnam
			if csr.Country == "" {
				csr.Country = strings.ToUpper(country)
			}
			val.CustomerServiceRecord = csr
			e911 := val.E911Address()
			req := alianza.NewAddTelephoneNumbersRequest(csr, tn)
			req.E911Address = &e911
			if _, err := api.TelephoneNumbers.AddToAccount(ctx, acctID, req); err != nil {
				return err
			}
			n, err := api.TelephoneNumbers.Get(ctx, acctID, tn)
			if err != nil {
				return fmt.Errorf("the number was added, but reading it back failed: %w", err)
			}
			return a.emit(n, func(w io.Writer) error { return writeNumber(w, n) })
		},
	}
	f := cmd.Flags()
	f.StringVar(&address, "address", "", `service address on one line: "333 S 520 W, Lindon, UT"`)
	f.StringVar(&postal, "postal-code", "", "postal code of the address")
	f.StringVar(&country, "country", "USA", "USA or CAN")
	f.StringVar(&customerType, "customer-type", "BUSINESS", "BUSINESS or RESIDENTIAL")
	f.StringVar(&business, "business-name", "", "business name (BUSINESS)")
	f.StringVar(&first, "first-name", "", "first name (RESIDENTIAL)")
	f.StringVar(&last, "last-name", "", "last name (RESIDENTIAL)")
	f.StringVar(&cnam, "cnam", "", "caller-ID name, at most 15 characters")
	return cmd
}

func writeNumber(w io.Writer, n *alianza.AccountTelephoneNumber) error {
	// No caller-ID column: assignAsCallerId is write-only, the platform
	// keeps the caller ID on the user.
	return kv(w, "Number", n.PhoneNumber, "Account ID", n.AccountID, "Routed to", routeOf(n.ReferenceType, n.ReferenceID),
		"Carrier status", n.CarrierStatus, "Operational status", n.OperationalStatus)
}

func routeOf(t alianza.TNReferenceType, id string) string {
	if t == "" {
		return "nothing (rings busy)"
	}
	return string(t) + " " + id
}

func (a *app) numberRouteCmd() *cobra.Command {
	var (
		user, trunk string
		callerID    bool
	)
	cmd := &cobra.Command{
		Use:   "route ACCOUNT TN (--user USER-ID [--caller-id] | --trunk TRUNK-ID)",
		Short: "Route a number's inbound calls to a user or a SIP trunk",
		Args:  exactArgs("ACCOUNT", "TN"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if (user == "") == (trunk == "") {
				return usage("give exactly one of --user and --trunk")
			}
			if callerID && user == "" {
				return usage("--caller-id goes with --user")
			}
			tn, err := telephoneNumber("TN", args[1])
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			api, acctID, err := a.accountAPI(ctx, args[0])
			if err != nil {
				return err
			}
			var d *alianza.TelephoneNumberDestination
			if user != "" {
				d, err = api.TelephoneNumbers.RouteToUser(ctx, acctID, tn, user, callerID)
			} else {
				d, err = api.TelephoneNumbers.RouteToSipTrunk(ctx, acctID, tn, trunk)
			}
			if err != nil {
				return err
			}
			return a.emit(d, func(w io.Writer) error {
				return kv(w, "Number", tn, "Routed to", routeOf(d.ReferenceType, d.ReferenceID), "Caller ID", d.AssignAsCallerID)
			})
		},
	}
	cmd.Flags().StringVar(&user, "user", "", "route to this user id")
	cmd.Flags().StringVar(&trunk, "trunk", "", "route to this SIP trunk id")
	cmd.Flags().BoolVar(&callerID, "caller-id", false, "also make the number the user's caller ID")
	return cmd
}

func (a *app) numberListCmd() *cobra.Command {
	return accountListCmd(a, "List the account's numbers and where they route",
		func(ctx context.Context, api *alianza.Client, acctID string) ([]alianza.AccountTelephoneNumber, error) {
			return api.TelephoneNumbers.List(ctx, acctID, nil)
		},
		[]string{"NUMBER", "ROUTED TO", "CARRIER STATUS"},
		func(n alianza.AccountTelephoneNumber) []any {
			return []any{n.PhoneNumber, routeOf(n.ReferenceType, n.ReferenceID), n.CarrierStatus}
		})
}
