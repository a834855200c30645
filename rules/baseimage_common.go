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

// reportRange is the range a finding about a stage's base image covers: the
// image word of its FROM when it can be found, else the whole instruction.
func reportRange(in *parser.Instruction) (start, end int) {
	if w, ok := shellcmd.FromImageWord(in); ok {
		return w.Start, w.End
	}
	return in.Start, in.End
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
