package buildverify

import (
	"bufio"
	"context"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/dflint/dflint/parser"
)

// Corpus cases: real Dockerfiles from ../shared/corpus, fixed with
// `dflint fix --unsafe-fixes --base-family <family>` and built and run
// before and after, on the stand-ins.
//
// How they are chosen (CorpusEligible, then PickCorpus):
//
//  1. Only files of kind "real" in MANIFEST.tsv whose build needs nothing
//     but the stand-ins: every stage's base is a stand-in, an earlier stage
//     or scratch (after the global ARGs' defaults), no COPY or ADD takes
//     anything from the build context (the corpus has only the
//     Dockerfile), no ADD at all (its sources are context files or URLs),
//     no COPY --from an image that has no stand-in, and nothing buildah
//     1.28 cannot build (Unsupported), and no RUN that plainly needs the
//     network or a package the stand-ins cannot give (runNeeds: a URL, a
//     download tool run, a language package manager, apt-get install of a
//     package outside the local apt repository). apk add is left to the
//     build: the Alpine stand-in's apk fails for a name outside its list. That reading of RUN is a rough filter to keep
//     failing builds out of the sample; the build before the fix judges.
//  2. For each family, those files in the order of a shuffle seeded with
//     CorpusSeed and the family's name (so each family sees its own fixed
//     sample, the same on every run and machine). A file is a case when
//     the fix changes it, every image the fixed file names has a
//     stand-in, and the original builds; otherwise it is skipped, and the
//     reason is counted. The first n cases are taken, after at most
//     maxTries(n) files have been tried (a failing build costs time too).
//
// A case that does not build before its fix is skipped, never counted as
// a pass.

// CorpusFamilies are the base families the corpus cases are fixed under.
var CorpusFamilies = []string{"slim", "alpine", "distroless", "chainguard"}

// CorpusSeed fixes the sample.
const CorpusSeed = 15

// maxTries bounds the files tried for n cases of one family.
func maxTries(n int) int { return 6 * n }

// CorpusFile is one eligible file of the corpus.
type CorpusFile struct {
	Path string // relative to the corpus directory
	Text []byte
}

// LoadCorpus reads the corpus's manifest and returns the eligible files,
// sorted by path.
func LoadCorpus(dir string) ([]CorpusFile, error) {
	f, err := os.Open(filepath.Join(dir, "MANIFEST.tsv"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var files []CorpusFile
	sc := bufio.NewScanner(f)
	first := true
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if first {
			first = false
			continue
		}
		if len(cols) < 8 || cols[len(cols)-1] != "real" {
			continue
		}
		text, err := os.ReadFile(filepath.Join(dir, cols[0]))
		if err != nil {
			return nil, err
		}
		if CorpusEligible(text) == "" {
			files = append(files, CorpusFile{Path: cols[0], Text: text})
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, nil
}

// CorpusEligible says why a Dockerfile cannot be built from the stand-ins
// alone, or returns "".
func CorpusEligible(text []byte) string {
	f := parser.Parse("Dockerfile", text)
	if f.Err != nil {
		return "does not parse"
	}
	if len(f.Stages) == 0 {
		return "no FROM"
	}
	if why := Unsupported(text); why != "" {
		return "buildah 1.28: " + why
	}
	if why := imagesWithoutStandIn(f); why != "" {
		return why
	}
	for _, in := range f.Instructions {
		switch in.Name {
		case "run":
			if why := runNeeds(string(in.Text())); why != "" {
				return fmt.Sprintf("line %d: %s", in.StartLine, why)
			}
		case "add":
			return fmt.Sprintf("line %d: ADD (context files or URLs)", in.StartLine)
		case "copy":
			if len(in.ContextSources()) > 0 {
				return fmt.Sprintf("line %d: COPY from the build context", in.StartLine)
			}
		}
	}
	return ""
}

var (
	// networkWords are what a RUN that downloads says.
	networkWords = regexp.MustCompile(`https?://|\bgit clone\b|((?i:^RUN\s+)|[;&|(]\s*)(curl|wget)\s|\b(pip3?|npm|yarn|pnpm|gem|cargo|composer|bundle|go|conda|mvn|gradle) (install|get|download|add|build)\b|\bgpg\b.*--recv|\bapt-key\b|\badd-apt-repository\b`)
	// aptInstall finds the package lists of apt-get and apt.
	aptInstall = regexp.MustCompile(`\bapt(?:-get)?\s+(?:-\S+\s+)*install\s+([^&|;]*)`)
)

// runNeeds says what a RUN's text needs that the stand-ins cannot give,
// or returns "".
func runNeeds(text string) string {
	text = strings.ReplaceAll(text, "\\\n", " ")
	if m := networkWords.FindString(text); m != "" {
		return fmt.Sprintf("RUN needs the network (%s)", strings.TrimSpace(m))
	}
	check := func(re *regexp.Regexp, known []string, what string) string {
		for _, m := range re.FindAllStringSubmatch(text, -1) {
			skip := false
			for _, w := range strings.Fields(m[1]) {
				switch {
				case skip:
					skip = false
				case w == "--virtual" || w == "-t" || w == "--repository" || w == "-X":
					skip = true
				case strings.HasPrefix(w, "-"):
				case strings.ContainsAny(w, "$\x60\\()"):
					return fmt.Sprintf("RUN installs a package named by a variable (%s)", w)
				default:
					name := strings.FieldsFunc(w, func(r rune) bool { return strings.ContainsRune("=<>~", r) })
					if len(name) > 0 && !slices.Contains(known, name[0]) {
						return fmt.Sprintf("RUN installs %s, which %s", name[0], what)
					}
				}
			}
		}
		return ""
	}
	return check(aptInstall, aptRepoPackages, "the local apt repository does not have")
}

// imagesWithoutStandIn names the first image the Dockerfile builds on or
// copies from that has no stand-in, or returns "".
func imagesWithoutStandIn(f *parser.File) string {
	for i, s := range f.Stages {
		if s.BaseStage != nil || s.IsScratch() {
			continue
		}
		if len(s.BaseUnresolved) > 0 {
			return fmt.Sprintf("line %d: base %s has variables without defaults", s.From.StartLine, s.BaseName)
		}
		if !HasStandIn(s.Base) {
			return fmt.Sprintf("line %d: no stand-in for %s", s.From.StartLine, s.Base)
		}
		for _, in := range s.Instructions {
			from, ok := in.Flag("from")
			if in.Name != "copy" || !ok {
				continue
			}
			if _, err := strconv.Atoi(from); err == nil || f.StageByName(strings.ToLower(from), i) != nil {
				continue
			}
			if !HasStandIn(from) {
				return fmt.Sprintf("line %d: no stand-in for COPY --from=%s", in.StartLine, from)
			}
		}
	}
	return ""
}

// HasStandIn reports whether an image reference, as a Dockerfile writes
// it, is one of the stand-ins' names.
func HasStandIn(ref string) bool {
	ref = strings.TrimPrefix(ref, "docker.io/")
	ref = strings.TrimPrefix(ref, "library/")
	for _, s := range standIns {
		for _, n := range s.names {
			if n == ref {
				return true
			}
		}
	}
	return false
}

// FamilyOrder is the corpus files in the order the family tries them.
func FamilyOrder(files []CorpusFile, family string) []CorpusFile {
	h := fnv.New64a()
	h.Write([]byte(family))
	r := rand.New(rand.NewPCG(CorpusSeed, h.Sum64()))
	out := append([]CorpusFile(nil), files...)
	r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// CorpusResult is one corpus file tried for a family.
type CorpusResult struct {
	Family, Path string
	// Skipped is why the file is no case (empty for a case).
	Skipped         string
	Fixed           []byte
	Original, After Image
	// AfterBuilt is false when the fixed Dockerfile did not build;
	// AfterError says why.
	AfterBuilt bool
	AfterError string
}

// Ran reports whether an image's command worked: it exited 0, or was
// still running (a server) when judged.
func Ran(img Image) bool { return img.Run.Running || img.Run.ExitCode == 0 }

// ProgramMissing reports whether an image's command could not start
// because its program is not there: exit 127 from a shell, or the
// runtime's "unable to start container process: exec: …" (executable
// file not found in $PATH, or no such file). On the stand-ins that is the
// rule for what a case installs with apk (the stand-in apk installs
// nothing), so such a case's behaviour is not judged.
func ProgramMissing(img Image) bool {
	return img.Run.ExitCode == 127 || (!img.Run.Running && strings.Contains(img.Run.Output, "unable to start container process: exec:"))
}

// Judged reports whether the case's behaviour can be compared: it is a
// case, the fixed file built, and the original's program exists.
func (r *CorpusResult) Judged() bool {
	return r.Skipped == "" && r.AfterBuilt && !ProgramMissing(r.Original)
}

// SameBehaviour reports whether both images' commands ended the same way
// with the same output.
func (r *CorpusResult) SameBehaviour() bool {
	a, b := r.Original.Run, r.After.Run
	return r.AfterBuilt && a.Running == b.Running && a.ExitCode == b.ExitCode && normalizeOutput(a.Output) == normalizeOutput(b.Output)
}

// corpusRunFor is how long a corpus case's command runs before it is
// judged.
const corpusRunFor = 10 * time.Second

// TryCorpus fixes one corpus file for a family and, when it is a case,
// builds and runs it before and after.
func (e *Env) TryCorpus(ctx context.Context, dflint, family string, cf CorpusFile) (*CorpusResult, error) {
	res := &CorpusResult{Family: family, Path: cf.Path}
	c := &Case{Name: "corpus", Files: map[string][]byte{"Dockerfile": cf.Text}, RunFor: corpusRunFor}
	dir, err := e.writeContext(c)
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	// In the context directory, as Verify does: no .dflint.yaml of this
	// repository's or its parents' applies.
	cmd := exec.CommandContext(ctx, dflint, "fix", "--fail-level", "none", "--unsafe-fixes", "--base-family", family, "-")
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader(string(cf.Text))
	fixed, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("dflint fix --base-family %s on %s: %w", family, cf.Path, exitDetail(err))
	}
	res.Fixed = fixed
	if string(fixed) == string(cf.Text) {
		res.Skipped = "the fix changes nothing"
		return res, nil
	}
	f := parser.Parse("Dockerfile", fixed)
	if f.Err != nil {
		return nil, fmt.Errorf("the fix of %s does not parse: %v", cf.Path, f.Err)
	}
	if why := imagesWithoutStandIn(f); why != "" {
		res.Skipped = "the fixed file: " + why
		return res, nil
	}
	if why := Unsupported(fixed); why != "" {
		res.Skipped = "the fixed file: buildah 1.28: " + why
		return res, nil
	}
	if err := os.WriteFile(filepath.Join(dir, "Dockerfile.fixed"), fixed, 0o644); err != nil {
		return nil, err
	}
	res.Original, err = e.buildAndRun(ctx, dir, "Dockerfile", c)
	if err != nil {
		res.Skipped = "does not build before the fix: " + firstLine(buildError(err))
		return res, nil
	}
	res.After, err = e.buildAndRun(ctx, dir, "Dockerfile.fixed", c)
	if err != nil {
		res.AfterError = buildError(err)
		return res, nil
	}
	res.AfterBuilt = true
	return res, nil
}

// buildError keeps the part of a build failure that says what failed:
// the last lines of buildah's output.
func buildError(err error) string {
	return lastLines(strings.TrimSpace(err.Error()), 6)
}

func firstLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	// buildah's last line names the failing step ("error building at
	// STEP …"); the line before says why.
	for i := len(lines) - 1; i >= 0; i-- {
		if l := strings.TrimSpace(lines[i]); l != "" && !strings.HasPrefix(l, "error building at STEP") && !strings.HasPrefix(l, "Error:") {
			return l
		}
	}
	return lines[len(lines)-1]
}

// FamilyTally is one family's row of the table.
type FamilyTally struct {
	Family                  string
	Tried, Cases            int
	Skipped                 map[string]int
	BeforeBuilt, BeforeRan  int
	AfterBuilt, AfterRan    int
	Unjudged, SameBehaviour int
	Failures                []string
}

// Tally counts a family's results.
func Tally(family string, results []*CorpusResult) FamilyTally {
	t := FamilyTally{Family: family, Skipped: map[string]int{}}
	for _, r := range results {
		t.Tried++
		if r.Skipped != "" {
			t.Skipped[skipKind(r.Skipped)]++
			continue
		}
		t.Cases++
		t.BeforeBuilt++
		if Ran(r.Original) {
			t.BeforeRan++
		}
		if r.AfterBuilt {
			t.AfterBuilt++
			if Ran(r.After) {
				t.AfterRan++
			}
		}
		switch {
		case r.AfterBuilt && !r.Judged():
			t.Unjudged++
		case r.SameBehaviour():
			t.SameBehaviour++
		default:
			t.Failures = append(t.Failures, r.Path)
		}
	}
	return t
}

// skipKind folds a skip reason into its kind for the table.
func skipKind(reason string) string {
	switch {
	case strings.HasPrefix(reason, "does not build before"):
		return "no build before the fix"
	case strings.HasPrefix(reason, "the fixed file:"):
		return "fixed file names an image without stand-in"
	default:
		return reason
	}
}

// CorpusTable renders the families' rows as a Markdown table.
func CorpusTable(tallies []FamilyTally) string {
	var b strings.Builder
	b.WriteString("| family | tried | skipped | cases | before: built / ran | after: built / ran | same behaviour | not judged (program not on the stand-in) |\n|---|---|---|---|---|---|---|---|\n")
	for _, t := range tallies {
		var kinds []string
		for k, n := range t.Skipped {
			kinds = append(kinds, fmt.Sprintf("%d %s", n, k))
		}
		sort.Strings(kinds)
		skipped := strings.Join(kinds, "; ")
		if skipped == "" {
			skipped = "0"
		}
		fmt.Fprintf(&b, "| %s | %d | %s | %d | %d / %d | %d / %d | %d | %d |\n", t.Family, t.Tried, skipped, t.Cases,
			t.BeforeBuilt, t.BeforeRan, t.AfterBuilt, t.AfterRan, t.SameBehaviour, t.Unjudged)
	}
	return b.String()
}
