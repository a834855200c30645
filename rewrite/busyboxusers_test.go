package rewrite

import (
	"strings"
	"testing"

	"github.com/dflint/dflint/internal/shellcmd"
	"github.com/dflint/dflint/parser"
)

// firstCommand parses `RUN <script>` and returns the RUN's first command
// that the conversion is about (not the `id` before `||`).
func firstCommand(t *testing.T, script string) *shellcmd.Command {
	t.Helper()
	f := parser.Parse("Dockerfile", []byte("FROM debian:bookworm-slim\nRUN "+script+"\n"))
	if f.Err != nil {
		t.Fatalf("%q: %v", script, f.Err.Message)
	}
	run := f.Instructions[len(f.Instructions)-1]
	cmds := shellcmd.CommandsIn(run)
	for _, c := range cmds {
		switch c.Name() {
		case "useradd", "groupadd", "usermod", "dpkg", "adduser", "curl":
			return c
		}
	}
	t.Fatalf("%q: no command to convert", script)
	return nil
}

func TestConvertBusyBoxCommand(t *testing.T) {
	tests := []struct {
		script, from string
		// want is the RUN's text afterwards; why, when set, a part of
		// the refusal.
		want, why string
	}{
		// Debian's useradd makes no home unless -m; BusyBox's does
		// unless -H.
		{script: "useradd app", from: "apt", want: "adduser -D -H app"},
		{script: "useradd -m app", from: "apt", want: "adduser -D app"},
		{script: "useradd --create-home app", from: "apt", want: "adduser -D app"},
		// RHEL's useradd makes one unless -M.
		{script: "useradd app", from: "rpm", want: "adduser -D app"},
		{script: "useradd -M app", from: "rpm", want: "adduser -D -H app"},
		{script: "useradd --no-create-home app", from: "rpm", want: "adduser -D -H app"},
		// Values in the next word, after "=", in a cluster, with
		// variables: moved as written.
		{script: "useradd -u 1000 -g app -d /srv/app -s /bin/bash app", from: "apt", want: "adduser -h /srv/app -s /bin/bash -G app -D -H -u 1000 app"},
		{script: "useradd --uid=1000 --gid=app --home-dir=/srv --shell=/bin/sh app", from: "apt", want: "adduser -h /srv -s /bin/sh -G app -D -H -u 1000 app"},
		{script: "useradd -rmu1000 app", from: "apt", want: "addgroup -S -g 1000 app && adduser -G app -S -u 1000 app"},
		{script: `useradd -u "$APP_UID" -g "$APP_GID" "$APP_USER"`, from: "apt", want: `adduser -G "$APP_GID" -D -H -u "$APP_UID" "$APP_USER"`},
		{script: "useradd -u${UID} app", from: "apt", why: "cannot be moved as written"},
		{script: `useradd -c "App user" -k /etc/skel -m app`, from: "apt", want: `adduser -g "App user" -D -k /etc/skel app`},
		// A system user: its group first, as useradd -r makes one.
		{script: "useradd -r app", from: "apt", want: "addgroup -S app && adduser -G app -S -H app"},
		{script: "useradd --system -g nogroup app", from: "apt", want: "adduser -G nogroup -S -H app"},
		// Supplementary groups: one adduser USER GROUP each.
		{script: "useradd -G wheel,audio app", from: "apt", want: "adduser -D -H app && adduser app wheel && adduser app audio"},
		// Several commands where && would change the meaning: braces.
		{script: "id app || useradd -G wheel app", from: "apt", want: "id app || { adduser -D -H app && adduser app wheel; }"},
		{script: "useradd -G wheel app > /dev/null", from: "apt", want: "{ adduser -D -H app && adduser app wheel; } > /dev/null"},
		{script: "useradd -G wheel app | cat", from: "apt", want: "{ adduser -D -H app && adduser app wheel; } | cat"},
		// Options that change nothing on BusyBox go.
		{script: "useradd -l -U app", from: "apt", want: "adduser -D -H app"},
		{script: "useradd --no-log-init -N -g users app", from: "apt", want: "adduser -G users -D -H app"},
		// Options BusyBox has no equivalent for.
		{script: "useradd -p x app", from: "apt", why: "`useradd -p` has no BusyBox adduser equivalent"},
		{script: "useradd -o -u 0 app", from: "apt", why: "`useradd -o`"},
		{script: "useradd -e 2030-01-01 app", from: "apt", why: "`useradd -e`"},
		{script: "useradd -N app", from: "apt", why: "`useradd -N` without -g"},
		{script: "useradd -G $GROUPS app", from: "apt", why: "not plain names"},
		{script: "useradd a b", from: "apt", why: "exactly one user name"},
		{script: "sudo useradd -G wheel app", from: "apt", why: "behind a wrapper"},
		// groupadd.
		{script: "groupadd app", from: "apt", want: "addgroup app"},
		{script: "groupadd -r -g 1000 app", from: "apt", want: "addgroup -g 1000 -S app"},
		{script: "groupadd --system --gid=1000 app", from: "apt", want: "addgroup -g 1000 -S app"},
		{script: "groupadd -f app", from: "apt", why: "`groupadd -f`"},
		{script: "groupadd -o -g 0 app", from: "apt", why: "`groupadd -o`"},
		// usermod -aG only.
		{script: "usermod -aG docker app", from: "apt", want: "adduser app docker"},
		{script: "usermod -a -G docker,wheel app", from: "apt", want: "adduser app docker && adduser app wheel"},
		{script: "usermod -G docker app", from: "apt", why: "other than `usermod -aG`"},
		{script: "usermod -s /bin/sh app", from: "apt", why: "`usermod -s`"},
		// dpkg --print-architecture, in Debian's names.
		{script: "dpkg --print-architecture", from: "apt", want: dpkgArchText},
		{script: `echo "$(dpkg --print-architecture)"`, from: "apt", want: `echo "$(` + dpkgArchText + `)"`},
	}
	for _, tt := range tests {
		c := firstCommand(t, tt.script)
		e, why, ok := convertBusyBoxCommand(c, tt.from)
		if !ok {
			t.Errorf("%q: not a command the conversion knows", tt.script)
			continue
		}
		if tt.why != "" {
			if why == "" || !strings.Contains(why, tt.why) {
				t.Errorf("%q: refusal %q, want one saying %q", tt.script, why, tt.why)
			}
			continue
		}
		if why != "" {
			t.Errorf("%q: refused: %s", tt.script, why)
			continue
		}
		src := c.Call.Script.Instruction.File.Source
		run := string(src[:e.Start]) + e.NewText + string(src[e.End:])
		got := strings.TrimSuffix(strings.TrimPrefix(run, "FROM debian:bookworm-slim\nRUN "), "\n")
		if got != tt.want {
			t.Errorf("%q from %s:\n got %q\nwant %q", tt.script, tt.from, got, tt.want)
		}
		if f := parser.Parse("Dockerfile", []byte(run)); f.Err != nil || len(f.Instructions[len(f.Instructions)-1].Scripts()) == 0 || f.Instructions[len(f.Instructions)-1].Scripts()[0].AST == nil {
			t.Errorf("%q: the converted RUN does not parse as shell: %q", tt.script, run)
		}
	}
}

// TestConvertBusyBoxCommandLeavesOthers: other commands, and useradd on
// an Alpine stage (which installed shadow, as Wolfi can), are not
// converted.
func TestConvertBusyBoxCommandLeavesOthers(t *testing.T) {
	for _, tt := range []struct{ script, from string }{
		{"dpkg -i x.deb", "apt"},
		{"adduser -D app", "apt"},
		{"useradd app", "apk"},
		{"curl -fsSL https://example.com", "apt"},
	} {
		if _, why, ok := convertBusyBoxCommand(firstCommand(t, tt.script), tt.from); ok {
			t.Errorf("%q from %s: converted (why %q), want left alone", tt.script, tt.from, why)
		}
	}
}
