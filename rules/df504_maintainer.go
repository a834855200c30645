package rules

import (
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
)

var _ = register(&Rule{
	ID:       "DF504",
	Name:     "maintainer",
	Severity: Warning,
	Summary:  "MAINTAINER is deprecated",
	Description: `` + "`MAINTAINER`" + ` has been deprecated since Docker 1.13: it sets the image's legacy
Author field, which tools no longer read. Name the authors with the standard OCI label
instead: ` + "`LABEL org.opencontainers.image.authors=\"…\"`" + `.

The fix replaces the instruction with that label, keeping the text: surrounding double quotes
are dropped (MAINTAINER keeps them as part of the value, which nobody means) and ` + "`\"`" + `, ` + "`$`" + `
and the escape character are escaped, since a label value is expanded where MAINTAINER's is
not. There is no fix when a comment line sits inside the instruction.`,
	Bad:        "FROM alpine:3.20\nMAINTAINER Jane Doe <jane@example.com>\n",
	Good:       "FROM alpine:3.20\nLABEL org.opencontainers.image.authors=\"Jane Doe <jane@example.com>\"\n",
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
