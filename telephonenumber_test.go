package alianza

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// IDs with "/" and a space prove that path arguments are escaped as one
// segment.
const (
	tnTestAccount = "acc/1 x"
	tnTestNumber  = "18015551212"
	tnTestPin     = "pin-Wq81Lm" // the wireless PIN of activation-spec.json
)

// tnRequireInvalid asserts that err is a validation error naming field.
func tnRequireInvalid(t *testing.T, err error, field string) {
	t.Helper()
	require.Error(t, err)
	require.ErrorIs(t, err, ErrValidation)
	var ve *ValidationError
	if errors.As(err, &ve) {
		require.NotNil(t, ve.Field(field), "want an error on %q, got %v", field, err)
		return
	}
	var fe *FieldError
	require.ErrorAs(t, err, &fe)
	require.Equal(t, field, fe.Field, "got %v", err)
}

func TestTelephoneNumbersSearch(t *testing.T) {
	c, mt := newMockClient(t)
	captured := mockOp(t, mt, "TelephoneNumbersService.Search", nil, 200, fixture(t, "telephonenumber/search-003.json"))

	got, err := c.TelephoneNumbers.Search(context.Background(), &SearchTelephoneNumbersOptions{
		Type: TNSearchTypeLatLong, Lat: 40.332492, Long: -111.728167,
		MaxResults: 5, FunctionType: FunctionTypeELS, CarrierID: "car 1",
		Extra: url.Values{"sequential": {"true"}},
	})
	require.NoError(t, err)
	assert.Equal(t, url.Values{
		"type": {"LAT_LONG"}, "lat": {"40.332492"}, "long": {"-111.728167"}, "maxResults": {"5"},
		"functiontype": {"ELS"}, "carrierId": {"car 1"}, "sequential": {"true"},
	}, captured.Query())
	require.Len(t, got, 1)
	assert.Equal(t, TelephoneNumberView{
		PartitionID: "{{Partition_ID}}", PhoneNumber: "18017690817", RateCenter: "PLEASANT GROVE",
		RateCenterReorderName: "PLEASANT GROVE", State: "UT", Country: "USA", Prefix: "1801769",
		CarrierID: "{{CarrierID}}", Distance: 2.285842, ID: "18017690817",
	}, got[0])
}

func TestTelephoneNumbersSearchDefaults(t *testing.T) {
	c, mt := newMockClient(t)
	captured := mockOp(t, mt, "TelephoneNumbersService.Search", nil, 200, "[]")
	// The platform's default search, POSTALCODE_OR_TN, needs a term.
	_, err := c.TelephoneNumbers.Search(context.Background(), nil)
	tnRequireInvalid(t, err, "q")
	_, err = c.TelephoneNumbers.Search(context.Background(), &SearchTelephoneNumbersOptions{MaxResults: 5, Q: "  "})
	tnRequireInvalid(t, err, "q")
	assert.Zero(t, mt.GetTotalCallCount())

	got, err := c.TelephoneNumbers.Search(context.Background(), &SearchTelephoneNumbersOptions{Q: "84042"})
	require.NoError(t, err)
	assert.Empty(t, got)
	assert.Equal(t, url.Values{"q": {"84042"}}, captured.Query())

	// The guide's dynamic search has no type and no q: only Extra.
	_, err = c.TelephoneNumbers.Search(context.Background(), &SearchTelephoneNumbersOptions{
		MaxResults: 1, Extra: url.Values{"searchDynamic": {"true"}, "npa-nxx": {"801769"}, "qty": {"1"}},
	})
	require.NoError(t, err)
	assert.Equal(t, url.Values{"maxResults": {"1"}, "searchDynamic": {"true"}, "npa-nxx": {"801769"}, "qty": {"1"}}, captured.Query())

	_, err = c.TelephoneNumbers.Search(context.Background(), &SearchTelephoneNumbersOptions{Type: TNSearchTypePostalCode, Q: "84042"})
	require.NoError(t, err)
	assert.Equal(t, url.Values{"type": {"POSTALCODE"}, "q": {"84042"}}, captured.Query())
}

func TestTelephoneNumbersSearchValidation(t *testing.T) {
	tests := []struct {
		name  string
		opts  SearchTelephoneNumbersOptions
		field string
	}{
		{"unknown type", SearchTelephoneNumbersOptions{Type: "ZIP", Q: "1"}, "type"},
		{"unknown function type", SearchTelephoneNumbersOptions{FunctionType: "Mobile"}, "functiontype"},
		{"lat long without lat", SearchTelephoneNumbersOptions{Type: TNSearchTypeLatLong, Long: -111.7}, "lat"},
		{"lat long without long", SearchTelephoneNumbersOptions{Type: TNSearchTypeLatLong, Lat: 40.3}, "long"},
		{"lat out of range", SearchTelephoneNumbersOptions{Type: TNSearchTypeLatLong, Lat: 91, Long: -111.7}, "lat"},
		{"long out of range", SearchTelephoneNumbersOptions{Type: TNSearchTypeLatLong, Lat: 40.3, Long: -181}, "long"},
		{"postal code without q", SearchTelephoneNumbersOptions{Type: TNSearchTypePostalCode}, "q"},
		{"tn without q", SearchTelephoneNumbersOptions{Type: TNSearchTypeTN}, "q"},
		{"postal code or tn without q", SearchTelephoneNumbersOptions{Type: TNSearchTypePostalCodeOrTN}, "q"},
		{"negative max results", SearchTelephoneNumbersOptions{MaxResults: -1}, "maxResults"},
		{"lat without LAT_LONG", SearchTelephoneNumbersOptions{Type: TNSearchTypePostalCode, Q: "84042", Lat: 40.3}, "lat"},
		{"long without a type", SearchTelephoneNumbersOptions{Long: -111.7}, "long"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, mt := newMockClient(t)
			_, err := c.TelephoneNumbers.Search(context.Background(), &tt.opts)
			tnRequireInvalid(t, err, tt.field)
			assert.Zero(t, mt.GetTotalCallCount())
		})
	}
}

func TestTelephoneNumbersReserve(t *testing.T) {
	t.Run("200 with the reservation (spec)", func(t *testing.T) {
		c, mt := newMockClient(t)
		captured := mockOp(t, mt, "TelephoneNumbersService.Reserve", []string{"18017690817"}, 200, fixture(t, "telephonenumber/reserve-spec.json"))
		got, err := c.TelephoneNumbers.Reserve(context.Background(), "18017690817")
		require.NoError(t, err)
		require.NotNil(t, got)
		assert.Equal(t, TelephoneNumberReservation{
			ID: "18017690817", TN: "18017690817", Reserved: true,
			ReservedTime: time.Date(2025, 3, 4, 17, 5, 6, 789e6, time.UTC),
		}, *got)
		assert.Empty(t, captured.Body(), "reserve has no body")
	})
	t.Run("204 without a body, as the account creation guide says", func(t *testing.T) {
		c, mt := newMockClient(t)
		mockOp(t, mt, "TelephoneNumbersService.Reserve", []string{"18017690817"}, 204, nil)
		got, err := c.TelephoneNumbers.Reserve(context.Background(), "18017690817")
		require.NoError(t, err)
		assert.Nil(t, got)
	})
}

func TestTelephoneNumbersReleaseReservation(t *testing.T) {
	c, mt := newMockClient(t)
	captured := mockOp(t, mt, "TelephoneNumbersService.ReleaseReservation", []string{"18017690817"}, 204, nil)
	require.NoError(t, c.TelephoneNumbers.ReleaseReservation(context.Background(), "18017690817"))
	assert.Equal(t, 1, captured.Calls())
}

// Every method taking a number in its path rejects a malformed one before
// any request, login included.
func TestTelephoneNumbersPathNumberValidation(t *testing.T) {
	ctx := context.Background()
	calls := map[string]func(c *Client, tn string) error{
		"Reserve":            func(c *Client, tn string) error { _, err := c.TelephoneNumbers.Reserve(ctx, tn); return err },
		"ReleaseReservation": func(c *Client, tn string) error { return c.TelephoneNumbers.ReleaseReservation(ctx, tn) },
		"Get":                func(c *Client, tn string) error { _, err := c.TelephoneNumbers.Get(ctx, "A1", tn); return err },
		"Patch": func(c *Client, tn string) error {
			_, err := c.TelephoneNumbers.Patch(ctx, "A1", tn, &PatchTelephoneNumberRequest{RingType: Ptr(RingTypeRing1)})
			return err
		},
		"Update": func(c *Client, tn string) error {
			_, err := c.TelephoneNumbers.Update(ctx, "A1", tn, &UpdateTelephoneNumberRequest{})
			return err
		},
		"Delete": func(c *Client, tn string) error { return c.TelephoneNumbers.Delete(ctx, "A1", tn) },
		"SetDestination": func(c *Client, tn string) error {
			_, err := c.TelephoneNumbers.RouteToSipTrunk(ctx, "A1", tn, "T1")
			return err
		},
		"GetInventory": func(c *Client, tn string) error { _, err := c.TelephoneNumbers.GetInventory(ctx, tn); return err },
	}
	for name, call := range calls {
		for _, tn := range []string{"", "8015551212", "+18015551212", "1-801-555-1212", "28015551212", "180155512123"} {
			t.Run(name+"/"+tn, func(t *testing.T) {
				c, mt := newMockClient(t)
				tnRequireInvalid(t, call(c, tn), "tn")
				assert.Zero(t, mt.GetTotalCallCount())
			})
		}
	}
}

func TestTelephoneNumbersAddToAccount(t *testing.T) {
	c, mt := newMockClient(t)
	captured := mockOp(t, mt, "TelephoneNumbersService.AddToAccount", []string{tnTestAccount}, 200, fixture(t, "telephonenumber/add-request-003.json"))

	csr := CustomerServiceRecord{
		CustomerType: CustomerTypeResidential, FirstName: "John", LastName: "Smith", CustomerName: "Smith John",
		StreetNumber: "333", PreDirectional: DirectionalS, StreetName: "520", PostDirectional: DirectionalW,
		City: "Lindon", State: "UT", Country: "USA", PostalCode: "84042",
		SecondaryLocationDescription: SecondaryLocationDescriptionSuite, Unit: "500",
	}
	req := NewAddTelephoneNumbersRequest(csr, tnTestNumber)
	req.E911Address = &E911Address{FirstName: "John", LastName: "Smith", Latitude: "40.332492", Longitude: "-111.728167"}
	req.HoldActivation = Ptr(false)

	got, err := c.TelephoneNumbers.AddToAccount(context.Background(), tnTestAccount, req)
	require.NoError(t, err)

	body := captured.BodyMap(t)
	assert.Equal(t, []any{map[string]any{"phoneNumber": tnTestNumber}}, body["telephoneNumbers"])
	assert.Equal(t, false, body["holdActivation"], "an explicit false is sent")
	assert.Equal(t, map[string]any{"listed": false, "type": "NOT_LIST_NOT_PUBLISH"}, body["directoryListing"])
	assert.Equal(t, map[string]any{"firstName": "John", "lastName": "Smith", "latitude": "40.332492", "longitude": "-111.728167"},
		body["e911Address"], "e911Address is sent flat (spec)")
	assert.Equal(t, "Smith John", body["customerServiceRecord"].(map[string]any)["customerName"])
	for _, k := range []string{"id", "partitionId", "accountId", "port", "l3Settings"} {
		assert.NotContains(t, body, k)
	}

	// The response echoes the account creation guide's nested e911Address:
	// it is lifted flat.
	assert.Equal(t, E911Address{FirstName: "John", LastName: "Smith", Latitude: "40.332492", Longitude: "-111.728167"}, got.E911Address)
	assert.Equal(t, []BareTelephoneNumber{{PhoneNumber: tnTestNumber}}, got.TelephoneNumbers)
	assert.Equal(t, Address{FirstName: "John", LastName: "Smith"}, got.DirectoryListing.Address)
}

func TestTelephoneNumbersAddToAccountValidation(t *testing.T) {
	valid := func() *AddTelephoneNumbersRequest {
		return NewAddTelephoneNumbersRequest(CustomerServiceRecord{CustomerType: CustomerTypeResidential, FirstName: "John", LastName: "Smith"}, tnTestNumber)
	}
	tests := []struct {
		name   string
		mutate func(r *AddTelephoneNumbersRequest)
		field  string
	}{
		{"no numbers", func(r *AddTelephoneNumbersRequest) { r.TelephoneNumbers = nil }, "telephoneNumbers"},
		{"empty number", func(r *AddTelephoneNumbersRequest) { r.TelephoneNumbers[0].PhoneNumber = "" }, "telephoneNumbers[0].phoneNumber"},
		{"ten-digit number", func(r *AddTelephoneNumbersRequest) { r.TelephoneNumbers[0].PhoneNumber = "8015551212" }, "telephoneNumbers[0].phoneNumber"},
		{"second number bad", func(r *AddTelephoneNumbersRequest) {
			r.TelephoneNumbers = append(r.TelephoneNumbers, TelephoneNumberToAdd{PhoneNumber: "1801555121x"})
		}, "telephoneNumbers[1].phoneNumber"},
		{"unknown reference type", func(r *AddTelephoneNumbersRequest) {
			r.TelephoneNumbers[0].ReferenceType, r.TelephoneNumbers[0].ReferenceID = "VOICE_MAIL", "x"
		}, "telephoneNumbers[0].referenceType"},
		{"reference type without id", func(r *AddTelephoneNumbersRequest) { r.TelephoneNumbers[0].ReferenceType = TNReferenceTypeEndUser }, "telephoneNumbers[0].referenceId"},
		{"unknown function type", func(r *AddTelephoneNumbersRequest) { r.TelephoneNumbers[0].FunctionType = "Mobile" }, "telephoneNumbers[0].functionType"},
		{"unknown service package", func(r *AddTelephoneNumbersRequest) { r.TelephoneNumbers[0].ServicePackageType = "Flat" }, "telephoneNumbers[0].servicePackageType"},
		{"CNAM over 15", func(r *AddTelephoneNumbersRequest) { r.CustomerServiceRecord.CustomerName = "Johnathan Smithe" }, "customerServiceRecord.customerName"},
		{"residential without first name", func(r *AddTelephoneNumbersRequest) { r.CustomerServiceRecord.FirstName = "" }, "customerServiceRecord.firstName"},
		{"residential without last name", func(r *AddTelephoneNumbersRequest) { r.CustomerServiceRecord.LastName = " " }, "customerServiceRecord.lastName"},
		{"business without business name", func(r *AddTelephoneNumbersRequest) {
			r.CustomerServiceRecord.CustomerType = CustomerTypeBusiness
		}, "customerServiceRecord.businessName"},
		{"unknown customer type", func(r *AddTelephoneNumbersRequest) { r.CustomerServiceRecord.CustomerType = "PERSON" }, "customerServiceRecord.customerType"},
		{"unit over 10", func(r *AddTelephoneNumbersRequest) { r.CustomerServiceRecord.Unit = "12345678901" }, "customerServiceRecord.unit"},
		{"state not two letters", func(r *AddTelephoneNumbersRequest) { r.CustomerServiceRecord.State = "Utah" }, "customerServiceRecord.state"},
		{"state with digits", func(r *AddTelephoneNumbersRequest) { r.CustomerServiceRecord.State = "U1" }, "customerServiceRecord.state"},
		{"first name over 256", func(r *AddTelephoneNumbersRequest) { r.CustomerServiceRecord.FirstName = strings.Repeat("a", 257) }, "customerServiceRecord.firstName"},
		{"city over 256", func(r *AddTelephoneNumbersRequest) { r.CustomerServiceRecord.City = strings.Repeat("a", 257) }, "customerServiceRecord.city"},
		{"unknown pre-directional", func(r *AddTelephoneNumbersRequest) { r.CustomerServiceRecord.PreDirectional = "North" }, "customerServiceRecord.preDirectional"},
		{"unknown post-directional", func(r *AddTelephoneNumbersRequest) { r.CustomerServiceRecord.PostDirectional = "X" }, "customerServiceRecord.postDirectional"},
		{"unknown secondary location", func(r *AddTelephoneNumbersRequest) {
			r.CustomerServiceRecord.SecondaryLocationDescription = "PENTHHOUSE"
		}, "customerServiceRecord.secondaryLocationDescription"},
		{"unknown directory listing type", func(r *AddTelephoneNumbersRequest) { r.DirectoryListing.Type = "UNLISTED" }, "directoryListing.type"},
		{"directory address unit over 10", func(r *AddTelephoneNumbersRequest) { r.DirectoryListing.Address.Unit = "12345678901" }, "directoryListing.address.unit"},
		{"directory address state", func(r *AddTelephoneNumbersRequest) { r.DirectoryListing.Address.State = "Utah" }, "directoryListing.address.state"},
		{"e911 latitude out of range", func(r *AddTelephoneNumbersRequest) {
			r.E911Address = &E911Address{Latitude: "90.5", Longitude: "-111.7"}
		}, "e911Address.latitude"},
		{"e911 longitude out of range", func(r *AddTelephoneNumbersRequest) {
			r.E911Address = &E911Address{Latitude: "40.3", Longitude: "-180.0001"}
		}, "e911Address.longitude"},
		{"e911 latitude not a number", func(r *AddTelephoneNumbersRequest) {
			r.E911Address = &E911Address{Latitude: "forty", Longitude: "-111.7"}
		}, "e911Address.latitude"},
		{"e911 latitude alone", func(r *AddTelephoneNumbersRequest) { r.E911Address = &E911Address{Latitude: "40.3"} }, "e911Address.longitude"},
		{"e911 unknown customer type", func(r *AddTelephoneNumbersRequest) { r.E911Address = &E911Address{CustomerType: "X"} }, "e911Address.customerType"},
		{"port billing number", func(r *AddTelephoneNumbersRequest) { r.Port = &Port{BillingTelephoneNumber: "8015551212"} }, "port.billingTelephoneNumber"},
		{"port number", func(r *AddTelephoneNumbersRequest) { r.Port = &Port{TelephoneNumbers: []string{"123"}} }, "port.telephoneNumbers[0]"},
		{"port wireless pin over 15", func(r *AddTelephoneNumbersRequest) { r.Port = &Port{WirelessPIN: "1234567890123456"} }, "port.wirelessPin"},
		{"port wire type", func(r *AddTelephoneNumbersRequest) { r.Port = &Port{PortingWireType: "Fiber"} }, "port.portingWireType"},
		{"port CSR", func(r *AddTelephoneNumbersRequest) {
			r.Port = &Port{CustomerServiceRecord: CustomerServiceRecord{CustomerType: CustomerTypeBusiness}}
		}, "port.customerServiceRecord.businessName"},
		{"l3 service package", func(r *AddTelephoneNumbersRequest) { r.L3Settings = &L3Settings{ServicePackage: "Flat"} }, "l3Settings.servicePackage"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, mt := newMockClient(t)
			r := valid()
			tt.mutate(r)
			_, err := c.TelephoneNumbers.AddToAccount(context.Background(), "A1", r)
			tnRequireInvalid(t, err, tt.field)
			assert.Zero(t, mt.GetTotalCallCount())
		})
	}

	t.Run("nil request", func(t *testing.T) {
		c, mt := newMockClient(t)
		_, err := c.TelephoneNumbers.AddToAccount(context.Background(), "A1", nil)
		tnRequireInvalid(t, err, "body")
		assert.Zero(t, mt.GetTotalCallCount())
	})

	t.Run("all problems at once", func(t *testing.T) {
		c, mt := newMockClient(t)
		r := valid()
		r.TelephoneNumbers[0].PhoneNumber = "555"
		r.CustomerServiceRecord.CustomerName = strings.Repeat("x", 16)
		r.CustomerServiceRecord.Unit = strings.Repeat("9", 11)
		_, err := c.TelephoneNumbers.AddToAccount(context.Background(), "A1", r)
		var ve *ValidationError
		require.ErrorAs(t, err, &ve)
		assert.Len(t, ve.Errors, 3)
		assert.Contains(t, err.Error(), "at most 15 characters")
		assert.Zero(t, mt.GetTotalCallCount())
	})

	t.Run("a CNAM of exactly 15 with a space is fine", func(t *testing.T) {
		r := valid()
		r.CustomerServiceRecord.CustomerName = "Johnathan Smith"
		assert.NoError(t, r.Validate())
	})
}

func TestTelephoneNumbersList(t *testing.T) {
	c, mt := newMockClient(t)
	one := fixture(t, "bench/telephonenumber.json")
	list := append(append([]byte("["), one...), append([]byte(","), append(one, ']')...)...)
	captured := mockOp(t, mt, "TelephoneNumbersService.List", []string{tnTestAccount}, 200, list)

	got, err := c.TelephoneNumbers.List(context.Background(), tnTestAccount, &ListAccountTelephoneNumbersOptions{LimitedData: true})
	require.NoError(t, err)
	assert.Equal(t, url.Values{"limitedData": {"true"}}, captured.Query())
	require.Len(t, got, 2)
	assert.Equal(t, "18015551212", got[0].PhoneNumber)
	assert.Equal(t, TNReferenceTypeEndUser, got[0].ReferenceType)
	assert.Equal(t, CarrierStatusActive, got[0].CarrierStatus)
	assert.Equal(t, "40.332492", got[1].E911Address.Latitude)

	_, err = c.TelephoneNumbers.List(context.Background(), tnTestAccount, nil)
	require.NoError(t, err)
	assert.Empty(t, captured.Query())
}

func TestTelephoneNumbersGet(t *testing.T) {
	c, mt := newMockClient(t)
	mockOp(t, mt, "TelephoneNumbersService.Get", []string{tnTestAccount, tnTestNumber}, 200, fixture(t, "telephonenumber/account-number-spec.json"))
	got, err := c.TelephoneNumbers.Get(context.Background(), tnTestAccount, tnTestNumber)
	require.NoError(t, err)
	assert.Equal(t, tnTestNumber, got.ID)
	assert.Equal(t, TNReferenceTypeSIPTrunk, got.ReferenceType)
	assert.Equal(t, FunctionTypeTollFree, got.FunctionType)
	assert.Equal(t, ServicePackageTypePrimaryLocalFlatRate, got.ServicePackageType)
	assert.Equal(t, CarrierStatusActivationPending, got.CarrierStatus)
	assert.Equal(t, RingTypeRing3, got.RingType)
	assert.Equal(t, "KoaCIiTPTL21dG5DKmBzFg", got.OrderVersion)
	assert.Equal(t, CustomerTypeBusiness, got.CustomerServiceRecord.CustomerType)
	assert.Equal(t, "en-US", got.E911Address.Language)
	assert.Equal(t, DirectoryListingTypeListPublish, got.DirectoryListing.Type)
	assert.Equal(t, SecondaryLocationDescriptionSuite, got.DirectoryListing.Address.SecondaryLocationDescription)
	assert.True(t, got.CanAcceptSMS && got.TollFree && got.AssignAsCallerID)
}

func TestTelephoneNumbersPatch(t *testing.T) {
	c, mt := newMockClient(t)
	captured := mockOp(t, mt, "TelephoneNumbersService.Patch", []string{tnTestAccount, tnTestNumber}, 200, fixture(t, "telephonenumber/account-number-e911-language-pn.json"))

	got, err := c.TelephoneNumbers.Patch(context.Background(), tnTestAccount, tnTestNumber, &PatchTelephoneNumberRequest{
		ReferenceType:    Ptr(TNReferenceTypeEndUser),
		ReferenceID:      Ptr("ajfrBZJMQNC4-9TeBSfnlQ"),
		AssignAsCallerID: Ptr(false),
		CanAcceptSMS:     Ptr(false),
		ByotnCarrierID:   Ptr(""),
		E911Address:      &E911Address{Language: "fr-CA"},
	})
	require.NoError(t, err)
	// false and "" are sent when set; unset fields are absent. The schema
	// has no numeric field, so there is no 0 to send.
	assert.Equal(t, map[string]any{
		"referenceType": "END_USER", "referenceId": "ajfrBZJMQNC4-9TeBSfnlQ",
		"assignAsCallerId": false, "canAcceptSMS": false, "byotnCarrierId": "",
		"e911Address": map[string]any{"language": "fr-CA"},
	}, captured.BodyMap(t))
	assert.Equal(t, "fr-CA", got.E911Address.Language)
	assert.Equal(t, "15555551234", got.PhoneNumber)

	_, err = c.TelephoneNumbers.Patch(context.Background(), tnTestAccount, tnTestNumber, &PatchTelephoneNumberRequest{})
	require.NoError(t, err)
	assert.JSONEq(t, `{}`, string(captured.Body()))
}

func TestTelephoneNumbersUpdate(t *testing.T) {
	c, mt := newMockClient(t)
	raw := fixture(t, "telephonenumber/account-number-spec.json")
	captured := mockOp(t, mt, "TelephoneNumbersService.Update", []string{tnTestAccount, tnTestNumber}, 200, raw)

	var current AccountTelephoneNumber
	decodeStrict(t, raw, &current)
	req := current.UpdateRequest()
	req.RingType = Ptr(RingTypeStandardRing)

	got, err := c.TelephoneNumbers.Update(context.Background(), tnTestAccount, tnTestNumber, req)
	require.NoError(t, err)
	assert.Equal(t, tnTestNumber, got.PhoneNumber)

	body := captured.BodyMap(t)
	assert.Equal(t, "StandardRing", body["ringType"])
	assert.Equal(t, "KoaCIiTPTL21dG5DKmBzFg", body["orderVersion"], "the version token goes back")
	assert.Equal(t, "SIP_TRUNK", body["referenceType"])
	assert.Equal(t, true, body["canAcceptSMS"])
	assert.Equal(t, "-111.728167", body["e911Address"].(map[string]any)["longitude"])
	for _, k := range []string{"id", "phoneNumber", "partitionId", "accountId", "carrierStatus", "portId", "carrierId", "tollFree", "operationalStatus"} {
		assert.NotContains(t, body, k, "server-assigned %s is not sent", k)
	}
}

func TestAccountTelephoneNumberUpdateRequestLeavesUnsetFieldsOut(t *testing.T) {
	n := AccountTelephoneNumber{ID: tnTestNumber, PhoneNumber: tnTestNumber, ReferenceType: TNReferenceTypeEndUser, ReferenceID: "U1"}
	b, err := json.Marshal(n.UpdateRequest())
	require.NoError(t, err)
	assert.JSONEq(t, `{"referenceType":"END_USER","referenceId":"U1","canAcceptSMS":false}`, string(b))
}

func TestTelephoneNumbersPatchValidation(t *testing.T) {
	tests := []struct {
		name  string
		req   *PatchTelephoneNumberRequest
		field string
	}{
		{"nil", nil, "body"},
		{"unknown reference type", &PatchTelephoneNumberRequest{ReferenceType: Ptr(TNReferenceType("VOICE_MAIL")), ReferenceID: Ptr("x")}, "referenceType"},
		{"reference type without id", &PatchTelephoneNumberRequest{ReferenceType: Ptr(TNReferenceTypeSIPTrunk)}, "referenceId"},
		{"caller id for a trunk", &PatchTelephoneNumberRequest{ReferenceType: Ptr(TNReferenceTypeSIPTrunk), ReferenceID: Ptr("T1"), AssignAsCallerID: Ptr(true)}, "assignAsCallerId"},
		{"unknown ring type", &PatchTelephoneNumberRequest{RingType: Ptr(RingType("Ring9"))}, "ringType"},
		{"unknown function type", &PatchTelephoneNumberRequest{FunctionType: Ptr(FunctionType("Mobile"))}, "functionType"},
		{"unknown service package", &PatchTelephoneNumberRequest{ServicePackageType: Ptr(ServicePackageType("Flat"))}, "servicePackageType"},
		{"CNAM over 15", &PatchTelephoneNumberRequest{CustomerServiceRecord: &CustomerServiceRecord{CustomerName: strings.Repeat("n", 16)}}, "customerServiceRecord.customerName"},
		{"directory listing type", &PatchTelephoneNumberRequest{DirectoryListing: &DirectoryListing{Type: "UNLISTED"}}, "directoryListing.type"},
		{"e911 latitude", &PatchTelephoneNumberRequest{E911Address: &E911Address{Latitude: "-91", Longitude: "1"}}, "e911Address.latitude"},
	}
	for _, tt := range tests {
		t.Run("patch/"+tt.name, func(t *testing.T) {
			c, mt := newMockClient(t)
			_, err := c.TelephoneNumbers.Patch(context.Background(), "A1", tnTestNumber, tt.req)
			tnRequireInvalid(t, err, tt.field)
			assert.Zero(t, mt.GetTotalCallCount())
		})
		t.Run("update/"+tt.name, func(t *testing.T) {
			c, mt := newMockClient(t)
			_, err := c.TelephoneNumbers.Update(context.Background(), "A1", tnTestNumber, (*UpdateTelephoneNumberRequest)(tt.req))
			tnRequireInvalid(t, err, tt.field)
			assert.Zero(t, mt.GetTotalCallCount())
		})
	}

	// The caller-ID flag alone (type unchanged) cannot be checked here.
	req := &PatchTelephoneNumberRequest{AssignAsCallerID: Ptr(true)}
	assert.NoError(t, req.Validate())
}

func TestTelephoneNumbersDelete(t *testing.T) {
	c, mt := newMockClient(t)
	captured := mockOp(t, mt, "TelephoneNumbersService.Delete", []string{tnTestAccount, tnTestNumber}, 204, nil)
	require.NoError(t, c.TelephoneNumbers.Delete(context.Background(), tnTestAccount, tnTestNumber))
	assert.Equal(t, 1, captured.Calls())
}

func TestTelephoneNumbersSetDestination(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name string
		call func(c *Client) (*TelephoneNumberDestination, error)
		want map[string]any
	}{
		{"SetDestination", func(c *Client) (*TelephoneNumberDestination, error) {
			return c.TelephoneNumbers.SetDestination(ctx, tnTestAccount, tnTestNumber, &SetDestinationRequest{
				ReferenceType: TNReferenceTypeIVR, ReferenceID: "ivr 1", RingType: RingTypeRing2,
			})
		}, map[string]any{"referenceType": "IVR", "referenceId": "ivr 1", "ringType": "Ring2"}},
		{"RouteToUser with caller ID", func(c *Client) (*TelephoneNumberDestination, error) {
			return c.TelephoneNumbers.RouteToUser(ctx, tnTestAccount, tnTestNumber, "U1", true)
		}, map[string]any{"referenceType": "END_USER", "referenceId": "U1", "assignAsCallerId": true}},
		{"RouteToUser without caller ID", func(c *Client) (*TelephoneNumberDestination, error) {
			return c.TelephoneNumbers.RouteToUser(ctx, tnTestAccount, tnTestNumber, "U1", false)
		}, map[string]any{"referenceType": "END_USER", "referenceId": "U1", "assignAsCallerId": false}},
		{"RouteToSipTrunk", func(c *Client) (*TelephoneNumberDestination, error) {
			return c.TelephoneNumbers.RouteToSipTrunk(ctx, tnTestAccount, tnTestNumber, "T1")
		}, map[string]any{"referenceType": "SIP_TRUNK", "referenceId": "T1"}},
		{"RouteToBusinessLine", func(c *Client) (*TelephoneNumberDestination, error) {
			return c.TelephoneNumbers.RouteToBusinessLine(ctx, tnTestAccount, tnTestNumber, "BL1")
		}, map[string]any{"referenceType": "BUSINESS_LINE", "referenceId": "BL1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, mt := newMockClient(t)
			captured := mockOp(t, mt, "TelephoneNumbersService.SetDestination", []string{tnTestAccount, tnTestNumber}, 200, fixture(t, "telephonenumber/destination-spec.json"))
			got, err := tt.call(c)
			require.NoError(t, err)
			want := map[string]any{"partitionId": testPartition, "accountId": tnTestAccount, "telephoneNumber": tnTestNumber}
			for k, v := range tt.want {
				want[k] = v
			}
			assert.Equal(t, want, captured.BodyMap(t))
			assert.Equal(t, TelephoneNumberDestination{
				ID: tnTestNumber, PartitionID: "asdk12387asdhjkASD1", AccountID: "WL84q5lBTumKvm_Ait_hZA",
				TelephoneNumber: tnTestNumber, ReferenceID: "Nyaqv4uxQAKFr_wt_KPmFw", ReferenceType: TNReferenceTypeEndUser,
				RingType: RingTypeRing2, AssignAsCallerID: true,
			}, *got)
		})
	}
}

func TestTelephoneNumbersSetDestinationValidation(t *testing.T) {
	tests := []struct {
		name  string
		req   *SetDestinationRequest
		field string
	}{
		{"nil", nil, "body"},
		{"no reference type", &SetDestinationRequest{ReferenceID: "U1"}, "referenceType"},
		{"unknown reference type", &SetDestinationRequest{ReferenceType: "USER", ReferenceID: "U1"}, "referenceType"},
		{"no reference id", &SetDestinationRequest{ReferenceType: TNReferenceTypeEndUser}, "referenceId"},
		{"caller id for a trunk", &SetDestinationRequest{ReferenceType: TNReferenceTypeSIPTrunk, ReferenceID: "T1", AssignAsCallerID: Ptr(true)}, "assignAsCallerId"},
		{"unknown ring type", &SetDestinationRequest{ReferenceType: TNReferenceTypeEndUser, ReferenceID: "U1", RingType: "Loud"}, "ringType"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, mt := newMockClient(t)
			_, err := c.TelephoneNumbers.SetDestination(context.Background(), "A1", tnTestNumber, tt.req)
			tnRequireInvalid(t, err, tt.field)
			assert.Zero(t, mt.GetTotalCallCount())
		})
	}
	t.Run("empty account id, no login", func(t *testing.T) {
		c, mt := newMockClient(t)
		_, err := c.TelephoneNumbers.RouteToUser(context.Background(), "", tnTestNumber, "U1", false)
		tnRequireInvalid(t, err, "accountId")
		assert.Zero(t, mt.GetTotalCallCount())
	})
	t.Run("caller id false is fine for a trunk", func(t *testing.T) {
		v := validator{}
		v.routing("", TNReferenceTypeSIPTrunk, "T1", false, true)
		assert.NoError(t, v.err())
	})
}

func TestTelephoneNumbersGetInventory(t *testing.T) {
	c, mt := newMockClient(t)
	mockOp(t, mt, "TelephoneNumbersService.GetInventory", []string{"18017690817"}, 200, fixture(t, "telephonenumber/inventory-view-spec.json"))
	got, err := c.TelephoneNumbers.GetInventory(context.Background(), "18017690817")
	require.NoError(t, err)
	assert.Equal(t, int64(1700000000000), got.ActivationDate)
	assert.Equal(t, float32(2.285842), got.Distance)
	assert.Equal(t, time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC), got.CooldownExpireDate)
	assert.Equal(t, OperationalStatusStaged, got.OperationalStatus)
	assert.True(t, got.MatchesZip && got.Byotn && got.IsInInventory && got.Port)
}

func TestTelephoneNumbersListInventory(t *testing.T) {
	c, mt := newMockClient(t)
	one := fixture(t, "telephonenumber/inventory-view-spec.json")
	mockOp(t, mt, "TelephoneNumbersService.ListInventory", nil, 200, "["+string(one)+"]")
	got, err := c.TelephoneNumbers.ListInventory(context.Background())
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.Equal(t, "PLEASANT GROVE", got[0].RateCenter)
}

// The document and spec examples decode strictly into the response models
// and re-encode under the spec's names.
func TestTelephoneNumberFixtures(t *testing.T) {
	t.Run("search-003", func(t *testing.T) {
		var v []TelephoneNumberView
		decodeRoundTrip(t, fixture(t, "telephonenumber/search-003.json"), &v)
	})
	t.Run("add-response-port-pn", func(t *testing.T) {
		var v TelephoneNumberActivation
		decodeRoundTrip(t, fixture(t, "telephonenumber/add-response-port-pn.json"), &v)
		assert.Equal(t, CarrierStatusPortPending, v.Port.Status)
		assert.Equal(t, PortingWireTypeWireline, v.Port.PortingWireType)
		assert.Equal(t, time.Date(2022, 11, 21, 0, 0, 0, 0, time.UTC), v.Port.CrdDate)
		assert.Equal(t, DirectoryListingTypePorted, v.DirectoryListing.Type)
	})
	t.Run("activation-hold-pn", func(t *testing.T) {
		var v TelephoneNumberActivation
		decodeRoundTrip(t, fixture(t, "telephonenumber/activation-hold-pn.json"), &v)
		assert.True(t, v.HoldActivation)
		assert.Equal(t, "On Hold Test", v.CustomerServiceRecord.CustomerName)
	})
	t.Run("account-number-e911-language-pn", func(t *testing.T) {
		var v AccountTelephoneNumber
		decodeRoundTrip(t, fixture(t, "telephonenumber/account-number-e911-language-pn.json"), &v)
		assert.Equal(t, "fr-CA", v.E911Address.Language)
		assert.Equal(t, "ON", v.CustomerServiceRecord.State)
	})
	for name, v := range map[string]any{
		"account-number-spec": &AccountTelephoneNumber{},
		"activation-spec":     &TelephoneNumberActivation{},
		"inventory-view-spec": &TelephoneNumberView{},
		"reserve-spec":        &TelephoneNumberReservation{},
		"destination-spec":    &TelephoneNumberDestination{},
	} {
		t.Run(name, func(t *testing.T) {
			raw := fixture(t, "telephonenumber/"+name+".json")
			decodeRoundTrip(t, raw, v)
			// Every field is set in these: nothing may be lost.
			out, err := json.Marshal(v)
			require.NoError(t, err)
			assert.JSONEq(t, tnCanonicalTimes(t, raw), tnCanonicalTimes(t, out))
		})
	}
	t.Run("bench fixture", func(t *testing.T) {
		var v AccountTelephoneNumber
		decodeRoundTrip(t, fixture(t, "bench/telephonenumber.json"), &v)
		assert.Equal(t, "Smith John", v.CustomerServiceRecord.CustomerName)
	})
}

// tnCanonicalTimes re-marshals JSON with times in one format.
func tnCanonicalTimes(t *testing.T, raw []byte) string {
	t.Helper()
	var v any
	require.NoError(t, json.Unmarshal(raw, &v))
	var walk func(any) any
	walk = func(v any) any {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				x[k] = walk(e)
			}
		case []any:
			for i, e := range x {
				x[i] = walk(e)
			}
		case string:
			if ts, err := time.Parse(time.RFC3339Nano, x); err == nil {
				return ts.UTC().Format(time.RFC3339Nano)
			}
		}
		return v
	}
	b, err := json.Marshal(walk(v))
	require.NoError(t, err)
	return string(b)
}

// The account creation guide nests the E911 address under "address"; the
// OpenAPI description is flat (see docs/quirks.md, e911Address). The nested
// form is read, and written back flat.
func TestE911AddressNestedForm(t *testing.T) {
	raw := fixture(t, "telephonenumber/add-request-003.json")
	var act TelephoneNumberActivation
	decodeStrict(t, raw, &act)
	assert.Equal(t, E911Address{FirstName: "John", LastName: "Smith", Latitude: "40.332492", Longitude: "-111.728167"}, act.E911Address)

	out, err := json.Marshal(act.E911Address)
	require.NoError(t, err)
	assert.JSONEq(t, `{"firstName":"John","lastName":"Smith","latitude":"40.332492","longitude":"-111.728167"}`, string(out))

	// The document's request decodes into the request type too.
	var req AddTelephoneNumbersRequest
	decodeStrict(t, raw, &req)
	assert.Equal(t, "Smith", req.E911Address.LastName)
	assert.False(t, *req.HoldActivation)
	assert.NoError(t, req.Validate())

	// Flat values win over nested ones; every nested field is lifted.
	var e E911Address
	require.NoError(t, json.Unmarshal([]byte(`{"city":"Orem","address":{"id":"a","firstName":"F","middleInitial":"M","lastName":"L",
		"businessName":"B","streetNumber":"1","streetNumberSuffix":"1/2","preDirectional":"N","streetName":"Main",
		"streetSuffix":"St","postDirectional":"E","city":"Lindon","state":"UT","country":"USA","postalCode":"84042",
		"secondaryLocationDescription":"UNIT","unit":"7"}}`), &e))
	assert.Equal(t, E911Address{ID: "a", FirstName: "F", MiddleInitial: "M", LastName: "L", BusinessName: "B",
		StreetNumber: "1", StreetNumberSuffix: "1/2", PreDirectional: DirectionalN, StreetName: "Main", StreetSuffix: "St",
		PostDirectional: DirectionalE, City: "Orem", State: "UT", Country: "USA", PostalCode: "84042",
		SecondaryLocationDescription: SecondaryLocationDescriptionUnit, Unit: "7"}, e)

	require.Error(t, json.Unmarshal([]byte(`{"latitude": 40.3}`), &e), "latitude is a string in the spec")
}

// The custom E911 decoder cannot see the caller's DisallowUnknownFields, so
// the fixtures' e911Address objects are checked strictly here.
func TestE911AddressFixturesStrict(t *testing.T) {
	for _, name := range []string{"add-request-003", "add-response-port-pn", "account-number-e911-language-pn", "account-number-spec", "activation-spec"} {
		var doc struct {
			E911Address json.RawMessage `json:"e911Address"`
		}
		require.NoError(t, json.Unmarshal(fixture(t, "telephonenumber/"+name+".json"), &doc), name)
		var strict struct {
			e911Flat
			Address *Address `json:"address"`
		}
		decodeStrict(t, doc.E911Address, &strict)
	}
}

// The wireless PIN of a port is a Secret: no fmt verb or slog handler
// prints it, while JSON carries it.
func TestTelephoneNumberSecrets(t *testing.T) {
	var act TelephoneNumberActivation
	decodeStrict(t, fixture(t, "telephonenumber/activation-spec.json"), &act)
	require.Equal(t, tnTestPin, act.Port.WirelessPIN.Reveal())
	req := AddTelephoneNumbersRequest{Port: &act.Port, TelephoneNumbers: []TelephoneNumberToAdd{{PhoneNumber: tnTestNumber}}}

	for _, v := range []any{act, &act, act.Port, req, &req} {
		s := fmt.Sprintf("%v %+v %#v", v, v, v)
		assert.NotContains(t, s, tnTestPin)

		var buf bytes.Buffer
		for _, h := range []slog.Handler{slog.NewJSONHandler(&buf, nil), slog.NewTextHandler(&buf, nil)} {
			slog.New(h).Info("x", "v", v)
		}
		assert.NotContains(t, buf.String(), tnTestPin)
		assert.Contains(t, buf.String(), "REDACTED")
	}
	b, err := json.Marshal(req)
	require.NoError(t, err)
	assert.Contains(t, string(b), tnTestPin, "the platform needs the real PIN")
}

// A failed add does not echo the PIN in its error.
func TestTelephoneNumbersAddErrorScrubsPin(t *testing.T) {
	c, mt := newMockClient(t)
	mockOp(t, mt, "TelephoneNumbersService.AddToAccount", []string{"A1"}, 400,
		`{"status":400,"messages":["bad pin `+tnTestPin+`"]}`)
	req := NewAddTelephoneNumbersRequest(CustomerServiceRecord{}, tnTestNumber)
	req.Port = &Port{WirelessPIN: Secret(tnTestPin)}
	_, err := c.TelephoneNumbers.AddToAccount(context.Background(), "A1", req)
	require.ErrorIs(t, err, ErrBadRequest)
	assert.NotContains(t, fmt.Sprintf("%v %+v", err, err), tnTestPin)
}

// A number can be routed in the add itself; explicit false is sent.
func TestTelephoneNumbersAddToAccountRouted(t *testing.T) {
	c, mt := newMockClient(t)
	captured := mockOp(t, mt, "TelephoneNumbersService.AddToAccount", []string{"A1"}, 200, fixture(t, "telephonenumber/activation-hold-pn.json"))
	req := NewAddTelephoneNumbersRequest(CustomerServiceRecord{CustomerType: CustomerTypeBusiness, BusinessName: "Acme"})
	req.TelephoneNumbers = []TelephoneNumberToAdd{{
		PhoneNumber: "18018025513", ReferenceType: TNReferenceTypeSIPTrunk, ReferenceID: "T1",
		FunctionType: FunctionTypeELS, ServicePackageType: ServicePackageTypeUsage, CanAcceptSMS: Ptr(false),
	}}
	req.HoldActivation = Ptr(true)
	got, err := c.TelephoneNumbers.AddToAccount(context.Background(), "A1", req)
	require.NoError(t, err)
	body := captured.BodyMap(t)
	assert.Equal(t, []any{map[string]any{
		"phoneNumber": "18018025513", "referenceType": "SIP_TRUNK", "referenceId": "T1",
		"functionType": "ELS", "servicePackageType": "Usage", "canAcceptSMS": false,
	}}, body["telephoneNumbers"])
	assert.Equal(t, true, body["holdActivation"])
	assert.True(t, got.HoldActivation)
	assert.Equal(t, []BareTelephoneNumber{{PhoneNumber: "18018025513", FunctionType: FunctionTypeELS}}, got.TelephoneNumbers)
}
