package rules

import "testing"

func TestDF432NpmUnpinned(t *testing.T) {
	runCases(t, "DF432", []ruleCase{
		{name: "unpinned", src: "FROM node:22\nRUN npm install -g typescript\n", want: 1, onbuild: true},
		{name: "pinned", src: "FROM node:22\nRUN npm install -g typescript@5.6.3\n", want: 0, onbuild: true},
		{name: "tag", src: "FROM node:22\nRUN npm install -g npm@latest\n", want: 0},
		{name: "scoped", src: "FROM node:22\nRUN npm i -g @angular/cli\n", want: 1},
		{name: "scoped pinned", src: "FROM node:22\nRUN npm i -g @angular/cli@18\n", want: 0},
		{name: "no package", src: "FROM node:22\nRUN npm install\n", want: 0},
		{name: "git ref", src: "FROM node:22\nRUN npm install git+https://github.com/a/b.git#v1\n", want: 0},
		{name: "git no ref", src: "FROM node:22\nRUN npm install git+https://github.com/a/b.git\n", want: 1},
		{name: "tarball", src: "FROM node:22\nRUN npm install ./x.tgz\n", want: 0},
		{name: "variable", src: "FROM node:22\nRUN npm install -g $PKGS\n", want: 0},
		{name: "prefix value", src: "FROM node:22\nRUN npm install --prefix /app pm2@5\n", want: 0},
		{name: "and chain", src: "FROM node:22\nRUN npm ci && npm install -g pm2\n", want: 1},
		{name: "sh -c", src: "FROM node:22\nRUN sh -c 'npm install -g pm2'\n", want: 1},
		{name: "heredoc", src: "FROM node:22\nRUN <<EOF\nnpm install -g pm2\nEOF\n", want: 1, noVariants: true},
		{name: "sudo", src: "FROM node:22\nRUN sudo npm install -g pm2\n", want: 1},
		{name: "run", src: "FROM node:22\nRUN npm run build\n", want: 0},
	})
}
