package main

import (
	"fmt"
	"io"
	"reflect"
	"strings"
	"text/tabwriter"

	"github.com/go-alianza/alianza"
)

// emit prints v as JSON with --json, or calls text for people.
func (a *app) emit(v any, text func(w io.Writer) error) error {
	if a.jsonOut {
		// An empty list prints as [], not null: scripts iterate over it.
		if rv := reflect.ValueOf(v); rv.Kind() == reflect.Slice && rv.IsNil() {
			v = reflect.MakeSlice(rv.Type(), 0, 0).Interface()
		}
		b, err := marshalJSON(v, a.showSecrets)
		if err != nil {
			return err
		}
		_, err = a.stdout.Write(b)
		return err
	}
	return text(a.stdout)
}

// secret is how a secret prints in a table: REDACTED unless --show-secrets.
func (a *app) secret(s alianza.Secret) string {
	if a.showSecrets {
		return dash(s.Reveal())
	}
	return dash(s.String())
}

// note prints a remark for people on stderr, so stdout stays the result.
func (a *app) note(format string, args ...any) {
	fmt.Fprintf(a.stderr, format+"\n", args...)
}

// table writes aligned columns.
type table struct {
	tw *tabwriter.Writer
}

func newTable(w io.Writer, header ...string) *table {
	t := &table{tw: tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)}
	if len(header) > 0 {
		t.row(toAny(header)...)
	}
	return t
}

func (t *table) row(cells ...any) {
	s := make([]string, len(cells))
	for i, c := range cells {
		s[i] = dash(fmt.Sprint(c))
	}
	fmt.Fprintln(t.tw, strings.Join(s, "\t"))
}

func (t *table) flush() error { return t.tw.Flush() }

// kv writes "Key:  value" lines, aligned.
func kv(w io.Writer, pairs ...any) error {
	t := newTable(w)
	for i := 0; i+1 < len(pairs); i += 2 {
		t.row(fmt.Sprint(pairs[i])+":", pairs[i+1])
	}
	return t.flush()
}

func toAny(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

// dash shows an empty cell as "-", so columns stay readable.
func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
