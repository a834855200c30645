package rules

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dflint/dflint/internal/images"
	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

var _ = register(&Rule{
	ID:       "DF206",
	Name:     "copy-from-invalid-stage",
	Severity: Error,
	Summary:  "`COPY --from` naming the current stage, a later stage or no stage",
	Aliases:  []string{"DL3022", "DL3023"},
	// hadolint: DL3023 for a stage that copies from itself, DL3022 for
	// the other names of no earlier stage.
	Parts: [][]string{{copyFromUndefinedCode}, {copyFromItselfCode}},
	Check: checkCopyFromInvalidStage,
})

func checkCopyFromInvalidStage(p *Pass) {
	f := p.File
	for _, in := range f.Instructions {
		c, ok := in.Command.(*instructions.CopyCommand)
		if !ok || c.From == "" || in.Stage == nil {
			continue
		}
		from, ok := shellcmd.ExpandWord(in, c.From)
		if !ok || from == "" {
			continue
		}
		if msg, code := invalidCopyFrom(f, in.Stage, from); msg != "" {
			start, end := in.Start, in.End
			lg := in.Logical()
			if i := strings.Index(strings.ToLower(lg.Text), "--from="); i >= 0 {
				j := i
				for j < len(lg.Text) && lg.Text[j] != ' ' && lg.Text[j] != '\t' {
					j++
				}
				start, end = lg.FileOffset(i), lg.FileOffset(j-1)+1
			}
			p.ReportPart(code, start, end, msg, nil)
		}
	}
}

// hadolint's codes for the two parts of DF206.
const (
	copyFromUndefinedCode = "DL3022"
	copyFromItselfCode    = "DL3023"
)

// invalidCopyFrom returns why `COPY --from=from` in stage s is wrong and
// hadolint's code for it, or "".
func invalidCopyFrom(f *parser.File, s *parser.Stage, from string) (msg, code string) {
	lower := strings.ToLower(from)
	if n, err := strconv.Atoi(from); err == nil {
		switch {
		case n == s.Index:
			return fmt.Sprintf("COPY --from=%s names the stage it is in: a stage cannot copy from itself", from), copyFromItselfCode
		case n > s.Index && n < len(f.Stages):
			return fmt.Sprintf("COPY --from=%s names a later stage: copy only from stages defined before this one", from), copyFromUndefinedCode
		case n >= len(f.Stages):
			return fmt.Sprintf("COPY --from=%s: there is no stage %d", from, n), copyFromUndefinedCode
		}
		return "", ""
	}
	if s.Name != "" && lower == s.Name {
		return fmt.Sprintf("COPY --from=%s names the stage it is in: a stage cannot copy from itself", from), copyFromItselfCode
	}
	if f.StageByName(from, s.Index) != nil {
		return "", ""
	}
	if later := f.StageByName(from, -1); later != nil {
		return fmt.Sprintf("COPY --from=%s names a later stage (line %d): move that stage before this one", from, later.From.StartLine), copyFromUndefinedCode
	}
	if strings.ContainsAny(from, ":/@") || lower == "scratch" {
		return "", ""
	}
	if ref, err := parser.ParseImageRef(from); err == nil && images.Lookup(ref).Known() {
		return "", ""
	}
	return fmt.Sprintf("COPY --from=%s: no stage of that name is defined before this one, so the image %q would be pulled; fix the stage name, or give the image a tag", from, from), copyFromUndefinedCode
}
