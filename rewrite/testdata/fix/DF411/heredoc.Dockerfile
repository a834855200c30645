FROM alpine:3.20
RUN <<EOF
set -e
apk update
apk add curl
EOF
