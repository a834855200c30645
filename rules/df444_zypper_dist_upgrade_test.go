package rules

import "testing"

func TestDF444ZypperDistUpgrade(t *testing.T) {
	runCases(t, "DF444", []ruleCase{
		{name: "dist-upgrade", src: "FROM opensuse/leap:15.6\nRUN zypper -n dist-upgrade\n", want: 1, onbuild: true},
		{name: "dup", src: "FROM opensuse/leap:15.6\nRUN zypper refresh && zypper dup -y\n", want: 1},
		{name: "semicolon", src: "FROM opensuse/leap:15.6\nRUN zypper ref; zypper --non-interactive dup\n", want: 1},
		{name: "sh -c", src: "FROM opensuse/leap:15.6\nRUN sh -c 'zypper dup'\n", want: 1},
		{name: "heredoc", src: "FROM opensuse/leap:15.6\nRUN <<EOF\nzypper dup\nEOF\n", want: 1, noVariants: true},
		{name: "sudo", src: "FROM opensuse/leap:15.6\nRUN sudo zypper dup\n", want: 1},
		{name: "dry run", src: "FROM opensuse/leap:15.6\nRUN zypper dup --dry-run\n", want: 0},
		{name: "update", src: "FROM opensuse/leap:15.6\nRUN zypper -n update\n", want: 0, onbuild: true},
		{name: "install", src: "FROM opensuse/leap:15.6\nRUN zypper -n install dup\n", want: 0},
	})
}

// TestDF444HadolintCases covers hadolint's DL3035 spec with dflint's own
// Dockerfiles.
func TestDF444HadolintCases(t *testing.T) {
	runCases(t, "DF444", []ruleCase{
		{name: "DL3035 dist-upgrade", src: "FROM opensuse/leap:15.6\nRUN zypper dist-upgrade\n", want: 1, onbuild: true},
		{name: "DL3035 dup", src: "FROM opensuse/leap:15.6\nRUN zypper dup\n", want: 1, onbuild: true},
	})
}
