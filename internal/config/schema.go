package config

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"

	"github.com/dflint/dflint/rules"
)

// SchemaID is where the JSON Schema of .dflint.yaml is published: the
// file docs/dflint.schema.json of the repository, which `go test
// ./internal/config -update` writes from JSONSchema.
const SchemaID = "https://raw.githubusercontent.com/dflint/dflint/main/docs/dflint.schema.json"

// schemaDialect is JSON Schema draft-07: yaml-language-server (and so
// VS Code's YAML extension, Neovim's yamlls…) validates with draft-07 and
// supports later drafts only in part (vscode-yaml README, "shipped with
// JSON Schema Draft 7"; redhat-developer/yaml-language-server issues 856
// and 1112, read 2026-12-07).
const schemaDialect = "http://json-schema.org/draft-07/schema#"

// keySchemas are the schema of each top-level key of .dflint.yaml. The
// test checks that it has exactly dflintKeys, so a key the reader accepts
// cannot be missing from the schema, nor the schema offer one it refuses.
// The schema asks for the canonical spellings (lower-case values, true
// and false); the reader also takes other letter cases and yes/no.
func keySchemas() map[string]map[string]any {
	severities := []string{"error", "warning", "info", "style", "off"}
	labelTypes := []string{""}
	for _, t := range rules.LabelTypes {
		labelTypes = append(labelTypes, string(t))
	}
	str := map[string]any{"type": "string"}
	scalar := map[string]any{"type": []string{"string", "number", "boolean"}}
	boolean := map[string]any{"type": "boolean"}
	list := func(item map[string]any) map[string]any {
		// A list, one string (which may be comma-separated, as on the
		// command line), or nothing.
		return map[string]any{"anyOf": []any{
			map[string]any{"type": "array", "items": item},
			str,
			map[string]any{"type": "null"},
		}}
	}
	mapping := func(values map[string]any, names map[string]any) map[string]any {
		m := map[string]any{"type": []string{"object", "null"}, "additionalProperties": values}
		if names != nil {
			m["propertyNames"] = names
		}
		return m
	}
	rule := map[string]any{"$ref": "#/definitions/rule"}
	describe := func(s map[string]any, d string) map[string]any {
		s["description"] = d
		return s
	}
	return map[string]map[string]any{
		"select":                  describe(list(rule), "Run only these rules (IDs, names or aliases such as DL3006 or JSONArgsRecommended); opt-in rules run when selected. --select replaces it."),
		"enable":                  describe(list(rule), "Turn on opt-in rules, on top of the default set."),
		"ignore":                  describe(list(rule), "Never run these rules. --ignore adds to it."),
		"severity":                describe(mapping(map[string]any{"enum": severities}, rule), "The severity of a rule: error, warning, info, style, or off (the rule does not run)."),
		"fail-level":              describe(map[string]any{"enum": []string{"error", "warning", "info", "style", "none", "off"}}, "The lowest severity that makes the exit code 1; none (or off) never fails on findings."),
		"base-family":             describe(map[string]any{"enum": Families}, "The base images DF104 and DF105 move to."),
		"base-images":             describe(mapping(str, nil), "Per image repository as written in FROM: the family or the full image reference to move to."),
		"chainguard-registry":     describe(str, "The registry and organisation of Chainguard images, like cgr.dev/acme."),
		"pin":                     describe(map[string]any{"enum": PinPolicies}, "digest: every FROM image pinned to its @sha256: digest (DF103)."),
		"trusted-registries":      describe(list(str), "The only registries DF107 accepts images from: host[:port], a pattern like *.domain, or a host/path prefix."),
		"registry-mirrors":        describe(mapping(map[string]any{"anyOf": []any{str, map[string]any{"type": "array", "items": str}}}, nil), "Per registry, the mirrors online look-ups try first, in order."),
		"ignore-paths":            describe(list(str), ".dockerignore-style patterns of files not to lint, relative to the config file's directory."),
		"label-schema":            describe(mapping(map[string]any{"enum": labelTypes}, nil), "Labels every image must have, with the type of their values (an empty type is text); turns DF521 on."),
		"strict-labels":           describe(boolean, "Report labels that are not in label-schema (DF521)."),
		"disable-ignore-comments": describe(boolean, "Ignore comments in the Dockerfiles silence nothing (hadolint's disable-ignore-pragma); BuildKit's # check=skip still counts."),
		"platform":                describe(str, "The platform the files are built for, as docker build --platform takes it (linux/arm64)."),
		"build-args":              describe(mapping(scalar, nil), "Build arguments by name, as docker build --build-arg gives them."),
	}
}

// ruleNames are the names a rule list accepts, for editors to complete:
// every rule's ID, name and aliases, and hadolint's codes that no rule
// covers (which configs written for hadolint may name).
func ruleNames() []string {
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, r := range rules.All() {
		add(r.ID)
		add(r.Name)
		for _, a := range r.Aliases {
			add(a)
		}
		for _, part := range r.Parts {
			for _, a := range part {
				add(a)
			}
		}
	}
	for _, c := range rules.UncoveredCodes() {
		add(c.Code)
	}
	sort.Strings(out)
	return out
}

// JSONSchema is the JSON Schema of .dflint.yaml, for editors: with
// `# yaml-language-server: $schema=<SchemaID>` at the top of the file,
// yaml-language-server completes and checks the keys, the rule names and
// the values.
func JSONSchema() ([]byte, error) {
	shapes := keySchemas()
	props := map[string]any{}
	for _, k := range dflintKeys {
		s, ok := shapes[k]
		if !ok {
			return nil, fmt.Errorf("config key %q has no schema in keySchemas", k)
		}
		props[k] = s
	}
	for k := range shapes {
		if !slices.Contains(dflintKeys, k) {
			return nil, fmt.Errorf("keySchemas has %q, which the config reader does not accept", k)
		}
	}
	schema := map[string]any{
		"$schema":              schemaDialect,
		"$id":                  SchemaID,
		"title":                "dflint configuration (.dflint.yaml)",
		"description":          "Settings of dflint, the Dockerfile linter. Generated from internal/config by `go test ./internal/config -update`; docs/config.md explains each key.",
		"type":                 []string{"object", "null"},
		"additionalProperties": false,
		"properties":           props,
		"definitions": map[string]any{
			"rule": map[string]any{
				"description": "A rule's ID, name or alias (dflint rules lists them); a comma-separated list is accepted too.",
				"anyOf": []any{
					map[string]any{"enum": ruleNames()},
					map[string]any{"type": "string", "pattern": ","},
				},
			},
		},
	}
	b, err := json.MarshalIndent(schema, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
