FROM alpine:3.20
RUN a
cmd ["b"]