package rules

import (
	"path"
	"strings"

	"github.com/dflint/dflint/internal/images"
	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

var _ = register(&Rule{
	ID:       "DF207",
	Name:     "copy-whole-filesystem",
	Severity: Warning,
	Summary:  "`COPY --from=x / …`: a stage's whole file system copied",
	Aliases:  []string{"DL3067"},
	Check:    checkCopyWholeFilesystem,
})

func checkCopyWholeFilesystem(p *Pass) {
	f := p.File
	for in := range instructionsWithTriggers(f) {
		c, ok := in.Command.(*instructions.CopyCommand)
		if !ok || c.From == "" || in.Name != "copy" {
			continue
		}
		from, ok := shellcmd.ExpandWord(in, c.From)
		if !ok {
			continue
		}
		if !hasOSFiles(f, in, from) || flattensSameBase(f, in, from) {
			continue
		}
		for _, src := range c.SourcePaths {
			if isRootPath(src) {
				p.ReportInstruction(in, "COPY --from="+from+" "+src+" copies that stage's whole file system: copy only the files the application needs", nil)
				break
			}
		}
	}
}

// isRootPath tells whether a COPY --from source is the root directory or
// all of its entries.
func isRootPath(s string) bool {
	s = strings.Trim(s, `"'`)
	if strings.HasSuffix(s, "/*") {
		s = strings.TrimSuffix(s, "*")
	}
	// Sources of COPY --from are relative to the root of the stage.
	return s != "" && path.Clean("/"+s) == "/"
}

// flattensSameBase tells whether COPY --from=from copies a stage of the file
// that starts from the same image as the stage it is copied into: the
// "flattened image" idiom (`FROM base AS merge` … `FROM base` then
// `COPY --from=merge / /`, home-assistant/docker-base) adds only what the
// other stage changed on top of files that are already there, on purpose.
func flattensSameBase(f *parser.File, in *parser.Instruction, from string) bool {
	if in.Stage == nil || in.Trigger != nil || in.Parent != nil {
		return false
	}
	src := f.StageRef(from, in.Stage.Index)
	if src == nil {
		return false
	}
	a, b := src.RootImage(), in.Stage.RootImage()
	if a.BaseUnknown || b.BaseUnknown || len(a.BaseUnresolved) > 0 || len(b.BaseUnresolved) > 0 {
		return false
	}
	return strings.EqualFold(a.Base, b.Base) && a.Platform == b.Platform
}

// hasOSFiles tells whether what COPY --from=from names is known to hold an
// operating system: a stage (or an image) whose root image dflint knows and
// which is not scratch. Stages on scratch, and unknown images, which are
// often binary-only images made for COPY --from (tonistiigi/xx), are not.
func hasOSFiles(f *parser.File, in *parser.Instruction, from string) bool {
	var ref parser.ImageRef
	if in.Stage != nil && in.Trigger == nil && in.Parent == nil {
		if s := f.StageRef(from, in.Stage.Index); s != nil {
			root := s.RootImage()
			r, ok := root.Image()
			if !ok {
				return false // scratch, or a base with unresolved variables
			}
			ref = r
		}
	}
	if ref.Path == "" {
		r, err := parser.ParseImageRef(from)
		if err != nil {
			return false
		}
		ref = r
	}
	info := images.Lookup(ref)
	return info.Known() && info.OS != images.NoOS && info.OS != images.OSUnknown
}
