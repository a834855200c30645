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

// TestDF432HadolintCases covers the ground of hadolint's DL3016 spec with
// dflint's own Dockerfiles.
func TestDF432HadolintCases(t *testing.T) {
	runCases(t, "DF432", []ruleCase{
		{name: "DL3016 from package.json", src: "FROM node:22\nRUN npm install\n", want: 0, onbuild: true},
		{name: "DL3016 from package.json with option", src: "FROM node:22\nRUN npm install --progress=false\n", want: 0},
		{name: "DL3016 pinned", src: "FROM node:22\nRUN npm install express@4.21.1\n", want: 0, onbuild: true},
		{name: "DL3016 scoped range", src: "FROM node:22\nRUN npm install @myorg/tool@\">=0.1.0\"\n", want: 0},
		{name: "DL3016 scoped range with spaces", src: "FROM node:22\nRUN npm install @myorg/tool@\">=0.1.0 <0.2.0\"\n", want: 0},
		{name: "DL3016 several pinned", src: "FROM node:22\nRUN npm install express@\"4.21.1\" sax@1.4.1\n", want: 0},
		{name: "DL3016 global pinned", src: "FROM node:22\nRUN npm install --global express@\"4.21.1\"\n", want: 0},
		{name: "DL3016 g pinned", src: "FROM node:22\nRUN npm install -g express@4.21.1\n", want: 0},
		{name: "DL3016 tar", src: "FROM node:22\nRUN npm install tool-v1.2.3.tar\n", want: 0},
		{name: "DL3016 tar.gz", src: "FROM node:22\nRUN npm install tool-v1.2.3.tar.gz\n", want: 0},
		{name: "DL3016 tgz", src: "FROM node:22\nRUN npm install tool-v1.2.3.tgz\n", want: 0},
		{name: "DL3016 absolute folder", src: "FROM node:22\nRUN npm install /src/tool\n", want: 0},
		{name: "DL3016 relative folder", src: "FROM node:22\nRUN npm install ./tool\n", want: 0},
		{name: "DL3016 parent folder", src: "FROM node:22\nRUN npm install ../tool\n", want: 0},
		{name: "DL3016 home folder", src: "FROM node:22\nRUN npm install ~/tool\n", want: 0},
		{name: "DL3016 git+ssh ref", src: "FROM node:22\nRUN npm install git+ssh://git@github.com:acme/tool.git#v1.0.27\n", want: 0},
		{name: "DL3016 git+http semver", src: "FROM node:22\nRUN npm install git+http://dev@github.com/acme/tool#semver:^5.0\n", want: 0},
		{name: "DL3016 git+https ref", src: "FROM node:22\nRUN npm install git+https://dev@github.com/acme/tool.git#v1.0.27\n", want: 0},
		{name: "DL3016 git ref", src: "FROM node:22\nRUN npm install git://github.com/acme/tool.git#v1.0.27\n", want: 0},
		{name: "DL3016 npm run", src: "FROM node:22\nRUN npm run --silent install\n", want: 0, onbuild: true},
		{name: "DL3016 unpinned", src: "FROM node:22\nRUN npm install express\n", want: 1, onbuild: true},
		{name: "DL3016 scoped unpinned", src: "FROM node:22\nRUN npm install @myorg/tool\n", want: 1},
		{name: "DL3016 one of two", src: "FROM node:22\nRUN npm install express sax@1.4.1\n", want: 1},
		{name: "DL3016 global unpinned", src: "FROM node:22\nRUN npm install --global express\n", want: 1},
		{name: "DL3016 git+ssh", src: "FROM node:22\nRUN npm install git+ssh://git@github.com:acme/tool.git\n", want: 1},
		{name: "DL3016 git+http", src: "FROM node:22\nRUN npm install git+http://dev@github.com/acme/tool\n", want: 1},
		{name: "DL3016 git+https", src: "FROM node:22\nRUN npm install git+https://dev@github.com/acme/tool.git\n", want: 1},
		{name: "DL3016 git", src: "FROM node:22\nRUN npm install git://github.com/acme/tool.git\n", want: 1},
		{name: "DL3016 loglevel", src: "FROM node:22\nRUN npm install --loglevel verbose sax@1.4.1\n", want: 0},
		{name: "DL3016 registry", src: "FROM node:22\nRUN npm install --registry https://npm.example.com sax@1.4.1\n", want: 0},
		{name: "DL3016 registry unpinned", src: "FROM node:22\nRUN npm install --registry https://npm.example.com express\n", want: 1},
		{name: "DL3016 registry equals unpinned", src: "FROM node:22\nRUN npm install --registry=https://npm.example.com express\n", want: 1},
	})
}
