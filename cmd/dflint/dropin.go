package main

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/dflint/dflint/internal/report"
	"github.com/dflint/dflint/internal/visible"
	"github.com/dflint/dflint/rules"
	"github.com/spf13/pflag"
)

// This file holds what makes dflint a drop-in for hadolint on the command
// line: hadolint's flags and spellings, and settings from the environment
// (DFLINT_*, then hadolint's HADOLINT_*).
//
// Precedence, for every setting: a flag on the command line, then its
// DFLINT_* variable, then hadolint's variable, then the config file, then
// the default. The environment is read into the flags the user did not
// give, so from there on a setting from the environment is a flag, and
// beats the config the way a flag does.

// hadolintFlags are hadolint's flags that dflint had no spelling for
// (hadolint 2.15.1, src/Hadolint/Config/Commandline.hs, read 2026-12-07).
type hadolintFlags struct {
	// NoFail is --no-fail: findings never fail the run.
	NoFail bool
	// NoColor is --no-color: --color never.
	NoColor bool
	// Levels are --error, --warning, --info and --style: rules whose
	// severity the command line sets, by level.
	Levels map[string]*[]string
	// RequireLabels are --require-label LABEL:TYPE.
	RequireLabels []string
	// StrictLabels is --strict-labels.
	StrictLabels bool
	// NoIgnoreComments is --disable-ignore-comments (hadolint's
	// --disable-ignore-pragma).
	NoIgnoreComments bool

	// fromEnv is, for each flag that the environment set, the variable
	// that set it.
	fromEnv map[string]string
	// severity and labels are the checked values of the flags above,
	// which baseOptions computes.
	severity map[string]string
	labels   map[string]string
}

// severityLevels are the levels of hadolint's --error, --warning, --info
// and --style, from the highest.
var severityLevels = []string{"error", "warning", "info", "style"}

// flagAliases are other tools' names of dflint's flags: hadolint's
// --failure-threshold is --fail-level, its --disable-ignore-pragma is
// --disable-ignore-comments (the config key's name).
var flagAliases = map[string]string{
	"failure-threshold":     "fail-level",
	"disable-ignore-pragma": "disable-ignore-comments",
}

// registerHadolint adds hadolint's flags and the aliases of dflint's.
func (r *ruleFlags) registerHadolint(f *pflag.FlagSet) {
	h := &r.hadolint
	f.BoolVar(&h.NoFail, "no-fail", false, "exit 0 whatever the findings (hadolint's --no-fail; a file that cannot be read or parsed still exits 2)")
	f.BoolVar(&h.NoColor, "no-color", false, "do not colour the text output (--color never)")
	h.Levels = map[string]*[]string{}
	for _, lv := range severityLevels {
		h.Levels[lv] = new([]string)
		f.StringSliceVar(h.Levels[lv], lv, nil, fmt.Sprintf("report this rule at severity %s (repeatable or comma-separated; beats the config's severity)", lv))
	}
	f.StringSliceVar(&h.RequireLabels, "require-label", nil, "require this label with values of this type, LABEL:TYPE (text, url, spdx, rfc3339, semver, hash, email; repeatable); added to the config's label-schema")
	f.BoolVar(&h.StrictLabels, "strict-labels", false, "report labels that are not in the label schema (DF521)")
	f.BoolVar(&h.NoIgnoreComments, "disable-ignore-comments", false, "ignore comments in the files silence nothing (hadolint's --disable-ignore-pragma)")
	normalize := f.GetNormalizeFunc()
	f.SetNormalizeFunc(func(fs *pflag.FlagSet, name string) pflag.NormalizedName {
		if to, ok := flagAliases[name]; ok {
			name = to
		}
		return normalize(fs, name)
	})
}

// envSetting is a flag that the environment can set.
type envSetting struct {
	flag string
	// hadolint is hadolint's variable for it ("" when hadolint has none).
	hadolint string
	kind     envKind
}

// envKind is how a variable's value reads.
type envKind int

const (
	envString envKind = iota
	envBool           // 1, true, yes, on (hadolint's "truthy"); anything else is false
	envList           // comma-separated
	envRules          // comma-separated rule codes; hadolint's codes that dflint lacks are skipped with a warning
	envFormat         // an output format; hadolint's names are translated
)

// envSettings are the flags the environment sets. DFLINT_ and the flag's
// name in capitals with _ for - is the variable (DFLINT_FAIL_LEVEL); the
// hadolint column is hadolint's own (hadolint 2.15.1,
// src/Hadolint/Config/Environment.hs and README "Environment variables",
// read 2026-12-07). hadolint also reads NO_COLOR, which dflint honours too.
var envSettings = []envSetting{
	{"no-fail", "HADOLINT_NOFAIL", envBool},
	{"fail-level", "HADOLINT_FAILURE_THRESHOLD", envString},
	{"format", "HADOLINT_FORMAT", envFormat},
	{"error", "HADOLINT_OVERRIDE_ERROR", envRules},
	{"warning", "HADOLINT_OVERRIDE_WARNING", envRules},
	{"info", "HADOLINT_OVERRIDE_INFO", envRules},
	{"style", "HADOLINT_OVERRIDE_STYLE", envRules},
	{"ignore", "HADOLINT_IGNORE", envRules},
	{"select", "", envRules},
	{"trusted-registry", "HADOLINT_TRUSTED_REGISTRIES", envList},
	{"require-label", "HADOLINT_REQUIRE_LABELS", envList},
	{"strict-labels", "HADOLINT_STRICT_LABELS", envBool},
	{"disable-ignore-comments", "HADOLINT_DISABLE_IGNORE_PRAGMA", envBool},
	{"no-color", "", envBool},
	{"quiet", "", envBool},
}

// hadolintOnlyEnv are hadolint's variables that have no dflint setting.
var hadolintOnlyEnv = map[string]string{
	"HADOLINT_VERBOSE": "dflint has no verbose output",
}

// hadolintFormats are hadolint's format names that mean another dflint
// format than the same name on dflint's command line: hadolint's json (an
// array of findings) is hadolint-json, since dflint's json has its own
// shape. Its other names (tty…) are report's aliases (report.Name).
var hadolintFormats = map[string]string{
	"json": "hadolint-json",
}

// envName is the DFLINT_* variable of a flag.
func envName(flag string) string {
	return "DFLINT_" + strings.ToUpper(strings.ReplaceAll(flag, "-", "_"))
}

// applyEnv sets, from the environment, each flag of f that the user did
// not give: from its DFLINT_* variable, else from hadolint's. A value
// that dflint cannot read is a usage error naming the variable.
func (r *ruleFlags) applyEnv(f *pflag.FlagSet, getenv func(string) string, stderr io.Writer) error {
	h := &r.hadolint
	if h.fromEnv != nil {
		return nil // read once per run
	}
	h.fromEnv = map[string]string{}
	var errs []error
	for _, s := range envSettings {
		fl := f.Lookup(s.flag)
		if fl == nil || fl.Changed {
			continue
		}
		name, val, fromHadolint := envName(s.flag), getenv(envName(s.flag)), false
		if val == "" && s.hadolint != "" {
			name, val, fromHadolint = s.hadolint, getenv(s.hadolint), true
		}
		if val == "" {
			continue
		}
		v, err := envValue(s.kind, val, fromHadolint, func(msg string) {
			fmt.Fprintf(stderr, "dflint: warning: %s: %s\n", name, msg)
		})
		if err == nil && v != "" {
			err = f.Set(s.flag, v)
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("%s=%s: %w", name, visible.String(val), err))
			continue
		}
		h.fromEnv[s.flag] = name
	}
	for name, why := range hadolintOnlyEnv {
		if getenv(name) != "" {
			fmt.Fprintf(stderr, "dflint: warning: %s is set but not read: %s\n", name, why)
		}
	}
	return errors.Join(errs...)
}

// envValue turns a variable's value into the flag's value; "" sets
// nothing.
func envValue(kind envKind, val string, fromHadolint bool, warn func(string)) (string, error) {
	switch kind {
	case envBool:
		switch strings.ToLower(strings.TrimSpace(val)) {
		case "1", "y", "yes", "on", "true":
			return "true", nil
		case "0", "n", "no", "off", "false":
			return "false", nil
		}
		if fromHadolint {
			return "false", nil // hadolint reads anything but a truthy value as false
		}
		return "", fmt.Errorf("use true or false (or 1 or 0)")
	case envRules:
		if !fromHadolint {
			// An unknown rule is an error, as on the command line: said
			// here, so that the message names the variable.
			for _, code := range strings.Split(val, ",") {
				if code = strings.TrimSpace(code); code != "" {
					if _, err := rules.Resolve(code); err != nil {
						return "", err
					}
				}
			}
			return val, nil
		}
		// A code of hadolint's that dflint has no rule for is skipped, as
		// in a .hadolint.yaml: the setting was made for hadolint.
		var keep []string
		for _, code := range strings.Split(val, ",") {
			if code = strings.TrimSpace(code); code == "" {
				continue
			}
			if _, err := rules.Resolve(code); err != nil {
				warn(fmt.Sprintf("dflint has no rule for %s; skipped (`dflint rules` lists what it has)", code))
				continue
			}
			keep = append(keep, code)
		}
		return strings.Join(keep, ","), nil
	case envFormat:
		if !fromHadolint {
			return val, nil
		}
		names := strings.Split(val, ",")
		if len(names) > 1 {
			return "", fmt.Errorf("dflint reads one format from HADOLINT_FORMAT: give --format")
		}
		name := strings.TrimSpace(names[0])
		if to, ok := hadolintFormats[name]; ok {
			name = to
		} else {
			name = report.Name(name)
		}
		if !slices.Contains(report.Formats(), name) {
			return "", fmt.Errorf("dflint has no format for hadolint's %q: use one of %s", val, strings.Join(report.Formats(), ", "))
		}
		return name, nil
	}
	return val, nil
}

// layer is where a flag's value came from, from the weakest: not given,
// hadolint's variable, a DFLINT_* variable, the command line.
func (r *ruleFlags) layer(flag string) int {
	if !r.changed(flag) {
		return 0
	}
	switch v := r.hadolint.fromEnv[flag]; {
	case v == "":
		return 3
	case strings.HasPrefix(v, "DFLINT_"):
		return 2
	}
	return 1
}

// envErr says, in an error about a flag's value, which variable gave the
// value when the environment did.
func (r *ruleFlags) envErr(flag string, err error) error {
	if v := r.hadolint.fromEnv[flag]; v != "" && err != nil {
		return fmt.Errorf("%s=%s: %w", v, visible.String(r.set.Lookup(flag).Value.String()), err)
	}
	return err
}

// source names where a flag's value came from, for messages.
func (r *ruleFlags) source(flag string) string {
	if v := r.hadolint.fromEnv[flag]; v != "" {
		return v
	}
	return "--" + flag
}

// checkHadolint checks the values of hadolint's flags and computes the
// severity overrides and label schema they give.
func (r *ruleFlags) checkHadolint() error {
	h := &r.hadolint
	// --error, --warning, --info and --style: for each rule (or part of a
	// rule, FromAsCasing of DF511), the strongest layer that names it
	// decides; in one layer, two levels for one rule are a mistake.
	type given struct {
		name, level, source string
		layer               int
		targets             []string // rule IDs, with the part named
	}
	var all []given
	for _, lv := range severityLevels {
		layer := r.layer(lv)
		for _, name := range trimAll(*h.Levels[lv]) {
			rs, err := rules.Resolve(name)
			if err != nil {
				return fmt.Errorf("%s: %w", r.source(lv), err)
			}
			g := given{name: name, level: lv, source: r.source(lv), layer: layer}
			for _, rule := range rs {
				g.targets = append(g.targets, rule.ID+"/"+rule.Part(name))
			}
			all = append(all, g)
		}
	}
	strongest := map[string]given{}
	for _, g := range all {
		for _, t := range g.targets {
			prev, ok := strongest[t]
			if ok && prev.layer == g.layer && prev.level != g.level {
				return fmt.Errorf("%s is given two severities, %s (%s %s) and %s (%s %s): keep one", g.name, prev.level, prev.source, prev.name, g.level, g.source, g.name)
			}
			if !ok || g.layer > prev.layer {
				strongest[t] = g
			}
		}
	}
	h.severity = nil
	for _, g := range all {
		// A name is kept unless a stronger layer names one of its rules
		// (a rule dflint does not cover, like DL3017, changes nothing).
		keep := true
		for _, t := range g.targets {
			keep = keep && strongest[t].layer == g.layer
		}
		if keep && len(g.targets) > 0 {
			if h.severity == nil {
				h.severity = map[string]string{}
			}
			h.severity[g.name] = g.level
		}
	}
	h.labels = nil
	for _, spec := range trimAll(h.RequireLabels) {
		key, typ, _ := strings.Cut(spec, ":")
		if key = strings.TrimSpace(key); key == "" {
			return fmt.Errorf("%s %q: give LABEL:TYPE, like maintainer:text", r.source("require-label"), spec)
		}
		t, err := rules.ParseLabelType(strings.TrimSpace(typ))
		if err != nil {
			return fmt.Errorf("%s %q: %w", r.source("require-label"), spec, err)
		}
		if h.labels == nil {
			h.labels = map[string]string{}
		}
		h.labels[key] = string(t)
	}
	return nil
}

// failLevelGiven is the fail level the command line and the environment
// give ("" when neither does): --no-fail beats --fail-level given in the
// same layer or a weaker one, as hadolint's --no-fail beats its threshold.
func (r *ruleFlags) failLevelGiven() string {
	if r.hadolint.NoFail && r.layer("no-fail") >= r.layer("fail-level") {
		return "none"
	}
	if r.changed("fail-level") {
		return r.FailLevel
	}
	return ""
}

// colorMode is --color, with --no-color.
func (r *ruleFlags) colorMode() string {
	if r.hadolint.NoColor {
		return "never"
	}
	return r.Color
}

// boolGiven is a boolean flag's value when the command line or the
// environment gave it, else nil (the config decides).
func (r *ruleFlags) boolGiven(flag string, v bool) *bool {
	if !r.changed(flag) {
		return nil
	}
	return &v
}
