package rules

import (
	"strings"
	"testing"
)

func TestDF454WgetProgress(t *testing.T) {
	runCases(t, "DF454", []ruleCase{
		{name: "plain", src: "FROM debian:12\nRUN wget https://x/a.tgz\n", want: 1, onbuild: true},
		{name: "q", src: "FROM debian:12\nRUN wget -q https://x/a.tgz\n", want: 0, onbuild: true},
		{name: "qO-", src: "FROM debian:12\nRUN wget -qO- https://x/a.tgz | tar xz\n", want: 0},
		{name: "quiet", src: "FROM debian:12\nRUN wget --quiet https://x/a.tgz\n", want: 0},
		{name: "nv", src: "FROM debian:12\nRUN wget -nv https://x/a.tgz\n", want: 0},
		{name: "progress", src: "FROM debian:12\nRUN wget --progress=dot:giga https://x/a.tgz\n", want: 0},
		{name: "output file", src: "FROM debian:12\nRUN wget -o /tmp/log https://x/a.tgz\n", want: 0},
		{name: "O is not o", src: "FROM debian:12\nRUN wget -O /tmp/a.tgz https://x/a.tgz\n", want: 1},
		{name: "and chain", src: "FROM debian:12\nRUN wget https://x/a && wget -q https://x/b\n", want: 1},
		// One finding per RUN, however many calls: the sentry images of
		// CentOS-Dockerfiles download eight files in one RUN.
		{name: "three calls one run", src: "FROM debian:12\nRUN wget https://x/a && wget https://x/b && wget https://x/c\n", want: 1, onbuild: true},
		{name: "calls in two runs", src: "FROM debian:12\nRUN wget https://x/a && wget https://x/b\nRUN wget https://x/c\n", want: 2},
		{name: "sh -c", src: "FROM debian:12\nRUN sh -c 'wget https://x/a'\n", want: 1},
		{name: "heredoc", src: "FROM debian:12\nRUN <<EOF\nwget https://x/a\nEOF\n", want: 1, noVariants: true},
		{name: "sudo", src: "FROM debian:12\nRUN sudo wget https://x/a\n", want: 1},
		{name: "version", src: "FROM debian:12\nRUN wget --version\n", want: 0},
		{name: "installed", src: "FROM debian:12\nRUN apt-get install -y wget\n", want: 0},
	})
}

func TestDF454Fix(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"plain", "FROM debian:12\nRUN wget https://x/a\n", "FROM debian:12\nRUN wget -q https://x/a\n"},
		{"path", "FROM debian:12\nRUN /usr/bin/wget -O /a https://x/a\n", "FROM debian:12\nRUN /usr/bin/wget -q -O /a https://x/a\n"},
		{"continuation", "FROM debian:12\nRUN wget\\\n  https://x/a\n", "FROM debian:12\nRUN wget -q\\\n  https://x/a\n"},
		{"heredoc", "FROM debian:12\nRUN <<EOF\nwget https://x/a\nEOF\n", "FROM debian:12\nRUN <<EOF\nwget -q https://x/a\nEOF\n"},
		{"every call of the RUN", "FROM debian:12\nRUN wget https://x/a && \\\n  wget -q https://x/b && \\\n  sh -c 'wget https://x/c'\n", "FROM debian:12\nRUN wget -q https://x/a && \\\n  wget -q https://x/b && \\\n  sh -c 'wget -q https://x/c'\n"},
		{"backtick", "# escape=`\nFROM debian:12\nRUN echo a && `\n    wget https://x/a\n", "# escape=`\nFROM debian:12\nRUN echo a && `\n    wget -q https://x/a\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := df5ApplyFixes(t, tt.src, "DF454"); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestDF454MessageCountsCalls(t *testing.T) {
	src := "FROM debian:12\nRUN wget https://x/a && \\\n  wget https://x/b && wget https://x/c\n"
	fs := lintWith(t, src, "DF454")
	if len(fs) != 1 {
		t.Fatalf("got %d findings, want 1: %+v", len(fs), fs)
	}
	f := fs[0]
	if !strings.HasPrefix(f.Message, "3 `wget` calls print") {
		t.Errorf("message %q does not say how many calls", f.Message)
	}
	if f.Fix == nil || len(f.Fix.Edits) != 3 {
		t.Fatalf("want one fix with 3 edits, got %+v", f.Fix)
	}
	if got, want := src[f.Start:f.End], "wget https://x/a && \\\n  wget https://x/b && wget https://x/c"; got != want {
		t.Errorf("range covers %q, want %q", got, want)
	}
}
