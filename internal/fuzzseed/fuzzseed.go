// Package fuzzseed gathers the Dockerfiles that seed dflint's fuzz targets:
// every Dockerfile under the repository's testdata (the fix goldens, the
// Dockerfiles inside the CLI's testscript archives), the shipped examples,
// the Bad and Good examples of every registered rule, and a few files made
// for the corners of the syntax (CRLF, BOM, backtick escape, heredocs,
// ONBUILD, continuations with comments). The fuzzers mutate from there.
//
// Corpus files (../shared/corpus) are not seeds: they are not ours to
// commit, and the fuzz targets must run the same everywhere.
package fuzzseed

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/dflint/dflint/internal/discover"
	"github.com/dflint/dflint/rules"
	"github.com/rogpeppe/go-internal/txtar"
)

// corners are small files for the syntax that testdata may not hold.
var corners = []string{
	"",
	"\n",
	"# just a comment\n",
	"FROM alpine\r\nRUN apk add \\\r\n  git\r\n",
	"\ufeffFROM alpine:3.20\nCMD [\"sh\"]",
	"# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir `\n  C:\\\n",
	"# syntax=docker/dockerfile:1\n# check=skip=all\nFROM alpine\n",
	"FROM alpine\nRUN apk add \\\n  # the compiler\n  gcc \\\n\n  musl-dev\n",
	"FROM alpine\nRUN <<EOF\napk add git\nEOF\n",
	"FROM alpine\nRUN <<-EOT bash\n\tset -e\n\techo hi\n\tEOT\n",
	"FROM alpine\nCOPY <<EOF /etc/x\nhello\nEOF\nRUN cat <<A && cat <<B\na\nA\nb\nB\n",
	"FROM alpine\nONBUILD RUN apt-get update && apt-get install -y curl\n",
	"FROM alpine\nRUN sh -c 'apt-get install curl && rm -rf /var/lib/apt/lists/*'\n",
	"FROM alpine\nRUN bash -c \"pip install flask\"\n",
	"ARG BASE=debian:12\nFROM ${BASE} AS build\nRUN --mount=type=cache,target=/var/cache/apt apt-get update\nFROM build\nCOPY --from=build / /\n",
	"FROM alpine\nSHELL [\"powershell\", \"-Command\"]\nRUN Get-ChildItem\n",
	"from alpine as Build\nrun echo $(date) `uname` \"${X:-y}\" > /tmp/x\n",
	"FROM alpine\nRUN echo a \\\n\n\n",
	"FROM alpine\n    RUN true\n\tUSER 1000\n",
}

// Dockerfiles returns the seeds, each once, in a stable order.
func Dockerfiles(tb testing.TB) [][]byte {
	tb.Helper()
	root, err := repoRoot()
	if err != nil {
		tb.Fatalf("cannot find the repository root (go.mod): %v", err)
	}
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, c := range corners {
		add(c)
	}
	for _, r := range rules.All() {
		doc := r.Doc()
		add(doc.Bad)
		add(doc.Good)
	}
	for _, pattern := range []string{
		"rewrite/testdata/fix/*/*.Dockerfile",
		"examples/*/Dockerfile",
	} {
		files, _ := filepath.Glob(filepath.Join(root, filepath.FromSlash(pattern)))
		sort.Strings(files)
		for _, p := range files {
			b, err := os.ReadFile(p)
			if err != nil {
				tb.Fatal(err)
			}
			add(string(b))
		}
	}
	archives, _ := filepath.Glob(filepath.Join(root, "cmd", "dflint", "testdata", "script", "*.txtar"))
	sort.Strings(archives)
	for _, p := range archives {
		a, err := txtar.ParseFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		for _, f := range a.Files {
			if discover.IsDockerfileName(filepath.Base(f.Name)) || strings.HasSuffix(f.Name, ".Dockerfile") {
				add(string(f.Data))
			}
		}
	}
	res := make([][]byte, len(out))
	for i, s := range out {
		res[i] = []byte(s)
	}
	return res
}

func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
}
