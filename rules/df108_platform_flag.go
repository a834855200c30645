package rules

import (
	"fmt"
	"strings"

	"github.com/containerd/platforms"
	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

var _ = register(&Rule{
	ID:       "DF108",
	Name:     "platform-flag",
	Severity: Warning,
	Summary:  "`FROM --platform` with a constant platform, or the redundant `$TARGETPLATFORM`",
	Aliases:  []string{"DL3029", "DL3065", "FromPlatformFlagConstDisallowed", "RedundantTargetPlatform"},
	// Two checks in each tool: a constant platform (BuildKit's
	// FromPlatformFlagConstDisallowed, hadolint's DL3029) and a redundant
	// $TARGETPLATFORM (RedundantTargetPlatform, DL3065).
	Parts:      [][]string{{"FromPlatformFlagConstDisallowed", "DL3029"}, {"RedundantTargetPlatform", "DL3065"}},
	Fix:        Safe,
	FixSummary: "remove a redundant `--platform=$TARGETPLATFORM`",
	Check:      checkPlatformFlag,
})

func checkPlatformFlag(p *Pass) {
	for _, s := range p.File.Stages {
		in := s.From
		if in == nil || s.Platform == "" {
			continue
		}
		fl, ok := platformFlag(in)
		if !ok {
			continue
		}
		value := shellcmd.Unquote(strings.TrimSpace(s.Platform))
		switch {
		case value == "$TARGETPLATFORM" || value == "${TARGETPLATFORM}":
			if globalArgDefault(p.File, "TARGETPLATFORM") {
				continue
			}
			msg := fmt.Sprintf("`--platform=%s` is what FROM does without the flag: remove it", value)
			var fix *Fix
			if e, ok := removeFlagEdit(in, fl); ok {
				fix = &Fix{Title: "Remove the redundant --platform", Applicability: Safe, Edits: []Edit{e}}
			}
			p.ReportPart("RedundantTargetPlatform", fl.Start, fl.End, msg, fix)
		case !strings.Contains(value, "$"):
			plat, err := platforms.Parse(value)
			if err != nil {
				continue // BuildKit fails the build on it; not this rule's concern
			}
			if name := s.Name; name != "" && (strings.Contains(name, plat.OS) || plat.Architecture != "" && strings.Contains(name, plat.Architecture)) {
				continue
			}
			if pathNamesArch(p.File.Path, plat.Architecture) {
				continue // a Dockerfile kept per architecture (arm32v7/Dockerfile)
			}
			msg := fmt.Sprintf("FROM --platform=%s pins this stage to one platform whatever the build asks for: remove the flag, or use `--platform=$BUILDPLATFORM` in a stage that cross-compiles", value)
			p.ReportPart("FromPlatformFlagConstDisallowed", fl.Start, fl.End, msg, nil)
		}
	}
}

// pathNamesArch tells whether an element of the file's path (split at
// non-alphanumerics) starts with the architecture's name, or a common
// alias of it: `ubuntu22.04-arm32v7/docker/Dockerfile` for arm,
// `Dockerfile.amd64`, `x86_64/Dockerfile`.
func pathNamesArch(path, arch string) bool {
	if arch == "" {
		return false
	}
	names := []string{arch}
	switch arch {
	case "amd64":
		names = append(names, "x86_64", "x64")
	case "arm64":
		names = append(names, "aarch64", "arm64v8")
	case "386":
		names = append(names, "i386", "x86")
	}
	for _, el := range strings.FieldsFunc(strings.ToLower(path), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_')
	}) {
		for _, n := range names {
			if strings.HasPrefix(el, n) {
				return true
			}
		}
	}
	return false
}

// flagWord is one --flag of an instruction with its range in the file and
// the ranges of its neighbours, so that it can be removed cleanly.
type flagWord struct {
	Start, End int
	// PrevEnd is the end of the word before it (the keyword or a flag);
	// NextStart the start of the word after it.
	PrevEnd, NextStart int
}

// platformFlag finds the --platform flag of a FROM in the file.
func platformFlag(in *parser.Instruction) (flagWord, bool) {
	lg := in.Logical()
	text := lg.Text
	esc := byte(in.File.Escape)
	i := lg.KeywordStart
	for i < len(text) && !isSpaceByte(text[i]) {
		i++
	}
	prevEnd := i
	for i < lg.ArgsStart {
		for i < lg.ArgsStart && isSpaceByte(text[i]) {
			i++
		}
		if i >= lg.ArgsStart {
			break
		}
		start := i
		i = skipFlagWord(text, i, esc)
		if strings.HasPrefix(strings.ToLower(text[start:i]), "--platform=") {
			next := i
			for next < len(text) && isSpaceByte(text[next]) {
				next++
			}
			return flagWord{
				Start:     lg.FileOffset(start),
				End:       lg.FileOffset(i-1) + 1,
				PrevEnd:   lg.FileOffset(prevEnd-1) + 1,
				NextStart: lg.FileOffset(next),
			}, true
		}
		prevEnd = i
	}
	return flagWord{}, false
}

// skipFlagWord skips one --flag word the way BuildKit reads flags: quotes
// group, the escape character escapes the next byte.
func skipFlagWord(s string, i int, esc byte) int {
	var quote byte
	for i < len(s) {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			} else if c == esc {
				i++
			}
		case c == '\'' || c == '"':
			quote = c
		case c == esc:
			i++
		case isSpaceByte(c):
			return i
		}
		i++
	}
	return min(i, len(s))
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// removeFlagEdit deletes a flag and the white space on one side of it,
// touching no line break (and so no comment line inside a continuation).
func removeFlagEdit(in *parser.Instruction, fl flagWord) (Edit, bool) {
	src := in.File.Source
	clean := func(a, b int) bool {
		return a <= b && !strings.ContainsAny(string(src[a:b]), "\n\r") && !strings.ContainsRune(string(src[a:b]), in.File.Escape)
	}
	switch {
	case clean(fl.PrevEnd, fl.Start):
		return Edit{Start: fl.PrevEnd, End: fl.End}, true
	case clean(fl.End, fl.NextStart):
		return Edit{Start: fl.Start, End: fl.NextStart}, true
	}
	return Edit{}, false
}

// globalArgDefault tells whether an ARG before the first FROM gives name a
// default value.
func globalArgDefault(f *parser.File, name string) bool {
	for _, g := range f.GlobalArgs {
		if c, ok := g.Command.(*instructions.ArgCommand); ok {
			for _, kv := range c.Args {
				if kv.Key == name && kv.Value != nil {
					return true
				}
			}
		}
	}
	return false
}
