FROM debian:12
RUN <<EOF
a
EOF
RUN b
RUN c
