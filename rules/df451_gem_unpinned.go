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
			var loose []string
			_, operands := c.Options(&gemSpec)
			buildArgs := gemBuildArgs(c, sub)
			for _, i := range operands {
				if i <= sub {
					continue
				}
				if i >= buildArgs {
					break
				}
				w := c.Args[i]
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

// gemBuildArgs is the index in c.Args of the first word after `--`: gem
// passes those words to the native extensions' build (`gem install
// nokogiri -- --use-system-libraries`), so they are not gems. len(c.Args)
// when there is no `--`.
func gemBuildArgs(c *shellcmd.Command, sub int) int {
	for i := sub + 1; i < len(c.Args); i++ {
		if w := c.Args[i]; w.Literal && w.Value == "--" {
			return i + 1
		}
	}
	return len(c.Args)
}
