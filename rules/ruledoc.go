package rules

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"sync"
)

// Doc is a rule's documentation.
type Doc struct {
	// Description is Markdown: what the rule finds, why it matters and
	// what to do instead.
	Description string
	// Bad and Good are Dockerfile examples: Bad must produce a finding of
	// the rule, Good must not (tests hold every rule to that).
	Bad, Good string
}

// Doc returns the rule's documentation. A DF rule's is the Markdown file
// beside its Go file (see ruleDocFS), read when any rule's Doc is first
// asked for (explain, `rules --format json`, SARIF, the generated pages)
// rather than at start-up, which `dflint lint` and `dflint version` would
// pay for without using it. A rule made in code (BuildKit's checks) has it
// in its Description, Bad and Good fields.
func (r *Rule) Doc() Doc {
	if r == nil {
		return Doc{}
	}
	if d, ok := registeredDocs()[r]; ok {
		return d
	}
	return Doc{Description: r.Description, Bad: r.Bad, Good: r.Good}
}

// ruleDocFS holds the DF rules' documentation: a Markdown file beside each
// rule's Go file, with the same base name (df421_pip_no_cache_dir.go
// registers DF421, df421_pip_no_cache_dir.md documents it). A rule's file
// is the one whose name starts with the lower-cased ID and "_" ("df421_").
// A file has this form:
//
//	## Description
//
//	<the description, Markdown>
//
//	## Bad
//
//	```dockerfile
//	<the example that must be reported>
//	```
//
//	## Good
//
//	```dockerfile
//	<the example that must not>
//	```
//
// The description is the text between the headings with the blank lines
// around it dropped; a line "## Bad" ends it. An example is every byte
// between its fence lines, final newline included: an example that does
// not end in a newline says so with the info string "dockerfile noeol", and
// one with a line that starts with three or more backticks is fenced with
// more backticks than that (the closing fence is the same run of backticks
// alone on its line). A carriage return is an error anywhere in the file.
// The headings are the ones docs/rules/<ID>.md uses.
//
// A registered rule without a file, a file without a registered rule, a
// rule that also sets Description, Bad or Good in Go, or a file not in this
// form makes the first Doc panic, naming the file; TestRuleDocFiles holds
// the tree to the same.
//
//go:embed df*.md
var ruleDocFS embed.FS

// registeredDocs reads every registered rule's documentation, once. The
// files are part of the binary, so a bad one is a bug in dflint: it
// panics, and every test run finds it.
var registeredDocs = sync.OnceValue(func() map[*Rule]Doc {
	registry.Lock()
	registered := append([]*Rule(nil), registry.registered...)
	registry.Unlock()
	return mustLoadRuleDocs(ruleDocFS, registered)
})

func mustLoadRuleDocs(fsys fs.FS, registered []*Rule) map[*Rule]Doc {
	docs, err := loadRuleDocs(fsys, registered)
	if err != nil {
		panic(err)
	}
	return docs
}

// loadRuleDocs reads the doc files in fsys and matches them to the rules
// by ID.
func loadRuleDocs(fsys fs.FS, registered []*Rule) (map[*Rule]Doc, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("rules: listing the rule docs: %w", err)
	}
	var errs []error
	files := make(map[string]string, len(entries)) // lower-cased ID → file name
	for _, e := range entries {
		name := e.Name()
		id, _, ok := strings.Cut(name, "_")
		if !ok || id == "" || !strings.HasSuffix(name, ".md") {
			errs = append(errs, fmt.Errorf("rules/%s: a rule doc is named <id>_<name>.md, after the rule's Go file", name))
			continue
		}
		if other, dup := files[id]; dup {
			errs = append(errs, fmt.Errorf("rules/%s and rules/%s: two docs for %s", other, name, strings.ToUpper(id)))
			continue
		}
		files[id] = name
	}
	docs := make(map[*Rule]Doc, len(registered))
	used := make(map[string]bool, len(registered))
	for _, r := range registered {
		id := strings.ToLower(r.ID)
		name, ok := files[id]
		if !ok {
			errs = append(errs, fmt.Errorf("rules: %s has no documentation: write rules/%s_<name>.md beside the Go file that registers it", r.ID, id))
			continue
		}
		used[id] = true
		if r.Description != "" || r.Bad != "" || r.Good != "" {
			errs = append(errs, fmt.Errorf("rules/%s: %s also sets Description, Bad or Good in Go: keep them in the .md only", name, r.ID))
			continue
		}
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			errs = append(errs, fmt.Errorf("rules/%s: %w", name, err))
			continue
		}
		d, err := parseRuleDoc(string(b))
		if err != nil {
			errs = append(errs, fmt.Errorf("rules/%s: %w", name, err))
			continue
		}
		docs[r] = d
	}
	for _, e := range entries {
		if id, _, _ := strings.Cut(e.Name(), "_"); files[id] == e.Name() && !used[id] {
			errs = append(errs, fmt.Errorf("rules/%s: no rule %s is registered to document", e.Name(), strings.ToUpper(id)))
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return docs, nil
}

// parseRuleDoc reads a rule's doc file; its errors give the line.
func parseRuleDoc(s string) (Doc, error) {
	p := docParser{rest: s, line: 1}
	var d Doc
	if i := strings.IndexByte(s, '\r'); i >= 0 {
		return d, fmt.Errorf("line %d: a carriage return (CRLF line ends?): the file must have plain newlines", 1+strings.Count(s[:i], "\n"))
	}
	p.blankLines()
	if err := p.heading("Description"); err != nil {
		return d, err
	}
	start := p.line
	desc, ok := p.until("## Bad\n")
	if !ok {
		return d, fmt.Errorf(`line %d: no "## Bad" heading after the description`, start)
	}
	if d.Description = strings.TrimSpace(desc); d.Description == "" {
		return d, fmt.Errorf("line %d: the description is empty", start)
	}
	var err error
	if d.Bad, err = p.example("Bad"); err != nil {
		return d, err
	}
	p.blankLines()
	if err := p.heading("Good"); err != nil {
		return d, err
	}
	if d.Good, err = p.example("Good"); err != nil {
		return d, err
	}
	p.blankLines()
	if p.rest != "" {
		return d, fmt.Errorf("line %d: text after the Good example; the file ends there", p.line)
	}
	return d, nil
}

// docParser walks a doc file a line at a time; line is rest's first line.
type docParser struct {
	rest string
	line int
}

// next takes one line, without its newline; ok is false at the end.
func (p *docParser) next() (line string, ok bool) {
	if p.rest == "" {
		return "", false
	}
	line, p.rest, _ = strings.Cut(p.rest, "\n")
	p.line++
	return line, true
}

func (p *docParser) blankLines() {
	for strings.HasPrefix(p.rest, "\n") {
		p.next()
	}
}

func (p *docParser) heading(name string) error {
	at := p.line
	if l, _ := p.next(); l != "## "+name {
		return fmt.Errorf("line %d: want the heading %q, have %q", at, "## "+name, l)
	}
	return nil
}

// until takes the text up to a line that is exactly end (with its newline),
// and that line.
func (p *docParser) until(end string) (string, bool) {
	var i int
	if strings.HasPrefix(p.rest, end) {
		i = 0
	} else if j := strings.Index(p.rest, "\n"+end); j >= 0 {
		i = j + 1
	} else {
		return "", false
	}
	text := p.rest[:i]
	p.line += strings.Count(text, "\n") + 1
	p.rest = p.rest[i+len(end):]
	return text, true
}

// example reads a section's fenced example, byte for byte.
func (p *docParser) example(section string) (string, error) {
	p.blankLines()
	at := p.line
	open, _ := p.next()
	n := len(open) - len(strings.TrimLeft(open, "`"))
	if n < 3 {
		return "", fmt.Errorf("line %d: the %s example must be a fenced block (```dockerfile), have %q", at, section, open)
	}
	fence, info := open[:n], open[n:]
	if info != "dockerfile" && info != "dockerfile noeol" {
		return "", fmt.Errorf("line %d: the %s example's fence says %q: want %q or %q", at, section, info, "dockerfile", "dockerfile noeol")
	}
	ex, ok := p.until(fence + "\n")
	if !ok {
		// The closing fence may end the file without a newline.
		if strings.HasSuffix(p.rest, "\n"+fence) || p.rest == fence {
			ex, ok = strings.TrimSuffix(p.rest, fence), true
			p.line += strings.Count(p.rest, "\n")
			p.rest = ""
		}
	}
	if !ok {
		return "", fmt.Errorf("line %d: the %s example's fence %s is not closed", at, section, fence)
	}
	if info == "dockerfile noeol" {
		ex = strings.TrimSuffix(ex, "\n")
	}
	if ex == "" {
		return "", fmt.Errorf("line %d: the %s example is empty", at, section)
	}
	return ex, nil
}
