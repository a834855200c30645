package rules

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/dflint/dflint/internal/images"
	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
)

var _ = register(&Rule{
	ID:         "DF604",
	Name:       "cmd-passed-to-entrypoint",
	Severity:   Error,
	Summary:    "A CMD written as a command that the image's own ENTRYPOINT takes as its arguments",
	Fix:        Unsafe,
	FixSummary: "insert `ENTRYPOINT []` before the CMD, so that it runs as the command it is written as",
	Check:      checkCmdPassedToEntrypoint,
})

func checkCmdPassedToEntrypoint(p *Pass) {
	for _, s := range p.File.Stages {
		ep, cmd := shellcmd.CommandInstructions(s)
		// The file's own ENTRYPOINT decides; a CMD inherited from a stage
		// it is built on is reported there.
		if ep != nil || cmd == nil || cmd.Stage != s || cmd.Trigger != nil {
			continue
		}
		info, ok := stageFacts(p, s)
		if !ok || !inheritedEntrypoint(info) {
			continue
		}
		// The table says whether its entrypoint runs commands; an
		// entrypoint the registry reports and the table does not know is
		// not judged.
		table := tableFacts(s)
		if !table.ConfigKnown || !slices.Equal(table.Entrypoint, info.Entrypoint) || table.EntrypointRunsCommands {
			continue
		}
		entry := info.Entrypoint
		var runs string
		var fix *Fix
		if cmd.IsJSONForm() {
			args := cmd.Args()
			if len(args) == 0 || !commandForEntrypoint(args[0], entry) {
				continue
			}
			runs = strings.Join(append(slices.Clone(entry), args...), " ")
			fix = resetEntrypointFix(cmd)
		} else {
			if len(cmd.Shell) == 0 {
				continue
			}
			lg := cmd.Logical()
			runs = strings.Join(append(slices.Clone(entry), cmd.Shell...), " ") + " " + fmt.Sprintf("%q", strings.TrimSpace(lg.Args()))
			if hasShell(info, cmd.Shell[0]) {
				fix = resetEntrypointFix(cmd)
			}
		}
		msg := fmt.Sprintf("%s has `ENTRYPOINT %s`, which gets this CMD as its arguments: the container runs `%s`. %s", imageName(s), jsonWords(entry), runs, entrypointAdvice(cmd, entry, info))
		p.ReportInstruction(cmd, msg, fix)
	}
}

// tableFacts is what dflint's image data alone says of the image a stage
// runs on (no registry).
func tableFacts(s *parser.Stage) images.Info {
	if s.RootImage().IsScratch() {
		return images.Scratch()
	}
	info, _ := baseInfo(s)
	return info
}

// programWord is a bare program name: no path, no extension other than a
// version (`python3.12`), no option.
var programWord = lazyRegexp(`^[A-Za-z_][A-Za-z0-9_+-]*(\.[0-9]+)*$`)

// interpreters take their first argument as a script or program file; node
// also finds `server` as server.js, java -jar any file name.
var interpreters = map[string]bool{"node": true, "nodejs": true, "java": true, "ruby": true, "perl": true, "php": true, "bun": true, "deno": true, "dotnet": true}

// knownCommands are programs that a CMD names as a command and that are not
// a script an interpreter could be given: seeing one as the first word of a
// CMD on an interpreter's ENTRYPOINT is the mistake.
var knownCommands = map[string]bool{
	"sh": true, "bash": true, "ash": true, "dash": true,
	"node": true, "nodejs": true, "npm": true, "npx": true, "yarn": true, "pnpm": true, "bun": true, "deno": true, "corepack": true, "next": true, "nest": true, "ts-node": true, "tsx": true, "pm2": true, "pm2-runtime": true, "serve": true, "nodemon": true,
	"pip": true, "pip3": true, "flask": true, "gunicorn": true, "uvicorn": true, "hypercorn": true, "daphne": true, "celery": true, "streamlit": true, "waitress-serve": true, "fastapi": true, "django-admin": true, "jupyter": true, "uv": true, "poetry": true, "pytest": true,
	"java": true, "ruby": true, "bundle": true, "rails": true, "rake": true, "puma": true, "perl": true, "php": true, "dotnet": true,
	"nginx": true, "tini": true, "dumb-init": true, "supervisord": true,
}

// pythonModules are the known commands that are also runnable modules
// (`python -m flask`), for the advice.
var pythonModules = map[string]bool{"flask": true, "gunicorn": true, "uvicorn": true, "hypercorn": true, "celery": true, "streamlit": true, "pip": true, "pytest": true, "daphne": true}

// commandForEntrypoint tells whether a CMD's first word, given to the
// entrypoint as its first argument, is a command the entrypoint cannot use:
// the entrypoint's own program again (`python app.py` on python), or a
// program name where the entrypoint wants an option or a script. An
// option, a script (`app.py`, `main.js`, `app.jar`) or a path (which may be
// a script) is what the entrypoint is for.
func commandForEntrypoint(first string, entry []string) bool {
	epName := path.Base(entry[0])
	switch {
	case first == "" || strings.HasPrefix(first, "-"):
		return false
	case sameProgram(path.Base(first), epName):
		return true
	case strings.Contains(first, "/") || !programWord().MatchString(first):
		return false
	case (interpreters[epName] || shellcmd.IsPythonName(epName)) && !knownCommands[first] && !shellcmd.IsPythonName(first):
		// `python myapp` runs a directory or file named myapp: maybe.
		return false
	}
	return true
}

func sameProgram(a, b string) bool {
	node := map[string]bool{"node": true, "nodejs": true}
	return a == b || shellcmd.IsPythonName(a) && shellcmd.IsPythonName(b) || node[a] && node[b]
}

// entrypointAdvice says how to run the CMD as written, and the CMD written
// for the entrypoint where dflint knows it.
func entrypointAdvice(cmd *parser.Instruction, entry []string, info images.Info) string {
	advice := "Add `ENTRYPOINT []` before the CMD to run it as a command"
	if !cmd.IsJSONForm() {
		if !hasShell(info, cmd.Shell[0]) {
			return "Write the CMD in exec form (the image has no shell) and add `ENTRYPOINT []` before it to run it as a command"
		}
		return advice
	}
	args := cmd.Args()
	epName := path.Base(entry[0])
	switch {
	case sameProgram(path.Base(args[0]), epName) && len(args) > 1:
		advice += fmt.Sprintf(", or leave out `%s` (`CMD %s`), when the entrypoint's %s is the one meant", args[0], jsonWords(args[1:]), epName)
	case shellcmd.IsPythonName(epName) && pythonModules[args[0]]:
		advice += fmt.Sprintf(", or run it as a module (`CMD %s`), when it is installed for %s", jsonWords(append([]string{"-m"}, args...)), entry[0])
	}
	return advice
}

// resetEntrypointFix inserts `ENTRYPOINT []` on the line before the CMD:
// the CMD then runs as the command it is written as, as it did on an image
// without an entrypoint.
func resetEntrypointFix(cmd *parser.Instruction) *Fix {
	f := cmd.File
	at := insertionPoint(cmd)
	text := shellcmd.KeywordInCase(cmd.Keyword, "ENTRYPOINT") + " []" + f.NewlineStyle()
	return &Fix{Title: "Reset the image's ENTRYPOINT", Applicability: Unsafe, Edits: []Edit{{Start: at, End: at, NewText: text}}}
}
