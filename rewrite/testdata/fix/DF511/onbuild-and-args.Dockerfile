arg V=1
FROM alpine:3.20
ONBUILD run echo $V
RUN a
