package rules

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

// TestRuleDocFiles holds the tree to one .md per DF rule, beside the Go
// file that registers it, in the form ruledoc.go reads.
func TestRuleDocFiles(t *testing.T) {
	registry.Lock()
	registered := append([]*Rule(nil), registry.registered...)
	registry.Unlock()
	if _, err := loadRuleDocs(ruleDocFS, registered); err != nil {
		t.Fatal(err)
	}
	for _, r := range registered {
		if !strings.HasPrefix(r.ID, "DF") {
			t.Errorf("%s: a registered rule's ID starts with DF", r.ID)
		}
	}

	// Every .md in the directory is embedded (a name the go:embed pattern
	// misses would be silently left out), and sits beside the Go file that
	// registers its rule.
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	mds := 0
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".md") {
			continue
		}
		mds++
		if _, err := fs.Stat(ruleDocFS, name); err != nil {
			t.Errorf("rules/%s is not embedded: name it <lower-cased id>_<name>.md after its rule's Go file", name)
			continue
		}
		goFile := strings.TrimSuffix(name, ".md") + ".go"
		if !registersRule(t, goFile) {
			t.Errorf("rules/%s: no %s beside it registers a rule: keep the doc next to its rule, with the same base name", name, goFile)
		}
	}
	if embedded, _ := fs.ReadDir(ruleDocFS, "."); len(embedded) != mds || mds != len(registered) {
		t.Errorf("%d .md files in rules/, %d embedded, %d rules registered: want one each", mds, len(embedded), len(registered))
	}
}

// registersRule tells whether the Go file calls register.
func registersRule(t *testing.T, path string) bool {
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.SkipObjectResolution)
	if err != nil {
		return false
	}
	found := false
	ast.Inspect(f, func(n ast.Node) bool {
		if c, ok := n.(*ast.CallExpr); ok {
			if id, ok := c.Fun.(*ast.Ident); ok && id.Name == "register" {
				found = true
			}
		}
		return !found
	})
	return found
}

func TestDocOfRulesMadeInCode(t *testing.T) {
	r := ByID("buildkit/DuplicateStageName")
	if r == nil {
		t.Skip("DuplicateStageName is covered by a DF rule")
	}
	if d := r.Doc(); d.Description != r.Description || d.Description == "" {
		t.Errorf("a BuildKit check's Doc is its Description field: %q", d.Description)
	}
	own := &Rule{ID: "X1", Description: "d", Bad: "b", Good: "g"}
	if d := own.Doc(); d != (Doc{"d", "b", "g"}) {
		t.Errorf("an unregistered rule's Doc is its fields: %+v", d)
	}
	if d := (*Rule)(nil).Doc(); d != (Doc{}) {
		t.Errorf("nil rule: %+v", d)
	}
}

func TestParseRuleDoc(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     Doc
	}{
		{
			name: "plain",
			in:   "## Description\n\nWhy `x`.\n\nMore.\n\n## Bad\n\n```dockerfile\nFROM a\n```\n\n## Good\n\n```dockerfile\nFROM a:1\n```\n",
			want: Doc{"Why `x`.\n\nMore.", "FROM a\n", "FROM a:1\n"},
		},
		{
			name: "no final newline in an example",
			in:   "## Description\n\nd\n\n## Bad\n\n```dockerfile noeol\nFROM a\n```\n\n## Good\n\n```dockerfile noeol\nFROM a:1\n```\n",
			want: Doc{"d", "FROM a", "FROM a:1"},
		},
		{
			name: "blank lines, tabs and trailing spaces are the example's",
			in:   "## Description\n\nd\n\n## Bad\n\n```dockerfile\n\nRUN a \\\n\t&& b  \n\n```\n\n## Good\n\n```dockerfile\nFROM a\n\n\n```\n",
			want: Doc{"d", "\nRUN a \\\n\t&& b  \n\n", "FROM a\n\n\n"},
		},
		{
			name: "backticks: a longer fence",
			in:   "## Description\n\nd\n\n## Bad\n\n````dockerfile\nRUN <<EOF\n```\nEOF\n````\n\n## Good\n\n```dockerfile\nRUN echo '``'\n```\n",
			want: Doc{"d", "RUN <<EOF\n```\nEOF\n", "RUN echo '``'\n"},
		},
		{
			name: "a code block and other headings in the description",
			in:   "## Description\n\nd\n\n```dockerfile\nFROM x\n```\n\n### More\n\n## Badly\n\n## Bad\n```dockerfile\nFROM a\n```\n## Good\n```dockerfile\nFROM b\n```",
			want: Doc{"d\n\n```dockerfile\nFROM x\n```\n\n### More\n\n## Badly", "FROM a\n", "FROM b\n"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := parseRuleDoc(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("got %#v\nwant %#v", got, tc.want)
			}
		})
	}
}

func TestParseRuleDocErrors(t *testing.T) {
	const bad = "\n## Bad\n\n```dockerfile\nFROM a\n```\n"
	const good = "\n## Good\n\n```dockerfile\nFROM b\n```\n"
	for _, tc := range []struct{ in, want string }{
		{"", `line 1: want the heading "## Description", have ""`},
		{"# DF1\n\n## Description\n\nd\n" + bad + good, `line 1: want the heading "## Description", have "# DF1"`},
		{"## Description\n\nd\n" + good, `line 2: no "## Bad" heading after the description`},
		{"## Description\n\n\n" + bad + good, "line 2: the description is empty"},
		{"## Description\n\nd\n\n## Bad\n\nFROM a\n" + good, "line 7: the Bad example must be a fenced block (```dockerfile), have \"FROM a\""},
		{"## Description\n\nd\n\n## Bad\n\n```\nFROM a\n```\n" + good, "line 7: the Bad example's fence says \"\": want \"dockerfile\" or \"dockerfile noeol\""},
		{"## Description\n\nd\n" + bad + "\n## Good\n\n```dockerfile\nFROM b\n", "line 13: the Good example's fence ``` is not closed"},
		// An unclosed fence runs on to the next fence line, as in Markdown.
		{"## Description\n\nd\n\n## Bad\n\n```dockerfile\nFROM a\n" + good, `line 15: want the heading "## Good", have ""`},
		{"## Description\n\nd\n\n## Bad\n\n```dockerfile\n```\n" + good, "line 7: the Bad example is empty"},
		{"## Description\n\nd\n" + bad, `line 10: want the heading "## Good", have ""`},
		{"## Description\n\nd\n" + bad + "\n## Fix\n", `line 11: want the heading "## Good", have "## Fix"`},
		{"## Description\n\nd\n" + bad + good + "\n## Fix\n\nnone\n", "line 17: text after the Good example; the file ends there"},
		{"## Description\r\n\r\nd\r\n", "line 1: a carriage return (CRLF line ends?): the file must have plain newlines"},
		{"## Description\n\nd\n" + bad + strings.Replace(good, "FROM b", "FROM b\r", 1), "line 14: a carriage return (CRLF line ends?): the file must have plain newlines"},
	} {
		_, err := parseRuleDoc(tc.in)
		if err == nil || err.Error() != tc.want {
			t.Errorf("%q:\n got %v\nwant %s", tc.in, err, tc.want)
		}
	}
}

// TestLoadRuleDocsNamesTheFile: whatever is wrong, the error (and the
// panic of the first Doc) says which file.
func TestLoadRuleDocsNamesTheFile(t *testing.T) {
	const ok = "## Description\n\nd\n\n## Bad\n\n```dockerfile\nFROM a\n```\n\n## Good\n\n```dockerfile\nFROM b\n```\n"
	rule := func(id string) *Rule { return &Rule{ID: id} }
	for _, tc := range []struct {
		name  string
		files fstest.MapFS
		rules []*Rule
		want  string
	}{
		{"malformed", fstest.MapFS{"df901_x.md": {Data: []byte("## Description\n\nd\n")}}, []*Rule{rule("DF901")},
			`rules/df901_x.md: line 2: no "## Bad" heading after the description`},
		{"missing", fstest.MapFS{}, []*Rule{rule("DF901")},
			"rules: DF901 has no documentation: write rules/df901_<name>.md beside the Go file that registers it"},
		{"no rule", fstest.MapFS{"df901_x.md": {Data: []byte(ok)}, "df902_y.md": {Data: []byte(ok)}}, []*Rule{rule("DF901")},
			"rules/df902_y.md: no rule DF902 is registered to document"},
		{"two docs", fstest.MapFS{"df901_x.md": {Data: []byte(ok)}, "df901_y.md": {Data: []byte(ok)}}, []*Rule{rule("DF901")},
			"rules/df901_x.md and rules/df901_y.md: two docs for DF901"},
		{"badly named", fstest.MapFS{"df901.md": {Data: []byte(ok)}}, nil,
			"rules/df901.md: a rule doc is named <id>_<name>.md, after the rule's Go file"},
		{"also in Go", fstest.MapFS{"df901_x.md": {Data: []byte(ok)}}, []*Rule{{ID: "DF901", Bad: "FROM a\n"}},
			"rules/df901_x.md: DF901 also sets Description, Bad or Good in Go: keep them in the .md only"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := loadRuleDocs(tc.files, tc.rules)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v\nwant %s", err, tc.want)
			}
			defer func() {
				if p := recover(); p == nil || !strings.Contains(fmt.Sprint(p), tc.want) {
					t.Errorf("panic %v, want one saying %s", p, tc.want)
				}
			}()
			mustLoadRuleDocs(tc.files, tc.rules)
		})
	}
	docs, err := loadRuleDocs(fstest.MapFS{"df901_x.md": {Data: []byte(ok)}}, []*Rule{rule("DF901")})
	if err != nil || len(docs) != 1 {
		t.Errorf("a good file: %v, %v", docs, err)
	}
}
