package main

import (
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

// Set by the release build (internal/release) with
// -ldflags "-X main.version=v0.1.0 -X main.commit=<sha> -X main.date=<RFC 3339>",
// the date being the commit's, so that two builds of one commit are equal.
// Empty in any other build, where the build information stands in.
var (
	version string
	commit  string
	date    string
)

func newVersionCmd(ios *IOStreams) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print dflint's version",
		Long: `Print the version dflint was built as, the commit and its date when the build
recorded them, and the Go version. A release build says the release's tag;
"go install github.com/dflint/dflint/cmd/dflint@v0.1.0" says v0.1.0; a build
from a checkout says what Go stamped from the repository, or "(devel)".`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			_, err := fmt.Fprintln(ios.Out, currentBuild().String())
			return err
		},
	}
}

// buildVersion is what `dflint version` reports.
type buildVersion struct {
	Version   string // v0.1.0, a pseudo-version, or (devel)
	Commit    string // the full revision, when known
	Date      string // the commit's time, RFC 3339, when known
	Modified  bool   // built from a working tree with changes
	GoVersion string
}

// currentBuild reads this binary's version.
func currentBuild() buildVersion {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		info = nil
	}
	return resolveBuild(version, commit, date, info)
}

// resolveBuild prefers what the release build set with -X, and otherwise
// takes the module version that `go install …@vX` (or, since Go 1.24, a
// build in a checkout with -buildvcs) records, with the VCS settings.
func resolveBuild(ldVersion, ldCommit, ldDate string, info *debug.BuildInfo) buildVersion {
	b := buildVersion{Version: ldVersion, Commit: ldCommit, Date: ldDate}
	if info != nil {
		b.GoVersion = info.GoVersion
		if b.Version == "" {
			b.Version = info.Main.Version
		}
		for _, kv := range info.Settings {
			switch kv.Key {
			case "vcs.revision":
				if b.Commit == "" {
					b.Commit = kv.Value
				}
			case "vcs.time":
				if b.Date == "" {
					b.Date = kv.Value
				}
			case "vcs.modified":
				b.Modified = kv.Value == "true"
			}
		}
	}
	if b.Version == "" {
		b.Version = "(devel)"
	}
	return b
}

// String is one line: "dflint v0.1.0, commit 5e86a77d1f2a, 2026-12-07T10:00:00Z, go1.26.8".
func (b buildVersion) String() string {
	parts := []string{"dflint " + b.Version}
	if b.Commit != "" {
		c := "commit " + b.Commit
		if len(b.Commit) > 12 {
			c = "commit " + b.Commit[:12]
		}
		if b.Modified {
			c += " (modified)"
		}
		parts = append(parts, c)
	}
	if b.Date != "" {
		parts = append(parts, b.Date)
	}
	if b.GoVersion != "" {
		parts = append(parts, b.GoVersion)
	}
	return strings.Join(parts, ", ")
}
