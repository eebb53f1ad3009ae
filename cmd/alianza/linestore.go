package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"github.com/go-alianza/alianza"
	"github.com/go-alianza/alianza/crm"
)

// fileStore is crm.LineStore over a JSON file holding the CRM's "Alianza
// Voice" rows of one customer: an array of lineView objects. Fields the
// console does not know (a CRM's port or dial number, the CRM's custom
// table) are kept as they are, through updates too.
//
// Each change is written at once (to a temporary file renamed over out), so
// an interrupted sync leaves a file that matches the changes reported as
// applied. The file holds SIP passwords in clear, as the CRM's table does,
// and is written with mode 0600.
type fileStore struct {
	in, out string

	mu   sync.Mutex
	rows []fileRow
}

type fileRow struct {
	line  lineView
	extra map[string]json.RawMessage
}

var lineKeys = []string{"lineNumber", "sipUsername", "sipPassword", "displayName", "emergencyNumber", "macAddress"}

func newFileStore(in, out string) *fileStore {
	if out == "" {
		out = in
	}
	return &fileStore{in: in, out: out}
}

// Lines reads the file afresh.
func (s *fileStore) Lines(context.Context) ([]crm.SIPLine, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rows, err := readLinesFile(s.in)
	if err != nil {
		return nil, err
	}
	s.rows = rows
	out := make([]crm.SIPLine, len(rows))
	for i, r := range rows {
		out[i] = r.line.line()
	}
	return out, nil
}

func (s *fileStore) Add(_ context.Context, l crm.SIPLine) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.find(l.SIPUsername) >= 0 {
		return fmt.Errorf("line %q is already in %s", l.SIPUsername, s.in)
	}
	s.rows = append(s.rows, fileRow{line: toLineView(l)})
	return s.writeLocked()
}

func (s *fileStore) Update(_ context.Context, l crm.SIPLine) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	i := s.find(l.SIPUsername)
	if i < 0 {
		return fmt.Errorf("line %q is not in %s", l.SIPUsername, s.in)
	}
	s.rows[i].line = toLineView(l)
	return s.writeLocked()
}

func (s *fileStore) Delete(_ context.Context, l crm.SIPLine) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	i := s.find(l.SIPUsername)
	if i < 0 {
		return fmt.Errorf("line %q is not in %s", l.SIPUsername, s.in)
	}
	s.rows = slices.Delete(s.rows, i, i+1)
	return s.writeLocked()
}

// save writes the current rows to out, for a sync that changed nothing
// but was asked for an --out file.
func (s *fileStore) save() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.writeLocked()
}

func (s *fileStore) find(username string) int {
	return slices.IndexFunc(s.rows, func(r fileRow) bool { return r.line.SIPUsername == username })
}

func (s *fileStore) writeLocked() error {
	b, err := encodeLines(s.rows)
	if err != nil {
		return err
	}
	return writeFileAtomic(s.out, b)
}

// readLinesFile reads and checks a --crm-lines file. Problems are
// validation errors naming the row; no message quotes a SIP password.
func readLinesFile(path string) ([]fileRow, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", alianza.ErrValidation, err)
	}
	var raw []map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, fmt.Errorf("%w: %s: want a JSON array of SIP lines: %w", alianza.ErrValidation, path, err)
	}
	if raw == nil {
		// JSON null decodes to no lines, as "[]" does, but it is more
		// likely a broken export than a customer without lines.
		return nil, fmt.Errorf("%w: %s: holds null, not a JSON array of SIP lines (an empty table is \"[]\")", alianza.ErrValidation, path)
	}
	rows := make([]fileRow, 0, len(raw))
	seen := map[string]bool{}
	for i, obj := range raw {
		var r fileRow
		whole, _ := json.Marshal(obj)
		if err := json.Unmarshal(whole, &r.line); err != nil {
			return nil, fmt.Errorf("%w: %s: line %d: %w", alianza.ErrValidation, path, i+1, err)
		}
		if r.line.SIPUsername == "" {
			return nil, fmt.Errorf("%w: %s: line %d has no sipUsername", alianza.ErrValidation, path, i+1)
		}
		if seen[r.line.SIPUsername] {
			return nil, fmt.Errorf("%w: %s: sipUsername %q appears twice", alianza.ErrValidation, path, r.line.SIPUsername)
		}
		seen[r.line.SIPUsername] = true
		for k, v := range obj {
			if !slices.Contains(lineKeys, k) {
				if r.extra == nil {
					r.extra = map[string]json.RawMessage{}
				}
				r.extra[k] = v
			}
		}
		rows = append(rows, r)
	}
	return rows, nil
}

// encodeLines writes the known fields in the CRM table's order, then the
// CRM's own fields sorted by name.
func encodeLines(rows []fileRow) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("[")
	for i, r := range rows {
		if i > 0 {
			buf.WriteString(",")
		}
		known, err := json.Marshal(r.line)
		if err != nil {
			return nil, err
		}
		buf.Write(known[:len(known)-1])
		for _, k := range slices.Sorted(maps.Keys(r.extra)) {
			kb, _ := json.Marshal(k)
			buf.WriteString(",")
			buf.Write(kb)
			buf.WriteString(":")
			buf.Write(r.extra[k])
		}
		buf.WriteString("}")
	}
	buf.WriteString("]")
	var out bytes.Buffer
	if err := json.Indent(&out, buf.Bytes(), "", "  "); err != nil {
		return nil, err
	}
	out.WriteString("\n")
	return out.Bytes(), nil
}

func writeFileAtomic(path string, b []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".alianza-lines-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer os.Remove(tmp) // no-op after the rename
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
