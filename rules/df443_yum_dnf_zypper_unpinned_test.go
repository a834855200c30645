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

// TestDF443Variables: a version from a variable counts only when the
// variable is defined (issue 19: `dnf -y install git-core-${version}` with
// no `version` anywhere was taken as pinned).
func TestDF443Variables(t *testing.T) {
	runCases(t, "DF443", []ruleCase{
		{name: "undefined", src: "FROM fedora:41\nRUN dnf -y install git-core-${version}\n", want: 1, onbuild: true},
		{name: "undefined unbraced", src: "FROM fedora:41\nRUN dnf -y install git-core-$version\n", want: 1},
		{name: "ENV", src: "FROM fedora:41\nENV version=2.51.0-2.fc42\nRUN dnf -y install git-core-${version}\n", want: 0, onbuild: true},
		{name: "ARG with default", src: "FROM fedora:41\nARG version=2.51.0\nRUN dnf -y install git-core-$version\n", want: 0},
		{name: "ARG without default", src: "FROM fedora:41\nARG version\nRUN dnf -y install git-core-${version}\n", want: 0},
		{name: "ARG after the RUN", src: "FROM fedora:41\nRUN dnf -y install git-core-${version}\nARG version=2.51.0\n", want: 1},
		{name: "ENV of the base stage", src: "FROM fedora:41 AS base\nENV version=2.51.0\nFROM base\nRUN dnf -y install git-core-${version}\n", want: 0},
		// hadolint takes an ARG of any earlier stage; BuildKit does not
		// carry it into an unrelated stage, where it expands to nothing.
		{name: "ARG of another stage", src: "FROM fedora:41 AS build\nARG version=2.51.0\nFROM fedora:41\nRUN dnf -y install git-core-${version}\n", want: 1},
		{name: "ENV of another stage", src: "FROM fedora:41 AS build\nENV version=2.51.0\nFROM fedora:41\nRUN dnf -y install git-core-${version}\n", want: 1},
		// A global ARG is in a stage's scope only when the stage declares it.
		{name: "global ARG not declared", src: "ARG version=2.51.0\nFROM fedora:41\nRUN dnf -y install git-core-${version}\n", want: 1},
		{name: "global ARG declared", src: "ARG version=2.51.0\nFROM fedora:41\nARG version\nRUN dnf -y install git-core-${version}\n", want: 0},
		{name: "assigned in the RUN", src: "FROM fedora:41\nRUN version=2.51.0 && dnf -y install git-core-${version}\n", want: 0},
		{name: "exported in the RUN", src: "FROM fedora:41\nRUN export version=2.51.0; dnf -y install git-core-${version}\n", want: 0},
		{name: "read in the RUN", src: "FROM fedora:41\nRUN read -r version < /VERSION && dnf -y install git-core-${version}\n", want: 0},
		{name: "loop variable", src: "FROM fedora:41\nRUN for v in 2.51.0; do dnf -y install git-core-$v; done\n", want: 0},
		{name: "assigned after", src: "FROM fedora:41\nRUN dnf -y install git-core-${version}; version=2.51.0\n", want: 1},
		{name: "assigned in sh -c", src: "FROM fedora:41\nRUN sh -c 'v=2.51.0; dnf -y install git-core-$v'\n", want: 0},
		{name: "default in the word", src: "FROM fedora:41\nRUN dnf -y install git-core-${version:-2.51.0}\n", want: 0},
		{name: "command substitution", src: "FROM fedora:41\nRUN dnf -y install git-core-$(cat /VERSION)\n", want: 0},
		{name: "version written, name a variable", src: "FROM fedora:41\nRUN dnf -y install ${PKG}-2.51.0\n", want: 0},
		{name: "only a variable", src: "FROM fedora:41\nRUN dnf -y install $PACKAGES\n", want: 0},
		{name: "zypper undefined", src: "FROM opensuse/leap:15.6\nRUN zypper -n in curl${suffix}\n", want: 1},
		{name: "zypper defined", src: "FROM opensuse/leap:15.6\nARG suffix==8.0\nRUN zypper -n in curl${suffix}\n", want: 0},
	})
}

// TestDF443HadolintCases covers the ground of hadolint's DL3033 (yum),
// DL3041 (dnf, microdnf) and DL3037 (zypper) specs with dflint's own
// Dockerfiles.
func TestDF443HadolintCases(t *testing.T) {
	runCases(t, "DF443", []ruleCase{
		{name: "DL3033 yum unpinned", src: "FROM centos:7\nRUN yum install -y nginx && yum clean all\n", want: 1, onbuild: true},
		{name: "DL3033 yum pinned", src: "FROM centos:7\nRUN yum install -y nginx-1.20 && yum clean all\n", want: 0, onbuild: true},
		{name: "DL3033 not yum", src: "FROM centos:7\nRUN bash -c 'echo no package manager'\n", want: 0},
		{name: "DL3033 epoch", src: "FROM centos:7\nRUN yum install -y openssl-1:1.1.1k\n", want: 0},
		{name: "DL3033 dash in name", src: "FROM centos:7\nRUN yum install -y rpm-sign-4.16.1.3\n", want: 0},
		{name: "DL3033 plus in name", src: "FROM centos:7\nRUN yum install -y gcc-c++-8.5.0\n", want: 0},
		{name: "DL3033 module without stream", src: "FROM rockylinux:8\nRUN yum module install -y nodejs && yum clean all\n", want: 1, onbuild: true},
		{name: "DL3033 module with stream", src: "FROM rockylinux:8\nRUN yum module install -y nodejs:20 && yum clean all\n", want: 0, onbuild: true},
		{name: "module with stream and profile", src: "FROM rockylinux:8\nRUN dnf module install -y nodejs:20/minimal\n", want: 0},
		{name: "module enable", src: "FROM rockylinux:8\nRUN dnf module enable -y nodejs\n", want: 0},
		{name: "module stream from a variable", src: "FROM rockylinux:8\nRUN dnf module install -y $MODULES\n", want: 0},

		{name: "DL3041 dnf unpinned", src: "FROM fedora:41\nRUN dnf install -y tomcat && dnf clean all\n", want: 1, onbuild: true},
		{name: "DL3041 microdnf unpinned", src: "FROM ubi9-minimal\nRUN microdnf install -y tomcat && microdnf clean all\n", want: 1},
		{name: "DL3041 dash in name, unpinned", src: "FROM fedora:41\nRUN dnf install -y rpm-sign\n", want: 1},
		{name: "DL3041 dnf pinned", src: "FROM fedora:41\nRUN dnf install -y tomcat-9.0.1 && dnf clean all\n", want: 0},
		{name: "DL3041 microdnf pinned", src: "FROM ubi9-minimal\nRUN microdnf install -y rpm-sign-4.16.1.3\n", want: 0},
		{name: "DL3041 not dnf", src: "FROM fedora:41\nRUN notdnf install tomcat\n", want: 0},
		{name: "DL3041 epoch", src: "FROM fedora:41\nRUN microdnf install -y openssl-1:1.1.1k\n", want: 0},
		{name: "DL3041 module without stream", src: "FROM fedora:41\nRUN dnf module install -y tomcat && dnf clean all\n", want: 1},
		{name: "DL3041 module with stream", src: "FROM fedora:41\nRUN dnf module install -y tomcat:9 && dnf clean all\n", want: 0},
		{name: "DL3041 not dnf module", src: "FROM fedora:41\nRUN notdnf module install tomcat\n", want: 0},
		{name: "DL3041 group install", src: "FROM fedora:41\nRUN dnf -y group install \"Development Tools\"\n", want: 0},
		{name: "DL3041 group install with setopt", src: "FROM fedora:41\nRUN dnf -y --setopt=group_package_types=mandatory group install \"Development Tools\"\n", want: 0},

		{name: "DL3037 zypper unpinned", src: "FROM opensuse/leap:15.6\nRUN zypper install -y tomcat && zypper clean\n", want: 1, onbuild: true},
		{name: "DL3037 equals", src: "FROM opensuse/leap:15.6\nRUN zypper install -y tomcat=9.0.39 && zypper clean\n", want: 0},
		{name: "DL3037 at least", src: "FROM opensuse/leap:15.6\nRUN zypper install -y 'tomcat>=9.0' && zypper clean\n", want: 0},
		{name: "DL3037 greater", src: "FROM opensuse/leap:15.6\nRUN zypper install -y tomcat\\>9.0\n", want: 0},
		{name: "DL3037 at most", src: "FROM opensuse/leap:15.6\nRUN zypper install -y \"tomcat<=9.0\"\n", want: 0},
		{name: "DL3037 rpm file", src: "FROM opensuse/leap:15.6\nRUN zypper install -y tomcat-9.0.39-1.rpm\n", want: 0},
	})
}
