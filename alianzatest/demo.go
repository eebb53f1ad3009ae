package alianzatest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
)

// DemoAccountNumber is the account number of WithDemoData's account.
const DemoAccountNumber = "DEMO-1001"

// seedDemo builds the demo account through the fake's own API, so the demo
// data is exactly what a client could have created. The calls are then
// forgotten (request log, call counts).
func (s *Server) seedDemo() error {
	var token string
	do := func(method, path string, body any, out any) error {
		var rd *bytes.Reader
		if body != nil {
			rd = bytes.NewReader(mustJSON(body))
		} else {
			rd = bytes.NewReader(nil)
		}
		req := httptest.NewRequest(method, path, rd)
		req.Header.Set("Content-Type", "application/json")
		if token != "" {
			req.Header.Set("X-AUTH-TOKEN", token)
		}
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code >= 300 {
			return fmt.Errorf("%s %s: %d %s", method, path, rec.Code, rec.Body.String())
		}
		if out != nil {
			return json.Unmarshal(rec.Body.Bytes(), out)
		}
		return nil
	}
	var login struct{ AuthToken string }
	if err := do(http.MethodPost, "/v2/authorize", obj{"username": s.cfg.username, "password": s.cfg.password}, &login); err != nil {
		return err
	}
	token = login.AuthToken
	p := "/v2/partition/" + url.PathEscape(s.cfg.partitionID)
	var acct struct{ ID string }
	if err := do(http.MethodPost, p+"/account", obj{
		"accountNumber": DemoAccountNumber, "accountName": "Demo Business", "billingCycleDay": 1,
		"timeZone": "US/Mountain", "extensionLength": 4, "accountType": "ADVANCED",
		"dialingBehaviorType": "OPEN_DIAL_PLAN_TEN_DIGIT", "platformType": "CPE2",
	}, &acct); err != nil {
		return err
	}
	a := p + "/account/" + acct.ID
	var user struct{ ID string }
	if err := do(http.MethodPost, a+"/user", obj{
		"username": "demo.user@example.com", "firstName": "Demo", "lastName": "User",
		"emailAddress": "demo.user@example.com", "userProductPlan": "STANDARD", "timeZone": "US/Mountain",
		"extension": "2001", "endUserType": "STANDARD", "allowPortalAccess": true, "blockEmail": true,
	}, &user); err != nil {
		return err
	}
	var found []struct{ PhoneNumber string }
	if err := do(http.MethodGet, p+"/telephonenumber/search?type=LAT_LONG&lat=40.332486&long=-111.728156&maxResults=2", nil, &found); err != nil {
		return err
	}
	if len(found) < 2 {
		return fmt.Errorf("inventory search found %d numbers", len(found))
	}
	csr := obj{
		"businessName": "Demo Business", "streetNumber": "333", "preDirectional": "S", "streetName": "520",
		"postDirectional": "W", "city": "Lindon", "state": "UT", "country": "USA", "postalCode": "84042",
		"customerType": "BUSINESS", "customerName": "Demo Business",
	}
	tns := []any{obj{"phoneNumber": found[0].PhoneNumber}, obj{"phoneNumber": found[1].PhoneNumber}}
	if err := do(http.MethodPost, a+"/telephonenumber", obj{
		"customerServiceRecord": csr,
		"directoryListing":      obj{"listed": false, "type": "NOT_LIST_NOT_PUBLISH"},
		"holdActivation":        false,
		"telephoneNumbers":      tns,
	}, nil); err != nil {
		return err
	}
	if err := do(http.MethodPatch, a+"/telephonenumber/"+found[0].PhoneNumber, obj{
		"referenceType": "END_USER", "referenceId": user.ID, "assignAsCallerId": true,
	}, nil); err != nil {
		return err
	}
	if err := do(http.MethodPost, a+"/deviceline", obj{
		"userId": user.ID, "deviceName": "Demo desk phone", "deviceTypeId": "VVX400", "faxEnabled": false,
		"emergencyNumber": found[0].PhoneNumber, "lineNumber": 1, "macAddress": "0004f2abcdef",
		"sipUsername": "demo-desk-phone-1", "sipPassword": "demo-sip-password",
	}, nil); err != nil {
		return err
	}
	var trunk struct{ ID string }
	if err := do(http.MethodPost, a+"/siptrunk_2", obj{
		"trunkName": "DEMO-TRUNK", "callbackNumber": found[1].PhoneNumber, "primaryTn": found[1].PhoneNumber,
		"localServicesEnabled": true, "concurrentCalls": 10, "sipUsername": "demo-trunk-user", "sipPassword": "demo-trunk-password",
	}, &trunk); err != nil {
		return err
	}
	if err := do(http.MethodPatch, a+"/telephonenumber/"+found[1].PhoneNumber, obj{
		"referenceType": "SIP_TRUNK", "referenceId": trunk.ID,
	}, nil); err != nil {
		return err
	}
	if err := do(http.MethodPut, "/v2/authorize/logout", nil, nil); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.violations) > 0 {
		return fmt.Errorf("demo data broke the spec: %s", s.violations[0])
	}
	s.log, s.calls = nil, map[string]int{}
	return nil
}
