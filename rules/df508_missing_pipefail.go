package rules

import (
	"path"
	"strings"

	"github.com/dflint/dflint/internal/images"
	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"mvdan.cc/sh/v3/syntax"
)

var _ = register(&Rule{
	ID:         "DF508",
	Name:       "missing-pipefail",
	Severity:   Warning,
	Summary:    "RUN with a pipe and no `-o pipefail`",
	Aliases:    []string{"DL4006"},
	Fix:        Unsafe,
	FixSummary: "insert `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` (ash on Alpine/BusyBox) before the RUN",
	Check:      checkMissingPipefail,
})

func checkMissingPipefail(p *Pass) {
	f := p.File
	// pipefailAtEnd remembers, per stage, whether its last SHELL sets
	// pipefail, for the stages built FROM it.
	pipefailAtEnd := map[*parser.Stage]bool{}
	for _, s := range f.Stages {
		pipefail := false
		if s.BaseStage != nil {
			pipefail = pipefailAtEnd[s.BaseStage]
		}
		fixed := false
		for _, in := range s.Instructions {
			if c, ok := in.Command.(*instructions.ShellCommand); ok {
				pipefail = shellSetsPipefail(c.Shell)
				continue
			}
			if in.Name != "run" || shellcmd.IsWindowsInstruction(in) {
				continue
			}
			pipe, pipeEnd := firstUnguardedPipe(in)
			if pipe < 0 || pipefail {
				continue
			}
			var fix *Fix
			if !fixed {
				fix = pipefailFix(in)
				fixed = true
			}
			p.Report(pipe, pipeEnd, "this pipeline's failures are ignored: set `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` before the RUN (ash on Alpine), or start with `set -o pipefail &&`", fix)
		}
		pipefailAtEnd[s] = pipefail
	}
}

// shellSetsPipefail tells whether SHELL's words turn pipefail on:
// ["/bin/bash", "-o", "pipefail", "-c"], ["/bin/ash", "-eo", "pipefail", "-c"].
func shellSetsPipefail(words []string) bool {
	if len(words) == 0 || !parser.IsPOSIXShell(words[0]) {
		return false
	}
	return setsPipefail(words[1:])
}

// setsPipefail looks for "-o pipefail" (clustered flags allowed) in
// argument words of a shell or of `set`.
func setsPipefail(args []string) bool {
	for i, a := range args {
		if a == "-opipefail" {
			return true
		}
		if a == "pipefail" && i > 0 {
			prev := args[i-1]
			if strings.HasPrefix(prev, "-") && !strings.HasPrefix(prev, "--") && strings.HasSuffix(prev, "o") {
				return true
			}
		}
	}
	return false
}

// firstUnguardedPipe returns the file range of the first pipeline of the
// RUN's scripts that no earlier `set -o pipefail` in the same script covers,
// or -1.
func firstUnguardedPipe(in *parser.Instruction) (start, end int) {
	for _, s := range in.Scripts() {
		if s.AST == nil || !strings.Contains(s.Source, "|") {
			continue // no pipeline without a `|`: most scripts need no walk
		}
		pipe, pipeEnd := -1, -1
		var pipePos uint
		syntax.Walk(s.AST, func(n syntax.Node) bool {
			if pipe >= 0 {
				return false
			}
			if b, ok := n.(*syntax.BinaryCmd); ok && (b.Op == syntax.Pipe || b.Op == syntax.PipeAll) {
				pipe, pipeEnd, pipePos = s.Offset(b.Pos()), s.Offset(b.End()), b.OpPos.Offset()
				return false
			}
			return true
		})
		if pipe < 0 {
			continue
		}
		guarded := false
		// The instruction's calls are those of its scripts, parsed once
		// (s.Calls() would parse the `sh -c` strings in s again).
		for _, c := range in.Calls() {
			if c.Script != s || c.Name() != "set" || c.Expr.Pos().Offset() > pipePos {
				continue
			}
			var args []string
			for _, w := range c.Args[1:] {
				args = append(args, w.Value)
			}
			if setsPipefail(args) {
				guarded = true
			}
		}
		if !guarded {
			return pipe, pipeEnd
		}
	}
	return -1, -1
}

// pipefailFix inserts a SHELL with pipefail above the RUN and its comments.
func pipefailFix(in *parser.Instruction) *Fix {
	f := in.File
	line := in.StartLine
	if cs := f.CommentsAbove(in); len(cs) > 0 {
		line = cs[0].Line
	}
	start := f.LineStart(line)
	if line == 1 && f.HasBOM {
		start += 3
	}
	text := f.Line(line)
	indent := text[:len(text)-len(strings.TrimLeft(string(text), " \t"))]
	if line == 1 && f.HasBOM {
		indent = nil
	}
	sh := pipefailShell(in)
	if sh == "" {
		return nil
	}
	kw := "SHELL"
	if in.Keyword == strings.ToLower(in.Keyword) {
		kw = "shell"
	}
	newText := string(indent) + kw + ` ["` + sh + `", "-o", "pipefail", "-c"]` + f.NewlineStyle()
	return &Fix{
		Title:         "Insert `SHELL [\"" + sh + "\", \"-o\", \"pipefail\", \"-c\"]` before the RUN",
		Applicability: Unsafe,
		Edits:         []Edit{{Start: start, End: start, NewText: newText}},
	}
}

// pipefailShell picks the shell for the inserted SHELL: the active one when
// it is bash, ash or zsh; else, from the image's facts, bash when it has
// bash, BusyBox ash (which has pipefail) as /bin/ash or as /bin/sh on
// Alpine, Wolfi and BusyBox; "" when the image has none of them (no fix).
// With no facts: ash on Alpine and BusyBox bases, else bash.
func pipefailShell(in *parser.Instruction) string {
	if len(in.Shell) > 0 {
		switch path.Base(in.Shell[0]) {
		case "bash", "ash", "zsh":
			return in.Shell[0]
		}
	}
	if in.Stage != nil {
		if ref, ok := in.Stage.RootImage().Image(); ok {
			info := images.Lookup(ref)
			if _, known := info.HasShell(); known {
				return pipefailShellOf(info)
			}
			switch info.OS {
			case images.Alpine, images.BusyBox:
				return "/bin/ash"
			}
			repo, tag := strings.ToLower(ref.Repository()), strings.ToLower(ref.Tag)
			if strings.Contains(repo, "alpine") || ref.Name() == "busybox" || strings.Contains(tag, "alpine") || strings.Contains(tag, "busybox") {
				return "/bin/ash"
			}
		}
	}
	return "/bin/bash"
}

// pipefailShell of an image whose shells are known.
func pipefailShellOf(info images.Info) string {
	for _, sh := range []string{"/bin/bash", "/usr/bin/bash", "/bin/ash"} {
		if has, _ := info.HasShellAt(sh); has {
			return sh
		}
	}
	if has, _ := info.HasShellAt("/bin/sh"); has {
		switch info.OS {
		case images.Alpine, images.Wolfi, images.BusyBox:
			return "/bin/sh" // BusyBox ash
		}
	}
	return ""
}
