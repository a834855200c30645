package rules

const parseErrorID = "DF001"

// DF001 is reported by the engine itself for a file that does not parse; it
// has no Check of its own.
var _ = register(&Rule{
	ID:       parseErrorID,
	Name:     "parse-error",
	Severity: Error,
	Summary:  "The file does not parse as a Dockerfile",
})
