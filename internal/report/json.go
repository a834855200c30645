package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/dflint/dflint/parser"
	"github.com/dflint/dflint/rules"
)

func init() { register("json", func(Options) Reporter { return jsonReporter{} }) }

// jsonReporter writes one JSON object for the whole run, for scripts and
// editors. Its field names are a public interface: add fields, never rename
// them.
//
//	{"findings": [...], "files": 5, "errors": [{"file": "x", "message": "..."}]}
type jsonReporter struct{}

type jsonRun struct {
	Findings []jsonFinding `json:"findings"`
	Files    int           `json:"files"`
	Errors   []jsonError   `json:"errors"`
}

type jsonFinding struct {
	Rule      string         `json:"rule"`
	Name      string         `json:"name"`
	Severity  rules.Severity `json:"severity"`
	File      string         `json:"file"`
	Line      int            `json:"line"`
	Column    int            `json:"column"`
	EndLine   int            `json:"end_line"`
	EndColumn int            `json:"end_column"`
	Start     int            `json:"start"`
	End       int            `json:"end"`
	Message   string         `json:"message"`
	Fix       *jsonFix       `json:"fix"`
	// Check is the other tool's check that the finding stands for, when
	// the rule stands for several (DF511: FromAsCasing or
	// ConsistentInstructionCasing; see rules.Rule.Parts).
	Check string `json:"check,omitempty"`
}

type jsonFix struct {
	Title         string              `json:"title"`
	Applicability rules.Applicability `json:"applicability"`
	Edits         []jsonEdit          `json:"edits"`
}

// jsonEdit carries both byte offsets (for tools that splice bytes) and
// 1-based line/column positions (for editors); columns count bytes, and
// the end is just past the replaced text.
type jsonEdit struct {
	Start       int    `json:"start"`
	End         int    `json:"end"`
	NewText     string `json:"new_text"`
	StartLine   int    `json:"start_line"`
	StartColumn int    `json:"start_column"`
	EndLine     int    `json:"end_line"`
	EndColumn   int    `json:"end_column"`
}

type jsonError struct {
	File    string `json:"file"`
	Message string `json:"message"`
}

// Report writes the document encoding/json would write for a jsonRun
// with two-space indentation and HTML left unescaped, byte for byte, but
// built in pieces: each file's findings are encoded on their own, on
// GOMAXPROCS goroutines, and the pieces stream out in file order. Encoding
// the whole run as one value first built it compact in one buffer and then
// indented it into a second: on the 2,939 corpus files a 5 MB document
// encoded on one goroutine after every file was linted, with buffers grown
// by doubling into fresh pages (about a tenth of the run's CPU, issue 21).
// TestJSONStreamSameAsOneValue holds the two to the same bytes.
func (jsonReporter) Report(w io.Writer, run *Run) error {
	pieces := encodeFindings(run.Results)
	for _, p := range pieces {
		if p.err != nil {
			return p.err // before writing anything, as when it was one value
		}
	}
	files := 0
	errs := []jsonError{}
	for _, r := range run.Results {
		if r.Linted() {
			files++
		}
		for _, err := range r.Errors {
			errs = append(errs, jsonError{File: r.Path, Message: err.Error()})
		}
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString("{\n  \"findings\": [")
	first := true
	for _, p := range pieces {
		if len(p.text) == 0 {
			continue
		}
		if first {
			bw.WriteString("\n")
		} else {
			bw.WriteString(",\n")
		}
		bw.Write(p.text)
		first = false
	}
	if !first {
		bw.WriteString("\n  ")
	}
	fmt.Fprintf(bw, "],\n  \"files\": %d,\n  \"errors\": ", files)
	var buf bytes.Buffer
	if err := newJSONEncoder(&buf, "  ").Encode(errs); err != nil {
		return err
	}
	bw.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
	bw.WriteString("\n}\n")
	return bw.Flush()
}

// newJSONEncoder encodes as the json format does, for a value whose first
// line is already indented by prefix.
func newJSONEncoder(w io.Writer, prefix string) *json.Encoder {
	enc := json.NewEncoder(w)
	enc.SetIndent(prefix, "  ")
	// Messages quote shell code: keep && and <<EOF readable.
	enc.SetEscapeHTML(false)
	return enc
}

// jsonPiece is one file's findings as elements of the "findings" array:
// indented, separated by commas, without the comma or newline after the
// last one.
type jsonPiece struct {
	text []byte
	err  error
}

// encodeFindings encodes each result's findings on GOMAXPROCS goroutines.
func encodeFindings(results []Result) []jsonPiece {
	pieces := make([]jsonPiece, len(results))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range max(1, min(runtime.GOMAXPROCS(0), len(results))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			enc := newJSONEncoder(&buf, "    ")
			for {
				i := int(next.Add(1)) - 1
				if i >= len(results) {
					return
				}
				r := &results[i]
				if len(r.Findings) == 0 {
					continue
				}
				buf.Reset()
				for k, f := range r.Findings {
					if k > 0 {
						buf.WriteString(",\n")
					}
					buf.WriteString("    ")
					err := enc.Encode(jsonFinding{
						Rule: f.RuleID, Name: f.Name, Severity: f.Severity, File: f.File,
						Line: f.Line, Column: f.Column, EndLine: f.EndLine, EndColumn: f.EndColumn,
						Start: f.Start, End: f.End, Message: f.Message,
						Fix: toJSONFix(r.File, f.Fix), Check: f.Check,
					})
					if err != nil {
						pieces[i].err = err
						break
					}
					buf.Truncate(buf.Len() - 1) // Encode's newline
				}
				pieces[i].text = bytes.Clone(buf.Bytes())
			}
		}()
	}
	wg.Wait()
	return pieces
}

func toJSONFix(f *parser.File, fix *rules.Fix) *jsonFix {
	if fix == nil {
		return nil
	}
	out := &jsonFix{Title: fix.Title, Applicability: fix.Applicability, Edits: []jsonEdit{}}
	for _, e := range fix.Edits {
		je := jsonEdit{Start: e.Start, End: e.End, NewText: e.NewText}
		if f != nil {
			je.StartLine, je.StartColumn = f.Position(e.Start)
			je.EndLine, je.EndColumn = f.Position(e.End)
		}
		out.Edits = append(out.Edits, je)
	}
	return out
}
