package shellcmd

import (
	"github.com/dflint/dflint/internal/images"
	"github.com/dflint/dflint/parser"
)

// IsWindowsInstruction tells whether an instruction builds a Windows image:
// its stage starts (through other stages) from a Windows base image, or the
// active SHELL is not a POSIX shell (PowerShell, cmd). Rules about POSIX
// paths and shells stay quiet there.
// Most rules ask it of every RUN: the answer is kept per instruction.
func IsWindowsInstruction(in *parser.Instruction) bool {
	return parser.Memo(in, isWindowsKey{}, func(in *parser.Instruction) bool {
		if len(in.Shell) > 0 && !parser.IsPOSIXShell(in.Shell[0]) {
			return true
		}
		return IsWindowsStage(in.Stage)
	})
}

type isWindowsKey struct{}

// IsWindowsStage tells whether the stage's root base image is a Windows one.
func IsWindowsStage(s *parser.Stage) bool {
	if s == nil {
		return false
	}
	if ref, ok := s.RootImage().Image(); ok && (ref.IsWindows() || images.Lookup(ref).OS == images.Windows) {
		return true
	}
	return false
}
