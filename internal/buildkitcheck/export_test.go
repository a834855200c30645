package buildkitcheck

// CheckDirective is checkDirective, for the external tests.
var CheckDirective = checkDirective
