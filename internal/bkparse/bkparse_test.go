package bkparse_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/dflint/dflint/internal/bench"
	"github.com/dflint/dflint/internal/bkparse"
	"github.com/dflint/dflint/internal/fuzzseed"
	bkparser "github.com/moby/buildkit/frontend/dockerfile/parser"
)

// sameAsBuildKit parses src with this package and with BuildKit's parser
// and reports how the results differ: the whole trees (every field of every
// node: values, flags, attributes, original text, heredocs, comments,
// lines), the escape token, the warnings, and the error's text and lines.
func sameAsBuildKit(src []byte) error {
	want, wantErr := bkparser.Parse(bytes.NewReader(src))
	got, gotErr := bkparse.Parse(bytes.NewReader(src))
	if (wantErr == nil) != (gotErr == nil) {
		return fmt.Errorf("error %v, BuildKit's %v", gotErr, wantErr)
	}
	if wantErr != nil {
		if gotErr.Error() != wantErr.Error() {
			return fmt.Errorf("error %q, BuildKit's %q", gotErr, wantErr)
		}
		if got, want := locations(gotErr), locations(wantErr); !reflect.DeepEqual(got, want) {
			return fmt.Errorf("error at %v, BuildKit's at %v", got, want)
		}
		return nil
	}
	if got.EscapeToken != want.EscapeToken {
		return fmt.Errorf("escape token %q, BuildKit's %q", got.EscapeToken, want.EscapeToken)
	}
	if !reflect.DeepEqual(got.Warnings, want.Warnings) {
		return fmt.Errorf("warnings %+v, BuildKit's %+v", got.Warnings, want.Warnings)
	}
	if !reflect.DeepEqual(got.AST, want.AST) {
		return fmt.Errorf("tree\n%s\nBuildKit's\n%s", got.AST.Dump(), want.AST.Dump())
	}
	return nil
}

// locations are the lines an error points at.
func locations(err error) [][]bkparser.Range {
	var el *bkparser.LocationError
	if errors.As(err, &el) {
		return el.Locations
	}
	return nil
}

// edges are the corners of line continuation, the one place this parser's
// code differs from BuildKit's.
var edges = []string{
	"FROM alpine\nRUN a \\\n b\n",
	"FROM alpine\nRUN a \\   \n b\n",      // blanks after the escape
	"FROM alpine\nRUN a \\\t \t\n b\n",    // tabs and blanks
	"FROM alpine\nRUN a \\\\\nRUN b\n",    // an escaped escape: no continuation
	"FROM alpine\nRUN a \\\\\\\n b\n",     // an escaped escape, then a continuation
	"FROM alpine\nRUN a\\\n b\n",          // no blank before the escape
	"FROM alpine\nRUN a \\\n\\\n b\n",     // a line of only the escape
	"FROM alpine\nRUN a \\\n  \\  \n b\n", // an indented line of only the escape
	"FROM alpine\nRUN a \\\r\n b\r\n",     // CRLF
	"FROM alpine\nRUN a \\\r\r\n b\n",     // a stray CR before CRLF
	"FROM alpine\nRUN a \\ x\nRUN b\n",    // the escape is not last
	"FROM alpine\nRUN é\\\n b\n",          // a multi-byte character before the escape
	"FROM alpine\nRUN \xff\\\n b\n",       // an invalid byte before the escape
	"FROM alpine\nRUN a \\",               // at the end of the file
	"FROM alpine\nRUN a \\\n",             // continued into nothing
	"FROM alpine\nRUN a \\\n\n\n b\n",     // empty continuation lines
	"FROM alpine\nRUN a \\\n # c\n b\n",   // a comment inside
	"\\\nFROM alpine\n",                   // a file starting with the escape
	"# escape=`\nFROM alpine\nRUN a `\n b\n",
	"# escape=`\nFROM alpine\nRUN a \\\nRUN b ``\nRUN c `  \n d\n",
	"# escape=`\nFROM alpine\nRUN a ```\n b\n",
	"FROM alpine\nRUN a `\n b\n", // a backtick without the directive
	"FROM alpine\nCOPY <<EOF /x\nline \\\nEOF\nRUN a \\\n b\n",
	"FROM alpine\nONBUILD RUN a \\\n b\n",
	"FROM alpine\nLABEL a=b \\\n c=d\n",
	"FROM alpine\nENV A=1 \\\n    B=2\n",
	"FROM alpine\nRUN [\"a\", \\\n \"b\"]\n",
	"FROM alpine\n\tRUN a \\\n\t\tb\n",
}

func TestEdges(t *testing.T) {
	for _, src := range edges {
		if err := sameAsBuildKit([]byte(src)); err != nil {
			t.Errorf("%q: %v", src, err)
		}
	}
}

// TestSeeds compares on every Dockerfile of the repository's testdata, the
// rules' examples and the syntax corners (the fuzz seeds).
func TestSeeds(t *testing.T) {
	for _, src := range fuzzseed.Dockerfiles(t) {
		if err := sameAsBuildKit(src); err != nil {
			t.Errorf("%q: %v", src, err)
		}
	}
}

// TestBuildKitTestfiles compares on BuildKit's own parser test files
// (testfiles and testfiles-negative in the module), read from the module
// cache.
func TestBuildKitTestfiles(t *testing.T) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/moby/buildkit").Output()
	if err != nil {
		t.Skipf("cannot locate the BuildKit module: %v", err)
	}
	dir := filepath.Join(strings.TrimSpace(string(out)), "frontend", "dockerfile", "parser")
	n := 0
	for _, pattern := range []string{"testfiles/*/Dockerfile", "testfiles-negative/*/Dockerfile", "testfile-line/Dockerfile"} {
		paths, _ := filepath.Glob(filepath.Join(dir, pattern))
		for _, p := range paths {
			src, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			n++
			if err := sameAsBuildKit(src); err != nil {
				t.Errorf("%s: %v", p, err)
			}
		}
	}
	if n < 20 {
		t.Errorf("compared %d of BuildKit's test files; the module's layout changed?", n)
	}
}

// TestCorpus compares on every file of the shared corpus.
func TestCorpus(t *testing.T) {
	dir, err := bench.CorpusDir()
	if err != nil {
		t.Skip(err)
	}
	files, err := bench.CorpusFiles(dir)
	if err != nil {
		t.Skipf("no corpus: %v", err)
	}
	for _, p := range files {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := sameAsBuildKit(src); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
	t.Logf("%d corpus files parse the same", len(files))
}

func FuzzSameAsBuildKit(f *testing.F) {
	for _, src := range edges {
		f.Add([]byte(src))
	}
	for _, src := range fuzzseed.Dockerfiles(f) {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if err := sameAsBuildKit(src); err != nil {
			t.Errorf("%q: %v", src, err)
		}
	})
}
