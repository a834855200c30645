package rules

import (
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

var _ = register(&Rule{
	ID:         "DF433",
	Name:       "yarn-cache-not-cleaned",
	Severity:   Info,
	Summary:    "`yarn install` without `yarn cache clean` in the same RUN",
	Aliases:    []string{"DL3060"},
	Fix:        Safe,
	FixSummary: "append `&& yarn cache clean`",
	Check:      checkYarnCacheNotCleaned,
})

// yarnSpec lists yarn options that take their value in the next word.
var yarnSpec = shellcmd.OptSpec{LongValue: shellcmd.Set("--cache-folder", "--modules-folder", "--cwd", "--registry", "--network-timeout", "--mutex", "--global-folder", "--link-folder", "--network-concurrency")}

func checkYarnCacheNotCleaned(p *Pass) {
	for in := range p.untilCanceled(shellcmd.LinuxRuns(p.File)) {
		if in.Parent == nil && !stageEndsInImage(in.Stage) {
			continue
		}
		var first, last *shellcmd.Command
		// Only a clean after the last install counts: one before it
		// (`yarn cache clean && yarn install`) empties a cache the install
		// fills again.
		cleaned := false
		for _, c := range shellcmd.CommandsIn(in) {
			switch {
			case yarnInstall(c):
				if first == nil {
					first = c
				}
				last = c
				cleaned = false
			case yarnCleans(c):
				cleaned = true
			}
		}
		// The stage's own signs of Yarn Berry are looked at only for a RUN
		// that installs with yarn: most RUNs do not.
		if first == nil || cleaned || yarnCacheMount(in) || stageUsesYarnBerry(in) {
			continue
		}
		var fix *Fix
		if e, ok := shellcmd.AppendCommand(shellcmd.ScriptOfCall(last.Call), "yarn cache clean"); ok {
			fix = &Fix{Title: "Clean the yarn cache at the end of the RUN", Applicability: Safe, Edits: []Edit{e}}
		}
		p.Report(first.Call.Start(), first.Call.End(), "the yarn cache stays in the image: end this RUN with `yarn cache clean`", fix)
	}
}

// yarnInstall tells whether a command is `yarn install` or a bare `yarn`.
func yarnInstall(c *shellcmd.Command) bool {
	if c.Name() != "yarn" {
		return false
	}
	opts, operands := c.Options(&yarnSpec)
	if len(operands) == 0 {
		for _, o := range opts {
			switch o.Name {
			case "--version", "-v", "--help", "-h":
				return false
			}
		}
		return true
	}
	return c.Args[operands[0]].Value == "install"
}

// yarnCleans tells whether a command removes the yarn cache.
func yarnCleans(c *shellcmd.Command) bool {
	switch c.Name() {
	case "yarn":
		_, operands := c.Options(&yarnSpec)
		return len(operands) >= 2 && c.Args[operands[0]].Value == "cache" && c.Args[operands[1]].Value == "clean"
	case "rm":
		_, operands := c.Options(&shellcmd.NoValueOptions)
		for _, i := range operands {
			if v := string(c.Call.Script.Instruction.File.Source[c.Args[i].Start:c.Args[i].End]); strings.Contains(strings.ToLower(v), "yarn") {
				return true
			}
		}
	}
	return false
}

func yarnCacheMount(in *parser.Instruction) bool {
	for _, m := range shellcmd.RunMounts(in) {
		if (m.Type == "cache" || m.Type == "tmpfs") && strings.Contains(m.Target, "yarn") {
			return true
		}
	}
	return false
}

// yarnBerryKey keys the first sign of Yarn Berry in a stage chain.
type yarnBerryKey struct{}

// stageUsesYarnBerry tells whether the stage shows signs of Yarn 2 or
// later, whose project cache must not be cleaned. The answer is kept per
// stage (parser.FirstInChain): asked for every yarn RUN, a walk of the whole
// chain each time would be quadratic in the file.
func stageUsesYarnBerry(in *parser.Instruction) bool {
	return parser.FirstInChain(in.Stage, yarnBerryKey{}, showsYarnBerry) != nil
}

// showsYarnBerry tells whether one instruction (or the trigger of an
// ONBUILD) is a sign of Yarn 2 or later.
func showsYarnBerry(x *parser.Instruction) bool {
	if x.Trigger != nil {
		x = x.Trigger
	}
	switch c := x.Command.(type) {
	case *instructions.CopyCommand:
		for _, s := range c.SourcePaths {
			if strings.Contains(s, ".yarnrc.yml") || strings.Contains(s, ".yarn/") || strings.TrimSuffix(s, "/") == ".yarn" {
				return true
			}
		}
	}
	if x.Name != "run" {
		return false
	}
	for _, c := range shellcmd.CommandsIn(x) {
		switch c.Name() {
		case "corepack":
			return true
		case "yarn":
			_, operands := c.Options(&yarnSpec)
			if len(operands) >= 2 && (c.Args[operands[0]].Value == "set" && c.Args[operands[1]].Value == "version" ||
				c.Args[operands[0]].Value == "workspaces" && c.Args[operands[1]].Value == "focus") {
				return true
			}
			if c.HasOption(&yarnSpec, "--immutable", "--immutable-cache", "--check-cache") {
				return true
			}
		}
	}
	return false
}
