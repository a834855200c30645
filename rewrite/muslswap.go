package rewrite

// What the package conversion cannot see when a stage moves from a glibc
// image to a musl one (a Debian-based image to its Alpine variant): files
// copied from a stage built on glibc, and steps that name glibc builds or
// Debian's layout (x86_64-linux-gnu, manylinux wheels, /etc/apt). Such a
// file would still build on Alpine, or fail only when the program starts:
// the swap is refused, and the finding says which line and why.

import (
	"fmt"

	"github.com/dflint/dflint/internal/edit"
	"github.com/dflint/dflint/internal/images"
	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
)

// muslBlocked returns why moving the final stage from src (glibc) to t
// (musl) would leave a stage that does not run, after the swap's edits;
// "" when nothing is found, or when the move does not change the C
// library.
func muslBlocked(f *parser.File, final *parser.Stage, edits []edit.Edit, swapped func() (*parser.Stage, error), src images.Info, t SwapTarget) string {
	if t.Info.Libc != "musl" || src.Libc != "glibc" {
		return ""
	}
	for in := range final.ChainInstructions() {
		if in.Name != "copy" && in.Name != "add" {
			continue
		}
		from, ok := in.Flag("from")
		if !ok || from == "" {
			continue
		}
		what, info := copySource(f, in, from)
		if info.Libc != "glibc" {
			continue // musl, static, none, or not known: nothing to say
		}
		if s := f.StageRef(from, in.Stage.Index); s != nil && (staticGoStage(s) || info.Language == "java" && !runs(s, "jlink")) {
			// CGO_ENABLED=0: the binary needs no C library. A JDK stage
			// makes jars, which are bytecode; unless it links a runtime
			// of its own with jlink, whose java binary is glibc's.
			continue
		}
		return fmt.Sprintf("line %d copies from %s, built on glibc: binaries, native modules and virtualenvs from there do not run on %s's musl (build that stage on an Alpine image too)", in.StartLine, what, osName(t.Info.OS))
	}
	// The words are read from the file as the swap leaves it (the apt
	// cache paths it removes are gone by then), and their lines are told
	// in the file as it is.
	st, err := swapped()
	if err != nil || st == nil {
		return ""
	}
	for in := range st.ChainInstructions() {
		switch in.Name {
		case "from", "label", "maintainer":
			continue
		}
		text := string(in.Text())
		for i := 0; i < len(text); {
			j := i
			for j < len(text) && !isSpace(text[j]) {
				j++
			}
			if marker, why, ok := images.GlibcOnlyWord(text[i:j]); ok && j > i {
				return fmt.Sprintf("line %d has `%s`: %s", lineBefore(f, final, offsetBefore(edits, in.Start+i)), marker, why)
			}
			i = j + 1
		}
	}
	return ""
}

// copySource names what a COPY --from reads (a stage and its image, or an
// image) and what the data knows about that image.
func copySource(f *parser.File, in *parser.Instruction, from string) (string, images.Info) {
	if s := f.StageRef(from, in.Stage.Index); s != nil {
		root := s.RootImage()
		ref, ok := root.Image()
		if !ok {
			return fmt.Sprintf("stage `%s`", stageLabel(s)), images.Info{}
		}
		return fmt.Sprintf("stage `%s` (on `%s`)", stageLabel(s), root.Base), images.Lookup(ref)
	}
	ref, err := parser.ParseImageRef(from)
	if err != nil {
		return "`" + from + "`", images.Info{}
	}
	return "`" + from + "`", images.Lookup(ref)
}

// staticGoStage tells whether a stage (with the stages it starts from)
// builds Go with cgo off: it runs `go build` or `go install`, each with
// CGO_ENABLED=0 on the command or in the environment. Its binaries run on
// any C library.
func staticGoStage(s *parser.Stage) bool {
	builds := 0
	for in := range s.ChainInstructions() {
		if in.Name != "run" {
			continue
		}
		for _, c := range shellcmd.CommandsIn(in) {
			if c.Name() != "go" {
				continue
			}
			if len(c.Args) < 2 || c.Args[1].Value != "build" && c.Args[1].Value != "install" {
				continue
			}
			builds++
			cgo, set := c.Env["CGO_ENABLED"]
			if !set {
				cgo, set = shellcmd.EnvBefore(in).Get("CGO_ENABLED")
			}
			if !set || cgo != "0" {
				return false
			}
		}
	}
	return builds > 0
}

func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }

// offsetBefore maps an offset of the edited text back to the text before
// the edits (sorted, not overlapping): a byte an edit inserted maps into
// the range that edit replaced.
func offsetBefore(edits []edit.Edit, o int) int {
	delta := 0
	for _, e := range edits {
		newStart := e.Start + delta
		newEnd := newStart + len(e.NewText)
		if o < newStart {
			break
		}
		if o < newEnd {
			return e.Start + min(o-newStart, max(e.End-e.Start-1, 0))
		}
		delta += len(e.NewText) - (e.End - e.Start)
	}
	return o - delta
}

// lineBefore is the first line of the instruction of the final chain that
// holds an offset of the file before the edits, as the other refusals
// name a step; the offset's own line when none does.
func lineBefore(f *parser.File, final *parser.Stage, o int) int {
	for in := range final.ChainInstructions() {
		if in.Start <= o && o < in.End {
			return in.StartLine
		}
	}
	line, _ := f.Position(o)
	return line
}

// runs tells whether a RUN step of the stage (or of the stages it starts
// from) runs the command.
func runs(s *parser.Stage, name string) bool {
	for in := range s.ChainInstructions() {
		if in.Name != "run" {
			continue
		}
		for _, c := range shellcmd.CommandsIn(in) {
			if c.Name() == name {
				return true
			}
		}
	}
	return false
}
