package rewrite

// Converting the package-manager commands of RUN steps for an apk-based
// base image (Alpine, Wolfi), for the base swaps of DF104 (alpine policy)
// and DF105 (Chainguard): `apt-get install -y --no-install-recommends a b`
// becomes `apk add --no-cache A B`, with the names from
// internal/images/packages.json; `apt-get update`, `apt-get clean`, `rm -rf
// /var/lib/apt/lists/*` and `export DEBIAN_FRONTEND=…` go. The shell text is
// edited at the words' file offsets, never reprinted, so that layout,
// continuations and the other commands stay as they were. Every package
// gets a name that exists on the target (packages.json, checked against the
// distributions' package lists): a package with no known name there stops
// the conversion, since an `apk add` of a name the target lacks fails the
// build, and the finding names it. useradd, groupadd and `usermod -aG`
// become BusyBox's adduser and addgroup (busyboxusers.go), `dpkg
// --print-architecture` becomes apk's; a command with no apk equivalent
// (other dpkg commands, apt-key, …) stops the conversion, and the finding
// says why.

import (
	"fmt"
	"strings"

	"github.com/dflint/dflint/internal/edit"
	"github.com/dflint/dflint/internal/images"
	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
	"mvdan.cc/sh/v3/syntax"
)

// apkConversion is the result of converting a stage's RUN steps.
type apkConversion struct {
	edits []edit.Edit
	// notes are what the fix title tells: packages kept, pins dropped.
	notes []string
	// blocked, when not "", is why the steps cannot be converted.
	blocked string
	// needsBash is true when a step runs bash, which the target lacks.
	needsBash bool
	// converted counts the package commands rewritten.
	converted int
}

// osName is how messages name an apk-based OS.
func osName(os images.OS) string {
	if os == images.Wolfi {
		return "Wolfi"
	}
	return "Alpine"
}

// aptCachePaths are the files apt and yum/dnf leave that a converted RUN
// no longer creates: removing them is a no-op on an apk image.
var aptCachePaths = shellcmd.Set("/var/lib/apt/lists/*", "/var/lib/apt/lists", "/var/lib/apt/lists/", "/var/cache/apt/*", "/var/cache/apt",
	"/var/cache/apt/archives/*", "/var/cache/apt/archives/*.deb", "/var/cache/apt/*.bin", "/var/cache/debconf/*",
	"/var/cache/yum", "/var/cache/yum/*", "/var/cache/dnf", "/var/cache/dnf/*", "/var/lib/dpkg/info/*")

// aptEnvNames are variables that only configure apt or debconf.
func aptEnvName(name string) bool {
	return name == "DEBIAN_FRONTEND" || name == "DEBCONF_NONINTERACTIVE_SEEN" || strings.HasPrefix(name, "APT_")
}

// convertToApk converts the RUN instructions to a target OS that uses apk.
// from is the source's package manager as images.json names it ("apt",
// "yum", "dnf", "microdnf", "tdnf", "apk").
func convertToApk(runs []*parser.Instruction, from string, target images.OS) apkConversion {
	var cv apkConversion
	noted := map[string]bool{}
	note := func(s string) {
		if !noted[s] {
			noted[s] = true
			cv.notes = append(cv.notes, s)
		}
	}
	for _, in := range runs {
		if len(in.Shell) > 0 && strings.Contains(in.Shell[0], "bash") {
			cv.needsBash = true
		}
		if in.IsJSONForm() {
			if args := in.Args(); len(args) > 0 && isPackageTool(args[0]) {
				cv.blocked = fmt.Sprintf("line %d: the exec-form RUN runs %s, which dflint converts only in shell form", in.StartLine, args[0])
				return cv
			}
			continue
		}
		var edits []edit.Edit
		var toDelete []stmtRef
		calls := in.Calls()
		deletedCalls := 0
		del := func(c *shellcmd.Command) {
			deletedCalls++
			if st := c.Call.Stmt; st != nil && st.Cmd == c.Call.Expr {
				toDelete = append(toDelete, stmtRef{c.Call.Script, st})
			} else {
				toDelete = append(toDelete, stmtRef{c.Call.Script, nil})
			}
		}
		// `export DEBIAN_FRONTEND=noninteractive` is a declaration, not a
		// command: it is found in the syntax trees.
		for _, sc := range in.Scripts() {
			for _, st := range aptExports(sc) {
				toDelete = append(toDelete, stmtRef{sc, st})
			}
		}
		for _, c := range shellcmd.CommandsIn(in) {
			name := c.Name()
			line, _ := in.File.Position(c.Call.Start())
			if e, why, ok := convertBusyBoxCommand(c, from); ok {
				if why != "" {
					cv.blocked = fmt.Sprintf("line %d: %s, so the stage cannot move to %s", line, why, osName(target))
					return cv
				}
				edits = append(edits, e)
				continue
			}
			if why, ok := images.DebianOnlyCommand(name); ok {
				cv.blocked = fmt.Sprintf("line %d: `%s` has no equivalent on %s: %s", line, name, osName(target), why)
				return cv
			}
			if name == "bash" {
				cv.needsBash = true
			}
			switch {
			case name == "apt-get" || name == "apt" || name == "aptitude":
				sub, subName, ok := c.Subcommand(&shellcmd.AptSpec)
				if !ok {
					cv.blocked = fmt.Sprintf("line %d: `%s` without a literal subcommand", line, name)
					return cv
				}
				switch subName {
				case "update", "clean", "autoclean", "distclean", "dist-clean":
					del(c)
				case "upgrade", "dist-upgrade", "full-upgrade":
					del(c)
					note(fmt.Sprintf("`%s %s` dropped (rebuild on a fresh base instead)", name, subName))
				case "install", "remove", "purge", "autoremove":
					verb := "add --no-cache"
					if subName != "install" {
						verb = "del"
					}
					if why := convertInstall(c, sub, "apt", verb, target, &edits, note, del); why != "" {
						cv.blocked = fmt.Sprintf("line %d: `%s %s`: %s", line, name, subName, why)
						return cv
					}
					cv.converted++
				default:
					cv.blocked = fmt.Sprintf("line %d: `%s %s` has no apk equivalent", line, name, subName)
					return cv
				}
			case shellcmd.RpmFamily(c) == "yum":
				sub, subName, ok := c.Subcommand(&shellcmd.RpmYumSpec)
				if !ok {
					cv.blocked = fmt.Sprintf("line %d: `%s` without a literal subcommand", line, name)
					return cv
				}
				_, operands := c.Options(&shellcmd.RpmYumSpec)
				switch subName {
				case "clean", "makecache", "check-update":
					del(c)
				case "update", "upgrade":
					if len(operands) > 1 {
						cv.blocked = fmt.Sprintf("line %d: `%s %s` of named packages has no apk equivalent", line, name, subName)
						return cv
					}
					del(c)
					note(fmt.Sprintf("`%s %s` dropped (rebuild on a fresh base instead)", name, subName))
				case "install", "in", "remove", "erase", "rm":
					verb := "add --no-cache"
					if subName != "install" && subName != "in" {
						verb = "del"
					}
					if why := convertInstall(c, sub, "rpm", verb, target, &edits, note, del); why != "" {
						cv.blocked = fmt.Sprintf("line %d: `%s %s`: %s", line, name, subName, why)
						return cv
					}
					cv.converted++
				default:
					cv.blocked = fmt.Sprintf("line %d: `%s %s` has no apk equivalent", line, name, subName)
					return cv
				}
			case name == "zypper":
				cv.blocked = fmt.Sprintf("line %d: zypper has no apk conversion", line)
				return cv
			case name == "apk" && from == "apk" && target == images.Wolfi:
				if why := renameApkPackages(c, &edits, note); why != "" {
					cv.blocked = fmt.Sprintf("line %d: `apk add`: %s", line, why)
					return cv
				}
			case name == "rm":
				removeCachePaths(c, &edits, del)
			}
		}
		if deletedCalls > 0 && deletedCalls == len(calls) {
			// Nothing is left of the RUN: remove the instruction.
			cv.edits = append(cv.edits, deleteLines(in.File, in.StartLine, in.EndLine))
			continue
		}
		dels, undeletable := deleteCommands(toDelete)
		edits = append(edits, dels...)
		if undeletable > 0 {
			cv.blocked = fmt.Sprintf("line %d: an apt or yum command there cannot be removed cleanly from the commands around it", in.StartLine)
			return cv
		}
		edit.Sort(edits)
		for i := 1; i < len(edits); i++ {
			if edits[i-1].End > edits[i].Start {
				cv.blocked = fmt.Sprintf("line %d: the commands there are too intertwined to rewrite in place", in.StartLine)
				return cv
			}
		}
		if len(edits) > 0 {
			// One edit over the whole RUN: a fix of another rule computed
			// on the same text (DF403 appending a removal of the apt
			// lists) then touches it and waits for the next round,
			// where it sees the converted RUN.
			cv.edits = append(cv.edits, spanEdit(in.File.Source, in.Start, in.End, edits))
		}
	}
	return cv
}

// spanEdit turns edits that lie inside [start, end) into one edit of
// that range.
func spanEdit(src []byte, start, end int, edits []edit.Edit) edit.Edit {
	edit.Sort(edits)
	var sb strings.Builder
	at := start
	for _, e := range edits {
		sb.Write(src[at:e.Start])
		sb.WriteString(e.NewText)
		at = e.End
	}
	sb.Write(src[at:end])
	return edit.Edit{Start: start, End: end, NewText: sb.String()}
}

// isPackageTool tells whether a program is one of the package managers the
// conversion rewrites.
func isPackageTool(prog string) bool {
	switch prog[strings.LastIndexByte(prog, '/')+1:] {
	case "apt-get", "apt", "aptitude", "yum", "dnf", "microdnf", "dnf5", "zypper":
		return true
	}
	return false
}

// stmtRef is a statement of a script, to delete; stmt is nil for a
// command that is not a statement of its own (it cannot be deleted).
type stmtRef struct {
	script *parser.Script
	stmt   *syntax.Stmt
}

// aptExports finds the statements `export NAME=value …` that set only
// apt's variables.
func aptExports(s *parser.Script) []*syntax.Stmt {
	if s.AST == nil {
		return nil
	}
	var out []*syntax.Stmt
	syntax.Walk(s.AST, func(n syntax.Node) bool {
		st, ok := n.(*syntax.Stmt)
		if !ok {
			return true
		}
		d, ok := st.Cmd.(*syntax.DeclClause)
		if !ok || d.Variant == nil || d.Variant.Value != "export" || len(d.Args) == 0 {
			return true
		}
		for _, a := range d.Args {
			if a.Name == nil || a.Naked || !aptEnvName(a.Name.Value) {
				return true
			}
		}
		out = append(out, st)
		return true
	})
	return out
}

// deleteCommands removes commands from their scripts. The links of one &&
// chain are removed together: a run of them in the middle with the
// operator after it, a run at the end with the operator before it, so that
// the chain reads as if they had never been there. failed counts the
// commands that cannot be removed cleanly (a whole chain, a comment in the
// way, an || next to them).
func deleteCommands(refs []stmtRef) (edits []edit.Edit, failed int) {
	type group struct {
		script *parser.Script
		chain  *shellcmd.AndChain
		del    map[int]bool
	}
	var groups []*group
	byFirst := map[*syntax.Stmt]*group{}
	for _, r := range refs {
		st := r.stmt
		if st == nil || len(st.Redirs) > 0 || st.Negated {
			failed++
			continue
		}
		ch, idx, ok := shellcmd.ChainOf(r.script, st)
		if !ok || len(ch.Leaves) < 2 {
			if e, ok := deleteStatement(r.script, st); ok {
				edits = append(edits, e)
			} else {
				failed++
			}
			continue
		}
		g := byFirst[ch.Leaves[0]]
		if g == nil {
			g = &group{script: r.script, chain: ch, del: map[int]bool{}}
			byFirst[ch.Leaves[0]] = g
			groups = append(groups, g)
		}
		g.del[idx] = true
	}
	for _, g := range groups {
		ch, s := g.chain, g.script
		src := s.Instruction.File.Source
		ok := len(g.del) < len(ch.Leaves)
		for _, op := range ch.Ops {
			ok = ok && op == syntax.AndStmt
		}
		if !ok {
			failed += len(g.del)
			continue
		}
		for i := 0; i < len(ch.Leaves); {
			if !g.del[i] {
				i++
				continue
			}
			j := i
			for j+1 < len(ch.Leaves) && g.del[j+1] {
				j++
			}
			// A run goes with the operator after it (`apt-get update
			// && ` before the install), or, at the end of the chain or
			// when a comment line sits before that operator, with the
			// operator before it (` && rm -rf …` off the end of a line).
			backward := func() (int, int) {
				return shellcmd.EndOffset(s, shellcmd.StmtEnd(ch.Leaves[i-1])), shellcmd.EndOffset(s, shellcmd.StmtEnd(ch.Leaves[j]))
			}
			forward := func() (int, int) {
				start := s.Offset(ch.Leaves[i].Pos())
				next := s.Offset(ch.Leaves[j+1].Pos())
				if i == 0 {
					// The chain now starts with the next command, where
					// the instruction's text goes on (`RUN apk add`, not
					// `RUN \` and the command on the next line).
					return start, next
				}
				end := s.OffsetAt(int(ch.OpPos[j].Offset())+1) + 1
				for end < len(src) && end < next && (src[end] == ' ' || src[end] == '\t') {
					end++
				}
				return start, end
			}
			var tries [][2]int
			if j < len(ch.Leaves)-1 {
				a, b := forward()
				tries = append(tries, [2]int{a, b})
			}
			if i > 0 {
				a, b := backward()
				tries = append(tries, [2]int{a, b})
			}
			done := false
			for _, r := range tries {
				if !shellcmd.CommentInRange(s.Instruction.File, r[0], r[1]) {
					edits = append(edits, edit.Edit{Start: r[0], End: r[1]})
					done = true
					break
				}
			}
			if !done {
				failed += j - i + 1
			}
			i = j + 1
		}
	}
	return edits, failed
}

// deleteStatement removes a command that is a statement of its own: a line
// of a heredoc, or a statement ended by `;`.
func deleteStatement(s *parser.Script, st *syntax.Stmt) (edit.Edit, bool) {
	if e, ok := shellcmd.DeleteScriptLine(s, st); ok {
		return e, true
	}
	at := -1
	for i, x := range s.AST.Stmts {
		if x == st {
			at = i
		}
	}
	if at < 0 {
		return edit.Edit{}, false
	}
	src := s.Instruction.File.Source
	var start, end int
	switch {
	case st.Semicolon.IsValid():
		// `apt-get update; …`: the statement and its `;`.
		start = s.Offset(st.Pos())
		end = s.OffsetAt(int(st.Semicolon.Offset())) + 1
		for end < len(src) && (src[end] == ' ' || src[end] == '\t') {
			end++
		}
	case at == len(s.AST.Stmts)-1 && at > 0 && s.AST.Stmts[at-1].Semicolon.IsValid():
		// `…; apt-get clean` at the end: with the `;` before it.
		start = shellcmd.EndOffset(s, shellcmd.StmtEnd(s.AST.Stmts[at-1]))
		end = shellcmd.EndOffset(s, shellcmd.StmtEnd(st))
	default:
		return edit.Edit{}, false
	}
	if shellcmd.CommentInRange(s.Instruction.File, start, end) {
		return edit.Edit{}, false
	}
	return edit.Edit{Start: start, End: end}, true
}

// wordDeletion is the edit that removes an argument word: with the blanks
// before it, or, when it starts a continued line, from the end of the word
// before it (so that no empty continuation line is left). ok is false when
// a comment line would go with it.
func wordDeletion(c *shellcmd.Command, i int) (edit.Edit, bool) {
	f := c.Call.Script.Instruction.File
	src := f.Source
	w := c.Args[i]
	start := w.Start
	for start > 0 && (src[start-1] == ' ' || src[start-1] == '\t') {
		start--
	}
	if start > 0 && (src[start-1] == '\n' || src[start-1] == '\r') {
		start = c.Args[i-1].End
	}
	if shellcmd.CommentInRange(f, start, w.End) {
		return edit.Edit{}, false
	}
	return edit.Edit{Start: start, End: w.End}, true
}

// inPlaceWhy is why a package command cannot be edited where it is.
const inPlaceWhy = "it cannot be rewritten in place (a comment or an expansion sits in its options)"

// sourceDistro is how messages name the distribution a package name is
// from.
var sourceDistro = map[string]string{"apt": "Debian", "rpm": "RPM", "apk": "Alpine"}

// noPackageWhy is why a package stops the conversion: it has no known
// name on the target.
func noPackageWhy(from, pkg string, target images.OS) string {
	return fmt.Sprintf("the %s package `%s` has no known %s package, and `apk add` of a name %s lacks fails the build: install it another way, or add its %s name to dflint's internal/images/packages.json",
		sourceDistro[from], pkg, osName(target), osName(target), osName(target))
}

// convertInstall rewrites an install or removal command: the words up to
// the first package become `apk add --no-cache ` (or `apk del `), options
// after it go, and each package word gets its apk name. It returns why
// the command cannot be converted, or "".
func convertInstall(c *shellcmd.Command, sub int, from, verb string, target images.OS, edits *[]edit.Edit, note func(string), del func(*shellcmd.Command)) string {
	spec := &shellcmd.AptSpec
	if from == "rpm" {
		spec = &shellcmd.RpmYumSpec
	}
	_, operands := c.Options(spec)
	isOperand := map[int]bool{}
	var pkgs []int
	for _, i := range operands {
		isOperand[i] = true
		if i > sub {
			pkgs = append(pkgs, i)
		}
	}
	// Where the rewritten command starts: apt's own variables in front of
	// it go with it; other assignments and wrappers (sudo: the step runs
	// as root) are kept or go as they are.
	start := c.Args[0].Start
	onlyAptVars := true
	for _, a := range c.Call.Expr.Assigns {
		if a.Name == nil || !aptEnvName(a.Name.Value) {
			onlyAptVars = false
		}
	}
	if onlyAptVars && len(c.Call.Args) == len(c.Args) {
		start = c.Call.Start()
	}
	for k := range c.Env {
		if !aptEnvName(k) && len(c.Call.Args) != len(c.Args) {
			return inPlaceWhy // `env A=1 apt-get …`: A would be lost
		}
	}
	src := c.Call.Script.Instruction.File.Source
	var local []edit.Edit
	kept := 0
	pinned := false
	for _, i := range pkgs {
		w := c.Args[i]
		if !w.Literal {
			// A variable's packages are Debian's or RPM's names, which
			// dflint cannot check.
			return fmt.Sprintf("`%s` is not a literal package name, so dflint cannot tell whether %s has it", src[w.Start:w.End], osName(target))
		}
		name := w.Value
		if from == "apt" {
			if j := strings.IndexAny(name, "=/"); j > 0 {
				name, pinned = name[:j], true
			}
			name, _, _ = strings.Cut(name, ":")
		}
		p := images.ApkPackage(from, name, target)
		switch {
		case !p.Known:
			return noPackageWhy(from, name, target)
		case len(p.Names) == 0:
			if i == pkgs[0] {
				// The first package's blanks before it end the new
				// command's words: the ones after it go instead.
				end := w.End
				for end < len(src) && (src[end] == ' ' || src[end] == '\t') {
					end++
				}
				local = append(local, edit.Edit{Start: w.Start, End: end})
				continue
			}
			e, ok := wordDeletion(c, i)
			if !ok {
				return inPlaceWhy
			}
			local = append(local, e)
		default:
			kept++
			if text := strings.Join(p.Names, " "); text != w.Value {
				local = append(local, edit.Edit{Start: w.Start, End: w.End, NewText: text})
			}
		}
	}
	if kept == 0 {
		del(c)
		return ""
	}
	if pinned {
		note(fmt.Sprintf("%s version pins dropped", map[string]string{"apt": "Debian", "rpm": "RPM"}[from]))
	}
	// The words before the first package become the new command; the
	// blanks and line continuation before the package stay as they are.
	prefixEnd := c.Args[pkgs[0]-1].End
	if shellcmd.CommentInRange(c.Call.Script.Instruction.File, start, prefixEnd) {
		return inPlaceWhy
	}
	local = append(local, edit.Edit{Start: start, End: prefixEnd, NewText: "apk " + verb})
	// Options after the first package go (`-y` at the end, a trailing
	// --no-install-recommends).
	for i := pkgs[0] + 1; i < len(c.Args); i++ {
		if isOperand[i] {
			continue
		}
		e, ok := wordDeletion(c, i)
		if !ok {
			return inPlaceWhy
		}
		local = append(local, e)
	}
	*edits = append(*edits, local...)
	return ""
}

// renameApkPackages renames, for Wolfi, the Alpine packages of an `apk
// add` (musl-dev is glibc-dev there, icu-libs is icu). It returns why the
// command cannot be converted: a package Wolfi has no known name for
// (musl-locales), or a name dflint cannot read.
func renameApkPackages(c *shellcmd.Command, edits *[]edit.Edit, note func(string)) string {
	sub, name := shellcmd.ApkSub(c)
	if name != "add" {
		return ""
	}
	src := c.Call.Script.Instruction.File.Source
	_, operands := c.Options(&shellcmd.ApkSpec)
	var local []edit.Edit
	kept := 0
	for _, i := range operands {
		if i <= sub {
			continue
		}
		w := c.Args[i]
		if !w.Literal {
			return fmt.Sprintf("`%s` is not a literal package name, so dflint cannot tell whether Wolfi has it", src[w.Start:w.End])
		}
		pkg := w.Value
		if j := strings.IndexAny(pkg, "=~<>"); j > 0 {
			// Alpine's versions are not Wolfi's.
			pkg = pkg[:j]
			note("Alpine version pins dropped")
		}
		p := images.ApkPackage("apk", pkg, images.Wolfi)
		if !p.Known {
			return noPackageWhy("apk", pkg, images.Wolfi)
		}
		text := strings.Join(p.Names, " ")
		if len(p.Names) == 0 {
			// gcompat: glibc is Wolfi's own C library.
			e, ok := wordDeletion(c, i)
			if !ok {
				return inPlaceWhy
			}
			local = append(local, e)
			continue
		}
		kept++
		if text != w.Value {
			local = append(local, edit.Edit{Start: w.Start, End: w.End, NewText: text})
		}
	}
	if kept == 0 && len(local) > 0 {
		return "none of its packages is needed on Wolfi, and dflint does not remove the command"
	}
	*edits = append(*edits, local...)
	return ""
}

// convertBusyBoxCommand converts a command that has a BusyBox or apk
// equivalent: the shadow user commands and `dpkg --print-architecture`.
// ok is false for other commands; why, when not "", is why the command
// cannot be converted.
func convertBusyBoxCommand(c *shellcmd.Command, from string) (e edit.Edit, why string, ok bool) {
	var t userCommandText
	switch c.Name() {
	case "useradd", "groupadd", "usermod":
		if from == "apk" {
			// An Alpine stage that runs useradd installed shadow,
			// which Wolfi has too.
			return edit.Edit{}, "", false
		}
		switch c.Name() {
		case "useradd":
			t, why = convertUserAdd(c, from)
		case "groupadd":
			t, why = convertGroupAdd(c)
		default:
			t, why = convertUserMod(c)
		}
		if why != "" {
			return edit.Edit{}, why, true
		}
	case "dpkg":
		if !isPrintArchitecture(c) {
			return edit.Edit{}, "", false
		}
		t = userCommandText{text: dpkgArchText}
	default:
		return edit.Edit{}, "", false
	}
	start, end, text, ok := replaceCommandText(c, t)
	if !ok {
		return edit.Edit{}, fmt.Sprintf("`%s` behind a wrapper becomes several commands, which cannot stand there", c.Name()), true
	}
	return edit.Edit{Start: start, End: end, NewText: text}, "", true
}

// removeCachePaths handles `rm -rf /var/lib/apt/lists/*`: the whole command
// goes when it removes only apt and yum caches, else just those operands.
func removeCachePaths(c *shellcmd.Command, edits *[]edit.Edit, del func(*shellcmd.Command)) {
	_, operands := c.Options(&shellcmd.NoValueOptions)
	var cache []int
	for _, i := range operands {
		if c.Args[i].Literal && aptCachePaths[c.Args[i].Value] {
			cache = append(cache, i)
		}
	}
	switch {
	case len(cache) == 0:
	case len(cache) == len(operands):
		del(c)
	default:
		for _, i := range cache {
			if e, ok := wordDeletion(c, i); ok {
				*edits = append(*edits, e)
			}
		}
	}
}
