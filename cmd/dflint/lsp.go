package main

import (
	"context"
	"errors"
	"io"

	"github.com/dflint/dflint/internal/lsp"
	"github.com/dflint/dflint/rules"
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

Each document gets the settings of the .dflint.yaml (or .hadolint.yaml) that
governs its path, as for 'dflint lint'; --config names one file for all,
--no-config reads none, and --select, --ignore, --no-buildkit and --shellcheck
beat the config as on the command line. A config with errors is shown in the
editor once, and its documents are linted with the command line's settings
until it is fixed. Messages about the server itself go to standard error.

A document dflint lint would refuse (over 1 MiB, binary, not UTF-8) gets one
diagnostic saying why instead of findings. A malformed message gets a JSON-RPC
error and the session goes on; messages over 8 MiB are skipped unread (see
"Limits and bad input" in docs/cli.md).

Exit codes: 0 after the editor's shutdown request and exit; 1 when the editor
exits or goes away without shutdown (as the protocol says); 2 bad flags.`,
		Example: `  dflint lsp                          # what an editor runs
  dflint lsp --select DF401,DF502     # only some rules`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			setups, err := rf.setups(ios.ErrOut, "dflint lsp", nil)
			if err != nil {
				return err
			}
			engine, err := rf.engine(ios.ErrOut, nil)
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			if ctx == nil {
				ctx = context.Background()
			}
			srv := lsp.New(lsp.Options{
				Engine: engine,
				EngineFor: func(path string) (*rules.Engine, error) {
					st, err := setups.forPath(path)
					if err != nil {
						return nil, err
					}
					return st.engine, nil
				},
				Version: moduleVersion(),
				Log:     ios.ErrOut,
			})
			err = srv.Serve(ctx, stdioStream{ios.In, ios.Out})
			if errors.Is(err, lsp.ErrNoShutdown) {
				return &exitStatus{1}
			}
			return err
		},
	}
	f := cmd.Flags()
	rf.set = f
	rf.getenv = ios.Getenv // DFLINT_* and HADOLINT_* for the flags it has, and the user-level config
	f.StringVarP(&rf.ConfigFile, "config", "c", "", "read settings from this file for every document, instead of the .dflint.yaml (or .hadolint.yaml) found above each one")
	f.BoolVar(&rf.NoConfig, "no-config", false, "read no config file")
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
