package rules

import (
	"strings"
	"testing"
)

func TestDF002UnusedIgnore(t *testing.T) {
	runCases(t, "DF002", []ruleCase{
		{name: "hadolint ignore that silences nothing", src: "FROM alpine:3.20\n# hadolint ignore=DL3004\nRUN make install\n", want: 1, onbuild: true},
		{name: "dflint ignore that silences nothing", src: "FROM alpine:3.20\n# dflint ignore=sudo\nRUN make install\n", want: 1},
		{name: "typo", src: "FROM alpine:3.20\n# dflint ignore=DF3O3\nRUN sudo make\n", want: 1},
		{name: "retired hadolint code", src: "FROM alpine:3.20\n# hadolint ignore=DL3017\nRUN apk upgrade\n", want: 1},
		{name: "one of two names unused", src: "FROM alpine:3.20\n# hadolint ignore=DL3004,DL3000\nRUN sudo make\n", want: 1},
		{name: "global unused", src: "# dflint global ignore=DF502\nFROM alpine:3.20\nWORKDIR /app\n", want: 1},
		{name: "ignore all unused", src: "FROM alpine:3.20\n# dflint ignore=all\nWORKDIR /app\n", want: 1},
		{name: "check skip of a covered check, unused", src: "# check=skip=JSONArgsRecommended\nFROM alpine:3.20\nCMD [\"sh\"]\n", want: 1, noVariants: true},
		{name: "stage ignore unused", src: "# hadolint stage ignore=DL3004\nFROM alpine:3.20\nRUN make\nRUN make install\n", want: 1},
		{name: "stage ignore used only in another stage", src: "# hadolint stage ignore=DL3004\nFROM alpine:3.20 AS build\nRUN make\nFROM alpine:3.20\nRUN sudo make\n", want: 1},
		// Must not.
		{name: "stage ignore used", src: "# hadolint stage ignore=DL3004\nFROM alpine:3.20\nRUN make\nRUN sudo make install\n", want: 0},
		{name: "dflint stage ignore used", src: "FROM alpine:3.20\nRUN make\n# dflint stage ignore=sudo\nRUN make\nRUN sudo make install\n", want: 0},
		{name: "used", src: "FROM alpine:3.20\n# hadolint ignore=DL3004\nRUN sudo make\n", want: 0, onbuild: true},
		{name: "used by name", src: "FROM alpine:3.20\n# dflint ignore=sudo reason: legacy\nRUN sudo make\n", want: 0},
		{name: "global used", src: "# dflint global ignore=DF502\nFROM alpine:3.20\nWORKDIR app\n", want: 0},
		{name: "ignore all used", src: "FROM alpine:3.20\n# dflint ignore=all\nWORKDIR app\n", want: 0},
		{name: "check skip used", src: "# check=skip=JSONArgsRecommended\nFROM alpine:3.20\nCMD sh\n", want: 0, noVariants: true},
		{name: "check skip of a BuildKit check", src: "# check=skip=StageNameCasing\nFROM alpine:3.20 AS build\n", want: 0, noVariants: true},
		{name: "opt-in rule not enabled", src: "FROM debian:12\n# hadolint ignore=DL3008\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n", want: 0},
		{name: "newer hadolint code", src: "FROM alpine:3.20\n# hadolint ignore=DL3072\nRUN true\n", want: 0},
		{name: "hadolint code of a rule that finds nothing here", src: "FROM alpine:3.20\n# hadolint ignore=DL3010\nRUN true\n", want: 1},
		{name: "shellcheck code without --shellcheck", src: "FROM alpine:3.20\n# hadolint ignore=SC2086\nRUN echo $X\n", want: 0},
		{name: "not an ignore comment", src: "FROM alpine:3.20\n# ignore the next line\nRUN true\n", want: 0},
		{name: "DF002 silenced", src: "# dflint global ignore=DF002\nFROM alpine:3.20\n# hadolint ignore=DL3004\nRUN true\n", want: 0},
	})
}

// TestDF002Position: the finding covers the unused name, not the comment.
func TestDF002Position(t *testing.T) {
	src := "FROM alpine:3.20\n# hadolint ignore=DL3004,DL3000 reason\nRUN sudo make\n"
	fs := lintWith(t, src, "DF002")
	if len(fs) != 1 {
		t.Fatalf("got %d findings, want 1: %+v", len(fs), fs)
	}
	if got := src[fs[0].Start:fs[0].End]; got != "DL3000" {
		t.Errorf("finding covers %q, want DL3000", got)
	}
	if !strings.Contains(fs[0].Message, "DL3000 (DF502)") {
		t.Errorf("message %q does not name the rule", fs[0].Message)
	}
}

// TestDF002JudgesOnlyRulesThatRan: an --ignore'd rule did not run, so an
// ignore comment naming it is not judged; DF002 alone reports nothing else.
func TestDF002JudgesOnlyRulesThatRan(t *testing.T) {
	src := "FROM alpine:3.20\n# hadolint ignore=DL3004\nRUN make\nWORKDIR app\n"
	fs := lintOpts(t, src, Options{Select: []string{"DF002"}, Ignore: []string{"DF303"}, Today: testToday})
	if len(fs) != 0 {
		t.Errorf("got %+v, want nothing", fs)
	}
	fs = lintOpts(t, src, Options{Select: []string{"DF002"}, Today: testToday})
	if len(fs) != 1 || fs[0].RuleID != "DF002" {
		t.Errorf("got %+v, want one DF002 finding and nothing of the judged rules", fs)
	}
}
