package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestBadInput gives lint and fix each kind of file that is not a usable
// Dockerfile next to a good one. Each must get one clear error line that
// names it, the good file must still be linted (and fixed), nothing may
// reach stderr (BuildKit's lexer prints invalid UTF-8 there when it gets
// the chance), fix must leave the bad file's bytes alone, and the exit
// code is 2.
func TestBadInput(t *testing.T) {
	const good = "FROM debian:12\nRUN apt-get install curl\n"
	const goodFixed = "FROM debian:12\nRUN apt-get install -y curl\n"
	longLine := "FROM alpine:3.20\nRUN echo " + strings.Repeat("a", 70000) + "\n"
	var big bytes.Buffer
	big.WriteString("FROM alpine:3.20\n")
	for big.Len() < 10<<20 {
		big.WriteString("RUN echo a line of a ten megabyte file\n")
	}
	tests := []struct {
		name string
		// setup makes the bad path in dir and returns the argument to pass.
		setup func(t *testing.T, dir string) string
		// want matches the one line that reports the bad path (the
		// argument is substituted for ARG).
		want string
		// asRoot skips the row when the tests run as root, saying why.
		asRoot string
	}{
		{
			name:  "binary",
			setup: file("bin.Dockerfile", "\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00FROM"),
			want:  `^ARG: error: binary file, not a Dockerfile \(NUL byte on line 1\): skipped$`,
		},
		{
			name:  "invalid UTF-8",
			setup: file("latin1.Dockerfile", "FROM alpine:3.20\nLABEL author=\"Ren\xe9\"\n"),
			want:  `^ARG: error: line 2, column 18: byte 0xE9 is not valid UTF-8: save the file as UTF-8, the encoding BuildKit reads \(for example iconv -f latin1 -t utf-8\)$`,
		},
		{
			name:  "UTF-16",
			setup: file("utf16.Dockerfile", "\xff\xfeF\x00R\x00O\x00M\x00"),
			want:  `^ARG: error: file is UTF-16 text: save it as UTF-8, the encoding BuildKit reads$`,
		},
		{
			name:  "line over BuildKit's 64 KiB limit",
			setup: file("long.Dockerfile", longLine),
			want:  `^ARG:2:1: error DF001 parse-error: line 2 is 70009 bytes long; BuildKit \(docker build\) reads lines of at most 65535 bytes$`,
		},
		{
			name:  "empty file",
			setup: file("empty.Dockerfile", ""),
			want:  `^ARG:1:1: error DF001 parse-error: file with no instructions$`,
		},
		{
			name: "directory named like a Dockerfile",
			setup: func(t *testing.T, dir string) string {
				p := filepath.Join(dir, "Dockerfile")
				must(t, os.Mkdir(p, 0o755))
				return p
			},
			want: `^ARG: error: no Dockerfiles found in this directory`,
		},
		{
			name:  "missing path",
			setup: func(t *testing.T, dir string) string { return filepath.Join(dir, "nope", "Dockerfile") },
			want:  `^ARG: error: no such file or directory$`,
		},
		{
			name: "unreadable file",
			setup: func(t *testing.T, dir string) string {
				p := file("secret.Dockerfile", good)(t, dir)
				must(t, os.Chmod(p, 0))
				return p
			},
			want:   `^ARG: error: cannot read file: permission denied$`,
			asRoot: "root reads a file whatever its mode, so chmod 000 cannot make it unreadable",
		},
		{
			name: "symlink loop",
			setup: func(t *testing.T, dir string) string {
				a, b := filepath.Join(dir, "a.Dockerfile"), filepath.Join(dir, "b.Dockerfile")
				must(t, os.Symlink(b, a))
				must(t, os.Symlink(a, b))
				return a
			},
			want: `^ARG: error: too many levels of symbolic links$`,
		},
		{
			name: "symlink loop met in a directory walk",
			setup: func(t *testing.T, dir string) string {
				sub := filepath.Join(dir, "repo")
				must(t, os.Mkdir(sub, 0o755))
				must(t, os.Symlink("Dockerfile", filepath.Join(sub, "Dockerfile")))
				return sub
			},
			want: `^ARG/Dockerfile: error: cannot read: too many levels of symbolic links$`,
		},
		{
			name:  "10 MB file",
			setup: file("huge.Dockerfile", big.String()),
			want:  `^ARG: error: file is 10\.0 MiB, over dflint's 1 MiB limit for a Dockerfile: skipped \(is it really a Dockerfile\?\)$`,
		},
	}
	for _, tc := range tests {
		for _, command := range []string{"lint", "fix"} {
			t.Run(tc.name+"/"+command, func(t *testing.T) {
				if tc.asRoot != "" && os.Geteuid() == 0 {
					t.Skip("running as root: " + tc.asRoot)
				}
				dir := t.TempDir()
				goodPath := filepath.Join(dir, "good.Dockerfile")
				must(t, os.WriteFile(goodPath, []byte(good), 0o644))
				bad := tc.setup(t, dir)
				before, beforeErr := os.ReadFile(bad)

				var out, errOut bytes.Buffer
				ios := &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, Getenv: func(string) string { return "" }}
				code := run([]string{command, "--select", "DF401", bad, goodPath}, ios)

				if code != exitError {
					t.Errorf("exit code %d, want %d", code, exitError)
				}
				if errOut.Len() > 0 {
					t.Errorf("stderr is not empty:\n%s", errOut.String())
				}
				re := regexp.MustCompile(strings.ReplaceAll(tc.want, "ARG", regexp.QuoteMeta(bad)))
				lines := strings.Split(out.String(), "\n")
				n := 0
				for _, l := range lines {
					if strings.HasPrefix(l, bad) {
						n++
						if !re.MatchString(l) {
							t.Errorf("error line\n  %s\ndoes not match\n  %s", l, re)
						}
					}
				}
				if n != 1 {
					t.Errorf("%d lines name %s, want 1:\n%s", n, bad, out.String())
				}
				if len(out.String()) > 4000 {
					t.Errorf("output is %d bytes: the bad file's bytes leak into it", out.Len())
				}
				got, _ := os.ReadFile(goodPath)
				switch command {
				case "lint":
					if !strings.Contains(out.String(), goodPath+":2:5: warning DF401 ") {
						t.Errorf("the good file was not linted:\n%s", out.String())
					}
				case "fix":
					if string(got) != goodFixed {
						t.Errorf("the good file was not fixed: %q", got)
					}
					after, afterErr := os.ReadFile(bad)
					if !bytes.Equal(before, after) || (beforeErr == nil) != (afterErr == nil) {
						t.Errorf("fix changed the bad path: %d bytes (%v), now %d bytes (%v)", len(before), beforeErr, len(after), afterErr)
					}
				}
			})
		}
	}
}

// file returns a setup that writes a file named name holding content.
func file(name, content string) func(*testing.T, string) string {
	return func(t *testing.T, dir string) string {
		p := filepath.Join(dir, name)
		must(t, os.WriteFile(p, []byte(content), 0o644))
		return p
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestErrorsPrintedVisibly names a config file whose name carries an
// escape sequence and a line break with a GitHub workflow command: the
// error that quotes it must show both as escapes, on one line, so that
// neither the terminal nor a CI log obeys them.
func TestErrorsPrintedVisibly(t *testing.T) {
	dir := t.TempDir()
	df := filepath.Join(dir, "Dockerfile")
	must(t, os.WriteFile(df, []byte("FROM alpine:3.20\n"), 0o644))
	name := filepath.Join(dir, "x\x1b[2J\n::error file=a::owned")
	var out, errOut bytes.Buffer
	ios := &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, Getenv: func(string) string { return "" }}
	code := run([]string{"lint", "--config", name, df}, ios)
	if code != exitError {
		t.Errorf("exit code %d, want %d", code, exitError)
	}
	got := errOut.String()
	if strings.Contains(got, "\x1b") {
		t.Fatalf("stderr carries raw control characters:\n%q", got)
	}
	for _, line := range strings.Split(got, "\n") {
		if strings.HasPrefix(line, "::") {
			t.Fatalf("a line of stderr starts a workflow command: %q", got)
		}
	}
	if !strings.Contains(got, `x\x1b[2J\x0a::error file=a::owned`) {
		t.Errorf("stderr does not show the name with visible escapes:\n%q", got)
	}
}
