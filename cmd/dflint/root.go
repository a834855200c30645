package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/dflint/dflint/internal/discover"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

func newRootCmd(ios *IOStreams) *cobra.Command {
	// The bare form's usage errors point to 'dflint lint --help', which
	// explains its flags ('dflint --help' lists the commands).
	bare := &lintOptions{IO: ios, command: "dflint lint"}
	root := &cobra.Command{
		Use:   "dflint [PATH|DIR|-]...",
		Short: "Lint Dockerfiles: dflint's rules plus BuildKit's checks, offline",
		Long: `dflint lints Dockerfiles with its own rules and with BuildKit's build checks
(what 'docker build --check' reports), without Docker and without the network.

'dflint PATH...' is 'dflint lint PATH...', as 'hadolint Dockerfile' is: it
takes lint's flags ('dflint lint --help') and 'dflint -' lints standard input.
A first argument that names a command (lint, fix, config…) runs that command,
even when a file of that name exists: write './lint' to lint such a file.
Otherwise the first argument is a path when it exists, is "-", contains a "/"
or is a Dockerfile's name (Dockerfile, Containerfile, *.dockerfile…); any
other word is an unknown command.

Exit codes: 0 no findings at or above --fail-level, 1 findings at or above
--fail-level, 2 errors (bad usage, unreadable or unparsable files), 130
interrupted (Ctrl-C or SIGTERM).`,
		Version:       currentBuild().String(),
		SilenceErrors: true, // exitCode prints errors, once
		SilenceUsage:  true, // a lint failure is not a usage mistake
		Args:          cobra.ArbitraryArgs,
		// cobra sets it only where it suggests by itself (no Args).
		SuggestionsMinimumDistance: 2,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runBare(cmd, bare, args)
		},
	}
	root.SetIn(ios.In)
	root.SetOut(ios.Out)
	root.SetErr(ios.ErrOut)
	root.SetVersionTemplate("{{.Version}}\n")
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		command := cmd.CommandPath()
		if !cmd.HasParent() {
			command = "dflint lint" // the bare form's flags are lint's
		}
		return &usageError{err: err, command: command}
	})
	root.CompletionOptions.HiddenDefaultCmd = true
	// lint's flags, for the bare form: hidden, so that 'dflint --help'
	// stays the list of commands, and 'dflint lint --help' explains them.
	f := root.Flags()
	bare.registerFlags(f)
	f.VisitAll(func(fl *pflag.Flag) { fl.Hidden = true })

	root.AddCommand(
		newLintCmd(ios),
		newFixCmd(ios),
		newPinCmd(ios),
		newRulesCmd(ios),
		newExplainCmd(ios),
		newConfigCmd(ios),
		newVersionCmd(ios),
		newLSPCmd(ios),
	)
	return root
}

// runBare runs 'dflint [FLAGS] PATH...': lint, when the first argument is
// a path; help, when there is nothing at all; an unknown command, when the
// first argument is a word that is neither a command nor a path (cobra has
// already run the commands it names).
func runBare(cmd *cobra.Command, opts *lintOptions, args []string) error {
	if len(args) == 0 {
		if cmd.Flags().NFlag() == 0 {
			return cmd.Help()
		}
		return &usageError{err: fmt.Errorf("name the Dockerfiles to lint (or - for standard input); 'dflint lint' with no path lints the current directory"), command: "dflint"}
	}
	if !looksLikePath(args[0]) {
		hint := ""
		if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
			hint = fmt.Sprintf(" (did you mean %s?)", strings.Join(s, " or "))
		}
		return &usageError{err: fmt.Errorf("unknown command %q for %q%s, and no file of that name", args[0], cmd.CommandPath(), hint), command: "dflint"}
	}
	ctx, stop := batchRun(cmd.Context())
	defer stop()
	opts.Paths = args
	return interrupted(ctx, runLint(ctx, opts), "no report was written")
}

// looksLikePath tells whether the bare form's first argument means a file
// or directory: it exists, is standard input, has a directory in it, or is
// named as the files a directory walk picks. A word like "lnit" is not: it
// is a mistyped command, and an error says so.
func looksLikePath(arg string) bool {
	if arg == discover.Stdin || arg == "." || arg == ".." {
		return true
	}
	if strings.ContainsAny(arg, `/\`) || discover.IsDockerfileName(arg) {
		return true
	}
	_, err := os.Lstat(arg)
	return err == nil
}
