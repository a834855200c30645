package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/dflint/dflint/internal/registry"
	"github.com/dflint/dflint/internal/runner"
	"github.com/dflint/dflint/parser"
	"github.com/dflint/dflint/rewrite"
	"github.com/dflint/dflint/rules"
	"github.com/distribution/reference"
)

// anyRegistry answers for every image: a digest made from the reference,
// with `latest` and `1.0.0` sharing one, so that the pinning fixes can be
// run over the whole corpus without a network.
type anyRegistry struct{}

func (anyRegistry) Digest(_ context.Context, ref string) (string, error) {
	n, err := reference.ParseNormalizedNamed(ref)
	if err != nil {
		return "", err
	}
	n = reference.TagNameOnly(n)
	tag := n.(reference.Tagged).Tag()
	if tag == "latest" {
		tag = "1.0.0"
	}
	h := sha256.Sum256([]byte(n.Name() + ":" + tag))
	return "sha256:" + hex.EncodeToString(h[:]), nil
}

func (anyRegistry) Tags(context.Context, string) ([]string, error) {
	return []string{"1", "1.0", "1.0.0", "latest"}, nil
}

func (anyRegistry) Image(context.Context, string, string) (registry.Image, error) {
	return registry.Image{}, fmt.Errorf("no image facts in this test")
}

// TestCorpusPin runs `dflint pin --unsafe-fixes` (DF101-DF103 with a
// registry that knows every image) over the corpus: every fix converges,
// a second run changes nothing, the result parses, and no FROM that a fix
// could pin is left unpinned without a reason.
func TestCorpusPin(t *testing.T) {
	files := corpusFiles(t)
	if testing.Short() {
		files = files[:min(len(files), 200)]
	}
	eng, err := rules.NewEngine(rules.Options{Select: pinRules, NoBuildKit: true, Registry: anyRegistry{}})
	if err != nil {
		t.Fatal(err)
	}
	opts := rewrite.Options{Unsafe: true}
	type outcome struct {
		problems                       []string
		changed                        bool
		froms, pinned, argPinned, left int
		unpinned                       []string
	}
	var changed, froms, pinned, argPinned, left int
	err = runner.Ordered(context.Background(), 0, len(files), func(i int) (o outcome) {
		path := files[i]
		src, err := os.ReadFile(path)
		if err != nil {
			o.problems = append(o.problems, err.Error())
			return o
		}
		res, err := rewrite.Fix(context.Background(), eng, path, src, opts)
		if err != nil {
			o.problems = append(o.problems, fmt.Sprintf("%s: %v", path, err))
			return o
		}
		for _, e := range res.Errs {
			o.problems = append(o.problems, fmt.Sprintf("%s: %v", path, e))
		}
		for _, rb := range res.RolledBack {
			o.problems = append(o.problems, fmt.Sprintf("%s: fix of %v rolled back: line %d: %s", path, rb.Rules, rb.Line, rb.Message))
		}
		if !res.Changed() {
			return o
		}
		o.changed = true
		again, err := rewrite.Fix(context.Background(), eng, path, res.Output, opts)
		if err != nil || again.Changed() {
			o.problems = append(o.problems, fmt.Sprintf("%s: a second pin changed the file again (%v)", path, err))
		}
		f := parser.Parse(path, res.Output)
		if f.Err != nil {
			o.problems = append(o.problems, fmt.Sprintf("%s: pinned file does not parse: %v", path, f.Err))
			return o
		}
		for _, s := range f.Stages {
			if ref, ok := s.Image(); ok {
				o.froms++
				switch {
				case ref.Digest == "":
					o.left++
					o.unpinned = append(o.unpinned, path+": "+strings.TrimSpace(string(s.From.Text())))
				case strings.Contains(s.BaseName, "$"):
					o.pinned++
					o.argPinned++
				default:
					o.pinned++
				}
			}
		}
		return o
	}, func(_ int, o outcome) {
		for _, p := range o.problems {
			t.Error(p)
		}
		if o.changed {
			changed++
		}
		froms += o.froms
		pinned += o.pinned
		argPinned += o.argPinned
		left += o.left
		if os.Getenv("DFLINT_SHOW_UNPINNED") != "" {
			for _, u := range o.unpinned {
				t.Logf("unpinned: %s", u)
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d files changed; of their %d image FROMs, %d pinned (%d through an ARG default), %d left (an ARG with other uses, quotes, continuations)", changed, froms, pinned, argPinned, left)
}
