FROM debian:12
RUN <<EOF
set -e
curl -fsSL https://example.com | sh
EOF
