package rules

// Helpers shared by the rules about base images and the final stage
// (DF101, DF102, DF104, DF201, DF202, DF301, DF510): where a FROM's image
// word and tag are in the file, which stages make up the final image, and
// what the image data says about a stage's base.

import (
	"path/filepath"
	"strings"

	"github.com/dflint/dflint/internal/images"
	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
)

// fromImageWord returns the image word of a FROM (its first argument after
// the flags) with its byte range in the file.
func fromImageWord(in *parser.Instruction) (argWord, bool) {
	ws := argWords(in)
	if len(ws) == 0 {
		return argWord{}, false
	}
	return ws[0], true
}

// reportRange is the range a finding about a stage's base image covers: the
// image word of its FROM when it can be found, else the whole instruction.
func reportRange(in *parser.Instruction) (start, end int) {
	if w, ok := fromImageWord(in); ok {
		return w.Start, w.End
	}
	return in.Start, in.End
}

// fromTagRange locates the tag in a FROM's image word so that a fix can
// replace exactly its bytes. For a word without a tag it returns an empty
// range at the end of the name (where ":tag" is inserted) and hasTag false.
// ok is false when the word cannot be edited safely: it holds variables,
// quotes or a digest (a new tag would not match it), or it is split by a
// line continuation.
func fromTagRange(in *parser.Instruction) (start, end int, hasTag, ok bool) {
	w, found := fromImageWord(in)
	if !found || w.End-w.Start != len(w.Text) || strings.ContainsAny(w.Text, "$\"'@`\\") {
		return 0, 0, false, false
	}
	slash := strings.LastIndexByte(w.Text, '/')
	colon := strings.LastIndexByte(w.Text, ':')
	if colon <= slash {
		return w.End, w.End, false, true
	}
	return w.Start + colon + 1, w.End, true, true
}

// baseInfo looks up the image a stage is ultimately built on. ok is false
// for scratch, for a base that does not resolve (an ARG without a default)
// and for an invalid reference.
func baseInfo(s *parser.Stage) (images.Info, bool) {
	ref, ok := s.RootImage().Image()
	if !ok {
		return images.Info{}, false
	}
	return images.Lookup(ref), true
}

// isWindowsBase tells whether the stage's image is a Windows one, by name or
// by the image data.
func isWindowsBase(s *parser.Stage) bool {
	if shellcmd.IsWindowsStage(s) {
		return true
	}
	info, ok := baseInfo(s)
	return ok && info.OS == images.Windows
}

// withTag returns the reference text with its tag replaced (or added).
func withTag(ref parser.ImageRef, tag string) string {
	return ref.Repository() + ":" + tag
}

// isDevEnvironment tells whether the file builds a development environment
// rather than an image to ship: it sits in a `.devcontainer` directory, or
// its final stage runs on a dev container image. Full toolchains, root and
// development servers are the point there.
func isDevEnvironment(f *parser.File) bool {
	for _, el := range strings.Split(filepath.ToSlash(f.Path), "/") {
		if el == ".devcontainer" {
			return true
		}
	}
	if final := f.FinalStage(); final != nil {
		if info, ok := baseInfo(final); ok && info.Kind == images.DevContainer {
			return true
		}
	}
	return false
}
