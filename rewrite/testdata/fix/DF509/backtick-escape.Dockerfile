# escape=`
FROM debian:12
RUN a `
    && b
RUN c
