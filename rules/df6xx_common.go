package rules

// Helpers shared by the DF6xx rules, which check a stage against the image
// it runs on: what the file itself adds to the image before an instruction
// (files copied into the shell or account directories, packages installed,
// users created), so that a rule says nothing when the file may have
// supplied what the image lacks.

import (
	"regexp"
	"strings"

	"github.com/dflint/dflint/internal/images"
	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// hasShell is images.Info.HasShellNamed for callers that have checked
// ShellsKnown already.
func hasShell(info images.Info, sh string) bool {
	has, _ := info.HasShellNamed(sh)
	return has
}

// shellNames are the shells DF601 and DF602 judge; another program in a
// SHELL (`/usr/bin/env`, `pwsh`, a wrapper of the project's) is left alone.
var shellNames = map[string]bool{"sh": true, "bash": true, "ash": true, "dash": true, "zsh": true, "ksh": true, "mksh": true, "fish": true, "tcsh": true, "csh": true}

// executableDirs are where a copied shell (or anything PATH runs) lands.
var executableDirs = []string{"/bin", "/sbin", "/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin", "/busybox"}

// copiesInto tells whether a COPY or ADD in in's stage chain before in may
// write into one of dirs: its destination is in one of them, is a parent
// of one (`/`, `/usr`), or is not known (a variable without a value).
func copiesInto(in *parser.Instruction, dirs []string) bool {
	for x := range in.Stage.ChainInstructions() {
		if x.Index >= in.Index {
			break
		}
		var dest string
		switch c := x.Command.(type) {
		case *instructions.CopyCommand:
			dest = c.DestPath
		case *instructions.AddCommand:
			dest = c.DestPath
		default:
			continue
		}
		d, ok := shellcmd.ExpandWord(x, shellcmd.Unquote(dest))
		if !ok {
			return true
		}
		wd, ok := shellcmd.WorkdirAt(x)
		if !ok {
			return true
		}
		d = shellcmd.JoinDir(wd, d)
		if strings.HasPrefix(d, "@base") {
			continue // relative to the image's own directory: not a system one
		}
		for _, dir := range dirs {
			if d == dir || strings.HasPrefix(d, dir+"/") || d == "/" || strings.HasPrefix(dir, d+"/") {
				return true
			}
		}
	}
	return false
}

// mentionedBefore tells whether a RUN (any form, heredocs included), ENV or
// ARG in in's stage chain before in names word as a word of its own:
// `apk add bash`, `ENV PKGS="bash curl"`. The DF6xx rules read that as "the
// file may install it" and say nothing.
func mentionedBefore(in *parser.Instruction, word string) bool {
	re := regexp.MustCompile(`(^|[^A-Za-z0-9_./-])` + regexp.QuoteMeta(word) + `($|[^A-Za-z0-9_-])`)
	for x := range in.Stage.ChainInstructions() {
		if x.Index >= in.Index {
			break
		}
		switch x.Name {
		case "run", "env", "arg", "onbuild":
			if re.Match(x.Text()) {
				return true
			}
		}
	}
	return false
}

// shellSetBefore returns the last SHELL instruction in in's stage chain
// before in, nil when the stage runs with the default shell.
func shellSetBefore(in *parser.Instruction) *parser.Instruction {
	return parser.FoldBefore(in, lastShellKey{}, nil, func(last, x *parser.Instruction) *parser.Instruction {
		if x.Name == "shell" {
			return x
		}
		return last
	})
}

// lastShellKey keys the last SHELL before each instruction.
type lastShellKey struct{}

// quotedList writes words as `a`, `b` and `c`.
func quotedList(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = "`" + w + "`"
	}
	switch len(q) {
	case 0:
		return ""
	case 1:
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
}

// jsonWords writes words as a Dockerfile JSON array: ["a", "b"].
func jsonWords(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = `"` + strings.ReplaceAll(strings.ReplaceAll(w, `\`, `\\`), `"`, `\"`) + `"`
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// insertionPoint is where a line inserted before an instruction goes: the
// start of its line, above the comment lines that document it (not into a
// previous instruction's continuation).
func insertionPoint(in *parser.Instruction) int {
	f := in.File
	floor := 0
	if in.Index > 0 {
		floor = f.Instructions[in.Index-1].EndLine
	}
	line := in.StartLine
	for line-1 > floor && strings.HasPrefix(strings.TrimSpace(string(f.Line(line-1))), "#") {
		line--
	}
	at := f.LineStart(line)
	if line == 1 && f.HasBOM {
		at += 3
	}
	return at
}
