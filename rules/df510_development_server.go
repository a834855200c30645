package rules

import (
	"fmt"
	"path"
	"strings"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
)

var _ = register(&Rule{
	ID:       "DF510",
	Name:     "development-server",
	Severity: Warning,
	Summary:  "The container's command is a development server",
	Check:    checkDevelopmentServer,
})

func checkDevelopmentServer(p *Pass) {
	final := p.File.FinalStage()
	if final == nil || FinalImagePurpose(p.File) == DevelopmentTarget {
		return // a development server is what a `dev` target is for
	}
	ep, cmd := shellcmd.CommandInstructions(final)
	for _, in := range []*parser.Instruction{ep, cmd} {
		if in == nil {
			continue
		}
		for _, c := range shellcmd.SimpleCommandsOf(in) {
			if what, instead, ok := developmentServer(in, c); ok {
				p.ReportInstruction(in, fmt.Sprintf("%s is a development server: %s", what, instead), nil)
				break
			}
		}
	}
}

// developmentServer recognises a development server command and says what
// to run instead.
func developmentServer(in *parser.Instruction, c shellcmd.Simple) (what, instead string, ok bool) {
	name, sub := c.Name(), c.Sub()
	const static = "build the site in an earlier stage and serve the output with nginx (`nginxinc/nginx-unprivileged`)"
	const nodeProd = "build in an earlier stage and run the production server (`next start`, or `node server.js` after `npm ci --omit=dev`)"
	switch {
	case name == "flask" && sub == "run":
		return "`flask run`", "serve the app with gunicorn (`gunicorn --bind 0.0.0.0:8000 app:app`)", true
	case name == "django-admin" && sub == "runserver",
		(shellcmd.IsPythonName(name) || name == "manage.py") && hasWord(c, "runserver") && hasManagePy(c):
		return "`manage.py runserver`", "serve the project with gunicorn (`gunicorn project.wsgi`), or uvicorn/daphne for ASGI", true
	case (name == "uvicorn" || name == "gunicorn" || name == "hypercorn") && c.Has("--reload"):
		return fmt.Sprintf("`%s --reload`", name), fmt.Sprintf("drop `--reload` and run `%s` with workers (`--workers N`)", name), true
	case name == "fastapi" && sub == "dev":
		return "`fastapi dev`", "use `fastapi run` (or uvicorn without `--reload`)", true
	case name == "http.server" || name == "SimpleHTTPServer":
		return "`python -m " + name + "`", static, true
	case name == "nodemon" || name == "ts-node-dev" || name == "tsnd" || name == "supervisor" && hasWord(c, "--watch"):
		return "`" + name + "`", "run `node` on the built code (after `npm ci --omit=dev`)", true
	case name == "node" && c.Has("--watch"), name == "tsx" && sub == "watch":
		return "`" + name + " --watch`", "run `node` on the built code (after `npm ci --omit=dev`)", true
	case name == "ng" && (sub == "serve" || sub == "s"):
		return "`ng serve`", "build with `ng build` in an earlier stage and serve the output with nginx (`nginxinc/nginx-unprivileged`)", true
	case name == "next" && sub == "dev":
		return "`next dev`", "run `next build` in an earlier stage and `next start` (or the standalone `node server.js`)", true
	case name == "nuxt" && sub == "dev", name == "nuxi" && sub == "dev":
		return "`nuxt dev`", "run `nuxt build` in an earlier stage and `node .output/server/index.mjs`", true
	case (name == "astro" || name == "remix" || name == "svelte-kit") && sub == "dev":
		return fmt.Sprintf("`%s dev`", name), nodeProd, true
	case name == "vite" && (sub == "" || sub == "dev" || sub == "serve"):
		return "`vite`", "run `vite build` in an earlier stage and serve `dist` with nginx (`nginxinc/nginx-unprivileged`)", true
	case name == "webpack-dev-server", name == "webpack" && sub == "serve", name == "webpack-cli" && sub == "serve":
		return "`webpack serve`", static, true
	case name == "react-scripts" && sub == "start":
		return "`react-scripts start`", "run `react-scripts build` in an earlier stage and serve `build` with nginx (`nginxinc/nginx-unprivileged`)", true
	case name == "vue-cli-service" && sub == "serve":
		return "`vue-cli-service serve`", static, true
	case name == "gatsby" && sub == "develop":
		return "`gatsby develop`", static, true
	case name == "hugo" && (sub == "server" || sub == "serve"):
		return "`hugo server`", static, true
	case name == "jekyll" && (sub == "serve" || sub == "s" || sub == "server"):
		return "`jekyll serve`", static, true
	case name == "php" && sub == "artisan" && hasWord(c, "serve"):
		return "`php artisan serve`", "run php-fpm behind nginx (or Laravel Octane)", true
	case name == "php" && hasPrefixWord(c, "-S"):
		return "PHP's built-in server (`php -S`)", "run php-fpm behind nginx, or the `php:*-apache` image", true
	case name == "dotnet" && sub == "watch":
		return "`dotnet watch`", "`dotnet publish` in an earlier stage and run the published dll on `mcr.microsoft.com/dotnet/aspnet`", true
	case name == "rails" && (sub == "server" || sub == "s") && railsDevelopment(in, c):
		return "`rails server` in development", "run puma with `RAILS_ENV=production` (`bundle exec puma -C config/puma.rb`)", true
	}
	if script, ok := c.RunScript(); ok {
		switch script {
		case "dev", "develop", "start:dev", "dev:server", "serve:dev", "watch", "start:watch":
			return fmt.Sprintf("`%s %s`", name, strings.Join(c.Argv[1:], " ")), nodeProd, true
		}
	}
	return "", "", false
}

func hasWord(c shellcmd.Simple, w string) bool {
	for _, a := range c.Argv[1:] {
		if a == w {
			return true
		}
	}
	return false
}

func hasPrefixWord(c shellcmd.Simple, p string) bool {
	for _, a := range c.Argv[1:] {
		if strings.HasPrefix(a, p) {
			return true
		}
	}
	return false
}

func hasManagePy(c shellcmd.Simple) bool {
	if c.Name() == "manage.py" {
		return true
	}
	for _, a := range c.Argv[1:] {
		if path.Base(a) == "manage.py" {
			return true
		}
	}
	return false
}

// railsDevelopment tells whether a rails server runs in the development
// environment: -e development, --environment=development, or RAILS_ENV set
// to development in the command or the stage.
func railsDevelopment(in *parser.Instruction, c shellcmd.Simple) bool {
	isDev := func(v string) bool { return v == "development" || v == "dev" }
	for i, a := range c.Argv {
		if (a == "-e" || a == "--environment") && i+1 < len(c.Argv) && isDev(c.Argv[i+1]) {
			return true
		}
		if v, ok := strings.CutPrefix(a, "--environment="); ok && isDev(v) {
			return true
		}
	}
	if v, ok := c.Env["RAILS_ENV"]; ok {
		return isDev(v)
	}
	v, ok := shellcmd.EnvBefore(in).Get("RAILS_ENV")
	return ok && isDev(v)
}
