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
	ID:       "DF106",
	Name:     "end-of-life-base",
	Severity: Warning,
	Summary:  "A base image whose version line is past end of life",
	Description: `Once a language, runtime or distribution release line reaches end of life, it gets no more
security fixes, and the official images stop being rebuilt: every CVE found after that date stays
in the image. ` + "`python:3.8`" + `, ` + "`node:18-alpine`" + ` and ` + "`debian:buster`" + ` still pull, but nothing in them is
patched any more.

Move to a supported line: the message says when support ended and which line is the newest one
still supported.

What counts: the version line at the start of the tag of a FROM (after ARG defaults are expanded),
for python, node, golang, ruby, php, eclipse-temurin, openjdk, .NET (` + "`mcr.microsoft.com/dotnet/*`" + `),
debian (numbers and codenames), ubuntu (numbers and codenames) and alpine; and the OS named in the
suffix of such a tag (` + "`-alpine3.18`" + `, ` + "`-buster`" + `, ` + "`-bullseye`" + `, ` + "`-focal`" + `, …). A line is past end of
life from its end-of-life date on, judged against today's date. Debian lines end with their LTS
period, Ubuntu lines with standard support (the images get no ESM updates). The dates are a table
shipped with dflint (` + "`internal/eol/eol.json`" + `, each row with the page it comes from:
endoflife.date or the project's release policy). Tags without a line (` + "`python:3`" + `, ` + "`node:lts`" + `) are not
reported; DF101/DF102 cover floating tags. Windows images are not checked.

The fix replaces the line in the tag (only those bytes, patch version included) with the newest
supported line of the same image: the newest LTS line for node, eclipse-temurin, .NET and ubuntu;
codenames stay codenames. It is unsafe: a new major version can break the program. No fix is
offered when the tag comes from an ARG, the reference carries a digest, or no line of that image
is supported (the deprecated ` + "`openjdk`" + ` image: move to ` + "`eclipse-temurin`" + `).`,
	Bad:        "FROM python:3.8-slim\nCMD [\"python\"]\n",
	Good:       "FROM python:3.13-slim\nCMD [\"python\"]\n",
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
