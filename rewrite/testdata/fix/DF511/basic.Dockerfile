FROM alpine:3.20 as build
run echo hi
RUN echo there
