package alianzatest

import (
	"net/http"
	"time"
)

// session is one login: a token and when it was last used.
type session struct {
	token    string
	userID   string
	lastUsed time.Time
	expired  bool // set by ExpireTokens
}

// The fake's single management user.
const (
	apiUserID     = "FakeApiUser00000000001"
	partitionName = "ALIANZATEST PARTITION"
)

// ExpireTokens makes every issued token expired now: the next call with any
// of them gets 401 "Expired Auth Token", as after 8 idle hours.
func (s *Server) ExpireTokens() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, ss := range s.sessions {
		ss.expired = true
	}
}

// authenticateLocked checks the X-AUTH-TOKEN of a call and slides its idle
// timeout. It returns the 401 to send when the token is missing, unknown,
// logged out or idle for TokenIdleTimeout.
func (s *Server) authenticateLocked(token string, c *call) (*session, *reply) {
	if token == "" {
		r := apiError(http.StatusUnauthorized, "Unauthorized - Invalid or missing X-Auth-Token")
		return nil, &r
	}
	ss := s.sessions[token]
	if ss == nil {
		r := apiError(http.StatusUnauthorized, "Unauthorized - Invalid or missing X-Auth-Token")
		return nil, &r
	}
	now := s.nowLocked()
	if ss.expired || now.Sub(ss.lastUsed) >= TokenIdleTimeout {
		ss.expired = true
		r := apiError(http.StatusUnauthorized, "Expired Auth Token")
		return nil, &r
	}
	ss.lastUsed = now
	return ss, nil
}

func (s *Server) loginToken(token string) obj {
	subs := append([]string{}, s.cfg.subPartitions...)
	return obj{
		"authToken":          token,
		"userId":             apiUserID,
		"userType":           "ManagementUser",
		"username":           s.cfg.username,
		"firstName":          "Api",
		"lastName":           "User",
		"emailAddress":       s.cfg.username,
		"partitionId":        s.cfg.partitionID,
		"partitionName":      partitionName,
		"mustChangePassword": false,
		"subPartitionIds":    subs,
		"permissions": obj{
			"Account": "DELETE", "EndUser": "DELETE", "TelephoneNumber": "DELETE",
			"Device": "DELETE", "SipTrunk": "DELETE", "BusinessLine": "DELETE", "CallingPlan": "DELETE",
		},
		"featureToggles": obj{},
	}
}

// logUserIn: POST /v2/authorize.
func logUserIn(c *call) reply {
	in := c.obj()
	if in == nil || str(in, "username") == "" || str(in, "password") == "" {
		return c.badRequest("username and password are required")
	}
	if str(in, "username") != c.s.cfg.username || str(in, "password") != c.s.cfg.password {
		return c.fail(http.StatusUnauthorized, "Invalid username or password")
	}
	token := newID()
	c.s.sessions[token] = &session{token: token, userID: apiUserID, lastUsed: c.s.nowLocked()}
	return ok(c.s.loginToken(token))
}

// getLoginInfo: GET /v2/authorize/userinfo.
func getLoginInfo(c *call) reply { return ok(c.s.loginToken(c.session.token)) }

// logOut: PUT /v2/authorize/logout.
func logOut(c *call) reply {
	delete(c.s.sessions, c.session.token)
	return emptyOK()
}

// partitionOK reports whether the call's partitionId is the fake's or one
// of its sub-partitions.
func (c *call) partitionOK() bool {
	p := c.params["partitionId"]
	if p == "" {
		p = c.query.Get("partitionid")
	}
	if p == c.s.cfg.partitionID {
		return true
	}
	for _, sp := range c.s.cfg.subPartitions {
		if p == sp {
			return true
		}
	}
	return false
}

// account returns the account of the path, or the reply to send instead.
func (c *call) account() (obj, *reply) {
	if !c.partitionOK() {
		r := c.notFound("Partition", c.params["partitionId"])
		return nil, &r
	}
	a, found := c.s.st.accounts.get(c.params["accountId"])
	if !found || str(a, "partitionId") != c.params["partitionId"] {
		r := c.notFound("Account", c.params["accountId"])
		return nil, &r
	}
	return a, nil
}
