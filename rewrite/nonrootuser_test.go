package rewrite

import (
	"strings"
	"testing"

	"github.com/dflint/dflint/internal/shellcmd"
)

func TestParseUserAdd(t *testing.T) {
	for argv, want := range map[string]userAdd{
		"useradd -ms /bin/bash localstack":                  {name: "localstack"},
		"useradd --create-home --gid docker unprivileged":   {name: "unprivileged", group: "docker"},
		"useradd -l -u 1001 -g app -G wheel app":            {name: "app", uid: "1001", group: "app"},
		"useradd --uid=2000 -s /sbin/nologin svc":           {name: "svc", uid: "2000"},
		"adduser -u 1001 -SHG mc mc":                        {name: "mc", uid: "1001", group: "mc"},
		"adduser -D -g 'Web user' -u 82 www":                {name: "www", uid: "82"},
		"adduser --disabled-password --gecos '' --uid 5 me": {name: "me", uid: "5"},
		"useradd --uid=1000 --gid app app":                  {name: "app", uid: "1000", group: "app"},
		"adduser --uid $ --ingroup app app":                 {name: "app", group: "app"},
		"adduser $ --ingroup app app":                       {name: "app", group: "app"},
		"useradd --uid 1000 $":                              {},
	} {
		got, ok := parseUserAdd(shellcmd.Simple{Argv: strings.Fields(strings.ReplaceAll(strings.ReplaceAll(argv, "'Web user'", "Web"), "''", "x"))})
		if want.name == "" {
			if ok {
				t.Errorf("%s: got %+v, want no user", argv, got)
			}
			continue
		}
		if !ok || got != want {
			t.Errorf("%s: got %+v %v, want %+v", argv, got, ok, want)
		}
	}
}
