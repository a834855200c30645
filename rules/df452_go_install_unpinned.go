package rules

import (
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
)

var _ = register(&Rule{
	ID:       "DF452",
	Name:     "go-install-unpinned",
	Severity: Warning,
	Summary:  "`go install pkg@latest` (or `@master`, `@main`, `@HEAD`, `@`) instead of a version",
	Aliases:  []string{"DL3062"},
	Check:    checkGoInstallUnpinned,
})

// goValueFlags are the build flags of the go command that take a value in
// the next word when not given with "=". -buildvcs is not one: it is a
// boolean, so the word after it is a package (`-buildvcs=false` has its
// value after "=").
var goValueFlags = shellcmd.Set("-C", "-p", "-o", "-asmflags", "-buildmode", "-compiler", "-gccgoflags", "-gcflags",
	"-installsuffix", "-ldflags", "-mod", "-modfile", "-overlay", "-pgo", "-pkgdir", "-tags", "-toolexec", "-covermode", "-coverpkg")

func checkGoInstallUnpinned(p *Pass) {
	for in := range p.untilCanceled(shellcmd.LinuxRuns(p.File)) {
		for _, c := range shellcmd.CommandsIn(in) {
			if c.Name() != "go" || len(c.Args) < 2 || c.Args[1].Value != "install" {
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
					if !strings.Contains(name, "=") && goValueFlags[name] {
						i++
					}
					continue
				}
				if !w.Literal && !strings.Contains(v, "@") {
					// `github.com/x/y@$VERSION` has its version in a variable;
					// a path made from a variable is not known.
					if strings.Contains(string(p.File.Source[w.Start:w.End]), "@") || shellcmd.OnlyVariable(w) {
						continue
					}
				}
				pkg, version, hasVersion := strings.Cut(v, "@")
				first, _, _ := strings.Cut(pkg, "/")
				if !strings.Contains(first, ".") || strings.HasPrefix(pkg, ".") || strings.HasPrefix(pkg, "/") {
					continue // local or standard library
				}
				switch {
				case !hasVersion:
					// Without a version, go install builds the package at the
					// version the current module's go.mod requires: pinned
					// (outside a module, Go 1.16 and later refuse).
					continue
				case version == "" && !w.Literal:
					continue // `@$VERSION`
				case version == "latest", version == "master", version == "main", version == "HEAD", version == "":
				default:
					continue
				}
				loose = append(loose, shellcmd.WordText(w))
			}
			if len(loose) > 0 {
				p.Report(c.Call.Start(), c.Call.End(), "`go install` without a pinned version: "+shellcmd.QuotedList(loose)+"; use `path@vX.Y.Z`", nil)
			}
		}
	}
}
