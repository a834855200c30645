// Package config reads dflint's configuration: a .dflint.yaml found by
// walking up from each linted file to the repository root, or the file
// given with --config. When a file has no dflint config, a .hadolint.yaml
// found the same way is read instead, translated into dflint's settings, so
// that a team can switch without rewriting its config first.
//
// The package only reads and validates; the commands merge a Config with
// their flags (flags win) and build one rule engine per config.
package config

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/containerd/platforms"
	"github.com/dflint/dflint/internal/images"
	"github.com/dflint/dflint/internal/registry"
	"github.com/dflint/dflint/parser"
	"github.com/dflint/dflint/rewrite"
	"github.com/dflint/dflint/rules"
	"github.com/distribution/reference"
	"github.com/moby/patternmatcher"
	"go.yaml.in/yaml/v3"
)

// Kind says which tool's format a config file is in.
type Kind string

const (
	// KindNone is the empty config of a file that has no config file.
	KindNone Kind = ""
	// KindDflint is a .dflint.yaml.
	KindDflint Kind = "dflint"
	// KindHadolint is a .hadolint.yaml, read when no dflint config exists.
	KindHadolint Kind = "hadolint"
)

// Config is one config file's settings, in dflint's terms (a hadolint
// config is translated on load). The yaml tags are the keys of
// .dflint.yaml, so that a Config marshals back into a valid .dflint.yaml
// (`dflint config` prints it that way).
type Config struct {
	// Select, when not empty, runs only these rules (IDs, names or aliases).
	Select []string `yaml:"select,omitempty"`
	// Enable turns on opt-in rules, on top of the default set.
	Enable []string `yaml:"enable,omitempty"`
	// Ignore never runs these rules.
	Ignore []string `yaml:"ignore,omitempty"`
	// Severity overrides rules' severities: error, warning, info, style,
	// or off.
	Severity map[string]string `yaml:"severity,omitempty"`
	// FailLevel is the lowest severity that fails the run (or "none").
	FailLevel string `yaml:"fail-level,omitempty"`
	// BaseFamily is rules.BasePolicy.Family.
	BaseFamily string `yaml:"base-family,omitempty"`
	// BaseImages is rules.BasePolicy.Overrides: image repository → family
	// or full image reference.
	BaseImages map[string]string `yaml:"base-images,omitempty"`
	// ChainguardRegistry is rules.BasePolicy.Chainguard.
	ChainguardRegistry string `yaml:"chainguard-registry,omitempty"`
	// Pin is the pinning policy of base images: "digest" turns DF103 on
	// (rules.Options.PinDigests); "" is none.
	Pin string `yaml:"pin,omitempty"`
	// TrustedRegistries are the only registries DF107 accepts.
	TrustedRegistries []string `yaml:"trusted-registries,omitempty"`
	// RegistryMirrors maps a registry to the mirrors that online look-ups
	// try in order before it: registry.Options.Mirrors.
	RegistryMirrors map[string][]string `yaml:"registry-mirrors,omitempty"`
	// LabelSchema is rules.Options.LabelSchema: label key → type (text,
	// url, spdx, rfc3339, semver, hash or email), as in hadolint.
	LabelSchema map[string]string `yaml:"label-schema,omitempty"`
	// StrictLabels is rules.Options.StrictLabels.
	StrictLabels bool `yaml:"strict-labels,omitempty"`
	// NoIgnoreComments is rules.Options.NoIgnoreComments: ignore comments
	// in the files silence nothing (hadolint's disable-ignore-pragma).
	NoIgnoreComments bool `yaml:"disable-ignore-comments,omitempty"`
	// IgnorePaths are .dockerignore-style patterns of files not to lint,
	// relative to the config file's directory.
	IgnorePaths []string `yaml:"ignore-paths,omitempty"`
	// Platform is the platform the files are built for (--platform):
	// rules.Options.Build.Platform, normalised ("linux/arm/v7").
	Platform string `yaml:"platform,omitempty"`
	// BuildArgs are build arguments by name (--build-arg):
	// rules.Options.Build.Args.
	BuildArgs map[string]string `yaml:"build-args,omitempty"`

	// Path is the file the config was read from, as it is shown to the
	// user; "" for the empty config.
	Path string `yaml:"-"`
	// Kind is the file's format.
	Kind Kind `yaml:"-"`
	// UserLevel is set for a config from the user's home (UserConfigs),
	// read because no project config governs the file.
	UserLevel bool `yaml:"-"`
	// Warnings are settings that were read but have no effect (hadolint
	// keys that dflint does not have), each "file:line:col: message".
	Warnings []string `yaml:"-"`

	// root is the absolute directory IgnorePaths are relative to.
	root    string
	ignorer *patternmatcher.PatternMatcher
}

// Names of the config files, in the order they are looked for.
var (
	DflintNames   = []string{".dflint.yaml", ".dflint.yml"}
	HadolintNames = []string{".hadolint.yaml", ".hadolint.yml"}
)

// Families are the base-image families of base-family (rules.BasePolicy).
var Families = images.BaseFamilies

// PinPolicies are the values of pin: what a team requires of every FROM
// image. Only digests need a setting: a tag is what DF101 and DF102
// already ask of every image.
var PinPolicies = []string{PinDigest}

// PinDigest requires every base image to name its digest (DF103).
const PinDigest = "digest"

// dflintKeys are .dflint.yaml's top-level keys.
var dflintKeys = []string{
	"select", "enable", "ignore", "severity", "fail-level",
	"base-family", "base-images", "chainguard-registry", "pin",
	"trusted-registries", "registry-mirrors", "ignore-paths",
	"label-schema", "strict-labels",
	"disable-ignore-comments",
	"platform", "build-args",
}

// dflintHints point other tools' spellings at dflint's keys.
var dflintHints = map[string]string{
	"ignored":               "ignore",
	"disable":               "ignore",
	"exclude":               "ignore-paths",
	"extend-select":         "enable",
	"override":              "severity",
	"severities":            "severity",
	"failure-threshold":     "fail-level",
	"fail_level":            "fail-level",
	"failLevel":             "fail-level",
	"trustedRegistries":     "trusted-registries",
	"trusted_registries":    "trusted-registries",
	"mirrors":               "registry-mirrors",
	"ignore_paths":          "ignore-paths",
	"ignorePaths":           "ignore-paths",
	"base_family":           "base-family",
	"baseFamily":            "base-family",
	"labelSchema":           "label-schema",
	"label_schema":          "label-schema",
	"labels":                "label-schema",
	"strictLabels":          "strict-labels",
	"strict_labels":         "strict-labels",
	"disable-ignore-pragma": "disable-ignore-comments",
	"build-arg":             "build-args",
	"build_args":            "build-args",
	"buildArgs":             "build-args",
	"platforms":             "platform",
}

// Load reads a config file. Its format follows its name: a name containing
// "hadolint" is read as hadolint's, anything else as dflint's. display is
// how the file is named in messages; root is the directory ignore-paths are
// relative to ("" for the file's own directory).
func Load(path, display, root string) (*Config, error) {
	kind := KindDflint
	if strings.Contains(strings.ToLower(filepath.Base(path)), "hadolint") {
		kind = KindHadolint
	}
	return LoadKind(path, display, root, kind)
}

// LoadKind reads a config file in the format kind says (hadolint's
// ~/.hadolint/config.yaml does not have its name in its own).
func LoadKind(path, display, root string, kind Kind) (*Config, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		if pe, ok := err.(*os.PathError); ok {
			err = pe.Err
		}
		return nil, &Error{File: display, Msg: fmt.Sprintf("cannot read config: %v", err)}
	}
	if root == "" {
		root = filepath.Dir(path)
	}
	if abs, err := filepath.Abs(root); err == nil {
		root = abs
	}
	return Parse(src, display, kind, root)
}

// Parse reads a config from its bytes. Every problem is reported, each as
// an *Error with its line; the error returned joins them.
func Parse(src []byte, display string, kind Kind, root string) (*Config, error) {
	d := &decoder{file: display}
	c := &Config{Path: display, Kind: kind, root: root}
	if m := d.parseDocument(src); m != nil {
		if kind == KindHadolint {
			c.parseHadolint(d, m)
		} else {
			c.parseDflint(d, m)
		}
	}
	if err := d.err(); err != nil {
		return nil, err
	}
	c.Warnings = d.warnings
	if len(c.IgnorePaths) > 0 {
		// Patterns were checked one by one in parse; this cannot fail.
		pm, err := patternmatcher.New(c.IgnorePaths)
		if err != nil {
			return nil, &Error{File: display, Msg: err.Error()}
		}
		c.ignorer = pm
	}
	return c, nil
}

func (c *Config) parseDflint(d *decoder, m *yaml.Node) {
	for _, f := range d.fields(m) {
		switch f.key {
		case "select":
			c.Select = ruleList(d, f, false)
		case "enable":
			c.Enable = ruleList(d, f, false)
		case "ignore":
			c.Ignore = ruleList(d, f, false)
		case "severity":
			for _, e := range d.mapping(f) {
				if !checkRule(d, e.key, e.keyN, false) {
					continue
				}
				if _, err := rules.ParseSeverity(e.value); err != nil {
					d.errorf(e.valN, "severity of %s: unknown severity %q: use error, warning, info, style or off", e.key, e.value)
					continue
				}
				if c.Severity == nil {
					c.Severity = map[string]string{}
				}
				c.Severity[e.key] = strings.ToLower(e.value)
			}
		case "fail-level":
			if v, ok := d.scalar(f); ok {
				if lv, ok := failLevel(v); ok {
					c.FailLevel = lv
				} else {
					d.errorf(f.value, "unknown fail-level %q: use error, warning, info, style or none", v)
				}
			}
		case "base-family":
			if v, ok := d.scalar(f); ok {
				if isFamily(v) {
					c.BaseFamily = strings.ToLower(v)
				} else {
					d.errorf(f.value, "unknown base-family %q: use %s", v, strings.Join(Families, ", "))
				}
			}
		case "base-images":
			for _, e := range d.mapping(f) {
				if named, err := reference.ParseNormalizedNamed(e.key); err != nil || !reference.IsNameOnly(named) {
					d.errorf(e.keyN, "base-images: %q is not an image repository as written in FROM (like python or ghcr.io/acme/base, without a tag)", e.key)
					continue
				}
				v := e.value
				if isFamily(v) {
					v = strings.ToLower(v)
				} else if _, err := reference.ParseNormalizedNamed(v); err != nil {
					d.errorf(e.valN, "base-images.%s: %q is neither a family (%s) nor an image reference", e.key, e.value, strings.Join(Families, ", "))
					continue
				}
				if c.BaseImages == nil {
					c.BaseImages = map[string]string{}
				}
				c.BaseImages[e.key] = v
			}
		case "chainguard-registry":
			if v, ok := d.scalar(f); ok {
				v = strings.TrimSuffix(v, "/")
				if named, err := reference.ParseNormalizedNamed(v); err != nil || !reference.IsNameOnly(named) {
					d.errorf(f.value, "chainguard-registry %q is not a registry and organisation like cgr.dev/acme", v)
				} else {
					c.ChainguardRegistry = v
				}
			}
		case "platform":
			if v, ok := d.scalar(f); ok {
				if strings.Contains(v, ",") {
					d.errorf(f.value, "platform %q: give one platform; to check several, run dflint once for each with --platform", v)
				} else if p, err := parser.ParsePlatform(v); err != nil {
					d.errorf(f.value, "%v", err)
				} else {
					c.Platform = platforms.FormatAll(p)
				}
			}
		case "build-args":
			for _, e := range d.mapping(f) {
				if e.key == "" {
					d.errorf(e.keyN, "build-args: a build argument needs a name")
					continue
				}
				if c.BuildArgs == nil {
					c.BuildArgs = map[string]string{}
				}
				c.BuildArgs[e.key] = e.value
			}
		case "pin":
			if v, ok := d.scalar(f); ok {
				if p := strings.ToLower(v); slices.Contains(PinPolicies, p) {
					c.Pin = p
				} else {
					d.errorf(f.value, "unknown pin policy %q: use %s (every FROM image pinned to its @sha256: digest, reported by DF103); tags need no setting", v, strings.Join(PinPolicies, ", "))
				}
			}
		case "trusted-registries":
			for _, it := range d.list(f) {
				if reg, ok := registryName(d, it, "trusted-registries"); ok {
					c.TrustedRegistries = append(c.TrustedRegistries, reg)
				}
			}
		case "registry-mirrors":
			c.parseMirrors(d, f)
		case "label-schema", "strict-labels":
			c.parseLabelSetting(d, f)
		case "disable-ignore-comments":
			if v, ok := d.boolean(f); ok {
				c.NoIgnoreComments = v
			}
		case "ignore-paths":
			for _, it := range d.list(f) {
				if filepath.IsAbs(it.value) || strings.HasPrefix(it.value, "/") {
					d.errorf(it.node, "ignore-paths: %q is absolute: write it relative to the config file's directory", it.value)
					continue
				}
				if _, err := patternmatcher.New([]string{it.value}); err != nil {
					d.errorf(it.node, "ignore-paths: %q is not a valid pattern: %v", it.value, err)
					continue
				}
				c.IgnorePaths = append(c.IgnorePaths, it.value)
			}
		default:
			d.unknownKey(f, dflintKeys, dflintHints)
		}
	}
}

// parseMirrors reads registry-mirrors: each registry maps to one mirror or
// a list of them, checked as --registry-mirror checks them.
func (c *Config) parseMirrors(d *decoder, f field) {
	if f.value.Kind == yaml.ScalarNode && f.value.Tag == "!!null" {
		return
	}
	if f.value.Kind != yaml.MappingNode {
		d.errorf(f.value, "registry-mirrors must be a mapping of registry to mirror (docker.io: mirror.gcr.io), not a %s", kindName(f.value))
		return
	}
	for _, sub := range d.fields(f.value) {
		reg, ok := registryName(d, item{sub.key, sub.keyN}, "registry-mirrors")
		if !ok {
			continue
		}
		sub.key = "registry-mirrors." + sub.key
		items := d.list(sub)
		if len(items) == 0 && sub.value.Kind != yaml.MappingNode {
			d.errorf(sub.value, "%s: the mirror is empty", sub.key)
			continue
		}
		for _, it := range items {
			if _, _, err := registry.ParseMirror(reg + "=" + it.value); err != nil {
				d.errorf(it.node, "%s: %s", sub.key, strings.TrimPrefix(err.Error(), "invalid registry mirror "+strconv.Quote(reg+"="+it.value)+": "))
				continue
			}
			if c.RegistryMirrors == nil {
				c.RegistryMirrors = map[string][]string{}
			}
			c.RegistryMirrors[reg] = append(c.RegistryMirrors[reg], it.value)
		}
	}
}

// parseLabelSetting reads label-schema or strict-labels, which
// .dflint.yaml and .hadolint.yaml spell and mean the same way.
func (c *Config) parseLabelSetting(d *decoder, f field) {
	if f.key == "label-schema" {
		c.parseLabelSchema(d, f)
		return
	}
	if v, ok := d.boolean(f); ok {
		c.StrictLabels = v
	}
}

// parseLabelSchema reads label-schema: each label key maps to the type its
// value must have (hadolint's types; an empty type is text).
func (c *Config) parseLabelSchema(d *decoder, f field) {
	for _, e := range d.mapping(f) {
		if e.key == "" {
			d.errorf(e.keyN, "label-schema: a label key is empty")
			continue
		}
		t, err := rules.ParseLabelType(e.value)
		if err != nil {
			d.errorf(e.valN, "label-schema.%s: %v", e.key, err)
			continue
		}
		if c.LabelSchema == nil {
			c.LabelSchema = map[string]string{}
		}
		c.LabelSchema[e.key] = string(t)
	}
}

// ruleList reads a list of rule names, each checked against the registry.
// lenient (for hadolint's files) turns unknown names into warnings.
func ruleList(d *decoder, f field, lenient bool) []string {
	var out []string
	for _, it := range d.list(f) {
		if checkRule(d, it.value, it.node, lenient) {
			out = append(out, it.value)
		}
	}
	return out
}

// checkRule tells whether a name resolves to rules; when it does not, it
// is an error (or, lenient, a warning that the name is skipped).
func checkRule(d *decoder, name string, n *yaml.Node, lenient bool) bool {
	if _, err := rules.Resolve(name); err == nil {
		return true
	}
	if lenient {
		d.warnf(n, "dflint has no rule for %s; skipped (`dflint rules` lists what it has)", name)
		return false
	}
	d.errorf(n, "unknown rule %q: run `dflint rules` for the list", name)
	return false
}

// registryName checks a registry host (with an optional path prefix, like
// ghcr.io/acme): no scheme, no blanks.
func registryName(d *decoder, it item, key string) (string, bool) {
	v := strings.TrimSuffix(it.value, "/")
	if i := strings.Index(v, "://"); i >= 0 {
		d.errorf(it.node, "%s: %q has a scheme: write the registry as in an image reference (%s)", key, it.value, v[i+3:])
		return "", false
	}
	if v == "" || strings.ContainsAny(v, " \t") {
		d.errorf(it.node, "%s: %q is not a registry name like docker.io or ghcr.io/acme", key, it.value)
		return "", false
	}
	return v, true
}

func failLevel(v string) (string, bool) {
	v = strings.ToLower(v)
	switch v {
	case "none":
		return v, true
	case "off":
		return "none", true
	}
	if sev, err := rules.ParseSeverity(v); err == nil && sev != rules.Off {
		return v, true
	}
	return "", false
}

func isFamily(v string) bool {
	for _, f := range Families {
		if strings.EqualFold(v, f) {
			return true
		}
	}
	return false
}

// IgnoresPath tells whether path (absolute, or relative to the working
// directory) is matched by the config's ignore-paths. Paths outside the
// config's directory never are.
func (c *Config) IgnoresPath(path string) bool {
	if c == nil || c.ignorer == nil {
		return false
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return false
	}
	rel, err := filepath.Rel(c.root, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return false
	}
	ok, err := c.ignorer.MatchesOrParentMatches(filepath.ToSlash(rel))
	return err == nil && ok
}

// Flags are the command-line settings that a config can also give. A flag
// the user gave beats the config; nil or "" means "not given".
type Flags struct {
	Select     []string
	Ignore     []string
	FailLevel  string
	BaseFamily string
	// Severity sets rules' severities (--error, --warning, --info,
	// --style), over the config's severity.
	Severity map[string]string
	// LabelSchema adds to the config's label-schema (--require-label); a
	// key given in both takes the flag's type.
	LabelSchema map[string]string
	// StrictLabels and NoIgnoreComments replace the config's value when
	// set (--strict-labels, --disable-ignore-comments).
	StrictLabels     *bool
	NoIgnoreComments *bool
}

// RuleOptions merges the config with the flags into the engine's options
// (base, the options the flags give, is copied and completed). The command
// line wins: --select replaces the config's select, and a rule it names runs
// even if the config ignores it; --ignore and --trusted-registry add to the
// config's lists.
func (c *Config) RuleOptions(base rules.Options, fl Flags) rules.Options {
	opts := base
	if c == nil {
		c = &Config{}
	}
	cliSelected := map[*rules.Rule]bool{}
	for _, k := range fl.Select {
		rs, _ := rules.Resolve(k) // unknown names fail in rules.NewEngine
		for _, r := range rs {
			cliSelected[r] = true
		}
	}
	keep := func(name string) bool {
		rs, _ := rules.Resolve(name)
		for _, r := range rs {
			if cliSelected[r] {
				return false
			}
		}
		return true
	}

	if fl.Select != nil {
		opts.Select = append([]string(nil), fl.Select...)
	} else {
		opts.Select = append([]string(nil), c.Select...)
	}
	opts.Ignore = nil
	for _, k := range c.Ignore {
		if keep(k) {
			opts.Ignore = append(opts.Ignore, k)
		}
	}
	opts.Ignore = append(opts.Ignore, fl.Ignore...)

	sev := map[string]rules.Severity{}
	// enable: an opt-in rule runs at its own severity, like a severity
	// override that names it.
	for _, k := range c.Enable {
		rs, _ := rules.Resolve(k)
		for _, r := range rs {
			sev[r.ID] = r.Severity
		}
	}
	// The config's severities, then the command line's over them.
	for _, levels := range []map[string]string{c.Severity, fl.Severity} {
		keys := make([]string, 0, len(levels))
		for k := range levels {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			s, _ := rules.ParseSeverity(levels[k])
			if s == rules.Off && !keep(k) {
				continue // --select brings it back at its default severity
			}
			rs, _ := rules.Resolve(k)
			for _, r := range rs {
				// A name of one part of a rule (FromAsCasing of DF511) keeps
				// naming that part only.
				if r.Part(k) != "" {
					sev[k] = s
				} else {
					sev[r.ID] = s
				}
			}
		}
	}
	if len(sev) > 0 {
		opts.Severity = sev
	}

	if len(c.LabelSchema)+len(fl.LabelSchema) > 0 {
		opts.LabelSchema = map[string]rules.LabelType{}
		for _, schema := range []map[string]string{c.LabelSchema, fl.LabelSchema} {
			for k, t := range schema {
				opts.LabelSchema[k] = rules.LabelType(t)
			}
		}
	}
	opts.StrictLabels = base.StrictLabels || c.StrictLabels
	if fl.StrictLabels != nil {
		opts.StrictLabels = *fl.StrictLabels
	}
	opts.PinDigests = base.PinDigests || c.Pin == PinDigest
	opts.BasePolicy = rewrite.BasePolicy{Family: c.BaseFamily, Chainguard: c.ChainguardRegistry, Overrides: c.BaseImages}
	if fl.BaseFamily != "" {
		opts.BasePolicy.Family = fl.BaseFamily
	}
	opts.NoIgnoreComments = base.NoIgnoreComments || c.NoIgnoreComments
	if fl.NoIgnoreComments != nil {
		opts.NoIgnoreComments = *fl.NoIgnoreComments
	}
	// --platform replaces the config's platform; a --build-arg replaces
	// the config's value of its name.
	if base.Build.Platform.OS == "" && c.Platform != "" {
		// Checked when the config was read.
		opts.Build.Platform, _ = parser.ParsePlatform(c.Platform)
	}
	if len(c.BuildArgs) > 0 {
		args := maps.Clone(c.BuildArgs)
		maps.Copy(args, base.Build.Args)
		opts.Build.Args = args
	}
	// --trusted-registry adds to the config's list (its entries first).
	opts.TrustedRegistries = append(append([]string(nil), base.TrustedRegistries...), c.TrustedRegistries...)
	if len(opts.TrustedRegistries) == 0 {
		opts.TrustedRegistries = nil
	}
	return opts
}

// FailLevelOr is the fail level the flag and the config say ("" when
// neither does): error, warning, info, style or none.
func (c *Config) FailLevelOr(flag string) string {
	if flag != "" {
		return flag
	}
	if c == nil {
		return ""
	}
	return c.FailLevel
}

// Marshal writes the settings as a .dflint.yaml.
func (c *Config) Marshal() ([]byte, error) {
	return yaml.Marshal(c)
}
