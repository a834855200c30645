# escape=`
FROM debian:12
RUN a `
    --flag
RUN c
