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
		{name: "dnf rei", src: "FROM fedora:41\nRUN dnf rei bash\n", want: 1},
		// hadolint's DL3030, DL3038 and DL3034 cases, in dflint's own Dockerfiles.
		{name: "DL3030 yum", src: "FROM centos:7\nRUN yum install nginx-1.20 && yum clean all\n", want: 1, onbuild: true},
		{name: "DL3030 yum y", src: "FROM centos:7\nRUN yum install -y nginx-1.20 && yum clean all\n", want: 0, onbuild: true},
		{name: "DL3030 yum localinstall", src: "FROM centos:7\nRUN yum localinstall /tmp/app.rpm\n", want: 1},
		{name: "DL3030 not yum", src: "FROM centos:7\nRUN bash -c 'echo no package manager'\n", want: 0},
		{name: "DL3038 dnf", src: "FROM fedora:41\nRUN dnf install nginx-1.20 && dnf clean all\n", want: 1, onbuild: true},
		{name: "DL3038 microdnf", src: "FROM ubi9-minimal\nRUN microdnf install nginx-1.20 && microdnf clean all\n", want: 1},
		{name: "DL3038 dnf y", src: "FROM fedora:41\nRUN dnf install -y nginx-1.20 && dnf clean all\n", want: 0},
		{name: "DL3038 microdnf y", src: "FROM ubi9-minimal\nRUN microdnf install -y nginx-1.20 && microdnf clean all\n", want: 0},
		{name: "DL3038 not dnf", src: "FROM fedora:41\nRUN notdnf install nginx\n", want: 0},
		{name: "DL3034 zypper install", src: "FROM opensuse/leap:15.6\nRUN zypper install nginx=1.20 && zypper clean\n", want: 1, onbuild: true},
		{name: "DL3034 n", src: "FROM opensuse/leap:15.6\nRUN zypper install -n nginx=1.20 && zypper clean\n", want: 0},
		{name: "DL3034 non-interactive", src: "FROM opensuse/leap:15.6\nRUN zypper install --non-interactive nginx=1.20\n", want: 0},
		{name: "DL3034 no-confirm", src: "FROM opensuse/leap:15.6\nRUN zypper install --no-confirm nginx=1.20\n", want: 0},
		{name: "DL3034 zypper remove", src: "FROM opensuse/leap:15.6\nRUN zypper remove nginx\n", want: 1, onbuild: true},
		{name: "DL3034 zypper rm", src: "FROM opensuse/leap:15.6\nRUN zypper rm nginx\n", want: 1},
		{name: "DL3034 zypper rm n", src: "FROM opensuse/leap:15.6\nRUN zypper -n rm nginx\n", want: 0},
		{name: "DL3034 zypper source-install", src: "FROM opensuse/leap:15.6\nRUN zypper source-install nginx\n", want: 1},
		{name: "DL3034 zypper si", src: "FROM opensuse/leap:15.6\nRUN zypper si nginx\n", want: 1},
		{name: "DL3034 zypper patch", src: "FROM opensuse/leap:15.6\nRUN zypper patch\n", want: 1},
		{name: "DL3034 zypper patch y", src: "FROM opensuse/leap:15.6\nRUN zypper patch -y\n", want: 0},
		{name: "dnf group install", src: "FROM fedora:41\nRUN dnf group install 'Development Tools'\n", want: 1},
		{name: "dnf group install y", src: "FROM fedora:41\nRUN dnf -y group install 'Development Tools'\n", want: 0},
		{name: "dnf module install", src: "FROM rockylinux:9\nRUN dnf module install nodejs:20\n", want: 1},
		{name: "dnf group list", src: "FROM fedora:41\nRUN dnf group list\n", want: 0},
		{name: "zypper refresh", src: "FROM opensuse/leap:15.6\nRUN zypper refresh\n", want: 0},
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
