package alianzatest

import "fmt"

// SetRegistered sets what the registration status operations report for a
// SIP trunk, device line or business line (by id). New ones are
// unregistered.
func (s *Server) SetRegistered(id string, registered bool) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.st.trunks.get(id); !ok {
		if _, ok := s.st.devices.get(id); !ok {
			if _, ok := s.st.lines.get(id); !ok {
				return fmt.Errorf("alianzatest: no SIP trunk, device line or business line %s", id)
			}
		}
	}
	s.st.registered[id] = registered
	return nil
}

// LockOutSipTrunk marks a SIP trunk locked out (too many failed
// registrations), as unlockSipTrunk then clears.
func (s *Server) LockOutSipTrunk(id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.st.trunks.get(id); !ok {
		return fmt.Errorf("alianzatest: no SIP trunk %s", id)
	}
	s.st.lockedOut[id] = true
	return nil
}
