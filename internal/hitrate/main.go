//go:build devtools

// Command hitrate measures how often each rule fires on the real-world
// corpus (../shared/corpus, files of kind "real" only) and writes the table
// to docs/hitrate.md. It is how false positives are hunted: a rule that
// fires on most files, or on few repositories many times, is worth reading.
//
// The files are linted where their repositories have them (see layout), in
// a temporary folder removed afterwards, or in -layout DIR, which is kept (as
// copies of the corpus's files) so that findings can be read and fixes tried
// in place (`cd DIR && dflint lint owner/repo/…`).
//
//	go run -tags devtools ./internal/hitrate [-corpus ../shared/corpus] [-out docs/hitrate.md]
//	    [-before OLD.md] [-layout DIR] [-today YYYY-MM-DD]
package main

import (
	"flag"
	"fmt"
	"os"
	"time"
)

func main() {
	corpus := flag.String("corpus", "../shared/corpus", "the corpus folder (with MANIFEST.tsv)")
	out := flag.String("out", "docs/hitrate.md", "where to write the table")
	before := flag.String("before", "", "an earlier table of this command, whose counts are shown beside the new ones")
	keep := flag.String("layout", "", "lay the corpus out in this (new or empty) folder and keep it, instead of a temporary one")
	day := flag.String("today", "", "the date date-dependent rules judge by, YYYY-MM-DD (default today, UTC)")
	flag.Parse()
	today := time.Now().UTC().Truncate(24 * time.Hour)
	if *day != "" {
		t, err := time.Parse(time.DateOnly, *day)
		if err != nil {
			fmt.Fprintln(os.Stderr, "hitrate: -today:", err)
			os.Exit(2)
		}
		today = t
	}
	if err := run(*corpus, *out, *before, *keep, today); err != nil {
		fmt.Fprintln(os.Stderr, "hitrate:", err)
		os.Exit(2)
	}
}

func run(corpus, out, beforeTable, keep string, today time.Time) error {
	man, err := readManifest(corpus)
	if err != nil {
		return err
	}
	var before map[string]counts
	if beforeTable != "" {
		if before, err = readTable(beforeTable); err != nil {
			return err
		}
	}
	dir := keep
	if dir == "" {
		if dir, err = os.MkdirTemp("", "dflint-hitrate-"); err != nil {
			return err
		}
		defer os.RemoveAll(dir)
	}
	if err := layout(corpus, dir, man.entries, keep == ""); err != nil {
		return err
	}
	start := time.Now()
	m, err := measure(corpus, dir, man.entries, today)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "hitrate: linted %d files in %.1f s\n", m.files, time.Since(start).Seconds())
	return os.WriteFile(out, []byte(render(man, m, today, before)), 0o644)
}
