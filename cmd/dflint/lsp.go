package main

import (
	"context"
	"errors"
	"io"

	"github.com/dflint/dflint/internal/lsp"
	"github.com/spf13/cobra"
)

func newLSPCmd(ios *IOStreams) *cobra.Command {
	var rf ruleFlags
	var stdio bool
	cmd := &cobra.Command{
		Use:   "lsp",
		Short: "Run the language server (LSP over standard input and output)",
		Long: `Run dflint as a language server: an editor starts it, talks the Language Server
Protocol over standard input and output, and shows dflint's findings as
diagnostics while you type, with each fix and an "ignore here" comment as code
actions. See docs/cli.md for VS Code, Neovim and Helix.

The rules are chosen by --select, --ignore, --no-buildkit and --shellcheck as
for 'dflint lint'. Messages about the server itself go to standard error.

Exit codes: 0 after the editor's shutdown request and exit; 1 when the editor
exits or goes away without shutdown (as the protocol says); 2 bad flags.`,
		Example: `  dflint lsp                          # what an editor runs
  dflint lsp --select DF401,DF502     # only some rules`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			engine, err := rf.engine(ios.ErrOut, nil)
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			if ctx == nil {
				ctx = context.Background()
			}
			srv := lsp.New(lsp.Options{Engine: engine, Version: moduleVersion(), Log: ios.ErrOut})
			err = srv.Serve(ctx, stdioStream{ios.In, ios.Out})
			if errors.Is(err, lsp.ErrNoShutdown) {
				return &exitStatus{1}
			}
			return err
		},
	}
	f := cmd.Flags()
	f.BoolVar(&stdio, "stdio", true, "talk over standard input and output (the only transport; accepted because editors pass it)")
	f.StringSliceVar(&rf.Select, "select", nil, "run only these rules (comma-separated IDs, names or aliases)")
	f.StringSliceVar(&rf.Ignore, "ignore", nil, "never run these rules (comma-separated IDs, names or aliases)")
	f.BoolVar(&rf.NoBuildKit, "no-buildkit", false, "skip BuildKit's build checks")
	f.BoolVar(&rf.ShellCheck, "shellcheck", false, "also run ShellCheck (the shellcheck binary on PATH) on every RUN")
	f.StringVar(&rf.Today, "today", ios.Getenv("DFLINT_TODAY"), "judge end-of-life dates as of this day, YYYY-MM-DD (default: today, or $DFLINT_TODAY)")
	return cmd
}

// stdioStream joins the process's standard input and output into the one
// stream the protocol runs on.
type stdioStream struct {
	io.Reader
	io.Writer
}

func (s stdioStream) Close() error {
	if c, ok := s.Reader.(io.Closer); ok {
		return c.Close()
	}
	return nil
}
