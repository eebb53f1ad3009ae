package alianza

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"
)

// Version is the SDK's version, sent in the User-Agent header.
const Version = "0.1.0"

// Client talks to the Alianza platform. Build one with NewClient and share
// it: it is immutable and safe for concurrent use. ForPartition makes a
// cheap copy that acts in another partition and shares the login.
type Client struct {
	cfg       *config
	auth      tokenSource // the login session or the given token, shared with ForPartition copies
	budget    *retryBudget
	bodies    *bodyPool // buffers for reading answers, shared with ForPartition copies
	userAgent []string  // the User-Agent header's value, shared by every request
	partition string    // the partition this copy acts in; "" means the login's
	// epoch is the origin of the hooks' call durations: time.Since(epoch)
	// reads the monotonic clock alone, time.Now reads it and the wall clock.
	epoch time.Time

	common service // one value shared by every service, so services cost no allocation

	Accounts         *AccountsService
	Users            *UsersService
	SipTrunks        *SipTrunksService
	TelephoneNumbers *TelephoneNumbersService
	DeviceLines      *DeviceLinesService
	BusinessLines    *BusinessLinesService
	CallingPlans     *CallingPlansService
	Addresses        *AddressesService
	CallRecords      *CallRecordsService
	Jobs             *JobsService
	Reports          *ReportsService
	Ports            *PortsService
	Prevalidation    *PrevalidationService

	// Services whose types are generated (services_gen.go), with the
	// methods of operations_gen.go; one line each.
	Auth                   *AuthService
	Brand                  *BrandService
	BulkOperations         *BulkOperationsService
	CallGroups             *CallGroupsService
	CallParkingSpots       *CallParkingSpotsService
	CallerIDMappings       *CallerIDMappingsService
	Cymbus                 *CymbusService
	DeviceInventory        *DeviceInventoryService
	Devices                *DevicesService
	Documents              *DocumentsService
	DynamicInventory       *DynamicInventoryService
	EdgeNodes              *EdgeNodesService
	EmergencyNotifications *EmergencyNotificationsService
	HuntGroups             *HuntGroupsService
	IVRs                   *IVRsService
	InboundRatePlans       *InboundRatePlansService
	LocalCallingAreas      *LocalCallingAreasService
	ManagementUsers        *ManagementUsersService
	Media                  *MediaService
	PagingGroups           *PagingGroupsService
	Partitions             *PartitionsService
	PickupGroups           *PickupGroupsService
	RateCenters            *RateCentersService
	ReferenceData          *ReferenceDataService
	SSO                    *SSOService
	SSOConfigs             *SSOConfigsService
	SSOExemptions          *SSOExemptionsService
	SecurityGroups         *SecurityGroupsService
	ServiceActivations     *ServiceActivationsService
	SipTrunkGroups         *SipTrunkGroupsService
	SpecialtyLines         *SpecialtyLinesService
	UserGroups             *UserGroupsService
	VirtualFax             *VirtualFaxService
	VoicemailBoxes         *VoicemailBoxesService
	VoicemailMessages      *VoicemailMessagesService
}

// service is what every resource service holds: the client it belongs to.
type service struct {
	client *Client
}

// NewClient returns a client configured by opts. It needs either
// WithCredentials or WithAuthToken; it does no I/O (the first call logs in).
func NewClient(opts ...Option) (*Client, error) {
	cfg := defaultConfig()
	for _, opt := range opts {
		if opt == nil {
			return nil, errOption
		}
		if err := opt(cfg); err != nil {
			return nil, err
		}
	}
	if err := cfg.finish(); err != nil {
		return nil, err
	}
	ua := "go-alianza/" + Version
	if cfg.userAgent != "" {
		ua += " " + cfg.userAgent
	}
	c := &Client{
		cfg:       cfg,
		budget:    newRetryBudget(cfg.retry.Budget),
		bodies:    new(bodyPool),
		userAgent: []string{ua},
		partition: cfg.partitionID,
		epoch:     time.Now(),
	}
	c.auth = newTokenSource(c)
	c.initServices()
	return c, nil
}

func (c *Client) initServices() {
	c.common.client = c
	c.Accounts = (*AccountsService)(&c.common)
	c.Users = (*UsersService)(&c.common)
	c.SipTrunks = (*SipTrunksService)(&c.common)
	c.TelephoneNumbers = (*TelephoneNumbersService)(&c.common)
	c.DeviceLines = (*DeviceLinesService)(&c.common)
	c.BusinessLines = (*BusinessLinesService)(&c.common)
	c.CallingPlans = (*CallingPlansService)(&c.common)
	c.Addresses = (*AddressesService)(&c.common)
	c.CallRecords = (*CallRecordsService)(&c.common)
	c.Jobs = (*JobsService)(&c.common)
	c.Reports = (*ReportsService)(&c.common)
	c.Ports = (*PortsService)(&c.common)
	c.Prevalidation = (*PrevalidationService)(&c.common)
	c.initGeneratedServices()
}

// ForPartition returns a copy of the client that acts in partitionID (a
// sub-partition, say). The copy shares the login, token and connection pool
// with c; c itself is unchanged.
func (c *Client) ForPartition(partitionID string) (*Client, error) {
	if err := checkID("partitionId", partitionID); err != nil {
		return nil, err
	}
	// A copy of every field (a field added later is shared too), then its
	// own partition and services: the copied services point at c.
	cp := new(Client)
	*cp = *c
	cp.partition = partitionID
	cp.initServices()
	return cp, nil
}

// PartitionID returns the partition the client acts in. When none was
// configured it is the logged-in user's partition, which may need a login.
func (c *Client) PartitionID(ctx context.Context) (string, error) {
	if c.partition != "" {
		return c.partition, nil
	}
	info, err := c.auth.info(ctx)
	if err != nil {
		return "", err
	}
	if info.PartitionID == "" {
		return "", ErrNoPartition
	}
	return info.PartitionID, nil
}

// BaseURL returns the platform address the client talks to.
func (c *Client) BaseURL() string { return c.cfg.baseURL }

// HTTPClient returns a copy of the *http.Client the client sends through,
// to inspect its Timeout and Transport. Changing the copy does not change
// the client, which is immutable; the Transport is shared, not copied.
// Under WithTransportWrapper the Transport is the outermost wrapper's.
func (c *Client) HTTPClient() *http.Client {
	cp := *c.cfg.httpClient
	return &cp
}

// CloseIdleConnections closes the client's idle keep-alive connections.
// Under WithTransportWrapper it reaches the wrapped transport even when a
// wrapper does not pass CloseIdleConnections on.
func (c *Client) CloseIdleConnections() {
	c.cfg.httpClient.CloseIdleConnections()
	if ci, ok := c.cfg.baseTransport.(interface{ CloseIdleConnections() }); ok {
		ci.CloseIdleConnections()
	}
}

// String describes the client without any credential.
//
// String, GoString, Format and LogValue have value receivers so that a
// Client value (*c) formats the same as a *Client: with pointer receivers,
// fmt printed a value's fields itself, and %s dereferenced the internal
// configuration and token store, password and token included.
func (c Client) String() string {
	p := c.partition
	if p == "" {
		p = "(login default)"
	}
	return fmt.Sprintf("alianza.Client{baseURL: %s, partition: %s}", c.cfg.baseURL, p)
}

// GoString is String, for %#v.
func (c Client) GoString() string { return c.String() }

// Format prints String for %v, %+v, %s and %x (with width and flags),
// GoString for %#v and a quoted String for %q, so no field is ever dumped.
// Other verbs are reported as wrong, as fmt does for a string.
func (c Client) Format(f fmt.State, verb rune) {
	switch verb {
	case 'v':
		if f.Flag('#') {
			_, _ = io.WriteString(f, c.GoString())
			return
		}
		_, _ = fmt.Fprintf(f, fmt.FormatString(f, 's'), c.String())
	case 's', 'q', 'x', 'X':
		_, _ = fmt.Fprintf(f, fmt.FormatString(f, verb), c.String())
	default:
		_, _ = fmt.Fprintf(f, "%%!%c(alianza.Client=%s)", verb, c.String())
	}
}

// LogValue makes slog log String, never the client's fields.
func (c Client) LogValue() slog.Value { return slog.StringValue(c.String()) }

// Ptr returns a pointer to v. Use it for the optional fields of request and
// PATCH types: alianza.Ptr(false) sends an explicit false.
func Ptr[T any](v T) *T { return &v }
