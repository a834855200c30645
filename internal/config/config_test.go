package config

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/containerd/platforms"
	"github.com/dflint/dflint/parser"
	"github.com/dflint/dflint/rewrite"
	"github.com/dflint/dflint/rules"
)

func TestParseDflint(t *testing.T) {
	src := `# every key once
select: [DF104, relative-workdir]
enable: DF412
ignore:
  - runs-as-root
  - DL3003, DF421
severity:
  DF301: error
  JSONArgsRecommended: off
fail-level: Error
base-family: Chainguard
base-images:
  python: distroless
  node: gcr.io/distroless/nodejs22-debian12
chainguard-registry: cgr.dev/acme/
pin: Digest
trusted-registries: [docker.io, ghcr.io/acme]
registry-mirrors:
  docker.io: [https://mirror.gcr.io, 127.0.0.1:5000]
  ghcr.io: ghcr-mirror.internal
ignore-paths: ["vendor/**", "**/testdata/**"]
platform: linux/arm
build-args:
  PY: "3.13"
  EMPTY: ""
`
	c, err := Parse([]byte(src), ".dflint.yaml", KindDflint, "/repo")
	if err != nil {
		t.Fatal(err)
	}
	want := &Config{
		Select:             []string{"DF104", "relative-workdir"},
		Enable:             []string{"DF412"},
		Ignore:             []string{"runs-as-root", "DL3003", "DF421"},
		Severity:           map[string]string{"DF301": "error", "JSONArgsRecommended": "off"},
		FailLevel:          "error",
		BaseFamily:         "chainguard",
		BaseImages:         map[string]string{"python": "distroless", "node": "gcr.io/distroless/nodejs22-debian12"},
		ChainguardRegistry: "cgr.dev/acme",
		Pin:                "digest",
		TrustedRegistries:  []string{"docker.io", "ghcr.io/acme"},
		RegistryMirrors:    map[string][]string{"docker.io": {"https://mirror.gcr.io", "127.0.0.1:5000"}, "ghcr.io": {"ghcr-mirror.internal"}},
		IgnorePaths:        []string{"vendor/**", "**/testdata/**"},
		Platform:           "linux/arm/v7",
		BuildArgs:          map[string]string{"PY": "3.13", "EMPTY": ""},
		Path:               ".dflint.yaml",
		Kind:               KindDflint,
	}
	c.root, c.ignorer = "", nil
	if !reflect.DeepEqual(c, want) {
		t.Errorf("got  %+v\nwant %+v", c, want)
	}
}

func TestParseEmpty(t *testing.T) {
	for _, src := range []string{"", "# nothing yet\n", "---\n", "~\n"} {
		c, err := Parse([]byte(src), ".dflint.yaml", KindDflint, "/repo")
		if err != nil {
			t.Errorf("%q: %v", src, err)
			continue
		}
		if len(c.Select)+len(c.Ignore)+len(c.Severity) != 0 || c.FailLevel != "" {
			t.Errorf("%q: not empty: %+v", src, c)
		}
	}
}

// Every error names the file, the line and the column, and says what to
// write instead.
func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"unknown key", "select: [DF104]\nfoo: 1\n",
			[]string{`.dflint.yaml:2:1: unknown key "foo": the keys are base-family, base-images, build-args, chainguard-registry, disable-ignore-comments, enable, fail-level, ignore, ignore-paths, label-schema, pin, platform, registry-mirrors, select, severity, strict-labels, trusted-registries`}},
		{"hadolint's disable-ignore-pragma", "disable-ignore-pragma: true\n",
			[]string{`.dflint.yaml:1:1: unknown key "disable-ignore-pragma": did you mean "disable-ignore-comments"?`}},
		{"disable-ignore-comments not a boolean", "disable-ignore-comments: sometimes\n",
			[]string{`.dflint.yaml:1:26: disable-ignore-comments must be true or false`}},
		{"platform without an OS", "platform: arm64\n",
			[]string{`.dflint.yaml:1:11: invalid platform "arm64": give os/arch[/variant], like linux/arm64 or linux/arm/v7`}},
		{"several platforms", "platform: linux/amd64,linux/arm64\n",
			[]string{`.dflint.yaml:1:11: platform "linux/amd64,linux/arm64": give one platform; to check several, run dflint once for each with --platform`}},
		{"build args as a list", "build-args: [PY=3.13]\n",
			[]string{`.dflint.yaml:1:13: build-args must be a mapping (key: value on each line), not a list`}},
		{"docker's spelling", "build-arg: {PY: \"3.13\"}\n",
			[]string{`.dflint.yaml:1:1: unknown key "build-arg": did you mean "build-args"?`}},
		{"hadolint spelling", "ignored: [DF104]\ntrustedRegistries: [docker.io]\n",
			[]string{`.dflint.yaml:1:1: unknown key "ignored": did you mean "ignore"?`, `.dflint.yaml:2:1: unknown key "trustedRegistries": did you mean "trusted-registries"?`}},
		{"unknown rule in a list", "ignore:\n  - DF301\n  - DF999\n",
			[]string{".dflint.yaml:3:5: unknown rule \"DF999\": run `dflint rules` for the list"}},
		{"unknown rule in a comma list", "select: DF301, nope\n",
			[]string{".dflint.yaml:1:9: unknown rule \"nope\": run `dflint rules` for the list"}},
		{"unknown rule in severity", "severity:\n  no-such-rule: error\n",
			[]string{".dflint.yaml:2:3: unknown rule \"no-such-rule\": run `dflint rules` for the list"}},
		{"bad severity", "severity:\n  DF301: loud\n",
			[]string{`.dflint.yaml:2:10: severity of DF301: unknown severity "loud": use error, warning, info, style or off`}},
		{"severity not a mapping", "severity: [DF301]\n",
			[]string{`.dflint.yaml:1:11: severity must be a mapping (key: value on each line), not a list`}},
		{"bad fail level", "fail-level: loud\n",
			[]string{`.dflint.yaml:1:13: unknown fail-level "loud": use error, warning, info, style or none`}},
		{"fail level list", "fail-level: [error]\n",
			[]string{`.dflint.yaml:1:13: fail-level must be a single value, not a list`}},
		{"list of mappings", "ignore:\n  - id: DF301\n",
			[]string{`.dflint.yaml:2:5: ignore must be a list of strings; this entry is a mapping`}},
		{"bad family", "base-family: ubuntu\n",
			[]string{`.dflint.yaml:1:14: unknown base-family "ubuntu": use slim, alpine, distroless, chainguard`}},
		{"unknown pin policy", "pin: sha256\n",
			[]string{`.dflint.yaml:1:6: unknown pin policy "sha256": use digest (every FROM image pinned to its @sha256: digest, reported by DF103); tags need no setting`}},
		{"pin list", "pin: [digest]\n",
			[]string{`.dflint.yaml:1:6: pin must be a single value, not a list`}},
		{"base image with tag", "base-images:\n  python:3.12: alpine\n",
			[]string{`.dflint.yaml:2:3: base-images: "python:3.12" is not an image repository as written in FROM (like python or ghcr.io/acme/base, without a tag)`}},
		{"base image target", "base-images:\n  python: Not An Image\n",
			[]string{`.dflint.yaml:2:11: base-images.python: "Not An Image" is neither a family (slim, alpine, distroless, chainguard) nor an image reference`}},
		{"chainguard with tag", "chainguard-registry: cgr.dev/acme:latest\n",
			[]string{`.dflint.yaml:1:22: chainguard-registry "cgr.dev/acme:latest" is not a registry and organisation like cgr.dev/acme`}},
		{"registry with scheme", "trusted-registries: [https://ghcr.io]\n",
			[]string{`.dflint.yaml:1:22: trusted-registries: "https://ghcr.io" has a scheme: write the registry as in an image reference (ghcr.io)`}},
		{"empty mirror", "registry-mirrors:\n  docker.io: ''\n",
			[]string{`.dflint.yaml:2:14: registry-mirrors.docker.io: the mirror is empty`}},
		{"mirror with a path", "registry-mirrors:\n  docker.io: [mirror.gcr.io, https://harbor.example/proxy]\n",
			[]string{`.dflint.yaml:2:30: registry-mirrors.docker.io: "https://harbor.example/proxy" is not a mirror address: give HOST[:PORT], optionally with http:// or https://`}},
		{"mirrors as a list", "registry-mirrors: [mirror.gcr.io]\n",
			[]string{`.dflint.yaml:1:19: registry-mirrors must be a mapping of registry to mirror (docker.io: mirror.gcr.io), not a list`}},
		{"absolute ignore path", "ignore-paths: [/vendor]\n",
			[]string{`.dflint.yaml:1:16: ignore-paths: "/vendor" is absolute: write it relative to the config file's directory`}},
		{"bad pattern", "ignore-paths: ['a/[b']\n",
			[]string{`.dflint.yaml:1:16: ignore-paths: "a/[b" is not a valid pattern`}},
		{"unknown label type", "label-schema:\n  org.opencontainers.image.created: date\n",
			[]string{`.dflint.yaml:2:37: label-schema.org.opencontainers.image.created: unknown label type "date": use one of text, url, spdx, rfc3339, semver, hash, email`}},
		{"label schema as a list", "label-schema: [maintainer]\n",
			[]string{`.dflint.yaml:1:15: label-schema must be a mapping (key: value on each line), not a list`}},
		{"strict labels not a boolean", "strict-labels: always\n",
			[]string{`.dflint.yaml:1:16: strict-labels must be true or false`}},
		{"duplicate key", "ignore: [DF301]\nignore: [DF104]\n",
			[]string{`.dflint.yaml:2:1: "ignore" is given twice (first on line 1): keep one`}},
		{"not a mapping", "- DF301\n",
			[]string{`.dflint.yaml:1:1: the config must be a mapping of keys (like ` + "`ignore: [DF301]`" + `), not a list`}},
		{"syntax error", "ignore: [DF301\nselect: x\n",
			[]string{`.dflint.yaml:1: not valid YAML: did not find expected ',' or ']'`}},
		{"tab indentation", "severity:\n\tDF301: error\n",
			[]string{`.dflint.yaml:2: not valid YAML: found character that cannot start any token`}},
		{"several at once", "fail-level: x\nfoo: 1\nignore: [DF998, DF999]\n",
			[]string{`.dflint.yaml:1:13: unknown fail-level "x"`, `.dflint.yaml:2:1: unknown key "foo"`, `.dflint.yaml:3:10: unknown rule "DF998"`, `.dflint.yaml:3:17: unknown rule "DF999"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.src), ".dflint.yaml", KindDflint, "/repo")
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			lines := strings.Split(err.Error(), "\n")
			if len(lines) != len(tt.want) {
				t.Fatalf("got %d errors, want %d:\n%s", len(lines), len(tt.want), err)
			}
			for i, w := range tt.want {
				if !strings.HasPrefix(lines[i], w) {
					t.Errorf("error %d:\n got %s\nwant %s", i, lines[i], w)
				}
			}
		})
	}
}

func TestParseHadolint(t *testing.T) {
	src := `failure-threshold: ignore
ignored:
  - DL3006
  - DL3017
  - DL9999
  - SC2086
override:
  error: [DL3003]
  style:
    - DL3008
trustedRegistries: my.registry.io
format: json
no-color: true
verbose: false
strict-labels: true
label-schema:
  maintainer: email
  org.opencontainers.image.version: semver
  description: ""
`
	c, err := Parse([]byte(src), ".hadolint.yaml", KindHadolint, "/repo")
	if err != nil {
		t.Fatal(err)
	}
	// DL3017 is a hadolint code that no dflint rule covers: accepted, as on
	// the command line; DL9999 is no code at all: a warning.
	if want := []string{"DL3006", "DL3017", "SC2086"}; !reflect.DeepEqual(c.Ignore, want) {
		t.Errorf("Ignore = %q, want %q", c.Ignore, want)
	}
	if want := map[string]string{"DL3003": "error", "DL3008": "style"}; !reflect.DeepEqual(c.Severity, want) {
		t.Errorf("Severity = %v, want %v", c.Severity, want)
	}
	if want := []string{"my.registry.io"}; !reflect.DeepEqual(c.TrustedRegistries, want) {
		t.Errorf("TrustedRegistries = %q, want %q", c.TrustedRegistries, want)
	}
	if c.FailLevel != "none" {
		t.Errorf("FailLevel = %q, want none (hadolint's ignore)", c.FailLevel)
	}
	wantWarn := []string{
		".hadolint.yaml:5:5: dflint has no rule for DL9999; skipped (`dflint rules` lists what it has)",
	}
	// hadolint's label schema is dflint's; an empty type is text.
	if want := map[string]string{"maintainer": "email", "org.opencontainers.image.version": "semver", "description": "text"}; !reflect.DeepEqual(c.LabelSchema, want) || !c.StrictLabels {
		t.Errorf("LabelSchema = %v, StrictLabels = %v; want %v, true", c.LabelSchema, c.StrictLabels, want)
	}
	if !reflect.DeepEqual(c.Warnings, wantWarn) {
		t.Errorf("Warnings =\n%s\nwant\n%s", strings.Join(c.Warnings, "\n"), strings.Join(wantWarn, "\n"))
	}

	// no-fail wins over failure-threshold, whatever the order.
	c, err = Parse([]byte("no-fail: true\nfailure-threshold: error\n"), ".hadolint.yaml", KindHadolint, "/repo")
	if err != nil || c.FailLevel != "none" {
		t.Errorf("no-fail: FailLevel %q, err %v; want none", c.FailLevel, err)
	}
}

func TestParseHadolintErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"ignore: [DL3006]\n", `.hadolint.yaml:1:1: unknown key "ignore": did you mean "ignored"?`},
		{"override:\n  fatal: [DL3006]\n", `.hadolint.yaml:2:3: override: unknown level "fatal": use error, warning, info or style`},
		{"override: [DL3006]\n", `.hadolint.yaml:1:11: override must be a mapping of levels`},
		{"failure-threshold: high\n", `.hadolint.yaml:1:20: unknown failure-threshold "high"`},
		{"no-fail: maybe\n", `.hadolint.yaml:1:10: no-fail must be true or false`},
		{"label-schema:\n  maintainer: mail\n", `.hadolint.yaml:2:15: label-schema.maintainer: unknown label type "mail": use one of text, url, spdx, rfc3339, semver, hash, email`},
		{"strict-labels: yes please\n", `.hadolint.yaml:1:16: strict-labels must be true or false`},
		{"disable-ignore-pragma: maybe\n", `.hadolint.yaml:1:24: disable-ignore-pragma must be true or false`},
		{"rules: []\n", `.hadolint.yaml:1:1: unknown key "rules": the keys are disable-ignore-pragma, failure-threshold, format, formats, ignored, label-schema, no-color, no-fail, override, strict-labels, trustedRegistries, verbose`},
	}
	for _, tt := range tests {
		_, err := Parse([]byte(tt.src), ".hadolint.yaml", KindHadolint, "/repo")
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%q:\n got %v\nwant %s", tt.src, err, tt.want)
		}
	}
}

func TestIgnoresPath(t *testing.T) {
	root := t.TempDir()
	c, err := Parse([]byte("ignore-paths: ['vendor/**', '**/testdata/**', legacy, '*.old.Dockerfile']\n"), ".dflint.yaml", KindDflint, root)
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]bool{
		"vendor/x/Dockerfile":       true,
		"testdata/Dockerfile":       true,
		"a/b/testdata/Dockerfile":   true,
		"legacy/Dockerfile":         true, // a directory pattern covers what is inside
		"a/legacy/Dockerfile":       false,
		"x.old.Dockerfile":          true,
		"a/x.old.Dockerfile":        false, // anchored, as in .dockerignore
		"Dockerfile":                false,
		"../outside/vendor/Dockerf": false,
	} {
		if got := c.IgnoresPath(filepath.Join(root, path)); got != want {
			t.Errorf("IgnoresPath(%s) = %v, want %v", path, got, want)
		}
	}
}

// write creates files under dir; content "" makes a directory.
func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if strings.HasSuffix(name, "/") {
			if err := os.MkdirAll(p, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestFinder(t *testing.T) {
	top := t.TempDir()
	// A config above the repository must never be read for its files.
	write(t, top, map[string]string{
		".dflint.yaml":                        "fail-level: none\n",
		"repo/.git/":                          "",
		"repo/.hadolint.yaml":                 "ignored: [DL3006]\n",
		"repo/Dockerfile":                     "FROM alpine\n",
		"repo/svc/.dflint.yml":                "ignore: [DF301]\n",
		"repo/svc/api/Dockerfile":             "FROM alpine\n",
		"repo/legacy/Dockerfile":              "FROM alpine\n",
		"repo/both/.dflint.yaml":              "ignore: [DF301]\n",
		"repo/both/.dflint.yml":               "ignore: [DF301]\n",
		"repo/both/Dockerfile":                "FROM alpine\n",
		"repo/nested/.dflint.yaml":            "select: [DF502]\n",
		"repo/nested/sub/.hadolint.yaml":      "ignored: [DL3006]\n",
		"repo/nested/sub/Dockerfile":          "FROM alpine\n",
		"norepo/deep/Dockerfile":              "FROM alpine\n",
		"repo/worktree/.git":                  "gitdir: /elsewhere\n",
		"repo/worktree/Dockerfile":            "FROM alpine\n",
		"repo/svc/api/testdata/Dockerfile.in": "FROM alpine\n",
	})
	f := &Finder{}
	tests := []struct {
		file, want string
		kind       Kind
	}{
		{"repo/Dockerfile", "repo/.hadolint.yaml", KindHadolint},
		{"repo/svc/api/Dockerfile", "repo/svc/.dflint.yml", KindDflint},
		{"repo/legacy/Dockerfile", "repo/.hadolint.yaml", KindHadolint},
		// A .dflint.yaml anywhere up to the root beats a nearer .hadolint.yaml.
		{"repo/nested/sub/Dockerfile", "repo/nested/.dflint.yaml", KindDflint},
		// Outside a repository the walk goes up to the filesystem root.
		{"norepo/deep/Dockerfile", ".dflint.yaml", KindDflint},
		// A worktree's .git is a file; it still ends the walk.
		{"repo/worktree/Dockerfile", "", KindNone},
		// Standard input's name finds its config the same way.
		{"repo/svc/api/Containerfile", "repo/svc/.dflint.yml", KindDflint},
	}
	for _, tt := range tests {
		c, err := f.For(filepath.Join(top, tt.file))
		if err != nil {
			t.Errorf("%s: %v", tt.file, err)
			continue
		}
		want := ""
		if tt.want != "" {
			want = filepath.Join(top, tt.want)
		}
		if c.Path != want || c.Kind != tt.kind {
			t.Errorf("%s: config %q (%s), want %q (%s)", tt.file, c.Path, c.Kind, want, tt.kind)
		}
	}
	// Configs are loaded once and shared.
	a, _ := f.For(filepath.Join(top, "repo/svc/api/Dockerfile"))
	b, _ := f.For(filepath.Join(top, "repo/svc/api/testdata/Dockerfile.in"))
	if a != b {
		t.Error("two files under one config got two Config values")
	}

	if _, err := f.For(filepath.Join(top, "repo/both/Dockerfile")); err == nil || !strings.Contains(err.Error(), ".dflint.yaml is here too: keep one of the two config files") {
		t.Errorf("two configs in one directory: err %v", err)
	}

	explicit := &Finder{Explicit: filepath.Join(top, "repo/svc/.dflint.yml")}
	c, err := explicit.For(filepath.Join(top, "repo/Dockerfile"))
	if err != nil || c.Path != filepath.Join(top, "repo/svc/.dflint.yml") {
		t.Errorf("--config: got %v, %v", c, err)
	}
	if c, _ := (&Finder{Disabled: true}).For(filepath.Join(top, "repo/Dockerfile")); c.Path != "" {
		t.Errorf("--no-config: got %q", c.Path)
	}
	if _, err := (&Finder{Explicit: filepath.Join(top, "missing.yaml")}).For("Dockerfile"); err == nil || !strings.Contains(err.Error(), "cannot read config: no such file or directory") {
		t.Errorf("missing --config: %v", err)
	}
}

// The command line beats the config.
func TestRuleOptions(t *testing.T) {
	c, err := Parse([]byte(`select: [DF502, DF503]
enable: [DF412]
ignore: [DF301, cd-in-run]
severity:
  DF502: info
  DF104: off
base-family: alpine
base-images: {python: distroless}
trusted-registries: [ghcr.io]
`), ".dflint.yaml", KindDflint, "/repo")
	if err != nil {
		t.Fatal(err)
	}
	opts := c.RuleOptions(rules.Options{NoBuildKit: true}, Flags{})
	if !opts.NoBuildKit {
		t.Error("base options lost")
	}
	if want := []string{"DF502", "DF503"}; !reflect.DeepEqual(opts.Select, want) {
		t.Errorf("Select = %q, want %q", opts.Select, want)
	}
	if want := []string{"DF301", "cd-in-run"}; !reflect.DeepEqual(opts.Ignore, want) {
		t.Errorf("Ignore = %q, want %q", opts.Ignore, want)
	}
	wantSev := map[string]rules.Severity{"DF412": rules.ByID("DF412").Severity, "DF502": rules.Info, "DF104": rules.Off}
	if !reflect.DeepEqual(opts.Severity, wantSev) {
		t.Errorf("Severity = %v, want %v", opts.Severity, wantSev)
	}
	if want := (rewrite.BasePolicy{Family: "alpine", Overrides: map[string]string{"python": "distroless"}}); !reflect.DeepEqual(opts.BasePolicy, want) {
		t.Errorf("BasePolicy = %+v, want %+v", opts.BasePolicy, want)
	}
	if want := []string{"ghcr.io"}; !reflect.DeepEqual(opts.TrustedRegistries, want) {
		t.Errorf("TrustedRegistries = %q", opts.TrustedRegistries)
	}

	// --select replaces select and brings back what the config turns off;
	// --ignore adds; --base-family replaces.
	opts = c.RuleOptions(rules.Options{TrustedRegistries: []string{"quay.io"}}, Flags{Select: []string{"DL3003", "DF104"}, Ignore: []string{"DF502"}, BaseFamily: "chainguard"})
	if want := []string{"quay.io", "ghcr.io"}; !reflect.DeepEqual(opts.TrustedRegistries, want) {
		t.Errorf("TrustedRegistries = %q, want %q (--trusted-registry adds)", opts.TrustedRegistries, want)
	}
	if want := []string{"DL3003", "DF104"}; !reflect.DeepEqual(opts.Select, want) {
		t.Errorf("Select = %q, want %q", opts.Select, want)
	}
	if want := []string{"DF301", "DF502"}; !reflect.DeepEqual(opts.Ignore, want) {
		t.Errorf("Ignore = %q, want %q (cd-in-run is selected on the command line)", opts.Ignore, want)
	}
	if _, off := opts.Severity["DF104"]; off {
		t.Errorf("DF104 stays off although --select names it: %v", opts.Severity)
	}
	if opts.BasePolicy.Family != "chainguard" {
		t.Errorf("Family = %q, want chainguard", opts.BasePolicy.Family)
	}
	if opts.PinDigests {
		t.Error("PinDigests without pin: digest")
	}
	if c.FailLevelOr("") != "" || c.FailLevelOr("error") != "error" {
		t.Error("FailLevelOr")
	}
}

// TestRegistryPatternsAndIgnoreComments: hadolint's registry patterns ("*",
// "*.domain", "prefix.*") and disable-ignore-pragma are read from both
// files and reach the rules' options.
func TestRegistryPatternsAndIgnoreComments(t *testing.T) {
	for _, tt := range []struct {
		file, src string
		kind      Kind
	}{
		{".hadolint.yaml", "trustedRegistries: ['*', '*.example.com', 'registry.*']\ndisable-ignore-pragma: true\nformats: [json, tty]\n", KindHadolint},
		{".dflint.yaml", "trusted-registries: ['*', '*.example.com', 'registry.*']\ndisable-ignore-comments: true\n", KindDflint},
	} {
		c, err := Parse([]byte(tt.src), tt.file, tt.kind, "/repo")
		if err != nil {
			t.Fatalf("%s: %v", tt.file, err)
		}
		if len(c.Warnings) != 0 {
			t.Errorf("%s: warnings %q", tt.file, c.Warnings)
		}
		opts := c.RuleOptions(rules.Options{}, Flags{})
		if want := []string{"*", "*.example.com", "registry.*"}; !reflect.DeepEqual(opts.TrustedRegistries, want) {
			t.Errorf("%s: TrustedRegistries = %q, want %q", tt.file, opts.TrustedRegistries, want)
		}
		if !opts.NoIgnoreComments {
			t.Errorf("%s: NoIgnoreComments not set", tt.file)
		}
	}
	c, err := Parse([]byte("disable-ignore-pragma: false\n"), ".hadolint.yaml", KindHadolint, "/repo")
	if err != nil || c.RuleOptions(rules.Options{}, Flags{}).NoIgnoreComments {
		t.Errorf("disable-ignore-pragma: false: err %v, or comments disabled", err)
	}
}

// Marshal writes what Parse reads: `dflint config > .dflint.yaml` works.
func TestMarshalRoundTrip(t *testing.T) {
	c, err := Parse([]byte("ignored: [DL3006]\noverride: {error: [DL3003]}\ntrustedRegistries: [docker.io, '*.example.com']\nfailure-threshold: error\ndisable-ignore-pragma: true\n"), ".hadolint.yaml", KindHadolint, "/repo")
	if err != nil {
		t.Fatal(err)
	}
	out, err := c.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	back, err := Parse(out, ".dflint.yaml", KindDflint, "/repo")
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if !reflect.DeepEqual(back.Ignore, c.Ignore) || !reflect.DeepEqual(back.Severity, c.Severity) ||
		!reflect.DeepEqual(back.TrustedRegistries, c.TrustedRegistries) || back.FailLevel != c.FailLevel ||
		!back.NoIgnoreComments {
		t.Errorf("round trip lost settings:\n%s", out)
	}
}

// pin: digest is the policy that turns DF103 on; the engine then runs it
// at its own severity, as if enabled.
func TestPinPolicy(t *testing.T) {
	c, err := Parse([]byte("pin: digest\n"), ".dflint.yaml", KindDflint, "/repo")
	if err != nil {
		t.Fatal(err)
	}
	opts := c.RuleOptions(rules.Options{}, Flags{})
	if !opts.PinDigests {
		t.Fatal("pin: digest did not set PinDigests")
	}
	eng, err := rules.NewEngine(opts)
	if err != nil {
		t.Fatal(err)
	}
	if !eng.Enabled(rules.ByID("DF103")) {
		t.Error("DF103 does not run under pin: digest")
	}
	eng, err = rules.NewEngine((&Config{}).RuleOptions(rules.Options{}, Flags{}))
	if err != nil {
		t.Fatal(err)
	}
	if eng.Enabled(rules.ByID("DF103")) {
		t.Error("DF103 runs without a pin policy")
	}
}

// label-schema and strict-labels reach the engine's options from
// .dflint.yaml as from .hadolint.yaml, and the schema turns DF521 on.
func TestLabelSchemaOptions(t *testing.T) {
	c, err := Parse([]byte("label-schema:\n  org.opencontainers.image.revision: Hash\n  team: text\nstrict-labels: true\n"), ".dflint.yaml", KindDflint, "/repo")
	if err != nil {
		t.Fatal(err)
	}
	opts := c.RuleOptions(rules.Options{}, Flags{})
	want := map[string]rules.LabelType{"org.opencontainers.image.revision": rules.LabelHash, "team": rules.LabelText}
	if !reflect.DeepEqual(opts.LabelSchema, want) || !opts.StrictLabels {
		t.Fatalf("LabelSchema = %v, StrictLabels = %v; want %v, true", opts.LabelSchema, opts.StrictLabels, want)
	}
	e, err := rules.NewEngine(opts)
	if err != nil {
		t.Fatal(err)
	}
	if !e.Enabled(rules.ByID("DF521")) {
		t.Error("DF521 does not run under a label schema")
	}
	// No schema: DF521 stays off.
	e, err = rules.NewEngine((&Config{}).RuleOptions(rules.Options{}, Flags{}))
	if err != nil {
		t.Fatal(err)
	}
	if e.Enabled(rules.ByID("DF521")) {
		t.Error("DF521 runs without a label schema")
	}
	// The schema survives `dflint config`'s round trip.
	out, err := c.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	back, err := Parse(out, ".dflint.yaml", KindDflint, "/repo")
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if !reflect.DeepEqual(back.LabelSchema, c.LabelSchema) || !back.StrictLabels {
		t.Errorf("round trip lost the label schema:\n%s", out)
	}
}

// hadolint's environment variables are not read, but each set one is named
// with where its setting goes; other variables say nothing.
// TestRuleOptionsKeepPartNames: a level for one check that a DF rule stands
// for with others (FromAsCasing of DF511, DL4004 of DF505) stays on that
// check's name, so the engine applies it to that check's findings only;
// a name of the whole rule becomes its ID, as before (issue 19).
func TestRuleOptionsKeepPartNames(t *testing.T) {
	c, err := Parse([]byte("severity:\n  FromAsCasing: error\n  ConsistentInstructionCasing: off\n  JSONArgsRecommended: info\n"), ".dflint.yaml", KindDflint, "/repo")
	if err != nil {
		t.Fatal(err)
	}
	opts := c.RuleOptions(rules.Options{}, Flags{})
	want := map[string]rules.Severity{"FromAsCasing": rules.Error, "ConsistentInstructionCasing": rules.Off, "DF501": rules.Info}
	if !reflect.DeepEqual(opts.Severity, want) {
		t.Errorf("Severity = %v, want %v", opts.Severity, want)
	}
	h, err := Parse([]byte("override:\n  error: [DL4004]\n"), ".hadolint.yaml", KindHadolint, "/repo")
	if err != nil {
		t.Fatal(err)
	}
	opts = h.RuleOptions(rules.Options{}, Flags{})
	if want := map[string]rules.Severity{"DL4004": rules.Error}; !reflect.DeepEqual(opts.Severity, want) {
		t.Errorf("hadolint override: Severity = %v, want %v", opts.Severity, want)
	}
}

// platform and build-args give the build; --platform replaces the
// platform, and a --build-arg the value of its name.
func TestRuleOptionsBuild(t *testing.T) {
	c, err := Parse([]byte("platform: linux/arm64\nbuild-args: {PY: \"3.12\", DEBIAN: bookworm}\n"), ".dflint.yaml", KindDflint, "/repo")
	if err != nil {
		t.Fatal(err)
	}
	opts := c.RuleOptions(rules.Options{}, Flags{})
	if got := platforms.Format(opts.Build.TargetPlatform()); got != "linux/arm64" {
		t.Errorf("platform = %s, want linux/arm64", got)
	}
	if want := map[string]string{"PY": "3.12", "DEBIAN": "bookworm"}; !reflect.DeepEqual(opts.Build.Args, want) {
		t.Errorf("build args = %v, want %v", opts.Build.Args, want)
	}
	flags := rules.Options{Build: parser.Build{Platform: platforms.MustParse("linux/s390x"), Args: map[string]string{"PY": "3.13", "NODE": "22"}}}
	opts = c.RuleOptions(flags, Flags{})
	if got := platforms.Format(opts.Build.TargetPlatform()); got != "linux/s390x" {
		t.Errorf("platform = %s, want --platform's linux/s390x", got)
	}
	if want := map[string]string{"PY": "3.13", "DEBIAN": "bookworm", "NODE": "22"}; !reflect.DeepEqual(opts.Build.Args, want) {
		t.Errorf("build args = %v, want %v", opts.Build.Args, want)
	}
	if want := map[string]string{"PY": "3.13", "NODE": "22"}; !reflect.DeepEqual(flags.Build.Args, want) {
		t.Errorf("the flags' build args changed: %v", flags.Build.Args)
	}
	// Without a config, the flags' build stays.
	opts = (*Config)(nil).RuleOptions(flags, Flags{})
	if !opts.Build.Equal(flags.Build) {
		t.Errorf("no config: build = %+v, want %+v", opts.Build, flags.Build)
	}
}
