package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"
	"time"

	"github.com/dflint/dflint/internal/discover"
	"github.com/dflint/dflint/internal/images"
	"github.com/dflint/dflint/internal/report"
	"github.com/dflint/dflint/rules"
	"github.com/spf13/pflag"
)

// ruleFlags are the flags that lint and fix share: which rules run, what
// fails the run, how the report looks, and how standard input is named.
type ruleFlags struct {
	Format        string
	Output        string
	FailLevel     string
	Select        []string
	Ignore        []string
	Color         string
	NoBuildKit    bool
	ShellCheck    bool
	StdinFilename string
	Today         string
	// TrustedRegistries are the registries DF107 accepts images from.
	TrustedRegistries []string
	// BaseFamily is the base-image policy of DF104 and DF105.
	BaseFamily string
	// Registry says whether rules may ask image registries.
	Registry registryFlags
	// update makes DF103 check pinned digests and ask registries afresh
	// (dflint pin --update).
	update bool
}

// register adds the flags; failLevelHelp says what --fail-level judges in
// the command at hand.
func (r *ruleFlags) register(f *pflag.FlagSet, failLevelHelp string) {
	f.StringVar(&r.Format, "format", "text", "output format: "+strings.Join(report.Formats(), ", "))
	f.StringVarP(&r.Output, "output", "o", "", "write the report to this file (atomically) instead of standard output, which then gets only the summary line")
	f.StringVar(&r.FailLevel, "fail-level", "warning", failLevelHelp+": error, warning, info, style, or none")
	f.StringSliceVar(&r.Select, "select", nil, "run only these rules (comma-separated IDs, names or aliases such as DL3006 or JSONArgsRecommended); opt-in rules run when selected")
	f.StringSliceVar(&r.Ignore, "ignore", nil, "never run these rules (comma-separated IDs, names or aliases)")
	f.StringVar(&r.Color, "color", "auto", "colour the text output: auto (when stdout is a terminal and NO_COLOR is unset), always, never")
	f.BoolVar(&r.NoBuildKit, "no-buildkit", false, "skip BuildKit's build checks (faster; dflint's own rules still run)")
	f.BoolVar(&r.ShellCheck, "shellcheck", false, "also run ShellCheck (the shellcheck binary on PATH) on every RUN and report its SCxxxx findings")
	f.StringVar(&r.Today, "today", os.Getenv("DFLINT_TODAY"), "judge end-of-life dates as of this day, YYYY-MM-DD (default: today, or $DFLINT_TODAY)")
	f.StringSliceVar(&r.TrustedRegistries, "trusted-registry", nil, "accept base images only from this registry (host[:port], *.domain or host/path prefix; repeatable or comma-separated); DF107 reports the others")
	f.StringVar(&r.BaseFamily, "base-family", "", "the base images DF104 and DF105 move to: "+strings.Join(images.BaseFamilies, ", ")+" (default: slim variants, and DF105 reports without a fix)")
	f.StringVar(&r.StdinFilename, "stdin-filename", "Dockerfile", "the path standard input (-) is reported under")
}

// engine builds the rule engine the flags ask for. A missing shellcheck
// binary is said once, on stderr, and the run goes on without it.
func (r *ruleFlags) engine(stderr io.Writer, paths []string) (*rules.Engine, error) {
	opts := rules.Options{
		Select:     trimAll(r.Select),
		Ignore:     trimAll(r.Ignore),
		NoBuildKit: r.NoBuildKit,
		// Config files may add more; the flag's entries come first.
		TrustedRegistries: trimAll(r.TrustedRegistries),
	}
	for _, p := range paths {
		if p == discover.Stdin {
			opts.StdinPath = r.StdinFilename
		}
	}
	if r.Today != "" {
		day, err := time.Parse("2006-01-02", r.Today)
		if err != nil {
			return nil, &usageError{err: fmt.Errorf("invalid --today %q: use YYYY-MM-DD", r.Today), command: "dflint"}
		}
		opts.Today = day
	}
	if r.BaseFamily != "" {
		family := strings.ToLower(strings.TrimSpace(r.BaseFamily))
		if !slices.Contains(images.BaseFamilies, family) {
			return nil, &usageError{err: fmt.Errorf("invalid --base-family %q: use one of %s", r.BaseFamily, strings.Join(images.BaseFamilies, ", ")), command: "dflint"}
		}
		opts.BasePolicy.Family = family
	}
	if err := r.Registry.apply(&opts, r.update); err != nil {
		return nil, &usageError{err: err, command: "dflint"}
	}
	opts.UpdateDigests = r.update
	if r.ShellCheck {
		bin, err := exec.LookPath("shellcheck")
		if err != nil {
			fmt.Fprintln(stderr, "dflint: --shellcheck: shellcheck is not installed or not on PATH (Debian/Ubuntu: apt-get install shellcheck); going on without it")
		}
		opts.ShellCheck = bin
	}
	return rules.NewEngine(opts)
}

// targets turns the arguments into files; no argument means the current
// directory.
func (r *ruleFlags) targets(paths []string) []discover.Target {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	return discover.Targets(paths, discover.Options{StdinFilename: r.StdinFilename})
}
