package alianza

import (
	"encoding/json"
	"time"
)

// CallRecord is one call detail record (CDR): a leg of a call on an
// account, how it was rated and what it cost. Records come from
// CallRecordsService.Search and CallRecordsService.All.
//
// Money is in the partition's currency: Cost is what the call cost the
// account and RatePerMinute the rate applied; a call rated inside a calling
// plan (InPlan) usually costs 0. BillCallLengthSeconds is the billed length
// (rounded as the plan rounds), ActualCallLengthSeconds the measured one.
type CallRecord struct {
	ID          string    `json:"id,omitempty"`
	PartitionID string    `json:"partitionId,omitempty"`
	StartTime   time.Time `json:"startTime,omitzero"`
	ConnectTime time.Time `json:"connectTime,omitzero"`
	EndTime     time.Time `json:"endTime,omitzero"`
	CreatedDate time.Time `json:"createdDate,omitzero"`

	ActualCallLengthSeconds int64   `json:"actualCallLengthSeconds,omitempty"`
	BillCallLengthSeconds   int64   `json:"billCallLengthSeconds,omitempty"`
	RatePerMinute           float64 `json:"ratePerMinute,omitempty"`
	Cost                    float64 `json:"cost,omitempty"`
	InPlan                  bool    `json:"inPlan,omitempty"`

	DialedNumber     string       `json:"dialedNumber,omitempty"`
	OrigNumber       string       `json:"origNumber,omitempty"`
	OrigLocation     string       `json:"origLocation,omitempty"`
	OrigCityName     string       `json:"origCityName,omitempty"`
	OrigAbbrRCName   string       `json:"origAbbrRCName,omitempty"`
	OrigState        string       `json:"origState,omitempty"`
	OrigCountry      string       `json:"origCountry,omitempty"`
	OrigCarrier      string       `json:"origCarrier,omitempty"`
	OrigCallCategory CallCategory `json:"origCallCategory,omitempty"`
	OrigCNAM         string       `json:"origCnam,omitempty"`

	IdentityAttestLevel      string        `json:"identityAttestLevel,omitempty"`
	IdentityOriginationID    string        `json:"identityOriginationId,omitempty"`
	IdentitySignOrganization string        `json:"identitySignOrganization,omitempty"`
	IdentitySignSPCode       string        `json:"identitySignSPCode,omitempty"`
	Verstat                  Verstat       `json:"verstat,omitempty"`
	VerstatReason            VerstatReason `json:"verstatReason,omitempty"`

	// CorrelationData maps a correlation key to its values.
	CorrelationData map[string][]string `json:"correlationData,omitempty"`
	AccountCode     string              `json:"accountCode,omitempty"`

	TermNumber       string       `json:"termNumber,omitempty"`
	TermLocation     string       `json:"termLocation,omitempty"`
	TermCityName     string       `json:"termCityName,omitempty"`
	TermAbbrRCName   string       `json:"termAbbrRCName,omitempty"`
	TermState        string       `json:"termState,omitempty"`
	TermCountry      string       `json:"termCountry,omitempty"`
	TermCarrier      string       `json:"termCarrier,omitempty"`
	TermCallCategory CallCategory `json:"termCallCategory,omitempty"`
	TermCNAM         string       `json:"termCnam,omitempty"`

	ForwardingNumber           string `json:"forwardingNumber,omitempty"`
	ForwardingNumberCityName   string `json:"forwardingNumberCityName,omitempty"`
	ForwardingNumberAbbrRCName string `json:"forwardingNumberAbbrRCName,omitempty"`
	ForwardingNumberLocation   string `json:"forwardingNumberLocation,omitempty"`
	ForwardingNumberState      string `json:"forwardingNumberState,omitempty"`
	ForwardingNumberCountry    string `json:"forwardingNumberCountry,omitempty"`
	ForwardingCNAM             string `json:"forwardingCnam,omitempty"`

	MediaServerType     string             `json:"mediaServerType,omitempty"`
	LegType             CallLegType        `json:"legType,omitempty"`
	CallType            CallType           `json:"callType,omitempty"`
	CallFlagType        CallFlagType       `json:"callFlagType,omitempty"`
	DisconnectType      CallDisconnectType `json:"disconnectType,omitempty"`
	MetroServiceArea    string             `json:"metroServiceArea,omitempty"`
	RateType            CallRateType       `json:"rateType,omitempty"`
	RateLocalFromNumber string             `json:"rateLocalFromNumber,omitempty"`
	ServiceType         CallServiceType    `json:"serviceType,omitempty"`
	Local               bool               `json:"local,omitempty"`
	SessionID           string             `json:"sessionId,omitempty"`

	AccountBillableNumber     string `json:"accountBillableNumber,omitempty"`
	AccountBillableCityName   string `json:"accountBillableCityName,omitempty"`
	AccountBillableAbbrRCName string `json:"accountBillableAbbrRCName,omitempty"`
	AccountBillableLocation   string `json:"accountBillableLocation,omitempty"`
	AccountBillableState      string `json:"accountBillableState,omitempty"`
	AccountBillableCountry    string `json:"accountBillableCountry,omitempty"`

	ReferenceID   string                  `json:"referenceId,omitempty"`
	ReferenceType CallRecordReferenceType `json:"referenceType,omitempty"`
	ReferenceName string                  `json:"referenceName,omitempty"`

	// AcctID and AccountID both carry the account's id; the spec lists both.
	AcctID                 string `json:"acctId,omitempty"`
	AccountID              string `json:"accountId,omitempty"`
	CallingPlanProductID   string `json:"callingPlanProductId,omitempty"`
	CallingPlanProductName string `json:"callingPlanProductName,omitempty"`
	AccountNumber          string `json:"accountNumber,omitempty"`
	AccountCustomField     string `json:"accountCustomField,omitempty"`
	PartitionBillingCode   string `json:"partitionBillingCode,omitempty"`
	AccountBillingCycleDay int    `json:"accountBillingCycleDay,omitempty"`
	AccountTimeZone        string `json:"accountTimeZone,omitempty"`

	SIPCallIDs []string `json:"sipCallIds,omitempty"`
	// MeanOpinionScoreAverage is the call's average voice quality (MOS,
	// 1 to 5); MeanOpinionScores holds the scores by measuring point.
	MeanOpinionScoreAverage float64            `json:"meanOpinionScoreAverage,omitempty"`
	MeanOpinionScores       map[string]float64 `json:"meanOpinionScores,omitempty"`
	CallPickupFromID        string             `json:"callPickupFromId,omitempty"`
	CallPickupByID          string             `json:"callPickupById,omitempty"`

	// ApplicationData is the application's own data on the call, a JSON
	// object whose "type" member says which: "sip-trunks-interactions",
	// "vfax-success", "vfax-failure" or "vfax-setup-failure". It is kept
	// as the platform sent it.
	ApplicationData json.RawMessage `json:"applicationData,omitempty"`
}

// BilledDuration is BillCallLengthSeconds as a time.Duration.
func (r *CallRecord) BilledDuration() time.Duration {
	return time.Duration(r.BillCallLengthSeconds) * time.Second
}

// CallRecordPage is one page of a call record search: the records from
// the requested index and the number of records the whole search matches.
type CallRecordPage struct {
	TotalRecords int64        `json:"totalRecords"`
	Results      []CallRecord `json:"results"`
}
