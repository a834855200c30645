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
		{name: "own key twice", src: "FROM alpine:3.20\nENV PATH=/a:${PATH} PATH=/b:${PATH}\n", want: 1, onbuild: true},
		{name: "own key twice, set before", src: "FROM alpine:3.20\nENV PATH=/usr/bin\nENV PATH=/a:$PATH PATH=/b:$PATH\n", want: 1},
		{name: "own key twice in separate ENVs", src: "FROM alpine:3.20\nENV PATH=/a:$PATH\nENV PATH=/b:$PATH\n", want: 0},
	})
}

// The cases of hadolint's DL3044 spec, in dflint's words.
func TestDF515HadolintDL3044(t *testing.T) {
	runCases(t, "DF515", []ruleCase{
		{name: "separate ENVs", src: "FROM alpine:3.20\nENV BLA=\"blubb\"\nENV BLUBB=\"${BLA}/blubb\"\n", want: 0},
		{name: "partial match 1", src: "FROM alpine:3.20\nENV BLA=\"blubb\" BLUBB=\"${FOOBLA}/blubb\"\n", want: 0},
		{name: "partial match 2", src: "FROM alpine:3.20\nENV BLA=\"blubb\" BLUBB=\"${BLAFOO}/blubb\"\n", want: 0},
		{name: "partial match 3", src: "FROM alpine:3.20\nENV BLA=\"blubb\" BLUBB=\"$FOOBLA/blubb\"\n", want: 0},
		{name: "partial match 4", src: "FROM alpine:3.20\nENV BLA=\"blubb\" BLUBB=\"$BLAFOO/blubb\"\n", want: 0},
		{name: "partial match 5", src: "FROM alpine:3.20\nENV BLA=\"blubb\" BLUBB=\"$BLA/$BLAFOO/blubb\"\n", want: 1},
		{name: "partial match 6", src: "FROM alpine:3.20\nENV BLA=\"blubb\" BLUBB=\"BLA/$BLAFOO/BLA\"\n", want: 0},
		{name: "ARG before", src: "FROM alpine:3.20\nARG BLA\nENV BLA=${BLA}\n", want: 0},
		{name: "ENV before", src: "FROM alpine:3.20\nENV BLA blubb\nENV BLA=${BLA}\n", want: 0},
		{name: "own right-hand side", src: "FROM alpine:3.20\nENV PATH=/bla:${PATH}\n", want: 0},
		{name: "own right-hand side in two ENVs", src: "FROM alpine:3.20\nENV PATH=/bla:${PATH}\nENV PATH=/blubb:${PATH}\n", want: 0},
		{name: "own right-hand side twice in one ENV", src: "FROM alpine:3.20\nENV PATH=/bla:${PATH} PATH=/blubb:${PATH}\n", want: 1},
		{name: "braces", src: "FROM alpine:3.20\nENV BLA=\"blubb\" BLUBB=\"${BLA}/blubb\"\n", want: 1},
		{name: "no braces", src: "FROM alpine:3.20\nENV BLA=\"blubb\" BLUBB=\"$BLA/blubb\"\n", want: 1},
		{name: "full match 1", src: "FROM alpine:3.20\nENV BLA=\"blubb\" BLUBB=\"$BLA\"\n", want: 1},
		{name: "full match 2", src: "FROM alpine:3.20\nENV BLA=\"blubb\" BLUBB=\"${BLA}\"\n", want: 1},
	})
}
