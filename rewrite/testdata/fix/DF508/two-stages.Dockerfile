FROM debian:12 AS a
RUN a | b
RUN c | d
FROM a
RUN e | f
FROM alpine:3.20
    RUN g | h
