package rules

import (
	"fmt"
	"strings"

	"github.com/dflint/dflint/internal/eol"
	"github.com/dflint/dflint/internal/images"
	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
)

var _ = register(&Rule{
	ID:         "DF106",
	Name:       "end-of-life-base",
	Severity:   Warning,
	Summary:    "A base image whose version line is past end of life",
	Fix:        Unsafe,
	FixSummary: "use the newest supported line of the same image",
	Check:      checkEndOfLifeBase,
})

func checkEndOfLifeBase(p *Pass) {
	for _, s := range p.File.Stages {
		ref, ok := s.Image()
		if !ok || ref.Tag == "" || isWindowsBase(s) {
			continue
		}
		info := images.Lookup(ref)
		ms := eol.Default().Check(info.Family, ref.Name(), ref.Tag, p.Options.Today)
		if len(ms) == 0 {
			continue
		}
		var parts, moves []string
		for _, m := range ms {
			parts = append(parts, fmt.Sprintf("%s reached end of life on %s", lineName(m), m.Line.EOL))
			switch {
			case m.Newest != nil:
				moves = append(moves, lineName(eol.Match{Product: m.Product, Line: m.Newest}))
			case m.Product.Replacement != "":
				moves = append(moves, "`"+m.Product.Replacement+"`")
			}
		}
		msg := fmt.Sprintf("`%s` is past end of life: %s", ref.Original, strings.Join(parts, "; "))
		for _, m := range ms {
			if m.Product.Note != "" {
				msg += " (" + m.Product.Note + ")"
			}
		}
		if len(moves) > 0 {
			msg += "; move to " + strings.Join(moves, " and ")
		}
		start, end := reportRange(s.From)
		p.Report(start, end, msg, eolFix(p.File, s, ref, ms))
	}
}

// lineName names a line for a message: "python 3.8", "debian 10 (buster)".
func lineName(m eol.Match) string {
	s := m.Product.Name + " " + m.Line.Line
	if len(m.Line.Aliases) > 0 {
		s += " (" + m.Line.Aliases[0] + ")"
	}
	return s
}

// eolFix replaces the end-of-life lines in the FROM's tag, when the tag is
// written literally.
func eolFix(f *parser.File, s *parser.Stage, ref parser.ImageRef, ms []eol.Match) *Fix {
	start, end, hasTag, ok := shellcmd.FromTagRange(s.From)
	if !ok || !hasTag || string(f.Source[start:end]) != ref.Tag {
		return nil
	}
	var edits []Edit
	tag := ref.Tag
	for i := len(ms) - 1; i >= 0; i-- {
		if m := ms[i]; m.Replacement != "" {
			tag = tag[:m.Start] + m.Replacement + tag[m.End:]
		}
	}
	for _, m := range ms {
		if m.Replacement != "" {
			edits = append(edits, Edit{Start: start + m.Start, End: start + m.End, NewText: m.Replacement})
		}
	}
	if len(edits) == 0 {
		return nil
	}
	return &Fix{
		Title:         fmt.Sprintf("Use `%s`", ref.WithTag(tag)),
		Applicability: Unsafe,
		Edits:         edits,
	}
}
