package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/crm"
)

// portInFile is the --spec file of port in: one JSON object. Field names
// are the SDK models' JSON names (Alianza's) where they exist; a field the
// console does not know is refused.
//
//	{
//	  "numbers": ["8015551212", "8015551213"],   required, 10 or 11 digits
//	  "billingTelephoneNumber": "8015551212",    default: the first number
//	  "customerServiceRecord": {...},            required: as the losing carrier has it
//	  "e911Address": {...},                      default: the record's address
//	  "crdDate": "2025-03-19",                   default: the earliest date the carrier offers
//	  "portingWireType": "Wireline",             Wireline (default) or Wireless
//	  "portingAuthorizedName": "Jane Smith",     who authorised the port (a business)
//	  "wirelessAccountNumber": "123456789",      the account number at the losing carrier
//	  "wirelessPin": "4321",                     its PIN (a wireless port needs both)
//	  "routing": {"userId" | "username", "callerId", "sipTrunkId", "businessLineId"}
//	}
type portInFile struct {
	Numbers                []string                       `json:"numbers"`
	BillingTelephoneNumber string                         `json:"billingTelephoneNumber"`
	CustomerServiceRecord  *alianza.CustomerServiceRecord `json:"customerServiceRecord"`
	// E911Address is decoded without the SDK type's UnmarshalJSON (which
	// also reads a nested form), so that unknown fields are refused in it
	// too: the file takes the flat form only.
	E911Address           *flatE911Address        `json:"e911Address"`
	CrdDate               string                  `json:"crdDate"`
	PortingWireType       alianza.PortingWireType `json:"portingWireType"`
	PortingAuthorizedName string                  `json:"portingAuthorizedName"`
	WirelessAccountNumber string                  `json:"wirelessAccountNumber"`
	WirelessPIN           alianza.Secret          `json:"wirelessPin"`
	Routing               *portInRouting          `json:"routing"`
}

// flatE911Address is alianza.E911Address without its methods.
type flatE911Address alianza.E911Address

// portInRouting says where the numbers go once the port completes: to a
// user (by id, or by username, looked up on the account), optionally as
// its caller ID; or to a SIP trunk; or to a business line. One target at
// most; none leaves the numbers unrouted.
type portInRouting struct {
	UserID         string `json:"userId"`
	Username       string `json:"username"`
	CallerID       bool   `json:"callerId"`
	SipTrunkID     string `json:"sipTrunkId"`
	BusinessLineID string `json:"businessLineId"`
}

// maxSpecFile bounds what readPortInFile reads: a port of a few hundred
// numbers fits many times over.
const maxSpecFile = 1 << 20

// readPortInFile reads and checks a --spec file ("-": r, the console's
// stdin) and returns the spec without its account. Every problem is an
// alianza.ErrValidation error naming the field, found before any request.
func readPortInFile(name string, stdin io.Reader) (*crm.PortInSpec, string, error) {
	var (
		raw []byte
		err error
	)
	if name == "-" {
		raw, err = io.ReadAll(io.LimitReader(stdin, maxSpecFile+1))
	} else {
		var f *os.File
		if f, err = os.Open(name); err == nil {
			raw, err = io.ReadAll(io.LimitReader(f, maxSpecFile+1))
			f.Close()
		}
	}
	if err != nil {
		return nil, "", fmt.Errorf("%w: --spec: %w", alianza.ErrValidation, err)
	}
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: --spec %s: %s", alianza.ErrValidation, name, fmt.Sprintf(format, args...))
	}
	if len(raw) > maxSpecFile {
		return nil, "", bad("larger than %d bytes", maxSpecFile)
	}
	var file portInFile
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&file); err != nil {
		// encoding/json's messages name the field ("unknown field
		// \"pin\"", "... field portInFile.numbers of type []string") and
		// never quote a value, so no PIN reaches them.
		if errors.Is(err, io.EOF) {
			return nil, "", bad("empty file: want a JSON object")
		}
		return nil, "", bad("%s", strings.TrimPrefix(err.Error(), "json: "))
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, "", bad("more than one JSON value: want one object")
	}
	spec, username, err := file.spec()
	if err != nil {
		return nil, "", bad("%s", err)
	}
	return spec, username, nil
}

// spec checks the file and maps it onto crm.PortInSpec, checking it as the
// SDK will before submitting; username is the routing user to look up.
func (f *portInFile) spec() (*crm.PortInSpec, string, error) {
	var problems []string
	add := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	if len(f.Numbers) == 0 {
		add("numbers: is required, at least one number")
	}
	if f.CustomerServiceRecord == nil {
		add("customerServiceRecord: is required: the customer as the losing carrier has them")
	}
	for i, n := range f.Numbers {
		if !alianza.IsTelephoneNumber(normTN(n)) {
			add("numbers[%d]: %q %s", i, n, tnRule)
		}
	}
	if n := f.BillingTelephoneNumber; n != "" && !alianza.IsTelephoneNumber(normTN(n)) {
		add("billingTelephoneNumber: %q %s", n, tnRule)
	}
	var crd time.Time
	if f.CrdDate != "" {
		d, err := time.Parse("2006-01-02", f.CrdDate)
		if err != nil {
			add("crdDate: %q is not a date (want YYYY-MM-DD)", f.CrdDate)
		}
		crd = d
	}
	wire := f.PortingWireType
	if wire == "" {
		wire = alianza.PortingWireTypeWireline
	}
	spec := &crm.PortInSpec{
		Numbers: normTNs(f.Numbers),
		Port: alianza.PortRequest{
			BillingTelephoneNumber: normTN(f.BillingTelephoneNumber), CrdDate: crd, PortingWireType: wire,
			PortingAuthorizedName: f.PortingAuthorizedName, WirelessAccountNumber: f.WirelessAccountNumber,
			WirelessPIN: f.WirelessPIN,
		},
		E911Address: (*alianza.E911Address)(f.E911Address),
	}
	if f.CustomerServiceRecord != nil {
		spec.CustomerServiceRecord = *f.CustomerServiceRecord
	}
	username := ""
	if r := f.Routing; r != nil {
		targets := 0
		for _, v := range []string{r.UserID + r.Username, r.SipTrunkID, r.BusinessLineID} {
			if v != "" {
				targets++
			}
		}
		switch {
		case r.UserID != "" && r.Username != "":
			add("routing: userId and username: give one")
		case targets > 1:
			add("routing: one target at most: a user, a sipTrunkId or a businessLineId")
		case r.CallerID && r.UserID == "" && r.Username == "":
			add("routing.callerId: needs a user (userId or username)")
		}
		spec.UserID, spec.CallerID, spec.SipTrunkID, spec.BusinessLineID = r.UserID, r.CallerID, r.SipTrunkID, r.BusinessLineID
		username = r.Username
	}
	if len(problems) == 0 {
		// The SDK's own checks of the submission, with a stand-in date
		// where the earliest offered one will be taken.
		req := &alianza.SubmitPortRequest{Numbers: spec.Numbers, CustomerServiceRecord: spec.CustomerServiceRecord,
			E911Address: spec.E911Address, Port: spec.Port}
		if req.Port.BillingTelephoneNumber == "" {
			req.Port.BillingTelephoneNumber = spec.Numbers[0]
		}
		if req.Port.CrdDate.IsZero() {
			req.Port.CrdDate = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
		}
		var ve *alianza.ValidationError
		if err := req.Validate(); errors.As(err, &ve) {
			for _, fe := range ve.Errors {
				// The file holds the port's fields at the top level.
				add("%s: %s", strings.TrimPrefix(fe.Field, "port."), fe.Rule)
			}
		} else if err != nil {
			return nil, "", err
		}
	}
	if len(problems) > 0 {
		return nil, "", errors.New(strings.Join(problems, "; "))
	}
	return spec, username, nil
}

// tnRule is the console's rule for a telephone number it takes.
const tnRule = "must be 10 digits, or 11 starting with 1, e.g. 8015551212"

// telephoneNumber is a US telephone number the operator typed, as the SDK
// sends it: 10 digits get their leading 1. Anything else that is not 11
// digits starting with 1 is a validation error naming what (an argument
// or a flag) and the number.
func telephoneNumber(what, n string) (string, error) {
	tn := normTN(n)
	if !alianza.IsTelephoneNumber(tn) {
		return "", fmt.Errorf("%w: %s %q: %s", alianza.ErrValidation, what, n, tnRule)
	}
	return tn, nil
}

// normTN writes a 10-digit number with its leading 1, as the SDK sends it.
func normTN(n string) string {
	n = strings.TrimSpace(n)
	if len(n) == 10 {
		n = "1" + n
	}
	return n
}

func normTNs(in []string) []string {
	out := make([]string, len(in))
	for i, n := range in {
		out[i] = normTN(n)
	}
	return out
}
