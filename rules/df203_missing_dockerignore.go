package rules

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
)

var _ = register(&Rule{
	ID:       "DF203",
	Name:     "missing-dockerignore",
	Severity: Info,
	Summary:  "`COPY . …` of the whole build context with no `.dockerignore`",
	Check:    checkMissingDockerignore,
})

func checkMissingDockerignore(p *Pass) {
	f := p.File
	if fromStdin(f, p.Options) {
		return
	}
	var first *parser.Instruction
	for _, in := range f.Instructions {
		if wholeContextCopy(in) {
			first = in
			break
		}
	}
	if first == nil || hasDockerignore(f.Path) {
		return
	}
	msg := "the whole build context is copied and there is no .dockerignore beside the Dockerfile: add one with at least `.git`"
	if extra := dockerignoreLines(f); extra != "" {
		msg += ", " + extra
	}
	p.Report(first.Start, first.End, msg, nil)
}

// wholeContextCopy tells whether a COPY or ADD (not --from) copies the
// whole build context.
func wholeContextCopy(in *parser.Instruction) bool {
	for _, s := range in.ContextSources() {
		switch strings.TrimSpace(s) {
		case ".", "./", "*", "./*":
			return true
		}
	}
	return false
}

// hasDockerignore looks for the ignore file BuildKit would read for the
// Dockerfile at path: beside it (dockerignoreBeside), or in a parent of its
// directory up to the repository root, as the context may be a parent.
func hasDockerignore(path string) bool {
	if dockerignoreBeside(path) != "" {
		return true
	}
	dir, err := filepath.Abs(filepath.Dir(path))
	if err != nil {
		return true // cannot tell: stay quiet
	}
	for !exists(filepath.Join(dir, ".git")) {
		parent := filepath.Dir(dir)
		if parent == dir {
			return false
		}
		dir = parent
		if exists(filepath.Join(dir, ".dockerignore")) {
			return true
		}
	}
	return false
}

// fromStdin tells whether the file is standard input, which has no
// directory on disk to look beside.
func fromStdin(f *parser.File, o *Options) bool {
	return f.Path == "" || o.StdinPath != "" && f.Path == o.StdinPath
}

// dockerignoreBeside returns the ignore file `docker build` reads for the
// Dockerfile at path when the build context is the Dockerfile's directory:
// <Dockerfile>.dockerignore beside it, which BuildKit reads first, else
// .dockerignore in that directory; "" when there is neither.
func dockerignoreBeside(path string) string {
	if p := path + ".dockerignore"; exists(p) {
		return p
	}
	if p := filepath.Join(filepath.Dir(path), ".dockerignore"); exists(p) {
		return p
	}
	return ""
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// dockerignoreLines suggests the lines for the language the Dockerfile
// builds, judged by its base images and package-manager commands.
func dockerignoreLines(f *parser.File) string {
	lang := ""
	for _, s := range f.Stages {
		if info, ok := baseInfo(s); ok && info.Language != "" {
			lang = info.Language
		}
	}
	if lang == "" {
		for in := range shellcmd.RunInstructions(f) {
			for _, c := range shellcmd.CommandsIn(in) {
				switch c.Name() {
				case "npm", "yarn", "pnpm":
					lang = "node"
				case "pip", "pip3", "poetry", "uv":
					lang = "python"
				case "go":
					lang = "go"
				case "mvn", "gradle":
					lang = "java"
				case "bundle", "gem":
					lang = "ruby"
				case "dotnet":
					lang = "dotnet"
				case "cargo":
					lang = "rust"
				case "composer":
					lang = "php"
				}
			}
		}
	}
	lines := map[string]string{
		"node":   "`node_modules`, `npm-debug.log`",
		"python": "`__pycache__`, `*.pyc`, `.venv`",
		"go":     "`bin`",
		"java":   "`target`, `build`, `.gradle`",
		"ruby":   "`.bundle`, `vendor/bundle`, `log`, `tmp`",
		"dotnet": "`bin`, `obj`",
		"rust":   "`target`",
		"php":    "`vendor`",
	}
	if l, ok := lines[lang]; ok {
		return fmt.Sprintf("%s and `**/.env`", l)
	}
	return "`**/.env` and your build output"
}
