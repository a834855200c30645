package parser

import (
	"bytes"
	"errors"
	"iter"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
	bkparser "github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/buildkit/frontend/dockerfile/shell"
)

// Stage is one build stage: a FROM and the instructions after it.
type Stage struct {
	// Index is the 0-based position among File.Stages.
	Index int
	// Name is the stage name, lower-cased as BuildKit keeps it; "" if none.
	Name string
	// From is the FROM instruction that opens the stage.
	From *Instruction
	// BaseName is the base as written ("python:${PY}-slim").
	BaseName string
	// Base is BaseName with the global ARGs expanded (their defaults, or
	// the File.Build's build arguments), and the platform ARGs BuildKit
	// defines (Build.PlatformArgs).
	Base string
	// BaseUnresolved lists variables in BaseName that have no default.
	BaseUnresolved []string
	// BaseUnknown is set when BaseName reads a global ARG whose value is
	// past the expansion limit (see Expander): Base is then BaseName.
	BaseUnknown bool
	// BaseStage is the earlier stage named by Base, if any.
	BaseStage *Stage
	// Platform is the --platform flag value as written.
	Platform string
	// Instructions are the stage's instructions, From first.
	Instructions []*Instruction
	// IsFinal is true for the last stage: the one `docker build` outputs.
	IsFinal bool

	// root is the stage RootImage returns, set when the stage is built:
	// rules ask for it once per instruction, and walking a chain of
	// thousands of stages each time is quadratic (issue 17).
	root *Stage

	// The parsed base image: rules ask for it once per instruction, and
	// parsing a reference (distribution/reference's regexps) is not cheap.
	imageOnce sync.Once
	image     ImageRef
	imageOK   bool
}

// IsScratch tells whether the stage starts from the empty image.
func (s *Stage) IsScratch() bool { return s.BaseStage == nil && strings.EqualFold(s.Base, "scratch") }

// Image returns the stage's base image reference. ok is false when the base
// is another stage, scratch, or does not resolve to a valid reference.
// It is computed once.
func (s *Stage) Image() (ref ImageRef, ok bool) {
	s.imageOnce.Do(func() {
		if s.BaseStage != nil || s.IsScratch() || len(s.BaseUnresolved) > 0 || s.BaseUnknown {
			return
		}
		ref, err := ParseImageRef(s.Base)
		s.image, s.imageOK = ref, err == nil
	})
	return s.image, s.imageOK
}

// RootImage follows BaseStage links to the stage that starts from an image
// (or scratch) and returns that stage.
func (s *Stage) RootImage() *Stage {
	if s.root != nil {
		return s.root
	}
	// A Stage made by hand, not by the parser.
	for s.BaseStage != nil && s.BaseStage.Index < s.Index {
		s = s.BaseStage
	}
	return s
}

// Chain returns the stages an image is built from, root first: s's
// BaseStage links followed back to the stage that starts from an image.
// A BaseStage is always an earlier stage (FROM names only stages before
// it), so the walk ends without a check for cycles. An instruction before
// any FROM has no stage: the chain of a nil stage is empty.
func (s *Stage) Chain() []*Stage {
	if s == nil {
		return nil
	}
	var chain []*Stage // from s down
	for x := s; x != nil; x = x.BaseStage {
		chain = append(chain, x)
		if x.BaseStage != nil && x.BaseStage.Index >= x.Index {
			break // not made by the parser: keep the walk finite
		}
	}
	if s.From != nil && s.From.File != nil {
		s.From.File.CountWork(len(chain))
	}
	slices.Reverse(chain)
	return chain
}

// ChainInstructions yields the instructions of every stage in s's chain,
// in build order.
func (s *Stage) ChainInstructions() iter.Seq[*Instruction] {
	return func(yield func(*Instruction) bool) {
		for _, x := range s.Chain() {
			if x.From != nil && x.From.File != nil {
				x.From.File.CountWork(len(x.Instructions))
			}
			for _, in := range x.Instructions {
				if !yield(in) {
					return
				}
			}
		}
	}
}

// FinalStage returns the last stage, or nil when the file has none.
func (f *File) FinalStage() *Stage {
	if len(f.Stages) == 0 {
		return nil
	}
	return f.Stages[len(f.Stages)-1]
}

// StageByName finds a stage by name (case-insensitive) among the stages
// before limit (-1 for all), as FROM does.
func (f *File) StageByName(name string, limit int) *Stage {
	if limit < 0 || limit > len(f.Stages) {
		limit = len(f.Stages)
	}
	// The first stage of a name is the one every FROM and --from finds: a
	// later one of the same name is found only when the first is before
	// limit too.
	s := f.stagesByName()[strings.ToLower(name)]
	if s == nil || s.Index >= limit {
		return nil
	}
	return s
}

// stagesByName indexes the named stages, the first of each name, once per
// file: COPY --from and FROM look stages up by name once per instruction.
func (f *File) stagesByName() map[string]*Stage {
	f.indexStages()
	return f.stageIndex
}

// BuiltOn returns the stages whose base is s (FROM s), in file order.
func (f *File) BuiltOn(s *Stage) []*Stage {
	f.indexStages()
	return f.builtOn[s]
}

// indexStages builds the indexes of stagesByName and BuiltOn, once.
func (f *File) indexStages() {
	f.stageIndexOnce.Do(func() {
		f.stageIndex = make(map[string]*Stage, len(f.Stages))
		f.builtOn = map[*Stage][]*Stage{}
		for _, s := range f.Stages {
			if _, ok := f.stageIndex[s.Name]; !ok && s.Name != "" {
				f.stageIndex[s.Name] = s
			}
			if s.BaseStage != nil {
				f.builtOn[s.BaseStage] = append(f.builtOn[s.BaseStage], s)
			}
		}
	})
}

// StageRef finds the stage a COPY --from or RUN --mount from= names: a stage
// name or a stage index, among the stages before limit (-1 for all).
func (f *File) StageRef(ref string, limit int) *Stage {
	if s := f.StageByName(ref, limit); s != nil {
		return s
	}
	if limit < 0 || limit > len(f.Stages) {
		limit = len(f.Stages)
	}
	// Only the canonical decimal form names a stage: "1", not "01" or "+1".
	if i, err := strconv.Atoi(ref); err == nil && strconv.Itoa(i) == ref && i >= 0 && i < limit {
		return f.Stages[i]
	}
	return nil
}

// DefaultTargetPlatform is the platform dflint assumes a file is built
// for when nothing names one (`--platform`, Build.Platform): linux/amd64,
// the platform whose image internal/registry reads from a multi-platform
// index (registry.DefaultPlatform). `docker build` takes the build host's
// instead; dflint picks one so that its answers do not depend on the
// machine that lints.
const DefaultTargetPlatform = "linux/amd64"

// defaultShell is the SHELL of every stage until a SHELL instruction.
var defaultShell = []string{"/bin/sh", "-c"}

// shellPragmaBetween reads hadolint's shell pragma on the comment lines
// first to last (the lines between two instructions): `# hadolint
// shell=powershell` says which shell runs the RUNs below when the base
// image's shell is not /bin/sh and no SHELL instruction says so (hadolint
// 2.15.1, src/Hadolint/Pragma.hs parseShell and Rule/Shellcheck.hs). Above
// the first FROM it names every stage's shell; in a stage, the shell of the
// rest of it; directly above a FROM, of that stage (hadolint applies that
// one to the end of the stage before, where it changes nothing). The last
// pragma wins; nil when there is none.
func (f *File) shellPragmaBetween(first, last int) []string {
	var shellName []string
	for n := first; n <= last; n++ {
		text := strings.TrimSpace(strings.TrimPrefix(string(f.Source[f.LineStart(n):f.LineEnd(n)]), "\ufeff"))
		text, ok := strings.CutPrefix(text, "#")
		if !ok {
			continue
		}
		rest, ok := strings.CutPrefix(strings.TrimLeft(text, " \t"), "hadolint")
		if !ok || rest == "" || (rest[0] != ' ' && rest[0] != '\t') {
			continue
		}
		rest, ok = strings.CutPrefix(strings.TrimLeft(rest, " \t"), "shell")
		if !ok {
			continue
		}
		rest, ok = strings.CutPrefix(strings.TrimLeft(rest, " \t"), "=")
		if !ok {
			continue
		}
		name, comment, _ := strings.Cut(strings.TrimLeft(rest, " \t"), " ")
		name, _, _ = strings.Cut(name, "\t")
		if c := strings.TrimSpace(comment); name == "" || c != "" && !strings.HasPrefix(c, "#") {
			continue
		}
		shellName = []string{name}
	}
	return shellName
}

// build turns BuildKit's AST into instructions and stages.
func (f *File) build() error {
	// A linter without a Warn function: BuildKit's instruction parser needs
	// one (it panics on "# check=" comments with nil) but dflint runs
	// BuildKit's checks separately.
	lint := linter.New(&linter.Config{})
	// BuildKit defines the platform ARGs before the first global ARG
	// (dockerfile2llb.defaultArgs): a FROM may read $TARGETARCH without
	// declaring it, and a global `ARG TARGETARCH` keeps the value.
	globalArgs := map[string]string{}
	var argOrder []string
	for _, kv := range f.Build.PlatformArgs() {
		globalArgs[kv[0]] = kv[1]
		argOrder = append(argOrder, kv[0])
	}
	// One expander for the global ARGs and the FROM lines they expand in:
	// one budget for the file.
	expander := NewExpander(f.Escape)
	// unknownGlobal are the global ARGs whose value is past the expansion
	// limit (or reads one that is).
	unknownGlobal := map[string]bool{}
	unknownArg := func(k string) bool { return unknownGlobal[k] }

	var stage *Stage
	// stagesSoFar finds the stage a FROM builds on (the first of its name
	// among the stages before it) without a scan per FROM.
	stagesSoFar := map[string]*Stage{}
	shellWords := defaultShell
	// stageShell is the SHELL a stage starts with: /bin/sh -c, or the
	// shell a hadolint shell pragma above the first FROM names.
	stageShell := defaultShell
	pragmas := bytes.Contains(f.Source, []byte("hadolint")) && bytes.Contains(f.Source, []byte("shell"))
	prevEndLine := 0
	for i, node := range f.AST.Children {
		var pragma []string
		if pragmas {
			pragma = f.shellPragmaBetween(prevEndLine+1, node.StartLine-1)
		}
		prevEndLine = node.EndLine
		if pragma != nil {
			shellWords = pragma
			if stage == nil {
				stageShell = pragma
			}
		}
		in := &Instruction{
			File:      f,
			Node:      node,
			Name:      strings.ToLower(node.Value),
			StartLine: node.StartLine,
			EndLine:   node.EndLine,
			Index:     i,
			Start:     f.LineStart(node.StartLine),
			End:       f.LineEnd(node.EndLine),
		}
		if node.StartLine == 1 && f.HasBOM {
			in.Start += len(utf8BOM)
		}
		in.Keyword = keywordAt(f.Source, in.Start, f.Escape)
		if in.Keyword == "" {
			// The first line is only a continuation (`\` alone): the
			// keyword is where the logical line has it.
			lg := in.Logical()
			in.Keyword = keywordAt(f.Source, lg.FileOffset(lg.KeywordStart), f.Escape)
		}
		cmd, err := instructions.ParseInstructionWithLinter(node, lint)
		if err != nil {
			return err
		}
		in.Command = cmd
		f.Instructions = append(f.Instructions, in)

		switch c := cmd.(type) {
		case *instructions.Stage:
			stage = &Stage{
				Index:    len(f.Stages),
				Name:     c.Name,
				From:     in,
				BaseName: c.BaseName,
				Platform: c.Platform,
			}
			res, err := expander.Expand(c.BaseName, mapEnv{globalArgs, argOrder}, unknownArg)
			switch {
			case err == nil:
				stage.Base = res.Result
				for v := range res.Unmatched {
					stage.BaseUnresolved = append(stage.BaseUnresolved, v)
				}
			case errors.Is(err, ErrExpansionLimit), errors.Is(err, ErrUnknownValue):
				stage.Base, stage.BaseUnknown = c.BaseName, true
			default:
				stage.Base = c.BaseName
			}
			stage.BaseStage = stagesSoFar[strings.ToLower(stage.Base)]
			stage.root = stage
			if stage.BaseStage != nil {
				stage.root = stage.BaseStage.root
			}
			f.Stages = append(f.Stages, stage)
			if _, ok := stagesSoFar[stage.Name]; !ok && stage.Name != "" {
				stagesSoFar[stage.Name] = stage
			}
			shellWords = stageShell
			if b := stage.BaseStage; b != nil {
				// A stage built on another inherits the SHELL in effect
				// at the end of it, as in the image BuildKit produces.
				shellWords = b.Instructions[len(b.Instructions)-1].Shell
			}
			if pragma != nil {
				shellWords = pragma
			}
		case *instructions.ArgCommand:
			if stage == nil {
				f.GlobalArgs = append(f.GlobalArgs, in)
				for _, kv := range c.Args {
					if _, seen := globalArgs[kv.Key]; !seen {
						argOrder = append(argOrder, kv.Key)
					}
					if v, ok := f.Build.Arg(kv.Key); ok {
						// A build argument replaces the default, which is
						// not expanded then (dockerfile2llb.buildMetaArgs).
						globalArgs[kv.Key] = v
						delete(unknownGlobal, kv.Key)
					} else if kv.Value != nil {
						res, err := expander.Expand(*kv.Value, mapEnv{globalArgs, argOrder}, unknownArg)
						v := res.Result
						switch {
						case errors.Is(err, ErrExpansionLimit):
							f.ExpansionPastLimit = append(f.ExpansionPastLimit, ExpansionPastLimit{Instruction: in, Name: kv.Key})
							fallthrough
						case errors.Is(err, ErrUnknownValue):
							unknownGlobal[kv.Key] = true
						case err != nil:
							v = *kv.Value
						}
						if err == nil {
							delete(unknownGlobal, kv.Key)
						}
						globalArgs[kv.Key] = v
					} else if _, ok := globalArgs[kv.Key]; !ok {
						globalArgs[kv.Key] = ""
					}
				}
			}
		case *instructions.ShellCommand:
			shellWords = c.Shell
		case *instructions.OnbuildCommand:
			if len(node.Next.Children) > 0 {
				sub := node.Next.Children[0]
				t := &Instruction{
					File:      f,
					Node:      sub,
					Name:      strings.ToLower(sub.Value),
					StartLine: in.StartLine,
					EndLine:   in.EndLine,
					Start:     in.Start,
					End:       in.End,
					Index:     i,
					Parent:    in,
				}
				if sub.Heredocs == nil {
					sub.Heredocs = node.Heredocs
				}
				if tc, err := instructions.ParseInstructionWithLinter(sub, lint); err == nil {
					t.Command = tc
				}
				in.Trigger = t
			}
		}
		in.Stage = stage
		in.Shell = shellWords
		if in.Trigger != nil {
			in.Trigger.Stage = stage
			in.Trigger.Shell = shellWords
			in.Trigger.Keyword = keywordAt(f.Source, in.Trigger.Logical().FileOffset(in.Trigger.Logical().KeywordStart), f.Escape)
		}
		if stage != nil {
			stage.Instructions = append(stage.Instructions, in)
		}
	}
	if n := len(f.Stages); n > 0 {
		f.Stages[n-1].IsFinal = true
	}
	f.Comments = f.collectComments()
	return nil
}

// keywordAt returns the first word at or after offset off on its line.
func keywordAt(src []byte, off int, escape rune) string {
	// BuildKit drops the white space before the keyword as it drops it
	// before a comment: Unicode white space (trimLeftSpace), on this line.
	line := src[off:]
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	off += len(line) - len(trimLeftSpace(line))
	end := off
	// A keyword ends at whitespace as BuildKit splits it (form feed and
	// vertical tab included), and at the escape character: `FROM\` at a
	// line end continues the instruction, and the keyword is FROM.
	for end < len(src) && !isKeywordEnd(src[end]) && rune(src[end]) != escape {
		end++
	}
	return string(src[off:end])
}

func isKeywordEnd(b byte) bool {
	switch b {
	case ' ', '\t', '\r', '\n', '\f', '\v':
		return true
	}
	return false
}

// collectComments lists comment lines outside heredoc bodies.
func (f *File) collectComments() []Comment {
	inBody := map[int]bool{}
	for _, in := range f.Instructions {
		x := in
		if in.Trigger != nil {
			x = in.Trigger
		}
		for _, h := range x.Heredocs() {
			for l := in.Logical().EndLine + 1; l <= h.TerminatorLine; l++ {
				inBody[l] = true
			}
		}
	}
	var out []Comment
	for n := 1; n <= f.LineCount(); n++ {
		if inBody[n] {
			continue
		}
		start, end := f.LineStart(n), f.LineEnd(n)
		if n == 1 && f.HasBOM {
			start += len(utf8BOM)
		}
		line := f.Source[start:end]
		t := trimLeftSpace(line)
		if len(t) == 0 || t[0] != '#' {
			continue
		}
		hash := start + len(line) - len(t)
		out = append(out, Comment{Line: n, Start: hash, End: end, Text: strings.TrimSpace(string(t[1:]))})
	}
	return out
}

// CommentsAbove returns the comment lines directly above the instruction
// (no blank or other line between), in file order.
func (f *File) CommentsAbove(in *Instruction) []Comment {
	var out []Comment
	want := in.StartLine - 1
	for i := len(f.Comments) - 1; i >= 0 && want >= 1; i-- {
		c := f.Comments[i]
		if c.Line > want {
			continue
		}
		if c.Line != want {
			break
		}
		out = append([]Comment{c}, out...)
		want--
	}
	return out
}

// mapEnv is a shell.EnvGetter over the global ARG defaults.
type mapEnv struct {
	m     map[string]string
	order []string
}

func (e mapEnv) Get(k string) (string, bool) { v, ok := e.m[k]; return v, ok }
func (e mapEnv) Keys() []string              { return e.order }

var _ shell.EnvGetter = mapEnv{}

// Location converts BuildKit ranges to a byte range covering their lines.
func (f *File) Location(r []bkparser.Range) (start, end int) {
	if len(r) == 0 {
		return 0, 0
	}
	first, last := r[0].Start.Line, r[0].End.Line
	for _, x := range r[1:] {
		first = min(first, x.Start.Line)
		last = max(last, x.End.Line)
	}
	if last < first {
		last = first
	}
	start = f.LineStart(first)
	if first == 1 && f.HasBOM {
		start += len(utf8BOM)
	}
	return start, f.LineEnd(last)
}
