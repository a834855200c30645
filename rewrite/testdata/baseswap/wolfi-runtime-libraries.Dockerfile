FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends libcurl4 libsqlite3-0 libpq5 zlib1g libc6 g++ pkg-config \
 && rm -rf /var/lib/apt/lists/*
COPY app /usr/local/bin/app
CMD ["app"]
