package rules

import (
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
)

var _ = register(&Rule{
	ID:         "DF403",
	Name:       "apt-lists-not-removed",
	Severity:   Info,
	Summary:    "apt install in a RUN that leaves the package lists in the image",
	Aliases:    []string{"DL3009"},
	Fix:        Safe,
	FixSummary: "append `&& rm -rf /var/lib/apt/lists/*`",
	Check:      checkAptListsNotRemoved,
})

const aptListsCleanup = "rm -rf /var/lib/apt/lists/*"

func checkAptListsNotRemoved(p *Pass) {
	for in := range p.untilCanceled(shellcmd.LinuxRuns(p.File)) {
		if in.Parent == nil && !stageEndsInImage(in.Stage) {
			continue
		}
		if shellcmd.HasCacheMount(in, "/var/lib/apt/lists") {
			continue
		}
		var first, last *shellcmd.Command
		// Only a removal after the last update counts: one before it
		// (`rm -rf /var/lib/apt/lists/* && apt-get update && …`) leaves the
		// lists the update fetches again.
		cleaned := false
		for _, c := range shellcmd.CommandsIn(in) {
			if aptInstalls(c) {
				if first == nil {
					first = c
				}
				last = c
			}
			if aptFetchesLists(c) {
				cleaned = false
			}
			if removesAptLists(c) {
				cleaned = true
			}
		}
		if first == nil || cleaned {
			continue
		}
		var fix *Fix
		if !laterRunNeedsAptLists(in) {
			if e, ok := shellcmd.AppendCommand(shellcmd.ScriptOfCall(last.Call), aptListsCleanup); ok {
				fix = &Fix{Title: "Remove the apt lists at the end of the RUN", Applicability: Safe, Edits: []Edit{e}}
			}
		}
		p.Report(first.Call.Start(), first.Call.End(), "the apt package lists stay in the image: end this RUN with `"+aptListsCleanup+"`", fix)
	}
}

// stageEndsInImage tells whether a stage's file system ends up in an image:
// it is the final stage or another stage is built FROM it.
func stageEndsInImage(s *parser.Stage) bool {
	if s == nil || s.IsFinal {
		return true
	}
	// Indexed once per file: several rules ask it for every RUN.
	return len(s.From.File.BuiltOn(s)) > 0
}

// aptInstalls tells whether a command installs packages with apt-get, apt
// or aptitude (hadolint's DL3009 counts aptitude too).
func aptInstalls(c *shellcmd.Command) bool {
	if _, ok := shellcmd.AptInstall(c); ok {
		return true
	}
	if c.Name() != "aptitude" {
		return false
	}
	_, sub, ok := c.Subcommand(&shellcmd.AptSpec)
	return ok && sub == "install"
}

// aptFetchesLists tells whether a command downloads the package lists:
// `apt-get update`, `apt update`, `aptitude update`.
func aptFetchesLists(c *shellcmd.Command) bool {
	switch c.Name() {
	case "apt-get", "apt", "aptitude":
		_, sub, ok := c.Subcommand(&shellcmd.AptSpec)
		return ok && sub == "update"
	}
	return false
}

// removesAptLists tells whether a command deletes apt's package lists.
func removesAptLists(c *shellcmd.Command) bool {
	var paths []string
	switch c.Name() {
	case "apt-get", "apt":
		// apt 2.7's dist-clean removes the lists with the cache.
		_, sub, ok := c.Subcommand(&shellcmd.AptSpec)
		return ok && sub == "dist-clean"
	case "rm":
		_, operands := c.Options(&shellcmd.NoValueOptions)
		for _, i := range operands {
			paths = append(paths, c.Args[i].Value)
		}
	case "find":
		// find [paths…] expression: the expression must delete.
		deletes := false
		inPaths := true
		for _, a := range c.Args[1:] {
			v := a.Value
			if inPaths && (strings.HasPrefix(v, "-") || v == "(" || v == "!") {
				inPaths = false
			}
			if inPaths {
				paths = append(paths, v)
			} else if v == "-delete" || v == "rm" {
				deletes = true
			}
		}
		if !deletes {
			return false
		}
	default:
		return false
	}
	for _, p := range paths {
		for _, x := range shellcmd.ExpandBraces(p) {
			switch strings.TrimRight(x, "/") {
			case "/var/lib/apt/lists", "/var/lib/apt/lists/*", "/var/lib/apt", "/var/lib/apt/*":
				return true
			}
		}
	}
	return false
}

// laterRunNeedsAptLists tells whether a RUN that builds on in runs apt in a
// way that needs the package lists before it updates them itself.
func laterRunNeedsAptLists(in *parser.Instruction) bool {
	return shellcmd.AnyLaterRun(in, aptListsKey{}, needsAptLists)
}

// aptListsKey keys the index of RUNs that read apt's lists.
type aptListsKey struct{}

// needsAptLists tells whether a RUN reads apt's package lists before it
// fetches its own.
func needsAptLists(x *parser.Instruction) bool {
	for _, c := range shellcmd.CommandsIn(x) {
		switch c.Name() {
		case "apt-get", "apt", "apt-cache", "aptitude":
		default:
			continue
		}
		_, sub, ok := c.Subcommand(&shellcmd.AptSpec)
		if !ok {
			return true
		}
		switch sub {
		case "update":
			return false // this RUN fetches its own lists
		case "clean", "autoclean", "autoremove", "remove", "purge", "--version":
			continue
		}
		return true
	}
	return false
}
