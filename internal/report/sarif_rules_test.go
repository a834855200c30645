package report

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dflint/dflint/rules"
)

// TestSARIFRuleDescriptions describes every registered rule as the SARIF
// output does and checks what GitHub code scanning requires of it: short
// and full descriptions of at most 1,024 characters (cut at a boundary,
// the whole text still in help), a help text, and, for every rule tagged
// security, a security-severity GitHub ranks.
func TestSARIFRuleDescriptions(t *testing.T) {
	cut := 0
	for _, r := range rules.All() {
		sr := sarifRuleOf(r.ID, r)
		for what, text := range map[string]string{"shortDescription": sr.ShortDescription.Text, "fullDescription": sr.FullDescription.Text} {
			if len(text) > sarifDescriptionLimit {
				t.Errorf("%s: %s has %d bytes, GitHub takes %d", r.ID, what, len(text), sarifDescriptionLimit)
			}
			if !utf8.ValidString(text) || strings.TrimSpace(text) == "" {
				t.Errorf("%s: %s %q is empty or cut inside a character", r.ID, what, text)
			}
		}
		if sr.FullDescription.Markdown != sr.FullDescription.Text {
			t.Errorf("%s: fullDescription's markdown and text differ", r.ID)
		}
		full := strings.TrimSpace(r.Doc().Description)
		if full != "" && sr.FullDescription.Text != full {
			cut++
			if !strings.HasPrefix(full, strings.TrimSuffix(sr.FullDescription.Text, " …")) {
				t.Errorf("%s: the cut description is not a prefix of the description", r.ID)
			}
			if strings.HasSuffix(sr.FullDescription.Text, ":") {
				t.Errorf("%s: the cut description ends with a colon, introducing what was cut", r.ID)
			}
			if !balanced(sr.FullDescription.Text) {
				t.Errorf("%s: the cut leaves a code span or block open: %q", r.ID, sr.FullDescription.Text)
			}
		}
		if sr.Help == nil || !strings.Contains(sr.Help.Text, full) || sr.Help.Markdown != sr.Help.Text {
			t.Errorf("%s: help does not hold the whole description", r.ID)
		}
		security := false
		for _, tag := range sr.Properties.Tags {
			security = security || tag == "security"
		}
		if strings.HasPrefix(r.ID, "DF3") && !security {
			t.Errorf("%s: a DF3xx rule is not tagged security", r.ID)
		}
		if security {
			score, err := strconv.ParseFloat(sr.Properties.SecuritySeverity, 64)
			if err != nil || score <= 0 || score > 10 {
				t.Errorf("%s: tagged security with security-severity %q, want a number in (0, 10]", r.ID, sr.Properties.SecuritySeverity)
			}
		} else if sr.Properties.SecuritySeverity != "" {
			t.Errorf("%s: security-severity without the security tag", r.ID)
		}
	}
	// Issue 20 found 27 of 81 descriptions over the limit: the test
	// must have seen cuts, or it checked nothing.
	if cut == 0 {
		t.Error("no rule's description was cut: is the limit applied?")
	}
	t.Logf("%d descriptions cut to %d bytes", cut, sarifDescriptionLimit)
}

func TestCutDescription(t *testing.T) {
	word := strings.Repeat("a", 9) + " " // 10 bytes
	tests := []struct {
		name, text string
		limit      int
		want       string
	}{
		{"short text is kept", "One. Two.", 20, "One. Two."},
		{"at a paragraph", "First paragraph.\n\nSecond one is long.", 30, "First paragraph."},
		{"at a sentence", "First one. Second one. Third one.", 25, "First one. Second one."},
		{"not after a paragraph that introduces what was cut", "First paragraph, long enough.\n\nList:\n\n- item one\n- item two", 40, "First paragraph, long enough."},
		{"at a word when no sentence ends late enough", "Short. " + strings.Repeat(word, 5), 40, "Short. aaaaaaaaa aaaaaaaaa aaaaaaaaa …"},
		{"not inside a code span", "See `a b c d e f g h` here and more words", 20, "See …"},
		{"not inside a code block", "Intro sentence here.\n\n```dockerfile\nRUN a. b. c. d\n```\n\nmore", 40, "Intro sentence here."},
		{"a word longer than the limit", strings.Repeat("é", 20), 11, "ééé …"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := cutDescription(tt.text, tt.limit)
			if got != tt.want {
				t.Errorf("cutDescription(%q, %d) = %q, want %q", tt.text, tt.limit, got, tt.want)
			}
			if len(got) > tt.limit {
				t.Errorf("%d bytes, over the limit %d", len(got), tt.limit)
			}
		})
	}
}

// TestSARIFDeletionFix: a fix that deletes text has an empty
// insertedContent, which reviewdog's SARIF reader needs.
func TestSARIFDeletionFix(t *testing.T) {
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID string `json:"ruleId"`
				Fixes  []struct {
					ArtifactChanges []struct {
						Replacements []map[string]json.RawMessage `json:"replacements"`
					} `json:"artifactChanges"`
				} `json:"fixes"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(render(t, "sarif", goldenRun(t))), &log); err != nil {
		t.Fatal(err)
	}
	deletions := 0
	for _, res := range log.Runs[0].Results {
		for _, fix := range res.Fixes {
			for _, rep := range fix.ArtifactChanges[0].Replacements {
				inserted, ok := rep["insertedContent"]
				if !ok {
					t.Errorf("%s: a replacement without insertedContent", res.RuleID)
					continue
				}
				var content struct{ Text *string }
				if err := json.Unmarshal(inserted, &content); err != nil || content.Text == nil {
					t.Errorf("%s: insertedContent %s has no text", res.RuleID, inserted)
				} else if *content.Text == "" {
					deletions++
				}
			}
		}
	}
	if deletions == 0 {
		t.Error("the golden run has no deletion (DF504's MAINTAINER removal) with an empty insertedContent")
	}
}
