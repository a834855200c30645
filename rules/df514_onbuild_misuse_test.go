package rules

import (
	"testing"

	"github.com/dflint/dflint/parser"
)

func TestDF514OnbuildMisuse(t *testing.T) {
	runCases(t, "DF514", []ruleCase{
		{name: "intermediate stage", src: "FROM node:20 AS deps\nONBUILD RUN npm ci\nFROM node:20-slim\nCOPY --from=deps /app /app\n", want: 1},
		{name: "two triggers", src: "FROM node:20\nONBUILD RUN a\nONBUILD RUN b\nFROM node:20-slim\n", want: 2},
		{name: "final stage", src: "FROM node:20\nONBUILD RUN npm ci\n", want: 0},
		{name: "used as base", src: "FROM node:20 AS base\nONBUILD RUN npm ci\nFROM base\n", want: 0},
		{name: "used as base by index name", src: "FROM node:20 AS Base\nONBUILD RUN npm ci\nFROM base AS x\nFROM alpine\n", want: 0},
	})
}

// The triggers hadolint's DL3043 names do not parse: DF001 reports them.
func TestDF514TriggersThatDoNotParse(t *testing.T) {
	for _, src := range []string{
		"FROM a\nONBUILD FROM b\n",
		"FROM a\nONBUILD MAINTAINER me\n",
		"FROM a\nonbuild onbuild RUN x\n",
	} {
		if f := parser.Parse("Dockerfile", []byte(src)); f.Err == nil {
			t.Errorf("%q parses; DF514 should report it", src)
		}
		if n := countRule(lintWith(t, src, "DF001"), "DF001"); n != 1 {
			t.Errorf("%q: %d DF001 findings, want 1", src, n)
		}
	}
}
