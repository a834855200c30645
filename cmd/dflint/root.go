package main

import (
	"github.com/spf13/cobra"
)

func newRootCmd(ios *IOStreams) *cobra.Command {
	root := &cobra.Command{
		Use:   "dflint",
		Short: "Lint Dockerfiles: dflint's rules plus BuildKit's checks, offline",
		Long: `dflint lints Dockerfiles with its own rules and with BuildKit's build checks
(what 'docker build --check' reports), without Docker and without the network.

Exit codes: 0 no findings at or above --fail-level, 1 findings at or above
--fail-level, 2 errors (bad usage, unreadable or unparsable files), 130
interrupted (Ctrl-C or SIGTERM).`,
		Version:       currentBuild().String(),
		SilenceErrors: true, // exitCode prints errors, once
		SilenceUsage:  true, // a lint failure is not a usage mistake
	}
	root.SetIn(ios.In)
	root.SetOut(ios.Out)
	root.SetErr(ios.ErrOut)
	root.SetVersionTemplate("{{.Version}}\n")
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return &usageError{err: err, command: cmd.CommandPath()}
	})
	root.CompletionOptions.HiddenDefaultCmd = true

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
