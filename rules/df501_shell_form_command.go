package rules

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"mvdan.cc/sh/v3/syntax"
)

var _ = register(&Rule{
	ID:         "DF501",
	Name:       "shell-form-command",
	Severity:   Warning,
	Summary:    "CMD or ENTRYPOINT in shell form",
	Aliases:    []string{"DL3025", "JSONArgsRecommended"},
	Fix:        Safe,
	FixSummary: "rewrite the arguments in JSON (exec) form",
	Check:      checkShellFormCommand,
})

func checkShellFormCommand(p *Pass) {
	for _, in := range p.File.Instructions {
		var shellForm bool
		switch c := in.Command.(type) {
		case *instructions.CmdCommand:
			shellForm = c.PrependShell
		case *instructions.EntrypointCommand:
			shellForm = c.PrependShell
		}
		if !shellForm || in.Stage == nil || stageSetsShell(in) {
			continue
		}
		kw := strings.ToUpper(in.Name)
		fix, why := execFormFix(in)
		msg := "JSON arguments recommended for " + kw + " to prevent unintended behavior related to OS signals: " + shellFormAdvice(in, kw)
		if fix == nil && why != "" {
			msg += " (no automatic fix: " + why + ")"
		}
		p.ReportInstruction(in, msg, fix)
	}
}

// shellFormAdvice says how to write the command so that the program gets
// the signals: the JSON form for one plain command; for a command that
// needs the shell (a `$VAR`, a chain of commands), `exec` in an explicit
// `sh -c`, or an entrypoint script.
func shellFormAdvice(in *parser.Instruction, kw string) string {
	if _, _, _, plain := shellcmd.PlainCommand(in); plain {
		return "write " + kw + ` ["program", "arg", …]`
	}
	scripts := in.Scripts()
	if len(scripts) == 1 && scripts[0].AST != nil && len(scripts[0].AST.Stmts) == 1 {
		st := scripts[0].AST.Stmts[0]
		if c, ok := st.Cmd.(*syntax.CallExpr); ok && len(st.Redirs) == 0 && !st.Background && len(c.Assigns) == 0 {
			src := strings.TrimSpace(scripts[0].Source)
			if !strings.HasPrefix(src, "exec ") {
				src = "exec " + src
			}
			return "the command needs the shell for its variables or patterns, so run it with `exec` in an explicit shell: " + kw + " " + jsonArray([]string{"/bin/sh", "-c", src}) + ", so that the program replaces the shell and gets the signals"
		}
	}
	return "the command chains several commands, so the shell stays the main process: start the last one with `exec` (" + kw + ` ["/bin/sh", "-c", "setup && exec program"]), or move the steps into an entrypoint script that ends with ` + "`exec \"$@\"`"
}

// jsonArray writes words as a JSON array, without escaping <, > and &.
func jsonArray(words []string) string {
	parts := make([]string, len(words))
	for i, a := range words {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(a); err != nil {
			return ""
		}
		parts[i] = strings.TrimSuffix(b.String(), "\n")
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// stageSetsShell tells whether a SHELL instruction comes before in, in its
// stage or a stage it is built on: BuildKit's check then stays quiet.
func stageSetsShell(in *parser.Instruction) bool {
	return parser.FirstBefore(in, shellInstructionKey{}, isShellInstruction) != nil
}

// shellInstructionKey keys the first SHELL of a stage chain.
type shellInstructionKey struct{}

func isShellInstruction(x *parser.Instruction) bool { return x.Name == "shell" }

// execFormFix rewrites plain shell-form arguments as a JSON array. There is
// no fix where the JSON form would not do the same thing (why says so):
// the first word is a shell builtin that has no program (`cd`, `source`);
// an ENTRYPOINT with a CMD in its stage (the JSON form appends the CMD); a
// CMD after an ENTRYPOINT in its stage chain, or on a base image whose
// entrypoint takes the CMD as its arguments (the entrypoint would get the
// program instead of `/bin/sh -c …`). It is unsafe on a base image whose
// entrypoint dflint does not know.
func execFormFix(in *parser.Instruction) (*Fix, string) {
	if shellcmd.IsWindowsStage(in.Stage) {
		return nil, ""
	}
	s, call, argv, ok := shellcmd.PlainCommand(in)
	// A command ended by `;` is not rewritten.
	if !ok || s.AST.Stmts[0].Semicolon.IsValid() {
		return nil, ""
	}
	if shellOnlyBuiltins[argv[0]] {
		return nil, "`" + argv[0] + "` is a shell builtin, not a program"
	}
	lg := in.Logical()
	start := lg.FileOffset(lg.ArgsStart)
	end := shellcmd.EndOffset(s, call.Args[len(call.Args)-1].End())
	if strings.TrimSpace(s.Source[call.Args[len(call.Args)-1].End().Offset():]) != "" || shellcmd.CommentInRange(in.File, start, end) {
		return nil, "" // a trailing comment or a comment line would be lost
	}
	app, why := execFormApplicability(in)
	if why != "" {
		return nil, why
	}
	text := jsonArray(argv)
	if text == "" {
		return nil, ""
	}
	return &Fix{Title: "Use the JSON (exec) form", Applicability: app,
		Edits: []Edit{{Start: start, End: end, NewText: text}}}, ""
}

// shellOnlyBuiltins are commands of POSIX sh and bash that exist only in
// the shell: in the JSON form, the container would fail to start.
var shellOnlyBuiltins = shellcmd.Set("cd", "source", ".", "export", "set", "unset", "eval", "exec",
	"ulimit", "umask", "trap", "wait", "exit", "return", "shift", "alias", "read", "readonly",
	"declare", "local", "typeset", "let", ":", "[[", "builtin", "hash", "times")

// execFormApplicability tells whether the JSON form runs the same program
// with the same arguments: Safe when it does, Unsafe when the base image's
// entrypoint is not known, and a reason when it does not.
func execFormApplicability(in *parser.Instruction) (Applicability, string) {
	if in.Name == "entrypoint" {
		for _, x := range in.Stage.Instructions {
			if x.Name == "cmd" {
				return "", "the stage's CMD would become arguments of the entrypoint"
			}
		}
		// An ENTRYPOINT resets the CMD it inherits: nothing is appended.
		return Safe, ""
	}
	// The image's entrypoint is the last ENTRYPOINT of the stage chain;
	// `ENTRYPOINT []` clears the base image's (the Chainguard and
	// distroless rewrites write it), so the CMD runs alone.
	var last *instructions.EntrypointCommand
	for x := range in.Stage.ChainInstructions() {
		if c, ok := x.Command.(*instructions.EntrypointCommand); ok {
			last = c
		}
	}
	if last != nil {
		if !last.PrependShell && len(last.CmdLine) == 0 {
			return Safe, ""
		}
		return "", "the ENTRYPOINT would get the program instead of `/bin/sh -c …`"
	}
	if in.Stage.RootImage().IsScratch() {
		return Safe, ""
	}
	info, ok := baseInfo(in.Stage)
	if !ok || !info.ConfigKnown {
		return Unsafe, ""
	}
	if len(info.Entrypoint) > 0 && !info.EntrypointRunsCommands {
		return "", "the base image's ENTRYPOINT would get the program instead of `/bin/sh -c …`"
	}
	return Safe, ""
}
