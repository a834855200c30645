FROM alpine:3.20
ENV A it's
