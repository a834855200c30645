package bench

import (
	"fmt"
	"strings"

	"github.com/dflint/dflint/internal/runner"
)

// A Shape is an adversarial Dockerfile: one construct repeated until the
// file reaches a size. dflint refuses files over 1 MiB, so a rule that is
// quadratic in the number of instructions, stages or lines is a denial of
// service within that cap (issue 17). The shapes are what the linearity
// test (shapes_test.go) and BenchmarkShapes run on.
type Shape struct {
	// Name is short and stable: it names the sub-benchmark and the row
	// of docs/benchmarks.md.
	Name string
	// What says in a few words what the file holds.
	What string
	// head is written once, before the repeated units; tail once after.
	head, tail string
	// unit is the i-th repeated piece, ending in a newline.
	unit func(i int) string
}

// Shapes lists the adversarial shapes. ARG expansion bombs (an ARG that
// doubles the previous one) are capped by the engine's expansion limits,
// not here: "args" is many plain ARGs, what a linear engine must handle.
var Shapes = []Shape{
	{Name: "runs", What: "one stage of `RUN echo hello world`",
		head: "FROM alpine:3.20\n", unit: func(int) string { return "RUN echo hello world\n" }},
	{Name: "stage-chain", What: "stages each built on the previous (`FROM s41 AS s42`)",
		unit: func(i int) string {
			if i == 0 {
				return "FROM alpine:3.20 AS s0\n"
			}
			return fmt.Sprintf("FROM s%d AS s%d\n", i-1, i)
		}},
	{Name: "stages", What: "independent stages, each with one RUN",
		unit: func(i int) string { return fmt.Sprintf("FROM alpine:3.20 AS s%d\nRUN echo %d\n", i, i) }},
	{Name: "copy-from-chain", What: "stages each copying from the previous",
		unit: func(i int) string {
			if i == 0 {
				return "FROM golang:1.22 AS s0\nRUN go build -o /app .\n"
			}
			return fmt.Sprintf("FROM scratch AS s%d\nCOPY --from=s%d /app /app\n", i, i-1)
		}},
	{Name: "heredocs", What: "`RUN <<EOF` heredocs of two lines",
		head: "# syntax=docker/dockerfile:1\nFROM debian:12\n",
		unit: func(i int) string { return fmt.Sprintf("RUN <<EOF\necho %d\napt-get install -y foo\nEOF\n", i) }},
	{Name: "apt", What: "`RUN apt-get install -y foo`",
		head: "FROM debian:12\n", unit: func(int) string { return "RUN apt-get install -y foo\n" }},
	{Name: "continuation", What: "one RUN continued over every line",
		head: "FROM debian:12\nRUN true \\\n", tail: "    && true\n",
		unit: func(i int) string { return fmt.Sprintf("    && echo %d \\\n", i) }},
	{Name: "blank-continuation", What: "one RUN whose continuations carry comment lines",
		head: "FROM debian:12\nRUN true \\\n", tail: "    && true\n",
		unit: func(i int) string { return fmt.Sprintf("# note %d\n    && echo %d \\\n", i, i) }},
	{Name: "copy-env-label", What: "COPY, ENV and LABEL in turn",
		head: "FROM alpine:3.20\nWORKDIR /app\n",
		unit: func(i int) string {
			return fmt.Sprintf("COPY f%d /app/\nENV K%d=v%d\nLABEL l%d=v%d\n", i, i, i, i, i)
		}},
	{Name: "args", What: "plain ARGs before FROM and in the stage, each used",
		head: "ARG BASE=alpine:3.20\nFROM $BASE\n",
		unit: func(i int) string { return fmt.Sprintf("ARG A%d=v%d\nRUN echo $A%d\n", i, i, i) }},
	{Name: "comments", What: "comment lines after one RUN",
		head: "FROM alpine:3.20\nRUN echo hi\n", unit: func(i int) string { return fmt.Sprintf("# comment %d\n", i) }},
	{Name: "ignore-comments", What: "an ignore comment above every RUN",
		head: "FROM debian:12\n",
		unit: func(int) string { return "# dflint ignore=DF401\nRUN apt-get install foo\n" }},
	{Name: "mixed-packages", What: "installs of every package manager, yarn and go build",
		head: "FROM golang:1.22 AS build\n",
		unit: func(i int) string {
			return fmt.Sprintf("RUN apt-get update && apt-get install -y gcc-%[1]d\nRUN pip install p%[1]d\nRUN npm install n%[1]d\nRUN yarn install\nRUN go build -o /b%[1]d .\nRUN apk add a%[1]d\nRUN curl -k https://x/%[1]d | sh\n", i)
		},
		tail: "FROM scratch\nCOPY --from=build /b0 /b0\n"},
}

// ShapeSize is the size the benchmarks generate shapes at: the largest
// file dflint reads.
const ShapeSize = runner.MaxFileSize

// Generate returns the shape's file with as many units as fit in size
// bytes (at least one), and that number of units.
func (s Shape) Generate(size int) (src []byte, units int) {
	var b strings.Builder
	b.WriteString(s.head)
	for i := 0; ; i++ {
		u := s.unit(i)
		if i > 0 && b.Len()+len(u)+len(s.tail) > size {
			break
		}
		b.WriteString(u)
		units++
	}
	b.WriteString(s.tail)
	return []byte(b.String()), units
}

// ShapeByName finds a shape.
func ShapeByName(name string) (Shape, bool) {
	for _, s := range Shapes {
		if s.Name == name {
			return s, true
		}
	}
	return Shape{}, false
}
