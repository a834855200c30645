package rules

import "testing"

func TestDF515EnvSelfReference(t *testing.T) {
	runCases(t, "DF515", []ruleCase{
		{name: "bare", src: "FROM alpine:3.20\nENV A=/opt B=$A/bin\n", want: 1, onbuild: true},
		{name: "braces", src: "FROM alpine:3.20\nENV A=/opt B=${A}/bin\n", want: 1},
		{name: "modifier", src: "FROM alpine:3.20\nENV A=/opt B=${A:-/x}/bin\n", want: 1},
		{name: "earlier pair refers to later", src: "FROM alpine:3.20\nENV B=$A/bin A=/opt\n", want: 1},
		{name: "two refs one finding", src: "FROM alpine:3.20\nENV A=1 B=2 C=$A$B\n", want: 1},
		{name: "own key", src: "FROM alpine:3.20\nENV PATH=/opt/bin:$PATH\n", want: 0, onbuild: true},
		{name: "own key with others", src: "FROM alpine:3.20\nENV A=1 PATH=/opt/bin:$PATH\n", want: 0},
		{name: "separate ENVs", src: "FROM alpine:3.20\nENV A=/opt\nENV B=$A/bin\n", want: 0},
		{name: "defined before", src: "FROM alpine:3.20\nENV A=/usr\nENV A=/opt B=$A/bin\n", want: 0},
		{name: "ARG before", src: "FROM alpine:3.20\nARG A=/usr\nENV A=/opt B=$A/bin\n", want: 0},
		{name: "defined in base stage", src: "FROM alpine:3.20 AS base\nENV A=/usr\nFROM base\nENV A=/opt B=$A/bin\n", want: 0},
		{name: "defined in unrelated stage", src: "FROM alpine:3.20\nENV A=/usr\nFROM alpine:3.20\nENV A=/opt B=$A/bin\n", want: 1},
		{name: "single quoted", src: "FROM alpine:3.20\nENV A=/opt B='$A/bin'\n", want: 0},
		{name: "escaped", src: "FROM alpine:3.20\nENV A=/opt B=\\$A/bin\n", want: 0},
		{name: "prefix name", src: "FROM alpine:3.20\nENV A=/opt B=$AB\n", want: 0},
		{name: "legacy form", src: "FROM alpine:3.20\nENV A /opt $A\n", want: 0},
	})
}
