package rules

import (
	"path"
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
	"mvdan.cc/sh/v3/syntax"
)

var _ = register(&Rule{
	ID:       "DF305",
	Name:     "pipe-to-shell",
	Severity: Warning,
	Summary:  "a downloaded script piped into a shell (`curl … | sh`)",
	Check:    checkPipeToShell,
})

var interpreterName = lazyRegexp(`^(?:sh|bash|zsh|ash|dash|ksh|mksh|python[0-9.]*|perl[0-9.]*|ruby[0-9.]*|node|nodejs|php[0-9.]*)$`)

const pipeToShellMsg = "a script downloaded at build time runs unverified: download it to a file, check its checksum (`sha256sum -c`), then run it"

func checkPipeToShell(p *Pass) {
	for in := range p.untilCanceled(shellcmd.RunInstructions(p.File)) {
		if !runsDownloader(in) {
			continue // most RUNs: nothing is downloaded, so nothing is piped
		}
		// The commands through their wrappers, by syntax node.
		views := map[*syntax.CallExpr]*shellcmd.Command{}
		for _, v := range shellcmd.CommandsIn(in) {
			views[v.Call.Expr] = v
		}
		var scripts []*parser.Script
		seenScript := map[*parser.Script]bool{}
		for _, c := range in.Calls() {
			if !seenScript[c.Script] {
				seenScript[c.Script] = true
				scripts = append(scripts, c.Script)
			}
		}
		for _, s := range scripts {
			if s.AST == nil {
				continue
			}
			seen := map[*syntax.BinaryCmd]bool{}
			syntax.Walk(s.AST, func(n syntax.Node) bool {
				switch x := n.(type) {
				case *syntax.BinaryCmd:
					if seen[x] || (x.Op != syntax.Pipe && x.Op != syntax.PipeAll) {
						return true
					}
					stmts := flattenPipe(x, seen)
					for j := 1; j < len(stmts); j++ {
						ce, ok := stmts[j].Cmd.(*syntax.CallExpr)
						if !ok || views[ce] == nil || !readsProgramFromStdin(views[ce]) {
							continue
						}
						for i := 0; i < j; i++ {
							if hasDownloader(stmts[i]) {
								p.Report(s.Offset(stmts[0].Pos()), s.Offset(stmts[len(stmts)-1].End()), pipeToShellMsg, nil)
								return true
							}
						}
					}
				case *syntax.CallExpr:
					if v := views[x]; v != nil && runsDownloadedArg(v) {
						p.Report(v.Call.Start(), v.Call.End(), pipeToShellMsg, nil)
					}
				}
				return true
			})
		}
	}
}

// runsDownloader tells whether one of the RUN's commands (in a pipeline,
// a substitution or an `sh -c` string) is curl or wget, as hasDownloader
// reads them: a RUN without one cannot run a download.
func runsDownloader(in *parser.Instruction) bool {
	for _, c := range shellcmd.CommandsIn(in) {
		if n := c.Name(); n == "curl" || n == "wget" {
			return true
		}
	}
	return false
}

// flattenPipe lists the statements of a pipeline `a | b | c` in order and
// marks its nested pipe nodes as seen.
func flattenPipe(b *syntax.BinaryCmd, seen map[*syntax.BinaryCmd]bool) []*syntax.Stmt {
	seen[b] = true
	var out []*syntax.Stmt
	for _, st := range []*syntax.Stmt{b.X, b.Y} {
		if inner, ok := st.Cmd.(*syntax.BinaryCmd); ok && (inner.Op == syntax.Pipe || inner.Op == syntax.PipeAll) && !st.Negated && len(st.Redirs) == 0 {
			out = append(out, flattenPipe(inner, seen)...)
		} else {
			out = append(out, st)
		}
	}
	return out
}

// hasDownloader tells whether a statement runs curl or wget.
func hasDownloader(st *syntax.Stmt) bool {
	found := false
	syntax.Walk(st, func(n syntax.Node) bool {
		if ce, ok := n.(*syntax.CallExpr); ok && len(ce.Args) > 0 {
			var words []parser.Word
			for _, w := range ce.Args {
				v, lit := parser.WordLiteral(w)
				words = append(words, parser.Word{Word: w, Value: v, Literal: lit})
			}
			if args, _, ok := shellcmd.StripWrappers(words, nil); ok {
				if n := path.Base(args[0].Value); n == "curl" || n == "wget" {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// readsProgramFromStdin tells whether a command (seen through its
// wrappers) is a shell or interpreter that reads its program from standard
// input.
func readsProgramFromStdin(v *shellcmd.Command) bool {
	if !interpreterName().MatchString(v.Name()) {
		return false
	}
	shell := parser.IsPOSIXShell(v.Name())
	stdin := false
	for i := 1; i < len(v.Args); i++ {
		w := v.Args[i]
		if !w.Literal {
			return stdin // an operand: the script unless -s came first
		}
		a := w.Value
		switch {
		case a == "--":
			return stdin || i+1 >= len(v.Args) || v.Args[i+1].Value == "-" || v.Args[i+1].Value == "/dev/stdin"
		case a == "-" || a == "/dev/stdin":
			return true
		case shell && (strings.HasPrefix(a, "-") || strings.HasPrefix(a, "+")) && !strings.HasPrefix(a, "--"):
			if strings.ContainsRune(a[1:], 'c') {
				return false
			}
			if strings.ContainsRune(a[1:], 's') {
				stdin = true
			}
			if strings.HasSuffix(a, "o") || strings.HasSuffix(a, "O") {
				i++ // -o pipefail
			}
		case !shell && strings.HasPrefix(a, "-"):
			switch a {
			case "-c", "-m", "-e", "-E", "-r", "-p", "--eval", "--print", "-i":
				return false
			case "-W", "-X":
				i++
			}
		case strings.HasPrefix(a, "-"):
			// a long shell option (--login, --norc)
		default:
			return stdin // the first operand is the script, or an argument after -s
		}
	}
	return true
}

// runsDownloadedArg tells whether a command is a shell that runs the output of
// curl or wget given as its program: `bash -c "$(curl …)"`, `bash <(curl …)`.
func runsDownloadedArg(v *shellcmd.Command) bool {
	if !parser.IsPOSIXShell(v.Name()) {
		return false
	}
	for i := 1; i < len(v.Args); i++ {
		w := v.Args[i].Word
		if v.Args[i].Value == "-c" && i+1 < len(v.Args) {
			return substRunsDownloader(v.Args[i+1].Word)
		}
		if !v.Args[i].Literal {
			return len(w.Parts) == 1 && isProcSubst(w.Parts[0]) && substRunsDownloader(w)
		}
		if !strings.HasPrefix(v.Args[i].Value, "-") {
			return false
		}
	}
	return false
}

func isProcSubst(p syntax.WordPart) bool { _, ok := p.(*syntax.ProcSubst); return ok }

// substRunsDownloader tells whether a word is only a command or process
// substitution (quoted or not) that runs curl or wget.
func substRunsDownloader(w *syntax.Word) bool {
	parts := w.Parts
	if len(parts) == 1 {
		if dq, ok := parts[0].(*syntax.DblQuoted); ok {
			parts = dq.Parts
		}
	}
	if len(parts) != 1 {
		return false
	}
	var stmts []*syntax.Stmt
	switch x := parts[0].(type) {
	case *syntax.CmdSubst:
		stmts = x.Stmts
	case *syntax.ProcSubst:
		stmts = x.Stmts
	default:
		return false
	}
	for _, st := range stmts {
		if hasDownloader(st) {
			return true
		}
	}
	return false
}
