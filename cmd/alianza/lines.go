package main

import (
	"fmt"
	"io"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/crm"
)

// lineView is one SIP line with the CRM table's field names. It is the JSON of
// the panel and of sync output, and the format of a --crm-lines file.
type lineView struct {
	LineNumber      int            `json:"lineNumber"`
	SIPUsername     string         `json:"sipUsername"`
	SIPPassword     alianza.Secret `json:"sipPassword"`
	DisplayName     string         `json:"displayName"`
	EmergencyNumber string         `json:"emergencyNumber"`
	MACAddress      string         `json:"macAddress"`
}

func toLineView(l crm.SIPLine) lineView {
	return lineView{l.LineNumber, l.SIPUsername, l.SIPPassword, l.DisplayName, l.EmergencyNumber, l.MACAddress}
}

func (v lineView) line() crm.SIPLine {
	return crm.SIPLine{LineNumber: v.LineNumber, SIPUsername: v.SIPUsername, SIPPassword: v.SIPPassword,
		DisplayName: v.DisplayName, EmergencyNumber: v.EmergencyNumber, MACAddress: v.MACAddress}
}

func linesView(ls []crm.SIPLine) []lineView {
	out := make([]lineView, 0, len(ls))
	for _, l := range ls {
		out = append(out, toLineView(l))
	}
	return out
}

// writeLines writes SIP lines as a table, each row indented by indent.
func (a *app) writeLines(w io.Writer, indent string, ls []lineView) error {
	t := newTable(w, indent+"LINE", "SIP USERNAME", "SIP PASSWORD", "DISPLAY NAME", "EMERGENCY NUMBER", "MAC ADDRESS")
	for _, l := range ls {
		t.row(fmt.Sprintf("%s%d", indent, l.LineNumber), l.SIPUsername, a.secret(l.SIPPassword), l.DisplayName, l.EmergencyNumber, l.MACAddress)
	}
	return t.flush()
}
