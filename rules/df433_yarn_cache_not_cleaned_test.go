package rules

import "testing"

func TestDF433YarnCacheNotCleaned(t *testing.T) {
	runCases(t, "DF433", []ruleCase{
		{name: "install", src: "FROM node:22\nRUN yarn install --frozen-lockfile\n", want: 1, onbuild: true},
		{name: "bare", src: "FROM node:22\nRUN yarn\n", want: 1},
		{name: "cleaned", src: "FROM node:22\nRUN yarn install && yarn cache clean\n", want: 0, onbuild: true},
		{name: "cleaned semicolon", src: "FROM node:22\nRUN yarn install; yarn cache clean --force\n", want: 0},
		{name: "rm", src: "FROM node:22\nRUN yarn install && rm -rf /usr/local/share/.cache/yarn\n", want: 0},
		{name: "cache mount", src: "FROM node:22\nRUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install\n", want: 0},
		{name: "berry immutable", src: "FROM node:22\nRUN yarn install --immutable\n", want: 0},
		{name: "berry rc", src: "FROM node:22\nCOPY .yarnrc.yml package.json yarn.lock ./\nRUN yarn install\n", want: 0},
		{name: "corepack", src: "FROM node:22\nRUN corepack enable\nRUN yarn install\n", want: 0},
		{name: "builder stage", src: "FROM node:22 AS build\nRUN yarn install\nFROM nginx\nCOPY --from=build /dist /x\n", want: 0},
		{name: "run build", src: "FROM node:22\nRUN yarn run build\n", want: 0},
		{name: "add", src: "FROM node:22\nRUN yarn global add pm2\n", want: 0},
		{name: "version", src: "FROM node:22\nRUN yarn --version\n", want: 0},
		{name: "sh -c", src: "FROM node:22\nRUN sh -c 'yarn install'\n", want: 1},
		{name: "heredoc", src: "FROM node:22\nRUN <<EOF\nyarn install\nEOF\n", want: 1, noVariants: true},
		{name: "sudo", src: "FROM node:22\nRUN sudo yarn install\n", want: 1},
		// hadolint's DL3060 cases, in dflint's own Dockerfiles.
		{name: "DL3060 other command", src: "FROM node:22\nRUN make\n", want: 0, onbuild: true},
		{name: "DL3060 install", src: "FROM node:22\nRUN yarn install app\n", want: 1, onbuild: true},
		{name: "DL3060 install and clean", src: "FROM node:22\nRUN yarn install app && yarn cache clean\n", want: 0, onbuild: true},
		{name: "DL3060 clean before install", src: "FROM node:22\nRUN yarn cache clean && yarn install app\n", want: 1, onbuild: true},
		{name: "clean before and after install", src: "FROM node:22\nRUN yarn cache clean && yarn install && yarn cache clean\n", want: 0},
		{name: "clean between installs", src: "FROM node:22\nRUN yarn install && yarn cache clean && cd web && yarn install\n", want: 1},
		{name: "rm before install", src: "FROM node:22\nRUN rm -rf /usr/local/share/.cache/yarn && yarn install\n", want: 1},
		{name: "DL3060 cache mount home", src: "FROM node:22\nRUN --mount=type=cache,target=/root/.cache/yarn yarn install app\n", want: 0, onbuild: true},
		{name: "DL3060 tmpfs mount home", src: "FROM node:22\nRUN --mount=type=tmpfs,target=/root/.cache/yarn yarn install app\n", want: 0, onbuild: true},
		{name: "DL3060 cache mount elsewhere", src: "FROM node:22\nRUN --mount=type=cache,target=/var/lib/data yarn install app\n", want: 1, onbuild: true},
		{name: "DL3060 tmpfs mount elsewhere", src: "FROM node:22\nRUN --mount=type=tmpfs,target=/var/lib/data yarn install app\n", want: 1},
		{name: "DL3060 last stage", src: "FROM node:22 AS deps\nRUN make\nFROM node:22\nRUN yarn install\n", want: 1},
		{name: "DL3060 stage built on", src: "FROM node:22 AS deps\nRUN yarn install\nFROM deps\nRUN make\n", want: 1},
		{name: "DL3060 stage built on, cleaned", src: "FROM node:22 AS deps\nRUN yarn install && yarn cache clean\nFROM deps\nRUN make\n", want: 0},
		{name: "DL3060 stage not reused", src: "FROM node:22 AS deps\nRUN yarn install app\nFROM scratch\nCOPY --from=deps /x /x\n", want: 0},
	})
}

func TestDF433Fix(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"plain", "FROM node:22\nRUN yarn install --frozen-lockfile\n", "FROM node:22\nRUN yarn install --frozen-lockfile && yarn cache clean\n"},
		{"chain", "FROM node:22\nRUN yarn && yarn build\n", "FROM node:22\nRUN yarn && yarn build && yarn cache clean\n"},
		{"heredoc set -e", "FROM node:22\nRUN <<EOF\nset -e\nyarn install\nEOF\n", "FROM node:22\nRUN <<EOF\nset -e\nyarn install\nyarn cache clean\nEOF\n"},
		{"crlf", "FROM node:22\r\nRUN yarn install \\\r\n    --frozen-lockfile\r\n", "FROM node:22\r\nRUN yarn install \\\r\n    --frozen-lockfile && yarn cache clean\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := df5ApplyFixes(t, tt.src, "DF433"); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}
