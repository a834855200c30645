FROM alpine:3.20
run <<EOF
RUN inside
EOF
RUN b
