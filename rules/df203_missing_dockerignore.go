package rules

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

var _ = register(&Rule{
	ID:       "DF203",
	Name:     "missing-dockerignore",
	Severity: Info,
	Summary:  "`COPY . …` of the whole build context with no `.dockerignore`",
	Description: `` + "`COPY . .`" + ` copies everything in the build context into the image: ` + "`.git`" + `,
local ` + "`node_modules`" + ` or virtual environments, build output, editor files, and sometimes
` + "`.env`" + ` files with secrets. It also makes every change to any of them invalidate the layer
cache. A ` + "`.dockerignore`" + ` next to the Dockerfile keeps them out. A good start, then the lines
for the language:

` + "```" + `
.git
.dockerignore
Dockerfile*
**/.env
` + "```" + `

- Node: ` + "`node_modules`" + `, ` + "`npm-debug.log`" + `, ` + "`dist`" + `, ` + "`coverage`" + `
- Python: ` + "`__pycache__`" + `, ` + "`*.pyc`" + `, ` + "`.venv`" + `, ` + "`.pytest_cache`" + `
- Go: ` + "`bin`" + `, ` + "`vendor`" + ` (unless the build uses it)
- Java: ` + "`target`" + `, ` + "`build`" + `, ` + "`.gradle`" + `
- Ruby: ` + "`.bundle`" + `, ` + "`vendor/bundle`" + `, ` + "`log`" + `, ` + "`tmp`" + `
- .NET: ` + "`bin`" + `, ` + "`obj`" + `

Reported once per file, at the first ` + "`COPY`" + ` or ` + "`ADD`" + ` whose source is the whole context
(` + "`.`" + `, ` + "`./`" + `, ` + "`*`" + `), when none of these exists: ` + "`<Dockerfile>.dockerignore`" + ` beside the
Dockerfile (BuildKit reads it first), ` + "`.dockerignore`" + ` in the Dockerfile's directory or in a
parent directory up to the repository root (the context is often a parent:
` + "`docker build -f docker/Dockerfile .`" + `). The message names the lines for the language the
Dockerfile uses. Standard input has no directory, so it is not checked. dflint has no fix for
this: its fixes edit the Dockerfile only.`,
	Bad:   "FROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\n",
	Good:  "FROM node:22-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY src ./src\n",
	Check: checkMissingDockerignore,
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
	var srcs []string
	switch c := in.Command.(type) {
	case *instructions.CopyCommand:
		if c.From != "" {
			return false
		}
		srcs = c.SourcePaths
	case *instructions.AddCommand:
		srcs = c.SourcePaths
	default:
		return false
	}
	for _, s := range srcs {
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
