FROM alpine:3.20
run echo hi
RUN echo there
