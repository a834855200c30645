package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"
	"time"

	"github.com/containerd/platforms"
	"github.com/dflint/dflint/internal/config"
	"github.com/dflint/dflint/internal/discover"
	"github.com/dflint/dflint/rules"
	"github.com/spf13/pflag"
)

// ruleFlags are the flags that lint and fix share: which rules run, what
// fails the run, how the report looks, and how standard input is named.
type ruleFlags struct {
	// Outputs are --format, -o/--output and --output.FORMAT.path: the
	// reports to write and where.
	Outputs       outputFlags
	ConfigFile    string
	NoConfig      bool
	BaseFamily    string
	FailLevel     string
	Select        []string
	Ignore        []string
	Color         string
	NoBuildKit    bool
	ShellCheck    bool
	StdinFilename string
	// FollowSymlinks is which symbolic links files are read through:
	// inside (the default), all or none (discover.SymlinkPolicy).
	FollowSymlinks string
	Today          string
	// TrustedRegistries are the registries DF107 accepts images from.
	TrustedRegistries []string
	// Registry says whether rules may ask image registries.
	Registry registryFlags
	// Build is the platform and build arguments the files are built with.
	Build buildFlags
	// update makes DF103 check pinned digests and ask registries afresh
	// (dflint pin --update).
	update bool
	// Quiet (-q) leaves out the summary line; Statistics prints a count per
	// rule instead of the findings. lint has them.
	Quiet      bool
	Statistics bool
	// hadolint are hadolint's flags (dropin.go).
	hadolint hadolintFlags
	// getenv reads the environment (DFLINT_*, HADOLINT_*); nil is
	// os.Getenv.
	getenv func(string) string

	// set tells which flags the user gave: those beat the config.
	set *pflag.FlagSet
}

// register adds the flags; failLevelHelp says what --fail-level judges in
// the command at hand.
func (r *ruleFlags) register(f *pflag.FlagSet, failLevelHelp string) {
	r.set = f
	r.Outputs.register(f, "output format")
	f.StringVarP(&r.ConfigFile, "config", "c", "", "read settings from this file for every file, instead of the .dflint.yaml (or .hadolint.yaml) found above each one")
	f.BoolVar(&r.NoConfig, "no-config", false, "read no config file: only the command line and the defaults count")
	f.StringVarP(&r.FailLevel, "fail-level", "t", "warning", failLevelHelp+": error, warning, info, style, or none (beats the config's fail-level; hadolint's -t/--failure-threshold, whose ignore is none)")
	f.StringSliceVar(&r.Select, "select", nil, "run only these rules (comma-separated IDs, names or aliases such as DL3006 or JSONArgsRecommended); opt-in rules run when selected; replaces the config's select")
	f.StringSliceVar(&r.Ignore, "ignore", nil, "never run these rules (comma-separated IDs, names or aliases); added to the config's ignore")
	f.StringVar(&r.BaseFamily, "base-family", "", "the base images DF104 and DF105 move to: "+strings.Join(config.Families, ", ")+" (default: the config's base-family, else slim variants; distroless or chainguard turns the opt-in DF105 on)")
	f.StringVar(&r.Color, "color", "auto", "colour the text output: auto (when stdout is a terminal and NO_COLOR is unset), always, never")
	f.BoolVar(&r.NoBuildKit, "no-buildkit", false, "skip BuildKit's build checks (faster; dflint's own rules still run)")
	f.BoolVar(&r.ShellCheck, "shellcheck", false, "also run ShellCheck (the shellcheck binary on PATH) on every RUN and report its SCxxxx findings")
	f.StringVar(&r.Today, "today", os.Getenv("DFLINT_TODAY"), "judge end-of-life dates as of this day, YYYY-MM-DD (default: today, or $DFLINT_TODAY)")
	f.StringSliceVar(&r.TrustedRegistries, "trusted-registry", nil, "accept images only from this registry (host[:port], a pattern like * or *.domain, or a host/path prefix; repeatable or comma-separated); DF107 reports the others; added to the config's trusted-registries")
	f.StringVar(&r.StdinFilename, "stdin-filename", "Dockerfile", "the path standard input (-) is reported under")
	r.Build.register(f)
	r.registerSymlinks(f)
	r.registerHadolint(f)
}

// registerSymlinks adds --follow-symlinks, which every command that finds
// files by discover takes.
func (r *ruleFlags) registerSymlinks(f *pflag.FlagSet) {
	f.StringVar(&r.FollowSymlinks, "follow-symlinks", "inside", "which symbolic links to Dockerfiles to follow, named or found in a directory: inside (only those that lead to a file inside the git work tree, else the directory, being linted), all, or none; a link not followed is an error (exit 2) and its target is never read")
}

// engine builds the engine of the command line alone, with no config file
// (for dflint lsp).
func (r *ruleFlags) engine(stderr io.Writer, paths []string) (*rules.Engine, error) {
	opts, err := r.baseOptions(stderr, "dflint", paths)
	if err != nil {
		return nil, err
	}
	fl := r.configFlags()
	return rules.NewEngine((&config.Config{}).RuleOptions(opts, fl))
}

// baseOptions are the engine options the flags give before any config is
// merged in. A missing shellcheck binary is said once, on stderr, and the
// run goes on without it.
func (r *ruleFlags) baseOptions(stderr io.Writer, command string, paths []string) (rules.Options, error) {
	if err := r.settle(stderr, command); err != nil {
		return rules.Options{}, err
	}
	opts := rules.Options{
		NoBuildKit: r.NoBuildKit,
		// Config files may add more; the flag's entries come first.
		TrustedRegistries: trimAll(r.TrustedRegistries),
	}
	for _, p := range paths {
		if p == discover.Stdin {
			opts.StdinPath = r.StdinFilename
		}
	}
	if r.ConfigFile != "" && r.NoConfig {
		return opts, &usageError{err: fmt.Errorf("--config and --no-config do not go together"), command: command}
	}
	if r.changed("fail-level") {
		if _, err := parseFailLevel(r.FailLevel); err != nil {
			return opts, &usageError{err: r.envErr("fail-level", err), command: command}
		}
	}
	if r.BaseFamily != "" && !slices.Contains(config.Families, strings.ToLower(strings.TrimSpace(r.BaseFamily))) {
		return opts, &usageError{err: fmt.Errorf("invalid --base-family %q: use one of %s", r.BaseFamily, strings.Join(config.Families, ", ")), command: command}
	}
	if _, err := r.symlinkPolicy(); err != nil {
		return opts, &usageError{err: err, command: command}
	}
	if r.Today != "" {
		day, err := time.Parse("2006-01-02", r.Today)
		if err != nil {
			return opts, &usageError{err: fmt.Errorf("invalid --today %q: use YYYY-MM-DD", r.Today), command: command}
		}
		opts.Today = day
	}
	build, err := r.Build.build()
	if err != nil {
		return opts, &usageError{err: err, command: command}
	}
	opts.Build = build
	if build.Platform.OS != "" {
		// Online, images are read (and DF103 pins digests) for the
		// build's platform, as `dflint pin --platform` does.
		r.Registry.Platform = platforms.Format(build.Platform)
	}
	if err := r.Registry.apply(&opts, r.update); err != nil {
		return opts, &usageError{err: err, command: command}
	}
	opts.UpdateDigests = r.update
	if r.ShellCheck {
		bin, err := exec.LookPath("shellcheck")
		if err != nil {
			fmt.Fprintln(stderr, "dflint: --shellcheck: shellcheck is not installed or not on PATH (Debian/Ubuntu: apt-get install shellcheck); going on without it")
		}
		opts.ShellCheck = bin
	}
	return opts, nil
}

// settle reads the environment into the flags the user did not give and
// checks hadolint's flags. Commands call it before reading any flag that
// the environment can set; it reads the environment once.
func (r *ruleFlags) settle(stderr io.Writer, command string) error {
	getenv := r.getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	if r.set != nil {
		if err := r.applyEnv(r.set, getenv, stderr); err != nil {
			return &usageError{err: err, command: command}
		}
	}
	if r.hadolint.Levels != nil {
		if err := r.checkHadolint(); err != nil {
			return &usageError{err: err, command: command}
		}
	}
	return nil
}

// changed tells whether the user gave the flag.
func (r *ruleFlags) changed(name string) bool {
	return r.set != nil && r.set.Changed(name)
}

// configFlags are the flags that beat a config's settings: only those the
// user gave.
func (r *ruleFlags) configFlags() config.Flags {
	var fl config.Flags
	// A command may set Select itself (pin runs its three rules).
	if r.changed("select") || r.Select != nil {
		fl.Select = trimAll(r.Select)
		if fl.Select == nil {
			fl.Select = []string{}
		}
	}
	fl.Ignore = trimAll(r.Ignore)
	fl.FailLevel = r.failLevelGiven()
	fl.BaseFamily = strings.ToLower(strings.TrimSpace(r.BaseFamily))
	fl.Severity = r.hadolint.severity
	fl.LabelSchema = r.hadolint.labels
	fl.StrictLabels = r.boolGiven("strict-labels", r.hadolint.StrictLabels)
	fl.NoIgnoreComments = r.boolGiven("disable-ignore-comments", r.hadolint.NoIgnoreComments)
	return fl
}

// defaultFailLevel is the fail level of files whose config was not read.
func (r *ruleFlags) defaultFailLevel() rules.Severity {
	name := r.failLevelGiven()
	if name == "" {
		name = r.FailLevel
	}
	lv, err := parseFailLevel(name)
	if err != nil {
		return rules.Warning
	}
	return lv
}

// targets turns the arguments into files; no argument means the current
// directory. What discovery could not do (ask git what .gitignore
// excludes) is said on stderr, once.
func (r *ruleFlags) targets(paths []string, stderr io.Writer) []discover.Target {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	// baseOptions has checked the flag: an error cannot happen here.
	policy, _ := r.symlinkPolicy()
	warn := func(msg string) { fmt.Fprintln(stderr, "dflint: "+msg) }
	return discover.Targets(paths, discover.Options{StdinFilename: r.StdinFilename, Symlinks: policy, Warn: warn})
}

// symlinkPolicy reads --follow-symlinks; empty (a command without the
// flag) is the default.
func (r *ruleFlags) symlinkPolicy() (discover.SymlinkPolicy, error) {
	if r.FollowSymlinks == "" {
		return discover.FollowInside, nil
	}
	return discover.ParseSymlinkPolicy(r.FollowSymlinks)
}
