// Package bkparse is BuildKit's Dockerfile parser
// (github.com/moby/buildkit/frontend/dockerfile/parser, v0.34.2, Apache
// License 2.0, the licence of dflint too), copied with one change: how a
// line continuation is recognised (trimContinuationCharacter in parser.go).
//
// Why a copy: BuildKit decides whether each line continues with an
// unanchored regular expression, which Go's regexp engine runs at about
// 110 ns per byte. That was most of BuildKit's parse time, and parsing was
// the largest single cost of linting: 0.87 s of CPU to parse the 2,939 files
// of the corpus with BuildKit's package against 0.17 s with this one. The
// change belongs upstream; until BuildKit has it, dflint carries this copy.
//
// What is the same: everything else, line for line, and every type. Node,
// Heredoc, Result, Warning, Range and Position are aliases of BuildKit's
// types, so the trees are BuildKit's trees and BuildKit's instructions
// package reads them. BuildKit's exported helpers (DirectiveParser,
// ParseHeredoc, WithLocation) are called, not copied. bkparse_test.go holds
// the two parsers to identical results (trees field by field, warnings,
// errors and their lines) on the continuation corners, every Dockerfile in
// testdata, BuildKit's own parser test files, and the whole corpus, and
// FuzzSameAsBuildKit compares them on mutated input.
//
// Upgrading BuildKit: copy parser.go, line_parsers.go and split_command.go
// from the new version's frontend/dockerfile/parser, apply the edits the
// files' headers list again, and run `go test ./internal/bkparse` and
// `make fuzz`. If BuildKit's parser no longer uses the regular expression,
// delete this package and call BuildKit's Parse again.
package bkparse
