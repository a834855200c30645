package rewrite

// DF201's split for Go: the `go build` gets CGO_ENABLED=0, -trimpath and
// -ldflags="-s -w" (and -o when it has none, so that the binary's path is
// known), and the runtime stage is distroless static (or Chainguard
// static) with the binary alone, run by an exec-form ENTRYPOINT.

import (
	"fmt"
	"path"
	"strings"

	"github.com/dflint/dflint/internal/edit"
	"github.com/dflint/dflint/internal/images"
	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// goBuildValueFlags are the `go build` flags that take a value in the next
// word when not given with "=".
var goBuildValueFlags = shellcmd.Set("o", "ldflags", "gcflags", "asmflags", "gccgoflags", "tags", "mod", "modfile", "p", "pkgdir",
	"buildmode", "compiler", "installsuffix", "overlay", "pgo", "toolexec", "C", "exec", "covermode", "coverpkg")

// goBuildOnlyEnv are variables that only the Go toolchain reads.
var goBuildOnlyEnv = shellcmd.Set("CGO_ENABLED", "GOOS", "GOARCH", "GOARM", "GOAMD64", "GOARM64", "GOPROXY", "GOPRIVATE", "GONOSUMDB",
	"GONOPROXY", "GOSUMDB", "GOFLAGS", "GO111MODULE", "GOPATH", "GOBIN", "GOCACHE", "GOMODCACHE", "GOTOOLCHAIN", "GOINSECURE",
	"GOWORK", "CC", "CXX", "CGO_CFLAGS", "CGO_LDFLAGS", "CGO_CXXFLAGS", "PATH", "DEBIAN_FRONTEND")

// goBuildPackages are packages a Go build stage installs for the build
// only (source control, code generators, certificates and zone data,
// which distroless static has too).
var goBuildPackages = shellcmd.Set("git", "make", "ca-certificates", "tzdata", "curl", "wget", "bash", "openssh-client", "openssh",
	"upx", "protobuf", "protobuf-compiler", "protobuf-dev", "protoc", "unzip", "xz", "xz-utils", "gnupg", "mercurial",
	"bzr", "binutils", "file", "rsync", "jq", "tar", "gzip", "zip", "git-lfs", "subversion")

// cCompilerPackages mean that the build compiles C: for Go, cgo.
var cCompilerPackages = shellcmd.Set("gcc", "g++", "clang", "musl-dev", "build-base", "build-essential", "libc-dev", "libc6-dev", "alpine-sdk", "gcc-c++", "glibc-devel")

// goTools are programs a Go build stage runs to generate or check code.
var goTools = shellcmd.Set("go", "gofmt", "goimports", "protoc", "buf", "swag", "templ", "sqlc", "mockgen", "golangci-lint",
	"staticcheck", "wire", "oapi-codegen", "stringer", "ent", "gqlgen", "goose", "upx")

// goBuild is the `go build` or `go install` that makes the program.
type goBuild struct {
	run     *stageRun
	sub     int  // index of "build"/"install" in Args
	install bool // go install
	out     int  // index of the -o word (its value is in the same word or the next); -1 for none
	outVal  string
	ldflags int // index of the last -ldflags word; -1 for none
	trim    bool
	pkgs    []string
}

func PlanGo(s *splitStage) (*splitPlan, noSplit) {
	var builds []*goBuild
	var arts []artifact
	var why noSplit
	lang := func(r *stageRun) bool {
		if !goTools[r.cmd.Name()] {
			return false
		}
		if r.cmd.Name() != "go" {
			return true
		}
		b, ok := readGoBuild(r)
		if !ok {
			return true
		}
		builds = append(builds, b)
		switch {
		case b.install:
			bin := "/go/bin"
			env := shellcmd.EnvBefore(r.in)
			if v, ok := env.Get("GOBIN"); ok && v != "" {
				bin = v
			} else if v, ok := env.Get("GOPATH"); ok && v != "" {
				bin = path.Join(v, "bin")
			}
			arts = append(arts, artifact{path: bin, dir: true})
		case b.out < 0:
			// Without -o the binary lands in the build's directory under
			// the package's name: a later cp/mv of a file from there is
			// taken to move it.
			arts = append(arts, artifact{path: path.Join(r.cwd, "*"), glob: true})
		case b.out >= 0:
			if b.outVal == "" {
				why = "`go build -o` writes to a path whose value is not known"
				return true
			}
			if strings.HasSuffix(b.outVal, "/") {
				arts = append(arts, artifact{path: abs(r.cwd, b.outVal), dir: true})
			} else {
				arts = append(arts, artifact{path: abs(r.cwd, b.outVal)})
			}
		}
		return true
	}
	for _, pkg := range s.packages {
		if cCompilerPackages[pkg] {
			return nil, noSplit(fmt.Sprintf("the stage installs `%s`: the build probably uses cgo, and the binary would need C libraries at run time", pkg))
		}
	}
	if why := s.checkRuns(lang, func(p string) bool { return goBuildPackages[p] }, &arts); why != "" {
		return nil, why
	}
	if why != "" {
		return nil, why
	}
	switch len(builds) {
	case 0:
		return nil, "no `go build` or `go install` of the program was found"
	case 1:
	default:
		return nil, "the stage runs several `go build` commands"
	}
	b := builds[0]
	argv, ok := s.command.argv()
	if !ok {
		if s.command.ep == nil && s.command.cmd == nil {
			return nil, "there is no CMD or ENTRYPOINT, so the program to run is not known"
		}
		return nil, "the command needs a shell (variables, operators or a shell-form ENTRYPOINT with a CMD), which distroless static does not have"
	}
	if len(argv) == 0 {
		return nil, "the command is empty"
	}
	if c := (shellcmd.Simple{Argv: argv}); c.Name() == "go" && c.Sub() == "run" {
		return nil, "the command runs `go run`, which compiles at start: build the binary and run it instead"
	}
	var prog, oFlag string
	if p, ok := s.findArtifact(argv[0], arts); ok && !(b.out < 0 && !b.install && path.Dir(p) == b.run.cwd) {
		prog = p // written with -o or installed, or moved there by cp/mv
	} else if !b.install && b.out < 0 {
		// No -o: the binary lands in the build's directory, named after
		// the module or package. The command says which name it has;
		// adding -o with that name makes it certain.
		if len(b.pkgs) > 1 || len(b.pkgs) == 1 && strings.Contains(b.pkgs[0], "...") {
			return nil, "`go build` of several packages writes no binary"
		}
		if !strings.Contains(argv[0], "/") || s.finalCwd == "" {
			return nil, fmt.Sprintf("the command runs `%s`, which the build does not write", argv[0])
		}
		prog = abs(s.finalCwd, argv[0])
		if path.Dir(prog) != b.run.cwd {
			return nil, fmt.Sprintf("the command runs `%s`, which the build does not write", argv[0])
		}
		oFlag = "-o " + shellQuote(path.Base(prog))
	} else {
		return nil, fmt.Sprintf("the command runs `%s`, which the build does not write", argv[0])
	}

	pl := &splitPlan{
		runtime: "gcr.io/distroless/static-debian13:nonroot",
		nonroot: true,
		dropEnv: func(k string) bool { return goBuildOnlyEnv[k] },
	}
	buildImage := s.info.Ref
	if s.family == "chainguard" {
		pl.runtime = s.chainguard + "/static:latest"
		if goChainguardBuilds(s, b) {
			// Chainguard's go runs as root: no prologue.
			pl.builder = s.chainguard + "/go:latest"
			if ref, err := parser.ParseImageRef(pl.builder); err == nil {
				buildImage = ref
			}
		}
	}

	// CGO_ENABLED=0 in front of the build, unless the stage or the
	// command sets it.
	cgo, set := b.run.cmd.Env["CGO_ENABLED"]
	if !set {
		cgo, set = shellcmd.EnvBefore(b.run.in).Get("CGO_ENABLED")
	}
	switch {
	case set && cgo == "1":
		return nil, "the build sets CGO_ENABLED=1: the binary needs C libraries, which distroless static does not have"
	case !set:
		at := b.run.cmd.Call.Start()
		pl.buildEdits = append(pl.buildEdits, edit.Edit{Start: at, End: at, NewText: "CGO_ENABLED=0 "})
	}
	// Each flag only where the build's Go has it: Go 1.12 stops at an
	// unknown -trimpath.
	var add []string
	if !b.trim && images.GoFlagSupported(buildImage, "-trimpath") {
		add = append(add, "-trimpath")
	}
	if b.ldflags < 0 {
		add = append(add, `-ldflags="-s -w"`)
	} else if e, ok := ldflagsEdit(b); ok {
		pl.buildEdits = append(pl.buildEdits, e)
	}
	if oFlag != "" {
		add = append(add, oFlag)
	}
	if len(add) > 0 {
		at := b.run.cmd.WordEnd(b.sub)
		pl.buildEdits = append(pl.buildEdits, edit.Edit{Start: at, End: at, NewText: " " + strings.Join(add, " ")})
	}

	// A binary `go install` put in its bin directory goes to
	// /usr/local/bin; one written with -o keeps its place.
	dest := prog
	if b.install {
		dest = path.Join("/usr/local/bin", path.Base(prog))
	}
	pl.copies = [][2]string{{prog, dest}}
	pl.entrypoint = entrypointFor(s, dest)
	pl.title = fmt.Sprintf("Build in stage `%s` with CGO_ENABLED=0 and run the static binary on `%s`", s.name, pl.runtime)
	if pl.builder != "" {
		pl.title = fmt.Sprintf("Build in stage `%s` on `%s` with CGO_ENABLED=0 and run the static binary on `%s`", s.name, pl.builder, pl.runtime)
	}
	return pl, ""
}

// goChainguardBuilds tells whether the build runs the same on Chainguard's
// go:latest as on the golang image: it must not rely on what only the
// golang image sets (GOPATH=/go, WORKDIR /go, /go/bin on PATH:
// imageDefaults), install packages (Chainguard's go has no apk-tools,
// images.json), or build in GOPATH mode (go:latest is the newest Go,
// where module mode is the default since Go 1.16).
func goChainguardBuilds(s *splitStage, b *goBuild) bool {
	if !s.hasWorkdir || len(s.packages) > 0 {
		return false
	}
	underGopath := func(p string) bool { return p == "/go" || strings.HasPrefix(p, "/go/") }
	setsGopath, usesGopath, modules := false, false, false
	vars := map[string]bool{}
	cwd := "/"
	for _, in := range s.stage.Instructions[1:] {
		collectVars(in, vars)
		switch c := in.Command.(type) {
		case *instructions.EnvCommand:
			for _, kv := range c.Env {
				switch kv.Key {
				case "GOPATH", "GOBIN":
					setsGopath = true
				case "GO111MODULE":
					if kv.Value == "off" {
						return false
					}
				}
			}
		case *instructions.WorkdirCommand:
			if d, ok := s.expand(in, c.Path); ok {
				cwd = abs(cwd, d)
			}
			if underGopath(cwd) {
				return false
			}
		case *instructions.CopyCommand:
			d, ok := s.expand(in, c.SourcesAndDest.DestPath)
			if !ok || underGopath(abs(cwd, d)) {
				return false
			}
			for _, src := range c.SourcesAndDest.SourcePaths {
				if path.Base(src) == "go.mod" {
					modules = true
				}
			}
		case *instructions.AddCommand:
			d, ok := s.expand(in, c.SourcesAndDest.DestPath)
			if !ok || underGopath(abs(cwd, d)) {
				return false
			}
		}
	}
	usesGopath = vars["GOPATH"] || vars["GOBIN"]
	if usesGopath && !setsGopath || b.install && !setsGopath {
		return false // $GOPATH, or the binary in /go/bin
	}
	if s.packageCommand() != nil {
		return false
	}
	for _, r := range s.runs {
		name := r.cmd.Name()
		// A code generator or linter is installed in /go/bin and found on
		// the golang image's PATH.
		if goTools[name] && name != "go" && name != "gofmt" {
			return false
		}
		if c := (shellcmd.Simple{Argv: wordValues(r.cmd.Args)}); name == "go" && c.Sub() == "mod" {
			modules = true
		}
	}
	if !modules {
		// Without a sign of go.mod, only a Go that defaults to module
		// mode as the newest one does (1.16 and later) builds alike.
		major, minor, current, known := images.GoImageVersion(s.info.Ref)
		if !known || !current && (major < 1 || major == 1 && minor < 16) {
			return false
		}
	}
	return true
}

// entrypointFor is the runtime's ENTRYPOINT: the program at its path in
// the runtime image, with the original ENTRYPOINT's arguments (or the
// CMD's, when there is no ENTRYPOINT; an exec-form ENTRYPOINT's CMD is
// kept as the CMD).
func entrypointFor(s *splitStage, prog string) []string {
	if s.command.ep != nil {
		return append([]string{prog}, s.command.epArgv[1:]...)
	}
	return append([]string{prog}, s.command.cmdArgv[1:]...)
}

// readGoBuild reads `go build` and `go install` of the project (not `go
// install pkg@version`, a tool).
func readGoBuild(r *stageRun) (*goBuild, bool) {
	c := r.cmd
	if len(c.Args) < 2 || !c.Args[1].Literal {
		return nil, false
	}
	sub := c.Args[1].Value
	if sub != "build" && sub != "install" {
		return nil, false
	}
	b := &goBuild{run: r, sub: 1, install: sub == "install", out: -1, ldflags: -1}
	for i := 2; i < len(c.Args); i++ {
		w := c.Args[i]
		text := w.Value
		if !w.Literal {
			text = shellcmd.LiteralPrefix(w.Word)
		}
		if !strings.HasPrefix(text, "-") {
			if !w.Literal {
				b.pkgs = append(b.pkgs, "$")
			} else {
				b.pkgs = append(b.pkgs, w.Value)
			}
			continue
		}
		name, val, inline := strings.Cut(strings.TrimLeft(text, "-"), "=")
		switch name {
		case "o":
			b.out = i
			if inline {
				if w.Literal {
					b.outVal = val
				}
			} else if i+1 < len(c.Args) && c.Args[i+1].Literal {
				b.outVal = c.Args[i+1].Value
			}
		case "ldflags":
			b.ldflags = i
		case "trimpath":
			b.trim = true
		}
		if !inline && goBuildValueFlags[name] {
			i++
		}
	}
	if b.install {
		for _, p := range b.pkgs {
			if strings.Contains(p, "@") {
				return nil, false // a tool at a version
			}
		}
	}
	return b, true
}

// ldflagsEdit adds the missing -s and -w to an existing -ldflags value:
// after the opening quote of a quoted value, or by quoting a plain one.
// ok is false when nothing is missing or the value cannot be edited
// safely (it is then left as it is).
func ldflagsEdit(b *goBuild) (edit.Edit, bool) {
	c := b.run.cmd
	src := c.Call.Script.Instruction.File.Source
	w := c.Args[b.ldflags]
	var valStart, valEnd int
	var val string
	var lit bool
	text := string(src[w.Start:w.End])
	if eq := strings.IndexByte(text, '='); eq >= 0 && strings.HasPrefix(strings.TrimLeft(text[:eq], "-"), "ldflags") {
		valStart, valEnd = w.Start+eq+1, w.End
		_, val, _ = strings.Cut(w.Value, "=")
		lit = w.Literal
	} else {
		if b.ldflags+1 >= len(c.Args) {
			return edit.Edit{}, false
		}
		v := c.Args[b.ldflags+1]
		valStart, valEnd, val, lit = v.Start, v.End, v.Value, v.Literal
	}
	raw := string(src[valStart:valEnd])
	var missing []string
	for _, flag := range []string{"-s", "-w"} {
		has := false
		for _, f := range strings.Fields(val) {
			if f == flag {
				has = true
			}
		}
		if !has {
			missing = append(missing, flag)
		}
	}
	if len(missing) == 0 || !lit && (raw == "" || raw[0] != '"' && raw[0] != '\'') {
		return edit.Edit{}, false
	}
	add := strings.Join(missing, " ")
	switch {
	case raw != "" && (raw[0] == '"' || raw[0] == '\''):
		if strings.TrimSpace(strings.Trim(raw, `"'`)) != "" {
			add += " "
		}
		return edit.Edit{Start: valStart + 1, End: valStart + 1, NewText: add}, true
	case strings.ContainsAny(raw, "\\\"'$` \t\n"):
		return edit.Edit{}, false
	}
	return edit.Edit{Start: valStart, End: valEnd, NewText: `"` + add + " " + raw + `"`}, true
}

// shellQuote quotes a word for a shell command line when it needs it.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-/+=:@%,") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
