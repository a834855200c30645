package rules

import "testing"

func TestDF442YumDnfZypperNoClean(t *testing.T) {
	runCases(t, "DF442", []ruleCase{
		{name: "yum", src: "FROM centos:7\nRUN yum install -y httpd\n", want: 1, onbuild: true},
		{name: "yum clean", src: "FROM centos:7\nRUN yum install -y httpd && yum clean all\n", want: 0, onbuild: true},
		{name: "clean packages only", src: "FROM centos:7\nRUN yum install -y httpd && yum clean packages\n", want: 1},
		{name: "rm cache", src: "FROM centos:7\nRUN yum install -y httpd && rm -rf /var/cache/yum\n", want: 0},
		{name: "dnf rm", src: "FROM fedora:40\nRUN dnf install -y httpd; rm -rf /var/cache/dnf/*\n", want: 0},
		{name: "microdnf clean", src: "FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf install -y httpd && microdnf clean all\n", want: 0},
		{name: "zypper", src: "FROM opensuse/leap:15.6\nRUN zypper -n install curl\n", want: 1},
		{name: "zypper clean", src: "FROM opensuse/leap:15.6\nRUN zypper -n install curl && zypper clean -a\n", want: 0},
		{name: "zypper cc", src: "FROM opensuse/leap:15.6\nRUN zypper -n install curl && zypper cc\n", want: 0},
		{name: "cache mount", src: "FROM fedora:40\nRUN --mount=type=cache,target=/var/cache/dnf dnf install -y httpd\n", want: 0},
		{name: "sh -c", src: "FROM centos:7\nRUN sh -c 'yum install -y httpd'\n", want: 1},
		{name: "heredoc", src: "FROM centos:7\nRUN <<EOF\nyum install -y httpd\nyum clean all\nEOF\n", want: 0, noVariants: true},
		{name: "builder stage", src: "FROM centos:7 AS build\nRUN yum install -y gcc\nFROM scratch\nCOPY --from=build /x /x\n", want: 0},
		{name: "no install", src: "FROM centos:7\nRUN yum makecache\n", want: 0},
	})
}

func TestDF442Fix(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"yum", "FROM centos:7\nRUN yum install -y httpd\n", "FROM centos:7\nRUN yum install -y httpd && yum clean all\n"},
		{"microdnf", "FROM ubi\nRUN microdnf install -y a && echo ok\n", "FROM ubi\nRUN microdnf install -y a && echo ok && microdnf clean all\n"},
		{"zypper", "FROM opensuse/leap:15.6\nRUN zypper -n in curl\n", "FROM opensuse/leap:15.6\nRUN zypper -n in curl && zypper clean --all\n"},
		{"sudo", "FROM centos:7\nRUN sudo yum install -y a\n", "FROM centos:7\nRUN sudo yum install -y a && sudo yum clean all\n"},
		{"heredoc set -e", "FROM centos:7\nRUN <<EOF\nset -e\n  yum install -y a\nEOF\n", "FROM centos:7\nRUN <<EOF\nset -e\n  yum install -y a\n  yum clean all\nEOF\n"},
		{"crlf", "FROM centos:7\r\nRUN yum install -y \\\r\n    a\r\n", "FROM centos:7\r\nRUN yum install -y \\\r\n    a && yum clean all\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := df5ApplyFixes(t, tt.src, "DF442"); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}
