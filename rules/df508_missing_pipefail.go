package rules

import (
	"path"
	"slices"
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
			if in.Name != "run" || pipefail || shellcmd.IsWindowsInstruction(in) {
				continue
			}
			pipe, pipeEnd := firstUnguardedPipe(in)
			if pipe < 0 {
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
// RUN's scripts that pipefail would change (pipelineNeedsPipefail) and
// that no earlier `set -o pipefail` in the same script covers, or -1.
func firstUnguardedPipe(in *parser.Instruction) (start, end int) {
	for _, s := range in.Scripts() {
		if s.AST == nil || !hasPipe(s.Source) {
			continue // no pipeline without a `|`: most scripts need no walk
		}
		for _, b := range pipelinesNeedingPipefail(s.AST) {
			if !pipefailSetBefore(in, s, b.OpPos.Offset()) {
				return s.Offset(b.Pos()), s.Offset(b.End())
			}
		}
	}
	return -1, -1
}

// hasPipe tells whether src has a `|` that is not half of `||`, the
// cheap test that most RUNs (`… || true` included) have no pipeline.
func hasPipe(src string) bool {
	for i := strings.IndexByte(src, '|'); i >= 0; {
		if i+1 < len(src) && src[i+1] == '|' {
			i += 2
		} else {
			return true
		}
		j := strings.IndexByte(src[i:], '|')
		if j < 0 {
			return false
		}
		i += j
	}
	return false
}

// pipefailSetBefore tells whether the script runs `set -o pipefail` (or
// `set -eo pipefail`, …) before the script position pos.
func pipefailSetBefore(in *parser.Instruction, s *parser.Script, pos uint) bool {
	// The instruction's calls are those of its scripts, parsed once
	// (s.Calls() would parse the `sh -c` strings in s again).
	for _, c := range in.Calls() {
		if c.Script != s || c.Name() != "set" || c.Expr.Pos().Offset() > pos {
			continue
		}
		var args []string
		for _, w := range c.Args[1:] {
			args = append(args, w.Value)
		}
		if setsPipefail(args) {
			return true
		}
	}
	return false
}

// pipelinesNeedingPipefail returns, in source order, the pipelines of the
// script whose exit status pipefail would change in a way that matters
// (pipefailChangesNothing is false) and is read. A pipeline inside a
// `$(…)` or `<(…)` whose status nothing reads is skipped (only a
// substitution that is the value of a plain assignment, `V=$(a | b)`, has
// its status read), and so is the left side of `|| true` / `|| :`: whatever
// its status, the build goes on. One walk: what makes a node unchecked is
// known when an ancestor is visited.
func pipelinesNeedingPipefail(f *syntax.File) []*syntax.BinaryCmd {
	var out []*syntax.BinaryCmd
	var checked map[syntax.Node]bool       // substitutions an assignment reads
	var orTrue map[syntax.Node]bool        // left sides of `|| true`
	var inChain map[*syntax.BinaryCmd]bool // inner `|` of `a | b | c`
	// unchecked holds, per open node, whether it is unchecked; depth
	// counts the unchecked ones around the node being visited. Walk calls
	// the function with nil when it leaves a node.
	var unchecked []bool
	depth := 0
	syntax.Walk(f, func(n syntax.Node) bool {
		if n == nil {
			if unchecked[len(unchecked)-1] {
				depth--
			}
			unchecked = unchecked[:len(unchecked)-1]
			return true
		}
		un := false
		switch x := n.(type) {
		case *syntax.CallExpr:
			if len(x.Args) == 0 && len(x.Assigns) > 0 {
				if checked == nil {
					checked = map[syntax.Node]bool{}
				}
				markAssignedSubstitutions(x, checked)
			}
		case *syntax.CmdSubst, *syntax.ProcSubst:
			un = !checked[n]
		case *syntax.Stmt:
			un = orTrue[n]
		case *syntax.BinaryCmd:
			if x.Op == syntax.OrStmt && isNoOp(x.Y) {
				if orTrue == nil {
					orTrue = map[syntax.Node]bool{}
				}
				orTrue[x.X] = true
			}
			if isPipe(x) && !inChain[x] {
				if inChain == nil {
					inChain = map[*syntax.BinaryCmd]bool{}
				}
				markChain(x, inChain)
				if depth == 0 && !pipefailChangesNothing(x) {
					out = append(out, x)
				}
			}
		}
		unchecked = append(unchecked, un)
		if un {
			depth++
		}
		return true
	})
	return out
}

// markAssignedSubstitutions marks the substitutions of an assignment-only
// call's values (`V=$(a | b)`: the call's status is the substitution's),
// not those nested in them (`V=$(echo $(a | b))`).
func markAssignedSubstitutions(c *syntax.CallExpr, checked map[syntax.Node]bool) {
	for _, a := range c.Assigns {
		if a.Value == nil {
			continue
		}
		syntax.Walk(a.Value, func(m syntax.Node) bool {
			if cs, ok := m.(*syntax.CmdSubst); ok {
				checked[cs] = true
				return false
			}
			return true
		})
	}
}

// markChain marks the `|` nodes nested in a pipeline's stages list.
func markChain(b *syntax.BinaryCmd, inChain map[*syntax.BinaryCmd]bool) {
	for _, st := range []*syntax.Stmt{b.X, b.Y} {
		if x, ok := st.Cmd.(*syntax.BinaryCmd); ok && isPipe(x) && chainable(st) {
			inChain[x] = true
			markChain(x, inChain)
		}
	}
}

// chainable tells whether a pipe statement is part of the enclosing
// pipeline rather than a command of its own (`! a | b` is one).
func chainable(st *syntax.Stmt) bool {
	return len(st.Redirs) == 0 && !st.Negated && !st.Background
}

func isPipe(b *syntax.BinaryCmd) bool { return b.Op == syntax.Pipe || b.Op == syntax.PipeAll }

// pipeStages flattens `a | b | c` into its statements, in order.
func pipeStages(b *syntax.BinaryCmd) []*syntax.Stmt {
	var out []*syntax.Stmt
	var add func(st *syntax.Stmt)
	add = func(st *syntax.Stmt) {
		if x, ok := st.Cmd.(*syntax.BinaryCmd); ok && isPipe(x) && chainable(st) {
			add(x.X)
			add(x.Y)
			return
		}
		out = append(out, st)
	}
	add(b.X)
	add(b.Y)
	return out
}

// pipefailChangesNothing tells whether a pipeline's status already shows
// every failure that matters, so that pipefail would change nothing:
// each stage but the last cannot fail (stmtCannotFail: `echo "$PASSWORD" |
// chpasswd`, `yes | apt-get …`, `cat <<EOF | sh`), or the last stage
// checks its whole input and fails when it is missing or cut short
// (consumerChecksInput: `curl -fsSL … | tar -xz`, `… | gpg --import`).
func pipefailChangesNothing(b *syntax.BinaryCmd) bool {
	stages := pipeStages(b)
	last := stages[len(stages)-1]
	if consumerChecksInput(last) {
		return true
	}
	// `cat FILE | grep …`: cat of one file writes all of it or nothing, and
	// grep fails on empty input.
	if len(stages) == 2 && readsOneFile(stages[0]) && commandName(last) == "grep" {
		return true
	}
	for i, st := range stages[:len(stages)-1] {
		if stmtCannotFail(st) || inspectsImage(st) || i > 0 && isTextFilter(st) {
			continue
		}
		return false
	}
	return true
}

// inspectsImage tells whether a pipeline stage only lists or inspects the
// image's own files and packages (inspectionCommands; through xargs, the
// command xargs runs). These fail for reasons that do not matter to the
// build (find: a file that vanished; ldd: a file that is not dynamic;
// dpkg-query --search: a file no package owns), and pipefail would turn
// those into a failed build rather than catch a broken download: the
// official images' `find /usr/local -exec ldd … | awk … | xargs -r
// dpkg-query --search | … | xargs -r apt-mark manual` relies on that.
func inspectsImage(st *syntax.Stmt) bool {
	args, ok := literalArgs(st)
	if !ok {
		return false
	}
	name := path.Base(args[0])
	if name == "xargs" {
		c := st.Cmd.(*syntax.CallExpr)
		words := make([]parser.Word, len(c.Args))
		for i, w := range c.Args {
			v, lit := parser.WordLiteral(w)
			words[i] = parser.Word{Word: w, Value: v, Literal: lit}
		}
		run, _, ok := shellcmd.StripWrappers(words, nil)
		if !ok || len(run) == 0 {
			return false
		}
		name = path.Base(run[0].Value)
		args = nil
		for _, w := range run {
			if w.Literal {
				args = append(args, w.Value)
			}
		}
	}
	check, known := inspectionCommands[name]
	return known && check(args[1:])
}

// inspectionCommands list or inspect what the image holds, each with the
// arguments that make it do only that.
var inspectionCommands = map[string]func(args []string) bool{
	"find":       func([]string) bool { return true },
	"ls":         func([]string) bool { return true },
	"ldd":        func([]string) bool { return true },
	"scanelf":    func([]string) bool { return true },
	"readelf":    func([]string) bool { return true },
	"locale":     func([]string) bool { return true },
	"dpkg-query": func([]string) bool { return true },
	"dpkg":       hasAnyArg("-l", "--list", "-L", "--listfiles", "-S", "--search", "-s", "--status", "--print-architecture"),
	"apt-mark":   hasAnyArg("showmanual", "showauto", "showhold"),
	"apk": func(args []string) bool {
		return hasAnyArg("info", "list", "--print-arch")(args) && !hasAnyArg("add", "del")(args)
	},
	"rpm": func(args []string) bool {
		return len(args) > 0 && (strings.HasPrefix(args[0], "-q") || args[0] == "--query")
	},
}

// isTextFilter tells whether a stage after the first only transforms the
// text it reads from the pipe: it fails on bad usage, not on a missing
// download (that is the producer's failure).
func isTextFilter(st *syntax.Stmt) bool {
	return textFilters[commandName(st)]
}

// textFilters read the pipe and write text (grep exits 1 when nothing
// matches, which pipefail would make a failed build).
var textFilters = shellcmd.Set("awk", "gawk", "mawk", "sed", "tr", "sort", "uniq", "cut", "head", "tail",
	"grep", "egrep", "fgrep", "wc", "column", "paste", "rev", "fold", "fmt", "nl")

// commandName is the base name of a simple command's literal first word,
// or "".
func commandName(st *syntax.Stmt) string {
	c, ok := st.Cmd.(*syntax.CallExpr)
	if !ok || len(c.Args) == 0 {
		return ""
	}
	name, ok := parser.WordLiteral(c.Args[0])
	if !ok {
		return ""
	}
	return path.Base(name)
}

// readsOneFile tells whether a stage is `cat FILE`.
func readsOneFile(st *syntax.Stmt) bool {
	c, ok := st.Cmd.(*syntax.CallExpr)
	return ok && commandName(st) == "cat" && len(c.Args) == 2 && len(st.Redirs) == 0
}

// literalArgs returns the literal words of a simple command (a word with
// an expansion, `-C "$DIR"`, is left out), or false when the command name
// is not literal.
func literalArgs(st *syntax.Stmt) ([]string, bool) {
	c, ok := st.Cmd.(*syntax.CallExpr)
	if !ok || len(c.Args) == 0 {
		return nil, false
	}
	var args []string
	for i, w := range c.Args {
		v, ok := parser.WordLiteral(w)
		if !ok {
			if i == 0 {
				return nil, false
			}
			continue
		}
		args = append(args, v)
	}
	return args, true
}

// stmtCannotFail tells whether a pipeline stage only writes text the
// script holds or a fact of the system that is always there
// (cannotFailProducers), or is a block or subshell made only of those.
func stmtCannotFail(st *syntax.Stmt) bool {
	switch x := st.Cmd.(type) {
	case *syntax.CallExpr:
		if len(x.Args) == 0 {
			return false
		}
		name, ok := parser.WordLiteral(x.Args[0])
		if !ok {
			return false
		}
		p, known := cannotFailProducers[path.Base(name)]
		if !known {
			return false
		}
		switch {
		case p.noOperands:
			return len(x.Args) == 1
		case p.onlyWith != "":
			return len(x.Args) == 2 && argIs(x.Args[1], p.onlyWith)
		}
		return true
	case *syntax.Block:
		return allCannotFail(x.Stmts)
	case *syntax.Subshell:
		return allCannotFail(x.Stmts)
	case *syntax.BinaryCmd:
		return x.Op == syntax.OrStmt && isNoOp(x.Y) // `{ prog --help || :; } | grep …`
	}
	return false
}

func argIs(w *syntax.Word, want string) bool {
	v, ok := parser.WordLiteral(w)
	return ok && v == want
}

func allCannotFail(stmts []*syntax.Stmt) bool {
	if len(stmts) == 0 {
		return false
	}
	for _, st := range stmts {
		if !stmtCannotFail(st) {
			return false
		}
	}
	return true
}

// producer is how a command at the head of a pipeline cannot fail.
type producer struct {
	// noOperands: only with no arguments (`cat` then copies the heredoc or
	// here-string the script gives it; `cat file` can fail).
	noOperands bool
	// onlyWith: only as `name onlyWith` (`dpkg --print-architecture`).
	onlyWith string
}

// cannotFailProducers are commands that, at the head of a pipeline, fail
// only when their output cannot be written, and then the consumer's status
// already tells. The shell's echo and printf write their arguments (a
// `$(curl …)` in them is not helped by pipefail either: its status is
// lost whatever the options); yes, true and `:` cannot fail; uname, arch
// and nproc, `dpkg --print-architecture` and `apk --print-arch` print what
// the system is. (POSIX sh, bash 5.2 and BusyBox 1.36 builtins and
// coreutils 9; checked 2026-12-07.)
var cannotFailProducers = map[string]producer{
	"echo":   {},
	"printf": {},
	"yes":    {},
	"true":   {},
	":":      {},
	"uname":  {},
	"arch":   {},
	"nproc":  {},
	"cat":    {noOperands: true},
	"dpkg":   {onlyWith: "--print-architecture"},
	"apk":    {onlyWith: "--print-arch"},
}

// consumerChecksInput tells whether the last stage of a pipeline fails
// when its input is empty or cut short, which is what a failed producer
// (a download that stops) gives it: the pipeline then fails without
// pipefail. `sh`, `python` or `grep` do not: an empty script runs, a
// partial list may match.
func consumerChecksInput(st *syntax.Stmt) bool {
	args, ok := literalArgs(st)
	if !ok {
		return false
	}
	check, known := inputCheckingConsumers[path.Base(args[0])]
	return known && check(args[1:])
}

// inputCheckingConsumers are commands that exit non-zero on empty or
// truncated input, each with the arguments that make it read its input
// that way. Checked 2026-12-07 with GNU tar 1.34, gpg 2.2, apt-key,
// coreutils 9 and BusyBox 1.36 (`printf ” | CMD; echo $?`, and half a
// .tar.gz for tar): tar 2 (BusyBox 1), gpg 2, apt-key 2, sha256sum -c 1,
// unzip 10 (BusyBox 1).
var inputCheckingConsumers = map[string]func(args []string) bool{
	"tar":       tarExtracts,
	"gpg":       hasAnyArg("--import", "--dearmor"),
	"gpg2":      hasAnyArg("--import", "--dearmor"),
	"apt-key":   hasAnyArg("add"),
	"md5sum":    hasAnyArg("-c", "--check"),
	"sha1sum":   hasAnyArg("-c", "--check"),
	"sha224sum": hasAnyArg("-c", "--check"),
	"sha256sum": hasAnyArg("-c", "--check"),
	"sha384sum": hasAnyArg("-c", "--check"),
	"sha512sum": hasAnyArg("-c", "--check"),
	"shasum":    hasAnyArg("-c", "--check"),
	"unzip":     func([]string) bool { return true },
}

func hasAnyArg(names ...string) func([]string) bool {
	return func(args []string) bool {
		for _, a := range args {
			if slices.Contains(names, a) {
				return true
			}
		}
		return false
	}
}

// tarExtracts tells whether tar's arguments extract an archive: `-x`,
// `--extract`, `-xzf`, or the old style `xz` as the first word.
func tarExtracts(args []string) bool {
	for i, a := range args {
		switch {
		case a == "--extract" || a == "--get":
			return true
		case strings.HasPrefix(a, "--"):
		case strings.HasPrefix(a, "-"):
			if strings.Contains(a[1:], "x") {
				return true
			}
		case i == 0:
			if strings.Contains(a, "x") {
				return true
			}
		}
	}
	return false
}

// isNoOp tells whether a statement is `true` or `:`.
func isNoOp(st *syntax.Stmt) bool {
	c, ok := st.Cmd.(*syntax.CallExpr)
	if !ok || len(c.Args) != 1 || len(st.Redirs) > 0 {
		return false
	}
	name, _ := parser.WordLiteral(c.Args[0])
	return name == "true" || name == ":"
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
