package buildkitcheck_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dflint/dflint/internal/buildkitcheck"
	"github.com/dflint/dflint/parser"
	"github.com/moby/patternmatcher"
	"github.com/moby/patternmatcher/ignorefile"
)

// TestCopyIgnoredFile holds the port of BuildKit's CopyIgnoredFile
// (validateCopySourcePath, copySourceRootIgnored) to what BuildKit reports.
// The first cases are BuildKit's own (testCopyIgnoredFiles and
// testCopyIgnoredFileContextRoot in frontend/dockerfile/
// dockerfile_check_test.go, v0.34.2), with their ignore files and expected
// messages and lines; the others cover the corners of the ported code.
// TestCopyIgnoredFileParity runs them through DockerfileLint as well.
func TestCopyIgnoredFile(t *testing.T) {
	for _, tt := range copyIgnoredTests {
		t.Run(tt.name, func(t *testing.T) {
			var opts buildkitcheck.Options
			if tt.dockerignore != "" {
				opts.DockerIgnore = matcher(t, tt.dockerignore)
			}
			f := parser.Parse("Dockerfile", []byte(tt.dockerfile))
			res := buildkitcheck.Check(f, opts)
			var got []string
			for _, w := range res.Warnings {
				if w.Rule != "CopyIgnoredFile" {
					continue
				}
				lines := "?"
				if len(w.Location) > 0 {
					start, end := w.Location[0].Start.Line, w.Location[len(w.Location)-1].End.Line
					lines = fmt.Sprint(start)
					if end != start {
						lines = fmt.Sprintf("%d-%d", start, end)
					}
				}
				got = append(got, lines+": "+w.Message)
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// matcher parses an ignore file as dockerui and dockerfile2llb do; nil
// when it has no patterns.
func matcher(t *testing.T, dockerignore string) *patternmatcher.PatternMatcher {
	t.Helper()
	patterns, err := ignorefile.ReadAll(strings.NewReader(dockerignore))
	if err != nil {
		t.Fatal(err)
	}
	if len(patterns) == 0 {
		return nil
	}
	m, err := patternmatcher.New(patterns)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// copyIgnoredTests are TestCopyIgnoredFile's cases; the parity test runs
// them through DockerfileLint too.
var copyIgnoredTests = []struct {
	name         string
	dockerignore string // "" for no ignore file
	dockerfile   string
	want         []string // "line: message"
}{
	// BuildKit's cases.
	{
		name:         "buildkit: COPY and ADD of an ignored file",
		dockerignore: "\nDockerfile\n",
		dockerfile:   "\nFROM scratch\nCOPY Dockerfile .\nADD Dockerfile /windy\n",
		want: []string{
			`3: Attempting to Copy file "Dockerfile" that is excluded by .dockerignore`,
			`4: Attempting to Add file "Dockerfile" that is excluded by .dockerignore`,
		},
	},
	{
		name:         "buildkit: skipped by a check directive",
		dockerignore: "\nDockerfile\n",
		dockerfile:   "# check=skip=CopyIgnoredFile\n\nFROM scratch\nCOPY Dockerfile .\nADD Dockerfile /windy\n",
	},
	{
		name:         "buildkit: COPY --from a stage is not from the context",
		dockerignore: "\nfoobar\n",
		dockerfile:   "\nFROM scratch AS base\nCOPY Dockerfile /foobar\nADD Dockerfile /windy\n\nFROM base\nCOPY --from=base /foobar /Dockerfile\n",
	},
	{
		name:         "buildkit: an ignore file with exclusions is not checked",
		dockerignore: "\n**\n!Dockerfile\n",
		dockerfile:   "\nFROM scratch\nCOPY ./Dockerfile .\n",
	},
	{
		name:         "buildkit: the context root with exclusions",
		dockerignore: "\n**\n!Dockerfile\n",
		dockerfile:   "\nFROM scratch\nCOPY . .\n\t",
	},
	{
		name:         "buildkit: the context root with dotfiles ignored",
		dockerignore: "\n.*\n",
		dockerfile:   "\nFROM scratch\nCOPY . .\n",
	},
	{
		name:         "buildkit: the context root with everything ignored",
		dockerignore: "\n*\n",
		dockerfile:   "\nFROM scratch\nCOPY . .\n",
		want:         []string{`3: Attempting to Copy file "." that is excluded by .dockerignore`},
	},

	// No ignore file, or one without patterns (nil matcher).
	{
		name:       "no ignore file",
		dockerfile: "FROM scratch\nCOPY Dockerfile .\n",
	},
	{
		name:         "ignore file of comments only",
		dockerignore: "# nothing\n\n",
		dockerfile:   "FROM scratch\nCOPY Dockerfile .\n",
	},
	// Exclusions anywhere turn the check off, even for other paths.
	{
		name:         "an exclusion for another path",
		dockerignore: "secrets.env\n!keep.txt\n",
		dockerfile:   "FROM scratch\nCOPY secrets.env /app/\n",
	},
	// The context root: only "*", "**" and "**/*" exclude all of it.
	{
		name:         "root: ./ with **",
		dockerignore: "**\n",
		dockerfile:   "FROM scratch\nCOPY ./ /app/\n",
		want:         []string{`2: Attempting to Copy file "." that is excluded by .dockerignore`},
	},
	{
		name:         "root: / with **/*",
		dockerignore: "**/*\n",
		dockerfile:   "FROM scratch\nADD / /app/\n",
		want:         []string{`2: Attempting to Add file "/" that is excluded by .dockerignore`},
	},
	{
		name:         "root: . with other patterns",
		dockerignore: "node_modules\n.git\n*.log\n",
		dockerfile:   "FROM scratch\nCOPY . /app/\nADD / /x/\n",
	},
	{
		name:         "root: * as a source is not the root",
		dockerignore: "*.log\n",
		dockerfile:   "FROM scratch\nCOPY * /app/\n",
	},
	{
		name:         "root: * as a source with * ignored",
		dockerignore: "*\n",
		dockerfile:   "FROM scratch\nCOPY * /app/\n",
		want:         []string{`2: Attempting to Copy file "*" that is excluded by .dockerignore`},
	},
	// Sources are cleaned before matching and named cleaned; a parent
	// directory that is ignored ignores what is in it.
	{
		name:         "cleaned source in an ignored directory",
		dockerignore: "tmp\n",
		dockerfile:   "FROM scratch\nCOPY ./tmp/helloworld.txt /helloworld.txt\nCOPY ./forever/helloworld.txt /\n",
		want:         []string{`2: Attempting to Copy file "tmp/helloworld.txt" that is excluded by .dockerignore`},
	},
	{
		// ignorefile drops the pattern's leading slash; BuildKit matches
		// a source's leading slash as written, so "/secrets.env" (the
		// same file in the context) is not reported.
		name:         "leading slash in the pattern and the source",
		dockerignore: "/secrets.env\n",
		dockerfile:   "FROM scratch\nCOPY /secrets.env ./secrets.env app/../secrets.env /app/\n",
		want: []string{
			`2: Attempting to Copy file "secrets.env" that is excluded by .dockerignore`,
			`2: Attempting to Copy file "secrets.env" that is excluded by .dockerignore`,
		},
	},
	{
		name:         "glob pattern, one of several sources",
		dockerignore: "**/*.env\n",
		dockerfile:   "FROM scratch\ncopy app.py config/prod.env /app/\n",
		want:         []string{`2: Attempting to Copy file "config/prod.env" that is excluded by .dockerignore`},
	},
	// Only local sources: not URLs, Git sources or heredocs, and not
	// COPY --from a stage or an image; ADD --from does not exist.
	{
		name:         "URL, Git and heredoc sources",
		dockerignore: "**\n",
		dockerfile:   "FROM scratch\nADD https://example.com/secrets.env /x\nADD https://github.com/moby/buildkit.git#v0.10.1 /src\nCOPY <<EOF /etc/conf\nx\nEOF\nADD local.tar /y\n",
		want:         []string{`7: Attempting to Add file "local.tar" that is excluded by .dockerignore`},
	},
	{
		name:         "COPY --from an image and a stage index",
		dockerignore: "**\n",
		dockerfile:   "FROM scratch AS a\nFROM scratch\nCOPY --from=busybox:1.36 /bin/busybox /bin/\nCOPY --from=0 /a /b\nCOPY c /c\n",
		want:         []string{`5: Attempting to Copy file "c" that is excluded by .dockerignore`},
	},
	// Sources are expanded first; --parents sources are matched as
	// written, before the pivot is cut.
	{
		name:         "expanded source",
		dockerignore: "secrets.env\n",
		dockerfile:   "FROM scratch\nARG SRC=secrets.env\nCOPY $SRC /app/\n",
		want:         []string{`3: Attempting to Copy file "secrets.env" that is excluded by .dockerignore`},
	},
	{
		name:         "--parents",
		dockerignore: "app/secrets.env\n",
		dockerfile:   "FROM scratch\nCOPY --parents ./app/./secrets.env /dst/\n",
		want:         []string{`2: Attempting to Copy file "app/secrets.env" that is excluded by .dockerignore`},
	},
	// The warning names the instruction's lines, and a per-instruction
	// check comment silences it.
	{
		name:         "continued instruction",
		dockerignore: "secrets.env\n",
		dockerfile:   "FROM scratch\nCOPY \\\n  secrets.env \\\n  /app/\n# check=skip=CopyIgnoredFile\nCOPY secrets.env /b/\n",
		want:         []string{`2-4: Attempting to Copy file "secrets.env" that is excluded by .dockerignore`},
	},
	// A conversion error stops the checks after it, as in BuildKit.
	{
		name:         "a later error",
		dockerignore: "secrets.env\n",
		dockerfile:   "FROM scratch\nCOPY secrets.env https://example.com/x /app/\nCOPY secrets.env /b/\n",
		want:         []string{`2: Attempting to Copy file "secrets.env" that is excluded by .dockerignore`},
	},
	// ONBUILD triggers of a stage run where the stage is a base, and
	// are reported at the FROM that runs them (as UndefinedVar in a
	// trigger, which the parity tests hold to BuildKit's position).
	{
		name:         "ONBUILD trigger",
		dockerignore: "secrets.env\n",
		dockerfile:   "FROM alpine AS base\nONBUILD COPY secrets.env /app/\nFROM base\n",
		want:         []string{`3: Attempting to Copy file "secrets.env" that is excluded by .dockerignore`},
	},
}
