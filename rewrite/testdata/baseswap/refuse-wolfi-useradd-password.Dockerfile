FROM debian:bookworm-slim
RUN useradd -p secret -m app
CMD ["app"]
