package rules

import (
	"strings"

	"github.com/dflint/dflint/parser"
	"mvdan.cc/sh/v3/syntax"
)

var _ = register(&Rule{
	ID:         "DF411",
	Name:       "apk-no-cache",
	Severity:   Info,
	Summary:    "`apk add` without `--no-cache`",
	Aliases:    []string{"DL3019", "DS-0025"},
	Fix:        Safe,
	FixSummary: "add `--no-cache`; drop a now-useless `apk update &&` and `rm -rf /var/cache/apk/*`",
	Check:      checkApkNoCache,
})

func checkApkNoCache(p *Pass) {
	for in := range linuxRuns(p.File) {
		if hasCacheMount(in, "/var/cache/apk", "/etc/apk/cache") {
			continue
		}
		cmds := commandsIn(in)
		var first *shellCmd
		var edits []Edit
		for _, c := range cmds {
			sub, name := apkSub(c)
			if name != "add" || c.HasOption(&apkSpec, "--no-cache") {
				continue
			}
			if first == nil {
				first = c
			}
			at := c.WordEnd(sub)
			edits = append(edits, Edit{Start: at, End: at, NewText: " --no-cache"})
		}
		if first == nil {
			continue
		}
		edits = append(edits, apkCleanupEdits(in, cmds)...)
		sortEdits(edits)
		p.Report(first.Call.Start(), first.Call.End(), "`apk add` without `--no-cache` leaves the package index in the image: use `apk add --no-cache`",
			&Fix{Title: "Use apk add --no-cache", Applicability: Safe, Edits: edits})
	}
}

// apkCleanupEdits removes the plain `apk update` and `rm -rf
// /var/cache/apk/*` that --no-cache makes useless, where that is safe.
func apkCleanupEdits(in *parser.Instruction, cmds []*shellCmd) []Edit {
	var updates, removals []*shellCmd
	for _, c := range cmds {
		if c.Name() != "apk" {
			if isApkCacheRemoval(c) {
				removals = append(removals, c)
			}
			continue
		}
		_, name := apkSub(c)
		switch {
		case name == "update" && len(c.Call.Args) == 2 && len(c.Call.Expr.Assigns) == 0:
			updates = append(updates, c)
		case name == "add", name == "del", c.HasOption(&apkSpec, "--no-cache"):
		default:
			return nil // another apk command may use the index or the cache
		}
	}
	var edits []Edit
	keptUpdate := false
	if len(updates) > 0 && laterRunUsesApkIndex(in) {
		keptUpdate = true
	} else {
		for _, u := range updates {
			if e, ok := deleteAndLinked(u); ok {
				edits = append(edits, e)
			} else {
				keptUpdate = true
			}
		}
	}
	if keptUpdate || earlierRunUsesApkCache(in) {
		return edits
	}
	for _, r := range removals {
		if e, ok := deleteAndLinked(r); ok {
			edits = append(edits, e)
		}
	}
	return edits
}

// deleteAndLinked deletes a command that is a link of an && chain, with
// its operator, when the chain stays the same without it.
func deleteAndLinked(c *shellCmd) (Edit, bool) {
	st := c.Call.Stmt
	if st == nil || st.Cmd != c.Call.Expr || len(st.Redirs) > 0 || st.Negated {
		return Edit{}, false
	}
	if e, ok := deleteScriptLine(c.Call.Script, st); ok {
		return e, true
	}
	ch, idx, ok := chainOf(c.Call.Script, st)
	if !ok || len(ch.Leaves) < 2 {
		return Edit{}, false
	}
	// The operators on both sides must be &&: in `a || apk update && b`
	// the update decides whether b runs.
	if idx > 0 && ch.Ops[idx-1] != syntax.AndStmt || idx < len(ch.Ops) && ch.Ops[idx] != syntax.AndStmt {
		return Edit{}, false
	}
	return deleteChainLink(c.Call.Script, ch, idx)
}

// deleteScriptLine deletes a statement that has a line of a heredoc script
// to itself, line terminator included.
func deleteScriptLine(s *parser.Script, st *syntax.Stmt) (Edit, bool) {
	if s.Heredoc == nil || st.Semicolon.IsValid() {
		return Edit{}, false
	}
	top := false
	for _, x := range s.AST.Stmts {
		top = top || x == st
	}
	if !top {
		return Edit{}, false
	}
	f := s.Instruction.File
	start, end := s.Offset(st.Pos()), endOffset(s, stmtEnd(st))
	line, _ := f.Position(start)
	endLine, _ := f.Position(end)
	if line != endLine || strings.TrimSpace(string(f.Source[f.LineStart(line):start])) != "" ||
		strings.TrimSpace(string(f.Source[end:f.LineEnd(line)])) != "" {
		return Edit{}, false
	}
	from, to := lineRangeWithTerminator(f, line, line)
	return Edit{Start: from, End: to}, true
}

// isApkCacheRemoval tells whether a command is exactly `rm -rf
// /var/cache/apk/*` (any spelling of the recursive and force options).
func isApkCacheRemoval(c *shellCmd) bool {
	if c.Name() != "rm" || len(c.Call.Args) != len(c.Args) {
		return false
	}
	opts, operands := c.Options(&noValueOptions)
	for _, o := range opts {
		switch o.Name {
		case "-r", "-R", "-f", "--recursive", "--force":
		default:
			return false
		}
	}
	return len(operands) == 1 && c.Args[operands[0]].Literal && strings.TrimSuffix(c.Args[operands[0]].Value, "/*") == "/var/cache/apk"
}

// laterRunUsesApkIndex tells whether a RUN on top of in runs apk in a way
// that reads the index an `apk update` left in /var/cache/apk.
func laterRunUsesApkIndex(in *parser.Instruction) bool {
	for _, x := range laterRuns(in) {
		for _, c := range commandsIn(x) {
			if _, name := apkSub(c); name != "" && name != "del" && name != "update" && !c.HasOption(&apkSpec, "--no-cache", "-U", "--update-cache", "--update") {
				return true
			}
		}
	}
	return false
}

// earlierRunUsesApkCache tells whether a RUN before in, in its stage chain,
// runs apk with its cache, so that files in /var/cache/apk may exist for a
// removal in in to delete.
func earlierRunUsesApkCache(in *parser.Instruction) bool {
	for x := range chainInstructions(in.Stage) {
		if x.Index >= in.Index {
			break
		}
		if x.Trigger != nil {
			x = x.Trigger
		}
		if x.Name != "run" {
			continue
		}
		for _, c := range commandsIn(x) {
			if _, name := apkSub(c); name != "" && !c.HasOption(&apkSpec, "--no-cache") {
				return true
			}
		}
	}
	return false
}
