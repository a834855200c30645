package rules

import (
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
)

var _ = register(&Rule{
	ID:       "DF452",
	Name:     "go-install-unpinned",
	Severity: Warning,
	Summary:  "`go install pkg@latest` (also `go get`, `go run`, or a branch) instead of a version",
	Aliases:  []string{"DL3062"},
	Check:    checkGoInstallUnpinned,
})

// goValueFlags are the build flags of the go command that take a value in
// the next word when not given with "=". -buildvcs is not one: it is a
// boolean, so the word after it is a package (`-buildvcs=false` has its
// value after "=").
var goValueFlags = shellcmd.Set("-C", "-p", "-o", "-asmflags", "-buildmode", "-compiler", "-gccgoflags", "-gcflags",
	"-installsuffix", "-ldflags", "-mod", "-modfile", "-overlay", "-pgo", "-pkgdir", "-tags", "-toolexec", "-covermode", "-coverpkg")

// goRunValueFlags are the flags `go run` takes besides the build flags.
var goRunValueFlags = shellcmd.Set("-exec")

func checkGoInstallUnpinned(p *Pass) {
	for in := range p.untilCanceled(shellcmd.LinuxRuns(p.File)) {
		for _, c := range shellcmd.CommandsIn(in) {
			if c.Name() != "go" || len(c.Args) < 2 {
				continue
			}
			sub := c.Args[1].Value
			if sub != "install" && sub != "get" && sub != "run" {
				continue
			}
			var loose []string
			args := c.Args[2:]
			for i := 0; i < len(args); i++ {
				w := args[i]
				v := w.Value
				if !w.Literal {
					v = shellcmd.LiteralPrefix(w.Word)
				}
				if strings.HasPrefix(v, "-") {
					name := "-" + strings.TrimLeft(v, "-")
					if !strings.Contains(name, "=") && (goValueFlags[name] || sub == "run" && goRunValueFlags[name]) {
						i++
					}
					continue
				}
				if goPackageUnpinned(p, sub, w, v) && !(sub == "get" && !strings.Contains(v, "@") && gitCheckoutAfter(in, c)) {
					loose = append(loose, shellcmd.WordText(w))
				}
				if sub == "run" {
					break // the words after the package are the program's arguments
				}
			}
			if len(loose) > 0 {
				p.Report(c.Call.Start(), c.Call.End(), "`go "+sub+"` without a pinned version: "+shellcmd.QuotedList(loose)+"; use `path@vX.Y.Z`", nil)
			}
		}
	}
}

// goPackageUnpinned tells whether the package word w (v: its literal text
// or literal start) of `go install`, `go get` or `go run` names a remote
// module version that moves.
func goPackageUnpinned(p *Pass, sub string, w parser.Word, v string) bool {
	if !w.Literal && !strings.Contains(v, "@") {
		// `github.com/x/y@$VERSION` has its version in a variable;
		// a path made from a variable is not known.
		if strings.Contains(string(p.File.Source[w.Start:w.End]), "@") || shellcmd.OnlyVariable(w) {
			return false
		}
	}
	pkg, version, hasVersion := strings.Cut(v, "@")
	first, _, _ := strings.Cut(pkg, "/")
	if !strings.Contains(first, ".") || strings.HasPrefix(pkg, ".") || strings.HasPrefix(pkg, "/") || strings.HasSuffix(pkg, ".go") {
		return false // local, standard library, or a Go file
	}
	switch {
	case !hasVersion:
		// Without a version, go install and go run build the package at
		// the version the current module's go.mod requires: pinned
		// (outside a module, Go 1.16 and later refuse). go get takes the
		// newest version (in GOPATH mode, the default branch).
		return sub == "get"
	case version == "" && !w.Literal:
		return false // `@$VERSION`
	}
	return floatingGoVersions[version]
}

// floatingGoVersions are the versions after `@` that name no fixed
// version: the newest release, and the usual default branch names.
var floatingGoVersions = map[string]bool{"latest": true, "upgrade": true, "patch": true, "master": true, "main": true, "HEAD": true, "": true}

// gitCheckoutAfter tells whether a `git checkout` runs after c in its
// stage (later in the same RUN, or in a later RUN). GOPATH-era Dockerfiles
// fetch a project with `go get github.com/hashicorp/vault || true` and then
// check out a release in /go/src/github.com/hashicorp/vault: the version is
// pinned there, not on the go get line.
func gitCheckoutAfter(in *parser.Instruction, c *shellcmd.Command) bool {
	if in.Stage == nil {
		return false
	}
	for _, x := range in.Stage.Instructions {
		if x.Index < in.Index {
			continue
		}
		for _, g := range shellcmd.CommandsIn(x) {
			if g.Name() != "git" || x == in && g.Call.Start() < c.Call.Start() {
				continue
			}
			for _, a := range g.Args[1:] {
				if a.Literal && a.Value == "checkout" {
					return true
				}
			}
		}
	}
	return false
}
