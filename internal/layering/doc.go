// Package layering holds the test that keeps dflint's imports to the table
// in docs/architecture.md: which package may import which. It has no code
// of its own.
package layering
