package shellcmd

// Reading simple commands of RUN scripts for the package-manager rules:
// take off the wrappers that run another command unchanged (sudo, env, …),
// find a tool's subcommand and options the way its option parser would, and
// compute the file offsets where a fix inserts or deletes text. Everything
// here keeps the file offsets of the words (parser.Word), so that fixes edit
// the original bytes. The wrapper table and StripWrappers are also what
// simple.go reads through: there is one notion of "wrapper" for
// every rule.

import (
	"iter"
	"path"
	"strings"
	"sync"

	"github.com/dflint/dflint/internal/edit"
	"github.com/dflint/dflint/parser"
	"mvdan.cc/sh/v3/syntax"
)

// Command is a simple command seen through its wrappers: Args[0] is the
// command that really runs (`apt-get` in `sudo -E env A=1 apt-get install`).
type Command struct {
	Call *parser.Call
	Args []parser.Word
	// Env holds the literal variables assigned for the command, in front of
	// it (`A=1 pip install`) or through `env A=1`.
	Env map[string]string

	name     string // see Name
	parsedMu sync.Mutex
	parsed   []parsedOptions // see Options
}

// Name is the base name of the command ("pip3" for /usr/local/bin/pip3).
func (c *Command) Name() string { return c.name }

// newShellCmd makes the view of a call whose command is args[0]; every
// rule asks its name, so the base name is taken once.
func newShellCmd(c *parser.Call, args []parser.Word, env map[string]string) *Command {
	return &Command{Call: c, Args: args, Env: env, name: path.Base(args[0].Value)}
}

// wrapperOpts describes the options of a wrapper command: those that take
// a value in the next word, and whether its first operand is not the
// command (gosu USER cmd, timeout DURATION cmd).
type wrapperOpts struct {
	spec        OptSpec
	skipOperand int
	// noRun lists options with which the wrapper does not run the command
	// (`command -v apt-get` only looks it up).
	noRun map[string]bool
}

var wrappers = map[string]wrapperOpts{
	"sudo": {spec: OptSpec{
		ShortValue: "CDghpRrTtUu",
		LongValue:  Set("--close-from", "--chdir", "--group", "--host", "--prompt", "--chroot", "--role", "--type", "--command-timeout", "--other-user", "--user"),
	}, noRun: Set("-e", "--edit", "-l", "--list", "-v", "--validate", "-k", "-K", "--reset-timestamp", "--remove-timestamp", "-V", "--version", "-h", "--help")},
	"env": {spec: OptSpec{
		ShortValue: "uCS",
		LongValue:  Set("--unset", "--chdir", "--split-string"),
	}, noRun: Set("-S", "--split-string")},
	"command":   {noRun: Set("-v", "-V")},
	"exec":      {spec: OptSpec{ShortValue: "a"}},
	"nice":      {spec: OptSpec{ShortValue: "n", LongValue: Set("--adjustment")}},
	"time":      {spec: OptSpec{ShortValue: "fo", LongValue: Set("--format", "--output")}},
	"nohup":     {},
	"eatmydata": {},
	"timeout":   {spec: OptSpec{ShortValue: "ks", LongValue: Set("--kill-after", "--signal")}, skipOperand: 1},
	"gosu":      {skipOperand: 1},
	"su-exec":   {skipOperand: 1},
	"xargs": {spec: OptSpec{
		ShortValue: "adEILnPs",
		LongValue:  Set("--arg-file", "--delimiter", "--max-lines", "--max-args", "--max-procs", "--max-chars", "--process-slot-var"),
	}},
	// Init processes of ENTRYPOINTs: they run the command as a child.
	"dumb-init":   {spec: OptSpec{ShortValue: "r", LongValue: Set("--rewrite")}, noRun: Set("-V", "--version", "-h", "--help")},
	"tini":        tiniOpts,
	"tini-static": tiniOpts,
}

var tiniOpts = wrapperOpts{spec: OptSpec{ShortValue: "pe"}, noRun: Set("-h", "--version", "-l")}

// ViewCall returns the command a call really runs, wrappers taken off. ok
// is false when there is none or its name is not literal.
func ViewCall(c *parser.Call) (cmd *Command, ok bool) {
	args, env, ok := StripWrappers(c.Args, AssignedEnv(c.Expr.Assigns))
	if !ok {
		return nil, false
	}
	return newShellCmd(c, args, env), true
}

// AssignedEnv returns the variables assigned in front of a command
// (`A=1 pip install`) whose value is literal: a value with expansions is
// not known, and is left out rather than guessed. It is nil when there are
// none (most commands): a nil map reads as empty.
func AssignedEnv(assigns []*syntax.Assign) map[string]string {
	var env map[string]string
	for _, a := range assigns {
		if a.Name == nil {
			continue
		}
		if v, ok := parser.WordLiteral(a.Value); ok {
			if env == nil {
				env = map[string]string{}
			}
			env[a.Name.Value] = v
		}
	}
	return env
}

// StripWrappers takes the wrappers (the wrappers table) off the front of a
// command's words and returns the words of the command that really runs;
// the variables that `env A=1` or `sudo A=1` set are added to env, which is
// returned (made when env is nil and there are some), also when ok is
// false. ok is false when nothing runs (`command -v x`, `sudo -l`, a
// wrapper without a command) or the command's name is not literal. The
// words need no file offsets: literal words made from strings work as well.
func StripWrappers(args []parser.Word, env map[string]string) (cmd []parser.Word, envOut map[string]string, ok bool) {
	for len(args) > 0 && args[0].Literal {
		name := path.Base(args[0].Value)
		w, isWrapper := wrappers[name]
		if !isWrapper {
			return args, env, true
		}
		spec := w.spec
		spec.stopAtOperand = true
		opts, operands := parseOptions(args, &spec)
		for _, o := range opts {
			if w.noRun[o.Name] {
				return nil, env, false
			}
		}
		if len(operands) == 0 {
			return nil, env, false
		}
		rest := args[operands[0]:]
		if name == "env" || name == "sudo" {
			for len(rest) > 0 && rest[0].Literal && IsAssignment(rest[0].Value) {
				k, v, _ := strings.Cut(rest[0].Value, "=")
				if env == nil {
					env = map[string]string{}
				}
				env[k] = v
				rest = rest[1:]
			}
		}
		if len(rest) <= w.skipOperand {
			return nil, env, false
		}
		args = rest[w.skipOperand:]
	}
	return nil, env, false
}

// IsAssignment tells whether a word assigns a variable: `NAME=value`.
func IsAssignment(s string) bool {
	name, _, ok := strings.Cut(s, "=")
	if !ok || name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || i > 0 && '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// OptSpec tells an option parser which options take a value.
type OptSpec struct {
	// ShortValue lists the short option letters that take a value: the
	// rest of the word (`-oKey=val`) or the next word (`-o Key=val`).
	ShortValue string
	// LongValue lists the long options that take a value in the next word
	// when it is not given with "=" (`--option Key=val`).
	LongValue map[string]bool
	// stopAtOperand stops option parsing at the first operand, as
	// wrappers and `python` do (what follows belongs to the command).
	stopAtOperand bool
}

// NoValueOptions is the spec of a command none of whose options take a
// value in the next word (or whose such options do not matter).
var NoValueOptions = OptSpec{}

func Set(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// ShellOpt is one option found in a command's words.
type ShellOpt struct {
	// Name is "-y" for a short option (also inside a cluster such as
	// `-qy`) and "--yes" for a long one.
	Name string
	// Value is the option's value: `--quiet=2`, `-q=2`, `-oKey=val`,
	// `-o Key=val`. HasValue tells whether there is one.
	Value    string
	HasValue bool
	// Word is the index in the argument list of the word the option is in.
	Word int
}

// parseOptions reads the words after args[0] like a getopt parser: a
// cluster `-qy` gives -q and -y; `--` ends the options. operands are the
// indexes of the other words. Options may follow operands (apt-get, pip and
// apk accept them anywhere) unless spec.stopAtOperand. A word with
// expansions is an operand unless its literal start is an option's.
func parseOptions(args []parser.Word, spec *OptSpec) (opts []ShellOpt, operands []int) {
	for i := 1; i < len(args); i++ {
		w := args[i]
		text := w.Value
		if !w.Literal {
			text = LiteralPrefix(w.Word)
		}
		switch {
		case text == "--":
			for j := i + 1; j < len(args); j++ {
				operands = append(operands, j)
			}
			return opts, operands
		case strings.HasPrefix(text, "--"):
			name, val, hasVal := strings.Cut(text, "=")
			o := ShellOpt{Name: name, Value: val, HasValue: hasVal, Word: i}
			if !hasVal && spec.LongValue[name] && i+1 < len(args) {
				i++
				o.Value, o.HasValue = args[i].Value, true
			}
			opts = append(opts, o)
		case len(text) > 1 && text[0] == '-':
			for j := 1; j < len(text); j++ {
				o := ShellOpt{Name: "-" + text[j:j+1], Word: i}
				if j+1 < len(text) && text[j+1] == '=' {
					// `-q=2`: apt's own syntax for a short option's value.
					o.Value, o.HasValue = text[j+2:], true
					opts = append(opts, o)
					break
				}
				if strings.IndexByte(spec.ShortValue, text[j]) >= 0 {
					if j+1 < len(text) {
						o.Value, o.HasValue = text[j+1:], true
					} else if i+1 < len(args) {
						i++
						o.Value, o.HasValue = args[i].Value, true
					}
					opts = append(opts, o)
					break
				}
				opts = append(opts, o)
			}
		default:
			if spec.stopAtOperand {
				for j := i; j < len(args); j++ {
					operands = append(operands, j)
				}
				return opts, operands
			}
			operands = append(operands, i)
		}
	}
	return opts, operands
}

// LiteralPrefix is the literal text a word starts with, before its first
// expansion: "--opt=" for `--opt=$X`.
func LiteralPrefix(w *syntax.Word) string {
	var sb strings.Builder
	for _, p := range w.Parts {
		switch x := p.(type) {
		case *syntax.Lit:
			sb.WriteString(x.Value)
		case *syntax.SglQuoted:
			sb.WriteString(x.Value)
		default:
			return sb.String()
		}
	}
	return sb.String()
}

// Options parses the command's words with spec. The rules of one tool ask
// the same command again and again, so the answer is kept per spec (a
// package-level variable: the pointer is the key) and shared: do not
// modify it.
func (c *Command) Options(spec *OptSpec) (opts []ShellOpt, operands []int) {
	c.parsedMu.Lock()
	defer c.parsedMu.Unlock()
	for _, p := range c.parsed {
		if p.spec == spec {
			return p.opts, p.operands
		}
	}
	opts, operands = parseOptions(c.Args, spec)
	// Full capacity: a caller's append copies instead of writing into
	// the kept arrays.
	opts, operands = opts[:len(opts):len(opts)], operands[:len(operands):len(operands)]
	c.parsed = append(c.parsed, parsedOptions{spec, opts, operands})
	return opts, operands
}

// parsedOptions is what Options found for one spec.
type parsedOptions struct {
	spec     *OptSpec
	opts     []ShellOpt
	operands []int
}

// Subcommand returns the index in Args and the value of the first operand
// (`install` in `apt-get -q install x`); ok is false when there is none or
// it has expansions.
func (c *Command) Subcommand(spec *OptSpec) (idx int, name string, ok bool) {
	_, operands := c.Options(spec)
	if len(operands) == 0 || !c.Args[operands[0]].Literal {
		return 0, "", false
	}
	return operands[0], c.Args[operands[0]].Value, true
}

// HasOption tells whether one of the named options is given: "-y" matches
// `-y` and `-qy`; "--yes" matches `--yes` and `--yes=…`.
func (c *Command) HasOption(spec *OptSpec, names ...string) bool {
	opts, _ := c.Options(spec)
	for _, o := range opts {
		for _, n := range names {
			if o.Name == n {
				return true
			}
		}
	}
	return false
}

// WordEnd is the file offset just past the last byte of Args[i]: where text
// inserted "after the word" goes. It is computed from the word's last byte,
// so that a word directly followed by a line continuation (`install\`)
// still gets the text on its own line.
func (c *Command) WordEnd(i int) int {
	return EndOffset(c.Call.Script, c.Args[i].Word.End())
}

// EndOffset maps the end position of a node (one past its last byte) to the
// file offset just past that byte.
func EndOffset(s *parser.Script, end syntax.Pos) int {
	return s.OffsetAt(int(end.Offset())-1) + 1
}

// CommandsIn lists the commands of a RUN (or a RUN trigger) seen through
// their wrappers, in source order. Most rules read them, so they are read
// once per instruction; the list and its commands are shared: do not
// modify them.
func CommandsIn(in *parser.Instruction) []*Command {
	return parser.Memo(in, commandsInKey{}, viewCalls)
}

type commandsInKey struct{}

func viewCalls(in *parser.Instruction) []*Command {
	out := make([]*Command, 0, len(in.Calls()))
	for _, c := range in.Calls() {
		if v, ok := ViewCall(c); ok {
			out = append(out, v)
		}
	}
	// Full capacity: a caller's append copies instead of writing into the
	// shared array.
	return out[:len(out):len(out)]
}

// RunInstructions yields the RUN instructions of the file and the RUN
// triggers of its ONBUILDs, in file order. The trigger is yielded rather
// than the ONBUILD, so that Flags and Calls are the RUN's.
func RunInstructions(f *parser.File) iter.Seq[*parser.Instruction] {
	return func(yield func(*parser.Instruction) bool) {
		f.CountWork(len(f.Instructions))
		for _, in := range f.Instructions {
			x := in
			if in.Trigger != nil {
				x = in.Trigger
			}
			if x.Name == "run" && !yield(x) {
				return
			}
		}
	}
}

// runMount is one --mount of a RUN.
type runMount struct {
	Type   string // bind (the default), cache, tmpfs, secret, ssh
	Target string
	// From is the stage or image a bind or cache mount reads from, as
	// written ("" for the build context, or an empty cache).
	From string
	// Flag is the whole flag as BuildKit parsed it ("--mount=type=…").
	Flag string
}

// RunMounts reads the RUN's --mount flags.
func RunMounts(in *parser.Instruction) []runMount {
	var out []runMount
	for _, fl := range in.Flags() {
		v, ok := strings.CutPrefix(fl, "--mount=")
		if !ok {
			continue
		}
		m := runMount{Type: "bind", Flag: fl}
		for _, field := range strings.Split(v, ",") {
			k, val, _ := strings.Cut(field, "=")
			val = strings.Trim(val, `"'`)
			switch strings.ToLower(strings.TrimSpace(k)) {
			case "type":
				m.Type = strings.ToLower(val)
			case "target", "dst", "destination":
				m.Target = path.Clean(val)
			case "from":
				m.From = val
			}
		}
		out = append(out, m)
	}
	return out
}

// HasCacheMount tells whether the RUN mounts a cache (or a tmpfs, which
// leaves nothing behind either) on one of the directories or a parent of
// one.
func HasCacheMount(in *parser.Instruction, dirs ...string) bool {
	for _, m := range RunMounts(in) {
		if m.Type != "cache" && m.Type != "tmpfs" {
			continue
		}
		for _, d := range dirs {
			if m.Target == d || strings.HasPrefix(d, m.Target+"/") {
				return true
			}
		}
	}
	return false
}

// ExpandBraces expands the brace lists of a literal word the way bash does
// (`/var/cache/{apt,debconf}/*`), so that paths written that way are
// recognised. Words without a well-formed list come back unchanged.
func ExpandBraces(s string) []string {
	open := strings.IndexByte(s, '{')
	if open < 0 {
		return []string{s}
	}
	depth := 0
	var parts []string
	last := open + 1
	for i := open; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case ',':
			if depth == 1 {
				parts = append(parts, s[last:i])
				last = i + 1
			}
		case '}':
			depth--
			if depth == 0 {
				if len(parts) == 0 {
					return []string{s}
				}
				parts = append(parts, s[last:i])
				var out []string
				for _, p := range parts {
					out = append(out, ExpandBraces(s[:open]+p+s[i+1:])...)
				}
				return out
			}
		}
	}
	return []string{s}
}

// AndChain is a list of statements joined by && and ||, flattened: the
// statement `a && b || c` is leaves a, b, c with ops &&, ||. Pipelines and
// compound commands are leaves.
type AndChain struct {
	Leaves []*syntax.Stmt
	Ops    []syntax.BinCmdOperator
	OpPos  []syntax.Pos
}

// ChainOf finds the chain a statement is a leaf of in the script, and the
// leaf's index. ok is false when the statement is not a leaf of a chain
// that can be read (a negated or redirected list is not flattened).
func ChainOf(s *parser.Script, leaf *syntax.Stmt) (ch *AndChain, idx int, ok bool) {
	// The statements that are operands of && or || are inside a chain;
	// every other statement starts one (of one leaf, often).
	inner := map[*syntax.Stmt]bool{}
	syntax.Walk(s.AST, func(n syntax.Node) bool {
		if b, isBin := n.(*syntax.BinaryCmd); isBin && (b.Op == syntax.AndStmt || b.Op == syntax.OrStmt) {
			inner[b.X], inner[b.Y] = true, true
		}
		return true
	})
	syntax.Walk(s.AST, func(n syntax.Node) bool {
		if ch != nil {
			return false
		}
		if st, isStmt := n.(*syntax.Stmt); isStmt && !inner[st] {
			c := &AndChain{}
			flattenChain(st, c)
			for i, l := range c.Leaves {
				if l == leaf {
					ch, idx = c, i
					return false
				}
			}
		}
		return true
	})
	return ch, idx, ch != nil
}

func flattenChain(st *syntax.Stmt, c *AndChain) {
	if b, ok := st.Cmd.(*syntax.BinaryCmd); ok && (b.Op == syntax.AndStmt || b.Op == syntax.OrStmt) &&
		!st.Negated && !st.Background && len(st.Redirs) == 0 {
		flattenChain(b.X, c)
		c.Ops = append(c.Ops, b.Op)
		c.OpPos = append(c.OpPos, b.OpPos)
		flattenChain(b.Y, c)
		return
	}
	c.Leaves = append(c.Leaves, st)
}

// StmtEnd is the end of a statement's command and redirections, before a
// trailing `;` or `&`.
func StmtEnd(st *syntax.Stmt) syntax.Pos {
	end := st.Position
	if st.Cmd != nil {
		end = st.Cmd.End()
	}
	for _, r := range st.Redirs {
		if r.End().After(end) {
			end = r.End()
		}
	}
	return end
}

// CommentInRange tells whether a comment line of the file starts in
// [start, end): an edit over that range would delete it.
func CommentInRange(f *parser.File, start, end int) bool {
	for _, c := range f.Comments {
		if c.Start >= start && c.Start < end {
			return true
		}
	}
	return false
}

// DeleteChainLink returns the edit that removes leaf idx of a chain
// together with the operator that links it: the operator after it for a
// leaf that is not the last (`apk update && ` in `apk update && apk add`),
// the one before it for the last (` && rm -rf x`). ok is false when the
// text to delete holds a comment line.
func DeleteChainLink(s *parser.Script, ch *AndChain, idx int) (edit.Edit, bool) {
	f := s.Instruction.File
	src := f.Source
	var start, end int
	if idx < len(ch.Leaves)-1 {
		start = s.Offset(ch.Leaves[idx].Pos())
		opEnd := s.OffsetAt(int(ch.OpPos[idx].Offset())+1) + 1
		next := s.Offset(ch.Leaves[idx+1].Pos())
		// Spaces after the operator go too; when the next command is on
		// a later line, the line continuation stays.
		end = opEnd
		for end < len(src) && end < next && (src[end] == ' ' || src[end] == '\t') {
			end++
		}
	} else {
		if idx == 0 {
			return edit.Edit{}, false
		}
		start = EndOffset(s, StmtEnd(ch.Leaves[idx-1]))
		end = EndOffset(s, StmtEnd(ch.Leaves[idx]))
	}
	if CommentInRange(f, start, end) || changesContinuation(f, start, end) {
		return edit.Edit{}, false
	}
	return edit.Edit{Start: start, End: end}, true
}

// changesContinuation tells whether deleting [start, end) would make the
// line it leaves end in a line continuation where it did not, or the
// reverse: in `apk add \ && rm x`, deleting ` && rm x` leaves the escaped
// space at the end of the line, where it continues the line into the next
// instruction.
func changesContinuation(f *parser.File, start, end int) bool {
	startLine, _ := f.Position(start)
	endLine, _ := f.Position(end)
	lineStart, lineEnd := f.LineStart(startLine), f.LineEnd(endLine)
	before := f.Source[f.LineStart(endLine):lineEnd]
	after := append(append([]byte(nil), f.Source[lineStart:start]...), f.Source[end:lineEnd]...)
	return parser.LineContinues(before, f.Escape) != parser.LineContinues(after, f.Escape)
}

// ScriptOfCall returns the script to append to for a command: the heredoc
// body it is in, or else the instruction's command line (the outermost
// script, also for commands inside `sh -c '…'`).
func ScriptOfCall(c *parser.Call) *parser.Script {
	s := c.Script
	for s.Parent != nil {
		s = s.Parent
	}
	return s
}

// AppendCommand returns the edit that runs cmdText after everything else in
// the script: ` && cmdText` after the last statement of a command line,
// or, in a heredoc body, a new line before the terminator when the script
// stops at the first error (`set -e`) and ` && cmdText` after its last
// statement otherwise (a new last line would hide the exit status of the
// one before it). ok is false when the script ends in a background job or
// cannot be read.
func AppendCommand(s *parser.Script, cmdText string) (edit.Edit, bool) {
	if s.AST == nil || len(s.AST.Stmts) == 0 {
		return edit.Edit{}, false
	}
	last := s.AST.Stmts[len(s.AST.Stmts)-1]
	if last.Background || last.Coprocess {
		return edit.Edit{}, false
	}
	if s.Heredoc != nil && scriptHasErrexit(s) {
		f := s.Instruction.File
		lastLine, _ := f.Position(s.Offset(last.Pos()))
		line := string(f.Line(lastLine))
		indent := line[:len(line)-len(strings.TrimLeft(line, " \t"))]
		at := s.Heredoc.End
		return edit.Edit{Start: at, End: at, NewText: indent + cmdText + f.NewlineStyle()}, true
	}
	at := EndOffset(s, StmtEnd(last))
	return edit.Edit{Start: at, End: at, NewText: " && " + cmdText}, true
}

// scriptHasErrexit tells whether a script turns on errexit at its top level
// (`set -e`, `set -eux`, `set -o errexit`) or in its #! line.
func scriptHasErrexit(s *parser.Script) bool {
	if first, _, _ := strings.Cut(s.Source, "\n"); strings.HasPrefix(first, "#!") {
		for _, f := range strings.Fields(first)[1:] {
			if len(f) > 1 && f[0] == '-' && f[1] != '-' && strings.Contains(f, "e") {
				return true
			}
		}
	}
	for _, st := range s.AST.Stmts {
		call, ok := st.Cmd.(*syntax.CallExpr)
		if !ok || len(call.Args) < 2 {
			continue
		}
		if name, _ := parser.WordLiteral(call.Args[0]); name != "set" {
			continue
		}
		for i, a := range call.Args[1:] {
			v, _ := parser.WordLiteral(a)
			if len(v) > 1 && v[0] == '-' && v[1] != '-' && v[1] != 'o' && strings.Contains(v, "e") {
				return true
			}
			if v == "-o" && i+2 < len(call.Args) {
				if o, _ := parser.WordLiteral(call.Args[i+2]); o == "errexit" {
					return true
				}
			}
		}
	}
	return false
}

// KeywordInCase writes a keyword in the case of the one it replaces: upper,
// lower, or capitalised.
func KeywordInCase(like, keyword string) string {
	switch like {
	case strings.ToLower(like):
		return strings.ToLower(keyword)
	case strings.ToUpper(like):
		return strings.ToUpper(keyword)
	}
	return strings.ToUpper(keyword[:1]) + strings.ToLower(keyword[1:])
}

// AptSpec is apt-get's and apt's option syntax.
var AptSpec = OptSpec{
	ShortValue: "octaP",
	LongValue:  Set("--option", "--config-file", "--target-release", "--default-release", "--host-architecture", "--build-profiles"),
}

// AptInstall tells whether the command is `apt-get install` or `apt
// install` (options anywhere) and returns the index of the `install` word.
// A simulated install (`-s`, `--dry-run`, …) installs nothing and does not
// count.
func AptInstall(c *Command) (sub int, ok bool) {
	if n := c.Name(); n != "apt-get" && n != "apt" {
		return 0, false
	}
	i, name, ok := c.Subcommand(&AptSpec)
	if !ok || name != "install" {
		return 0, false
	}
	if c.HasOption(&AptSpec, "-s", "--simulate", "--just-print", "--dry-run", "--recon", "--no-act") {
		return 0, false
	}
	return i, true
}

// AptConfig returns the value of `-o Key=value` for an apt configuration
// key (case-insensitive, as apt reads it).
func AptConfig(c *Command, key string) (string, bool) {
	opts, _ := c.Options(&AptSpec)
	val, found := "", false
	for _, o := range opts {
		if o.Name != "-o" && o.Name != "--option" {
			continue
		}
		k, v, _ := strings.Cut(o.Value, "=")
		if strings.EqualFold(k, key) {
			val, found = v, true
		}
	}
	return val, found
}

// AptTrue reads an apt boolean the way apt does.
func AptTrue(v string) bool {
	switch strings.ToLower(strings.Trim(v, `"'`)) {
	case "1", "yes", "true", "with", "on", "enable":
		return true
	}
	return false
}

// AnyLaterRun tells whether a RUN instruction (or RUN trigger) after in
// that builds on in's stage, later in the same stage or in a stage built
// FROM it (and so sees what in leaves in the file system), is one for which
// match is true. match must depend on the RUN alone, and key must stand for
// it as with parser.Memo: the matches are indexed once per file and key,
// because rules ask for every RUN and a walk of the rest of the file each
// time is quadratic in the file.
func AnyLaterRun(in *parser.Instruction, key any, match func(*parser.Instruction) bool) bool {
	if in.Stage == nil {
		return false
	}
	idx := parser.FileMemo(in.File, laterRunsKey{key}, func(f *parser.File) laterRunIndex {
		return indexLaterRuns(f, match)
	})
	return idx.lastOwn[in.Stage.Index] > in.Index || idx.onTop[in.Stage.Index]
}

// laterRunsKey keeps AnyLaterRun's indexes apart per caller key.
type laterRunsKey struct{ key any }

// laterRunIndex holds, per stage index, the index of the last matching
// RUN of the stage (-1 for none), and whether a stage built on the stage,
// directly or not, has a matching RUN.
type laterRunIndex struct {
	lastOwn []int
	onTop   []bool
}

func indexLaterRuns(f *parser.File, match func(*parser.Instruction) bool) laterRunIndex {
	idx := laterRunIndex{lastOwn: make([]int, len(f.Stages)), onTop: make([]bool, len(f.Stages))}
	for i := range idx.lastOwn {
		idx.lastOwn[i] = -1
	}
	for x := range RunInstructions(f) {
		if x.Stage != nil && match(x) {
			idx.lastOwn[x.Stage.Index] = x.Index
		}
	}
	// A stage's base comes before it: going backwards, each stage's answer
	// is complete before it is passed to its base.
	for i := len(f.Stages) - 1; i >= 0; i-- {
		if b := f.Stages[i].BaseStage; b != nil && (idx.lastOwn[i] >= 0 || idx.onTop[i]) {
			idx.onTop[b.Index] = true
		}
	}
	return idx
}

// ApkSpec is apk's option syntax (global and `add` options).
var ApkSpec = OptSpec{
	ShortValue: "Xpt",
	LongValue:  Set("--repository", "--root", "--arch", "--cache-dir", "--keys-dir", "--repositories-file", "--virtual", "--cache-max-age", "--timeout", "--from"),
}

// ApkSub returns the apk subcommand of a command ("" when it is not apk).
func ApkSub(c *Command) (sub int, name string) {
	if c.Name() != "apk" {
		return 0, ""
	}
	i, n, ok := c.Subcommand(&ApkSpec)
	if !ok {
		return 0, ""
	}
	return i, n
}

// PipSpec is pip's option syntax (general and `install` options): the
// options that take their value in the next word, so that the value of
// `--root-user-action ignore` is not read as a package.
//
// Source: pip 23.2.1's own option table (every option of `pip install`
// whose optparse Option.takes_value(), listed on 2026-12-07), plus what
// later and earlier pips add: --group and --resume-retries (new in pip
// 25.1), --install-option (removed in pip 23.1) and -b/--build (the build
// directory of old pips).
var PipSpec = OptSpec{
	ShortValue: "rcetifCb",
	LongValue: Set(
		// General options.
		"--python", "--log", "--log-file", "--local-log", "--proxy", "--retries", "--timeout", "--default-timeout",
		"--exists-action", "--trusted-host", "--cert", "--client-cert", "--cache-dir", "--use-feature",
		"--use-deprecated", "--keyring-provider", "--resume-retries",
		// Install options.
		"--requirement", "--constraint", "--editable", "--target", "--platform", "--python-version",
		"--implementation", "--abi", "--root", "--prefix", "--src", "--source", "--source-dir",
		"--source-directory", "--upgrade-strategy", "--config-settings", "--global-option", "--no-binary",
		"--only-binary", "--progress-bar", "--root-user-action", "--report", "--group",
		// Package index options.
		"--index-url", "--pypi-url", "--extra-index-url", "--find-links",
		// Older pips.
		"--install-option", "--build",
	),
}

// IsPipName tells whether a command name is pip: pip, pip3, pip3.12.
func IsPipName(name string) bool { return isVersioned(name, "pip") }

// IsPythonName tells whether a command name is python: python, python3,
// python3.12.
func IsPythonName(name string) bool { return isVersioned(name, "python") }

// isVersioned tells whether name is prog followed only by digits and dots.
func isVersioned(name, prog string) bool {
	v, ok := strings.CutPrefix(name, prog)
	return ok && strings.Trim(v, "0123456789.") == ""
}

// AsPip returns the pip command a command runs: itself for pip, pip3,
// pip3.12, and the words from `pip` on for `python3 -m pip …`. ok is false
// for other commands.
func AsPip(c *Command) (*Command, bool) {
	name := c.Name()
	if IsPipName(name) {
		return c, true
	}
	if !IsPythonName(name) {
		return nil, false
	}
	i, ok := PythonModule(c.Args)
	if !ok || !c.Args[i].Literal || !IsPipName(c.Args[i].Value) {
		return nil, false
	}
	return newShellCmd(c.Call, c.Args[i:], c.Env), true
}

// PythonModule returns the index of the module word of `python [options]
// -m module …` (args[0] is the python command). ok is false when python
// runs a script or a program string instead.
func PythonModule(args []parser.Word) (i int, ok bool) {
	for i := 1; i+1 < len(args); i++ {
		v := args[i].Value
		switch {
		case !args[i].Literal || !strings.HasPrefix(v, "-") || v == "-c":
			return 0, false // a script or a program string runs, not a module
		case v == "-m":
			return i + 1, true
		case v == "-W" || v == "-X":
			i++ // the option's value
		}
	}
	return 0, false
}
