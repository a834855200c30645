package report

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/dflint/dflint/rules"
)

func TestStatistics(t *testing.T) {
	fix := func(a rules.Applicability) *rules.Fix { return &rules.Fix{Title: "t", Applicability: a} }
	run := &Run{Results: []Result{
		{Path: "a", Findings: []rules.Finding{
			{RuleID: "DF502", Name: "relative-workdir"},
			{RuleID: "DF401", Name: "apt-get-missing-yes", Fix: fix(rules.Unsafe)},
			{RuleID: "DF106", Name: "end-of-life-base", Fix: fix(rules.DisplayOnly)},
		}},
		{Path: "b", Findings: []rules.Finding{
			{RuleID: "DF401", Name: "apt-get-missing-yes", Fix: fix(rules.Safe)},
			{RuleID: "DF401", Name: "apt-get-missing-yes"},
			{RuleID: "DF301", Name: "runs-as-root", Fix: fix(rules.Unsafe)},
		}, Errors: []error{errors.New("rule DF999 failed")}},
	}}
	got := Statistics(run)
	want := []RuleCount{
		{"DF401", "apt-get-missing-yes", 3, "safe"}, // one safe fix is enough
		{"DF106", "end-of-life-base", 1, ""},        // display-only is never applied
		{"DF301", "runs-as-root", 1, "unsafe"},
		{"DF502", "relative-workdir", 1, ""},
	}
	if len(got) != len(want) {
		t.Fatalf("got %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("[%d] = %+v, want %+v", i, got[i], want[i])
		}
	}

	var buf bytes.Buffer
	rep, err := NewStatistics("text", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := rep.Report(&buf, run); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(buf.String(), "\n"), "\n")
	if lines[0] != "count  rule   fix     name" || lines[1] != "    3  DF401  safe    apt-get-missing-yes" {
		t.Errorf("table:\n%s", buf.String())
	}
	// The errors and the summary follow the table, as in the text format.
	if !strings.Contains(buf.String(), "b: error: rule DF999 failed\n") || !strings.HasPrefix(lines[len(lines)-1], "6 findings") {
		t.Errorf("no errors or summary after the table:\n%s", buf.String())
	}
	if _, err := NewStatistics("sarif", Options{}); err == nil {
		t.Error("--statistics accepted sarif")
	}
}
