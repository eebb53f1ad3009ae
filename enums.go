package alianza

// Enumerations of the official spec (spec-scope section 5). Each is a string
// type: decoding never fails on a value the platform adds later, and Valid
// tells whether a value is one this SDK knows.

// AccountStatus values appear in Account.status, AccountViewX.accountStatus.
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
func (v AccountStatus) Valid() bool {
	switch v {
	case AccountStatusActive, AccountStatusDisabled, AccountStatusDeleted, AccountStatusDeletePending, AccountStatusSuspended, AccountStatusPending:
		return true
	}
	return false
}

// AccountType values appear in Account.accountType.
type AccountType string

// AccountType values.
const (
	AccountTypeSimple   AccountType = "SIMPLE"
	AccountTypeAdvanced AccountType = "ADVANCED"
)

// Valid reports whether v is a value the spec defines for AccountType.
func (v AccountType) Valid() bool {
	switch v {
	case AccountTypeSimple, AccountTypeAdvanced:
		return true
	}
	return false
}

// PlatformType values appear in Account.platformType.
type PlatformType string

// PlatformType values.
const (
	PlatformTypeV20  PlatformType = "V2_0"
	PlatformTypeV21  PlatformType = "V2_1"
	PlatformTypeCPE1 PlatformType = "CPE1"
	PlatformTypeCPE2 PlatformType = "CPE2"
)

// Valid reports whether v is a value the spec defines for PlatformType.
func (v PlatformType) Valid() bool {
	switch v {
	case PlatformTypeV20, PlatformTypeV21, PlatformTypeCPE1, PlatformTypeCPE2:
		return true
	}
	return false
}

// DialingBehaviorType values appear in Account.dialingBehaviorType.
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
func (v DialingBehaviorType) Valid() bool {
	switch v {
	case DialingBehaviorTypeSevenDigit, DialingBehaviorTypeTenDigit, DialingBehaviorTypeOpenDialPlan, DialingBehaviorTypeDialNineSevenDigit, DialingBehaviorTypeDialNineTenDigit, DialingBehaviorTypeOpenDialPlanTenDigit:
		return true
	}
	return false
}

// RegulatoryType values appear in Account.regulatoryType.
type RegulatoryType string

// RegulatoryType values.
const (
	RegulatoryTypeResidential RegulatoryType = "RESIDENTIAL"
	RegulatoryTypeCommercial  RegulatoryType = "COMMERCIAL"
	RegulatoryTypeGovernment  RegulatoryType = "GOVERNMENT"
)

// Valid reports whether v is a value the spec defines for RegulatoryType.
func (v RegulatoryType) Valid() bool {
	switch v {
	case RegulatoryTypeResidential, RegulatoryTypeCommercial, RegulatoryTypeGovernment:
		return true
	}
	return false
}

// TimeZone values appear in Account.timeZone, EndUserV2X.timeZone.
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
func (v TimeZone) Valid() bool {
	switch v {
	case TimeZoneUSSamoa, TimeZoneUSHawaii, TimeZoneUSAlaska, TimeZoneUSPacific, TimeZoneUSArizona, TimeZoneUSMountain, TimeZoneUSCentral, TimeZoneUSEastern, TimeZoneAmericaStThomas, TimeZoneCanadaPacific, TimeZoneCanadaMountain, TimeZoneCanadaCentral, TimeZoneCanadaEastern, TimeZoneCanadaAtlantic, TimeZoneCanadaNewfoundland:
		return true
	}
	return false
}

// AccountIDType values appear in retrieveAccount.accountIdType.
type AccountIDType string

// AccountIDType values.
const (
	AccountIDByID            AccountIDType = "Id"
	AccountIDByAccountNumber AccountIDType = "AccountNumber"
	AccountIDByPhoneNumber   AccountIDType = "PhoneNumber"
	AccountIDByMacAddress    AccountIDType = "MacAddress"
)

// Valid reports whether v is a value the spec defines for AccountIDType.
func (v AccountIDType) Valid() bool {
	switch v {
	case AccountIDByID, AccountIDByAccountNumber, AccountIDByPhoneNumber, AccountIDByMacAddress:
		return true
	}
	return false
}

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
func (v EndUserType) Valid() bool {
	switch v {
	case EndUserTypeAdmin, EndUserTypeAdvancedAdmin, EndUserTypeBasicAdmin, EndUserTypeStandard, EndUserTypeStandardAdmin, EndUserTypeSuperAdmin:
		return true
	}
	return false
}

// UserProductPlan values appear in EndUserV2X.userProductPlan.
type UserProductPlan string

// UserProductPlan values.
const (
	UserProductPlanStandard     UserProductPlan = "STANDARD"
	UserProductPlanAdvanced     UserProductPlan = "ADVANCED"
	UserProductPlanProfessional UserProductPlan = "PROFESSIONAL"
)

// Valid reports whether v is a value the spec defines for UserProductPlan.
func (v UserProductPlan) Valid() bool {
	switch v {
	case UserProductPlanStandard, UserProductPlanAdvanced, UserProductPlanProfessional:
		return true
	}
	return false
}

// SoftphoneClientType values appear in EndUserV2X.softphoneClientType.
type SoftphoneClientType string

// SoftphoneClientType values.
const (
	SoftphoneClientTypeStretto SoftphoneClientType = "STRETTO"
	SoftphoneClientTypeCymbus  SoftphoneClientType = "CYMBUS"
)

// Valid reports whether v is a value the spec defines for SoftphoneClientType.
func (v SoftphoneClientType) Valid() bool {
	switch v {
	case SoftphoneClientTypeStretto, SoftphoneClientTypeCymbus:
		return true
	}
	return false
}

// EndUserIDType values appear in retrieveEndUser.idType.
type EndUserIDType string

// EndUserIDType values.
const (
	EndUserIDByID       EndUserIDType = "ID"
	EndUserIDByUserName EndUserIDType = "UserName"
)

// Valid reports whether v is a value the spec defines for EndUserIDType.
func (v EndUserIDType) Valid() bool {
	switch v {
	case EndUserIDByID, EndUserIDByUserName:
		return true
	}
	return false
}

// CallHandlingOptionType values appear in CallHandlingSettingsX.callHandlingOptionType.
type CallHandlingOptionType string

// CallHandlingOptionType values.
const (
	CallHandlingOptionTypeRingPhone        CallHandlingOptionType = "RingPhone"
	CallHandlingOptionTypeForwardAlways    CallHandlingOptionType = "ForwardAlways"
	CallHandlingOptionTypeSimultaneousRing CallHandlingOptionType = "SimultaneousRing"
	CallHandlingOptionTypeFindMeFollowMe   CallHandlingOptionType = "FindMeFollowMe"
)

// Valid reports whether v is a value the spec defines for CallHandlingOptionType.
func (v CallHandlingOptionType) Valid() bool {
	switch v {
	case CallHandlingOptionTypeRingPhone, CallHandlingOptionTypeForwardAlways, CallHandlingOptionTypeSimultaneousRing, CallHandlingOptionTypeFindMeFollowMe:
		return true
	}
	return false
}

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
func (v CallHandlingType) Valid() bool {
	switch v {
	case CallHandlingTypeForward, CallHandlingTypeVoicemail, CallHandlingTypeBusy, CallHandlingTypeRingForever:
		return true
	}
	return false
}

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
func (v CallScreenAction) Valid() bool {
	switch v {
	case CallScreenActionAllow, CallScreenActionBlock, CallScreenActionVoicemail, CallScreenActionForward, CallScreenActionVipRing, CallScreenActionBlockWithPrompt:
		return true
	}
	return false
}

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
func (v RingType) Valid() bool {
	switch v {
	case RingTypeStandardRing, RingTypeRing1, RingTypeRing2, RingTypeRing3, RingTypeRing4, RingTypeRing5, RingTypeRing6, RingTypeRing7:
		return true
	}
	return false
}

// ForwardReferenceType values appear in schema ReferenceType (SIP-trunk forwarding).
type ForwardReferenceType string

// ForwardReferenceType values.
const (
	ForwardToSIPTrunk      ForwardReferenceType = "SIP_TRUNK"
	ForwardToEndUser       ForwardReferenceType = "END_USER"
	ForwardToTelephone     ForwardReferenceType = "TELEPHONE"
	ForwardToAutoAttendant ForwardReferenceType = "AUTO_ATTENDANT"
	ForwardToIVR           ForwardReferenceType = "IVR"
	ForwardToVoicemail     ForwardReferenceType = "VOICEMAIL"
	ForwardToBusy          ForwardReferenceType = "BUSY"
)

// Valid reports whether v is a value the spec defines for ForwardReferenceType.
func (v ForwardReferenceType) Valid() bool {
	switch v {
	case ForwardToSIPTrunk, ForwardToEndUser, ForwardToTelephone, ForwardToAutoAttendant, ForwardToIVR, ForwardToVoicemail, ForwardToBusy:
		return true
	}
	return false
}

// TNReferenceType values appear in TelephoneNumberAccountV2X.referenceType, …BareX, TelephoneNumberDestinationX.
type TNReferenceType string

// TNReferenceType values.
const (
	TNRefSIPTrunk              TNReferenceType = "SIP_TRUNK"
	TNRefEndUser               TNReferenceType = "END_USER"
	TNRefIVR                   TNReferenceType = "IVR"
	TNRefLineAppearance        TNReferenceType = "LINE_APPEARANCE"
	TNRefLineHuntgroup         TNReferenceType = "LINE_HUNTGROUP"
	TNRefTelephone             TNReferenceType = "TELEPHONE"
	TNRefVfax                  TNReferenceType = "VFAX"
	TNRefBusinessLine          TNReferenceType = "BUSINESS_LINE"
	TNRefBusinessLineHuntGroup TNReferenceType = "BUSINESS_LINE_HUNT_GROUP"
	TNRefCallGroup             TNReferenceType = "CALL_GROUP"
	TNRefCallQueue             TNReferenceType = "CALL_QUEUE"
	TNRefAutoAttendant         TNReferenceType = "AUTO_ATTENDANT"
	TNRefSpecialtyLine         TNReferenceType = "SPECIALTY_LINE"
	TNRefContactCenter         TNReferenceType = "CONTACT_CENTER"
)

// Valid reports whether v is a value the spec defines for TNReferenceType.
func (v TNReferenceType) Valid() bool {
	switch v {
	case TNRefSIPTrunk, TNRefEndUser, TNRefIVR, TNRefLineAppearance, TNRefLineHuntgroup, TNRefTelephone, TNRefVfax, TNRefBusinessLine, TNRefBusinessLineHuntGroup, TNRefCallGroup, TNRefCallQueue, TNRefAutoAttendant, TNRefSpecialtyLine, TNRefContactCenter:
		return true
	}
	return false
}

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
func (v FunctionType) Valid() bool {
	switch v {
	case FunctionTypeELS, FunctionTypeTollFree, FunctionTypeTemporaryNumber, FunctionTypeSPTN:
		return true
	}
	return false
}

// OperationalStatus values appear in TelephoneNumber*X.operationalStatus.
type OperationalStatus string

// OperationalStatus values.
const (
	OperationalStatusActive OperationalStatus = "ACTIVE"
	OperationalStatusStaged OperationalStatus = "STAGED"
)

// Valid reports whether v is a value the spec defines for OperationalStatus.
func (v OperationalStatus) Valid() bool {
	switch v {
	case OperationalStatusActive, OperationalStatusStaged:
		return true
	}
	return false
}

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
func (v ServicePackageType) Valid() bool {
	switch v {
	case ServicePackageTypeUsage, ServicePackageTypePrimaryLocalFlatRate, ServicePackageTypePrimaryLocalAndDomesticLDFlatRate, ServicePackageTypeSecondaryLocalFlatRate, ServicePackageTypeSecondaryLocalAndDomesticLDFlatRate:
		return true
	}
	return false
}

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
func (v CarrierStatus) Valid() bool {
	switch v {
	case CarrierStatusActive, CarrierStatusActivationOnHold, CarrierStatusActivationPending, CarrierStatusPortPending, CarrierStatusCancelPort, CarrierStatusCancelPortExpidited, CarrierStatusDeletePending, CarrierStatusDeleted, CarrierStatusCancelPortComplete, CarrierStatusPortRejected, CarrierStatusInventory, CarrierStatusInventoryClaimed, CarrierStatusCooldown, CarrierStatusRecovered:
		return true
	}
	return false
}

// CustomerType values appear in CustomerServiceRecordX.customerType, E911AddressX.customerType.
type CustomerType string

// CustomerType values.
const (
	CustomerTypeBusiness    CustomerType = "BUSINESS"
	CustomerTypeResidential CustomerType = "RESIDENTIAL"
)

// Valid reports whether v is a value the spec defines for CustomerType.
func (v CustomerType) Valid() bool {
	switch v {
	case CustomerTypeBusiness, CustomerTypeResidential:
		return true
	}
	return false
}

// Directional values appear in *.preDirectional, *.postDirectional.
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
func (v Directional) Valid() bool {
	switch v {
	case DirectionalNone, DirectionalN, DirectionalNE, DirectionalE, DirectionalSE, DirectionalS, DirectionalSW, DirectionalW, DirectionalNW:
		return true
	}
	return false
}

// SecondaryLocationDescription values appear in CSR / AddressX / E911AddressX.
type SecondaryLocationDescription string

// SecondaryLocationDescription values.
const (
	LocationNone       SecondaryLocationDescription = ""
	LocationApartment  SecondaryLocationDescription = "APARTMENT"
	LocationBuilding   SecondaryLocationDescription = "BUILDING"
	LocationBasement   SecondaryLocationDescription = "BASEMENT"
	LocationDepartment SecondaryLocationDescription = "DEPARTMENT"
	LocationFloor      SecondaryLocationDescription = "FLOOR"
	LocationFront      SecondaryLocationDescription = "FRONT"
	LocationHanger     SecondaryLocationDescription = "HANGER"
	LocationKey        SecondaryLocationDescription = "KEY"
	LocationLobby      SecondaryLocationDescription = "LOBBY"
	LocationLot        SecondaryLocationDescription = "LOT"
	LocationLower      SecondaryLocationDescription = "LOWER"
	LocationOffice     SecondaryLocationDescription = "OFFICE"
	LocationPenthouse  SecondaryLocationDescription = "PENTHOUSE"
	LocationPier       SecondaryLocationDescription = "PIER"
	LocationRear       SecondaryLocationDescription = "REAR"
	LocationRoom       SecondaryLocationDescription = "ROOM"
	LocationSide       SecondaryLocationDescription = "SIDE"
	LocationSlip       SecondaryLocationDescription = "SLIP"
	LocationSpace      SecondaryLocationDescription = "SPACE"
	LocationSuite      SecondaryLocationDescription = "SUITE"
	LocationStop       SecondaryLocationDescription = "STOP"
	LocationTrailer    SecondaryLocationDescription = "TRAILER"
	LocationUnit       SecondaryLocationDescription = "UNIT"
	LocationUpper      SecondaryLocationDescription = "UPPER"
)

// Valid reports whether v is a value the spec defines for SecondaryLocationDescription.
func (v SecondaryLocationDescription) Valid() bool {
	switch v {
	case LocationNone, LocationApartment, LocationBuilding, LocationBasement, LocationDepartment, LocationFloor, LocationFront, LocationHanger, LocationKey, LocationLobby, LocationLot, LocationLower, LocationOffice, LocationPenthouse, LocationPier, LocationRear, LocationRoom, LocationSide, LocationSlip, LocationSpace, LocationSuite, LocationStop, LocationTrailer, LocationUnit, LocationUpper:
		return true
	}
	return false
}

// DirectoryListingType values appear in DirectoryListingX.type.
type DirectoryListingType string

// DirectoryListingType values.
const (
	DirectoryListingError             DirectoryListingType = "ERROR"
	DirectoryListingListPublish       DirectoryListingType = "LIST_PUBLISH"
	DirectoryListingListNotPublish    DirectoryListingType = "LIST_NOT_PUBLISH"
	DirectoryListingNotListNotPublish DirectoryListingType = "NOT_LIST_NOT_PUBLISH"
	DirectoryListingPorted            DirectoryListingType = "PORTED"
	DirectoryListingComplex           DirectoryListingType = "COMPLEX"
)

// Valid reports whether v is a value the spec defines for DirectoryListingType.
func (v DirectoryListingType) Valid() bool {
	switch v {
	case DirectoryListingError, DirectoryListingListPublish, DirectoryListingListNotPublish, DirectoryListingNotListNotPublish, DirectoryListingPorted, DirectoryListingComplex:
		return true
	}
	return false
}

// Country values appear in validateAddress/typeAhead country.
type Country string

// Country values.
const (
	CountryUSA Country = "USA"
	CountryCAN Country = "CAN"
	CountryUNK Country = "UNK"
)

// Valid reports whether v is a value the spec defines for Country.
func (v Country) Valid() bool {
	switch v {
	case CountryUSA, CountryCAN, CountryUNK:
		return true
	}
	return false
}

// TNSearchType values appear in tnSearch.type.
type TNSearchType string

// TNSearchType values.
const (
	TNSearchByPostalcodeOrTN    TNSearchType = "POSTALCODE_OR_TN"
	TNSearchByTN                TNSearchType = "TN"
	TNSearchByPostalcode        TNSearchType = "POSTALCODE"
	TNSearchByLatLong           TNSearchType = "LAT_LONG"
	TNSearchByRatecenter        TNSearchType = "RATECENTER"
	TNSearchByRatecenterCarrier TNSearchType = "RATECENTER_CARRIER"
)

// Valid reports whether v is a value the spec defines for TNSearchType.
func (v TNSearchType) Valid() bool {
	switch v {
	case TNSearchByPostalcodeOrTN, TNSearchByTN, TNSearchByPostalcode, TNSearchByLatLong, TNSearchByRatecenter, TNSearchByRatecenterCarrier:
		return true
	}
	return false
}

// LineType values appear in DeviceX.lineType.
type LineType string

// LineType values.
const (
	LineTypeLine               LineType = "Line"
	LineTypeAdvancedSharedLine LineType = "AdvancedSharedLine"
	LineTypeReferencedUser     LineType = "ReferencedUser"
	LineTypeIntercomLine       LineType = "IntercomLine"
	LineTypePresenceBlfUser    LineType = "PresenceBlfUser"
	LineTypeSpeedDialUser      LineType = "SpeedDialUser"
	LineTypeSpeedDialTn        LineType = "SpeedDialTn"
	LineTypeCallParkingSpot    LineType = "CallParkingSpot"
	LineTypeSipPaging          LineType = "SipPaging"
	LineTypeCustom             LineType = "Custom"
)

// Valid reports whether v is a value the spec defines for LineType.
func (v LineType) Valid() bool {
	switch v {
	case LineTypeLine, LineTypeAdvancedSharedLine, LineTypeReferencedUser, LineTypeIntercomLine, LineTypePresenceBlfUser, LineTypeSpeedDialUser, LineTypeSpeedDialTn, LineTypeCallParkingSpot, LineTypeSipPaging, LineTypeCustom:
		return true
	}
	return false
}

// DeviceFilterType values appear in listDevices.filterType.
type DeviceFilterType string

// DeviceFilterType values.
const (
	DeviceFilterByMACAddress          DeviceFilterType = "MAC_ADDRESS"
	DeviceFilterByMACAddressInventory DeviceFilterType = "MAC_ADDRESS_INVENTORY"
	DeviceFilterByOwningUserid        DeviceFilterType = "OWNING_USERID"
	DeviceFilterByReferencedUserid    DeviceFilterType = "REFERENCED_USERID"
	DeviceFilterByAccount             DeviceFilterType = "ACCOUNT"
)

// Valid reports whether v is a value the spec defines for DeviceFilterType.
func (v DeviceFilterType) Valid() bool {
	switch v {
	case DeviceFilterByMACAddress, DeviceFilterByMACAddressInventory, DeviceFilterByOwningUserid, DeviceFilterByReferencedUserid, DeviceFilterByAccount:
		return true
	}
	return false
}

// ActiveCallHandling values appear in CallHandling.activeCallHandling.
type ActiveCallHandling string

// ActiveCallHandling values.
const (
	ActiveCallHandlingRingLine ActiveCallHandling = "RING_LINE"
	ActiveCallHandlingForward  ActiveCallHandling = "FORWARD"
)

// Valid reports whether v is a value the spec defines for ActiveCallHandling.
func (v ActiveCallHandling) Valid() bool {
	switch v {
	case ActiveCallHandlingRingLine, ActiveCallHandlingForward:
		return true
	}
	return false
}

// RingFailoverActionType values appear in RingFailoverAction.@type.
type RingFailoverActionType string

// RingFailoverActionType values.
const (
	FailoverTypeVoicemail RingFailoverActionType = "VoicemailRingFailoverAction"
	FailoverTypeBusy      RingFailoverActionType = "BusyRingFailoverAction"
	FailoverTypeForward   RingFailoverActionType = "ForwardRingFailoverAction"
)

// Valid reports whether v is a value the spec defines for RingFailoverActionType.
func (v RingFailoverActionType) Valid() bool {
	switch v {
	case FailoverTypeVoicemail, FailoverTypeBusy, FailoverTypeForward:
		return true
	}
	return false
}

// RingTimeoutConfigurationType values appear in RingTimeoutConfiguration.@type.
type RingTimeoutConfigurationType string

// RingTimeoutConfigurationType values.
const (
	RingTimeoutTypeLimited   RingTimeoutConfigurationType = "LimitedRingTimeoutConfiguration"
	RingTimeoutTypeUnlimited RingTimeoutConfigurationType = "UnlimitedRingTimeoutConfiguration"
)

// Valid reports whether v is a value the spec defines for RingTimeoutConfigurationType.
func (v RingTimeoutConfigurationType) Valid() bool {
	switch v {
	case RingTimeoutTypeLimited, RingTimeoutTypeUnlimited:
		return true
	}
	return false
}

// CallingPlanReferenceType values appear in CallingPlanX.referenceType, ModifyCallingPlanX.referenceType, getPlans.referenceType (CallingPlan.referenceType on SipTrunk is untyped).
type CallingPlanReferenceType string

// CallingPlanReferenceType values.
const (
	CallingPlanRefSIPTrunk      CallingPlanReferenceType = "SIP_TRUNK"
	CallingPlanRefEndUser       CallingPlanReferenceType = "END_USER"
	CallingPlanRefIVR           CallingPlanReferenceType = "IVR"
	CallingPlanRefAccount       CallingPlanReferenceType = "ACCOUNT"
	CallingPlanRefSpecialtyLine CallingPlanReferenceType = "SPECIALTY_LINE"
	CallingPlanRefContactCenter CallingPlanReferenceType = "CONTACT_CENTER"
)

// Valid reports whether v is a value the spec defines for CallingPlanReferenceType.
func (v CallingPlanReferenceType) Valid() bool {
	switch v {
	case CallingPlanRefSIPTrunk, CallingPlanRefEndUser, CallingPlanRefIVR, CallingPlanRefAccount, CallingPlanRefSpecialtyLine, CallingPlanRefContactCenter:
		return true
	}
	return false
}

// CallingPlanType values appear in ModifyCallingPlanX.callingPlanType.
type CallingPlanType string

// CallingPlanType values.
const (
	CallingPlanTypeSharedCallingPlan   CallingPlanType = "SHARED_CALLING_PLAN"
	CallingPlanTypeNewCallingPlan      CallingPlanType = "NEW_CALLING_PLAN"
	CallingPlanTypeUnsharedCallingPlan CallingPlanType = "UNSHARED_CALLING_PLAN"
)

// Valid reports whether v is a value the spec defines for CallingPlanType.
func (v CallingPlanType) Valid() bool {
	switch v {
	case CallingPlanTypeSharedCallingPlan, CallingPlanTypeNewCallingPlan, CallingPlanTypeUnsharedCallingPlan:
		return true
	}
	return false
}

// RateType values appear in CallingPlanProduct.rateTypeFor411, .rateTypeForOperator.
type RateType string

// RateType values.
const (
	RateTypePerCall   RateType = "PER_CALL"
	RateTypePerMinute RateType = "PER_MINUTE"
)

// Valid reports whether v is a value the spec defines for RateType.
func (v RateType) Valid() bool {
	switch v {
	case RateTypePerCall, RateTypePerMinute:
		return true
	}
	return false
}
