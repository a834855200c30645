FROM alpine:3.20
ENV GREETING hello world
ENV PATH $PATH:/opt/bin
LABEL description "my image" extra
ENV DEPS \
		gcc \
		make
