package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/dflint/dflint/rules"
)

func init() { register("junit", func(Options) Reporter { return junitReporter{} }) }

// junitReporter writes JUnit XML, the test report that Jenkins (junit),
// GitLab (artifacts:reports:junit) and Azure Pipelines (PublishTestResults)
// show as passed and failed tests.
//
// One <testsuite> per linted path, named by the path. In it, one <testcase>
// per rule that fired in the file (name "DF104 full-base-image", classname
// the path) with one <failure> that lists each of its findings, one per
// line, in the gnu format; a path without findings has one passing
// testcase named "dflint", so that a dashboard shows it as checked and
// passed; a path that could not be linted has a testcase "dflint/error"
// with an <error>.
//
// Why a testcase per rule and not per finding: CI dashboards know a test by
// its suite, classname and name, and compare runs by them. GitLab keys a
// test by suite_name + classname + name and keeps one test per key
// (lib/gitlab/ci/reports/test_case.rb and test_suite.rb, read 2026-12-07),
// so two findings of one rule in one file would show as one, and a name
// with a line number in it makes every finding below an added line "newly
// failed" in the merge request. Per rule, the name is stable, no finding is
// hidden (the failure lists them all), and "newly failed" means a rule that
// did not fail in the file before. Jenkins tracks a test's age ("failing
// since") by the same identity.
//
// The XML keeps to the shape of Jenkins's JUnit schema (jenkinsci/
// xunit-plugin junit-10.xsd, read 2026-12-07): testsuites > testsuite
// (name, tests, failures, errors required) > testcase (name required,
// classname) > failure | error (type, message, text). It carries no times
// or timestamps, so the same input gives the same bytes.
type junitReporter struct{}

type junitTestsuites struct {
	XMLName  xml.Name         `xml:"testsuites"`
	Name     string           `xml:"name,attr"`
	Tests    int              `xml:"tests,attr"`
	Failures int              `xml:"failures,attr"`
	Errors   int              `xml:"errors,attr"`
	Suites   []junitTestsuite `xml:"testsuite"`
}

type junitTestsuite struct {
	Name     string          `xml:"name,attr"`
	Tests    int             `xml:"tests,attr"`
	Failures int             `xml:"failures,attr"`
	Errors   int             `xml:"errors,attr"`
	Cases    []junitTestcase `xml:"testcase"`
}

type junitTestcase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Failure   *junitProblem `xml:"failure"`
	Error     *junitProblem `xml:"error"`
}

// junitProblem is a <failure> or an <error>: type and message are what the
// dashboards show in the list, the text is the detail.
type junitProblem struct {
	Type    string `xml:"type,attr"`
	Message string `xml:"message,attr"`
	Text    string `xml:",chardata"`
}

// junitPassName names the one passing testcase of a clean file.
const junitPassName = "dflint"

func (junitReporter) Report(w io.Writer, run *Run) error {
	all := junitTestsuites{Name: "dflint"}
	for i := range run.Results {
		r := &run.Results[i]
		suite := junitTestsuite{Name: r.Path}
		// Testcases come in the order of each rule's first finding.
		byRule := map[string]*junitTestcase{}
		worst := map[string]rules.Severity{}
		count := map[string]int{}
		var order []string
		for j := range r.Findings {
			f := &r.Findings[j]
			tc, ok := byRule[f.RuleID]
			if !ok {
				tc = &junitTestcase{Name: ruleTitle(f.RuleID, f.Name), Classname: r.Path, Failure: &junitProblem{}}
				byRule[f.RuleID] = tc
				order = append(order, f.RuleID)
			}
			count[f.RuleID]++
			worst[f.RuleID] = max(worst[f.RuleID], f.Severity)
			if count[f.RuleID] == 1 {
				tc.Failure.Message = fmt.Sprintf("line %d: %s", f.Line, f.Message)
			}
			tc.Failure.Text += fmt.Sprintf("%s:%d:%d: %s: %s\n", r.Path, f.Line, f.Column, f.Severity, f.Message)
		}
		for _, id := range order {
			tc := byRule[id]
			tc.Failure.Type = worst[id].String()
			if n := count[id]; n > 1 {
				tc.Failure.Message = strconv.Itoa(n) + " findings; the first at " + tc.Failure.Message
			}
			suite.Cases = append(suite.Cases, *tc)
			suite.Failures++
		}
		if len(r.Errors) > 0 {
			var msgs []string
			for _, err := range r.Errors {
				msgs = append(msgs, err.Error())
			}
			suite.Cases = append(suite.Cases, junitTestcase{Name: errorCheckName, Classname: r.Path,
				Error: &junitProblem{Type: "error", Message: msgs[0], Text: strings.Join(msgs, "\n") + "\n"}})
			suite.Errors++
		}
		if len(suite.Cases) == 0 {
			suite.Cases = append(suite.Cases, junitTestcase{Name: junitPassName, Classname: r.Path})
		}
		suite.Tests = len(suite.Cases)
		all.Tests += suite.Tests
		all.Failures += suite.Failures
		all.Errors += suite.Errors
		all.Suites = append(all.Suites, suite)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(all); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
