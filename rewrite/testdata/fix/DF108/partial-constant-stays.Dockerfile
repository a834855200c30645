FROM --platform=linux/amd64 node:20 AS assets
RUN echo build

FROM --platform=$TARGETPLATFORM nginx:1.27
COPY --from=assets /dist /usr/share/nginx/html
