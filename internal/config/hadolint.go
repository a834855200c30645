package config

import (
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
