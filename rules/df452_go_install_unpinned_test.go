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
		// hadolint's DL3062 cases, in dflint's own Dockerfiles.
		{name: "DL3062 install latest", src: "FROM golang:1.23\nRUN go install example.com/tool@latest\n", want: 1, onbuild: true},
		{name: "DL3062 install pinned", src: "FROM golang:1.23\nRUN go install example.com/tool@v1.2.3\n", want: 0},
		{name: "DL3062 install absolute path", src: "FROM golang:1.23\nRUN go install /go/src/app/tool\n", want: 0},
		{name: "DL3062 install relative path", src: "FROM golang:1.23\nRUN go install ./app/tool\n", want: 0},
		{name: "DL3062 install dot", src: "FROM golang:1.23\nRUN go install .\n", want: 0},
		// hadolint reports a path without a version; go install then uses
		// the version go.mod requires (see the doc).
		{name: "DL3062 install without version", src: "FROM golang:1.23\nRUN go install example.com/tool\n", want: 0},
		// hadolint reports go get without a version; a later git checkout
		// often pins what it fetched (see the doc).
		{name: "DL3062 get without version", src: "FROM golang:1.23\nRUN go get example.com/tool\n", want: 0, onbuild: true},
		{name: "DL3062 get latest", src: "FROM golang:1.23\nRUN go get example.com/tool@latest\n", want: 1},
		{name: "DL3062 get pinned", src: "FROM golang:1.23\nRUN go get example.com/tool@v1.2.3\n", want: 0},
		{name: "get upgrade", src: "FROM golang:1.23\nRUN go get -u example.com/tool@upgrade\n", want: 1},
		{name: "get local", src: "FROM golang:1.23\nRUN go get ./...\n", want: 0},
		{name: "DL3062 get tool pinned", src: "FROM golang:1.23\nRUN go get -tool example.com/tool@v1.2.3\n", want: 0},
		{name: "DL3062 get tool latest", src: "FROM golang:1.23\nRUN go get -tool example.com/tool@latest\n", want: 1},
		{name: "DL3062 run latest", src: "FROM golang:1.23\nRUN go run example.com/tool@latest\n", want: 1, onbuild: true},
		{name: "DL3062 run pinned", src: "FROM golang:1.23\nRUN go run example.com/tool@v1.2.3\n", want: 0},
		{name: "DL3062 run pinned with flags", src: "FROM golang:1.23\nRUN go run example.com/tool@v1.2.3 -f --verbose\n", want: 0},
		{name: "DL3062 run pinned with arguments", src: "FROM golang:1.23\nRUN go run example.com/tool@v1.2.3 --out example.com/x@latest\n", want: 0},
		{name: "DL3062 run absolute path", src: "FROM golang:1.23\nRUN go run /go/src/app/tool\n", want: 0},
		{name: "DL3062 run relative path", src: "FROM golang:1.23\nRUN go run ./app/tool\n", want: 0},
		{name: "DL3062 run dot", src: "FROM golang:1.23\nRUN go run .\n", want: 0},
		{name: "run without version", src: "FROM golang:1.23\nRUN go run example.com/tool\n", want: 0},
	})
}

// -buildvcs is a boolean: the word after it is the package, not its value.
func TestDF452BuildvcsIsBoolean(t *testing.T) {
	fs := lintWith(t, "FROM golang:1.23\nRUN go install -buildvcs example.com/cmd@latest\n", "DF452")
	if len(fs) != 1 || !strings.Contains(fs[0].Message, "`example.com/cmd@latest`") {
		t.Errorf("want one finding naming example.com/cmd@latest: %+v", fs)
	}
}
