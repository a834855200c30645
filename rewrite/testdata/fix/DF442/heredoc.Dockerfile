FROM opensuse/leap:15.6
RUN <<EOF
set -eux
zypper -n install curl
EOF
