package rewrite

// DF201's split for a Node stage that only builds static assets and serves
// them (`serve -s build`, `http-server dist`): the directory the server
// serves goes into nginx (nginxinc/nginx-unprivileged, or Chainguard's
// nginx), which listens on 8080 as a non-root user.

import (
	"fmt"
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
)

// nodeTools are the programs of a front-end build.
var nodeTools = shellcmd.Set("npm", "npx", "yarn", "pnpm", "bun", "bunx", "node", "corepack", "ng", "vite", "react-scripts",
	"vue-cli-service", "gatsby", "webpack", "parcel", "tsc", "next", "nuxt", "astro", "svelte-kit", "ember", "rollup", "esbuild")

// nodeBuildPackages are what front-end builds install (node-gyp's
// compilers, git for dependencies).
var nodeBuildPackages = shellcmd.Set("git", "python3", "python", "make", "g++", "gcc", "build-essential", "build-base", "curl",
	"ca-certificates", "bash", "openssh-client", "libc6-compat", "autoconf", "automake", "libtool", "nasm", "pkgconfig", "pkg-config", "tzdata")

// serverValueFlags are the options of the static servers that take a
// value in the next word.
var serverValueFlags = map[string]map[string]bool{
	"serve":       shellcmd.Set("-l", "--listen", "-p", "--port", "-c", "--config"),
	"http-server": shellcmd.Set("-p", "--port", "-a", "-d", "-i", "-g", "-b", "-e", "--ext", "-s", "-c", "-t", "-P", "--proxy", "-C", "--cert", "-K", "--key", "--username", "--password", "-U", "--utc"),
}

// spaConfig is the nginx server of a single-page app: unknown paths get
// index.html, as `serve -s` does.
var spaConfig = []string{
	"server {",
	"    listen 8080;",
	"    root /usr/share/nginx/html;",
	"    location / {",
	"        try_files $uri $uri/ /index.html;",
	"    }",
	"}",
}

func PlanNodeStatic(s *splitStage) (*splitPlan, noSplit) {
	var arts []artifact
	lang := func(r *stageRun) bool { return nodeTools[r.cmd.Name()] }
	if why := s.checkRuns(lang, func(p string) bool { return nodeBuildPackages[p] }, &arts); why != "" {
		return nil, why
	}
	var server shellcmd.Simple
	for _, in := range []*parser.Instruction{s.command.ep, s.command.cmd} {
		if in == nil {
			continue
		}
		for _, c := range shellcmd.SimpleCommandsOf(in) {
			if serverValueFlags[c.Name()] != nil {
				server = c
			}
		}
	}
	if server.Name() == "" {
		return nil, "the command is not `serve` or `http-server`, so the directory it serves is not known"
	}
	dir, spa := "", false
	values := serverValueFlags[server.Name()]
	for i := 1; i < len(server.Argv); i++ {
		a := server.Argv[i]
		switch {
		case a == "-s" || a == "--single":
			if server.Name() == "serve" {
				spa = true
			} else if values[a] {
				i++
			}
		case strings.HasPrefix(a, "-"):
			if values[a] {
				i++
			}
		case dir == "":
			dir = a
		}
	}
	if dir == "" || dir == shellcmd.NonLiteral || strings.HasPrefix(dir, "tcp:") {
		return nil, fmt.Sprintf("`%s` serves its default directory: name the build output directory in the command", server.Name())
	}
	if s.finalCwd == "" {
		return nil, "the working directory is not known"
	}
	out := abs(s.finalCwd, dir)
	if !s.inBuildDir(out) {
		return nil, fmt.Sprintf("the served directory `%s` is not in the build directory", out)
	}
	pl := &splitPlan{
		runtime:   "nginxinc/nginx-unprivileged:stable-alpine",
		nonroot:   true,
		shell:     true,
		noCommand: true,
		noWorkdir: true,
		expose:    []string{"8080"},
		dropEnv:   func(string) bool { return true },
	}
	if s.family == "chainguard" {
		if spa {
			return nil, "the app is served as a single-page app (`serve -s`), and dflint writes that nginx configuration only for nginx-unprivileged"
		}
		pl.runtime = s.chainguard + "/nginx:latest"
	}
	pl.copies = [][2]string{{out, "/usr/share/nginx/html"}}
	if spa {
		nl := s.f.NewlineStyle()
		kw := shellcmd.KeywordInCase(s.stage.From.Keyword, "COPY")
		pl.extra = []string{kw + " <<'EOF' /etc/nginx/conf.d/default.conf" + nl + strings.Join(spaConfig, nl) + nl + "EOF"}
	}
	pl.title = fmt.Sprintf("Build the assets in stage `%s` and serve them with `%s` on port 8080", s.name, pl.runtime)
	return pl, ""
}
