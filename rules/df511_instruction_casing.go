package rules

import (
	"fmt"
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
)

var _ = register(&Rule{
	ID:         "DF511",
	Name:       "instruction-casing",
	Severity:   Style,
	Summary:    "Instruction keywords in mixed casing, or `AS` not cased like `FROM`",
	Aliases:    []string{"ConsistentInstructionCasing", "FromAsCasing"},
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
		if as := fromAsWord(in); as != nil {
			kwLower := in.Keyword == strings.ToLower(in.Keyword)
			kwUpper := in.Keyword == strings.ToUpper(in.Keyword)
			if want := toCase(as.Text); want != as.Text {
				edits = append(edits, Edit{Start: as.Start, End: as.End, NewText: want})
				if kwLower && as.Text != strings.ToLower(as.Text) || kwUpper && as.Text != strings.ToUpper(as.Text) {
					msgs = append(msgs, fmt.Sprintf("%q does not match the casing of %q", as.Text, in.Keyword))
				} else {
					msgs = append(msgs, fmt.Sprintf("%q should be %q", as.Text, want))
				}
				mark(as.Start, as.End)
			}
		}
		if len(edits) == 0 {
			continue
		}
		p.Report(start, end, strings.Join(msgs, "; "), &Fix{
			Title:         "Use " + caseName,
			Applicability: Safe,
			Edits:         edits,
		})
	}
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
