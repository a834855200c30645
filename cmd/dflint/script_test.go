package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the scripts run `dflint` as a real process built from this
// package (testscript re-executes the test binary), so exit codes, stdin
// and stdout are tested exactly as a user sees them.
func TestMain(m *testing.M) {
	// A test that needs the real process (signals, the batch GC policy)
	// runs the test binary again with this variable set.
	if os.Getenv(runMainEnv) == "1" {
		os.Args = append([]string{"dflint"}, os.Args[1:]...)
		main()
	}
	testscript.Main(m, map[string]func(){
		"dflint": func() { os.Exit(run(os.Args[1:], systemIO())) },
	})
}

// TestScripts runs the repository's testdata/script/*.txtar. Besides testscript's own
// commands, scripts can use:
//
//	exits N PROG ARGS...   run PROG like exec and require exit code N
//	json FILE PATH WANT    parse FILE (stdout, stderr or a file) as JSON and
//	                       require the value at PATH (dot-separated keys and
//	                       indexes; "#" is a length) to print as WANT
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: filepath.Join("..", "..", "testdata", "script"),
		Setup: func(env *testscript.Env) error {
			// A developer's NO_COLOR or TERM must not change the results.
			env.Setenv("NO_COLOR", "")
			env.Setenv("TERM", "")
			// Date-dependent rules (DF106 end of life) judge by a fixed
			// day, so the scripts do not change meaning as time passes.
			env.Setenv("DFLINT_TODAY", "2026-03-01")
			// The repository's root, for scripts that run its files
			// (action/lint.sh).
			root, err := repoRoot()
			if err != nil {
				return err
			}
			env.Setenv("REPO", root)
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exits":    cmdExits,
			"json":     cmdJSON,
			"registry": cmdRegistry,
			"netguard": cmdNetguard,
		},
		Condition: func(cond string) (bool, error) {
			// root reads files whatever their mode, so permission tests
			// cannot fail the way they would for a user.
			if cond == "root" {
				return os.Geteuid() == 0, nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
		UpdateScripts: os.Getenv("UPDATE_SCRIPTS") != "",
	})
}

// cmdExits checks an exact exit code, which `exec` and `! exec` cannot:
// dflint's 1 (findings) and 2 (errors) mean different things to CI.
func cmdExits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits N PROG ARGS...")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exits: %q is not an exit code", args[0])
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("exits: %v", err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("exit code %d, want %d", got, want)
	}
}

func cmdJSON(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 3 {
		ts.Fatalf("usage: json FILE PATH WANT")
	}
	var v any
	if err := json.Unmarshal([]byte(ts.ReadFile(args[0])), &v); err != nil {
		ts.Fatalf("json: %s is not JSON: %v", args[0], err)
	}
	got, err := jsonPath(v, args[1])
	if err != nil {
		ts.Fatalf("json: %v", err)
	}
	if (got == args[2]) == neg {
		ts.Fatalf("json: %s is %q, want %s%q", args[1], got, map[bool]string{true: "not "}[neg], args[2])
	}
}

func jsonPath(v any, path string) (string, error) {
	for _, key := range strings.Split(path, ".") {
		if key == "" {
			continue
		}
		switch x := v.(type) {
		case map[string]any:
			if key == "#" {
				v = float64(len(x))
				continue
			}
			var ok bool
			if v, ok = x[key]; !ok {
				return "", fmt.Errorf("no key %q in %s", key, path)
			}
		case []any:
			if key == "#" {
				v = float64(len(x))
				continue
			}
			i, err := strconv.Atoi(key)
			if err != nil || i < 0 || i >= len(x) {
				return "", fmt.Errorf("no index %q (length %d) in %s", key, len(x), path)
			}
			v = x[i]
		default:
			return "", fmt.Errorf("%s: %q is below a %T", path, key, v)
		}
	}
	switch x := v.(type) {
	case string:
		return x, nil
	case nil:
		return "null", nil
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), nil
	case bool:
		return strconv.FormatBool(x), nil
	}
	b, _ := json.Marshal(v)
	return string(b), nil
}
