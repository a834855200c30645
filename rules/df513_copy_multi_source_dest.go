package rules

import (
	"fmt"
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

var _ = register(&Rule{
	ID:         "DF513",
	Name:       "copy-multi-source-dest",
	Severity:   Error,
	Summary:    "COPY of several sources to a destination without a trailing `/`",
	Aliases:    []string{"DL3021"},
	Fix:        Safe,
	FixSummary: "append `/` to the destination",
	Check:      checkCopyMultiSourceDest,
})

func checkCopyMultiSourceDest(p *Pass) {
	for in := range p.untilCanceled(instructionsWithTriggers(p.File)) {
		if in.Trigger != nil {
			continue
		}
		var sd *instructions.SourcesAndDest
		switch c := in.Command.(type) {
		case *instructions.CopyCommand:
			sd = &c.SourcesAndDest
		case *instructions.AddCommand:
			sd = &c.SourcesAndDest
		default:
			continue
		}
		if len(sd.SourcePaths)+len(sd.SourceContents) < 2 {
			continue
		}
		dest := shellcmd.Unquote(sd.DestPath)
		if strings.HasSuffix(dest, "/") || dest == "." || dest == ".." ||
			strings.HasSuffix(dest, `\`) && shellcmd.IsWindowsInstruction(in) {
			continue
		}
		start, end, fix := destSlashFix(in, sd.DestPath)
		p.Report(start, end, fmt.Sprintf("%s of %d sources needs a directory destination ending in /: %q", strings.ToUpper(in.Name), len(sd.SourcePaths)+len(sd.SourceContents), sd.DestPath), fix)
	}
}

// destSlashFix finds the destination (the last argument) in the file and
// returns its range and a fix that appends "/" inside its quotes.
func destSlashFix(in *parser.Instruction, dest string) (start, end int, fix *Fix) {
	lg := in.Logical()
	args := strings.TrimRight(lg.Text, " \t")
	if in.IsJSONForm() {
		// ["src", ..., "dest"]: the closing quote before ']'.
		j := strings.LastIndexByte(args, ']')
		if j < 0 {
			return in.Start, in.End, nil
		}
		q := strings.LastIndexByte(args[:j], '"')
		if q < 0 {
			return in.Start, in.End, nil
		}
		open := strings.LastIndexByte(args[:q], '"')
		at := lg.FileOffset(q)
		return lg.FileOffset(open), at + 1, slashFix(at)
	}
	ws := shellcmd.ArgWords(in)
	if len(ws) == 0 {
		return in.Start, in.End, nil
	}
	w := ws[len(ws)-1]
	at := w.End
	if n := len(w.Text); n >= 2 && (w.Text[0] == '"' || w.Text[0] == '\'') && w.Text[n-1] == w.Text[0] {
		at = lg.FileOffset(w.EndIdx - 1)
	}
	if shellcmd.Unquote(w.Text) != dest && w.Text != dest {
		return w.Start, w.End, nil // not where we expect it: report without a fix
	}
	return w.Start, w.End, slashFix(at)
}

func slashFix(at int) *Fix {
	return &Fix{Title: "Append / to the destination", Applicability: Safe, Edits: []Edit{{Start: at, End: at, NewText: "/"}}}
}
