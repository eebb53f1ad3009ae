package alianza

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// UpdateRequest returns the full-replace body for updateAccount holding
// every writable field of a, so that a read-modify-write keeps what the
// caller did not change:
//
//	a, err := client.Accounts.Get(ctx, id)
//	req := a.UpdateRequest()
//	req.AccountName = "New name"
//	a, err = client.Accounts.Update(ctx, id, req)
func (a *Account) UpdateRequest() *UpdateAccountRequest {
	r := &UpdateAccountRequest{
		AccountNumber:            a.AccountNumber,
		AccountName:              a.AccountName,
		BillingCycleDay:          a.BillingCycleDay,
		Status:                   a.Status,
		TimeZone:                 a.TimeZone,
		AccountType:              a.AccountType,
		DialingBehaviorType:      a.DialingBehaviorType,
		CustomField:              ptrUnlessZero(a.CustomField),
		LanguageTag:              ptrUnlessZero(a.LanguageTag),
		PlatformType:             ptrUnlessZero(a.PlatformType),
		InboundRatePlanProductID: ptrUnlessZero(a.InboundRatePlanProductID),
		ExtensionLength:          ptrUnlessZero(a.ExtensionLength),
		RoutePlanID:              ptrUnlessZero(a.RoutePlanID),
		HoldMusicMediaID:         ptrUnlessZero(a.HoldMusicMediaID),
		HoldTimeoutSeconds:       ptrUnlessZero(a.HoldTimeoutSeconds),
		AllowDangerousExtensions: Ptr(a.AllowDangerousExtensions),
		Domain:                   ptrUnlessZero(a.Domain),
		SendWelcomeEmail:         Ptr(a.SendWelcomeEmail),
		RegulatoryType:           ptrUnlessZero(a.RegulatoryType),
		CustomHoldMusicMediaID:   ptrUnlessZero(a.CustomHoldMusicMediaID),
		// A zero value means the platform sent no settings (omitzero).
		CallScreeningSettings: copyUnlessZero(a.CallScreeningSettings),
	}
	if a.AccountType == AccountTypeSimple {
		// SIMPLE accounts have no extensions; the value is immutable anyway,
		// and sending it back would fail the client-side rule.
		r.ExtensionLength = nil
	}
	if a.CallingPlans != nil {
		r.CallingPlans = append([]CallingPlan(nil), a.CallingPlans...)
	}
	return r
}

// ptrUnlessZero returns a pointer to v, or nil when v is its type's zero value
// (what an omitempty response field looks like when it was absent).
func ptrUnlessZero[T comparable](v T) *T {
	var zero T
	if v == zero {
		return nil
	}
	return &v
}

// CreateAccountRequest is the body of createAccount.
//
// Required: AccountNumber, AccountName, AccountType, BillingCycleDay,
// TimeZone, DialingBehaviorType, and ExtensionLength for ADVANCED accounts
// (SIMPLE "Home Phone" accounts have no extensions and must not set it).
// RegulatoryType defaults to the partition's.
type CreateAccountRequest struct {
	// AccountNumber is 3 to 256 characters as the spec says; Alianza's
	// Account Create guide says "up to 25", so keep CRM numbers short (see
	// docs/quirks.md).
	AccountNumber string `json:"accountNumber"`
	AccountName   string `json:"accountName"`
	// BillingCycleDay is 1 to 28 (spec and reference values); the Account
	// Create guide says 1-31, so a CRM must map days 29-31 (see
	// docs/quirks.md).
	BillingCycleDay     int                 `json:"billingCycleDay"`
	AccountType         AccountType         `json:"accountType"`
	TimeZone            TimeZone            `json:"timeZone"`
	DialingBehaviorType DialingBehaviorType `json:"dialingBehaviorType"` // DIAL_NINE_* for ADVANCED only

	ExtensionLength          *int                   `json:"extensionLength,omitempty"` // 3..6; immutable once created
	PlatformType             *PlatformType          `json:"platformType,omitempty"`    // CPE2 for Business Cloud Communications
	RegulatoryType           *RegulatoryType        `json:"regulatoryType,omitempty"`
	CustomField              *string                `json:"customField,omitempty"` // 3..256
	LanguageTag              *string                `json:"languageTag,omitempty"`
	InboundRatePlanProductID *string                `json:"inboundRatePlanProductId,omitempty"`
	RoutePlanID              *string                `json:"routePlanId,omitempty"`
	CallScreeningSettings    *CallScreeningSettings `json:"callScreeningSettings,omitempty"`
	HoldMusicMediaID         *string                `json:"holdMusicMediaId,omitempty"`
	HoldTimeoutSeconds       *int                   `json:"holdTimeoutSeconds,omitempty"` // 30..600
	AllowDangerousExtensions *bool                  `json:"allowDangerousExtensions,omitempty"`
	Domain                   *string                `json:"domain,omitempty"`
	SendWelcomeEmail         *bool                  `json:"sendWelcomeEmail,omitempty"`
	CustomHoldMusicMediaID   *string                `json:"customHoldMusicMediaId,omitempty"`
}

// UnmarshalJSON reads a create request kept as JSON (a CRM template, say).
// It accepts billingCycleDay as a quoted number, as the Account Create
// guide's example sends "1"; the wire form is always an integer (see
// docs/quirks.md).
func (r *CreateAccountRequest) UnmarshalJSON(b []byte) error {
	type plain CreateAccountRequest
	aux := struct {
		*plain
		BillingCycleDay looseInt `json:"billingCycleDay"`
	}{plain: (*plain)(r), BillingCycleDay: looseInt(r.BillingCycleDay)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	r.BillingCycleDay = int(aux.BillingCycleDay)
	return nil
}

// looseInt decodes an integer written as a JSON number or a quoted number.
type looseInt int

func (n *looseInt) UnmarshalJSON(b []byte) error {
	s := string(b)
	if strings.HasPrefix(s, `"`) {
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		s = strings.TrimSpace(s)
	}
	i, err := strconv.Atoi(s)
	if err != nil {
		return fmt.Errorf("alianza: %q is not an integer", s)
	}
	*n = looseInt(i)
	return nil
}

// UpdateAccountRequest is the body of updateAccount, a full replace: a
// field left nil may be reset by the platform. Build it from the current
// account with Account.UpdateRequest. Update fills id and partitionId,
// which the spec requires in the body, from its arguments.
type UpdateAccountRequest struct {
	AccountNumber       string              `json:"accountNumber"`
	AccountName         string              `json:"accountName"`
	BillingCycleDay     int                 `json:"billingCycleDay"`
	Status              AccountStatus       `json:"status"` // required by the spec on a full replace
	AccountType         AccountType         `json:"accountType"`
	TimeZone            TimeZone            `json:"timeZone"`
	DialingBehaviorType DialingBehaviorType `json:"dialingBehaviorType"`

	ExtensionLength          *int                   `json:"extensionLength,omitempty"`
	PlatformType             *PlatformType          `json:"platformType,omitempty"`
	RegulatoryType           *RegulatoryType        `json:"regulatoryType,omitempty"`
	CustomField              *string                `json:"customField,omitempty"`
	LanguageTag              *string                `json:"languageTag,omitempty"`
	InboundRatePlanProductID *string                `json:"inboundRatePlanProductId,omitempty"`
	RoutePlanID              *string                `json:"routePlanId,omitempty"`
	CallScreeningSettings    *CallScreeningSettings `json:"callScreeningSettings,omitempty"`
	HoldMusicMediaID         *string                `json:"holdMusicMediaId,omitempty"`
	HoldTimeoutSeconds       *int                   `json:"holdTimeoutSeconds,omitempty"`
	AllowDangerousExtensions *bool                  `json:"allowDangerousExtensions,omitempty"`
	Domain                   *string                `json:"domain,omitempty"`
	SendWelcomeEmail         *bool                  `json:"sendWelcomeEmail,omitempty"`
	CustomHoldMusicMediaID   *string                `json:"customHoldMusicMediaId,omitempty"`
	// CallingPlans echoes the plans read with the account, so the replace
	// does not drop them. Change plans with CallingPlansService.Add/Remove.
	CallingPlans []CallingPlan `json:"callingPlans,omitempty"`
}

// updateAccountBody is what updateAccount sends: the caller's fields plus
// the id and partition the spec requires in the body.
type updateAccountBody struct {
	ID          string `json:"id"`
	PartitionID string `json:"partitionId"`
	*UpdateAccountRequest
}

// PatchAccountRequest is the body of accountPatch: only the fields set are
// sent, so Ptr(false), Ptr(0) and Ptr("") are sent as such.
// CallScreeningSettings is sent as a fragment of its set fields.
type PatchAccountRequest struct {
	AccountNumber            *string                `json:"accountNumber,omitempty"`
	AccountName              *string                `json:"accountName,omitempty"`
	BillingCycleDay          *int                   `json:"billingCycleDay,omitempty"`
	Status                   *AccountStatus         `json:"status,omitempty"`
	AccountType              *AccountType           `json:"accountType,omitempty"`
	TimeZone                 *TimeZone              `json:"timeZone,omitempty"`
	DialingBehaviorType      *DialingBehaviorType   `json:"dialingBehaviorType,omitempty"`
	ExtensionLength          *int                   `json:"extensionLength,omitempty"`
	PlatformType             *PlatformType          `json:"platformType,omitempty"`
	RegulatoryType           *RegulatoryType        `json:"regulatoryType,omitempty"`
	CustomField              *string                `json:"customField,omitempty"`
	LanguageTag              *string                `json:"languageTag,omitempty"`
	InboundRatePlanProductID *string                `json:"inboundRatePlanProductId,omitempty"`
	RoutePlanID              *string                `json:"routePlanId,omitempty"`
	CallScreeningSettings    *CallScreeningSettings `json:"callScreeningSettings,omitempty"`
	HoldMusicMediaID         *string                `json:"holdMusicMediaId,omitempty"`
	HoldTimeoutSeconds       *int                   `json:"holdTimeoutSeconds,omitempty"`
	AllowDangerousExtensions *bool                  `json:"allowDangerousExtensions,omitempty"`
	Domain                   *string                `json:"domain,omitempty"`
	SendWelcomeEmail         *bool                  `json:"sendWelcomeEmail,omitempty"`
	CustomHoldMusicMediaID   *string                `json:"customHoldMusicMediaId,omitempty"`
}

// AvailableUserProductPlan is a user product plan the account offers
// (UserProductPlanX). ADVANCED and PROFESSIONAL need an ADVANCED account
// with a Cymbus group, and a user with an email address.
type AvailableUserProductPlan struct {
	ID                   UserProductPlan `json:"id,omitempty"`
	DisplayName          string          `json:"displayName,omitempty"`
	Description          string          `json:"description,omitempty"`
	EmailAddressRequired bool            `json:"emailAddressRequired,omitempty"`
}

// ValidatePropertiesOptions are the values validateAccountProperties checks
// for uniqueness before they are used. Set at least one.
type ValidatePropertiesOptions struct {
	AccountNumber string `url:"accountnumber,omitempty"` // unique in the partition
	MACAddress    string `url:"macaddress,omitempty"`    // unique system-wide; normalised before sending
	SIPUsername   string `url:"sipusername,omitempty"`   // unique system-wide
	Username      string `url:"username,omitempty"`      // end-user username, unique system-wide
}
