# syntax=docker/dockerfile:1
FROM ubuntu:24.04
RUN <<EOT
set -eux
apt-get update
apt-get install -y --no-install-recommends git openssh-client jq
rm -rf /var/lib/apt/lists/*
EOT
COPY entrypoint.sh /entrypoint.sh
ENTRYPOINT ["/entrypoint.sh"]
