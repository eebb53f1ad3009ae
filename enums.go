package alianza

import "slices"

// Enumerations of Alianza's OpenAPI description. Each is a string type:
// decoding never fails on a value the platform adds later but keeps it as
// sent, and Valid tells whether a value is one this SDK knows. Values are
// compared exactly, in the OpenAPI spelling. Where Alianza's guides list or
// spell values differently, docs/quirks.md says so under the anchor named
// in the type's comment.

// AccountStatus values appear in Account.status, AccountViewX.accountStatus.
// A CRM writes only ACTIVE and DISABLED (AccountsService.SetStatus); the
// others are set by the platform (docs/quirks.md, account-status).
type AccountStatus string

// AccountStatus values.
const (
	AccountStatusActive        AccountStatus = "ACTIVE"
	AccountStatusDisabled      AccountStatus = "DISABLED"
	AccountStatusDeleted       AccountStatus = "DELETED"
	AccountStatusDeletePending AccountStatus = "DELETE_PENDING"
	AccountStatusSuspended     AccountStatus = "SUSPENDED"
	AccountStatusPending       AccountStatus = "PENDING"
)

// Valid reports whether v is a value the spec defines for AccountStatus.
func (v AccountStatus) Valid() bool { return slices.Contains(accountStatusValues, v) }

// UnmarshalText implements encoding.TextUnmarshaler. It keeps any value,
// known or not, and allocates nothing for a known one.
func (v *AccountStatus) UnmarshalText(b []byte) error {
	*v = knownOr(accountStatusValues, b)
	return nil
}

var accountStatusValues = []AccountStatus{AccountStatusActive, AccountStatusDisabled, AccountStatusDeleted, AccountStatusDeletePending, AccountStatusSuspended, AccountStatusPending}

// AccountType values appear in Account.accountType.
type AccountType string

// AccountType values.
const (
	AccountTypeSimple   AccountType = "SIMPLE"
	AccountTypeAdvanced AccountType = "ADVANCED"
)

// Valid reports whether v is a value the spec defines for AccountType.
func (v AccountType) Valid() bool { return slices.Contains(accountTypeValues, v) }

// UnmarshalText implements encoding.TextUnmarshaler. It keeps any value,
// known or not, and allocates nothing for a known one.
func (v *AccountType) UnmarshalText(b []byte) error { *v = knownOr(accountTypeValues, b); return nil }

var accountTypeValues = []AccountType{AccountTypeSimple, AccountTypeAdvanced}

// PlatformType values appear in Account.platformType. Business Cloud
// Communications accounts use CPE2 (docs/quirks.md, platformType).
type PlatformType string

// PlatformType values.
const (
	PlatformTypeV20  PlatformType = "V2_0"
	PlatformTypeV21  PlatformType = "V2_1"
	PlatformTypeCPE1 PlatformType = "CPE1"
	PlatformTypeCPE2 PlatformType = "CPE2"
)

// Valid reports whether v is a value the spec defines for PlatformType.
func (v PlatformType) Valid() bool { return slices.Contains(platformTypeValues, v) }

// UnmarshalText implements encoding.TextUnmarshaler. It keeps any value,
// known or not, and allocates nothing for a known one.
func (v *PlatformType) UnmarshalText(b []byte) error { *v = knownOr(platformTypeValues, b); return nil }

var platformTypeValues = []PlatformType{PlatformTypeV20, PlatformTypeV21, PlatformTypeCPE1, PlatformTypeCPE2}

// DialingBehaviorType values appear in Account.dialingBehaviorType.
// DIAL_NINE_SEVEN_DIGIT and DIAL_NINE_TEN_DIGIT are for ADVANCED accounts
// only (docs/quirks.md, dialingBehaviorType).
type DialingBehaviorType string

// DialingBehaviorType values.
const (
	DialingBehaviorTypeSevenDigit           DialingBehaviorType = "SEVEN_DIGIT"
	DialingBehaviorTypeTenDigit             DialingBehaviorType = "TEN_DIGIT"
	DialingBehaviorTypeOpenDialPlan         DialingBehaviorType = "OPEN_DIAL_PLAN"
	DialingBehaviorTypeDialNineSevenDigit   DialingBehaviorType = "DIAL_NINE_SEVEN_DIGIT"
	DialingBehaviorTypeDialNineTenDigit     DialingBehaviorType = "DIAL_NINE_TEN_DIGIT"
	DialingBehaviorTypeOpenDialPlanTenDigit DialingBehaviorType = "OPEN_DIAL_PLAN_TEN_DIGIT"
)

// Valid reports whether v is a value the spec defines for DialingBehaviorType.
func (v DialingBehaviorType) Valid() bool { return slices.Contains(dialingBehaviorTypeValues, v) }

// UnmarshalText implements encoding.TextUnmarshaler. It keeps any value,
// known or not, and allocates nothing for a known one.
func (v *DialingBehaviorType) UnmarshalText(b []byte) error {
	*v = knownOr(dialingBehaviorTypeValues, b)
	return nil
}

var dialingBehaviorTypeValues = []DialingBehaviorType{DialingBehaviorTypeSevenDigit, DialingBehaviorTypeTenDigit, DialingBehaviorTypeOpenDialPlan, DialingBehaviorTypeDialNineSevenDigit, DialingBehaviorTypeDialNineTenDigit, DialingBehaviorTypeOpenDialPlanTenDigit}

// RegulatoryType values appear in Account.regulatoryType.
type RegulatoryType string

// RegulatoryType values.
const (
	RegulatoryTypeResidential RegulatoryType = "RESIDENTIAL"
	RegulatoryTypeCommercial  RegulatoryType = "COMMERCIAL"
	RegulatoryTypeGovernment  RegulatoryType = "GOVERNMENT"
)

// Valid reports whether v is a value the spec defines for RegulatoryType.
func (v RegulatoryType) Valid() bool { return slices.Contains(regulatoryTypeValues, v) }

// UnmarshalText implements encoding.TextUnmarshaler. It keeps any value,
// known or not, and allocates nothing for a known one.
func (v *RegulatoryType) UnmarshalText(b []byte) error {
	*v = knownOr(regulatoryTypeValues, b)
	return nil
}

var regulatoryTypeValues = []RegulatoryType{RegulatoryTypeResidential, RegulatoryTypeCommercial, RegulatoryTypeGovernment}

// TimeZone values appear in Account.timeZone, EndUserV2X.timeZone
// (docs/quirks.md, timeZone).
type TimeZone string

// TimeZone values.
const (
	TimeZoneUSSamoa            TimeZone = "US/Samoa"
	TimeZoneUSHawaii           TimeZone = "US/Hawaii"
	TimeZoneUSAlaska           TimeZone = "US/Alaska"
	TimeZoneUSPacific          TimeZone = "US/Pacific"
	TimeZoneUSArizona          TimeZone = "US/Arizona"
	TimeZoneUSMountain         TimeZone = "US/Mountain"
	TimeZoneUSCentral          TimeZone = "US/Central"
	TimeZoneUSEastern          TimeZone = "US/Eastern"
	TimeZoneAmericaStThomas    TimeZone = "America/St_Thomas"
	TimeZoneCanadaPacific      TimeZone = "Canada/Pacific"
	TimeZoneCanadaMountain     TimeZone = "Canada/Mountain"
	TimeZoneCanadaCentral      TimeZone = "Canada/Central"
	TimeZoneCanadaEastern      TimeZone = "Canada/Eastern"
	TimeZoneCanadaAtlantic     TimeZone = "Canada/Atlantic"
	TimeZoneCanadaNewfoundland TimeZone = "Canada/Newfoundland"
)

// Valid reports whether v is a value the spec defines for TimeZone.
func (v TimeZone) Valid() bool { return slices.Contains(timeZoneValues, v) }

// UnmarshalText implements encoding.TextUnmarshaler. It keeps any value,
// known or not, and allocates nothing for a known one.
func (v *TimeZone) UnmarshalText(b []byte) error { *v = knownOr(timeZoneValues, b); return nil }

var timeZoneValues = []TimeZone{TimeZoneUSSamoa, TimeZoneUSHawaii, TimeZoneUSAlaska, TimeZoneUSPacific, TimeZoneUSArizona, TimeZoneUSMountain, TimeZoneUSCentral, TimeZoneUSEastern, TimeZoneAmericaStThomas, TimeZoneCanadaPacific, TimeZoneCanadaMountain, TimeZoneCanadaCentral, TimeZoneCanadaEastern, TimeZoneCanadaAtlantic, TimeZoneCanadaNewfoundland}

// AccountIDType values appear in retrieveAccount.accountIdType.
type AccountIDType string

// AccountIDType values.
const (
	AccountIDTypeID            AccountIDType = "Id"
	AccountIDTypeAccountNumber AccountIDType = "AccountNumber"
	AccountIDTypePhoneNumber   AccountIDType = "PhoneNumber"
	AccountIDTypeMACAddress    AccountIDType = "MacAddress"
)

// Valid reports whether v is a value the spec defines for AccountIDType.
func (v AccountIDType) Valid() bool { return slices.Contains(accountIDTypeValues, v) }

// UnmarshalText implements encoding.TextUnmarshaler. It keeps any value,
// known or not, and allocates nothing for a known one.
func (v *AccountIDType) UnmarshalText(b []byte) error {
	*v = knownOr(accountIDTypeValues, b)
	return nil
}

var accountIDTypeValues = []AccountIDType{AccountIDTypeID, AccountIDTypeAccountNumber, AccountIDTypePhoneNumber, AccountIDTypeMACAddress}

// EndUserType values appear in EndUserV2X.endUserType.
type EndUserType string

// EndUserType values.
const (
	EndUserTypeAdmin         EndUserType = "ADMIN"
	EndUserTypeAdvancedAdmin EndUserType = "ADVANCED_ADMIN"
	EndUserTypeBasicAdmin    EndUserType = "BASIC_ADMIN"
	EndUserTypeStandard      EndUserType = "STANDARD"
	EndUserTypeStandardAdmin EndUserType = "STANDARD_ADMIN"
	EndUserTypeSuperAdmin    EndUserType = "SUPER_ADMIN"
)

// Valid reports whether v is a value the spec defines for EndUserType.
func (v EndUserType) Valid() bool { return slices.Contains(endUserTypeValues, v) }

// UnmarshalText implements encoding.TextUnmarshaler. It keeps any value,
// known or not, and allocates nothing for a known one.
func (v *EndUserType) UnmarshalText(b []byte) error { *v = knownOr(endUserTypeValues, b); return nil }

var endUserTypeValues = []EndUserType{EndUserTypeAdmin, EndUserTypeAdvancedAdmin, EndUserTypeBasicAdmin, EndUserTypeStandard, EndUserTypeStandardAdmin, EndUserTypeSuperAdmin}

// UserProductPlan values appear in EndUserV2X.userProductPlan.
type UserProductPlan string

// UserProductPlan values.
const (
	UserProductPlanStandard     UserProductPlan = "STANDARD"
	UserProductPlanAdvanced     UserProductPlan = "ADVANCED"
	UserProductPlanProfessional UserProductPlan = "PROFESSIONAL"
)

// Valid reports whether v is a value the spec defines for UserProductPlan.
func (v UserProductPlan) Valid() bool { return slices.Contains(userProductPlanValues, v) }

// UnmarshalText implements encoding.TextUnmarshaler. It keeps any value,
// known or not, and allocates nothing for a known one.
func (v *UserProductPlan) UnmarshalText(b []byte) error {
	*v = knownOr(userProductPlanValues, b)
	return nil
}

var userProductPlanValues = []UserProductPlan{UserProductPlanStandard, UserProductPlanAdvanced, UserProductPlanProfessional}

// SoftphoneClientType values appear in EndUserV2X.softphoneClientType.
type SoftphoneClientType string

// SoftphoneClientType values.
const (
	SoftphoneClientTypeStretto SoftphoneClientType = "STRETTO"
	SoftphoneClientTypeCymbus  SoftphoneClientType = "CYMBUS"
)

// Valid reports whether v is a value the spec defines for SoftphoneClientType.
func (v SoftphoneClientType) Valid() bool { return slices.Contains(softphoneClientTypeValues, v) }

// UnmarshalText implements encoding.TextUnmarshaler. It keeps any value,
// known or not, and allocates nothing for a known one.
func (v *SoftphoneClientType) UnmarshalText(b []byte) error {
	*v = knownOr(softphoneClientTypeValues, b)
	return nil
}

var softphoneClientTypeValues = []SoftphoneClientType{SoftphoneClientTypeStretto, SoftphoneClientTypeCymbus}

// EndUserIDType values appear in retrieveEndUser.idType.
type EndUserIDType string

// EndUserIDType values.
const (
	EndUserIDTypeID       EndUserIDType = "ID"
	EndUserIDTypeUserName EndUserIDType = "UserName"
)

// Valid reports whether v is a value the spec defines for EndUserIDType.
func (v EndUserIDType) Valid() bool { return slices.Contains(endUserIDTypeValues, v) }

// UnmarshalText implements encoding.TextUnmarshaler. It keeps any value,
// known or not, and allocates nothing for a known one.
func (v *EndUserIDType) UnmarshalText(b []byte) error {
	*v = knownOr(endUserIDTypeValues, b)
	return nil
}

var endUserIDTypeValues = []EndUserIDType{EndUserIDTypeID, EndUserIDTypeUserName}

// CallHandlingOptionType values appear in CallHandlingSettingsX.callHandlingOptionType.
// "findMeFollowMe", as one of Alianza's pages writes it, is not
// FindMeFollowMe: Valid reports false (docs/quirks.md, callHandlingOptionType).
type CallHandlingOptionType string

// CallHandlingOptionType values.
const (
	CallHandlingOptionTypeRingPhone        CallHandlingOptionType = "RingPhone"
	CallHandlingOptionTypeForwardAlways    CallHandlingOptionType = "ForwardAlways"
	CallHandlingOptionTypeSimultaneousRing CallHandlingOptionType = "SimultaneousRing"
	CallHandlingOptionTypeFindMeFollowMe   CallHandlingOptionType = "FindMeFollowMe"
)

// Valid reports whether v is a value the spec defines for CallHandlingOptionType.
func (v CallHandlingOptionType) Valid() bool { return slices.Contains(callHandlingOptionTypeValues, v) }

// UnmarshalText implements encoding.TextUnmarshaler. It keeps any value,
// known or not, and allocates nothing for a known one.
func (v *CallHandlingOptionType) UnmarshalText(b []byte) error {
	*v = knownOr(callHandlingOptionTypeValues, b)
	return nil
}

var callHandlingOptionTypeValues = []CallHandlingOptionType{CallHandlingOptionTypeRingPhone, CallHandlingOptionTypeForwardAlways, CallHandlingOptionTypeSimultaneousRing, CallHandlingOptionTypeFindMeFollowMe}

// CallHandlingType values appear in CallHandlingX.type, CallHandlingWithTimeoutX.type.
type CallHandlingType string

// CallHandlingType values.
const (
	CallHandlingTypeForward     CallHandlingType = "Forward"
	CallHandlingTypeVoicemail   CallHandlingType = "Voicemail"
	CallHandlingTypeBusy        CallHandlingType = "Busy"
	CallHandlingTypeRingForever CallHandlingType = "RingForever"
)

// Valid reports whether v is a value the spec defines for CallHandlingType.
func (v CallHandlingType) Valid() bool { return slices.Contains(callHandlingTypeValues, v) }

// UnmarshalText implements encoding.TextUnmarshaler. It keeps any value,
// known or not, and allocates nothing for a known one.
func (v *CallHandlingType) UnmarshalText(b []byte) error {
	*v = knownOr(callHandlingTypeValues, b)
	return nil
}

var callHandlingTypeValues = []CallHandlingType{CallHandlingTypeForward, CallHandlingTypeVoicemail, CallHandlingTypeBusy, CallHandlingTypeRingForever}

// CallScreenAction values appear in CallScreeningSettingsX.*CallScreen, CustomCallScreenX.blockType.
type CallScreenAction string

// CallScreenAction values.
const (
	CallScreenActionAllow           CallScreenAction = "Allow"
	CallScreenActionBlock           CallScreenAction = "Block"
	CallScreenActionVoicemail       CallScreenAction = "Voicemail"
	CallScreenActionForward         CallScreenAction = "Forward"
	CallScreenActionVipRing         CallScreenAction = "VipRing"
	CallScreenActionBlockWithPrompt CallScreenAction = "BlockWithPrompt"
)

// Valid reports whether v is a value the spec defines for CallScreenAction.
func (v CallScreenAction) Valid() bool { return slices.Contains(callScreenActionValues, v) }

// UnmarshalText implements encoding.TextUnmarshaler. It keeps any value,
// known or not, and allocates nothing for a known one.
func (v *CallScreenAction) UnmarshalText(b []byte) error {
	*v = knownOr(callScreenActionValues, b)
	return nil
}

var callScreenActionValues = []CallScreenAction{CallScreenActionAllow, CallScreenActionBlock, CallScreenActionVoicemail, CallScreenActionForward, CallScreenActionVipRing, CallScreenActionBlockWithPrompt}

// RingType values appear in CallScreeningSettingsX.*RingType, TelephoneNumberAccountV2X.ringType.
type RingType string

// RingType values.
const (
	RingTypeStandardRing RingType = "StandardRing"
	RingTypeRing1        RingType = "Ring1"
	RingTypeRing2        RingType = "Ring2"
	RingTypeRing3        RingType = "Ring3"
	RingTypeRing4        RingType = "Ring4"
	RingTypeRing5        RingType = "Ring5"
	RingTypeRing6        RingType = "Ring6"
	RingTypeRing7        RingType = "Ring7"
)

// Valid reports whether v is a value the spec defines for RingType.
func (v RingType) Valid() bool { return slices.Contains(ringTypeValues, v) }

// UnmarshalText implements encoding.TextUnmarshaler. It keeps any value,
// known or not, and allocates nothing for a known one.
func (v *RingType) UnmarshalText(b []byte) error { *v = knownOr(ringTypeValues, b); return nil }

var ringTypeValues = []RingType{RingTypeStandardRing, RingTypeRing1, RingTypeRing2, RingTypeRing3, RingTypeRing4, RingTypeRing5, RingTypeRing6, RingTypeRing7}

// ForwardReferenceType values appear in schema ReferenceType (SIP-trunk forwarding).
// Decoding JSON also accepts the SIP trunking guide's VOICE_MAIL and its
// space-separated forms as the OpenAPI values; requests must use the
// OpenAPI values (docs/quirks.md, forward-referenceType).
type ForwardReferenceType string

// ForwardReferenceType values.
const (
	ForwardReferenceTypeSIPTrunk      ForwardReferenceType = "SIP_TRUNK"
	ForwardReferenceTypeEndUser       ForwardReferenceType = "END_USER"
	ForwardReferenceTypeTelephone     ForwardReferenceType = "TELEPHONE"
	ForwardReferenceTypeAutoAttendant ForwardReferenceType = "AUTO_ATTENDANT"
	ForwardReferenceTypeIVR           ForwardReferenceType = "IVR"
	ForwardReferenceTypeVoicemail     ForwardReferenceType = "VOICEMAIL"
	ForwardReferenceTypeBusy          ForwardReferenceType = "BUSY"
)

// Valid reports whether v is a value the spec defines for ForwardReferenceType.
func (v ForwardReferenceType) Valid() bool { return slices.Contains(forwardReferenceTypeValues, v) }

// UnmarshalText implements encoding.TextUnmarshaler. It keeps any value,
// known or not, and allocates nothing for a known one.
func (v *ForwardReferenceType) UnmarshalText(b []byte) error {
	*v = knownOr(forwardReferenceTypeValues, b)
	return nil
}

var forwardReferenceTypeValues = []ForwardReferenceType{ForwardReferenceTypeSIPTrunk, ForwardReferenceTypeEndUser, ForwardReferenceTypeTelephone, ForwardReferenceTypeAutoAttendant, ForwardReferenceTypeIVR, ForwardReferenceTypeVoicemail, ForwardReferenceTypeBusy}

// TNReferenceType values appear in TelephoneNumberAccountV2X.referenceType, …BareX, TelephoneNumberDestinationX
// (docs/quirks.md, tn-referenceType).
type TNReferenceType string

// TNReferenceType values.
const (
	TNReferenceTypeSIPTrunk              TNReferenceType = "SIP_TRUNK"
	TNReferenceTypeEndUser               TNReferenceType = "END_USER"
	TNReferenceTypeIVR                   TNReferenceType = "IVR"
	TNReferenceTypeLineAppearance        TNReferenceType = "LINE_APPEARANCE"
	TNReferenceTypeLineHuntGroup         TNReferenceType = "LINE_HUNTGROUP"
	TNReferenceTypeTelephone             TNReferenceType = "TELEPHONE"
	TNReferenceTypeVFax                  TNReferenceType = "VFAX"
	TNReferenceTypeBusinessLine          TNReferenceType = "BUSINESS_LINE"
	TNReferenceTypeBusinessLineHuntGroup TNReferenceType = "BUSINESS_LINE_HUNT_GROUP"
	TNReferenceTypeCallGroup             TNReferenceType = "CALL_GROUP"
	TNReferenceTypeCallQueue             TNReferenceType = "CALL_QUEUE"
	TNReferenceTypeAutoAttendant         TNReferenceType = "AUTO_ATTENDANT"
	TNReferenceTypeSpecialtyLine         TNReferenceType = "SPECIALTY_LINE"
	TNReferenceTypeContactCenter         TNReferenceType = "CONTACT_CENTER"
)

// Valid reports whether v is a value the spec defines for TNReferenceType.
func (v TNReferenceType) Valid() bool { return slices.Contains(tNReferenceTypeValues, v) }

// UnmarshalText implements encoding.TextUnmarshaler. It keeps any value,
// known or not, and allocates nothing for a known one.
func (v *TNReferenceType) UnmarshalText(b []byte) error {
	*v = knownOr(tNReferenceTypeValues, b)
	return nil
}

var tNReferenceTypeValues = []TNReferenceType{TNReferenceTypeSIPTrunk, TNReferenceTypeEndUser, TNReferenceTypeIVR, TNReferenceTypeLineAppearance, TNReferenceTypeLineHuntGroup, TNReferenceTypeTelephone, TNReferenceTypeVFax, TNReferenceTypeBusinessLine, TNReferenceTypeBusinessLineHuntGroup, TNReferenceTypeCallGroup, TNReferenceTypeCallQueue, TNReferenceTypeAutoAttendant, TNReferenceTypeSpecialtyLine, TNReferenceTypeContactCenter}

// FunctionType values appear in TelephoneNumberAccountV2X.functionType, tnSearch functiontype (default ELS).
type FunctionType string

// FunctionType values.
const (
	FunctionTypeELS             FunctionType = "ELS"
	FunctionTypeTollFree        FunctionType = "TollFree"
	FunctionTypeTemporaryNumber FunctionType = "TemporaryNumber"
	FunctionTypeSPTN            FunctionType = "SPTN"
)

// Valid reports whether v is a value the spec defines for FunctionType.
func (v FunctionType) Valid() bool { return slices.Contains(functionTypeValues, v) }

// UnmarshalText implements encoding.TextUnmarshaler. It keeps any value,
// known or not, and allocates nothing for a known one.
func (v *FunctionType) UnmarshalText(b []byte) error { *v = knownOr(functionTypeValues, b); return nil }

var functionTypeValues = []FunctionType{FunctionTypeELS, FunctionTypeTollFree, FunctionTypeTemporaryNumber, FunctionTypeSPTN}

// OperationalStatus values appear in TelephoneNumber*X.operationalStatus.
type OperationalStatus string

// OperationalStatus values.
const (
	OperationalStatusActive OperationalStatus = "ACTIVE"
	OperationalStatusStaged OperationalStatus = "STAGED"
)

// Valid reports whether v is a value the spec defines for OperationalStatus.
func (v OperationalStatus) Valid() bool { return slices.Contains(operationalStatusValues, v) }

// UnmarshalText implements encoding.TextUnmarshaler. It keeps any value,
// known or not, and allocates nothing for a known one.
func (v *OperationalStatus) UnmarshalText(b []byte) error {
	*v = knownOr(operationalStatusValues, b)
	return nil
}

var operationalStatusValues = []OperationalStatus{OperationalStatusActive, OperationalStatusStaged}

// ServicePackageType values appear in TelephoneNumberAccountV2X.servicePackageType.
type ServicePackageType string

// ServicePackageType values.
const (
	ServicePackageTypeUsage                               ServicePackageType = "Usage"
	ServicePackageTypePrimaryLocalFlatRate                ServicePackageType = "PrimaryLocalFlatRate"
	ServicePackageTypePrimaryLocalAndDomesticLDFlatRate   ServicePackageType = "PrimaryLocalAndDomesticLDFlatRate"
	ServicePackageTypeSecondaryLocalFlatRate              ServicePackageType = "SecondaryLocalFlatRate"
	ServicePackageTypeSecondaryLocalAndDomesticLDFlatRate ServicePackageType = "SecondaryLocalAndDomesticLDFlatRate"
)

// Valid reports whether v is a value the spec defines for ServicePackageType.
func (v ServicePackageType) Valid() bool { return slices.Contains(servicePackageTypeValues, v) }

// UnmarshalText implements encoding.TextUnmarshaler. It keeps any value,
// known or not, and allocates nothing for a known one.
func (v *ServicePackageType) UnmarshalText(b []byte) error {
	*v = knownOr(servicePackageTypeValues, b)
	return nil
}

var servicePackageTypeValues = []ServicePackageType{ServicePackageTypeUsage, ServicePackageTypePrimaryLocalFlatRate, ServicePackageTypePrimaryLocalAndDomesticLDFlatRate, ServicePackageTypeSecondaryLocalFlatRate, ServicePackageTypeSecondaryLocalAndDomesticLDFlatRate}

// CarrierStatus values appear in TelephoneNumberAccountV2X.carrierStatus, PortX.status.
type CarrierStatus string

// CarrierStatus values.
const (
	CarrierStatusActive              CarrierStatus = "ACTIVE"
	CarrierStatusActivationOnHold    CarrierStatus = "ACTIVATION_ON_HOLD"
	CarrierStatusActivationPending   CarrierStatus = "ACTIVATION_PENDING"
	CarrierStatusPortPending         CarrierStatus = "PORT_PENDING"
	CarrierStatusCancelPort          CarrierStatus = "CANCEL_PORT"
	CarrierStatusCancelPortExpidited CarrierStatus = "CANCEL_PORT_EXPIDITED"
	CarrierStatusDeletePending       CarrierStatus = "DELETE_PENDING"
	CarrierStatusDeleted             CarrierStatus = "DELETED"
	CarrierStatusCancelPortComplete  CarrierStatus = "CANCEL_PORT_COMPLETE"
	CarrierStatusPortRejected        CarrierStatus = "PORT_REJECTED"
	CarrierStatusInventory           CarrierStatus = "INVENTORY"
	CarrierStatusInventoryClaimed    CarrierStatus = "INVENTORY_CLAIMED"
	CarrierStatusCooldown            CarrierStatus = "COOLDOWN"
	CarrierStatusRecovered           CarrierStatus = "RECOVERED"
)

// Valid reports whether v is a value the spec defines for CarrierStatus.
func (v CarrierStatus) Valid() bool { return slices.Contains(carrierStatusValues, v) }

// UnmarshalText implements encoding.TextUnmarshaler. It keeps any value,
// known or not, and allocates nothing for a known one.
func (v *CarrierStatus) UnmarshalText(b []byte) error {
	*v = knownOr(carrierStatusValues, b)
	return nil
}

var carrierStatusValues = []CarrierStatus{CarrierStatusActive, CarrierStatusActivationOnHold, CarrierStatusActivationPending, CarrierStatusPortPending, CarrierStatusCancelPort, CarrierStatusCancelPortExpidited, CarrierStatusDeletePending, CarrierStatusDeleted, CarrierStatusCancelPortComplete, CarrierStatusPortRejected, CarrierStatusInventory, CarrierStatusInventoryClaimed, CarrierStatusCooldown, CarrierStatusRecovered}

// CustomerType values appear in CustomerServiceRecordX.customerType, E911AddressX.customerType.
type CustomerType string

// CustomerType values.
const (
	CustomerTypeBusiness    CustomerType = "BUSINESS"
	CustomerTypeResidential CustomerType = "RESIDENTIAL"
)

// Valid reports whether v is a value the spec defines for CustomerType.
func (v CustomerType) Valid() bool { return slices.Contains(customerTypeValues, v) }

// UnmarshalText implements encoding.TextUnmarshaler. It keeps any value,
// known or not, and allocates nothing for a known one.
func (v *CustomerType) UnmarshalText(b []byte) error { *v = knownOr(customerTypeValues, b); return nil }

var customerTypeValues = []CustomerType{CustomerTypeBusiness, CustomerTypeResidential}

// Directional values appear in *.preDirectional, *.postDirectional. The
// empty value is valid (docs/quirks.md, directionals).
type Directional string

// Directional values.
const (
	DirectionalNone Directional = ""
	DirectionalN    Directional = "N"
	DirectionalNE   Directional = "NE"
	DirectionalE    Directional = "E"
	DirectionalSE   Directional = "SE"
	DirectionalS    Directional = "S"
	DirectionalSW   Directional = "SW"
	DirectionalW    Directional = "W"
	DirectionalNW   Directional = "NW"
)

// Valid reports whether v is a value the spec defines for Directional.
func (v Directional) Valid() bool { return slices.Contains(directionalValues, v) }

// UnmarshalText implements encoding.TextUnmarshaler. It keeps any value,
// known or not, and allocates nothing for a known one.
func (v *Directional) UnmarshalText(b []byte) error { *v = knownOr(directionalValues, b); return nil }

var directionalValues = []Directional{DirectionalNone, DirectionalN, DirectionalNE, DirectionalE, DirectionalSE, DirectionalS, DirectionalSW, DirectionalW, DirectionalNW}

// SecondaryLocationDescription values appear in CSR / AddressX / E911AddressX.
// The empty value is valid (docs/quirks.md, directionals).
type SecondaryLocationDescription string

// SecondaryLocationDescription values.
const (
	SecondaryLocationDescriptionNone       SecondaryLocationDescription = ""
	SecondaryLocationDescriptionApartment  SecondaryLocationDescription = "APARTMENT"
	SecondaryLocationDescriptionBuilding   SecondaryLocationDescription = "BUILDING"
	SecondaryLocationDescriptionBasement   SecondaryLocationDescription = "BASEMENT"
	SecondaryLocationDescriptionDepartment SecondaryLocationDescription = "DEPARTMENT"
	SecondaryLocationDescriptionFloor      SecondaryLocationDescription = "FLOOR"
	SecondaryLocationDescriptionFront      SecondaryLocationDescription = "FRONT"
	SecondaryLocationDescriptionHanger     SecondaryLocationDescription = "HANGER"
	SecondaryLocationDescriptionKey        SecondaryLocationDescription = "KEY"
	SecondaryLocationDescriptionLobby      SecondaryLocationDescription = "LOBBY"
	SecondaryLocationDescriptionLot        SecondaryLocationDescription = "LOT"
	SecondaryLocationDescriptionLower      SecondaryLocationDescription = "LOWER"
	SecondaryLocationDescriptionOffice     SecondaryLocationDescription = "OFFICE"
	SecondaryLocationDescriptionPenthouse  SecondaryLocationDescription = "PENTHOUSE"
	SecondaryLocationDescriptionPier       SecondaryLocationDescription = "PIER"
	SecondaryLocationDescriptionRear       SecondaryLocationDescription = "REAR"
	SecondaryLocationDescriptionRoom       SecondaryLocationDescription = "ROOM"
	SecondaryLocationDescriptionSide       SecondaryLocationDescription = "SIDE"
	SecondaryLocationDescriptionSlip       SecondaryLocationDescription = "SLIP"
	SecondaryLocationDescriptionSpace      SecondaryLocationDescription = "SPACE"
	SecondaryLocationDescriptionSuite      SecondaryLocationDescription = "SUITE"
	SecondaryLocationDescriptionStop       SecondaryLocationDescription = "STOP"
	SecondaryLocationDescriptionTrailer    SecondaryLocationDescription = "TRAILER"
	SecondaryLocationDescriptionUnit       SecondaryLocationDescription = "UNIT"
	SecondaryLocationDescriptionUpper      SecondaryLocationDescription = "UPPER"
)

// Valid reports whether v is a value the spec defines for SecondaryLocationDescription.
func (v SecondaryLocationDescription) Valid() bool {
	return slices.Contains(secondaryLocationDescriptionValues, v)
}

// UnmarshalText implements encoding.TextUnmarshaler. It keeps any value,
// known or not, and allocates nothing for a known one.
func (v *SecondaryLocationDescription) UnmarshalText(b []byte) error {
	*v = knownOr(secondaryLocationDescriptionValues, b)
	return nil
}

var secondaryLocationDescriptionValues = []SecondaryLocationDescription{SecondaryLocationDescriptionNone, SecondaryLocationDescriptionApartment, SecondaryLocationDescriptionBuilding, SecondaryLocationDescriptionBasement, SecondaryLocationDescriptionDepartment, SecondaryLocationDescriptionFloor, SecondaryLocationDescriptionFront, SecondaryLocationDescriptionHanger, SecondaryLocationDescriptionKey, SecondaryLocationDescriptionLobby, SecondaryLocationDescriptionLot, SecondaryLocationDescriptionLower, SecondaryLocationDescriptionOffice, SecondaryLocationDescriptionPenthouse, SecondaryLocationDescriptionPier, SecondaryLocationDescriptionRear, SecondaryLocationDescriptionRoom, SecondaryLocationDescriptionSide, SecondaryLocationDescriptionSlip, SecondaryLocationDescriptionSpace, SecondaryLocationDescriptionSuite, SecondaryLocationDescriptionStop, SecondaryLocationDescriptionTrailer, SecondaryLocationDescriptionUnit, SecondaryLocationDescriptionUpper}

// DirectoryListingType values appear in DirectoryListingX.type
// (docs/quirks.md, directoryListing-type).
type DirectoryListingType string

// DirectoryListingType values.
const (
	DirectoryListingTypeError             DirectoryListingType = "ERROR"
	DirectoryListingTypeListPublish       DirectoryListingType = "LIST_PUBLISH"
	DirectoryListingTypeListNotPublish    DirectoryListingType = "LIST_NOT_PUBLISH"
	DirectoryListingTypeNotListNotPublish DirectoryListingType = "NOT_LIST_NOT_PUBLISH"
	DirectoryListingTypePorted            DirectoryListingType = "PORTED"
	DirectoryListingTypeComplex           DirectoryListingType = "COMPLEX"
)

// Valid reports whether v is a value the spec defines for DirectoryListingType.
func (v DirectoryListingType) Valid() bool { return slices.Contains(directoryListingTypeValues, v) }

// UnmarshalText implements encoding.TextUnmarshaler. It keeps any value,
// known or not, and allocates nothing for a known one.
func (v *DirectoryListingType) UnmarshalText(b []byte) error {
	*v = knownOr(directoryListingTypeValues, b)
	return nil
}

var directoryListingTypeValues = []DirectoryListingType{DirectoryListingTypeError, DirectoryListingTypeListPublish, DirectoryListingTypeListNotPublish, DirectoryListingTypeNotListNotPublish, DirectoryListingTypePorted, DirectoryListingTypeComplex}

// Country values appear in validateAddress/typeAhead country
// (docs/quirks.md, country).
type Country string

// Country values.
const (
	CountryUSA Country = "USA"
	CountryCAN Country = "CAN"
	CountryUNK Country = "UNK"
)

// Valid reports whether v is a value the spec defines for Country.
func (v Country) Valid() bool { return slices.Contains(countryValues, v) }

// UnmarshalText implements encoding.TextUnmarshaler. It keeps any value,
// known or not, and allocates nothing for a known one.
func (v *Country) UnmarshalText(b []byte) error { *v = knownOr(countryValues, b); return nil }

var countryValues = []Country{CountryUSA, CountryCAN, CountryUNK}

// TNSearchType values appear in tnSearch.type.
type TNSearchType string

// TNSearchType values.
const (
	TNSearchTypePostalCodeOrTN    TNSearchType = "POSTALCODE_OR_TN"
	TNSearchTypeTN                TNSearchType = "TN"
	TNSearchTypePostalCode        TNSearchType = "POSTALCODE"
	TNSearchTypeLatLong           TNSearchType = "LAT_LONG"
	TNSearchTypeRateCenter        TNSearchType = "RATECENTER"
	TNSearchTypeRateCenterCarrier TNSearchType = "RATECENTER_CARRIER"
)

// Valid reports whether v is a value the spec defines for TNSearchType.
func (v TNSearchType) Valid() bool { return slices.Contains(tNSearchTypeValues, v) }

// UnmarshalText implements encoding.TextUnmarshaler. It keeps any value,
// known or not, and allocates nothing for a known one.
func (v *TNSearchType) UnmarshalText(b []byte) error { *v = knownOr(tNSearchTypeValues, b); return nil }

var tNSearchTypeValues = []TNSearchType{TNSearchTypePostalCodeOrTN, TNSearchTypeTN, TNSearchTypePostalCode, TNSearchTypeLatLong, TNSearchTypeRateCenter, TNSearchTypeRateCenterCarrier}

// LineType values appear in DeviceX.lineType.
type LineType string

// LineType values.
const (
	LineTypeLine               LineType = "Line"
	LineTypeAdvancedSharedLine LineType = "AdvancedSharedLine"
	LineTypeReferencedUser     LineType = "ReferencedUser"
	LineTypeIntercomLine       LineType = "IntercomLine"
	LineTypePresenceBLFUser    LineType = "PresenceBlfUser"
	LineTypeSpeedDialUser      LineType = "SpeedDialUser"
	LineTypeSpeedDialTN        LineType = "SpeedDialTn"
	LineTypeCallParkingSpot    LineType = "CallParkingSpot"
	LineTypeSIPPaging          LineType = "SipPaging"
	LineTypeCustom             LineType = "Custom"
)

// Valid reports whether v is a value the spec defines for LineType.
func (v LineType) Valid() bool { return slices.Contains(lineTypeValues, v) }

// UnmarshalText implements encoding.TextUnmarshaler. It keeps any value,
// known or not, and allocates nothing for a known one.
func (v *LineType) UnmarshalText(b []byte) error { *v = knownOr(lineTypeValues, b); return nil }

var lineTypeValues = []LineType{LineTypeLine, LineTypeAdvancedSharedLine, LineTypeReferencedUser, LineTypeIntercomLine, LineTypePresenceBLFUser, LineTypeSpeedDialUser, LineTypeSpeedDialTN, LineTypeCallParkingSpot, LineTypeSIPPaging, LineTypeCustom}

// DeviceFilterType values appear in listDevices.filterType.
type DeviceFilterType string

// DeviceFilterType values.
const (
	DeviceFilterTypeMACAddress          DeviceFilterType = "MAC_ADDRESS"
	DeviceFilterTypeMACAddressInventory DeviceFilterType = "MAC_ADDRESS_INVENTORY"
	DeviceFilterTypeOwningUserID        DeviceFilterType = "OWNING_USERID"
	DeviceFilterTypeReferencedUserID    DeviceFilterType = "REFERENCED_USERID"
	DeviceFilterTypeAccount             DeviceFilterType = "ACCOUNT"
)

// Valid reports whether v is a value the spec defines for DeviceFilterType.
func (v DeviceFilterType) Valid() bool { return slices.Contains(deviceFilterTypeValues, v) }

// UnmarshalText implements encoding.TextUnmarshaler. It keeps any value,
// known or not, and allocates nothing for a known one.
func (v *DeviceFilterType) UnmarshalText(b []byte) error {
	*v = knownOr(deviceFilterTypeValues, b)
	return nil
}

var deviceFilterTypeValues = []DeviceFilterType{DeviceFilterTypeMACAddress, DeviceFilterTypeMACAddressInventory, DeviceFilterTypeOwningUserID, DeviceFilterTypeReferencedUserID, DeviceFilterTypeAccount}

// ActiveCallHandling values appear in CallHandling.activeCallHandling.
type ActiveCallHandling string

// ActiveCallHandling values.
const (
	ActiveCallHandlingRingLine ActiveCallHandling = "RING_LINE"
	ActiveCallHandlingForward  ActiveCallHandling = "FORWARD"
)

// Valid reports whether v is a value the spec defines for ActiveCallHandling.
func (v ActiveCallHandling) Valid() bool { return slices.Contains(activeCallHandlingValues, v) }

// UnmarshalText implements encoding.TextUnmarshaler. It keeps any value,
// known or not, and allocates nothing for a known one.
func (v *ActiveCallHandling) UnmarshalText(b []byte) error {
	*v = knownOr(activeCallHandlingValues, b)
	return nil
}

var activeCallHandlingValues = []ActiveCallHandling{ActiveCallHandlingRingLine, ActiveCallHandlingForward}

// RingFailoverActionType values appear in RingFailoverAction.@type.
type RingFailoverActionType string

// RingFailoverActionType values.
const (
	RingFailoverActionTypeVoicemail RingFailoverActionType = "VoicemailRingFailoverAction"
	RingFailoverActionTypeBusy      RingFailoverActionType = "BusyRingFailoverAction"
	RingFailoverActionTypeForward   RingFailoverActionType = "ForwardRingFailoverAction"
)

// Valid reports whether v is a value the spec defines for RingFailoverActionType.
func (v RingFailoverActionType) Valid() bool { return slices.Contains(ringFailoverActionTypeValues, v) }

// UnmarshalText implements encoding.TextUnmarshaler. It keeps any value,
// known or not, and allocates nothing for a known one.
func (v *RingFailoverActionType) UnmarshalText(b []byte) error {
	*v = knownOr(ringFailoverActionTypeValues, b)
	return nil
}

var ringFailoverActionTypeValues = []RingFailoverActionType{RingFailoverActionTypeVoicemail, RingFailoverActionTypeBusy, RingFailoverActionTypeForward}

// RingTimeoutConfigurationType values appear in RingTimeoutConfiguration.@type.
type RingTimeoutConfigurationType string

// RingTimeoutConfigurationType values.
const (
	RingTimeoutConfigurationTypeLimited   RingTimeoutConfigurationType = "LimitedRingTimeoutConfiguration"
	RingTimeoutConfigurationTypeUnlimited RingTimeoutConfigurationType = "UnlimitedRingTimeoutConfiguration"
)

// Valid reports whether v is a value the spec defines for RingTimeoutConfigurationType.
func (v RingTimeoutConfigurationType) Valid() bool {
	return slices.Contains(ringTimeoutConfigurationTypeValues, v)
}

// UnmarshalText implements encoding.TextUnmarshaler. It keeps any value,
// known or not, and allocates nothing for a known one.
func (v *RingTimeoutConfigurationType) UnmarshalText(b []byte) error {
	*v = knownOr(ringTimeoutConfigurationTypeValues, b)
	return nil
}

var ringTimeoutConfigurationTypeValues = []RingTimeoutConfigurationType{RingTimeoutConfigurationTypeLimited, RingTimeoutConfigurationTypeUnlimited}

// CallingPlanReferenceType values appear in CallingPlanX.referenceType, ModifyCallingPlanX.referenceType, getPlans.referenceType (CallingPlan.referenceType on SipTrunk is untyped).
type CallingPlanReferenceType string

// CallingPlanReferenceType values.
const (
	CallingPlanReferenceTypeSIPTrunk      CallingPlanReferenceType = "SIP_TRUNK"
	CallingPlanReferenceTypeEndUser       CallingPlanReferenceType = "END_USER"
	CallingPlanReferenceTypeIVR           CallingPlanReferenceType = "IVR"
	CallingPlanReferenceTypeAccount       CallingPlanReferenceType = "ACCOUNT"
	CallingPlanReferenceTypeSpecialtyLine CallingPlanReferenceType = "SPECIALTY_LINE"
	CallingPlanReferenceTypeContactCenter CallingPlanReferenceType = "CONTACT_CENTER"
)

// Valid reports whether v is a value the spec defines for CallingPlanReferenceType.
func (v CallingPlanReferenceType) Valid() bool {
	return slices.Contains(callingPlanReferenceTypeValues, v)
}

// UnmarshalText implements encoding.TextUnmarshaler. It keeps any value,
// known or not, and allocates nothing for a known one.
func (v *CallingPlanReferenceType) UnmarshalText(b []byte) error {
	*v = knownOr(callingPlanReferenceTypeValues, b)
	return nil
}

var callingPlanReferenceTypeValues = []CallingPlanReferenceType{CallingPlanReferenceTypeSIPTrunk, CallingPlanReferenceTypeEndUser, CallingPlanReferenceTypeIVR, CallingPlanReferenceTypeAccount, CallingPlanReferenceTypeSpecialtyLine, CallingPlanReferenceTypeContactCenter}

// CallingPlanType values appear in ModifyCallingPlanX.callingPlanType.
type CallingPlanType string

// CallingPlanType values.
const (
	CallingPlanTypeSharedCallingPlan   CallingPlanType = "SHARED_CALLING_PLAN"
	CallingPlanTypeNewCallingPlan      CallingPlanType = "NEW_CALLING_PLAN"
	CallingPlanTypeUnsharedCallingPlan CallingPlanType = "UNSHARED_CALLING_PLAN"
)

// Valid reports whether v is a value the spec defines for CallingPlanType.
func (v CallingPlanType) Valid() bool { return slices.Contains(callingPlanTypeValues, v) }

// UnmarshalText implements encoding.TextUnmarshaler. It keeps any value,
// known or not, and allocates nothing for a known one.
func (v *CallingPlanType) UnmarshalText(b []byte) error {
	*v = knownOr(callingPlanTypeValues, b)
	return nil
}

var callingPlanTypeValues = []CallingPlanType{CallingPlanTypeSharedCallingPlan, CallingPlanTypeNewCallingPlan, CallingPlanTypeUnsharedCallingPlan}

// RateType values appear in CallingPlanProduct.rateTypeFor411, .rateTypeForOperator.
type RateType string

// RateType values.
const (
	RateTypePerCall   RateType = "PER_CALL"
	RateTypePerMinute RateType = "PER_MINUTE"
)

// Valid reports whether v is a value the spec defines for RateType.
func (v RateType) Valid() bool { return slices.Contains(rateTypeValues, v) }

// UnmarshalText implements encoding.TextUnmarshaler. It keeps any value,
// known or not, and allocates nothing for a known one.
func (v *RateType) UnmarshalText(b []byte) error { *v = knownOr(rateTypeValues, b); return nil }

var rateTypeValues = []RateType{RateTypePerCall, RateTypePerMinute}

// knownOr returns the constant of known that b spells, or else b as a new
// value. Decoding a known enum value so allocates nothing: encoding/json
// would otherwise allocate a string for every enum field of every element
// of a list (10,000 numbers carry tens of thousands of them). A value the
// platform adds later is kept as sent.
func knownOr[T ~string](known []T, b []byte) T {
	for _, k := range known {
		if string(k) == string(b) {
			return k
		}
	}
	return T(b)
}
