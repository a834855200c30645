package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the command output pasted in README.md and docs/rewrites.md from the current build")

// readmeBlock is a pasted command and its output in README.md:
//
//	<!-- output: dflint lint examples/flask -->
//	```console
//	$ dflint lint examples/flask
//	...
//	```
//	<!-- end -->
var readmeBlock = regexp.MustCompile("(?s)<!-- output: (dflint [^>]*?) -->\n.*?<!-- end -->")

// fileBlock is a file of the repository pasted into a document:
//
//	<!-- file: examples/split/go/Dockerfile -->
//	```dockerfile
//	...
//	```
//	<!-- end -->
var fileBlock = regexp.MustCompile("(?s)<!-- file: ([^ >]+) -->\n.*?<!-- end -->")

// fixedBlock is a file as a fix command leaves it, the command reading the
// file on standard input (its summary on standard error is not shown):
//
//	<!-- fixed: dflint fix --unsafe-fixes - < examples/split/go/Dockerfile -->
//	```dockerfile
//	...
//	```
//	<!-- end -->
var fixedBlock = regexp.MustCompile("(?s)<!-- fixed: (dflint fix [^>]*?) < ([^ >]+) -->\n.*?<!-- end -->")

// generatedDocs are the documents whose pasted output and files are
// regenerated: README.md, and docs/rewrites.md whose before/after examples
// are the example files and what the binary makes of them.
var generatedDocs = []string{"README.md", filepath.Join("docs", "rewrites.md")}

// TestREADMEOutput regenerates the README's examples (and those of the
// other generatedDocs) with -update, from the repository root, so what a
// new user reads is what the binary prints. Rules land all the time, so a
// stale document is not a failure; it is logged.
func TestREADMEOutput(t *testing.T) {
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	wd, _ := os.Getwd()
	if err := os.Chdir(root); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	for _, doc := range generatedDocs {
		old, err := os.ReadFile(doc)
		if err != nil {
			t.Logf("no %s: %v", doc, err)
			continue
		}
		updated := readmeBlock.ReplaceAllFunc(old, func(m []byte) []byte {
			cmdline := string(readmeBlock.FindSubmatch(m)[1])
			var out bytes.Buffer
			ios := &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &out, Getenv: func(string) string { return "" }}
			run(strings.Fields(cmdline)[1:], ios)
			return []byte("<!-- output: " + cmdline + " -->\n```console\n$ " + cmdline + "\n" + out.String() + "```\n<!-- end -->")
		})
		updated = fileBlock.ReplaceAllFunc(updated, func(m []byte) []byte {
			name := string(fileBlock.FindSubmatch(m)[1])
			b, err := os.ReadFile(name)
			if err != nil {
				t.Errorf("%s pastes %s: %v", doc, name, err)
				return m
			}
			return []byte("<!-- file: " + name + " -->\n```dockerfile\n" + string(b) + "```\n<!-- end -->")
		})
		updated = fixedBlock.ReplaceAllFunc(updated, func(m []byte) []byte {
			sub := fixedBlock.FindSubmatch(m)
			cmdline, name := string(sub[1]), string(sub[2])
			in, err := os.ReadFile(name)
			if err != nil {
				t.Errorf("%s fixes %s: %v", doc, name, err)
				return m
			}
			var out, errOut bytes.Buffer
			ios := &IOStreams{In: bytes.NewReader(in), Out: &out, ErrOut: &errOut, Getenv: func(string) string { return "" }}
			run(strings.Fields(cmdline)[1:], ios)
			return []byte("<!-- fixed: " + cmdline + " < " + name + " -->\n```dockerfile\n" + out.String() + "```\n<!-- end -->")
		})
		if bytes.Equal(updated, old) {
			continue
		}
		if !*update {
			t.Logf("%s shows output that the current build no longer prints: run go test ./cmd/dflint -run TestREADMEOutput -update", doc)
			continue
		}
		if err := os.WriteFile(doc, updated, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
