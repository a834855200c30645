package config

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Error is a problem in a config file, at a line and column, so that an
// editor or a terminal can jump to it.
type Error struct {
	File   string
	Line   int // 1-based; 0 when the problem is the file as a whole
	Column int // 1-based; 0 when unknown
	Msg    string
}

func (e *Error) Error() string {
	switch {
	case e.Line == 0:
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	case e.Column == 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Msg)
}

// decoder walks a parsed YAML document and collects every problem, so that
// one run shows all the mistakes of a file, not the first one.
type decoder struct {
	file     string
	errs     []error
	warnings []string
}

func (d *decoder) errorf(n *yaml.Node, format string, args ...any) {
	e := &Error{File: d.file, Msg: fmt.Sprintf(format, args...)}
	if n != nil {
		e.Line, e.Column = n.Line, n.Column
	}
	d.errs = append(d.errs, e)
}

func (d *decoder) warnf(n *yaml.Node, format string, args ...any) {
	d.warnings = append(d.warnings, fmt.Sprintf("%s:%d:%d: %s", d.file, n.Line, n.Column, fmt.Sprintf(format, args...)))
}

func (d *decoder) err() error { return errors.Join(d.errs...) }

// yamlLine finds the line in yaml's own syntax errors ("yaml: line 3: …").
var yamlLine = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)

// parseDocument parses src into its top-level mapping. An empty file (or
// one holding only comments) is a valid, empty config.
func (d *decoder) parseDocument(src []byte) *yaml.Node {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		line := 0
		if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
			line, _ = strconv.Atoi(m[1])
			msg = m[2]
		}
		d.errs = append(d.errs, &Error{File: d.file, Line: line, Msg: "not valid YAML: " + msg})
		return nil
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return &yaml.Node{Kind: yaml.MappingNode}
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return &yaml.Node{Kind: yaml.MappingNode}
	}
	if root.Kind != yaml.MappingNode {
		d.errorf(root, "the config must be a mapping of keys (like `ignore: [DF301]`), not a %s", kindName(root))
		return nil
	}
	return root
}

// field is one key of a mapping and its value.
type field struct {
	key   string
	keyN  *yaml.Node
	value *yaml.Node
}

// fields lists a mapping's keys in file order; a key given twice is an
// error (YAML says keys are unique, and the last one silently winning hides
// mistakes).
func (d *decoder) fields(m *yaml.Node) []field {
	var out []field
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.errorf(k, "a key must be a plain name, not a %s", kindName(k))
			continue
		}
		if prev, dup := seen[k.Value]; dup {
			d.errorf(k, "%q is given twice (first on line %d): keep one", k.Value, prev.Line)
			continue
		}
		seen[k.Value] = k
		out = append(out, field{key: k.Value, keyN: k, value: v})
	}
	return out
}

// unknownKey reports a key the schema does not have, with a hint when the
// key is what another tool (or an older spelling) calls a known one.
func (d *decoder) unknownKey(f field, known []string, hints map[string]string) {
	if h, ok := hints[f.key]; ok {
		d.errorf(f.keyN, "unknown key %q: did you mean %q?", f.key, h)
		return
	}
	sorted := append([]string(nil), known...)
	sort.Strings(sorted)
	d.errorf(f.keyN, "unknown key %q: the keys are %s", f.key, strings.Join(sorted, ", "))
}

// scalar reads a string value.
func (d *decoder) scalar(f field) (string, bool) {
	if f.value.Kind != yaml.ScalarNode || f.value.Tag == "!!null" {
		d.errorf(f.value, "%s must be a single value, not a %s", f.key, kindName(f.value))
		return "", false
	}
	return strings.TrimSpace(f.value.Value), true
}

// boolean reads true or false.
func (d *decoder) boolean(f field) (bool, bool) {
	if f.value.Kind == yaml.ScalarNode {
		switch strings.ToLower(f.value.Value) {
		case "true", "yes", "on":
			return true, true
		case "false", "no", "off":
			return false, true
		}
	}
	d.errorf(f.value, "%s must be true or false", f.key)
	return false, false
}

// item is one string of a list, with its node for error positions.
type item struct {
	value string
	node  *yaml.Node
}

// list reads a list of strings. A single string is accepted too, and a
// comma-separated string is split, as on the command line
// (`ignore: DF301, DF104`).
func (d *decoder) list(f field) []item {
	var nodes []*yaml.Node
	switch f.value.Kind {
	case yaml.SequenceNode:
		nodes = f.value.Content
	case yaml.ScalarNode:
		if f.value.Tag == "!!null" {
			return nil
		}
		nodes = []*yaml.Node{f.value}
	default:
		d.errorf(f.value, "%s must be a list of strings, not a %s", f.key, kindName(f.value))
		return nil
	}
	var out []item
	for _, n := range nodes {
		if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
			d.errorf(n, "%s must be a list of strings; this entry is a %s", f.key, kindName(n))
			continue
		}
		for _, part := range strings.Split(n.Value, ",") {
			if part = strings.TrimSpace(part); part != "" {
				out = append(out, item{value: part, node: n})
			}
		}
	}
	return out
}

// entry is one key and string value of a mapping.
type entry struct {
	key, value string
	keyN, valN *yaml.Node
}

// mapping reads a mapping of strings to strings.
func (d *decoder) mapping(f field) []entry {
	if f.value.Kind == yaml.ScalarNode && f.value.Tag == "!!null" {
		return nil
	}
	if f.value.Kind != yaml.MappingNode {
		d.errorf(f.value, "%s must be a mapping (key: value on each line), not a %s", f.key, kindName(f.value))
		return nil
	}
	var out []entry
	for _, sub := range d.fields(f.value) {
		if sub.value.Kind != yaml.ScalarNode || sub.value.Tag == "!!null" {
			d.errorf(sub.value, "%s.%s must be a single value, not a %s", f.key, sub.key, kindName(sub.value))
			continue
		}
		out = append(out, entry{key: strings.TrimSpace(sub.key), value: strings.TrimSpace(sub.value.Value), keyN: sub.keyN, valN: sub.value})
	}
	return out
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "list"
	case yaml.MappingNode:
		return "mapping"
	case yaml.AliasNode:
		return "alias"
	}
	if n.Tag == "!!null" {
		return "empty value"
	}
	return "single value"
}
