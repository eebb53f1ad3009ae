package alianza

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/go-alianza/alianza/internal/gen"
)

func strs[T ~string](values func() []T) []string {
	var out []string
	for _, v := range values() {
		out = append(out, string(v))
	}
	return out
}

// Every generated enum's Values is the spec's enum at the overrides file's
// source, with the file's extra values added and omitted ones removed, in
// the spec's order; and every type the overrides file names is listed here,
// so a spec update that is not regenerated fails.
func TestEnumValuesMatchSpec(t *testing.T) {
	got := map[string][]string{
		"AccountStatus":                  strs(AccountStatusValues),
		"AccountType":                    strs(AccountTypeValues),
		"PlatformType":                   strs(PlatformTypeValues),
		"DialingBehaviorType":            strs(DialingBehaviorTypeValues),
		"RegulatoryType":                 strs(RegulatoryTypeValues),
		"TimeZone":                       strs(TimeZoneValues),
		"AccountIDType":                  strs(AccountIDTypeValues),
		"EndUserType":                    strs(EndUserTypeValues),
		"UserProductPlan":                strs(UserProductPlanValues),
		"SoftphoneClientType":            strs(SoftphoneClientTypeValues),
		"EndUserIDType":                  strs(EndUserIDTypeValues),
		"CallHandlingOptionType":         strs(CallHandlingOptionTypeValues),
		"CallHandlingType":               strs(CallHandlingTypeValues),
		"CallScreenAction":               strs(CallScreenActionValues),
		"RingType":                       strs(RingTypeValues),
		"ForwardReferenceType":           strs(ForwardReferenceTypeValues),
		"TNReferenceType":                strs(TNReferenceTypeValues),
		"FunctionType":                   strs(FunctionTypeValues),
		"OperationalStatus":              strs(OperationalStatusValues),
		"ServicePackageType":             strs(ServicePackageTypeValues),
		"CarrierStatus":                  strs(CarrierStatusValues),
		"CustomerType":                   strs(CustomerTypeValues),
		"Directional":                    strs(DirectionalValues),
		"SecondaryLocationDescription":   strs(SecondaryLocationDescriptionValues),
		"DirectoryListingType":           strs(DirectoryListingTypeValues),
		"Country":                        strs(CountryValues),
		"TNSearchType":                   strs(TNSearchTypeValues),
		"LineType":                       strs(LineTypeValues),
		"DeviceFilterType":               strs(DeviceFilterTypeValues),
		"ActiveCallHandling":             strs(ActiveCallHandlingValues),
		"RingFailoverActionType":         strs(RingFailoverActionTypeValues),
		"RingTimeoutConfigurationType":   strs(RingTimeoutConfigurationTypeValues),
		"CallingPlanReferenceType":       strs(CallingPlanReferenceTypeValues),
		"CallingPlanType":                strs(CallingPlanTypeValues),
		"RateType":                       strs(RateTypeValues),
		"DeviceTypeManufacturer":         strs(DeviceTypeManufacturerValues),
		"InboundCarrierType":             strs(InboundCarrierTypeValues),
		"PortingWireType":                strs(PortingWireTypeValues),
		"PortCancelType":                 strs(PortCancelTypeValues),
		"ScheduleType":                   strs(ScheduleTypeValues),
		"CallCategory":                   strs(CallCategoryValues),
		"CallFlagType":                   strs(CallFlagTypeValues),
		"CallType":                       strs(CallTypeValues),
		"CallRecordSort":                 strs(CallRecordSortValues),
		"CallRecordSortOrder":            strs(CallRecordSortOrderValues),
		"CallLegType":                    strs(CallLegTypeValues),
		"CallDisconnectType":             strs(CallDisconnectTypeValues),
		"CallRateType":                   strs(CallRateTypeValues),
		"CallServiceType":                strs(CallServiceTypeValues),
		"Verstat":                        strs(VerstatValues),
		"VerstatReason":                  strs(VerstatReasonValues),
		"CallRecordReferenceType":        strs(CallRecordReferenceTypeValues),
		"JobStatus":                      strs(JobStatusValues),
		"AccountHistoryType":             strs(AccountHistoryTypeValues),
		"AccountHistoryUserType":         strs(AccountHistoryUserTypeValues),
		"AccountHistoryReferenceType":    strs(AccountHistoryReferenceTypeValues),
		"AccountHistoryAction":           strs(AccountHistoryActionValues),
		"E911Validity":                   strs(E911ValidityValues),
		"ActivationStatus":               strs(ActivationStatusValues),
		"ServiceActivationType":          strs(ServiceActivationTypeValues),
		"ServiceActivationReferenceType": strs(ServiceActivationReferenceTypeValues),
		"StatusSearchDateType":           strs(StatusSearchDateTypeValues),
	}
	s := embeddedSpec(t)
	ov, err := gen.DefaultOverrides()
	require.NoError(t, err)
	enums, err := gen.BuildEnums(s, ov)
	require.NoError(t, err)
	require.Len(t, enums, len(got), "one entry per generated type")
	for _, e := range enums {
		values, ok := got[e.Type]
		if assert.True(t, ok, "%s is generated but not listed here", e.Type) {
			assert.Equal(t, e.Strings(), values, "%s (%s)", e.Type, e.Source)
		}
	}
}

// Values returns a copy: changing it changes neither Valid nor a later call.
func TestEnumValuesIsACopy(t *testing.T) {
	v := AccountStatusValues()
	v[0] = "CHANGED"
	assert.Equal(t, AccountStatusActive, AccountStatusValues()[0])
	assert.False(t, AccountStatus("CHANGED").Valid())
	assert.True(t, AccountStatusActive.Valid())
}

// The five types that moved from the model files to the generated file
// decode to their constants too, and keep an unknown value.
func TestMovedEnumsDecode(t *testing.T) {
	var got struct {
		Cancel PortCancelType         `json:"cancelType"`
		Wire   PortingWireType        `json:"portingWireType"`
		Kind   ScheduleType           `json:"type"`
		Maker  DeviceTypeManufacturer `json:"deviceTypeManufacturer"`
		Later  InboundCarrierType     `json:"carrierType"`
	}
	require.NoError(t, json.Unmarshal([]byte(`{"cancelType":"EXPIDITED","portingWireType":"Wireless","type":"WEEKLY","deviceTypeManufacturer":"CLEARLY_IP","carrierType":"NEW_CARRIER"}`), &got))
	assert.Equal(t, PortCancelTypeExpedited, got.Cancel)
	assert.Equal(t, PortingWireTypeWireless, got.Wire)
	assert.Equal(t, ScheduleTypeWeekly, got.Kind)
	assert.Equal(t, DeviceTypeManufacturerClearlyIP, got.Maker)
	assert.Equal(t, InboundCarrierType("NEW_CARRIER"), got.Later)
	assert.False(t, got.Later.Valid())
}
