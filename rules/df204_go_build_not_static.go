package rules

import (
	"fmt"
	"path"
	"strings"

	"github.com/dflint/dflint/internal/edit"
	"github.com/dflint/dflint/internal/images"
	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"mvdan.cc/sh/v3/syntax"
)

var _ = register(&Rule{
	ID:         "DF204",
	Name:       "go-build-not-static",
	Severity:   Warning,
	Summary:    "`go build` with cgo on whose binary is copied into scratch, a static distroless image or Alpine",
	Fix:        Unsafe,
	FixSummary: "set `CGO_ENABLED=0` on the command and add `-trimpath -ldflags=\"-s -w\"` where missing",
	Check:      checkGoBuildNotStatic,
})

// libc is the C library an image offers binaries.
type libc int

const (
	libcUnknown libc = iota
	libcNone         // scratch, static distroless
	libcMusl         // Alpine
	libcGlibc        // Debian, Ubuntu, RHEL, Wolfi, …
)

func (l libc) String() string {
	switch l {
	case libcNone:
		return "no C library"
	case libcMusl:
		return "musl"
	case libcGlibc:
		return "glibc"
	}
	return "an unknown C library"
}

// stageLibc says which C library the stage's root image has.
func stageLibc(s *parser.Stage) libc {
	root := s.RootImage()
	if root.IsScratch() {
		return libcNone
	}
	ref, ok := root.Image()
	if !ok {
		return libcUnknown
	}
	repo := strings.ToLower(ref.Repository())
	name := path.Base(repo)
	if strings.Contains(repo, "distroless/static") || repo == "cgr.dev/chainguard/static" || strings.HasSuffix(repo, "/chainguard/static") {
		return libcNone
	}
	if name == "busybox" && strings.Contains(ref.Tag, "musl") {
		return libcMusl
	}
	switch images.Lookup(ref).OS {
	case images.Alpine:
		return libcMusl
	case images.Debian, images.Ubuntu, images.RHEL, images.Fedora, images.AmazonLinux, images.SUSE, images.AzureLinux, images.Wolfi:
		return libcGlibc
	case images.NoOS:
		return libcNone
	}
	// golang:1.23-alpine and friends when the data has no entry.
	if strings.Contains(ref.Tag, "alpine") {
		return libcMusl
	}
	return libcUnknown
}

func checkGoBuildNotStatic(p *Pass) {
	f := p.File
	final := f.FinalStage()
	if final == nil || isWindowsBase(final) {
		return
	}
	runtime := stageLibc(final)
	if runtime != libcNone && runtime != libcMusl {
		return
	}
	finalChain := map[*parser.Stage]bool{}
	for _, s := range final.Chain() {
		finalChain[s] = true
	}
	// The stages whose files end up in the final image through COPY --from.
	copied := map[*parser.Stage]bool{}
	for in := range final.ChainInstructions() {
		c, ok := in.Command.(*instructions.CopyCommand)
		if !ok || c.From == "" {
			continue
		}
		from, ok := shellcmd.ExpandWord(in, c.From)
		if !ok {
			continue
		}
		if src := f.StageRef(from, in.Stage.Index); src != nil {
			for _, s := range src.Chain() {
				copied[s] = true
			}
		}
	}
	for _, s := range f.Stages {
		if !copied[s] || finalChain[s] || isWindowsBase(s) {
			continue
		}
		build := stageLibc(s)
		switch {
		case build == libcGlibc:
		case build == libcMusl && runtime == libcNone && installsCCompiler(s):
		default:
			continue
		}
		for _, in := range s.Instructions {
			if in.Name != "run" || shellcmd.IsWindowsInstruction(in) {
				continue
			}
			for _, c := range shellcmd.CommandsIn(in) {
				if c.Name() != "go" || len(c.Args) < 2 || !c.Args[1].Literal || c.Args[1].Value != "build" {
					continue
				}
				cgo, set := cgoSetting(in, c)
				if set && cgo == "0" || linksStatically(c) {
					continue
				}
				if set && cgo == "1" {
					p.Report(c.Call.Start(), c.Call.End(), fmt.Sprintf("`go build` with CGO_ENABLED=1 links against %s of `%s`, but the final image has %s: link statically (`-ldflags '-linkmode external -extldflags \"-static\"'`) or run on an image with the same C library", build, s.RootImage().Base, runtime), nil)
					continue
				}
				msg := fmt.Sprintf("`go build` has cgo on (the build image `%s` has a C compiler), so the binary needs %s, and the final image `%s` has %s: set CGO_ENABLED=0 for a static binary", s.RootImage().Base, build, final.RootImage().Base, runtime)
				p.Report(c.Call.Start(), c.Call.End(), msg, staticBuildFix(f, c))
			}
		}
	}
}

// cgoSetting returns the value of CGO_ENABLED for the command: set in front
// of it, exported earlier in its script, by `go env -w` in an earlier RUN of
// the stage chain, or by ENV/ARG.
func cgoSetting(in *parser.Instruction, c *shellcmd.Command) (value string, set bool) {
	if v, ok := c.Env["CGO_ENABLED"]; ok {
		return v, true
	}
	// Earlier in the same script: `export CGO_ENABLED=0 && go build`.
	if v, ok := exportedBefore(c.Call.Script, c.Call.Expr.Pos(), "CGO_ENABLED"); ok {
		return v, true
	}
	if c := parser.FoldBefore(in, goEnvCgoKey{}, goEnvSetting{}, goEnvSetting.then); c.set {
		return c.value, true
	}
	if v, ok := shellcmd.EnvBefore(in).Get("CGO_ENABLED"); ok {
		return v, true
	}
	return "", false
}

// goEnvCgoKey keys the `go env -w CGO_ENABLED` settings kept per stage.
type goEnvCgoKey struct{}

// goEnvSetting is CGO_ENABLED as the last `go env -w` set it.
type goEnvSetting struct {
	value string
	set   bool
}

// then is the setting after x. It is kept per stage and position
// (parser.FoldBefore): DF204 asks it for every `go build`, and a walk of
// the chain each time is quadratic.
func (g goEnvSetting) then(x *parser.Instruction) goEnvSetting {
	if x.Name == "run" {
		for _, y := range shellcmd.CommandsIn(x) {
			if v, ok := goEnvCgo(y); ok {
				g = goEnvSetting{value: v, set: true}
			}
		}
	}
	return g
}

// exportedBefore returns the literal value a script gives name with
// `export`/`declare -x` (or a plain assignment) before pos.
func exportedBefore(sc *parser.Script, pos syntax.Pos, name string) (value string, found bool) {
	if sc == nil || sc.AST == nil {
		return "", false
	}
	syntax.Walk(sc.AST, func(n syntax.Node) bool {
		if n == nil || n.Pos().Offset() >= pos.Offset() {
			return n == nil
		}
		var assigns []*syntax.Assign
		switch x := n.(type) {
		case *syntax.DeclClause:
			assigns = x.Args
		case *syntax.CallExpr:
			if len(x.Args) == 0 {
				assigns = x.Assigns // `CGO_ENABLED=0; go build`
			}
		}
		for _, a := range assigns {
			if a.Name != nil && a.Name.Value == name {
				if v, ok := parser.WordLiteral(a.Value); ok {
					value, found = v, true
				}
			}
		}
		return true
	})
	return value, found
}

// goEnvCgo reads `go env -w CGO_ENABLED=0`.
func goEnvCgo(c *shellcmd.Command) (string, bool) {
	if c.Name() != "go" || len(c.Args) < 3 || c.Args[1].Value != "env" {
		return "", false
	}
	for _, w := range c.Args[2:] {
		if k, v, ok := strings.Cut(w.Value, "="); ok && w.Literal && k == "CGO_ENABLED" {
			return v, true
		}
	}
	return "", false
}

// linksStatically tells whether -ldflags asks the external linker for a
// static binary (`-extldflags "-static"`), which works with cgo on.
func linksStatically(c *shellcmd.Command) bool {
	ld, ok := goLdflags(c)
	if !ok {
		return false
	}
	text := string(c.Call.Script.Instruction.File.Source[ld.valueStart:ld.valueEnd])
	return strings.Contains(text, "-extldflags") && strings.Contains(text, "-static")
}

// ldflagsArg is where a go command's -ldflags value is in the file.
type ldflagsArg struct {
	valueStart, valueEnd int
	literal              bool   // the value has no expansions
	value                string // the literal value
}

func goLdflags(c *shellcmd.Command) (ldflagsArg, bool) {
	for i := 2; i < len(c.Args); i++ {
		w := c.Args[i]
		v := w.Value
		if !w.Literal {
			v = shellcmd.LiteralPrefix(w.Word)
		}
		name := "-" + strings.TrimLeft(v, "-")
		switch {
		case name == "-ldflags" && i+1 < len(c.Args):
			next := c.Args[i+1]
			return ldflagsArg{valueStart: next.Start, valueEnd: next.End, literal: next.Literal, value: next.Value}, true
		case strings.HasPrefix(name, "-ldflags="):
			prefix := len(v) - len(name) + len("-ldflags=")
			val, _ := strings.CutPrefix(name, "-ldflags=")
			return ldflagsArg{valueStart: w.Start + prefix, valueEnd: w.End, literal: w.Literal, value: val}, true
		}
	}
	return ldflagsArg{}, false
}

// staticBuildFix sets CGO_ENABLED=0 in front of `go` and adds -trimpath and
// -s -w where missing. Nil when the command cannot be edited safely.
func staticBuildFix(f *parser.File, c *shellcmd.Command) *Fix {
	if c.Call.Script.Parent != nil {
		return nil // inside `sh -c '…'`: quoting of the outer string
	}
	// CGO_ENABLED=0 goes in front of `go`: valid when nothing or `env`,
	// `sudo` or an assignment precedes it.
	goIdx := len(c.Call.Args) - len(c.Args)
	if goIdx > 0 {
		prev := c.Call.Args[goIdx-1]
		if !prev.Literal || !(shellcmd.IsAssignment(prev.Value) || path.Base(prev.Value) == "env" || path.Base(prev.Value) == "sudo") {
			return nil
		}
	}
	edits := []Edit{{Start: c.Args[0].Start, End: c.Args[0].Start, NewText: "CGO_ENABLED=0 "}}
	var after []string
	hasTrimpath := false
	for _, w := range c.Args[2:] {
		if w.Literal && (w.Value == "-trimpath" || w.Value == "--trimpath" || strings.HasPrefix(w.Value, "-trimpath=")) {
			hasTrimpath = true
		}
	}
	if !hasTrimpath {
		after = append(after, "-trimpath")
	}
	if ld, ok := goLdflags(c); !ok {
		after = append(after, `-ldflags="-s -w"`)
	} else if raw := string(f.Source[ld.valueStart:ld.valueEnd]); len(raw) > 1 && (raw[0] == '"' || raw[0] == '\'') {
		var add []string
		fields := strings.Fields(strings.Trim(raw, `"'`))
		if !containsWord(fields, "-s") {
			add = append(add, "-s")
		}
		if !containsWord(fields, "-w") {
			add = append(add, "-w")
		}
		if len(add) > 0 {
			edits = append(edits, Edit{Start: ld.valueStart + 1, End: ld.valueStart + 1, NewText: strings.Join(add, " ") + " "})
		}
	}
	if len(after) > 0 {
		at := c.WordEnd(1)
		edits = append(edits, Edit{Start: at, End: at, NewText: " " + strings.Join(after, " ")})
	}
	edit.Sort(edits)
	return &Fix{Title: "Build a static binary (CGO_ENABLED=0)", Applicability: Unsafe, Edits: edits}
}

func containsWord(ws []string, w string) bool {
	for _, x := range ws {
		if x == w {
			return true
		}
	}
	return false
}

// installsCCompiler tells whether the stage chain installs a C compiler
// with apk (gcc, build-base, musl-dev, clang).
func installsCCompiler(s *parser.Stage) bool {
	for in := range s.ChainInstructions() {
		if in.Name != "run" {
			continue
		}
		for _, c := range shellcmd.CommandsIn(in) {
			sub, name := shellcmd.ApkSub(c)
			if name != "add" {
				continue
			}
			for _, w := range c.OperandsAfter(&shellcmd.ApkSpec, sub) {
				pkg, _, _ := strings.Cut(w.Value, "=")
				switch pkg {
				case "gcc", "build-base", "musl-dev", "clang", "g++":
					return true
				}
			}
		}
	}
	return false
}
