package rewrite

// DF201's split for Java built with Maven or Gradle: the jar the command
// runs is copied into a JRE image (eclipse-temurin:<N>-jre, with N from
// the build image's tag), or distroless Java / Chainguard's JRE by policy.

import (
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/dflint/dflint/internal/images"
	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
)

// javaBuildPackages are packages a Java build stage installs for the build
// only (build tools, and Node for a front end bundled into the jar).
var javaBuildPackages = shellcmd.Set("maven", "gradle", "git", "curl", "wget", "unzip", "zip", "ca-certificates", "bash", "nodejs", "npm",
	"yarn", "findutils", "binutils", "tzdata")

func javaBuildOnlyEnv(k string) bool {
	return strings.HasPrefix(k, "MAVEN_") || strings.HasPrefix(k, "GRADLE_") || k == "M2_HOME" || k == "JAVA_HOME" ||
		k == "PATH" || k == "DEBIAN_FRONTEND"
}

// javaMajor reads the Java major version of a JRE tag; compiled when a
// Java split first needs it.
var javaMajor = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`:([0-9]+)([._u][0-9._+b-]*)?-jre`) })

func PlanJava(s *splitStage) (*splitPlan, noSplit) {
	var arts []artifact
	lang := func(r *stageRun) bool {
		c := shellcmd.Simple{Argv: wordValues(r.cmd.Args)}
		switch c.Name() {
		case "mvn", "mvnw":
			if shellcmd.IsBuildCommand(c) {
				arts = append(arts, artifact{path: path.Join(mavenProjectDir(r), "target"), dir: true})
			}
			return true
		case "gradle", "gradlew":
			if shellcmd.IsBuildCommand(c) {
				arts = append(arts, artifact{path: path.Join(r.cwd, "build"), dir: true})
			}
			return true
		case "java", "javac", "jar", "jlink", "jdeps":
			return false
		}
		return false
	}
	hasBuild := false
	for _, r := range s.runs {
		switch c := (shellcmd.Simple{Argv: wordValues(r.cmd.Args)}); c.Name() {
		case "mvn", "mvnw", "gradle", "gradlew":
			hasBuild = hasBuild || shellcmd.IsBuildCommand(c)
		}
	}
	if !hasBuild {
		return nil, "nothing is built with Maven or Gradle in this stage: run the program on a JRE image instead of the JDK"
	}
	if why := s.checkRuns(lang, func(p string) bool { return javaBuildPackages[p] }, &arts); why != "" {
		return nil, why
	}
	// The jar (or start script) the command runs.
	var runIn *parser.Instruction
	if s.command.ep != nil {
		runIn = s.command.ep
	} else {
		runIn = s.command.cmd
	}
	if runIn == nil {
		return nil, "there is no CMD or ENTRYPOINT, so the program to run is not known"
	}
	var jar string
	for _, c := range shellcmd.SimpleCommandsOf(runIn) {
		if c.Name() != "java" {
			continue
		}
		for i, a := range c.Argv {
			if a == "-jar" && i+1 < len(c.Argv) {
				jar = c.Argv[i+1]
			}
		}
	}
	if s.command.ep != nil && s.command.ep.IsJSONForm() && jar == "" && s.command.cmd != nil && len(s.command.epArgv) > 0 && path.Base(s.command.epArgv[0]) == "java" {
		// ENTRYPOINT ["java", "-jar"] with the jar in CMD.
		if a := s.command.cmdArgv; len(a) > 0 {
			jar = a[0]
		}
	}
	if jar == "" || jar == shellcmd.NonLiteral {
		return nil, "the command does not run a jar named in it (`java -jar <file>`)"
	}
	if s.finalCwd == "" && !path.IsAbs(jar) {
		return nil, "the working directory is not known"
	}
	jarPath := abs(s.finalCwd, jar)
	found := false
	for _, a := range arts {
		if a.matches(jarPath) || strings.ContainsAny(jar, "*?[") && globHitsArtifact(jarPath, arts) {
			found = true
		}
	}
	if !found {
		return nil, fmt.Sprintf("the command runs `%s`, which the build does not write", jar)
	}

	pl := &splitPlan{dropEnv: javaBuildOnlyEnv, shell: true}
	runtime, _, _ := s.info.Runtime()
	if tag, ok := s.info.SlimTag(); ok {
		// A JDK image with a JRE variant (eclipse-temurin:17-jdk): the
		// JRE of the same line.
		runtime = s.info.Ref.WithTag(tag)
	}
	major := "21"
	if m := javaMajor().FindStringSubmatch(runtime); m != nil {
		major = m[1]
	}
	if repo := s.info.Ref.Repository(); (repo == "maven" || repo == "gradle") && !images.TagNamesJDK(s.info.Ref.Tag) && s.family != "chainguard" {
		// A tag that names no JDK (maven:3.9): the JDK it carries today,
		// which the build will run on; the image data's default runtime
		// could be older than the bytecode.
		n, ok := images.UnnamedJDK(repo, s.info.Ref.Tag)
		if !ok {
			example := "maven:3.9-eclipse-temurin-21"
			if repo == "gradle" {
				example = "gradle:8-jdk21"
			}
			return nil, fmt.Sprintf("the tag `%s` names no JDK, so the JRE that runs what it builds is not known: use a tag that names it, such as `%s`", s.info.Ref.Original, example)
		}
		major = strconv.Itoa(n)
		runtime = "eclipse-temurin:" + major + "-jre"
	}
	// The eclipse-temurin JRE of the JDK's own version, as published.
	temurin := func(variant string) (string, noSplit) {
		if !strings.HasPrefix(runtime, "eclipse-temurin:") {
			return runtime, ""
		}
		if variant == "" {
			// The floating tag of the same major and variant (a newer
			// patch runs the same jar): 17.0.2_8-jre-jammy → 17-jre-jammy.
			_, v, _ := strings.Cut(strings.TrimPrefix(runtime, "eclipse-temurin:"), "-jre")
			variant = v
		}
		tag := major + "-jre" + variant
		if images.TemurinJREPublished(tag) {
			return "eclipse-temurin:" + tag, ""
		}
		if !images.TemurinJREPublished(major + "-jre") {
			n, _ := strconv.Atoi(major)
			lts := images.NextJavaLTS(n)
			return "", noSplit(fmt.Sprintf("eclipse-temurin publishes no JRE for Java %s; the next LTS, `eclipse-temurin:%d-jre`, runs its bytecode but removed APIs that apps of that time may use: split by hand after testing on it", major, lts))
		}
		return "", noSplit(fmt.Sprintf("eclipse-temurin publishes no `%s` tag", tag))
	}
	var why noSplit
	switch s.family {
	case "chainguard":
		pl.runtime, pl.nonroot, pl.shell = s.chainguard+"/jre:latest", true, false
		if tool := javaChainguardBuilder(s); tool != "" {
			pl.builder = s.chainguard + "/" + tool + ":latest"
		}
	case "distroless":
		switch major {
		case "17", "21":
			pl.runtime, pl.nonroot, pl.shell = "gcr.io/distroless/java"+major+"-debian13:nonroot", true, false
		case "25":
			pl.runtime, pl.nonroot, pl.shell = "gcr.io/distroless/java25-debian13:nonroot", true, false
		default:
			pl.runtime, why = temurin("")
		}
	case "alpine":
		pl.runtime, why = temurin("-alpine")
	default:
		pl.runtime, why = temurin("")
	}
	if why != "" {
		return nil, why
	}
	if !s.hasWorkdir && !path.IsAbs(jar) {
		// The runtime image may have a WORKDIR of its own (Chainguard's
		// jre: /app): the jar's relative path needs the build's.
		pl.workdir = s.finalCwd
	}
	if strings.ContainsAny(jar, "*?[") {
		if pl.shell == false {
			return nil, fmt.Sprintf("the command finds the jar with a pattern (`%s`), which needs a shell that `%s` does not have", jar, pl.runtime)
		}
		// Every jar the pattern can match, into the same directory: the
		// shell finds the same one as before.
		pl.copies = [][2]string{{jarPath, path.Dir(jarPath) + "/"}}
	} else {
		pl.copies = [][2]string{{jarPath, jarPath}}
	}
	if !pl.shell {
		// No shell, and the image's ENTRYPOINT is java itself: the
		// command must be exec form and set the ENTRYPOINT.
		argv, ok := s.command.argv()
		if !ok || len(argv) == 0 {
			return nil, fmt.Sprintf("the command needs a shell, which `%s` does not have", pl.runtime)
		}
		pl.entrypoint = entrypointFor(s, argv[0])
		if s.command.ep == nil {
			pl.entrypoint = append([]string{}, argv...)
		}
		if s.family == "chainguard" && pl.entrypoint[0] == "java" {
			pl.entrypoint[0] = "/usr/bin/java" // the image's ENTRYPOINT (images.json)
		}
	}
	pl.title = fmt.Sprintf("Build in stage `%s` and run the jar on `%s`", s.name, pl.runtime)
	if pl.builder != "" {
		pl.title = fmt.Sprintf("Build in stage `%s` on `%s` and run the jar on `%s`", s.name, pl.builder, pl.runtime)
	}
	return pl, ""
}

// javaChainguardBuilder is the Chainguard image to build on, by the build
// tool the stage runs (maven for mvn, gradle for gradle, jdk for a
// wrapper or javac), or "" when the build relies on the original image:
// packages installed (Chainguard's images have no apk-tools), no WORKDIR
// of its own (theirs is /home/build, images.json), or several tools.
func javaChainguardBuilder(s *splitStage) string {
	if !s.hasWorkdir || len(s.packages) > 0 || s.packageCommand() != nil {
		return ""
	}
	tools := map[string]bool{}
	for _, r := range s.runs {
		switch c := (shellcmd.Simple{Argv: wordValues(r.cmd.Args)}); c.Name() {
		case "mvn":
			tools["maven"] = true
		case "gradle":
			tools["gradle"] = true
		case "mvnw", "gradlew", "javac", "jar":
			tools["jdk"] = true
		}
	}
	if len(tools) != 1 {
		return ""
	}
	for t := range tools {
		if want := images.ChainguardBuildTool(t); want != "" && s.info.Ref.Repository() == t {
			// maven:3.9-…, gradle:8-jdk21: the same major as
			// Chainguard's, or a tag that names none (latest, jdk21).
			if m := leadingMajor.FindString(s.info.Ref.Tag); m != "" && m != want {
				return ""
			}
		}
		return t
	}
	return ""
}

// leadingMajor is the major version at the start of a tag.
var leadingMajor = regexp.MustCompile(`^[0-9]+`)

// mavenProjectDir is the directory of the project a Maven command builds:
// its working directory, or the directory of `-f pom.xml`.
func mavenProjectDir(r *stageRun) string {
	args := r.cmd.Args
	for i := 1; i+1 < len(args); i++ {
		if v := args[i].Value; (v == "-f" || v == "--file") && args[i+1].Literal {
			p := abs(r.cwd, args[i+1].Value)
			if strings.HasSuffix(p, ".xml") {
				return path.Dir(p)
			}
			return p
		}
	}
	return r.cwd
}

// wordValues are the values of words, "$" for those with expansions.
func wordValues(ws []parser.Word) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.Value
		if !w.Literal {
			out[i] = shellcmd.NonLiteral
		}
	}
	if len(out) > 0 {
		out[0] = path.Base(out[0])
	}
	return out
}
