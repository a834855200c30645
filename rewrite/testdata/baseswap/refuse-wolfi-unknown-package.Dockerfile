FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y curl libz3-dev && rm -rf /var/lib/apt/lists/*
CMD ["app"]
