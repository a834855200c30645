package discover

import (
	"path"
	"sort"
	"strings"
)

// notDockerfileExtensions are the last extensions that make a name that
// starts with "Dockerfile." or "Containerfile." something other than a
// Dockerfile to build, so that a directory walk skips it: `dflint lint .`
// and the pre-commit hooks reported docs/Dockerfile.md as a Dockerfile that
// does not parse (DF001, exit 2) on every run (issue 20 item 7). A file
// named on the command line is linted whatever its name.
//
// Measured on the corpus (2,939 files in /work/shared/corpus/MANIFEST.tsv,
// their original names, 2026-12-07): 203 are named Dockerfile.* or
// Containerfile.*, and none of them ends in one of these extensions; the
// one real Dockerfile whose extension looks like a copy's,
// "Dockerfile.copy" (dotnet-docker's test assets), is why ".copy" is not
// here. TestCorpusNamesKept keeps it so.
var notDockerfileExtensions = map[string]string{
	// Documentation about a Dockerfile.
	"md": "documentation", "markdown": "documentation", "txt": "documentation", "rst": "documentation",
	"adoc": "documentation", "asciidoc": "documentation", "html": "documentation", "pdf": "documentation",
	// Leftovers of editors, patches and merges: an older or partial copy.
	"orig": "backup", "rej": "backup", "bak": "backup", "old": "backup", "swp": "backup", "swo": "backup",
	"tmp": "backup", "diff": "backup", "patch": "backup", "log": "backup",
	// Data and scripts that go with a Dockerfile (its build settings, its
	// entry point).
	"json": "data", "yaml": "data", "yml": "data", "toml": "data", "xml": "data", "lock": "data",
	"sh": "script", "bash": "script", "ps1": "script", "py": "script",
	// Templates that a generator turns into the Dockerfile that is built:
	// their placeholders ({{ base }}, %%ARCH%%, {% if %} lines) make
	// findings about text no build sees, and lines that do not parse.
	// The generated file is the one to lint; name a template to lint it.
	"j2": "template", "jinja": "template", "jinja2": "template", "tmpl": "template", "tpl": "template",
	"gotmpl": "template", "template": "template", "in": "template", "erb": "template",
	"mustache": "template", "hbs": "template", "ejs": "template",
}

// IsDockerfileName tells whether a directory walk picks a file of this
// name: Dockerfile, Containerfile, Dockerfile.*, Containerfile.*,
// *.Dockerfile, *.dockerfile, *.containerfile, in any letter case, except
// BuildKit's per-Dockerfile ignore files (Dockerfile.dockerignore) and
// Dockerfile.* names whose last extension says they are not a Dockerfile
// (notDockerfileExtensions: Dockerfile.md, Dockerfile.orig, Dockerfile.j2).
func IsDockerfileName(name string) bool {
	n := strings.ToLower(name)
	if strings.HasSuffix(n, ".dockerignore") {
		return false
	}
	switch {
	case n == "dockerfile", n == "containerfile":
		return true
	case strings.HasSuffix(n, ".dockerfile"), strings.HasSuffix(n, ".containerfile"):
		return len(n) > len(".dockerfile") && !strings.HasPrefix(n, ".")
	case strings.HasPrefix(n, "dockerfile."), strings.HasPrefix(n, "containerfile."):
		_, excluded := notDockerfileExtensions[strings.TrimPrefix(path.Ext(n), ".")]
		return !excluded
	}
	return false
}

// ExcludedExtensions lists notDockerfileExtensions' keys, sorted: the
// tests of the pre-commit hooks and the GitHub Action check their regexes
// against it.
func ExcludedExtensions() []string {
	exts := make([]string, 0, len(notDockerfileExtensions))
	for e := range notDockerfileExtensions {
		exts = append(exts, e)
	}
	sort.Strings(exts)
	return exts
}
