FROM rockylinux:9
RUN dnf --setopt=tsflags=nodocs install \
    # web server
    httpd \
 && dnf clean all
FROM opensuse/leap:15.6
RUN zypper in curl && zypper clean --all
