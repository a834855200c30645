package rules

import (
	"strings"

	"github.com/dflint/dflint/internal/edit"
	"github.com/dflint/dflint/internal/shellcmd"
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
	inImage := stagesInImage(p.File)
	for in := range p.untilCanceled(shellcmd.LinuxRuns(p.File)) {
		// The index of a stage that no image is made of goes away with it.
		if in.Parent == nil && !inImage[in.Stage] || shellcmd.HasCacheMount(in, "/var/cache/apk", "/etc/apk/cache") {
			continue
		}
		cmds := shellcmd.CommandsIn(in)
		if removesApkIndexLast(cmds) {
			continue
		}
		var first *shellcmd.Command
		var edits []Edit
		for _, c := range cmds {
			sub, name := shellcmd.ApkSub(c)
			// --no-network fetches no index: it installs from what is
			// already there (docker-library's `apk add --no-network
			// --virtual .rundeps`).
			if name != "add" || c.HasOption(&shellcmd.ApkSpec, "--no-cache", "--no-network") {
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
		edit.Sort(edits)
		p.Report(first.Call.Start(), first.Call.End(), "`apk add` without `--no-cache` leaves the package index in the image: use `apk add --no-cache`",
			&Fix{Title: "Use apk add --no-cache", Applicability: Safe, Edits: edits})
	}
}

// removesApkIndexLast tells whether the RUN deletes apk's index after the
// last apk command that may fetch one (`apk add -U … && rm -rf
// /var/cache/apk/*`): the APKINDEX files live in /var/cache/apk, so none is
// left in the layer. A removal that runs only when the command before it
// failed (after `||`) does not count.
func removesApkIndexLast(cmds []*shellcmd.Command) bool {
	lastFetch, removal := -1, -1
	for _, c := range cmds {
		if _, name := shellcmd.ApkSub(c); name != "" && name != "del" && name != "info" && !c.HasOption(&shellcmd.ApkSpec, "--no-cache", "--no-network") {
			lastFetch = max(lastFetch, c.Call.Start())
		}
		if removesApkIndex(c) && !runsOnFailure(c) {
			removal = max(removal, c.Call.Start())
		}
	}
	return lastFetch >= 0 && removal > lastFetch
}

// removesApkIndex tells whether a command is an rm of /var/cache/apk or of
// everything in it (among other paths, with any options).
func removesApkIndex(c *shellcmd.Command) bool {
	if c.Name() != "rm" {
		return false
	}
	_, operands := c.Options(&shellcmd.NoValueOptions)
	for _, i := range operands {
		if !c.Args[i].Literal {
			continue
		}
		for _, x := range shellcmd.ExpandBraces(c.Args[i].Value) {
			switch strings.TrimRight(x, "/") {
			case "/var/cache/apk", "/var/cache/apk/*":
				return true
			}
		}
	}
	return false
}

// runsOnFailure tells whether a command is the right side of `||` in an
// and-or chain: it runs only when what came before failed.
func runsOnFailure(c *shellcmd.Command) bool {
	st := c.Call.Stmt
	if st == nil || st.Cmd != c.Call.Expr {
		return false
	}
	ch, idx, ok := shellcmd.ChainOf(c.Call.Script, st)
	return ok && idx > 0 && ch.Ops[idx-1] == syntax.OrStmt
}

// apkCleanupEdits removes the plain `apk update` and `rm -rf
// /var/cache/apk/*` that --no-cache makes useless, where that is safe.
func apkCleanupEdits(in *parser.Instruction, cmds []*shellcmd.Command) []Edit {
	var updates, removals []*shellcmd.Command
	for _, c := range cmds {
		if c.Name() != "apk" {
			if isApkCacheRemoval(c) {
				removals = append(removals, c)
			}
			continue
		}
		_, name := shellcmd.ApkSub(c)
		switch {
		case name == "update" && len(c.Call.Args) == 2 && len(c.Call.Expr.Assigns) == 0:
			updates = append(updates, c)
		case name == "add", name == "del", c.HasOption(&shellcmd.ApkSpec, "--no-cache"):
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
func deleteAndLinked(c *shellcmd.Command) (Edit, bool) {
	st := c.Call.Stmt
	if st == nil || st.Cmd != c.Call.Expr || len(st.Redirs) > 0 || st.Negated {
		return Edit{}, false
	}
	if e, ok := shellcmd.DeleteScriptLine(c.Call.Script, st); ok {
		return e, true
	}
	ch, idx, ok := shellcmd.ChainOf(c.Call.Script, st)
	if !ok || len(ch.Leaves) < 2 {
		return Edit{}, false
	}
	// The operators on both sides must be &&: in `a || apk update && b`
	// the update decides whether b runs.
	if idx > 0 && ch.Ops[idx-1] != syntax.AndStmt || idx < len(ch.Ops) && ch.Ops[idx] != syntax.AndStmt {
		return Edit{}, false
	}
	return shellcmd.DeleteChainLink(c.Call.Script, ch, idx)
}

// isApkCacheRemoval tells whether a command is exactly `rm -rf
// /var/cache/apk/*` (any spelling of the recursive and force options).
func isApkCacheRemoval(c *shellcmd.Command) bool {
	if c.Name() != "rm" || len(c.Call.Args) != len(c.Args) {
		return false
	}
	opts, operands := c.Options(&shellcmd.NoValueOptions)
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
	return shellcmd.AnyLaterRun(in, apkIndexKey{}, usesApkIndex)
}

// apkIndexKey keys the index of RUNs that read apk's index.
type apkIndexKey struct{}

// usesApkIndex tells whether a RUN runs apk in a way that reads the index
// in /var/cache/apk.
func usesApkIndex(x *parser.Instruction) bool {
	for _, c := range shellcmd.CommandsIn(x) {
		if _, name := shellcmd.ApkSub(c); name != "" && name != "del" && name != "update" && !c.HasOption(&shellcmd.ApkSpec, "--no-cache", "-U", "--update-cache", "--update") {
			return true
		}
	}
	return false
}

// earlierRunUsesApkCache tells whether a RUN before in, in its stage chain,
// runs apk with its cache, so that files in /var/cache/apk may exist for a
// removal in in to delete.
func earlierRunUsesApkCache(in *parser.Instruction) bool {
	return parser.FirstBefore(in, apkCacheKey{}, usesApkCache) != nil
}

// apkCacheKey keys the first RUN of a stage chain that uses apk's cache.
type apkCacheKey struct{}

// usesApkCache tells whether a RUN (or RUN trigger) runs apk with its cache.
func usesApkCache(x *parser.Instruction) bool {
	if x.Trigger != nil {
		x = x.Trigger
	}
	if x.Name != "run" {
		return false
	}
	for _, c := range shellcmd.CommandsIn(x) {
		if _, name := shellcmd.ApkSub(c); name != "" && !c.HasOption(&shellcmd.ApkSpec, "--no-cache") {
			return true
		}
	}
	return false
}
