package rules

import "testing"

func TestDF431NpmInstallNotCI(t *testing.T) {
	runCases(t, "DF431", []ruleCase{
		{name: "lock copied", src: "FROM node:22\nCOPY package.json package-lock.json ./\nRUN npm install\n", want: 1, onbuild: true},
		{name: "pattern", src: "FROM node:22\nCOPY package*.json ./\nRUN npm i\n", want: 1},
		{name: "shrinkwrap", src: "FROM node:22\nCOPY npm-shrinkwrap.json package.json /app/\nRUN npm install\n", want: 1},
		{name: "no lock", src: "FROM node:22\nCOPY package.json ./\nRUN npm install\n", want: 0, onbuild: true},
		{name: "whole context", src: "FROM node:22\nCOPY . .\nRUN npm install\n", want: 0},
		{name: "ci", src: "FROM node:22\nCOPY package*.json ./\nRUN npm ci\n", want: 0},
		{name: "named package", src: "FROM node:22\nCOPY package*.json ./\nRUN npm install express\n", want: 0},
		{name: "global", src: "FROM node:22\nCOPY package*.json ./\nRUN npm install -g\n", want: 0},
		{name: "bind mount", src: "FROM node:22\nRUN --mount=type=bind,source=package-lock.json,target=package-lock.json npm install\n", want: 1},
		{name: "copy from other stage", src: "FROM node:22 AS a\nFROM node:22\nCOPY --from=a /app/package-lock.json ./\nRUN npm install\n", want: 0},
		{name: "parent stage", src: "FROM node:22 AS base\nCOPY package*.json ./\nFROM base\nRUN npm install\n", want: 1},
		{name: "and chain", src: "FROM node:22\nCOPY package*.json ./\nRUN npm install && npm run build\n", want: 1},
		{name: "sh -c", src: "FROM node:22\nCOPY package*.json ./\nRUN sh -c 'npm install'\n", want: 1},
		{name: "heredoc", src: "FROM node:22\nCOPY package*.json ./\nRUN <<EOF\nnpm install\nEOF\n", want: 1, noVariants: true},
		{name: "sudo", src: "FROM node:22\nCOPY package*.json ./\nRUN sudo npm install\n", want: 1},
	})
}

func TestDF431Fix(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"final", "FROM node:22\nCOPY package*.json ./\nRUN npm install\n", "FROM node:22\nCOPY package*.json ./\nRUN npm ci --omit=dev\n"},
		{"final with build", "FROM node:22\nCOPY package*.json ./\nRUN npm install && npm run build\n", "FROM node:22\nCOPY package*.json ./\nRUN npm ci && npm run build\n"},
		{"final later build", "FROM node:22\nCOPY package*.json ./\nRUN npm i\nCOPY . .\nRUN npx tsc\n", "FROM node:22\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npx tsc\n"},
		{"production", "FROM node:22\nCOPY package*.json ./\nRUN npm install --production\n", "FROM node:22\nCOPY package*.json ./\nRUN npm ci --production\n"},
		{"node env", "FROM node:22\nENV NODE_ENV=production\nCOPY package*.json ./\nRUN npm install\n", "FROM node:22\nENV NODE_ENV=production\nCOPY package*.json ./\nRUN npm ci\n"},
		{"build stage", "FROM node:22 AS build\nCOPY package*.json ./\nRUN npm install\nFROM nginx\nCOPY --from=build /dist /usr/share/nginx/html\n", "FROM node:22 AS build\nCOPY package*.json ./\nRUN npm ci\nFROM nginx\nCOPY --from=build /dist /usr/share/nginx/html\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := df5ApplyFixes(t, tt.src, "DF431"); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}
