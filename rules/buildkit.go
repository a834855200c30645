package rules

import (
	"bytes"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/dflint/dflint/internal/buildkitcheck"
	"github.com/dflint/dflint/parser"
	"github.com/moby/buildkit/frontend/dockerfile/command"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
	"github.com/moby/patternmatcher"
	"github.com/moby/patternmatcher/ignorefile"
)

// buildkitCheck is one of BuildKit's own checks, as `docker build --check`
// runs them.
type buildkitCheck struct {
	Name, Description, URL string
	Experimental           bool
}

func check[F any](r linter.LinterRule[F]) buildkitCheck {
	return buildkitCheck{Name: r.Name, Description: r.Description, URL: r.URL, Experimental: r.Experimental}
}

// buildkitChecks lists BuildKit's checks from its own rule set, so names,
// descriptions and links stay BuildKit's.
var buildkitChecks = []buildkitCheck{
	check(linter.RuleStageNameCasing),
	check(linter.RuleFromAsCasing),
	check(linter.RuleNoEmptyContinuation),
	check(linter.RuleConsistentInstructionCasing),
	check(linter.RuleDuplicateStageName),
	check(linter.RuleReservedStageName),
	check(linter.RuleJSONArgsRecommended),
	check(linter.RuleMaintainerDeprecated),
	check(linter.RuleUndefinedArgInFrom),
	check(linter.RuleWorkdirRelativePath),
	check(linter.RuleUndefinedVar),
	check(linter.RuleMultipleInstructionsDisallowed),
	check(linter.RuleLegacyKeyValueFormat),
	check(linter.RuleInvalidBaseImagePlatform),
	check(linter.RuleRedundantTargetPlatform),
	check(linter.RuleSecretsUsedInArgOrEnv),
	check(linter.RuleInvalidDefaultArgInFrom),
	check(linter.RuleFromPlatformFlagConstDisallowed),
	check(linter.RuleCopyIgnoredFile),
	check(linter.RuleInvalidDefinitionDescription),
	check(linter.RuleExposeProtoCasing),
	check(linter.RuleExposeInvalidFormat),
}

// buildkitAliases are other tools' codes for a BuildKit check that no DF
// rule covers, so that they resolve to the check.
var buildkitAliases = map[string][]string{
	// hadolint: "FROM aliases (stage names) must be unique".
	"DuplicateStageName": {"DL3024"},
}

// buildkitNotes add to BuildKit's description what dflint does
// differently from a build, where the check needs what only a build knows.
var buildkitNotes = map[string]string{
	linter.RuleCopyIgnoredFile.Name: "When a COPY or ADD names a file or directory that the build context's ignore file " +
		"excludes, the build cannot find it. dflint does not know the build context: it takes it to be " +
		"the Dockerfile's directory, as `docker build .` beside the Dockerfile does, and reads " +
		"`<Dockerfile>.dockerignore` there (`build.Dockerfile.dockerignore` for `build.Dockerfile`), " +
		"which BuildKit reads first, else `.dockerignore`. A Dockerfile on standard input has no " +
		"directory and is not checked.\n\n" +
		"As in BuildKit, only sources from the build context are checked (not `COPY --from`, URLs, " +
		"Git sources or heredocs); an ignore file with an exclusion (`!pattern`) turns the check off, " +
		"because a file inside an ignored directory may be let back in; and a copy of the whole context " +
		"(`.`, `/`) is reported only when the ignore file excludes everything (`*`, `**` or `**/*`). " +
		"An ignore file with a bad pattern is an error for the Dockerfile, as it stops `docker build`.",
	linter.RuleNoEmptyContinuation.Name: "An empty line after a line continuation is dropped and the instruction goes on " +
		"with the lines after it. When the next line is an instruction, it is swallowed: `RUN swift --version` " +
		"after `&& rm -rf … latest_toolchain.tar.gz \\` and an empty line becomes arguments of `rm`, which " +
		"then prints its version and removes nothing. dflint keeps BuildKit's message and adds what the " +
		"empty line joins to what, and what to change.",
	linter.RuleUndefinedVar.Name: "BuildKit reads the base image's environment from its configuration: " +
		"a variable the image sets (`HOME`, `APP_UID` in the .NET images, `NB_UID` in Jupyter's) is defined. " +
		"With `--online`, dflint fetches that configuration and reports what BuildKit reports. Offline it " +
		"does not know it, and reports a variable only where it can tell it is undefined: the stage's " +
		"root is `scratch`, which sets nothing, or the variable is an `ARG` or `ENV` of the Dockerfile " +
		"that is out of scope where it is read (a global `ARG` not declared again in the stage, a variable " +
		"of another stage, or a key that the same `ENV` sets and another of its keys reads: `ENV` reads " +
		"the values from before the instruction). Offline, it also leaves out a variable read only in " +
		"the forms that say what to do when it is unset (`${X:-default}`, `${X:+…}`, `${X-…}`, `${X+…}`), " +
		"which BuildKit reports too, and adds to BuildKit's message why a variable of the Dockerfile is not " +
		"seen where it is read.",
}

// BuildKitPrefix starts the ID of a BuildKit check that no DF rule covers.
const BuildKitPrefix = "buildkit/"

// buildkitRules makes registry entries for the BuildKit checks that no DF
// rule names as an alias. Called with the registry locked.
func buildkitRules(dfRules []*Rule) []*Rule {
	covered := map[string]bool{}
	for _, r := range dfRules {
		for _, a := range r.Aliases {
			covered[strings.ToLower(a)] = true
		}
	}
	var out []*Rule
	for _, c := range buildkitChecks {
		if covered[strings.ToLower(c.Name)] {
			continue
		}
		desc := c.Description + "."
		if note := buildkitNotes[c.Name]; note != "" {
			desc += "\n\n" + note
		}
		if c.Experimental {
			desc += "\n\nBuildKit marks this check experimental: it runs only when BuildKit's experimental checks are enabled."
		}
		url := c.URL
		if url == "" {
			url = "https://docs.docker.com/reference/build-checks/" + kebab(c.Name) + "/"
		}
		out = append(out, &Rule{
			ID:          BuildKitPrefix + c.Name,
			Name:        c.Name,
			Severity:    Warning,
			Summary:     c.Description,
			Description: desc,
			URL:         url,
			Aliases:     append([]string{c.Name}, buildkitAliases[c.Name]...),
		})
	}
	return out
}

// runBuildKit runs BuildKit's checks that no DF rule covers on the parsed
// file (internal/buildkitcheck, ported from dockerfile2llb) and returns
// their warnings as findings. Online, the base images' configs come from
// the Registry.
func runBuildKit(f *parser.File, ignore *patternmatcher.PatternMatcher, online *lookups) (out []Finding, err error) {
	defer func() {
		// A crash in the port must not take the other files down.
		if r := recover(); r != nil {
			err = fmt.Errorf("BuildKit checks failed: %v (please report this with the Dockerfile)", r)
		}
	}()
	// The build the file was parsed for: one platform and one set of
	// build arguments for dflint's rules and BuildKit's checks alike.
	target := f.Build.TargetPlatform()
	opts := buildkitcheck.Options{DockerIgnore: ignore, TargetPlatform: &target, BuildArgs: f.Build.Args}
	if online != nil {
		opts.Images = online.imageConfig
	}
	res := buildkitcheck.Check(f, opts)
	for _, w := range res.Warnings {
		rule := ByID(BuildKitPrefix + w.Rule)
		if rule == nil {
			continue // covered by a DF rule
		}
		start, end := f.Location(w.Location)
		msg := w.Message
		if online == nil && w.Rule == linter.RuleUndefinedVar.Name {
			keep, why := undefinedOffline(f, start, w.Message)
			if !keep {
				continue
			}
			if why != "" {
				msg += ": " + why
			}
		}
		if w.Rule == linter.RuleNoEmptyContinuation.Name {
			// BuildKit's text first, for those who match on it.
			if joined := emptyContinuationJoins(f, start); joined != "" {
				msg += ": " + joined
			}
		}
		out = append(out, Finding{Rule: rule, Start: start, End: end, Message: msg})
	}
	// The port reports in BuildKit's order; sort like the engine does, by
	// position, then rule and message, so that the output is stable.
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		if a.Rule.ID != b.Rule.ID {
			return a.Rule.ID < b.Rule.ID
		}
		return a.Message < b.Message
	})
	return out, nil
}

// emptyContinuationJoins says what an empty continuation line joins, for
// NoEmptyContinuation's finding at offset start (the first line after the
// empty one): BuildKit drops the empty line and the instruction goes on.
// When that line starts with an instruction keyword, an instruction was
// swallowed: in the swift images, `RUN swift --version` became arguments
// of the `rm -rf … latest_toolchain.tar.gz` above, and `rm --version`
// removes nothing, so the tarball stayed in the image. "" when the line
// cannot be read.
func emptyContinuationJoins(f *parser.File, start int) string {
	in := instructionAt(f, start)
	if in == nil || start >= len(f.Source) {
		return ""
	}
	line := string(f.Source[start:])
	if i := strings.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	line = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(strings.TrimSuffix(line, "\r")), string(rune(f.Escape))))
	if line == "" {
		return ""
	}
	shown := line
	if len(shown) > 60 {
		shown = strings.TrimSpace(shown[:57]) + "…"
	}
	first, _, _ := strings.Cut(line, " ")
	if _, ok := command.Commands[strings.ToLower(first)]; !ok {
		return fmt.Sprintf("the empty line is dropped and `%s` goes on with the %s instruction above; remove the empty line", shown, strings.ToUpper(in.Name))
	}
	above := strings.ToUpper(in.Name) + " instruction"
	for _, c := range in.Calls() {
		if len(c.Args) > 1 && c.Args[0].Start < start && c.Args[len(c.Args)-1].Start >= start {
			if name := c.Name(); name != "" {
				above = "`" + name + "` command"
			}
			break
		}
	}
	return fmt.Sprintf("the empty line joins `%s` to the %s above, as its arguments; if the instruction was to end before the empty line, remove the `%c` at the end of the line before it", shown, above, f.Escape)
}

// undefinedVarRe is the variable BuildKit's UndefinedVar message names.
var undefinedVarRe = lazyRegexp(`'\$([A-Za-z_][A-Za-z0-9_]*)'`)

// undefinedOffline tells whether an UndefinedVar warning at offset start
// stands without the base image's configuration. Offline, BuildKit's
// check sees no base image environment, so every variable an image sets
// (`HOME`, `APP_UID` in the dotnet images, `NB_UID` in jupyter's) looks
// undefined: 125 of 166 corpus findings were those. dflint keeps the
// warning only where it can tell: the stage's root is scratch, whose
// environment is empty, or the variable is an ARG or ENV of this file
// that is out of scope where it is read (a global ARG not declared again
// in the stage, a variable of an unrelated stage). And it drops a
// variable read only in the forms that say what to do when it is unset
// (`${X:-default}`, `${X:+…}`, `${X-…}`, `${X+…}`), which BuildKit reports
// too; online, with the images' configs, every warning is BuildKit's.
//
// why says, for a variable of the file, why it is not seen where it is
// read; "" otherwise.
func undefinedOffline(f *parser.File, start int, message string) (keep bool, why string) {
	m := undefinedVarRe().FindStringSubmatch(message)
	in := instructionAt(f, start)
	if m == nil || in == nil {
		return true, "" // not the message this reads: keep BuildKit's word
	}
	name := m[1]
	if onlyUnsetSafe(string(in.Text()), name) {
		return false, ""
	}
	why = declaredInFile(f, in, name)
	if in.Stage != nil && in.Stage.RootImage().IsScratch() {
		return true, why
	}
	return why != "", why
}

// declaredInFile says why name, set by an ARG or ENV of the file, is not
// seen by in; "" when the file does not set it. In an ENV that sets name
// and reads it in the value of another key (`ENV NVM_DIR=/nvm
// PATH=$NVM_DIR/bin`), the values are read from before the instruction,
// so PATH does not get /nvm/bin. A key that reads only itself
// (`ENV PATH=$PATH:/x`) extends what the base image may set: not counted.
func declaredInFile(f *parser.File, in *parser.Instruction, name string) string {
	if c, ok := in.Command.(*instructions.EnvCommand); ok {
		sets, readByOther := false, false
		for _, kv := range c.Env {
			if kv.Key == name {
				sets = true
			} else if readsVar(kv.Value, name) {
				readByOther = true
			}
		}
		if sets && readByOther {
			return fmt.Sprintf("this ENV sets %s, but its values read the variables as they were before it: set %s in an ENV above", name, name)
		}
	}
	for other := range instructionsWithTriggers(f) {
		if other == in || other.Parent == in || !setsVar(other, name) {
			continue
		}
		switch {
		case other.Stage == nil:
			return fmt.Sprintf("a global ARG is not seen inside a stage: declare it again with `ARG %s` after the stage's FROM", name)
		case other.Stage == in.Stage && other.Index > in.Index:
			return fmt.Sprintf("it is set only further down: move the %s of %s above this line", strings.ToUpper(other.Name), name)
		default:
			return "it is set in another stage, which this one does not start from"
		}
	}
	return ""
}

// setsVar tells whether an ARG or ENV instruction sets name.
func setsVar(in *parser.Instruction, name string) bool {
	switch c := in.Command.(type) {
	case *instructions.ArgCommand:
		for _, kv := range c.Args {
			if kv.Key == name {
				return true
			}
		}
	case *instructions.EnvCommand:
		for _, kv := range c.Env {
			if kv.Key == name {
				return true
			}
		}
	}
	return false
}

// readsVar tells whether text reads $name or ${name…}.
func readsVar(text, name string) bool { return len(varReads(text, name)) > 0 }

// varRead is one read of a variable in a word: whether it is a form that
// says what to do when the variable is unset (`${X:-…}`, `${X:+…}`,
// `${X-…}`, `${X+…}`).
type varRead struct{ unsetSafe bool }

// varReads lists the reads of name in text. The word of an unset-safe
// form is skipped: `${X:+${X}:}` reads X only when it is set.
func varReads(text, name string) []varRead {
	var out []varRead
	for i := 0; i < len(text); i++ {
		if text[i] != '$' {
			continue
		}
		rest := text[i+1:]
		braced := strings.HasPrefix(rest, "{")
		if braced {
			rest = rest[1:]
		}
		if !strings.HasPrefix(rest, name) || len(rest) > len(name) && isNameByte(rest[len(name)]) {
			continue
		}
		after := rest[len(name):]
		op := ""
		for _, o := range []string{":-", ":+", "-", "+"} {
			if braced && strings.HasPrefix(after, o) {
				op = o
				break
			}
		}
		out = append(out, varRead{unsetSafe: op != ""})
		if op != "" {
			// Skip to the brace that closes the form.
			j, depth := len(text)-len(after)+len(op), 1
			for ; j < len(text) && depth > 0; j++ {
				switch text[j] {
				case '{':
					depth++
				case '}':
					depth--
				}
			}
			i = j - 1
		}
	}
	return out
}

// onlyUnsetSafe tells whether name is read in text, and only in the forms
// that say what to do when it is unset.
func onlyUnsetSafe(text, name string) bool {
	reads := varReads(text, name)
	for _, r := range reads {
		if !r.unsetSafe {
			return false
		}
	}
	return len(reads) > 0
}

// contextIgnore reads the ignore file of the Dockerfile's build context
// for CopyIgnoredFile, taking the context to be the Dockerfile's directory
// (dockerignoreBeside), and parses it as BuildKit does (dockerui's
// DockerIgnorePatterns). Nil when there is none, it has no patterns, or the
// file is standard input. An ignore file that cannot be read or has a bad
// pattern is an error: `docker build` stops on it too.
func contextIgnore(path string) (*patternmatcher.PatternMatcher, error) {
	name := dockerignoreBeside(path)
	if name == "" {
		return nil, nil
	}
	dt, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("reading the build context's ignore file for CopyIgnoredFile: %w", err)
	}
	patterns, err := ignorefile.ReadAll(bytes.NewReader(dt))
	if err != nil {
		return nil, fmt.Errorf("failed parsing %s: %w", name, err)
	}
	if len(patterns) == 0 {
		return nil, nil
	}
	m, err := patternmatcher.New(patterns)
	if err != nil {
		// Name the pattern: the matcher's error does not.
		for _, p := range patterns {
			if _, perr := patternmatcher.New([]string{p}); perr != nil {
				return nil, fmt.Errorf("%s: pattern %q: %w: fix it (docker build fails on it too)", name, p, perr)
			}
		}
		return nil, fmt.Errorf("%s: %w: fix the pattern (docker build fails on it too)", name, err)
	}
	return m, nil
}

// kebab turns "InvalidBaseImagePlatform" into "invalid-base-image-platform",
// the form of BuildKit's documentation pages.
func kebab(name string) string {
	var b strings.Builder
	for i, r := range name {
		if r >= 'A' && r <= 'Z' {
			if i > 0 {
				b.WriteByte('-')
			}
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}
