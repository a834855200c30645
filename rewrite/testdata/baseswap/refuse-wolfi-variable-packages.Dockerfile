FROM debian:bookworm-slim
ARG PACKAGES="curl git"
RUN apt-get update && apt-get install -y $PACKAGES && rm -rf /var/lib/apt/lists/*
CMD ["app"]
