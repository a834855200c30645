package rules

// What the image a stage runs on has (a shell, a package manager, users,
// an ENTRYPOINT), for the rules that check a stage against it (DF6xx).

import (
	"github.com/dflint/dflint/internal/images"
	"github.com/dflint/dflint/parser"
)

// stageFacts is what dflint knows of the image a stage is ultimately built
// on: the image data's facts, with the user, ENTRYPOINT and CMD of the
// registry's image config when online (the registry says what the image is
// today; the table what it was when read). ok is false when the base does
// not resolve (an ARG without a default, an invalid reference).
func stageFacts(p *Pass, s *parser.Stage) (images.Info, bool) {
	root := s.RootImage()
	if root.IsScratch() {
		return images.Scratch(), true
	}
	info, ok := baseInfo(root)
	if !ok {
		return images.Info{}, false
	}
	if img, ok := imageFacts(p, root); ok && len(img.Config) > 0 {
		info = info.WithConfig(img.User, img.Entrypoint, img.Cmd)
	}
	return info, true
}
