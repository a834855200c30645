package config

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"
)

var update = flag.Bool("update", false, "rewrite docs/dflint.schema.json from JSONSchema")

var schemaFile = filepath.Join("..", "..", "docs", "dflint.schema.json")

// TestSchemaFile: the published schema is what JSONSchema generates, so it
// follows the reader's keys and the rule registry.
func TestSchemaFile(t *testing.T) {
	want, err := JSONSchema()
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(schemaFile, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is stale: run go test ./internal/config -run TestSchemaFile -update", schemaFile)
	}
}

// TestSchemaKeys: the schema has exactly the keys the reader accepts.
func TestSchemaKeys(t *testing.T) {
	b, err := JSONSchema()
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		Properties           map[string]json.RawMessage `json:"properties"`
		AdditionalProperties *bool                      `json:"additionalProperties"`
	}
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k := range s.Properties {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	want := slices.Clone(dflintKeys)
	sort.Strings(want)
	if !slices.Equal(keys, want) {
		t.Errorf("schema keys %v, reader keys %v", keys, want)
	}
	if s.AdditionalProperties == nil || *s.AdditionalProperties {
		t.Error("the schema accepts keys the reader refuses: additionalProperties must be false")
	}
}

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	b, err := JSONSchema()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(SchemaID, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(SchemaID)
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

// yamlInstance reads a YAML config as yaml-language-server sees it: as
// JSON values.
func yamlInstance(t *testing.T, src []byte) any {
	t.Helper()
	var v any
	if err := yaml.Unmarshal(src, &v); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return inst
}

// validConfigs use every key, in the spellings the documentation gives.
var validConfigs = map[string]string{
	"empty": "",
	"all keys": `# yaml-language-server: $schema=https://raw.githubusercontent.com/dflint/dflint/main/docs/dflint.schema.json
select: [DF502, relative-workdir, DL3000, JSONArgsRecommended, buildkit/StageNameCasing]
enable: DF503
ignore: "DF301, DL3017"
severity:
  DF502: error
  DL3008: off
  FromAsCasing: style
fail-level: info
base-family: distroless
base-images:
  python: chainguard
  node: cgr.dev/acme/node:22
chainguard-registry: cgr.dev/acme
pin: digest
trusted-registries: [docker.io, "*.example.com", ghcr.io/acme]
registry-mirrors:
  docker.io: mirror.gcr.io
  ghcr.io: [a.example.com, b.example.com]
ignore-paths: [vendor/, "**/testdata/**"]
label-schema:
  maintainer: text
  org.opencontainers.image.source: url
  team: ""
strict-labels: true
disable-ignore-comments: false
platform: linux/arm64
build-args:
  PY: 3.12
  DEBUG: true
  NAME: app
`,
	"nulls": "ignore:\nseverity:\nregistry-mirrors:\n",
}

// TestSchemaAcceptsWhatTheReaderAccepts: no config that dflint reads is
// marked wrong in the editor: the configs above and every .dflint.yaml in
// the CLI's test scripts that the reader accepts.
func TestSchemaAcceptsWhatTheReaderAccepts(t *testing.T) {
	sch := compileSchema(t)
	configs := map[string][]byte{}
	for name, src := range validConfigs {
		configs[name] = []byte(src)
	}
	scripts, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "script", "*.txtar"))
	for _, p := range scripts {
		ar, err := txtar.ParseFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range ar.Files {
			if base := filepath.Base(f.Name); slices.Contains(DflintNames, base) {
				configs[filepath.Base(p)+":"+f.Name] = f.Data
			}
		}
	}
	if len(configs) < len(validConfigs)+5 {
		t.Fatalf("only %d configs found: are the test scripts still under testdata/script?", len(configs))
	}
	for name, src := range configs {
		if _, err := Parse(src, name, KindDflint, t.TempDir()); err != nil {
			if _, mine := validConfigs[name]; mine {
				t.Errorf("%s: the reader refuses it: %v", name, err)
			}
			continue // a script's broken config, on purpose
		}
		if err := sch.Validate(yamlInstance(t, src)); err != nil {
			t.Errorf("%s: the reader accepts it, the schema does not: %v", name, err)
		}
	}
}

// TestSchemaRejectsMistakes: the mistakes the reader reports, the editor
// marks too.
func TestSchemaRejectsMistakes(t *testing.T) {
	sch := compileSchema(t)
	for _, src := range []string{
		"ignored: [DF301]",                // hadolint's key
		"fail-level: sometimes",           // no such level
		"ignore: [DF999]",                 // no such rule
		"severity: {DF502: fatal}",        // no such severity
		"severity: {DF999: error}",        // no such rule
		"base-family: ubuntu",             // no such family
		"pin: tag",                        // no such policy
		"strict-labels: sometimes",        // not a boolean
		"label-schema: {owner: person}",   // no such label type
		"select: {DF502: true}",           // not a list
		"trusted-registries: [[a]]",       // not strings
		"registry-mirrors: [docker.io]",   // not a mapping
		"- DF502",                         // not a mapping at all
		"build-args: {A: [1]}",            // not a value
		"platform: [linux/amd64]",         // not one platform
		"disable-ignore-pragma: true",     // hadolint's spelling
		"chainguard-registry: {a: b}",     // not a string
		"ignore-paths: {vendor: true}",    // not a list
		"enable: [[DF503]]",               // not names
		"base-images: [python]",           // not a mapping
		"severity: [DF502]",               // not a mapping
		"label-schema: [maintainer]",      // not a mapping
		"fail-level: [error]",             // not one value
		"select: [DF502, no-such-rule-x]", // one unknown name
	} {
		if _, err := Parse([]byte(src), "t", KindDflint, t.TempDir()); err == nil {
			t.Errorf("%q: the reader accepts it; the test expects a mistake", src)
		}
		if err := sch.Validate(yamlInstance(t, []byte(src))); err == nil {
			t.Errorf("%q: the reader refuses it, the schema accepts it", src)
		}
	}
}
