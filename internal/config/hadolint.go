package config

import (
	"fmt"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// hadolintKeys are the keys of hadolint's config file (hadolint 2.x, README
// "Configure"), all of them, so that a file hadolint accepts is accepted
// here: the ones dflint has an equivalent for are translated, the others
// are either presentation (dflint's own flags decide) or reported as
// having no effect.
var hadolintKeys = []string{
	"ignored", "override", "trustedRegistries", "failure-threshold", "no-fail",
	"format", "formats", "no-color", "verbose",
	"label-schema", "strict-labels", "disable-ignore-pragma",
}

var hadolintHints = map[string]string{
	"ignore":             "ignored",
	"trusted-registries": "trustedRegistries",
	"trustedregistries":  "trustedRegistries",
	"fail-level":         "failure-threshold",
	"severity":           "override",
}

// hadolintLevels are override's keys; hadolint's levels are dflint's.
var hadolintLevels = []string{"error", "warning", "info", "style"}

// parseHadolint translates hadolint's settings. hadolint's rule codes
// (DL3006, SC2086) are resolved through dflint's aliases; a code dflint has
// no rule for is a warning, not an error, since the file is valid for
// hadolint and a team switching tools should not have to edit it first.
func (c *Config) parseHadolint(d *decoder, m *yaml.Node) {
	for _, f := range d.fields(m) {
		switch f.key {
		case "ignored":
			c.Ignore = append(c.Ignore, ruleList(d, f, true)...)
		case "override":
			if f.value.Kind == yaml.ScalarNode && f.value.Tag == "!!null" {
				continue
			}
			if f.value.Kind != yaml.MappingNode {
				d.errorf(f.value, "override must be a mapping of levels (error, warning, info, style) to lists of rules")
				continue
			}
			for _, lv := range d.fields(f.value) {
				level := strings.ToLower(lv.key)
				if !contains(hadolintLevels, level) {
					d.errorf(lv.keyN, "override: unknown level %q: use error, warning, info or style", lv.key)
					continue
				}
				lv.key = "override." + level
				for _, name := range ruleList(d, lv, true) {
					if c.Severity == nil {
						c.Severity = map[string]string{}
					}
					c.Severity[name] = level
				}
			}
		case "trustedRegistries":
			for _, it := range d.list(f) {
				if reg, ok := registryName(d, it, "trustedRegistries"); ok {
					c.TrustedRegistries = append(c.TrustedRegistries, reg)
				}
			}
		case "failure-threshold":
			if v, ok := d.scalar(f); ok {
				// hadolint's "ignore" level is dflint's "none".
				if strings.EqualFold(v, "ignore") {
					v = "none"
				}
				if lv, ok := failLevel(v); ok {
					if c.FailLevel != "none" { // no-fail wins, whatever the order
						c.FailLevel = lv
					}
				} else {
					d.errorf(f.value, "unknown failure-threshold %q: use error, warning, info, style or none", v)
				}
			}
		case "no-fail":
			if v, ok := d.boolean(f); ok && v {
				c.FailLevel = "none"
			}
		case "format", "formats", "no-color", "verbose":
			// Presentation: dflint's --format and --color decide.
		case "label-schema", "strict-labels":
			c.parseLabelSetting(d, f)
		case "disable-ignore-pragma":
			if v, ok := d.boolean(f); ok {
				c.NoIgnoreComments = v
			}
		default:
			d.unknownKey(f, hadolintKeys, hadolintHints)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// hadolintEnv are the environment variables hadolint reads (hadolint
// 2.15.1, src/Hadolint/Config/Environment.hs, read 2026-12-07), each with
// where its setting goes in dflint. dflint reads none of them: a setting
// that changes what is reported belongs in the repository's config, where
// every run (editor, pre-commit, CI) sees it, not in one CI job's
// environment. NO_COLOR, which hadolint also reads, dflint honours as well.
var hadolintEnv = map[string]string{
	"HADOLINT_NOFAIL":                "`fail-level: none` in .dflint.yaml (or --fail-level none)",
	"HADOLINT_VERBOSE":               "nothing: dflint has no verbose output",
	"HADOLINT_FORMAT":                "--format",
	"HADOLINT_OVERRIDE_ERROR":        "`severity:` in .dflint.yaml (or `override:` in .hadolint.yaml)",
	"HADOLINT_OVERRIDE_WARNING":      "`severity:` in .dflint.yaml (or `override:` in .hadolint.yaml)",
	"HADOLINT_OVERRIDE_INFO":         "`severity:` in .dflint.yaml (or `override:` in .hadolint.yaml)",
	"HADOLINT_OVERRIDE_STYLE":        "`severity:` in .dflint.yaml (or `override:` in .hadolint.yaml)",
	"HADOLINT_IGNORE":                "`ignore:` in .dflint.yaml (or --ignore)",
	"HADOLINT_TRUSTED_REGISTRIES":    "`trusted-registries:` in .dflint.yaml (or --trusted-registry)",
	"HADOLINT_REQUIRE_LABELS":        "`label-schema:` in .dflint.yaml or .hadolint.yaml",
	"HADOLINT_STRICT_LABELS":         "`strict-labels: true` in .dflint.yaml or .hadolint.yaml",
	"HADOLINT_DISABLE_IGNORE_PRAGMA": "`disable-ignore-comments: true` in .dflint.yaml (or `disable-ignore-pragma: true` in .hadolint.yaml)",
	"HADOLINT_FAILURE_THRESHOLD":     "`fail-level:` in .dflint.yaml (or --fail-level)",
}

// HadolintEnvWarnings says, for each of hadolint's environment variables
// set in environ (os.Environ's form), that dflint does not read it and
// where the setting goes instead; sorted by name.
func HadolintEnvWarnings(environ []string) []string {
	var out []string
	for _, kv := range environ {
		name, _, _ := strings.Cut(kv, "=")
		if where, ok := hadolintEnv[name]; ok {
			out = append(out, fmt.Sprintf("%s is set, but dflint does not read hadolint's environment variables: use %s", name, where))
		}
	}
	sort.Strings(out)
	return out
}
