FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y curl ca-certificates \
 && curl -fsSLo /usr/local/bin/gosu "https://github.com/tianon/gosu/releases/download/1.17/gosu-$(dpkg --print-architecture)" \
 && chmod +x /usr/local/bin/gosu
CMD ["app"]
