package rules

import (
	"strings"
	"testing"
)

func TestDF452GoInstallUnpinned(t *testing.T) {
	runCases(t, "DF452", []ruleCase{
		{name: "latest", src: "FROM golang:1.23\nRUN go install github.com/go-delve/delve/cmd/dlv@latest\n", want: 1, onbuild: true},
		{name: "pinned", src: "FROM golang:1.23\nRUN go install github.com/go-delve/delve/cmd/dlv@v1.23.1\n", want: 0, onbuild: true},
		{name: "no version: go.mod", src: "FROM golang:1.23\nRUN go install golang.org/x/tools/gopls\n", want: 0},
		{name: "master", src: "FROM golang:1.23\nRUN go install github.com/a/b@master\n", want: 1},
		{name: "variable version", src: "FROM golang:1.23\nRUN go install github.com/a/b@${VERSION}\n", want: 0},
		{name: "local", src: "FROM golang:1.23\nRUN go install ./cmd/...\n", want: 0},
		{name: "no args", src: "FROM golang:1.23\nRUN go install -v\n", want: 0},
		{name: "std", src: "FROM golang:1.23\nRUN go install -race std\n", want: 0},
		{name: "ldflags value", src: "FROM golang:1.23\nRUN go install -ldflags '-s -w' github.com/a/b@v1\n", want: 0},
		{name: "and chain", src: "FROM golang:1.23\nRUN go mod download && go install github.com/a/b@latest\n", want: 1},
		{name: "sh -c", src: "FROM golang:1.23\nRUN sh -c 'go install github.com/a/b@latest'\n", want: 1},
		{name: "heredoc", src: "FROM golang:1.23\nRUN <<EOF\ngo install github.com/a/b@latest\nEOF\n", want: 1, noVariants: true},
		{name: "env", src: "FROM golang:1.23\nRUN env CGO_ENABLED=0 go install github.com/a/b@latest\n", want: 1},
		{name: "boolean -buildvcs", src: "FROM golang:1.23\nRUN go install -buildvcs example.com/cmd@latest\n", want: 1},
		{name: "-buildvcs=false", src: "FROM golang:1.23\nRUN go install -buildvcs=false example.com/cmd@latest\n", want: 1},
		{name: "go build", src: "FROM golang:1.23\nRUN go build github.com/a/b\n", want: 0},
		{name: "go get", src: "FROM golang:1.10\nRUN go get github.com/kelseyhightower/confd\n", want: 1, onbuild: true},
		{name: "go get flags", src: "FROM golang:1.10\nRUN go get -u -v github.com/golang/dep/cmd/dep\n", want: 1},
		{name: "go get pinned", src: "FROM golang:1.23\nRUN go get golang.org/x/tools/gopls@v0.6.3\n", want: 0, onbuild: true},
		{name: "go get commit", src: "FROM golang:1.23\nRUN go get github.com/a/b@7182a932836a71948db4a81991a494751eccfe77\n", want: 0},
		{name: "go get local", src: "FROM golang:1.23\nRUN go get -d -v ./...\n", want: 0},
		{name: "go get dot", src: "FROM golang:1.23\nRUN go get -d .\n", want: 0},
		{name: "go get none removes", src: "FROM golang:1.23\nRUN go get github.com/a/b@none\n", want: 0},
		{name: "go get upgrade", src: "FROM golang:1.23\nRUN go get github.com/a/b@upgrade\n", want: 1},
		// GOPATH-era: the release is checked out after the go get
		// (jessfraz/dockerfiles vault).
		{name: "go get then git checkout", src: "FROM golang:1.10\nENV V=v1.4.0\nRUN go get github.com/hashicorp/vault || true\nWORKDIR /go/src/github.com/hashicorp/vault\nRUN git checkout \"${V}\"\n", want: 0},
		{name: "go get then checkout in the same RUN", src: "FROM golang:1.10\nRUN go get github.com/a/b || true && cd /go/src/github.com/a/b && git checkout v1.0.0\n", want: 0},
		{name: "git checkout before go get", src: "FROM golang:1.10\nRUN git checkout v1 && go get github.com/a/b\n", want: 1},
		{name: "go get @latest then checkout", src: "FROM golang:1.23\nRUN go get github.com/a/b@latest && git checkout v1\n", want: 1},
		{name: "go run latest", src: "FROM golang:1.23\nRUN go run github.com/a/b@latest -flag x\n", want: 1, onbuild: true},
		{name: "go run no version: go.mod", src: "FROM golang:1.23\nRUN go run github.com/a/b\n", want: 0},
		{name: "go run file", src: "FROM golang:1.23\nRUN go run ./util/archutil/generate.go bin/archutil\n", want: 0},
		{name: "go run go file", src: "FROM golang:1.23\nRUN go run make.go\n", want: 0},
		{name: "go run program args", src: "FROM golang:1.23\nRUN go run github.com/a/b@v1.2.3 github.com/c/d@latest\n", want: 0},
		{name: "go run -exec value", src: "FROM golang:1.23\nRUN go run -exec wrapper github.com/a/b@latest\n", want: 1},
	})
}

// The cases of hadolint's DL3062 spec, in dflint's words.
func TestDF452HadolintDL3062(t *testing.T) {
	runCases(t, "DF452", []ruleCase{
		{name: "install latest", src: "FROM golang:1.23\nRUN go install example.com/pkg@latest\n", want: 1},
		{name: "install pinned", src: "FROM golang:1.23\nRUN go install example.com/pkg@v1.2.3\n", want: 0},
		{name: "install absolute path", src: "FROM golang:1.23\nRUN go install /go/app/foobar\n", want: 0},
		{name: "install relative path", src: "FROM golang:1.23\nRUN go install ./app/foobar\n", want: 0},
		{name: "install dot", src: "FROM golang:1.23\nRUN go install .\n", want: 0},
		{name: "get unpinned", src: "FROM golang:1.23\nRUN go get example.com/pkg\n", want: 1},
		{name: "get latest", src: "FROM golang:1.23\nRUN go get example.com/pkg@latest\n", want: 1},
		{name: "get pinned", src: "FROM golang:1.23\nRUN go get example.com/pkg@v1.2.3\n", want: 0},
		{name: "get -tool latest", src: "FROM golang:1.24\nRUN go get -tool example.com/foobar@latest\n", want: 1},
		{name: "get -tool pinned", src: "FROM golang:1.24\nRUN go get -tool example.com/foobar@v1.2.3\n", want: 0},
		{name: "run latest", src: "FROM golang:1.23\nRUN go run example.com/pkg@latest\n", want: 1},
		{name: "run pinned", src: "FROM golang:1.23\nRUN go run example.com/pkg@v1.2.3\n", want: 0},
		{name: "run pinned with flags", src: "FROM golang:1.23\nRUN go run example.com/pkg@v1.2.3 -f --foobar\n", want: 0},
		{name: "run pinned with arguments", src: "FROM golang:1.23\nRUN go run example.com/pkg@v1.2.3 --foo bar\n", want: 0},
		{name: "run absolute path", src: "FROM golang:1.23\nRUN go run /go/app/foobar\n", want: 0},
		{name: "run relative path", src: "FROM golang:1.23\nRUN go run ./app/foobar\n", want: 0},
		{name: "run dot", src: "FROM golang:1.23\nRUN go run .\n", want: 0},
		// Deliberate differences: without `@`, go install and go run build
		// the version go.mod requires; hadolint's example paths without a
		// domain (`foobar`) are read by Go as standard-library paths.
		{name: "install no version: go.mod", src: "FROM golang:1.23\nRUN go install example.com/pkg\n", want: 0},
		{name: "run no version: go.mod", src: "FROM golang:1.23\nRUN go run example.com/pkg\n", want: 0},
	})
}

// -buildvcs is a boolean: the word after it is the package, not its value.
func TestDF452BuildvcsIsBoolean(t *testing.T) {
	fs := lintWith(t, "FROM golang:1.23\nRUN go install -buildvcs example.com/cmd@latest\n", "DF452")
	if len(fs) != 1 || !strings.Contains(fs[0].Message, "`example.com/cmd@latest`") {
		t.Errorf("want one finding naming example.com/cmd@latest: %+v", fs)
	}
}
