package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

var _ = register(&Rule{
	ID:       "DF521",
	Name:     "label-schema",
	Severity: Info,
	// Off by default: 62 of the corpus's 2,759 files (2.2 %) have a label
	// key that Docker's guidelines call invalid, every one of them a key
	// that starts with an upper-case letter (Red Hat's `Description`,
	// atomic's `RUN` and `INSTALL`): a convention, not a mistake worth a
	// reviewer's time (issue 19). A team that states its schema gets it.
	OptIn: true,
	Policy: &PolicySetting{
		Setting: "`label-schema:` or `strict-labels: true` in .dflint.yaml or .hadolint.yaml",
		Given:   func(o *Options) bool { return len(o.LabelSchema) > 0 || o.StrictLabels },
	},
	Summary: "Label keys that are not valid, and label values that do not match the label schema or the OCI annotations' formats",
	Aliases: []string{"DL3048", "DL3049", "DL3050", "DL3051", "DL3052", "DL3053", "DL3054", "DL3055", "DL3056", "DL3058"},
	// Each hadolint code is a part: `--select DL3054` or `ignore=DL3048`
	// concerns that check alone.
	Parts: [][]string{{"DL3048"}, {"DL3049"}, {"DL3050"}, {"DL3051"}, {"DL3052"}, {"DL3053"}, {"DL3054"}, {"DL3055"}, {"DL3056"}, {"DL3058"}},
	Check: checkLabelSchema,
})

func checkLabelSchema(p *Pass) {
	schema := p.Options.LabelSchema
	for in := range p.untilCanceled(instructionsWithTriggers(p.File)) {
		if in.Trigger != nil {
			continue // its trigger comes next
		}
		c, ok := in.Command.(*instructions.LabelCommand)
		if !ok {
			continue
		}
		var superfluous []string
		for _, kv := range c.Labels {
			key := labelKey(in, kv.Key)
			if problem := labelKeyProblem(key); problem != "" {
				p.ReportPart("DL3048", in.Start, in.End, fmt.Sprintf("label key %q is not valid: %s; rename it (like org.example.%s)", key, problem, suggestedKey(key)), nil)
			}
			typ, required := schema[key]
			if !required {
				if p.Options.StrictLabels {
					superfluous = append(superfluous, key)
				}
				if typ, ok = ociLabelTypes[key]; !ok && !strings.HasPrefix(key, ociPrefix) {
					continue
				}
				if !ok {
					typ = LabelText
				}
			}
			val, ok := shellcmd.ExpandWord(in, kv.Value)
			if !ok {
				continue // a build argument: its value is not in the file
			}
			if !strings.ContainsRune(kv.Value, '$') {
				val = shellcmd.Unquote(val)
			}
			if strings.TrimSpace(val) == "" {
				p.ReportPart("DL3051", in.Start, in.End, fmt.Sprintf("label %s is empty: give it a value or remove it", key), nil)
				continue
			}
			vc, known := labelValueChecks[typ]
			if !known {
				continue // a type config did not check (Options made by hand)
			}
			if msg := vc.check(key, val); msg != "" {
				p.ReportPart(vc.code, in.Start, in.End, fmt.Sprintf("label %s: %s", key, msg), nil)
			}
		}
		if len(superfluous) > 0 {
			p.ReportPart("DL3050", in.Start, in.End, fmt.Sprintf("label %s %s not in the label schema (strict-labels): remove %s or add %s to label-schema",
				strings.Join(superfluous, ", "), plural(len(superfluous), "is", "are"), plural(len(superfluous), "it", "them"), plural(len(superfluous), "it", "them")), nil)
		}
	}
	reportMissingLabels(p)
}

// labelKey is a LABEL key as the build sees it: unquoted, and expanded when
// the file gives its variables their values. A key with a build argument is
// judged as written.
func labelKey(in *parser.Instruction, raw string) string {
	if v, ok := shellcmd.ExpandWord(in, raw); ok && strings.ContainsRune(raw, '$') {
		return v
	}
	return shellcmd.Unquote(raw)
}

// suggestedKey is a key that follows the guidelines, for the message.
func suggestedKey(key string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(key) {
		if r < 128 && (isLowerAlnum(byte(r)) || r == '.' || r == '-') {
			b.WriteRune(r)
		}
	}
	s := strings.Trim(b.String(), ".-")
	for _, ns := range reservedLabelNamespaces {
		s = strings.TrimPrefix(s, ns)
	}
	if s == "" {
		return "name"
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// reportMissingLabels reports, at its FROM, every stage that lacks a label
// the schema requires (DL3049). A stage has a label when it or a stage it
// is built FROM sets it. A stage that lacks it is not reported when the
// image it makes is not an output of its own: another stage copies from it
// (COPY --from), or a stage built FROM it sets the label.
func reportMissingLabels(p *Pass) {
	if len(p.Options.LabelSchema) == 0 {
		return
	}
	f := p.File
	keys := make([]string, 0, len(p.Options.LabelSchema))
	for k := range p.Options.LabelSchema {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	copiedFrom := map[*parser.Stage]bool{}
	for _, in := range f.Instructions {
		if c, ok := in.Command.(*instructions.CopyCommand); ok && c.From != "" && in.Stage != nil {
			if s := f.StageRef(c.From, in.Stage.Index); s != nil {
				copiedFrom[s] = true
			}
		}
	}
	sets := make([]map[string]bool, len(f.Stages))
	for i, s := range f.Stages {
		sets[i] = map[string]bool{}
		for _, in := range s.Instructions {
			if c, ok := in.Command.(*instructions.LabelCommand); ok {
				for _, kv := range c.Labels {
					sets[i][labelKey(in, kv.Key)] = true
				}
			}
		}
	}
	for _, key := range keys {
		// has: the stage's image carries the label (it sets it or its
		// base stage's image does); stages come after their bases.
		has := make([]bool, len(f.Stages))
		for i, s := range f.Stages {
			has[i] = sets[i][key] || s.BaseStage != nil && has[s.BaseStage.Index]
		}
		// labelledLater: a stage built on this one (directly or not) sets
		// it, walked from the last stage back.
		labelledLater := make([]bool, len(f.Stages))
		for i := len(f.Stages) - 1; i >= 0; i-- {
			s := f.Stages[i]
			if b := s.BaseStage; b != nil && (has[i] || labelledLater[i]) {
				labelledLater[b.Index] = true
			}
		}
		for i, s := range f.Stages {
			if has[i] || labelledLater[i] || copiedFrom[s] {
				continue
			}
			start, end := reportRange(s.From)
			p.ReportPart("DL3049", start, end, fmt.Sprintf("%s has no label %s, which the label schema requires: add `LABEL %s=…`", stageDescription(s), key, key), nil)
		}
	}
}

// stageDescription names a stage in a message.
func stageDescription(s *parser.Stage) string {
	if s.Name != "" {
		return "stage " + s.Name
	}
	return "the image"
}
