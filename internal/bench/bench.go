// Package bench holds dflint's performance benchmarks (bench_test.go) and
// the inputs they run on: the real-world corpus (../shared/corpus, read in
// place, never copied) and synthetic Dockerfiles generated at run time for
// the scaling benchmarks. `make bench` runs them and writes
// docs/benchmarks.md with the command in ./report.
package bench

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// CorpusDir finds ../shared/corpus beside the repository root, or the
// directory DFLINT_CORPUS names.
func CorpusDir() (string, error) {
	if d := os.Getenv("DFLINT_CORPUS"); d != "" {
		return d, nil
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "..", "shared", "corpus"), nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod above the working directory")
		}
		dir = parent
	}
}

// CorpusFiles lists the corpus files named in dir/MANIFEST.tsv (its "file"
// column), as paths.
func CorpusFiles(dir string) ([]string, error) {
	f, err := os.Open(filepath.Join(dir, "MANIFEST.tsv"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var files []string
	col := -1
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		if col < 0 {
			for i, name := range fields {
				if name == "file" {
					col = i
				}
			}
			if col < 0 {
				return nil, fmt.Errorf("%s/MANIFEST.tsv has no file column", dir)
			}
			continue
		}
		if col < len(fields) && fields[col] != "" {
			files = append(files, filepath.Join(dir, fields[col]))
		}
	}
	return files, sc.Err()
}

// stage is a block of a synthetic Dockerfile: a build stage of the kind
// real files have (apt and pip installs with continuations, ARG and ENV
// that later lines expand, COPY --from, a heredoc), 20 lines long.
const stage = `FROM python:3.12-slim AS build%[1]d
ARG VERSION_%[1]d=1.%[1]d.0
ENV APP_HOME_%[1]d=/srv/app%[1]d \
    PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR ${APP_HOME_%[1]d}
RUN apt-get update && apt-get install -y --no-install-recommends \
      build-essential \
      curl \
    && rm -rf /var/lib/apt/lists/*
COPY requirements-%[1]d.txt ./
RUN pip install --no-cache-dir -r requirements-%[1]d.txt \
    && echo "built ${VERSION_%[1]d}" > /tmp/version
RUN <<EOF
set -e
curl -fsSL https://example.com/tool-%[1]d.tar.gz -o /tmp/tool.tgz
tar -xzf /tmp/tool.tgz -C /usr/local
EOF
COPY --from=build%[1]d /srv/app%[1]d /srv/app%[1]d
USER 1000
LABEL stage="%[1]d"
`

// StageLines is the number of lines of one synthetic stage.
const StageLines = 20

// Synthetic returns a Dockerfile of exactly lines lines, one stage per 20
// lines (the rest filled with comments): long files in the wild are long
// because they have many steps, and each stage refers to what came before.
func Synthetic(lines int) []byte {
	var b strings.Builder
	n := 0
	for i := 0; n+StageLines <= lines; i++ {
		fmt.Fprintf(&b, stage, i)
		n += StageLines
	}
	for ; n < lines; n++ {
		b.WriteString("# filler\n")
	}
	return []byte(b.String())
}

// WriteTree writes n small Dockerfiles (one numbered stage each) under dir,
// 100 to a directory, each named Dockerfile so that a directory walk finds
// them.
func WriteTree(dir string, n int) error {
	for i := range n {
		sub := filepath.Join(dir, fmt.Sprintf("d%03d", i/100), fmt.Sprintf("svc%05d", i))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(sub, "Dockerfile"), []byte(fmt.Sprintf(stage, i)), 0o644); err != nil {
			return err
		}
	}
	return nil
}
