package rules

import "testing"

func TestDF443YumDnfZypperUnpinned(t *testing.T) {
	runCases(t, "DF443", []ruleCase{
		{name: "yum", src: "FROM centos:7\nRUN yum install -y httpd\n", want: 1, onbuild: true},
		{name: "yum pinned", src: "FROM centos:7\nRUN yum install -y httpd-2.4.6\n", want: 0, onbuild: true},
		{name: "dash name", src: "FROM centos:7\nRUN yum install -y python3-devel\n", want: 1},
		{name: "rpm", src: "FROM centos:7\nRUN yum install -y https://x/epel-release-latest-7.noarch.rpm\n", want: 0},
		{name: "group", src: "FROM fedora:40\nRUN dnf install -y @development-tools\n", want: 0},
		{name: "variable", src: "FROM fedora:40\nRUN dnf install -y $PKGS\n", want: 0},
		{name: "zypper", src: "FROM opensuse/leap:15.6\nRUN zypper -n in curl\n", want: 1},
		{name: "zypper pinned", src: "FROM opensuse/leap:15.6\nRUN zypper -n in 'curl=8.0'\n", want: 0},
		{name: "option value", src: "FROM fedora:40\nRUN dnf install -y --enablerepo crb gcc-12\n", want: 0},
		{name: "sh -c", src: "FROM centos:7\nRUN sh -c 'yum install -y httpd'\n", want: 1},
		{name: "heredoc", src: "FROM centos:7\nRUN <<EOF\nyum install -y httpd\nEOF\n", want: 1, noVariants: true},
		{name: "two", src: "FROM centos:7\nRUN yum install -y a && microdnf install -y b; yum install -y c-1\n", want: 2},
	})
}
