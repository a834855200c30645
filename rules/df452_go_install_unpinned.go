package rules

import (
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
)

var _ = register(&Rule{
	ID:       "DF452",
	Name:     "go-install-unpinned",
	Severity: Warning,
	Summary:  "`go install pkg@latest` (also `go run`, `go get`; or `@master`, `@main`, `@HEAD`, `@`) instead of a version",
	Aliases:  []string{"DL3062"},
	Check:    checkGoInstallUnpinned,
})

// goValueFlags are the build flags of the go command that take a value in
// the next word when not given with "=". -buildvcs is not one: it is a
// boolean, so the word after it is a package (`-buildvcs=false` has its
// value after "=").
var goValueFlags = shellcmd.Set("-C", "-p", "-o", "-asmflags", "-buildmode", "-compiler", "-gccgoflags", "-gcflags",
	"-installsuffix", "-ldflags", "-mod", "-modfile", "-overlay", "-pgo", "-pkgdir", "-tags", "-toolexec", "-covermode", "-coverpkg", "-exec")

// goFloatingVersions are the version queries that follow a branch or the
// newest release rather than naming one (`go help module-get`, "version
// queries"; checked 2026-12-07). "" is `path@`.
var goFloatingVersions = shellcmd.Set("latest", "upgrade", "patch", "master", "main", "HEAD", "")

func checkGoInstallUnpinned(p *Pass) {
	for in := range p.untilCanceled(shellcmd.LinuxRuns(p.File)) {
		for _, c := range shellcmd.CommandsIn(in) {
			if c.Name() != "go" || len(c.Args) < 2 {
				continue
			}
			sub := c.Args[1].Value
			if sub != "install" && sub != "run" && sub != "get" {
				continue
			}
			var loose []string
			sawPackage := false
			args := c.Args[2:]
			for i := 0; i < len(args); i++ {
				w := args[i]
				v := w.Value
				if !w.Literal {
					v = shellcmd.LiteralPrefix(w.Word)
				}
				if strings.HasPrefix(v, "-") {
					name := "-" + strings.TrimLeft(v, "-")
					if !strings.Contains(name, "=") && goValueFlags[name] {
						i++
					}
					continue
				}
				if sub == "run" && sawPackage {
					break // the words after the package are the program's arguments
				}
				sawPackage = true
				if !w.Literal && !strings.Contains(v, "@") {
					// `github.com/x/y@$VERSION` has its version in a variable;
					// a path made from a variable is not known.
					if strings.Contains(string(p.File.Source[w.Start:w.End]), "@") || shellcmd.OnlyVariable(w) {
						continue
					}
				}
				pkg, version, hasVersion := strings.Cut(v, "@")
				first, _, _ := strings.Cut(pkg, "/")
				remote := strings.Contains(first, ".") && !strings.HasPrefix(pkg, ".") && !strings.HasPrefix(pkg, "/")
				switch {
				case !remote:
					// local or standard library
				case !hasVersion:
					// Without a version, go install and go run build the
					// package at the version the current module's go.mod
					// requires: pinned (outside a module, Go 1.16 and later
					// refuse). go get without a version means @upgrade, but in
					// GOPATH-era Dockerfiles a later `git checkout` in the
					// fetched source pins it (7 of the 24 corpus files that
					// do it, 2026-12-07): not reported.
				case version == "" && !w.Literal:
					// `@$VERSION`
				case goFloatingVersions[version]:
					loose = append(loose, shellcmd.WordText(w))
				}
			}
			if len(loose) > 0 {
				p.Report(c.Call.Start(), c.Call.End(), "`go "+sub+"` without a pinned version: "+shellcmd.QuotedList(loose)+"; use `path@vX.Y.Z`", nil)
			}
		}
	}
}
