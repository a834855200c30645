package rules

import (
	"fmt"
	"strings"
	"testing"
)

// doublingARGs is n ARGs each twice the one before, from ten bytes: the
// last is 10·2ⁿ bytes.
func doublingARGs(n int) string {
	var b strings.Builder
	b.WriteString("ARG A0=aaaaaaaaaa\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "ARG A%d=${A%d}${A%d}\n", i, i-1, i-1)
	}
	return b.String()
}

func TestDF003ExpansionLimit(t *testing.T) {
	runCases(t, "DF003", []ruleCase{
		// 10·2¹³ = 80 KiB: A13 is the first past 64 KiB; the later ARGs
		// read it and are unknown without a finding of their own.
		{name: "global doubling", src: doublingARGs(40) + "FROM alpine:${A40}\n", want: 1, noVariants: true},
		{name: "doubling in a stage", src: "FROM alpine:3.20\n" + doublingARGs(40) + "RUN echo $A40\n", want: 1, noVariants: true},
		{name: "ENV doubling", src: "FROM alpine:3.20\nENV A0=aaaaaaaaaa\n" + strings.ReplaceAll(doublingARGs(20), "ARG A", "ENV A")[len("ARG A0=aaaaaaaaaa\n"):], want: 1, noVariants: true},
		{name: "replace-all squares", src: "FROM alpine:3.20\nARG A=" + strings.Repeat("a", 1000) + "\nARG B=${A//?/$A}\n", want: 1},
		{name: "short doubling", src: doublingARGs(12) + "FROM alpine:${A12}\n", want: 0, noVariants: true},
		{name: "ordinary ARGs", src: "ARG V=3.20\nARG IMG=alpine:${V}\nFROM ${IMG}\nARG MAJOR=${V%%.*}\nENV PATH=/opt/bin:$PATH\n", want: 0},
	})
}

// The 40-doubling file must not take the process down, and the base
// image it names is unknown: no rule judges `alpine:${A40}`.
func TestDF003PastLimitIsUnknown(t *testing.T) {
	fs := lintWith(t, doublingARGs(40)+"FROM alpine:${A40}\nUSER nobody\n")
	ids := map[string]int{}
	for _, f := range fs {
		ids[f.RuleID]++
	}
	if ids["DF003"] != 1 || len(fs) != 1 {
		t.Errorf("want only one DF003 finding, got %v", ids)
	}
	for _, f := range fs {
		if f.RuleID == "DF003" && (f.Line != 14 || !strings.Contains(f.Message, "`A13`")) {
			t.Errorf("DF003 at line %d: %s; want line 14 (A13)", f.Line, f.Message)
		}
	}
}

// The words other rules expand (DF502 reads WORKDIR's path) are bounded
// too, and reported once the rules have run.
func TestDF003WordsOfOtherRules(t *testing.T) {
	// DF502 expands only the first WORKDIR of a stage chain: one stage
	// each.
	big := "ARG A=/" + strings.Repeat("a", 60000) + "\n"
	stage := "FROM alpine:3.20\nARG A\nWORKDIR $A\n"
	tests := []struct {
		name, src string
		want      int
	}{
		// Each WORKDIR reads 60 KiB: the 18th no longer fits in the
		// file's 1 MiB, and the later ones are unknown without a finding.
		{"file budget", big + strings.Repeat(stage, 40), 1},
		{"one word past 64 KiB", big + "FROM alpine:3.20\nARG A\nWORKDIR $A$A\n", 1},
		{"within the limits", big + strings.Repeat(stage, 10), 0},
	}
	for _, tt := range tests {
		fs := lintWith(t, tt.src, "DF003", "DF502")
		if got := countRule(fs, "DF003"); got != tt.want {
			t.Errorf("%s: %d DF003 findings, want %d", tt.name, got, tt.want)
		}
		for _, f := range fs {
			if f.RuleID == "DF003" && (!strings.HasPrefix(f.Message, "`$A") || len(f.Message) > 400) {
				t.Errorf("%s: message %.200q: want the word, cut short", tt.name, f.Message)
			}
		}
	}
}
