package rules

const parseErrorID = "DF001"

// DF001 is reported by the engine itself for a file that does not parse; it
// has no Check of its own.
var _ = register(&Rule{
	ID:       parseErrorID,
	Name:     "parse-error",
	Severity: Error,
	Summary:  "The file does not parse as a Dockerfile",
	Description: `BuildKit's parser rejects the file, so ` + "`docker build`" + ` would fail before
running anything. The finding points at the line BuildKit names. No other rule runs on a file
that does not parse.`,
	Bad:  "FROM alpine:3.20\nRUN <<EOF\necho unterminated heredoc\n",
	Good: "FROM alpine:3.20\nRUN <<EOF\necho terminated\nEOF\n",
})
