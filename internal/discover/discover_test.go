package discover

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestIsDockerfileName(t *testing.T) {
	yes := []string{"Dockerfile", "dockerfile", "Containerfile", "Dockerfile.dev", "Containerfile.prod",
		"api.Dockerfile", "api.dockerfile", "web.containerfile", "DOCKERFILE",
		// Extensions that are variants, not other kinds of file; a name
		// that ends in .Dockerfile is one whatever comes before.
		"Dockerfile.copy", "Dockerfile.3.12", "Dockerfile.alpine", "Dockerfile.mdx", "Dockerfile.md.dockerfile"}
	no := []string{"Dockerfile.dockerignore", "api.Dockerfile.dockerignore", ".dockerfile", "README.md",
		"Dockerfiles", "docker-compose.yml", "dockerfile-lint", ".containerfile",
		// The extension says it is something else: docs, leftovers, templates.
		"Dockerfile.md", "Dockerfile.prod.md", "Containerfile.TXT", "Dockerfile.orig", "Dockerfile.rej",
		"Dockerfile.swp", "Dockerfile.bak", "Dockerfile.j2", "Dockerfile.tmpl", "Dockerfile.template", "Dockerfile.in"}
	for _, n := range yes {
		if !IsDockerfileName(n) {
			t.Errorf("IsDockerfileName(%q) = false, want true", n)
		}
	}
	for _, n := range no {
		if IsDockerfileName(n) {
			t.Errorf("IsDockerfileName(%q) = true, want false", n)
		}
	}
}

func TestTargets(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"a/Dockerfile", "a/b/x.Dockerfile", "a/vendor/Dockerfile", "a/node_modules/Dockerfile",
		"a/.git/Dockerfile", "a/notes.txt", "empty/README", "other.txt"} {
		p = filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("FROM scratch\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A symlink to a Dockerfile is followed; one to a directory is not.
	if err := os.Symlink(filepath.Join(dir, "a/Dockerfile"), filepath.Join(dir, "a/link.Dockerfile")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "a"), filepath.Join(dir, "a/b/Dockerfile.loop")); err != nil {
		t.Fatal(err)
	}
	rel := func(p string) string {
		if !filepath.IsAbs(p) {
			return p
		}
		r, _ := filepath.Rel(dir, p)
		return filepath.ToSlash(r)
	}

	got := Targets([]string{
		filepath.Join(dir, "other.txt"),
		filepath.Join(dir, "a"),
		"-",
		filepath.Join(dir, "missing"),
		filepath.Join(dir, "empty"),
		filepath.Join(dir, "a/Dockerfile"), // again: dropped
		"-",
	}, Options{StdinFilename: "in.Dockerfile"})

	var lines []string
	for _, tg := range got {
		s := rel(tg.Path)
		if tg.Stdin {
			s = "stdin:" + tg.Path
		}
		if tg.Err != nil {
			s += " error: " + tg.Err.Error()
		}
		lines = append(lines, s)
	}
	want := []string{
		"other.txt",
		"a/Dockerfile",
		"a/b/x.Dockerfile",
		"a/link.Dockerfile",
		"stdin:in.Dockerfile",
		"missing error: no such file or directory",
		"empty error: no Dockerfiles found in this directory (looked for Dockerfile, Containerfile, Dockerfile.*, *.Dockerfile, ...); name a file to lint it under another name",
		"in.Dockerfile error: standard input (-) can be given only once",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("Targets:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}

// TestSymlinkPolicies: which links each policy follows, named or found,
// and that a refused one is an error on the link.
func TestSymlinkPolicies(t *testing.T) {
	dir := t.TempDir()
	mk := func(p string) {
		p = filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("FROM scratch\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := func(target, at string) {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, at)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, filepath.Join(dir, at)); err != nil {
			t.Fatal(err)
		}
	}
	mk("outside/Dockerfile")
	mk("repo/.git/HEAD")
	mk("repo/common/Dockerfile")
	link("../common/Dockerfile", "repo/svc/in.Dockerfile")
	link(filepath.Join(dir, "outside/Dockerfile"), "repo/svc/out.Dockerfile")
	link("../outside", "repo/outdir")

	run := func(policy SymlinkPolicy, args ...string) string {
		var lines []string
		for i := range args {
			args[i] = filepath.Join(dir, args[i])
		}
		for _, tg := range Targets(args, Options{Symlinks: policy}) {
			s, _ := filepath.Rel(dir, tg.Path)
			if tg.Err != nil {
				s += " refused"
				if !strings.Contains(tg.Err.Error(), "--follow-symlinks="+policy.String()) {
					t.Errorf("%s: error %q does not name the policy", s, tg.Err)
				}
			}
			lines = append(lines, filepath.ToSlash(s))
		}
		return strings.Join(lines, ", ")
	}
	for _, c := range []struct {
		policy SymlinkPolicy
		args   []string
		want   string
	}{
		{FollowInside, []string{"repo"}, "repo/common/Dockerfile, repo/svc/in.Dockerfile, repo/svc/out.Dockerfile refused"},
		{FollowInside, []string{"repo/svc/in.Dockerfile", "repo/svc/out.Dockerfile", "repo/outdir/Dockerfile"},
			"repo/svc/in.Dockerfile, repo/svc/out.Dockerfile refused, repo/outdir/Dockerfile refused"},
		{FollowNone, []string{"repo"}, "repo/common/Dockerfile, repo/svc/in.Dockerfile refused, repo/svc/out.Dockerfile refused"},
		// none looks at the file itself: a link in the directories above
		// it is the user's own doing.
		{FollowNone, []string{"repo/svc/in.Dockerfile", "repo/outdir/Dockerfile"}, "repo/svc/in.Dockerfile refused, repo/outdir/Dockerfile"},
		{FollowAll, []string{"repo", "repo/outdir/Dockerfile"}, "repo/common/Dockerfile, repo/svc/in.Dockerfile, repo/svc/out.Dockerfile, repo/outdir/Dockerfile"},
	} {
		if got := run(c.policy, c.args...); got != c.want {
			t.Errorf("%s %v:\n got %s\nwant %s", c.policy, c.args, got, c.want)
		}
	}

	// `..` after a link leads up from where the link leads, not from
	// where it is: repo/outlink/../Dockerfile is outside/Dockerfile.
	if err := os.MkdirAll(filepath.Join(dir, "outside/sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	link("../outside/sub", "repo/outlink")
	mk("repo/Dockerfile")                         // where the path would lead with the `..` dropped
	dotdot := dir + "/repo/outlink/../Dockerfile" // not filepath.Join: it would drop the `..`
	if ts := Targets([]string{dotdot}, Options{Symlinks: FollowInside}); len(ts) != 1 || ts[0].Err == nil {
		t.Errorf("%s: followed out of the git work tree: %+v", dotdot, ts)
	}

	for in, want := range map[string]SymlinkPolicy{"inside": FollowInside, "ALL": FollowAll, " none ": FollowNone} {
		if got, err := ParseSymlinkPolicy(in); err != nil || got != want {
			t.Errorf("ParseSymlinkPolicy(%q) = %v, %v", in, got, err)
		}
	}
	if _, err := ParseSymlinkPolicy("never"); err == nil {
		t.Error("ParseSymlinkPolicy(never): no error")
	}
}
