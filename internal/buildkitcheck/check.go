// Package buildkitcheck runs BuildKit's lint checks (what `docker build
// --check` reports) on a Dockerfile dflint has already parsed: BuildKit's
// AST and typed instructions in a parser.File, so nothing is parsed again.
//
// The checks that BuildKit runs while it converts a Dockerfile to LLB live
// in unexported code of dockerfile2llb (convert.go, validations.go,
// convert_expose.go, convert_copy.go, convert_runmount.go, epoch.go); this
// package ports that code, following BuildKit v0.34.2, for the checks no DF
// rule covers (Rules). Everything BuildKit exports is used as is: the rule
// texts (linter.Rule….Format), the linter with its `# check=` handling,
// the instructions' Expand methods, shell.Lex, util/suggest,
// distribution/reference and containerd/platforms. A conversion error stops
// BuildKit's checks where it occurs, so the port also stops at every error
// BuildKit's conversion would hit; a test holds the result identical to
// dockerfile2llb.DockerfileLint on the corpus and on every testdata file,
// and another (copyignored_parity_test.go, with a build client that serves
// an ignore file) holds CopyIgnoredFile to it.
//
// Each ported function names the BuildKit function it follows. When
// BuildKit is upgraded, re-read those functions and rerun the parity tests
// and the fuzz target.
package buildkitcheck

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"runtime"
	"strings"

	"github.com/containerd/platforms"
	"github.com/dflint/dflint/parser"
	"github.com/distribution/reference"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
	bkparser "github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/buildkit/frontend/dockerfile/shell"
	"github.com/moby/buildkit/util/suggest"
	"github.com/moby/buildkit/util/system"
	dockerspec "github.com/moby/docker-image-spec/specs-go/v1"
	"github.com/moby/patternmatcher"
	ocispecs "github.com/opencontainers/image-spec/specs-go/v1"
)

// BuildKitVersion is the BuildKit release this package's port follows.
const BuildKitVersion = "v0.34.2"

// Rules are the names of the checks Check reports: BuildKit's checks that
// no DF rule covers. CopyIgnoredFile needs the build context's
// .dockerignore, which BuildKit reads only through a build client: the
// port checks it only when Options.DockerIgnore is set.
var Rules = []string{
	linter.RuleCopyIgnoredFile.Name,
	linter.RuleDuplicateStageName.Name,
	linter.RuleInvalidBaseImagePlatform.Name,
	linter.RuleInvalidDefaultArgInFrom.Name,
	linter.RuleInvalidDefinitionDescription.Name,
	linter.RuleNoEmptyContinuation.Name,
	linter.RuleStageNameCasing.Name,
	linter.RuleUndefinedArgInFrom.Name,
	linter.RuleUndefinedVar.Name,
}

// Warning is one of BuildKit's warnings.
type Warning struct {
	Rule     string           // BuildKit's rule name: "UndefinedVar"
	Message  string           // BuildKit's text for this occurrence
	Location []bkparser.Range // BuildKit's ranges (whole lines); may be empty
}

// ImageConfigs returns the image configuration (the JSON a registry serves
// as the image's config blob) of ref for a platform; ok is false when it
// is not known. ref is normalised as BuildKit asks for it
// ("docker.io/library/alpine:3.20").
type ImageConfigs func(ref string, platform ocispecs.Platform) (config []byte, ok bool)

// Options are what BuildKit's checks know besides the file.
type Options struct {
	// TargetPlatform is the platform built for (rules sets the File's
	// Build platform, linux/amd64 by default); nil means the host's, as
	// `docker build` without --platform (the platform BuildKit then also
	// accepts from a base image of another platform is decided the same way).
	TargetPlatform *ocispecs.Platform
	// BuildArgs are the build arguments (`docker build --build-arg`,
	// ConvertOpt.BuildArgs): a value replaces the default of a declared
	// ARG and of a platform ARG, for every check but
	// InvalidDefaultArgInFrom, which judges the defaults alone.
	BuildArgs map[string]string
	// Images answers for base images (online mode). Nil, or an unknown
	// image, means an empty config: no environment and no platform, so
	// InvalidBaseImagePlatform cannot fire, as with dflint's offline
	// resolver for DockerfileLint.
	Images ImageConfigs
	// DockerIgnore matches the paths the build context's ignore file
	// excludes: patternmatcher.New of ignorefile.ReadAll's patterns, what
	// BuildKit gets from dockerui's DockerIgnorePatterns. Nil when there is
	// no ignore file or it has no patterns; CopyIgnoredFile then cannot
	// fire, as in DockerfileLint without a build client.
	DockerIgnore *patternmatcher.PatternMatcher
}

// Result is what BuildKit's checks found, and the conversion error that
// stopped them early (as lint.LintResults.Error), if any.
type Result struct {
	Warnings []Warning
	Err      error
}

// Check runs BuildKit's checks on a parsed file. A file that did not parse
// has no warnings: BuildKit would have stopped at the same parse error.
func Check(f *parser.File, opts Options) Result {
	if f == nil || f.Err != nil || f.AST == nil {
		return Result{}
	}
	c := &checker{f: f, opts: opts}
	err := c.run()
	return Result{Warnings: c.warnings, Err: err}
}

// reported are the rules Check keeps; BuildKit's other warnings are left to
// the DF rules that cover them.
var reported = func() map[string]bool {
	m := map[string]bool{}
	for _, r := range Rules {
		m[r] = true
	}
	return m
}()

type checker struct {
	f        *parser.File
	opts     Options
	warnings []Warning

	lint        *linter.Linter
	buildArgs   map[string]string // Options.BuildArgs, as the conversion changes them (SOURCE_DATE_EPOCH)
	shlex       *boundedLex
	platformOpt platformOpt
	globalArgs  *envList
	allArgs     map[string]struct{} // keys of the global ARGs (outline.allArgs)
	states      []*state
	byName      map[string]*state
}

func (c *checker) warn(rule, _, _, msg string, loc []bkparser.Range) {
	if reported[rule] {
		c.warnings = append(c.warnings, Warning{Rule: rule, Message: msg, Location: loc})
	}
}

// state is one stage, or an image named by COPY --from or RUN --mount
// from= (dockerfile2llb's dispatchState, reduced to what the checks read).
type state struct {
	baseName     string // expanded
	name         string // lower-cased stage name, "" if none
	location     []bkparser.Range
	comments     []string
	platform     *ocispecs.Platform
	base         *state
	commands     []command
	deps         map[*state]bool
	unregistered bool
	dispatched   bool
	resolved     bool
	onBuildInit  bool

	image     dockerspec.DockerOCIImage
	env       *envList
	dir       string
	buildArgs []instructions.KeyValuePairOptional

	// envIndex maps the keys of image.Config.Env (normalised as
	// shell.EqualEnvKeys compares them) to their place, for
	// addImageEnv; envIndexLen is the list's length it was made for.
	envIndex    map[string]int
	envIndexLen int
}

type command struct {
	instructions.Command
	node      *bkparser.Node // nil for ONBUILD triggers
	sources   []*state
	isOnBuild bool
}

// checkDirective is what bkparser.ParseDirective("check", src) returns
// first (v0.34.2), without its cost on a file that cannot have the
// directive. ParseDirective scans the file with a bufio.Scanner (a 4 KiB
// buffer) and tries a regexp on each line it reads: about 1% of the corpus
// lint's CPU and 4 KiB per file (issue 21). Its directive parser stops at
// the first line that does not start with '#' (after a byte-order mark and
// a `#!` line), and the directive's name is `check` in ASCII letters of
// any case: a file whose leading '#' lines do not hold those letters has
// none. TestCheckDirectiveSameAsBuildKit holds the two to the same answer.
func checkDirective(src []byte) string {
	rest := bytes.TrimPrefix(src, []byte("\xEF\xBB\xBF"))
	if line, after, _ := bytes.Cut(rest, []byte("\n")); bytes.HasPrefix(line, []byte("#!")) {
		rest = after
	}
	for len(rest) > 0 && rest[0] == '#' {
		line, after, _ := bytes.Cut(rest, []byte("\n"))
		if bytes.Contains(bytes.ToLower(line), []byte("check")) {
			value, _, _, _ := bkparser.ParseDirective("check", src)
			return value
		}
		rest = after
	}
	return ""
}

// run follows dockerfile2llb.toDispatchState (v0.34.2) and returns the
// error that would end BuildKit's conversion.
func (c *checker) run() error {
	f := c.f
	if len(f.Source) == 0 {
		return errors.New("the Dockerfile cannot be empty")
	}
	// newRuleLinter: the file's `# check=` directive.
	checkStr := checkDirective(f.Source)
	cfg, err := linter.ParseLintOptions(checkStr)
	if err != nil {
		return fmt.Errorf("failed to parse check options: %w", err)
	}
	cfg.Warn = c.warn
	c.lint = linter.New(cfg)

	for _, w := range f.Warnings {
		if w.URL == linter.RuleNoEmptyContinuation.URL && w.Location != nil {
			c.lint.Run(&linter.RuleNoEmptyContinuation, []bkparser.Range{*w.Location}, linter.RuleNoEmptyContinuation.Format())
		}
	}
	if err := c.parseChecks(); err != nil {
		return err
	}
	if len(f.Stages) == 0 {
		return errors.New("dockerfile contains no stages to build")
	}
	c.validateStageNames()

	c.platformOpt = buildPlatformOpt(c.opts.TargetPlatform)
	c.buildArgs = maps.Clone(c.opts.BuildArgs)
	targetName := f.Stages[len(f.Stages)-1].Name
	defaults := defaultArgs(c.platformOpt, c.buildArgs, targetName)
	c.shlex = &boundedLex{parser.NewExpander(f.Escape)}

	c.validateBaseImagesWithDefaultArgs(defaults)
	c.globalArgs, c.allArgs, err = c.buildMetaArgs(defaults, c.buildArgs)
	if err != nil {
		return err
	}
	if err := c.sourceDateEpoch(); err != nil {
		return err
	}
	if err := c.buildDispatchStates(); err != nil {
		return err
	}
	target := c.states[len(c.states)-1]
	if err := c.buildStageDependencyGraph(); err != nil {
		return err
	}
	if err := c.resolveStages(target); err != nil {
		return err
	}
	if err := c.dispatchStages(); err != nil {
		return err
	}
	// finalizeResultImage: `# check=error=true` turns warnings into an
	// error, after all of them are reported.
	if err := c.lint.Error(); err != nil {
		return err
	}
	return nil
}

// parseChecks reports the checks BuildKit runs while it types the
// instructions (instructions.Parse and ParseInstructionWithLinter,
// v0.34.2): StageNameCasing and InvalidDefinitionDescription. dflint typed
// the instructions already, with a linter that reports nothing, so the
// conditions are re-evaluated here on the same nodes.
func (c *checker) parseChecks() error {
	seenStage := false
	for _, in := range c.f.Instructions {
		node := in.Node
		lint := c.lint.WithMergedConfigFromComments(node.PrevComment)
		switch cmd := in.Command.(type) {
		case *instructions.Stage:
			args := nodeArgs(node)
			if !isLowerCaseStageName(args) {
				lint.Run(&linter.RuleStageNameCasing, node.Location(), linter.RuleStageNameCasing.Format(args[2]))
			}
			if cmd.Name != "" {
				validateDefinitionDescription("FROM", []string{cmd.Name}, node.PrevComment, node.Location(), lint)
			}
			seenStage = true
		case *instructions.ArgCommand:
			keys := []string{}
			for _, kv := range cmd.Args {
				keys = append(keys, kv.Key)
			}
			validateDefinitionDescription("ARG", keys, node.PrevComment, node.Location(), lint)
		default:
			if !seenStage {
				// instructions.Parse: a command before the first FROM.
				return errors.New("no build stage in current context")
			}
		}
	}
	return nil
}

// nodeArgs follows instructions.nodeArgs (v0.34.2).
func nodeArgs(node *bkparser.Node) []string {
	result := []string{}
	for ; node.Next != nil; node = node.Next {
		arg := node.Next
		if len(arg.Children) == 0 {
			result = append(result, arg.Value)
		} else if len(arg.Children) == 1 {
			result = append(result, arg.Children[0].Value)
			result = append(result, nodeArgs(arg.Children[0])...)
		}
	}
	return result
}

// isLowerCaseStageName follows instructions.isLowerCaseStageName (v0.34.2).
func isLowerCaseStageName(cmdArgs []string) bool {
	if len(cmdArgs) != 3 {
		return true
	}
	return cmdArgs[2] == strings.ToLower(cmdArgs[2])
}

// validateDefinitionDescription follows
// instructions.validateDefinitionDescription (v0.34.2).
func validateDefinitionDescription(instruction string, argKeys []string, descComments []string, location []bkparser.Range, lint *linter.Linter) {
	if len(descComments) == 0 || len(argKeys) == 0 {
		return
	}
	descCommentParts := strings.Split(descComments[len(descComments)-1], " ")
	for _, k := range argKeys {
		if k == descCommentParts[0] {
			return
		}
	}
	exampleKey := argKeys[0]
	if len(argKeys) > 1 {
		exampleKey = "<arg_key>"
	}
	lint.Run(&linter.RuleInvalidDefinitionDescription, location, linter.RuleInvalidDefinitionDescription.Format(instruction, exampleKey))
}

func stageCmd(s *parser.Stage) *instructions.Stage { return s.From.Command.(*instructions.Stage) }

// validateStageNames follows dockerfile2llb.validateStageNames (v0.34.2),
// DuplicateStageName part.
func (c *checker) validateStageNames() {
	seen := map[string]bool{}
	for _, s := range c.f.Stages {
		st := stageCmd(s)
		if st.Name == "" {
			continue
		}
		if seen[st.Name] {
			c.lint.Run(&linter.RuleDuplicateStageName, st.Location, linter.RuleDuplicateStageName.Format(st.Name))
		}
		seen[st.Name] = true
	}
}

// platformOpt follows dockerfile2llb.platformOpt and buildPlatformOpt
// (platform.go, v0.34.2) for a call without BuildPlatforms.
type platformOpt struct {
	targetPlatform ocispecs.Platform
	buildPlatforms []ocispecs.Platform
	implicitTarget bool
}

func buildPlatformOpt(target *ocispecs.Platform) platformOpt {
	if target != nil {
		return platformOpt{targetPlatform: *target, buildPlatforms: []ocispecs.Platform{*target}}
	}
	def := platforms.DefaultSpec()
	return platformOpt{targetPlatform: def, buildPlatforms: []ocispecs.Platform{def}, implicitTarget: true}
}

// defaultArgs follows dockerfile2llb.defaultArgs (v0.34.2): a build
// argument of the same name replaces a value.
func defaultArgs(po platformOpt, overrides map[string]string, target string) *envList {
	bp, tp := po.buildPlatforms[0], po.targetPlatform
	if target == "" {
		target = "default"
	}
	env := newEnvList()
	for _, kv := range append(parser.PlatformArgPairs(bp, tp), [2]string{"TARGETSTAGE", target}) {
		v := kv[1]
		if ov, ok := overrides[kv[0]]; ok {
			v = ov
		}
		env.AddOrReplace(kv[0], v)
	}
	return env
}

func (c *checker) metaArgCmds() []*instructions.ArgCommand {
	var out []*instructions.ArgCommand
	for _, in := range c.f.GlobalArgs {
		if a, ok := in.Command.(*instructions.ArgCommand); ok {
			out = append(out, a)
		}
	}
	return out
}

// buildMetaArgs follows dockerfile2llb.buildMetaArgs (v0.34.2): the
// global ARGs' values on top of args, and the set of their names. A build
// argument replaces an ARG's default, unexpanded.
func (c *checker) buildMetaArgs(args *envList, buildArgs map[string]string) (*envList, map[string]struct{}, error) {
	args = args.clone()
	all := map[string]struct{}{}
	for _, cmd := range c.metaArgCmds() {
		for _, kp := range cmd.Args {
			if v, ok := buildArgs[kp.Key]; ok {
				args.AddOrReplace(kp.Key, v)
			} else if kp.Value != nil {
				res, err := c.shlex.ProcessWordWithMatches(*kp.Value, args)
				if err != nil {
					return nil, nil, bkparser.WithLocation(err, cmd.Location())
				}
				args.AddOrReplace(kp.Key, res.Result)
			}
			all[kp.Key] = struct{}{}
		}
	}
	return args, all, nil
}

// validateBaseImagesWithDefaultArgs follows the dockerfile2llb function of
// that name (v0.34.2): InvalidDefaultArgInFrom.
func (c *checker) validateBaseImagesWithDefaultArgs(defaults *envList) {
	// As BuildKit: the defaults alone, "as if no build options were
	// given" (the platform ARGs keep the build arguments' values).
	args, _, err := c.buildMetaArgs(defaults, nil)
	if err != nil {
		return
	}
	for _, s := range c.f.Stages {
		st := stageCmd(s)
		nameMatch, err := c.shlex.ProcessWordWithMatches(st.BaseName, args)
		if err != nil {
			return
		}
		// parser.ParseImageRef is reference.ParseNormalizedNamed with its
		// answers remembered: the same bases come back in file after file.
		if _, err := parser.ParseImageRef(nameMatch.Result); err != nil {
			c.lint.Run(&linter.RuleInvalidDefaultArgInFrom, st.Location, linter.RuleInvalidDefaultArgInFrom.Format(st.BaseName))
		}
	}
}

// buildDispatchStates follows dockerfile2llb.buildDispatchStates (v0.34.2)
// without named contexts (there is no build client): UndefinedArgInFrom,
// and the errors of a base name or platform that does not expand.
func (c *checker) buildDispatchStates() error {
	c.byName = map[string]*state{}
	for _, s := range c.f.Stages {
		st := stageCmd(s)
		lint := c.lint.WithMergedConfigFromComments(st.Comments)

		nameMatch, err := c.shlex.ProcessWordWithMatches(st.BaseName, c.globalArgs)
		c.reportUnusedFromArgs(nameMatch.Unmatched, st.Location, lint)
		if err != nil {
			return bkparser.WithLocation(err, st.Location)
		}
		if nameMatch.Result == "" {
			return bkparser.WithLocation(fmt.Errorf("base name (%s) should not be blank", st.BaseName), st.Location)
		}
		d := &state{
			baseName: nameMatch.Result,
			name:     st.Name,
			location: st.Location,
			comments: st.Comments,
			deps:     map[*state]bool{},
		}
		if v := st.Platform; v != "" {
			platMatch, err := c.shlex.ProcessWordWithMatches(v, c.globalArgs)
			c.reportUnusedFromArgs(platMatch.Unmatched, st.Location, lint)
			if err != nil {
				return bkparser.WithLocation(err, st.Location)
			}
			if platMatch.Result == "" {
				return bkparser.WithLocation(fmt.Errorf("empty platform value from expression %s", v), st.Location)
			}
			p, err := platforms.Parse(platMatch.Result)
			if err != nil {
				return bkparser.WithLocation(err, st.Location)
			}
			d.platform = &p
		}
		for _, in := range s.Instructions[1:] {
			if cmd, ok := in.Command.(instructions.Command); ok {
				d.commands = append(d.commands, command{Command: cmd, node: in.Node})
			}
		}
		c.addState(d)
	}
	return nil
}

// reportUnusedFromArgs follows dockerfile2llb.reportUnusedFromArgs
// (v0.34.2). BuildKit lists the candidate names for its suggestion from a
// map, so between two equally close names it suggests either; the port
// sorts them and suggests the first.
func (c *checker) reportUnusedFromArgs(unmatched map[string]struct{}, location []bkparser.Range, lint *linter.Linter) {
	if len(unmatched) == 0 {
		return
	}
	known := map[string]struct{}{}
	for k := range c.allArgs {
		known[k] = struct{}{}
	}
	for _, k := range c.globalArgs.Keys() {
		known[k] = struct{}{}
	}
	keys := make([]string, 0, len(known))
	for k := range known {
		keys = append(keys, k)
	}
	sortStrings(keys)
	for _, arg := range sortedKeys(unmatched) {
		if _, ok := known[arg]; ok {
			continue
		}
		s, _ := suggest.Search(arg, keys, true)
		lint.Run(&linter.RuleUndefinedArgInFrom, location, linter.RuleUndefinedArgInFrom.Format(arg, s))
	}
}

// addState follows dispatchStates.addState (v0.34.2): a stage whose base
// name is exactly an earlier stage's (lower-cased) name builds on it.
func (c *checker) addState(d *state) {
	c.states = append(c.states, d)
	if b, ok := c.byName[d.baseName]; ok {
		d.base = b
	}
	if d.name != "" {
		c.byName[strings.ToLower(d.name)] = d
	}
}

func (c *checker) findStateByName(name string) (*state, bool) {
	d, ok := c.byName[strings.ToLower(name)]
	return d, ok
}

// buildStageDependencyGraph follows the dockerfile2llb method (v0.34.2).
func (c *checker) buildStageDependencyGraph() error {
	for _, d := range c.states {
		for i, cmd := range d.commands {
			nc, err := c.toCommand(cmd.Command)
			if err != nil {
				return err
			}
			nc.node = cmd.node
			d.commands[i] = nc
			c.addDeps(d, nc)
		}
	}
	return validateCircularDependency(c.states)
}

func (c *checker) addDeps(d *state, cmd command) {
	for _, src := range cmd.sources {
		if src != nil {
			d.deps[src] = true
			if src.unregistered {
				c.addState(src)
			}
		}
	}
}

// toCommand follows dockerfile2llb.toCommand and detectRunMount (v0.34.2):
// the stages or images a command reads from.
func (c *checker) toCommand(ic instructions.Command) (command, error) {
	cmd := command{Command: ic}
	if cp, ok := ic.(*instructions.CopyCommand); ok && cp.From != "" {
		res, err := c.shlex.ProcessWordWithMatches(cp.From, emptyEnv{})
		if err != nil {
			return command{}, err
		}
		if res.Result != cp.From {
			return command{}, errors.New("variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround")
		}
		var src *state
		if index, err := atoi(cp.From); err != nil {
			var found bool
			if src, found = c.findStateByName(cp.From); !found {
				src = &state{baseName: cp.From, location: cp.Location(), deps: map[*state]bool{}, unregistered: true}
			}
		} else {
			if index < 0 || index >= len(c.states) {
				return command{}, fmt.Errorf("invalid stage index %d", index)
			}
			src = c.states[index]
		}
		cmd.sources = []*state{src}
	}
	if run, ok := ic.(*instructions.RunCommand); ok {
		mounts := instructions.GetMounts(run)
		cmd.sources = make([]*state, len(mounts))
		for i, m := range mounts {
			from := m.From
			if from == "" {
				from = emptyImageName
			}
			src, found := c.findStateByName(from)
			if !found {
				src = &state{baseName: from, deps: map[*state]bool{}, unregistered: true}
			}
			cmd.sources[i] = src
		}
	}
	return cmd, nil
}

const emptyImageName = "scratch"

// validateCircularDependency follows the dockerfile2llb function (v0.34.2):
// any cycle through COPY --from and RUN --mount from= is an error.
func validateCircularDependency(states []*state) error {
	visited := map[*state]bool{}
	path := map[*state]bool{}
	var visit func(*state) bool
	visit = func(s *state) bool {
		if visited[s] {
			return false
		}
		visited[s] = true
		path[s] = true
		for dep := range s.deps {
			if path[dep] || visit(dep) {
				return true
			}
		}
		delete(path, s)
		return false
	}
	for _, s := range states {
		if visit(s) {
			return fmt.Errorf("circular dependency detected on stage: %s", s.name)
		}
	}
	return nil
}

// reachable follows dockerfile2llb.allReachableStages (v0.34.2).
func reachable(s *state, out map[*state]bool) {
	if out[s] {
		return
	}
	out[s] = true
	if s.base != nil {
		reachable(s.base, out)
	}
	for d := range s.deps {
		reachable(d, out)
	}
}

// resolveStages follows dockerfile2llb.resolveStages and
// resolveReachableStages (v0.34.2) with AllStages (as DockerfileLint sets
// it): every base image is resolved, and the ONBUILD triggers of base
// stages and base images run in the stages the target reaches.
func (c *checker) resolveStages(target *state) error {
	for {
		all := map[*state]bool{}
		reachable(target, all)
		var firstErr error
		for _, d := range c.states {
			if d.base != nil || d.dispatched || d.resolved {
				continue
			}
			d.resolved = true
			if d.baseName == emptyImageName {
				d.image = emptyImage(c.platformOpt.targetPlatform)
				p := c.platformOpt.targetPlatform
				d.platform = &p
				if d.unregistered {
					d.dispatched = true
				}
				continue
			}
			// BuildKit resolves the bases concurrently and reports the
			// first error after all of them ran.
			if err := c.resolveBaseImage(d); err != nil && firstErr == nil {
				firstErr = err
			}
		}
		if firstErr != nil {
			return firstErr
		}
		newDeps := false
		for _, d := range c.states {
			if !all[d] {
				continue
			}
			d.init()
			onbuilds := append([]string(nil), d.image.Config.OnBuild...)
			if d.base != nil && !d.onBuildInit {
				for _, cmd := range d.base.commands {
					if ob, ok := cmd.Command.(*instructions.OnbuildCommand); ok {
						onbuilds = append(onbuilds, ob.Expression)
					}
				}
				d.onBuildInit = true
			}
			if len(onbuilds) > 0 {
				b, err := c.initOnBuildTriggers(d, onbuilds)
				if err != nil {
					return bkparser.SetLocation(err, d.location)
				}
				newDeps = newDeps || b
				d.image.Config.OnBuild = nil
			}
		}
		if !newDeps {
			return nil
		}
	}
}

// init follows dispatchState.init (v0.34.2): a stage built on another
// starts from that stage's state.
func (d *state) init() {
	if d.base == nil {
		return
	}
	if d.base.env != nil {
		d.env = d.base.env.clone()
	} else {
		d.env = nil
	}
	d.dir = d.base.dir
	d.platform = d.base.platform
	d.image = cloneImage(d.base.image)
	d.image.Config.OnBuild = nil
	d.buildArgs = append(d.buildArgs, d.base.buildArgs...)
}

func cloneImage(src dockerspec.DockerOCIImage) dockerspec.DockerOCIImage {
	img := src
	img.Config.Env = append([]string(nil), src.Config.Env...)
	img.Config.OnBuild = append([]string(nil), src.Config.OnBuild...)
	if src.Config.OnBuild == nil {
		img.Config.OnBuild = nil
	}
	if src.Config.Env == nil {
		img.Config.Env = nil
	}
	return img
}

// emptyImage follows dockerfile2llb.emptyImage (v0.34.2).
func emptyImage(platform ocispecs.Platform) dockerspec.DockerOCIImage {
	img := dockerspec.DockerOCIImage{}
	img.Architecture = platform.Architecture
	img.OS = platform.OS
	img.OSVersion = platform.OSVersion
	img.OSFeatures = append([]string(nil), platform.OSFeatures...)
	img.Variant = platform.Variant
	img.RootFS.Type = "layers"
	img.Config.WorkingDir = "/"
	if platform.OS != "windows" {
		img.Config.Env = []string{"PATH=" + system.DefaultPathEnv(platform.OS)}
	}
	return img
}

// initOnBuildTriggers follows the dockerfile2llb function (v0.34.2). The
// triggers are text (ONBUILD's expression, or an image's config), parsed
// here as BuildKit parses them when a build runs them; their commands are
// reported at the FROM of the stage that runs them.
func (c *checker) initOnBuildTriggers(d *state, triggers []string) (bool, error) {
	hasNewDeps := false
	commands := make([]command, 0, len(triggers))
	for _, trigger := range triggers {
		res, err := bkparser.Parse(strings.NewReader(trigger))
		if err != nil {
			return false, err
		}
		if len(res.AST.Children) != 1 {
			return false, errors.New("onbuild trigger should be a single expression")
		}
		node := res.AST.Children[0]
		node.StartLine, node.EndLine = rangeStartEnd(d.location)
		ic, err := instructions.ParseCommand(node)
		if err != nil {
			return false, err
		}
		cmd, err := c.toCommand(ic)
		if err != nil {
			return false, err
		}
		cmd.isOnBuild = true
		if len(cmd.sources) > 0 {
			hasNewDeps = true
		}
		commands = append(commands, cmd)
		c.addDeps(d, cmd)
	}
	d.commands = append(commands, d.commands...)
	return hasNewDeps, nil
}

// rangeStartEnd follows the dockerfile2llb function (v0.34.2).
func rangeStartEnd(r []bkparser.Range) (int, int) {
	if len(r) == 0 {
		return 0, 0
	}
	start, end := math.MaxInt32, 0
	for _, rng := range r {
		start = min(start, rng.Start.Line)
		end = max(end, rng.End.Line)
	}
	return start, end
}

// resolveBaseImage follows the dockerfile2llb method (v0.34.2) without
// named contexts: the base image's config, and InvalidBaseImagePlatform.
func (c *checker) resolveBaseImage(d *state) (err error) {
	defer func() {
		if err != nil {
			err = bkparser.WithLocation(err, d.location)
		}
		if d.unregistered {
			d.dispatched = true
		}
	}()
	origName := d.baseName
	ref, err := reference.ParseNormalizedNamed(d.baseName)
	if err != nil {
		return fmt.Errorf("failed to parse stage name %q: %w", d.baseName, err)
	}
	platform := d.platform
	if platform == nil {
		p := c.platformOpt.targetPlatform
		platform = &p
	}
	name := reference.TagNameOnly(ref).String()
	config := []byte("{}")
	if c.opts.Images != nil {
		if cfg, ok := c.opts.Images(name, *platform); ok && len(cfg) > 0 {
			config = cfg
		}
	}
	var img dockerspec.DockerOCIImage
	if err := json.Unmarshal(config, &img); err != nil {
		return fmt.Errorf("failed to parse image config: %w", err)
	}
	if d.platform == nil && c.platformOpt.implicitTarget {
		p := autoDetectPlatform(img, *platform, c.platformOpt.buildPlatforms)
		platform = &p
	}
	isScratch := false
	if len(img.RootFS.DiffIDs) == 0 {
		isScratch = true
		for _, h := range img.History {
			if !h.EmptyLayer {
				isScratch = false
				break
			}
		}
	}
	d.image = img
	if !isScratch {
		validateBaseImagePlatform(origName, *platform, d.image.Platform, d.location, c.lint)
	}
	d.platform = platform
	return nil
}

// autoDetectPlatform follows the dockerfile2llb function (v0.34.2).
func autoDetectPlatform(img dockerspec.DockerOCIImage, target ocispecs.Platform, supported []ocispecs.Platform) ocispecs.Platform {
	if target.OS == img.OS && target.Architecture == img.Architecture {
		return target
	}
	for _, p := range supported {
		if p.OS == img.OS && p.Architecture == img.Architecture {
			return p
		}
	}
	return target
}

// validateBaseImagePlatform follows the dockerfile2llb function (v0.34.2).
func validateBaseImagePlatform(name string, expected, actual ocispecs.Platform, location []bkparser.Range, lint *linter.Linter) {
	if expected.OS != actual.OS || expected.Architecture != actual.Architecture {
		expectedStr := platforms.FormatAll(platforms.Normalize(expected))
		actualStr := platforms.FormatAll(platforms.Normalize(actual))
		lint.Run(&linter.RuleInvalidBaseImagePlatform, location, linter.RuleInvalidBaseImagePlatform.Format(name, expectedStr, actualStr))
	}
}

// reportUnmatchedVariables follows the dockerfile2llb function (v0.34.2):
// UndefinedVar. BuildKit reports the variables of one word in map order;
// the port reports them sorted.
func reportUnmatchedVariables(cmd instructions.Command, buildArgs []instructions.KeyValuePairOptional, env shell.EnvGetter, unmatched map[string]struct{}, lint *linter.Linter) {
	if len(unmatched) == 0 {
		return
	}
	for _, a := range buildArgs {
		delete(unmatched, a.Key)
	}
	if len(unmatched) == 0 {
		return
	}
	options := env.Keys()
	for _, v := range sortedKeys(unmatched) {
		if _, ok := nonEnvArgs[v]; ok {
			continue
		}
		match, _ := suggest.Search(v, options, runtime.GOOS != "windows")
		lint.Run(&linter.RuleUndefinedVar, cmd.Location(), linter.RuleUndefinedVar.Format(v, match))
	}
}

// nonEnvArgs follows dockerfile2llb.nonEnvArgs (v0.34.2).
var nonEnvArgs = map[string]struct{}{
	"BUILDKIT_SBOM_SCAN_CONTEXT": {},
	"BUILDKIT_SBOM_SCAN_STAGE":   {},
}
