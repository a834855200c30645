package rules

import "testing"

func TestDF519ReservedStageName(t *testing.T) {
	runCases(t, "DF519", []ruleCase{
		{name: "scratch", src: "FROM golang:1.23 AS scratch\nFROM alpine:3.20\n", want: 1},
		{name: "context", src: "FROM golang:1.23 AS context\n", want: 1},
		{name: "upper case", src: "FROM golang:1.23 AS Context\n", want: 1},
		{name: "from scratch", src: "FROM scratch\nCOPY a /a\n", want: 0},
		{name: "other name", src: "FROM scratch AS final\n", want: 0},
		{name: "no name", src: "FROM golang:1.23\n", want: 0},
	})
}
