package rules

import "testing"

func TestDF453WgetAndCurl(t *testing.T) {
	runCases(t, "DF453", []ruleCase{
		{name: "two runs", src: "FROM debian:12\nRUN wget -q https://x/a\nRUN curl -fsSLO https://x/b\n", want: 1, onbuild: true},
		{name: "one run", src: "FROM debian:12\nRUN wget -q https://x/a && curl -fsSLO https://x/b\n", want: 1},
		{name: "only curl", src: "FROM debian:12\nRUN curl -fsSLO https://x/a; curl -fsSLO https://x/b\n", want: 0, onbuild: true},
		{name: "many", src: "FROM debian:12\nRUN wget -q a && curl b && wget -q c\nRUN curl d\n", want: 1},
		{name: "two stages", src: "FROM debian:12 AS a\nRUN wget -q https://x/a\nFROM debian:12\nRUN curl -fsSLO https://x/b\n", want: 0},
		{name: "sh -c", src: "FROM debian:12\nRUN wget -q a && sh -c 'curl b'\n", want: 1},
		{name: "heredoc", src: "FROM debian:12\nRUN <<EOF\nwget -q a\ncurl b\nEOF\n", want: 1, noVariants: true},
		{name: "sudo", src: "FROM debian:12\nRUN sudo wget -q a\nRUN curl b\n", want: 1},
		{name: "installed only", src: "FROM debian:12\nRUN apt-get install -y curl wget\n", want: 0},
	})
}
