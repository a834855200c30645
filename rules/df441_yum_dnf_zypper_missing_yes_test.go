package rules

import "testing"

func TestDF441YumDnfZypperMissingYes(t *testing.T) {
	runCases(t, "DF441", []ruleCase{
		{name: "yum", src: "FROM centos:7\nRUN yum install httpd\n", want: 1, onbuild: true},
		{name: "yum y", src: "FROM centos:7\nRUN yum install -y httpd\n", want: 0, onbuild: true},
		{name: "yum y first", src: "FROM centos:7\nRUN yum -y install httpd\n", want: 0},
		{name: "assumeyes", src: "FROM centos:7\nRUN yum --assumeyes install httpd\n", want: 0},
		{name: "setopt", src: "FROM centos:7\nRUN yum --setopt=assumeyes=1 install httpd\n", want: 0},
		{name: "dnf", src: "FROM fedora:40\nRUN dnf install httpd\n", want: 1},
		{name: "dnf groupinstall", src: "FROM fedora:40\nRUN dnf groupinstall 'Development Tools'\n", want: 1},
		{name: "microdnf", src: "FROM registry.access.redhat.com/ubi9/ubi-minimal\nRUN microdnf install httpd\n", want: 1},
		{name: "zypper", src: "FROM opensuse/leap:15.6\nRUN zypper install curl\n", want: 1},
		{name: "zypper in", src: "FROM opensuse/leap:15.6\nRUN zypper in curl\n", want: 1},
		{name: "zypper n", src: "FROM opensuse/leap:15.6\nRUN zypper -n install curl\n", want: 0},
		{name: "zypper non-interactive", src: "FROM opensuse/leap:15.6\nRUN zypper --non-interactive in curl\n", want: 0},
		{name: "zypper y", src: "FROM opensuse/leap:15.6\nRUN zypper install -y curl\n", want: 0},
		{name: "and chain", src: "FROM centos:7\nRUN yum makecache && yum install httpd && yum clean all\n", want: 1},
		{name: "semicolon", src: "FROM centos:7\nRUN yum install a; yum install -y b\n", want: 1},
		{name: "sh -c", src: "FROM centos:7\nRUN sh -c 'yum install httpd'\n", want: 1},
		{name: "heredoc", src: "FROM centos:7\nRUN <<EOF\nyum install httpd\nEOF\n", want: 1, noVariants: true},
		{name: "sudo", src: "FROM centos:7\nRUN sudo yum install httpd\n", want: 1},
		{name: "update", src: "FROM centos:7\nRUN yum update -y\n", want: 0},
		{name: "echo", src: "FROM centos:7\nRUN echo yum install httpd\n", want: 0},
		{name: "subcommand after --", src: "FROM fedora:41\nRUN dnf -- in\n", want: 1},
		{name: "subcommand after --, -y before it", src: "FROM fedora:41\nRUN dnf -y -- in\n", want: 0},
		{name: "enablerepo value", src: "FROM centos:7\nRUN yum --enablerepo install install -y httpd\n", want: 0},
	})
}

func TestDF441Fix(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"yum", "FROM centos:7\nRUN yum install httpd\n", "FROM centos:7\nRUN yum install -y httpd\n"},
		{"dnf options", "FROM fedora:40\nRUN dnf --setopt=tsflags=nodocs install httpd\n", "FROM fedora:40\nRUN dnf --setopt=tsflags=nodocs install -y httpd\n"},
		{"zypper", "FROM opensuse/leap:15.6\nRUN zypper in curl\n", "FROM opensuse/leap:15.6\nRUN zypper -n in curl\n"},
		{"zypper path", "FROM opensuse/leap:15.6\nRUN sudo /usr/bin/zypper install curl\n", "FROM opensuse/leap:15.6\nRUN sudo /usr/bin/zypper -n install curl\n"},
		{"heredoc", "FROM centos:7\nRUN <<EOF\nyum install a\nEOF\n", "FROM centos:7\nRUN <<EOF\nyum install -y a\nEOF\n"},
		{"crlf", "FROM centos:7\r\nRUN yum install \\\r\n    a\r\n", "FROM centos:7\r\nRUN yum install -y \\\r\n    a\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := df5ApplyFixes(t, tt.src, "DF441"); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}
