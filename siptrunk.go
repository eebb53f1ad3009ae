package alianza

// SipTrunksService manages an account's SIP trunks (the spec's siptrunk_2 resource).
type SipTrunksService service
