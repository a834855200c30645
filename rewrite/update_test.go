package rewrite

import "flag"

// update is -update: `go test ./rewrite -update` rewrites the .golden files
// of every golden test in this directory from the current output, the
// transformations' own (testdata/<transform>, package rewrite) and the
// rules' (testdata/fix and testdata/stories, package rewrite_test).
//
// It is defined here, in the internal tests, because internal and external
// test files build into one test binary and a flag may be defined once;
// export_test.go hands it to the external tests as Update.
var update = flag.Bool("update", false, "rewrite the .golden files under testdata from the current output")
