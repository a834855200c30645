package rules

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/dflint/dflint/parser"
	"github.com/dflint/dflint/rewrite"
)

// These tests use BuildKit checks that no DF rule covers (StageNameCasing,
// UndefinedVar, DuplicateStageName), so they hold whatever DF rules land.

func TestSuppression(t *testing.T) {
	const stageCasing = "buildkit/StageNameCasing"
	tests := []struct {
		name string
		src  string
		want int
	}{
		{"no comment", "FROM alpine AS Build\n", 1},
		{"dflint ignore above", "# dflint ignore=StageNameCasing\nFROM alpine AS Build\n", 0},
		{"dflint ignore by full ID", "# dflint ignore=buildkit/StageNameCasing\nFROM alpine AS Build\n", 0},
		{"ignore list with spaces and reason", "# dflint ignore=DF999x, StageNameCasing  because we like it\nFROM alpine AS Build\n", 0},
		{"ignore on several comment lines", "# dflint ignore=UndefinedVar\n# dflint ignore=StageNameCasing\nFROM alpine AS Build\n", 0},
		{"blank line breaks the link", "# dflint ignore=StageNameCasing\n\nFROM alpine AS Build\n", 1},
		{"other instruction", "# dflint ignore=StageNameCasing\nFROM alpine AS base\nFROM alpine AS Build\n", 1},
		{"global anywhere", "FROM alpine AS Build\n# dflint global ignore=StageNameCasing\nFROM alpine AS Other\n", 0},
		{"hadolint spelling", "# hadolint ignore=StageNameCasing\nFROM alpine AS Build\n", 0},
		{"hadolint global", "# hadolint global ignore=StageNameCasing\nFROM alpine AS Build\n", 0},
		{"check directive", "# check=skip=StageNameCasing\nFROM alpine AS Build\n", 0},
		{"check directive skip=all", "# check=skip=all\nFROM alpine AS Build\n", 0},
		{"check comment above instruction", "FROM alpine AS base\n# check=skip=StageNameCasing\nFROM alpine AS Build\n", 0},
		{"ignore=all", "# dflint ignore=all\nFROM alpine AS Build\n", 0},
		{"unknown tool", "# otherlint ignore=StageNameCasing\nFROM alpine AS Build\n", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := lintWith(t, tt.src, stageCasing)
			if got := countRule(fs, stageCasing); got != tt.want {
				t.Errorf("got %d findings, want %d: %+v", got, tt.want, fs)
			}
		})
	}
}

// TestStageSuppression follows hadolint's PragmaSpec ("Rules can be ignored
// per stage", "global ignore pragma", "A comment can follow in the same
// line as a pragma") with dflint's own files. UndefinedVar on a scratch
// stage reports offline; StageNameCasing reports on the FROM line.
func TestStageSuppression(t *testing.T) {
	const undefinedVar, stageCasing = "buildkit/UndefinedVar", "buildkit/StageNameCasing"
	tests := []struct {
		name      string
		src       string
		want      int
		wantLines []int // lines of the findings left, when some are
	}{
		{"stage pragma covers its stage", "# hadolint stage ignore=UndefinedVar\nFROM scratch\nENV A=$NOPE\nENV B=$NOPE2\n", 0, nil},
		{"next stage still reported", "# hadolint stage ignore=UndefinedVar\nFROM scratch\nENV A=$NOPE\nFROM scratch\nENV B=$NOPE\n", 1, []int{5}},
		{"earlier stage still reported", "FROM scratch\nENV A=$NOPE\n# hadolint stage ignore=UndefinedVar\nFROM scratch\nENV B=$NOPE\n", 1, []int{2}},
		{"several rules", "# hadolint stage ignore=StageNameCasing,UndefinedVar\nFROM scratch AS Build\nENV A=$NOPE\n", 0, nil},
		{"dflint spelling", "# dflint stage ignore=UndefinedVar\nFROM scratch\nENV A=$NOPE\n", 0, nil},
		{"mid-stage: from the instruction below to the end of the stage", "FROM scratch\nENV A=$NOPE\n# dflint stage ignore=UndefinedVar\nENV B=$NOPE\nENV C=$NOPE\nFROM scratch\nENV D=$NOPE\n", 2, []int{2, 7}},
		// hadolint starts the stage's scope after the FROM below the
		// pragma and carries it onto the next stage's FROM; dflint covers
		// the stage the pragma stands above, FROM included.
		{"the FROM below is covered", "# hadolint stage ignore=StageNameCasing\nFROM scratch AS Build\n", 0, nil},
		{"the next FROM is not", "# hadolint stage ignore=StageNameCasing\nFROM scratch AS base\nFROM scratch AS Build\n", 1, []int{3}},
		{"stage pragma across a blank line", "# hadolint stage ignore=UndefinedVar\n\nFROM scratch\nENV A=$NOPE\n", 0, nil},
		{"stage pragma at the end covers nothing", "FROM scratch\nENV A=$NOPE\n# hadolint stage ignore=UndefinedVar\n", 1, []int{2}},
		{"stage is not next-line only", "# hadolint ignore=UndefinedVar\nFROM scratch\nENV A=$NOPE\n", 1, []int{3}},
		{"global with spaces around = and ,", "# hadolint global ignore = StageNameCasing , UndefinedVar\nFROM scratch AS Build\nENV A=$NOPE\n", 0, nil},
		{"pragma followed by a comment", "FROM scratch\n# hadolint ignore=UndefinedVar # legacy\nENV A=$NOPE\n", 0, nil},
		{"pragma followed by a space", "FROM scratch\n# hadolint ignore=UndefinedVar \nENV A=$NOPE\n", 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := lintWith(t, tt.src, undefinedVar, stageCasing)
			var lines []int
			for _, f := range fs {
				lines = append(lines, f.Line)
			}
			if len(fs) != tt.want || tt.wantLines != nil && !slices.Equal(lines, tt.wantLines) {
				t.Errorf("got findings on lines %v, want %d on %v\n%s", lines, tt.want, tt.wantLines, tt.src)
			}
		})
	}
}

// TestNoIgnoreComments: hadolint's disable-ignore-pragma makes every
// pragma silence nothing; BuildKit's check directive is not a pragma.
func TestNoIgnoreComments(t *testing.T) {
	const stageCasing = "buildkit/StageNameCasing"
	tests := []struct {
		name string
		src  string
		want int
	}{
		{"hadolint ignore", "# hadolint ignore=StageNameCasing\nFROM scratch AS Build\n", 1},
		{"dflint ignore", "# dflint ignore=StageNameCasing\nFROM scratch AS Build\n", 1},
		{"stage ignore", "# hadolint stage ignore=StageNameCasing\nFROM scratch AS Build\n", 1},
		{"global ignore", "# dflint global ignore=StageNameCasing\nFROM scratch AS Build\n", 1},
		{"check directive still counts", "# check=skip=StageNameCasing\nFROM scratch AS Build\n", 0},
		{"check comment above an instruction still counts", "FROM scratch AS base\n# check=skip=StageNameCasing\nFROM scratch AS Build\n", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := lintOpts(t, tt.src, Options{Select: []string{stageCasing, "DF002"}, NoIgnoreComments: true, Today: testToday})
			if got := countRule(fs, stageCasing); got != tt.want {
				t.Errorf("got %d findings, want %d: %+v", got, tt.want, fs)
			}
			// A comment that counts for nothing is not "unused" either:
			// the configuration, not the comment, is what to change.
			if got := countRule(fs, "DF002"); got != 0 {
				t.Errorf("DF002 reported %d disabled comments: %+v", got, fs)
			}
		})
	}
	// Without the option the same comments silence the finding.
	if fs := lintWith(t, tests[0].src, stageCasing); countRule(fs, stageCasing) != 0 {
		t.Errorf("without NoIgnoreComments the hadolint comment should silence: %+v", fs)
	}
}

// TestShellPragmaReachesRules: under hadolint's shell pragma a RUN is not
// read as a POSIX script, so the shell rules leave it alone (hadolint's
// ShellcheckSpec "Respects shell pragma"); the next stage is POSIX again.
func TestShellPragmaReachesRules(t *testing.T) {
	const run = "RUN curl -fsSL https://example.com/install.sh | sh\n"
	posix := "FROM example.com/tools:1\n" + run
	pragma := "FROM example.com/tools:1\n# hadolint shell=powershell\n" + run + "FROM example.com/tools:1\n" + run
	if got := countRule(lintWith(t, posix, "DF305"), "DF305"); got != 1 {
		t.Fatalf("without the pragma: %d DF305 findings, want 1", got)
	}
	fs := lintWith(t, pragma, "DF305")
	if len(fs) != 1 || fs[0].Line != 5 {
		t.Errorf("with the pragma: want one DF305 on line 5 (the next stage), got %+v", fs)
	}
}

func TestSuppressionCoversMultiLineInstruction(t *testing.T) {
	// scratch: offline, UndefinedVar reports only where it can tell.
	src := "FROM scratch\n# dflint ignore=UndefinedVar\nENV A=1 \\\n    B=$NOPE\nENV C=$NOPE2\n"
	fs := lintWith(t, src, "UndefinedVar")
	if got := countRule(fs, "buildkit/UndefinedVar"); got != 1 {
		t.Fatalf("got %d UndefinedVar findings, want 1 (line 5): %+v", got, fs)
	}
	if fs[0].Line != 5 {
		t.Errorf("remaining finding on line %d, want 5", fs[0].Line)
	}
}

func TestParseErrorFinding(t *testing.T) {
	fs := lintWith(t, "FROM alpine\n# dflint global ignore=DF001\nRUN <<EOF\necho\n")
	if len(fs) != 1 || fs[0].RuleID != "DF001" || fs[0].Severity != Error {
		t.Fatalf("got %+v", fs)
	}
	if fs[0].Line != 3 || fs[0].Column != 1 || !strings.Contains(fs[0].Message, "heredoc") {
		t.Errorf("DF001 at %d:%d %q, want line 3 and the parser's message", fs[0].Line, fs[0].Column, fs[0].Message)
	}
}

func TestEngineOptions(t *testing.T) {
	if _, err := NewEngine(Options{Select: []string{"NoSuchRule"}}); err == nil || !strings.Contains(err.Error(), "dflint rules") {
		t.Errorf("unknown rule: %v", err)
	}
	if _, err := NewEngine(Options{Ignore: []string{"NoSuchRule"}}); err == nil {
		t.Errorf("unknown ignored rule accepted")
	}
	src := "FROM alpine AS Build\nFROM alpine AS build\n"
	f := parser.Parse("Dockerfile", []byte(src))
	run := func(o Options) []Finding {
		e, err := NewEngine(o)
		if err != nil {
			t.Fatal(err)
		}
		fs, errs := e.Lint(context.Background(), f)
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		return fs
	}
	all := run(Options{})
	if countRule(all, "buildkit/StageNameCasing") != 1 || countRule(all, "buildkit/DuplicateStageName") != 1 {
		t.Fatalf("default run: %+v", all)
	}
	if fs := run(Options{Ignore: []string{"StageNameCasing"}}); countRule(fs, "buildkit/StageNameCasing") != 0 || countRule(fs, "buildkit/DuplicateStageName") != 1 {
		t.Errorf("ignore: %+v", fs)
	}
	if fs := run(Options{Select: []string{"DuplicateStageName"}}); len(fs) != 1 || fs[0].RuleID != "buildkit/DuplicateStageName" {
		t.Errorf("select: %+v", fs)
	}
	fs := run(Options{Severity: map[string]Severity{"StageNameCasing": Error, "DuplicateStageName": Off}})
	if countRule(fs, "buildkit/DuplicateStageName") != 0 {
		t.Errorf("severity off should disable: %+v", fs)
	}
	for _, f := range fs {
		if f.RuleID == "buildkit/StageNameCasing" && f.Severity != Error {
			t.Errorf("severity override not applied: %v", f.Severity)
		}
	}
	if fs := run(Options{NoBuildKit: true}); countRule(fs, "buildkit/StageNameCasing") != 0 {
		t.Errorf("NoBuildKit still ran BuildKit: %+v", fs)
	}
}

func TestFindingPositions(t *testing.T) {
	src := "\ufeffFROM alpine AS Build\r\nFROM scratch\r\n"
	fs := lintWith(t, src, "StageNameCasing")
	if len(fs) != 1 {
		t.Fatalf("got %+v", fs)
	}
	f := fs[0]
	if f.Start != 3 || f.Line != 1 || f.Column != 4 || f.EndLine != 1 || src[f.End:f.End+2] != "\r\n" {
		t.Errorf("finding at %d-%d (%d:%d-%d:%d)", f.Start, f.End, f.Line, f.Column, f.EndLine, f.EndColumn)
	}
}

func TestLookupResolvesAliases(t *testing.T) {
	for _, key := range []string{"buildkit/UndefinedVar", "UndefinedVar", "undefinedvar", "DF001", "parse-error"} {
		if len(Lookup(key)) != 1 {
			t.Errorf("Lookup(%q) = %v", key, Lookup(key))
		}
	}
	if Lookup("DL9999") != nil {
		t.Errorf("unknown code resolved")
	}
}

func TestSplitNames(t *testing.T) {
	names := splitNames(" DF301 , DF104,DL3006 reason: legacy image")
	if strings.Join(names, "|") != "DF301|DF104|DL3006" {
		t.Errorf("got %v", names)
	}
	if names := splitNames("all"); len(names) != 1 || names[0] != "all" {
		t.Errorf("all not kept: %v", names)
	}
}

// BuildKit reports UndefinedVar for several variables of one instruction in
// map order; dflint's output must not change from run to run.
func TestBuildKitFindingsInStableOrder(t *testing.T) {
	src := "FROM scratch\nCOPY --chown=${NB_UID}:${NB_GID} a /a\nENV X=${ONE}${TWO}${THREE}\n"
	var first []string
	for i := range 20 {
		var got []string
		for _, f := range lintWith(t, src, "UndefinedVar") {
			got = append(got, f.Message)
		}
		if len(got) < 3 {
			t.Fatalf("want UndefinedVar for each variable, have %q", got)
		}
		if i == 0 {
			first = got
		} else if strings.Join(got, "|") != strings.Join(first, "|") {
			t.Fatalf("run %d: %q, run 0: %q", i, got, first)
		}
	}
}

// DF103 and DF105 enforce policies some teams have: they are off until
// selected, given a severity, or given the setting that states the policy
// (issue 18: on by default they fired on 98 % and 51 % of real files).
func TestPolicyRulesOptIn(t *testing.T) {
	src := "FROM python:3.12-slim\nCOPY app.py /app/\nCMD [\"python\", \"/app/app.py\"]\n"
	f := parser.Parse("Dockerfile", []byte(src))
	tests := []struct {
		name         string
		opts         Options
		df103, df105 bool
	}{
		{"default", Options{}, false, false},
		{"selected", Options{Select: []string{"DF103", "DF105"}}, true, true},
		{"given a severity", Options{Severity: map[string]Severity{"DF103": Warning, "hardened-base-available": Info}}, true, true},
		{"pin policy", Options{PinDigests: true}, true, false},
		{"distroless family", Options{BasePolicy: rewrite.BasePolicy{Family: "distroless"}}, false, true},
		{"chainguard family", Options{BasePolicy: rewrite.BasePolicy{Family: "chainguard"}}, false, true},
		{"slim family", Options{BasePolicy: rewrite.BasePolicy{Family: "slim"}}, false, false},
		{"alpine family", Options{BasePolicy: rewrite.BasePolicy{Family: "alpine"}}, false, false},
		{"override to a hardened family", Options{BasePolicy: rewrite.BasePolicy{Overrides: map[string]string{"python": "Chainguard"}}}, false, true},
		{"override to an image", Options{BasePolicy: rewrite.BasePolicy{Overrides: map[string]string{"python": "ghcr.io/acme/python:3.12"}}}, false, true},
		{"override to slim", Options{BasePolicy: rewrite.BasePolicy{Overrides: map[string]string{"python": "slim"}}}, false, false},
		{"ignored beats the policy", Options{PinDigests: true, Ignore: []string{"DF103"}}, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.Today = testToday
			e, err := NewEngine(tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if got := e.Enabled(ByID("DF103")); got != tt.df103 {
				t.Errorf("DF103 runs: %v, want %v", got, tt.df103)
			}
			if got := e.Enabled(ByID("DF105")); got != tt.df105 {
				t.Errorf("DF105 runs: %v, want %v", got, tt.df105)
			}
			fs, _ := e.Lint(context.Background(), f)
			if (countRule(fs, "DF103") > 0) != tt.df103 {
				t.Errorf("DF103 findings %d, want some: %v", countRule(fs, "DF103"), tt.df103)
			}
		})
	}
}
