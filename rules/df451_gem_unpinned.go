package rules

import (
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
)

var _ = register(&Rule{
	ID:       "DF451",
	Name:     "gem-unpinned",
	Severity: Warning,
	Summary:  "`gem install` without `-v` or `name:version`",
	Aliases:  []string{"DL3028"},
	Check:    checkGemUnpinned,
})

// gemSpec lists gem options that take their value in the next word.
var gemSpec = shellcmd.OptSpec{
	ShortValue: "invsPp",
	LongValue: shellcmd.Set("--install-dir", "--bindir", "--version", "--source", "--platform", "--trust-policy", "--build-root",
		"--http-proxy", "--config-file", "--document", "--file", "--target-rbconfig"),
}

func checkGemUnpinned(p *Pass) {
	for in := range p.untilCanceled(shellcmd.LinuxRuns(p.File)) {
		for _, c := range shellcmd.CommandsIn(in) {
			if c.Name() != "gem" {
				continue
			}
			sub, name, ok := c.Subcommand(&gemSpec)
			if !ok || name != "install" && name != "i" || c.HasOption(&gemSpec, "-v", "--version") {
				continue
			}
			// The words after `--` are build flags for the gems'
			// extensions (`-- --use-system-libraries`), not gems.
			buildFlagsAt := -1
			for _, a := range c.Args[sub+1:] {
				if a.Literal && a.Value == "--" {
					buildFlagsAt = a.Start
					break
				}
			}
			var loose []string
			for _, w := range c.OperandsAfter(&gemSpec, sub) {
				if buildFlagsAt >= 0 && w.Start > buildFlagsAt {
					break
				}
				if shellcmd.OnlyVariable(w) {
					continue
				}
				v := w.Value
				if !w.Literal {
					v = string(p.File.Source[w.Start:w.End])
				}
				if strings.Contains(v, ":") || strings.HasSuffix(v, ".gem") || strings.Contains(v, "/") {
					continue
				}
				loose = append(loose, shellcmd.WordText(w))
			}
			if len(loose) > 0 {
				p.Report(c.Call.Start(), c.Call.End(), "gems without a pinned version: "+shellcmd.QuotedList(loose)+"; use `-v version` or `name:version`", nil)
			}
		}
	}
}
