package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/spf13/pflag"
)

// TestOutputSpecs: how the output flags pair up, in the order given.
func TestOutputSpecs(t *testing.T) {
	for _, c := range []struct {
		args string
		want string // format>destination, space-separated; or "error: ..."
	}{
		{"", "text>stdout"},
		{"--format json", "json>stdout"},
		{"-o r.txt", "text>r.txt"},
		{"--format sarif -o a.sarif", "sarif>a.sarif"},
		{"-o a.sarif --format sarif", "sarif>a.sarif"},
		{"-o - --format sarif", "sarif>stdout"},
		{"--format sarif -o a.sarif --format text", "sarif>a.sarif text>stdout"},
		{"-f sarif -o a.sarif -f gnu", "sarif>a.sarif gnu>stdout"},
		{"--format json --format sarif -o s", "json>stdout sarif>s"},
		{"-o a --format sarif --format json", "sarif>a json>stdout"},
		{"--output.sarif.path a --output.text.path stdout", "sarif>a text>stdout"},
		{"--output.json.path stderr --format gnu", "json>stderr gnu>stdout"},
		{"--output.json.path - -o r.txt", "json>stdout text>r.txt"},
		{"--output.code-climate.path cq.json --output.junit-xml.path j.xml", "code-climate>cq.json junit-xml>j.xml"},
		{"--format sarif --format json", "error: --format sarif and --format json both write to standard output"},
		{"--format sarif -o a -o b", "error: -o b has no --format of its own"},
		{"-o a -o b", "error: -o b has no --format of its own"},
		{"--output.sarif.path a -o b", "sarif>a text>b"},
		{"--format json -o a --format sarif -o ./a", "error: --format json -o a and --format sarif -o ./a both write to ./a"},
	} {
		t.Run(c.args, func(t *testing.T) {
			var o outputFlags
			f := pflag.NewFlagSet("t", pflag.ContinueOnError)
			o.register(f, "format")
			if err := f.Parse(strings.Fields(c.args)); err != nil {
				t.Fatal(err)
			}
			specs, err := o.specs()
			if err != nil {
				if !strings.HasPrefix(c.want, "error: ") || !strings.Contains(err.Error(), strings.TrimPrefix(c.want, "error: ")) {
					t.Fatalf("error %v, want %s", err, c.want)
				}
				return
			}
			var got []string
			for _, s := range specs {
				dest := map[destination]string{toStdout: "stdout", toStderr: "stderr"}[s.dest]
				if s.dest == toFile {
					dest = s.path
				}
				got = append(got, fmt.Sprintf("%s>%s", s.format, dest))
			}
			if strings.Join(got, " ") != c.want {
				t.Errorf("got %s, want %s", strings.Join(got, " "), c.want)
			}
		})
	}
}
