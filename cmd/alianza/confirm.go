package main

import (
	"bufio"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

// guard holds the flags of a destructive command.
type guard struct {
	yes, dryRun bool
}

func (g *guard) flags(cmd *cobra.Command) {
	cmd.Flags().BoolVarP(&g.yes, "yes", "y", false, "do it without asking")
	cmd.Flags().BoolVar(&g.dryRun, "dry-run", false, "show what would be done, and do nothing")
}

// confirm asks the operator on stdin before a destructive action, whose
// plan has already been shown. --yes answers for them. Without a terminal
// there is nobody to answer: refusing beats hanging on a pipe or reading a
// stray "y" from a script's input.
func (a *app) confirm(g *guard, question string) error {
	if g.yes {
		return nil
	}
	if !a.stdinTTY {
		return fmt.Errorf("%w: %s needs confirmation and stdin is not a terminal; pass --yes to go ahead or --dry-run to look", errAborted, question)
	}
	fmt.Fprintf(a.stderr, "%s? [y/N] ", question)
	line, err := bufio.NewReader(a.stdin).ReadString('\n')
	if err != nil && line == "" {
		fmt.Fprintln(a.stderr)
		return fmt.Errorf("%w: no answer", errAborted)
	}
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "y", "yes":
		return nil
	}
	return fmt.Errorf("%w: not confirmed", errAborted)
}
