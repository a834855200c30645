FROM debian:12
RUN <<EOF
set -e
sudo useradd --uid=2000000 app
EOF
