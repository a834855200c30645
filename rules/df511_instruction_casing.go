package rules

import (
	"fmt"
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
)

var _ = register(&Rule{
	ID:       "DF511",
	Name:     "instruction-casing",
	Severity: Style,
	Summary:  "Instruction keywords in mixed casing, or `AS` not cased like `FROM`",
	Aliases:  []string{"ConsistentInstructionCasing", "FromAsCasing"},
	// Two BuildKit checks: `# check=skip=ConsistentInstructionCasing`
	// leaves FromAsCasing's findings, as `docker build --check` does.
	Parts:      [][]string{{keywordCasingCheck}, {fromAsCasingCheck}},
	Fix:        Safe,
	FixSummary: "rewrite keywords in the file's dominant casing",
	Check:      checkInstructionCasing,
})

func checkInstructionCasing(p *Pass) {
	f := p.File
	lower, upper := 0, 0
	for _, s := range f.Stages {
		for _, in := range s.Instructions {
			switch in.Keyword {
			case strings.ToLower(in.Keyword):
				lower++
			case strings.ToUpper(in.Keyword):
				upper++
			}
		}
	}
	toCase, caseName := strings.ToUpper, "upper case"
	if lower > upper {
		toCase, caseName = strings.ToLower, "lower case"
	}
	for _, in := range f.Instructions {
		reportInstructionCasing(p, in, toCase, caseName)
	}
}

// The checks of BuildKit that DF511 stands for (Rule.Parts).
const (
	keywordCasingCheck = "ConsistentInstructionCasing"
	fromAsCasingCheck  = "FromAsCasing"
)

// reportInstructionCasing reports an instruction's keyword (and its ONBUILD
// trigger's) when it is not in the file's casing, and a FROM's `AS` when it
// is not cased like the FROM keyword, as BuildKit's two checks do: each is
// its own finding, so that skipping one check leaves the other.
func reportInstructionCasing(p *Pass, in *parser.Instruction, toCase func(string) string, caseName string) {
	var edits []Edit
	var msgs []string
	start, end := -1, -1
	mark := func(s, e int) {
		if start < 0 {
			start = s
		}
		end = e
	}
	for _, x := range []*parser.Instruction{in, in.Trigger} {
		if x == nil {
			continue
		}
		if want := toCase(x.Keyword); want != x.Keyword && x.KeywordWhole() {
			lg := x.Logical()
			off := lg.FileOffset(lg.KeywordStart)
			edits = append(edits, Edit{Start: off, End: off + len(x.Keyword), NewText: want})
			msgs = append(msgs, fmt.Sprintf("%q should be %q like most instructions of the file (%s)", x.Keyword, want, caseName))
			mark(off, off+len(x.Keyword))
		}
	}
	as := fromAsWord(in)
	// BuildKit's FromAsCasing: `AS` differs from a keyword written all in
	// lower or all in upper case (a mixed-case keyword is only the other
	// check's concern).
	asMismatch := as != nil && (in.Keyword == strings.ToLower(in.Keyword) && as.Text != strings.ToLower(as.Text) ||
		in.Keyword == strings.ToUpper(in.Keyword) && as.Text != strings.ToUpper(as.Text))
	if as != nil && !asMismatch && len(edits) > 0 {
		// `AS` is cased like a keyword that changes: it changes with it, so
		// that the fix leaves no mismatch behind.
		if want := toCase(as.Text); want != as.Text {
			edits = append(edits, Edit{Start: as.Start, End: as.End, NewText: want})
			msgs[0] += fmt.Sprintf(", and %q with it", as.Text)
		}
	}
	if len(edits) > 0 {
		p.ReportPart(keywordCasingCheck, start, end, strings.Join(msgs, "; "), &Fix{
			Title:         "Use " + caseName,
			Applicability: Safe,
			Edits:         edits,
		})
	}
	if !asMismatch {
		return
	}
	if want := toCase(as.Text); want != as.Text {
		p.ReportPart(fromAsCasingCheck, as.Start, as.End, fmt.Sprintf("%q does not match the casing of %q: write %q", as.Text, in.Keyword, want), &Fix{
			Title:         "Use " + caseName,
			Applicability: Safe,
			Edits:         []Edit{{Start: as.Start, End: as.End, NewText: want}},
		})
		return
	}
	// `AS` is in the file's casing and the keyword is not: the keyword's
	// fix (ConsistentInstructionCasing's finding) makes them match.
	p.ReportPart(fromAsCasingCheck, as.Start, as.End, fmt.Sprintf("%q does not match the casing of %q: write %q as %q, like most instructions of the file", as.Text, in.Keyword, in.Keyword, toCase(in.Keyword)), nil)
}

// fromAsWord returns the `AS` word of `FROM image AS name`, or nil.
func fromAsWord(in *parser.Instruction) *shellcmd.ArgWord {
	if in.Name != "from" {
		return nil
	}
	ws := shellcmd.ArgWords(in)
	if len(ws) == 3 && strings.EqualFold(ws[1].Text, "as") {
		return &ws[1]
	}
	return nil
}
