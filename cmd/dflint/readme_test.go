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

var update = flag.Bool("update", false, "rewrite the command output pasted in README.md from the current build")

// readmeBlock is a pasted command and its output in README.md:
//
//	<!-- output: dflint lint examples/flask -->
//	```console
//	$ dflint lint examples/flask
//	...
//	```
//	<!-- end -->
var readmeBlock = regexp.MustCompile("(?s)<!-- output: (dflint [^>]*?) -->\n.*?<!-- end -->")

// TestREADMEOutput regenerates the README's examples with -update, from the
// repository root, so what a new user reads is what the binary prints. Rules
// land all the time, so a stale README is not a failure; it is logged.
func TestREADMEOutput(t *testing.T) {
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(root, "README.md")
	old, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("no README.md: %v", err)
	}
	wd, _ := os.Getwd()
	if err := os.Chdir(root); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)

	updated := readmeBlock.ReplaceAllFunc(old, func(m []byte) []byte {
		cmdline := string(readmeBlock.FindSubmatch(m)[1])
		var out bytes.Buffer
		ios := &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &out, Getenv: func(string) string { return "" }}
		run(strings.Fields(cmdline)[1:], ios)
		return []byte("<!-- output: " + cmdline + " -->\n```console\n$ " + cmdline + "\n" + out.String() + "```\n<!-- end -->")
	})
	if bytes.Equal(updated, old) {
		return
	}
	if !*update {
		t.Logf("README.md shows output that the current build no longer prints: run go test ./cmd/dflint -run TestREADMEOutput -update")
		return
	}
	if err := os.WriteFile(path, updated, 0o644); err != nil {
		t.Fatal(err)
	}
}
