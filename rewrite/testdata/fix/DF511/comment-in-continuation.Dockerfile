FROM alpine:3.20
run a \
# run inside
    && b
RUN c
