package crm

import (
	"strings"

	"github.com/go-alianza/alianza"
)

// StatusMapper maps the CRM's customer status to the Alianza account status.
type StatusMapper func(crmStatus string) alianza.AccountStatus

// DefaultStatusMapper is the CRM integration's rule: a customer who is
// "current" in the CRM is ACTIVE in Alianza; anything else is DISABLED.
// Case and surrounding spaces are ignored.
func DefaultStatusMapper(crmStatus string) alianza.AccountStatus {
	if strings.EqualFold(strings.TrimSpace(crmStatus), "current") {
		return alianza.AccountStatusActive
	}
	return alianza.AccountStatusDisabled
}
