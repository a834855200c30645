package rules

import "testing"

func TestDF518InstructionOrder(t *testing.T) {
	runCases(t, "DF518", []ruleCase{
		{name: "FROM first", src: "FROM alpine:3.20\nRUN true\n", want: 0},
		{name: "ARG first", src: "ARG V=3.20\nFROM alpine:$V\n", want: 0},
		{name: "comments and directives", src: "# syntax=docker/dockerfile:1\n# hello\nFROM alpine:3.20\n", want: 0},
		{name: "ENV first", src: "ENV A=1\nFROM alpine:3.20\n", want: 1},
		{name: "two before", src: "ARG V=1\nLABEL a=b\nRUN true\nFROM alpine:3.20\nRUN true\n", want: 2},
		{name: "no FROM", src: "RUN true\nCMD [\"x\"]\n", want: 2},
		{name: "only ARG", src: "ARG A=1\n", want: 0},
	})
}
