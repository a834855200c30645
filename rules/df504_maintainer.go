package rules

import (
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
)

var _ = register(&Rule{
	ID:         "DF504",
	Name:       "maintainer",
	Severity:   Warning,
	Summary:    "MAINTAINER is deprecated",
	Aliases:    []string{"DL4000", "MaintainerDeprecated", "DS-0022"},
	Fix:        Safe,
	FixSummary: "replace with `LABEL org.opencontainers.image.authors=\"…\"`",
	Check:      checkMaintainer,
})

func checkMaintainer(p *Pass) {
	for _, in := range p.File.Instructions {
		if in.Name != "maintainer" {
			continue
		}
		p.ReportInstruction(in, "MAINTAINER is deprecated: use LABEL org.opencontainers.image.authors=\"…\"", maintainerFix(in))
	}
}

func maintainerFix(in *parser.Instruction) *Fix {
	lg := in.Logical()
	value := strings.TrimRight(lg.Text[lg.ArgsStart:], " \t")
	if value == "" {
		return nil
	}
	start := lg.FileOffset(lg.KeywordStart)
	end := lg.FileOffset(lg.ArgsStart+len(value)-1) + 1
	if shellcmd.CommentInRange(in.File, start, end) {
		return nil
	}
	if len(value) >= 2 && value[0] == '"' && value[len(value)-1] == '"' {
		value = value[1 : len(value)-1]
	}
	esc := in.File.Escape
	var sb strings.Builder
	for _, r := range value {
		if r == '"' || r == '$' || r == esc {
			sb.WriteRune(esc)
		}
		sb.WriteRune(r)
	}
	text := shellcmd.KeywordInCase(in.Keyword, "LABEL") + ` org.opencontainers.image.authors="` + sb.String() + `"`
	return &Fix{Title: "Use the OCI authors label", Applicability: Safe, Edits: []Edit{{Start: start, End: end, NewText: text}}}
}
