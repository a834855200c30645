package rules

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
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
		p.ReportInstruction(in, "JSON arguments recommended for "+kw+" to prevent unintended behavior related to OS signals: write "+kw+` ["program", "arg", …]`, execFormFix(in))
	}
}

// stageSetsShell tells whether a SHELL instruction comes before in, in its
// stage or a stage it is built on: BuildKit's check then stays quiet.
func stageSetsShell(in *parser.Instruction) bool {
	return parser.FirstBefore(in, shellInstructionKey{}, isShellInstruction) != nil
}

// shellInstructionKey keys the first SHELL of a stage chain.
type shellInstructionKey struct{}

func isShellInstruction(x *parser.Instruction) bool { return x.Name == "shell" }

// execFormFix rewrites plain shell-form arguments as a JSON array.
func execFormFix(in *parser.Instruction) *Fix {
	if shellcmd.IsWindowsStage(in.Stage) {
		return nil
	}
	s, call, argv, ok := shellcmd.PlainCommand(in)
	// A command ended by `;` is not rewritten.
	if !ok || s.AST.Stmts[0].Semicolon.IsValid() {
		return nil
	}
	lg := in.Logical()
	start := lg.FileOffset(lg.ArgsStart)
	end := shellcmd.EndOffset(s, call.Args[len(call.Args)-1].End())
	if strings.TrimSpace(s.Source[call.Args[len(call.Args)-1].End().Offset():]) != "" || shellcmd.CommentInRange(in.File, start, end) {
		return nil // a trailing comment or a comment line would be lost
	}
	parts := make([]string, len(argv))
	for i, a := range argv {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(a); err != nil {
			return nil
		}
		parts[i] = strings.TrimSuffix(b.String(), "\n")
	}
	app := Safe
	if changesArguments(in) {
		app = Unsafe
	}
	return &Fix{Title: "Use the JSON (exec) form", Applicability: app,
		Edits: []Edit{{Start: start, End: end, NewText: "[" + strings.Join(parts, ", ") + "]"}}}
}

// changesArguments tells whether the exec form would change the arguments
// the process gets: an ENTRYPOINT with a CMD in its stage, or a CMD with an
// ENTRYPOINT in its stage chain.
func changesArguments(in *parser.Instruction) bool {
	if in.Name == "entrypoint" {
		for _, x := range in.Stage.Instructions {
			if x.Name == "cmd" {
				return true
			}
		}
		return false
	}
	for x := range in.Stage.ChainInstructions() {
		if x.Name == "entrypoint" {
			return true
		}
	}
	return false
}
