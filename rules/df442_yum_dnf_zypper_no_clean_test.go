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

// TestDF442HadolintCases covers the ground of hadolint's DL3032 (yum),
// DL3040 (dnf, microdnf) and DL3036 (zypper) specs with dflint's own
// Dockerfiles. Where dflint answers differently the case says why.
func TestDF442HadolintCases(t *testing.T) {
	runCases(t, "DF442", []ruleCase{
		// DL3032: yum.
		{name: "DL3032 yum install", src: "FROM centos:7\nRUN yum install -y nginx-1.20\n", want: 1, onbuild: true},
		{name: "DL3032 yum clean all", src: "FROM centos:7\nRUN yum install -y nginx-1.20 && yum clean all\n", want: 0, onbuild: true},
		{name: "DL3032 rm yum cache", src: "FROM centos:7\nRUN yum install -y nginx-1.20 && rm -rf /var/cache/yum/*\n", want: 0, onbuild: true},
		{name: "DL3032 not yum", src: "FROM centos:7\nRUN notyum install nginx\n", want: 0, onbuild: true},
		{name: "DL3032 clean before install", src: "FROM centos:7\nRUN yum clean all && yum install -y nginx-1.20\n", want: 1, onbuild: true},
		{name: "DL3032 rm before install", src: "FROM centos:7\nRUN rm -rf /var/cache/yum && yum install -y nginx-1.20\n", want: 1},
		// dflint also wants the clean after the last install, which hadolint
		// does not check: the second install fills the cache again.
		{name: "clean between installs", src: "FROM centos:7\nRUN yum install -y a && yum clean all && yum install -y b\n", want: 1},
		{name: "clean after both installs", src: "FROM centos:7\nRUN yum clean all && yum install -y a && yum install -y b && yum clean all\n", want: 0},

		// DL3040: dnf and microdnf.
		{name: "DL3040 dnf install", src: "FROM fedora:41\nRUN dnf install -y mariadb-10.4\n", want: 1, onbuild: true},
		{name: "DL3040 microdnf install", src: "FROM ubi9-minimal\nRUN microdnf install -y mariadb-10.4\n", want: 1, onbuild: true},
		{name: "DL3040 dnf in", src: "FROM fedora:41\nRUN dnf in -y mariadb-10.4\n", want: 1, onbuild: true},
		{name: "DL3040 dnf clean all", src: "FROM fedora:41\nRUN dnf in -y mariadb-10.4 && dnf clean all\n", want: 0, onbuild: true},
		{name: "DL3040 microdnf clean all", src: "FROM ubi9-minimal\nRUN microdnf install -y mariadb-10.4 && microdnf clean all\n", want: 0, onbuild: true},
		{name: "DL3040 not dnf", src: "FROM fedora:41\nRUN notdnf install mariadb\n", want: 0, onbuild: true},
		{name: "DL3040 rm yum cache", src: "FROM fedora:41\nRUN dnf install -y mariadb-10.4 && rm -rf /var/cache/yum/*\n", want: 0, onbuild: true},
		// hadolint wants the clean from the same command name; dnf and
		// microdnf share one cache, so dflint accepts either.
		{name: "DL3040 dnf install, microdnf clean", src: "FROM ubi9\nRUN dnf install -y mariadb-10.4 && microdnf clean all\n", want: 0, onbuild: true},
		{name: "DL3040 clean before install", src: "FROM fedora:41\nRUN microdnf clean all && dnf install -y mariadb-10.4\n", want: 1, onbuild: true},
		{name: "DL3040 clean before in", src: "FROM fedora:41\nRUN microdnf clean all && dnf in -y mariadb-10.4\n", want: 1},
		{name: "DL3040 rm libdnf5 before install", src: "FROM fedora:41\nRUN rm -rf /var/cache/libdnf5 && dnf install -y mariadb-10.4\n", want: 1, onbuild: true},
		{name: "DL3040 rm libdnf5 before microdnf", src: "FROM fedora:41\nRUN rm -rf /var/cache/libdnf5 && microdnf install -y mariadb-10.4\n", want: 1},
		{name: "rm libdnf5 after install", src: "FROM fedora:41\nRUN dnf install -y mariadb-10.4 && rm -rf /var/cache/libdnf5*\n", want: 0, onbuild: true},
		{name: "rm libdnf5 contents", src: "FROM fedora:41\nRUN dnf install -y mariadb-10.4 && rm -rf /var/cache/libdnf5/*\n", want: 0},
		{name: "DL3040 cache mount libdnf5", src: "FROM fedora:41\nRUN --mount=type=cache,target=/var/cache/libdnf5 dnf install -y mariadb-10.4\n", want: 0, onbuild: true},
		{name: "DL3040 cache mount libdnf5 microdnf", src: "FROM fedora:41\nRUN --mount=type=cache,target=/var/cache/libdnf5 microdnf install -y mariadb-10.4\n", want: 0},
		{name: "DL3040 tmpfs mount libdnf5", src: "FROM fedora:41\nRUN --mount=type=tmpfs,target=/var/cache/libdnf5 dnf in -y mariadb-10.4\n", want: 0, onbuild: true},
		{name: "DL3040 user cache mount libdnf5", src: "FROM fedora:41\nRUN --mount=type=cache,target=/home/build/.cache/libdnf5 dnf install -y mariadb-10.4\n", want: 0},
		{name: "cache mount on /var/cache", src: "FROM fedora:41\nRUN --mount=type=cache,target=/var/cache dnf install -y mariadb-10.4\n", want: 0},
		{name: "cache mount elsewhere", src: "FROM fedora:41\nRUN --mount=type=cache,target=/var/cache/libdnf dnf install -y mariadb-10.4\n", want: 1},
		{name: "bind mount on cache", src: "FROM fedora:41\nRUN --mount=type=bind,target=/var/cache/libdnf5 dnf install -y mariadb-10.4\n", want: 1},
		{name: "DL3040 dnf upgrade", src: "FROM fedora:41\nRUN dnf -y upgrade\n", want: 1, onbuild: true},
		{name: "DL3040 dnf up", src: "FROM fedora:41\nRUN dnf -y up\n", want: 1, onbuild: true},
		{name: "DL3040 dnf upgrade-minimal", src: "FROM fedora:41\nRUN dnf -y upgrade-minimal\n", want: 1},
		{name: "DL3040 dnf up-min", src: "FROM fedora:41\nRUN dnf -y up-min\n", want: 1},
		{name: "DL3040 dnf reinstall", src: "FROM fedora:41\nRUN dnf -y reinstall bash\n", want: 1},
		{name: "DL3040 dnf rei", src: "FROM fedora:41\nRUN dnf -y rei bash\n", want: 1},
		{name: "DL3040 dnf upgrade clean", src: "FROM fedora:41\nRUN dnf -y upgrade && dnf clean all\n", want: 0},
		{name: "DL3040 dnf up-min clean", src: "FROM fedora:41\nRUN dnf -y up-min && dnf clean all\n", want: 0},
		{name: "DL3040 dnf rei clean", src: "FROM fedora:41\nRUN dnf -y rei bash && dnf clean all\n", want: 0},
		// dnf update is dnf upgrade under its older name; yum's update
		// fills the same cache.
		{name: "dnf update", src: "FROM fedora:41\nRUN dnf -y update\n", want: 1},
		{name: "yum update", src: "FROM centos:7\nRUN yum -y update\n", want: 1},
		{name: "yum update clean", src: "FROM centos:7\nRUN yum -y update && yum clean all\n", want: 0},
		{name: "dnf module install", src: "FROM rockylinux:9\nRUN dnf -y module install nodejs:20\n", want: 1},
		{name: "dnf module enable", src: "FROM rockylinux:9\nRUN dnf -y module enable nodejs:20\n", want: 0},
		{name: "dnf group install", src: "FROM fedora:41\nRUN dnf -y group install 'Development Tools'\n", want: 1},
		{name: "dnf group install clean", src: "FROM fedora:41\nRUN dnf -y group install 'Development Tools' && dnf clean all\n", want: 0},
		{name: "dnf5", src: "FROM fedora:41\nRUN dnf5 install -y git && dnf5 clean all\n", want: 0},

		// DL3036: zypper.
		{name: "DL3036 zypper install", src: "FROM opensuse/leap:15.6\nRUN zypper install -y mariadb=10.4\n", want: 1, onbuild: true},
		{name: "DL3036 zypper in", src: "FROM opensuse/leap:15.6\nRUN zypper in -y mariadb=10.4\n", want: 1},
		{name: "DL3036 zypper clean", src: "FROM opensuse/leap:15.6\nRUN zypper install -y mariadb=10.4 && zypper clean\n", want: 0, onbuild: true},
		{name: "DL3036 zypper cc", src: "FROM opensuse/leap:15.6\nRUN zypper install -y mariadb=10.4 && zypper cc\n", want: 0},
		{name: "DL3036 cache mount", src: "FROM opensuse/leap:15.6\nRUN --mount=type=cache,target=/var/cache/zypp zypper install -y mariadb=10.4\n", want: 0, onbuild: true},
		{name: "DL3036 tmpfs mount", src: "FROM opensuse/leap:15.6\nRUN --mount=type=tmpfs,target=/var/cache/zypp zypper install -y mariadb=10.4\n", want: 0},
		{name: "DL3036 clean before install", src: "FROM opensuse/leap:15.6\nRUN zypper clean && zypper install -y mariadb=10.4\n", want: 1, onbuild: true},
		{name: "DL3036 clean before in", src: "FROM opensuse/leap:15.6\nRUN zypper cc && zypper in -y mariadb=10.4\n", want: 1},
		{name: "DL3036 not zypper", src: "FROM opensuse/leap:15.6\nRUN notzypper install mariadb\n", want: 0},
		// One family's clean does not clean the other's cache.
		{name: "yum clean does not clean zypper", src: "FROM opensuse/leap:15.6\nRUN zypper in -y a && yum clean all\n", want: 1},
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
