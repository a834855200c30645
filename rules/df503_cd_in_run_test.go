package rules

import "testing"

func TestDF503CdInRun(t *testing.T) {
	runCases(t, "DF503", []ruleCase{
		{name: "cd and make", src: "FROM alpine:3.20\nRUN cd /src && make\n", want: 1, onbuild: true},
		{name: "two cds one finding", src: "FROM alpine:3.20\nRUN cd /src && make && cd / && rm -rf /src\n", want: 1},
		{name: "cd in subshell", src: "FROM alpine:3.20\nRUN (cd /src && make)\n", want: 1},
		{name: "cd in sh -c", src: "FROM alpine:3.20\nRUN sh -c 'cd /src && make'\n", want: 1},
		{name: "cd in heredoc", src: "FROM alpine:3.20\nRUN <<EOF\ncd /src\nmake\nEOF\n", want: 1, noVariants: true},
		{name: "two RUNs", src: "FROM alpine:3.20\nRUN cd /a && make\nRUN cd /b && make\n", want: 2},
		{name: "no cd", src: "FROM alpine:3.20\nWORKDIR /src\nRUN make\n", want: 0, onbuild: true},
		{name: "cd as an argument", src: "FROM alpine:3.20\nRUN echo cd\n", want: 0},
		{name: "make -C", src: "FROM alpine:3.20\nRUN make -C /src install\n", want: 0},
		{name: "exec form", src: "FROM alpine:3.20\nRUN [\"cd\", \"/src\"]\n", want: 0},
		{name: "powershell", src: "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL [\"powershell\", \"-Command\"]\nRUN cd C:\\\\src; make\n", want: 0},
	})
}
