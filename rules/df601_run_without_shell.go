package rules

import (
	"fmt"
	"strings"

	"github.com/dflint/dflint/internal/images"
	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

var _ = register(&Rule{
	ID:         "DF601",
	Name:       "run-without-shell",
	Severity:   Error,
	Summary:    "A shell-form RUN, CMD, ENTRYPOINT or HEALTHCHECK on an image without that shell",
	Fix:        Unsafe,
	FixSummary: "when the image has its shell elsewhere (distroless :debug's /busybox/sh), insert a SHELL naming it",
	Check:      checkRunWithoutShell,
})

func checkRunWithoutShell(p *Pass) {
	for _, s := range p.File.Stages {
		info, ok := stageFacts(p, s)
		if !ok || !info.ShellsKnown {
			continue
		}
		ep, cmd := shellcmd.CommandInstructions(s)
		fixed := false
		for _, in := range s.Instructions {
			what, ok := shellFormUse(in, s, ep, cmd)
			if !ok || len(in.Shell) == 0 || hasShell(info, in.Shell[0]) {
				continue
			}
			sh := in.Shell[0]
			set := shellSetBefore(in)
			if set != nil && len(info.Shells) > 0 {
				continue // DF602 reports the SHELL
			}
			if copiesInto(in, executableDirs) || mountsInto(in, executableDirs) {
				continue // the file may have copied (or mounted) a shell in
			}
			if in.Name == "cmd" && ep == nil && inheritedEntrypoint(info) {
				continue // DF604: the image's ENTRYPOINT gets it as arguments
			}
			name := imageName(s)
			msg := fmt.Sprintf("%s in shell form runs `%s`, and %s has no shell: %s", what, strings.Join(in.Shell, " "), name, noShellAdvice(in))
			var fix *Fix
			if len(info.Shells) > 0 {
				msg = fmt.Sprintf("%s in shell form runs `%s`, and %s has no %s: its shell is %s; add `SHELL %s` before it", what, strings.Join(in.Shell, " "), name, sh, quotedList(info.Shells), jsonWords([]string{info.Shells[0], "-c"}))
				if !fixed && set == nil {
					fix = insertShellFix(in, info.Shells[0])
					fixed = fix != nil
				}
			}
			p.ReportInstruction(in, msg, fix)
		}
	}
}

// shellFormUse tells whether an instruction of stage s runs its command
// through the shell, and names it for the message. A CMD or ENTRYPOINT
// counts only when it is the one the stage's image runs (ep, cmd of
// shellcmd.CommandInstructions); ONBUILD triggers run in another image.
func shellFormUse(in *parser.Instruction, s *parser.Stage, ep, cmd *parser.Instruction) (string, bool) {
	if in.Trigger != nil || in.Stage != s {
		return "", false
	}
	switch c := in.Command.(type) {
	case *instructions.RunCommand:
		return "`RUN`", c.PrependShell
	case *instructions.CmdCommand:
		return "`CMD`", c.PrependShell && in == cmd
	case *instructions.EntrypointCommand:
		return "`ENTRYPOINT`", c.PrependShell && in == ep
	case *instructions.HealthCheckCommand:
		return "`HEALTHCHECK CMD`", c.Health != nil && len(c.Health.Test) > 0 && c.Health.Test[0] == "CMD-SHELL"
	}
	return "", false
}

// mountsInto tells whether a RUN mounts something (a stage's /bin, say)
// on one of dirs, or on a parent of one.
func mountsInto(in *parser.Instruction, dirs []string) bool {
	if in.Name != "run" {
		return false
	}
	for _, m := range shellcmd.RunMounts(in) {
		if m.Type != "bind" || m.Target == "" {
			continue
		}
		for _, d := range dirs {
			if m.Target == d || strings.HasPrefix(d, m.Target+"/") || strings.HasPrefix(m.Target, d+"/") {
				return true
			}
		}
	}
	return false
}

// noShellAdvice says what to do instead of a shell-form instruction on an
// image without a shell.
func noShellAdvice(in *parser.Instruction) string {
	switch in.Name {
	case "run":
		return "run this step in a build stage on an image with a shell and COPY its result in, or write it in exec form (`RUN [\"/path/to/program\", \"arg\"]`) if it needs no shell"
	case "healthcheck":
		return "write it in exec form (`HEALTHCHECK CMD [\"/path/to/program\", \"arg\"]`), with a program the image has"
	}
	return fmt.Sprintf("write it in exec form (`%s [\"/path/to/program\", \"arg\"]`)", strings.ToUpper(in.Name))
}

// inheritedEntrypoint tells whether the image's own ENTRYPOINT, when the
// Dockerfile sets none, receives the CMD as its arguments.
func inheritedEntrypoint(info images.Info) bool {
	return info.ConfigKnown && len(info.Entrypoint) > 0
}

// imageName is how messages name the image a stage runs on.
func imageName(s *parser.Stage) string {
	root := s.RootImage()
	if root.IsScratch() {
		return "scratch"
	}
	return "`" + root.Base + "`"
}

// insertShellFix inserts `SHELL ["<sh>", "-c"]` on the line before in,
// above the comment lines that belong to it.
func insertShellFix(in *parser.Instruction, sh string) *Fix {
	f := in.File
	at := insertionPoint(in)
	text := shellcmd.KeywordInCase(in.Keyword, "SHELL") + " " + jsonWords([]string{sh, "-c"}) + f.NewlineStyle()
	return &Fix{Title: "Use the image's shell " + sh, Applicability: Unsafe, Edits: []Edit{{Start: at, End: at, NewText: text}}}
}
