package buildkitcheck

import (
	"errors"
	"fmt"
	"net"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/dfgitutil"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
	bkparser "github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/buildkit/frontend/dockerfile/shell"
	"github.com/moby/buildkit/util/system"
	"github.com/moby/patternmatcher"
	"github.com/moby/sys/signal"
	digest "github.com/opencontainers/go-digest"
	ocispecs "github.com/opencontainers/image-spec/specs-go/v1"
	mode "github.com/tonistiigi/dchapes-mode"
)

// dispatchStages follows dockerfile2llb.dispatchStages (v0.34.2) with
// AllStages: every stage and image runs its commands in file order, each
// starting from its base image's environment.
func (c *checker) dispatchStages() error {
	for _, d := range c.states {
		d.init()
		d.dispatched = true
		if d.platform == nil {
			// BuildKit points at a zero platform here (d.opt is not set
			// yet); it cannot happen after resolveStages.
			d.platform = &ocispecs.Platform{}
		}
		if d.env == nil {
			d.env = newEnvList()
		}
		// Make sure that PATH is always set, except on Windows.
		if _, ok := shell.EnvsFromSlice(d.image.Config.Env).Get("PATH"); !ok && d.platform.OS != "windows" {
			d.image.Config.Env = append(d.image.Config.Env, "PATH="+system.DefaultPathEnv(d.platform.OS))
		}
		for _, e := range d.image.Config.Env {
			k, v := parseKeyValue(e)
			d.env.AddOrReplace(k, v)
		}
		if wd := d.image.Config.WorkingDir; wd != "" {
			if err := d.workdir(wd); err != nil {
				return bkparser.WithLocation(err, d.location)
			}
		}
		for _, cmd := range d.commands {
			if err := c.dispatch(d, cmd); err != nil {
				return bkparser.WithLocation(err, cmd.Location())
			}
		}
	}
	return nil
}

// parseKeyValue follows the dockerfile2llb function (v0.34.2).
func parseKeyValue(env string) (string, string) {
	k, v, _ := strings.Cut(env, "=")
	return k, v
}

// workdir follows the state part of dockerfile2llb.dispatchWorkdir
// (v0.34.2).
func (d *state) workdir(p string) error {
	wd, err := system.NormalizeWorkdir(d.image.Config.WorkingDir, p, d.platform.OS)
	if err != nil {
		return fmt.Errorf("normalizing workdir: %w", err)
	}
	d.image.Config.WorkingDir = wd
	d.dir = system.ToSlash(wd, d.platform.OS)
	return nil
}

// expandable returns a copy of cmd that its Expand and ExpandRaw methods
// may rewrite: they expand in place, and the commands belong to the parsed
// file that the other rules read. nil when BuildKit expands nothing in cmd.
func expandable(cmd command) (instructions.Command, error) {
	switch c := cmd.Command.(type) {
	case *instructions.EnvCommand:
		cp := *c
		cp.Env = slices.Clone(c.Env)
		return &cp, nil
	case *instructions.LabelCommand:
		cp := *c
		cp.Labels = slices.Clone(c.Labels)
		return &cp, nil
	case *instructions.AddCommand:
		cp := *c
		cp.SourcePaths = slices.Clone(c.SourcePaths)
		cp.SourceContents = slices.Clone(c.SourceContents)
		return &cp, nil
	case *instructions.CopyCommand:
		cp := *c
		cp.SourcePaths = slices.Clone(c.SourcePaths)
		cp.SourceContents = slices.Clone(c.SourceContents)
		return &cp, nil
	case *instructions.WorkdirCommand:
		cp := *c
		return &cp, nil
	case *instructions.UserCommand:
		cp := *c
		return &cp, nil
	case *instructions.StopSignalCommand:
		cp := *c
		return &cp, nil
	case *instructions.VolumeCommand:
		cp := *c
		cp.Volumes = slices.Clone(c.Volumes)
		return &cp, nil
	case *instructions.RunCommand:
		// RUN expands only its --mount options; Expand stores the parsed
		// mounts in state the command shares with its copies, so a RUN of
		// the file with mounts is typed afresh from its node (an ONBUILD
		// trigger is already a fresh command).
		if len(instructions.GetMounts(c)) == 0 {
			return nil, nil
		}
		if cmd.node == nil {
			return c, nil
		}
		fresh, err := instructions.ParseInstruction(cmd.node)
		if err != nil {
			return nil, err
		}
		return fresh.(*instructions.RunCommand), nil
	}
	return nil, nil
}

// dispatch follows dockerfile2llb.dispatch (v0.34.2): the expansion of each
// command's words with the stage's environment (UndefinedVar), and the
// errors of the dispatch functions that stop BuildKit's conversion.
func (c *checker) dispatch(d *state, cmd command) error {
	lint := c.lint.WithMergedConfigFromComments(cmd.Comments())
	ic, err := expandable(cmd)
	if err != nil {
		return err
	}
	if ic == nil {
		ic = cmd.Command
	}
	if ex, ok := ic.(instructions.SupportsSingleWordExpansion); ok {
		if _, isArg := ic.(*instructions.ArgCommand); !isArg {
			err := ex.Expand(func(word string) (string, error) {
				w, unmatched, err := c.shlex.ProcessWord(word, d.env)
				reportUnmatchedVariables(cmd, d.buildArgs, d.env, unmatched, lint)
				return w, err
			})
			if err != nil {
				return err
			}
		}
	}
	if ex, ok := ic.(instructions.SupportsSingleWordExpansionRaw); ok {
		err := ex.ExpandRaw(func(word string) (string, error) {
			lex := shell.NewLex('\\')
			lex.SkipProcessQuotes = true
			w, unmatched, err := c.shlex.withLex(lex).ProcessWord(word, d.env)
			reportUnmatchedVariables(cmd, d.buildArgs, d.env, unmatched, lint)
			return w, err
		})
		if err != nil {
			return err
		}
	}

	switch x := ic.(type) {
	case *instructions.EnvCommand:
		for _, e := range x.Env {
			d.env.AddOrReplace(e.Key, e.Value)
			d.addImageEnv(e.Key, e.Value)
		}
	case *instructions.RunCommand:
		return c.dispatchRun(d, x, cmd.sources)
	case *instructions.WorkdirCommand:
		return d.workdir(x.Path)
	case *instructions.AddCommand:
		return c.dispatchCopy(d, copyConfig{
			params: x.SourcesAndDest, isAdd: true, chown: x.Chown, chmod: x.Chmod,
			link: x.Link, keepGitDir: x.KeepGitDir, checksum: x.Checksum,
			location: x.Location(), ignoreMatcher: c.opts.DockerIgnore, lint: lint,
		})
	case *instructions.CopyCommand:
		// Only a COPY from the build context is checked against its
		// ignore file, not one --from a stage or an image.
		var ignoreMatcher *patternmatcher.PatternMatcher
		if len(cmd.sources) != 0 {
			if !cmd.sources[0].dispatched {
				return fmt.Errorf("cannot copy from stage %q, it needs to be defined before current stage %q", x.From, d.name)
			}
		} else {
			ignoreMatcher = c.opts.DockerIgnore
		}
		return c.dispatchCopy(d, copyConfig{
			params: x.SourcesAndDest, chown: x.Chown, chmod: x.Chmod,
			link: x.Link, parents: x.Parents,
			location: x.Location(), ignoreMatcher: ignoreMatcher, lint: lint,
		})
	case *instructions.ExposeCommand:
		return c.dispatchExpose(d, x)
	case *instructions.VolumeCommand:
		for _, v := range x.Volumes {
			if v == "" {
				return errors.New("VOLUME specified can not be an empty string")
			}
		}
	case *instructions.StopSignalCommand:
		if _, err := signal.ParseSignal(x.Signal); err != nil {
			return err
		}
	case *instructions.ArgCommand:
		return c.dispatchArg(d, x, lint)
	}
	return nil
}

// addImageEnv follows dockerfile2llb's addEnv (v0.34.2) on the stage's
// image config: it replaces the first entry of the key or appends one. It
// keeps an index of the keys where addEnv looks at every entry for each
// key, which is quadratic in a stage of many ENVs (issue 17: 20k ENV keys
// took 2 s of a 1 MiB file). The index is built from the entries on first
// use, as addEnv reads them, and again if the list changed another way.
func (d *state) addImageEnv(k, v string) {
	env := d.image.Config.Env
	if d.envIndex == nil || len(env) != d.envIndexLen {
		d.envIndex = make(map[string]int, len(env))
		for i, e := range env {
			key, _ := parseKeyValue(e)
			if _, seen := d.envIndex[shell.NormalizeEnvKey(key)]; !seen {
				d.envIndex[shell.NormalizeEnvKey(key)] = i // addEnv replaces the first match
			}
		}
	}
	if i, ok := d.envIndex[shell.NormalizeEnvKey(k)]; ok {
		env[i] = k + "=" + v
	} else {
		d.envIndex[shell.NormalizeEnvKey(k)] = len(env)
		d.image.Config.Env = append(env, k+"="+v)
	}
	d.envIndexLen = len(d.image.Config.Env)
}

// dispatchArg follows the dockerfile2llb function (v0.34.2): an ARG's
// value is the build argument of its name, else its default expanded with
// the stage's environment, else the global ARG's value; the ARG then
// defines its name for what follows.
func (c *checker) dispatchArg(d *state, cmd *instructions.ArgCommand, lint *linter.Linter) error {
	for _, arg := range cmd.Args {
		buildArg, hasValue := c.buildArgs[arg.Key]
		switch {
		case hasValue:
			arg.Value = &buildArg
		case arg.Value == nil:
			if v, ok := c.globalArgs.Get(arg.Key); ok {
				arg.Value = &v
			}
		default:
			v, unmatched, err := c.shlex.ProcessWord(*arg.Value, d.env)
			reportUnmatchedVariables(cmd, d.buildArgs, d.env, unmatched, lint)
			if err != nil {
				return err
			}
			arg.Value = &v
		}
		if arg.Value != nil {
			if _, ok := nonEnvArgs[arg.Key]; !ok {
				d.env.AddOrReplace(arg.Key, *arg.Value)
			}
		}
		d.buildArgs = append(d.buildArgs, arg)
	}
	return nil
}

// dispatchRun follows the errors of dockerfile2llb.dispatchRun and
// dispatchRunMounts (v0.34.2). Network and security modes are checked when
// the instruction is typed.
func (c *checker) dispatchRun(d *state, cmd *instructions.RunCommand, sources []*state) error {
	if len(cmd.Files) > 0 && (len(cmd.CmdLine) != 1 || !cmd.PrependShell) {
		return fmt.Errorf("parsing produced an invalid run command: %v", cmd.CmdLine)
	}
	for i, m := range instructions.GetMounts(cmd) {
		from := m.From
		if from == "" && m.Type == instructions.MountTypeCache {
			from = emptyImageName
		}
		if from != "" {
			if i >= len(sources) || !sources[i].dispatched {
				return fmt.Errorf("cannot mount from stage %q to %q, stage needs to be defined before current command", from, m.Target)
			}
		}
		switch m.Type {
		case instructions.MountTypeSecret:
			if err := dispatchSecret(d, m); err != nil {
				return err
			}
			continue
		case instructions.MountTypeSSH:
			if m.Source != "" {
				return errors.New("ssh does not support source")
			}
			continue
		}
		target := m.Target
		if !system.IsAbsolutePath(filepath.Clean(m.Target)) {
			target = filepath.Join("/", d.dir, m.Target)
		}
		if target == "/" {
			return fmt.Errorf("invalid mount target %q", target)
		}
	}
	return nil
}

// dispatchSecret follows the errors of dockerfile2llb.dispatchSecret
// (convert_secrets.go, v0.34.2).
func dispatchSecret(d *state, m *instructions.Mount) error {
	isWindows := d.platform != nil && d.platform.OS == "windows"
	targetPath := m.Target
	if isWindows {
		targetPath = system.ToSlash(targetPath, "windows")
	}
	id := m.CacheID
	if m.Source != "" {
		id = m.Source
	}
	if id == "" {
		if targetPath == "" {
			return errors.New("one of source, target required")
		}
		id = path.Base(targetPath)
	}
	if isWindows && targetPath != "" && !system.IsAbs(targetPath, "windows") {
		return fmt.Errorf("secret target %q must be an absolute path with forward slashes on Windows", targetPath)
	}
	if m.Env == nil && targetPath == "" && isWindows {
		return fmt.Errorf("secret target is required on Windows (secret %s)", id)
	}
	return nil
}

type copyConfig struct {
	params     instructions.SourcesAndDest
	isAdd      bool
	chown      string
	chmod      string
	link       bool
	keepGitDir *bool
	checksum   string
	parents    bool

	// For CopyIgnoredFile: the build context's ignore file (nil for none,
	// and for COPY --from), the instruction's lines, and the linter with
	// the instruction's `# check=` comments.
	ignoreMatcher *patternmatcher.PatternMatcher
	location      []bkparser.Range
	lint          *linter.Linter
}

// dispatchCopy follows the errors of dockerfile2llb.dispatchCopy
// (convert_copy.go, v0.34.2), and its CopyIgnoredFile check of every
// source from the build context (not URLs, Git sources or heredocs).
func (c *checker) dispatchCopy(d *state, cfg copyConfig) error {
	if err := pathRelativeToWorkingDir(d.dir, cfg.params.DestPath, d.platform.OS); err != nil {
		return err
	}
	if cfg.chown != "" && cfg.link && chownByName(cfg.chown) {
		return fmt.Errorf("--chown=%s: user and group names can't be resolved when used with --link, use numeric uid[:gid] instead", cfg.chown)
	}
	if cfg.chmod != "" {
		p, err := strconv.ParseUint(cfg.chmod, 8, 32)
		nonOctalErr := fmt.Errorf("invalid chmod parameter: '%v'. it should be octal string and between 0 and 07777", cfg.chmod)
		if err == nil {
			if p > 0o7777 {
				return nonOctalErr
			}
		} else if _, err := mode.Parse(cfg.chmod); err != nil {
			var ne *strconv.NumError
			if errors.As(err, &ne) {
				return nonOctalErr
			}
			return err
		}
	}
	checksum, keepGitDir := cfg.checksum, cfg.keepGitDir
	if checksum != "" {
		if !cfg.isAdd {
			return errors.New("checksum can't be specified for COPY")
		}
		if len(cfg.params.SourcePaths) != 1 {
			return errors.New("checksum can't be specified for multiple sources")
		}
		if !isHTTPSource(cfg.params.SourcePaths[0]) && !isGitSource(cfg.params.SourcePaths[0]) {
			return errors.New("checksum requires HTTP(S) or Git sources")
		}
	}
	os := d.platform.OS
	for _, src := range cfg.params.SourcePaths {
		gitRef, isGit, gitRefErr := dfgitutil.ParseGitRef(src)
		if gitRefErr != nil && isGit {
			return gitRefErr
		}
		if gitRefErr == nil && !gitRef.IndistinguishableFromLocal {
			if !cfg.isAdd {
				return errors.New("source can't be a git ref for COPY")
			}
			if keepGitDir != nil && gitRef.KeepGitDir != nil && *keepGitDir != *gitRef.KeepGitDir {
				return errors.New("inconsistent keep-git-dir configuration")
			}
			if gitRef.KeepGitDir != nil {
				keepGitDir = gitRef.KeepGitDir
			}
			if checksum != "" && gitRef.Checksum != "" && checksum != gitRef.Checksum {
				return fmt.Errorf("checksum mismatch %q != %q", checksum, gitRef.Checksum)
			}
			if gitRef.Checksum != "" {
				checksum = gitRef.Checksum
			}
		} else if isHTTPSource(src) {
			if !cfg.isAdd {
				return errors.New("source can't be a URL for COPY")
			}
			if checksum != "" {
				if _, err := digest.Parse(checksum); err != nil {
					return err
				}
			}
		} else {
			validateCopySourcePath(src, &cfg)
			if cfg.parents {
				parent, pattern, ok := strings.Cut(src, "/./")
				if !ok {
					pattern = src
					src = "/"
				} else {
					src = parent
				}
				pattern, err := system.NormalizePath("/", pattern, os, false)
				if err != nil {
					return fmt.Errorf("removing drive letter: %w", err)
				}
				if !containsWildcards(src) && !containsWildcards(pattern) {
					if _, err := system.NormalizePath("/", filepath.Join(src, pattern), os, false); err != nil {
						return fmt.Errorf("removing drive letter: %w", err)
					}
				}
			}
			if _, err := system.NormalizePath("/", src, os, false); err != nil {
				return fmt.Errorf("removing drive letter: %w", err)
			}
		}
	}
	for _, src := range cfg.params.SourceContents {
		if _, err := system.CheckSystemDriveAndRemoveDriveLetter(src.Path, os, false); err != nil {
			return fmt.Errorf("removing drive letter: %w", err)
		}
	}
	return nil
}

// validateCopySourcePath follows the dockerfile2llb function
// (validations.go, v0.34.2): CopyIgnoredFile when the build context's
// ignore file excludes a source. dispatchCopy drops its error (a pattern
// that cannot be matched), and so does the port.
func validateCopySourcePath(src string, cfg *copyConfig) error {
	// Do not validate copy source paths if there is no dockerignore file
	// or if the dockerignore file contains exclusions.
	//
	// Exclusions are too difficult to statically determine if they're proper
	// because it's ok for a directory to be excluded and a file inside the directory
	// to be negated.
	if cfg.ignoreMatcher == nil || cfg.ignoreMatcher.Exclusions() {
		return nil
	}
	cmd := "Copy"
	if cfg.isAdd {
		cmd = "Add"
	}

	src = filepath.ToSlash(filepath.Clean(src))
	if src == "." || src == "/" {
		// "." and "/" are context roots, not real paths that can be excluded.
		// Only keep the warning for patterns that exclude all root entries.
		if !copySourceRootIgnored(cfg.ignoreMatcher) {
			return nil
		}
	}
	ok, err := cfg.ignoreMatcher.MatchesOrParentMatches(src)
	if err != nil {
		return err
	}
	if ok {
		msg := linter.RuleCopyIgnoredFile.Format(cmd, src)
		cfg.lint.Run(&linter.RuleCopyIgnoredFile, cfg.location, msg)
	}
	return nil
}

// copySourceRootIgnored follows the dockerfile2llb function
// (validations.go, v0.34.2).
func copySourceRootIgnored(matcher *patternmatcher.PatternMatcher) bool {
	for _, pattern := range matcher.Patterns() {
		if pattern.Exclusion() {
			continue
		}
		switch pattern.String() {
		case "*", "**", "**/*":
			return true
		}
	}
	return false
}

// pathRelativeToWorkingDir follows the errors of the dockerfile2llb
// function (v0.34.2).
func pathRelativeToWorkingDir(dir, p, os string) error {
	p, err := system.CheckSystemDriveAndRemoveDriveLetter(p, os, true)
	if err != nil {
		return fmt.Errorf("removing drive letter: %w", err)
	}
	if system.IsAbs(p, os) {
		_, err = system.NormalizePath("/", p, os, true)
		return err
	}
	if p == "." || p == "" {
		p = "./"
	}
	_, err = system.NormalizePath(dir, p, os, true)
	return err
}

// chownByName follows the dockerfile2llb function (v0.34.2), with
// llb.WithUser's parsing of "user[:group]".
func chownByName(chown string) bool {
	parts := strings.SplitN(chown, ":", 2)
	for i, v := range parts {
		if i == 1 && v == "" {
			continue
		}
		if _, err := parseUID(v); err != nil && v != "" {
			return true
		}
	}
	return false
}

// parseUID follows llb.parseUID (client/llb/fileop.go, v0.34.2).
func parseUID(str string) (int, error) {
	if str == "root" {
		return 0, nil
	}
	uid, err := strconv.ParseInt(str, 10, 32)
	return int(uid), err
}

// isHTTPSource and isGitSource follow the dockerfile2llb functions
// (v0.34.2).
func isHTTPSource(src string) bool {
	if !strings.HasPrefix(src, "http://") && !strings.HasPrefix(src, "https://") {
		return false
	}
	return !isGitSource(src)
}

func isGitSource(src string) bool {
	gitRef, isGit, _ := dfgitutil.ParseGitRef(src)
	return gitRef != nil && isGit
}

// containsWildcards follows the dockerfile2llb function (v0.34.2).
func containsWildcards(name string) bool {
	for i := 0; i < len(name); i++ {
		switch name[i] {
		case '*', '?', '[':
			return true
		case '\\':
			i++
		}
	}
	return false
}

// dispatchExpose follows the errors of dockerfile2llb.dispatchExpose and
// portSpecs.parsePort (convert_expose.go, v0.34.2).
func (c *checker) dispatchExpose(d *state, cmd *instructions.ExposeCommand) error {
	var ports []string
	for _, p := range cmd.Ports {
		ps, err := c.shlex.ProcessWords(p, d.env)
		if err != nil {
			return err
		}
		ports = append(ports, ps...)
	}
	for _, p := range ports {
		if err := parsePort(p); err != nil {
			return err
		}
	}
	return nil
}

func parsePort(rawPort string) error {
	ip, hostPort, containerPort := splitParts(rawPort)
	port, proto, _ := strings.Cut(containerPort, "/")
	if port == "" {
		return fmt.Errorf("invalid port: %q: no port specified", rawPort)
	}
	switch strings.ToLower(proto) {
	case "", "tcp", "udp", "sctp":
	default:
		return fmt.Errorf("invalid port: %q: invalid proto: %s", rawPort, proto)
	}
	containerPort = port
	if ip != "" && ip[0] == '[' {
		rawIP, _, err := net.SplitHostPort(ip + ":")
		if err != nil {
			return fmt.Errorf("invalid IP address %v: %w", ip, err)
		}
		ip = rawIP
	}
	if ip != "" && net.ParseIP(ip) == nil {
		return errors.New("invalid IP address: " + ip)
	}
	startPort, endPort, err := parsePortRange(containerPort)
	if err != nil {
		return errors.New("invalid containerPort: " + containerPort)
	}
	if hostPort != "" {
		startHostPort, endHostPort, err := parsePortRange(hostPort)
		if err != nil {
			return errors.New("invalid hostPort: " + hostPort)
		}
		if endPort-startPort != endHostPort-startHostPort && endPort != startPort {
			return fmt.Errorf("invalid ranges specified for container and host Ports: %s and %s", containerPort, hostPort)
		}
	}
	return nil
}

func parsePortRange(ports string) (int, int, error) {
	if ports == "" {
		return 0, 0, errors.New("empty string specified for ports")
	}
	start, end, ok := strings.Cut(ports, "-")
	startPort, err := parsePortNumber(start)
	if err != nil {
		return 0, 0, err
	}
	if !ok || start == end {
		return startPort, startPort, nil
	}
	endPort, err := parsePortNumber(end)
	if err != nil {
		return 0, 0, err
	}
	if endPort < startPort {
		return 0, 0, errors.New("invalid port range: " + ports)
	}
	return startPort, endPort, nil
}

func parsePortNumber(rawPort string) (int, error) {
	if rawPort == "" {
		return 0, errors.New("value is empty")
	}
	port, err := strconv.ParseInt(rawPort, 10, 0)
	if err != nil {
		return 0, err
	}
	if port < 0 || port > 65535 {
		return 0, errors.New("value out of range (0–65535)")
	}
	return int(port), nil
}

func splitParts(rawport string) (hostIP, hostPort, containerPort string) {
	parts := strings.Split(rawport, ":")
	switch n := len(parts); n {
	case 1:
		return "", "", parts[0]
	case 2:
		return "", parts[0], parts[1]
	case 3:
		return parts[0], parts[1], parts[2]
	default:
		return strings.Join(parts[:n-2], ":"), parts[n-2], parts[n-1]
	}
}

func sortedKeys(m map[string]struct{}) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func sortStrings(s []string) { sort.Strings(s) }

func atoi(s string) (int, error) { return strconv.Atoi(s) }
