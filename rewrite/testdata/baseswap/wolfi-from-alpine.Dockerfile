FROM alpine:3.20
RUN apk add --no-cache icu-libs tar curl=8.9.1-r0 musl-dev
CMD ["sh"]
