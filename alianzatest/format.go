package alianzatest

import (
	"fmt"
	"log/slog"
	"strconv"
)

// String describes the server by its base URL and partition, never its
// password or the tokens it issued:
//
//	alianzatest.Server{URL: http://127.0.0.1:40001, Partition: FakePartition0000000001}
func (s *Server) String() string {
	if s == nil {
		return "alianzatest.Server(nil)"
	}
	return "alianzatest.Server{URL: " + s.url + ", Partition: " + s.cfg.partitionID + "}"
}

// GoString is String, for %#v.
func (s *Server) GoString() string { return s.String() }

// Format prints String for every verb (%v, %+v, %#v, %s; %q quotes it), so
// no formatting of a Server shows its password or tokens.
func (s *Server) Format(f fmt.State, verb rune) {
	out := s.String()
	if verb == 'q' {
		out = strconv.Quote(out)
	}
	_, _ = f.Write([]byte(out))
}

// LogValue logs the server as its base URL and partition.
func (s *Server) LogValue() slog.Value {
	if s == nil {
		return slog.StringValue("<nil>")
	}
	return slog.GroupValue(slog.String("url", s.url), slog.String("partition", s.cfg.partitionID))
}
