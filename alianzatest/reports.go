package alianzatest

import (
	"bytes"
	"encoding/csv"
	"net/http"
)

// inPartition returns the objects of t whose account is in the path's
// partition.
func (c *call) inPartition(t *table) []obj {
	p := c.params["partitionId"]
	return t.list(func(o obj) bool {
		a, found := c.s.st.accounts.get(str(o, "accountId"))
		return found && str(a, "partitionId") == p
	})
}

// summary answers a ReportSummaryX. The fake keeps no creation dates, so
// newCount is 0.
func (c *call) summary(list []obj) reply {
	if !c.partitionOK() {
		return c.notFound("Partition", c.params["partitionId"])
	}
	return ok(obj{"totalCount": len(list), "newCount": 0})
}

func deviceSummaryReport(c *call) reply { return c.summary(c.inPartition(c.s.st.devices)) }
func sipSummaryReport(c *call) reply    { return c.summary(c.inPartition(c.s.st.trunks)) }
func tnSummaryReport(c *call) reply     { return c.summary(c.inPartition(c.s.st.numbers)) }
func userSummaryReport(c *call) reply   { return c.summary(c.inPartition(c.s.st.users)) }
func vFaxSummaryReport(c *call) reply   { return c.summary(nil) } // the fake models no virtual fax

// csvReport is one CSV report of the fake: its job name, header, and the
// rows it reads from the state (nil: a header only, for what the fake does
// not model).
type csvReport struct {
	name   string
	header []string
	rows   func(c *call) [][]string
	status int // of the answer; 0 means 202
}

func columns(list []obj, keys ...string) [][]string {
	out := make([][]string, 0, len(list))
	for _, o := range list {
		row := make([]string, len(keys))
		for i, k := range keys {
			row[i] = str(o, k)
		}
		out = append(out, row)
	}
	return out
}

func (r csvReport) handler(c *call) reply {
	if !c.partitionOK() {
		return c.notFound("Partition", c.params["partitionId"])
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	_ = w.Write(r.header)
	if r.rows != nil {
		_ = w.WriteAll(r.rows(c))
	}
	w.Flush()
	rep := c.startJob(r.name, buf.Bytes())
	if r.status != 0 {
		rep.status = r.status
	}
	return rep
}

var csvReports = map[string]csvReport{
	"accountCSVReport3": {name: "ACCOUNT_CSV_REPORT", header: []string{"accountId", "accountNumber", "accountName", "status"},
		rows: func(c *call) [][]string {
			p := c.params["partitionId"]
			return columns(c.s.st.accounts.list(func(a obj) bool { return str(a, "partitionId") == p }), "id", "accountNumber", "accountName", "status")
		}},
	"deviceCSVReport3": {name: "DEVICE_CSV_REPORT", header: []string{"accountId", "deviceId", "macAddress", "deviceTypeId"},
		rows: func(c *call) [][]string {
			return columns(c.inPartition(c.s.st.devices), "accountId", "id", "macAddress", "deviceTypeId")
		}},
	"userCSVReport3": {name: "USER_CSV_REPORT", header: []string{"accountId", "userId", "firstName", "lastName", "emailAddress"},
		rows: func(c *call) [][]string {
			return columns(c.inPartition(c.s.st.users), "accountId", "id", "firstName", "lastName", "emailAddress")
		}},
	"telephoneNumberCSVReport2": {name: "TN_CSV_REPORT", header: []string{"accountId", "telephoneNumber", "carrierStatus", "referenceType", "referenceId"},
		rows: func(c *call) [][]string {
			return columns(c.inPartition(c.s.st.numbers), "accountId", "phoneNumber", "carrierStatus", "referenceType", "referenceId")
		}},
	"sipCSVReport2": {name: "SIP_CSV_REPORT", header: []string{"accountId", "sipTrunkId", "name"},
		rows: func(c *call) [][]string {
			return columns(c.inPartition(c.s.st.trunks), "accountId", "id", "name")
		}},
	"businessLinesCSVReport2": {name: "BUSINESS_LINES_CSV_REPORT", header: []string{"accountId", "businessLineId", "name"},
		rows: func(c *call) [][]string {
			return columns(c.inPartition(c.s.st.lines), "accountId", "id", "name")
		}},
	"deviceRegistrationReport": {name: "DEVICE_REGISTRATION_REPORT", header: []string{"accountId", "deviceId", "registered"},
		rows: func(c *call) [][]string {
			rows := columns(c.inPartition(c.s.st.devices), "accountId", "id", "")
			for _, r := range rows {
				r[2] = "false"
				if c.s.st.registered[r[1]] {
					r[2] = "true"
				}
			}
			return rows
		}},
	"userProductsReport": {name: "USER_PRODUCTS_REPORT", header: []string{"accountId", "userId", "userProductPlan"},
		rows: func(c *call) [][]string {
			return columns(c.inPartition(c.s.st.users), "accountId", "id", "userProductPlan")
		}},
	"emergencyNotificationComplianceReport": {name: "EMERGENCY_NOTIFICATION_COMPLIANCE_REPORT", header: []string{"accountId", "compliant"}},
	"specialtyLinesReport":                  {name: "SPECIALTY_LINES_REPORT", header: []string{"accountId", "specialtyLineId", "name"}},
	"vFaxCSVReport2":                        {name: "VFAX_CSV_REPORT", header: []string{"accountId", "vFaxId", "telephoneNumber"}},
	"telephoneNumberPortOutCSVReport2":      {name: "TN_PORT_OUT_CSV_REPORT", header: []string{"telephoneNumber", "portOutDate"}},
	"endUserAccountHistory2":                {name: "END_USER_CHANGES_REPORT", header: []string{"accountId", "userId", "change", "date"}},
	"contactCenterRetailReport":             {name: "CONTACT_CENTER_RETAIL_REPORT", header: []string{"accountId", "agents"}},
	"contactCenterUsageReport":              {name: "CONTACT_CENTER_USAGE_REPORT", header: []string{"accountId", "minutes"}},
	// The spec documents 200 with the Job, or 202 with no body, for this one.
	"msTeamsReport": {name: "MS_TEAMS_REPORT", header: []string{"accountId", "userId", "teamsEnabled"}, status: http.StatusOK},
}
