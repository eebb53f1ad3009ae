package gen

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestGoName(t *testing.T) {
	for in, want := range map[string]string{
		"ACTIVE":                            "Active",
		"DELETE_PENDING":                    "DeletePending",
		"V2_0":                              "V20",
		"US/Samoa":                          "USSamoa",
		"America/St_Thomas":                 "AmericaStThomas",
		"Id":                                "ID",
		"MacAddress":                        "MACAddress",
		"PresenceBlfUser":                   "PresenceBLFUser",
		"SpeedDialTn":                       "SpeedDialTN",
		"SipPaging":                         "SIPPaging",
		"VipRing":                           "VipRing",
		"NO_API":                            "NoAPI",
		"LEVEL3_CARIANZA":                   "Level3Carianza",
		"PrimaryLocalAndDomesticLDFlatRate": "PrimaryLocalAndDomesticLdFlatRate",
		"SIP TRUNK":                         "SIPTrunk",
		"_411":                              "411",
		"E911":                              "E911",
		"":                                  "",
		"--":                                "",
	} {
		assert.Equal(t, want, GoName(in), in)
	}
}

func TestUnexported(t *testing.T) {
	assert.Equal(t, "accountStatus", Unexported("AccountStatus"))
	assert.Equal(t, "tNSearchType", Unexported("TNSearchType"))
}

func TestStripHTML(t *testing.T) {
	for in, want := range map[string]string{
		"plain":                                 "plain",
		"  The status.  Must be\n one of [A]":   "The status. Must be one of [A]",
		"<p>First</p><p>Second &amp; third</p>": "First Second & third",
		"Line<br/>break and <b>bold</b>":        "Line break and bold",
		"a &lt;tag&gt; in text":                 "a <tag> in text",
		"<ul><li>one</li><li>two</li></ul>":     "one two",
		"":                                      "",
		"Listed.  <span hidden>Please refer <a href=\"x.html\">here</a></span> Then.": "Listed. Then.",
		"<SPAN class=\"n\" hidden=\"\">gone</SPAN>kept":                               "kept",
		"<span>shown</span>": "shown",
	} {
		assert.Equal(t, want, StripHTML(in), in)
	}
}

func TestComment(t *testing.T) {
	got := Comment("one two three four five six\n\nnext paragraph", "\t", 20)
	assert.Equal(t, "\t// one two three\n\t// four five six\n\t//\n\t// next paragraph\n", got)
	assert.Equal(t, "// averyveryverylongword\n", Comment("averyveryverylongword", "", 10), "a long word is not split")
}
