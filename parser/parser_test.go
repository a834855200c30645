package parser

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func mustParse(t *testing.T, src string) *File {
	t.Helper()
	f := Parse("Dockerfile", []byte(src))
	if f.Err != nil {
		t.Fatalf("parse: %v\n%s", f.Err, src)
	}
	return f
}

func TestInstructionRangesAreByteExact(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string // the text of each instruction
	}{
		{
			name: "plain",
			src:  "FROM alpine:3.20\nRUN echo hi\n",
			want: []string{"FROM alpine:3.20", "RUN echo hi"},
		},
		{
			name: "CRLF",
			src:  "FROM alpine:3.20\r\nRUN echo a && \\\r\n  echo b\r\n",
			want: []string{"FROM alpine:3.20", "RUN echo a && \\\r\n  echo b"},
		},
		{
			name: "BOM and no final newline",
			src:  "\ufeffFROM alpine:3.20\nCMD [\"sh\"]",
			want: []string{"FROM alpine:3.20", `CMD ["sh"]`},
		},
		{
			name: "comment lines inside a continuation",
			src:  "FROM alpine\nRUN apk add \\\n  # the compiler\n  gcc \\\n\n  musl-dev\nUSER 1000\n",
			want: []string{"FROM alpine", "RUN apk add \\\n  # the compiler\n  gcc \\\n\n  musl-dev", "USER 1000"},
		},
		{
			name: "heredoc",
			src:  "FROM alpine\nRUN <<EOF\napk add git\nEOF\nCMD [\"git\"]\n",
			want: []string{"FROM alpine", "RUN <<EOF\napk add git\nEOF", `CMD ["git"]`},
		},
		{
			name: "backtick escape",
			src:  "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir `\n  C:\\\n",
			want: []string{"FROM mcr.microsoft.com/windows/servercore:ltsc2022", "RUN dir `\n  C:\\"},
		},
		{
			name: "indented instruction",
			src:  "FROM alpine\n    RUN true\n",
			want: []string{"FROM alpine", "    RUN true"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := mustParse(t, tt.src)
			if len(f.Instructions) != len(tt.want) {
				t.Fatalf("got %d instructions, want %d", len(f.Instructions), len(tt.want))
			}
			for i, in := range f.Instructions {
				if got := string(in.Text()); got != tt.want[i] {
					t.Errorf("instruction %d: got %q, want %q", i, got, tt.want[i])
				}
			}
		})
	}
}

func TestLogicalLineMapsBackToTheFile(t *testing.T) {
	src := "FROM alpine\r\nRUN --mount=type=cache,target=/var/cache/apk apk add \\\r\n  # a comment\r\n  git \\\r\n  curl\r\n"
	f := mustParse(t, src)
	lg := f.Instructions[1].Logical()
	if want := "RUN --mount=type=cache,target=/var/cache/apk apk add   git   curl"; lg.Text != want {
		t.Fatalf("logical text %q, want %q", lg.Text, want)
	}
	if got := lg.Args(); got != "apk add   git   curl" {
		t.Errorf("args %q", got)
	}
	for i := range lg.Text {
		if src[lg.FileOffset(i)] != lg.Text[i] {
			t.Fatalf("byte %d (%q) maps to file byte %q", i, lg.Text[i], src[lg.FileOffset(i)])
		}
	}
	if end := lg.FileOffset(len(lg.Text)); src[end:end+2] != "\r\n" {
		t.Errorf("end of logical line maps to %q, want the CRLF", src[end:])
	}
}

// A line whose first non-blank is # is a comment to BuildKit whatever
// Unicode white space indents it, and a lone byte 0xA0 (not UTF-8) is not
// white space: the logical line is BuildKit's, byte for byte.
func TestLogicalLineSkipsCommentsAsBuildKitDoes(t *testing.T) {
	for _, src := range []string{
		"FROM a\nRUN b \\\n\u00a0# c\n  d\n",
		"FROM a\nRUN b \\\n\u3000# c\n  d\n",
		"FROM a\nRUN b \\\n\f# c\n  d\n",
		"FROM a\nRUN b \\\n\xa0# c\n",
		// BuildKit trims every CR at a line's end, so the escape before
		// them continues the line (FuzzFix found DF411's fix going after
		// the second CR).
		"FROM a\nRUN apk add\\\r\r\n",
		"FROM a\nRUN b \\\r\r\n  c\r\n",
	} {
		f := mustParse(t, src)
		in := f.Instructions[1]
		if got, want := in.Logical().Text, in.Node.Original; got != want {
			t.Errorf("%q: logical text %q, BuildKit's %q", src, got, want)
		}
	}
}

func TestCallsMapToFileOffsets(t *testing.T) {
	src := "FROM debian\n" +
		"RUN apt-get update && \\\n" +
		"    # keep the list small\n" +
		"    apt-get install -y curl ; sh -c 'apt-get install git'\n" +
		"RUN <<EOF\n" +
		"set -e\n" +
		"apt-get install vim\n" +
		"EOF\n" +
		"RUN cat <<EOF > /etc/motd\n" +
		"apt-get install not-a-command\n" +
		"EOF\n" +
		"ONBUILD RUN apk add jq\n" +
		"CMD flask run\n"
	f := mustParse(t, src)
	var got []string
	for _, in := range f.Instructions {
		for _, c := range in.Calls() {
			var words []string
			for _, w := range c.Args {
				if text := src[w.Start:w.End]; !strings.Contains(text, w.Value) {
					t.Errorf("word %q maps to %q", w.Value, text)
				}
				words = append(words, w.Value)
			}
			got = append(got, strings.Join(words, " "))
		}
	}
	want := []string{
		"apt-get update",
		"apt-get install -y curl",
		"sh -c apt-get install git",
		"apt-get install git",
		"set -e",
		"apt-get install vim",
		"cat",
		"apk add jq",
		"flask run",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("calls:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestHeredocWithShebangIsNotShell(t *testing.T) {
	f := mustParse(t, "FROM python\nRUN <<EOF\n#!/usr/bin/env python3\nprint('apt-get install x')\nEOF\n")
	if n := len(f.Instructions[1].Scripts()); n != 1 {
		t.Errorf("got %d scripts, want only the command line", n)
	}
}

func TestNonPOSIXShellHasNoScripts(t *testing.T) {
	f := mustParse(t, "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL [\"powershell\", \"-Command\"]\nRUN Get-ChildItem\nFROM alpine\nRUN ls\n")
	if n := len(f.Instructions[2].Scripts()); n != 0 {
		t.Errorf("PowerShell RUN: got %d scripts", n)
	}
	if n := len(f.Instructions[4].Scripts()); n != 1 {
		t.Errorf("a new stage resets SHELL: got %d scripts", n)
	}
}

func TestStages(t *testing.T) {
	src := "ARG GO=1.22\nARG BASE\nFROM golang:${GO} AS Build\nRUN go build\n" +
		"FROM ${BASE:-gcr.io/distroless/static-debian12}:nonroot AS runtime\nCOPY --from=build /app /app\n" +
		"FROM build\nFROM $UNSET\n"
	f := mustParse(t, src)
	if len(f.GlobalArgs) != 2 || len(f.Stages) != 4 {
		t.Fatalf("got %d global ARGs and %d stages", len(f.GlobalArgs), len(f.Stages))
	}
	s := f.Stages
	if s[0].Name != "build" || s[0].Base != "golang:1.22" || s[0].BaseName != "golang:${GO}" {
		t.Errorf("stage 0: %+v", s[0])
	}
	if ref, ok := s[0].Image(); !ok || ref.Repository() != "golang" || ref.Tag != "1.22" || !ref.IsDockerHub() {
		t.Errorf("stage 0 image: %+v %v", ref, ok)
	}
	if s[1].Base != "gcr.io/distroless/static-debian12:nonroot" {
		t.Errorf("stage 1 base %q", s[1].Base)
	}
	if ref, _ := s[1].Image(); ref.Repository() != "gcr.io/distroless/static-debian12" || ref.Name() != "static-debian12" {
		t.Errorf("stage 1 image: %+v", ref)
	}
	if s[2].BaseStage != s[0] || s[2].RootImage() != s[0] {
		t.Errorf("stage 2 should build on stage 0")
	}
	if len(s[3].BaseUnresolved) != 1 || s[3].BaseUnresolved[0] != "UNSET" {
		t.Errorf("stage 3 unresolved: %v", s[3].BaseUnresolved)
	}
	if _, ok := s[3].Image(); ok {
		t.Errorf("an unresolved base has no image")
	}
	if !s[3].IsFinal || s[2].IsFinal {
		t.Errorf("only the last stage is final")
	}
	if got := f.StageRef("0", -1); got != s[0] {
		t.Errorf("StageRef by index")
	}
	if got := f.StageByName("BUILD", 1); got != s[0] {
		t.Errorf("StageByName is case-insensitive")
	}
	copyIn := s[1].Instructions[1]
	if v, ok := copyIn.Flag("from"); !ok || v != "build" {
		t.Errorf("COPY --from flag: %q %v", v, ok)
	}
}

func TestDirectives(t *testing.T) {
	f := mustParse(t, "\ufeff# syntax=docker/dockerfile:1\n# check=skip=JSONArgsRecommended\n# escape=`\n\n# not=directive\nFROM alpine\n")
	if len(f.Directives) != 3 {
		t.Fatalf("got %+v", f.Directives)
	}
	if d := f.Directive("check"); d == nil || d.Value != "skip=JSONArgsRecommended" || d.Line != 2 {
		t.Errorf("check directive: %+v", d)
	}
	if d := f.Directive("syntax"); d == nil || d.Start != 3 {
		t.Errorf("the BOM is not part of the directive: %+v", d)
	}
	if f.Escape != '`' {
		t.Errorf("escape %q", f.Escape)
	}
	g := mustParse(t, "FROM alpine\n# syntax=docker/dockerfile:1\n")
	if len(g.Directives) != 0 {
		t.Errorf("a directive after an instruction is a comment: %+v", g.Directives)
	}
}

func TestOnbuildTrigger(t *testing.T) {
	f := mustParse(t, "FROM alpine\nONBUILD RUN apk add git\nONBUILD COPY . /src\n")
	tr := f.Instructions[1].Trigger
	if tr == nil || tr.Name != "run" || tr.Keyword != "RUN" || tr.Parent != f.Instructions[1] {
		t.Fatalf("trigger: %+v", tr)
	}
	if got := tr.Logical().Args(); got != "apk add git" {
		t.Errorf("trigger args %q", got)
	}
	if f.Instructions[2].Trigger.Name != "copy" {
		t.Errorf("COPY trigger")
	}
}

func TestParseErrorsHaveALine(t *testing.T) {
	tests := []struct {
		src  string
		line int
	}{
		{"FROM alpine\nRUN <<EOF\necho\n", 2},
		{"FROM alpine\nFOO bar\n", 2},
		{"", 1},
		{"# only a comment\n", 1},
		{"FROM alpine\nCOPY\n", 2},
		{"FROM alpine AS 1bad\n", 1},
	}
	for _, tt := range tests {
		f := Parse("Dockerfile", []byte(tt.src))
		if f.Err == nil {
			t.Errorf("%q parsed", tt.src)
			continue
		}
		if f.Err.Line != tt.line || f.Err.Message == "" {
			t.Errorf("%q: error %+v, want line %d", tt.src, f.Err, tt.line)
		}
	}
}

func TestPositionAndLines(t *testing.T) {
	f := mustParse(t, "FROM a\r\nRUN b\r\n\r\nCMD c")
	for _, tt := range []struct{ off, line, col int }{{0, 1, 1}, {6, 1, 7}, {8, 2, 1}, {15, 3, 1}, {17, 4, 1}, {22, 4, 6}} {
		if l, c := f.Position(tt.off); l != tt.line || c != tt.col {
			t.Errorf("Position(%d) = %d:%d, want %d:%d", tt.off, l, c, tt.line, tt.col)
		}
	}
	if f.LineCount() != 4 || string(f.Line(2)) != "RUN b" || string(f.Line(4)) != "CMD c" {
		t.Errorf("lines: %d %q %q", f.LineCount(), f.Line(2), f.Line(4))
	}
	if f.NewlineStyle() != "\r\n" {
		t.Errorf("newline style")
	}
}

func TestCommentsAbove(t *testing.T) {
	f := mustParse(t, "FROM a\n# one\n\n# two\n  # three\nRUN x\n")
	got := f.CommentsAbove(f.Instructions[1])
	if len(got) != 2 || got[0].Text != "two" || got[1].Text != "three" {
		t.Errorf("got %+v", got)
	}
}

// TestCorpusParses parses every corpus file: no panic, and every
// instruction's text starts with its keyword.
func TestCorpusParses(t *testing.T) {
	root := filepath.Join("..", "..", "shared", "corpus", "files")
	if _, err := os.Stat(root); err != nil {
		t.Skipf("corpus not found at %s", root)
	}
	var files, failed int
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files++
		f := Parse(p, src)
		if f.Err != nil {
			failed++
			if f.Err.Line < 1 {
				t.Errorf("%s: parse error without a line: %v", p, f.Err)
			}
			return nil
		}
		for _, in := range f.Instructions {
			text := strings.TrimLeft(string(in.Text()), " \t")
			if !strings.HasPrefix(text, in.Keyword) || !strings.EqualFold(in.Keyword, in.Name) {
				t.Errorf("%s:%d: instruction text %.30q does not start with %q", p, in.StartLine, text, in.Keyword)
			}
			for _, s := range in.Scripts() {
				_ = s.Calls()
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d files, %d do not parse", files, failed)
}

func TestShellIsInheritedFromBaseStage(t *testing.T) {
	f := mustParse(t, "FROM alpine AS base\nSHELL [\"/bin/ash\", \"-eo\", \"pipefail\", \"-c\"]\nFROM base\nRUN ls | wc -l\nFROM alpine\nRUN ls\n")
	if got := strings.Join(f.Instructions[3].Shell, " "); got != "/bin/ash -eo pipefail -c" {
		t.Errorf("FROM base: shell %q", got)
	}
	if got := strings.Join(f.Instructions[5].Shell, " "); got != "/bin/sh -c" {
		t.Errorf("FROM alpine: shell %q", got)
	}
}

// Outline keeps what reports read and drops the trees.
func TestOutline(t *testing.T) {
	f := mustParse(t, "\ufeff# syntax=docker/dockerfile:1\nFROM alpine:3.20 AS base\r\n# doc\nRUN apk add \\\n  git\n")
	o := f.Outline()
	if o.AST != nil || o.Stages != nil || o.GlobalArgs != nil || o.Instructions != nil || o.Comments != nil {
		t.Error("the outline keeps the syntax tree, the stages, the instructions or the comments")
	}
	if o.Path != f.Path || string(o.Source) != string(f.Source) || !o.HasBOM || o.LineCount() != f.LineCount() || o.Escape != f.Escape {
		t.Errorf("outline lost the text or the lines: %+v", o)
	}
	for _, in := range f.Instructions {
		for _, off := range []int{in.Start, (in.Start + in.End) / 2, in.End} {
			for _, file := range []*File{f, o} {
				start, end, ok := file.InstructionAround(off)
				if !ok || start != in.Start || end != in.End {
					t.Errorf("InstructionAround(%d) = %d, %d, %v; want the range of %q", off, start, end, ok, in.Text())
				}
			}
		}
	}
	if _, _, ok := o.InstructionAround(f.Instructions[0].Start - 1); ok {
		t.Error("an offset in the comment before FROM is inside an instruction")
	}
	if l, c := o.Position(f.Instructions[1].Start); l != 4 || c != 1 {
		t.Errorf("Position on the outline: %d:%d", l, c)
	}
}

func TestMemoComputesOncePerInstructionAndKey(t *testing.T) {
	f := mustParse(t, "FROM alpine\nRUN apk add curl\nRUN echo hi\n")
	type keyA struct{}
	type keyB struct{}
	calls := 0
	count := func(in *Instruction) int { calls++; return in.Index * 10 }
	run1, run2 := f.Instructions[1], f.Instructions[2]
	for range 3 {
		if got := Memo(run1, keyA{}, count); got != 10 {
			t.Fatalf("Memo(run1, keyA) = %d, want 10", got)
		}
	}
	if calls != 1 {
		t.Errorf("compute ran %d times for one instruction and key, want 1", calls)
	}
	if got := Memo(run2, keyA{}, count); got != 20 || calls != 2 {
		t.Errorf("another instruction: got %d after %d computations, want 20 after 2", got, calls)
	}
	if got := Memo(run1, keyB{}, func(*Instruction) string { return "b" }); got != "b" {
		t.Errorf("another key: got %q, want its own value", got)
	}
	if got := Memo(run1, keyA{}, count); got != 10 || calls != 2 {
		t.Errorf("keyA after keyB: got %d after %d computations, want the kept 10", got, calls)
	}
}

// TestShellPragma follows hadolint's ShellcheckSpec ("Respects shell
// pragma", "Respects global shell pragma") and RegressionSpec (an ARG or ENV
// does not reset it) with dflint's own files: the pragma is the shell of the
// RUNs below it until a SHELL instruction or the end of the stage.
func TestShellPragma(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string // the shell of each RUN, in order
	}{
		{"above the first FROM: every stage",
			"# hadolint shell=powershell\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN Get-ChildItem\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nRUN Get-Process\n",
			[]string{"powershell", "powershell"}},
		{"in a stage: the rest of it",
			"FROM alpine\nRUN ls\n# hadolint shell = powershell.exe\nRUN Get-ChildItem\nFROM alpine\nRUN ls\n",
			[]string{"/bin/sh -c", "powershell.exe", "/bin/sh -c"}},
		{"directly above a later FROM: that stage",
			"FROM alpine\nRUN ls\n# hadolint shell=pwsh\nFROM mcr.microsoft.com/powershell\nRUN Get-ChildItem\n",
			[]string{"/bin/sh -c", "pwsh"}},
		{"a SHELL instruction wins",
			"# hadolint shell=powershell\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL [\"cmd\", \"/S\", \"/C\"]\nRUN dir\n",
			[]string{"cmd /S /C"}},
		{"ARG and ENV keep it",
			"# hadolint shell=powershell\nARG V=ltsc2022\nFROM mcr.microsoft.com/windows/servercore:${V}\nENV A=1\nARG B\nRUN Get-ChildItem\n",
			[]string{"powershell"}},
		{"a stage built on it inherits it",
			"FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS base\n# hadolint shell=powershell\nRUN Get-ChildItem\nFROM base\nRUN Get-Process\n",
			[]string{"powershell", "powershell"}},
		{"followed by a comment",
			"# hadolint shell=powershell # Windows image\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN Get-ChildItem\n",
			[]string{"powershell"}},
		{"followed by other words: not a pragma",
			"# hadolint shell=powershell on Windows\nFROM alpine\nRUN ls\n",
			[]string{"/bin/sh -c"}},
		{"other pragmas and lookalikes",
			"# hadolint ignore=DL3006\n# hadolintshell=pwsh\n# hadolint shells=pwsh\nFROM alpine\nRUN ls\n",
			[]string{"/bin/sh -c"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := mustParse(t, tt.src)
			var got []string
			for _, in := range f.Instructions {
				if in.Name == "run" {
					got = append(got, strings.Join(in.Shell, " "))
				}
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("RUN shells %q, want %q\n%s", got, tt.want, tt.src)
			}
		})
	}
	// A RUN under a PowerShell pragma is not parsed as a POSIX script.
	f := mustParse(t, "# hadolint shell=powershell\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN Get-ChildItem | Select-Object Name\n")
	if n := len(f.Instructions[1].Scripts()); n != 0 {
		t.Errorf("PowerShell pragma: got %d POSIX scripts", n)
	}
}
