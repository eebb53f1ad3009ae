package main

import (
	"fmt"
	"io"
	"strings"
)

// progress draws a one-line bar on stderr while long work runs (number
// deletes of a teardown, changes of a sync). It draws only on a terminal:
// in a log or a pipe the carriage returns would be noise. Calls must not
// overlap; crm.Teardown and the line store guarantee that.
type progress struct {
	w     io.Writer
	on    bool
	label string
	drawn bool
}

const barWidth = 30

func (a *app) progress(label string) *progress {
	return &progress{w: a.stderr, on: a.stderrTTY, label: label}
}

// set draws done of total; a total of 0 means unknown and shows a count.
func (p *progress) set(done, total int) {
	if !p.on {
		return
	}
	p.drawn = true
	if total <= 0 {
		fmt.Fprintf(p.w, "\r%s: %d done", p.label, done)
		return
	}
	done = min(done, total)
	fill := barWidth * done / total
	fmt.Fprintf(p.w, "\r%s [%s%s] %d/%d", p.label, strings.Repeat("#", fill), strings.Repeat(".", barWidth-fill), done, total)
}

// finish ends the bar's line, so what follows starts on a fresh one.
func (p *progress) finish() {
	if p.on && p.drawn {
		fmt.Fprintln(p.w)
	}
}
