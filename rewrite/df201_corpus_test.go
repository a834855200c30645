package rewrite_test

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/dflint/dflint/internal/images"
	"github.com/dflint/dflint/parser"
	"github.com/dflint/dflint/rewrite"
	"github.com/dflint/dflint/rules"
)

// TestCorpusSplitStages stresses DF201's multi-stage split on real build
// stages: the corpus has few single-stage files on a toolchain image (most
// projects split already), so every stage of a corpus file that starts from
// a Go, Rust, Java, .NET, Node or Python image is cut out as a file of its
// own (with the global ARGs) and fixed with DF201 alone under each base
// policy. Every fix must keep the invariants checkFix checks, leave no DF201
// finding, and the fixed file must then settle with every rule's unsafe
// fixes too. The counts (fixed, not fixed and why) are logged with -v.
func TestCorpusSplitStages(t *testing.T) {
	if testing.Short() {
		t.Skip("the stage corpus is slow; run without -short")
	}
	root := corpusDir(t)
	var inputs []struct{ name, src, lang string }
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		f := parser.Parse(p, b)
		if f.Err != nil {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		for _, s := range f.Stages {
			ref, ok := s.Image()
			if !ok {
				continue
			}
			switch images.Lookup(ref).Language {
			case "go", "rust", "java", "dotnet", "node", "python":
			default:
				continue
			}
			var sb strings.Builder
			for _, a := range f.GlobalArgs {
				sb.Write(f.Source[a.Start:a.End])
				sb.WriteString("\n")
			}
			last := s.Instructions[len(s.Instructions)-1]
			sb.Write(f.Source[s.From.Start:last.End])
			sb.WriteString("\n")
			name := fmt.Sprintf("%s#%d", rel, s.Index)
			lang := images.Lookup(ref).Language
			inputs = append(inputs, struct{ name, src, lang string }{name, sb.String(), lang})
			// A build stage has no command of its own (the final stage
			// runs the program): give it the one its build suggests, so
			// that the split is tried on the real build steps.
			if cmd := syntheticCommand(s); cmd != "" {
				inputs = append(inputs, struct{ name, src, lang string }{name + "+cmd", sb.String() + cmd + "\n", lang})
			}
		}
		return nil
	})
	var all []string
	for _, r := range rules.All() {
		all = append(all, r.ID)
	}
	for _, family := range []string{"", "distroless", "chainguard"} {
		policy := rewrite.BasePolicy{Family: family}
		one, err := rules.NewEngine(rules.Options{Select: []string{"DF201"}, NoBuildKit: true, BasePolicy: policy})
		if err != nil {
			t.Fatal(err)
		}
		every, err := rules.NewEngine(rules.Options{Select: all, NoBuildKit: true, BasePolicy: policy})
		if err != nil {
			t.Fatal(err)
		}
		findings, fixed := 0, 0
		reasons := map[string]int{}
		// byLang counts findings and splits per language: [findings, split].
		byLang := map[string]*[2]int{}
		for _, in := range inputs {
			res, problems := checkFix(one, "Dockerfile", []byte(in.src), rewrite.Options{Unsafe: true})
			for _, p := range problems {
				t.Errorf("%s (policy %q): %s", in.name, family, p)
			}
			if res == nil {
				continue
			}
			n := res.AppliedByRule()["DF201"]
			for _, fd := range res.Remaining {
				if fd.RuleID != "DF201" {
					continue
				}
				if n > 0 {
					t.Errorf("%s (policy %q): DF201 remains after its fix: %s", in.name, family, fd.Message)
				}
				_, why, _ := strings.Cut(fd.Message, "no automatic split: ")
				if os.Getenv("DF201_DEBUG") != "" {
					t.Logf("%s: %s", in.name, why)
				}
				reasons[reasonCategory(why)]++
			}
			findings += n + len(reasonsOf(res))
			if byLang[in.lang] == nil {
				byLang[in.lang] = &[2]int{}
			}
			byLang[in.lang][0] += n + len(reasonsOf(res))
			if n > 0 {
				byLang[in.lang][1]++
			}
			if n == 0 {
				continue
			}
			fixed++
			if dir := os.Getenv("DF201_DEBUG_OUT"); dir != "" {
				name := strings.NewReplacer("/", "_", "#", "_").Replace(in.name) + "." + family + ".Dockerfile"
				os.WriteFile(filepath.Join(dir, name), []byte(in.src+"\n# ---- fixed:\n"+string(res.Output)), 0o644)
			}
			if _, problems := checkFix(every, "Dockerfile", res.Output, rewrite.Options{Unsafe: true}); len(problems) > 0 {
				t.Errorf("%s (policy %q): the split file does not settle with every rule: %v", in.name, family, problems)
			}
		}
		var lines []string
		for r, n := range reasons {
			lines = append(lines, fmt.Sprintf("%4d %s", n, r))
		}
		sort.Sort(sort.Reverse(sort.StringSlice(lines)))
		var langs []string
		for l, c := range byLang {
			langs = append(langs, fmt.Sprintf("%s %d/%d", l, c[1], c[0]))
		}
		sort.Strings(langs)
		t.Logf("policy %q: %d stages cut out, %d DF201 findings, %d split, %d not split (split/findings by language: %s):\n%s",
			family, len(inputs), findings, fixed, findings-fixed, strings.Join(langs, ", "), strings.Join(lines, "\n"))
	}
}

var (
	goOutput     = regexp.MustCompile(`go build[^\n]*?\s-o[= ]([^\s\\;&|'"$]+)`)
	dotnetOutput = regexp.MustCompile(`dotnet publish[^\n]*?\s(?:-o|--output)[= ]([^\s\\;&|'"$]+)`)
	cargoRelease = regexp.MustCompile(`cargo build[^\n]*--release`)
)

// syntheticCommand is a CMD for a build stage without one: the binary its
// `go build -o` writes, the app its `dotnet publish -o` writes, the jar of
// a Maven package, the release binary of a cargo build.
func syntheticCommand(s *parser.Stage) string {
	for _, in := range s.Instructions {
		if in.Name == "cmd" || in.Name == "entrypoint" {
			return ""
		}
	}
	text := string(s.From.File.Source[s.From.Start:s.Instructions[len(s.Instructions)-1].End])
	switch {
	case goOutput.MatchString(text):
		return `CMD ["` + goOutput.FindStringSubmatch(text)[1] + `"]`
	case dotnetOutput.MatchString(text):
		return `ENTRYPOINT ["dotnet", "` + dotnetOutput.FindStringSubmatch(text)[1] + `/App.dll"]`
	case cargoRelease.MatchString(text):
		return `CMD ["./target/release/app"]`
	case strings.Contains(text, "mvn") && strings.Contains(text, "package"):
		return `CMD ["java", "-jar", "target/app.jar"]`
	}
	return ""
}

// reasonsOf lists the DF201 findings left without a fix.
func reasonsOf(res *rewrite.Result[rules.Finding]) []rules.Finding {
	var out []rules.Finding
	for _, fd := range res.Remaining {
		if fd.RuleID == "DF201" {
			out = append(out, fd)
		}
	}
	return out
}

// reasonCategory shortens a no-split reason to its kind, for the counts.
func reasonCategory(why string) string {
	switch {
	case why == "":
		return "(no reason given)"
	case strings.Contains(why, "no CMD or ENTRYPOINT"):
		return "no CMD or ENTRYPOINT"
	case strings.Contains(why, "outside the build directory"):
		return "files copied or changed outside the build directory"
	case strings.Contains(why, "may need at run time"), strings.Contains(why, "cgo"):
		return "packages the program may need at run time (or cgo)"
	case strings.Contains(why, "may prepare something"):
		return "a RUN that may prepare something for run time"
	case strings.Contains(why, "does not write"):
		return "the command runs something the build does not visibly write"
	case strings.Contains(why, "shell"):
		return "the command needs a shell"
	case strings.Contains(why, "several"):
		return "several build commands"
	case strings.Contains(why, "nothing is built"), strings.Contains(why, "no `"):
		return "nothing (recognised) is built"
	case strings.Contains(why, "variable"):
		return "a path or user from a variable"
	}
	if i := strings.IndexAny(why, ":`"); i > 0 {
		return why[:i]
	}
	return why
}
