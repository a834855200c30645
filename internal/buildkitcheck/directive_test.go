package buildkitcheck_test

import (
	"os"
	"testing"

	"github.com/dflint/dflint/internal/buildkitcheck"
	bkparser "github.com/moby/buildkit/frontend/dockerfile/parser"
)

// TestCheckDirectiveSameAsBuildKit holds checkDirective to BuildKit's
// ParseDirective("check", …) on the corners of the leading comment block
// and on every corpus file.
func TestCheckDirectiveSameAsBuildKit(t *testing.T) {
	cases := []string{
		"",
		"FROM alpine\n",
		"# check=skip=all\nFROM alpine\n",
		"# CHECK = error=true\nFROM alpine\n",
		"#check=skip=JSONArgsRecommended;error=true\n",
		"# syntax=docker/dockerfile:1\n# check=skip=all\nFROM alpine\n",
		"# syntax=docker/dockerfile:1\n\n# check=skip=all\nFROM alpine\n",
		" # check=skip=all\nFROM alpine\n",
		"\xEF\xBB\xBF# check=skip=all\r\nFROM alpine\r\n",
		"#!/usr/bin/env docker build\n# check=skip=all\nFROM alpine\n",
		"#!/usr/bin/env docker build\nFROM alpine\n# check=skip=all\n",
		"# check=skip=all\n# check=error=true\nFROM alpine\n",
		"# escape=`\n# escape=\\\n# check=skip=all\n",
		"# a comment that mentions check\nFROM alpine\n",
		"# healthcheck=x\nFROM alpine\n",
		"// check=skip=all\nFROM alpine\n",
		"FROM alpine\n# check=skip=all\n",
		"# check=skip=all",
		"# check=skip=all with spaces\n",
		"#\n# check=skip=all\n",
	}
	for _, src := range cases {
		want, _, _, _ := bkparser.ParseDirective("check", []byte(src))
		if got := buildkitcheck.CheckDirective([]byte(src)); got != want {
			t.Errorf("%q: got %q, BuildKit's ParseDirective %q", src, got, want)
		}
	}
	for _, p := range corpusFiles(t) {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		want, _, _, _ := bkparser.ParseDirective("check", src)
		if got := buildkitcheck.CheckDirective(src); got != want {
			t.Errorf("%s: got %q, BuildKit's ParseDirective %q", p, got, want)
		}
	}
}
