package main

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/dflint/dflint/internal/config"
	"github.com/dflint/dflint/internal/discover"
	"github.com/spf13/cobra"
	"go.yaml.in/yaml/v3"
)

type configOptions struct {
	IO *IOStreams

	Paths      []string
	ConfigFile string
	NoConfig   bool
}

func newConfigCmd(ios *IOStreams) *cobra.Command {
	opts := &configOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "config [PATH|DIR]...",
		Short: "Show which config file applies to each Dockerfile, and what it sets",
		Long: `Show the config file that governs each Dockerfile and the settings dflint reads
from it, as a .dflint.yaml.

For each file, dflint looks for .dflint.yaml (or .dflint.yml) in the file's
directory, then in each parent up to the repository root (the directory that
holds .git); when there is none, it looks for .hadolint.yaml (or
.hadolint.yml) the same way. --config FILE replaces the search for every file.

A .hadolint.yaml is shown translated into dflint's keys, so
'dflint config > .dflint.yaml' starts a dflint config from it. Files that the
config's ignore-paths leave out are listed as such.

Exit codes: 0 every config could be read; 2 a config has errors (each shown
with its file and line) or the command line is wrong.`,
		Example: `  dflint config                       # every Dockerfile under the current directory
  dflint config services/api/Dockerfile
  dflint config > .dflint.yaml        # translate .hadolint.yaml`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			return runConfig(opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.ConfigFile, "config", "c", "", "the config file to use for every file, as lint and fix take it")
	f.BoolVar(&opts.NoConfig, "no-config", false, "read no config file")
	return cmd
}

// configGroup is one config and the files it governs.
type configGroup struct {
	cfg     *config.Config
	err     error
	files   []string
	skipped []string
}

func runConfig(opts *configOptions) error {
	if opts.ConfigFile != "" && opts.NoConfig {
		return &usageError{err: fmt.Errorf("--config and --no-config do not go together"), command: "dflint config"}
	}
	finder := &config.Finder{Explicit: opts.ConfigFile, Disabled: opts.NoConfig, User: userConfigs(opts.IO.Getenv)}
	paths := opts.Paths
	if len(paths) == 0 {
		paths = []string{"."}
	}
	var groups []*configGroup
	byKey := map[string]*configGroup{}
	failed := false
	for _, t := range discover.Targets(paths, discover.Options{}) {
		if t.Err != nil {
			fmt.Fprintf(opts.IO.ErrOut, "dflint: %s: %v\n", t.Path, t.Err)
			failed = true
			continue
		}
		cfg, err := finder.For(t.Path)
		key := ""
		switch {
		case err != nil:
			key = "error: " + err.Error()
		case cfg != nil:
			key = cfg.Path
		}
		g := byKey[key]
		if g == nil {
			g = &configGroup{cfg: cfg, err: err}
			byKey[key] = g
			groups = append(groups, g)
		}
		if err == nil && cfg.IgnoresPath(t.Path) {
			g.skipped = append(g.skipped, t.Path)
		} else {
			g.files = append(g.files, t.Path)
		}
	}
	w := opts.IO.Out
	for i, g := range groups {
		if i > 0 {
			fmt.Fprintln(w)
		}
		if g.err != nil {
			failed = true
			fmt.Fprintf(opts.IO.ErrOut, "dflint: %s\n", strings.ReplaceAll(g.err.Error(), "\n", "\n    "))
			fmt.Fprintf(w, "# config: unreadable (see the errors above)\n")
			printList(w, "files", g.files)
			continue
		}
		switch g.cfg.Kind {
		case config.KindNone:
			fmt.Fprintf(w, "# config: none (dflint's defaults)\n")
		case config.KindHadolint:
			fmt.Fprintf(w, "# config: %s (%shadolint's format, in dflint's keys)\n", g.cfg.Path, userLevel(g.cfg))
		default:
			if g.cfg.UserLevel {
				fmt.Fprintf(w, "# config: %s (user-level)\n", g.cfg.Path)
			} else {
				fmt.Fprintf(w, "# config: %s\n", g.cfg.Path)
			}
		}
		printList(w, "files", g.files)
		printList(w, "skipped by ignore-paths", g.skipped)
		for _, warn := range g.cfg.Warnings {
			fmt.Fprintf(w, "# warning: %s\n", warn)
		}
		var buf bytes.Buffer
		enc := yaml.NewEncoder(&buf)
		enc.SetIndent(2)
		if err := enc.Encode(g.cfg); err != nil {
			return fmt.Errorf("cannot print the config: %w", err)
		}
		if s := buf.String(); s != "{}\n" {
			fmt.Fprint(w, s)
		}
	}
	if failed {
		return errReported
	}
	return nil
}

// userLevel says that a config comes from the user's home.
func userLevel(c *config.Config) string {
	if c.UserLevel {
		return "user-level, "
	}
	return ""
}

func printList(w io.Writer, title string, items []string) {
	if len(items) == 0 {
		return
	}
	fmt.Fprintf(w, "# %s: %s\n", title, strings.Join(items, ", "))
}
