package main

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"
)

func newVersionCmd(ios *IOStreams) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print dflint's version",
		Long: `Print the module version dflint was built from, and the VCS revision when the
build recorded one. Local builds from a checkout say "(devel)".`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := fmt.Fprintln(ios.Out, versionString())
			return err
		},
	}
}

// versionString reads the version from the build information, so that
// `go install ...@v1.2.3` reports v1.2.3 without a release step setting it.
func versionString() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "dflint (unknown version)"
	}
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
	}
	s := "dflint " + v
	var rev, modified string
	for _, kv := range info.Settings {
		switch kv.Key {
		case "vcs.revision":
			rev = kv.Value
		case "vcs.modified":
			modified = kv.Value
		}
	}
	if rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		s += ", revision " + rev
		if modified == "true" {
			s += " (modified)"
		}
	}
	return s + ", " + info.GoVersion
}
