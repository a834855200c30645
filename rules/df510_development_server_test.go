package rules

import (
	"strings"
	"testing"
)

func TestDF510DevelopmentServer(t *testing.T) {
	const py = "FROM python:3.12-slim\n"
	const node = "FROM node:20-slim\n"
	runCases(t, "DF510", []ruleCase{
		{name: "flask run exec", src: py + "CMD [\"flask\", \"run\", \"--host=0.0.0.0\"]\n", want: 1},
		{name: "flask run shell", src: py + "CMD flask run --host=0.0.0.0\n", want: 1},
		{name: "python -m flask", src: py + "CMD [\"python\", \"-m\", \"flask\", \"run\"]\n", want: 1},
		{name: "runserver", src: py + "CMD [\"python\", \"manage.py\", \"runserver\", \"0.0.0.0:8000\"]\n", want: 1},
		{name: "runserver in sh -c", src: py + "CMD [\"sh\", \"-c\", \"python manage.py migrate && python manage.py runserver 0.0.0.0:8000\"]\n", want: 1},
		{name: "runserver shell sh -c", src: py + "CMD sh -c 'python3 manage.py runserver 0.0.0.0:8000'\n", want: 1},
		{name: "uvicorn reload", src: py + "CMD [\"uvicorn\", \"main:app\", \"--host\", \"0.0.0.0\", \"--reload\"]\n", want: 1},
		{name: "poetry run uvicorn reload", src: py + "CMD poetry run uvicorn main:app --reload\n", want: 1},
		{name: "http.server", src: py + "CMD python3 -m http.server 8000\n", want: 1},
		{name: "npm run dev", src: node + "CMD [\"npm\", \"run\", \"dev\"]\n", want: 1},
		{name: "yarn dev", src: node + "CMD yarn dev\n", want: 1},
		{name: "pnpm dev", src: node + "CMD [\"pnpm\", \"dev\"]\n", want: 1},
		{name: "nodemon", src: node + "CMD [\"nodemon\", \"server.js\"]\n", want: 1},
		{name: "npx nodemon", src: node + "CMD npx nodemon index.js\n", want: 1},
		{name: "ng serve", src: node + "CMD [\"ng\", \"serve\", \"--host\", \"0.0.0.0\"]\n", want: 1},
		{name: "next dev", src: node + "CMD [\"npx\", \"next\", \"dev\"]\n", want: 1},
		{name: "vite", src: node + "CMD [\"npx\", \"vite\", \"--host\"]\n", want: 1},
		{name: "webpack-dev-server", src: node + "CMD webpack-dev-server --mode development\n", want: 1},
		{name: "webpack serve", src: node + "CMD [\"webpack\", \"serve\"]\n", want: 1},
		{name: "react-scripts start", src: node + "CMD [\"react-scripts\", \"start\"]\n", want: 1},
		{name: "artisan serve", src: "FROM php:8.3\nCMD php artisan serve --host=0.0.0.0\n", want: 1},
		{name: "php -S", src: "FROM php:8.3\nCMD [\"php\", \"-S\", \"0.0.0.0:8000\", \"-t\", \"public\"]\n", want: 1},
		{name: "hugo server", src: "FROM example.com/hugo:1\nCMD hugo server --bind 0.0.0.0\n", want: 1},
		{name: "jekyll serve", src: "FROM ruby:3.3\nCMD bundle exec jekyll serve --host 0.0.0.0\n", want: 1},
		{name: "rails dev flag", src: "FROM ruby:3.3\nCMD [\"bundle\", \"exec\", \"rails\", \"s\", \"-e\", \"development\"]\n", want: 1},
		{name: "rails dev env", src: "FROM ruby:3.3\nENV RAILS_ENV=development\nCMD [\"rails\", \"server\", \"-b\", \"0.0.0.0\"]\n", want: 1},
		{name: "rails inline env", src: "FROM ruby:3.3\nCMD RAILS_ENV=development bin/rails s\n", want: 1},
		{name: "entrypoint", src: node + "ENTRYPOINT [\"npm\", \"run\", \"dev\"]\n", want: 1},
		// Corpus: docker/awesome-compose angular, django: the last stage is
		// a Docker Dev Environments target.
		{name: "dev-envs target", src: "FROM node:20 AS builder\nCMD [\"ng\", \"serve\", \"--host\", \"0.0.0.0\"]\nFROM builder AS dev-envs\nRUN apt-get install -y git\n", want: 0},
		{name: "dev target", src: py + "FROM python:3.12-slim AS dev\nCMD [\"flask\", \"run\"]\n", want: 0},
		{name: "dev server in a stage built on, named otherwise", src: "FROM node:20 AS builder\nCMD [\"ng\", \"serve\"]\nFROM builder AS web\nRUN true\n", want: 1},
		{name: "entrypoint and cmd", src: py + "ENTRYPOINT [\"python\", \"manage.py\"]\nCMD [\"runserver\"]\n", want: 0},
		{name: "through stage", src: "FROM node:20-slim AS dev\nCMD [\"npm\", \"run\", \"dev\"]\nFROM dev\n", want: 1},
		{name: "gunicorn", src: py + "CMD [\"gunicorn\", \"-b\", \"0.0.0.0:8000\", \"app:app\"]\n", want: 0},
		{name: "uvicorn", src: py + "CMD [\"uvicorn\", \"main:app\", \"--host\", \"0.0.0.0\", \"--workers\", \"4\"]\n", want: 0},
		{name: "npm start", src: node + "CMD [\"npm\", \"start\"]\n", want: 0},
		{name: "next start", src: node + "CMD [\"npx\", \"next\", \"start\"]\n", want: 0},
		{name: "vite build is not a server", src: node + "RUN npx vite build\nCMD [\"node\", \"server.js\"]\n", want: 0},
		{name: "rails production", src: "FROM ruby:3.3\nENV RAILS_ENV=production\nCMD [\"rails\", \"server\"]\n", want: 0},
		{name: "rails unknown env", src: "FROM ruby:3.3\nCMD [\"rails\", \"server\"]\n", want: 0},
		{name: "dev server in build stage", src: node + "CMD [\"npm\", \"run\", \"dev\"]\nFROM nginx:1.27\n", want: 0},
		{name: "CMD reset by later ENTRYPOINT", src: "FROM node:20-slim AS dev\nCMD [\"npm\", \"run\", \"dev\"]\nFROM dev\nENTRYPOINT [\"node\", \"server.js\"]\n", want: 0},
		{name: "CMD ignored by shell ENTRYPOINT", src: node + "ENTRYPOINT node server.js\nCMD [\"npm\", \"run\", \"dev\"]\n", want: 0},
		{name: "RUN is not the command", src: py + "RUN flask run --help || true\nCMD [\"gunicorn\", \"app:app\"]\n", want: 0},
	})
}

func TestDF510Messages(t *testing.T) {
	tests := map[string]string{
		"FROM python:3.12-slim\nCMD flask run\n":                         "gunicorn",
		"FROM node:20\nCMD [\"npm\", \"run\", \"dev\"]\n":                "next start",
		"FROM ruby:3.3\nCMD rails s -e development\n":                    "puma",
		"FROM php:8.3-cli\nCMD php artisan serve\n":                      "php-fpm",
		"FROM python:3.12\nCMD [\"uvicorn\", \"app:app\", \"--reload\"]": "drop `--reload`",
		"FROM node:20\nCMD ng serve\n":                                   "nginx",
	}
	for src, want := range tests {
		fs := lintWith(t, src, "DF510")
		if len(fs) != 1 || !strings.Contains(fs[0].Message, want) {
			t.Errorf("%q: want one finding mentioning %q, got %+v", src, want, fs)
		}
	}
}
